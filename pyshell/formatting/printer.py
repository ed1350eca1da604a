"""Packets to screen lines at a given width: pwsh's OutCommandInner and its line output.

A format sequence prints a blank line before and after (a list ends with the blank that
follows its last entry). Tables whose first column has no declared width are sized from
the rows that arrive within `group_wait` seconds of the header (pwsh waits 300 ms; with 0
the first row decides); -AutoSize measures every row of the group before printing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pyshell.formatting.cells import cell_width, split_lines, strip_vt
from pyshell.formatting.custom import indented_lines
from pyshell.formatting.listing import list_lines
from pyshell.formatting.packets import (
    ComplexEntry,
    FormatEndData,
    FormatEntryData,
    FormatStartData,
    GroupEndData,
    GroupStartData,
    ListEntry,
    RawText,
    Shape,
    TableRow,
    WideEntry,
)
from pyshell.formatting.table import TableWriter
from pyshell.formatting.wide import WideWriter

__all__ = ["Printer"]


class _GroupCache:
    """Holds a group's packets until its column widths can be measured (pwsh's OutputGroupQueue).

    :param wait: seconds to keep caching after the group starts; None: until the group ends.
    """

    def __init__(self, wait: float | None, clock: Callable[[], float]) -> None:
        self.wait = wait
        self.clock = clock
        self.queue: list[Any] = []
        self.active = False
        self.started = 0.0

    def add(self, packet: Any) -> tuple[list[Any], bool]:
        """(packets released now, whether they form a measured group)."""
        if not self.active and isinstance(packet, GroupStartData):
            self.active = True
            self.started = self.clock()
            self.queue = [packet]
            return [], False
        if self.active:
            self.queue.append(packet)
            expired = self.wait is not None and (self.wait <= 0 or self.clock() - self.started > self.wait)
            if isinstance(packet, GroupEndData) or expired:
                self.active = False
                released, self.queue = self.queue, []
                return released, True
            return [], False
        return [packet], False

    def drain(self) -> list[Any]:
        released, self.queue = self.queue, []
        self.active = False
        return released


class Printer:
    """Prints formatting packets as lines.

    :param width: columns available to tables and lists.
    :param ansi: keep VT sequences and colour headers; without it every VT sequence is removed.
    :param group_wait: how long auto-sized tables collect rows before printing (pwsh: 0.3).
    :param window_width: the terminal width, for wrapping error messages (default: width + 1).
    :param rows: the screen height, for -RepeatHeader (0: unknown, the header is not repeated).
    """

    def __init__(self, width: int, *, ansi: bool = False, group_wait: float = 0.0, window_width: int | None = None,
                 clock: Callable[[], float] = time.monotonic, rows: int = 0) -> None:
        self.width = width
        self.rows = rows
        self._header: list[str] = []
        self._since_header = 0
        self.ansi = ansi
        self.group_wait = group_wait
        self.window_width = window_width if window_width is not None else width + 1
        self.clock = clock
        self._start: FormatStartData | None = None
        self._cache: _GroupCache | None = None
        self._hint: list[int] | int | None = None
        self._table: TableWriter | None = None
        self._wide: WideWriter | None = None

    def process(self, packet: Any) -> list[str]:
        """The lines to print now for one packet."""
        if isinstance(packet, FormatStartData):
            self._cache = self._cache_for(packet)
        if self._cache is None:
            return self._finish_lines(self._handle(packet))
        released, measured = self._cache.add(packet)
        if measured:
            self._measure(released)
        lines: list[str] = []
        for p in released:
            lines.extend(self._handle(p))
        return self._finish_lines(lines)

    def finish(self) -> list[str]:
        """Print whatever is still cached (at the end of the pipeline)."""
        if self._cache is None:
            return []
        lines: list[str] = []
        for p in self._cache.drain():
            lines.extend(self._handle(p))
        return self._finish_lines(lines)

    # -- caching and measuring -------------------------------------------------------------
    def _cache_for(self, start: FormatStartData) -> _GroupCache | None:
        if start.autosize:
            return _GroupCache(None, self.clock)
        if start.shape == Shape.TABLE and start.columns and start.columns[0].width == 0:
            return _GroupCache(self.group_wait, self.clock)
        return None

    def _measure(self, packets: list[Any]) -> None:
        start = self._start_of(packets)
        entries = [p.entry for p in packets if isinstance(p, FormatEntryData) and not p.out_of_band]
        if start is None:
            return
        if start.shape == Shape.TABLE:
            widths = [cell_width(c.label) for c in start.columns]
            for entry in entries:
                if isinstance(entry, TableRow):
                    for k, value in enumerate(entry.values[: len(widths)]):
                        widths[k] = max(widths[k], cell_width(value))
            self._hint = widths
        elif start.shape == Shape.WIDE and not start.wide_columns:
            self._hint = max((cell_width(e.value) for e in entries if isinstance(e, WideEntry) and e.value),
                             default=0)

    def _start_of(self, packets: list[Any]) -> FormatStartData | None:
        for p in packets:
            if isinstance(p, FormatStartData):
                return p
        return self._start

    # -- the format protocol ---------------------------------------------------------------
    def _handle(self, packet: Any) -> list[str]:
        if isinstance(packet, FormatStartData):
            self._start = packet
            return [""]
        if isinstance(packet, GroupStartData):
            return self._group_start(packet)
        if isinstance(packet, FormatEntryData):
            return self._entry(packet)
        if isinstance(packet, GroupEndData):
            lines = self._wide.flush() if self._wide is not None else []
            self._table = self._wide = None
            return lines
        if isinstance(packet, FormatEndData):
            shape = self._start.shape if self._start is not None else None
            self._start = None
            self._table = self._wide = None
            return [] if shape == Shape.LIST else [""]
        return []

    def _group_start(self, packet: GroupStartData) -> list[str]:
        lines: list[str] = []
        if packet.header:
            lines.extend(packet.header)
            lines.append("")
        start = self._start
        hint, self._hint = self._hint, None
        if start is None:
            return lines
        if start.shape == Shape.TABLE and start.columns:
            widths = hint if isinstance(hint, list) else [c.width for c in start.columns]
            self._table = TableWriter([c.label for c in start.columns], widths, [c.align for c in start.columns],
                                      self.width, hide_header=start.hide_header, ansi=self.ansi)
            self._header = self._table.header()
            self._since_header = 0
            lines.extend(self._header)
        elif start.shape == Shape.WIDE:
            longest = hint if isinstance(hint, int) else 0
            self._wide = WideWriter(self.width, columns=start.wide_columns, longest=longest, ansi=self.ansi)
        return lines

    def _entry(self, packet: FormatEntryData) -> list[str]:
        entry = packet.entry
        if packet.out_of_band or self._start is None:
            return self._out_of_band(entry)
        if isinstance(entry, TableRow) and self._table is not None:
            return self._repeat_header() + self._table.row(entry.values, entry.aligns or None, wrap=entry.wrap)
        if isinstance(entry, ListEntry):
            return self._list(entry) + [""]
        if isinstance(entry, WideEntry) and self._wide is not None:
            return self._wide.add(entry.value)
        return self._out_of_band(entry)

    def _repeat_header(self) -> list[str]:
        """The header again when a screenful of rows has gone by (-RepeatHeader on a console)."""
        if self._start is None or not self._start.repeat_header or self.rows <= 0 or not self._header:
            return []
        room = max(self.rows - len(self._header) - 1, 1)
        if self._since_header < room:
            self._since_header += 1
            return []
        self._since_header = 1
        return list(self._header)

    def _out_of_band(self, entry: Any) -> list[str]:
        if isinstance(entry, RawText):
            return split_lines(entry.text)
        if isinstance(entry, ComplexEntry):
            if entry.error is not None:
                from pyshell.formatting.errorview import render_error

                return split_lines(render_error(entry.error, ansi=self.ansi, width=self.window_width))
            if entry.lines is not None:
                return indented_lines(entry.lines, self.width)
            return split_lines(entry.text)
        if isinstance(entry, ListEntry):
            return [""] + self._list(entry) + [""]
        if isinstance(entry, WideEntry):
            return [entry.value]
        if isinstance(entry, TableRow) and entry.values:
            return [" ".join(entry.values)]
        return []

    def _list(self, entry: ListEntry) -> list[str]:
        return list_lines([k for k, _ in entry.fields], [v for _, v in entry.fields], self.width, ansi=self.ansi)

    def _finish_lines(self, lines: list[str]) -> list[str]:
        return lines if self.ansi else [strip_vt(line) for line in lines]
