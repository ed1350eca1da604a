"""The engine's event log store (engine/eventlog.py) and Get-EventLog."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import threading
from pathlib import Path

import pytest
from fakes_system import SystemRunspace, invoke

import pyshell.commands.eventlog as eventlog_cmd
from pyshell.commands.eventlog import EventLogInfo, GetEventLog
from pyshell.engine.eventlog import (
    EventLog,
    EventLogEntry,
    default_directory,
    record_engine_start,
    record_engine_stop,
    record_provider_start,
    state_dir,
)
from pyshell.engine.objects import type_names
from pyshell.errors import PyshellError


@pytest.fixture
def log(tmp_path: Path) -> EventLog:
    return EventLog(str(tmp_path / "eventlog"))


@pytest.fixture
def rs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SystemRunspace:
    """A runspace whose host has no journal and no syslog: System/Application come from the store."""
    monkeypatch.setenv("PATH", str(tmp_path / "emptybin"))
    monkeypatch.setattr(eventlog_cmd, "SYSLOG_FILES", (str(tmp_path / "no-syslog"),))
    return SystemRunspace(str(tmp_path))


# -- the store ------------------------------------------------------------------------------

def test_state_dir_honours_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PYSHELL_STATE_DIR", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert state_dir() == str(tmp_path / ".local/state/pyshell")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == str(tmp_path / "xdg/pyshell")
    monkeypatch.setenv("PYSHELL_STATE_DIR", str(tmp_path / "override"))
    assert default_directory() == str(tmp_path / "override/eventlog")


def test_write_and_read_round_trip(log: EventLog) -> None:
    assert log.write("Windows PowerShell", "Warning", "PowerShell", 403, "bye", category="Engine Lifecycle",
                     category_number=4)
    (entry,) = log.read("windows powershell")
    assert isinstance(entry, EventLogEntry)
    assert (entry.Index, entry.EntryType, entry.Source, entry.InstanceId, entry.EventID) == (
        1, "Warning", "PowerShell", 403, 403)
    assert entry.Message == "bye" and entry.Category == "Engine Lifecycle" and entry.CategoryNumber == 4
    assert isinstance(entry.TimeGenerated, dt.datetime) and entry.TimeGenerated == entry.TimeWritten
    assert entry.MachineName
    assert type_names(entry)[:3] == ["System.Diagnostics.EventLogEntry#Windows PowerShell/PowerShell/403",
                                     "System.Diagnostics.EventLogEntry#Windows PowerShell/PowerShell",
                                     "System.Diagnostics.EventLogEntry"]


def test_files_are_json_lines_per_log(log: EventLog) -> None:
    log.write("Windows PowerShell", "Information", "PowerShell", 400, "a")
    log.write("My/Log", "Error", "Me", 1, "b\nc")
    files = sorted(os.listdir(log.directory))
    assert files == ["My%2FLog.jsonl", "Windows PowerShell.jsonl"]
    with open(os.path.join(log.directory, "My%2FLog.jsonl")) as fh:
        assert json.loads(fh.read())["message"] == "b\nc"
    assert log.log_names() == ["Application", "System", "Windows PowerShell", "My/Log"]
    assert log.canonical_name("my/log") == "My/Log" and log.exists("SYSTEM") and not log.exists("nope")


def test_unreadable_lines_are_skipped(log: EventLog) -> None:
    log.write("System", "Information", "s", 1, "one")
    with open(log.path_for("System"), "a") as fh:
        fh.write('{"broken\n')
    log.write("System", "Information", "s", 2, "two")
    assert [(e.Index, e.Message) for e in log.read("System")] == [(1, "one"), (2, "two")]


def test_write_never_raises(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    assert EventLog(str(tmp_path / "file" / "sub")).write("System", "Information", "s", 1, "x") is False


def test_concurrent_writers_never_interleave(log: EventLog) -> None:
    def writer(n: int) -> None:
        for i in range(50):
            log.write("Windows PowerShell", "Information", f"T{n}", i, "x" * 3000)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entries = log.read("Windows PowerShell")
    assert len(entries) == 200 and all(e.Message == "x" * 3000 for e in entries)


def _process_writer(directory: str, n: int) -> None:
    other = EventLog(directory)
    for i in range(40):
        other.write("Windows PowerShell", "Information", f"P{n}", i, "y" * 5000)


def test_concurrent_processes_never_interleave(log: EventLog) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_process_writer, args=(log.directory, n)) for n in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    entries = log.read("Windows PowerShell")
    assert len(entries) == 120 and {e.Source for e in entries} == {"P0", "P1", "P2"}


def test_full_log_rotates_keeping_one_generation(log: EventLog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(log, "maximum_kilobytes", lambda name: 1)
    for i in range(10):
        log.write("System", "Information", "s", i, "z" * 300)
    entries = log.read("System")
    assert os.path.exists(log.path_for("System") + ".1")
    assert 2 <= len(entries) < 10 and entries[-1].InstanceId == 9
    log.clear("System")
    assert log.read("System") == []


def test_lifecycle_helpers_write_the_classic_events(log: EventLog) -> None:
    assert record_engine_start(log, host_name="ConsoleHost", runspace_id="r-1")
    assert record_provider_start(log, "FileSystem")
    assert record_engine_stop(log)
    start, provider, stop = log.read("Windows PowerShell")
    assert (start.InstanceId, provider.InstanceId, stop.InstanceId) == (400, 600, 403)
    assert start.Source == "PowerShell" and start.Category == "Engine Lifecycle"
    assert start.Message.startswith("Engine state is changed from None to Available. \n\nDetails: \n")
    assert "\tNewEngineState=Available\n\tPreviousEngineState=None\n" in start.Message
    assert "\tSequenceNumber=1\n" in start.Message and "\tRunspaceId=r-1\n" in start.Message
    assert "\tHostName=ConsoleHost\n" in start.Message
    assert provider.Message.startswith('Provider "FileSystem" is Started.')
    assert provider.Category == "Provider Lifecycle" and provider.CategoryNumber == 6
    assert stop.Message.startswith("Engine state is changed from Available to Stopped.")


# -- Get-EventLog ---------------------------------------------------------------------------

def _fill(rs: SystemRunspace) -> None:
    store = rs.event_log
    store.write("Windows PowerShell", "Information", "PowerShell", 400, "engine started")
    store.write("Windows PowerShell", "Warning", "PowerShell", 300, "a warning")
    store.write("Windows PowerShell", "Error", "Jobs", 101, "job failed badly")
    store.write("Windows PowerShell", "Information", "PowerShell", 403, "engine stopped")


def test_get_event_log_returns_newest_first(rs: SystemRunspace) -> None:
    _fill(rs)
    out = invoke(rs, GetEventLog, LogName="Windows PowerShell").output
    assert [e.Index for e in out] == [4, 3, 2, 1]
    assert [e.InstanceId for e in invoke(rs, GetEventLog, LogName="windows powershell", Newest=2).output] == [403, 101]


def test_get_event_log_filters(rs: SystemRunspace) -> None:
    _fill(rs)
    get = lambda **kw: [e.Index for e in invoke(rs, GetEventLog, LogName="Windows PowerShell", **kw).output]  # noqa: E731
    assert get(EntryType=["Error", "Warning"]) == [3, 2]
    assert get(Source=["Jobs"]) == [3]
    assert get(Source=["Power*"]) == [4, 2, 1]
    assert get(Message="engine*") == [4, 1]
    assert get(InstanceId=[400, 403]) == [4, 1]
    assert get(Index=[2]) == [2]
    assert get(EntryType=["Information"], Newest=1) == [4]


def test_get_event_log_dates(rs: SystemRunspace) -> None:
    _fill(rs)
    past, future = dt.datetime.now() - dt.timedelta(hours=1), dt.datetime.now() + dt.timedelta(hours=1)
    assert len(invoke(rs, GetEventLog, LogName="Windows PowerShell", After=past).output) == 4
    res = invoke(rs, GetEventLog, LogName="Windows PowerShell", After=future)
    assert res.output == [] and res.errors == []  # a date filter never reports "No matches found"
    assert len(invoke(rs, GetEventLog, LogName="Windows PowerShell", Before=future, After=past).output) == 4


def test_get_event_log_no_matches(rs: SystemRunspace) -> None:
    _fill(rs)
    res = invoke(rs, GetEventLog, LogName="Windows PowerShell", Source=["Nobody"])
    assert res.messages == ["No matches found"]
    assert res.error_ids == ["GetEventLogNoEntriesFound,Microsoft.PowerShell.Commands.GetEventLogCommand"]
    assert res.errors[0].CategoryInfo.Category == "ObjectNotFound"
    assert invoke(rs, GetEventLog, LogName="Windows PowerShell", Source=["Nob*"]).errors == []
    assert invoke(rs, GetEventLog, LogName="Windows PowerShell", Newest=0).errors == []


def test_get_event_log_unknown_log_is_terminating(rs: SystemRunspace) -> None:
    with pytest.raises(PyshellError) as info:
        invoke(rs, GetEventLog, LogName="Nope")
    assert info.value.message == "The event log 'Nope' on computer '.' does not exist."
    assert info.value.error_id == "EventLogNotFound" and info.value.category == "ObjectNotFound"


def test_get_event_log_list(rs: SystemRunspace) -> None:
    _fill(rs)
    out = invoke(rs, GetEventLog, List=True).output
    assert [i.Log for i in out] == ["Application", "System", "Windows PowerShell"]
    assert isinstance(out[2], EventLogInfo) and type_names(out[2])[0] == "System.Diagnostics.EventLog"
    assert len(out[2].Entries) == 4 and out[2].MaximumKilobytes == 15360
    assert invoke(rs, GetEventLog, List=True, AsString=True).output == ["Application", "System", "Windows PowerShell"]


def test_get_event_log_wildcard_log_name(rs: SystemRunspace) -> None:
    _fill(rs)
    assert len(invoke(rs, GetEventLog, LogName="Windows*").output) == 4
    assert [i.Log for i in invoke(rs, GetEventLog, LogName="*").output] == ["Application", "System",
                                                                           "Windows PowerShell"]


def test_get_event_log_as_base_object(rs: SystemRunspace) -> None:
    _fill(rs)
    (entry,) = invoke(rs, GetEventLog, LogName="Windows PowerShell", Newest=1, AsBaseObject=True).output
    assert type_names(entry)[0] == "System.Diagnostics.EventLogEntry"


def test_get_event_log_system_falls_back_to_the_store(rs: SystemRunspace) -> None:
    rs.event_log.write("System", "Error", "disk", 7, "disk on fire")
    (entry,) = invoke(rs, GetEventLog, LogName="System").output
    assert entry.Message == "disk on fire" and entry.EntryType == "Error"


def test_get_event_log_system_reads_syslog(rs: SystemRunspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    syslog = tmp_path / "syslog"
    syslog.write_text("Jan  2 03:04:05 host cron[12]: job started\n"
                      "not a syslog line\n"
                      "2024-01-02T03:04:06.123456+00:00 host kernel: disk error on sda\n"
                      "Jan  2 03:04:07 host sshd[99]: warning: weird client\n")
    monkeypatch.setattr(eventlog_cmd, "SYSLOG_FILES", (str(syslog),))
    out = invoke(rs, GetEventLog, LogName="System").output
    assert [(e.Index, e.Source, e.EntryType) for e in out] == [(4, "sshd", "Warning"), (3, "kernel", "Error"),
                                                               (1, "cron", "Information")]
    assert out[2].Message == "job started" and out[2].TimeGenerated.month == 1 and out[2].MachineName == "host"
    assert [e.Source for e in invoke(rs, GetEventLog, LogName="System", EntryType=["Error"]).output] == ["kernel"]


def test_get_event_log_system_reads_the_journal(rs: SystemRunspace, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    records = [
        {"__REALTIME_TIMESTAMP": "1704164646000000", "__SEQNUM": "12", "PRIORITY": "3", "SYSLOG_IDENTIFIER": "kernel",
         "MESSAGE": "I/O error", "_HOSTNAME": "box", "SYSLOG_FACILITY": "0"},
        {"__REALTIME_TIMESTAMP": "1704164645000000", "__SEQNUM": "11", "PRIORITY": "6", "_COMM": "cron",
         "MESSAGE": [104, 105], "_HOSTNAME": "box"},
    ]
    script = bin_dir / "journalctl"
    script.write_text("#!/bin/sh\necho \"$@\" > " + str(tmp_path / "args") + "\ncat <<'EOF'\n"
                      + "\n".join(json.dumps(r) for r in records) + "\nEOF\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    out = invoke(rs, GetEventLog, LogName="System").output
    assert [(e.Index, e.Source, e.EntryType, e.Message) for e in out] == [(12, "kernel", "Error", "I/O error"),
                                                                          (11, "cron", "Information", "hi")]
    rs.event_log.write("System", "Information", "pyshell-agent", 1, "session opened")  # written now: newest
    assert [e.Source for e in invoke(rs, GetEventLog, LogName="System").output] == ["pyshell-agent", "kernel",
                                                                                    "cron"]
    assert out[0].Category == "kern" and out[0].MachineName == "box"
    assert out[0].TimeGenerated == dt.datetime.fromtimestamp(1704164646)
    assert "-o json" in (tmp_path / "args").read_text() and "--system" in (tmp_path / "args").read_text()
    assert [e.Source for e in invoke(rs, GetEventLog, LogName="System", Newest=2).output] == ["pyshell-agent",
                                                                                            "kernel"]


def test_get_event_log_empty_journal_falls_back(rs: SystemRunspace, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "journalctl").write_text("#!/bin/sh\necho 'No journal files were found.' >&2\nexit 1\n")
    (bin_dir / "journalctl").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    rs.event_log.write("Application", "Information", "app", 5, "from the store")
    assert [e.Message for e in invoke(rs, GetEventLog, LogName="Application").output] == ["from the store"]


# -- end to end -----------------------------------------------------------------------------

def test_e2e_get_event_log_in_a_runspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYSHELL_STATE_DIR", str(tmp_path / "state"))
    runspace_mod = pytest.importorskip("pyshell.engine.runspace")
    from pyshell.commands import load_builtins
    from pyshell.engine.host import CollectingHost

    load_builtins()
    EventLog().write("Windows PowerShell", "Information", "PowerShell", 400, "started")
    rs = runspace_mod.Runspace(CollectingHost(), location=str(tmp_path))
    assert rs.run('Get-EventLog "Windows PowerShell" | ForEach-Object InstanceId') == [400]
