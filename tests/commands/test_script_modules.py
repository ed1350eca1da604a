"""Script modules: Import-Module (.psm1/.ps1/.psd1, names on $env:PSModulePath), module scope,
Export-ModuleMember, Get-Module, Remove-Module and New-Module (about_Modules, about_Scopes examples)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.modules import default_module_path, ensure_module_path
from pyshell.engine.runspace import Runspace

MOD1 = """$a = "Hello"
function foo { "`$a = $a"; "`$global:a = $global:a" }
function Get-Counter { $script:count++; $script:count }
function helper { 'private helper' }
function Use-Helper { helper }
Export-ModuleMember -Function foo, Get-Counter, Use-Helper
"""

MANIFEST = """@{
    RootModule = 'MyMod.psm1'
    ModuleVersion = '1.2.0'
    FunctionsToExport = @('Get-MyThing', 'Get-Nested')
    NestedModules = @('Nested.psm1')
    Description = 'My module'
}
"""
ROOT = """param($Greeting = 'hi')
$script:greet = $Greeting
function Get-MyThing { "$script:greet from MyMod; nested says $(Get-Nested)" }
function Hidden-Thing { 'hidden' }
"""
OTHER = """function Get-Other { 'other' }
New-Alias -Name gother -Value Get-Other
$OtherVar = 42
$Private = 'no'
Export-ModuleMember -Function Get-Other -Alias gother -Variable OtherVar
"""


@pytest.fixture
def rs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runspace:
    load_builtins()
    (tmp_path / "mod1.psm1").write_text(MOD1)
    (tmp_path / "plain.ps1").write_text("function Get-Plain { 'plain' }\n")
    (tmp_path / "out.psm1").write_text("'loading'\nfunction Get-Out { 'o' }\n")
    (tmp_path / "rt.psm1").write_text("$root = $PSScriptRoot\nfunction Get-Root { $root }\n"
                                      "function Import-Inner { Import-Module ./mod1.psm1 }\nfunction Call-Foo { foo }\n")
    lib = tmp_path / "lib"
    version = lib / "MyMod" / "1.2.0"
    version.mkdir(parents=True)
    (version / "MyMod.psd1").write_text(MANIFEST)
    (version / "MyMod.psm1").write_text(ROOT)
    (version / "Nested.psm1").write_text("function Get-Nested { 'nested' }\n")
    (lib / "Other").mkdir()
    (lib / "Other" / "Other.psm1").write_text(OTHER)
    monkeypatch.setenv("PSModulePath", str(lib))
    runspace = Runspace(CollectingHost())
    runspace.set_location(str(tmp_path))
    return runspace


CASES = [
    # about_Scopes: a module's variables are its own; its functions run in its scope
    ("Import-Module ./mod1.psm1; $a = 'Goodbye'; foo", ["$a = Hello", "$global:a = Goodbye"]),
    ("Import-Module ./mod1.psm1; Get-Counter; Get-Counter; $count", [1, 2, None]),
    ("Import-Module ./mod1.psm1; Use-Helper; [bool](Get-Command helper -ErrorAction SilentlyContinue)",
     ["private helper", False]),
    ("Import-Module ./mod1.psm1; (Get-Command foo).ModuleName; (Get-Command foo).Source; (Get-Command foo).Module.Name",
     ["mod1", "mod1", "mod1"]),
    ("Import-Module ./mod1.psm1; (Get-Module).Name; (Get-Module mod*).ModuleType; (Get-Module).ExportedCommands.Keys",
     ["mod1", "Script", "foo", "Get-Counter", "Use-Helper"]),
    ("Import-Module ./mod1.psm1; Remove-Module mod1; [bool](Get-Command foo -ErrorAction SilentlyContinue); "
     "@(Get-Module).Count", [False, 0]),
    ("Import-Module ./mod1.psm1; Get-Module mod1 | Remove-Module; @(Get-Module).Count", [0]),
    ("$m = Import-Module ./mod1.psm1 -PassThru; $m.GetType().FullName; $m.Name; $m.Path -like '*mod1.psm1'",
     ["System.Management.Automation.PSModuleInfo", "mod1", True]),
    ("Import-Module ./mod1.psm1; Get-Counter; Import-Module ./mod1.psm1; Get-Counter", [1, 2]),  # kept as loaded
    ("Import-Module ./mod1.psm1; Get-Counter; Import-Module ./mod1.psm1 -Force; Get-Counter", [1, 1]),  # reloaded
    ("Import-Module ./mod1.psm1 -Function foo; [bool](Get-Command foo); [bool](Get-Command Get-Counter -ea 0)",
     [True, False]),
    ("Import-Module ./plain.ps1; Get-Plain; (Get-Module plain).ModuleType", ["plain", "Script"]),
    ("Import-Module ./out.psm1", ["loading"]),  # the module script's output is written
    # $PSScriptRoot is the module's folder; a module function importing another keeps it to the module
    ("Import-Module ./rt.psm1; (Get-Root) -eq (Get-Location).Path; Import-Inner; "
     "[bool](Get-Command foo -ea 0); Call-Foo", [True, False, "$a = Hello", "$global:a = "]),
    # names found on $env:PSModulePath; manifests with a root module, nested modules and FunctionsToExport
    ("Import-Module MyMod; Get-MyThing; [bool](Get-Command Hidden-Thing -ea 0)",
     ["hi from MyMod; nested says nested", False]),
    ("Import-Module MyMod -ArgumentList hello; Get-MyThing", ["hello from MyMod; nested says nested"]),
    ("Import-Module MyMod; $m = Get-Module MyMod; $m.Version.ToString(); $m.Description; $m.ModuleType",
     ["1.2.0", "My module", "Script"]),
    ("(Get-Module -ListAvailable).Name", ["MyMod", "Other"]),
    ("(Import-Module MyMod -RequiredVersion 1.2.0 -PassThru).Version.ToString()", ["1.2.0"]),
    ("(Import-Module MyMod -MinimumVersion '1.0' -MaximumVersion '1.5' -PassThru).Name", ["MyMod"]),
    ("(Get-Module -ListAvailable MyMod).Version.ToString(); @(Get-Module).Count", ["1.2.0", 0]),
    # Export-ModuleMember -Variable/-Alias; -Prefix
    ("Import-Module Other; Get-Other; gother; $OtherVar; $null -eq $Private", ["other", "other", 42, True]),
    ("Import-Module Other -Prefix X; Get-XOther; gother; [bool](Get-Command Get-Other -ea 0)",
     ["other", "other", False]),
    ("Import-Module Other -Alias none; [bool](Get-Alias gother -ea 0)", [False]),
    # New-Module
    ("$m = New-Module -Name Dyn -ScriptBlock { $v = 3; function Get-Dyn { \"dyn $v\" } }; Get-Dyn; $m.Name; "
     "@(Get-Module Dyn).Count", ["dyn 3", "Dyn", 0]),
    ("New-Module { param($p) function Get-P { \"p=$p\" } } -ArgumentList 7 | Out-Null; Get-P", ["p=7"]),
    ("New-Module -ScriptBlock { function A1 { 1 }; function B1 { 2 } } -Function B1 | Out-Null; "
     "[bool](Get-Command A1 -ea 0); B1", [False, 2]),
    ("New-Module -ReturnResult { 1 + 1 }", [2]),
    ("New-Module -Name Dyn2 { function Get-D2 { 'd2' } } | Import-Module; Get-D2; (Get-Module Dyn2).Name",
     ["d2", "Dyn2"]),  # piped to Import-Module, a dynamic module is listed
    ("$o = New-Module -AsCustomObject { $x = 1; function Add([int]$n) { $n + 10 }; "
     "Export-ModuleMember -Function Add -Variable x }; $o.x; $o.Add(5)", [1, 15]),
    ("New-Module -Name Q { function Get-Q { $ExecutionContext.SessionState.Module.Name } } | Out-Null; Get-Q; "
     "$null -eq $ExecutionContext.SessionState.Module", ["Q", True]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_script_modules(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


ERRORS = [
    ("Import-Module nosuch", "The specified module 'nosuch' was not loaded because no valid module file was found in "
     "any module directory.", "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"),
    ("Import-Module ./nosuch.psm1", "The specified module './nosuch.psm1' was not loaded because no valid module file "
     "was found in any module directory.", "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"),
    ("Import-Module MyMod -RequiredVersion 9.9.9", "The specified module 'MyMod' with version '9.9.9' was not loaded "
     "because no valid module file was found in any module directory.",
     "Modules_ModuleWithVersionNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"),
    ("Import-Module MyMod -MinimumVersion '2.0'", "The specified module 'MyMod' with version '2.0' was not loaded "
     "because no valid module file was found in any module directory.",
     "Modules_ModuleWithVersionNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"),
    ("Remove-Module nosuch", "No modules were removed. Verify that the specification of modules to remove is correct "
     "and those modules exist in the runspace.", "Modules_NoModulesRemoved,Microsoft.PowerShell.Commands.RemoveModuleCommand"),
    ("Export-ModuleMember -Function x", "The Export-ModuleMember cmdlet can only be called from inside a module.",
     "Modules_CanOnlyExecuteExportModuleMemberInsideAModule,Microsoft.PowerShell.Commands.ExportModuleMemberCommand"),
]


@pytest.mark.parametrize(("src", "message", "fqid"), ERRORS)
def test_module_errors(rs: Runspace, src: str, message: str, fqid: str) -> None:
    out = rs.run(f"try {{ {src} -ErrorAction Stop }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out == [message, fqid]


def test_import_module_error_is_not_terminating(rs: Runspace) -> None:
    assert rs.run("Import-Module nosuch; 'after'") == ["after"]
    assert len(rs.host.errors) == 1  # type: ignore[attr-defined]


def test_module_path_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PSModulePath", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "/home/u/.local/share")
    value = ensure_module_path()
    parts = value.split(os.pathsep)
    assert parts[0] == "/home/u/.local/share/powershell/Modules"
    assert parts[1] == "/usr/local/share/powershell/Modules"
    assert parts[2].endswith("/Modules") and parts == default_module_path()
    monkeypatch.setenv("PSModulePath", "/extra")
    assert ensure_module_path().split(os.pathsep) == [parts[0], parts[1], "/extra", parts[2]]


def test_get_module_views(rs: Runspace) -> None:
    from pyshell.formatting import OutDefault

    out = OutDefault(120)
    text = out.feed(rs.run("Import-Module ./mod1.psm1 -PassThru")[0]) + out.finish()
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "ModuleType Version    PreRelease Name                                ExportedCommands"
    assert lines[2] == "Script     0.0                   mod1                                {foo, Get-Counter, Use-Helper}"
    listed = OutDefault(120)
    text = "".join(listed.feed(m) for m in rs.run("Get-Module -ListAvailable")) + listed.finish()
    assert "    Directory: " + os.environ["PSModulePath"] in text
    assert "PSEdition" in text


def test_new_module_manifest_then_import(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "m.psm1").write_text("function f { 'f here' }\nfunction g { 'g' }\n")
    out = rs.run("New-ModuleManifest -Path ./m.psd1 -RootModule ./m.psm1 -FunctionsToExport f -ModuleVersion 2.1; "
                 "Test-Path ./m.psd1; Import-Module ./m.psd1; f; [bool](Get-Command g -ea 0); "
                 "(Get-Module m).Version.ToString()")
    assert out == [True, "f here", False, "2.1"]
    text = (tmp_path / "m.psd1").read_text()
    assert "RootModule = './m.psm1'" in text and "FunctionsToExport = 'f'" in text
    assert "CmdletsToExport = '*'" in text and text.startswith("#\n# Module manifest for module 'm'\n")


def test_new_module_manifest_errors(rs: Runspace) -> None:
    out = rs.run("try { New-ModuleManifest -Path ./m.txt } catch { $_.FullyQualifiedErrorId }")
    assert out == ["Modules_InvalidManifestExtension,Microsoft.PowerShell.Commands.NewModuleManifestCommand"]


def test_call_operator_runs_in_the_module_scope(rs: Runspace, tmp_path: Path) -> None:
    """`& $module { }` and `& $module command { }` (ForEach-Object.Tests.ps1): the blocks see the module's
    private functions and variables."""
    (tmp_path / "fe.psm1").write_text("function Zoo { 'Zoo' }\nfunction Pub { 1 }\n$secret = 's'\n"
                                      "Export-ModuleMember -Function Pub\n")
    out = rs.run("Import-Module ./fe.psm1; $m = Get-Module fe; try { 1 | ForEach-Object { Zoo } } catch "
                 "{ $_.FullyQualifiedErrorId }; 1 | & $m ForEach-Object { Zoo }; & $m { $secret }; & $m { Zoo }")
    assert out == ["CommandNotFoundException", "Zoo", "s", "Zoo"]


def test_module_script_error_fails_the_import(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "bad.psm1").write_text("function Get-Bad { 1 }\nthrow 'cannot load'\n")
    out = rs.run("try { Import-Module ./bad.psm1 } catch { $_.Exception.Message }; @(Get-Module bad).Count")
    assert out == ["cannot load", 0]


def test_on_remove_runs_when_the_module_is_removed(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "onr.psm1").write_text("function Get-X { 1 }\n"
                                       "$ExecutionContext.SessionState.Module.OnRemove = { $global:removed = $args[0].Name }\n")
    assert rs.run("Import-Module ./onr.psm1; $null -eq $removed; Remove-Module onr; $removed") == [True, "onr"]


def test_pwsh_own_modules(rs: Runspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Microsoft.PowerShell.Utility and friends import without a file (their cmdlets are built in) and are listed
    under $PSHOME/Modules."""
    out = rs.run("Import-Module Microsoft.PowerShell.Utility; $m = Get-Module Microsoft.PowerShell.Utility; "
                 "$m.ModuleType; $m.Version.ToString(); $m.ExportedCommands.ContainsKey('Select-Object'); "
                 "$m.ExportedCommands.ContainsKey('Get-ChildItem'); "
                 "(Import-Module microsoft.powershell.management -PassThru).Name; Get-Date -Format yyyy | Out-Null; "
                 "Remove-Module Microsoft.PowerShell.Utility; [bool](Get-Command Select-Object)")
    assert out == ["Manifest", "7.0.0.0", True, False, "Microsoft.PowerShell.Management", True]
    monkeypatch.delenv("PSModulePath")
    names = rs.run("(Get-Module -ListAvailable Microsoft.PowerShell.*).Name")
    assert names == ["Microsoft.PowerShell.Host", "Microsoft.PowerShell.Management", "Microsoft.PowerShell.Security",
                     "Microsoft.PowerShell.Utility"]


def test_public_private_dot_sourced_layout(rs: Runspace, tmp_path: Path) -> None:
    """The usual module layout: the .psm1 dot-sources Public/*.ps1 and Private/*.ps1 and exports the public ones."""
    root = tmp_path / "pat"
    (root / "Public").mkdir(parents=True)
    (root / "Private").mkdir()
    (root / "Public" / "Get-Pub.ps1").write_text('function Get-Pub { "pub:" + (Get-Priv) }\n')
    (root / "Private" / "Get-Priv.ps1").write_text('function Get-Priv { "priv" }\n')
    (root / "pat.psm1").write_text(
        "Get-ChildItem -Path $PSScriptRoot/Public/*.ps1, $PSScriptRoot/Private/*.ps1 | ForEach-Object { . $_.FullName }\n"
        "Export-ModuleMember -Function (Get-ChildItem $PSScriptRoot/Public/*.ps1).BaseName\n")
    out = rs.run(f"Import-Module '{root}'; Get-Pub; [bool](Get-Command Get-Priv -ea 0); "
                 "(Get-Module pat).ExportedFunctions.Keys")
    assert out == ["pub:priv", False, "Get-Pub"]


def test_module_list_view(rs: Runspace) -> None:
    text = rs.run("Import-Module ./mod1.psm1 -PassThru | Format-List | Out-String")[0]
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "Name              : mod1"
    assert lines[3:5] == ["ModuleType        : Script", "Version           : 0.0"]
    assert "ExportedFunctions : {foo, Get-Counter, Use-Helper}" in lines
