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
