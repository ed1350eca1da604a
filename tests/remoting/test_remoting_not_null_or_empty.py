"""[ValidateNotNullOrEmpty] on the remoting cmdlets' -ComputerName/-Session: nothing connects to a host named "None"."""

from __future__ import annotations

import pytest

from pyshell.engine.runspace import Runspace

_EMPTY = ("The argument is null or empty. Provide an argument that is not null or empty, and then try the "
          "command again.")
#: Metadata.ValidateNotNullOrEmptyCollectionFailure: a [string[]] argument that is empty or holds $null or ''
_COLLECTION = ("The argument is null, empty, or an element of the argument collection contains a null value. "
               "Supply a collection that does not contain any null values and then try the command again.")


@pytest.fixture
def rs() -> Runspace:
    return Runspace()


@pytest.mark.parametrize(("script", "param", "detail"), [
    ("Invoke-Command $null { 1 }", "ComputerName", _EMPTY),
    ("Invoke-Command -ComputerName '' { 1 }", "ComputerName", _COLLECTION),
    ("Invoke-Command -ComputerName @() { 1 }", "ComputerName", _COLLECTION),
    ("Invoke-Command -ComputerName 'a', $null { 1 }", "ComputerName", _COLLECTION),
    ("$s = $null; Invoke-Command -Session $s { 1 }", "Session", _EMPTY),
    ("Invoke-Command -Session @() { 1 }", "Session", _COLLECTION),
    ("New-PSSession -ComputerName $null", "ComputerName", _EMPTY),
    ("New-PSSession -HostName ''", "HostName", _COLLECTION),
])
def test_null_or_empty_targets_are_rejected_before_connecting(rs: Runspace, script: str, param: str,
                                                              detail: str) -> None:
    out = rs.run(f"try {{ {script} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId; "
                 "$_.CategoryInfo.Category }")
    assert out[0] == f"Cannot validate argument on parameter '{param}'. {detail}"
    assert out[1].startswith("ParameterArgumentValidationError,Microsoft.PowerShell.Commands.")
    assert str(out[2]) == "InvalidData"


def test_the_statement_fails_and_the_script_goes_on(rs: Runspace) -> None:
    assert rs.run("Invoke-Command $null { 1 }; 'next'") == ["next"]
    assert len(rs.host.errors) == 1  # type: ignore[attr-defined]


def test_no_computer_still_runs_here(rs: Runspace) -> None:
    assert rs.run("Invoke-Command { 5 }") == [5]
