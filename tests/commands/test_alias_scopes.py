"""Aliases per scope as pwsh keeps them (Utility/Get-Alias, Set-Alias, New-Alias, Remove-Alias tests): Set-Alias
defines a local alias unless -Scope says otherwise, Get-Alias -Scope lists one scope's aliases, ReadOnly and
Constant aliases refuse changes with AliasNotWritable / AliasNotRemovable, and Remove-Alias deletes them."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _error_id(rs: Runspace, script: str) -> str:
    return rs.run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}")[0]


@pytest.mark.parametrize(("script", "expected"), [
    # a local alias lives and dies with its scope; -Scope global outlives it
    ("function f { Set-Alias zz1 Get-Date; (Get-Alias zz1).Definition }; f; "
     "(Get-Alias zz1 -ErrorAction SilentlyContinue).Count", ["Get-Date", 0]),
    ("function f { Set-Alias zz2 Get-Date -Scope global }; f; (Get-Alias zz2).Definition", ["Get-Date"]),
    # the Get-Alias Scope Valid case: each scope keeps its own value
    ("function f { Set-Alias ABCD foo; Set-Alias ABCD localfoo -Scope local; Set-Alias ABCD globalfoo -Scope global; "
     "Set-Alias ABCD foo0 -Scope 0; (Get-Alias ABCD).Definition; (Get-Alias ABCD -Scope local).Definition; "
     "(Get-Alias ABCD -Scope global).Definition; (Get-Alias ABCD -Scope 1).Definition }; f",
     ["foo0", "foo0", "globalfoo", "globalfoo"]),
    ("function f { Set-Alias ABCD localfoo -Scope local -Force; & { Set-Alias ABCD foo1 -Scope 1 -Force; "
     "(Get-Alias ABCD).Definition }; (Get-Alias ABCD).Definition }; f", ["foo1", "foo1"]),
    # a child scope sees an outer scope's alias, and the alias runs
    ("function f { Set-Alias ggd Get-Date; & { (Get-Command ggd).Definition; (ggd).GetType().Name } }; f",
     ["Get-Date", "DateTime"]),
    # Private: only the defining scope sees it
    ("function f { Set-Alias pv1 Get-Date -Option Private; (Get-Alias pv1).Options; "
     "& { (Get-Alias pv1 -ErrorAction SilentlyContinue).Count } }; f", ["Private", 0]),
    # the Alias: drive sees the aliases of the current scope chain too
    ("function f { Set-Alias dz1 Get-Date; Test-Path alias:dz1; (Get-Item alias:dz1).Definition }; f",
     [True, "Get-Date"]),
])
def test_scoped_aliases(rs: Runspace, script: str, expected: list[object]) -> None:
    assert rs.run(script) == expected


@pytest.mark.parametrize(("script", "error_id"), [
    ("Set-Alias ro1 Get-Date -Option ReadOnly; Set-Alias ro1 Get-Item -ErrorAction Stop",
     "AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand"),
    ("New-Alias co1 Get-Date -Option Constant; New-Alias co1 Get-Item -Force -ErrorAction Stop",
     "AliasNotWritable,Microsoft.PowerShell.Commands.NewAliasCommand"),
    ("New-Alias na1 Get-Date; New-Alias na1 Get-Item -ErrorAction Stop",
     "AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand"),
    ("Set-Alias ro2 Get-Date -Option ReadOnly; Remove-Alias ro2 -ErrorAction Stop",
     "AliasNotRemovable,Microsoft.PowerShell.Commands.RemoveAliasCommand"),
    ("New-Alias co2 Get-Date -Option Constant; Remove-Alias co2 -Force -ErrorAction Stop",
     "AliasNotRemovable,Microsoft.PowerShell.Commands.RemoveAliasCommand"),
    ("Remove-Alias nosuchalias_q -ErrorAction Stop", "ItemNotFoundException,Microsoft.PowerShell.Commands.RemoveAliasCommand"),
    ("Set-Alias tral Get-Date; Remove-Alias tral -Scope 99999", "ArgumentOutOfRange,Microsoft.PowerShell.Commands.RemoveAliasCommand"),
    ("Get-Alias nosuchalias_q -ErrorAction Stop", "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"),
])
def test_alias_errors(rs: Runspace, script: str, error_id: str) -> None:
    assert _error_id(rs, script) == error_id


def test_alias_messages(rs: Runspace) -> None:
    out = rs.run("try { Get-Alias nosuchalias_q -EA Stop } catch { $_.Exception.Message }; "
                 "Set-Alias ro3 Get-Date -Option ReadOnly; "
                 "try { Set-Alias ro3 x -EA Stop } catch { $_.Exception.Message; $_.CategoryInfo.Reason }; "
                 "try { Remove-Alias ro3 -EA Stop } catch { $_.Exception.Message }")
    assert out == ["This command cannot find a matching alias because an alias with the name 'nosuchalias_q' does "
                   "not exist.",
                   "Alias is not writeable because alias ro3 is read-only or constant and cannot be written to.",
                   "SessionStateUnauthorizedAccessException",
                   "Alias was not removed because alias ro3 is constant or read-only."]


def test_force_and_remove(rs: Runspace) -> None:
    out = rs.run("Set-Alias ro4 Get-Date -Option ReadOnly; Set-Alias ro4 Get-Item -Force; (Get-Alias ro4).Definition; "
                 "(Get-Alias ro4).Options; Set-Alias ro5 Get-Date -Option ReadOnly; Remove-Alias ro5 -Force; "
                 "(Get-Alias ro5 -ErrorAction SilentlyContinue).Count; Set-Alias t1 a; Set-Alias t2 b; "
                 "Remove-Alias t1, t2; (Get-Alias t1, t2 -ErrorAction SilentlyContinue).Count; "
                 "New-Alias na2 Get-Date; New-Alias na2 Get-Item -Force; (Get-Alias na2).Definition")
    assert out == ["Get-Item", "None", 0, 0, "Get-Item"]


def test_remove_alias_of_a_function_scope(rs: Runspace) -> None:
    out = rs.run("Set-Alias sh1 Get-Date -Scope global; function f { Set-Alias sh1 Get-Item; Remove-Alias sh1; "
                 "(Get-Alias sh1).Definition; Remove-Alias sh1; (Get-Alias sh1 -ErrorAction SilentlyContinue).Count }; f")
    assert out == ["Get-Date", 0]


def test_scoped_alias_runs_in_a_script_file(tmp_path: object, rs: Runspace) -> None:
    import pathlib

    script = pathlib.Path(str(tmp_path)) / "al.ps1"
    script.write_text("Set-Alias hh1 Get-Date\nfunction g { (hh1).GetType().Name }\ng\n")
    assert rs.run(f"& '{script}'; (Get-Alias hh1 -ErrorAction SilentlyContinue).Count") == ["DateTime", 0]
