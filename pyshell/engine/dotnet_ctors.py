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


STATICS: dict[str, dict[str, Any]] = {
    "System.IO.FileInfo": {"New": new_file_info},
    "System.IO.DirectoryInfo": {"New": new_directory_info},
    "System.Management.Automation.WildcardPattern": {
        "Escape": _escape_wildcard, "New": lambda *a: ScriptWildcardPattern(*a),
        "ContainsWildcardCharacters": lambda t: any(c in "*?[]" for c in to_string(t)),
        "Get": lambda *a: ScriptWildcardPattern(*a),
    },
    "System.Tuple": {"Create": _tuple_create, "New": _tuple_create},
}
