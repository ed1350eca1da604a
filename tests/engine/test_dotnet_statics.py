"""Small .NET types and statics scripts and PowerShell's tests use: [guid], Stopwatch, [ipaddress], [console],
BindingFlags, [IO.Path]/[IO.File]/[IO.Directory], [Environment]::GetFolderPath, String.IndexOfAny."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.iostatics import _FOLDERS
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    # System.Guid (New-Guid.Tests.ps1): a real type with .Guid and format strings
    ("$g = [guid]'0f8fad5bd9cb469fa16570867728950e'; $g.ToString(); $g -is [guid]; $g.Guid; $g.ToString('N'); "
     "$g.ToString('B'); $g -eq '0F8FAD5B-D9CB-469F-A165-70867728950E'",
     ["0f8fad5b-d9cb-469f-a165-70867728950e", True, "0f8fad5b-d9cb-469f-a165-70867728950e",
      "0f8fad5bd9cb469fa16570867728950e", "{0f8fad5b-d9cb-469f-a165-70867728950e}", True]),
    ("(New-Guid).GetType().FullName; (New-Guid).Guid.Length; [string](New-Guid -Empty); [guid]::Empty.Guid; "
     "[guid]::NewGuid() -ne [guid]::NewGuid(); [guid]::new('{0f8fad5b-d9cb-469f-a165-70867728950e}').ToString('N')",
     ["System.Guid", 36, "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000", True,
      "0f8fad5bd9cb469fa16570867728950e"]),
    # Stopwatch (Start-Sleep.Tests.ps1)
    ("$w = [System.Diagnostics.Stopwatch]::StartNew(); Start-Sleep -Milliseconds 30; $w.Stop(); $w.ElapsedMilliseconds -ge 30; "
     "$w.IsRunning; $w.Elapsed.TotalMilliseconds -ge 30; [System.Diagnostics.Stopwatch]::IsHighResolution; "
     "$w.Reset(); $w.ElapsedMilliseconds; $s = [System.Diagnostics.Stopwatch]::new(); $s.IsRunning",
     [True, False, True, True, 0, False]),
    # [ipaddress] (Format-Table.Tests.ps1)
    ("[System.Net.IPAddress]::Parse('4fde:0000:0000:0002:0022:f376:255.59.171.63').ToString(); "
     "([ipaddress]'10.0.0.1').AddressFamily; ([ipaddress]'::1').AddressFamily; [ipaddress]'10.0.0.1' -eq [ipaddress]'10.0.0.1'; "
     "([ipaddress]'1.2.3.4').GetAddressBytes() -join '.'",
     ["4fde::2:22:f376:ff3b:ab3f", "InterNetwork", "InterNetworkV6", True, "1.2.3.4"]),
    # type names are case-insensitive
    ("[system.diagnostics.stopwatch]::IsHighResolution; [SYSTEM.IO.PATH]::GetFileName('/a/b'); "
     "[system.text.encoding]::UTF8.WebName; [System.consolecolor]::Red", [True, "b", "utf-8", "Red"]),
    ("[console]::WindowWidth -gt 0; ([System.Reflection.BindingFlags]::NonPublic -bor "
     "[System.Reflection.BindingFlags]::Instance).ToString()", [True, "Instance, NonPublic"]),
    # [IO.Path] / String.IndexOfAny (Set-Location.Tests.ps1)
    ("[System.IO.Path]::GetInvalidFileNameChars().Count; 'abc/d'.IndexOfAny([System.IO.Path]::GetInvalidFileNameChars()); "
     "'abc'.IndexOfAny([char[]]'xy'); 'a/b/c'.LastIndexOfAny([char[]]'/'); [IO.Path]::ChangeExtension('a/b.txt', 'md'); "
     "[IO.Path]::Join('a', 'b', 'c.txt'); [IO.Path]::GetRelativePath('/a/b', '/a/c/d'); [IO.Path]::HasExtension('x.y')",
     [2, 3, -1, 3, "a/b.md", "a/b/c.txt", "../c/d", True]),
    ("[Environment]::GetFolderPath('user') -eq $HOME; [Environment]::GetFolderPath('UserProfile') -eq $HOME", [True, True]),
    ("[Microsoft.PowerShell.Commands.FileSystemProvider]::Mode((Get-Item /tmp)); "
     "[Microsoft.PowerShell.Commands.FileSystemProvider]::ModeWithoutHardlink((Get-Item /tmp))", ["d----", "d----"]),
    # ISO 8601 with a lower-case UTC designator and four fractional digits (Get-Date.Tests.ps1)
    ("([datetime]'2030-01-01T01:02:03.0004z').Second; ([datetime]'2030-01-01T01:02:03.0004z').Millisecond", [3, 0]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_dotnet_statics(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


def test_file_and_directory_statics(rs: Runspace, tmp_path: Path) -> None:
    d = tmp_path / "made" / "deep"
    out = rs.run(
        f"$d = [System.IO.Directory]::CreateDirectory('{d}'); $d.Name; $d.Exists; "
        f"[IO.File]::WriteAllLines('{d}/a.txt', [string[]]('x', 'y')); [IO.File]::ReadAllLines('{d}/a.txt').Count; "
        f"[IO.File]::AppendAllText('{d}/a.txt', 'z'); [IO.File]::ReadAllText('{d}/a.txt'); "
        f"[IO.File]::ReadAllBytes('{d}/a.txt').Count; [IO.File]::WriteAllBytes('{d}/b.bin', [byte[]](1, 2)); "
        f"([IO.Directory]::GetFiles('{d}') | % {{ Split-Path $_ -Leaf }}) -join ','; "
        f"[IO.File]::Copy('{d}/a.txt', '{d}/c.txt'); [IO.File]::Exists('{d}/c.txt'); [IO.File]::Delete('{d}/c.txt'); "
        f"[IO.File]::Exists('{d}/c.txt'); [IO.Directory]::GetDirectories('{tmp_path / 'made'}').Count")
    assert out == ["deep", True, 2, "x\ny\nz", 5, "a.txt,b.bin", True, False, 1]
    assert os.path.getsize(d / "b.bin") == 2


_FOLDER_NAMES = list(_FOLDERS)

ERRORS = [
    ("[guid]'xyz'", 'Cannot convert value "xyz" to type "System.Guid". Error: "Unrecognized Guid format."',
     "InvalidCastParseTargetInvocation"),
    ("[System.Net.IPAddress]::Parse('x')",
     'Exception calling "Parse" with "1" argument(s): "An invalid IP address was specified."', "FormatException"),
    ("[IO.File]::ReadAllText('/nonexistent-dir-pyshell/x')", 'Exception calling "ReadAllText" with "1" argument(s): '
     '"Could not find a part of the path \'/nonexistent-dir-pyshell/x\'."', "DirectoryNotFoundException"),
    ("[Environment]::GetFolderPath('Nope')", 'Cannot convert argument "folder", with value: "Nope", for '
     '"GetFolderPath" to type "System.Environment+SpecialFolder": "Cannot convert value "Nope" to type '
     '"System.Environment+SpecialFolder". Error: "Unable to match the identifier name Nope to a valid enumerator name. '
     'Specify one of the following enumerator names and try again:\n' + ", ".join(_FOLDER_NAMES) + '""',
     "MethodArgumentConversionInvalidCastArgument"),
]


@pytest.mark.parametrize(("src", "message", "error_id"), ERRORS)
def test_dotnet_statics_errors(rs: Runspace, src: str, message: str, error_id: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out == [message, error_id]
