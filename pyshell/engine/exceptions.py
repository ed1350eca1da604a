""".NET exception objects a script can make: `[System.ArgumentException]::new("m", "p")`,
`New-Object System.Exception "m"`, then `throw` them and read Message, ParamName, InnerException.

Each type knows its base classes (so `catch [System.ArgumentException]` also catches an
ArgumentNullException) and the default message .NET gives it when none is passed.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.records import ExceptionInfo

__all__ = ["DotNetException", "new_exception", "exception_type_chain", "full_exception_name", "action_preference_stop",
           "hresult"]

_SMA = "System.Management.Automation."

#: full name -> (base full name, default message)
_TYPES: dict[str, tuple[str | None, str]] = {
    "System.Exception": (None, "Exception of type 'System.Exception' was thrown."),
    "System.SystemException": ("System.Exception", "System error."),
    "System.ApplicationException": ("System.Exception", "Error in the application."),
    "System.ArgumentException": ("System.SystemException", "Value does not fall within the expected range."),
    "System.ArgumentNullException": ("System.ArgumentException", "Value cannot be null."),
    "System.ArgumentOutOfRangeException": ("System.ArgumentException",
                                           "Specified argument was out of the range of valid values."),
    "System.InvalidOperationException": ("System.SystemException",
                                         "Operation is not valid due to the current state of the object."),
    "System.ObjectDisposedException": ("System.InvalidOperationException",
                                       "Cannot access a disposed object."),
    "System.NotSupportedException": ("System.SystemException", "Specified method is not supported."),
    "System.NotImplementedException": ("System.SystemException", "The method or operation is not implemented."),
    "System.FormatException": ("System.SystemException", "One of the identified items was in an invalid format."),
    "System.InvalidCastException": ("System.SystemException", "Specified cast is not valid."),
    "System.NullReferenceException": ("System.SystemException",
                                      "Object reference not set to an instance of an object."),
    "System.IndexOutOfRangeException": ("System.SystemException", "Index was outside the bounds of the array."),
    "System.ArithmeticException": ("System.SystemException", "Overflow or underflow in the arithmetic operation."),
    "System.DivideByZeroException": ("System.ArithmeticException", "Attempted to divide by zero."),
    "System.OverflowException": ("System.ArithmeticException", "Arithmetic operation resulted in an overflow."),
    "System.TimeoutException": ("System.SystemException", "The operation has timed out."),
    "System.UnauthorizedAccessException": ("System.SystemException", "Attempted to perform an unauthorized operation."),
    "System.OperationCanceledException": ("System.SystemException", "The operation was canceled."),
    "System.Collections.Generic.KeyNotFoundException": ("System.SystemException",
                                                        "The given key was not present in the dictionary."),
    "System.IO.IOException": ("System.SystemException", "I/O error occurred."),
    "System.IO.FileNotFoundException": ("System.IO.IOException", "Unable to find the specified file."),
    "System.IO.DirectoryNotFoundException": ("System.IO.IOException",
                                             "Attempted to access a path that is not on the disk."),
    "System.IO.PathTooLongException": ("System.IO.IOException",
                                       "The fully qualified file name is too long."),
    _SMA + "RuntimeException": ("System.SystemException",
                                "Exception of type 'System.Management.Automation.RuntimeException' was thrown."),
    _SMA + "ItemNotFoundException": (_SMA + "SessionStateException",
                                     "Exception of type 'System.Management.Automation.ItemNotFoundException' "
                                     "was thrown."),
    _SMA + "SessionStateException": (_SMA + "RuntimeException",
                                     "Exception of type 'System.Management.Automation.SessionStateException' "
                                     "was thrown."),
    _SMA + "CommandNotFoundException": (_SMA + "RuntimeException",
                                        "Exception of type 'System.Management.Automation.CommandNotFoundException' "
                                        "was thrown."),
    _SMA + "ParameterBindingException": (_SMA + "RuntimeException",
                                         "Exception of type 'System.Management.Automation.ParameterBindingException' "
                                         "was thrown."),
    _SMA + "ParameterBindingValidationException": (_SMA + "ParameterBindingException", ""),
    _SMA + "MethodException": (_SMA + "RuntimeException",
                               "Exception of type 'System.Management.Automation.MethodException' was thrown."),
    _SMA + "MethodInvocationException": (_SMA + "MethodException",
                                         "Exception of type 'System.Management.Automation.MethodInvocationException' "
                                         "was thrown."),
    _SMA + "PropertyNotFoundException": (_SMA + "ExtendedTypeSystemException",
                                         "Exception of type 'System.Management.Automation.PropertyNotFoundException' "
                                         "was thrown."),
    _SMA + "ExtendedTypeSystemException": (_SMA + "RuntimeException", ""),
    _SMA + "PSInvalidCastException": ("System.InvalidCastException",
                                      "Exception of type 'System.Management.Automation.PSInvalidCastException' "
                                      "was thrown."),
    _SMA + "PSArgumentException": ("System.ArgumentException",
                                   "Exception of type 'System.Management.Automation.PSArgumentException' was thrown."),
    _SMA + "PSArgumentNullException": ("System.ArgumentNullException", "Value cannot be null."),
    _SMA + "PSArgumentOutOfRangeException": ("System.ArgumentOutOfRangeException",
                                             "Specified argument was out of the range of valid values."),
    _SMA + "PSInvalidOperationException": ("System.InvalidOperationException",
                                           "Operation is not valid due to the current state of the object."),
    _SMA + "PSNotSupportedException": ("System.NotSupportedException", "Specified method is not supported."),
    _SMA + "PSNotImplementedException": ("System.NotImplementedException",
                                         "The method or operation is not implemented."),
    _SMA + "ActionPreferenceStopException": (_SMA + "RuntimeException", ""),
    _SMA + "ParseException": (_SMA + "RuntimeException", ""),
    _SMA + "IncompleteParseException": (_SMA + "ParseException", ""),
    _SMA + "PipelineStoppedException": (_SMA + "RuntimeException", "The pipeline has been stopped."),
    _SMA + "ValidationMetadataException": (_SMA + "MetadataException", ""),
    _SMA + "MetadataException": (_SMA + "RuntimeException", ""),
    _SMA + "SessionStateUnauthorizedAccessException": (_SMA + "SessionStateException", ""),
}
#: .NET's HResult of each exception type (a type without one has its base class's)
_HRESULTS = {
    "System.Exception": -2146233088, "System.SystemException": -2146233087, "System.ArgumentException": -2147024809,
    "System.ArgumentNullException": -2147467261, "System.ArgumentOutOfRangeException": -2146233086,
    "System.InvalidOperationException": -2146233079, "System.NotSupportedException": -2146233067,
    "System.NotImplementedException": -2147467263, "System.IO.IOException": -2146232800,
    "System.IO.FileNotFoundException": -2147024894, "System.IO.DirectoryNotFoundException": -2147024893,
    "System.DivideByZeroException": -2147352558, "System.NullReferenceException": -2147467261,
    "System.IndexOutOfRangeException": -2146233080, "System.FormatException": -2146233033,
    "System.InvalidCastException": -2147467262, "System.TimeoutException": -2146233083,
    "System.UnauthorizedAccessException": -2147024891, "System.Collections.Generic.KeyNotFoundException": -2146232969,
    "System.OverflowException": -2146233066, "System.ArithmeticException": -2147024362,
}
_BY_SHORT = {name.rsplit(".", 1)[-1].lower(): name for name in _TYPES}
_BY_FULL = {name.lower(): name for name in _TYPES}
#: exception types whose constructor takes the parameter name first: (paramName) / (paramName, message)
_PARAM_FIRST = {"System.ArgumentNullException", "System.ArgumentOutOfRangeException",
                _SMA + "PSArgumentNullException", _SMA + "PSArgumentOutOfRangeException"}


def full_exception_name(name: str) -> str | None:
    """The full name of a known exception type, from its full or short name (None when unknown)."""
    low = name.strip().strip("[]").lower()
    return _BY_FULL.get(low) or _BY_SHORT.get(low.rsplit(".", 1)[-1] if low.startswith("system.") else low)


def exception_type_chain(full_name: str) -> tuple[str, ...]:
    """The type and its base classes, most derived first, ending with System.Object."""
    chain: list[str] = []
    cur: str | None = full_name
    while cur is not None and cur not in chain:
        chain.append(cur)
        cur = _TYPES.get(cur, ("System.Exception" if cur != "System.Exception" else None, ""))[0]
    if "System.Exception" not in chain:
        chain.append("System.Exception")
    return (*chain, "System.Object")


def hresult(type_name: str) -> int:
    """The HResult .NET gives a new exception of this type."""
    return next((_HRESULTS[t] for t in exception_type_chain(type_name) if t in _HRESULTS), -2146233088)


class DotNetException(ExceptionInfo):
    """An exception object made by a script; ArgumentException and its kind also carry ParamName."""

    def __init__(self, type_name: str, message: str, inner: Any = None, param_name: str | None = None) -> None:
        super().__init__(message, type_name, inner if isinstance(inner, ExceptionInfo) else None)
        self.ParamName = param_name
        if "System.ArgumentException" in self.PS_TYPE_NAMES:
            # ArgumentException overrides Message: .NET lists it and ParamName first
            self.PS_PROPERTIES = ("Message", "ParamName", *(p for p in self.PS_PROPERTIES if p != "Message"))

    def ps_to_string(self) -> str:
        text = f"{self.type_name}: {self.Message}"
        if self.InnerException is not None:
            text += f"\n ---> {self.InnerException.type_name}: {self.InnerException.Message}"
        return text

    ToString = ps_to_string


def _with_param(message: str, param: str | None) -> str:
    return f"{message} (Parameter '{param}')" if param else message


def new_exception(type_name: str, args: list[Any]) -> DotNetException | None:
    """`[T]::new(args)` for a known exception type T; None when T is not one."""
    full = full_exception_name(type_name)
    if full is None:
        return None
    from pyshell.engine.conversions import to_string

    default = _TYPES[full][1] or f"Exception of type '{full}' was thrown."
    texts = [None if a is None else a if isinstance(a, ExceptionInfo) else to_string(a) for a in args]
    if not texts:
        return DotNetException(full, default)
    first = texts[0]
    second = texts[1] if len(texts) > 1 else None
    if isinstance(first, ExceptionInfo):
        first = to_string(first)
    if "System.ArgumentException" in exception_type_chain(full):
        if full in _PARAM_FIRST:
            param, msg = first, (second if isinstance(second, str) else default)
        elif isinstance(second, ExceptionInfo):
            param, msg = None, first
        else:
            param, msg = second, first
        inner = texts[2] if len(texts) > 2 and isinstance(texts[2], ExceptionInfo) else None
        if isinstance(second, ExceptionInfo):
            inner = second
        message = default if msg is None else msg
        return DotNetException(full, _with_param(message, param), inner, param)
    inner = second if isinstance(second, ExceptionInfo) else None
    return DotNetException(full, default if first is None else first, inner)


def action_preference_stop(record: Any) -> DotNetException:
    """The ActionPreferenceStopException -ErrorVariable receives when -ErrorAction Stop ends a command."""
    exc = DotNetException(_SMA + "ActionPreferenceStopException",
                          "The running command stopped because the preference variable \"ErrorActionPreference\" or "
                          f"common parameter is set to Stop: {record.message}")
    exc.ErrorRecord = record
    return exc
