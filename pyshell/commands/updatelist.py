"""Update-List: add, remove or replace items of a list-valued property in place (PSListModifier).

With -Property each input object's list is changed and the object passed on; without it the
command describes the change as a hashtable (@{Add=...; Remove=...} or @{Replace=...}) for a
Set-* cmdlet that takes one. Only growable lists (ArrayList, List[T]) can change; an object[]
is fixed-size, as in .NET.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.generics import ListObject
from pyshell.engine.objects import MISSING, Hashtable, get_property, unwrap
from pyshell.errors import PyshellError

__all__ = ["UpdateList"]


def _error(message: str, error_id: str, target: Any = None) -> PyshellError:
    return PyshellError(message, error_id=error_id, category="InvalidOperation", target=target,
                        reason="InvalidOperationException")


@command("Update-List", default_set="AddRemoveSet")
class UpdateList(Cmdlet):
    """Adds items to and removes items from a property value that contains a collection of objects."""

    Add = Param("object[]", sets=("AddRemoveSet",))
    Remove = Param("object[]", sets=("AddRemoveSet",))
    Replace = Param("object[]", mandatory=True, sets=("ReplaceSet",))
    InputObject = Param("psobject", pipeline=True)
    Property = Param("string", position=0)

    def process(self) -> Iterator[Any]:
        if not self.is_bound("Property") or self.Property is None:
            return
        obj = self.InputObject
        if obj is None:
            self.write_error(_error("You must specify the InputObject parameter when the Property parameter is "
                                    "specified.", "MissingInputObjectParameter"))
            return
        name = to_string(self.Property)
        value = get_property(obj, name)
        if value is MISSING:
            self.write_error(_error(f"The property '{name}' cannot be found on this object", "MemberDoesntExist",
                                    obj))
            return
        target = unwrap(value)
        if not isinstance(target, list):
            self.write_error(_error("Cannot apply the update because the object is not a supported collection type.",
                                    "ApplyFailed"))
            return
        self._apply(target)
        yield obj

    def _apply(self, target: list[Any]) -> None:
        """PSListModifier.ApplyTo: Replace clears and refills; else each Remove item goes, then each Add item."""
        if not isinstance(target, ListObject):  # object[] and typed arrays are fixed-size
            raise PyshellError("Collection was of a fixed size.", error_id="System.NotSupportedException",
                               category="NotSpecified", reason="NotSupportedException")
        replace = self._items("Replace")
        if replace:
            target.clear()
            for item in replace:
                target.Add(unwrap(item))
            return
        for item in self._items("Remove"):
            target.Remove(unwrap(item))
        for item in self._items("Add"):
            target.Add(unwrap(item))

    def _items(self, name: str) -> list[Any]:
        value = self.bound.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def end(self) -> Iterator[Any]:
        if self.is_bound("Property") and self.Property is not None:
            return
        if self.is_bound("InputObject") and self.InputObject is not None:
            raise _error("You must specify the Property parameter when the InputObject parameter is specified.",
                         "MissingPropertyParameter")
        change = Hashtable()
        for name in ("Add", "Remove", "Replace"):
            if self.is_bound(name) and self.bound[name] is not None:
                change[name] = self._items(name)
        yield change
