"""Get-/Set-/New-Variable details PowerShell's Get-Variable.Tests.ps1 checks: -Scope, -Include, -ValueOnly
enumeration, Private variables, and the PSVariable's Description/Options."""

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
    # -Scope 0/Local lists only the variables defined in that scope (the automatic ones of a script block too)
    ("$g = 1; & { $a = 2; (Get-Variable -Scope 0).Name -contains 'a'; (Get-Variable -Scope 0).Name -contains 'g' }",
     [True, False]),
    ("$g = 1; & { (Get-Variable -Name g -Scope 1).Value }", [1]),
    ("$g = 1; & { Get-Variable -Name g -Scope Local -ErrorAction SilentlyContinue; 'none' }", ["none"]),
    ("$a1 = 1; $a2 = 2; $a3 = 3; (Get-Variable -Include a1, a2).Name", ["a1", "a2"]),
    ("$abcaVar = 1; $bcdaVar = 2; $aVarfoo = 3; (Get-Variable -Name *aVar* -Scope local).Name",
     ["abcaVar", "aVarfoo", "bcdaVar"]),
    # -ValueOnly writes a collection the way $var does: enumerated
    ("$v = @(1, 2, 3); (Get-Variable -Name v -ValueOnly | Measure-Object).Count", [3]),
    ("Set-Variable nv testing -Option ReadOnly -Description 'about it'; $p = Get-Variable nv; $p.Options; $p.Description",
     ["ReadOnly", "about it"]),
    ("New-Variable nv2 -Value 1 -Description 'd2'; (Get-Variable nv2).Description; (Get-Variable nv2).Options",
     ["d2", "None"]),
    ("(Get-Variable).Name -contains '^'; (Get-Variable).Name -contains '$'", [True, True]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


def test_private_variable_is_not_found_by_name(rs: Runspace) -> None:
    assert rs.run("Set-Variable pv 1 -Option Private; try { Get-Variable -Name pv -ErrorAction Stop } "
                  "catch { $_.FullyQualifiedErrorId }") == ["VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"]


def test_bad_scope_name_is_an_error(rs: Runspace) -> None:
    assert rs.run("try { Get-Variable -Scope bogus -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }") == [
        "ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetVariableCommand"]
