"""History cmdlets: Get-History, Add-History, Invoke-History and Clear-History over the runspace's history."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from pyshell.engine import history as _history
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, get_property, unwrap
from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["GetHistory", "AddHistory", "InvokeHistory", "ClearHistory"]

_STATES = ("NotStarted", "Running", "Stopping", "Stopped", "Completed", "Failed", "Disconnected")


def _range_check(param: str, values: Iterable[int], low: int, high: int) -> None:
    """[ValidateRange(low, high)] as pwsh reports it (ParameterArgumentValidationError)."""
    for v in values:
        if v < low:
            detail = f"The {v} argument is less than the minimum allowed range of {low}. Supply an argument that " \
                     f"is greater than or equal to {low} and then try the command again."
        elif v > high:
            detail = f"The {v} argument is greater than the maximum allowed range of {high}. Supply an argument " \
                     f"that is less than or equal to {high} and then try the command again."
        else:
            continue
        raise ParameterBindingError(f"Cannot validate argument on parameter '{param}'. {detail}",
                                    error_id="ParameterArgumentValidationError", category="InvalidData")


def _not_found(hid: int, error_id: str) -> PyshellError:
    return PyshellError(f"Cannot locate the history for Id {hid}.", error_id=error_id, category="ObjectNotFound",
                        target=hid, reason="ArgumentException")


@command("Get-History", aliases=("h", "history", "ghy"))
class GetHistory(Cmdlet):
    """Gets the commands entered in this session (the newest -Count ones, or those with the given ids)."""

    Id = Param("long[]", position=0, pipeline=True)
    Count = Param("int", position=1)

    def process(self) -> Iterable[Any]:
        hist = list(self.runspace.history)
        if self.Id is not None:
            _range_check("Id", [int(i) for i in self.Id], 1, 2**63 - 1)
        if self.is_bound("Count"):
            _range_check("Count", [int(self.Count)], 0, 32767)
        if self.Id is None:
            count = int(self.Count) if self.is_bound("Count") else 4096
            return hist[-count:] if count else []
        if not self.is_bound("Count"):
            out = []
            for i in (int(x) for x in self.Id):
                entry = next((h for h in hist if h.Id == i), None)
                if entry is None:
                    self.write_error(_not_found(i, "GetHistoryNoHistoryForId"))
                else:
                    out.append(entry)
            return out
        if len(self.Id) > 1:
            raise PyshellError("The count cannot be combined with multiple Ids.",
                               error_id="GetHistoryNoCountWithMultipleIds", category="InvalidArgument",
                               target=self.Count, reason="ArgumentException")
        upto = [h for h in hist if h.Id <= int(self.Id[0])]  # -Count entries ending at that id
        return upto[-int(self.Count):] if self.Count else []


def _read_state(value: Any) -> str | None:
    value = unwrap(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _STATES[value] if 0 <= value < len(_STATES) else None
    text = to_string(value)
    return next((s for s in _STATES if s.lower() == text.strip().lower()), None)


def _read_time(value: Any) -> _dt.datetime | None:
    value = unwrap(value)
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str):
        from pyshell.engine.types import parse_datetime

        try:
            return parse_datetime(value)
        except Exception:  # noqa: BLE001 - any unparsable text is the cmdlet's AddHistoryInvalidInput
            return None
    return None


@command("Add-History")
class AddHistory(Cmdlet):
    """Adds entries (objects with a HistoryInfo's properties, e.g. from Import-Csv) to the session history."""

    InputObject = Param("object[]", position=0, pipeline=True)
    Passthru = Param("switch")

    def begin(self) -> Iterable[Any]:
        _history.record_running_line(self.runspace)  # the running line's entry comes before the added ones
        return ()

    def process(self) -> Iterable[Any]:
        for obj in self.InputObject or ():
            fields = [get_property(obj, n) if obj is not None else MISSING
                      for n in ("CommandLine", "ExecutionStatus", "StartExecutionTime", "EndExecutionTime")]
            line = unwrap(fields[0])
            state = _read_state(fields[1]) if fields[1] not in (MISSING, None) else None
            start = _read_time(fields[2]) if fields[2] is not MISSING else None
            end = _read_time(fields[3]) if fields[3] is not MISSING else None
            if not isinstance(line, str) or state is None or start is None or end is None:
                self.write_error(PyshellError(
                    "Cannot add history because the input object has a format that is not valid.",
                    error_id="AddHistoryInvalidInput", category="InvalidData", target=obj,
                    reason="InvalidDataException"))
                continue
            entry = _history.add_entry(self.runspace, line, state, start, end)
            if self.Passthru:
                yield entry


@command("Invoke-History", aliases=("r", "ihy"))
class InvokeHistory(Cmdlet):
    """Runs a command from the session history again (the last one, one by id, or the newest starting with text)."""

    Id = Param("string", position=0, by_property_name=True)
    supports_should_process = True
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))

    def begin(self) -> Iterable[Any]:
        self._ids: list[str] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.Id is not None:
            self._ids.append(to_string(self.Id))
        return ()

    def end(self) -> Iterable[Any]:
        if len(self._ids) > 1:
            raise PyshellError("Cannot process multiple history commands. You can only run a single command by "
                               "using Invoke-History.", error_id="InvokeHistoryMultipleCommandsError",
                               category="InvalidArgument", reason="ArgumentException")
        entry = self._entry(self._ids[0] if self._ids else None)
        active = getattr(self.runspace, "invoke_history_active", set())
        if entry.Id in active:
            raise PyshellError("The Invoke-History cmdlet is called repeatedly, in a loop.",
                               error_id="InvokeHistoryLoopDetected", category="InvalidOperation",
                               reason="InvalidOperationException")
        _history.replace_running_line(self.runspace, entry.CommandLine)
        if _what_if(self, "Invoke-History", entry.CommandLine):
            return
        self.write_host(entry.CommandLine)  # pwsh echoes the command it runs
        from pyshell.engine.scriptblock import ScriptBlock

        self.runspace.invoke_history_active = active | {entry.Id}
        try:
            yield from self.runspace.invoke_iter(ScriptBlock.create(entry.CommandLine), new_scope=False)
        finally:
            self.runspace.invoke_history_active = active

    def _entry(self, ident: str | None) -> Any:
        hist = list(self.runspace.history)
        if ident is None:
            if not hist:
                raise PyshellError("Cannot locate most recent history.", error_id="InvokeHistoryNoLastHistoryEntryFound",
                                   category="InvalidOperation", reason="InvalidOperationException")
            return hist[-1]
        try:
            hid = int(ident.strip())
        except ValueError:
            found = next((h for h in reversed(hist) if h.CommandLine.startswith(ident)), None)
            if found is None:
                raise PyshellError(f"Cannot locate the history for command line {ident}.",
                                   error_id="InvokeHistoryNoHistoryForCommandline", category="ObjectNotFound",
                                   target=ident, reason="ArgumentException") from None
            return found
        if hid <= 0:
            raise PyshellError(f"The identifier {hid} is not a valid value for a History identifier. Specify a "
                               "positive number, and then try again.", error_id="InvokeHistoryInvalidIdGetHistory",
                               category="InvalidArgument", target=hid, reason="ArgumentOutOfRangeException")
        found = next((h for h in hist if h.Id == hid), None)
        if found is None:
            raise _not_found(hid, "InvokeHistoryNoHistoryForId")
        return found


@command("Clear-History", aliases=("clhy",), default_set="IDParameter")
class ClearHistory(Cmdlet):
    """Deletes entries from the session history: all, by id, by command line, or -Count oldest (-Newest)."""

    Id = Param("int[]", position=0, sets=("IDParameter",))
    CommandLine = Param("string[]", sets=("CommandLineParameter",))
    Count = Param("int", position=1)
    Newest = Param("switch")
    supports_should_process = True
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))

    def process(self) -> Iterable[Any]:
        rs = self.runspace
        if self.Id is not None:
            _range_check("Id", [int(i) for i in self.Id], 1, 2**31 - 1)
        if self.is_bound("Count"):
            _range_check("Count", [int(self.Count)], 1, 2**31 - 1)
        if self.CommandLine is not None and any(c in (None, "") for c in self.CommandLine):
            raise ParameterBindingError(
                "Cannot validate argument on parameter 'CommandLine'. The argument is null or empty. Provide an "
                "argument that is not null or empty, and then try the command again.",
                error_id="ParameterArgumentValidationError", category="InvalidData")
        if self.Id is None and self.CommandLine is None and not self.is_bound("Count") and _what_if(
                self, "Clear-History", "This command will clear all the entries from the session history."):
            return ()  # pwsh asks ShouldProcess only before clearing everything
        hist = list(rs.history)
        doomed = self._doomed(hist)
        rs.history[:] = [h for h in hist if all(h is not d for d in doomed)]
        return ()

    def _doomed(self, hist: list[Any]) -> list[Any]:
        count = int(self.Count) if self.is_bound("Count") else None
        if self.Id is not None:
            if count is not None and len(self.Id) > 1:
                raise PyshellError("The count cannot be combined with multiple Ids.",
                                   error_id="GetHistoryNoCountWithMultipleIds", category="InvalidArgument",
                                   target=count, reason="ArgumentException")
            out = []
            for i in (int(x) for x in self.Id):
                at = next((k for k, h in enumerate(hist) if h.Id == i), None)
                if at is None:
                    self.write_error(_not_found(i, "GetHistoryNoHistoryForId"))  # pwsh's id here too
                    continue
                # with -Count: that many entries ending at (or, -Newest, starting from) the id
                if count is None:
                    out.append(hist[at])
                else:
                    out += hist[at:at + count] if self.Newest else hist[max(0, at - count + 1):at + 1]
            return out
        if self.CommandLine is not None:
            return self._by_command_line(hist, count)
        if count is None:
            return hist
        return hist[-count:] if self.Newest else hist[:count]

    def _by_command_line(self, hist: list[Any], count: int | None) -> list[Any]:
        """Entries matching a (wildcard) command line: the oldest one (-Newest: newest), -Count of them, or
        every match for a wildcard pattern without -Count; no match is no error."""
        from pyshell.engine.operators import like

        if count is not None and len(self.CommandLine) > 1:
            raise PyshellError("The count cannot be combined with multiple CommandLine parameters.",
                               error_id="NoCountWithMultipleCmdLine ", category="InvalidArgument",
                               target=self.CommandLine, reason="ArgumentException")
        out: list[Any] = []
        for text in self.CommandLine:
            hits = [h for h in hist if like(h.CommandLine, text)]
            n = count if count is not None else (len(hits) if any(c in text for c in "*?[") else 1)
            out += hits[-n:] if self.Newest else hits[:n]
        return out


def _what_if(cmdlet: Cmdlet, action: str, target: str) -> bool:
    """-WhatIf (or $WhatIfPreference): print pwsh's "What if:" line and report that nothing is to be done."""
    from pyshell.engine.conversions import to_bool

    whatif = cmdlet.bound.get("WhatIf")
    if whatif is None:
        pref = cmdlet.runspace.get_variable("WhatIfPreference")
        whatif = pref not in (None, MISSING) and to_bool(pref)
    if to_bool(whatif):
        cmdlet.write_host(f'What if: Performing the operation "{action}" on target "{target}".')
        return True
    return False
