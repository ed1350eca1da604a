"""Get-Process details from PowerShell's Get-Process.Tests.ps1: a null -Id/-InputObject is a validation error;
MainModule is the executable as a ProcessModule."""

from __future__ import annotations

import os

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize(("src", "command"), [("Get-Process -Id $null", "GetProcessCommand"),
                                              ("Get-Process -InputObject $null", "GetProcessCommand"),
                                              ("Stop-Process -Id $null", "StopProcessCommand")])
def test_null_process_arguments_are_validation_errors(rs: Runspace, src: str, command: str) -> None:
    assert rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId }}") == [
        f"ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.{command}"]


def test_main_module_is_the_executable(rs: Runspace) -> None:
    exe = os.readlink(f"/proc/{os.getpid()}/exe")
    out = rs.run(f"$m = (Get-Process -Id {os.getpid()}).MainModule; $m.FileName; $m.ModuleName; "
                 "$m.PSObject.TypeNames[0]")
    assert out == [exe, os.path.basename(exe), "System.Diagnostics.ProcessModule"]


def test_module_lists_the_mapped_files_executable_first(rs: Runspace) -> None:
    exe = os.readlink(f"/proc/{os.getpid()}/exe")
    out = rs.run(f"$m = Get-Process -Id {os.getpid()} -Module; $m.GetType().FullName; $m[0].GetType().FullName; "
                 "$m[0].FileName; $m.Count -gt 1; ($m | Where-Object ModuleMemorySize -le 0).Count")
    assert out == ["System.Object[]", "System.Diagnostics.ProcessModule", exe, True, 0]


def test_file_version_info_is_empty_on_linux(rs: Runspace) -> None:
    exe = os.readlink(f"/proc/{os.getpid()}/exe")
    out = rs.run(f"$v = Get-Process -Id {os.getpid()} -FileVersionInfo; $v.GetType().FullName; $v.FileName; "
                 "$null -eq $v.FileVersion; $v.FileMajorPart")
    assert out == ["System.Diagnostics.FileVersionInfo", exe, True, 0]


def test_file_version_info_of_process_zero_is_nothing(rs: Runspace) -> None:
    assert rs.run("Get-Process -Id 0 -FileVersionInfo -ErrorAction Stop; 'ok'") == ["ok"]


def test_cmdlet_parameters_table_has_contains_key(rs: Runspace) -> None:
    """Stop-Process.Tests: `Should -HaveParameter` asks `(Get-Command X).Parameters.ContainsKey(name)`."""
    src = ("$c = Get-Command Stop-Process; $c.Parameters.ContainsKey('id'); $c.Parameters.ContainsKey('PassThru'); "
           "$c.Parameters.ContainsKey('ErrorAction'); $c.Parameters.ContainsKey('Nope')")
    assert rs.run(src) == [True, True, True, False]


def test_stop_process_include_child_process_stops_the_tree(rs: Runspace) -> None:
    import subprocess
    import time

    parent = subprocess.Popen(["sh", "-c", "sleep 30 & wait"])
    try:
        deadline = time.time() + 5
        kids: list[int] = []
        while not kids and time.time() < deadline:
            time.sleep(0.05)
            kids = [int(d) for d in os.listdir("/proc") if d.isdigit() and _ppid(int(d)) == parent.pid]
        assert kids
        rs.run(f"Stop-Process -Id {parent.pid} -IncludeChildProcess")
        parent.wait(timeout=5)
        time.sleep(0.2)
        assert all(not os.path.exists(f"/proc/{k}") or _state(k) == "Z" for k in kids)
    finally:
        if parent.poll() is None:
            parent.kill()


def _ppid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
