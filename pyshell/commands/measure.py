"""Measure-Object and its GenericMeasureInfo / TextMeasureInfo results."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.calculated import (
    compare_values,
    parse_property_specs,
    resolve_properties,
)
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import parse_number, to_string
from pyshell.engine.objects import (
    MISSING,
    PSObject,
)

__all__ = ["MeasureObject", "GenericMeasureInfo", "GenericObjectMeasureInfo", "TextMeasureInfo"]

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
