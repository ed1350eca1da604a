"""Process and thread jobs end to end: large outputs, streams, stopping, waiting, removal, errors, workers."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.script import new_runspace


@pytest.fixture
def rs():
    runspace = new_runspace(CollectingHost())
    yield runspace
    runspace.shutdown()


def _alive(pid: int) -> bool:
    """True while /proc shows the process and it is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _until(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_hundred_thousand_objects_arrive_complete_and_in_order(rs):
    assert rs.run("Start-Job { 1..100000 } | Receive-Job -Wait") == list(range(1, 100001))


def test_every_stream_lands_in_its_collection_and_receive_reemits_it(rs):
    out = rs.run("""
        $j = Start-Job {
            Write-Warning w1; $VerbosePreference = 'Continue'; Write-Verbose v1; Write-Debug d1 -Debug
            Write-Information i1 -InformationAction Continue; Write-Progress -Activity act -Status st; 'o'
        }
        Wait-Job $j | Out-Null
        $c = $j.ChildJobs[0]
        $c.Warning[0].Message; $c.Verbose[0].Message; $c.Debug[0].Message; $c.Information[0].MessageData
        $c.Progress[0].Activity
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
        Receive-Job $j
    """)
    assert out == ["w1", "v1", "d1", "i1", "act", "o"]
    host = rs.host
    assert [r.Message for r in host.warnings] == ["w1"]
    assert [r.Message for r in host.verbose] == ["v1"]
    assert [r.Message for r in host.debug] == ["d1"]
    assert [r.MessageData for r in host.information] == ["i1"]
    assert [r.Activity for r in host.progress] == ["act"]


def test_receive_keeps_the_order_of_streams_and_output(rs):
    out = rs.run("$j = Start-Job { 1; Write-Warning w; 2 }; Receive-Job $j -Wait -WarningVariable wv; $wv.Count")
    assert out == [1, 2, 1]


def test_stop_job_ends_a_job_stuck_in_a_native_command(rs, tmp_path):
    pidfile = tmp_path / "sleep.pid"
    rs.run(f"$j = Start-Job {{ sh -c 'echo $$ > {pidfile}; exec sleep 60' }}")
    assert _until(lambda: pidfile.exists() and pidfile.read_text().strip())
    sleeper = int(pidfile.read_text())
    assert _alive(sleeper)
    started = time.monotonic()
    assert rs.run("Stop-Job $j; $j.State; $j.ChildJobs[0].State") == ["Stopped", "Stopped"]
    assert time.monotonic() - started < 3
    assert _until(lambda: not _alive(sleeper), 5)


def test_concurrent_jobs_each_keep_their_own_results(rs):
    out = rs.run("$js = 1..4 | % { Start-Job { param($n) Start-Sleep -Milliseconds 200; $n * 10 } -ArgumentList $_ }; "
                 "$js | Wait-Job | Out-Null; $js | % { $_.State }; $js | % { Receive-Job $_ }")
    assert out == ["Completed"] * 4 + [10, 20, 30, 40]


def test_wait_job_any_returns_the_first_job_to_finish(rs):
    out = rs.run("$slow = Start-Job { Start-Sleep 20 }; $fast = Start-Job { 1 }; "
                 "$w = Wait-Job $slow, $fast -Any; $w.Id -eq $fast.Id; $slow.State")
    assert out == [True, "Running"]


def test_wait_job_timeout_returns_nothing_and_the_job_keeps_running(rs):
    rs.run("$j = Start-Job { Start-Sleep 20 }")
    started = time.monotonic()
    assert rs.run("Wait-Job $j -Timeout 1") == []
    assert 0.9 <= time.monotonic() - started < 3
    assert rs.run("$j.State") == ["Running"]
    assert rs.host.errors == []


def test_remove_job_force_stops_and_removes_a_running_job(rs):
    out = rs.run("$j = Start-Job { Start-Sleep 20 }; Remove-Job $j -Force; $j.State; @(Get-Job).Count")
    assert out == ["Stopped", 0]


@pytest.mark.parametrize(("script", "error_id", "message"), [
    ("Get-Job -Id 99", "JobWithSpecifiedSessionNotFound,Microsoft.PowerShell.Commands.GetJobCommand",
     "The command cannot find a job with the job ID 99. Verify the value of the Id parameter and then try the "
     "command again."),
    ("Receive-Job -Id 99", "JobWithSpecifiedSessionNotFound,Microsoft.PowerShell.Commands.ReceiveJobCommand",
     "The command cannot find a job with the job ID 99. Verify the value of the Id parameter and then try the "
     "command again."),
    ("Stop-Job -Name nosuch", "JobWithSpecifiedNameNotFound,Microsoft.PowerShell.Commands.StopJobCommand",
     "The command cannot find the job because the job name nosuch was not found. Verify the value of the Name "
     "parameter, and then try the command again."),
    ("Wait-Job -InstanceId 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
     "JobWithSpecifiedInstanceIdNotFound,Microsoft.PowerShell.Commands.WaitJobCommand",
     "The command cannot find a job with the instance identifier 3f2504e0-4f89-11d3-9a0c-0305e82c3301. Verify the "
     "value of the InstanceId parameter, and then try the command again."),
])
def test_not_found_errors_match_powershell(rs, script, error_id, message):
    rs.run(script)
    (err,) = rs.host.errors
    assert err.FullyQualifiedErrorId == error_id
    assert err.CategoryInfo.Category == "ObjectNotFound"
    assert err.message == message


def test_wildcard_name_matching_nothing_is_silent(rs):
    rs.run("Get-Job -Name 'nothing*'; Remove-Job -Name 'no*'")
    assert rs.host.errors == []


def test_remove_running_job_errors_name_the_parameter_used(rs):
    # RemoveJob.cs: an ArgumentException whose parameter is SessionId, Name, InstanceId or Job; a running
    # child job found by id fails the same check before the "child job" one is reached
    rs.run("$j = Start-Job { Start-Sleep 20 } -Name sleeper; Remove-Job -Id $j.Id; Remove-Job -Name sleeper; "
           "$j | Remove-Job; Remove-Job -InstanceId $j.InstanceId; Remove-Job -Id $j.ChildJobs[0].Id")
    jid, iid, cid = rs.run("$j.Id; $j.InstanceId; $j.ChildJobs[0].Id")
    tail = "because the job is not finished. To remove the job, first stop the job, or use the Force parameter."
    assert [e.message for e in rs.host.errors] == [
        f"The command cannot remove the job with the job ID {jid} {tail} (Parameter 'SessionId')",
        f"The command cannot remove the job with the job ID {jid} and the name sleeper {tail} (Parameter 'Name')",
        f"The command cannot remove the job with the job ID {jid} {tail} (Parameter 'Job')",
        f"The command cannot remove the job with the job ID {jid} and the instance identifier {iid} because the job "
        "is not finished. To remove the job, first stop the job or use the Force parameter. (Parameter 'InstanceId')",
        f"The command cannot remove the job with the job ID {cid} {tail} (Parameter 'SessionId')",
    ]
    assert {e.FullyQualifiedErrorId for e in rs.host.errors} == {
        "JobObjectNotFinishedCannotBeRemoved,Microsoft.PowerShell.Commands.RemoveJobCommand"}
    assert {e.CategoryInfo.Category for e in rs.host.errors} == {"InvalidOperation"}
    assert rs.run("@(Get-Job).Count") == [1]


def test_remove_job_of_a_child_job_is_refused(rs):
    rs.run("$j = Start-Job { 1 }; Wait-Job $j | Out-Null; Remove-Job -Id $j.ChildJobs[0].Id; "
           "Remove-Job -Name $j.ChildJobs[0].Name")
    cname = rs.run("$j.ChildJobs[0].Name")[0]
    assert [(e.FullyQualifiedErrorId.split(",")[0], e.message) for e in rs.host.errors] == [
        ("CannotRemoveJob", "The command cannot remove the job because it does not exist or because it is a child "
                            "job. Child jobs can be removed only by removing the parent job."),
        # -Name looks among top-level jobs only (RemoveJob.cs FindJobsMatchingByName(recurse: false))
        ("JobWithSpecifiedNameNotFound", f"The command cannot find the job because the job name {cname} was not "
                                         "found. Verify the value of the Name parameter, and then try the command "
                                         "again."),
    ]
    assert rs.run("@(Get-Job).Count") == [1]


def test_worker_killed_with_sigkill_fails_the_job_with_a_reason(rs):
    rs.run("$j = Start-Job { $PID; Start-Sleep 60 }")
    assert _until(lambda: rs.run("$j.ChildJobs[0].Output.Count")[0] == 1)
    worker = rs.run("$j.ChildJobs[0].Output[0]")[0]
    os.kill(worker, signal.SIGKILL)
    out = rs.run("Wait-Job $j -Timeout 10 | Out-Null; $j.State; $j.ChildJobs[0].JobStateInfo.Reason.Message")
    assert out[0] == "Failed"
    assert f"worker process (PID {worker}) ended unexpectedly" in out[1]
    assert "killed by signal SIGKILL" in out[1]


def test_a_throw_is_reported_once_by_receive_job(rs):
    out = rs.run("$j = Start-Job { 1; throw 'boom' }; Receive-Job $j -Wait; $j.State; "
                 "$null -eq $j.JobStateInfo.Reason; $j.ChildJobs[0].JobStateInfo.Reason.Message; "
                 "$j.ChildJobs[0].Error.Count")
    assert out == [1, "Failed", True, "boom", 0]
    assert [e.message for e in rs.host.errors] == ["boom"]


def test_a_thread_job_throw_is_reported_once(rs):
    out = rs.run("$t = Start-ThreadJob { throw 'tboom' }; Receive-Job $t -Wait; $t.State; $t.Error.Count")
    assert out == ["Failed", 0]
    assert [e.message for e in rs.host.errors] == ["tboom"]


def test_foreach_parallel_turns_a_throw_into_one_error(rs):
    assert rs.run("1 | ForEach-Object -Parallel { throw 'pboom' }") == []
    assert [e.message for e in rs.host.errors] == ["pboom"]


def test_receive_wait_auto_remove_job(rs):
    out = rs.run("$j = Start-Job { 'x' }; Receive-Job $j -Wait -AutoRemoveJob; @(Get-Job).Count")
    assert out == ["x", 0]


def test_receive_location_and_computer_name_filter_child_jobs(rs):
    out = rs.run("$j = Start-Job { 'x' }; Wait-Job $j | Out-Null; Receive-Job $j -Location elsewhere -Keep; "
                 "Receive-Job $j -ComputerName LOCALHOST -Keep; Receive-Job $j localhost")
    assert out == ["x", "x"]


def test_receive_write_events_writes_job_state_event_args(rs):
    out = rs.run("$j = Start-Job { 'x' }; $r = Receive-Job $j -Wait -WriteEvents; $r[0]; "
                 "\"$($r[1].GetType())\"; $r[2].JobStateInfo.State; $r[2].EventObject; $r.Count")
    assert out == ["x", "System.Management.Automation.JobStateEventArgs", "Completed", True, 3]


def test_background_operator_makes_a_background_job(rs):
    out = rs.run("$v = 'hi'; $j = Write-Output $v &; $j.PSJobTypeName; $j.Location; $j.Command; "
                 "$j.ChildJobs[0].Id - $j.Id; Receive-Job $j -Wait")
    assert out == ["BackgroundJob", "localhost", "Write-Output ${using:v}", 1, "hi"]


def test_spare_worker_is_ready_and_dies_with_shutdown():
    runspace = new_runspace(CollectingHost())
    assert runspace.jobs.spare_worker is None  # started lazily, by the first Start-Job
    runspace.run("Start-Job { 1 } | Receive-Job -Wait")
    spare = runspace.jobs.spare_worker
    assert spare is not None
    assert spare.channel.recv()["kind"] == "hello"  # sent once the runspace is built
    runspace.shutdown()
    assert _until(lambda: not _alive(spare.pid), 5)
    assert runspace.jobs.spare_worker is None


def test_spare_worker_exits_when_its_stdin_closes(rs):
    rs.run("Start-Job { 1 } | Receive-Job -Wait")
    spare = rs.jobs.take_spare()
    spare.proc.stdin.close()
    assert spare.proc.wait(timeout=10) is not None
    spare.kill()


def test_job_sees_the_callers_location_and_environment(rs, tmp_path):
    rs.run("Start-Job { 1 } | Receive-Job -Wait")  # leaves a spare started before the changes below
    out = rs.run(f"Set-Location '{tmp_path}'; $env:PYSHELL_JOB_TEST = 'e1'; "
                 "Start-Job { (Get-Location).Path; $env:PYSHELL_JOB_TEST } | Receive-Job -Wait")
    os.environ.pop("PYSHELL_JOB_TEST", None)
    assert out == [str(tmp_path), "e1"]
