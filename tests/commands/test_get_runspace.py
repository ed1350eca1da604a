"""Get-Runspace and $Host.Runspace (ported from PowerShell's Get-Runspace.Tests.ps1)."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    ("$c = $ExecutionContext.Host.Runspace; (Get-Runspace | Sort-Object -Property Id | Select-Object -First 1).Id "
     "-le $c.Id; (Get-Runspace -InstanceId $c.InstanceId).InstanceId -eq $c.InstanceId; "
     "(Get-Runspace -Name $c.Name).Id -eq $c.Id; (Get-Runspace -Id $c.Id).InstanceId -eq $c.InstanceId; "
     "$c.RunspaceAvailability", [True, True, True, True, "Busy"]),
    ("$r1 = [runspacefactory]::CreateRunspace(); $r1.Open(); $r2 = [runspacefactory]::CreateRunspace(); "
     "$ids = (Get-Runspace).Id; $ids -contains $r1.Id; $ids -contains $r2.Id; $r1.RunspaceAvailability; "
     "$r1.Dispose(); (Get-Runspace).Id -contains $r1.Id; $r2.Dispose()", [True, True, "Available", False]),
    # unknown names and ids give nothing, without an error; -Name takes wildcards
    ("@(Get-Runspace -Id 999999).Count; @(Get-Runspace -Name 'NoSuchRunspace').Count; "
     "@(Get-Runspace -Name 'Runspace*').Count -ge 1", [0, 0, True]),
    ("$Host.Runspace.Id -eq [runspace]::DefaultRunspace.Id", [True]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_get_runspace(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert rs.host.errors == []  # type: ignore[attr-defined]
