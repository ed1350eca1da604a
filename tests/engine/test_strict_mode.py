"""Set-StrictMode: versions 1, 2, 3/Latest and Off, scoped like pwsh 7 (about_Set-StrictMode, Set-StrictMode.md).

Each case is a snippet run through a real Runspace; expected values and error texts/ids are pwsh 7's.
"""

from __future__ import annotations

import time

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

UNDEFINED = "The variable '${}' cannot be retrieved because it has not been set."
NO_PROPERTY = "The property '{}' cannot be found on this object. Verify that the property exists."
PARENS = ("The function or command was called as if it were a method. Parameters should be separated by spaces. "
          "For information about parameters, see the about_Parameters Help topic.")


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


def _ids(rs: Runspace) -> list[str]:
    return [e.FullyQualifiedErrorId for e in rs.host.errors]  # type: ignore[attr-defined]


CASES = [
    # off (the default): unset variables, missing properties and bad indexes are all $null
    ("$a -gt 5; $null -eq 'abc'.Month; $x = @(1); $null -eq $x[2]; $null -eq $x['abc']", [False, True, True, True]),
    # version 1: an unset variable may still expand inside a string
    ("Set-StrictMode -Version 1.0; \"[$nosuch]\"; $null -eq 'abc'.Month", ["[]", True]),
    ("Set-StrictMode -Version 1; try { $a -gt 5 } catch { $_.FullyQualifiedErrorId; \"$($_.CategoryInfo)\" }",
     ["VariableIsUndefined", "InvalidOperation: (a:String) [], RuntimeException"]),
    # parameters and automatic variables are always defined
    ("Set-StrictMode -Version Latest; function f($p) { \"[$p]\"; $args.Count; $PSBoundParameters.Count }; f",
     ["[]", 0, 0]),
    ("Set-StrictMode -Version Latest; $null; $true; 1..2 | ForEach-Object { $_ }; $env:PYSHELL_NO_SUCH_VAR",
     [None, True, 1, 2, None]),
    # the preference variables every session defines are readable
    ("Set-StrictMode -Version Latest; $PSDefaultParameterValues['Get-Item:Force'] = $true; "
     "$PSDefaultParameterValues.Count; $PSNativeCommandUseErrorActionPreference; $null -eq $PSEmailServer",
     [1, False, True]),
    # $LASTEXITCODE is unset until a native command runs
    ("Test-Path variable:LASTEXITCODE; Set-StrictMode -Version 1; try { $LASTEXITCODE } catch { "
     "$_.FullyQualifiedErrorId }; sh -c 'exit 3'; $LASTEXITCODE", [False, "VariableIsUndefined", 3]),
    # the setting belongs to its scope: a function's Set-StrictMode does not reach its caller...
    ("function f { Set-StrictMode -Version 2; try { $u } catch { 'inner' } }; f; $u; 'caller'",
     ["inner", None, "caller"]),
    # ... and a child scope inherits the caller's, until it turns it off for itself
    ("Set-StrictMode -Version 1; function g { try { $u } catch { 'child' } }; g", ["child"]),
    ("Set-StrictMode -Version 1; function h { Set-StrictMode -Off; $u; 'off inside' }; h; "
     "try { $u } catch { 'still on' }", [None, "off inside", "still on"]),
    ("Set-StrictMode -Version 1; & { $u = 1; $u }; Set-StrictMode -Off; $u; 'done'", [1, None, "done"]),
    # version 2: strings, properties, Count/Length on scalars and $null, hashtable keys, member enumeration
    ("Set-StrictMode -Version 2; try { \"[$nosuch]\" } catch { $_.FullyQualifiedErrorId }", ["VariableIsUndefined"]),
    ("Set-StrictMode -Version 2; $s = 'text'; try { $s.Month } catch { $_.FullyQualifiedErrorId; "
     "$_.Exception.GetType().FullName; $_.CategoryInfo.Reason }",
     ["PropertyNotFoundStrict", "System.Management.Automation.PropertyNotFoundException", "PropertyNotFoundException"]),
    ("Set-StrictMode -Version 2; 'abc'.Length; @(1, 2).Count; (@{a = 1}).a; (@{a = 1}).Count; "
     "([pscustomobject]@{p = $null}).p; @([pscustomobject]@{p = 1}, [pscustomobject]@{q = 2}).p",
     [3, 2, 1, 1, None, 1]),
    ("Set-StrictMode -Version 2; foreach ($t in { (5).Count }, { $null.Count }, { (@{a=1}).b }, { $n = $null; $n.x }, "
     "{ @(1, 2).Nope }, { ([pscustomobject]@{p = 1}).q }) { try { $null = & $t; 'no error' } "
     "catch { $_.FullyQualifiedErrorId } }", ["PropertyNotFoundStrict"] * 6),
    ("Set-StrictMode -Version 2; $n = $null; ${n}?.x; 'ok'", [None, "ok"]),
    # version 2: a command called with method syntax; spaces or a single value are fine
    ("function add($a, $b) { \"$a|$b\" }; add(3,4); Set-StrictMode -Version 2; add 3 4; add(3); add (3,4)",
     ["3 4|", "3|4", "3|", "3 4|"]),
    ("function add($a, $b) { }; Set-StrictMode -Version 2; try { add(3,4) } catch { $_.FullyQualifiedErrorId }",
     ["StrictModeFunctionCallWithParens"]),
    # version 3 / Latest: an index past either end, or one that is not a number
    ("Set-StrictMode -Version 3; $a = @(1, 2); $a[0]; $a[-2]; 'ab'[1]; try { $a[2] } catch { $_.Exception.Message; "
     "$_.FullyQualifiedErrorId; $_.Exception.GetType().FullName }; try { $a[-3] } catch { 'low' }",
     [1, 1, "b", "Index was outside the bounds of the array.", "System.IndexOutOfRangeException",
      "System.IndexOutOfRangeException", "low"]),
    ("Set-StrictMode -Version Latest; $a = @(1); try { $a['abc'] } catch { $_.CategoryInfo.Category }",
     ["InvalidArgument"]),
    ("Set-StrictMode -Version 2; $a = @(1); $null -eq $a[5]", [True]),
    # -Version takes an int, a number string, a version string, 4..7.x or Latest
    ("Set-StrictMode -Version 4; Set-StrictMode -Version '2.0'; Set-StrictMode -v 7.0; Set-StrictMode -Version 5.1; "
     "Set-StrictMode -Version latest; Set-StrictMode -Off; $u; 'ok'", [None, "ok"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


ERROR_CASES = [
    ("Set-StrictMode -Version 1; $a -gt 5", UNDEFINED.format("a"), "VariableIsUndefined"),
    ("Set-StrictMode -Version 1; $c += 1", UNDEFINED.format("c"), "VariableIsUndefined"),
    ("Set-StrictMode -Version 1; $global:gg", UNDEFINED.format("gg"), "VariableIsUndefined"),
    ("Set-StrictMode -Version 2; 'text'.Month", NO_PROPERTY.format("Month"), "PropertyNotFoundStrict"),
    ("function add($a, $b) { }; Set-StrictMode -Version 2; add(3,4)", PARENS, "StrictModeFunctionCallWithParens"),
    ("Set-StrictMode -Version Latest; (1, 2)[2]", "Index was outside the bounds of the array.",
     "System.IndexOutOfRangeException"),
    ("Set-StrictMode -Version 8",
     "Cannot validate argument on parameter 'Version'. The \"8.0\" argument does not contain a valid PowerShell "
     "version. Supply a valid version number and then try the command again.",
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SetStrictModeCommand"),
    ("Set-StrictMode -Version 2.5",
     "Cannot validate argument on parameter 'Version'. The \"2.5\" argument does not contain a valid PowerShell "
     "version. Supply a valid version number and then try the command again.",
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SetStrictModeCommand"),
    ("Set-StrictMode -Version abc",
     "Cannot bind parameter 'Version'. Cannot convert value \"abc\" to type \"System.Version\". Error: \"Version "
     "string portion was too short or too long.\"",
     "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.SetStrictModeCommand"),
    ("Set-StrictMode -Version $null", "Cannot bind argument to parameter 'Version' because it is null.",
     "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.SetStrictModeCommand"),
    ("Set-StrictMode -Version 3, 2",
     "Cannot bind parameter 'Version'. Cannot convert the \"System.Object[]\" value of type \"System.Object[]\" to "
     "type \"System.Version\".", "CannotConvertArgument,Microsoft.PowerShell.Commands.SetStrictModeCommand"),
]


@pytest.mark.parametrize(("src", "message", "error_id"), ERROR_CASES)
def test_error(rs: Runspace, src: str, message: str, error_id: str) -> None:
    rs.run(src)
    assert _errors(rs) == [message]
    assert _ids(rs) == [error_id]


def test_error_is_statement_terminating(rs: Runspace) -> None:
    assert rs.run("Set-StrictMode -Version 1; $x = $undefined; 'next'") == ["next"]
    assert _ids(rs) == ["VariableIsUndefined"]


def test_strict_off_costs_no_scope_walk(rs: Runspace) -> None:
    """While strict mode was never turned on, an unset variable's read does not look for a setting."""
    assert rs.evaluator.strict_any is False
    rs.run("$u; $o = [pscustomobject]@{}; $o.nope")
    assert rs.evaluator.strict_any is False
    rs.run("function f { Set-StrictMode -Version 1 }; f")
    assert rs.evaluator.strict_any is True


def test_unset_variable_reads_stay_fast_when_strict_is_off(rs: Runspace) -> None:
    """The strict check sits on the miss path only: a loop reading an unset variable costs about what it did."""
    src = "foreach ($i in 1..20000) { $null = $nosuch }"
    rs.run(src)
    start = time.perf_counter()
    rs.run(src)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
