"""Fourth conformance pass: -as precedence, switch -file errors, AutomationNull, inner exceptions, JSON nulls.

Expected values come from PowerShell 7's behaviour; each case is a snippet run through a real Runspace.
"""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


CASES = [
    # -as/-is have comparison precedence (token.cs: BinaryPrecedenceComparison), below + and *
    ("('5' -as [int]) + 1; '5' -as [int]; 2 + 3 -is [int]", [6, 5, True]),
    # AutomationNull::Value and $() are no output at all, yet $null as a value
    ("@([System.Management.Automation.Internal.AutomationNull]::Value).Count; @($()).Count; @($($null)).Count",
     [0, 0, 1]),
    ("$x = [System.Management.Automation.Internal.AutomationNull]::Value; $null -eq $x; @($(1,2)).Count",
     [True, 2]),
    # a RuntimeException from 1/0 wraps a DivideByZeroException
    ("try { 1/0 } catch { $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().Name }",
     ["RuntimeException", "DivideByZeroException"]),
    ("$z = 0; try { 1/$z } catch [DivideByZeroException] { $_.Exception.InnerException.Message }",
     ["Attempted to divide by zero."]),
    # ConvertTo-Json writes null for the null-like singletons
    ("[DBNull]::Value, [NullString]::Value, 1 | ConvertTo-Json -Compress", ["[null,null,1]"]),
    ("@{a = [DBNull]::Value} | ConvertTo-Json -Compress", ['{"a":null}']),
    # a string/number with note properties behaves as its base value everywhere, and keeps its notes
    ("$a = 's' | Add-Member -NotePropertyName x -NotePropertyValue 1 -PassThru; $a.x; $a -eq 's'; 's' -eq $a; "
     "$a + 't'; $a.Length; [string]$a; $a -like 's*'; $a.ToUpper(); $a -is [string]; \"<$a>\"; $a | Out-String",
     [1, True, True, "st", 1, "s", True, "S", True, "<s>", "s\n"]),
    ("$n = 5 | Add-Member -NotePropertyName x -NotePropertyValue 2 -PassThru; $n + 1; $n * 2; [int]$n; -$n; "
     "$n -gt 3; $n -is [int]; 'a','b' -contains ('a' | Add-Member -NotePropertyName y -NotePropertyValue 0 -PassThru); "
     "(7, $n, 2 | Sort-Object | ForEach-Object { [int]$_ }) -join ','; $n.x",
     [6, 10, 5, -5, True, True, True, "2,5,7", 2]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


ERROR_CASES = [
    # "5" -as [int] + 1 parses as "5" -as ([int](+1)); the right operand must convert to [type]
    ("'5' -as [int] + 1", 'Cannot convert the "1" value of type "System.Int32" to type "System.Type".'),
]


@pytest.mark.parametrize(("src", "message"), ERROR_CASES)
def test_error_message(rs: Runspace, src: str, message: str) -> None:
    rs.run(src)
    assert _errors(rs) == [message]


def test_switch_file_missing_is_item_not_found(rs: Runspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nosuch"
    assert rs.run(f"switch -file '{missing}' {{ default {{ $_ }} }}; 'after'") == ["after"]
    assert _errors(rs) == [f"Cannot find path '{missing}' because it does not exist."]
    assert rs.run(f"try {{ switch -file '{missing}' {{}} }} catch {{ $_.FullyQualifiedErrorId }}") == ["PathNotFound"]
