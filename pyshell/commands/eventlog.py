"""Get-EventLog: pyshell's own event logs, and the host's system log for "System" and "Application".

"Windows PowerShell" (and any other log pyshell wrote) comes from the engine's store
(engine/eventlog.py). "System" reads the systemd journal (``journalctl -o json``) when it is
there and readable, else /var/log/syslog or /var/log/messages; "Application" reads the user's
journal. What pyshell itself wrote to those logs (the agent's session events) is merged in by
time, and is all there is when the host has neither. Entries come newest first, as in pwsh.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import json
import os
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from typing import Any

from pyshell.commands.filesystem import as_list, item_error
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_number, to_string
from pyshell.engine.eventlog import EventLog, EventLogEntry
from pyshell.engine.items import WildcardPattern, has_wildcard
from pyshell.errors import PyshellError

__all__ = ["GetEventLog", "EventLogInfo", "SYSLOG_FILES", "journal_entries", "syslog_entries"]

#: Syslog files tried for "System" when there is no readable journal, in order.
SYSLOG_FILES = ("/var/log/syslog", "/var/log/messages")
_ENTRY_TYPES = ("Error", "Information", "FailureAudit", "SuccessAudit", "Warning")
_LOCAL_NAMES = (".", "localhost", "127.0.0.1", "::1")


def _store(runspace: Any) -> EventLog:
    log = getattr(runspace, "event_log", None)
    return log if isinstance(log, EventLog) else EventLog()


# -- the host's logs ------------------------------------------------------------------------

_FACILITIES = ("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
               "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3",
               "local4", "local5", "local6", "local7")


def _priority_type(priority: int) -> str:
    return "Error" if priority <= 3 else "Warning" if priority == 4 else "Information"


def _journal_entry(log: str, rec: dict[str, Any]) -> EventLogEntry:
    message = rec.get("MESSAGE", "")
    if isinstance(message, list):  # binary messages come as a list of byte values
        message = bytes(b for b in message if isinstance(b, int)).decode("utf-8", errors="replace")
    facility_text = str(rec.get("SYSLOG_FACILITY", ""))
    facility = int(facility_text) if facility_text.isdigit() else -1
    user = None
    if str(rec.get("_UID", "")).isdigit():
        import pwd

        try:
            user = pwd.getpwuid(int(rec["_UID"])).pw_name
        except KeyError:
            user = str(rec["_UID"])
    source = rec.get("SYSLOG_IDENTIFIER") or rec.get("_COMM") or (
        "kernel" if rec.get("_TRANSPORT") == "kernel" else "")
    micros = int(rec.get("__REALTIME_TIMESTAMP", 0) or 0)
    return EventLogEntry(
        log=log, index=int(rec.get("__SEQNUM", 0) or 0),
        time=_dt.datetime.fromtimestamp(micros / 1_000_000), entry_type=_priority_type(int(rec.get("PRIORITY", 6))),
        source=str(source), instance_id=0, message=str(message), machine=str(rec.get("_HOSTNAME", "")),
        category=_FACILITIES[facility] if 0 <= facility < len(_FACILITIES) else "(0)",
        category_number=max(facility, 0), user=user)


def journal_entries(log: str, user_scope: bool, after: _dt.datetime | None = None) -> Iterator[EventLogEntry] | None:
    """The journal newest first, or None when journalctl is missing or shows nothing readable."""
    exe = shutil.which("journalctl")
    if exe is None:
        return None
    argv = [exe, "-o", "json", "--no-pager", "-r", "--user" if user_scope else "--system"]
    if after is not None:
        argv += ["--since", after.strftime("%Y-%m-%d %H:%M:%S")]
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if not first.strip():
        proc.kill()
        proc.wait()
        return None
    return _journal_stream(log, proc, first)


def _journal_stream(log: str, proc: subprocess.Popen[bytes], first: bytes) -> Iterator[EventLogEntry]:
    assert proc.stdout is not None
    try:
        line = first
        while line:
            try:
                yield _journal_entry(log, json.loads(line))
            except (ValueError, TypeError):
                pass
            line = proc.stdout.readline()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


_SYSLOG_LINE = re.compile(
    r"^(?P<ts>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)"
    r"\s+(?P<host>\S+)\s+(?P<tag>[^:\[\s]+)(?:\[(?P<pid>\d+)\])?:\s?(?P<msg>.*)$")
_ERROR_WORDS = re.compile(r"\b(error|errors|fail|failed|failure|fatal|critical|crit|emerg|alert|panic)\b", re.I)
_WARNING_WORDS = re.compile(r"\b(warn|warning|warnings)\b", re.I)


def _syslog_time(text: str) -> _dt.datetime:
    if text[:4].isdigit():
        stamp = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return stamp.astimezone().replace(tzinfo=None) if stamp.tzinfo else stamp
    now = _dt.datetime.now()
    stamp = _dt.datetime.strptime(f"{now.year} {text}", "%Y %b %d %H:%M:%S")
    return stamp.replace(year=now.year - 1) if stamp > now + _dt.timedelta(days=1) else stamp


def _syslog_entry(log: str, index: int, line: str) -> EventLogEntry | None:
    m = _SYSLOG_LINE.match(line)
    if not m:
        return None
    try:
        when = _syslog_time(m.group("ts"))
    except ValueError:
        return None
    msg = m.group("msg")
    kind = "Error" if _ERROR_WORDS.search(msg) else "Warning" if _WARNING_WORDS.search(msg) else "Information"
    return EventLogEntry(log=log, index=index, time=when, entry_type=kind, source=m.group("tag"), instance_id=0,
                         message=msg, machine=m.group("host"))


def syslog_entries(log: str) -> Iterator[EventLogEntry] | None:
    """The first readable syslog file, newest line first; None when there is none."""
    for path in SYSLOG_FILES:
        if os.path.isfile(path) and os.access(path, os.R_OK):
            return _syslog_stream(log, path)
    return None


def _syslog_stream(log: str, path: str) -> Iterator[EventLogEntry]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return
    for number in range(len(lines), 0, -1):
        entry = _syslog_entry(log, number, lines[number - 1])
        if entry is not None:
            yield entry


# -- the command ----------------------------------------------------------------------------

class EventLogInfo:
    """A log as Get-EventLog -List shows it (System.Diagnostics.EventLog)."""

    PS_TYPE_NAMES = ("System.Diagnostics.EventLog", "System.ComponentModel.Component", "System.MarshalByRefObject",
                     "System.Object")
    PS_PROPERTIES = ("Entries", "Log", "LogDisplayName", "MachineName", "MaximumKilobytes", "OverflowAction",
                     "MinimumRetentionDays", "EnableRaisingEvents", "Source")

    def __init__(self, name: str, store: EventLog, runspace: Any) -> None:
        self.Log = self.LogDisplayName = name
        self.MachineName = "."
        self.MaximumKilobytes = store.maximum_kilobytes(name)
        self.OverflowAction = "OverwriteAsNeeded"
        self.MinimumRetentionDays = 0
        self.EnableRaisingEvents = False
        self.Source = ""
        self._store = store

    @property
    def Entries(self) -> list[EventLogEntry]:  # noqa: N802
        return list(reversed(list(_entries(self.Log, self._store))))

    def ps_to_string(self) -> str:
        return "System.Diagnostics.EventLog"


def _entries(log: str, store: EventLog, after: _dt.datetime | None = None) -> Iterator[EventLogEntry]:
    """A log's entries, newest first: the host's journal or syslog for System/Application (with pyshell's
    own entries of that log merged in by time), else the store."""
    host: Iterator[EventLogEntry] | None = None
    if log.casefold() == "system":
        host = journal_entries(log, False, after) or syslog_entries(log)
    elif log.casefold() == "application":
        host = journal_entries(log, True, after)
    own: Iterator[EventLogEntry] = reversed(store.read(log))
    if host is None:
        return own
    return heapq.merge(host, own, key=lambda e: e.TimeGenerated, reverse=True)


@command("Get-EventLog", default_set="LogName")
class GetEventLog(Cmdlet):
    """Gets the events in an event log, or a list of the event logs."""

    LogName = Param("string", position=0, mandatory=True, aliases=("LN",), sets=("LogName",))
    InstanceId = Param("long[]", position=1, sets=("LogName",))
    ComputerName = Param("string[]", aliases=("Cn",))
    Newest = Param("int", sets=("LogName",))
    After = Param("datetime", sets=("LogName",))
    Before = Param("datetime", sets=("LogName",))
    UserName = Param("string[]", sets=("LogName",))
    Index = Param("int[]", sets=("LogName",))
    EntryType = Param("string[]", aliases=("ET",), validate_set=_ENTRY_TYPES, sets=("LogName",))
    Source = Param("string[]", aliases=("ABO",), sets=("LogName",))
    Message = Param("string", aliases=("MSG",), sets=("LogName",))
    AsBaseObject = Param("switch", sets=("LogName",))
    List = Param("switch", sets=("List",))
    AsString = Param("switch", sets=("List",))

    def begin(self) -> Iterator[Any]:
        for computer in as_list(self.ComputerName):
            name = to_string(computer)
            if name.casefold() not in _LOCAL_NAMES and name.casefold() != socket.gethostname().casefold():
                raise PyshellError(f"The network path was not found: '{name}'. Get-EventLog reads this computer's "
                                   "logs only; use Invoke-Command to read another computer's.",
                                   error_id="System.InvalidOperationException", category="NotSpecified",
                                   reason="InvalidOperationException")
        store = _store(self.runspace)
        if self.List or not self.is_bound("LogName"):
            for name in store.log_names():
                yield name if self.AsString else EventLogInfo(name, store, self.runspace)
            return
        log_name = to_string(self.LogName)
        if has_wildcard(log_name):
            pattern = WildcardPattern(log_name)
            matching = [n for n in store.log_names() if pattern.match(n)]
            if len(matching) != 1:
                yield from (EventLogInfo(n, store, self.runspace) for n in matching)
                return
            log_name = matching[0]
        canonical = store.canonical_name(log_name)
        if canonical is None:
            raise item_error(f"The event log '{log_name}' on computer '.' does not exist.", "EventLogNotFound",
                             "ObjectNotFound", log_name, "InvalidOperationException")
        yield from self._events(canonical, store)

    def _events(self, log: str, store: EventLog) -> Iterator[Any]:
        newest = int(to_number(self.Newest)) if self.is_bound("Newest") else 2**31 - 1
        if newest < 0:
            raise PyshellError(f"Cannot validate argument on parameter 'Newest'. The {newest} argument is less than the "
                               "minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and "
                               "then try the command again.", error_id="ParameterArgumentValidationError",
                               category="InvalidData", reason="ParameterBindingValidationException")
        if newest == 0:
            return
        self.throw_if_none = True
        self.after, self.before = self._date("After"), self._date("Before")
        found = 0
        for entry in _entries(log, store, self.after):
            self.check_stop()
            if not self._matches(entry):
                continue
            if self.AsBaseObject:
                entry.PS_TYPE_NAMES = EventLogEntry.PS_TYPE_NAMES
            yield entry
            found += 1
            if found >= newest:
                break
        if not found and self.throw_if_none:
            self.write_error(PyshellError("No matches found", error_id="GetEventLogNoEntriesFound",
                                          category="ObjectNotFound", reason="ArgumentException"))

    def _date(self, name: str) -> _dt.datetime | None:
        value = self.bound.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            from pyshell.engine.types import parse_datetime

            value = parse_datetime(value)
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value

    def _matches(self, entry: EventLogEntry) -> bool:
        """Get-EventLog's FiltersMatch, including when a miss is not reported as "No matches found"."""
        if self.is_bound("Index") and entry.Index not in [int(to_number(i)) for i in as_list(self.Index)]:
            return False
        if self.is_bound("InstanceId") and entry.InstanceId not in [int(to_number(i)) for i in as_list(self.InstanceId)]:
            return False
        if self.is_bound("EntryType") and entry.EntryType.casefold() not in [
                to_string(t).casefold() for t in as_list(self.EntryType)]:
            return False
        if self.is_bound("Source"):
            sources = [to_string(s) for s in as_list(self.Source)]
            if any(has_wildcard(s) for s in sources):
                self.throw_if_none = False
            if not any(WildcardPattern(s).match(entry.Source) for s in sources):
                return False
        if self.Message is not None:
            text = to_string(self.Message)
            if has_wildcard(text):
                self.throw_if_none = False
            if not WildcardPattern(text).match(entry.Message):
                return False
        if self.is_bound("UserName"):
            self.throw_if_none = False
            if entry.UserName is None or not any(WildcardPattern(to_string(u)).match(entry.UserName)
                                                 for u in as_list(self.UserName)):
                return False
        return self._in_dates(entry.TimeGenerated)

    def _in_dates(self, when: _dt.datetime) -> bool:
        after, before = self.after, self.before
        if after is None and before is None:
            return True
        self.throw_if_none = False
        if after is not None and before is not None and after >= before:
            return when > after or when < before
        return (after is None or when > after) and (before is None or when < before)
