"""Makes the hosting API types resolvable: [powershell], [runspacefactory], [runspace], ErrorRecord::new...

Why a module of its own: engine/types.py calls register() once at import; the entries here are
lambdas that import the real modules (hosting.py, hosting_runspace.py) only when a script first
uses them, so startup pays for a few dict entries and nothing else.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["register", "new_error_record"]

_SMA = "System.Management.Automation."


def _call(module: str, name: str) -> Callable[..., Any]:
    def invoke(*args: Any) -> Any:
        return getattr(importlib.import_module("pyshell.engine." + module), name)(*args)

    invoke.__name__ = name
    return invoke


def new_error_record(exception: Any = None, error_id: Any = None, category: Any = None, target: Any = None) -> Any:
    """[ErrorRecord]::new(exception, errorId, errorCategory, targetObject)."""
    from pyshell.engine.conversions import to_string
    from pyshell.engine.objects import get_property
    from pyshell.engine.records import ErrorRecord, ExceptionInfo
    from pyshell.errors import RuntimeScriptError

    if exception is None:
        from pyshell.engine.method_errors import MethodInvocationError, NetError

        raise MethodInvocationError(".ctor", 4, NetError("Value cannot be null. (Parameter 'exception')",
                                                         "System.ArgumentNullException"))
    message = get_property(exception, "Message")
    type_name = getattr(exception, "type_name", None) or "System.Exception"
    err = RuntimeScriptError(to_string(message) if isinstance(message, str) else to_string(exception),
                             error_id=to_string(error_id) if error_id is not None else "",
                             category=to_string(category) if category is not None else "NotSpecified",
                             target=target, reason=type_name.rsplit(".", 1)[-1])
    err.ps_type_name = type_name
    err.qualify_error_id = False
    record = ErrorRecord(err)
    if isinstance(exception, ExceptionInfo):
        record.Exception = exception  # the very object passed in, as .NET keeps it
        if exception.ErrorRecord is None:
            exception.ErrorRecord = record
    return record


def _object_converter(type_name: str) -> Callable[[Any], Any]:
    """[runspace]$x / a [powershell] parameter: $null stays $null, an object of the type passes, others fail."""

    def convert(value: Any) -> Any:
        from pyshell.engine.conversions import ConversionError, to_string
        from pyshell.engine.objects import type_names

        if value is None or any(t.lower() == type_name.lower() for t in type_names(value)):
            return value
        names = type_names(value)
        raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type "{names[0] if names else "?"}" '
                              f'to type "{type_name}".', error_id="ConvertToFinalInvalidCastException")

    return convert


def register(static_types: dict[str, dict[str, Any]], aliases: dict[str, str], known: set[str],
             register_enum: Callable[..., None], converters: dict[str, Callable[[Any], Any]] | None = None) -> None:
    """Add the hosting types to engine/types.py's tables (existing entries win)."""
    for name in ("PowerShell", "Runspaces.Runspace", "Runspaces.RunspacePool", "PSCommand",
                 "Runspaces.InitialSessionState"):
        if converters is not None:
            converters.setdefault(_SMA + name, _object_converter(_SMA + name))
    aliases.setdefault("powershell", _SMA + "PowerShell")
    aliases.setdefault("runspacefactory", _SMA + "Runspaces.RunspaceFactory")
    aliases.setdefault("runspace", _SMA + "Runspaces.Runspace")
    aliases.setdefault("initialsessionstate", _SMA + "Runspaces.InitialSessionState")
    aliases.setdefault("psvariable", _SMA + "PSVariable")
    static_types.setdefault(_SMA + "PSVariable", {"new": _call("session_intrinsics", "new_psvariable")})
    static_types.setdefault(_SMA + "PowerShell", {"Create": _call("hosting", "create_powershell")})
    static_types.setdefault(_SMA + "PSCommand", {"new": _call("hosting", "new_pscommand")})
    static_types.setdefault(_SMA + "Runspaces.SessionStateVariableEntry",
                            {"new": _call("hosting_runspace", "new_variable_entry")})
    static_types.setdefault(_SMA + "Runspaces.SessionStateFunctionEntry",
                            {"new": _call("hosting_runspace", "new_function_entry")})
    static_types.setdefault(_SMA + "Runspaces.Command", {"new": _call("hosting", "new_command")})
    static_types.setdefault(_SMA + "Runspaces.RunspaceFactory", {
        "CreateRunspace": _call("hosting_runspace", "create_runspace"),
        "CreateRunspacePool": _call("hosting_runspace", "create_runspace_pool"),
    })
    static_types.setdefault(_SMA + "Runspaces.Runspace", {
        "DefaultRunspace": property(lambda: _call("hosting_runspace", "default_runspace")()),
        "CanUseDefaultRunspace": property(lambda: True),
    })
    static_types.setdefault(_SMA + "Runspaces.InitialSessionState", {
        "CreateDefault": _call("hosting_runspace", "create_initial_session_state"),
        "CreateDefault2": _call("hosting_runspace", "create_initial_session_state"),
        "Create": _call("hosting_runspace", "create_initial_session_state"),
    })
    static_types.setdefault("System.Threading.Tasks.Task", {
        "WaitAll": _call("hosting", "wait_all"), "WaitAny": _call("hosting", "wait_any")})
    known.add("System.Threading.Tasks.Task")
    static_types.setdefault("System.Threading.Thread", {}).setdefault(
        "CurrentThread", property(lambda: _call("hosting_async", "current_thread")()))
    register_enum("System.Threading.Tasks.TaskStatus", ("Created", "WaitingForActivation", "WaitingToRun", "Running",
                                                        "WaitingForChildrenToComplete", "RanToCompletion", "Canceled",
                                                        "Faulted"))
    # shared state between runspaces: our collections are already safe to share (one interpreter lock)
    for name in ("System.Collections.Hashtable", "System.Collections.ArrayList"):
        static_types.setdefault(name, {}).setdefault("Synchronized", lambda value: value)
    record = static_types.setdefault(_SMA + "ErrorRecord", {})
    record.setdefault("new", new_error_record)
    known.update({_SMA + "PowerShell", _SMA + "Runspaces.Runspace", _SMA + "Runspaces.RunspaceFactory",
                  _SMA + "Runspaces.RunspacePool", _SMA + "PSInvalidOperationException",
                  _SMA + "PSArgumentException", _SMA + "PSArgumentNullException", _SMA + "PSNotSupportedException",
                  _SMA + "Runspaces.InitialSessionState", _SMA + "PSDataCollection", _SMA + "PSInvocationState",
                  _SMA + "Runspaces.InvalidRunspaceStateException", _SMA + "InvalidPowerShellStateException",
                  _SMA + "PSVariable", _SMA + "PSCommand", _SMA + "Runspaces.Command",
                  _SMA + "Runspaces.SessionStateVariableEntry", _SMA + "Runspaces.SessionStateFunctionEntry"})
    register_enum(_SMA + "RunspaceMode", ("CurrentRunspace", "NewRunspace"))
    register_enum(_SMA + "PSInvocationState", ("NotStarted", "Running", "Stopping", "Stopped", "Completed", "Failed",
                                               "Disconnected"))
    register_enum(_SMA + "Runspaces.RunspaceState", ("BeforeOpen", "Opening", "Opened", "Closed", "Closing",
                                                      "Broken", "Disconnecting", "Disconnected", "Connecting"))
