"""Script block methods, $ExecutionContext, $PSCmdlet and ErrorRecord construction as Pester tests use them.

Expected values are PowerShell 7's (GetNewClosure.Tests.ps1, ExecutionContext.Tests.ps1 and the API docs);
each case is a snippet run through a real Runspace.
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


CASES = [
    # Invoke returns a Collection<PSObject>; InvokeReturnAsIs the bare value
    ("$sb = { param($a) $a * 2 }; $r = $sb.Invoke(21); $r; $r.GetType().Name; $sb.InvokeReturnAsIs(3); "
     "$r.Count", [42, "Collection`1", 6, 1]),
    ("{ 1; 2 }.Invoke().Count; ({ 1; 2 }.InvokeReturnAsIs()).Count; $null -eq { }.InvokeReturnAsIs()", [2, 2, True]),
    ("{ $args.Count }.Invoke(1, 2, 3); { $args.Count }.Invoke(@(1, 2)); { $args.Count }.Invoke(,@(1, 2)); "
     "{ param($a, $b) \"$a|$b\" }.Invoke(@('x', 'y'))", [3, 2, 1, "x|y"]),
    ("try { { throw 'q' }.Invoke(@(1, 2)) } catch { $_.Exception.Message }; "
     "try { { throw 'q' }.InvokeWithContext($null, $null) } catch { $_.Exception.Message }",
     ['Exception calling "Invoke" with "1" argument(s): "q"', 'Exception calling "InvokeWithContext" with "2" '
      'argument(s): "q"']),
    ("[scriptblock]::Create('1 + 1').Invoke(); [scriptblock]::Create('param($x) $x').Invoke('y')", [2, "y"]),
    # errors thrown in Invoke arrive wrapped
    ("try { { throw 'boom' }.Invoke() } catch { $_.Exception.GetType().Name; $_.Exception.Message; "
     "$_.Exception.InnerException.Message; $_.FullyQualifiedErrorId; $_.Exception.InnerException.ErrorRecord."
     "FullyQualifiedErrorId }",
     ["MethodInvocationException", 'Exception calling "Invoke" with "0" argument(s): "boom"', "boom",
      "RuntimeException", "boom"]),
    ("try { { throw 'b2' }.InvokeReturnAsIs(1) } catch { $_.Exception.Message }",
     ['Exception calling "InvokeReturnAsIs" with "1" argument(s): "b2"']),
    ("try { & { throw 'direct' } } catch { $_.Exception.GetType().Name }", ["RuntimeException"]),
    # GetNewClosure captures the local variables at that moment
    ("$x = 1; $c = { $x }.GetNewClosure(); $x = 2; & $c; $c.Invoke(); & { $x }", [1, 1, 2]),
    ("function mk { param($n) { \"n=$n\" }.GetNewClosure() }; $f = mk 5; & $f; 1..2 | ForEach-Object $f; $f.Invoke()",
     ["n=5", "n=5", "n=5", "n=5"]),
    ("function counter { $count = 0; { $count += 1; $count }.GetNewClosure() }; $c = counter; & $c; & $c",
     [1, 1]),
    # GetNewClosure.Tests.ps1: parameter attributes are not validated again
    ("function SimpleFunction_GetNewClosure { param([ValidateNotNull()] $Name) & { 'OK' }.GetNewClosure() }; "
     "SimpleFunction_GetNewClosure", ["OK"]),
    ("function ScriptCmdlet_GetNewClosure { [CmdletBinding()] param([Parameter()][ValidateNotNullOrEmpty()]"
     "[string] $Name = '', [Parameter()][ValidateRange(1,3)][int] $Value = 4) & { $Value; $Name }.GetNewClosure() }; "
     "$result = ScriptCmdlet_GetNewClosure; $result.Count; $result[0]; $result[1]", [2, 4, ""]),
    # InvokeWithContext
    ("{ hello }.InvokeWithContext(@{hello = { 'hi' }}, $null)", ["hi"]),
    ("{ $v * 2 }.InvokeWithContext($null, [psvariable]::new('v', 7))", [14]),
    ("{ param($a) \"$a$v\" }.InvokeWithContext(@{}, @([psvariable]::new('v', 'w')), 'x')", ["xw"]),
    # Ast basics
    ("$sb = { param($a, [int]$b) 1; 2 }; $sb.Ast.ParamBlock.Parameters.Count; $sb.Ast.EndBlock.Statements.Count; "
     "$sb.Ast.ParamBlock.Parameters[1].Name.VariablePath.UserPath; \"$($sb.Ast.ParamBlock.Parameters[0].Name)\"; "
     "$sb.Ast.EndBlock.Statements[1].Extent.Text; $null -eq { 1 }.Ast.ParamBlock",
     [2, 2, "b", "$a", "2", True]),
    # $ExecutionContext
    ("$x = 'X'; $ExecutionContext.InvokeCommand.ExpandString('a $x $(1+1) \"q\"')", ['a X 2 "q"']),
    ("function f { $loc = 'L'; $ExecutionContext.InvokeCommand.ExpandString('<$loc>') }; f", ["<L>"]),
    ("$sb = $ExecutionContext.InvokeCommand.NewScriptBlock('1 + $args[0]'); & $sb 2; $sb -is [scriptblock]", [3, True]),
    ("$ExecutionContext.InvokeCommand.InvokeScript('\"s\" + $args[0]', 'z')", ["sz"]),
    ("$ExecutionContext.SessionState.PSVariable.Set('nv', 9); $nv; $ExecutionContext.SessionState.PSVariable."
     "GetValue('nv'); $ExecutionContext.SessionState.PSVariable.Get('nv').Value; "
     "$null -eq $ExecutionContext.SessionState.PSVariable.Get('nope'); "
     "$ExecutionContext.SessionState.PSVariable.GetValue('nope', 'dflt'); $ExecutionContext.SessionState.LanguageMode",
     [9, 9, 9, True, "dflt", "FullLanguage"]),
    ("$ExecutionContext.SessionState.PSVariable.Set([psvariable]::new('pv', 3)); $pv; "
     "$ExecutionContext.SessionState.PSVariable.Remove('pv'); $null -eq $pv", [3, True]),
    ("$ExecutionContext.SessionState.Path.CurrentLocation.Path -eq (Get-Location).Path", [True]),
    ("$ExecutionContext.GetType().FullName; $ExecutionContext.SessionState.GetType().FullName",
     ["System.Management.Automation.EngineIntrinsics", "System.Management.Automation.SessionState"]),
    # ErrorRecord / exception construction, $PSCmdlet
    ("$e = [System.Management.Automation.ErrorRecord]::new([System.Management.Automation.RuntimeException]::new('m'), "
     "'myid', 'InvalidArgument', 5); $e.FullyQualifiedErrorId; $e.CategoryInfo.Category; $e.TargetObject; "
     "$e.Exception.Message; \"$e\"; $e.Exception.GetType().Name",
     ["myid", "InvalidArgument", 5, "m", "m", "RuntimeException"]),
    ("try { throw [System.Management.Automation.RuntimeException]::new('rt') } catch { $_.Exception.GetType().Name; "
     "$_.Exception.Message }", ["RuntimeException", "rt"]),
    ("try { throw [System.Management.Automation.PSInvalidOperationException]::new('pio') } catch "
     "[System.InvalidOperationException] { 'caught'; $_.Exception.GetType().FullName }",
     ["caught", "System.Management.Automation.PSInvalidOperationException"]),
    ("function f { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]"
     "::new([System.Management.Automation.PSInvalidOperationException]::new('tm'), 'id2', 'InvalidOperation', 't')) }; "
     "try { f } catch { $_.Exception.GetType().Name; $_.CategoryInfo.Category; $_.TargetObject; $_.Exception.Message }",
     ["PSInvalidOperationException", "InvalidOperation", "t", "tm"]),
    ("function f { [CmdletBinding()] param() $PSCmdlet.SessionState.PSVariable.GetValue('zz'); "
     "$PSCmdlet.InvokeCommand.ExpandString('<$zz>'); $PSCmdlet.GetUnresolvedProviderPathFromPSPath('abc') -eq "
     "(Join-Path (Get-Location).Path 'abc') }; $zz = 3; f", [3, "<3>", True]),
    ("{ param($a) 1 }.Ast.Extent.Text; [scriptblock]::Create('1+1').Ast.Extent.Text; \"$({ 1; 2 }.Ast.EndBlock)|\"",
     ["{ param($a) 1 }", "1+1", "1; 2|"]),
    ("function g { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new("
     "[System.Management.Automation.RuntimeException]::new('we'), 'wid', 'NotSpecified', $null)); 'went on' }; "
     "g -ErrorAction SilentlyContinue; $Error[0].Exception.Message", ["went on", "we"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_scriptblock_api_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


def test_invoke_failure_does_not_end_the_script(rs: Runspace) -> None:
    assert rs.run("{ throw 'x' }.Invoke(); 'after'") == ["after"]
    assert _errors(rs) == ['Exception calling "Invoke" with "0" argument(s): "x"']


def test_error_record_needs_an_exception(rs: Runspace) -> None:
    assert rs.run("try { [System.Management.Automation.ErrorRecord]::new($null, 'i', 'NotSpecified', $null) } "
                  "catch { $_.Exception.Message }") == [
        'Exception calling ".ctor" with "4" argument(s): "Value cannot be null. (Parameter \'exception\')"']


def test_expand_string_error_is_wrapped(rs: Runspace) -> None:
    assert rs.run("try { $ExecutionContext.InvokeCommand.ExpandString('$(throw \"inner\")') } catch { "
                  "$_.Exception.Message }") == ['Exception calling "ExpandString" with "1" argument(s): "inner"']


def test_parameter_defaults_are_not_validated(rs: Runspace) -> None:
    # GetNewClosure.Tests.ps1 relies on it: a default outside [ValidateRange] is fine, a bound value is checked
    assert rs.run("function t { [CmdletBinding()] param([ValidateRange(1,3)][int]$v = 4, "
                  "[ValidateNotNullOrEmpty()][string]$s = '') \"$v[$s]\" }; t; t -v 9") == ["4[]"]
    assert _errors(rs) == ["Cannot validate argument on parameter 'v'. The 9 argument is greater than the maximum "
                           "allowed range of 3. Supply an argument that is less than or equal to 3 and then try the "
                           "command again."]


QUALIFIED = [
    # $PSCmdlet's errors come from the function: its name joins the FullyQualifiedErrorId
    ("function Get-Thing { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError("
     "[System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new('tm'), 'MyId', "
     "'InvalidOperation', 't')) }; try { Get-Thing } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Activity; "
     "$_.InvocationInfo.MyCommand }", ["MyId,Get-Thing", "Get-Thing", "Get-Thing"]),
    ("function Get-Other { [CmdletBinding()] param() try { Get-Item /nonexistent/zz -ErrorAction Stop } catch { "
     "$PSCmdlet.ThrowTerminatingError($_) } }; try { Get-Other } catch { $_.FullyQualifiedErrorId }",
     ["PathNotFound,Get-Other"]),
    ("function Write-It { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::"
     "new([System.Exception]::new('we'), 'WId', 'NotSpecified', $null)) }; Write-It -ErrorVariable ev 2>$null; "
     "$ev[0].FullyQualifiedErrorId", ["WId,Write-It"]),
]


@pytest.mark.parametrize(("src", "expected"), QUALIFIED)
def test_pscmdlet_errors_name_the_function(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_uncaught_throw_terminating_error_points_at_the_call(rs: Runspace) -> None:
    rs.run("function Get-Thing { [CmdletBinding()] param()\n $PSCmdlet.ThrowTerminatingError("
           "[System.Management.Automation.ErrorRecord]::new([System.Exception]::new('tm'), 'MyId', 'NotSpecified', "
           "$null)) }\nGet-Thing")
    record = rs.host.errors[0]  # type: ignore[attr-defined]
    assert (record.message, record.FullyQualifiedErrorId, record.error.span.line_text()) == (
        "tm", "MyId,Get-Thing", "Get-Thing")


def test_provider_intrinsics(rs: Runspace, tmp_path: object) -> None:
    # ProviderIntrinsics.Tests.ps1, and the Item calls modules use on function: paths
    from pathlib import Path

    root = Path(str(tmp_path))
    (root / "TestDir").mkdir()
    rs.set_variable("root", str(root))
    assert rs.run(
        "$ExecutionContext.InvokeProvider.ChildItem.HasChild($root); "
        "$ExecutionContext.InvokeProvider.ChildItem.HasChild(\"$root/TestDir\"); "
        "try { $ExecutionContext.InvokeProvider.ChildItem.HasChild(\"$root/ThisDirectoryDoesNotExist\"); 'no error' } "
        "catch { $_.FullyQualifiedErrorId }; "
        "$ExecutionContext.InvokeProvider.Item.Exists(\"$root/TestDir\"); "
        "$ExecutionContext.InvokeProvider.Item.IsContainer(\"$root/TestDir\"); "
        "$ExecutionContext.InvokeProvider.Item.Exists(\"$root/nope\"); "
        "($ExecutionContext.InvokeProvider.ChildItem.Get($root, $false)).Name; "
        "function zz {}; $ExecutionContext.InvokeProvider.Item.Exists('Function:\\zz', $true, $true); "
        "$ExecutionContext.InvokeProvider.Item.Remove('Function:\\zz', $false, $true); "
        "$null -eq (Get-Command zz -ErrorAction Ignore)") == [
        True, False, "ItemNotFoundException", True, True, False, "TestDir", True, True]
    assert _errors(rs) == []
