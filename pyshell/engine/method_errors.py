""".NET method-call failures as PowerShell reports them: a MethodInvocationException around the real error.

Why: an exception escaping a .NET method ([powershell].Invoke(), {}.Invoke(), [runspace].Open()) reaches the
script as `Exception calling "Invoke" with "0" argument(s): "<inner message>"`, with the original
exception as InnerException and the inner exception's type name as the FullyQualifiedErrorId.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from pyshell.errors import PyshellError, RuntimeScriptError

__all__ = ["MethodInvocationError", "NetError", "exception_info", "net_method", "setter_error", "wrap_method_error"]

F = TypeVar("F", bound=Callable[..., Any])


class NetError(RuntimeScriptError):
    """A .NET exception raised by one of our API objects (InvalidOperationException...), before wrapping."""

    def __init__(self, message: str, type_name: str = "System.InvalidOperationException", *,
                 error_id: str | None = None, notes: dict[str, Any] | None = None) -> None:
        short = type_name.rsplit(".", 1)[-1]
        super().__init__(message, error_id=error_id or short, reason=short)
        self.ps_type_name = type_name
        self.notes = notes  #: extra exception properties (InvalidRunspaceStateException.CurrentState...)


_SMA = "System.Management.Automation."


def _thrown_as(err: PyshellError) -> tuple[str, str]:
    """The .NET exception type and message err escapes a command as (what a host or a method call sees).

    A `-ErrorAction Stop` error leaves as an ActionPreferenceStopException, and $PSCmdlet.ThrowTerminatingError
    as a CmdletInvocationException, each carrying the command's own error record.
    """
    from pyshell.engine.streams import ActionPreferenceStopError

    if isinstance(err, ActionPreferenceStopError) and err.error_record is not None:
        return (_SMA + "ActionPreferenceStopException", 'The running command stopped because the preference variable '
                f'"ErrorActionPreference" or common parameter is set to Stop: {err.error_record.message}')
    if getattr(err, "cmdlet_invocation", False):
        return _SMA + "CmdletInvocationException", err.message
    short = err.ps_type_name.rsplit(".", 1)[-1]
    if short == "RuntimeException" and err.reason:
        return err.reason, err.message  # a cmdlet's error names its real exception type (ItemNotFoundException)
    return err.ps_type_name, err.message


def exception_info(err: PyshellError) -> Any:
    """err as the exception object a script sees (with its ErrorRecord and any extra properties)."""
    from pyshell.engine.objects import Hashtable
    from pyshell.engine.records import ExceptionInfo, error_record_from

    record = error_record_from(err)
    type_name, message = _thrown_as(err)
    if type_name.startswith(_SMA) and type_name.endswith(("ActionPreferenceStopException",
                                                            "CmdletInvocationException")):
        wrapper = ExceptionInfo(message, type_name, record.Exception)
        wrapper.ErrorRecord = record
        wrapper._ps_notes = Hashtable({"ErrorRecord": record})
        return wrapper
    info = record.Exception
    notes = Hashtable(getattr(err, "notes", None) or {})
    if "ErrorRecord" not in info.PS_PROPERTIES and info.type_name.startswith(_SMA):
        notes["ErrorRecord"] = record  # the engine's exceptions carry their record (IContainsErrorRecord)
    if notes:
        info._ps_notes = notes
    inner = getattr(err, "inner_error", None)  # AggregateException and the like: the error they carry
    if inner is not None and info.InnerException is None:
        info.InnerException = exception_info(inner)
    return info


class MethodInvocationError(RuntimeScriptError):
    """`Exception calling "M" with "n" argument(s): "..."`; the inner error stays reachable as InnerException."""

    ps_type_name = "System.Management.Automation.MethodInvocationException"

    def __init__(self, method: str, nargs: int, inner: PyshellError) -> None:
        self._record: Any = None
        type_name, message = _thrown_as(inner)
        super().__init__(f'Exception calling "{method}" with "{nargs}" argument(s): "{message}"',
                         error_id=type_name.rsplit(".", 1)[-1], category="NotSpecified",
                         reason="MethodInvocationException", span=None)
        self.inner = inner

    @property  # type: ignore[override]
    def error_record(self) -> Any:
        return self._record

    @error_record.setter
    def error_record(self, record: Any) -> None:
        # the record is built by the engine (with the call's position); give its exception the inner one
        self._record = record
        if record is not None:
            record.Exception.InnerException = exception_info(self.inner)


def wrap_method_error(method: str, nargs: int, err: PyshellError) -> PyshellError:
    """The error a script sees when method `method` failed with err; one that already is a
    MethodInvocationException (a method called inside {}.Invoke()) passes through unwrapped."""
    if isinstance(err, MethodInvocationError):
        return err
    return MethodInvocationError(method, nargs, err)


def setter_error(prop: str, value: Any, type_name: str) -> PyshellError:
    """Assigning a value of the wrong type to a typed .NET property: `Exception setting "P": "Cannot convert..."`."""
    from pyshell.engine.conversions import to_string
    from pyshell.engine.objects import type_names

    names = type_names(value)
    inner = f'Cannot convert the "{to_string(value)}" value of type "{names[0] if names else "System.Object"}" to ' \
            f'type "{type_name}".'
    err = RuntimeScriptError(f'Exception setting "{prop}": "{inner}"', error_id="ExceptionWhenSetting",
                             reason="SetValueInvocationException")
    err.ps_type_name = "System.Management.Automation.SetValueInvocationException"
    return err


def net_method(fn: F) -> F:
    """Decorate a script-callable method so its errors arrive wrapped as pwsh wraps .NET exceptions."""

    @functools.wraps(fn)
    def wrapper(self: Any, *args: Any) -> Any:
        try:
            return fn(self, *args)
        except PyshellError as e:
            raise wrap_method_error(fn.__name__, len(args), e) from None

    return wrapper  # type: ignore[return-value]
