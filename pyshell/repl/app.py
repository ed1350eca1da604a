"""The interactive REPL: a prompt_toolkit session in front of a runspace.

Commands run in the main thread, so Ctrl-C arrives as KeyboardInterrupt and stops the pipeline.
"""

from __future__ import annotations

import os
import threading
from typing import Any, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.buffer import ValidationState
from prompt_toolkit.document import Document
from prompt_toolkit.enums import EditingMode
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.validation import ValidationError, Validator

from pyshell import __version__
from pyshell.console import ConsoleHost
from pyshell.engine.records import ProgressRecord
from pyshell.errors import ExitRequest, IncompleteParseError, ParseError, PyshellError
from pyshell.language import parse
from pyshell.repl.completer import PyshellCompleter
from pyshell.repl.highlight import powershell_lexer
from pyshell.repl.jobwatch import JobWatcher, job_state
from pyshell.repl.progress import ProgressView
from pyshell.script import execute_line, load_profile, new_runspace, prompt_text

__all__ = ["Repl", "ReplHost", "run_repl", "history_path", "is_complete", "parse_error",
           "ParseValidator"]

_CONTINUATION = ">> "


class ReplHost(ConsoleHost):
    """The console host of the interactive shell: errors go to stdout, coloured on a terminal."""

    def __init__(self, out: Any = None, err: Any = None) -> None:
        super().__init__(out, err, interactive=True)
        self._lock = threading.RLock()
        #: Write-Progress bars, drawn only on a colour terminal (not redirected, no NO_COLOR)
        self.progress = ProgressView(super()._write, lambda: self.ui_width)

    def _write(self, text: str, stream: TextIO | None = None) -> None:
        with self._lock:
            if not text:
                return
            self.progress.erase()
            super()._write(text, stream)
            if self.progress.active and text.endswith("\n"):
                self.progress.redraw(force=True)

    def write_progress(self, record: ProgressRecord) -> None:
        if not self.ansi:
            return
        with self._lock:
            self.progress.update(record)

    def end_command(self) -> None:
        """The command finished: its progress bars go away."""
        with self._lock:
            self.progress.clear()


def _continuation(width: int, line_number: int, wrap_count: int) -> str:
    """`>> ` before each further line of a multi-line input; nothing before a line that merely wraps."""
    return "" if wrap_count else _CONTINUATION


def history_path() -> str:
    """`$XDG_STATE_HOME/pyshell/history` (default `~/.local/state/pyshell/history`)."""
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(state, "pyshell", "history")


def _file_history() -> History:
    path = history_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return FileHistory(path)
    except OSError:
        return InMemoryHistory()


def is_complete(text: str) -> bool:
    """True when Enter should run the text: it parses, or fails for a reason other than being unfinished."""
    if not text.strip():
        return True
    try:
        parse(text)
    except IncompleteParseError:
        return False
    except (ParseError, RecursionError):
        return True
    return True


def parse_error(text: str) -> ParseError | None:
    """The error of a complete but invalid input (None when it parses or is merely unfinished)."""
    try:
        parse(text)
    except IncompleteParseError:
        return None
    except ParseError as e:
        return e
    except RecursionError:
        return None
    return None


class ParseValidator(Validator):
    """Enter on input that does not parse puts the cursor on the error and shows it under the input.

    A second Enter on the unchanged text runs it, and the error is then reported as pwsh does.
    """

    def __init__(self) -> None:
        self._shown: str | None = None  #: the text whose error is on the screen

    def validate(self, document: Document) -> None:
        text = document.text
        error = parse_error(text) if text.strip() else None
        if error is None or text == self._shown:
            self._shown = None
            return
        self._shown = text
        span = error.span
        pos = min(max(span.start if span is not None else len(text), 0), len(text))
        where = f" (line {span.line}, column {span.column})" if span is not None else ""
        raise ValidationError(cursor_position=pos, message=f"ParserError: {error}{where}")


def _key_bindings() -> KeyBindings:
    kb = KeyBindings()

    @kb.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        buf = event.current_buffer
        state = buf.complete_state
        if state is not None and state.current_completion is not None:
            buf.apply_completion(state.current_completion)
        if is_complete(buf.text):
            if buf.validation_error is not None:
                buf.validation_state = ValidationState.UNKNOWN  # a second Enter: ParseValidator lets it run
            buf.validate_and_handle()
        else:
            buf.insert_text("\n")

    @kb.add("tab")
    def _tab(event: KeyPressEvent) -> None:
        # pwsh's TabCompleteNext: the first match goes in at once, further Tabs cycle (Shift-Tab back)
        buf = event.current_buffer
        if buf.complete_state is not None:
            buf.complete_next()
        elif buf.document.text_before_cursor.strip() or buf.text.strip():
            buf.start_completion(select_first=True)
        else:
            buf.insert_text("    ")

    @kb.add("s-tab")
    def _shift_tab(event: KeyPressEvent) -> None:
        buf = event.current_buffer
        if buf.complete_state is not None:
            buf.complete_previous()
        else:
            buf.start_completion(select_last=True)

    @kb.add("escape", "enter")
    def _newline(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    return kb


def _job_counts(jobs: Any) -> tuple[int, int]:
    """(running, with unread output) for a job table whose API is read defensively."""
    from pyshell.repl.completer import table_items

    running = unread = 0
    for job in table_items(jobs):
        state = job_state(job)
        if state.lower() in ("running", "notstarted"):
            running += 1
        if bool(getattr(job, "HasMoreData", False)):
            unread += 1
    return running, unread


class Repl:
    """One interactive session: reads with prompt_toolkit, runs in the runspace, reports.

    :param runspace: where the commands run.
    :param vi: Vi editing keys instead of Emacs.
    :param input/output: prompt_toolkit I/O (tests pass a pipe input and DummyOutput).
    :param history: the line history (default: the per-user history file).
    """

    def __init__(self, runspace: Any, *, vi: bool = False, input: Input | None = None,
                 output: Output | None = None, history: History | None = None) -> None:
        self.rs = runspace
        no_color = bool(os.environ.get("NO_COLOR"))
        self.session: PromptSession[str] = PromptSession(
            input=input,
            output=output,
            history=history if history is not None else _file_history(),
            auto_suggest=AutoSuggestFromHistory(),
            completer=PyshellCompleter(runspace),
            complete_while_typing=False,
            lexer=None if no_color else powershell_lexer(),
            multiline=True,
            prompt_continuation=_continuation,
            key_bindings=_key_bindings(),
            editing_mode=EditingMode.VI if vi else EditingMode.EMACS,
            bottom_toolbar=self.toolbar,
            color_depth=ColorDepth.MONOCHROME if no_color else None,
            enable_history_search=False,
            refresh_interval=0.5,
            validator=ParseValidator(),
            validate_while_typing=False,
        )
        self.watcher = JobWatcher(runspace, lambda text: self.rs.host._write(text))

    # -- display ---------------------------------------------------------------------------
    def context(self) -> str:
        prefix = getattr(self.rs, "prompt_prefix", None)
        text = prefix() if callable(prefix) else ""
        if text:
            return str(text).strip().strip(":").strip("[]")
        return "local"

    def toolbar(self) -> str:
        parts = [f" {self.context()}"]
        jobs = getattr(self.rs, "jobs", None)
        if jobs is not None:
            running, unread = _job_counts(jobs)
            parts.append(f"jobs: {running} running, {unread} with output")
        return "  |  ".join(parts)

    def job_notices(self) -> list[str]:
        """One line for each job that was running at the last look and has finished since."""
        return self.watcher.notices()

    # -- the loop -----------------------------------------------------------------------------
    def read(self) -> str:
        """Read one complete input. :raises EOFError: Ctrl-D. :raises KeyboardInterrupt: Ctrl-C."""
        for line in self.job_notices():
            self.rs.host._write(line + "\n")
        self.watcher.start()
        self.watcher.prompting(self.session.app)
        try:
            return self.session.prompt(prompt_text(self.rs))
        finally:
            self.watcher.prompting(None)

    def close(self) -> None:
        """Stop the background job watcher."""
        self.watcher.stop()

    def run(self, text: str) -> None:
        """Run one input; Ctrl-C stops it and returns. :raises ExitRequest: on `exit`."""
        if not text.strip():
            return
        try:
            execute_line(self.rs, text)
        except KeyboardInterrupt:
            self.rs.stop()
            self.rs.host.flush_output()
            self.rs.stopping = False
        finally:
            end = getattr(self.rs.host, "end_command", None)
            if end is not None:
                end()

    def loop(self) -> int:
        """Read and run until Ctrl-D or `exit`; returns the exit code."""
        try:
            return self._loop()
        finally:
            self.close()

    def _loop(self) -> int:
        while True:
            try:
                text = self.read()
            except KeyboardInterrupt:
                continue
            except EOFError:
                if self.context() != "local":
                    self._leave_session()
                    continue
                return 0
            try:
                self.run(text)
            except ExitRequest as e:
                return e.code

    def _leave_session(self) -> None:
        try:
            execute_line(self.rs, "Exit-PSSession")
        except (ExitRequest, KeyboardInterrupt):
            pass


def run_repl(no_profile: bool = False, no_logo: bool = False, vi: bool = False) -> int:
    """The interactive shell on the terminal; returns the process exit code."""
    host = ReplHost()
    rs = new_runspace(host)
    if not no_logo:
        host._write(f"PyShell {__version__}\n")
    if not no_profile:
        load_profile(rs)
    code = 0
    try:
        code = Repl(rs, vi=vi).loop()
    finally:
        if "_event_manager" in rs.__dict__:  # PowerShell.Exiting subscribers
            from pyshell.engine.events import fire_exiting

            fire_exiting(rs)
        host.flush_output()
        shutdown = getattr(rs, "shutdown", None)
        if shutdown is not None:
            try:
                shutdown()
            except (PyshellError, OSError):
                pass
    return code
