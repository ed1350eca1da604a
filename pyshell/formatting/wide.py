"""The wide writer (Format-Wide): one value per object, several objects per line.

Columns share the screen equally (pwsh's auto-sized table columns without a header); with
-AutoSize the count comes from the widest value, with -Column it is given, else it is two.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyshell.formatting.table import Align, TableWriter

__all__ = ["WideWriter", "items_per_row"]

_DEFAULT_ITEMS = 2


def items_per_row(longest: int, screen_width: int) -> int:
    """How many values of `longest` cells fit on a line, one blank apart."""
    if longest <= 0 or screen_width < 1 or longest >= screen_width:
        return 1
    n = 1
    while longest * (n + 1) + n < screen_width:
        n += 1
    return n


class WideWriter:
    """Buffers values and emits a line each time a row is full.

    :param columns: -Column (0: not given).
    :param longest: the widest value when auto-sizing (0: not measured).
    """

    def __init__(self, screen_width: int, *, columns: int = 0, longest: int = 0, ansi: bool = False) -> None:
        if longest > 0:
            count = items_per_row(longest, screen_width)
        elif columns > 0:
            count = columns
        else:
            count = _DEFAULT_ITEMS
        self.count = count
        self._writer = TableWriter([""] * count, [0] * count, [Align.LEFT] * count, screen_width,
                                   hide_header=True, ansi=ansi)
        self._buffer: list[str] = []

    def add(self, value: str) -> list[str]:
        """Queue one value; returns the finished line when the row is full."""
        self._buffer.append(value)
        if len(self._buffer) < self.count:
            return []
        return self.flush()

    def flush(self) -> list[str]:
        """The pending partial row, if any."""
        if not self._buffer:
            return []
        values: Sequence[str] = self._buffer + [""] * (self.count - len(self._buffer))
        self._buffer = []
        return self._writer.row(values)
