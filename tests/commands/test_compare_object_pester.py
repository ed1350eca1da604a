"""Compare-Object per Compare-Object.Tests.ps1: the sync-window algorithm, its output order and null arguments."""

from __future__ import annotations

from typing import Any

import pytest

from pyshell.engine.conversions import to_string
from pyshell.engine.runspace import Runspace

_LINES = ("$r3 = 'line 1', 'line 2', 'line 3'; $r4 = 'line 1', 'line 2.1', 'Line 3'; ")


def _run(text: str) -> list[str]:
    rs: Any = Runspace()
    return [to_string(o) for o in rs.run(text)]


def _sides(expr: str) -> str:
    return f"({expr} | ForEach-Object {{ \"$($_.InputObject)$($_.SideIndicator)\" }}) -join '|'"


@pytest.mark.parametrize(("script", "expected"), [
    # equal ones are reported as found; what is left at the end: the difference side first
    (_LINES + _sides("Compare-Object $r3 $r4 -IncludeEqual"), ["line 1==|line 3==|line 2.1=>|line 2<="]),
    (_LINES + _sides("Compare-Object $r3 $r4 -CaseSensitive"), ["line 2.1=>|Line 3=>|line 2<=|line 3<="]),
    # -ExcludeDifferent without -IncludeEqual outputs nothing (pwsh 7; Compare-Object.Tests.ps1)
    (_LINES + "(Compare-Object $r3 $r4 -ExcludeDifferent).Length; "
     "(Compare-Object $r3 $r4 -ExcludeDifferent -IncludeEqual).Length; "
     "(Compare-Object $r3 $r4 -ExcludeDifferent -IncludeEqual:$false).Length", ["0", "2", "0"]),
    # a small window pushes entries out as differences before their match comes
    (_sides("Compare-Object -ReferenceObject (1..15) -DifferenceObject (15..1) -SyncWindow 6"),
     ["15=>|1<=|1=>|15<="]),
    (_sides("Compare-Object 'mary', 'john', 'jack', 'jim' 'jack', 'jim', 'mary', 'john' -SyncWindow 2 -IncludeEqual"),
     ["mary==|jack==|john==|jim=="]),
    (_sides("Compare-Object 'john' 'john', 'mary' -SyncWindow 0 -IncludeEqual"), ["john==|mary=>"]),
    (_sides("Compare-Object 'john' 'mary'"), ["mary=>|john<="]),
    ("(Compare-Object 'john' 'mary' -PassThru) -join ','; (Compare-Object 'john', 'mary' 'john' -PassThru)",
     ["mary,john", "mary"]),
    ("$r = Compare-Object @() @('diffObject'); $r.InputObject + $r.SideIndicator; "
     "$r = Compare-Object @('refObject') @(); $r.InputObject + $r.SideIndicator; (Compare-Object @() @()).Count",
     ["diffObject=>", "refObject<=", "0"]),
    (_sides("Compare-Object @($null) 1"), ["1=>|<="]),
    # $null is not an object set
    ("try { Compare-Object -ReferenceObject $nothing -DifferenceObject 1 } catch { $_.FullyQualifiedErrorId; "
     "$_.Exception.Message }", ["ParameterArgumentValidationErrorNullNotAllowed,"
                                "Microsoft.PowerShell.Commands.CompareObjectCommand",
                                "Cannot bind argument to parameter 'ReferenceObject' because it is null."]),
    ("try { Compare-Object a -DifferenceObject $null } catch { $_.FullyQualifiedErrorId }",
     ["ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.CompareObjectCommand"]),
    ("$r = $null | Compare-Object -ReferenceObject a -ErrorVariable ev -ErrorAction SilentlyContinue; "
     "$r.SideIndicator; $ev.Count", ["<=", "1"]),
    ("try { Compare-Object a b -SyncWindow -1 } catch { $_.FullyQualifiedErrorId }",
     ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.CompareObjectCommand"]),
])
def test_compare_object(script: str, expected: list[str]) -> None:
    assert _run(script) == expected
