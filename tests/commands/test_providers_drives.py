"""Providers and drives, with snippets ported from PowerShell's Pester tests (Get-PSDrive,
PSDrive, Get-PSProvider, Set-Location, Push/Pop-Location, FunctionProvider, Get-ChildItem,
Environment provider docs), run through a real Runspace with $TestDrive a temp dir."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from pyshell.engine.conversions import to_string
from pyshell.engine.runspace import Runspace


def _run(text: str, tmp: Path) -> list[str]:
    rs: Any = Runspace(location=str(tmp))
    setup = f"$TestDrive = '{tmp}'; $null = New-PSDrive -Name TestDrive -PSProvider FileSystem -Root '{tmp}'; "
    return [to_string(o) for o in rs.run(setup + text)]


@pytest.fixture(autouse=True)
def _clean_env() -> Any:
    before = dict(os.environ)
    yield
    for key in set(os.environ) - set(before):
        del os.environ[key]


CASES = [
    # Get-PSDrive.Tests.ps1
    ("(Get-PSDrive Env).Name; (Get-PSDrive Alias).Name; (Get-PSDrive /).Provider.Name", ["Env", "Alias", "FileSystem"]),
    ("(Get-PSDrive -PSProvider FileSystem).Name.Length -gt 0", ["True"]),
    ("!(Get-PSDrive fake -ErrorAction SilentlyContinue)", ["True"]),
    ("$d = Get-PSDrive TESTDRIVE; $d.Free -ge 0; $d.Used -ge 0", ["True", "True"]),
    ("(gdr).Count -eq (Get-PSDrive).Count", ["True"]),
    ("(Get-PSDrive).Name -join ','", ["/,Alias,Env,Function,Temp,TestDrive,Variable"]),
    ("(Get-PSDrive Env).Used -eq $null; (Get-PSDrive Variable).Provider.Name", ["True", "Variable"]),
    # PSDrive.Tests.ps1
    ("$n = New-PSDrive -Name NewDifferentPSDrive -PSProvider FileSystem -Root TestDrive:; $n.Name; "
     "$n.Root -eq (Convert-Path TestDrive:)", ["NewDifferentPSDrive", "True"]),
    ("New-PSDrive -Name P1 -PSProvider FileSystem -Root TestDrive: >$null; $a = Test-Path P1:\\; "
     "Remove-PSDrive -Name P1; $a; Test-Path P1:\\", ["True", "False"]),
    ("(New-PSDrive -Name P2 -PSProvider FileSystem -Root TestDrive: -Description 'Test PSDrive').Description",
     ["Test PSDrive"]),
    ("New-PSDrive -Name P3 -PSProvider FileSystem -Root TestDrive: -WhatIf > $null; "
     "try { Get-PSDrive -Name P3 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["GetLocationNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand"]),
    ("(Get-PSDrive -PSProvider Alias).Name", ["Alias"]),
    ("New-PSDrive -Name P4 -PSProvider FileSystem -Root TestDrive: >$null; Remove-PSDrive P4 -WhatIf; Test-Path P4:",
     ["True"]),
    # New-PSDrive errors
    ("try { New-PSDrive -Name Temp -PSProvider FileSystem -Root / -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["DriveAlreadyExists,Microsoft.PowerShell.Commands.NewPSDriveCommand",
      "A drive with the name 'Temp' already exists."]),
    ("try { New-PSDrive -Name Q -PSProvider FileSystem -Root /no/such/dir -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["DriveRootError,Microsoft.PowerShell.Commands.NewPSDriveCommand",
      'The specified drive root "/no/such/dir" either does not exist, or it is not a folder.']),
    ("try { New-PSDrive -Name Q -PSProvider NoSuch -Root / -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["ProviderNotFound,Microsoft.PowerShell.Commands.NewPSDriveCommand"]),
    ("try { Remove-PSDrive NoSuch -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["DriveNotFound,Microsoft.PowerShell.Commands.RemovePSDriveCommand"]),
    ("cd TestDrive:; try { Remove-PSDrive TestDrive -ErrorAction Stop } catch { $_.Exception.Message }",
     ["Cannot remove drive 'TestDrive' because it is in use."]),
    # Get-PSProvider.Tests.ps1
    ("$p = Get-PSProvider FileSystem; $p.Name; $p.Capabilities", ["FileSystem", "Filter, ShouldProcess, Credentials"]),
    ("(Get-PSProvider File*m).Name; (Get-PSProvider).Name -join ','",
     ["FileSystem", "Alias,Environment,FileSystem,Function,Variable"]),
    ("(Get-PSProvider FileSystem).Drives.Name -join ','", ["/,Temp,TestDrive"]),
    ("try { Get-PSProvider NoSuch -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["ProviderNotFound,Microsoft.PowerShell.Commands.GetPSProviderCommand"]),
    # TestDrive paths in the item and content cmdlets
    ("Set-Content TestDrive:\\file.txt 'abc'; Get-Content TestDrive:\\file.txt; Get-Content TestDrive:/file.txt; "
     "(Get-Item TestDrive:\\file.txt).FullName -eq (Join-Path $TestDrive file.txt)", ["abc", "abc", "True"]),
    ("New-Item -ItemType Directory TestDrive:\\sub > $null; New-Item TestDrive:\\sub\\f.txt -Value x > $null; "
     "(Get-ChildItem TestDrive:\\sub).Name; Test-Path TestDrive:/sub/f.txt; Remove-Item TestDrive:\\sub -Recurse; "
     "Test-Path TestDrive:\\sub", ["f.txt", "True", "False"]),
    ("Set-Content TestDrive:\\a.txt 1; Copy-Item TestDrive:\\a.txt TestDrive:\\b.txt; "
     "Rename-Item TestDrive:\\b.txt c.txt; (Get-ChildItem TestDrive:\\*.txt).Name -join ','", ["a.txt,c.txt"]),
    ("(Resolve-Path TestDrive:\\).Path; Set-Content TestDrive:\\r.txt 1; (Resolve-Path TestDrive:\\r.txt).Path",
     ["TestDrive:/", "TestDrive:/r.txt"]),
    ("Split-Path -Qualifier TestDrive:\\a.txt; Split-Path -NoQualifier TestDrive:/a.txt", ["TestDrive:", "/a.txt"]),
    # Set-Location.Tests.ps1
    ("Set-Location alias:; Get-Location; Set-Location env:; (Get-Location).Path; Set-Location /; (Get-Location).Path",
     ["Alias:\\", "Env:\\", "/"]),
    ("(Set-Location / -PassThru).GetType().Name", ["PathInfo"]),
    ("Set-Location 'Env:'; Set-Location; (Get-Location).Path -eq (Get-PSProvider FileSystem).Home", ["True"]),
    ("Set-Location TestDrive:\\; New-Item -Path 'TestDrive:\\' -Name Directory1 -ItemType Directory > $null; "
     "New-PSDrive -Name Z -PSProvider FileSystem -Root 'TestDrive:\\Directory1' > $null; "
     "New-Item -Path 'Z:\\' -Name Directory2 -ItemType Directory > $null; "
     "Set-Location 'TestDrive:\\Directory1'; $p1 = (Get-Location).Path; Set-Location 'Z:\\Directory2'; "
     "$p2 = (Get-Location).Path; Set-Location 'TestDrive:'; (Get-Location).Path -ceq $p1; Set-Location 'Z:'; "
     "(Get-Location).Path -ceq $p2; $p1; $p2; Set-Location /; Remove-PSDrive -Name Z",
     ["True", "True", "TestDrive:/Directory1", "Z:/Directory2"]),
    ("cd TestDrive:; $PWD.Path; $PWD.Drive.Name; $PWD.Provider.Name; $PWD.ProviderPath -eq $TestDrive",
     ["TestDrive:/", "TestDrive", "FileSystem", "True"]),
    ("cd Env:; $PWD.Drive.Name; $PWD.Provider.Name; cd -; (Get-Location).Path -eq $TestDrive",
     ["Env", "Environment", "True"]),
    ("try { Set-Location env:NOPE_NOPE -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand",
      "Cannot find path 'Env:\\NOPE_NOPE' because it does not exist."]),
    ("try { Set-Location C:\\Windows -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["DriveNotFound,Microsoft.PowerShell.Commands.SetLocationCommand",
      "Cannot find drive. A drive with the name 'C' does not exist."]),
    ("cd TestDrive:; cd ..; (Get-Location).Path; cd Temp:; (Get-Location).Path; cd /; (Get-Location).Path",
     ["TestDrive:/", "Temp:/", "/"]),
    # Push-Location / Pop-Location
    ("Push-Location function:; (Get-Location).Path; Pop-Location; (Get-Location).Path -eq $TestDrive",
     ["Function:\\", "True"]),
    ("Push-Location Variable:\\; $x = Get-ChildItem | Where-Object Name -eq 'TestDrive'; $x.Name; Pop-Location",
     ["TestDrive"]),
    ("Get-Location -PSDrive Env; (Get-Location -PSProvider FileSystem).Path -eq $TestDrive", ["Env:\\", "True"]),
    # Environment provider
    ("$env:PYS_E1 = 'one'; (Get-ChildItem env:PYS_E*).Name; (Get-Item env:PYS_E1).Value; Test-Path env:PYS_E1; "
     "Test-Path env:PYS_NOPE", ["PYS_E1", "one", "True", "False"]),
    ("try { Get-Item env:NOPE_X -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand",
      "Cannot find path 'Env:\\NOPE_X' because it does not exist."]),
    ("(New-Item -Path env: -Name PYS_E2 -Value two).Value; $env:PYS_E2; "
     "try { New-Item -Path env: -Name PYS_E2 -Value 3 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; "
     "(New-Item -Path env:PYS_E2 -Value 3 -Force).Value",
     ["two", "two", "Argument,Microsoft.PowerShell.Commands.NewItemCommand", "3"]),
    ("$env:PYS_E2 = 1; try { New-Item -Path env: -Name PYS_E2 -Value 3 -ErrorAction Stop } catch { $_.Exception.Message }; "
     "$env:PYS_E2x = 1; try { New-Item env:PYS_E2y -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["The item at path 'PYS_E2' already exists.",
      "NewItemValueNotSpecified,Microsoft.PowerShell.Commands.NewItemCommand"]),
    ("$env:PYS_E14 = 1; $env:PYS_E15 = 2; try { Rename-Item env:PYS_E14 PYS_E15 -ErrorAction Stop } "
     "catch { $_.Exception.Message }; Rename-Item env:PYS_E14 PYS_E15 -Force; $env:PYS_E15",
     ["The item at path 'PYS_E15' already exists.", "1"]),
    ("try { Get-ChildItem env: -Filter P* -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["NotSupported,Microsoft.PowerShell.Commands.GetChildItemCommand",
      "Cannot call method. The provider does not support the use of filters."]),
    ("try { New-PSDrive -Name 'a.b' -PSProvider FileSystem -Root / -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId }; (Get-PSDrive Env).Description",
     ["DriveNameIllegalCharacters,Microsoft.PowerShell.Commands.NewPSDriveCommand",
      "Drive that contains a view of the environment variables for the process"]),
    ("Set-Item env:PYS_E3 1; $env:PYS_E3; Set-Item -Path env:PYS_E3 -Value 2; $env:PYS_E3", ["1", "2"]),
    ("$env:PYS_E4 = 'x'; Remove-Item env:PYS_E4; Test-Path env:PYS_E4; "
     "try { Remove-Item env:PYS_E4 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["False", "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"]),
    ("$env:PYS_E5 = 'v'; Rename-Item env:PYS_E5 PYS_E6; $env:PYS_E6; Test-Path env:PYS_E5", ["v", "False"]),
    ("$env:PYS_E7 = 'v'; Copy-Item env:PYS_E7 -Destination PYS_E8; $env:PYS_E8; Copy-Item env:PYS_E7 env:PYS_E9; "
     "$env:PYS_E9", ["v", "v"]),
    ("$env:PYS_E10 = 'v'; Clear-Item env:PYS_E10; Test-Path env:PYS_E10", ["False"]),
    ("Set-Location Env:; Set-Content -Path PYS_E11 -Value 'Test value'; Get-Content -Path PYS_E11; "
     "(Get-ChildItem PYS_E11).Value", ["Test value", "Test value"]),
    ("$env:PYS_E12 = 'a'; $env:PYS_E13 = 'b'; (Get-ChildItem env:PYS_E1* -Exclude PYS_E13).Name; "
     "(Get-ChildItem env: -Include PYS_E13).Name", ["PYS_E12", "PYS_E13"]),
    ("$env:PYS_B = 1; $env:PYS_a = 2; $env:PYS__ = 3; (Get-ChildItem env:PYS_*).Name -join ','",
     ["PYS__,PYS_a,PYS_B"]),
    ("Get-Item env:PYS_NOPE* ; 'none'", ["none"]),
    ("(Get-Item env:HOME).PSPath; (Get-Item env:HOME).PSDrive.Name; (Get-Item env:HOME).PSIsContainer",
     ["Microsoft.PowerShell.Core\\Environment::HOME", "Env", "False"]),
    # Variable provider
    ("Test-Path variable:PWD; (Get-Item variable:PWD).Name; $x = 5; (Get-Item variable:x).Value; "
     "Remove-Item variable:x; Test-Path variable:x", ["True", "PWD", "5", "False"]),
    ("New-Item variable:nv1 -Value 7 > $null; $nv1; Set-Item variable:nv1 8; $nv1; Get-Content variable:nv1",
     ["7", "8", "8"]),
    ("Set-Variable ro1 1 -Option ReadOnly; try { Remove-Item variable:ro1 -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId }; Remove-Item variable:ro1 -Force; Test-Path variable:ro1",
     ["VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveItemCommand", "False"]),
    # FunctionProvider.Tests.ps1
    ("function f1 { 'hi' }; (Get-Item function:f1).Name; Test-Path function:f1; Remove-Item function:f1; "
     "Test-Path function:f1", ["f1", "True", "False"]),
    ("Set-Location Function:; $t = 'Hello World!'; Set-Item existingFunction -Value { return $t }; "
     "Set-Item nf1 -Value (Get-Item existingFunction); nf1; Set-Item nf2 -Value \"return 'x'\"; nf2; "
     "Set-Item existingFunction; Test-Path existingFunction; Set-Location /",
     ["Hello World!", "x", "False"]),
    ("Set-Item function:nf3 -Value 123 -ErrorVariable x -ErrorAction SilentlyContinue; "
     "$x.CategoryInfo.Reason", ["PSArgumentException"]),
    ("function f2 { 'body' }; (Get-Content function:f2).ToString().Trim()", ["'body'"]),
    # Alias provider
    ("Test-Path alias:gdr; Test-Path alias:ndr; Test-Path alias:mount", ["True", "True", "False"]),
    ("(Get-Item alias:gci).Definition; Test-Path alias:gci; Test-Path alias:nope_nope", ["Get-ChildItem", "True",
                                                                                        "False"]),
    ("Set-Alias zz1 Get-Date; (Get-ChildItem alias:zz*).Name; Remove-Item alias:zz1; Test-Path alias:zz1",
     ["zz1", "False"]),
    ("New-Item alias:zz2 -Value Get-Location > $null; (Get-Item alias:zz2).Definition", ["Get-Location"]),
    ("try { Remove-Item alias:gci -ErrorAction Stop } catch { $_.Exception.Message }",
     ["Alias was not removed because alias gci is constant or read-only."]),
    # Set-Item / Clear-Item / Move-Item where the provider lacks the operation
    ("Set-Content $TestDrive/s.txt 1; try { Set-Item $TestDrive/s.txt 2 -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId }",
     ["NotSupported,Microsoft.PowerShell.Commands.SetItemCommand"]),
    # Variable.Tests.ps1 "Verify Negative Move-Item": session providers cannot move (no navigation provider)
    ("$env:PYS_M = 1; try { Move-Item env:PYS_M env:PYS_N -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["GetDynamicParametersException,Microsoft.PowerShell.Commands.MoveItemCommand"]),
    ("$v = 1; try { Move-Item variable:v variable:w } catch { $_.Exception.Message }",
     ["Cannot retrieve the dynamic parameters for the cmdlet. Provider operation stopped because the provider does "
      "not support this operation."]),
    # Get-ChildItem.Tests.ps1
    ("'a3fe','B1B6','c283','D39B' | % { $null = New-Item -Path $TestDrive -Name $_ -ItemType File }; "
     "$null = New-Item -Path $TestDrive -Name EE15 -ItemType Directory; "
     "$null = New-Item -Path $TestDrive -Name .F81D -ItemType File; "
     "$null = New-Item -Path TestDrive:\\EE15 -Name 5560 -ItemType File; "
     "(Get-ChildItem -Path $TestDrive).Name -join ','; (Get-ChildItem -Path $TestDrive -Force).Count; "
     "Push-Location -Path TestDrive:\\EE15; (Get-ChildItem TestDrive:\\ -File).Name.Length; "
     "(Get-ChildItem TestDrive:).Name; Pop-Location; (Get-ChildItem -Path $TestDrive -Depth 0).Count; "
     "(Get-ChildItem -Path $TestDrive -Depth 1).Count; (Get-ChildItem -Path $TestDrive -Depth 1 -Include 5560).Count",
     ["EE15,a3fe,B1B6,c283,D39B", "6", "4", "5560", "5", "6", "1"]),
    ("$null = New-Item -Path TestDrive:/noextension -ItemType File; "
     "(Get-ChildItem -File -LiteralPath TestDrive:/ -Filter noext*.*).Name", ["noextension"]),
    ("$null = New-Item -ItemType Directory -Path TestDrive:\\foo; $null = New-Item -ItemType Directory TestDrive:\\foo\\foo; "
     "$null = New-Item -ItemType File -Path TestDrive:\\foo\\bar; $null = New-Item -ItemType File TestDrive:\\foo\\foo\\bar; "
     "try { Get-ChildItem -Path testdrive:/foo/bar/ -Recurse -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; "
     "(Get-ChildItem -Path testdrive:/foo/bar -Recurse).Count",
     ["ItemNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand", "2"]),
    ("$env:__FOODBAR = 'food'; $env:__foodbar = 'bar'; "
     "(Get-ChildItem env: | Where-Object {$_.Name -eq '__foodbar'} | Measure-Object).Count; "
     "Get-ChildItem env: | Where-Object {$_.Name -ceq '__foodbar'} | Remove-Item; "
     "Test-Path env:__foodbar; Test-Path env:__FOODBAR", ["2", "False", "True"]),
    # Get-Item.Tests.ps1
    ("$env:testvar = 'b'; $env:testVar = 'a'; (Get-Item env:\\testVar).Value; (Get-Item env:\\testvar).Value",
     ["a", "b"]),
    ("try { Get-Item BadProvider::/BadFile -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; "
     "try { Get-Item BadDrive:/BadFile -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["ProviderNotFound,Microsoft.PowerShell.Commands.GetItemCommand",
      "DriveNotFound,Microsoft.PowerShell.Commands.GetItemCommand"]),
    ("(Get-Item -Path /).ToString(); (Get-Item Microsoft.PowerShell.Core\\FileSystem::/).FullName", ["/", "/"]),
    # Push-Location.Tests.ps1 / Pop-Location.Tests.ps1
    ("$start = (Get-Location).Path; Push-Location ..; Push-Location ..; Pop-Location; Pop-Location; "
     "(Get-Location).Path -eq $start; '..' | Push-Location; (Push-Location .. -PassThru).GetType().Name; "
     "Pop-Location; Pop-Location; (Get-Location).Path -eq $start", ["True", "PathInfo", "True"]),
    ("Split-Path Env:\\HOME; Split-Path -Leaf Env:\\HOME; Split-Path -NoQualifier Env:\\HOME",
     ["Env:\\", "HOME", "\\HOME"]),
    ("Set-Content TestDrive:\\p.txt 1; (Get-Item TestDrive:\\p.txt).PSDrive.Name; "
     "(Get-ChildItem TestDrive:\\).PSDrive.Name; (Get-Item $TestDrive).PSDrive.Name", ["TestDrive", "TestDrive", "/"]),
    # Join-Path / Test-Path -IsValid with drives
    # Join-Path.Tests.ps1: session drives join with the platform separator too ("Env:" + $SepChar + "foo")
    ("Join-Path env: HOME; Join-Path TestDrive: a.txt; Join-Path Variable: foo", ["env:/HOME", "TestDrive:/a.txt",
                                                                                  "Variable:/foo"]),
    ("Test-Path -IsValid env:x; Test-Path -IsValid TestDrive:/x; Test-Path -IsValid nodrive:/x",
     ["True", "True", "False"]),
    ("try { Get-ChildItem nodrive:\\x -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["DriveNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"]),
]


@pytest.mark.parametrize(("script", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_provider_snippets(script: str, expected: list[str], tmp_path: Path) -> None:
    assert _run(script, tmp_path) == expected


def test_file_attributes_and_hard_links(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    os.link(tmp_path / "a", tmp_path / "b")
    (tmp_path / ".h").write_text("x")
    os.chmod(tmp_path / ".h", 0o444)
    out = _run("(Get-Item ./a).LinkType; (Get-Item ./a).Attributes; (Get-Item .).Attributes; "
               "(Get-Item ./.h -Force).Attributes; [int](Get-Item .).Attributes.value__", tmp_path)
    assert out == ["HardLink", "Normal", "Directory", "ReadOnly, Hidden", "16"]


def test_get_childitem_env_table_is_sorted_name_value(tmp_path: Path) -> None:
    from pyshell.formatting import OutDefault

    rs: Any = Runspace(location=str(tmp_path))
    os.environ["PYS_T_B"] = "2"
    os.environ["PYS_T_A"] = "1"
    items = rs.run("Get-ChildItem env:PYS_T_*")
    text = OutDefault(80).feed(items[0]) + OutDefault(80).finish()
    out = OutDefault(80)
    text = "".join(out.feed(i) for i in items) + out.finish()
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines[0].split() == ["Name", "Value"]
    assert [line.split()[0] for line in lines[2:]] == ["PYS_T_A", "PYS_T_B"]


def test_plain_paths_do_not_build_the_drive_table(tmp_path: Path) -> None:
    rs: Any = Runspace(location=str(tmp_path))
    rs.run("Get-ChildItem; Test-Path ./x; Get-Item .")
    assert rs.drives is None
