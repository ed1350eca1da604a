"""Constructors and statics of small .NET types scripts build directly: [System.IO.FileInfo]::new('x'),
[System.IO.DirectoryInfo]::new('d'), [Tuple]::Create(1, 'a'), [WildcardPattern]::Escape('a[0]')."""

from __future__ import annotations

import os
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.items import DirectoryInfo, FileInfo
from pyshell.errors import RuntimeScriptError

__all__ = ["new_file_info", "new_directory_info", "STATICS"]


def _ctor_error(count: int, message: str, error_id: str) -> RuntimeScriptError:
    err = RuntimeScriptError(f'Exception calling ".ctor" with "{count}" argument(s): "{message}"', error_id=error_id,
                             category="NotSpecified", reason="MethodInvocationException")
    err.ps_type_name = "System.Management.Automation.MethodInvocationException"
    return err


def _full_path(args: tuple[Any, ...], param: str) -> tuple[str, str]:
    """The path a FileInfo/DirectoryInfo is made for: .NET resolves it against the process's directory."""
    if len(args) != 1:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("new", len(args))
    if args[0] is None:
        raise _ctor_error(1, f"Value cannot be null. (Parameter '{param}')", "ArgumentNullException")
    original = to_string(args[0])
    if original == "":
        raise _ctor_error(1, "The path is empty. (Parameter 'path')", "ArgumentException")
    return original, os.path.abspath(os.path.expanduser(original) if original.startswith("~/") else original)


class _GivenFileInfo(FileInfo):
    """A FileInfo made by a script: ToString() is the path it was given, as .NET's OriginalPath."""

    def __init__(self, original: str, full: str) -> None:
        self._original = original
        super().__init__(full)

    def ps_to_string(self) -> str:
        return self._original

    ToString = ps_to_string


class _GivenDirectoryInfo(DirectoryInfo):
    """A DirectoryInfo made by a script: ToString() is the path it was given."""

    def __init__(self, original: str, full: str) -> None:
        self._original = original
        super().__init__(full)

    def ps_to_string(self) -> str:
        return self._original

    ToString = ps_to_string


def new_file_info(*args: Any) -> FileInfo:
    original, full = _full_path(args, "fileName")
    return _GivenFileInfo(original, full)


def new_directory_info(*args: Any) -> DirectoryInfo:
    original, full = _full_path(args, "path")
    return _GivenDirectoryInfo(original, full)


def _escape_wildcard(text: Any) -> str:
    """WildcardPattern.Escape: a backtick before each of * ? [ ] and `."""
    return "".join("`" + c if c in "*?[]`" else c for c in to_string(text))


class Tuple:
    """System.Tuple`n: Item1..ItemN; `$t[0]`, `$t[-1]` index it as pwsh allows for ITuple (not enumerated)."""

    def __init__(self, items: tuple[Any, ...]) -> None:
        self._items = items
        for i, v in enumerate(items):
            setattr(self, f"Item{i + 1}", v)

    @property
    def PS_TYPE_NAMES(self) -> tuple[str, ...]:  # noqa: N802
        from pyshell.engine.objects import type_names

        inner = ",".join(f"[{(type_names(v) or ['System.Object'])[0]}]" for v in self._items)
        return (f"System.Tuple`{len(self._items)}[{inner}]", "System.Object")

    @property
    def PS_PROPERTIES(self) -> tuple[str, ...]:  # noqa: N802
        return tuple(f"Item{i + 1}" for i in range(len(self._items))) + ("Length",)

    @property
    def Length(self) -> int:  # noqa: N802
        return len(self._items)

    def ps_index(self, index: Any) -> Any:
        """$t[i]: the i-th item (negative from the end); $null outside."""
        from pyshell.engine.conversions import to_int

        i = to_int(index)
        return self._items[i] if -len(self._items) <= i < len(self._items) else None

    def ps_to_string(self) -> str:
        return "(" + ", ".join(to_string(v) for v in self._items) + ")"


def _tuple_create(*items: Any) -> Tuple:
    if not 1 <= len(items) <= 8:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("Create", len(items))
    return Tuple(tuple(items))


class ScriptWildcardPattern:
    """[WildcardPattern]::new(pattern[, options]): IsMatch(text); options 'IgnoreCase' (else case-sensitive)."""

    PS_TYPE_NAMES = ("System.Management.Automation.WildcardPattern", "System.Object")
    PS_PROPERTIES = ("Pattern", "Options")
    PS_METHODS = ("IsMatch", "ToWql", "ToString")

    def __init__(self, pattern: Any, options: Any = None) -> None:
        from pyshell.engine.items import WildcardPattern

        self.Pattern = to_string(pattern)
        self.Options = to_string(options) if options is not None else "None"
        self._pattern = WildcardPattern(self.Pattern, case_sensitive="ignorecase" not in self.Options.lower())

    def IsMatch(self, text: Any) -> bool:  # noqa: N802 - .NET method name
        return text is not None and self._pattern.match(to_string(text))

    def ToString(self) -> str:  # noqa: N802
        return self.Pattern

    ps_to_string = ToString


class PSTypeName:
    """[System.Management.Automation.PSTypeName]'X': a type by name; .Type is $null when no such type is known
    (scripts test it before Add-Type)."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSTypeName", "System.Object")
    PS_PROPERTIES = ("Name", "Type", "TypeDefinitionAst")

    def __init__(self, value: Any) -> None:
        from pyshell.engine.types import TypeRef, type_exists

        self.Type: TypeRef | None
        if isinstance(value, TypeRef):
            self.Name, self.Type = value.FullName, value
        else:
            self.Name = to_string(value)
            self.Type = TypeRef(self.Name) if type_exists(self.Name) else None
        self.TypeDefinitionAst = None

    def ps_to_string(self) -> str:
        return self.Name


class Coordinates:
    """System.Management.Automation.Host.Coordinates (X, Y), as the host UI uses for cursor positions."""

    PS_TYPE_NAMES = ("System.Management.Automation.Host.Coordinates", "System.ValueType", "System.Object")
    PS_PROPERTIES = ("X", "Y")
    PS_VALUE_EQUALITY = True

    def __init__(self, x: Any = 0, y: Any = 0) -> None:
        from pyshell.engine.conversions import to_int

        self.X, self.Y = to_int(x), to_int(y)

    def ps_to_string(self) -> str:
        return f"{self.X},{self.Y}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Coordinates) and (self.X, self.Y) == (other.X, other.Y)

    def __hash__(self) -> int:
        return hash((self.X, self.Y))


class Size(Coordinates):
    """System.Management.Automation.Host.Size (Width, Height)."""

    PS_TYPE_NAMES = ("System.Management.Automation.Host.Size", "System.ValueType", "System.Object")
    PS_PROPERTIES = ("Width", "Height")

    @property
    def Width(self) -> int:  # noqa: N802 - .NET property names
        return self.X

    @property
    def Height(self) -> int:  # noqa: N802
        return self.Y


_CMDLET_NS = "microsoft.powershell.commands."


class CmdletObject:
    """`New-Object Microsoft.PowerShell.Commands.NewObjectCommand`: a cmdlet class as a plain .NET object whose
    parameters are settable properties ($null, or an absent switch, until set)."""

    def __init__(self, type_name: str, params: list[tuple[str, bool]]) -> None:
        self.PS_TYPE_NAMES = (type_name, "System.Management.Automation.PSCmdlet", "System.Management.Automation.Cmdlet",
                              "System.Management.Automation.Internal.InternalCommand", "System.Object")
        self.PS_PROPERTIES = tuple(name for name, _ in params)
        for name, is_switch in params:
            setattr(self, name, False if is_switch else None)

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


def new_cmdlet_object(type_name: str) -> CmdletObject | None:
    """The cmdlet class named Microsoft.PowerShell.Commands.<Verb><Noun>Command, as an object; None when no
    built-in command has that class name."""
    low = type_name.lower()
    if not low.startswith(_CMDLET_NS) or not low.endswith("command"):
        return None
    from pyshell.engine.cmdlet import REGISTRY

    wanted = low[len(_CMDLET_NS) : -len("command")]
    names, _aliases = REGISTRY.names()
    name = next((n for n in names if n.replace("-", "").lower() == wanted), None)
    cls = REGISTRY.lookup(name) if name else None
    if cls is None or name is None:
        return None
    params = [(p.name, p.is_switch) for p in getattr(cls, "params", {}).values()]
    return CmdletObject(f"Microsoft.PowerShell.Commands.{name.replace('-', '')}Command", params)


STATICS: dict[str, dict[str, Any]] = {
    "System.IO.FileInfo": {"New": new_file_info},
    "System.IO.DirectoryInfo": {"New": new_directory_info},
    "System.Management.Automation.WildcardPattern": {
        "Escape": _escape_wildcard, "New": lambda *a: ScriptWildcardPattern(*a),
        "ContainsWildcardCharacters": lambda t: any(c in "*?[]" for c in to_string(t)),
        "Get": lambda *a: ScriptWildcardPattern(*a),
    },
    "System.Tuple": {"Create": _tuple_create, "New": _tuple_create},
    "System.Management.Automation.Host.Coordinates": {"New": lambda *a: Coordinates(*a)},
    "System.Management.Automation.Host.Size": {"New": lambda *a: Size(*a)},
}


_GUID_FORMS = {32: "N", 36: "D", 38: "B", 68: "X"}


class Guid:
    """System.Guid: 128 bits shown as 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'; ToString('N'|'D'|'B'|'P')."""

    PS_TYPE_NAMES = ("System.Guid", "System.ValueType", "System.Object")
    PS_PROPERTIES = ("Guid",)
    PS_METHODS = ("ToString", "Equals", "CompareTo", "ToByteArray")
    PS_VALUE_EQUALITY = True

    def __init__(self, value: int) -> None:
        self._value = value

    @classmethod
    def parse(cls, text: str) -> Guid:
        """Guid.Parse: 32 hex digits, optionally dashed, in braces or parentheses."""
        import re as _re

        t = text.strip()
        m = _re.fullmatch(r"([({]?)([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?"
                          r"([0-9a-fA-F]{12})([)}]?)", t)
        if not m or {"(": ")", "{": "}", "": ""}[m.group(1)] != m.group(7) or \
                (("-" in t) != (t.count("-") == 4)):
            raise ValueError("Unrecognized Guid format.")
        return cls(int("".join(m.group(i) for i in range(2, 7)), 16))

    @property
    def Guid(self) -> str:  # noqa: N802 - the ETS property pwsh adds
        return self.ToString()

    def ToString(self, fmt: Any = None) -> str:  # noqa: N802
        h = f"{self._value:032x}"
        dashed = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        f = to_string(fmt).upper() if fmt not in (None, "") else "D"
        if f == "N":
            return h
        if f == "B":
            return "{" + dashed + "}"
        if f == "P":
            return "(" + dashed + ")"
        if f == "D":
            return dashed
        raise ValueError('Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".')

    def ps_to_string(self) -> str:
        return self.ToString()

    def ToByteArray(self) -> list[Any]:  # noqa: N802
        import uuid

        from pyshell.engine.generics import TypedArray
        from pyshell.numeric import typed_int

        return TypedArray([typed_int("System.Byte", b) for b in uuid.UUID(int=self._value).bytes_le], "System.Byte")

    def CompareTo(self, other: Any) -> int:  # noqa: N802
        o = to_guid(other)
        return (self._value > o._value) - (self._value < o._value)

    def Equals(self, other: Any) -> bool:  # noqa: N802
        return isinstance(other, Guid) and other._value == self._value

    @classmethod
    def ps_coerce(cls, value: Any) -> Any:
        """The right operand of -eq/-lt with a Guid on the left, converted to a Guid."""
        return to_guid(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return other.lower() == self.ToString()  # Python-side comparisons with the text form
        return isinstance(other, Guid) and other._value == self._value

    def __str__(self) -> str:
        return self.ToString()

    def __lt__(self, other: Any) -> bool:
        return self._value < to_guid(other)._value

    def __gt__(self, other: Any) -> bool:
        return self._value > to_guid(other)._value

    def __hash__(self) -> int:
        return hash(self.ToString())


def to_guid(value: Any) -> Guid:
    """[guid]value: a Guid, or its text in any of .NET's formats."""
    from pyshell.engine.conversions import ConversionError

    if isinstance(value, Guid):
        return value
    text = to_string(value)
    try:
        return Guid.parse(text)
    except ValueError as err:
        raise ConversionError(f'Cannot convert value "{text}" to type "System.Guid". Error: "{err}"',
                              error_id="InvalidCastParseTargetInvocation") from None


def new_guid() -> Guid:
    """Guid.NewGuid(): a random (version 4) Guid."""
    import uuid

    return Guid(uuid.uuid4().int)


def _guid_ctor(*args: Any) -> Guid:
    if not args:
        return Guid(0)
    if len(args) == 1 and isinstance(args[0], list):
        import uuid

        return Guid(uuid.UUID(bytes_le=bytes(int(b) & 0xFF for b in args[0])).int)
    return to_guid(args[0])


STATICS["System.Guid"] = {"NewGuid": new_guid, "Empty": Guid(0), "New": _guid_ctor,
                          "Parse": lambda s, *_: to_guid(s)}
