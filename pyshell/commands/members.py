"""New-Object and Add-Member: making objects and attaching members to them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyshell.commands.objects import add_note
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    Hashtable,
    OrderedHashtable,
    PSObject,
    type_names,
)
from pyshell.errors import PyshellError

__all__ = ["NewObject", "AddMember"]

# -- New-Object, Add-Member ------------------------------------------------------------------------

_PSOBJECT_TYPES = {"psobject", "pscustomobject", "system.management.automation.psobject",
                   "system.management.automation.pscustomobject", "management.automation.psobject",
                   "management.automation.pscustomobject", "object", "system.object"}
_HASHTABLE_TYPES = {"hashtable": Hashtable, "system.collections.hashtable": Hashtable,
                    "collections.hashtable": Hashtable,
                    "system.collections.specialized.ordereddictionary": OrderedHashtable,
                    "collections.specialized.ordereddictionary": OrderedHashtable}


_VALUE_TYPES = {"System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16",
                "System.UInt32", "System.UInt64", "System.Double", "System.Single", "System.Decimal", "System.Boolean"}


def _value_type_default(name: str) -> Any:
    """What a .NET value type's parameterless constructor makes (0, 0.0, $false); None for other types."""
    from pyshell.engine.types import TypeRef, convert_to

    full = TypeRef(name).FullName
    return convert_to(full, 0) if full in _VALUE_TYPES else None


@command("New-Object", default_set="Net")
class NewObject(Cmdlet):
    """Creates an object: a PSObject (with -Property) or an empty hashtable."""

    TypeName = Param("string", position=0, mandatory=True, sets=("Net",))
    ArgumentList = Param("object[]", position=1, aliases=("Args",), sets=("Net",))
    ComObject = Param("string", position=0, mandatory=True, sets=("Com",))
    Strict = Param("switch", sets=("Com",))
    Property = Param("hashtable")

    def end(self) -> Iterator[Any]:
        name = (self.TypeName or self.ComObject or "").strip()
        low = name.casefold().strip("[]")
        args = list(self.ArgumentList or [])
        if not self.is_bound("ComObject") and low not in _PSOBJECT_TYPES and low not in _HASHTABLE_TYPES:
            from pyshell.engine.generics import new_instance

            made = new_instance(name, args)
            if made is None and not args:
                made = _value_type_default(name)
            if made is not None:
                yield made
                return
        if self.is_bound("ComObject") or (low not in _PSOBJECT_TYPES and low not in _HASHTABLE_TYPES):
            raise PyshellError(f"Cannot find type [{name}]: verify that the assembly containing this type is loaded.",
                               error_id="TypeNotFound", category="InvalidType", target=name)
        if low in _HASHTABLE_TYPES:
            result: Any = _HASHTABLE_TYPES[low]()
            for k, v in (self.Property or Hashtable()).items():
                result[k] = v
            yield result
            return
        result = args[0] if len(args) == 1 else PSObject(
            type_names=("System.Object",) if low in ("object", "system.object") else None)
        for k, v in (self.Property or Hashtable()).items():
            result = add_note(result, to_string(k), v, force=True)
        yield result


_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties",
                 "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty",
                 "MemberSet", "Event", "Dynamic", "InferredProperty", "All")


@command("Add-Member", default_set="TypeNameSet")
class AddMember(Cmdlet):
    """Adds custom properties to an instance of an object."""

    InputObject = Param("object", mandatory=True, pipeline=True)
    MemberType = Param("string", position=0, mandatory=True, aliases=("Type",), sets=("MemberSet",),
                       validate_set=_MEMBER_TYPES)
    Name = Param("string", position=1, mandatory=True, sets=("MemberSet",))
    Value = Param("object", position=2, sets=("MemberSet",))
    SecondValue = Param("object", position=3, sets=("MemberSet",))
    NotePropertyName = Param("string", position=0, mandatory=True, sets=("NotePropertySingleMemberSet",))
    NotePropertyValue = Param("object", position=1, mandatory=True, sets=("NotePropertySingleMemberSet",))
    NotePropertyMembers = Param("hashtable", position=0, mandatory=True, sets=("NotePropertyMultiMemberSet",))
    TypeName = Param("string")
    Force = Param("switch", sets=("MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet"))
    PassThru = Param("switch")

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject"):
            return
        obj = self.InputObject
        for name, value in self._members():
            if not name:
                raise PyshellError("The name for a NoteProperty member should not be null or an empty string.",
                                   error_id="NotePropertyNameShouldNotBeNull", category="InvalidOperation")
            obj = add_note(obj, name, value, force=bool(self.Force))
            if getattr(value, "member_type", ""):
                from pyshell.engine.script_members import attach

                attach(obj)  # ScriptProperty/ScriptMethod/AliasProperty: resolved when the properties are listed
        if self.TypeName is not None:
            obj = self._add_type_name(obj, self.TypeName)
        if self.PassThru:
            yield obj

    def _members(self) -> list[tuple[str, Any]]:
        if self.is_bound("NotePropertyMembers"):
            return [(to_string(k), v) for k, v in (self.NotePropertyMembers or Hashtable()).items()]
        if self.is_bound("NotePropertyName"):
            return [(self.NotePropertyName, self.NotePropertyValue)]
        if self.is_bound("MemberType"):
            kind = next((t for t in _MEMBER_TYPES if t.casefold() == str(self.MemberType).casefold()),
                        self.MemberType)
            if kind in ("ScriptProperty", "ScriptMethod", "AliasProperty"):
                from pyshell.engine.script_members import computed_member

                return [(self.Name, computed_member(kind, self.Name, self.Value, self.SecondValue, self.runspace))]
            if kind != "NoteProperty":
                raise PyshellError(f'Cannot add a member with type "{kind}". Specify a different type for the '
                                   "MemberTypes parameter.", error_id="CannotAddMemberType",
                                   category="InvalidOperation")
            if self.is_bound("SecondValue"):
                raise PyshellError('The SecondValue parameter is not necessary for a member of type "NoteProperty", '
                                   "and should not be specified. Do not specify the SecondValue parameter when you "
                                   "add members of this type.", error_id="Value2ShouldNotBeSpecified",
                                   category="InvalidOperation")
            return [(self.Name, self.Value)]
        return []

    @staticmethod
    def _add_type_name(obj: Any, name: str) -> Any:
        if not name.strip():
            raise PyshellError("The TypeName parameter should not be null, empty, or contain only white spaces.",
                               error_id="TypeNameShouldNotBeEmpty", category="InvalidOperation")
        if not isinstance(obj, PSObject):
            try:
                obj.PS_TYPE_NAMES = (name, *type_names(obj))
                return obj
            except AttributeError:
                obj = PSObject(type_names=type_names(obj), base=obj)
        if obj.type_names[:1] != [name]:
            obj.type_names.insert(0, name)
        return obj
