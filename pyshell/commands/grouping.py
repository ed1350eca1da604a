"""Group-Object and the GroupInfo objects it writes."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.sorting import Keyed, compare_keys, expand_wildcards, key_values
from pyshell.engine.calculated import (
    parse_property_specs,
    values_equal,
)
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    MISSING,
    Hashtable,
    PSObject,
)
from pyshell.errors import PyshellError

__all__ = ["GroupObject", "GroupInfo", "GroupInfoNoElement"]

# -- Group-Object ----------------------------------------------------------------------------------

class _PSObjectCollection(list):  # type: ignore[type-arg]
    """GroupInfo.Group: a Collection<PSObject> in pwsh (its GetType().Name is Collection`1)."""

    PS_TYPE_NAMES = ("System.Collections.ObjectModel.Collection`1[[System.Management.Automation.PSObject]]",
                     "System.Object")


class GroupInfo:
    """One group of Group-Object's output."""

    PS_TYPE_NAMES: tuple[str, ...] = ("Microsoft.PowerShell.Commands.GroupInfo", "System.Object")
    PS_PROPERTIES = ("Count", "Name", "Group", "Values")
    #: what the default table shows (Values is there for Get-Member and scripts)
    PS_DEFAULT_DISPLAY_PROPERTIES: tuple[str, ...] = ("Count", "Name", "Group")

    def __init__(self, name: str, values: list[Any]) -> None:
        self.Name = name
        self.Values = values
        self.Count = 0
        self.Group: list[Any] = _PSObjectCollection()

    def add(self, obj: Any) -> None:
        self.Group.append(obj)
        self.Count += 1

    def ps_to_string(self) -> str:
        return "Microsoft.PowerShell.Commands.GroupInfo"


class GroupInfoNoElement(GroupInfo):
    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.GroupInfoNoElement", "Microsoft.PowerShell.Commands.GroupInfo",
                     "System.Object")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("Count", "Name")

    def add(self, obj: Any) -> None:
        self.Count += 1


def _group_name(values: list[Any]) -> str:
    parts = []
    for v in values:
        if v is None or v is MISSING:
            continue
        if isinstance(v, (list, tuple)):
            parts.append("{" + ", ".join(to_string(i) for i in v) + "}")
        else:
            parts.append(to_string(v))
    return ", ".join(parts)


def _type_signature(keys: list[Any]) -> list[type | None]:
    return [None if k is None or k is MISSING else type(k.base if isinstance(k, PSObject) and k.base is not None
                                                        else k) for k in keys]


@command("Group-Object", aliases=("group",))
class GroupObject(Cmdlet):
    """Groups objects that contain the same value for specified properties."""

    InputObject = Param("object", pipeline=True)
    Property = Param("object[]", position=0)
    NoElement = Param("switch")
    AsHashTable = Param("switch", aliases=("AHT",), sets=("HashTable",))
    AsString = Param("switch", sets=("HashTable",))
    CaseSensitive = Param("switch")
    Culture = Param("string")

    def begin(self) -> Iterable[Any]:
        if self.AsString and not self.AsHashTable:
            raise PyshellError("The command cannot be run because the AsString parameter requires that you specify "
                               "the AsHashtable parameter.", error_id="ArgumentException", category="InvalidArgument")
        self._specs = parse_property_specs(self.Property, keys=("Expression",)) if self.Property else []
        if self.AsHashTable and not self.AsString and len(self._specs) > 1:
            raise PyshellError("The command cannot be run because using the AsHashTable parameter with more than "
                               "one property requires adding the AsString parameter.",
                               error_id="ArgumentException", category="InvalidArgument")
        self._objects: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject") and self.InputObject is not None:
            self._objects.append(self.InputObject)
        return ()

    def end(self) -> Iterator[Any]:
        specs = expand_wildcards(self._specs, self._objects)
        cs = bool(self.CaseSensitive)
        entries = [Keyed(o, [None if k is MISSING else k for k in key_values(self, specs, o)], i)
                   for i, o in enumerate(self._objects)]
        same_types = self._same_types(entries)
        if same_types:  # PowerShell sorts the groups when every key has one type
            descending = [False] * (len(entries[0].keys) if entries else 0)
            entries.sort(key=functools.cmp_to_key(lambda a, b: compare_keys(a.keys, b.keys, descending, cs)))
        groups: list[GroupInfo] = []
        cls = GroupInfoNoElement if self.NoElement else GroupInfo
        for e in entries:
            candidates = groups[-1:] if same_types else groups
            group = next((g for g in candidates if self._same_key(g.Values, e.keys, cs)), None)
            if group is None:
                group = cls(_group_name(e.keys), e.keys)
                groups.append(group)
            group.add(e.obj)
        if not groups:
            return
        if not self.AsHashTable:
            yield from groups
            return
        if self.CaseSensitive:
            from pyshell.commands.jsonread import CaseSensitiveHashtable  # loaded on demand

            table: Hashtable = CaseSensitiveHashtable()
        else:
            table = Hashtable()
        for g in groups:
            key = g.Name if self.AsString else g.Values[0]
            if key in table:
                self.write_error("The objects grouped by this property cannot be expanded because there is a key "
                                 "duplication. Provide a valid value for the property, and then try again.",
                                 error_id="The objects grouped by this property cannot be expanded because there "
                                          "is a key duplication. Provide a valid value for the property, and then "
                                          "try again.", category="InvalidArgument")
                return
            table[key] = g.Group
        yield table

    @staticmethod
    def _same_key(a: list[Any], b: list[Any], cs: bool) -> bool:
        return len(a) == len(b) and all(values_equal(x, y, cs) for x, y in zip(a, b, strict=True))

    @staticmethod
    def _same_types(entries: list[Keyed]) -> bool:
        signature: list[type | None] | None = None
        for e in entries:
            sig = _type_signature(e.keys)
            if signature is None:
                signature = sig
                continue
            if len(sig) != len(signature):
                return False
            for i, t in enumerate(sig):
                if t is None:
                    continue
                if signature[i] is None:
                    signature[i] = t
                elif signature[i] is not t:
                    return False
        return True
