"""Stream routing: preferences (-ErrorAction, $WarningPreference...), -XxxVariable and redirections.

Every command invocation writes its non-output streams through a StreamSinks. A sinks object
decides whether a record is shown (preferences), then routes it: merged into the output
(2>&1), into a file or $null, or up to its parent and finally to the host.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from pyshell.engine.objects import MISSING
from pyshell.engine.records import (
    DebugRecord,
    ErrorRecord,
    InformationRecord,
    VerboseRecord,
    WarningRecord,
)
from pyshell.errors import PyshellError

if TYPE_CHECKING:
    from pyshell.engine.runspace import Runspace

__all__ = ["StreamSinks", "ActionPreferenceStopError", "STREAM_NAMES"]

#: redirection stream numbers -> stream names
STREAM_NAMES = {"1": "Output", "2": "Error", "3": "Warning", "4": "Verbose", "5": "Debug", "6": "Information"}
_PREF_VARS = {
    "Error": ("ErrorActionPreference", "Continue"),
    "Warning": ("WarningPreference", "Continue"),
    "Verbose": ("VerbosePreference", "SilentlyContinue"),
    "Debug": ("DebugPreference", "SilentlyContinue"),
    "Information": ("InformationPreference", "SilentlyContinue"),
    "Progress": ("ProgressPreference", "Continue"),
}


def _stopped(variable: str, message: str) -> ActionPreferenceStopError:
    """The error a Stop preference for the warning/verbose/debug stream ends the command with."""
    return ActionPreferenceStopError(None, f'The running command stopped because the preference variable '
                                     f'"{variable}" or common parameter is set to Stop: {message}')


class ActionPreferenceStopError(PyshellError):
    """A non-terminating error made terminating by -ErrorAction Stop (or a warning by -WarningAction Stop)."""

    ps_type_name = "System.Management.Automation.ActionPreferenceStopException"
    default_error_id = "ActionPreferenceStop"

    def __init__(self, record: ErrorRecord | None, message: str | None = None) -> None:
        super().__init__(message or (record.message if record else ""))
        self.script_terminating = True
        if record is not None:
            self.error_record = record
            self.command = record.command
            self.span = record.error.span


class StreamSinks:
    """Routing of the error, warning, verbose, debug, information and progress streams."""

    def __init__(self, runspace: Runspace, parent: StreamSinks | None = None) -> None:
        self.runspace = runspace
        self.parent = parent
        self.overrides: dict[str, str] = {}  #: stream -> ActionPreference from common parameters
        self.variables: dict[str, tuple[str, bool]] = {}  #: stream -> (variable name, append)
        self.variable_lists: dict[str, list[Any]] = {}  #: stream -> the list that variable was given
        self.to_output: set[str] = set()  #: streams merged into the output (2>&1)
        self.to_null: set[str] = set()
        self.to_file: dict[str, list[Any]] = {}  #: stream -> collected records for a file redirection
        self.merged: deque[Any] = deque()  #: merged records waiting to join the output
        self.error_written = False
        #: a command that is not the last of its pipeline: what it writes reaches its own -ErrorVariable
        #: but not the enclosing function's (pwsh adds those lists to the pipe the function outputs to)
        self.variables_stop = False

    def derive(self) -> StreamSinks:
        return StreamSinks(self.runspace, self)

    # -- decisions -------------------------------------------------------------------------
    def preference(self, stream: str) -> str:
        sinks: StreamSinks | None = self
        while sinks is not None:
            p = sinks.overrides.get(stream)
            if p is not None:
                return p
            sinks = sinks.parent
        var, default = _PREF_VARS[stream]
        v = self.runspace.get_variable(var)
        if v is MISSING or v is None:
            return default
        return str(v)

    def _collect_variable(self, stream: str, record: Any) -> None:
        sinks: StreamSinks | None = self
        while sinks is not None:
            entry = sinks.variables.get(stream)
            if entry is not None:
                lst = sinks.variable_lists.get(stream)
                if lst is None:
                    name, _append = entry
                    current = self.runspace.get_variable(name)
                    lst = current if isinstance(current, list) else []
                    self.runspace.set_variable(name, lst)
                lst.append(record)
            if sinks.variables_stop:
                break
            sinks = sinks.parent

    def record_caught(self, record: Any) -> None:
        """A terminating error a catch block handled: -ErrorVariable lists still get it (not the error stream)."""
        self._collect_variable("Error", record)

    def _route(self, stream: str, record: Any) -> None:
        sinks: StreamSinks | None = self
        while sinks is not None:
            if stream in sinks.to_null:
                return
            if stream in sinks.to_output:
                sinks.merged.append(record)
                return
            if stream in sinks.to_file:
                sinks.to_file[stream].append(record)
                return
            sinks = sinks.parent
        host = self.runspace.host
        {"Error": host.write_error, "Warning": host.write_warning, "Verbose": host.write_verbose,
         "Debug": host.write_debug, "Information": host.write_information}[stream](record)

    def _mark_error(self) -> None:
        sinks: StreamSinks | None = self
        while sinks is not None:
            sinks.error_written = True
            sinks = sinks.parent
        self.runspace.last_error_flag = True

    # -- the streams ----------------------------------------------------------------------
    def error(self, record: ErrorRecord) -> None:
        action = self.preference("Error")
        low = action.lower()
        if low == "ignore":
            return
        self._mark_error()
        self.runspace.add_error(record)
        if low == "stop":  # -ErrorVariable gets the ActionPreferenceStopException, as in pwsh
            from pyshell.engine.exceptions import action_preference_stop

            self._collect_variable("Error", action_preference_stop(record))
        else:
            self._collect_variable("Error", record)
        if low == "stop":
            raise ActionPreferenceStopError(record, f"The running command stopped because the preference variable "
                                            f'"ErrorActionPreference" or common parameter is set to Stop: {record.message}'
                                            if False else record.message)
        if low == "silentlycontinue":
            return
        self._route("Error", record)

    def warning(self, message: str) -> None:
        action = self.preference("Warning").lower()
        if action == "ignore":
            return
        record = WarningRecord(message)
        self._collect_variable("Warning", record)
        if action == "silentlycontinue":
            return
        self._route("Warning", record)
        if action == "stop":  # the warning is shown, then the command stops
            raise _stopped("WarningPreference", message)

    def verbose(self, message: str) -> None:
        action = self.preference("Verbose").lower()
        if action in ("continue", "inquire", "stop"):
            self._route("Verbose", VerboseRecord(message))
        if action == "stop":
            raise _stopped("VerbosePreference", message)

    def debug(self, message: str) -> None:
        action = self.preference("Debug").lower()
        if action in ("continue", "inquire", "stop"):
            self._route("Debug", DebugRecord(message))
        if action == "stop":
            raise _stopped("DebugPreference", message)

    def information(self, data: Any, tags: list[str], source: str) -> None:
        record = data if isinstance(data, InformationRecord) else InformationRecord(data, source, tags)
        self._collect_variable("Information", record)
        if record.host_text is not None:
            # Write-Host: shown unless InformationAction says otherwise explicitly
            explicit = self._explicit("Information")
            if explicit is not None and explicit.lower() in ("silentlycontinue", "ignore"):
                if explicit.lower() == "silentlycontinue" and getattr(self.runspace, "transcripts", None):
                    from pyshell.transcript import record_host_text

                    # pwsh still transcribes the Write-Host text it does not show
                    record_host_text(self.runspace, record)
                return
            self._route("Information", record)
            return
        action = self.preference("Information").lower()
        if action in ("continue", "inquire", "stop") or self._redirected("Information") or (
                action == "silentlycontinue" and getattr(self.runspace.host, "RECORDS_SILENT_INFORMATION", False)):
            # a record that is not shown is still in the stream: 6>&1 and 6> file capture it, and a job's
            # host (RECORDS_SILENT_INFORMATION) keeps it in the job's Information collection
            self._route("Information", record)

    def _redirected(self, stream: str) -> bool:
        sinks: StreamSinks | None = self
        while sinks is not None:
            if stream in sinks.to_output or stream in sinks.to_file:
                return True
            sinks = sinks.parent
        return False

    def _explicit(self, stream: str) -> str | None:
        sinks: StreamSinks | None = self
        while sinks is not None:
            if stream in sinks.overrides:
                return sinks.overrides[stream]
            sinks = sinks.parent
        return None

    def progress(self, record: Any) -> None:
        if self.preference("Progress").lower() in ("silentlycontinue", "ignore"):
            return
        self.runspace.host.write_progress(record)

    def host(self, text: str, foreground: str | None, background: str | None, no_newline: bool) -> None:
        record = InformationRecord(text, "Write-Host", ["PSHOST"], (foreground, background, no_newline))
        self.information(record, ["PSHOST"], "Write-Host")
