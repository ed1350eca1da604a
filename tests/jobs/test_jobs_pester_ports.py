"""Cases ported from PowerShell's Pester tests (Jobs.Tests.ps1, Job.Tests.ps1, Foreach-Object-Parallel.Tests.ps1)."""

from __future__ import annotations

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.script import new_runspace


def _run(script: str) -> list:
    rs = new_runspace(CollectingHost())
    try:
        return rs.run(script)
    finally:
        shutdown = getattr(rs, "shutdown", None)
        if shutdown is not None:
            shutdown()


@pytest.mark.parametrize("path", ["", " "])
def test_start_job_empty_working_directory_is_validation_error(path):
    out = _run(f"try {{ Start-Job -ScriptBlock {{ 1 + 1 }} -WorkingDirectory '{path}'; 'nothrow' }} "
               "catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartJobCommand"]


def test_start_job_run_as_32_not_supported():
    out = _run("try { Start-Job -ScriptBlock {} -RunAs32 } catch { $_.FullyQualifiedErrorId }")
    assert out == ["RunAs32NotSupported,Microsoft.PowerShell.Commands.StartJobCommand"]


def test_child_job_verbose_and_progress_read_all():
    out = _run("$job = Start-Job -ScriptBlock { Write-Verbose -Verbose 'MyVerbose'; "
               "Write-Progress -Activity 1 -Status 2 } | Wait-Job; "
               "$v = $job.ChildJobs[0].verbose.readall(); \"$v\"; "
               "$p = $job.ChildJobs[0].progress.readall(); $p[0].Activity; $p[0].StatusDescription; "
               "$job.ChildJobs[0].Verbose.Count")
    assert [str(x) for x in out] == ["MyVerbose", "1", "2", "0"]


def test_receive_job_wait_no_recurse_returns():
    out = _run("$job = Start-Job -ScriptBlock { 1 + 1 }; $r = Receive-Job -Wait -NoRecurse -Job $job; "
               "$r -eq $null")
    assert out == [True]


def test_background_operator_copies_braced_variables():
    out = _run('$n1 = "Bob"; $n2 = "Mary"; ${n 3} = "Bill"; '
               '$j = Write-Output "Hi $n1! Hi ${n2}! Hi ${n 3}!" &; Receive-Job $j -Wait')
    assert out == ["Hi Bob! Hi Mary! Hi Bill!"]


def test_parallel_terminating_error_is_pstask_exception():
    out = _run("$r = 1..1 | ForEach-Object -Parallel { throw 'Terminating Error!'; 'Hello' } 2>&1; "
               "$r.Count; $r.ToString(); $r.FullyQualifiedErrorId")
    assert out == [1, "Terminating Error!", "PSTaskException"]


def test_parallel_using_script_block_is_error():
    out = _run("$sb = { 'Hello!' }; try { 1..1 | ForEach-Object -Parallel { $using:sb } } "
               "catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParallelUsingVariableCannotBeScriptBlock,Microsoft.PowerShell.Commands.ForEachObjectCommand"]


def test_parallel_piped_script_block_is_error():
    out = _run("$sb = { 'Hello!' }; $e = $sb | ForEach-Object -Parallel { 'Hello' } 2>&1; $e.FullyQualifiedErrorId")
    assert out == ["ParallelPipedInputObjectCannotBeScriptBlock,Microsoft.PowerShell.Commands.ForEachObjectCommand"]


def test_parallel_timeout_with_as_job_is_error():
    out = _run("try { 1..1 | ForEach-Object -AsJob -Parallel { 'Hello' } -TimeoutSeconds 60 } "
               "catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParallelCannotUseTimeoutWithJob,Microsoft.PowerShell.Commands.ForEachObjectCommand"]


def test_parallel_timeout_stops_running_and_drops_queued():
    out = _run("$r = 1..2 | ForEach-Object -Parallel { \"Output $_\"; Start-Sleep -Seconds 60 } "
               "-TimeoutSeconds 1 -ThrottleLimit 1 2>&1; $r.Count; $r[0]; $r[1].FullyQualifiedErrorId; "
               "$r[1].Exception -is [System.Management.Automation.PipelineStoppedException]")
    assert out == [2, "Output 1", "PSTaskException", True]


def test_thread_job_stop_job_api_is_synchronous():
    out = _run("$job = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 } -ThrottleLimit 5; "
               "Start-Sleep -Milliseconds 300; $job.StopJob($true, 'No Reason'); [string]$job.JobStateInfo.State")
    assert out == ["Stopped"]


def test_thread_job_stop_job_async_api():
    out = _run("$job = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 } -ThrottleLimit 5; "
               "Start-Sleep -Milliseconds 300; $job.StopJobAsync($true, 'No Reason'); $null = Wait-Job $job; "
               "[string]$job.JobStateInfo.State")
    assert out == ["Stopped"]


def test_thread_job_start_job_async_starts_queued_job():
    out = _run("Get-Job | Remove-Job -Force; "
               "$a = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 } -ThrottleLimit 1; "
               "$b = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 }; "
               "[string]$b.JobStateInfo.State; $b.StartJobAsync(); $i = 0; "
               "while ($b.State -eq 'NotStarted' -and $i++ -lt 50) { Start-Sleep -Milliseconds 100 }; "
               "[string]$b.JobStateInfo.State; Get-Job | Remove-Job -Force")
    assert out == ["NotStarted", "Running"]


def test_get_job_filter_returns_nothing_for_thread_jobs():
    out = _run("$job = Start-ThreadJob -ScriptBlock { 'Hello' } | Wait-Job; "
               "$r = Get-Job -Filter @{Id = ($job.Id)} 3> $null; $null -eq $r")
    assert out == [True]


def test_thread_job_streaming_host_shows_records_as_they_happen():
    host = CollectingHost()
    rs = new_runspace(host)
    try:
        out = rs.run("$j = Start-ThreadJob -ScriptBlock { Write-Warning 'WarningOut'; 'out' } -StreamingHost $Host; "
                     "$null = Wait-Job $j; $j.Warning.Count; Receive-Job $j 3>$null")
    finally:
        rs.shutdown()
    assert out == [1, "out"]
    assert [getattr(w, "Message", w) for w in host.warnings] == ["WarningOut"]
