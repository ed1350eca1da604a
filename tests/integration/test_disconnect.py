"""Disconnect-/Connect-/Receive-PSSession and Get-PSSession -ComputerName through the lab's real sshd.

Every script runs in its own `python3 -m pyshell -NoProfile -` process, so a session taken up again is
reached as a later shell would reach it: through the daemon on the host, never through this process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pyshell.remoting.lab_process import host_daemons, is_alive


def _run(script: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-"], input=script, text=True,
                          capture_output=True, timeout=timeout, env=dict(os.environ))
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _start(script: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "pyshell", "-NoProfile", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    assert proc.stdin is not None
    proc.stdin.write(script)
    proc.stdin.close()
    return proc


def _wait_file(path: Path, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the first shell did not get there"
        time.sleep(0.05)


def _rows(text: str, word: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines() if word in line.split()]


def _daemons(lab) -> list[int]:
    return [p for name in ("Server01", "Server02", "localhost") for p in host_daemons(lab.host(name).state_dir)]


@pytest.fixture(autouse=True, scope="module")
def _no_daemon_left(lab):
    """Each test removes its sessions; at the end no session daemon of these hosts may still run."""
    before = set(_daemons(lab))
    yield
    deadline = time.monotonic() + 10
    left = [p for p in _daemons(lab) if p not in before]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [p for p in left if is_alive(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"session daemons left behind: {left}"


def test_disconnect_outputs_the_session_and_the_job_goes_disconnected(lab):
    proc = _run("""
$s = New-PSSession -ComputerName Server01
$job = Invoke-Command -Session $s -ScriptBlock { 1..3 | % { sleep 1; "x $_" } } -AsJob
$d = Disconnect-PSSession $s
"$($d.State) $($d.Availability) $($s.State) $($job.State) $($job.ChildJobs[0].State)"
$w = $job | Wait-Job
"waited: $($w.State)"
Disconnect-PSSession $s
"again: done"
Invoke-Command -Session $s { 1 }
Remove-PSSession $s
""")
    out = proc.stdout
    assert "Disconnected None Disconnected Disconnected Disconnected" in out, out
    assert "waited: Disconnected" in out  # Wait-Job returns at Disconnected without -Force
    assert "disconnected state" in out  # ... with its warning
    assert "again: done" in out and out.count("Disconnected  DefaultShell") == 0
    assert "The session state is Disconnected" in proc.stderr.replace("\n", " ").replace("  ", " ") or \
        "is not equal to Open" in proc.stderr, proc.stderr


def test_disconnect_errors(lab):
    proc = _run("""
$s = New-PSSession -ComputerName Server02
Remove-PSSession $s
Disconnect-PSSession $s
$t = New-PSSession -ComputerName Server02
Disconnect-PSSession $t -IdleTimeoutSec 30
Connect-PSSession -Session $s
"state: $($t.State)"
Remove-PSSession $t
""")
    err = " ".join(proc.stderr.split())
    assert 'Cannot disconnect PSSession "Runspace1" because it is not in the Opened state.' in err, err
    assert "The 30 argument is less than the minimum allowed range of 60" in err
    assert 'Cannot connect PSSession "Runspace1"' in err
    assert "state: Opened" in proc.stdout


def test_connect_reattaches_without_output_and_receive_gets_what_was_missed(lab):
    proc = _run("""
$s = New-PSSession -ComputerName Server01 -Name plain
Invoke-Command -Session $s { $n = 5 }
Disconnect-PSSession $s | Out-Null
$c = Connect-PSSession -Session $s
"connected: $($c.State) $($c.Availability)"
Invoke-Command -Session $s { $n * 2 }
Remove-PSSession $s
""")
    assert "connected: Opened Available" in proc.stdout, proc.stdout + proc.stderr
    assert "10" in proc.stdout.split()


def test_walkthrough_5_across_two_processes(lab):
    first = _run("""
$s = New-PSSession -ComputerName Server01 -Name nightly
Invoke-Command -Session $s -ScriptBlock { 1..8 | % { sleep 0.5; "tick $_" } } -AsJob
Disconnect-PSSession $s
exit
""")
    assert _rows(first.stdout, "nightly")[0][5:7] == ["Disconnected", "DefaultShell"], first.stdout
    time.sleep(1.2)
    second = _run("""
Get-PSSession -ComputerName Server01
$s = Connect-PSSession -ComputerName Server01 -Name nightly
"connected: $($s.State) $($s.Availability)"
Receive-PSSession -Session $s
Remove-PSSession $s
""")
    rows = _rows(second.stdout, "nightly")
    assert rows[0][5:] == ["Disconnected", "DefaultShell", "None"], second.stdout
    assert "connected: Opened Available" in second.stdout
    ticks = [line for line in second.stdout.splitlines() if line.startswith("tick ")]
    assert ticks == [f"tick {i}" for i in range(1, 9)][-len(ticks):] and ticks[-1] == "tick 8", second.stdout
    assert second.stderr == "", second.stderr


def test_walkthrough_5_after_the_first_shell_was_killed(lab, tmp_path):
    marker = tmp_path / "disconnected"
    first = _start(f"""
$s = New-PSSession -ComputerName Server01 -Name killed
$job = Invoke-Command -Session $s -ScriptBlock {{ 1..6 | % {{ sleep 0.5; "tick $_" }} }} -AsJob
Start-Sleep 1
Disconnect-PSSession $s | Out-Null
Set-Content -Path '{marker}' -Value done
Start-Sleep 60
""")
    _wait_file(marker, first)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    second = _run("""
Get-PSSession -ComputerName Server01 -Name killed | % { "listed: $($_.Name) $($_.State) $($_.Availability)" }
$s = Connect-PSSession -ComputerName Server01 -Name killed
$j = Receive-PSSession -Session $s -OutTarget Job
"job: $($j.PSJobTypeName)"
$j | Wait-Job | Receive-Job
Remove-PSSession $s
""")
    assert "listed: killed Disconnected None" in second.stdout, second.stdout + second.stderr
    assert "job: RemoteJob" in second.stdout
    ticks = [line for line in second.stdout.splitlines() if line.startswith("tick ")]
    assert ticks and ticks[-1] == "tick 6" and len(ticks) == len(set(ticks)), second.stdout
    assert "tick 1" not in ticks  # delivered to the first shell before the disconnect


def test_a_shell_ending_mid_command_leaves_the_session_disconnected(lab):
    _run("""
$s = New-PSSession -ComputerName Server02 -Name leftover
Invoke-Command -Session $s -ScriptBlock { sleep 1; "late" } -AsJob | Out-Null
exit
""")
    second = _run("""
Get-PSSession -ComputerName Server02 -State Disconnected | % { "listed: $($_.Name)" }
Receive-PSSession -ComputerName Server02 -Name leftover
Get-PSSession -ComputerName Server02 -Name leftover | Remove-PSSession
""")
    assert "listed: leftover" in second.stdout, second.stdout + second.stderr
    assert "late" in second.stdout.split()


def test_a_session_attached_elsewhere_is_busy_and_cannot_be_connected(lab, tmp_path):
    marker = tmp_path / "open"
    holder = _start(f"""
$s = New-PSSession -ComputerName Server02 -Name held
Set-Content -Path '{marker}' -Value open
Start-Sleep 60
""")
    try:
        _wait_file(marker, holder)
        other = _run("""
Get-PSSession -ComputerName Server02 -Name held | % { "listed: $($_.State) $($_.Availability)" }
Connect-PSSession -ComputerName Server02 -Name held
""")
        assert "listed: Disconnected Busy" in other.stdout, other.stdout + other.stderr
        assert 'Cannot connect PSSession "held"' in " ".join(other.stderr.split())
    finally:
        holder.kill()
        holder.wait(10)
    # the killed shell's idle session is taken up and removed by a later one
    deadline = time.monotonic() + 15
    while True:
        last = _run('Get-PSSession -ComputerName Server02 -Name held | % { $_.Availability }')
        if "None" in last.stdout.split() or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    _run("Get-PSSession -ComputerName Server02 -Name held | Remove-PSSession")
    assert "held" not in _run("Get-PSSession -ComputerName Server02").stdout
