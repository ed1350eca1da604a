"""Measure-Command, Join-String, ConvertFrom-StringData, Get-Uptime and Clear-Host (ported from pwsh's
Join-String/ConvertFrom-StringData Pester tests and the cmdlets' documentation examples)."""

from __future__ import annotations

import datetime as _dt

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    # Measure-Command: a TimeSpan; the block runs in the caller's scope; $_ is each input object
    ("(Measure-Command { Start-Sleep -Milliseconds 120 }).TotalMilliseconds -ge 100", [True]),
    ("(Measure-Command { 'output is discarded' }).GetType().FullName", ["System.TimeSpan"]),
    ("Measure-Command { $mc1 = 5 } | Out-Null; $mc1", [5]),
    ("$mcn = 0; 1..4 | Measure-Command { $mcn += $_ } | Out-Null; $mcn", [10]),
    ("@(1..3 | Measure-Command -Expression { $_ }).Count", [1]),
    # Join-String
    ("1,2 | Join-String -Separator '-'", ["1-2"]),
    ("1..3 | Join-String -Separator ',' -OutputPrefix 'A ' -OutputSuffix ' B'", ["A 1,2,3 B"]),
    ("'a','b' | Join-String -SingleQuote -Separator ', '", ["'a', 'b'"]),
    ("'a','b' | Join-String -DoubleQuote", ['"a""b"']),
    ("1.5,2 | Join-String -FormatString '[{0:N2}]' -Separator ';'", ["[1.50];[2.00]"]),
    ("[pscustomobject]@{n='x'},[pscustomobject]@{n='y'} | Join-String n '|'", ["x|y"]),
    ("[pscustomobject]@{a=1},[pscustomobject]@{a=2} | Join-String { $_.a * 2 } -Separator '+'", ["2+4"]),
    ("$OFS = '/'; 1,2 | Join-String", ["1/2"]),
    ("1,2 | Join-String", ["12"]),  # no $OFS: no separator
    ("$null | Join-String -OutputPrefix '<' -OutputSuffix '>'", ["<>"]),
    ("1,$null,2 | Join-String -Separator ','", ["1,2"]),
    ("Join-String -InputObject 1,2,3 -Separator ':'", ["1:2:3"]),
    ("@{k='v'},@{k='w'} | Join-String k ','", ["v,w"]),  # hashtable keys are properties
    # ConvertFrom-StringData
    ("$h = ConvertFrom-StringData \"a = 1`nb=x\\ty`n# comment`n`n  c  =  spaced  \"; $h.a; $h.b; $h.c; $h.Count",
     ["1", "x\ty", "spaced", 3]),
    ("(ConvertFrom-StringData -StringData 'a:1' -Delimiter ':').a", ["1"]),
    ("(ConvertFrom-StringData 'k = a=b').k", ["a=b"]),
    ("(ConvertFrom-StringData '').Count", [0]),
    ("(ConvertFrom-StringData 'Path = c:\\\\temp').Path", ["c:\\temp"]),
    ("(ConvertFrom-StringData 'A = 1').a", ["1"]),  # keys are case-insensitive
    ("'x=1','y=2' | ConvertFrom-StringData | ForEach-Object { $_.Keys }", ["x", "y"]),
    # Get-Uptime
    ("(Get-Uptime).GetType().Name; (Get-Uptime).TotalSeconds -gt 0", ["TimeSpan", True]),
    ("(Get-Uptime -Since) -lt (Get-Date)", [True]),
    # Clear-Host writes nothing to the pipeline
    ("Clear-Host; cls; 'after'", ["after"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_text_commands(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


def test_measure_command_result_is_elapsed_time(rs: Runspace) -> None:
    out = rs.run("Measure-Command { Start-Sleep -Milliseconds 50 }")
    assert isinstance(out[0], _dt.timedelta)
    assert _dt.timedelta(milliseconds=40) <= out[0] < _dt.timedelta(seconds=5)


ERRORS = [
    ("ConvertFrom-StringData 'abc'", "Data line 'abc' is not in 'name=value' format.",
     "InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand"),
    ("ConvertFrom-StringData '=1'", "Data line '=1' is not in 'name=value' format.",
     "InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand"),
    ("ConvertFrom-StringData \"a=1`nA=2\"", "Data item 'A' in line 'A=2' is already defined.",
     "InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand"),
]


@pytest.mark.parametrize(("src", "message", "fqid"), ERRORS)
def test_text_command_errors(rs: Runspace, src: str, message: str, fqid: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out == [message, fqid]


def test_measure_command_lets_a_throw_through(rs: Runspace) -> None:
    out = rs.run("try { Measure-Command { throw 'boom' }; 'not reached' } catch { $_.Exception.Message }")
    assert out == ["boom"]
