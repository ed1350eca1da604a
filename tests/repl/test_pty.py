"""End to end in a real pseudo-terminal: the installed shell started as a user would, keys typed with pexpect."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shell(tmp_path: Path) -> Iterator[object]:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), TERM="xterm",
               # pexpect does not answer cursor position requests; without this prompt_toolkit waits and warns
               PROMPT_TOOLKIT_NO_CPR="1", PYTHONPATH=str(ROOT))
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "pyshell", "-NoProfile"], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=15, dimensions=(24, 100))
    child.expect("PS ")
    yield child
    if child.isalive():
        child.terminate(force=True)


def test_typing_an_expression_shows_its_value_and_exit_leaves(shell: object) -> None:
    c: object = shell
    c.send("1+1\r")  # type: ignore[attr-defined]
    c.expect(r"2\r\n")  # type: ignore[attr-defined]
    c.send("exit\r")  # type: ignore[attr-defined]
    c.expect(pexpect.EOF)  # type: ignore[attr-defined]
    c.close()  # type: ignore[attr-defined]
    assert c.exitstatus == 0  # type: ignore[attr-defined]


def test_exit_n_sets_the_exit_code(shell: object) -> None:
    shell.send("exit 5\r")  # type: ignore[attr-defined]
    shell.expect(pexpect.EOF)  # type: ignore[attr-defined]
    shell.close()  # type: ignore[attr-defined]
    assert shell.exitstatus == 5  # type: ignore[attr-defined]


def test_ctrl_c_stops_a_running_command_and_returns_to_the_prompt(shell: object) -> None:
    c: object = shell
    c.send("Start-Sleep 30\r")  # type: ignore[attr-defined]
    time.sleep(1.0)
    start = time.monotonic()
    c.sendintr()  # type: ignore[attr-defined]
    c.expect("The pipeline has been stopped", timeout=5)  # type: ignore[attr-defined]
    c.expect("PS ", timeout=5)  # type: ignore[attr-defined]
    assert time.monotonic() - start < 5
    c.send("'alive'\r")  # type: ignore[attr-defined]
    c.expect(r"alive\r\n")  # type: ignore[attr-defined]


def test_ctrl_d_on_an_empty_line_exits(shell: object) -> None:
    shell.sendeof()  # type: ignore[attr-defined]
    shell.expect(pexpect.EOF)  # type: ignore[attr-defined]
    shell.close()  # type: ignore[attr-defined]
    assert shell.exitstatus == 0  # type: ignore[attr-defined]


def test_tab_completes_in_the_terminal(shell: object) -> None:
    c: object = shell
    c.send("Get-Locat")  # type: ignore[attr-defined]
    c.send("\t")  # type: ignore[attr-defined]
    time.sleep(0.5)
    c.send("\r")  # type: ignore[attr-defined]
    c.expect("Path")  # type: ignore[attr-defined]


def test_multi_line_input_continues_with_a_continuation_prompt(shell: object) -> None:
    c: object = shell
    c.send("if ($true) {\r")  # type: ignore[attr-defined]
    c.expect(">>")  # type: ignore[attr-defined]
    c.send("'inside'\r}\r")  # type: ignore[attr-defined]
    c.expect(r"inside\r\n")  # type: ignore[attr-defined]


def test_history_persists_in_the_state_folder(shell: object, tmp_path: Path) -> None:
    shell.send("'remember me'\r")  # type: ignore[attr-defined]
    shell.expect(r"remember me\r\n")  # type: ignore[attr-defined]
    shell.send("exit\r")  # type: ignore[attr-defined]
    shell.expect(pexpect.EOF)  # type: ignore[attr-defined]
    assert "'remember me'" in (tmp_path / "state" / "pyshell" / "history").read_text()


def test_a_job_that_finishes_while_the_prompt_waits_is_announced_there(shell: object) -> None:
    c: object = shell
    c.send("$j = Start-Job { Start-Sleep -Milliseconds 700 }\r")  # type: ignore[attr-defined]
    c.expect("PS ")  # type: ignore[attr-defined]
    c.send("'half typed")  # type: ignore[attr-defined]
    c.expect(r"\[1\] Job1 Completed", timeout=10)  # type: ignore[attr-defined]
    c.send("'\r")  # type: ignore[attr-defined]
    c.expect(r"half typed\r\n")  # type: ignore[attr-defined]


def test_write_progress_draws_a_bar_while_the_command_runs(shell: object) -> None:
    c: object = shell
    c.send("1..3 | % { Write-Progress -Activity Copying -Status \"file $_\" -PercentComplete ($_ * 30); "  # type: ignore[attr-defined]
           "Start-Sleep -Milliseconds 200 }; 'copied'\r")
    c.expect(r"Copying")  # type: ignore[attr-defined]
    c.expect(r"file \d \[o+ +\] \d+%")  # type: ignore[attr-defined]
    c.expect(r"\x1b\[J")  # type: ignore[attr-defined]
    c.expect(r"copied\r\n")  # type: ignore[attr-defined]


def test_enter_on_a_parse_error_shows_it_and_keeps_the_line(shell: object) -> None:
    c: object = shell
    c.send("1 +* 2\r")  # type: ignore[attr-defined]
    c.expect(r"You must provide a value expression following the '\+' operator")  # type: ignore[attr-defined]
    # the cursor is on the '*': Ctrl-D deletes it, and Enter runs the fixed line
    c.send("\x04\r")  # type: ignore[attr-defined]
    c.expect(r"1 \+ 2")  # type: ignore[attr-defined]
    c.expect(r"3\r\n")  # type: ignore[attr-defined]
