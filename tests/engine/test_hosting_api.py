"""The PowerShell hosting API as Pester tests use it: [powershell]::Create(), runspaces, streams, async calls.

Expected values are PowerShell 7's (ported from test/powershell/engine/Api/*.Tests.ps1 and the API docs);
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
    # output, and each stream in its own collection
    ("$ps = [powershell]::Create(); $r = $ps.AddScript('Write-Error \"e\"; 1; Write-Warning w').Invoke(); $r; "
     "$r.GetType().Name; $ps.Streams.Error.Count; $ps.Streams.Error[0].FullyQualifiedErrorId; "
     "$ps.Streams.Warning[0].Message; $ps.HadErrors; $ps.InvocationStateInfo.State",
     [1, "Collection`1", 1, "Microsoft.PowerShell.Commands.WriteErrorException", "w", True, "Completed"]),
    ("$ps = [powershell]::Create(); $ps.InvocationStateInfo.State; $ps.HadErrors; $ps.Streams.Error.Count",
     ["NotStarted", False, 0]),
    # commands, parameters, arguments and statements
    ("$ps = [powershell]::Create(); $ps.AddCommand('Get-Date').AddParameter('Format', 'yyyy').Invoke()[0] -match '^\\d{4}$'",
     [True]),
    ("$ps = [powershell]::Create(); "
     "$ps.AddCommand('Write-Output').AddArgument(5).AddStatement().AddCommand('Write-Output').AddArgument(6).Invoke()",
     [5, 6]),
    ("[powershell]::Create().AddScript('param($a) $a * 2').AddArgument(21).Invoke()", [42]),
    ("[powershell]::Create().AddScript('param($a, $b) \"$a-$b\"').AddParameter('b', 2).AddParameter('a', 1).Invoke()",
     ["1-2"]),
    ("[powershell]::Create().AddScript('param($a, $b) \"$a-$b\"').AddParameters(@(1, 2)).Invoke()", ["1-2"]),
    ("[powershell]::Create().AddCommand('Write-Output').AddParameters(@{InputObject = 's'}).Invoke()", ["s"]),
    ("[powershell]::Create().AddScript('param([switch]$On) [bool]$On').AddParameter('On').Invoke()", [True]),
    ("[powershell]::Create().AddScript('1..3').AddCommand('Measure-Object').Invoke()[0].Count", [3]),
    # input goes to the first command
    ("[powershell]::Create().AddScript('$input | % { $_ + 1 }').Invoke(@(1, 2))", [2, 3]),
    ("[powershell]::Create().AddScript('$input | % { $_ * 10 }').Invoke(5)", [50]),
    # a script runs in the runspace's global scope unless useLocalScope
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('$zz = 5').Invoke(); $ps.Commands.Clear(); "
     "$ps.AddScript('$zz').Invoke(); $ps.Commands.Clear(); $null = $ps.AddScript('$yy = 1', $true).Invoke(); "
     "$ps.Commands.Clear(); $ps.AddScript('$null -eq $yy').Invoke()", [5, True]),
    # a new runspace per instance: the caller's variables are not there
    ("$mine = 1; [powershell]::Create().AddScript('$null -eq $mine').Invoke()", [True]),
    ("$mine = 'outer'; [powershell]::Create([System.Management.Automation.RunspaceMode]::CurrentRunspace)."
     "AddScript('$mine').Invoke()", ["outer"]),
    ("$mine = 'outer'; [powershell]::Create('CurrentRunspace').AddScript('$mine').Invoke()", ["outer"]),
    # statement-terminating errors are written to the error stream and the script goes on
    ("$ps = [powershell]::Create(); $ps.AddScript('1/0; \"next\"').Invoke(); $ps.HadErrors; "
     "$ps.Streams.Error[0].Exception.Message", ["next", True, "Attempted to divide by zero."]),
    # other streams
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('Write-Verbose v -Verbose; Write-Information i; "
     "Write-Host h; Write-Debug d -Debug').Invoke(); $ps.Streams.Verbose[0].Message; $ps.Streams.Information.Count; "
     "$ps.Streams.Information[1].MessageData; $ps.Streams.Debug[0].Message; $ps.Streams.ClearStreams(); "
     "$ps.Streams.Information.Count", ["v", 2, "h", "d", 0]),
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('Write-Error a; Write-Error b').Invoke(); "
     "$all = $ps.Streams.Error.ReadAll(); $all.Count; $ps.Streams.Error.Count", [2, 0]),
    # the command list
    ("$ps = [powershell]::Create(); $null = $ps.AddCommand('Get-Date').AddStatement().AddScript('1'); "
     "$ps.Commands.Commands.Count; $ps.Commands.Commands[0].CommandText; $ps.Commands.Commands[1].IsScript; "
     "$ps.Commands.Clear(); $ps.Commands.Commands.Count", [2, "Get-Date", True, 0]),
    # async: BeginInvoke/EndInvoke, Stop
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('Start-Sleep -Milliseconds 200; \"done\"'); "
     "$h = $ps.BeginInvoke(); $h.AsyncWaitHandle.WaitOne() ; $ps.EndInvoke($h); $h.IsCompleted; "
     "$ps.InvocationStateInfo.State", [True, "done", True, "Completed"]),
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('Start-Sleep 10; \"never\"'); $h = $ps.BeginInvoke(); "
     "Start-Sleep -Milliseconds 200; $ps.Stop(); $ps.InvocationStateInfo.State; "
     "try { $ps.EndInvoke($h) } catch { $_.Exception.Message; $_.Exception.InnerException.GetType().Name }",
     ["Stopped", 'Exception calling "EndInvoke" with "1" argument(s): "The pipeline has been stopped."',
      "PipelineStoppedException"]),
    ("$ps = [powershell]::Create(); $t = $ps.AddScript('1..3').InvokeAsync(); "
     "[System.Threading.Tasks.Task]::WaitAll(@($t)); $t.Status -eq [System.Threading.Tasks.TaskStatus]::RanToCompletion; "
     "$t.IsCompletedSuccessfully; $t.Result", [True, True, 1, 2, 3]),
    # runspaces
    ("$rs = [runspacefactory]::CreateRunspace(); $rs.RunspaceStateInfo.State; $rs.RunspaceAvailability; $rs.Open(); "
     "$rs.RunspaceStateInfo.State; $rs.RunspaceAvailability; $ps = [powershell]::Create(); $ps.Runspace = $rs; "
     "$rs.SessionStateProxy.SetVariable('x', 41); $ps.AddScript('$x + 1').Invoke(); "
     "$rs.SessionStateProxy.GetVariable('x'); $rs.Dispose(); $rs.RunspaceStateInfo.State",
     ["BeforeOpen", "None", "Opened", "Available", 42, 41, "Closed"]),
    ("$rs = [runspacefactory]::CreateRunspace(); $rs.Open(); [powershell]::Create($rs).AddScript('$q = 3').Invoke(); "
     "[powershell]::Create($rs).AddScript('$q').Invoke()", [3]),
    ("[runspace]::DefaultRunspace.Id -is [int]; [runspace]::DefaultRunspace.RunspaceStateInfo.State; "
     "[runspace]::DefaultRunspace.EngineIntrinsics -eq $ExecutionContext", [True, "Opened", True]),
    ("$id = [powershell]::Create().AddScript('[runspace]::DefaultRunspace.Id').Invoke()[0]; $id -gt 1", [True]),
    ("$p = [runspacefactory]::CreateRunspacePool(1, 2); $p.Open(); $ps = [powershell]::Create(); $ps.RunspacePool = $p; "
     "$ps.AddScript('7').Invoke(); $p.GetMaxRunspaces()", [7, 2]),
    ("$ps = [powershell]::Create(); $ps -is [powershell]; $ps.GetType().FullName; $ps.IsNested",
     [True, "System.Management.Automation.PowerShell", False]),
    # PSCommand.Tests.ps1
    ("$shell = [PowerShell]::Create(); $c = [System.Management.Automation.PSCommand]::new(); "
     "$null = $c.AddCommand('Write-Output').AddParameter('InputObject', 5); $shell.Commands = $c; $shell.Invoke(); "
     "$n = $c.Clone(); $n.Commands[0].CommandText; $n.Commands[0].Parameters[0].Name; $n.Commands[0].Parameters[0].Value",
     [5, "Write-Output", "InputObject", 5]),
    ("$shell = [PowerShell]::Create(); $c = [System.Management.Automation.PSCommand]::new(); "
     "$null = $c.AddCommand([System.Management.Automation.Runspaces.Command]::new('Get-Date')); $shell.Commands = $c; "
     "$shell.Invoke()[0] -is [datetime]", [True]),
    ("$c = [System.Management.Automation.Runspaces.Command]::new('Write-Output'); $c.Parameters.Add('InputObject', 7); "
     "$p = [powershell]::Create(); $null = $p.Commands.AddCommand($c); $p.Invoke(); $c.Parameters[0].Name", [7, "InputObject"]),
    # BasicEngine.Tests.ps1
    ("$rs = [runspacefactory]::CreateRunspace(); $ps = [powershell]::Create($rs); $ps.Runspace -eq $rs", [True]),
    ("$ExecutionContext.SessionState.InvokeCommand.InvokeScript('\"`$args:($args)\"', 1, 2, 3)", ["$args:(1 2 3)"]),
    ("$ps = [powershell]::Create(); $ps.AddScript(\"'Hello'; 'World'\") > $null; $a = $ps.BeginInvoke(); $ps.Stop(); "
     "$a = $ps.BeginInvoke(); $r = $ps.EndInvoke($a); $r.Count; $r[0]; $i = $ps.BeginInvoke(); "
     "$s = $ps.BeginStop($null, $null); $ps.EndStop($s); $i = $ps.BeginInvoke(); ($ps.EndInvoke($i)) -join ','",
     [2, "Hello", "Hello,World"]),
    # the usual runspace-pool fan-out, and state shared through a synchronized hashtable
    ("$pool = [runspacefactory]::CreateRunspacePool(1, 4); $pool.Open(); $hs = foreach ($i in 1..4) { "
     "$ps = [powershell]::Create(); $ps.RunspacePool = $pool; "
     "$null = $ps.AddScript({ param($s) $s * $s }).AddArgument($i); [pscustomobject]@{ Ps = $ps; H = $ps.BeginInvoke() } }; "
     "($hs | ForEach-Object { $_.Ps.EndInvoke($_.H) }) -join ','", ["1,4,9,16"]),
    ("$rs = [runspacefactory]::CreateRunspace(); $rs.ApartmentState = 'STA'; $rs.Open(); "
     "$sync = [hashtable]::Synchronized(@{}); $rs.SessionStateProxy.SetVariable('syncHash', $sync); "
     "$p = [powershell]::Create().AddScript({ $syncHash.Value = 'set inside' }); $p.Runspace = $rs; "
     "$null = $p.Invoke(); $sync.Value", ["set inside"]),
    ("function H { param([powershell]$PowerShell) $PowerShell.GetType().Name }; H -PowerShell ([powershell]::Create()); "
     "$null -eq [runspace]$null", ["PowerShell", True]),
    # an InitialSessionState's variables and functions are there when the runspace opens
    ("$iss = [initialsessionstate]::CreateDefault2(); $iss.Variables.Add("
     "[System.Management.Automation.Runspaces.SessionStateVariableEntry]::new('issvar', 42, $null)); "
     "$iss.Commands.Add([System.Management.Automation.Runspaces.SessionStateFunctionEntry]::new('Get-Iss', "
     "'param($n) \"iss $n\"')); $rs = [runspacefactory]::CreateRunspace($iss); $rs.Open(); "
     "[powershell]::Create($rs).AddScript('$issvar; Get-Iss 7').Invoke()", [42, "iss 7"]),
    # input and output collections given to BeginInvoke (PipelineStoppedToken.Tests.ps1 builds them this way)
    ("$in = [System.Management.Automation.PSDataCollection[object]]::new(); 1..3 | % { $in.Add($_) }; $in.Complete(); "
     "$out = [System.Management.Automation.PSDataCollection[psobject]]::new(); $ps = [powershell]::Create(); "
     "$null = $ps.AddScript('$input | % { $_ * 10 }'); $h = $ps.BeginInvoke($in, $out); "
     "$r = $ps.EndInvoke($h); $r.Count; $out -join ','; $in.IsOpen",
     [3, "10,20,30", False]),
    ("$d = New-Object -TypeName 'System.Management.Automation.PSDataCollection[int]'; $d.Add(4); $d.Count; "
     "$d -is [System.Management.Automation.PSDataCollection[int]]", [1, True]),
    # a hosted runspace has its own job table
    ("$p = [powershell]::Create(); $p.AddScript('$j = Start-ThreadJob { 5 }; $j | Wait-Job | Receive-Job').Invoke(); "
     "$p.Streams.Error.Count; $p.Dispose(); $p.Runspace.RunspaceStateInfo.State", [5, 0, "Closed"]),
    # each BeginInvoke runs on a thread of its own
    ("$main = [System.Threading.Thread]::CurrentThread.ManagedThreadId; $p = [powershell]::Create(); "
     "$h = $p.AddScript('[System.Threading.Thread]::CurrentThread.ManagedThreadId').BeginInvoke(); "
     "$other = $p.EndInvoke($h)[0]; $other -ne $main; $other -is [int]", [True, True]),
    # a failed run: state, reason, HadErrors
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('throw \"bad\"'); try { $ps.Invoke() } catch {}; "
     "$ps.InvocationStateInfo.State; $ps.InvocationStateInfo.Reason.Message; $ps.HadErrors; $ps.Streams.Error.Count",
     ["Failed", "bad", True, 0]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_hosting_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


CAUGHT = [
    # a terminating error of the hosted script: MethodInvocationException around the RuntimeException
    ("try { [powershell]::Create().AddScript('throw \"boom\"').Invoke() } catch { $_.Exception.GetType().Name; "
     "$_.Exception.Message; $_.Exception.InnerException.Message; $_.FullyQualifiedErrorId; "
     "$_.Exception.InnerException.GetType().FullName; $_.CategoryInfo.Reason }",
     ["MethodInvocationException", 'Exception calling "Invoke" with "0" argument(s): "boom"', "boom",
      "RuntimeException", "System.Management.Automation.RuntimeException", "MethodInvocationException"]),
    ("try { [powershell]::Create().Invoke() } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }",
     ['Exception calling "Invoke" with "0" argument(s): "No commands are specified."',
      "InvalidPowerShellStateException"]),
    ("try { [powershell]::Create().AddParameter('a', 1) } catch { $_.Exception.Message }",
     ['Exception calling "AddParameter" with "2" argument(s): "A command is required to add a parameter. A command '
      'must be added to the PowerShell instance before adding a parameter."']),
    ("try { [powershell]::Create().AddCommand('Get-Date').AddParameter('Foo', 1).Invoke() } catch { "
     "$_.Exception.Message; $_.FullyQualifiedErrorId }",
     ['Exception calling "Invoke" with "0" argument(s): "A parameter cannot be found that matches parameter name '
      "'Foo'.\"", "ParameterBindingException"]),
    ("$ps = [powershell]::Create(); $ps.Dispose(); try { $ps.AddScript('1').Invoke() } catch { $_.Exception.Message }",
     ['Exception calling "Invoke" with "0" argument(s): "Cannot access a disposed object.\n'
      "Object name: 'System.Management.Automation.PowerShell'.\""]),
    ("$rs = [runspacefactory]::CreateRunspace(); $ps = [powershell]::Create($rs); "
     "try { $ps.AddScript('1').Invoke() } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; "
     "$_.Exception.InnerException.CurrentState }",
     ['Exception calling "Invoke" with "0" argument(s): "Cannot perform operation because the runspace is not in the '
      "'Opened' state. Current state of runspace is 'BeforeOpen'.\"", "InvalidRunspaceStateException", "BeforeOpen"]),
    ("$ps = [powershell]::Create('CurrentRunspace'); try { $ps.AddScript('1').BeginInvoke() } catch { "
     "$_.Exception.Message }",
     ['Exception calling "BeginInvoke" with "0" argument(s): "Nested PowerShell instances cannot be invoked '
      'asynchronously. Use the Invoke method."']),
    ("try { [powershell]::Create([runspace]$null) } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
     ["PSArgumentNullException", 'Exception calling "Create" with "1" argument(s): "Cannot process argument because '
      'the value of argument "runspace" is null. Change the value of argument "runspace" to a non-null value."']),
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('1'); try { $ps.EndInvoke($null) } catch { "
     "$_.Exception.InnerException.GetType().Name }", ["ArgumentException"]),
    # MultithreadedEngine.Tests.ps1: a failed task seen through {}.Invoke() keeps the AggregateException's id,
    # and the real error sits two InnerExceptions down
    ("$ps = [powershell]::Create(); $sb = { $r = $ps.AddScript('try { Get-Process -InvalidParameter 42 -ErrorAction "
     "Stop } catch { throw }').InvokeAsync(); [System.Threading.Tasks.Task]::WaitAll(@($r)) }; "
     "try { $sb.Invoke() } catch { $err = $_ }; $err.FullyQualifiedErrorId; $err.Exception.GetType().Name; "
     "$err.Exception.InnerException.GetType().Name; "
     "$err.Exception.InnerException.InnerException.ErrorRecord.FullyQualifiedErrorId",
     ["AggregateException", "MethodInvocationException", "AggregateException",
      "NamedParameterNotFound,Microsoft.PowerShell.Commands.GetProcessCommand"]),
    ("$ps = [powershell]::Create('CurrentRunspace'); try { { $t = $ps.AddScript('1').InvokeAsync(); "
     "[System.Threading.Tasks.Task]::WaitAll(@($t)) }.Invoke() } catch { $e = $_ }; $e.FullyQualifiedErrorId; "
     "$e.Exception.InnerException.InnerException.ErrorRecord.FullyQualifiedErrorId", ["AggregateException",
                                                                                       "InvalidOperation"]),
    ("$rs = [runspacefactory]::CreateRunspace(); $rs.Open(); try { $rs.Open() } catch { $_.Exception.Message; "
     "$_.Exception.InnerException.ExpectedState }",
     ['Exception calling "Open" with "0" argument(s): "Cannot open the runspace because the runspace is not in the '
      "BeforeOpen state. Current state of the runspace is 'Opened'.\"", "BeforeOpen"]),
    ("$rs = [runspacefactory]::CreateRunspace(); try { $rs.SessionStateProxy.SetVariable('a', 1) } catch { "
     "$_.Exception.Message }",
     ['Exception calling "SetVariable" with "2" argument(s): "Cannot perform the operation because the runspace is '
      "not in the Opened state. Current state of the runspace is 'BeforeOpen'.\""]),
    ("$ps = [powershell]::Create(); try { $ps.Runspace = 'text' } catch { $_.Exception.GetType().Name; "
     "$_.Exception.Message; $_.FullyQualifiedErrorId }",
     ["SetValueInvocationException", 'Exception setting "Runspace": "Cannot convert the "text" value of type '
      '"System.String" to type "System.Management.Automation.Runspaces.Runspace"."', "ExceptionWhenSetting"]),
    ("$ps = [powershell]::Create(); try { $ps.Commands = 5 } catch { $_.Exception.Message }",
     ['Exception setting "Commands": "Cannot convert the "5" value of type "System.Int32" to type '
      '"System.Management.Automation.PSCommand"."']),
    ("try { [powershell]::Create().AddCommand('') } catch { $_.FullyQualifiedErrorId }", ["PSArgumentNullException"]),
    ("try { [powershell]::Create().AddCommand('Write-Output').AddParameters(@{1 = 2}) } catch { $_.Exception.Message }",
     ['Exception calling "AddParameters" with "1" argument(s): "The keys in the dictionary must be strings."']),
    ("$pool = [runspacefactory]::CreateRunspacePool(1, 2); $ps = [powershell]::Create(); $ps.RunspacePool = $pool; "
     "try { $ps.AddScript('1').Invoke() } catch { $_.Exception.Message }",
     ['Exception calling "Invoke" with "0" argument(s): "The runspace pool specified is not in an opened state."']),
    ("try { [runspace]'text' } catch { $_.Exception.Message }",
     ['Cannot convert the "text" value of type "System.String" to type '
      '"System.Management.Automation.Runspaces.Runspace".']),
    ("$rs = [runspacefactory]::CreateRunspace(); $t = [powershell]::Create($rs).AddScript('1').InvokeAsync(); "
     "try { $t.Result } catch { $_.Exception.GetType().Name; $_.Exception.Message }",
     ["AggregateException", "One or more errors occurred. (Cannot perform operation because the runspace is not in "
      "the 'Opened' state. Current state of runspace is 'BeforeOpen'.)"]),
    # a task that could not start is faulted, it does not throw
    ("$rs = [runspacefactory]::CreateRunspace(); $t = [powershell]::Create($rs).AddScript('1').InvokeAsync(); "
     "$t.IsFaulted; $t.Exception -is [System.AggregateException]; "
     "$t.Exception.InnerException -is [System.Management.Automation.Runspaces.InvalidRunspaceStateException]; "
     "$t.Exception.InnerException.ExpectedState", [True, True, True, "Opened"]),
    ("$rs = [runspacefactory]::CreateRunspace(); $rs.Open(); $busy = [powershell]::Create($rs); "
     "$null = $busy.AddScript('Start-Sleep 5').BeginInvoke(); Start-Sleep -Milliseconds 200; $rs.RunspaceAvailability; "
     "$t = [powershell]::Create($rs).AddScript('1').InvokeAsync(); $t.Exception.InnerException.ErrorRecord."
     "FullyQualifiedErrorId; $s = $busy.StopAsync({}, $null); [System.Threading.Tasks.Task]::WaitAll(@($s)); "
     "$busy.InvocationStateInfo.State", ["Busy", "InvalidOperation", "Stopped"]),
]


@pytest.mark.parametrize(("src", "expected"), CAUGHT)
def test_hosting_errors_match_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


def test_uncaught_invoke_failure_is_statement_terminating(rs: Runspace) -> None:
    # a .NET method's exception stops the statement, not the script
    assert rs.run("[powershell]::Create().AddScript('throw \"boom\"').Invoke(); 'after'") == ["after"]
    assert _errors(rs) == ['Exception calling "Invoke" with "0" argument(s): "boom"']


def test_hosting_through_the_cli(tmp_path: object) -> None:
    """The installed entry point: a -File script drives a hosted runspace and prints what it collected."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(str(tmp_path)) / "host.ps1"
    script.write_text(
        "$ps = [powershell]::Create()\n"
        "$out = $ps.AddScript('Write-Warning careful; \"value\"').Invoke()\n"
        "\"$out|$($ps.Streams.Warning[0].Message)|$($ps.InvocationStateInfo.State)\"\n"
        "[powershell]::Create().AddScript('throw \"boom\"').Invoke()\n"
        "'still running'\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-File", str(script)],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == ["value|careful|Completed", "still running"]
    assert 'Exception calling "Invoke" with "0" argument(s): "boom"' in done.stderr
    assert "Traceback" not in done.stderr


# CommandErrorHandling.Tests.ps1: how a command's failure reaches the host that invoked it
_FUNCTIONS = (
    "function ThrowTerminatingError { [CmdletBinding()] param() "
    "$ex = [System.ArgumentException]::new('terminating-exception'); "
    "$er = [System.Management.Automation.ErrorRecord]::new($ex, 'ThrowTerminatingError:error', 'InvalidArgument', $null); "
    "$PSCmdlet.ThrowTerminatingError($er); Write-Verbose -Verbose 'verbose-message' }\n"
    "function ErrorActionStop { [CmdletBinding()] param() Get-Command NonExist -ErrorAction Stop; "
    "Write-Verbose -Verbose 'verbose-message' }\n"
    "function ThrowException { [CmdletBinding()] param() throw 'throw-exception'; Write-Verbose -Verbose 'verbose-message' }\n"
    "function WriteErrorAPI { [CmdletBinding()] param() $ex = [System.ArgumentException]::new('arg-exception'); "
    "$er = [System.Management.Automation.ErrorRecord]::new($ex, 'WriteErrorAPI:error', 'InvalidArgument', $null); "
    "$PSCmdlet.WriteError($er); Write-Verbose -Verbose 'verbose-message' }\n"
    "function MethodInvocationThrowException { [CmdletBinding()] param() $iss = [initialsessionstate]::Create(); "
    "$iss.ImportPSModule($null); Write-Verbose -Verbose 'verbose-message' }\n"
)

ERROR_HANDLING = [
    ("ThrowTerminatingError", "Continue",
     "$f.Exception.GetType().Name; $f.Exception.InnerException.GetType().Name; "
     "$f.Exception.InnerException.InnerException.GetType().Name; $f.Exception.InnerException.InnerException.Message; "
     "$f.FullyQualifiedErrorId; $pwsh.Streams.Verbose.Count",
     ["MethodInvocationException", "CmdletInvocationException", "ArgumentException", "terminating-exception",
      "CmdletInvocationException", 0]),
    ("ErrorActionStop", "SilentlyContinue",
     "$f.Exception.InnerException.GetType().Name; $f.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId; "
     "$pwsh.Streams.Verbose.Count",
     ["ActionPreferenceStopException", "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand", 0]),
    ("ThrowException", "Continue",
     "$f.Exception.InnerException.GetType().Name; $f.Exception.InnerException.Message; $pwsh.Streams.Verbose.Count",
     ["RuntimeException", "throw-exception", 0]),
    ("WriteErrorAPI", "Continue",
     "$null -eq $f; $pwsh.Streams.Error.Count; $pwsh.Streams.Error[0].Exception.Message; "
     "$pwsh.Streams.Error[0].FullyQualifiedErrorId; $pwsh.Streams.Verbose[0].Message",
     [True, 1, "arg-exception", "WriteErrorAPI:error,WriteErrorAPI", "verbose-message"]),
    ("MethodInvocationThrowException", "Continue",
     "$null -eq $f; $pwsh.Streams.Error.Count; $pwsh.Streams.Error[0].FullyQualifiedErrorId; "
     "$pwsh.Streams.Verbose.Count",
     [True, 1, "ArgumentNullException", 1]),
]


@pytest.mark.parametrize(("command", "action", "checks", "expected"), ERROR_HANDLING)
def test_command_error_handling(rs: Runspace, command: str, action: str, checks: str, expected: list[object]) -> None:
    rs.set_variable("defs", _FUNCTIONS)
    src = ("$pwsh = [PowerShell]::Create(); $null = $pwsh.AddScript($defs).Invoke(); $pwsh.Commands.Clear(); "
           f"$f = $null; try {{ $pwsh.AddCommand('{command}').AddParameter('ErrorAction', '{action}').Invoke() }} "
           f"catch {{ $f = $_ }}; {checks}")
    assert rs.run(src) == expected
    assert _errors(rs) == []
