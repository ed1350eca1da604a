"""Add-Member's parameter binding rules, which plain Param metadata cannot express.

PowerShell's Add-Member has a [NotePropertyTransformation] (numbers become strings) and a
[ValidateNotePropertyName] (values that name an addable member type are refused) on -NotePropertyName, so
that `Add-Member -InputObject a property Any` adds a note called "property" while `... 8 np Any` binds 8 to
-MemberType. Its mandatory parameters refuse $null (and '') before any conversion is attempted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyshell.commands.getmember  # noqa: F401 - registers the PSMemberTypes enum that -MemberType binds to
from pyshell.engine.binder import Binder, BoundCall
from pyshell.engine.cmdlet import Param
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import Hashtable
from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["AddMemberBinder", "ADDABLE_MEMBER_TYPES", "PS_MEMBER_TYPES"]

PS_MEMBER_TYPES = "System.Management.Automation.PSMemberTypes"
#: the member types Add-Member can add (and so the names -NotePropertyName refuses)
ADDABLE_MEMBER_TYPES = ("AliasProperty", "CodeMethod", "CodeProperty", "MemberSet", "NoteProperty", "PropertySet",
                        "ScriptMethod", "ScriptProperty")
#: mandatory parameters without [AllowNull]: $null fails before conversion
_NOT_NULL = frozenset(("InputObject", "MemberType", "Name", "NotePropertyName", "NotePropertyMembers"))
#: mandatory [string] parameters: '' fails too
_NOT_EMPTY = frozenset(("Name", "NotePropertyName"))


def member_type_name(value: Any) -> str | None:
    """The single member type a value converts to (e.g. "NoteProperty" for 8 or "8"), else None."""
    from pyshell.engine.types import convert_to

    try:
        return to_string(convert_to(PS_MEMBER_TYPES, value))
    except PyshellError:
        return None


class AddMemberBinder(Binder):
    """Binder with Add-Member's NotePropertyName transformation/validation and null checks."""

    _positional = False  #: binding positional arguments now (a dictionary then goes to -NotePropertyMembers)

    def _positional_order(self, sets: set[str]) -> list[tuple[str, Param]]:
        # -NotePropertyName gets the first try at position 0; its validation hands member types to -MemberType
        order = super()._positional_order(sets)
        return sorted(order, key=lambda np: np[0] != "NotePropertyName")

    def _bind_positional(self, call: BoundCall, positional: list[Any]) -> None:
        self._positional = True
        try:
            super()._bind_positional(call, positional)
        finally:
            self._positional = False

    def convert(self, name: str, p: Param, value: Any) -> Any:
        if name == "NotePropertyName" and self._positional and isinstance(value, Hashtable):
            # a dictionary fits -NotePropertyMembers as it is; pwsh tries that before converting it to a name
            raise self._bind_error(f"Cannot bind parameter '{name}' to a dictionary by position.",
                                   "CannotConvertArgumentNoMessage")
        if value is None and name in _NOT_NULL:
            raise self._bind_error(f"Cannot bind argument to parameter '{name}' because it is null.",
                                   "ParameterArgumentValidationErrorNullNotAllowed")
        if name == "NotePropertyName" and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            value = to_string(value)
        if name == "TypeName" and (value is None or value == ""):
            raise self._bind_error(f"Cannot validate argument on parameter '{name}'. The argument is null or empty. "
                                   "Provide an argument that is not null or empty, and then try the command again.",
                                   "ParameterArgumentValidationError")
        result = super().convert(name, p, value)
        if name in _NOT_EMPTY and result == "":
            raise self._bind_error(f"Cannot bind argument to parameter '{name}' because it is an empty string.",
                                   "ParameterArgumentValidationErrorEmptyStringNotAllowed")
        if name == "NotePropertyMembers" and isinstance(result, Hashtable) and not len(result):
            raise self._bind_error(
                f"Cannot validate argument on parameter '{name}'. The argument is null, empty, or an element of the "
                "argument collection contains a null value. Supply a collection that does not contain any null values "
                "and then try the command again.", "ParameterArgumentValidationError")
        if name == "NotePropertyName" and member_type_name(result) in ADDABLE_MEMBER_TYPES:
            raise self._bind_error(
                f"Cannot validate argument on parameter '{name}'. The parameter NotePropertyName cannot take values "
                f"that could be converted to the type {PS_MEMBER_TYPES}. To define the name of a member with those "
                "values, use Add-Member, and specify the member type.", "ParameterArgumentValidationError")
        return result

    def bind_pipeline(self, call: BoundCall, item: Any, candidates: list[tuple[str, Param]]) -> tuple[dict[str, Any], str]:
        # $null piped to the mandatory -InputObject is refused by name, not as unbindable input
        if item is None and any(n == "InputObject" for n, _ in candidates):
            raise self._bind_error("Cannot bind argument to parameter 'InputObject' because it is null.",
                                   "ParameterArgumentValidationErrorNullNotAllowed")
        return super().bind_pipeline(call, item, candidates)

    def _bind_error(self, message: str, error_id: str) -> ParameterBindingError:
        return self._error(message, error_id, "InvalidData")
