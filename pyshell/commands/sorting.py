"""Sort-Object and Get-Unique: PowerShell's ordering of mixed values (nulls, numbers, strings)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.calculated import (
    PropertySpec,
    compare_values,
    evaluate,
    parse_property_specs,
    values_equal,
    wildcard_match,
)
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.objects import (
    MISSING,
    PSObject,
    property_names,
    type_names,
)
from pyshell.errors import PipelineStoppedError, PyshellError

__all__ = ["SortObject", "GetUnique", "Keyed", "key_values", "expand_wildcards", "compare_keys"]

# -- Sort-Object -----------------------------------------------------------------------------------

_SORT_KEYS = ("Expression", "Ascending", "Descending")


class Keyed:
    """An input object with its sort/group key values (MISSING: the object has no such property)."""

    __slots__ = ("obj", "keys", "index")

    def __init__(self, obj: Any, keys: list[Any], index: int) -> None:
        self.obj, self.keys, self.index = obj, keys, index


def key_values(cmd: Cmdlet, specs: list[PropertySpec], obj: Any) -> list[Any]:
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


def expand_wildcards(specs: list[PropertySpec], objects: list[Any]) -> list[PropertySpec]:
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


def compare_keys(a: list[Any], b: list[Any], descending: list[bool], case_sensitive: bool) -> int:
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
        specs = expand_wildcards(self._specs, self._objects)
        if self._specs and not specs:  # only wildcards, matching nothing: nothing to sort by
            yield from self._objects
            return
        descending = [self._is_descending(s) for s in specs] or [bool(self.Descending)]
        cs = bool(self.CaseSensitive)
        entries = [Keyed(o, key_values(self, specs, o), i) for i, o in enumerate(self._objects)]

        def cmp(a: Keyed, b: Keyed) -> int:
            return compare_keys(a.keys, b.keys, descending, cs)

        if self.Stable or self.is_bound("Top") or self.is_bound("Bottom"):
            entries.sort(key=functools.cmp_to_key(cmp))
        else:  # List<T>.Sort: not stable, and which of equal objects comes first shows with -Unique
            _introsort(entries, cmp)
        if self.Unique:
            kept: list[Keyed] = []
            for e in entries:
                if not kept or compare_keys(kept[-1].keys, e.keys, descending, cs) != 0:
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
