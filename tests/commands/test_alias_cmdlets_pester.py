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


def test_export_alias_csv_and_script(rs: Runspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    rs.run(f"Set-Alias abcd01 efgh01; Export-Alias '{f}' abcd01 -Description 'My Aliases'")
    lines = f.read_text().splitlines()
    assert lines[0] == "# Alias File" and "# My Aliases" in lines and lines[-1] == '"abcd01","efgh01","","None"'
    rs.run(f"Export-Alias '{f}' abcd01 -As Script")
    assert f.read_text().splitlines()[-1] == 'set-alias -Name:"abcd01" -Value:"efgh01" -Description:"" -Option:"None"'


def test_export_alias_errors(rs: Runspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x").write_text("")
    (tmp_path / "y").write_text("")
    ro = tmp_path / "ro"
    ro.write_text("")
    ro.chmod(0o444)
    out = rs.run(f"try {{ Export-Alias '{tmp_path}/*' }} catch {{ $_.FullyQualifiedErrorId }}; "
                 f"try {{ Export-Alias '{ro}' }} catch {{ $_.FullyQualifiedErrorId }}; "
                 f"Export-Alias '{ro}' -Force; 'forced'")
    assert out == ["ReadWriteMultipleFilesNotSupported,Microsoft.PowerShell.Commands.ExportAliasCommand",
                   "FileOpenFailure,Microsoft.PowerShell.Commands.ExportAliasCommand", "forced"]


def test_import_alias_reads_quoted_fields_and_checks_the_format(rs: Runspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text('# Alias File\n"abc""def","echo","","None"\n"a,b","echo","d","ReadOnly"\n')
    bad = tmp_path / "bad.txt"
    bad.write_text('\n"v_1","v_2","v_3"\n')
    out = rs.run(f"Import-Alias '{good}'; (Get-Alias 'abc\"def').Definition; (Get-Alias 'a,b').Options; "
                 f"Import-Alias '{good}' -ErrorVariable e -ErrorAction SilentlyContinue; $e[0].FullyQualifiedErrorId; "
                 f"try {{ Import-Alias '{bad}' }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == ["echo", "ReadOnly", "AliasAlreadyExists,Microsoft.PowerShell.Commands.ImportAliasCommand",
                   "ImportAliasFileFormatError,Microsoft.PowerShell.Commands.ImportAliasCommand"]
