"""Import-Module / New-ModuleManifest behaviours from PowerShell's Import-Module.Tests.ps1 and
ModuleManifest.Tests.ps1: backslashes in module paths, trailing separators, case-insensitive names,
ScriptsToProcess, RequiredModules, circular nested modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runspace:
    load_builtins()
    monkeypatch.setenv("PSModulePath", str(tmp_path / "none"))
    runspace = Runspace(CollectingHost())
    runspace.set_location(str(tmp_path))
    return runspace


def run(rs: Runspace, script: str) -> list[object]:
    return [x if isinstance(x, (bool, int, type(None))) else str(x) for x in rs.run(script)]


def errors(rs: Runspace, script: str) -> list[tuple[str, str]]:
    rs.run(script)
    flat = [str(x) for x in rs.run("$Error | ForEach-Object { $_.Exception.Message; $_.FullyQualifiedErrorId }")]
    return list(zip(flat[::2], flat[1::2], strict=True))


VERSIONED = (
    "New-Item -ItemType Directory -Path \"$pwd\\Modules\\TestModule\\1.1\" -Force > $null; "
    "New-Item -ItemType Directory -Path \"$pwd\\Modules\\TestModule\\2.0\" -Force > $null; "
    "$env:PSModulePath += [System.IO.Path]::PathSeparator + \"$pwd\\Modules\"; "
    "New-ModuleManifest -Path \"$pwd\\Modules\\TestModule\\1.1\\TestModule.psd1\" -ModuleVersion 1.1; "
    "New-ModuleManifest -Path \"$pwd\\Modules\\TestModule\\2.0\\TestModule.psd1\" -ModuleVersion 2.0; "
)


def test_backslash_paths_and_required_version(rs: Runspace, tmp_path: Path) -> None:
    out = run(rs, VERSIONED + "Test-Path \"$pwd/Modules/TestModule/1.1/TestModule.psd1\"; "
              "Import-Module TestModule -RequiredVersion 1.1; (Get-Module TestModule).Version.ToString()")
    assert out == [True, "1.1"]
    assert not list(tmp_path.glob("*\\*"))  # no file named with backslashes


def test_trailing_separator_loads_newest(rs: Runspace) -> None:
    out = run(rs, VERSIONED + "Import-Module (Join-Path $pwd 'Modules/TestModule/') -ErrorAction Stop; "
              "Split-Path -Leaf (Get-Module TestModule).ModuleBase")
    assert out == ["2.0"]


def test_builtin_module_by_folder_with_trailing_separator(rs: Runspace) -> None:
    out = run(rs, "$env:PSModulePath = ''; "
              "$b = (Get-Module -ListAvailable Microsoft.PowerShell.Security)[0].ModuleBase; "
              "(Import-Module ($b + [System.IO.Path]::DirectorySeparatorChar) -PassThru -ErrorAction Stop).Name")
    assert out == ["Microsoft.PowerShell.Security"]


SCRIPTS = (
    "'1 | Out-File out.txt -Append -NoNewline' | Out-File script1.ps1; "
    "'2 | Out-File out.txt -Append -NoNewline' | Out-File script2.ps1; "
    "New-ModuleManifest module1.psd1 -ScriptsToProcess script1.ps1; "
    "New-ModuleManifest module2.psd1 -ScriptsToProcess script2.ps1 -NestedModules module1.psd1; "
)


@pytest.mark.parametrize(("params", "expected"), [
    ("-Name .\\module1.psd1", "1"),
    ("-Name .\\module2.psd1", "21"),
    ("-Name .\\module1.psd1 -Version 0.0.1", "1"),
    ("-Name .\\module2.psd1 -Version 0.0.1", "21"),
])
def test_scripts_to_process_run_first(rs: Runspace, params: str, expected: str) -> None:
    assert run(rs, SCRIPTS + f"Import-Module {params}; Get-Content out.txt") == [expected]


def test_scripts_to_process_run_in_callers_scope(rs: Runspace) -> None:
    out = run(rs, "'$fromScript = 5' | Out-File s.ps1; New-ModuleManifest m.psd1 -ScriptsToProcess s.ps1; "
              "Import-Module ./m.psd1; $fromScript; (Get-Module m).Scripts.Count")
    assert out == [5, 1]


def test_manifest_writes_scripts_to_process(rs: Runspace) -> None:
    out = run(rs, "New-ModuleManifest m.psd1 -ScriptsToProcess a.ps1, b.ps1 -RequiredAssemblies x.dll; "
              "(Get-Content m.psd1) -match '^(ScriptsToProcess|RequiredAssemblies|# TypesToProcess)'")
    assert out == ["RequiredAssemblies = 'x.dll'", "ScriptsToProcess = @('a.ps1', 'b.ps1')", "# TypesToProcess = "]


def test_missing_script_to_process_is_an_error(rs: Runspace) -> None:
    errs = errors(rs, "New-ModuleManifest m.psd1 -ScriptsToProcess gone.ps1; Import-Module ./m.psd1")
    assert errs[0][1] == "Modules_InvalidManifest,Microsoft.PowerShell.Commands.ImportModuleCommand"
    assert "'gone.ps1'" in errs[0][0]
    assert run(rs, "@(Get-Module m).Count") == [0]


@pytest.mark.parametrize(("folder", "manifest"), [("TESTMODULE/1.1", True), ("TESTMODULE", True),
                                                  ("TESTMODULE", False)])
def test_names_match_without_case(rs: Runspace, folder: str, manifest: bool) -> None:
    make = (f"New-ModuleManifest -Path \"$pwd/Mods/{folder}/TESTMODULE.psd1\" -RootModule TESTMODULE.psm1 "
            "-ModuleVersion 1.1; ") if manifest else ""
    out = run(rs, f"$env:PSModulePath += [System.IO.Path]::PathSeparator + \"$pwd\\Mods\"; "
              f"New-Item -ItemType Directory -Path \"$pwd/Mods/{folder}\" -Force > $null; {make}"
              f"Set-Content -Path \"$pwd/Mods/{folder}/TESTMODULE.psm1\" -Value \"function mytest {{ 'hello' }}\"; "
              "Import-Module testMODULE; (Get-Module TESTmodule).Name; mytest; Remove-Module TestModule; "
              "@(Get-Module tESTmODULE).Count")
    assert out == ["TESTMODULE", "hello", 0]


def test_loaded_module_path_compares_by_case(rs: Runspace) -> None:
    """A loaded .../TestModule/... module is not the .../TESTMODULE/... one (Unix paths differ by case)."""
    out = run(rs, "New-Item -ItemType Directory a/TestModule, a/TESTMODULE -Force > $null; "
              "New-ModuleManifest a/TestModule/TestModule.psd1; "
              "Set-Content a/TESTMODULE/TESTMODULE.psm1 'function mytest { 1 }'; "
              "Import-Module ./a/TestModule; Import-Module ./a/TESTMODULE; mytest; @(Get-Module).Count")
    assert out == [1, 2]


def test_circular_nested_module_is_the_module(rs: Runspace) -> None:
    out = run(rs, "New-Item -ItemType Directory C -Force > $null; "
              "Set-Content C/C.psd1 \"@{ ModuleVersion = '0.0.1'; RootModule = 'C'; NestedModules = @('C') }\"; "
              "Set-Content C/C.psm1 'function bar { \"bar\" }'; "
              "$m = Import-Module ./C/C.psd1 -PassThru; $m.NestedModules[0] -eq $m; $m.Version.ToString(); bar; "
              "(Get-Command bar).ModuleName")
    assert out == [True, "0.0.1", "bar", "C"]


@pytest.mark.parametrize("required", ["reqmod", "..\\reqmod", "../reqmod/reqmod.psd1", "ABS_DIR", "ABS_FILE"])
def test_required_modules_are_loaded(rs: Runspace, tmp_path: Path, required: str) -> None:
    required = {"ABS_DIR": str(tmp_path / "reqmod"),
                "ABS_FILE": str(tmp_path / "reqmod" / "reqmod.psd1")}.get(required, required)
    out = run(rs, f"$env:PSModulePath = \"$pwd\"; New-Item -ItemType Directory mainmod, reqmod > $null; "
              f"New-ModuleManifest reqmod/reqmod.psd1; New-ModuleManifest mainmod/mainmod.psd1 "
              f"-RequiredModules '{required}'; $m = Import-Module mainmod -PassThru -ErrorAction Stop; "
              "$m.Name; $m.RequiredModules[0].Name; (Get-Module reqmod).Name")
    assert out == ["mainmod", "reqmod", "reqmod"]


def test_missing_required_module(rs: Runspace, tmp_path: Path) -> None:
    errs = errors(rs, "New-ModuleManifest m.psd1 -RequiredModules nosuchmod; Import-Module ./m.psd1")
    path = tmp_path / "m.psd1"
    assert errs == [(f"The required module 'nosuchmod' is not loaded. Load the module or remove the module from "
                     f"'RequiredModules' in the file '{path}'.",
                     "Modules_InvalidManifest,Microsoft.PowerShell.Commands.ImportModuleCommand")]
    assert run(rs, "@(Get-Module m).Count") == [0]


def test_remove_module_errors_only_for_a_named_module(rs: Runspace) -> None:
    assert errors(rs, "Get-Module nothere | Remove-Module; Remove-Module no*") == []
    errs = errors(rs, "Remove-Module nothere")
    assert [e[1] for e in errs] == ["Modules_NoModulesRemoved,Microsoft.PowerShell.Commands.RemoveModuleCommand"]


def test_string_clone_and_hashtable_getters(rs: Runspace) -> None:
    out = run(rs, "$s = 'a;b'; $s.Clone(); $h = @{ x = 1 }; $h.get_Keys(); $h.get_Values(); $h.get_Count()")
    assert out == ["a;b", "x", 1, 1]
