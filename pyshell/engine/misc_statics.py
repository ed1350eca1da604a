"""Statics of small .NET types: [char]::IsDigit, [bool]::Parse, [object]::ReferenceEquals/Equals,
[Runtime.InteropServices.Marshal]::SizeOf, [System.Management.Automation.Platform]::IsLinux and
[Microsoft.PowerShell.Commands.FileSystemProvider]::Mode. engine/types.py merges them in on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyshell.engine.conversions import to_int, to_string
from pyshell.engine.enums import EnumValue
from pyshell.engine.objects import PSChar, type_names
from pyshell.engine.types import TypeRef, _method_error, _parse_bool, _to_char

__all__ = ["MISC_STATICS"]


def _char_test(test: Callable[[str], bool]) -> Callable[..., bool]:
    """[char]::IsDigit(c) / (s, index)."""
    def check(c: Any, index: Any = None) -> bool:
        text = to_string(c)
        ch = text[to_int(index)] if index is not None else text[:1]
        return bool(ch) and test(ch)
    return check


_MARSHAL_SIZES = {"System.SByte": 1, "System.Byte": 1, "System.Int16": 2, "System.UInt16": 2, "System.Char": 1,
                  "System.Int32": 4, "System.UInt32": 4, "System.Single": 4, "System.Boolean": 4, "System.Int64": 8,
                  "System.UInt64": 8, "System.Double": 8, "System.IntPtr": 8, "System.Decimal": 16, "System.Guid": 16}


def _marshal_size_of(t: Any) -> int:
    """[Runtime.InteropServices.Marshal]::SizeOf([type]): the unmanaged size of a primitive type."""
    name = t.FullName if isinstance(t, TypeRef) else (type_names(t) or ["System.Object"])[0]
    size = _MARSHAL_SIZES.get(name)
    if size is None:
        raise _method_error("SizeOf", 1, f"Type '{name}' cannot be marshaled as an unmanaged structure; no meaningful "
                                         f"size or offset can be computed.", "ArgumentException")
    return size


def _object_equals(a: Any, b: Any) -> bool:
    """[object]::Equals(a, b): both $null, the same object, or a.Equals(b) (value equality for values)."""
    from pyshell.engine.conversions import ps_equals

    if a is None or b is None:
        return a is None and b is None
    return a is b or (type(a) is type(b) and ps_equals(a, b, True))


def _reference_equals(a: Any, b: Any) -> bool:
    """[object]::ReferenceEquals(a, b): the same instance (boxed values never are)."""
    from pyshell.engine.objects import unwrap

    a, b = unwrap(a), unwrap(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float, bool, str)) and not isinstance(a, EnumValue) and type(a) is not str:
        return False
    return a is b


def _provider_mode(item: Any, hardlink: bool = True) -> str:
    """[Microsoft.PowerShell.Commands.FileSystemProvider]::Mode($item): the item's Mode column text; without
    hardlinks a hard-linked file shows its own mode ('-' instead of 'l')."""
    from pyshell.engine.objects import get_property

    mode = to_string(get_property(item, "Mode", ""))
    if not hardlink and mode.startswith("l") and to_string(get_property(item, "LinkType", "")) == "HardLink":
        return "-" + mode[1:]
    return mode


MISC_STATICS: dict[str, dict[str, Any]] = {}
MISC_STATICS["Microsoft.PowerShell.Commands.FileSystemProvider"] = {
    "Mode": lambda item: _provider_mode(item), "ModeWithoutHardlink": lambda item: _provider_mode(item, False),
}
MISC_STATICS["System.Object"] = {"ReferenceEquals": _reference_equals, "Equals": _object_equals}
MISC_STATICS["System.Runtime.InteropServices.Marshal"] = {"SizeOf": _marshal_size_of}
#: [System.Management.Automation.Platform]: what PowerShell's tests ask about the OS (this shell runs on Unix)
MISC_STATICS["System.Management.Automation.Platform"] = {
    "IsWindows": False, "IsLinux": property(lambda: __import__("sys").platform.startswith("linux")),
    "IsMacOS": property(lambda: __import__("sys").platform == "darwin"), "IsCoreCLR": True,
    "IsWindowsDesktop": False, "IsNanoServer": False, "IsIoT": False, "IsStaSupported": False,
}
MISC_STATICS["System.Boolean"] = {"Parse": lambda v: _parse_bool(v), "TrueString": "True", "FalseString": "False"}
MISC_STATICS["System.Char"] = {
    "IsDigit": _char_test(lambda c: c.isdecimal()), "IsLetter": _char_test(str.isalpha),
    "IsLetterOrDigit": _char_test(lambda c: c.isalpha() or c.isdecimal()), "IsUpper": _char_test(str.isupper),
    "IsLower": _char_test(str.islower), "IsWhiteSpace": _char_test(str.isspace), "IsNumber": _char_test(str.isnumeric),
    "IsPunctuation": _char_test(lambda c: __import__("unicodedata").category(c).startswith("P")),
    "IsControl": _char_test(lambda c: __import__("unicodedata").category(c) == "Cc"),
    "ToUpper": lambda c: PSChar(to_string(c).upper()), "ToLower": lambda c: PSChar(to_string(c).lower()),
    "ConvertFromUtf32": lambda n: chr(to_int(n)), "Parse": lambda c: _to_char(to_string(c)),
    "MaxValue": PSChar("\uffff"), "MinValue": PSChar("\0"),
}
