"""New-Object and Add-Member: making objects and attaching members to them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyshell.commands.addmember_binder import AddMemberBinder
from pyshell.commands.addmember_kinds import NOT_SPECIFIED, existing_member_type, new_member
from pyshell.commands.objects import add_note
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    Hashtable,
    OrderedHashtable,
    PSObject,
    type_names,
)
from pyshell.engine.script_members import attach
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


_MULTI = "NotePropertyMultiMemberSet"
_SINGLE = "NotePropertySingleMemberSet"
_MEMBER_SETS = ("MemberSet", "TypeNameSet", _SINGLE, _MULTI)


def _error(message: str, error_id: str, target: Any = None) -> PyshellError:
    """Add-Member's own errors: InvalidOperationException, category InvalidOperation."""
    return PyshellError(message, error_id=error_id, category="InvalidOperation", target=target,
                        reason="InvalidOperationException")


@command("Add-Member", default_set="TypeNameSet")
class AddMember(Cmdlet):
    """Adds custom properties to an instance of an object."""

    binder_class = AddMemberBinder
    InputObject = Param("psobject", mandatory=True, pipeline=True, sets=_MEMBER_SETS)
    MemberType = Param("PSMemberTypes", position=0, mandatory=True, aliases=("Type",), sets=("MemberSet",))
    Name = Param("string", position=1, mandatory=True, sets=("MemberSet",))
    Value = Param("object", position=2, sets=("MemberSet",))
    SecondValue = Param("object", position=3, sets=("MemberSet",))
    TypeName = Param("string", mandatory=True, mandatory_in=("TypeNameSet",), sets=_MEMBER_SETS)
    Force = Param("switch", sets=("MemberSet", _SINGLE, _MULTI))
    PassThru = Param("switch", sets=_MEMBER_SETS)
    NotePropertyName = Param("string", position=0, mandatory=True, sets=(_SINGLE,))
    NotePropertyValue = Param("object", position=1, mandatory=True, sets=(_SINGLE,))
    NotePropertyMembers = Param("hashtable", position=0, mandatory=True, sets=(_MULTI,))

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject"):
            return
        if self.TypeName is not None and not self.TypeName.strip():
            raise _error("The TypeName parameter should not be null, empty, or contain only white spaces.",
                         "TypeNameShouldNotBeEmpty", self.TypeName)
        obj = self.InputObject
        pset = self._parameter_set()
        if pset == _MULTI:
            added = False
            for k, v in (self.NotePropertyMembers or Hashtable()).items():
                name = to_string(k)
                if not name:
                    self.write_error(_error("The name for a NoteProperty member should not be null or an empty "
                                            "string.", "NotePropertyNameShouldNotBeNull", name))
                    continue
                obj, ok = self._add(obj, name, v)
                added = added or ok
            if not added:
                return
        elif pset != "TypeNameSet":
            if pset == _SINGLE:
                name, value = to_string(self.NotePropertyName), self.NotePropertyValue
            else:
                name = self.Name
                value = new_member(self.MemberType, name, self._given("Value"), self._given("SecondValue"),
                                   self.runspace)
            obj, ok = self._add(obj, name, value)
            if not ok:
                return
        if self.TypeName is not None:
            obj = self._add_type_name(obj, self.TypeName)
        if self.PassThru:
            yield obj

    def _parameter_set(self) -> str:
        """The set the binder chose; each set has a parameter only it takes, so what is bound tells it too."""
        for name, pset in (("NotePropertyMembers", _MULTI), ("NotePropertyName", _SINGLE), ("MemberType", "MemberSet")):
            if self.is_bound(name):
                return pset
        return "TypeNameSet"

    def _given(self, name: str) -> Any:
        return self.bound[name] if name in self.bound else NOT_SPECIFIED

    def _add(self, obj: Any, name: str, value: Any) -> tuple[Any, bool]:
        """Attach one member; an existing one is an error (non-terminating) unless -Force may replace it."""
        existing = existing_member_type(obj, name)
        if existing is not None:
            if not self.Force:
                self.write_error(_error(f'Cannot add a member with the name "{name}" because a member with that name '
                                        "already exists. To overwrite the member anyway, add the Force parameter to "
                                        "your command.", "MemberAlreadyExists", obj))
                return obj, False
            if existing != "instance":
                self.write_error(_error(f'Cannot force the member with name "{name}" and type "{existing}" to be '
                                        "added. A member with that name and type already exists, and the existing "
                                        "member is not an instance extension.", "CannotRemoveTypeDataMember", obj))
                return obj, False
        obj = add_note(obj, name, value, force=True)
        if getattr(value, "member_type", ""):
            attach(obj)  # computed members are resolved when the properties are listed
        return obj, True

    def _add_type_name(self, obj: Any, name: str) -> Any:
        from pyshell.engine.types import resolve_type, type_exists

        if type_exists(name):
            name = resolve_type(name).FullName  # a type accelerator stands for its full name
        if not isinstance(obj, PSObject):
            try:
                obj.PS_TYPE_NAMES = (name, *type_names(obj))
                return obj
            except AttributeError:
                obj = PSObject(type_names=type_names(obj), base=obj)
        obj.type_names.insert(0, name)
        return obj
