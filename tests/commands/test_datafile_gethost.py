"""Import-PowerShellDataFile (literal-only .psd1 reading and pwsh's error ids) and Get-Host ($Host itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

_SUFFIX = ",Microsoft.PowerShell.Commands.ImportPowerShellDataFileCommand"


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _caught(rs: Runspace, script: str) -> list[str]:
    return rs.run(f"try {{ {script} -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")


def test_reads_literals(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "good.psd1"
    path.write_text('# comment\n@{ "Hello" = "World"; n = -5; a = 1,2; b = @(3); c = @{ x = $true; y = $null }\n'
                    "  s = 'single'; h = @'\nhere\n'@ }\n")
    out = rs.run(f"$r = Import-PowerShellDataFile '{path}'; $r.GetType().Name; $r.Hello; $r.n; $r.a.Count; "
                 "$r.b.GetType().Name; $r.c.x; $null -eq $r.c.y; $r.s; $r.h")
    assert out == ["Hashtable", "World", -5, 2, "Object[]", True, True, "single", "here"]


def test_dynamic_content_is_refused(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "insecure.psd1"
    path.write_text("@{ Foo = Get-Process }")
    assert _caught(rs, f"Import-PowerShellDataFile '{path}'") == [
        "System.InvalidOperationException" + _SUFFIX,
        "Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. "
        "Dynamic expression: @{ Foo = Get-Process }."]
    for body in ('@{ a = "x$env:HOME" }', "@{ a = $HOME }", "@{ a = $(1) }", "@{ a = { 1 } }"):
        path.write_text(body)
        assert _caught(rs, f"Import-PowerShellDataFile '{path}'")[0] == "System.InvalidOperationException" + _SUFFIX


def test_key_limit_and_skip_limit_check(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "large.psd1"
    path.write_text("@{" + "".join(f"key{i} = {i};" for i in range(1, 502)) + "}")
    assert _caught(rs, f"Import-PowerShellDataFile '{path}'")[0] == "System.InvalidOperationException" + _SUFFIX
    assert rs.run(f"(Import-PowerShellDataFile '{path}' -SkipLimitCheck).Keys.Count") == [501]


def test_not_a_data_file(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text('"Hello World"')
    (tmp_path / "broken.psd1").write_text("@{ a = ")
    assert _caught(rs, f"Import-PowerShellDataFile '{tmp_path}/plain'") == [
        "CouldNotParseAsPowerShellDataFileNoHashtableRoot" + _SUFFIX,
        f"The file '{tmp_path}/plain' could not be parsed as a PowerShell Data File."]
    assert _caught(rs, f"Import-PowerShellDataFile -LiteralPath '{tmp_path}/broken.psd1'")[0] == (
        "CouldNotParseAsPowerShellDataFile" + _SUFFIX)


def test_missing_path_or_directory(rs: Runspace, tmp_path: Path) -> None:
    assert _caught(rs, "Import-PowerShellDataFile -Path /SomeMissingDirectory") == [
        "PathNotFound" + _SUFFIX, "Cannot find path '/SomeMissingDirectory' because it does not exist."]
    assert _caught(rs, f"Import-PowerShellDataFile '{tmp_path}'")[0] == "PathNotFound" + _SUFFIX


def test_get_host_is_dollar_host(rs: Runspace) -> None:
    assert rs.run("[object]::ReferenceEquals((Get-Host), $Host)") == [True]
    assert rs.run("(Get-Host).Name") == rs.run("$Host.Name")
