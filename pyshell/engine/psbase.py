"""`$h.psbase` (and .psextended/.psadapted) and a hashtable's .NET properties: what a dictionary is without
keys read as properties.

`@{keys='mine'}.Keys` is the key named keys; `.psbase.Keys` is the real key collection, and
`$h.psobject.Properties` lists the .NET properties (IsReadOnly ... Count), never the keys.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.objects import Hashtable, PSObject, type_names

__all__ = ["HashtableBase", "HASHTABLE_PROPERTIES", "psadapted", "psbase", "psextended"]

#: System.Collections.Hashtable's public properties, in Get-Member/psobject order
HASHTABLE_PROPERTIES = ("IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count")


class HashtableBase:
    """A dictionary seen through its .NET members only."""

    PS_PROPERTIES = HASHTABLE_PROPERTIES
    PS_METHODS = ("Add", "Remove", "ContainsKey", "Contains", "ContainsValue", "Clear", "Clone", "GetEnumerator",
                  "ToString", "Equals", "GetHashCode")

    def __init__(self, table: Hashtable) -> None:
        self._table = table
        self.PS_TYPE_NAMES = tuple(type_names(table))

    IsReadOnly = False
    IsFixedSize = False
    IsSynchronized = False

    @property
    def Keys(self) -> list[Any]:  # noqa: N802 - .NET member names
        return list(self._table.keys())

    @property
    def Values(self) -> list[Any]:  # noqa: N802
        return list(self._table.values())

    @property
    def SyncRoot(self) -> Any:  # noqa: N802
        return self._table

    @property
    def Count(self) -> int:  # noqa: N802
        return len(self._table)

    def ps_to_string(self) -> str:
        return type_names(self._table)[0]

    def __getattr__(self, name: str) -> Any:
        if name in HashtableBase.PS_METHODS:
            from pyshell.engine.members import call_method

            return lambda *args: call_method(self._table, name, list(args))
        raise AttributeError(name)


def psbase(target: Any) -> Any:
    """$x.psbase: the object without its extended members."""
    if isinstance(target, PSObject) and target.base is not None:
        target = target.base
    if isinstance(target, Hashtable):
        return HashtableBase(target)
    return target


_MEMBER_SET = ("System.Management.Automation.PSMemberSet", "System.Management.Automation.PSMemberInfo",
               "System.Object")


def psextended(target: Any) -> PSObject:
    """$x.psextended: the members added to the object (note, script and alias properties)."""
    from pyshell.engine.objects import get_property

    if isinstance(target, PSObject):
        names = list(target.properties)
    else:
        names = list(getattr(target, "_ps_notes", None) or ())
    return PSObject([(n, get_property(target, n)) for n in names], _MEMBER_SET)


def psadapted(target: Any) -> Any:
    """$x.psadapted: the object's own (.NET) members, without the extended ones."""
    if isinstance(target, PSObject):
        if target.base is None:
            return PSObject([], _MEMBER_SET)  # a [pscustomobject] has no adapted members
        target = target.base
    return psbase(target)
