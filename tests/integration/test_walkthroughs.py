"""The seed's walkthroughs 1-3, fed through stdin to `python3 -m pyshell -NoProfile -` against the lab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_WALKTHROUGHS = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "walkthroughs"


def _replay(name: str) -> subprocess.CompletedProcess[str]:
    path = _WALKTHROUGHS / name
    if not path.is_file():
        pytest.skip(f"walkthrough {path} is not there")
    proc = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-"], input=path.read_text(),
                          text=True, capture_output=True, timeout=180, env=dict(os.environ))
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _rows(text: str, word: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines() if word in line.split()]


def test_walkthrough_1_job_in_an_interactive_session(lab):
    log = Path(lab.host("Server01").home) / "logs" / "PsLog.txt"
    log.unlink(missing_ok=True)
    proc = _replay("1-interactive-session.ps1")
    jobs = _rows(proc.stdout, "BackgroundJob")
    assert jobs and jobs[0][:6] == ["1", "Job1", "BackgroundJob", "Completed", "True", "localhost"], proc.stdout
    assert "PSComputerName" not in proc.stdout.split("Index")[0]  # the entered session's Get-Job: plain table
    # the results were written on Server01 (its own home), not here, and read back by a second session
    text = log.read_text()
    assert "Engine state is changed" in text
    assert text.count("Engine state is changed") <= proc.stdout.count("Engine state is changed")
    assert "Engine state is changed" in proc.stdout.split("Index", 1)[1]
    assert proc.stderr == "", proc.stderr


def test_walkthrough_2_asjob_results_come_back_here(lab):
    proc = _replay("2-asjob-results-local.ps1")
    rows = _rows(proc.stdout, "RemoteJob")
    assert len(rows) == 3, proc.stdout  # the returned job, Get-Job while running, Get-Job after Wait-Job
    assert rows[0][:3] == ["1", "Job1", "RemoteJob"]
    assert all(r[5] == "Server01" and r[6:9] == ["Get-EventLog", "System"][:len(r[6:9])] for r in rows)
    assert rows[-1][3] == "Completed" and rows[-1][4] == "True"
    # the first three System events of Server01, carrying its name
    events = [line for line in proc.stdout.splitlines() if line.rstrip().endswith("Server01") and "Information" in line]
    assert len(events) == 3, proc.stdout
    assert "PSComputerName" in proc.stdout
    assert proc.stderr == "", proc.stderr


def test_walkthrough_3_results_kept_on_the_remote_computer(lab):
    log = Path(lab.host("Server01").home) / "logs" / "pslog.txt"
    log.unlink(missing_ok=True)
    proc = _replay("3-results-kept-remote.ps1")
    jobs = _rows(proc.stdout, "BackgroundJob")
    assert jobs and all("localhost" in r for r in jobs), proc.stdout
    assert any("Completed" in r for r in jobs)
    assert [w for w in proc.stdout.split() if w in ("True", "False")][-2:] == ["True", "True"], proc.stdout
    assert "Server listening on 127.0.0.1" in log.read_text()
    assert proc.stderr == "", proc.stderr


def test_walkthrough_4_detached_session_keeps_the_jobs_output_coming(lab):
    # Receive-PSSession -OutTarget Job returns the job that started the command here ($jobNew is $job, as
    # pwsh's FindJobForSession does), reconnected: `$job | Wait-Job | Receive-Job` then gives every line once,
    # those that reached the job before the disconnect and those held by the daemon or produced since.
    proc = _replay("4-detached-session.ps1")
    rows = _rows(proc.stdout, "RemoteJob")
    assert [r[3] for r in rows] == ["Running", "Disconnected"], proc.stdout
    session = _rows(proc.stdout, "SSH")
    assert session and session[0][5:] == ["Disconnected", "DefaultShell", "None"], proc.stdout
    lines = [line for line in proc.stdout.splitlines() if line.startswith("Output ")]
    assert lines == [f"Output {i}" for i in range(1, 11)], proc.stdout
    assert proc.stderr == "", proc.stderr


def test_walkthrough_5_two_shells_one_after_the_other(lab):
    path = _WALKTHROUGHS / "5-detached-across-processes.ps1.md"
    if not path.is_file():
        pytest.skip(f"walkthrough {path} is not there")
    blocks: list[list[str]] = [[]]
    for line in path.read_text().splitlines():
        if line.startswith("    "):
            blocks[-1].append(line[4:].split("#")[0].rstrip())
        elif blocks[-1]:
            blocks.append([])
    first, second = ("\n".join(b) + "\n" for b in blocks if b)
    run = [sys.executable, "-m", "pyshell", "-NoProfile", "-"]
    one = subprocess.run(run, input=first, text=True, capture_output=True, timeout=60, env=dict(os.environ))
    assert "Disconnected" in one.stdout and one.stderr == "", one.stdout + one.stderr
    two = subprocess.run(run, input=second + "Remove-PSSession $s\n", text=True, capture_output=True, timeout=90,
                         env=dict(os.environ))
    assert _rows(two.stdout, "nightly")[0][5:] == ["Disconnected", "DefaultShell", "None"], two.stdout
    ticks = [line for line in two.stdout.splitlines() if line.startswith("tick ")]
    assert ticks and ticks[-1] == "tick 20" and len(ticks) == len(set(ticks)), two.stdout
    assert two.stderr == "", two.stderr
