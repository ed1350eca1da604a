"""What a System.Type tells about itself: BaseType, IsValueType, IsSerializable... for the types pyshell knows.

`[int].BaseType`, `(1,2).GetType()` (the IsPublic/IsSerial/Name/BaseType table) and -is checks on
inheritance (`[ValueType].IsAssignableFrom([int])`) read these facts; they mirror .NET's metadata.
"""

from __future__ import annotations

__all__ = ["base_type_name", "is_value_type", "is_serializable", "is_enum", "is_interface", "ancestors"]

_VALUE_TYPES = {
    "System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16", "System.UInt32",
    "System.UInt64", "System.Double", "System.Single", "System.Decimal", "System.Boolean", "System.Char",
    "System.DateTime", "System.TimeSpan", "System.Guid", "System.Numerics.BigInteger", "System.DateTimeOffset",
    "System.Management.Automation.SwitchParameter", "System.IntPtr", "System.Void",
}

_PRIMITIVES = {"System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16",
               "System.UInt32", "System.UInt64", "System.Double", "System.Single", "System.Boolean", "System.Char",
               "System.IntPtr"}

#: explicit base types (anything else that is not a value type, enum or array derives from System.Object)
_BASES = {
    "System.Object": None,
    "System.ValueType": "System.Object",
    "System.Enum": "System.ValueType",
    "System.Array": "System.Object",
    "System.Type": "System.Reflection.MemberInfo",
    "System.RuntimeType": "System.Reflection.TypeInfo",
    "System.Reflection.TypeInfo": "System.Type",
    "System.Exception": "System.Object",
    "System.SystemException": "System.Exception",
    "System.Management.Automation.RuntimeException": "System.SystemException",
    "System.ArgumentException": "System.SystemException",
    "System.ArgumentNullException": "System.ArgumentException",
    "System.ArgumentOutOfRangeException": "System.ArgumentException",
    "System.InvalidOperationException": "System.SystemException",
    "System.NotSupportedException": "System.SystemException",
    "System.NotImplementedException": "System.SystemException",
    "System.FormatException": "System.SystemException",
    "System.IO.IOException": "System.SystemException",
    "System.IO.FileNotFoundException": "System.IO.IOException",
    "System.IO.DirectoryNotFoundException": "System.IO.IOException",
    "System.UnauthorizedAccessException": "System.SystemException",
    "System.ArithmeticException": "System.SystemException",
    "System.DivideByZeroException": "System.ArithmeticException",
    "System.OverflowException": "System.ArithmeticException",
    "System.IndexOutOfRangeException": "System.SystemException",
    "System.Collections.Generic.KeyNotFoundException": "System.SystemException",
    "System.Management.Automation.ActionPreferenceStopException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.ItemNotFoundException": "System.Management.Automation.SessionStateException",
    "System.Management.Automation.SessionStateException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.CommandNotFoundException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.ParameterBindingException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.PSInvalidCastException": "System.InvalidCastException",
    "System.InvalidCastException": "System.SystemException",
    "System.Management.Automation.MethodException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.MethodInvocationException": "System.Management.Automation.MethodException",
    "System.Management.Automation.PipelineStoppedException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.RemoteException": "System.Management.Automation.RuntimeException",
    "System.IO.FileInfo": "System.IO.FileSystemInfo",
    "System.IO.DirectoryInfo": "System.IO.FileSystemInfo",
    "System.IO.FileSystemInfo": "System.MarshalByRefObject",
    "System.MarshalByRefObject": "System.Object",
    "System.Diagnostics.Process": "System.ComponentModel.Component",
    "System.ComponentModel.Component": "System.MarshalByRefObject",
    "System.Text.RegularExpressions.Match": "System.Text.RegularExpressions.Group",
    "System.Text.RegularExpressions.Group": "System.Text.RegularExpressions.Capture",
    "System.Text.RegularExpressions.MatchEvaluator": "System.MulticastDelegate",
    "System.MulticastDelegate": "System.Delegate",
    "System.Delegate": "System.Object",
}

#: reference types without [Serializable] (static classes, reflection and engine objects)
_NOT_SERIALIZABLE = {
    "System.Math", "System.Convert", "System.Environment", "System.Console", "System.IO.Path", "System.IO.File",
    "System.IO.Directory", "System.Management.Automation.PSReference", "System.Management.Automation.ScriptBlock",
    "System.Diagnostics.Process", "System.Type", "System.RuntimeType", "System.Reflection.TypeInfo",
    "System.Management.Automation.PSCustomObject", "System.Management.Automation.Job",
    "System.Management.Automation.Runspaces.PSSession", "System.IO.FileInfo", "System.IO.DirectoryInfo",
    "System.IO.FileSystemInfo", "System.Management.Automation.PowerShell", "System.Threading.Thread",
    "System.Text.Encoding",
}

_INTERFACES = {"System.Collections.IEnumerable", "System.Collections.ICollection", "System.Collections.IList",
               "System.Collections.IDictionary", "System.Collections.IEnumerator", "System.IComparable",
               "System.IFormattable", "System.IConvertible", "System.IDisposable"}


def is_enum(full: str) -> bool:
    from pyshell.engine.enums import ENUM_TYPES

    return full in ENUM_TYPES


def is_value_type(full: str) -> bool:
    return full in _VALUE_TYPES or is_enum(full)


def is_primitive(full: str) -> bool:
    return full in _PRIMITIVES


def is_interface(full: str) -> bool:
    return full in _INTERFACES


def is_serializable(full: str) -> bool:
    if full.endswith("]") or is_value_type(full):
        return True
    return full not in _NOT_SERIALIZABLE and not is_interface(full)


def base_type_name(full: str) -> str | None:
    """The full name of full's base type; None for System.Object and interfaces."""
    if full.endswith("[]") or full.endswith(",]"):
        return "System.Array"
    if full in _BASES:
        return _BASES[full]
    if is_interface(full):
        return None
    if is_enum(full):
        return "System.Enum"
    if full in _VALUE_TYPES:
        return "System.ValueType"
    if full.endswith("Exception"):
        return "System.SystemException"
    return "System.Object"


def ancestors(full: str) -> list[str]:
    """full, then its base types up to System.Object."""
    chain: list[str] = []
    name: str | None = full
    while name is not None and name not in chain:
        chain.append(name)
        name = base_type_name(name)
    return chain
