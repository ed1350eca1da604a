"""Write-Information under the default SilentlyContinue: not shown, but still in the job's Information stream
(pwsh adds every record that is not Ignore'd), so `Receive-Job 6>&1` and `$job.ChildJobs[0].Information` see it."""

from __future__ import annotations

from pyshell.engine.host import CollectingHost
from pyshell.script import new_runspace


def _rs():
    return new_runspace(CollectingHost())


def test_a_process_job_keeps_silent_information_records():
    rs = _rs()
    out = rs.run("$k = Start-Job { Write-Information k1 -InformationAction Ignore; Write-Information k2; 'o' }; "
                 "$k | Wait-Job | Out-Null; $k.ChildJobs[0].Information | ForEach-Object MessageData; "
                 "Receive-Job $k 6>&1 | ForEach-Object { \"$_\" }")
    assert out == ["k2", "k2", "o"]
    assert rs.host.information == []  # not shown: the receiver's preference is SilentlyContinue


def test_receive_job_shows_them_under_continue():
    rs = _rs()
    rs.run("$InformationPreference = 'Continue'; Start-Job { Write-Information shown } | Receive-Job -Wait "
           "-AutoRemoveJob")
    assert [r.MessageData for r in rs.host.information] == ["shown"]


def test_a_thread_job_keeps_them_too():
    rs = _rs()
    assert rs.run("$j = Start-ThreadJob { Write-Information t1 }; $j | Wait-Job | Out-Null; "
                  "$j.Information | ForEach-Object MessageData") == ["t1"]


def test_silent_information_outside_jobs_is_still_not_shown():
    rs = _rs()
    assert rs.run("Write-Information quiet; 'after'") == ["after"]
    assert rs.host.information == []
