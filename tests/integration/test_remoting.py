"""Remote sessions through the lab's real sshd: New/Get/Remove-PSSession, Invoke-Command, Enter-PSSession."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.remoting.interactive import prompt, route_line
from pyshell.script import new_runspace


@pytest.fixture
def rs(lab):
    host = CollectingHost()
    runspace = new_runspace(host)
    yield runspace
    runspace.shutdown()


def test_invoke_in_session_runs_on_the_remote_computer_and_keeps_state(rs):
    rs.run("$s = New-PSSession -ComputerName Server01")
    assert rs.run("Invoke-Command -Session $s { $x = 42; $env:PYSHELL_COMPUTERNAME }") == ["Server01"]
    assert rs.run("Invoke-Command -Session $s { $x }") == [42]
    assert rs.run("$s.State, $s.Availability, $s.Transport, $s.Name") == ["Opened", "Available", "SSH", "Runspace1"]


def test_invoke_passes_arguments_and_using_values(rs):
    rs.run("$s = New-PSSession Server01; $y = 7")
    assert rs.run("Invoke-Command -Session $s { param($a) $a * $using:y } -ArgumentList 3") == [21]


def test_invoke_fans_out_to_many_computers(rs):
    out = rs.run("Invoke-Command -ComputerName Server01,Server02 { $env:PYSHELL_COMPUTERNAME } | Sort-Object")
    assert out == ["Server01", "Server02"]


def test_remote_objects_carry_computer_name(rs):
    out = rs.run("Invoke-Command Server02 { [pscustomobject]@{one=1} }")
    assert out[0].properties["PSComputerName"] == "Server02"
    assert out[0].properties["one"] == 1


def test_unknown_host_is_a_non_terminating_error_naming_it(rs):
    assert rs.run("Invoke-Command -ComputerName nosuchhost.invalid { 1 }; 'after'") == ["after"]
    message = rs.host.errors[-1].Exception.Message
    assert message.startswith("[nosuchhost.invalid] ")


def test_remove_pssession_closes_it(rs):
    rs.run("$s = New-PSSession Server01")
    assert len(rs.run("Get-PSSession")) == 1
    rs.run("Remove-PSSession $s")
    assert rs.run("$s.State") == ["Closed"]
    assert rs.run("Get-PSSession") == []


def test_bare_host_gets_the_uploaded_agent(rs):
    assert rs.run("Invoke-Command Bare01 { $env:PYSHELL_COMPUTERNAME }") == ["Bare01"]


def test_entered_session_routes_lines_and_exit_leaves(rs):
    rs.run("Enter-PSSession Server01")
    assert prompt(rs).startswith("[Server01]: PS ")
    assert route_line(rs, "$env:PYSHELL_COMPUTERNAME")
    assert rs.host.output[-1] == "Server01"
    assert route_line(rs, "exit")
    assert prompt(rs) is None
    assert not route_line(rs, "1")


def test_walkthrough_3_results_kept_remote(lab):
    script = (
        "$s = New-PSSession -ComputerName Server01\n"
        "Invoke-Command -Session $s -ScriptBlock { Start-Job -ScriptBlock { Get-EventLog System } } | Out-Null\n"
        "Invoke-Command -Session $s -ScriptBlock { Wait-Job -Id 1 | Out-Null; (Get-Job).Location }\n"
        "$results = Invoke-Command -Session $s -ScriptBlock { Receive-Job -SessionId 1 -Keep }\n"
        "$results.Count -gt 0\n"
        "Invoke-Command -Session $s -ScriptBlock { $env:PYSHELL_COMPUTERNAME }\n"
        "Remove-PSSession $s\n"
        "$s.State\n"
    )
    proc = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-"], input=script, text=True,
                          capture_output=True, timeout=120, env=dict(os.environ))
    lines = proc.stdout.split()
    assert "Server01" in lines and lines[-1] == "Closed", proc.stdout + proc.stderr
