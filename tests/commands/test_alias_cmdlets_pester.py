"""Set-/New-/Get-Alias details PowerShell's *-Alias.Tests.ps1 check: -Description, -Option shown on the AliasInfo,
and -Scope validated (a bad name is an Argument error, an out-of-range number ArgumentOutOfRange)."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def test_description_and_options_reach_the_alias_info(rs: Runspace) -> None:
    src = ("New-Alias ABCD -Value MyCommand -Description 'test description' -Scope '0'; "
           "$r = Get-Alias -Name ABCD -Scope '0'; $r.Definition; $r.Description; $r.Options")
    assert rs.run(src) == ["MyCommand", "test description", "None"]


def test_set_alias_without_option_resets_the_options(rs: Runspace) -> None:
    src = ("Set-Alias -Name ABCD -Value foo -Option ReadOnly -Force; (Get-Alias ABCD).Options; "
           "Set-Alias ABCD foo -Force; (Get-Alias ABCD).Options; "
           "(Set-Alias z Get-Date -Option 'ReadOnly, AllScope' -PassThru).Options")
    assert rs.run(src) == ["ReadOnly", "None", "ReadOnly, AllScope"]


@pytest.mark.parametrize(("src", "error_id"), [
    ("Get-Alias -Name x -Scope bogus", "Argument,Microsoft.PowerShell.Commands.GetAliasCommand"),
    ("Set-Alias -Name x -Value y -Scope bogus", "Argument,Microsoft.PowerShell.Commands.SetAliasCommand"),
    ("Get-Alias -Name x -Scope 99999", "ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetAliasCommand"),
    ("Set-Alias -Name x -Value y -Scope '-1'", "ArgumentOutOfRange,Microsoft.PowerShell.Commands.SetAliasCommand"),
    ("New-Alias -Name x -Value y -Scope 100", "ArgumentOutOfRange,Microsoft.PowerShell.Commands.NewAliasCommand"),
])
def test_bad_scopes_are_argument_errors(rs: Runspace, src: str, error_id: str) -> None:
    assert rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId }}") == [error_id]


def test_valid_scopes_are_accepted(rs: Runspace) -> None:
    src = "foreach ($s in 'global', 'script', 'local', '0') { Set-Alias q Get-Date -Scope $s; (Get-Alias q).Definition }"
    assert rs.run(src) == ["Get-Date"] * 4
