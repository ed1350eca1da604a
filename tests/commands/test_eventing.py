"""The eventing cmdlets (New-Event, Get-Event, Remove-Event, Wait-Event, Register-EngineEvent, Get-EventSubscriber,
Unregister-Event) and the PowerShell.Exiting engine event, with pwsh's values and error records."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace
from pyshell.script import new_runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return new_runspace(CollectingHost())


def _errors(rs: Runspace) -> list[tuple[str, str]]:
    return [(str(e.FullyQualifiedErrorId), e.message) for e in rs.host.errors]  # type: ignore[attr-defined]


# -- the queue ------------------------------------------------------------------------------------

def test_new_event_returns_the_queued_psevenargs(rs: Runspace) -> None:
    out = rs.run("$e = New-Event -SourceIdentifier T -Sender Windows.timer -EventArguments 1,2 -MessageData m; "
                 "$e.GetType().FullName; $e.EventIdentifier; $e.SourceIdentifier; $e.Sender; $e.MessageData; "
                 "$e.SourceArgs.Count; $null -eq $e.SourceEventArgs; $null -eq $e.ComputerName; "
                 "$e.TimeGenerated -is [datetime]; $e.RunspaceId -eq [runspace]::DefaultRunspace.InstanceId; "
                 "$e -is [System.Management.Automation.PSEventArgs]")
    assert out == ["System.Management.Automation.PSEventArgs", 1, "T", "Windows.timer", "m", 2, True, True, True,
                   True, True]
    assert rs.run("(Get-Event -SourceIdentifier T).MessageData; (Get-Event T).Sender") == ["m", "Windows.timer"]


def test_event_properties_in_pwsh_order(rs: Runspace) -> None:
    out = rs.run("(New-Event a).psobject.Properties.Name")
    assert out == ["ComputerName", "RunspaceId", "EventIdentifier", "Sender", "SourceEventArgs", "SourceArgs",
                   "SourceIdentifier", "TimeGenerated", "MessageData"]


def test_get_event_wildcards_ids_and_remove(rs: Runspace) -> None:
    rs.run("$null = New-Event A1; $null = New-Event B; $null = New-Event A2")
    assert rs.run("(Get-Event A*).SourceIdentifier") == ["A1", "A2"]
    assert rs.run("(Get-Event -EventIdentifier 2).SourceIdentifier") == ["B"]
    assert rs.run("(Get-Event).Count") == [3]
    rs.run("Get-Event A* | Remove-Event")
    assert rs.run("(Get-Event).SourceIdentifier") == ["B"]
    rs.run("Remove-Event -EventIdentifier 2")
    assert rs.run("(Get-Event).Count") == [0]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_no_match_errors(rs: Runspace) -> None:
    rs.run("Get-Event -SourceIdentifier Nope; Get-Event -EventIdentifier 99; Get-Event No*; "
           "Remove-Event Zed; Remove-Event -EventIdentifier 5; Remove-Event Z*")
    assert _errors(rs) == [
        ("INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.GetEventCommand",
         "Event with source identifier 'Nope' does not exist."),
        ("INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.GetEventCommand",
         "Event with identifier '99' does not exist."),
        ("INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.RemoveEventCommand",
         "Event with source identifier 'Zed' does not exist."),
        ("INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.RemoveEventCommand",
         "Event with identifier '5' does not exist."),
    ]
    assert rs.run("try { Get-Event X -ErrorAction Stop } catch { $_.Exception.GetType().FullName; "
                  "$_.CategoryInfo.Category }") == ["System.ArgumentException", "InvalidArgument"]


def test_wait_event_returns_queued_event_and_times_out(rs: Runspace) -> None:
    rs.run("$null = New-Event W -MessageData 7")
    assert rs.run("(Wait-Event W).MessageData; (Get-Event W).Count") == [7, 1]  # Wait-Event leaves it queued
    start = time.monotonic()
    assert rs.run("Wait-Event -SourceIdentifier Never -Timeout 1") == []
    assert 0.9 <= time.monotonic() - start < 5


def test_wait_event_rejects_timeout_below_minus_one(rs: Runspace) -> None:
    out = rs.run("try { Wait-Event -Timeout -2 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WaitEventCommand",
                   "Cannot validate argument on parameter 'Timeout'. The -2 argument is less than the minimum allowed "
                   "range of -1. Supply an argument that is greater than or equal to -1 and then try the command "
                   "again."]


# -- subscriptions --------------------------------------------------------------------------------

def test_register_engine_event_action_is_an_event_job(rs: Runspace) -> None:
    out = rs.run("$j = Register-EngineEvent -SourceIdentifier X -Action { \"got $($Event.MessageData) "
                 "$($EventSubscriber.SourceIdentifier) $Sender\"; $global:hit = $Event.EventIdentifier }; "
                 "$j.GetType().FullName; $j -is [System.Management.Automation.Job]; $j.Name; [string]$j.State; "
                 "$null = New-Event X -Sender s -MessageData hello; $global:hit; [string]$j.State; "
                 "(Get-Event).Count; Receive-Job $j")
    assert out == ["System.Management.Automation.PSEventJob", True, "X", "NotStarted", 1, "Running", 0,
                   "got hello X s"]
    assert rs.run("(Get-Job).Name") == ["X"]


def test_action_gets_args_and_param_from_source_args(rs: Runspace) -> None:
    out = rs.run("$a = Register-EngineEvent A -Action { $args.Count; $args[1] }; "
                 "$b = Register-EngineEvent B -Action { param($x, $y) \"$y/$x\" }; "
                 "$null = New-Event A -EventArguments 1,2; $null = New-Event B -EventArguments x,y; Receive-Job $a,$b")
    assert out == [2, 2, "y/x"]


def test_action_errors_go_to_the_job(rs: Runspace) -> None:
    out = rs.run("$j = Register-EngineEvent E -Action { Write-Error soft; throw 'hard' }; $null = New-Event E; "
                 "$j.Error.Count; $j.Error[1].Exception.Message")
    assert out == [2, "hard"]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_subscriber_without_action_queues_and_lists(rs: Runspace) -> None:
    out = rs.run("Register-EngineEvent Q -MessageData md; $null = New-Event Q; (Get-Event Q).Count; "
                 "$s = Get-EventSubscriber Q; $s.GetType().FullName; $s.SubscriptionId; $s.SourceIdentifier; "
                 "$null -eq $s.Action; $s.SupportEvent")
    assert out == [1, "System.Management.Automation.PSEventSubscriber", 1, "Q", True, False]


def test_duplicate_source_identifier_is_refused(rs: Runspace) -> None:
    out = rs.run("Register-EngineEvent D; try { Register-EngineEvent D } catch { $_.FullyQualifiedErrorId; "
                 "$_.Exception.Message }")
    assert out == ["SUBSCRIBER_EXISTS,Microsoft.PowerShell.Commands.RegisterEngineEventCommand",
                   "Cannot subscribe to the specified event. A subscriber with the source identifier 'D' "
                   "already exists."]


def test_unregister_stops_the_job_and_errors_when_missing(rs: Runspace) -> None:
    out = rs.run("$j = Register-EngineEvent U -Action { 1 }; Unregister-Event -SourceIdentifier U; [string]$j.State; "
                 "(Get-EventSubscriber).Count; $null = New-Event U; (Get-Event U).Count")
    assert out == ["Stopped", 0, 1]
    rs.run("Unregister-Event U; Unregister-Event -SubscriptionId 77; Get-EventSubscriber -SubscriptionId 77; "
           "Get-EventSubscriber Nope; Get-EventSubscriber No*")
    assert _errors(rs) == [
        ("INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.UnregisterEventCommand",
         "Event subscription with source identifier 'U' does not exist."),
        ("INVALID_SUBSCRIPTION_IDENTIFIER,Microsoft.PowerShell.Commands.UnregisterEventCommand",
         "Event subscription with identifier '77' does not exist."),
        ("INVALID_SUBSCRIPTION_IDENTIFIER,Microsoft.PowerShell.Commands.GetEventSubscriberCommand",
         "Event subscription with identifier '77' does not exist."),
        ("INVALID_SOURCE_IDENTIFIER,Microsoft.PowerShell.Commands.GetEventSubscriberCommand",
         "Event subscription with source identifier 'Nope' does not exist."),
    ]


def test_support_event_hidden_without_force(rs: Runspace) -> None:
    out = rs.run("$r = Register-EngineEvent S -SupportEvent -Action { 1 }; $null -eq $r; (Get-Job).Count; "
                 "(Get-EventSubscriber).Count; (Get-EventSubscriber -Force).SourceIdentifier")
    assert out == [True, 0, 0, "S"]
    rs.run("Unregister-Event S")
    assert len(rs.host.errors) == 1  # type: ignore[attr-defined]
    assert rs.run("Unregister-Event S -Force; (Get-EventSubscriber -Force).Count") == [0]


def test_remove_job_force_ends_the_subscription(rs: Runspace) -> None:
    out = rs.run("$j = Register-EngineEvent R -Action { 1 }; Remove-Job $j -Force; (Get-Job).Count; "
                 "(Get-EventSubscriber).Count")
    assert out == [0, 0]


def test_max_trigger_count_unsubscribes(rs: Runspace) -> None:
    out = rs.run("$j = Register-EngineEvent M -MaxTriggerCount 1 -Action { 'once' }; $null = New-Event M; "
                 "$null = New-Event M; (Get-EventSubscriber).Count; (Get-Event M).Count; Receive-Job $j")
    assert out == [0, 1, "once"]


def test_max_trigger_count_of_a_queue_subscription(rs: Runspace) -> None:
    out = rs.run("Register-EngineEvent N -MaxTriggerCount 2; $null = New-Event N; (Get-EventSubscriber).Count; "
                 "$null = New-Event N; (Get-EventSubscriber).Count; (Get-Event N).Count")
    assert out == [1, 0, 2]


def test_forwarded_events_are_not_queued_locally(rs: Runspace) -> None:
    assert rs.run("Register-EngineEvent F -Forward; $null = New-Event F; (Get-Event).Count") == [0]


# -- PowerShell.Exiting -----------------------------------------------------------------------------

def test_exiting_event_runs_when_the_shell_ends() -> None:
    script = ("Register-EngineEvent PowerShell.Exiting -Action { Write-Host \"bye $($Event.SourceIdentifier)\" } "
              "| Out-Null; 'main'; exit 3")
    proc = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-Command", script],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert proc.stdout.splitlines() == ["main", "bye PowerShell.Exiting"]


# -- ported from PowerShell's Utility/New-Event, Get-Event and Register-EngineEvent Pester files -------------------

_PESTER_PORT = """
Describe "eventing" {
    BeforeEach { ( New-Event -SourceIdentifier PesterTestEvent -sender Windows.timer -messagedata "PesterTestMessage" ) }
    AfterEach { ( Remove-Event -SourceIdentifier PesterTestEvent -ErrorAction SilentlyContinue ) }
    It "New-Event returns PSEventArgs" {
        New-Event -SourceIdentifier a | Should BeOfType System.Management.Automation.PSEventArgs
    }
    It "Get-Event returns PSEventArgs" {
        Get-Event -SourceIdentifier PesterTestEvent | Should BeOfType System.Management.Automation.PSEventArgs
    }
    It "MessageData and Sender" {
        (New-Event -sourceidentifier PesterTimer -sender Windows.timer -messagedata "PesterTestMessage")
        (Get-Event -SourceIdentifier PesterTimer).MessageData | Should -Be "PesterTestMessage"
        (Get-Event -SourceIdentifier PesterTimer).Sender | Should -Be Windows.timer
        Remove-Event -sourceidentifier PesterTimer
    }
    It "Register-EngineEvent returns a PSEventJob" {
        Register-EngineEvent -SourceIdentifier PesterTestRegister -Action {echo registerengineevent} |
            Should BeOfType System.Management.Automation.PSEventJob
        Unregister-Event -sourceidentifier PesterTestRegister
    }
}
"""


def test_pester_ports_pass_through_the_shim(tmp_path: object) -> None:
    from pathlib import Path

    here = Path(__file__).parent.parent / "pester" / "Pester.ps1"
    tests = Path(str(tmp_path)) / "Eventing.Tests.ps1"
    tests.write_text(_PESTER_PORT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-NonInteractive", "-Command",
                           f". '{here}'; Invoke-Pester '{tests}'"], capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "Tests Passed: 4, Failed: 0, Skipped: 0", done.stdout + done.stderr
