"""Exception objects and AutomationNull, per pwsh 7 (TryCatch.Tests.ps1, Scripting.Classes.Exceptions.Tests.ps1,
NullRepresentatives.Tests.ps1, ExceptionHandlingOps.ConvertToException).

Each case is a snippet run through a real Runspace; expected values are pwsh 7's.
"""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


EXCEPTION_CASES = [
    # throw <exception>: a new ErrorRecord whose id is the message, category OperationStopped
    ("try { throw [System.ArgumentException]::new('m', 'p') } catch { $_.Exception.ParamName; $_.Exception.Message; "
     "$_.Exception.GetType().FullName; $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason; $_.CategoryInfo.Category }",
     ["p", "m (Parameter 'p')", "System.ArgumentException", "m (Parameter 'p')", "ArgumentException",
      "OperationStopped"]),
    ("try { throw [System.Exception]::new('m2') } catch { $_.Exception.Message; $_.Exception.GetType().FullName; "
     "$_.FullyQualifiedErrorId; \"$($_.CategoryInfo)\" }",
     ["m2", "System.Exception", "m2", "OperationStopped: (:) [], Exception"]),
    # the .NET default messages and the parameter-name-first constructors
    ("[System.Exception]::new().Message; [System.ArgumentNullException]::new('pn').Message; "
     "[System.ArgumentOutOfRangeException]::new('idx', 'too big').Message; "
     "[System.InvalidOperationException]::new().Message; [System.ArgumentException]::new().ParamName",
     ["Exception of type 'System.Exception' was thrown.", "Value cannot be null. (Parameter 'pn')",
      "too big (Parameter 'idx')", "Operation is not valid due to the current state of the object.", None]),
    # a catch type matches derived exceptions; inner exceptions are kept
    ("try { throw [System.ArgumentNullException]::new('pn') } catch [System.ArgumentException] "
     "{ $_.Exception.GetType().Name; $_.Exception.ParamName }", ["ArgumentNullException", "pn"]),
    ("try { throw [System.IO.FileNotFoundException]::new() } catch [System.IO.IOException] { $_.Exception.Message }",
     ["Unable to find the specified file."]),
    ("try { throw [System.Exception]::new('outer', [System.InvalidOperationException]::new('inner')) } "
     "catch { $_.Exception.InnerException.Message; $_.Exception.InnerException.GetType().FullName }",
     ["inner", "System.InvalidOperationException"]),
    ("try { throw (New-Object System.Exception 'made') } catch [System.Exception] { $_.Exception.Message }",
     ["made"]),
    ("$e = [ArgumentException]::new('short'); $e -is [System.ArgumentException]; $e -is [System.Exception]; "
     "$e -is [System.IO.IOException]", [True, True, False]),
    # a RuntimeException made by a script keeps pwsh's default record
    ("try { throw [System.Management.Automation.RuntimeException]::new('rt') } catch { $_.FullyQualifiedErrorId; "
     "\"$($_.CategoryInfo)\"; $_.Exception.Message }", ["RuntimeException", "NotSpecified: (:) [], RuntimeException",
                                                         "rt"]),
    # rethrowing an engine exception keeps its own record
    ("try { Get-Item /no/such/pyshell/path -ErrorAction Stop } catch { try { throw $_.Exception } "
     "catch { $_.FullyQualifiedErrorId } }", ["PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"]),
    # the engine's own errors report their .NET exception types
    ("try { Get-Item /no/such/pyshell/path -ErrorAction Stop } catch { $_.Exception.GetType().FullName }",
     ["System.Management.Automation.ItemNotFoundException"]),
    ("try { Get-Date -NoSuchParameter } catch { $_.Exception.GetType().FullName; $_.CategoryInfo.Reason }",
     ["System.Management.Automation.ParameterBindingException", "ParameterBindingException"]),
    ("try { 'abc'.Substring(10) } catch { $_.Exception.GetType().FullName; $_.Exception.InnerException.GetType().FullName;"
     " $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason }",
     ["System.Management.Automation.MethodInvocationException", "System.ArgumentOutOfRangeException",
      "ArgumentOutOfRangeException", "MethodInvocationException"]),
    ("try { 'abc'.Substring(1, 2, 3) } catch { $_.Exception.GetType().FullName; $_.FullyQualifiedErrorId; "
     "$_.Exception.Message; \"$($_.CategoryInfo)\" }",
     ["System.Management.Automation.MethodException", "MethodCountCouldNotFindBest",
      'Cannot find an overload for "Substring" and the argument count: "3".', "NotSpecified: (:) [], MethodException"]),
    ("try { 1/0 } catch { $_.Exception.GetType().FullName; $_.Exception.InnerException.GetType().FullName; "
     "$_.FullyQualifiedErrorId }",
     ["System.Management.Automation.RuntimeException", "System.DivideByZeroException", "RuntimeException"]),
    ("try { throw 'plain' } catch { $_.Exception.GetType().FullName; $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }",
     ["System.Management.Automation.RuntimeException", "plain", "OperationStopped"]),
]


@pytest.mark.parametrize(("src", "expected"), EXCEPTION_CASES)
def test_exceptions_match_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


def test_uncaught_thrown_exception_is_reported_with_its_message(rs: Runspace) -> None:
    assert rs.run("throw [System.ArgumentException]::new('m', 'p'); 'not reached'") == []
    assert _errors(rs) == ["m (Parameter 'p')"]
    assert rs.host.errors[0].FullyQualifiedErrorId == "m (Parameter 'p')"  # type: ignore[attr-defined]


AUTOMATION_NULL_CASES = [
    # AutomationNull sends nothing down the pipeline; $null is one input
    ("[System.Management.Automation.Internal.AutomationNull]::Value | ForEach-Object { 'x' }; "
     "$null | ForEach-Object { 'y' }", ["y"]),
    ("@([System.Management.Automation.Internal.AutomationNull]::Value).Count; @($null).Count", [0, 1]),
    # a command that writes nothing: its value is AutomationNull, in a variable too
    ("function nothing {}; $v = nothing; $v | ForEach-Object { 'x' }; @($v).Count; $null -eq $v; $v.Count",
     [0, True, 0]),
    ("function nothing {}; $v = nothing; $v; @(& { $v }).Count", [0]),
    # ... but an empty $() pipes one $null (PowerShell's Parser.Tests: `$() | & { ... $input ... }` counts 1)
    ("function nothing {}; (nothing) | ForEach-Object { 'x' }; $() | ForEach-Object { 'y' }; "
     "@(nothing).Count; (nothing) -eq $null", ["y", 0, True]),
    ("$r = 1..3 | Where-Object { $_ -gt 5 }; @($r).Count; $r | ForEach-Object { 'r' }", [0]),
    ("$q = [System.Management.Automation.Internal.AutomationNull]::Value; $q | ForEach-Object { 'q' }; @($q).Count",
     [0]),
    # once anything else is assigned, the variable is an ordinary value again
    ("function nothing {}; $v = nothing; $v = $null; $v | ForEach-Object { 'null again' }", ["null again"]),
    ("function nothing {}; $w = nothing; $w = 5; $w | ForEach-Object { \"five $_\" }", ["five 5"]),
    ("function nothing {}; $u = nothing; [int]$u = 3; $u", [3]),
    ("$t = $($null); $t | ForEach-Object { 't' }; $s = $(); @($s).Count", ["t", 0]),
    # bound to a parameter it is plain $null
    ("function nothing {}; function f($p) { $p | ForEach-Object { 'param' } }; $v = nothing; f $v", ["param"]),
    ("function nothing {}; foreach ($i in (nothing)) { 'loop' }; 'done'", ["done"]),
]


@pytest.mark.parametrize(("src", "expected"), AUTOMATION_NULL_CASES)
def test_automation_null(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


SUSPEND = ("Cannot bind parameter '{0}' to the target. Exception setting \"{0}\": \"The Suspend ActionPreference value "
           "is reserved for future use and is not supported at this time. For more information about preference "
           "variables, see the Help topic, \"about_Preference_Variables.\"\"")

ACTION_PREFERENCE_CASES = [
    # ActionPreference.Tests.ps1: -ErrorVariable receives the ActionPreferenceStopException of -ErrorAction Stop
    ("$err = $null; try { Get-ChildItem /no/such/pyshell/file -ErrorAction Stop -ErrorVariable err } catch {}; "
     "$err.Count; $err[0] -is [System.Management.Automation.ActionPreferenceStopException]; "
     "$err[0].ErrorRecord.Exception.GetType().FullName",
     [1, True, "System.Management.Automation.ItemNotFoundException"]),
    ("$c = $Error.Count; Get-Item /no/such/pyshell/file -ErrorAction Ignore; $Error.Count -eq $c", [True]),
    # Suspend is refused by the ErrorAction and WarningAction parameters of cmdlets and advanced functions
    ("function MyHelperFunction { [CmdletBinding()] param() 'Hello' }; "
     "try { MyHelperFunction -ErrorAction Suspend } catch { $_.FullyQualifiedErrorId }",
     ["ParameterBindingFailed,MyHelperFunction"]),
    ("try { Get-Item . -ErrorAction Suspend } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["ParameterBindingFailed,Microsoft.PowerShell.Commands.GetItemCommand", SUSPEND.format("ErrorAction")]),
    ("try { Get-Item . -WarningAction Suspend } catch { $_.FullyQualifiedErrorId }",
     ["ParameterBindingFailed,Microsoft.PowerShell.Commands.GetItemCommand"]),
]


@pytest.mark.parametrize(("src", "expected"), ACTION_PREFERENCE_CASES)
def test_action_preference(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


TRY_CATCH_CASES = [
    # TryCatch.Tests.ps1
    ("$a = . { try { 1; throw ([ArgumentNullException]::new('bad')) } catch [DivideByZeroException],"
     "[ArgumentNullException] { 2 } }; $a", [1, 2]),
    # an error no catch of the inner try matches still runs the inner finally first
    ("$a = . { try { 'outer try'; try { 'inner try'; $z = 0; 1 / $z } catch [OutOfMemoryException] { 'failed' } "
     "finally { 'inner finally' } } catch [DivideByZeroException] { 'caught' } finally { 'outer finally' } }; $a",
     ["outer try", "inner try", "inner finally", "caught", "outer finally"]),
    # and so does an error thrown from inside a catch block
    ("try { try { throw 'one' } catch { throw 'two' } finally { 'inner finally' } } catch { $_.Exception.Message }",
     ["inner finally", "two"]),
    # a bare throw in a catch block rethrows the very error it caught
    ("$a = . { try { try { $z = 0; 1 / $z } catch { 'inner catch'; $ex_inner = $_; throw } } "
     "catch { 'outer catch'; $ex_outer = $_ } }; $a; $ex_inner.Exception -eq $ex_outer.Exception; "
     "$ex_outer.FullyQualifiedErrorId", ["inner catch", "outer catch", True, "RuntimeException"]),
    ("function foo { trap [System.Management.Automation.RuntimeException] { return 'test passed' }; "
     "trap { return 'test failed' }; throw }; try { $z = 0; 1 / $z } catch { foo }", ["test passed"]),
    ("try { throw } catch { $_.FullyQualifiedErrorId }", ["ScriptHalted"]),
    # -ErrorAction Stop: catch [ActionPreferenceStopException] sees the command's own exception
    ("try { Get-ChildItem /no/such/pyshell/dir -ErrorAction Stop } "
     "catch [System.Management.Automation.ActionPreferenceStopException] { 'caught'; $_.Exception.GetType().FullName }",
     ["caught", "System.Management.Automation.ItemNotFoundException"]),
    ("try { Get-ChildItem /no/such/pyshell/dir -ErrorAction Stop } "
     "catch [System.Management.Automation.ItemNotFoundException] { 'INFE' } catch [System.Exception] { 'Exception' }",
     ["INFE"]),
    ("try { throw [System.Management.Automation.ItemNotFoundException]::new() } "
     "catch [System.Management.Automation.ItemNotFoundException] { 'INFE' } "
     "catch [System.Management.Automation.RuntimeException] { 'RTE' }", ["INFE"]),
    ("$a = . { try { throw 42 } catch { $_ } }; [int]$a.ToString()", [42]),
    # an error out of Invoke-Expression's nested pipeline is a CmdletInvocationException to catch
    ("try { Invoke-Expression 'Get-Command -Name' } catch [System.Management.Automation.CmdletInvocationException] "
     "{ 'caught'; $_.Exception.GetType().FullName }",
     ["caught", "System.Management.Automation.ParameterBindingException"]),
    # a failed cast in a script is a RuntimeException around the PSInvalidCastException
    ("try { [int]'zz' } catch [System.InvalidCastException] { $_.Exception.GetType().FullName; "
     "$_.Exception.InnerException.GetType().FullName; $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason }",
     ["System.Management.Automation.RuntimeException", "System.Management.Automation.PSInvalidCastException",
      "InvalidCastFromStringToInteger", "RuntimeException"]),
    ("try { throw 'x' } catch { $_.Exception.WasThrownFromThrowStatement; $_.Exception.HResult }",
     [True, -2146233087]),
    ("$e = [System.ArgumentException]::new('m', 'p'); ($e | Get-Member -MemberType Property).Name -join ','; "
     "$e.HResult; $e.Data.Count",
     ["Data,HelpLink,HResult,InnerException,Message,ParamName,Source,StackTrace,TargetSite", -2147024809, 0]),
]


@pytest.mark.parametrize(("src", "expected"), TRY_CATCH_CASES)
def test_try_catch(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


def test_thrown_dotnet_exception_shows_as_operation_stopped(rs: Runspace) -> None:
    """ConciseView says "Exception:" only when $err.Exception.WasThrownFromThrowStatement; a thrown .NET
    exception object is the record's Exception and has no such flag, so its category shows."""
    from pyshell.formatting.errorview import render_error

    rs.run("throw [System.ArgumentException]::new('m', 'p')")
    rs.run("throw [System.Management.Automation.RuntimeException]::new('rt')")
    rs.run("throw 'plain'")
    shown = [render_error(r) for r in rs.host.errors]  # type: ignore[attr-defined]
    assert shown == ["OperationStopped: m (Parameter 'p')", "Exception: rt", "Exception: plain"]
    assert rs.run("try { throw 'x' } catch { $_.Exception.WasThrownFromThrowStatement }; "
                  "try { 1/0 } catch { $_.Exception.WasThrownFromThrowStatement }") == [True, False]
