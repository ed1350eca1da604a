"""Get-Command as PowerShell's Core/Get-Command.Tests.ps1 and the docs use it: provider dynamic parameters through
-ArgumentList, parameter-set objects, -ExcludeModule/-Module, -TotalCount, -Syntax, command precedence, relative PATH
entries, and the CommandNotFoundException error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

_GCM = "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _error_id(rs: Runspace, script: str) -> str:
    return rs.run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}")[0]


@pytest.mark.parametrize(("script", "expected"), [
    # FileSystem dynamic parameters come from the path in the arguments (or the current location)
    ("$c = Get-Command Get-Content -Path /tmp; 'Wait','Encoding','Delimiter' | % { $c.ParameterSets.Parameters.Name "
     "-contains $_ }", [True, True, True]),
    ("$c = Get-Command Get-Content -Path function:; 'Wait','Encoding','Delimiter' | % { "
     "$c.ParameterSets.Parameters.Name -contains $_ }; $c.Parameters.ContainsKey('Path')", [False, False, False, True]),
    ("(Get-Command -Verb get -Noun content -Encoding UTF8).Parameters['Encoding'].ParameterType.FullName",
     ["System.Text.Encoding"]),
    ("(Get-Command Get-Content -Args '-Path', '/tmp').Parameters['Wait'].IsDynamic", [True]),
    ("(Get-Command Get-Content).Parameters['Path'].IsDynamic", [False]),
])
def test_dynamic_parameters(rs: Runspace, script: str, expected: list[object]) -> None:
    assert rs.run(script) == expected


def test_parameter_sets_are_objects_with_syntax(rs: Runspace) -> None:
    out = rs.run("$c = Get-Command Get-Content; $c.ParameterSets.Name -join ','; "
                 "($c.ParameterSets | ? IsDefault).Name; "
                 "$p = $c.ParameterSets[0].Parameters | ? Name -eq 'Path'; $p.IsMandatory; $p.Position; "
                 "$p.ParameterType.FullName; $c.ParameterSets[1].ToString()")
    assert out[:5] == ["Path,LiteralPath", "Path", True, 0, "System.String[]"]
    assert out[5].startswith("-LiteralPath <string[]> ") and out[5].endswith(" [<CommonParameters>]")


def test_syntax_lists_every_parameter_set(rs: Runspace) -> None:
    text = rs.run("Get-Command -Verb get -Noun content -Encoding Unicode -Syntax")[0]
    lines = [x for x in text.split("\n") if x]
    assert lines[0].startswith("Get-Content [-Path] <string[]> ")
    assert lines[1].startswith("Get-Content -LiteralPath <string[]> ")
    assert "-Encoding <Encoding>" in text and "[-Wait]" in text and "[-Delimiter <string>]" in text
    assert rs.run("Get-Command gcm -Syntax")[0].startswith("gcm (alias) -> Get-Command\n")


def test_function_parameters(rs: Runspace) -> None:
    out = rs.run("function f { [CmdletBinding()] param([Parameter(Mandatory)][int]$a, [switch]$s) }; "
                 "$c = Get-Command f; $c.Parameters.ContainsKey('a'); $c.Parameters.ContainsKey('Verbose'); "
                 "$c.ParameterSets[0].ToString(); function g($x) {}; (Get-Command g).Parameters.Keys -join ','; "
                 "\"$((Get-Command g).ParameterSets)\"")
    assert out == [True, True, "[-a] <int> [-s] [<CommonParameters>]", "x", "[[-x] <Object>]"]


@pytest.mark.parametrize(("script", "expected"), [
    ("Get-Command -Name Get-Command -ExcludeModule Microsoft.PowerShell.Core", []),
    ("(Get-Command -Name Get-Command -ExcludeModule Microsoft.PowerShell.U*).Source", ["Microsoft.PowerShell.Core"]),
    ("(Get-Command Get-C* -Module Microsoft.PowerShell.Management).Name -contains 'Get-Content'", [True]),
    ("(Get-Command Get-C* -Module Microsoft.PowerShell.Management).Name -contains 'Get-Command'", [False]),
    ("(Get-Command -Verb Get -Noun Con* -TotalCount 1).Count", [1]),
    ("(Get-Command -Name Add-Content, Get-Content | Get-Command).Name -join ','", ["Add-Content,Get-Content"]),
    # precedence: a name runs its alias first; -All lists every match
    ("(Get-Command gci).CommandType; (Get-Command gci -CommandType Cmdlet -ErrorAction SilentlyContinue).Count",
     ["Alias", 0]),
    ("function Get-Date { 'mine' }; (Get-Command Get-Date).CommandType; "
     "(Get-Command Get-Date -All).CommandType -join ','", ["Function", "Function,Cmdlet"]),
    ("(Get-Command gcm).Definition; (Get-Command Get-Content).Source", ["Get-Command", "Microsoft.PowerShell.Management"]),
])
def test_filters(rs: Runspace, script: str, expected: list[object]) -> None:
    assert rs.run(script) == expected


def test_not_found_error(rs: Runspace) -> None:
    assert _error_id(rs, "Get-Command nosuchcmd_zz -ErrorAction Stop") == _GCM
    msg = rs.run("try { Get-Command nosuchcmd_zz -ErrorAction Stop } catch { $_.Exception.Message; "
                 "$_.CategoryInfo.Category; $_.TargetObject }")
    assert msg == ["The term 'nosuchcmd_zz' is not recognized as a name of a cmdlet, function, script file, or "
                   "executable program.\nCheck the spelling of the name, or if a path was included, verify that the "
                   "path is correct and try again.", "ObjectNotFound", "nosuchcmd_zz"]
    assert rs.run("(Get-Command nosuch*).Count") == [0]  # a wildcard that matches nothing is no error


def test_bad_command_type_is_a_binding_error(rs: Runspace) -> None:
    assert _error_id(rs, "Get-Command -CommandType Bogus x").startswith("CannotConvertArgumentNoMessage,")


def test_relative_path_entries_follow_the_location(rs: Runspace, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for sub, script in (("subdir1", "hello.ps1"), ("subdir2", "bye.ps1")):
        (tmp_path / sub / "tools").mkdir(parents=True)
        (tmp_path / sub / "tools" / script).write_text("'hi'")
    monkeypatch.setenv("PATH", f".{os.sep}tools{os.pathsep}{os.environ.get('PATH', '')}")
    rs.set_location(str(tmp_path / "subdir1"))
    out = rs.run("(Get-Command hello.ps1).Path; (Get-Command hello.ps1).CommandType; "
                 "(Get-Command bye.ps1 -ErrorAction SilentlyContinue).Count")
    assert out == [str(tmp_path / "subdir1" / "tools" / "hello.ps1"), "ExternalScript", 0]
    rs.set_location(str(tmp_path / "subdir2"))
    assert rs.run("(Get-Command bye.ps1).Path; (Get-Command hello.ps1 -ErrorAction SilentlyContinue).Count") == [
        str(tmp_path / "subdir2" / "tools" / "bye.ps1"), 0]


def test_application_on_path(rs: Runspace) -> None:
    out = rs.run("$a = Get-Command -CommandType Application sh | Select-Object -First 1; $a.CommandType; $a.Name; "
                 "$a.Source -eq $a.Path")
    assert out == ["Application", "sh", True]


@pytest.mark.parametrize(("script", "expected"), [
    ("(Get-Command -ParameterName Encoding).Name -contains 'Out-File'", [True]),
    ("(Get-Command Get-Content -ParameterName ea).Name", ["Get-Content"]),  # an alias of a parameter matches
    ("(Get-Command Get-Date -ParameterName NoSuchParam).Count", [0]),
    ("(Get-Command -ParameterType System.Text.Encoding).Name -contains 'Set-Content'", [True]),
    ("(Get-Command -ParameterType ([scriptblock])).Name -contains 'Where-Object'", [True]),
    ("function f([datetime]$d) {}; (Get-Command -ParameterType datetime).Name -contains 'f'", [True]),
    ("(Get-Command Get-Content -FullyQualifiedModule @{ModuleName='Microsoft.PowerShell.Management'; "
     "ModuleVersion='7.0.0.0'}).Name; (Get-Command Get-Content -FullyQualifiedModule Microsoft.PowerShell.Core "
     "-ErrorAction SilentlyContinue).Count", ["Get-Content", 0]),
])
def test_parameter_and_module_filters(rs: Runspace, script: str, expected: list[object]) -> None:
    assert rs.run(script) == expected


def test_show_command_info(rs: Runspace) -> None:
    out = rs.run("$i = Get-Command Get-Content -ShowCommandInfo; $i.Name; $i.ModuleName; "
                 "$i.ParameterSets.Name -join ','; $p = $i.ParameterSets[0].Parameters | ? Name -eq Path; "
                 "$p.IsMandatory; $p.ParameterType.IsArray; $p.ParameterType.FullName; $i.PSObject.TypeNames[0]")
    assert out == ["Get-Content", "Microsoft.PowerShell.Management", "Path,LiteralPath", True, True,
                   "System.String[]", "Microsoft.PowerShell.Commands.ShowCommandExtension.ShowCommandCommandInfo"]


def test_function_syntax(rs: Runspace) -> None:
    out = rs.run("function g1($x, [int]$y) {}; Get-Command g1 -Syntax; Set-Alias gg1 g1; Get-Command gg1 -Syntax")
    assert out == ["\ng1 [[-x] <Object>] [[-y] <int>]\n", "gg1 (alias) -> g1\n\ng1 [[-x] <Object>] [[-y] <int>]\n"]


def test_module_commands_carry_their_module(rs: Runspace) -> None:
    out = rs.run("$null = New-Module -Name mm1 { function Get-Zoo { 'z' }; Set-Alias gz Get-Zoo; "
                 "Export-ModuleMember -Function Get-Zoo -Alias gz } | Import-Module -PassThru; "
                 "(Get-Command -Module mm1).Name -join ','; (Get-Alias gz).ModuleName; (Get-Command gz).Source; "
                 "(Get-Command Get-Zoo -ExcludeModule mm1 -ErrorAction SilentlyContinue).Count")
    assert out == ["gz,Get-Zoo", "mm1", "mm1", 0]


def test_relative_path_entries_run_scripts(rs: Runspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A script found through a relative PATH entry runs, by its name with or without `.ps1`."""
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "hello.ps1").write_text("'hello from ps1'")
    monkeypatch.setenv("PATH", f".{os.sep}tools{os.pathsep}{os.environ.get('PATH', '')}")
    rs.set_location(str(tmp_path))
    assert rs.run("hello.ps1; hello") == ["hello from ps1", "hello from ps1"]
