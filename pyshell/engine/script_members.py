"""ScriptProperty, ScriptMethod and AliasProperty members (Add-Member -MemberType ...).

They sit among an object's note properties; reading the property (or calling the method) runs the
script block with $this set to the object, in the runspace that added the member.
"""

from __future__ import annotations

from collections.abc import ItemsView, KeysView, ValuesView
from typing import Any

from pyshell.engine.objects import (
    MISSING,
    ComputedMember,
    Hashtable,
    PSObject,
    get_property,
    set_property,
    type_names,
)
from pyshell.errors import RuntimeScriptError

__all__ = ["AliasPropertyMember", "MemberSetMember", "MemberTable", "PropertySetMember", "ScriptMethodMember", "ScriptPropertyMember", "attach",
           "computed_member"]


def _run(runspace: Any, sb: Any, this: Any, args: list[Any]) -> Any:
    scope = runspace.new_scope()
    scope.variables["this"] = this
    with runspace.in_scope(scope):
        out = runspace.invoke(sb, args=args)
    if not out:
        return None
    return out[0] if len(out) == 1 else out


class ScriptPropertyMember(ComputedMember):
    """A property whose value is its getter's output; assigning runs the setter with the value in $args[0]."""

    member_type = "ScriptProperty"

    def __init__(self, name: str, getter: Any, setter: Any, runspace: Any) -> None:
        self.name = name
        self.getter = getter
        self.setter = setter
        self.runspace = runspace

    def get(self, owner: Any) -> Any:
        return None if self.getter is None else _run(self.runspace, self.getter, owner, [])

    def set(self, owner: Any, value: Any) -> None:
        if self.setter is None:
            raise RuntimeScriptError(f'Set accessor for property "{self.name}" is unavailable.',
                                     error_id="SetWithoutSetterFromScriptProperty", category="InvalidOperation",
                                     reason="SetValueException")
        _run(self.runspace, self.setter, owner, [value])

    def definition(self) -> str:
        get = f"get={self.getter.text};" if self.getter is not None else ""
        put = f"set={self.setter.text};" if self.setter is not None else ""
        return f"System.Object {self.name} {{{get}{put}}}"


class ScriptMethodMember(ComputedMember):
    """A method: calling it runs the script block with $this and the call's arguments in $args."""

    member_type = "ScriptMethod"

    def __init__(self, name: str, script: Any, runspace: Any) -> None:
        self.name = name
        self.script = script
        self.runspace = runspace

    def get(self, owner: Any) -> Any:
        return self  # $o.Method without parentheses: the member itself

    def call(self, owner: Any, args: list[Any]) -> Any:
        return _run(self.runspace, self.script, owner, list(args))

    def ps_to_string(self) -> str:
        return f"System.Object {self.name}();"


class AliasPropertyMember(ComputedMember):
    """Another name for an existing property."""

    member_type = "AliasProperty"

    def __init__(self, name: str, target: str, type_name: str | None = None) -> None:
        self.name = name
        self.target = target
        self.type_name = type_name  #: -SecondValue: the type the aliased value is converted to

    def get(self, owner: Any) -> Any:
        v = get_property(owner, self.target)
        if v is MISSING:
            return None
        if self.type_name is not None:
            from pyshell.engine.types import convert_to

            return convert_to(self.type_name, v)
        return v

    def set(self, owner: Any, value: Any) -> None:
        set_property(owner, self.target, value)


class MemberSetMember(ComputedMember):
    """A named group of members (Add-Member -MemberType MemberSet): reading it gives an object holding them."""

    member_type = "MemberSet"

    def __init__(self, name: str, members: list[Any]) -> None:
        self.name = name
        self.members = members

    def get(self, owner: Any) -> Any:
        values = [(m.name, m.get(owner) if isinstance(m, ComputedMember) else getattr(m, "value", None))
                  for m in self.members]
        return PSObject(values, type_names=("System.Management.Automation.PSMemberSet",
                                            "System.Management.Automation.PSMemberInfo", "System.Object"))


class PropertySetMember(ComputedMember):
    """A named list of property names (Add-Member -MemberType PropertySet), as Select-Object and
    formatting use them; reading it gives the set itself."""

    member_type = "PropertySet"
    PS_TYPE_NAMES = ("System.Management.Automation.PSPropertySet", "System.Management.Automation.PSMemberInfo",
                     "System.Object")
    PS_PROPERTIES = ("ReferencedPropertyNames", "MemberType", "TypeNameOfValue", "IsInstance", "Value", "Name")

    def __init__(self, name: str, names: list[str]) -> None:
        self.name = name
        self.ReferencedPropertyNames = list(names)

    Name = property(lambda self: self.name)
    MemberType = property(lambda self: self.member_type)
    TypeNameOfValue = "System.Management.Automation.PSPropertySet"
    IsInstance = True
    Value = property(lambda self: self)

    def get(self, owner: Any) -> Any:
        return self

    def ps_to_string(self) -> str:
        return f"{self.name} {{{', '.join(self.ReferencedPropertyNames)}}}"


#: computed members that are not properties: listing an object's properties leaves them out
_NOT_PROPERTIES = (MemberSetMember, PropertySetMember)


def computed_member(kind: str, name: str, value: Any, second: Any, runspace: Any) -> ComputedMember:
    """The member Add-Member -MemberType ScriptProperty/ScriptMethod/AliasProperty attaches."""
    from pyshell.engine.conversions import to_string
    from pyshell.engine.scriptblock import ScriptBlock

    if kind == "AliasProperty":
        type_name = None
        if second is not None:
            from pyshell.engine.types import TypeRef, resolve_type, type_exists

            type_name = second.FullName if isinstance(second, TypeRef) else to_string(second)
            if not type_exists(type_name):
                raise RuntimeScriptError(f'Cannot convert the "{type_name}" value of type "System.String" to type '
                                         f'"System.Type".', error_id="InvalidCastFromStringToType",
                                         category="InvalidArgument", reason="PSInvalidCastException")
            type_name = resolve_type(type_name).FullName
        return AliasPropertyMember(name, to_string(value), type_name)
    if kind == "ScriptProperty" and value is None and second is None:
        raise RuntimeScriptError(f'Both Value and SecondValue parameters should not be null for a member of type '
                                 f'"{kind}". Specify a non-null value for one of the two parameters.',
                                 error_id="Value1AndValue2AreNotBothNull", category="InvalidOperation")
    for v in (value, second):
        if v is not None and not isinstance(v, ScriptBlock):
            source = (type_names(v) or ["System.Object"])[0]
            raise RuntimeScriptError(f'Cannot convert the "{to_string(v)}" value of type "{source}" to type '
                                     f'"System.Management.Automation.ScriptBlock".', error_id="ConvertToFinalInvalidCastException",
                                     category="InvalidArgument", reason="PSInvalidCastException")
    if kind == "ScriptMethod":
        return ScriptMethodMember(name, value, runspace)
    return ScriptPropertyMember(name, value, second, runspace)


class MemberTable(Hashtable):
    """A PSObject's properties once it has computed members: enumerating them (ConvertTo-Json, "$o",
    Export-Csv) gives their values; indexing stays raw so the engine can tell a member from a value."""

    __slots__ = ("owner",)

    def __init__(self, owner: PSObject, items: Hashtable) -> None:
        super().__init__()
        self._data = dict(items._data)
        self.owner = owner

    def _value(self, v: Any) -> Any:
        if isinstance(v, ScriptMethodMember):
            return v.ps_to_string()
        return v.get(self.owner) if isinstance(v, ComputedMember) else v

    def items(self) -> ItemsView[Any, Any]:
        return {k: self._value(v) for k, v in self._data.values()
                if not isinstance(v, _NOT_PROPERTIES)}.items()  # type: ignore[return-value]

    def keys(self) -> KeysView[Any]:
        return {k: None for k, v in self._data.values()
                if not isinstance(v, _NOT_PROPERTIES)}.keys()

    def copy(self) -> Hashtable:
        return Hashtable(self.items())

    def values(self) -> ValuesView[Any]:
        return [self._value(v) for _, v in self._data.values()
                if not isinstance(v, _NOT_PROPERTIES)]  # type: ignore[return-value]


def attach(obj: Any) -> None:
    """After a computed member was added to obj: its property table resolves members when enumerated."""
    if isinstance(obj, PSObject) and not isinstance(obj.properties, MemberTable):
        obj.properties = MemberTable(obj, obj.properties)
