"""The interactive shell in a real pseudo-terminal, entering and leaving a lab host's session (pexpect)."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
PROMPT = re.escape("[Server01]: PS ")


@pytest.fixture
def shell(lab: Any, tmp_path: Path) -> Iterator[Any]:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1",
               PYTHONPATH=str(ROOT))
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "pyshell", "-NoProfile"], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=30, dimensions=(24, 120))
    child.expect("PS " + re.escape(str(tmp_path)) + ">")
    yield child
    if child.isalive():
        child.terminate(force=True)


def enter(child: Any, lab: Any) -> None:
    child.send("Enter-PSSession Server01\r")
    child.expect(PROMPT + re.escape(lab.host("Server01").home) + ">")


def test_entering_shows_the_remote_prompt_and_runs_there(shell: Any, lab: Any) -> None:
    enter(shell, lab)
    shell.send("$env:PYSHELL_COMPUTERNAME\r")
    shell.expect(r"Server01\r\n")
    shell.expect(PROMPT)


def test_exit_goes_back_to_the_local_prompt(shell: Any, lab: Any, tmp_path: Path) -> None:
    enter(shell, lab)
    shell.send("exit\r")
    shell.expect(r"PS " + re.escape(str(tmp_path)) + ">")
    shell.send("\"local: $($env:PYSHELL_COMPUTERNAME -ne 'Server01')\"\r")
    shell.expect(r"local: True\r\n")


def test_ctrl_d_inside_the_session_leaves_it_not_the_shell(shell: Any, lab: Any, tmp_path: Path) -> None:
    enter(shell, lab)
    shell.sendeof()
    shell.expect(r"PS " + re.escape(str(tmp_path)) + ">")
    assert shell.isalive()
    shell.send("\"local: $($env:PYSHELL_COMPUTERNAME -ne 'Server01')\"\r")
    shell.expect(r"local: True\r\n")


def test_ctrl_c_stops_a_remote_command_and_returns_to_the_remote_prompt(shell: Any, lab: Any) -> None:
    enter(shell, lab)
    shell.send("Start-Sleep 30\r")
    time.sleep(1.5)
    start = time.monotonic()
    shell.sendintr()
    shell.expect("The pipeline has been stopped", timeout=10)
    shell.expect(PROMPT, timeout=10)
    assert time.monotonic() - start < 5
    shell.send("'after the stop'\r")
    shell.expect(r"after the stop\r\n")


def test_tab_completes_paths_of_the_remote_host(shell: Any, lab: Any) -> None:
    enter(shell, lab)
    # the lab host's home has a logs folder; the local folder (tmp_path) has none
    shell.send("Get-ChildItem lo")
    shell.send("\t")
    shell.expect("logs/", timeout=10)
    time.sleep(0.3)
    shell.send("\r")
    shell.expect(PROMPT)


def test_remote_write_progress_is_drawn_while_the_command_runs(shell: Any, lab: Any) -> None:
    enter(shell, lab)
    shell.send("1..3 | % { Write-Progress -Activity RemoteCopy -Status \"step $_\" -PercentComplete ($_ * 30); "
               "Start-Sleep -Milliseconds 300 }; 'copied'\r")
    shell.expect(r"RemoteCopy")
    shell.expect(r"\[o+ +\] \d+%")
    shell.expect(r"copied\r\n")
    shell.expect(PROMPT)
