"""Get-History, Add-History, Invoke-History and Clear-History as pwsh (Core/History.Tests.ps1 and the docs):
typed lines are recorded with increasing ids, Add-History records the running line first, Invoke-History
re-runs an entry and is recorded as that entry, and the error records carry pwsh's ids."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    r = Runspace(CollectingHost())
    for line in ("Get-Date | Out-Null", "1+1", "Get-Location | Out-Null"):
        r.execute(line, add_history=True)
    return r


def _error_id(rs: Runspace, script: str) -> str:
    return rs.run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}")[0]


def test_get_history(rs: Runspace) -> None:
    assert rs.run("(Get-History).CommandLine -join ';'") == ["Get-Date | Out-Null;1+1;Get-Location | Out-Null"]
    assert rs.run("(h -Count 2).Id -join ','; (Get-History 2).CommandLine; (Get-History -Id 3 -Count 2).Id -join ','") \
        == ["2,3", "1+1", "2,3"]
    assert rs.run("(Get-History)[0].ExecutionStatus; (Get-History)[0].Duration -is [timespan]") == ["Completed", True]


@pytest.mark.parametrize(("script", "error_id"), [
    ("Get-History -Id 99 -ErrorAction Stop", "GetHistoryNoHistoryForId,Microsoft.PowerShell.Commands.GetHistoryCommand"),
    ("Get-History -Id 0", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetHistoryCommand"),
    ("Get-History -Count 40000", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetHistoryCommand"),
    ("Get-History -Id 1,2 -Count 1",
     "GetHistoryNoCountWithMultipleIds,Microsoft.PowerShell.Commands.GetHistoryCommand"),
    ("Invoke-History 99", "InvokeHistoryNoHistoryForId,Microsoft.PowerShell.Commands.InvokeHistoryCommand"),
    ("Invoke-History -1", "InvokeHistoryInvalidIdGetHistory,Microsoft.PowerShell.Commands.InvokeHistoryCommand"),
    ("Invoke-History zzz",
     "InvokeHistoryNoHistoryForCommandline,Microsoft.PowerShell.Commands.InvokeHistoryCommand"),
    ("1, 2 | % { [pscustomobject]@{ Id = $_ } } | Invoke-History",
     "InvokeHistoryMultipleCommandsError,Microsoft.PowerShell.Commands.InvokeHistoryCommand"),
    ("[pscustomobject]@{ a = 1 } | Add-History -ErrorAction Stop",
     "AddHistoryInvalidInput,Microsoft.PowerShell.Commands.AddHistoryCommand"),
    ("Clear-History -Id 42 -ErrorAction Stop",
     "GetHistoryNoHistoryForId,Microsoft.PowerShell.Commands.ClearHistoryCommand"),
    ("Clear-History -Id 1,2 -Count 1",
     "GetHistoryNoCountWithMultipleIds,Microsoft.PowerShell.Commands.ClearHistoryCommand"),
    ("Clear-History -CommandLine a, b -Count 1",
     "NoCountWithMultipleCmdLine ,Microsoft.PowerShell.Commands.ClearHistoryCommand"),
    ("Clear-History -Count 0", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ClearHistoryCommand"),
])
def test_errors(rs: Runspace, script: str, error_id: str) -> None:
    assert _error_id(rs, script) == error_id


def test_history_messages(rs: Runspace) -> None:
    assert rs.run("try { Get-History 99 -EA Stop } catch { $_.Exception.Message }") == [
        "Cannot locate the history for Id 99."]
    assert rs.run("try { Invoke-History zzz } catch { $_.Exception.Message }") == [
        "Cannot locate the history for command line zzz."]
    assert rs.run("try { Get-History -Id 0 } catch { $_.Exception.Message }") == [
        "Cannot validate argument on parameter 'Id'. The 0 argument is less than the minimum allowed range of 1. "
        "Supply an argument that is greater than or equal to 1 and then try the command again."]


def test_invoke_history_reruns_and_is_recorded_as_the_command(rs: Runspace) -> None:
    rs.execute("Invoke-History 2", add_history=True)
    assert rs.host.output[-1] == 2
    assert rs.history[-1].CommandLine == "1+1"
    assert rs.run("r 1+; Invoke-History") == [2, 2]  # a prefix picks the newest match; no id: the last entry
    assert rs.run("(Get-History -Count 1).CommandLine | Invoke-History") == [2]


def test_invoke_history_without_history() -> None:
    load_builtins()
    fresh = Runspace(CollectingHost())
    assert _error_id(fresh, "Invoke-History") == \
        "InvokeHistoryNoLastHistoryEntryFound,Microsoft.PowerShell.Commands.InvokeHistoryCommand"


def test_add_history_records_the_running_line_first(rs: Runspace) -> None:
    rs.execute("Get-History | Add-History", add_history=True)
    lines = [h.CommandLine for h in rs.history]
    assert len(lines) == 8 and lines[4:] == lines[:4]
    assert [h.Id for h in rs.history] == list(range(1, 9))
    assert rs.history[3].ExecutionStatus == "Completed"


def test_add_history_passthru_from_objects(rs: Runspace) -> None:
    out = rs.run("$o = [pscustomobject]@{ CommandLine = 'dir'; ExecutionStatus = 'Completed'; "
                 "StartExecutionTime = '2001-01-01 10:00:00'; EndExecutionTime = [datetime]'2001-01-01 10:00:05' }; "
                 "$h = $o | Add-History -Passthru; $h.CommandLine; $h.Id; $h.Duration.TotalSeconds")
    assert out == ["dir", 4, 5.0]


@pytest.mark.parametrize(("script", "left"), [
    ("Clear-History", []),
    ("Clear-History -Id 2", [1, 3]),
    ("Clear-History -Count 2", [3]),
    ("Clear-History -Count 2 -Newest", [1]),
    ("Clear-History -Id 3 -Count 2", [1]),
    ("Clear-History -CommandLine '1+1'", [1, 3]),
    ("Clear-History -CommandLine 'Get-*'", [2]),  # a wildcard without -Count: every match
    ("Clear-History -CommandLine 'Get-*' -Count 1 -Newest", [1, 2]),
    ("Clear-History -CommandLine 'nothing-like-it'", [1, 2, 3]),  # no match is no error
    ("Clear-History -WhatIf", [1, 2, 3]),
])
def test_clear_history(rs: Runspace, script: str, left: list[int]) -> None:
    rs.run(script)
    assert [h.Id for h in rs.history] == left


def test_ids_keep_counting_after_clear(rs: Runspace) -> None:
    rs.execute("Clear-History", add_history=True)
    rs.execute("'x'", add_history=True)
    assert [h.Id for h in rs.history] == [4, 5]


def test_add_history_from_csv(rs: Runspace, tmp_path: object) -> None:
    """The docs' round trip: Get-History | Export-Csv, then Import-Csv | Add-History (strings are parsed)."""
    path = f"{tmp_path}/h.csv"
    out = rs.run(f"Get-History | Export-Csv '{path}'; Clear-History; "
                 f"(Import-Csv '{path}' | Add-History -Passthru).CommandLine -join ';'; "
                 "(Get-History)[0].StartExecutionTime -is [datetime]")
    assert out == ["Get-Date | Out-Null;1+1;Get-Location | Out-Null", True]


def test_what_if(rs: Runspace) -> None:
    assert rs.run("Invoke-History 2 -WhatIf") == []  # nothing runs
    out = rs.run("Invoke-History 2 -WhatIf 6>&1 | % { \"$_\" }; Clear-History -WhatIf 6>&1 | % { \"$_\" }")
    assert out == ['What if: Performing the operation "Invoke-History" on target "1+1".',
                   'What if: Performing the operation "Clear-History" on target "This command will clear all the '
                   'entries from the session history.".']
