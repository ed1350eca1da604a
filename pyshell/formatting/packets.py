"""What Format-* cmdlets emit and Out-* cmdlets print: the formatting packets.

A format sequence is FormatStartData, GroupStartData, FormatEntryData..., GroupEndData,
FormatEndData (pwsh's format protocol). Cell texts are already strings; widths are decided by
whoever prints them, so `Get-Process | ft | Out-String -Width 200` lays out at 200 columns.
Out-of-band entries (a string inside a table, an error) print on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pyshell.formatting.table import Align

__all__ = [
    "Shape",
    "TableColumnInfo",
    "FormatStartData",
    "GroupStartData",
    "GroupEndData",
    "FormatEndData",
    "FormatEntryData",
    "TableRow",
    "ListEntry",
    "WideEntry",
    "ComplexEntry",
    "RawText",
    "is_packet",
]

_NS = "Microsoft.PowerShell.Commands.Internal.Format."


class Shape(Enum):
    TABLE = "Table"
    LIST = "List"
    WIDE = "Wide"
    COMPLEX = "Custom"


@dataclass(frozen=True, slots=True)
class TableColumnInfo:
    label: str
    width: int = 0  #: 0: decided when printing (from the first rows, or the free room)
    align: Align = Align.UNDEFINED


@dataclass(frozen=True, slots=True)
class TableRow:
    values: tuple[str, ...]
    aligns: tuple[Align, ...] = ()  #: per-cell overrides (UNDEFINED: the column's)
    wrap: bool = False


@dataclass(frozen=True, slots=True)
class ListEntry:
    fields: tuple[tuple[str, str], ...]  #: (label, value text) pairs


@dataclass(frozen=True, slots=True)
class WideEntry:
    value: str


@dataclass(frozen=True, slots=True)
class ComplexEntry:
    """Free-form text (DateTime, group headers); `error` is an ErrorRecord rendered when printed.

    `lines`, when given, are (left, right, first-line indentation, text) that the printer wraps
    at its width (Format-Custom and CustomControl views, as pwsh's ComplexWriter).
    """

    text: str = ""
    error: Any = None
    lines: tuple[tuple[int, int, int, str], ...] | None = None


@dataclass(frozen=True, slots=True)
class RawText:
    """An object shown with its ToString(), one line per line of text."""

    text: str


class _Packet:
    __slots__ = ()
    PS_PROPERTIES: tuple[str, ...] = ()

    def ps_to_string(self) -> str:
        return type(self).PS_TYPE_NAMES[0]  # type: ignore[attr-defined,no-any-return]


@dataclass(frozen=True, slots=True)
class FormatStartData(_Packet):
    shape: Shape
    columns: tuple[TableColumnInfo, ...] = ()
    hide_header: bool = False
    autosize: bool = False
    wide_columns: int = 0  #: Format-Wide -Column
    repeat_header: bool = False  #: Format-Table -RepeatHeader: repeat the header every screenful
    PS_TYPE_NAMES = (_NS + "FormatStartData", _NS + "StartData", _NS + "PacketInfoData", "System.Object")


@dataclass(frozen=True, slots=True)
class GroupStartData(_Packet):
    header: tuple[str, ...] = ()  #: the group header lines (empty: no header)
    PS_TYPE_NAMES = (_NS + "GroupStartData", _NS + "StartData", _NS + "PacketInfoData", "System.Object")


@dataclass(frozen=True, slots=True)
class GroupEndData(_Packet):
    PS_TYPE_NAMES = (_NS + "GroupEndData", _NS + "PacketInfoData", "System.Object")


@dataclass(frozen=True, slots=True)
class FormatEndData(_Packet):
    PS_TYPE_NAMES = (_NS + "FormatEndData", _NS + "PacketInfoData", "System.Object")


@dataclass(frozen=True, slots=True)
class FormatEntryData(_Packet):
    entry: TableRow | ListEntry | WideEntry | ComplexEntry | RawText
    out_of_band: bool = False
    PS_TYPE_NAMES = (_NS + "FormatEntryData", _NS + "PacketInfoData", "System.Object")


def is_packet(obj: Any) -> bool:
    """Whether obj is formatting output (from Format-*) rather than an object to format."""
    return isinstance(obj, _Packet)
