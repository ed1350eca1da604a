"""Out-Default: the streaming formatter every host runs at the end of a pipeline.

    out = OutDefault(width=terminal_columns, ansi=True)
    for obj in results:
        sys.stdout.write(out.feed(obj))
    sys.stdout.write(out.finish())

Like pwsh's console output, lines use one column less than `width`, so a full-width table
never makes the terminal wrap. Pass `exact_width=True` for Out-String -Width N.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyshell.formatting.cells import ENUMERATION_LIMIT
from pyshell.formatting.generator import FormatOptions, Formatter
from pyshell.formatting.packets import is_packet
from pyshell.formatting.printer import Printer
from pyshell.formatting.properties import Invoker
from pyshell.formatting.views import VIEWS, ViewRegistry

__all__ = ["OutDefault", "DEFAULT_WIDTH", "format_lines", "format_text"]

#: pwsh's width when output is not a terminal
DEFAULT_WIDTH = 120


class OutDefault:
    """Formats a stream of objects (and Format-* output) into text to print.

    :param width: the terminal width (120 when output is redirected).
    :param ansi: colour table headers, list labels and errors; without it VT sequences are removed.
    :param group_wait: seconds a table without declared widths waits for more rows before sizing
        its columns (pwsh: 0.3); 0 sizes them from the first row.
    :param invoke: runs script blocks (needed only for Format-* packets' calculated properties,
        which are already evaluated, so normally None).
    :param exact_width: use all `width` columns (Out-String/Out-File -Width).
    :param enumeration_limit: $FormatEnumerationLimit: items of a collection shown in a cell.
    :param rows: the terminal height, for Format-Table -RepeatHeader (0: unknown).
    """

    def __init__(self, width: int = DEFAULT_WIDTH, ansi: bool = False, *, group_wait: float = 0.0,
                 invoke: Invoker | None = None, exact_width: bool = False,
                 enumeration_limit: int = ENUMERATION_LIMIT, rows: int = 0,
                 registry: ViewRegistry | None = None) -> None:
        columns = width if exact_width else width - 1
        self.width = width
        self.ansi = ansi
        self._formatter = Formatter(FormatOptions(enumeration_limit=enumeration_limit), invoke=invoke,
                                    registry=registry if registry is not None else VIEWS)
        self._printer = Printer(max(columns, 1), ansi=ansi, group_wait=group_wait, window_width=width,
                                rows=rows)

    def feed(self, obj: Any) -> str:
        """Text to print now for one pipeline object ("" while a table is still being sized)."""
        return _text(self.feed_lines(obj))

    def finish(self) -> str:
        """Text still owed at the end of the pipeline (the blank line closing a table...)."""
        return _text(self.finish_lines())

    def feed_lines(self, obj: Any) -> list[str]:
        """feed() as separate lines without line breaks."""
        if is_packet(obj):
            packets = self._formatter.end() + [obj]
        else:
            packets = self._formatter.process(obj)
        lines: list[str] = []
        for p in packets:
            lines.extend(self._printer.process(p))
        return lines

    def finish_lines(self) -> list[str]:
        """finish() as separate lines."""
        lines: list[str] = []
        for p in self._formatter.end():
            lines.extend(self._printer.process(p))
        lines.extend(self._printer.finish())
        return lines


def _text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def format_lines(objects: Iterable[Any], width: int = DEFAULT_WIDTH, *, ansi: bool = False,
                 exact_width: bool = False, group_wait: float = 0.3) -> list[str]:
    """All lines Out-Default prints for objects (no trailing line breaks).

    Objects already at hand all arrive within pwsh's 300 ms, so tables are sized from all rows.
    """
    out = OutDefault(width, ansi, exact_width=exact_width, group_wait=group_wait)
    lines: list[str] = []
    for obj in objects:
        lines.extend(out.feed_lines(obj))
    lines.extend(out.finish_lines())
    return lines


def format_text(objects: Iterable[Any], width: int = DEFAULT_WIDTH, *, ansi: bool = False,
                exact_width: bool = False, group_wait: float = 0.3) -> str:
    """What Out-Default prints for objects, as one string (each line ends with a line break)."""
    return _text(format_lines(objects, width, ansi=ansi, exact_width=exact_width, group_wait=group_wait))
