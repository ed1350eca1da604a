"""Against the lab: typed numbers and enums cross SSH both ways as pwsh's serializer carries them (an enum is
its Int32 wearing Deserialized type names), remote progress reaches this host, and a stale host fact from
another pyshell build never sends a client to that build's pool daemon."""

from __future__ import annotations

import dataclasses

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.remoting import client
from pyshell.script import new_runspace


@pytest.fixture
def rs(lab):
    runspace = new_runspace(CollectingHost())
    yield runspace
    runspace.shutdown()


@pytest.mark.parametrize("computer", ["Server01", "Bare01"])
def test_typed_values_and_enums_cross_both_ways(rs, computer):
    out = rs.run(f"$n = [long]7; $d = 2.5d; $c = [ConsoleColor]::Blue; Invoke-Command {computer} {{ "
                 "$using:n; $using:d; $using:c; ($using:c).GetType().Name; [ConsoleColor]::Red; [byte]3 } | "
                 "ForEach-Object { $_.ToString() + ':' + $_.GetType().Name }")
    assert out == ["7:Int64", "2.5:Decimal", "Blue:Int32", "Int32:String", "Red:Int32", "3:Byte"], rs.host.errors


def test_remote_progress_is_drawn_here(rs):
    assert rs.run("Invoke-Command Server01 { Write-Progress -Activity remote -Status half -PercentComplete 50; "
                  "'done' }") == ["done"]
    assert [(p.Activity, p.StatusDescription, p.PercentComplete) for p in rs.host.progress][:1] == [
        ("remote", "half", 50)]


def test_a_fact_from_another_build_is_not_used(rs, lab, monkeypatch, tmp_path):
    monkeypatch.setattr(client.HOSTS, "path", str(tmp_path / "hosts.json"))
    monkeypatch.setattr(client.HOSTS, "_facts", None)
    client.CONNECTIONS.close_all()
    assert rs.run("Invoke-Command Bare01 { 1 }") == [1]
    prefix = f"@127.0.0.1:{lab.host('Bare01').port}#"
    key = next(k for k, f in client.HOSTS._load().items() if prefix in k)
    # as another build left them: its pool's socket (which would run that build's code) and its zipapp
    stale = dataclasses.replace(client.HOSTS._load()[key], socket="/nonexistent/pool/old-build/agent.sock",
                                zipapp="$HOME/.cache/pyshell/agent-0.0.0-oldbuild.pyz", build="0.0.0-oldbuild")
    client.HOSTS._load()[key] = stale
    assert client.HOSTS.get(key).socket is None
    assert rs.run("Invoke-Command Bare01 { [ConsoleColor]::Red } | ForEach-Object { $_.GetType().Name }") == [
        "Int32"], rs.host.errors
    assert client.HOSTS.get(key).zipapp in (None, f"$HOME/.cache/pyshell/agent-{client.build_key()}.pyz")
    assert client.HOSTS.get(key).build == client.build_key()


def test_a_failed_remote_job_shows_its_terminating_error_once(rs):
    # PSRemotingChildJob keeps the terminating error as its FailureErrorRecord (the reason), not in Error:
    # Receive-Job writes it once per call, after the output
    out = rs.run("$j = Invoke-Command Server01 { 1; Write-Error soft; throw 'boom' } -AsJob; $j | Wait-Job | Out-Null; "
                 "$j.State; Receive-Job $j; $j.ChildJobs[0].Error.Count; $j.ChildJobs[0].JobStateInfo.Reason.Message")
    assert [str(x) for x in out] == ["Failed", "1", "1", "boom"]
    assert [str(e.Exception.Message) for e in rs.host.errors] == ["soft", "boom"]


def test_a_remote_job_that_cannot_connect_fails_with_one_error(rs):
    out = rs.run("$j = Invoke-Command NoSuchHost01 { 1 } -AsJob; $j | Wait-Job | Out-Null; $j.State; Receive-Job $j; "
                 "$j.ChildJobs[0].Error.Count")
    assert [str(x) for x in out] == ["Failed", "0"]
    assert len(rs.host.errors) == 1 and "NoSuchHost01" in str(rs.host.errors[0].Exception.Message)


def test_non_terminating_errors_keep_their_order_and_the_job_completes(rs):
    out = rs.run("$j = Invoke-Command Server01 { Write-Error a; 1; Write-Error b } -AsJob; Receive-Job $j -Wait; "
                 "$j.State; $j.ChildJobs[0].Error.Count")
    assert [str(x) for x in out] == ["1", "Completed", "2"]
    assert [str(e.Exception.Message) for e in rs.host.errors] == ["a", "b"]
