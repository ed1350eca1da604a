"""Add-Type: the C# enum declarations scripts compile (engine/csharp_enums.py); -AssemblyName for the .NET
assemblies whose types pyshell already provides."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NoReturn

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.errors import PyshellError

__all__ = ["AddType"]


def _same_enum(full_name: str, names: list[str], values: list[int]) -> bool:
    from pyshell.engine.enums import ENUM_TYPES

    et = ENUM_TYPES.get(full_name)
    return et is not None and list(et.names) == names and list(et.values) == values


@command("Add-Type", default_set="FromSource")
class AddType(Cmdlet):
    """Adds types to the session: enums from C# source, or (no-op) a named .NET assembly."""

    TypeDefinition = Param("string", position=0, mandatory=True, sets=("FromSource",))
    Name = Param("string", position=0, mandatory=True, sets=("FromMember",))
    MemberDefinition = Param("string[]", position=1, mandatory=True, sets=("FromMember",))
    Namespace = Param("string", aliases=("NS",), sets=("FromMember",))
    UsingNamespace = Param("string[]", aliases=("Using",), sets=("FromMember",))
    Path = Param("string[]", position=0, mandatory=True, sets=("FromPath",))
    LiteralPath = Param("string[]", mandatory=True, aliases=("PSPath", "LP"), sets=("FromLiteralPath",))
    AssemblyName = Param("string[]", mandatory=True, aliases=("AN",), sets=("FromAssemblyName",))
    Language = Param("string", validate_set=("CSharp",))
    ReferencedAssemblies = Param("string[]", aliases=("RA",))
    OutputAssembly = Param("string", aliases=("OA",))
    OutputType = Param("string", aliases=("OT",))
    PassThru = Param("switch")
    IgnoreWarnings = Param("switch")
    CompilerOptions = Param("string[]")

    def end(self) -> Iterator[Any]:
        if self.parameter_set_name == "FromAssemblyName":
            return  # the framework types scripts reach for are built in; loading an assembly adds nothing
        if self.parameter_set_name == "FromMember":
            self._fail("Add-Type -MemberDefinition (C# methods) is not supported by pyshell; only enum declarations "
                       "can be added", "COMPILER_ERRORS")
        source = self._source()
        from pyshell.engine.csharp_enums import CSharpError, parse_enums, register_enums
        from pyshell.engine.types import TypeRef, type_exists

        try:
            decls = parse_enums(source)
        except CSharpError as err:
            self._fail(f"Cannot add type. {str(err).rstrip('.')}.", "COMPILER_ERRORS")
        for d in decls:
            if type_exists(d.full_name) and not _same_enum(d.full_name, d.names, d.values):
                self._fail(f"Cannot add type. The type name '{d.full_name}' already exists.", "TYPE_ALREADY_EXISTS")
        try:
            names = register_enums(decls)
        except CSharpError as err:
            self._fail(f"Cannot add type. {str(err).rstrip('.')}.", "COMPILER_ERRORS")
        if self.PassThru:
            yield from (TypeRef(n) for n in names)

    def _source(self) -> str:
        if self.parameter_set_name == "FromSource":
            return to_string(self.TypeDefinition)
        paths = self.Path if self.parameter_set_name == "FromPath" else self.LiteralPath
        texts = []
        for p in paths or []:
            full = self.runspace.resolve_path(to_string(p))
            try:
                with open(full, encoding="utf-8") as fh:
                    texts.append(fh.read())
            except OSError:
                self._fail(f"Cannot find path '{full}' because it does not exist.", "PathNotFound", "ObjectNotFound")
        return "\n".join(texts)

    def _fail(self, message: str, error_id: str, category: str = "InvalidData") -> NoReturn:
        raise PyshellError(message, error_id=error_id, category=category)
