"""The member Add-Member -MemberType <kind> builds from -Value/-SecondValue, with PowerShell's checks and errors.

Each kind checks its values in pwsh's order (Value2ShouldNotBeSpecified, Value1ShouldNotBeNull,
Value1AndValue2AreNotBothNull, then the conversion of each value to what the member needs).
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.objects import PSObject, type_names
from pyshell.engine.script_members import MemberSetMember, PropertySetMember, computed_member
from pyshell.errors import PyshellError, RuntimeScriptError

__all__ = ["NOT_SPECIFIED", "existing_member_type", "new_member"]


class _NotSpecified:
    """-Value/-SecondValue not given at all (unlike an explicit $null)."""

    def __repr__(self) -> str:
        return "NOT_SPECIFIED"


NOT_SPECIFIED: Any = _NotSpecified()

_METHOD_INFO = "System.Reflection.MethodInfo"
_MEMBER_COLLECTION = "System.Collections.ObjectModel.Collection`1[System.Management.Automation.PSMemberInfo]"
_SCRIPT_BLOCK = "System.Management.Automation.ScriptBlock"


def _error(error_id: str, message: str) -> PyshellError:
    return PyshellError(message, error_id=error_id, category="InvalidOperation", reason="InvalidOperationException")


def _cast_error(value: Any, target: str) -> RuntimeScriptError:
    """LanguagePrimitives.ConvertTo's failure as Add-Member reports it."""
    source = (type_names(value) or ["System.Object"])[0]
    return RuntimeScriptError(f'Cannot convert the "{to_string(value)}" value of type "{source}" to type "{target}".',
                              error_id="ConvertToFinalInvalidCastException", category="InvalidArgument",
                              reason="PSInvalidCastException")


def _bits(value: Any) -> int:
    return bin(int(value)).count("1")


def new_member(member_type: Any, name: str, value: Any, second: Any, runspace: Any) -> Any:
    """What Add-Member attaches for one -MemberType: a plain value (NoteProperty) or a ComputedMember.

    :param member_type: the bound PSMemberTypes value.
    :param value: -Value, or NOT_SPECIFIED; second likewise for -SecondValue.
    :raises PyshellError: WrongMemberCount, CannotAddMemberType, Value*… and cast errors, as pwsh words them.
    """
    from pyshell.commands.addmember_binder import PS_MEMBER_TYPES
    from pyshell.engine.types import convert_to

    member_type = convert_to(PS_MEMBER_TYPES, member_type)
    kind = to_string(member_type)
    if _bits(member_type) != 1:
        raise _error("WrongMemberCount", "To add a member, only one member type can be specified. The member types "
                                         f'specified are: "{kind}"')
    has1, has2 = value is not NOT_SPECIFIED, second is not NOT_SPECIFIED

    def no_value2() -> None:
        if has2:
            raise _error("Value2ShouldNotBeSpecified", f'The SecondValue parameter is not necessary for a member of '
                         f'type "{kind}", and should not be specified. Do not specify the SecondValue parameter when '
                         "you add members of this type.")

    def value1_not_null() -> None:
        if value is None or not has1:
            raise _error("Value1ShouldNotBeNull", f'The Value parameter should not be null for a member of type '
                         f'"{kind}". Specify a non-null value for the Value parameter when adding members of this type.')

    def not_both_null() -> None:
        if (value is None or not has1) and (second is None or not has2):
            raise _error("Value1AndValue2AreNotBothNull", f'Both Value and SecondValue parameters should not be null '
                         f'for a member of type "{kind}". Specify a non-null value for one of the two parameters.')

    if kind == "NoteProperty":
        no_value2()
        return value if has1 else None
    if kind == "AliasProperty":
        value1_not_null()
        if has2 and second is None:
            raise _error("Value2ShouldNotBeNull", f'The SecondValue parameter should not be null for a member of type '
                         f'"{kind}". Specify a non-null value for the SecondValue parameter when adding members of '
                         "this type.")
        return computed_member(kind, name, value, second if has2 else None, runspace)
    if kind == "CodeMethod":
        value1_not_null()
        no_value2()
        raise _cast_error(value, _METHOD_INFO)  # no .NET MethodInfo objects exist here
    if kind == "CodeProperty":
        not_both_null()
        raise _cast_error(value if value is not None and has1 else second, _METHOD_INFO)
    if kind == "MemberSet":
        no_value2()
        return MemberSetMember(name, _member_collection(value) if has1 and value is not None else [])
    if kind == "PropertySet":
        no_value2()
        value1_not_null()
        names = value if isinstance(value, (list, tuple)) else [value]
        return PropertySetMember(name, [to_string(n) for n in names])
    if kind == "ScriptMethod":
        no_value2()
        value1_not_null()
        _script_block(value)
        return computed_member(kind, name, value, None, runspace)
    if kind == "ScriptProperty":
        not_both_null()
        getter = _script_block(value) if has1 else None
        setter = _script_block(second) if has2 else None
        return computed_member(kind, name, getter, setter, runspace)
    raise _error("CannotAddMemberType", f'Cannot add a member with type "{kind}". Specify a different type for the '
                                        "MemberTypes parameter.")


def _script_block(value: Any) -> Any:
    from pyshell.engine.scriptblock import ScriptBlock

    if value is not None and not isinstance(value, ScriptBlock):
        raise _cast_error(value, _SCRIPT_BLOCK)
    return value


def _member_collection(value: Any) -> list[Any]:
    """-Value of a MemberSet: members (note or computed); anything else fails as Collection[PSMemberInfo]."""
    items = value if isinstance(value, (list, tuple)) else [value]
    if not all(getattr(m, "member_type", "") and hasattr(m, "name") for m in items):
        raise _cast_error(value, _MEMBER_COLLECTION)
    return list(items)


def existing_member_type(obj: Any, name: str) -> str | None:
    """None when obj has no property called name; "instance" for one added to this instance (a note, a
    computed member); else the member type of the adapted one, which -Force cannot replace."""
    from pyshell.commands.objects import property_exists

    if isinstance(obj, PSObject):
        if name in obj.properties:
            return "instance"
        return "Property" if obj.base is not None and property_exists(obj.base, name) else None
    notes = getattr(obj, "_ps_notes", None)
    if notes is not None and name in notes:
        return "instance"
    return "Property" if property_exists(obj, name) else None
