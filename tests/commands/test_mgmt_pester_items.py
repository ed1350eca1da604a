"""Item, content and location behaviour ported from PowerShell's Management-module Pester tests
(New-Item, Rename-Item, Move-Item, Resolve-Path, Convert-Path, Clear-Content, Get-ChildItem), each
snippet with the value PowerShell 7 gives, run through a real Runspace with $TestDrive a temp dir."""

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


CASES = [
    # On Unix the FileSystem provider takes "\" as a directory separator too (New-Item/Get-ChildItem tests
    # build paths as "$TestDrive\$name").
    ("$null = New-Item $TestDrive\\a\\b.txt -Force; (Get-Item $TestDrive\\a\\b.txt).FullName -eq \"$TestDrive/a/b.txt\"; "
     "Test-Path $TestDrive\\a; (Get-ChildItem $TestDrive\\a).Name", ["True", "True", "b.txt"]),
    ("$null = New-Item $TestDrive/d/t -ItemType Directory -Force; $null = New-Item $TestDrive/d/f -Force; "
     "Push-Location $TestDrive/d/t; Resolve-Path ..\\f -Relative; Pop-Location", ["../f"]),
    # New-Item -Path drops the escapes of a path without wildcards ("`[test-dir`]" makes "[test-dir]"), keeps a
    # path with wildcard characters verbatim when nothing matches ("a`[b]" makes "a`[b]"); -Name is literal.
    ("(New-Item -Path (Join-Path $TestDrive '`[test-dir`]') -ItemType Directory).Name; "
     "Push-Location -LiteralPath (Join-Path $TestDrive '[test-dir]'); (New-Item -Name '[orig]f.txt' -Value x).Name; "
     "Rename-Item -Path '`[orig`]f.txt' '[renamed]f.txt'; (Get-ChildItem -Name) -join ','; Pop-Location",
     ["[test-dir]", "[orig]f.txt", "[renamed]f.txt"]),
    ("Set-Location $TestDrive; $null = New-Item -Type File 'a`[b]'; (Get-ChildItem -Path 'a```[b`]').Name; "
     "(Get-ChildItem * -Include 'a```[b`]').Name", ["a`[b]", "a`[b]"]),
    ("$null = New-Item $TestDrive/[orig-file].txt -Value c; Test-Path -LiteralPath $TestDrive/[orig-file].txt",
     ["True"]),
    ("$null = New-Item $TestDrive/d1 -ItemType Directory; (New-Item $TestDrive/d* -Name x.txt).FullName -eq "
     "\"$TestDrive/d1/x.txt\"", ["True"]),
    # an invalid wildcard is an error, not a crash
    ("try { Get-ChildItem $TestDrive/[z-a] -ErrorAction Stop } catch { $_.Exception.Message }",
     ["The specified wildcard character pattern is not valid: [z-a]"]),
    # Move-Item.Tests.ps1: several items into a new name make it their directory
    ("$s = \"$TestDrive/install\"; $null = New-Item $s/bin/test.dll -Force; $null = New-Item $s/lib -ItemType Directory; "
     "$null = New-Item $s/ReadMe.md -Value readme; $null = New-Item $TestDrive/copy -ItemType Directory; "
     "Move-Item -Path \"$s/*\" -Destination \"$TestDrive/copy/app\"; (Get-ChildItem $TestDrive/copy/app -Name) -join ','; "
     "Test-Path $TestDrive/copy/app/bin/test.dll; (Get-ChildItem $s).Count",
     ["bin,lib,ReadMe.md", "True", "0"]),
    ("$null = New-Item $TestDrive/f/bar.txt -Value bar -Force; $null = New-Item $TestDrive/f/foo.txt -Force; "
     "Move-Item $TestDrive/f/* $TestDrive/f/move.txt -Include bar*; Get-Content $TestDrive/f/move.txt",
     ["bar"]),
    # Convert-Path.Tests.ps1 / Clear-Content.Tests.ps1: an empty -Path is a binding error; Test-Path allows it
    ("try { Convert-Path -Path '' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; Test-Path ''",
     ["ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.ConvertPathCommand",
      "Cannot bind argument to parameter 'Path' because it is an empty string.", "False"]),
    ("function fx { 1 }; try { Clear-Content function:fx -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["NotSupported,Microsoft.PowerShell.Commands.ClearContentCommand"]),
    # Resolve-Path.Tests.ps1: -RelativeBasePath, a trailing separator, a path outside the current drive
    ("$null = New-Item $TestDrive/fakeroot/file.txt -Force; "
     "(Resolve-Path -Path ./fakeroot -RelativeBasePath $TestDrive).ProviderPath -eq \"$TestDrive/fakeroot\"; "
     "Resolve-Path -Path ./fakeroot -RelativeBasePath $TestDrive -Relative; "
     "try { Resolve-Path -Path nope -RelativeBasePath $TestDrive -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["True", "./fakeroot", "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"]),
    ("$null = New-Item $TestDrive/fakeroot -ItemType Directory; "
     "$null = New-PSDrive -Name Rv -PSProvider FileSystem -Root $TestDrive/fakeroot; Push-Location Rv:/; "
     "(Resolve-Path -Path \"$TestDrive/\" -Relative) -eq \"$TestDrive/\"; Pop-Location; "
     "(Resolve-Path \"$TestDrive/\").Path -eq \"$TestDrive/\"", ["True", "True"]),
    # FileSystem.Tests.ps1: a drive-qualified link target (TestDrive:/x) is stored as the file path it names
    ("$null = New-Item TestDrive:/real -ItemType Directory; $null = New-Item TestDrive:/real/f.txt; "
     "(New-Item -ItemType SymbolicLink -Path TestDrive:/lnk -Value TestDrive:/real).Target -eq \"$TestDrive/real\"; "
     "(Get-ChildItem TestDrive:/lnk).Name",
     ["True", "f.txt"]),
    # New-Item.Tests.ps1: a relative link target with wildcard characters is recorded normalised
    ("Set-Location $TestDrive; $null = New-Item -Type File 'file[1].txt'; "
     "(New-Item -Type SymbolicLink l1 -Target './file[1].txt').Target; "
     "(New-Item -Type SymbolicLink l2 -Target ./plain.tmp).Target; (New-Item -Type SymbolicLink l3 -Target .\\x.tmp).Target",
     ["file[1].txt", "./plain.tmp", "./x.tmp"]),
    # FileSystem.Tests.ps1 (Extended Path/Location): on a drive, -Resolve and relative Resolve-Path give drive paths
    ("$null = New-Item $TestDrive/Level1_0 -ItemType Directory; Set-Location TestDrive:/; "
     "Join-Path -Path . -ChildPath Level1_0 -Resolve; Split-Path -Path TestDrive:/Level1_0 -Parent -Resolve; "
     "(Resolve-Path Level1_0).Path; Resolve-Path -Path . -Relative; Set-Location $TestDrive; (Resolve-Path Level1_0).Path "
     "-eq \"$TestDrive/Level1_0\"",
     ["TestDrive:/Level1_0", "TestDrive:/", "TestDrive:/Level1_0", "./", "True"]),
    # FileSystemProviderExtended.Tests.ps1: -Attributes (a FlagsExpression), item.Attributes / IsReadOnly setters
    ("Set-Location $TestDrive; $null = New-Item f1.txt; (New-Item .h1.doc).Attributes = 'Hidden'; "
     "(New-Item ro1.asd).Attributes = 'ReadOnly'; $null = New-Item sub -ItemType Directory; "
     "(New-Item sub/.h2 -ItemType Directory).Attributes = 'Hidden'; "
     "(Get-ChildItem -Attributes Hidden -Name) -join ','; (Get-ChildItem -Attributes 'ReadOnly, Hidden' -Name) -join ','; "
     "(Get-ChildItem -Attributes 'Directory+!Hidden' -Recurse -Name) -join ','; "
     "(Get-ChildItem -Recurse -Name -Attributes Hidden) -join ','; (Get-Item ro1.asd).IsReadOnly; "
     "$f = Get-Item ro1.asd; $f.IsReadOnly = $false; (Get-Item ro1.asd).Attributes",
     [".h1.doc", ".h1.doc,ro1.asd", "sub", ".h1.doc,sub/.h2", "True", "Normal"]),
    ("try { Get-ChildItem $TestDrive -Attributes Bogus } catch { $_.FullyQualifiedErrorId }",
     ["CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.GetChildItemCommand"]),
    # Get-ChildItem docs Examples 4/5: without -Recurse, -Include/-Exclude judge what the path names first
    ("Set-Location $TestDrive; $null = New-Item T/Logs/Backup/LogFile3.txt -Force; $null = New-Item T/a.txt, "
     "T/x.log, T/Logs/LogFile1.txt, T/Logs/Alog.txt -Force; @(Get-ChildItem ./T/ -Include *.txt).Count; "
     "(Get-ChildItem ./T/* -Include *.txt -Name) -join ','; (Get-ChildItem ./T/Logs/* -Exclude A* -Name) -join ','; "
     "(Get-ChildItem ./T -Exclude *.txt -Name) -join ','",
     ["0", "a.txt", "Backup,LogFile1.txt", "Logs,x.log"]),
    # ShouldProcess writes its operation to the verbose stream (docs: Remove-Item -Verbose)
    ("Set-Content $TestDrive/vv.txt 1; Remove-Item $TestDrive/vv.txt -Verbose 4>&1 | ForEach-Object { \"$_\" }",
     ["Performing the operation \"Remove File\" on target \"{tmp}/vv.txt\"."]),
    # Get-ItemProperty.Tests.ps1: Split-Path of an absolute path folds its ./.. segments, as the item's Name does
    ("Split-Path (Join-Path '/usr/lib' '..') -Leaf; Split-Path -Parent /usr/lib/./x; (Get-ItemProperty /usr/lib/..).Name",
     ["usr", "/usr/lib", "usr"]),
    # about_Function_Provider / about_Alias_Provider: $function:name and $alias:name read and write the drives
    ("function help2 { 'x' }; $function:help2; $alias:gci; $alias:zz1 = 'Get-Date'; (Get-Alias zz1).Definition; "
     "$function:foo1 = { 'y' }; foo1; ${function:Get-Foo1} = { 1 }; Get-Foo1; $null -eq $alias:nope; "
     "$function:foo1 = $null; Test-Path function:foo1",
     [" 'x' ", "Get-ChildItem", "Get-Date", "y", "1", "True", "False"]),
    # Copy-Item -Recurse -Filter on a folder named outright copies the folder with only the matching files
    ("Set-Location $TestDrive; $null = New-Item src/sub/b.txt, src/a.txt, src/c.log -Force; "
     "Copy-Item src f4 -Recurse -Filter *.txt; (Get-ChildItem f4 -Recurse -Name) -join ','; "
     "Copy-Item src/c.log f6 -Filter *.txt; Test-Path f6",
     ["sub,a.txt,sub/b.txt", "False"]),
    # a NUL in a path is .NET's ArgumentException, never an internal error; Test-Path just says False
    ("$p = \"a$([char]0)b\"; Test-Path $p; try { New-Item $p -ErrorAction Stop } catch { $_.Exception.Message }; "
     "try { Set-Content $p x -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["False", "Null character in path.", "ArgumentException,Microsoft.PowerShell.Commands.SetContentCommand"]),
    # ForEach-Object.Tests.ps1 runs `& 'TestDrive:\test.ps1'`: a drive-qualified script path with `\`
    ("Set-Content TestDrive:/t1.ps1 '\"ran $($args[0])\"'; & 'TestDrive:\\t1.ps1' a; & TestDrive:/t1.ps1 b",
     ["ran a", "ran b"]),
    # Set-Location.Tests.ps1: $ExecutionContext.InvokeCommand.LocationChangedAction ($this = the runspace,
    # $_ = OldPath/NewPath/SessionState); what it throws reaches the caller, the move stays done
    ("Set-Location $TestDrive; $ExecutionContext.InvokeCommand.LocationChangedAction = { $global:o = $_.OldPath.Path; "
     "$global:n = $_.NewPath.Path; $global:t = $this; $global:s = $_.SessionState }; Set-Location /; "
     "$o -eq $TestDrive; $n; $t -eq [runspace]::DefaultRunspace; $s -eq $ExecutionContext.SessionState; "
     "Push-Location $TestDrive; $n -eq $TestDrive; Pop-Location; $n; "
     "$ExecutionContext.InvokeCommand.LocationChangedAction = { throw 'Boom' }; "
     "try { Set-Location $TestDrive } catch { \"caught $_\" }; $PWD.Path -eq $TestDrive; "
     "$ExecutionContext.InvokeCommand.LocationChangedAction = $null; Set-Location /; $PWD.Path",
     ["True", "/", "True", "True", "True", "/", "caught Boom", "True", "/"]),
    # New-Item.Tests.ps1: a symbolic link needs a target: ArgumentNull, ParamName 'content'
    ("try { New-Item -Name l0 -Path $TestDrive -ItemType SymbolicLink -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId; $_.Exception.ParamName; $_.Exception.Message }",
     ["ArgumentNull,Microsoft.PowerShell.Commands.NewItemCommand", "content",
      "Value cannot be null. (Parameter 'content')"]),
    # Get-ItemProperty.Tests.ps1 / ItemProperty.Tests.ps1
    ("$null = New-Item $TestDrive/t1 -Value x; $o = Get-ItemProperty -Path $TestDrive/t1 -Name fullname; "
     "$o.fullname -eq \"$TestDrive/t1\"; $o.PSPath -eq \"Microsoft.PowerShell.Core\\FileSystem::$TestDrive/t1\"; "
     "$o.PSChildName; $o.PSProvider.Name; (Get-ItemProperty $TestDrive).GetType().Name; (gp $TestDrive/t1).Length",
     ["True", "True", "t1", "FileSystem", "DirectoryInfo", "1"]),
    ("Get-ItemPropertyValue -Path $TestDrive -Name Attributes; $null = New-Item $TestDrive/f1; "
     "Set-ItemProperty $TestDrive/f1 -Name Attributes -Value ReadOnly; gpv $TestDrive/f1 Attributes; "
     "Clear-ItemProperty $TestDrive/f1 -Name Attributes; (gpv $TestDrive/f1 Attributes) -match 'ReadOnly'",
     ["Directory", "ReadOnly", "False"]),
    ("try { Get-ItemPropertyValue $TestDrive -Name Nope -ErrorAction Stop } catch { $_.Exception.Message }",
     ["Property Nope does not exist at path " + "{tmp}."]),
    # Variable.Tests.ps1: the session providers have neither item properties nor a default action
    ("$v = 1; try { Get-ItemPropertyValue -Path Variable: -Name v -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; "
     "try { Invoke-Item -Path Variable:v -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["NotSupported,Microsoft.PowerShell.Commands.GetItemPropertyValueCommand",
      "NotSupported,Microsoft.PowerShell.Commands.InvokeItemCommand"]),
    # FunctionProvider.Tests.ps1: Set-Item -Options
    ("Set-Item function:fo -Options None -Value { 'hi' }; (Get-Item function:fo).Options; "
     "Set-Item function:fo -Options 'AllScope, ReadOnly'; (Get-Item function:fo).Options; fo; "
     "Set-Item function:fo; Test-Path function:fo",
     ["None", "ReadOnly, AllScope", "hi", "False"]),
    ("try { Set-Item function:fo -Options Bogus -Value {1} -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["InvalidCastFromStringToEnum,Microsoft.PowerShell.Commands.SetItemCommand"]),
    # Get-Location.Tests.ps1: -Stack is one PathInfoStack, top first
    ("Push-Location $TestDrive; Push-Location /; $s = Get-Location -Stack; $s.GetType().FullName; "
     "$s.ToArray()[0].Path -eq $TestDrive; $s.Peek().Path -eq $TestDrive; Pop-Location; Pop-Location",
     ["System.Management.Automation.PathInfoStack", "True", "True"]),
]


@pytest.mark.parametrize(("script", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_management_pester_snippets(script: str, expected: list[str], tmp_path: Path) -> None:
    assert _run(script, tmp_path) == [e.replace("{tmp}", str(tmp_path)) for e in expected]


def test_move_into_new_directory_keeps_tree(tmp_path: Path) -> None:
    (tmp_path / "src" / "bin").mkdir(parents=True)
    (tmp_path / "src" / "bin" / "x").write_text("1")
    (tmp_path / "src" / "y").write_text("2")
    _run(f"Move-Item '{tmp_path}/src/*' '{tmp_path}/dst'", tmp_path)
    assert sorted(os.listdir(tmp_path / "dst")) == ["bin", "y"]
    assert (tmp_path / "dst" / "bin" / "x").read_text() == "1"


def test_new_temporary_file_is_an_empty_tmp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New-TemporaryFile (NoNewlineParameter tests): a FileInfo named tmp*.tmp in $TMPDIR; -WhatIf makes none."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    out = _run("$t = New-TemporaryFile; $t.GetType().FullName; $t.Name -like 'tmp*.tmp'; $t.Length; "
               "$t.DirectoryName -eq $TestDrive; New-TemporaryFile -WhatIf", tmp_path)
    assert out == ["System.IO.FileInfo", "True", "0", "True"]
    assert len(list(tmp_path.glob("tmp*.tmp"))) == 1


def test_file_and_directory_info_methods(tmp_path: Path) -> None:
    """about_Methods: (Get-ChildItem f).CopyTo(...) copies; MoveTo moves; CreateSubdirectory / GetFiles(pattern)."""
    (tmp_path / "a.txt").write_text("hi\n")
    out = _run(f"$f = Get-Item '{tmp_path}/a.txt'; $f.CopyTo('{tmp_path}/b.txt').Name; "
               f"try {{ $f.CopyTo('{tmp_path}/b.txt') }} catch {{ 'exists' }}; $f.MoveTo('{tmp_path}/c.txt'); $f.Name; "
               f"$d = Get-Item '{tmp_path}'; $d.CreateSubdirectory('s/t').Name; ($d.GetFiles('*.txt').Name) -join ','; "
               "$d.EnumerateDirectories().Name", tmp_path)
    assert out == ["b.txt", "exists", "c.txt", "t", "b.txt,c.txt", "s"]
    assert not (tmp_path / "a.txt").exists() and (tmp_path / "s" / "t").is_dir()


def test_follow_symlink_lists_each_folder_once(tmp_path: Path) -> None:
    """FileSystem.Tests.ps1: -FollowSymlink -Recurse avoids link loops across the whole walk (13 items, 3 warnings)."""
    alpha, beta, omega = tmp_path / "sub-alpha", tmp_path / "sub-alpha" / "sub-beta", tmp_path / "sub-omega"
    gamma = beta / "sub-gamma"
    for d in (alpha, beta, omega, gamma):
        d.mkdir(parents=True, exist_ok=True)
    for f in (alpha / "AlphaFile1.txt", alpha / "AlphaFile2.txt", beta / "BetaFile1.txt", beta / "BetaFile2.txt",
              beta / "BetaFile3.txt", omega / "OmegaFile1", omega / "OmegaFile2"):
        f.write_text("")
    os.symlink(beta, alpha / "link-beta")
    os.symlink(beta, gamma / "upone-link")
    os.symlink(alpha, gamma / "uptwo-link")
    os.symlink(omega, gamma / "omegaLink")
    out = _run(f"$ci = Get-ChildItem -Path '{alpha}' -FollowSymlink -Recurse -WarningVariable w "
               "-WarningAction SilentlyContinue; $ci.Count; $w.Count", tmp_path)
    assert out == ["13", "3"]


def test_copy_directory_link_onto_its_own_target_is_a_self_copy(tmp_path: Path) -> None:
    """FileSystem.Tests.ps1 "Copy-Item avoids copying an item onto itself" (links to the same folder)."""
    (tmp_path / "other").mkdir()
    os.symlink(tmp_path / "other", tmp_path / "l1")
    os.symlink(tmp_path / "other", tmp_path / "l2")
    (tmp_path / "f").write_text("x")
    os.link(tmp_path / "f", tmp_path / "hard")
    out = _run(f"try {{ Copy-Item '{tmp_path}/l2' '{tmp_path}/l1' -ErrorAction Stop }} "
               "catch { $_.FullyQualifiedErrorId; $_.Exception.Message; $_.Exception.GetType().Name; "
               "$null -ne $_.Exception.Data['SelfCopy'] }; "
               f"try {{ Copy-Item '{tmp_path}/hard' '{tmp_path}/f' -ErrorAction Stop }} "
               "catch { $null -ne $_.Exception.Data['SelfCopy'] }", tmp_path)
    assert out == ["CopyError,Microsoft.PowerShell.Commands.CopyItemCommand",
                   f"Cannot overwrite the item {tmp_path}/l2 with itself.", "IOException", "True", "True"]
    assert os.listdir(tmp_path / "other") == []
