"""The session history as pwsh keeps it: ids keep counting after Clear-History, Add-History records the running
line before its own entries, and Invoke-History records the line it re-ran instead of itself."""

from __future__ import annotations

import datetime as _dt
from typing import Any

__all__ = ["add_entry", "begin_line", "finish_line", "record_running_line", "replace_running_line"]


def add_entry(rs: Any, line: str, status: str, start: _dt.datetime, end: _dt.datetime | None = None) -> Any:
    """Append a HistoryInfo with the next id (ids are never reused in a session)."""
    from pyshell.engine.runspace import HistoryInfo

    last = getattr(rs, "history_last_id", 0)
    if rs.history:
        last = max(last, rs.history[-1].Id)
    rs.history_last_id = last + 1
    entry = HistoryInfo(last + 1, line, status, start, end or _dt.datetime.now())
    rs.history.append(entry)
    return entry


def begin_line(rs: Any, text: str, start: _dt.datetime) -> None:
    """A typed line starts: it is recorded when it ends (or earlier, by Add-History)."""
    rs.history_pending = (text, start)


def record_running_line(rs: Any) -> None:
    """Add-History: the running line goes into the history now, before the entries Add-History adds."""
    pending = getattr(rs, "history_pending", None)
    if isinstance(pending, tuple) and pending[0].strip():
        rs.history_pending = add_entry(rs, pending[0].rstrip("\n"), "Running", pending[1])


def replace_running_line(rs: Any, line: str) -> None:
    """Invoke-History: the running line is recorded as the command it re-ran."""
    pending = getattr(rs, "history_pending", None)
    if isinstance(pending, tuple):
        rs.history_pending = (line, pending[1])


def finish_line(rs: Any, status: str) -> None:
    """The typed line ended: record it (or complete the entry Add-History made for it)."""
    pending = getattr(rs, "history_pending", None)
    rs.history_pending = None
    if isinstance(pending, tuple):
        if pending[0].strip():
            add_entry(rs, pending[0].rstrip("\n"), status, pending[1])
    elif pending is not None:
        pending.ExecutionStatus = status
        pending.EndExecutionTime = _dt.datetime.now()
        pending.Duration = pending.EndExecutionTime - pending.StartExecutionTime
