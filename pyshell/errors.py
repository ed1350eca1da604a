"""Exception types of pyshell: every error pyshell raises derives from PyshellError.

They carry what PowerShell puts in an ErrorRecord (error id, category, target) so the
engine can turn any of them into one without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "Span",
    "PyshellError",
    "ParseError",
    "IncompleteParseError",
    "CommandNotFoundError",
    "ParameterBindingError",
    "RuntimeScriptError",
    "PipelineStoppedError",
    "RemoteError",
    "ExitRequest",
]


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of source text sits: 1-based line and column, 0-based offsets."""

    start: int
    end: int
    line: int
    column: int
    source: str = ""  #: the whole text the span points into (for caret display)
    file: str = ""  #: script path, or "" for typed/command-line text

    def line_text(self) -> str:
        lines = self.source.splitlines() or [""]
        return lines[self.line - 1] if 0 < self.line <= len(lines) else ""

    def text(self) -> str:
        return self.source[self.start : self.end]


class PyshellError(Exception):
    """Base of every pyshell error; carries PowerShell's ErrorRecord fields.

    :param message: the human text, as PowerShell would print it.
    :param error_id: the FullyQualifiedErrorId.
    :param category: an ErrorCategory name (NotSpecified, ObjectNotFound, InvalidArgument...).
    :param target: the TargetObject.
    """

    #: .NET-style exception type name shown by $_.Exception.GetType().FullName
    ps_type_name = "System.Management.Automation.RuntimeException"
    default_error_id = "RuntimeException"
    default_category = "NotSpecified"
    #: whether the ErrorRecord's FullyQualifiedErrorId gets the cmdlet's class name appended
    qualify_error_id = True

    def __init__(
        self,
        message: str,
        *,
        error_id: str | None = None,
        category: str | None = None,
        target: Any = None,
        span: Span | None = None,
        command: str | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_id = error_id or self.default_error_id
        self.category = category or self.default_category
        self.target = target
        self.span = span
        self.command = command
        self.reason = reason  #: CategoryInfo.Reason; defaults to the exception's short type name
        self.error_record: Any = None  #: set by the engine once wrapped in an ErrorRecord

    def __str__(self) -> str:
        return self.message


class ParseError(PyshellError):
    """The parser rejected the text; span points at the offending token."""

    ps_type_name = "System.Management.Automation.ParseException"
    default_error_id = "ParseException"
    default_category = "ParserError"

    def __init__(self, message: str, span: Span | None, *, error_id: str = "ParseException") -> None:
        super().__init__(message, error_id=error_id, span=span)


class IncompleteParseError(ParseError):
    """The text ended while a construct was still open (a brace, a quote, a trailing pipe).

    The REPL uses this to keep reading lines instead of reporting an error.
    """

    ps_type_name = "System.Management.Automation.IncompleteParseException"


class CommandNotFoundError(PyshellError):
    qualify_error_id = False
    ps_type_name = "System.Management.Automation.CommandNotFoundException"
    default_error_id = "CommandNotFoundException"
    default_category = "ObjectNotFound"


class ParameterBindingError(PyshellError):
    ps_type_name = "System.Management.Automation.ParameterBindingException"
    default_error_id = "ParameterBindingException"
    default_category = "InvalidArgument"


class RuntimeScriptError(PyshellError):
    """A `throw` or a failed operation inside a script."""


class PipelineStoppedError(PyshellError):
    """The pipeline was stopped (Ctrl-C, Stop-Job)."""

    ps_type_name = "System.Management.Automation.PipelineStoppedException"
    default_error_id = "PipelineStopped"
    default_category = "OperationStopped"

    def __init__(self, message: str = "The pipeline has been stopped.") -> None:
        super().__init__(message)


class RemoteError(PyshellError):
    """An error that happened on the other side of a job pipe or SSH channel, received as data."""

    ps_type_name = "System.Management.Automation.RemoteException"
    default_error_id = "RemoteException"


class ExitRequest(Exception):  # noqa: N818 - a control-flow signal, not an error
    """`exit N` unwinds to the host with this; not a PyshellError because it is not a failure."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code
