"""More cases of Format-List/Format-Table/Format-Wide/Out-String.Tests.ps1, and pwsh's unknown -View messages."""

from __future__ import annotations

from typing import Any

import pytest

from pyshell.engine.conversions import to_string
from pyshell.engine.runspace import Runspace


def _run(text: str) -> list[str]:
    rs: Any = Runspace()
    return [to_string(o) for o in rs.run(text)]


@pytest.mark.parametrize(("script", "expected"), [
    # Out-String writes its (maybe empty) buffer at the end even when nothing came in
    ("$r = @{} | Format-List -Force -Property foo, bar | Out-String; $r -eq ''; $r.Trim().Length", ["True", "0"]),
    ("($null | Format-Table -Property foo | Out-String) -eq ''; (@() | Out-String -Stream).Count", ["True", "0"]),
    ("$r = 'single line string' | Format-List -Force -Property foo, bar | Out-String; $r.Trim().Length", ["0"]),
    ("$r = @{} | Format-Wide | Out-String; [string]::IsNullOrEmpty($r)", ["True"]),
    # Format-Table.Tests.ps1 / Format-List.Tests.ps1: tables show two decimals, lists the whole number
    ("$o = [PSCustomObject]@{double = [double]1234.56789; float = [float]9876.54321; decimal = [decimal]4567.123456789}; "
     "($o | Format-Table | Out-String -Stream)[3]; ($o | Format-List | Out-String -Stream)[1..3]",
     ["1234.57 9876.54 4567.12", "double  : 1234.56789", "float   : 9876.543", "decimal : 4567.123456789"]),
    # Format-Table.Tests.ps1: a view that does not exist stops the pipeline
    ("$o = New-Object PSObject; try { $o | Format-Table -View bar -Force -ErrorAction Stop } catch { "
     "$_.FullyQualifiedErrorId; \"$($_.CategoryInfo)\"; $_.Exception.GetType().FullName; $_.Exception.Message }",
     ["FormatViewNotFound,Microsoft.PowerShell.Commands.FormatTableCommand",
      "ObjectNotFound: (bar:String) [Format-Table], PipelineStoppedException",
      "System.Management.Automation.PipelineStoppedException",
      "The view name bar cannot be found. There are no existing Table views for "
      "System.Management.Automation.PSCustomObject objects."]),
    ("try { Get-Date | Format-List -View zz } catch { $_.Exception.Message }",
     ["The view name zz cannot be found. There are no existing List views for System.DateTime objects."]),
    ("try { Get-Process -Id $PID | Format-Table -View nope } catch { $_.Exception.Message }",
     ["The view name nope cannot be found. Specify one of the following Table views and try again: process."]),
])
def test_format_cases(script: str, expected: list[str]) -> None:
    assert _run(script) == expected
