"""Snippets from PowerShell's own Pester tests, run through a real Runspace, with the expected output."""

from __future__ import annotations

from typing import Any

import pytest

from pyshell.engine.conversions import to_string


def _run(text: str) -> list[str]:
    runspace = pytest.importorskip("pyshell.engine.runspace")
    rs: Any = runspace.Runspace()
    return [to_string(o) for o in rs.run(text)]


CASES = [
    # Select-Object.Tests.ps1
    ('"1", "2", "3" | Select-Object -Skip 1 -SkipLast 1', ["2"]),
    ('try { "bar" | Select-Object -Prop {} -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; '
     '"$($_.CategoryInfo)" -match "PSArgumentException" }',
     ["EmptyScriptBlockAndNoName,Microsoft.PowerShell.Commands.SelectObjectCommand", "True"]),
    ("$h = @{ Entry = 100 }; ($h | Select-Object -Property Entry).Entry; $h | Select-Object -ExpandProperty Entry",
     ["100", "100"]),
    ("$h = @{ Value = 10 }; ($h | Select-Object -Property Keys).Keys; $h | Select-Object -ExpandProperty Keys",
     ["Value", "Value"]),
    ("$h = @{ Keys = 10 }; ($h | Select-Object -Property Keys).Keys; $h | Select-Object -ExpandProperty Keys",
     ["10", "10"]),
    # Sort-Object.Tests.ps1
    ('$e = [pscustomobject]@{F="Eight"; Y=8}, [pscustomobject]@{F="Null"; Y=$null}, [pscustomobject]@{F="Minus"; Y=-2}, '
     '[pscustomobject]@{F="One"; Y=1}; ($e | Sort-Object -Property Y).F -join ","', ["Minus,Null,One,Eight"]),
    ('$e = [pscustomobject]@{L="smith"; Y=5}, [pscustomobject]@{L="smith"; Y=15}, [pscustomobject]@{L="smyth"; Y=2}; '
     '($e | Sort-Object -Property @{e="Y"; descending=$false; ascending=$false} -Descending).Y -join ","; '
     '($e | Sort-Object -Property @{e="Y"; descending=$false; ascending=$true} -Descending).Y -join ","',
     ["15,5,2", "2,5,15"]),
    ('$e = [pscustomobject]@{L="smith"; Y=5}, [pscustomobject]@{L="smith"; Y=15}, [pscustomobject]@{L="smyth"; Y=12}; '
     '($e | Sort-Object -Property L -Descending -Unique).Y -join ","', ["12,15"]),
    ("(1..20 | Sort-Object {$_ % 3} -Stable -Unique -Descending) -join ','", ["2,1,3"]),
    # Group-Object.Tests.ps1
    ("$g = Group-Object -InputObject (1, 2); $g.Group.GetType().Name; $g.Count; "
     "('aA', 'aA', 'AA', 'AA' | Group-Object -CaseSensitive).Name -join ','", ["Collection`1", "1", "aA,AA"]),
    ("$c = [pscustomobject]@{C='Bill'}, [pscustomobject]@{C='bill'}; $r = $c | Group-Object C -AsHashTable "
     "-CaseSensitive; $r.GetType().Name; ($r.Keys | Sort-Object) -join ','; $r['bill'].C", ["Hashtable", "bill,Bill", "bill"]),
    # JsonObject.Tests.ps1 / ConvertFrom-Json.Tests.ps1
    ("""$r = '{"key1": "Value1", "Key1": "Value2"}' | ConvertFrom-Json -AsHashtable; $r.Count; $r.key1; $r.Key1; """
     "$r -is [hashtable]", ["2", "Value1", "Value2", "True"]),
    # Import-Csv.Tests.ps1 (ConvertFrom-Csv shares the reader)
    ("""('"#","b","c"', '1,2,3' | ConvertFrom-Csv)[0].'#'""", ["1"]),
    ("""('#,b,c', '1,2,3', '4,5,6' | ConvertFrom-Csv)[0].'1'""", ["4"]),
    ("""('#Version: 1.0', '#Fields: a,b,c', '1,2,3' | ConvertFrom-Csv)[0].a""", ["1"]),
    # Export-Csv.Tests.ps1
    ("$f = Join-Path ([IO.Path]::GetTempPath()) ('pp-' + (New-Guid) + '.csv'); "
     "try { [pscustomobject]@{P1='first'} | Export-Csv -Path $f -Append -NoHeader -ErrorAction Stop } "
     "catch { $_.FullyQualifiedErrorId }; [pscustomobject]@{P1='first'} | Export-Csv -Path $f -WhatIf; Test-Path $f",
     ["CannotSpecifyBothAppendAndNoHeader,Microsoft.PowerShell.Commands.ExportCsvCommand", "False"]),
    # Get-Culture.Tests.ps1
    ("$c = Get-Culture; $c -is 'System.Globalization.CultureInfo'; $c.Name -eq $PSCulture; $c.TextInfo.ListSeparator",
     ["True", "True", ","]),
    # Join-Path.Tests.ps1 / Split-Path.Tests.ps1
    ("try { Join-Path bogusdrive:\\\\somedir otherdir -Resolve -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["DriveNotFound,Microsoft.PowerShell.Commands.JoinPathCommand"]),
    ("Join-Path FileSystem::windir system32", ["FileSystem::windir/system32"]),
    ('Split-Path -Parent "C:\\Temp"; Split-Path -Parent "C:\\Temp\\Folder1"', ["C:/", "C:/Temp"]),
    # Test-Path.Tests.ps1
    ("try { Test-Path -Path $null -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
     ["NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand"]),
    ("Test-Path Alias:\\gci; Test-Path Env:\\PATH; Test-Path Alias:\\no-such-alias",
     ["True", "True", "False"]),
    ('Test-Path -Path " :;!@#$%^&*(){}?+|_-" -IsValid; Test-Path -Path "/totally a valid/path" -IsValid',
     ["False", "True"]),
    # Clear-Variable.Tests.ps1 / Set-Variable.Tests.ps1
    ('$xa = 1; $xb = 2; Clear-Variable x* -Exclude xb -Force; "[$xa][$xb]"; Set-Variable c 6 -Force; $c; '
     "Clear-Variable c -PassThru | ForEach-Object Name", ["[][2]", "6", "c"]),
]


@pytest.mark.parametrize(("snippet", "expected"), CASES)
def test_pester_snippet(snippet: str, expected: list[str]) -> None:
    assert _run(snippet) == expected
