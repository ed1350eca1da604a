"""Get-Member: the members of objects, with pwsh's definition texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.memberdefs import Member, extended_members, instance_members, static_members
from pyshell.commands.objects import dotnet_type
from pyshell.engine.calculated import (
    wildcard_match,
)
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    Hashtable,
    PSObject,
    get_property,
    property_names,
    type_names,
    unwrap,
)
from pyshell.engine.types import TypeRef, register_enum

__all__ = ["GetMember", "MemberDefinition"]

# -- Get-Member ------------------------------------------------------------------------------------

class MemberDefinition:
    """One row of Get-Member's output."""

    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.MemberDefinition", "System.Object")
    PS_PROPERTIES = ("TypeName", "Name", "MemberType", "Definition")

    def __init__(self, type_name: str, name: str, member_type: str, definition: str) -> None:
        self.TypeName = type_name
        self.Name = name
        self.MemberType = member_type
        self.Definition = definition

    def ps_to_string(self) -> str:
        return self.Definition


_SHORT_TYPES = {
    "System.Int32": "int", "System.Int64": "long", "System.String": "string", "System.Boolean": "bool",
    "System.Double": "double", "System.DateTime": "datetime", "System.Object[]": "Object[]",
    "System.Collections.Hashtable": "hashtable", "System.Management.Automation.ScriptBlock": "scriptblock",
    "System.TimeSpan": "timespan", "System.Char": "char", "System.Decimal": "decimal", "System.Single": "float",
    "System.Byte": "byte", "System.Numerics.BigInteger": "bigint", "System.Object": "System.Object",
}
_OBJECT_METHODS = (("Equals", "bool Equals(System.Object obj)"), ("GetHashCode", "int GetHashCode()"),
                   ("GetType", "type GetType()"), ("ToString", "string ToString()"))
#: (properties, parameterized properties, extra methods) of types memberdefs has no table for
_KNOWN_MEMBERS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "System.Object[]": (
        (("IsFixedSize", "bool IsFixedSize {get;}"), ("IsReadOnly", "bool IsReadOnly {get;}"),
         ("IsSynchronized", "bool IsSynchronized {get;}"), ("Length", "int Length {get;}"),
         ("LongLength", "long LongLength {get;}"), ("Rank", "int Rank {get;}"),
         ("SyncRoot", "System.Object SyncRoot {get;}")),
        (), (("Clone", "System.Object Clone()"), ("Contains", "bool Contains(System.Object value)"),
             ("CopyTo", "void CopyTo(array array, int index)"), ("GetValue", "System.Object GetValue(int index)"),
             ("IndexOf", "int IndexOf(System.Object value)"), ("SetValue", "void SetValue(System.Object value, int index)")),
    ),
}
_PROPERTY_KINDS = {"AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty"}
_METHOD_KINDS = {"Method", "CodeMethod", "ScriptMethod"}


def _short_type(value: Any) -> str:
    if value is None:
        return "System.Object"
    name = dotnet_type(value)
    return _SHORT_TYPES.get(name, name)


def _member_text(value: Any) -> str:
    """A value inside a member definition, as .NET's ToString() gives it."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "System.Object[]"
    return to_string(value)


def _dotnet_members(base: Any) -> list[Member]:
    """The adapted (.NET) members of a base object."""
    tabled = instance_members(dotnet_type(base))
    if tabled is not None:
        return list(tabled)
    own = getattr(base, "ps_member_definitions", None)
    if callable(own):  # objects whose members depend on their content (an XML node's elements)
        return [(n, "Method", d) for n, d in _OBJECT_METHODS if n != "ToString"] + list(own())
    result: list[Member] = [(n, "Method", d) for n, d in _OBJECT_METHODS]
    known = _KNOWN_MEMBERS.get(dotnet_type(base))
    if known is not None:
        result += [(n, "Property", d) for n, d in known[0]]
        result += [(n, "ParameterizedProperty", d) for n, d in known[1]]
        result += [(n, "Method", d) for n, d in known[2] if n != "ToString"]
    elif getattr(base, "PS_PROPERTIES", None) is not None:
        for name in base.PS_PROPERTIES:
            value = get_property(base, name)
            result.append((name, "Property", f"{_short_type(value)} {name} {{get;set;}}"))
        for name in getattr(base, "PS_METHODS", ()):
            if not any(r[0] == name for r in result):
                result.append((name, "Method", f"System.Object {name}()"))
    elif base is not None and not isinstance(base, PSObject):
        for name in property_names(base):
            value = get_property(base, name)
            result.append((name, "Property", f"{_short_type(value)} {name} {{get;}}"))
    return result


def _accessors(members: list[Member]) -> list[Member]:
    """The hidden get_/set_ methods behind properties, which -Force shows."""
    out: list[Member] = []
    for name, kind, definition in members:
        if kind == "ParameterizedProperty":
            head, _, _ = definition.partition(" {")
            type_name, _, call = head.partition(" ")
            out.append((f"get_{name}", "Method", f"{type_name} get_{call}"))
        elif kind == "Property" and "{get;" in definition:
            type_name = definition.split(f" {name} ", 1)[0]
            out.append((f"get_{name}", "Method", f"{type_name} get_{name}()"))
            if "set;" in definition:
                out.append((f"set_{name}", "Method", f"void set_{name}({type_name} value)"))
    return out


#: member kinds that come from type data (types.ps1xml), so belong to the Extended view
_TYPE_DATA_KINDS = {"CodeMethod", "CodeProperty", "ScriptMethod", "ScriptProperty", "AliasProperty", "NoteProperty"}


def _split_type_data(rows: list[Member], views: set[str]) -> list[Member]:
    """Keep the rows of the requested views: type-data rows are Extended, the rest Adapted.

    A type-data ToString hides the .NET one; -View Adapted shows that .NET ToString instead.
    """
    adapted = bool(views & {"adapted", "base"})
    if adapted and "extended" in views:
        return rows
    if not adapted:
        return [m for m in rows if m[1] in _TYPE_DATA_KINDS]
    kept = [m for m in rows if m[1] not in _TYPE_DATA_KINDS]
    if any(m[0] == "ToString" and m[1] in _TYPE_DATA_KINDS for m in rows) and \
            not any(m[0] == "ToString" for m in kept):
        kept.append(("ToString", "Method", "string ToString()"))
    return kept


def _members(obj: Any, force: bool, views: set[str]) -> list[Member]:
    """(name, member type, definition) of every member Get-Member shows for obj in the given views."""
    base = obj.base if isinstance(obj, PSObject) and obj.base is not None else obj
    adapted: list[Member] = []
    if views & {"adapted", "base", "extended"}:
        adapted = _dotnet_members(base) if not isinstance(base, PSObject) else \
            [(n, "Method", d) for n, d in _OBJECT_METHODS]
        adapted = _split_type_data(adapted, views)
        if force and views & {"adapted", "base"}:
            adapted += _accessors(adapted)
    notes: list[tuple[str, Any]] = []
    if "extended" in views:
        if isinstance(obj, PSObject):
            notes = list(obj.properties._data.values())  # raw: a ScriptProperty is listed as itself
        if not isinstance(base, PSObject) and getattr(base, "PS_PROPERTIES", None) is not None:
            notes += list((getattr(base, "_ps_notes", None) or Hashtable())._data.values())
    result = adapted + [_note_member(n, v) for n, v in notes]
    if "extended" in views and not isinstance(base, PSObject):
        extended = extended_members(dotnet_type(base))
        # a type-data member (FileInfo.BaseName) replaces the Python attribute the engine reads it from
        names = {m[0].casefold() for m in extended}
        result = [m for m in result if m[0].casefold() not in names] + list(extended)
    if force:
        result += [(n, "MemberSet", f"{n} {{{d}}}") for n, d in (
            ("psadapted", ""), ("psbase", ""), ("psextended", ""), ("psobject", ""))]
        result.append(("pstypenames", "CodeProperty",
                       "System.Collections.ObjectModel.Collection`1[[System.String]] pstypenames{get=PSTypeNames;}"))
    return result


def _note_member(name: str, value: Any) -> Member:
    """A NoteProperty, or an Add-Member ScriptProperty/ScriptMethod/AliasProperty (engine/script_members.py)."""
    kind = getattr(value, "member_type", "")
    if kind == "ScriptProperty":
        return (name, kind, value.definition())
    if kind == "ScriptMethod":
        return (name, kind, f"System.Object {name}();")
    if kind == "AliasProperty":
        return (name, kind, f"{name} = {value.target}")
    return (name, "NoteProperty", f"{_short_type(value)} {name}={_member_text(value)}")


def _static_type(obj: Any) -> str:
    """The type whose static members -Static lists: the type itself for a type object."""
    base = unwrap(obj)
    return base.FullName if isinstance(base, TypeRef) else dotnet_type(obj)


def _kind_matches(kind: str, wanted: list[str]) -> bool:
    for w in wanted:
        low = w.casefold()
        if low == "all" or low == kind.casefold():
            return True
        if low == "properties" and kind in _PROPERTY_KINDS:
            return True
        if low == "methods" and kind in _METHOD_KINDS:
            return True
    return False


_VIEWS = {"extended": {"extended"}, "adapted": {"adapted"}, "base": {"base"},
          "all": {"extended", "adapted", "base"}}
_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties",
                 "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty",
                 "MemberSet", "Event", "Dynamic", "InferredProperty", "All")
# the parameters' enum types, so that binding rejects other names with pwsh's message
register_enum("System.Management.Automation.PSMemberTypes", _MEMBER_TYPES, "PSMemberTypes",
              values=(1, 2, 4, 8, 16, 31, 32, 64, 128, 256, 448, 512, 1024, 2048, 4096, 8192, 16383), flags=True)
register_enum("System.Management.Automation.PSMemberViewTypes", ("Extended", "Adapted", "Base", "All"),
              "PSMemberViewTypes", values=(1, 2, 4, 7), flags=True)


@command("Get-Member", aliases=("gm",))
class GetMember(Cmdlet):
    """Gets the properties and methods of objects."""

    InputObject = Param("object", pipeline=True)
    Name = Param("string[]", position=0)
    MemberType = Param("System.Management.Automation.PSMemberTypes", aliases=("Type",))
    View = Param("System.Management.Automation.PSMemberViewTypes")
    Static = Param("switch")
    Force = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._seen: set[str] = set()
        kinds = self.MemberType or ["All"]
        if isinstance(kinds, str):
            kinds = [kinds]
        self._kinds = [k.strip() for item in kinds for k in to_string(item).split(",")]
        self._views: set[str] = set()
        for part in to_string(self.View or "Adapted, Extended").split(","):  # a [Flags] value: "Extended, Adapted"
            self._views |= _VIEWS.get(part.strip().casefold(), set())
        return ()

    def process(self) -> Iterator[Any]:
        obj = self.InputObject
        if not self.is_bound("InputObject") or obj is None:
            return
        if self.Static:
            type_name = _static_type(obj)
            members = list(static_members(type_name))
        else:
            names = type_names(obj)
            type_name = names[0] if names else "<null>"
            members = _members(obj, bool(self.Force), self._views)
        if type_name in self._seen:
            return
        self._seen.add(type_name)
        members = [m for m in members if _kind_matches(m[1], self._kinds)]
        patterns = self.Name or ["*"]
        hits = [m for m in members if any(wildcard_match(p, m[0]) for p in patterns)]
        hits.sort(key=lambda m: (m[1].casefold(), m[0].casefold()))  # pwsh: by member type, then name
        for name, kind, definition in hits:
            yield MemberDefinition(type_name, name, kind, definition)

    def end(self) -> Iterable[Any]:
        if not self._seen:
            self.write_error("You must specify an object for the Get-Member cmdlet.",
                             error_id="NoObjectInGetMember", category="CloseError")
        return ()
