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
]


@pytest.mark.parametrize(("script", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_management_pester_snippets(script: str, expected: list[str], tmp_path: Path) -> None:
    assert _run(script, tmp_path) == expected


def test_move_into_new_directory_keeps_tree(tmp_path: Path) -> None:
    (tmp_path / "src" / "bin").mkdir(parents=True)
    (tmp_path / "src" / "bin" / "x").write_text("1")
    (tmp_path / "src" / "y").write_text("2")
    _run(f"Move-Item '{tmp_path}/src/*' '{tmp_path}/dst'", tmp_path)
    assert sorted(os.listdir(tmp_path / "dst")) == ["bin", "y"]
    assert (tmp_path / "dst" / "bin" / "x").read_text() == "1"
