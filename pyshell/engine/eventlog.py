"""The engine's event log: one append-only JSON-lines file per log under the pyshell state directory.

Several pyshell processes (the REPL, job workers, remote agents) may write the same log at
once, so each entry is one ``write()`` of a whole line on an ``O_APPEND`` descriptor held under
``flock``. Get-EventLog reads these files; the engine records its lifecycle into
"Windows PowerShell" with the helpers at the bottom, modelled on Windows PowerShell's classic log.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import itertools
import json
import os
import socket
import threading
from collections.abc import Iterable
from typing import Any

__all__ = [
    "EventLog",
    "EventLogEntry",
    "DEFAULT_LOGS",
    "state_dir",
    "default_directory",
    "record_engine_start",
    "record_engine_stop",
    "record_provider_start",
    "lifecycle_message",
    "record_job_event",
    "JOB_EVENT_IDS",
]

#: Logs that always exist (empty until something writes them), with their size limit in KB.
DEFAULT_LOGS: dict[str, int] = {"Application": 20480, "System": 20480, "Windows PowerShell": 15360}
_OTHER_LOG_KB = 1028

#: Categories of the classic "Windows PowerShell" log, by number.
CATEGORIES = {1: "Engine Health", 2: "Command Health", 3: "Provider Health", 4: "Engine Lifecycle",
              5: "Command Lifecycle", 6: "Provider Lifecycle", 7: "Settings", 8: "Pipeline Execution Details"}


def state_dir() -> str:
    """pyshell's state directory: $PYSHELL_STATE_DIR, else $XDG_STATE_HOME/pyshell, else ~/.local/state/pyshell."""
    override = os.environ.get("PYSHELL_STATE_DIR")
    if override:
        return override
    xdg = os.environ.get("XDG_STATE_HOME")
    if xdg:
        return os.path.join(xdg, "pyshell")
    home = os.environ.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, ".local", "state", "pyshell")


def default_directory() -> str:
    return os.path.join(state_dir(), "eventlog")


class EventLogEntry:
    """One event, as Get-EventLog returns it (System.Diagnostics.EventLogEntry)."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Diagnostics.EventLogEntry", "System.ComponentModel.Component",
                                      "System.MarshalByRefObject", "System.Object")
    PS_PROPERTIES = ("EventID", "MachineName", "Data", "Index", "Category", "CategoryNumber", "EntryType", "Message",
                     "Source", "ReplacementStrings", "InstanceId", "TimeGenerated", "TimeWritten", "UserName", "Site",
                     "Container")

    def __init__(self, *, log: str, index: int, time: _dt.datetime, entry_type: str, source: str,
                 instance_id: int, message: str, machine: str = "", category: str = "(0)",
                 category_number: int = 0, user: str | None = None,
                 replacement_strings: Iterable[str] = ()) -> None:
        self.Log = log  #: the log the entry was read from (not a .NET property; used for type names)
        self.Index = index
        self.TimeGenerated = time
        self.TimeWritten = time
        self.EntryType = entry_type
        self.Source = source
        self.InstanceId = instance_id
        self.EventID = instance_id & 0x3FFFFFFF
        self.Message = message
        self.MachineName = machine
        self.Category = category
        self.CategoryNumber = category_number
        self.UserName = user
        self.ReplacementStrings = list(replacement_strings)
        self.Data: bytes = b""
        self.Site = None
        self.Container = None
        self.PS_TYPE_NAMES = (f"System.Diagnostics.EventLogEntry#{log}/{source}/{instance_id}",
                              f"System.Diagnostics.EventLogEntry#{log}/{source}") + EventLogEntry.PS_TYPE_NAMES

    def ps_to_string(self) -> str:
        return "System.Diagnostics.EventLogEntry"

    def __repr__(self) -> str:
        return f"EventLogEntry({self.Log!r}, {self.Index}, {self.InstanceId}, {self.Message[:30]!r})"


def _file_name(log_name: str) -> str:
    return log_name.replace("%", "%25").replace("/", "%2F") + ".jsonl"


def _log_name(file_name: str) -> str:
    return file_name[: -len(".jsonl")].replace("%2F", "/").replace("%25", "%")


class EventLog:
    """The event logs in one directory (default: ``<state dir>/eventlog``), safe across threads and processes.

    :param directory: where the ``<log>.jsonl`` files live.
    """

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_directory()
        self._lock = threading.Lock()
        self._sequence = itertools.count(1)  #: SequenceNumber in lifecycle messages

    def next_sequence(self) -> int:
        return next(self._sequence)

    # -- names ---------------------------------------------------------------------------
    def log_names(self) -> list[str]:
        """The default logs plus every log that has a file, default logs first."""
        names = list(DEFAULT_LOGS)
        try:
            files = sorted(os.listdir(self.directory))
        except OSError:
            files = []
        known = {n.casefold() for n in names}
        for f in files:
            if f.endswith(".jsonl") and _log_name(f).casefold() not in known:
                names.append(_log_name(f))
                known.add(_log_name(f).casefold())
        return names

    def canonical_name(self, log_name: str) -> str | None:
        """The stored spelling of log_name (case-insensitive), or None when no such log exists."""
        for name in self.log_names():
            if name.casefold() == log_name.casefold():
                return name
        return None

    def exists(self, log_name: str) -> bool:
        return self.canonical_name(log_name) is not None

    def path_for(self, log_name: str) -> str:
        return os.path.join(self.directory, _file_name(self.canonical_name(log_name) or log_name))

    def maximum_kilobytes(self, log_name: str) -> int:
        return DEFAULT_LOGS.get(self.canonical_name(log_name) or log_name, _OTHER_LOG_KB)

    # -- writing -------------------------------------------------------------------------
    def write(self, log_name: str, entry_type: str, source: str, instance_id: int, message: str, *,
              category: str = "(0)", category_number: int = 0, user: str | None = None,
              replacement_strings: Iterable[str] = ()) -> bool:
        """Append one entry; returns False (never raises) when the log cannot be written."""
        record = {
            "time": _dt.datetime.now(_dt.UTC).timestamp(), "type": entry_type, "source": source,
            "id": int(instance_id), "message": message, "category": category,
            "category_number": category_number, "machine": socket.gethostname(), "user": user,
            "strings": list(replacement_strings), "pid": os.getpid(),
        }
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        path = self.path_for(log_name)
        try:
            with self._lock:
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
                self._append(path, data, self.maximum_kilobytes(log_name) * 1024)
        except OSError:
            return False
        return True

    def _append(self, path: str, data: bytes, limit: int) -> None:
        fd = _open_locked(path)
        try:
            # another process may have rotated the file while we waited for the lock
            if os.fstat(fd).st_ino != _inode(path):
                os.close(fd)
                fd = -1
                fd = _open_locked(path)
            if os.fstat(fd).st_size + len(data) > limit > 0:
                os.replace(path, path + ".1")  # overwrite as needed: keep one older generation
                os.close(fd)
                fd = -1
                fd = _open_locked(path)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            if fd >= 0:
                os.close(fd)  # also releases the lock

    def clear(self, log_name: str) -> None:
        path = self.path_for(log_name)
        for p in (path + ".1", path):
            try:
                os.unlink(p)
            except FileNotFoundError:
                pass

    # -- reading -------------------------------------------------------------------------
    def read(self, log_name: str) -> list[EventLogEntry]:
        """Every entry of a log, oldest first; Index counts from 1. Unreadable lines are skipped."""
        name = self.canonical_name(log_name) or log_name
        path = self.path_for(name)
        entries: list[EventLogEntry] = []
        for p in (path + ".1", path):
            try:
                with open(p, encoding="utf-8", errors="replace") as fh:
                    lines = fh.readlines()
            except OSError:
                continue
            for line in lines:
                entry = _entry(name, len(entries) + 1, line)
                if entry is not None:
                    entries.append(entry)
        return entries


def _open_locked(path: str) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        raise
    return fd


def _inode(path: str) -> int:
    try:
        return os.stat(path).st_ino
    except OSError:
        return -1


def _entry(log: str, index: int, line: str) -> EventLogEntry | None:
    try:
        rec: dict[str, Any] = json.loads(line)
        time = _dt.datetime.fromtimestamp(float(rec["time"]))
        return EventLogEntry(log=log, index=index, time=time, entry_type=str(rec.get("type", "Information")),
                             source=str(rec.get("source", "")), instance_id=int(rec.get("id", 0)),
                             message=str(rec.get("message", "")), machine=str(rec.get("machine", "")),
                             category=str(rec.get("category", "(0)")),
                             category_number=int(rec.get("category_number", 0)), user=rec.get("user"),
                             replacement_strings=rec.get("strings") or ())
    except (ValueError, KeyError, TypeError):
        return None


# -- the engine's lifecycle events ----------------------------------------------------------

def lifecycle_message(headline: str, details: Iterable[tuple[str, Any]], sequence: int,
                      context: dict[str, Any] | None = None) -> str:
    """A message laid out like the classic log's: headline, Details, SequenceNumber, then the host context."""
    ctx = {"HostName": "ConsoleHost", "HostVersion": "", "HostId": "", "HostApplication": "",
           "EngineVersion": "", "RunspaceId": "", "PipelineId": "", "CommandName": "", "CommandType": "",
           "ScriptName": "", "CommandPath": "", "CommandLine": ""}
    ctx.update({k: v for k, v in (context or {}).items() if v is not None})
    lines = [f"{headline} ", "", "Details: "]
    lines += [f"\t{k}={v}" for k, v in details]
    lines += ["", f"\tSequenceNumber={sequence}", ""]
    lines += [f"\t{k}={v}" for k, v in ctx.items()]
    return "\n".join(lines)


def _context(kwargs: dict[str, Any]) -> dict[str, Any]:
    from pyshell import __version__

    names = {"host_name": "HostName", "host_version": "HostVersion", "host_id": "HostId",
             "host_application": "HostApplication", "engine_version": "EngineVersion", "runspace_id": "RunspaceId",
             "command_line": "CommandLine"}
    ctx: dict[str, Any] = {"HostVersion": __version__, "EngineVersion": __version__}
    for key, value in kwargs.items():
        ctx[names.get(key, key)] = value
    return ctx


def record_engine_start(log: EventLog, **context: Any) -> bool:
    """Event 400: "Engine state is changed from None to Available." Context: host_name, runspace_id, ..."""
    msg = lifecycle_message("Engine state is changed from None to Available.",
                            [("NewEngineState", "Available"), ("PreviousEngineState", "None")],
                            log.next_sequence(), _context(context))
    return log.write("Windows PowerShell", "Information", "PowerShell", 400, msg,
                     category=CATEGORIES[4], category_number=4, replacement_strings=["Available", "None"])


def record_engine_stop(log: EventLog, **context: Any) -> bool:
    """Event 403: "Engine state is changed from Available to Stopped." """
    msg = lifecycle_message("Engine state is changed from Available to Stopped.",
                            [("NewEngineState", "Stopped"), ("PreviousEngineState", "Available")],
                            log.next_sequence(), _context(context))
    return log.write("Windows PowerShell", "Information", "PowerShell", 403, msg,
                     category=CATEGORIES[4], category_number=4, replacement_strings=["Stopped", "Available"])


def record_provider_start(log: EventLog, provider: str = "FileSystem", **context: Any) -> bool:
    """Event 600: 'Provider "FileSystem" is Started.' """
    msg = lifecycle_message(f'Provider "{provider}" is Started.',
                            [("ProviderName", provider), ("NewProviderState", "Started")],
                            log.next_sequence(), _context(context))
    return log.write("Windows PowerShell", "Information", "PowerShell", 600, msg,
                     category=CATEGORIES[6], category_number=6, replacement_strings=[provider, "Started"])


#: Event ids of job entries (pyshell's own; the classic log has none for jobs): by the state reached.
JOB_EVENT_IDS: dict[str, int] = {"Running": 410, "Completed": 411, "Failed": 412, "Stopped": 413}


def record_job_event(log: EventLog, job: Any, what: str, **context: Any) -> bool:
    """A job started (`what="start"`) or finished (`"finish"`: Completed, Failed or Stopped, with the reason).

    Written to "Windows PowerShell" by the runspace that owns the job. `job` is any job object
    (Id, Name, InstanceId, PSJobTypeName, Location, Command, JobStateInfo, ChildJobs); for a parent
    job that failed without a reason of its own, the first failed child's reason is given.
    """
    state = "Running" if what == "start" else str(getattr(job.JobStateInfo.State, "value", job.JobStateInfo.State))
    previous = "NotStarted" if what == "start" else str(getattr(getattr(job, "previous_state_info", None), "State",
                                                                 "Running"))
    previous = str(getattr(previous, "value", previous))
    reason = _job_reason(job) if state == "Failed" else ""
    details: list[tuple[str, Any]] = [
        ("JobId", job.Id), ("JobName", job.Name), ("JobInstanceId", job.InstanceId),
        ("JobTypeName", job.PSJobTypeName), ("Location", job.Location),
        ("Command", " ".join(str(job.Command).split())),
        ("NewJobState", state), ("PreviousJobState", previous),
    ]
    if reason:
        details.append(("Reason", reason))
    msg = lifecycle_message(f"Job state is changed from {previous} to {state}.", details, log.next_sequence(),
                            _context(context))
    return log.write("Windows PowerShell", "Error" if state == "Failed" else "Information", "PowerShell",
                     JOB_EVENT_IDS.get(state, 410), msg, category=CATEGORIES[4], category_number=4,
                     replacement_strings=[state, previous, str(job.Name), str(job.Id), reason])


def _job_reason(job: Any) -> str:
    for j in [job, *getattr(job, "ChildJobs", [])]:
        reason = getattr(j.JobStateInfo, "Reason", None)
        if reason is not None:
            text = getattr(reason, "Message", None)
            return " ".join(str(text if text is not None else reason).split())
    return ""
