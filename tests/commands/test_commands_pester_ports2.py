"""More snippets from PowerShell's Pester tests (content, items), run through a real Runspace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pyshell.engine.conversions import to_string


def _run(text: str, tmp: Path) -> list[str]:
    runspace = pytest.importorskip("pyshell.engine.runspace")
    rs: Any = runspace.Runspace()
    return [to_string(o) for o in rs.run(f"$TestDrive = '{tmp}'; " + text)]


CASES = [
    # Get-Content.Tests.ps1
    ("try { Get-Content -Path Variable:\\PSHOME -Tail 1 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["TailNotSupported,Microsoft.PowerShell.Commands.GetContentCommand"]),
    ("try { Get-Content env:PATH -Tail 1 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["TailNotSupported,Microsoft.PowerShell.Commands.GetContentCommand"]),
    ("(Get-Content env:PATH) -eq $env:PATH; (Get-Content Variable:PSHOME) -eq $PSHOME", ["True", "True"]),
    ('$p = "$TestDrive/t1"; Set-Content $p abc; '
     "try { Get-Content -Path $p -Tail 1 -ErrorAction Stop -Raw } catch { $_.FullyQualifiedErrorId }",
     ["InvalidOperation,Microsoft.PowerShell.Commands.GetContentCommand"]),
    ('try { Get-Content -Path "/DoesNotExist*.txt" -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; '
     'try { Get-Content -Path "/DoesNotExist*.txt" -Raw -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }',
     ["ItemNotFound,Microsoft.PowerShell.Commands.GetContentCommand"] * 2),
    ('$t = "$TestDrive/b.txt"; "test" | Set-Content $t; '
     "$r = Get-Content -AsByteStream -Encoding Unicode -Path $t -WarningVariable cw *>$null; $cw.Message -match '-AsByteStream'; "
     '[byte[]][char[]]"test" | Set-Content -Encoding Unicode -AsByteStream $t -WarningVariable cw2 *> $null; '
     "$cw2.Message -match '-AsByteStream'; (Get-Content $t -AsByteStream) -join ','",
     ["True", "True", "116,101,115,116"]),
    # Set-Content.Tests.ps1 / Add-Content.Tests.ps1
    ('try { Set-Content -Path $null -Value "x" -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; '
     'try { Set-Content -Path $() -Value "x" -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }; '
     'try { Add-Content -Path $null -Value "x" -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }',
     ["ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.SetContentCommand",
      "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.SetContentCommand",
      "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.AddContentCommand"]),
    # New-Item.Tests.ps1
    ("try { New-Item -Name x -Path $TestDrive -ItemType SymbolicLink -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId }; "
     "try { New-Item -Name x -Path $TestDrive -ItemType:SymbolicLink -Value {} } catch { $_.FullyQualifiedErrorId }",
     ["ArgumentNull,Microsoft.PowerShell.Commands.NewItemCommand"] * 2),
    ("Push-Location $TestDrive; $null = New-Item -Type Directory someDir; $null = New-Item -Type File someFile; "
     "$null = New-Item -Type SymbolicLink dla -Target (Convert-Path someDir); (Get-Item dla).GetType().Name; "
     "$null = New-Item -Type SymbolicLink dlr -Target .\\someDir; (Get-Item dlr).GetType().Name; "
     "$null = New-Item -Type SymbolicLink fla -Target (Convert-Path someFile); (Get-Item fla).GetType().Name; "
     "$null = New-Item -Type SymbolicLink l1 -Target '.\\nope.tmp'; (Get-Item l1).Target; Pop-Location",
     ["DirectoryInfo", "DirectoryInfo", "FileInfo", "./nope.tmp"]),
    # Convert-Path
    ("Push-Location $TestDrive; $null = New-Item -Type File f.txt; (Convert-Path f.txt) -eq (Join-Path $TestDrive f.txt); "
     "Convert-Path /nonexist* -ErrorAction SilentlyContinue; $Error[0].FullyQualifiedErrorId; Pop-Location",
     ["True", "ItemNotFound,Microsoft.PowerShell.Commands.ConvertPathCommand"]),
    # Remove-Item.Tests.ps1 (needs Set-ItemProperty IsReadOnly)
    ('$f = "$TestDrive/t.txt"; New-Item -Name t.txt -Path $TestDrive -ItemType file -Value "x" -Force | Out-Null; '
     "Set-ItemProperty -Path $f -Name IsReadOnly -Value $true; (Get-Item $f).IsReadOnly; "
     "Remove-Item $f -ErrorAction SilentlyContinue; Test-Path $f; Remove-Item $f -Force; Test-Path $f",
     ["True", "True", "False"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pester_port(text: str, expected: list[str], tmp_path: Path) -> None:
    assert _run(text, tmp_path) == expected
