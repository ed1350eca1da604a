"""Job cmdlets: waiting progress, the event log, nested jobs and every error path of the lookups."""

from __future__ import annotations

import pytest

from pyshell.engine.eventlog import EventLog
from pyshell.engine.host import CollectingHost
from pyshell.jobs.job import JobState
from pyshell.script import new_runspace

_GUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


@pytest.fixture
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PYSHELL_STATE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def rs(state_dir):
    runspace = new_runspace(CollectingHost())
    yield runspace
    runspace.shutdown()


def _waiting(host):
    return [(p.StatusDescription, p.PercentComplete, p.RecordType) for p in host.progress
            if p.Activity == "Waiting for jobs"]


# -- progress while waiting ------------------------------------------------------------------------

def test_wait_job_on_several_jobs_reports_progress_and_completes_it(rs):
    rs.run("$a = Start-ThreadJob { Start-Sleep -Milliseconds 300 }; $b = Start-ThreadJob { 1 }; "
           "Wait-Job $a, $b | Out-Null")
    records = _waiting(rs.host)
    assert len(records) >= 2
    assert records[-1] == ("2 of 2 finished", 100, "Completed")
    assert all(r[2] == "Processing" for r in records[:-1])
    assert {r[0] for r in records[:-1]} <= {"0 of 2 finished", "1 of 2 finished"}


def test_receive_job_wait_on_several_jobs_reports_progress(rs):
    out = rs.run("$js = @((Start-ThreadJob { Start-Sleep -Milliseconds 300; 'a' }), (Start-ThreadJob { 'b' })); "
                 "Receive-Job -Job $js -Wait")
    assert out == ["a", "b"]
    records = _waiting(rs.host)
    assert records[-1] == ("2 of 2 finished", 100, "Completed")
    assert len(records) >= 2


def test_waiting_for_one_job_writes_no_progress(rs):
    rs.run("$j = Start-ThreadJob { 1 }; Wait-Job $j | Out-Null; Receive-Job $j -Wait | Out-Null")
    assert _waiting(rs.host) == []


# -- the engine event log -------------------------------------------------------------------------

def _job_events(state_dir):
    entries = EventLog(str(state_dir / "eventlog")).read("Windows PowerShell")
    return [e for e in entries if 410 <= e.InstanceId <= 413]


def test_job_start_and_end_are_recorded_in_the_owners_event_log(rs, state_dir):
    rs.run("$ok = Start-ThreadJob { 1 } -Name okjob; $bad = Start-ThreadJob { throw 'went wrong' } -Name badjob; "
           "$p = Start-Job { Start-Sleep 20 } -Name procjob; Wait-Job $ok, $bad | Out-Null; Stop-Job $p; "
           "Wait-Job $p -Timeout 10 | Out-Null")
    events = _job_events(state_dir)
    by_job: dict[str, list[tuple[int, str]]] = {}
    for e in events:
        by_job.setdefault(e.ReplacementStrings[2], []).append((e.InstanceId, e.EntryType))
    assert by_job["okjob"] == [(410, "Information"), (411, "Information")]
    assert by_job["badjob"] == [(410, "Information"), (412, "Error")]
    assert by_job["procjob"] == [(410, "Information"), (413, "Information")]
    failed = next(e for e in events if e.InstanceId == 412)
    assert failed.Message.startswith("Job state is changed from Running to Failed.")
    assert "\tReason=went wrong" in failed.Message
    assert "\tJobName=badjob" in failed.Message and "\tJobTypeName=ThreadJob" in failed.Message
    assert failed.Source == "PowerShell" and failed.Category == "Engine Lifecycle"


def test_a_failed_process_job_records_its_childs_reason(rs, state_dir):
    rs.run("$j = Start-Job { throw 'proc boom' }; Wait-Job $j | Out-Null")
    (failed,) = [e for e in _job_events(state_dir) if e.InstanceId == 412]
    assert "\tReason=proc boom" in failed.Message
    assert "\tJobTypeName=BackgroundJob" in failed.Message


# -- nested jobs ----------------------------------------------------------------------------------

def test_start_job_inside_start_job(rs):
    out = rs.run("$job = Start-Job -ScriptBlock { Start-Job -ScriptBlock { 1 + 1 } | Wait-Job | Receive-Job }; "
                 "$job.State; $job.HasMoreData; $job | Wait-Job | Receive-Job")
    assert out == ["Running", True, 2]


def test_thread_job_inside_start_job_and_start_job_inside_thread_job(rs):
    out = rs.run("Start-Job { Start-ThreadJob { 'inner thread' } | Receive-Job -Wait } | Receive-Job -Wait; "
                 "Start-ThreadJob { Start-Job { 'inner process' } | Receive-Job -Wait } | Receive-Job -Wait")
    assert out == ["inner thread", "inner process"]


def test_a_job_worker_sees_only_its_own_jobs(rs):
    out = rs.run("Start-ThreadJob { 1 } | Wait-Job | Out-Null; "
                 "Start-Job { @(Get-Job).Count; Start-ThreadJob { 2 } | Out-Null; @(Get-Job).Count } "
                 "| Receive-Job -Wait")
    assert out == [0, 1]


# -- lookups that find nothing ---------------------------------------------------------------------

_NOT_FOUND = {
    "-Id 99": ("JobWithSpecifiedSessionNotFound", "The command cannot find a job with the job ID 99. Verify the "
               "value of the Id parameter and then try the command again."),
    "-Name nosuch": ("JobWithSpecifiedNameNotFound", "The command cannot find the job because the job name nosuch "
                     "was not found. Verify the value of the Name parameter, and then try the command again."),
    f"-InstanceId {_GUID}": ("JobWithSpecifiedInstanceIdNotFound", f"The command cannot find a job with the "
                             f"instance identifier {_GUID}. Verify the value of the InstanceId parameter, and then "
                             "try the command again."),
}


@pytest.mark.parametrize("cmdlet", ["Get-Job", "Stop-Job", "Remove-Job", "Wait-Job", "Receive-Job"])
@pytest.mark.parametrize("selector", list(_NOT_FOUND))
def test_every_job_cmdlet_reports_a_selector_that_finds_nothing(rs, cmdlet, selector):
    assert rs.run(f"{cmdlet} {selector}") == []
    (err,) = rs.host.errors
    error_id, message = _NOT_FOUND[selector]
    noun = cmdlet.replace("-", "")
    assert err.FullyQualifiedErrorId == f"{error_id},Microsoft.PowerShell.Commands.{noun}Command"
    assert err.CategoryInfo.Category == "ObjectNotFound"
    assert err.message == message
    assert rs.run("$?") == [False]


@pytest.mark.parametrize("cmdlet", ["Get-Job", "Stop-Job", "Remove-Job", "Wait-Job", "Receive-Job"])
def test_every_job_cmdlet_rejects_an_unknown_state(rs, cmdlet):
    rs.run(f"{cmdlet} -State Bogus")
    (err,) = rs.host.errors
    noun = cmdlet.replace("-", "")
    assert err.FullyQualifiedErrorId == f"CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.{noun}Command"
    assert err.CategoryInfo.Category == "InvalidArgument"
    assert err.message.startswith("Cannot bind parameter 'State'. Cannot convert value \"Bogus\" to type "
                                  "\"System.Management.Automation.JobState\". Error: \"Unable to match the "
                                  "identifier name Bogus to a valid enumerator name.")
    assert err.message.endswith("Stopping, AtBreakpoint\"")


@pytest.mark.parametrize("cmdlet", ["Stop-Job", "Remove-Job", "Wait-Job", "Receive-Job"])
def test_a_state_no_job_is_in_selects_nothing_silently(rs, cmdlet):
    assert rs.run(f"{cmdlet} -State Blocked") == []
    assert rs.host.errors == []


def test_a_removed_job_given_positionally_is_not_found_by_name(rs):
    rs.run("$j = Start-ThreadJob { 1 }; Wait-Job $j | Out-Null; Remove-Job $j; Get-Job $j")
    (err,) = rs.host.errors
    assert err.FullyQualifiedErrorId == "JobWithSpecifiedNameNotFound,Microsoft.PowerShell.Commands.GetJobCommand"
    assert "job name ThreadJob.ThreadJob was not found" in err.message


def test_a_state_selects_jobs_case_insensitively(rs):
    out = rs.run("$j = Start-ThreadJob { 1 }; Wait-Job $j | Out-Null; (Get-Job -State completed).Id -eq $j.Id; "
                 "Remove-Job -State COMPLETED; @(Get-Job).Count")
    assert out == [True, 0]


def test_remove_job_by_state_stops_running_jobs_without_force(rs):
    out = rs.run("$j = Start-ThreadJob { Start-Sleep 20 }; Start-Sleep -Milliseconds 100; Remove-Job -State Running; "
                 "$j.State; @(Get-Job).Count")
    assert out == ["Stopped", 0]
    assert rs.host.errors == []


def test_stop_job_by_each_selector(rs):
    out = rs.run("""
        $a = Start-ThreadJob { Start-Sleep 20 } -Name sa; $b = Start-ThreadJob { Start-Sleep 20 }
        $c = Start-ThreadJob { Start-Sleep 20 }
        Start-Sleep -Milliseconds 100
        Stop-Job -Name sa; Stop-Job -Id $b.Id; Stop-Job -InstanceId $c.InstanceId
        $a.State; $b.State; $c.State
    """)
    assert out == ["Stopped"] * 3


# -- Wait-Job's blocked and suspended jobs ----------------------------------------------------------

def test_wait_job_on_a_blocked_job_fails_instead_of_deadlocking(rs):
    job = rs.run("Start-ThreadJob { Start-Sleep 20 }")[0]
    job.set_state(JobState.Blocked)
    rs.run("Wait-Job -Id $args[0]".replace("$args[0]", str(job.Id)))
    (err,) = rs.host.errors
    assert err.FullyQualifiedErrorId == "BlockedJobsDeadlockWithWaitJob,Microsoft.PowerShell.Commands.WaitJobCommand"
    assert err.CategoryInfo.Category == "DeadlockDetected"
    assert err.message == ("The Wait-Job cmdlet cannot finish working, because one or more jobs are blocked waiting "
                           "for user interaction.  Process interactive job output by using the Receive-Job cmdlet, "
                           "and then try again.")


def test_wait_job_stopping_at_a_suspended_job_warns(rs):
    job = rs.run("Start-ThreadJob { Start-Sleep 20 }")[0]
    job.set_state(JobState.Suspended)
    assert rs.run(f"(Wait-Job -Id {job.Id}).Id") == [job.Id]
    assert [w.Message for w in rs.host.warnings] == [
        "One or more jobs are in a suspended or disconnected state, and cannot continue without additional user "
        "input.  Specify the -Force parameter to continue to a completed, failed, or stopped state."]


# -- Receive-Job's switches ------------------------------------------------------------------------

@pytest.mark.parametrize(("switches", "message"), [
    ("-Wait -Keep", "The Wait and Keep parameters cannot be used together in the same command."),
    ("-Keep -AutoRemoveJob", "The -AutoRemoveJob parameter cannot be used without the -Wait parameter"),
    ("-WriteJobInResults", "The -WriteJobInResults parameter cannot be used without the -Wait parameter"),
    ("-WriteEvents -Keep", "The WriteEvents parameter cannot be used without the Wait parameter."),
    ("-Force", "The -Force parameter cannot be used without the -Wait parameter."),
])
def test_receive_job_rejects_switches_that_need_wait_or_exclude_keep(rs, switches, message):
    out = rs.run(f"$j = Start-ThreadJob {{ 'kept' }}; Wait-Job $j | Out-Null; Receive-Job $j {switches}; "
                 "Receive-Job $j")
    assert out == ["kept"]  # nothing was read by the refused command
    (err,) = rs.host.errors
    assert err.message == message
    assert err.CategoryInfo.Category == "InvalidOperation"


def test_receive_job_keep_then_wait_reads_everything_once(rs):
    out = rs.run("$j = Start-ThreadJob { 1; 2 }; Wait-Job $j | Out-Null; Receive-Job $j -Keep; Receive-Job $j -Keep; "
                 "Receive-Job $j -Wait; Receive-Job $j -Wait; $j.HasMoreData")
    assert out == [1, 2, 1, 2, 1, 2, False]


def test_receive_job_wait_auto_remove_with_job_in_results(rs):
    out = rs.run("$r = Start-ThreadJob { 'x' } | Receive-Job -Wait -AutoRemoveJob -WriteJobInResults; "
                 "$r[0].State; $r[1]; @(Get-Job).Count")
    assert out == ["Completed", "x", 0]
