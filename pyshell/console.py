"""The text console host: renders a runspace's output and streams on stdout/stderr.

Used by `pyshell -c`, `-File`, stdin replay and as the base of the interactive REPL's host.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from pyshell.engine.conversions import to_string
from pyshell.engine.host import Host
from pyshell.engine.records import ErrorRecord, InformationRecord, ProgressRecord

__all__ = ["ConsoleHost", "use_color"]

_COLORS = {
    "Black": 30, "DarkRed": 31, "DarkGreen": 32, "DarkYellow": 33, "DarkBlue": 34, "DarkMagenta": 35, "DarkCyan": 36,
    "Gray": 37, "DarkGray": 90, "Red": 91, "Green": 92, "Yellow": 93, "Blue": 94, "Magenta": 95, "Cyan": 96,
    "White": 97,
}


def use_color(stream: TextIO) -> bool:
    """ANSI colours only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


#: types Out-Default prints as their string form (when no table or list is open)
_PLAIN_TYPES = frozenset({str, int, float, bool})


def _terminal_columns(stream: TextIO) -> int:
    """shutil.get_terminal_size's columns ($COLUMNS, else the terminal's), without importing shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(stream.fileno()).columns or 120
    except (AttributeError, ValueError, OSError):
        return 120


class ConsoleHost(Host):
    """Writes formatted output to a text stream; errors and warnings in pwsh's concise style."""

    name = "ConsoleHost"

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None, *, interactive: bool = False) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.interactive = interactive
        self.runspace: Any = None  #: set by the runspace; its $PSStyle.OutputRendering decides colour
        self.native_passthrough = True
        self._formatter: Any = None
        self.script_mode = False  #: errors show the "Line |" block (scripts, multi-line input)
        self._transcribe = True  #: False while a prompt is written (transcripts get `PS>command` instead)

    @property
    def native_passthrough(self) -> bool:  # type: ignore[override]
        """Native commands may write to the terminal directly, except while a transcript must see their output."""
        return self._native_passthrough and not getattr(self.runspace, "transcripts", None)

    @native_passthrough.setter
    def native_passthrough(self, value: bool) -> None:
        self._native_passthrough = value

    @property
    def ui_width(self) -> int:  # type: ignore[override]
        if self.out.isatty():
            return _terminal_columns(self.out)
        return 120

    def attach_runspace(self, runspace: Any) -> None:
        self.runspace = runspace

    @property
    def ansi(self) -> bool:
        return self._colour(self.out)

    @ansi.setter
    def ansi(self, value: bool | None) -> None:
        """Force colour on or off (None: decide by $PSStyle, NO_COLOR and the terminal)."""
        self._ansi_override = value

    def _colour(self, stream: TextIO) -> bool:
        """Escape codes only where $PSStyle.OutputRendering allows (Host: a terminal) and NO_COLOR is unset."""
        override = getattr(self, "_ansi_override", None)
        if override is not None:
            return override
        if os.environ.get("NO_COLOR"):
            return False
        psstyle = self.runspace.read_variable("PSStyle") if self.runspace is not None else None
        if psstyle is None:
            return use_color(stream)
        from pyshell.engine.psstyle import rendering_wants_ansi

        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        return rendering_wants_ansi(psstyle, tty)

    def _fmt(self) -> Any:
        if self._formatter is None:
            from pyshell.formatting import OutDefault
            from pyshell.formatting.ps1xml import session_views

            # pwsh measures the rows arriving in the first 300 ms before fixing a table's column widths;
            # the runspace's views include what Update-FormatData loaded
            registry = session_views(self.runspace) if self.runspace is not None else None
            self._formatter = OutDefault(self.ui_width, ansi=self._colour(self.out), group_wait=0.3,
                                         registry=registry)
        return self._formatter

    def _write(self, text: str, stream: TextIO | None = None) -> None:
        if not text:
            return
        if self._transcribe and getattr(self.runspace, "transcripts", None):
            from pyshell.transcript import record

            record(self.runspace, text)  # Start-Transcript: the runspace's transcripts get what is shown
        s = stream or self.out
        try:
            s.write(text)
            s.flush()
        except BrokenPipeError:
            pass

    def write_prompt(self, text: str) -> None:
        """A prompt or echoed input: shown, but kept out of transcripts (they get `PS>command` instead)."""
        self._transcribe = False
        try:
            self._write(text)
        finally:
            self._transcribe = True

    def write_output(self, obj: Any) -> None:
        if self._formatter is None and type(obj) in _PLAIN_TYPES:
            # what Out-Default prints for a lone string or number, without importing the formatter
            text = to_string(obj)
            if "\x1b" not in text:
                self._write(text.replace("\r", "") + "\n")
                return
        self._write(self._fmt().feed(obj))

    def flush_output(self) -> None:
        if self._formatter is not None:
            self._write(self._formatter.finish())
            self._formatter = None

    def _stream_for_errors(self) -> TextIO:
        return self.out if self.interactive else self.err

    def write_error(self, record: ErrorRecord) -> None:
        self.flush_output()
        from pyshell.formatting import render_error

        ansi = self._colour(self._stream_for_errors())
        view = self.runspace.get_variable("ErrorView") if self.runspace is not None else None
        text = render_error(record, ansi=ansi, script=self.script_mode,
                            view=view if isinstance(view, str) else "ConciseView")  # $ErrorView
        # a one-line error ends its line; a script error block ends with pwsh's blank line
        self._write(text + "\n", self._stream_for_errors())

    def _message(self, prefix: str, record: Any, color: str) -> None:
        self.flush_output()
        text = f"{prefix}{to_string(getattr(record, 'Message', record))}"
        if self._colour(self.out):
            text = f"{color}{text}\x1b[0m"
        self._write(text + "\n")

    def write_warning(self, record: Any) -> None:
        self._message("WARNING: ", record, "\x1b[33;1m")

    def write_verbose(self, record: Any) -> None:
        self._message("VERBOSE: ", record, "\x1b[33;1m")

    def write_debug(self, record: Any) -> None:
        self._message("DEBUG: ", record, "\x1b[33;1m")

    def write_information(self, record: InformationRecord) -> None:
        self.flush_output()
        if record.host_text is not None:
            fg, bg, no_newline = record.host_text
            text = to_string(record.MessageData)
            if self._colour(self.out) and (fg or bg):
                codes = []
                if fg:
                    codes.append(str(_COLORS.get(fg, 39)))
                if bg:
                    codes.append(str(_COLORS.get(bg, 49) + 10))
                text = f"\x1b[{';'.join(codes)}m{text}\x1b[0m"
            self._write(text if no_newline else text + "\n")
            return
        self._write(to_string(record.MessageData) + "\n")

    def write_progress(self, record: ProgressRecord) -> None:
        # progress bars belong to the interactive REPL; a plain console shows nothing, as pwsh does when redirected
        return

    def read_line(self, prompt: str = "") -> str:
        self._write(prompt)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")
