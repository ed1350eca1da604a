"""Cases ported from PowerShell's remoting Pester tests and the Invoke-Command/*-PSSession docs, run on the lab."""

from __future__ import annotations

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.script import new_runspace


@pytest.fixture
def rs(lab):
    host = CollectingHost()
    runspace = new_runspace(host)
    yield runspace
    runspace.shutdown()


def _error_id(rs, script: str) -> str:
    out = rs.run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}")
    return str(out[-1])


def test_input_object_is_the_remote_input(rs):
    assert rs.run("Invoke-Command Server01 { $input | ForEach-Object { $_ * 2 } } -InputObject 5") == [10]


def test_piped_objects_are_the_remote_input_on_every_computer(rs):
    assert rs.run("1,2,3 | Invoke-Command Server01,Server02 { @($input).Count }") == [3, 3]


def test_piped_objects_reach_a_persistent_session_process_block(rs):
    rs.run("$s = New-PSSession Server01")
    assert rs.run("1,2,3 | Invoke-Command -Session $s { @($input).Count }") == [3]
    assert rs.run("4,5 | Invoke-Command -Session $s { process { $_ + 1 } }") == [5, 6]


def test_piped_objects_are_the_local_input_without_a_computer(rs):
    assert rs.run("1,2 | Invoke-Command { $input | ForEach-Object { $_ * 3 } }") == [3, 6]


def test_negative_throttle_limit_keeps_the_default(rs):
    assert rs.run("Invoke-Command -ComputerName Server01 -ThrottleLimit -1 { 1 }") == [1]
    assert rs.run("Invoke-Command -ComputerName Server01 -ThrottleLimit 0 { 2 }") == [2]


def test_hostname_with_credential_is_an_ambiguous_parameter_set(rs):
    rs.run("$c = [pscustomobject]@{ UserName = 'u' }")
    assert _error_id(rs, "Invoke-Command -HostName Server01 -Credential $c { 1 }") == \
        "AmbiguousParameterSet,Microsoft.PowerShell.Commands.InvokeCommandCommand"


def test_session_with_computer_name_is_an_ambiguous_parameter_set(rs):
    rs.run("$s = New-PSSession Server01")
    assert _error_id(rs, "Invoke-Command -Session $s -ComputerName Server01 { 1 }") == \
        "AmbiguousParameterSet,Microsoft.PowerShell.Commands.InvokeCommandCommand"


@pytest.mark.parametrize("command,cls", [
    ("New-PSSession -HostName localhost -UserName User -KeyFilePath NoKeyFile", "NewPSSessionCommand"),
    ("Enter-PSSession -HostName localhost -UserName User -KeyFilePath NoKeyFile", "EnterPSSessionCommand"),
    ("Invoke-Command -HostName localhost -UserName User -KeyFilePath NoKeyFile { 1 }", "InvokeCommandCommand"),
])
def test_missing_key_file_is_path_not_found(rs, command, cls):
    assert _error_id(rs, command) == f"PathNotFound,Microsoft.PowerShell.Commands.{cls}"


@pytest.mark.parametrize("command,cls", [
    ("New-PSSession -HostName localhost -UserName UserA -SSHTransport:$false", "NewPSSessionCommand"),
    ("Enter-PSSession -HostName localhost -UserName UserA -SSHTransport:$false", "EnterPSSessionCommand"),
    ("Invoke-Command -ScriptBlock {'Hello'} -HostName localhost -UserName UserA -SSHTransport:$false",
     "InvokeCommandCommand"),
])
def test_ssh_transport_cannot_be_false(rs, command, cls):
    assert _error_id(rs, command) == f"ParameterArgumentValidationError,Microsoft.PowerShell.Commands.{cls}"


def test_using_forms(rs):
    rs.run("$x = 'hi'; $h = @{ a = 1 }; $p = @{ Value = 5 }")
    assert rs.run('Invoke-Command Server01 { "val: $using:x" }') == ["val: hi"]
    assert rs.run("Invoke-Command Server01 { $using:h.a }") == [1]
    assert rs.run("Invoke-Command Server01 { function f($Value) { $Value * 2 }; f @using:p }") == [10]


def test_argument_list_with_arrays(rs):
    assert rs.run('Invoke-Command Server01 { param($a, $b) "$a|$b" } -ArgumentList @(1,2),3') == ["1 2|3"]
    assert rs.run("Invoke-Command Server01 { param($a) $a.Count } -ArgumentList (,@(1,2,3))") == [3]


def test_get_and_remove_pssession_by_name_id_and_computer(rs):
    rs.run("$a = New-PSSession Server01 -Name ab1; $b = New-PSSession Server02 -Name ab2")
    assert rs.run("(Get-PSSession -Name ab*).Name") == ["ab1", "ab2"]
    assert rs.run("(Get-PSSession -Id 1,2).Name") == ["ab1", "ab2"]
    assert rs.run("(Get-PSSession -State Opened).Count") == [2]
    errors = len(rs.host.errors)
    assert rs.run("Get-PSSession -Name zz*") == []
    assert len(rs.host.errors) == errors  # a wildcard that matches nothing is no error
    rs.run("Remove-PSSession -Name ab1")
    assert rs.run("(Get-PSSession).Name") == ["ab2"]
    rs.run("Remove-PSSession -ComputerName Server02")
    assert rs.run("@(Get-PSSession).Count") == [0]


def test_enter_pssession_with_unknown_id_or_name_writes_an_error(rs):
    assert rs.run("Enter-PSSession -Id 99; 'after'") == ["after"]
    assert rs.host.errors[-1].Exception.Message == "The remote session with the session ID 99 is not available."
