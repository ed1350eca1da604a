"""Invoke-Command -AsJob (RemoteJob in the local job table), the lab's System log, interactive output."""

from __future__ import annotations

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.remoting.interactive import route_line
from pyshell.script import new_runspace


@pytest.fixture
def rs(lab):
    host = CollectingHost()
    runspace = new_runspace(host)
    yield runspace
    runspace.shutdown()


def test_asjob_makes_a_remote_job_with_one_child_per_computer(rs):
    job = rs.run("Invoke-Command -ComputerName Server01,Server02 { $env:PYSHELL_COMPUTERNAME } -AsJob")[0]
    assert job.PSJobTypeName == "RemoteJob"
    assert job.Location == "Server01,Server02"
    assert job.Command == " $env:PYSHELL_COMPUTERNAME "
    assert [c.Location for c in job.ChildJobs] == ["Server01", "Server02"]
    assert [c.Id for c in job.ChildJobs] == [job.Id + 1, job.Id + 2]
    assert rs.run("(Get-Job).Id") == [job.Id]
    rs.run("Wait-Job -Id $args[0] | Out-Null".replace("$args[0]", str(job.Id)))
    assert str(job.State) == "Completed"
    out = rs.run(f"Receive-Job -Id {job.Id}")
    assert sorted(out) == ["Server01", "Server02"]
    assert rs.run(f"(Get-Job -Id {job.Id}).HasMoreData") == [False]
    rs.run(f"Remove-Job -Id {job.Id}")
    assert rs.run("Get-Job") == []
    # the temporary sessions were closed with the job
    assert all(c.session.State == "Closed" for c in job.ChildJobs)


def test_jobname_implies_asjob_and_output_carries_computer_name(rs):
    job = rs.run("Invoke-Command Server02 { [pscustomobject]@{n=1} } -JobName nightly")[0]
    assert job.Name == "nightly"
    rs.run("Wait-Job -Name nightly | Out-Null")
    obj = rs.run("Receive-Job -Name nightly")[0]
    assert obj.properties["PSComputerName"] == "Server02"
    assert obj.properties["PSShowComputerName"] is True


def test_asjob_on_a_session_keeps_the_session_open(rs):
    rs.run("$s = New-PSSession Server01; $s | Out-Null")
    rs.run("$j = Invoke-Command -Session $s { 1..3 } -AsJob; Wait-Job $j | Out-Null")
    assert rs.run("Receive-Job $j") == [1, 2, 3]
    assert rs.run("$s.State; $j.State.ToString(); $j.Location") == ["Opened", "Completed", "Server01"]
    assert rs.run("Invoke-Command -Session $s { 40 + 2 }") == [42]


def test_unreachable_host_fails_its_child_and_the_parent(rs):
    job = rs.run("Invoke-Command -ComputerName Server01,nosuchhost.invalid { 'ok' } -AsJob")[0]
    rs.run(f"Wait-Job -Id {job.Id} | Out-Null")
    states = [str(c.State) for c in job.ChildJobs]
    assert states == ["Completed", "Failed"]
    assert str(job.State) == "Failed"
    assert "[nosuchhost.invalid]" in str(job.ChildJobs[1].JobStateInfo.Reason.Message)
    assert rs.run(f"Receive-Job -Id {job.Id} -ErrorAction SilentlyContinue") == ["ok"]


def test_stop_job_stops_a_running_remote_job(rs):
    job = rs.run("Invoke-Command Server01 { 1..100 | % { Start-Sleep -Milliseconds 100; $_ } } -AsJob")[0]
    rs.run("Start-Sleep -Milliseconds 800")
    rs.run(f"Stop-Job -Id {job.Id}")
    assert job.wait(10)
    assert str(job.State) == "Stopped"
    assert 0 < len(rs.run(f"Receive-Job -Id {job.Id}")) < 100


def test_system_log_of_a_lab_host_has_boot_and_session_entries(rs):
    out = rs.run("Invoke-Command -ComputerName Server01 { Get-EventLog System }")
    assert out and all(e.properties["PSComputerName"] == "Server01" for e in out)
    sources = {e.properties["Source"] for e in out}
    assert {"sshd", "pyshell-agent"} <= sources
    messages = [e.properties["Message"] for e in out]
    assert any(m.startswith("Server listening on 127.0.0.1 port ") for m in messages)
    assert any(m.startswith("Session opened for user ") for m in messages)


def test_entered_session_output_does_not_show_the_computer_name(rs):
    rs.run("Enter-PSSession Server01")
    route_line(rs, "[pscustomobject]@{a=1}")
    obj = rs.host.output[-1]
    assert obj.properties["PSComputerName"] == "Server01"
    assert obj.properties["PSShowComputerName"] is False
    route_line(rs, "exit")
