"""Object utility commands: Select-Object, Sort-Object, Group-Object, Measure-Object, Tee-Object,
Compare-Object, Get-Unique, Get-Member, New-Object and Add-Member."""

from __future__ import annotations

import functools
import math
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.calculated import (
    PropertyError,
    PropertySpec,
    compare_values,
    evaluate,
    has_wildcard,
    member_value,
    parse_property_specs,
    resolve_properties,
    values_equal,
    wildcard_match,
)
from pyshell.engine.cmdlet import Cmdlet, Param, StopUpstream, command
from pyshell.engine.conversions import parse_number, to_bool, to_string
from pyshell.engine.objects import (
    MISSING,
    Hashtable,
    OrderedHashtable,
    PSObject,
    get_property,
    is_enumerable,
    property_names,
    type_names,
)
from pyshell.errors import PipelineStoppedError, PyshellError

__all__ = [
    "SelectObject", "SortObject", "GroupObject", "MeasureObject", "TeeObject", "CompareObject", "GetUnique",
    "NewObject", "AddMember", "GroupInfo", "GroupInfoNoElement", "GenericMeasureInfo", "GenericObjectMeasureInfo",
    "TextMeasureInfo", "GetMember", "MemberDefinition", "add_note", "property_exists",
]

_PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


def _dotnet_type(obj: Any) -> str:
    """The .NET type of obj's base object (what "Selected.<type>" is made of)."""
    if isinstance(obj, PSObject):
        return _dotnet_type(obj.base) if obj.base is not None else _PSCUSTOMOBJECT
    names = type_names(obj)
    return names[0] if names else "System.Object"


def add_note(obj: Any, name: str, value: Any, *, force: bool = False) -> Any:
    """Attach a NoteProperty to obj, PowerShell-style; returns the object that carries it.

    PSObjects and PS_PROPERTIES classes get the note in place; other values (strings, numbers,
    hashtables) come back wrapped in a PSObject whose base is the value.
    :raises PyshellError: MemberAlreadyExists unless force.
    """
    if property_exists(obj, name) and not force:
        raise PyshellError(
            f'Cannot add a member with the name "{name}" because a member with that name already exists. '
            "To overwrite the member anyway, add the Force parameter to your command.",
            error_id="MemberAlreadyExists", category="InvalidOperation", target=obj)
    if isinstance(obj, PSObject):
        obj.properties[name] = value
        return obj
    if getattr(obj, "PS_PROPERTIES", None) is not None:
        notes = getattr(obj, "_ps_notes", None)
        try:
            if notes is None:
                notes = Hashtable()
                obj._ps_notes = notes
            notes[name] = value
            return obj
        except AttributeError:
            pass  # a slotted class: fall back to a wrapper
    return PSObject([(name, value)], type_names=type_names(obj), base=obj)


def property_exists(obj: Any, name: str) -> bool:
    """Whether obj has a member property `name` (a hashtable's keys are not members)."""
    if isinstance(obj, Hashtable):
        return False
    return any(n.casefold() == name.casefold() for n in property_names(obj))


# -- Select-Object ---------------------------------------------------------------------------------

class _SelectQueue:
    """SelectObjectQueue: -First/-Last/-Skip/-SkipLast over a stream, as PowerShell counts them."""

    def __init__(self, first: int, last: int, skip: int, skip_last: int, first_or_last: bool) -> None:
        self.first, self.last, self.skip, self.skip_last = first, last, skip, skip_last
        self.first_or_last = first_or_last
        self.streamed = 0
        self.items: deque[Any] = deque()

    @property
    def done(self) -> bool:
        return self.first_or_last and self.last == 0 and self.first != 0 and self.streamed >= self.first

    def push(self, obj: Any) -> list[Any]:
        """Add an input object; returns what can be written now."""
        q = self.items
        if self.last > 0 and ((self.first == 0 and len(q) >= self.last + self.skip)
                              or (self.first != 0 and len(q) >= self.last)):
            q.popleft()
        q.append(obj)
        if self.skip == 0:
            if self.skip_last > 0:
                return [q.popleft()] if len(q) > self.skip_last else []
            if self.streamed < self.first or not self.first_or_last:
                self.streamed += 1
                return [q.popleft()]
            if self.last == 0:
                q.popleft()
        elif self.last == 0 or self.first != 0:
            q.popleft()
            self.skip -= 1
        return []

    def drain(self, skip_last_mode: bool) -> list[Any]:
        if skip_last_mode:
            return []
        q = self.items
        if self.first != 0:
            out = list(q)
        else:
            out = list(q)[: max(len(q) - self.skip, 0)]
        q.clear()
        return out


@command("Select-Object", aliases=("select",), default_set="DefaultParameter")
class SelectObject(Cmdlet):
    """Selects objects or object properties."""

    InputObject = Param("object", pipeline=True)
    Property = Param("object[]", position=0, sets=("DefaultParameter", "SkipLastParameter"))
    ExcludeProperty = Param("string[]", sets=("DefaultParameter", "SkipLastParameter"))
    ExpandProperty = Param("string", sets=("DefaultParameter", "SkipLastParameter"))
    Unique = Param("switch")
    CaseInsensitive = Param("switch")
    Last = Param("int", sets=("DefaultParameter",))
    First = Param("int", sets=("DefaultParameter",))
    Skip = Param("int", sets=("DefaultParameter", "SkipLastParameter"))
    SkipLast = Param("int", sets=("SkipLastParameter",))
    Wait = Param("switch", sets=("DefaultParameter", "IndexParameter"))
    Index = Param("int[]", sets=("IndexParameter",))
    SkipIndex = Param("int[]", sets=("SkipIndexParameter",))

    def begin(self) -> Iterable[Any]:
        for name in ("First", "Last", "Skip", "SkipLast"):
            value = self.bound.get(name)
            if value is not None and value < 0:
                raise PyshellError(
                    f"Cannot validate argument on parameter '{name}'. The {value} argument is less than the "
                    "minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then "
                    "try the command again.", error_id="ParameterArgumentValidationError", category="InvalidData")
        props = self.Property
        if self.ExcludeProperty is not None and not props:
            props = ["*"]
        self._specs = parse_property_specs(props) if props else []
        for spec in self._specs:
            if spec.name is None and not isinstance(spec.expression, str) and not to_string(spec.expression).strip():
                raise PyshellError("A property name must be specified when the script block is empty.",
                                   error_id="EmptyScriptBlockAndNoName", category="InvalidArgument",
                                   reason="PSArgumentException")
        self._has_properties = bool(self._specs)
        self._uniques: list[tuple[Any, int]] | None = [] if self.Unique else None
        self._index_mode = self.is_bound("Index") or self.is_bound("SkipIndex")
        self._indices = sorted(set(self.Index if self.is_bound("Index") else (self.SkipIndex or [])))
        self._position = 0
        self._stopped = False
        self._queue = _SelectQueue(self.First or 0, self.Last or 0, self.Skip or 0, self.SkipLast or 0,
                                   self.is_bound("First") or self.is_bound("Last"))
        return ()

    def process(self) -> Iterator[Any]:
        obj = self.InputObject
        if self._stopped or not self.is_bound("InputObject") or obj is None:
            return
        if self._index_mode:
            position = self._position
            self._position += 1
            wanted = position in self._indices
            if wanted == self.is_bound("Index"):
                yield from self._select(obj)
            if self.is_bound("Index") and not self.Wait and (not self._indices or position >= self._indices[-1]):
                self._stop()
            return
        for item in self._queue.push(obj):
            yield from self._select(item)
        if self._queue.done and not self.Wait:
            self._stop()

    def _stop(self) -> None:
        """Nothing more will be written: upstream commands stop, then the engine calls end()."""
        self._stopped = True
        raise StopUpstream()

    def end(self) -> Iterator[Any]:
        if not self._index_mode:
            for item in self._queue.drain(self.is_bound("SkipLast")):
                yield from self._select(item)
        if self._uniques is not None:
            uniques, self._uniques = self._uniques, []
            yield from (obj for obj, _ in uniques)

    # -- one object -------------------------------------------------------------------------
    def _select(self, obj: Any) -> Iterator[Any]:
        try:
            yield from self._select_object(obj)
        except PropertyError as exc:
            self.write_error(exc)

    def _select_object(self, obj: Any) -> Iterator[Any]:
        if not self._has_properties and not self.ExpandProperty:
            yield from self._write(obj, 0, obj)
            return
        notes: list[tuple[str, Any]] = []
        for spec in self._specs:
            if (isinstance(obj, Hashtable) and isinstance(spec.expression, str) and not spec.is_wildcard
                    and spec.expression in obj):
                # PowerShell 7 reads a hashtable's entries as properties here (entries win over members)
                if not any(wildcard_match(x, spec.text) for x in self.ExcludeProperty or ()):
                    notes.append((spec.label, obj[spec.expression]))
                continue
            try:
                notes.extend((n, get(obj)) for n, get in
                             resolve_properties(self.runspace, [spec], obj, exclude=self.ExcludeProperty or ()))
            except PropertyError as exc:
                self.write_error(exc)
        if not self.ExpandProperty:
            result = PSObject()
            for name, value in notes:
                if name in result.properties:
                    self._already_exists(name, obj, "AlreadyExistingUserSpecifiedPropertyNoExpand")
                else:
                    result.properties[name] = value
            yield from self._write(result, len(notes), obj)
            return
        for value in self._expand(obj):
            if value is None:
                continue
            target = value
            for name, note in notes:
                if property_exists(target, name):
                    self._already_exists(name, obj, "AlreadyExistingUserSpecifiedPropertyExpand")
                elif isinstance(target, PSObject):
                    target.properties[name] = note
                else:
                    target = PSObject([(name, note)], type_names=type_names(value), base=value)
            yield from self._write(target, len(notes), obj)

    def _expand(self, obj: Any) -> list[Any]:
        name = self.ExpandProperty
        if isinstance(obj, Hashtable) and not has_wildcard(name) and name in obj:
            value = obj[name]
            return list(value) if is_enumerable(value) else [value]
        names = [n for n in property_names(obj) if wildcard_match(name, n)] if has_wildcard(name) else [name]
        values = [v for v in (member_value(obj, n) for n in names) if v is not MISSING]
        if not values:
            raise PropertyError(f'Property "{name}" cannot be found.', error_id="ExpandPropertyNotFound", target=obj)
        if len(values) > 1:
            raise PropertyError("Multiple properties cannot be expanded.", error_id="MutlipleExpandProperties",
                                target=obj)
        value = values[0]
        return list(value) if is_enumerable(value) else [value]

    def _already_exists(self, name: str, obj: Any, error_id: str) -> None:
        self.write_error(f'The property cannot be processed because the property "{name}" already exists.',
                         error_id=error_id, category="InvalidOperation", target=obj)

    def _write(self, obj: Any, note_count: int, source: Any) -> Iterator[Any]:
        if isinstance(obj, PSObject) and obj.base is None:
            selected = f"Selected.{_dotnet_type(source)}"
            if note_count > 0 or selected not in obj.type_names:
                obj.type_names.insert(0, selected)
        if self._uniques is None:
            yield obj
            return
        case_sensitive = not self.CaseInsensitive
        for seen, count in self._uniques:
            if count == note_count and values_equal(seen, obj, case_sensitive):
                return
        self._uniques.append((obj, note_count))


# -- Sort-Object -----------------------------------------------------------------------------------

_SORT_KEYS = ("Expression", "Ascending", "Descending")


class _Keyed:
    """An input object with its sort/group key values (MISSING: the object has no such property)."""

    __slots__ = ("obj", "keys", "index")

    def __init__(self, obj: Any, keys: list[Any], index: int) -> None:
        self.obj, self.keys, self.index = obj, keys, index


def _key_values(cmd: Cmdlet, specs: list[PropertySpec], obj: Any) -> list[Any]:
    """Evaluate each (wildcard-free) spec on obj; a failing script block is reported and counts as missing."""
    if not specs:
        return [obj]
    values = []
    for spec in specs:
        try:
            values.append(evaluate(cmd.runspace, spec.expression, obj))
        except PipelineStoppedError:
            raise
        except PyshellError as exc:
            cmd.write_error(exc)
            values.append(MISSING)
    return values


def _expand_wildcards(specs: list[PropertySpec], objects: list[Any]) -> list[PropertySpec]:
    """Replace wildcard names with the matching property names of the input (sorted, like PowerShell)."""
    result: list[PropertySpec] = []
    for spec in specs:
        if not spec.is_wildcard:
            result.append(spec)
            continue
        found: dict[str, str] = {}
        for obj in objects:
            for n in property_names(obj):
                if wildcard_match(spec.expression, n):
                    found.setdefault(n.casefold(), n)
        result.extend(PropertySpec(found[k], spec.name, spec.extras) for k in sorted(found))
    return result


def _null_order(value: Any) -> int:
    """LanguagePrimitives.CompareObjectToNull: how $null compares to value (-1: $null first).

    A negative number sorts before $null; zero, positive numbers and anything else after it.
    """
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        return 1
    try:
        import decimal
        if isinstance(value, decimal.Decimal) and value < 0:
            return 1
    except (TypeError, ArithmeticError):
        pass
    return -1


def _compare_keys(a: list[Any], b: list[Any], descending: list[bool], case_sensitive: bool) -> int:
    for x, y, desc in zip(a, b, descending, strict=False):
        if x is MISSING or y is MISSING:
            r = (x is MISSING) - (y is MISSING)  # a missing property sorts last either way
        else:
            if x is None and y is not None:
                r = _null_order(y)
            elif y is None and x is not None:
                r = -_null_order(x)
            else:
                r = compare_values(x, y, case_sensitive)
            if desc:
                r = -r
        if r:
            return r
    return 0


def _introsort(keys: list[Any], cmp: Any) -> None:
    """.NET's ArraySortHelper.IntrospectiveSort, in place: the order it leaves equal items in is PowerShell's."""

    def swap_if_greater(lo: int, i: int, j: int) -> None:
        if cmp(keys[lo + i], keys[lo + j]) > 0:
            keys[lo + i], keys[lo + j] = keys[lo + j], keys[lo + i]

    def insertion_sort(lo: int, n: int) -> None:
        for i in range(n - 1):
            t = keys[lo + i + 1]
            j = i
            while j >= 0 and cmp(t, keys[lo + j]) < 0:
                keys[lo + j + 1] = keys[lo + j]
                j -= 1
            keys[lo + j + 1] = t

    def down_heap(lo: int, i: int, n: int) -> None:
        d = keys[lo + i - 1]
        while i <= n >> 1:
            child = 2 * i
            if child < n and cmp(keys[lo + child - 1], keys[lo + child]) < 0:
                child += 1
            if not cmp(d, keys[lo + child - 1]) < 0:
                break
            keys[lo + i - 1] = keys[lo + child - 1]
            i = child
        keys[lo + i - 1] = d

    def heap_sort(lo: int, n: int) -> None:
        for i in range(n >> 1, 0, -1):
            down_heap(lo, i, n)
        for i in range(n, 1, -1):
            keys[lo], keys[lo + i - 1] = keys[lo + i - 1], keys[lo]
            down_heap(lo, 1, i - 1)

    def partition(lo: int, n: int) -> int:
        hi = n - 1
        middle = hi >> 1
        swap_if_greater(lo, 0, middle)
        swap_if_greater(lo, 0, hi)
        swap_if_greater(lo, middle, hi)
        pivot = keys[lo + middle]
        keys[lo + middle], keys[lo + hi - 1] = keys[lo + hi - 1], keys[lo + middle]
        left, right = 0, hi - 1
        while left < right:
            left += 1
            while cmp(keys[lo + left], pivot) < 0:
                left += 1
            right -= 1
            while cmp(pivot, keys[lo + right]) < 0:
                right -= 1
            if left >= right:
                break
            keys[lo + left], keys[lo + right] = keys[lo + right], keys[lo + left]
        if left != hi - 1:
            keys[lo + left], keys[lo + hi - 1] = keys[lo + hi - 1], keys[lo + left]
        return left

    def intro(lo: int, n: int, depth: int) -> None:
        while n > 1:
            if n <= 16:
                if n == 2:
                    swap_if_greater(lo, 0, 1)
                elif n == 3:
                    swap_if_greater(lo, 0, 1)
                    swap_if_greater(lo, 0, 2)
                    swap_if_greater(lo, 1, 2)
                else:
                    insertion_sort(lo, n)
                return
            if depth == 0:
                heap_sort(lo, n)
                return
            depth -= 1
            p = partition(lo, n)
            intro(lo + p + 1, n - p - 1, depth)
            n = p

    if len(keys) > 1:
        intro(0, len(keys), 2 * (len(keys).bit_length() - 1 + 1))


@command("Sort-Object", aliases=("sort",), default_set="Default")
class SortObject(Cmdlet):
    """Sorts objects by property values."""

    InputObject = Param("object", pipeline=True)
    Property = Param("object[]", position=0)
    Descending = Param("switch")
    Unique = Param("switch")
    CaseSensitive = Param("switch")
    Culture = Param("string")
    Stable = Param("switch", sets=("Default",))
    Top = Param("int", sets=("Top",))
    Bottom = Param("int", sets=("Bottom",))

    def begin(self) -> Iterable[Any]:
        self._specs = parse_property_specs(self.Property, keys=_SORT_KEYS) if self.Property else []
        self._objects: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject") and self.InputObject is not None:
            self._objects.append(self.InputObject)
        return ()

    def end(self) -> Iterator[Any]:
        specs = _expand_wildcards(self._specs, self._objects)
        if self._specs and not specs:  # only wildcards, matching nothing: nothing to sort by
            yield from self._objects
            return
        descending = [self._is_descending(s) for s in specs] or [bool(self.Descending)]
        cs = bool(self.CaseSensitive)
        entries = [_Keyed(o, _key_values(self, specs, o), i) for i, o in enumerate(self._objects)]

        def cmp(a: _Keyed, b: _Keyed) -> int:
            return _compare_keys(a.keys, b.keys, descending, cs)

        if self.Stable or self.is_bound("Top") or self.is_bound("Bottom"):
            entries.sort(key=functools.cmp_to_key(cmp))
        else:  # List<T>.Sort: not stable, and which of equal objects comes first shows with -Unique
            _introsort(entries, cmp)
        if self.Unique:
            kept: list[_Keyed] = []
            for e in entries:
                if not kept or _compare_keys(kept[-1].keys, e.keys, descending, cs) != 0:
                    kept.append(e)
            entries = kept
        if self.is_bound("Top"):
            entries = entries[: max(self.Top, 0)]
        elif self.is_bound("Bottom"):
            entries = entries[len(entries) - max(self.Bottom, 0):] if self.Bottom > 0 else []
        for e in entries:
            yield e.obj

    def _is_descending(self, spec: PropertySpec) -> bool:
        if "Ascending" in spec.extras:  # Ascending wins over Descending when both are given
            return not to_bool(spec.extras["Ascending"])
        if "Descending" in spec.extras:
            return to_bool(spec.extras["Descending"])
        return bool(self.Descending)


# -- Group-Object ----------------------------------------------------------------------------------

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
        self.Group: list[Any] = []

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
        specs = _expand_wildcards(self._specs, self._objects)
        cs = bool(self.CaseSensitive)
        entries = [_Keyed(o, [None if k is MISSING else k for k in _key_values(self, specs, o)], i)
                   for i, o in enumerate(self._objects)]
        same_types = self._same_types(entries)
        if same_types:  # PowerShell sorts the groups when every key has one type
            descending = [False] * (len(entries[0].keys) if entries else 0)
            entries.sort(key=functools.cmp_to_key(lambda a, b: _compare_keys(a.keys, b.keys, descending, cs)))
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
            from pyshell.commands.data import CaseSensitiveHashtable  # data.py is loaded on demand

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
    def _same_types(entries: list[_Keyed]) -> bool:
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


# -- Measure-Object --------------------------------------------------------------------------------

class _MeasureInfo:
    PS_TYPE_NAMES: tuple[str, ...] = ()
    PS_PROPERTIES: tuple[str, ...] = ()

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


class GenericMeasureInfo(_MeasureInfo):
    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.GenericMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo",
                     "System.Object")
    PS_PROPERTIES = ("Count", "Average", "Sum", "Maximum", "Minimum", "StandardDeviation", "Property")

    def __init__(self, count: int = 0, average: float | None = None, sum_: float | None = None,
                 maximum: Any = None, minimum: Any = None, std: float | None = None,
                 prop: str | None = None) -> None:
        self.Count = count
        self.Average = average
        self.Sum = sum_
        self.Maximum = maximum
        self.Minimum = minimum
        self.StandardDeviation = std
        self.Property = prop


class GenericObjectMeasureInfo(GenericMeasureInfo):
    """Measure-Object's result when -Maximum/-Minimum saw values that are not numbers."""

    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.GenericObjectMeasureInfo",
                     "Microsoft.PowerShell.Commands.MeasureInfo", "System.Object")


class TextMeasureInfo(_MeasureInfo):
    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.TextMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo",
                     "System.Object")
    PS_PROPERTIES = ("Lines", "Words", "Characters", "Property")

    def __init__(self, lines: int | None, words: int | None, chars: int | None, prop: str | None) -> None:
        self.Lines = lines
        self.Words = words
        self.Characters = chars
        self.Property = prop


class _Stats:
    __slots__ = ("count", "sum", "mean", "m2", "max", "min", "lines", "words", "chars")

    def __init__(self) -> None:
        self.count = 0
        self.sum = 0.0
        self.mean = 0.0
        self.m2 = 0.0
        self.max: Any = None
        self.min: Any = None
        self.lines = self.words = self.chars = 0


#: ints smaller than this in magnitude convert to float without overflow
_FLOAT_SAFE = 1 << 1000


def _to_double(value: Any) -> float | None:
    """LanguagePrimitives.TryConvertTo<double>: None when the value is not a number."""
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if value is None:
        return 0.0
    if isinstance(value, (bool, int, float)):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    if isinstance(value, str):
        n = parse_number(value)
        return None if n is None else float(n)
    return None


def _pick(value: Any, current: Any, want_min: bool) -> Any:
    """Measure-Object's min/max step: numbers compare as numbers, mixed kinds as strings."""
    if current is None:
        return value
    a = _to_double(value) if value is not None else None
    b = _to_double(current)
    x: Any = a if a is not None else value
    y: Any = b if b is not None else current
    if x is not None and type(x) is not type(y):
        x, y = to_string(x), to_string(y)
    r = compare_values(y, x, case_sensitive=True)
    return value if (r > 0 if want_min else r < 0) else current


@command("Measure-Object", aliases=("measure",), default_set="GenericMeasure")
class MeasureObject(Cmdlet):
    """Calculates numeric properties of objects, and counts lines, words and characters of strings."""

    InputObject = Param("object", pipeline=True)
    Property = Param("object[]", position=0)
    Sum = Param("switch", sets=("GenericMeasure",))
    Average = Param("switch", sets=("GenericMeasure",))
    Maximum = Param("switch", sets=("GenericMeasure",))
    Minimum = Param("switch", sets=("GenericMeasure",))
    StandardDeviation = Param("switch", sets=("GenericMeasure",))
    AllStats = Param("switch", sets=("GenericMeasure",))
    Line = Param("switch", sets=("TextMeasure",))
    Word = Param("switch", sets=("TextMeasure",))
    Character = Param("switch", sets=("TextMeasure",))
    IgnoreWhiteSpace = Param("switch", sets=("TextMeasure",))

    def begin(self) -> Iterable[Any]:
        every = bool(self.AllStats)
        self._sum = every or bool(self.Sum)
        self._avg = every or bool(self.Average)
        self._max = every or bool(self.Maximum)
        self._min = every or bool(self.Minimum)
        self._std = every or bool(self.StandardDeviation)
        self._text = bool(self.Line or self.Word or self.Character or self.IgnoreWhiteSpace)
        self._specs = parse_property_specs(self.Property, keys=()) if self.Property else None
        self._stats: dict[str, tuple[str, _Stats]] = {}
        self._non_numeric = False
        self._seen = 0
        return ()

    def _entry(self, name: str) -> _Stats:
        entry = self._stats.get(name.casefold())
        if entry is None:
            entry = self._stats[name.casefold()] = (name, _Stats())
        return entry[1]

    def process(self) -> Iterable[Any]:
        obj = self.bound.get("InputObject")
        if obj is None:  # not bound, or $null
            return ()
        self._seen += 1
        if self._specs is None:
            self._analyze("", obj)
            return ()
        counted: set[str] = set()
        for spec in self._specs:
            for name, get in resolve_properties(self.runspace, [spec], obj, missing=MISSING):
                if name.casefold() in counted:
                    continue
                value = get(obj)
                if value is MISSING:
                    self._entry(name)  # a property no object has gives no result (an error in strict mode)
                    continue
                counted.add(name.casefold())
                self._analyze(name, value)
        return ()

    def item_processor(self) -> Any:
        if self._specs is not None:
            return None
        if not (self._sum or self._avg) or self._std or self._min or self._max or self._text:
            def measure(obj: Any) -> Iterable[Any]:
                if obj is not None:
                    self._seen += 1
                    self._analyze("", obj)
                return ()
            return measure
        stat = self._entry("")

        def add(obj: Any) -> Iterable[Any]:
            # -Sum/-Average of plain numbers: count and add; anything else takes the full path
            tv = type(obj)
            if tv is float or (tv is int and -_FLOAT_SAFE < obj < _FLOAT_SAFE):
                self._seen += 1
                stat.count += 1
                stat.sum += obj
            elif obj is not None:
                self._seen += 1
                self._analyze("", obj)
            return ()
        return add

    def _analyze(self, name: str, value: Any) -> None:
        stat = self._entry(name)
        stat.count += 1
        if self._text:
            self._count_text("" if value is None else to_string(value), stat)
        if self._sum or self._avg or self._std:
            tv = type(value)
            if tv is float:
                number: float | None = value
            elif tv is int and -_FLOAT_SAFE < value < _FLOAT_SAFE:
                number = float(value)
            else:
                number = _to_double(value)
            if number is None:
                self._non_numeric = True
                self.write_error(f'Input object "{to_string(value)}" is not numeric.',
                                 error_id="NonNumericInputObject", category="InvalidType", target=value)
                return
            stat.sum += number
            if self._std:
                delta = number - stat.mean  # Welford: the sample variance without a second pass
                stat.mean += delta / stat.count
                stat.m2 += delta * (number - stat.mean)
        if self._min:
            stat.min = _pick(value, stat.min, True)
        if self._max:
            stat.max = _pick(value, stat.max, False)

    def _count_text(self, text: str, stat: _Stats) -> None:
        if self.Character:
            stat.chars += sum(1 for c in text if not c.isspace()) if self.IgnoreWhiteSpace else len(text)
        if self.Word:
            stat.words += len(text.split())
        if self.Line and text:
            stat.lines += text.count("\n") + (0 if text.endswith("\n") else 1)

    def end(self) -> Iterator[Any]:
        if self._seen == 0 and self._specs is None:
            self._entry("")
        for name, stat in self._stats.values():
            if stat.count == 0 and self._specs is not None:
                continue
            prop = name if self._specs is not None else None
            if self._text:
                yield TextMeasureInfo(stat.lines if self.Line else None, stat.words if self.Word else None,
                                      stat.chars if self.Character else None, prop)
                continue
            yield self._generic(stat, prop)

    def _generic(self, stat: _Stats, prop: str | None) -> GenericMeasureInfo:
        numeric = all(v is None or _to_double(v) is not None for v in (stat.min, stat.max))
        cls = GenericMeasureInfo if numeric else GenericObjectMeasureInfo

        def extreme(v: Any, wanted: bool) -> Any:
            if not wanted or v is None:
                return None
            return _to_double(v) if numeric else v

        ok = not self._non_numeric
        std = None
        if self._std and ok:
            std = math.sqrt(stat.m2 / (stat.count - 1)) if stat.count > 1 else 0.0
        return cls(stat.count,
                   stat.sum / stat.count if self._avg and ok and stat.count > 0 else None,
                   stat.sum if self._sum and ok else None,
                   extreme(stat.max, self._max), extreme(stat.min, self._min), std, prop)


# -- Tee-Object ------------------------------------------------------------------------------------

@command("Tee-Object", aliases=("tee",), default_set="File")
class TeeObject(Cmdlet):
    """Saves command output in a file or variable and also sends it down the pipeline."""

    InputObject = Param("object", pipeline=True)
    FilePath = Param("string", position=0, mandatory=True, aliases=("Path",), sets=("File",))
    LiteralPath = Param("string", mandatory=True, aliases=("PSPath", "LP"), sets=("LiteralFile",))
    Append = Param("switch")
    Encoding = Param("string", sets=("File", "LiteralFile"))
    Variable = Param("string", mandatory=True, sets=("Variable",))

    def begin(self) -> Iterable[Any]:
        self._collected: list[Any] = []
        self._path: str | None = None
        target = self.FilePath if self.is_bound("FilePath") else self.LiteralPath
        if not self.is_bound("Variable") and target is not None:
            from pyshell.commands.data import check_parent_directory

            self._path = self.runspace.resolve_path(target)
            check_parent_directory(self._path)
            self._formatter = _Formatter(self.runspace)
        return ()

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject"):
            return
        obj = self.InputObject
        self._collected.append(obj)
        if self._path is not None:
            self._formatter.feed(obj)
        yield obj

    def end(self) -> Iterable[Any]:
        if self.is_bound("Variable"):
            values = list(self._collected)
            if self.Append:
                old = self.runspace.get_variable(self.Variable)
                if old is not MISSING and old is not None:
                    values = (list(old) if isinstance(old, (list, tuple)) else [old]) + values
            value: Any = None if not values else values[0] if len(values) == 1 else values
            self.runspace.set_variable(self.Variable, value)
        elif self._path is not None:
            from pyshell.commands.data import python_encoding

            text = self._formatter.finish()
            with open(self._path, "a" if self.Append else "w", encoding=python_encoding(self.Encoding),
                      newline="") as fh:
                fh.write(text)
        return ()


class _Formatter:
    """Out-File's rendering of objects (the formatting package when present, else ToString lines)."""

    def __init__(self, runspace: Any) -> None:
        host = getattr(runspace, "host", None)
        width = getattr(host, "ui_width", 120) or 120
        try:
            from pyshell.formatting import OutDefault
        except ImportError:
            self._out: Any = None
        else:
            from pyshell.formatting.ps1xml import session_views

            self._out = OutDefault(width, registry=session_views(runspace))
        self._parts: list[str] = []

    def feed(self, obj: Any) -> None:
        self._parts.append(self._out.feed(obj) if self._out is not None else to_string(obj) + "\n")

    def finish(self) -> str:
        if self._out is not None:
            self._parts.append(self._out.finish())
        return "".join(self._parts)


# -- Compare-Object --------------------------------------------------------------------------------

@command("Compare-Object", aliases=("compare", "diff"))
class CompareObject(Cmdlet):
    """Compares two sets of objects."""

    ReferenceObject = Param("object[]", position=0, mandatory=True)
    DifferenceObject = Param("object[]", position=1, mandatory=True, pipeline=True)
    SyncWindow = Param("int")
    Property = Param("object[]")
    ExcludeDifferent = Param("switch")
    IncludeEqual = Param("switch")
    PassThru = Param("switch")
    Culture = Param("string")
    CaseSensitive = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._specs = parse_property_specs(self.Property, keys=("Expression",)) if self.Property else []
        self._difference: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        value = self.DifferenceObject
        if value is not None:
            self._difference.extend(value if isinstance(value, (list, tuple)) else [value])
        return ()

    def _keys(self, obj: Any) -> list[Any]:
        if not self._specs:
            return [obj]
        return [None if v is MISSING else v for v in _key_values(self, self._specs, obj)]

    def end(self) -> Iterator[Any]:
        reference = self.ReferenceObject
        reference = [] if reference is None else list(reference) if isinstance(reference, (list, tuple)) else [reference]
        cs = bool(self.CaseSensitive)
        ref_keys = [self._keys(r) for r in reference]
        used = [False] * len(reference)
        show_equal = self.IncludeEqual or self.ExcludeDifferent
        for item in self._difference:
            keys = self._keys(item)
            match = next((i for i, k in enumerate(ref_keys) if not used[i] and len(k) == len(keys)
                          and all(values_equal(a, b, cs) for a, b in zip(k, keys, strict=True))), None)
            if match is not None:
                used[match] = True
                if show_equal:
                    yield self._result(reference[match], ref_keys[match], "==")
            elif not self.ExcludeDifferent:
                yield self._result(item, keys, "=>")
        if not self.ExcludeDifferent:
            for i, r in enumerate(reference):
                if not used[i]:
                    yield self._result(r, ref_keys[i], "<=")

    def _result(self, obj: Any, keys: list[Any], side: str) -> Any:
        if self.PassThru:
            return add_note(obj, "SideIndicator", side, force=True)
        if not self._specs:
            return PSObject([("InputObject", obj), ("SideIndicator", side)])
        return PSObject([(s.label, k) for s, k in zip(self._specs, keys, strict=True)] + [("SideIndicator", side)])


# -- Get-Unique ------------------------------------------------------------------------------------

@command("Get-Unique", aliases=("gu",), default_set="AsString")
class GetUnique(Cmdlet):
    """Returns unique items from a sorted list."""

    InputObject = Param("object", pipeline=True)
    AsString = Param("switch", sets=("AsString",))
    OnType = Param("switch", sets=("UniqueByType",))
    CaseInsensitive = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._last: Any = MISSING
        return ()

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject"):
            return
        obj = self.InputObject
        last, self._last = self._last, obj
        if last is not MISSING and self._same(last, obj):
            return
        yield obj

    def _same(self, a: Any, b: Any) -> bool:
        if self.OnType:
            return (type_names(a) or [""])[0] == (type_names(b) or [""])[0]
        if self.AsString:
            x, y = to_string(a), to_string(b)
            return x.casefold() == y.casefold() if self.CaseInsensitive else x == y
        return values_equal(a, b, not self.CaseInsensitive)


# -- New-Object, Add-Member ------------------------------------------------------------------------

_PSOBJECT_TYPES = {"psobject", "pscustomobject", "system.management.automation.psobject",
                   "system.management.automation.pscustomobject", "management.automation.psobject",
                   "management.automation.pscustomobject", "object", "system.object"}
_HASHTABLE_TYPES = {"hashtable": Hashtable, "system.collections.hashtable": Hashtable,
                    "collections.hashtable": Hashtable,
                    "system.collections.specialized.ordereddictionary": OrderedHashtable,
                    "collections.specialized.ordereddictionary": OrderedHashtable}


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
#: (properties, parameterized properties, extra methods) of the primitive types, as .NET shows them
_KNOWN_MEMBERS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "System.String": (
        (("Length", "int Length {get;}"),),
        (("Chars", "char Chars(int index) {get;}"),),
        tuple((n, d) for n, d in (
            ("Clone", "System.Object Clone()"), ("CompareTo", "int CompareTo(System.Object value)"),
            ("Contains", "bool Contains(string value)"), ("EndsWith", "bool EndsWith(string value)"),
            ("GetTypeCode", "System.TypeCode GetTypeCode()"), ("IndexOf", "int IndexOf(string value)"),
            ("Insert", "string Insert(int startIndex, string value)"), ("LastIndexOf", "int LastIndexOf(string value)"),
            ("PadLeft", "string PadLeft(int totalWidth)"), ("PadRight", "string PadRight(int totalWidth)"),
            ("Remove", "string Remove(int startIndex, int count)"),
            ("Replace", "string Replace(string oldValue, string newValue)"),
            ("Split", "string[] Split(Params char[] separator)"), ("StartsWith", "bool StartsWith(string value)"),
            ("Substring", "string Substring(int startIndex, int length)"), ("ToCharArray", "char[] ToCharArray()"),
            ("ToLower", "string ToLower()"), ("ToLowerInvariant", "string ToLowerInvariant()"),
            ("ToUpper", "string ToUpper()"), ("ToUpperInvariant", "string ToUpperInvariant()"),
            ("Trim", "string Trim()"), ("TrimEnd", "string TrimEnd()"), ("TrimStart", "string TrimStart()"))),
    ),
    "System.Int32": ((), (), (("CompareTo", "int CompareTo(System.Object value)"),
                              ("GetTypeCode", "System.TypeCode GetTypeCode()"))),
    "System.Object[]": (
        (("IsFixedSize", "bool IsFixedSize {get;}"), ("IsReadOnly", "bool IsReadOnly {get;}"),
         ("IsSynchronized", "bool IsSynchronized {get;}"), ("Length", "int Length {get;}"),
         ("LongLength", "long LongLength {get;}"), ("Rank", "int Rank {get;}"),
         ("SyncRoot", "System.Object SyncRoot {get;}")),
        (), (("Clone", "System.Object Clone()"), ("Contains", "bool Contains(System.Object value)"),
             ("CopyTo", "void CopyTo(array array, int index)"), ("GetValue", "System.Object GetValue(int index)"),
             ("IndexOf", "int IndexOf(System.Object value)"), ("SetValue", "void SetValue(System.Object value, int index)")),
    ),
    "System.Collections.Hashtable": (
        (("Count", "int Count {get;}"), ("IsFixedSize", "bool IsFixedSize {get;}"),
         ("IsReadOnly", "bool IsReadOnly {get;}"), ("IsSynchronized", "bool IsSynchronized {get;}"),
         ("Keys", "System.Collections.ICollection Keys {get;}"), ("SyncRoot", "System.Object SyncRoot {get;}"),
         ("Values", "System.Collections.ICollection Values {get;}")),
        (("Item", "System.Object Item(System.Object key) {get;set;}"),),
        (("Add", "void Add(System.Object key, System.Object value)"), ("Clear", "void Clear()"),
         ("Clone", "System.Object Clone()"), ("Contains", "bool Contains(System.Object key)"),
         ("ContainsKey", "bool ContainsKey(System.Object key)"),
         ("ContainsValue", "bool ContainsValue(System.Object value)"),
         ("GetEnumerator", "System.Collections.IDictionaryEnumerator GetEnumerator()"),
         ("Remove", "void Remove(System.Object key)")),
    ),
    "System.DateTime": ((), (), tuple((n, f"datetime {n}(double value)") for n in (
        "AddDays", "AddHours", "AddMilliseconds", "AddMinutes", "AddSeconds")) + (
        ("AddMonths", "datetime AddMonths(int months)"), ("AddYears", "datetime AddYears(int value)"),
        ("ToLocalTime", "datetime ToLocalTime()"), ("ToUniversalTime", "datetime ToUniversalTime()"),
        ("ToLongDateString", "string ToLongDateString()"), ("ToShortDateString", "string ToShortDateString()"),
        ("ToString", "string ToString(string format)"))),
}
_KNOWN_MEMBERS["System.Int64"] = _KNOWN_MEMBERS["System.Int32"]
_KNOWN_MEMBERS["System.Double"] = _KNOWN_MEMBERS["System.Int32"]
_KNOWN_MEMBERS["System.Collections.Specialized.OrderedDictionary"] = _KNOWN_MEMBERS["System.Collections.Hashtable"]
_PROPERTY_KINDS = {"AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty"}
_METHOD_KINDS = {"Method", "CodeMethod", "ScriptMethod"}


def _short_type(value: Any) -> str:
    if value is None:
        return "System.Object"
    name = _dotnet_type(value)
    return _SHORT_TYPES.get(name, name)


def _member_text(value: Any) -> str:
    """A value inside a member definition, as .NET's ToString() gives it."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "System.Object[]"
    return to_string(value)


def _members(obj: Any, force: bool) -> list[tuple[str, str, str]]:
    """(name, member type, definition) of every member Get-Member shows for obj."""
    base = obj.base if isinstance(obj, PSObject) and obj.base is not None else obj
    result: list[tuple[str, str, str]] = [(n, "Method", d) for n, d in _OBJECT_METHODS]
    notes: list[tuple[str, Any]] = []
    if isinstance(obj, PSObject):
        notes = list(obj.properties.items())
    if not isinstance(base, PSObject):
        known = _KNOWN_MEMBERS.get(_dotnet_type(base))
        if known is not None:
            result += [(n, "Property", d) for n, d in known[0]]
            result += [(n, "ParameterizedProperty", d) for n, d in known[1]]
            result += [(n, "Method", d) for n, d in known[2] if n != "ToString"]
        elif getattr(base, "PS_PROPERTIES", None) is not None:
            for name in base.PS_PROPERTIES:
                value = get_property(base, name)
                result.append((name, "Property", f"{_short_type(value)} {name} {{get;set;}}"))
            notes += list((getattr(base, "_ps_notes", None) or {}).items())
            for name in getattr(base, "PS_METHODS", ()):
                if not any(r[0] == name for r in result):
                    result.append((name, "Method", f"System.Object {name}()"))
        elif base is not None and not isinstance(base, PSObject):
            for name in property_names(base):
                value = get_property(base, name)
                result.append((name, "Property", f"{_short_type(value)} {name} {{get;}}"))
    result += [(n, "NoteProperty", f"{_short_type(v)} {n}={_member_text(v)}") for n, v in notes]
    if force:
        result += [(n, "MemberSet", f"{n} {{{d}}}") for n, d in (
            ("psadapted", ""), ("psbase", ""), ("psextended", ""), ("psobject", ""))]
        result.append(("pstypenames", "CodeProperty",
                       "System.Collections.ObjectModel.Collection`1[[System.String]] pstypenames{get=PSTypeNames;}"))
    return result


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


@command("Get-Member", aliases=("gm",))
class GetMember(Cmdlet):
    """Gets the properties and methods of objects."""

    InputObject = Param("object", pipeline=True)
    Name = Param("string[]", position=0)
    MemberType = Param("string[]", aliases=("Type",))
    View = Param("string")
    Static = Param("switch")
    Force = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._seen: set[str] = set()
        kinds = self.MemberType or ["All"]
        if isinstance(kinds, str):
            kinds = [kinds]
        self._kinds = [k.strip() for item in kinds for k in to_string(item).split(",")]
        return ()

    def process(self) -> Iterator[Any]:
        obj = self.InputObject
        if not self.is_bound("InputObject") or obj is None:
            return
        names = type_names(obj)
        type_name = names[0] if names else "<null>"
        if type_name in self._seen:
            return
        self._seen.add(type_name)
        if self.Static:
            return
        members = [m for m in _members(obj, bool(self.Force)) if _kind_matches(m[1], self._kinds)]
        for pattern in self.Name or ["*"]:
            hits = [m for m in members if wildcard_match(pattern, m[0])]
            hits.sort(key=lambda m: (m[1].casefold(), m[0].casefold()))
            for name, kind, definition in hits:
                yield MemberDefinition(type_name, name, kind, definition)

    def end(self) -> Iterable[Any]:
        if not self._seen:
            self.write_error("You must specify an object for the Get-Member cmdlet.",
                             error_id="NoObjectInGetMember", category="CloseError")
        return ()
