"""The Pester shim runs a sample test file through the installed pyshell and counts what it should."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def _pyshell() -> list[str]:
    exe = shutil.which("pyshell")
    return [exe] if exe else [sys.executable, "-m", "pyshell"]


def test_shim_counts_passes_failures_and_skips() -> None:
    script = f". '{HERE / 'Pester.ps1'}'; Invoke-Pester '{HERE / 'samples' / 'Shim.Tests.ps1'}'"
    done = subprocess.run([*_pyshell(), "-NoProfile", "-NonInteractive", "-Command", script],
                          capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[-1] == "Tests Passed: 7, Failed: 3, Skipped: 2", done.stdout + done.stderr
    failures = [line for line in lines if line.startswith("[-]")]
    assert failures == [
        "[-] Shim > failures > fails on a wrong value :: Expected 2, but got 1.",
        "[-] Shim > failures > fails when nothing is thrown :: "
        "Expected an exception to be thrown, but no exception was thrown.",
        "[-] Shim > failures > fails on a thrown error :: boom",
    ]
    assert done.stderr == ""


@pytest.mark.parametrize("snippet", [
    "function F { param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][scriptblock]$Body, "
    "[string[]]$Tag) \"[$Name][$Body][$Tag]\" }; F 'x' { 1 }",
])
def test_explicit_positions_leave_other_parameters_named(snippet: str) -> None:
    done = subprocess.run([*_pyshell(), "-NoProfile", "-Command", snippet], capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "[x][ 1 ][]", done.stdout + done.stderr


def test_shim_runs_files_the_pester_4_way() -> None:
    """BeforeAll data feeds It -TestCases, `Should Be` works, Describe -ForEach data is seen, It:Skip skips; the file
    runs as a script (its own script scope)."""
    script = f". '{HERE / 'Pester.ps1'}'; Invoke-Pester '{HERE / 'samples' / 'Pester4.Tests.ps1'}' -Detailed"
    done = subprocess.run([*_pyshell(), "-NoProfile", "-NonInteractive", "-Command", script],
                          capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[-1] == "Tests Passed: 7, Failed: 2, Skipped: 3", done.stdout + done.stderr
    assert "[+] Pester 4 model > runs test cases built in BeforeAll (2)" in lines
    assert "[+] Describe -ForEach b > sees the data of its block" in lines
    assert "[!] skips through PSDefaultParameterValues > is skipped too" in lines
    assert "[+] after the skip block > runs again" in lines
    assert "[-] Pester 4 model > fails a legacy assertion :: Expected 2, but got 1." in lines
    assert any(line.startswith("[-] after the skip block > reports a helper error id :: Expected FullyQualifiedErrorId "
                               "'Other', but got 'PathNotFound,") for line in lines)


def test_testdrive_is_emptied_per_block_and_resolve_file_path() -> None:
    script = f". '{HERE / 'Pester.ps1'}'; Invoke-Pester '{HERE / 'samples' / 'TestDriveScope.Tests.ps1'}'"
    done = subprocess.run([*_pyshell(), "-NoProfile", "-NonInteractive", "-Command", script],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "Tests Passed: 3, Failed: 0, Skipped: 0", done.stdout + done.stderr
