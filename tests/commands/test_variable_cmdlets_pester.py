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


def test_private_variable_is_not_found_from_a_child_scope(rs: Runspace) -> None:
    assert rs.run("Set-Variable pv 1 -Option Private; & { try { Get-Variable -Name pv -ErrorAction Stop } "
                  "catch { $_.FullyQualifiedErrorId } }") == ["VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"]


def test_bad_scope_name_is_an_error(rs: Runspace) -> None:
    assert rs.run("try { Get-Variable -Scope bogus -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }") == [
        "ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetVariableCommand"]


NON_TERMINATING = [
    # a refused change is the cmdlet's non-terminating error: -ErrorAction SilentlyContinue hides it
    ("New-Variable v1 -Value 1; New-Variable v1 -Value 2 -ErrorAction SilentlyContinue; $v1", [1]),
    ("New-Variable v1 1 -Option ReadOnly; Set-Variable v1 2 -ErrorAction SilentlyContinue; $v1", [1]),
    ("New-Variable v1 1 -Option Constant; Remove-Variable v1 -ErrorAction SilentlyContinue; $v1", [1]),
    ("New-Variable v1 1; Set-Variable v1 -Option Constant -ErrorAction SilentlyContinue; (Get-Variable v1).Options",
     ["None"]),
    # -Force replaces a ReadOnly variable, options and all
    ("New-Variable v1 1 -Option ReadOnly; New-Variable v1 2 -Force; $v1; (Get-Variable v1).Options", [2, "None"]),
    ("'piped' | New-Variable -Name v2; $v2", ["piped"]),
    ("Set-Variable v3 1 -Option ReadOnly; Clear-Variable v3 -Force; $null -eq $v3; (Get-Variable v3).Options",
     [True, "ReadOnly"]),
    # a Private variable is seen in its own scope only
    ("Set-Variable pv 1 -Option Private; (Get-Variable pv).Options; & { Get-Variable pv -ErrorAction Ignore; 'x' }",
     ["Private", "x"]),
    ("$g = 1; & { $g = 2; Clear-Variable g -Scope Local; $null -eq $g }; $g", [True, 1]),
]


@pytest.mark.parametrize(("src", "expected"), NON_TERMINATING)
def test_refusals_are_non_terminating(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


@pytest.mark.parametrize(("src", "fqid"), [
    ("New-Variable v1 1; New-Variable v1 2 -ErrorAction Stop",
     "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"),
    ("Set-Variable v1 1 -Option ReadOnly; Clear-Variable v1 -ErrorAction Stop",
     "VariableNotWritable,Microsoft.PowerShell.Commands.ClearVariableCommand"),
    ("$global:gv = 1; & { Clear-Variable gv -Scope Local -ErrorAction Stop }",
     "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"),
    ("New-Variable v1 1; Set-Variable v1 -Option Constant -ErrorAction Stop",
     "VariableCannotBeMadeConstant,Microsoft.PowerShell.Commands.SetVariableCommand"),
])
def test_refusal_error_ids(rs: Runspace, src: str, fqid: str) -> None:
    assert rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId }}") == [fqid]


def test_get_alias_exclude_and_alias_properties(rs: Runspace) -> None:
    src = ("Set-Alias -Name ABCD -Value foo; Set-Alias -Name ABCG -Value bar; "
           "$r = @(Get-Alias -Name ABC* -Exclude '*BCG'); $r.Count; $r[0].Name; $r[0].Options; $r[0].Description")
    assert rs.run(src) == [1, "ABCD", "None", ""]


@pytest.mark.parametrize("src", ["Get-Alias -Name ''", "Get-Alias -Name $null", "$null | Get-Alias -ErrorAction Stop"])
def test_get_alias_rejects_null_or_empty_names(rs: Runspace, src: str) -> None:
    assert rs.run(f"try {{ {src}; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}") == [
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetAliasCommand"]


def test_remove_variable_wildcards_include_exclude(rs: Runspace) -> None:
    src = ("$tmpvar1 = 1; $tmpvar2 = 2; $tmpmyvar1 = 3; Remove-Variable -Name tmp* -Exclude *my*; "
           "$null -eq $tmpvar1; $tmpmyvar1; $tmpvar2 = 2; Remove-Variable tmp* -Include *my*; $tmpvar2; $null -eq $tmpmyvar1")
    assert rs.run(src) == [True, 3, 2, True]


def test_remove_variable_scope_takes_only_that_scopes_variable(rs: Runspace) -> None:
    src = ("$v = 'outer'; & { try { Remove-Variable v -Scope local -ErrorAction Stop } catch { "
           "$_.FullyQualifiedErrorId }; $v }; & { $w = 1; try { Remove-Variable w -Scope global -ErrorAction Stop } "
           "catch { $_.FullyQualifiedErrorId }; $w }; Remove-Variable v -Scope global; $null -eq $v")
    assert rs.run(src) == ["VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand", "outer",
                           "VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand", 1, True]


def test_clear_variable_in_a_child_scope_shadows_the_outer_variable(rs: Runspace) -> None:
    src = "$foo = 'bar'; & { Clear-Variable foo; $null -eq $foo; Remove-Variable foo }; $foo"
    assert rs.run(src) == [True, "bar"]


def test_set_variable_wildcards_include_exclude_and_sv_alias(rs: Runspace) -> None:
    src = ("$abcaVar = 1; $bcdaVar = 2; $aVarfoo = 3; Set-Variable -Name '*aV*' -Value 'over' -Include '*Var*' "
           "-Exclude 'bcd*'; $abcaVar; $bcdaVar; $aVarfoo; Set-Variable -Name foo1, foo2 hello -Exclude foo2; $foo1; "
           "$null -eq $foo2; sv q 5; $q")
    assert rs.run(src) == ["over", 2, "over", "hello", True, 5]


def test_private_scope_shows_in_the_options(rs: Runspace) -> None:
    src = "Set-Variable foo bar -Option ReadOnly -Scope private; (Get-Variable foo).Options"
    assert rs.run(src) == ["ReadOnly, Private"]
