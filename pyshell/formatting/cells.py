"""Text of one value in a table cell or list field, and screen-cell arithmetic.

Follows pwsh's PSObjectHelper.SmartToString: collections show as {a, b, c, d…} (at most
$FormatEnumerationLimit items), dates in the en-US long-time form, doubles in view-less
tables with two decimals. Widths count screen cells: East Asian wide characters take two,
VT escape sequences none.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, Hashtable, PSObject, get_property, property_names, type_names
from pyshell.formatting.formatstrings import display_datetime, format_composite, format_value

__all__ = [
    "ELLIPSIS",
    "ENUMERATION_LIMIT",
    "DictionaryEntry",
    "KeyValuePair",
    "strip_vt",
    "cell_width",
    "head_fitting",
    "tail_fitting",
    "truncate_at_newline",
    "field_text",
    "element_text",
    "display_name_property",
    "is_scalar",
    "enumerate_for_display",
    "split_lines",
    "wrap_lines",
]

ELLIPSIS = "\u2026"
#: $FormatEnumerationLimit's default
ENUMERATION_LIMIT = 4

_VT = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

_SCALAR_TYPES = frozenset(
    n.casefold()
    for n in (
        "System.String", "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32",
        "System.UInt32", "System.Int64", "System.UInt64", "System.Char", "System.Single", "System.Double",
        "System.Boolean", "System.Decimal", "System.IntPtr", "System.Security.SecureString",
        "System.Numerics.BigInteger",
    )
)


class DictionaryEntry:
    """One key/value pair of a hashtable, as the formatter enumerates @{} into rows."""

    PS_TYPE_NAMES = ("System.Collections.DictionaryEntry", "System.ValueType", "System.Object")
    PS_PROPERTIES = ("Name", "Key", "Value")

    def __init__(self, key: Any, value: Any) -> None:
        self.Name = key
        self.Key = key
        self.Value = value

    def ps_to_string(self) -> str:
        return f"[{to_string(self.Key)}, {to_string(self.Value)}]"


class KeyValuePair:
    """One pair of a generic Dictionary[K,V]: pwsh shows these as Key/Value (no view, two properties)."""

    PS_PROPERTIES = ("Key", "Value")

    def __init__(self, type_name: str, key: Any, value: Any) -> None:
        self.PS_TYPE_NAMES = (type_name, "System.ValueType", "System.Object")
        self.Key = key
        self.Value = value

    def ps_to_string(self) -> str:
        return f"[{to_string(self.Key)}, {to_string(self.Value)}]"


_GENERIC_DICTIONARY = "System.Collections.Generic."


def _pairs(table: Hashtable) -> list[Any]:
    """A hashtable's items: DictionaryEntry, or KeyValuePair`2[[K],[V]] for a generic dictionary."""
    names = type_names(table)
    # the first generic Dictionary in the type chain (PSBoundParametersDictionary derives from one)
    first = next((n for n in names if n.startswith(_GENERIC_DICTIONARY) and "`2" in n), "")
    if first:
        pair_type = _GENERIC_DICTIONARY + "KeyValuePair" + first[first.index("`2"):]
        return [KeyValuePair(pair_type, table.original_key(k), v) for k, v in table.items()]
    return [DictionaryEntry(table.original_key(k), v) for k, v in table.items()]


# -- screen cells ------------------------------------------------------------------------


def strip_vt(text: str) -> str:
    """text without VT (ANSI) escape sequences."""
    return _VT.sub("", text) if "\x1b" in text else text


def _char_cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """How many screen cells text takes."""
    plain = strip_vt(text)
    if plain.isascii():
        return len(plain)
    return sum(_char_cells(c) for c in plain)


def _pieces(text: str) -> Iterator[tuple[str, int]]:
    """(piece, cells): escape sequences with 0 cells, characters with their width."""
    pos = 0
    for m in _VT.finditer(text):
        for ch in text[pos : m.start()]:
            yield ch, _char_cells(ch)
        yield m.group(), 0
        pos = m.end()
    for ch in text[pos:]:
        yield ch, _char_cells(ch)


def head_fitting(text: str, cells: int) -> str:
    """The longest start of text that fits in cells (escape sequences kept)."""
    out: list[str] = []
    used = 0
    for piece, w in _pieces(text):
        if used + w > cells:
            break
        out.append(piece)
        used += w
    return "".join(out)


def tail_fitting(text: str, cells: int) -> str:
    """The longest end of text that fits in cells."""
    out: list[str] = []
    used = 0
    for piece, w in reversed(list(_pieces(text))):
        if used + w > cells:
            break
        out.append(piece)
        used += w
    return "".join(reversed(out))


def truncate_at_newline(text: str) -> str:
    """First line of text, followed by … when there was more."""
    for i, ch in enumerate(text):
        if ch in "\r\n":
            return text[:i] + ELLIPSIS
    return text


def split_lines(text: str) -> list[str]:
    """Lines of text on \\n and \\r\\n; a lone \\r stays in its line, as pwsh's SplitLines keeps it."""
    return text.replace("\r\n", "\n").split("\n")


def _words(line: str) -> Iterator[tuple[str, str]]:
    """(word, delimiter) pairs; the delimiter is the blank, tab or soft hyphen that ended the word."""
    start = 0
    for i, ch in enumerate(line):
        if ch in " \t\u00ad":
            yield line[start:i], ch
            start = i + 1
    yield line[start:], ""


def wrap_lines(text: str, first: int, following: int) -> list[str]:
    """Break text into screen lines: honour newlines, then wrap at blanks (pwsh's en-US word wrap)."""
    if not text:
        return [text]
    out: list[str] = []
    for line in split_lines(text):
        if cell_width(line) <= first:
            out.append(line)
            continue
        out.extend(_wrap_one(line, first, following))
    return out


def _wrap_one(line: str, first: int, following: int) -> list[str]:
    out: list[str] = []
    spaces_left = line_width = first
    first_line = True
    current = ""
    for word, delim in _words(line):
        if delim == "\u00ad":
            suffix = "-" if cell_width(word) + 1 == spaces_left else ""
        else:
            suffix = delim
        piece = word + suffix
        width = cell_width(piece)
        if line_width == 0:
            if first_line:
                first_line, line_width = False, following
            if line_width == 0:
                break
            spaces_left = line_width
        if width > line_width:
            for ch, cw in _pieces(piece):
                if cw > line_width:
                    ch, cw = "?", 1
                if cw > spaces_left:
                    out.append(current)
                    current = ch
                    if first_line:
                        first_line, line_width = False, following
                    spaces_left = line_width - cw
                else:
                    current += ch
                    spaces_left -= cw
        elif width > spaces_left:
            out.append(current)
            current = piece
            if first_line:
                first_line, line_width = False, following
            spaces_left = line_width - width
        else:
            current += piece
            spaces_left -= width
    out.append(current)
    return out


# -- values ------------------------------------------------------------------------------


def _base(value: Any) -> Any:
    if isinstance(value, PSObject) and value.base is not None and value.text is None:
        return value.base
    return value


def is_scalar(obj: Any) -> bool:
    """Whether pwsh prints obj with ToString() instead of a view (strings, numbers, bools, enums)."""
    names = type_names(obj)
    if not names:
        return False
    first = names[0]
    if first.startswith("Deserialized."):
        first = first[len("Deserialized.") :]
    if len(names) > 1 and names[1] == "System.Enum":
        return True
    return first.casefold() in _SCALAR_TYPES


def enumerate_for_display(value: Any) -> list[Any] | None:
    """The items of value when it is a collection (hashtables give DictionaryEntry items), else None."""
    value = _base(value)
    if isinstance(value, (str, bytes)):
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Hashtable):
        return _pairs(value)
    if getattr(value, "PS_ENUMERABLE", False):
        return list(value)
    return None


_NAME_PATTERNS = ("name", "id", "key", "*key", "*name", "*id")
_REMOTING = frozenset(n.casefold() for n in ("PSComputerName", "PSShowComputerName", "RunspaceId",
                                              "PSSourceJobInstanceId"))


def display_name_property(obj: Any) -> str | None:
    """The property that names obj (Format-Wide's default): DefaultDisplayProperty, Name, Id, Key..."""
    default = getattr(obj, "PS_DEFAULT_DISPLAY_PROPERTY", None)
    if default:
        return str(default)
    names = property_names(obj)
    for pattern in _NAME_PATTERNS:
        for n in names:
            if fnmatch.fnmatchcase(n.casefold(), pattern) and n.casefold() not in _REMOTING:
                return n
    return None


def _declares_to_string(x: Any) -> bool:
    return isinstance(x, (str, int, float, _dt.datetime, _dt.timedelta, PSObject)) or hasattr(x, "ps_to_string")


def element_text(x: Any) -> str:
    """How one item of a collection shows inside {…} (pwsh's GetObjectName)."""
    if x is None:
        return "$null"
    if isinstance(x, (list, tuple)):
        # PSObject.ToString of an array: its items joined by spaces, nested arrays by type name
        return " ".join(type_names(i)[0] if isinstance(i, (list, tuple)) else to_string(i) for i in x)
    if isinstance(x, PSObject):
        return field_text(x)
    default = getattr(x, "PS_DEFAULT_DISPLAY_PROPERTY", None)
    if default and get_property(x, default) is not MISSING:
        return _scalar_text(get_property(x, default))  # a declared display name wins over ToString (Match: {0, 1})
    if _declares_to_string(x):
        return _scalar_text(x)
    name = display_name_property(x)
    if name is not None:
        value = get_property(x, name)
        if value is not MISSING:
            return _scalar_text(value)
    return to_string(x)


def _scalar_text(value: Any, *, table: bool = False) -> str:
    value = _base(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (float, Decimal)):
        # a view-less table shows the culture's two decimals; elsewhere the full ToString() ([float] as Single)
        return format_value(value, "F") if table else to_string(value)
    if isinstance(value, _dt.datetime):
        return display_datetime(value)
    if hasattr(value, "ps_as_string"):  # a Type shows its ToString() (System.Array), not its string conversion
        return str(value.ps_to_string())
    return to_string(value)


def field_text(value: Any, *, table: bool = False, format_string: str | None = None,
               limit: int = ENUMERATION_LIMIT) -> str:
    """The text of a property value in a cell or list field (pwsh's FormatField).

    :param table: a view-less table cell (doubles show with two decimals).
    :param format_string: a .NET format (composite when it contains "{0" or "}").
    :param limit: how many collection items to show before "…".
    """
    if format_string:
        try:
            if "{0" in format_string or "}" in format_string:
                return format_composite(format_string, [_base(value)])
            return format_value(value, format_string)
        except ValueError:
            pass
    items = enumerate_for_display(value)
    if items is not None:
        shown: list[str] = []
        for i, item in enumerate(items):
            if limit >= 0 and i == limit:
                return "{" + ", ".join(shown) + ELLIPSIS + "}"
            shown.append(element_text(item))
        return "{" + ", ".join(shown) + "}"
    return _scalar_text(value, table=table)
