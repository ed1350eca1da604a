"""The table writer: column widths, header and dash lines, cells padded, aligned and cut with ….

Mirrors pwsh's TableWriter and ColumnWidthManager: one blank between columns, the last
column is not padded (unless right-aligned), columns that do not fit are shrunk from the
right and then hidden, labels wider than their column wrap onto extra header lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from pyshell.formatting.cells import (
    ELLIPSIS,
    cell_width,
    head_fitting,
    tail_fitting,
    truncate_at_newline,
    wrap_lines,
)

__all__ = ["Align", "TableWriter", "fit_columns", "TABLE_HEADER_STYLE", "RESET"]

#: $PSStyle.Formatting.TableHeader
TABLE_HEADER_STYLE = "\x1b[32;1m"
#: $PSStyle.Reset
RESET = "\x1b[0m"

_SEPARATOR = 1
_MIN_COLUMN = 1
_MIN_SCREEN = 5


class Align(IntEnum):
    """Column/cell alignment; UNDEFINED takes the column's (and left in the end)."""

    UNDEFINED = 0
    LEFT = 1
    CENTER = 2
    RIGHT = 3


def fit_columns(widths: Sequence[int], table_width: int) -> list[int]:
    """Final column widths: unset (0) columns share the free room; too wide tables lose columns.

    A hidden column gets -1. Columns are shrunk and hidden from the right.
    """
    result = list(widths)
    if all(w > 0 for w in result):
        if sum(result) + _SEPARATOR * (len(result) - 1) <= table_width:
            return result
    else:
        fixed = [w > 0 for w in result]
        result = [w if w > 0 else _MIN_COLUMN for w in result]
        available = table_width - _current_width(result)
        if available >= 0:
            while available > 0:
                for k, is_fixed in enumerate(fixed):
                    if is_fixed:
                        continue
                    result[k] += 1
                    available -= 1
                    if available == 0:
                        break
                if all(fixed):
                    break
            return result
    while True:
        excess = _current_width(result) - table_width
        if excess <= 0:
            return result
        last = _last_visible(result)
        if last < 0:
            return result
        shrunk = result[last] - excess
        result[last] = -1 if shrunk < _MIN_COLUMN else shrunk


def _current_width(widths: Sequence[int]) -> int:
    visible = [w for w in widths if w > 0]
    return sum(visible) + _SEPARATOR * (len(visible) - 1)


def _last_visible(widths: Sequence[int]) -> int:
    for k, w in enumerate(widths):
        if w < 0:
            return k - 1
    return len(widths) - 1


def _pad(text: str, width: int, align: Align, add_padding: bool) -> str:
    """One cell on a single line (pwsh's GenerateRowField)."""
    s = truncate_at_newline(text)
    n = cell_width(s)
    if n < width:
        gap = width - n
        if align == Align.RIGHT:
            s = " " * gap + s
        elif align == Align.CENTER:
            left = gap // 2
            s = " " * left + s + (" " * (gap - left) if add_padding else "")
        elif add_padding:
            s += " " * gap
    elif n > width:
        room = width - len(ELLIPSIS)
        if room > 0:
            s = ELLIPSIS + tail_fitting(s, room) if align == Align.RIGHT else head_fitting(s, room) + ELLIPSIS
        else:
            s = tail_fitting(s, width) if align == Align.RIGHT else head_fitting(s, width)
    if cell_width(s) == width:
        return s
    if align == Align.RIGHT:
        return " " + s
    return s + " " if add_padding else s


class TableWriter:
    """Lays out one table at a given screen width.

    :param labels: the column headers.
    :param widths: declared widths (0: share the free room).
    :param aligns: column alignments.
    :param screen_width: the room for the whole table.
    :param hide_header: -HideTableHeaders.
    :param ansi: wrap header and dash cells in $PSStyle.Formatting.TableHeader.
    """

    def __init__(self, labels: Sequence[str], widths: Sequence[int], aligns: Sequence[Align], screen_width: int,
                 *, hide_header: bool = False, ansi: bool = False) -> None:
        self.labels = list(labels)
        self.aligns = [a if a != Align.UNDEFINED else Align.LEFT for a in aligns]
        self.hide_header = hide_header
        self.ansi = ansi
        self.disabled = screen_width < _MIN_SCREEN or not labels
        self.widths: list[int] = []
        if not self.disabled:
            self.widths = fit_columns(widths, screen_width)
            self.disabled = not any(w >= _MIN_COLUMN for w in self.widths)

    def header(self) -> list[str]:
        """The label line(s) and the dash line."""
        if self.disabled or self.hide_header:
            return []
        lines = self._multi_line(self.labels, self.aligns, is_header=True)
        dashes = []
        for label, width in zip(self.labels, self.widths, strict=True):
            if width <= 0:
                dashes.append("")
                continue
            count = width
            if label and cell_width(label) < count:
                count = cell_width(label)
            dashes.append("-" * count)
        lines.append(self._single_line(dashes, self.aligns, is_header=True))
        return lines

    def row(self, values: Sequence[str], aligns: Sequence[Align] | None = None, *, wrap: bool = False) -> list[str]:
        """The screen line(s) of one row: one line, or several when wrap (-Wrap) is set."""
        if self.disabled:
            return []
        n = len(self.widths)
        cells = list(values[:n]) + [""] * (n - len(values))
        effective = list(self.aligns)
        if aligns is not None:
            for k, a in enumerate(aligns[:n]):
                if a != Align.UNDEFINED:
                    effective[k] = a
        if wrap:
            return self._multi_line(cells, effective, is_header=False)
        return [self._single_line(cells, effective, is_header=False)]

    def _single_line(self, values: Sequence[str], aligns: Sequence[Align], *, is_header: bool) -> str:
        out: list[str] = []
        last = len(self.widths) - 1
        for k, width in enumerate(self.widths):
            if width <= 0:
                continue
            if k > 0:
                out.append(" " * _SEPARATOR)
            field = _pad(values[k] or "", width, aligns[k], k != last)
            if is_header and self.ansi:
                out.append(TABLE_HEADER_STYLE + field + RESET)
            elif "\x1b" in field and not field.rstrip().endswith(RESET):
                out.append(field + RESET)
            else:
                out.append(field)
        return "".join(out)

    def _multi_line(self, values: Sequence[str], aligns: Sequence[Align], *, is_header: bool) -> list[str]:
        visible = [k for k, w in enumerate(self.widths) if w > 0]
        columns: list[list[str]] = []
        for i, k in enumerate(visible):
            width = self.widths[k]
            add_padding = i != len(visible) - 1
            lines = wrap_lines(values[k] or "", width, width)
            if add_padding or aligns[k] in (Align.RIGHT, Align.CENTER):
                lines = [_pad(s, width, aligns[k], add_padding) if cell_width(s) < width else s for s in lines]
            if i > 0:
                lines = [" " * _SEPARATOR + s for s in lines]
            columns.append(lines)
        rows = max(len(c) for c in columns)
        last_with_content = [max(i for i, c in enumerate(columns) if len(c) > r) for r in range(rows)]
        for i, k in enumerate(visible):
            padding = 0
            if i < len(visible) - 1:
                padding = self.widths[k] + (_SEPARATOR if i > 0 else 0)
            for r in range(len(columns[i]), rows):
                columns[i].append("" if i > last_with_content[r] else " " * padding)
        out: list[str] = []
        for r in range(rows):
            parts = []
            for i, column in enumerate(columns):
                value = column[r]
                if i == last_with_content[r] and rows > 1:
                    value = value.rstrip()
                parts.append(TABLE_HEADER_STYLE + value + RESET if is_header and self.ansi else value)
            out.append("".join(parts))
        return out
