"""The REPL driven through prompt_toolkit's pipe input: keys in, runspace effects and output out."""

from __future__ import annotations

import io
import threading
import time
from typing import Any

import pytest

from pyshell.repl.app import Repl, history_path, is_complete


def type_slowly(pipe: Any, *chunks: str) -> None:
    """Send key chunks from a thread with pauses, so Tab's (asynchronous) completion lands before Enter."""

    def send() -> None:
        for chunk in chunks:
            time.sleep(0.15)
            pipe.send_text(chunk)

    threading.Thread(target=send, daemon=True).start()


def test_typing_a_command_and_enter_runs_it(repl: tuple[Repl, Any], out: io.StringIO) -> None:
    r, pipe = repl
    pipe.send_text("'hello' + ' world'\r")
    text = r.read()
    assert text == "'hello' + ' world'"
    r.run(text)
    assert "hello world" in out.getvalue()


def test_incomplete_input_continues_on_the_next_line(repl: tuple[Repl, Any], rs: Any) -> None:
    r, pipe = repl
    pipe.send_text("$x = 1\r")
    r.run(r.read())
    pipe.send_text("if ($x) {\r'yes'\r}\r")
    text = r.read()
    assert text == "if ($x) {\n'yes'\n}"
    assert rs.run(text) == ["yes"]


@pytest.mark.parametrize("text, complete", [
    ("1+1", True), ("if ($x) {", False), ("'open", False), ("Get-Process |", False), ("", True), ("}", True),
])
def test_is_complete_follows_the_parser(text: str, complete: bool) -> None:
    assert is_complete(text) is complete


def test_tab_completes_a_command_name(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    type_slowly(pipe, "Get-Chi\t", "\r")
    assert r.read() == "Get-ChildItem"


def test_tab_completes_a_variable(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    type_slowly(pipe, "$HO\t", "\r")
    assert r.read() == "$HOME"


def test_tab_completes_a_parameter(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    type_slowly(pipe, "Get-ChildItem -Rec\t", "\r")
    assert r.read() == "Get-ChildItem -Recurse"


def test_tab_completes_a_job_parameter(repl: tuple[Repl, Any]) -> None:
    from pyshell.engine.cmdlet import REGISTRY

    if REGISTRY.lookup("Get-Job") is None:
        pytest.skip("Get-Job is not registered yet (the jobs layer)")
    r, pipe = repl
    type_slowly(pipe, "Get-Job -Na\t", "\r")
    assert r.read() == "Get-Job -Name"


def test_ctrl_d_on_an_empty_line_exits_with_0(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    pipe.send_text("\x04")
    assert r.loop() == 0


def test_exit_n_ends_the_loop_with_n(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    pipe.send_text("exit 7\r")
    assert r.loop() == 7


def test_ctrl_c_while_typing_clears_the_line(repl: tuple[Repl, Any], out: io.StringIO) -> None:
    r, pipe = repl
    pipe.send_text("'discarded'\x03'kept'\rexit\r")
    assert r.loop() == 0
    assert "kept" in out.getvalue()
    assert "discarded" not in out.getvalue()


def test_keyboard_interrupt_while_running_stops_and_returns(rs: Any, repl: tuple[Repl, Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = repl

    def interrupted(*args: Any, **kwargs: Any) -> bool:
        raise KeyboardInterrupt

    stopped: list[bool] = []
    monkeypatch.setattr(rs, "execute", interrupted)
    monkeypatch.setattr(rs, "stop", lambda: stopped.append(True))
    r.run("Start-Sleep 30")
    assert stopped == [True]


def test_toolbar_shows_local_context_and_job_counts(repl: tuple[Repl, Any], rs: Any) -> None:
    r, _ = repl

    class Job:
        def __init__(self, state: str, more: bool) -> None:
            self.Id, self.Name, self.State, self.HasMoreData = 1, "Job1", state, more

    rs.jobs = [Job("Running", False), Job("Completed", True), Job("Completed", False)]
    bar = r.toolbar()
    assert "local" in bar
    assert "1 running" in bar
    assert "1 with output" in bar


def test_job_notice_when_a_running_job_finishes(repl: tuple[Repl, Any], rs: Any) -> None:
    r, _ = repl

    class Job:
        Id, Name, State, HasMoreData = 3, "Job3", "Running", True

    job = Job()
    rs.jobs = [job]
    assert r.job_notices() == []
    job.State = "Completed"
    assert r.job_notices() == ["[3] Job3 Completed"]
    assert r.job_notices() == []


def test_history_lives_in_the_xdg_state_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert history_path() == str(tmp_path / "pyshell" / "history")


def test_no_color_turns_off_highlighting(rs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import ColorDepth, DummyOutput

    monkeypatch.setenv("NO_COLOR", "1")
    with create_pipe_input() as pipe:
        r = Repl(rs, input=pipe, output=DummyOutput(), history=InMemoryHistory())
    assert r.session.lexer is None
    assert r.session.color_depth == ColorDepth.MONOCHROME


def test_vi_mode_on_request(rs: Any) -> None:
    from prompt_toolkit.enums import EditingMode
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        r = Repl(rs, vi=True, input=pipe, output=DummyOutput(), history=InMemoryHistory())
        assert r.session.editing_mode == EditingMode.VI
        pipe.send_text("1+23\x1bx\r")  # Esc to navigation mode, x deletes the character under the cursor
        assert r.read() == "1+2"


def test_enter_on_a_parse_error_puts_the_cursor_on_it_instead_of_running(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    # Enter leaves the cursor before the bad '*'; Ctrl-D there deletes it; Enter then runs the fixed line
    pipe.send_text("1 +* 2\r\x04\r")
    assert r.read() == "1 + 2"


def test_the_parse_error_is_shown_under_the_input(repl: tuple[Repl, Any]) -> None:
    r, pipe = repl
    seen: list[Any] = []

    def look() -> None:
        buf = r.session.default_buffer
        seen.append((buf.cursor_position, buf.validation_error))
        pipe.send_text("\x04\r")

    type_slowly(pipe, "Get-Item )\r")
    threading.Timer(0.8, look).start()
    assert r.read() == "Get-Item "
    position, error = seen[0]
    assert position == 9
    assert "Unexpected token ')'" in error.message


def test_a_second_enter_runs_the_invalid_line_so_pwsh_reports_it(repl: tuple[Repl, Any], out: io.StringIO) -> None:
    r, pipe = repl
    pipe.send_text("1 +* 2\r\r")
    text = r.read()
    assert text == "1 +* 2"
    r.run(text)
    assert "You must provide a value expression following the '+' operator." in out.getvalue()


def test_a_job_finishing_while_the_prompt_waits_is_announced_without_losing_the_typed_line(
        repl: tuple[Repl, Any], rs: Any, out: io.StringIO) -> None:
    r, pipe = repl

    class Job:
        Id, Name, State, HasMoreData = 4, "Job4", "Running", True

    job = Job()
    rs.jobs = [job]

    def finish() -> None:
        job.State = "Completed"

    type_slowly(pipe, "'typed so far")
    threading.Timer(0.5, finish).start()
    threading.Timer(2.0, lambda: pipe.send_text("'\r")).start()
    assert r.read() == "'typed so far'"
    assert out.getvalue().count("[4] Job4 Completed") == 1
    assert r.job_notices() == []


def test_progress_is_drawn_on_a_terminal_and_cleared_when_the_command_ends(rs: Any) -> None:
    from pyshell.repl.app import ReplHost

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Tty()
    host = ReplHost(term, term)
    if not host.ansi:
        pytest.skip("NO_COLOR is set")
    rs.host = host
    rs.execute("Write-Progress -Activity Copying -Status 'Half way' -PercentComplete 50")
    drawn = term.getvalue()
    assert "Copying" in drawn and "Half way" in drawn and "50%" in drawn
    assert "[" + "o" * 10 in drawn
    host.end_command()
    assert term.getvalue().endswith("\r\x1b[J")


def test_a_completed_progress_record_takes_the_bar_away(rs: Any) -> None:
    from pyshell.engine.records import ProgressRecord
    from pyshell.repl.app import ReplHost

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    host = ReplHost(Tty(), Tty())
    host.ansi = True
    host.write_progress(ProgressRecord("Copying", "Half", percent=50))
    assert host.progress.shown
    host.write_progress(ProgressRecord("Copying", "Done", completed=True))
    assert not host.progress.shown and not host.progress.active


def test_progress_is_not_drawn_when_output_is_not_a_terminal(rs: Any, out: io.StringIO) -> None:
    rs.execute("Write-Progress -Activity Copying -Status 'Half way' -PercentComplete 50; 'done'")
    assert "Copying" not in out.getvalue()
    assert "\x1b" not in out.getvalue()


def test_continuation_prompt_marks_new_lines_not_wrapped_ones() -> None:
    from pyshell.repl.app import _continuation

    assert _continuation(80, 1, 0) == ">> "
    assert _continuation(80, 0, 1) == ""
