"""Stream records: ErrorRecord, and the records of the warning/verbose/debug/information/progress streams."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from pyshell.errors import PyshellError, Span

__all__ = [
    "ErrorRecord",
    "CategoryInfo",
    "InvocationInfo",
    "ExceptionInfo",
    "InformationalRecord",
    "WarningRecord",
    "VerboseRecord",
    "DebugRecord",
    "InformationRecord",
    "ProgressRecord",
    "error_record_from",
]


class ExceptionInfo:
    """What $_.Exception shows: Message, the .NET-like type name, an optional inner exception."""

    PS_TYPE_NAMES = ("System.Exception", "System.Object")
    #: System.Exception's properties in .NET's order; the engine's exceptions add ErrorRecord (and a
    #: RuntimeException WasThrownFromThrowStatement) in front
    PS_PROPERTIES: tuple[str, ...] = ("TargetSite", "Message", "Data", "InnerException", "HelpLink", "Source",
                                      "HResult", "StackTrace")
    PS_METHODS = ("GetType", "ToString")

    def __init__(self, message: str, type_name: str, inner: ExceptionInfo | None = None) -> None:
        from pyshell.engine.exceptions import exception_type_chain, hresult
        from pyshell.engine.objects import Hashtable

        self.Message = message
        self.InnerException = inner
        self.type_name = type_name
        self.ErrorRecord: ErrorRecord | None = None
        self.WasThrownFromThrowStatement = False
        self.TargetSite: Any = None
        self.Data: Any = Hashtable()  #: .NET's Exception.Data dictionary, empty
        self.HelpLink: str | None = None
        self.Source: str | None = None
        self.HResult = hresult(type_name)
        self.StackTrace: str | None = None
        self.PS_TYPE_NAMES = exception_type_chain(type_name)
        if "System.Management.Automation.RuntimeException" in self.PS_TYPE_NAMES:
            self.PS_PROPERTIES = ("ErrorRecord", "WasThrownFromThrowStatement", *ExceptionInfo.PS_PROPERTIES)
        elif type_name.startswith("System.Management.Automation."):  # PSInvalidOperationException & co.
            self.PS_PROPERTIES = ("ErrorRecord", *ExceptionInfo.PS_PROPERTIES)

    def GetType(self) -> Any:  # noqa: N802 - PowerShell method name
        from pyshell.engine.types import TypeRef

        return TypeRef(self.type_name)

    def ps_to_string(self) -> str:
        return self.Message

    ToString = ps_to_string


class CategoryInfo:
    PS_TYPE_NAMES = ("System.Management.Automation.ErrorCategoryInfo", "System.Object")
    PS_PROPERTIES = ("Category", "Activity", "Reason", "TargetName", "TargetType")

    def __init__(self, category: str, activity: str, reason: str, target_name: str, target_type: str) -> None:
        self.Category = category
        self.Activity = activity
        self.Reason = reason
        self.TargetName = target_name
        self.TargetType = target_type

    PS_METHODS = ("GetMessage", "ToString")

    def ps_to_string(self) -> str:
        return f"{self.Category}: ({self.TargetName}:{self.TargetType}) [{self.Activity}], {self.Reason}"

    def GetMessage(self, culture: Any = None) -> str:  # noqa: N802 - .NET method name
        return self.ps_to_string()

    def ToString(self) -> str:  # noqa: N802
        return self.ps_to_string()


class InvocationInfo:
    PS_TYPE_NAMES = ("System.Management.Automation.InvocationInfo", "System.Object")
    PS_PROPERTIES = ("MyCommand", "ScriptName", "ScriptLineNumber", "OffsetInLine", "Line", "PositionMessage",
                     "InvocationName")

    def __init__(self, command: str, span: Span | None) -> None:
        self.MyCommand = command
        self.InvocationName = command
        self.span = span
        self.ScriptName = span.file if span else ""
        self.ScriptLineNumber = span.line if span else 0
        self.OffsetInLine = span.column if span else 0
        self.Line = span.line_text() if span else ""

    @property
    def PositionMessage(self) -> str:  # noqa: N802
        if not self.span:
            return ""
        where = self.span.file or "line"
        return f"At {where}:{self.span.line} char:{self.span.column}\n+ {self.Line}"


class ErrorRecord:
    """An error in the error stream, as $Error[0] and `catch { $_ }` show it.

    :param exception: the PyshellError it came from (kept for rethrow).
    """

    PS_TYPE_NAMES = ("System.Management.Automation.ErrorRecord", "System.Object")
    PS_PROPERTIES = ("Exception", "TargetObject", "CategoryInfo", "FullyQualifiedErrorId", "ErrorDetails",
                     "InvocationInfo", "ScriptStackTrace", "PipelineIterationInfo")

    def __init__(self, exception: PyshellError, *, command: str | None = None, remote_computer: str | None = None) -> None:
        self.error = exception
        self.command = command or exception.command or ""
        thrown = getattr(exception, "exception_object", None)  # `throw [ArgumentException]::new(...)`
        if thrown is not None:
            self.Exception = thrown
        else:
            self.Exception = _exception_info(exception)
            self.Exception.ErrorRecord = self
            self.Exception.WasThrownFromThrowStatement = bool(getattr(exception, "was_thrown", False))
        self.TargetObject = exception.target
        reason = exception.reason or exception.ps_type_name.rsplit(".", 1)[-1]
        target_name = "" if exception.target is None else _target_text(exception.target)
        target_type = "" if exception.target is None else type(exception.target).__name__
        if exception.target is not None:
            from pyshell.engine.objects import type_names

            names = type_names(exception.target)
            target_type = names[0].rsplit(".", 1)[-1] if names else ""
        activity = "" if exception.error_id == "CommandNotFoundException" else self.command
        self.CategoryInfo = CategoryInfo(exception.category, activity, reason, target_name, target_type)
        fqid = exception.error_id
        if self.command and exception.qualify_error_id and "," not in fqid and exception.category != "ParserError" and not isinstance(
            exception.target, ErrorRecord
        ):
            suffix = getattr(exception, "fqid_suffix", None) or _command_type_name(self.command)
            fqid = f"{fqid},{suffix}" if suffix else fqid
        self.FullyQualifiedErrorId = fqid
        self.ErrorDetails = None
        self.InvocationInfo = InvocationInfo(self.command, exception.span)
        self.PipelineIterationInfo: list[int] = []
        self.remote_computer = remote_computer  #: set when the error came from another computer
        self.time = _dt.datetime.now()
        exception.error_record = self

    @property
    def message(self) -> str:
        return self.Exception.Message

    @property
    def ScriptStackTrace(self) -> str:  # noqa: N802 - PowerShell member name
        """Where the error was raised: `at <ScriptBlock>, <No file>: line 1` (the file when a script raised it)."""
        given = self.__dict__.get("_stack_trace")
        if given is not None:
            return given  # type: ignore[no-any-return]
        span = self.error.span
        if span is None:
            return ""
        return f"at <ScriptBlock>, {span.file or '<No file>'}: line {span.line}"

    @ScriptStackTrace.setter
    def ScriptStackTrace(self, value: str) -> None:  # noqa: N802
        self.__dict__["_stack_trace"] = value  # a deserialized record keeps the trace it came with

    def ps_to_string(self) -> str:
        details = getattr(self.ErrorDetails, "Message", None)
        return str(details) if details else self.Exception.Message


#: CategoryInfo.Reason -> the exception type an engine error reports (when the error names no type itself)
_REASON_TYPES = {
    "ItemNotFoundException": "System.Management.Automation.ItemNotFoundException",
    "MethodInvocationException": "System.Management.Automation.MethodInvocationException",
    "MethodException": "System.Management.Automation.MethodException",
    "PropertyNotFoundException": "System.Management.Automation.PropertyNotFoundException",
    "PSInvalidCastException": "System.Management.Automation.PSInvalidCastException",
    "PSArgumentException": "System.Management.Automation.PSArgumentException",
    "PSInvalidOperationException": "System.Management.Automation.PSInvalidOperationException",
    "SessionStateUnauthorizedAccessException": "System.Management.Automation.SessionStateUnauthorizedAccessException",
    "ArgumentException": "System.ArgumentException",
    "InvalidOperationException": "System.InvalidOperationException",
    "IOException": "System.IO.IOException",
    "UnauthorizedAccessException": "System.UnauthorizedAccessException",
    "IndexOutOfRangeException": "System.IndexOutOfRangeException",
    "ArgumentOutOfRangeException": "System.ArgumentOutOfRangeException",
    "NotSupportedException": "System.NotSupportedException",
    "FormatException": "System.FormatException",
}


def _exception_info(exception: PyshellError) -> ExceptionInfo:
    """$_.Exception for an engine error: its .NET type (from the error, or from CategoryInfo.Reason) and, for a
    RuntimeException wrapping another (1/0) or a failed method call, the inner exception."""
    type_name = exception.ps_type_name
    if type_name == PyshellError.ps_type_name and exception.reason in _REASON_TYPES:
        type_name = _REASON_TYPES[exception.reason]
    inner_type = getattr(exception, "inner_type", None)  # 1/0: a RuntimeException wrapping DivideByZeroException
    inner_message = exception.message
    if inner_type is None and type_name.endswith(".MethodInvocationException") and exception.error_id.endswith(
            "Exception") and exception.error_id != "MethodInvocationException":
        inner_type = exception.error_id if "." in exception.error_id else f"System.{exception.error_id}"
        inner_message = _quoted_reason(exception.message)
    inner = ExceptionInfo(inner_message, inner_type) if inner_type else None
    info = ExceptionInfo(exception.message, type_name, inner)
    for key, value in (getattr(exception, "data", None) or {}).items():  # Exception.Data entries (Copy-Item SelfCopy)
        info.Data[key] = value
    param_name = getattr(exception, "param_name", None)
    if param_name is not None:  # an ArgumentException's ParamName, listed after Message as .NET does
        info.ParamName = param_name  # type: ignore[attr-defined]
        at = info.PS_PROPERTIES.index("Message") + 1
        info.PS_PROPERTIES = (*info.PS_PROPERTIES[:at], "ParamName", *info.PS_PROPERTIES[at:])
    return info


def _quoted_reason(message: str) -> str:
    """'Exception calling "M" with "1" argument(s): "inner text"' -> 'inner text'."""
    marker = 'argument(s): "'
    at = message.find(marker)
    if at < 0 or not message.endswith('"'):
        return message
    return message[at + len(marker):-1]


def _target_text(target: Any) -> str:
    from pyshell.engine.conversions import to_string

    return to_string(target)


def _command_type_name(command: str) -> str:
    """PowerShell suffixes error ids with the cmdlet's class: Get-Job -> Microsoft.PowerShell.Commands.GetJobCommand."""
    if "-" not in command:
        return ""
    verb, _, noun = command.partition("-")
    return f"Microsoft.PowerShell.Commands.{verb}{noun.replace('-', '')}Command"


def error_record_from(error: Any, *, command: str | None = None) -> ErrorRecord:
    """Wrap anything that can be an error (record, PyshellError, message) as an ErrorRecord."""
    if isinstance(error, ErrorRecord):
        return error
    if isinstance(error, PyshellError):
        if error.error_record is not None:
            return error.error_record  # type: ignore[no-any-return]
        return ErrorRecord(error, command=command)
    from pyshell.engine.conversions import to_string

    return ErrorRecord(PyshellError(to_string(error), error_id="Microsoft.PowerShell.Commands.WriteErrorException",
                                    reason="WriteErrorException"), command=command)


class InformationalRecord:
    """Warning/verbose/debug records: a message, shown with its stream's prefix."""

    PS_PROPERTIES = ("Message", "InvocationInfo")
    prefix = ""

    def __init__(self, message: str) -> None:
        self.Message = message
        self.InvocationInfo = None

    def ps_to_string(self) -> str:
        return self.Message


class WarningRecord(InformationalRecord):
    PS_TYPE_NAMES = ("System.Management.Automation.WarningRecord", "System.Management.Automation.InformationalRecord",
                     "System.Object")
    prefix = "WARNING: "


class VerboseRecord(InformationalRecord):
    PS_TYPE_NAMES = ("System.Management.Automation.VerboseRecord", "System.Management.Automation.InformationalRecord",
                     "System.Object")
    prefix = "VERBOSE: "


class DebugRecord(InformationalRecord):
    PS_TYPE_NAMES = ("System.Management.Automation.DebugRecord", "System.Management.Automation.InformationalRecord",
                     "System.Object")
    prefix = "DEBUG: "


def _user_name() -> str:
    """The account name (what `whoami` prints) when $env:USER is not set."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return ""


class InformationRecord:
    PS_TYPE_NAMES = ("System.Management.Automation.InformationRecord", "System.Object")
    PS_PROPERTIES = ("MessageData", "Source", "TimeGenerated", "Tags", "User", "Computer", "ProcessId",
                     "NativeThreadId", "ManagedThreadId")

    def __init__(self, message_data: Any, source: str = "", tags: list[str] | None = None,
                 host_text: tuple[str | None, str | None, bool] | None = None) -> None:
        import os
        import socket
        import threading

        self.MessageData = message_data
        self.Source = source
        self.TimeGenerated = _dt.datetime.now()
        self.Tags = list(tags or [])
        self.User = os.environ.get("USER") or _user_name()
        self.Computer = socket.gethostname()
        self.ProcessId = os.getpid()
        self.NativeThreadId = threading.get_native_id()
        self.ManagedThreadId = threading.get_ident() % 1000
        #: (foreground, background, no_newline) when this came from Write-Host
        self.host_text = host_text

    def ps_to_string(self) -> str:
        from pyshell.engine.conversions import to_string

        return to_string(self.MessageData)


class ProgressRecord:
    PS_TYPE_NAMES = ("System.Management.Automation.ProgressRecord", "System.Object")
    PS_PROPERTIES = ("ActivityId", "ParentActivityId", "Activity", "StatusDescription", "CurrentOperation",
                     "PercentComplete", "SecondsRemaining", "RecordType")

    def __init__(self, activity: str, status: str = "Processing", *, activity_id: int = 0, parent_id: int = -1,
                 current_operation: str = "", percent: int = -1, seconds_remaining: int = -1,
                 completed: bool = False) -> None:
        self.ActivityId = activity_id
        self.ParentActivityId = parent_id
        self.Activity = activity
        self.StatusDescription = status
        self.CurrentOperation = current_operation
        self.PercentComplete = percent
        self.SecondsRemaining = seconds_remaining
        self.RecordType = "Completed" if completed else "Processing"

    def ps_to_string(self) -> str:
        return f"parent = {self.ParentActivityId} id = {self.ActivityId} act = {self.Activity} stat = " \
               f"{self.StatusDescription} cur = {self.CurrentOperation} pct = {self.PercentComplete} " \
               f"sec = {self.SecondsRemaining} type = {self.RecordType}"
