"""The object model: hashtables, PSCustomObject and the property protocol for Python classes.

Any Python class can appear as a PowerShell object by declaring ``PS_TYPE_NAMES`` (most
derived first) and ``PS_PROPERTIES`` (display order; attributes of the same name hold the
values). ``PS_METHODS`` lists the names scripts may call as ``$obj.Method()``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any

__all__ = [
    "DBNULL",
    "NULL_STRING",
    "is_null_like",
    "Hashtable",
    "OrderedHashtable",
    "PSObject",
    "NoteProperty",
    "type_names",
    "property_names",
    "get_property",
    "set_property",
    "has_property",
    "is_enumerable",
    "enumerate_value",
    "Enumerator",
    "PSChar",
    "MISSING",
]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


class _NullLike:
    """[System.DBNull]::Value and [NullString]::Value: objects that -eq $null and are false."""

    PS_TYPE_NAMES: tuple[str, ...] = ()
    PS_PROPERTIES: tuple[str, ...] = ()

    def ps_to_string(self) -> str:
        return ""

    def ps_to_bool(self) -> bool:
        return False

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return self.PS_TYPE_NAMES[0]


class _DBNull(_NullLike):
    PS_TYPE_NAMES = ("System.DBNull", "System.Object")


class _NullString(_NullLike):
    PS_TYPE_NAMES = ("System.Management.Automation.Language.NullString", "System.Object")


DBNULL: Any = _DBNull()
NULL_STRING: Any = _NullString()


def is_null_like(value: Any) -> bool:
    """$null, [DBNull]::Value or [NullString]::Value (what `-eq $null` is true for)."""
    return value is None or isinstance(value, _NullLike)


def _norm(key: Any) -> Any:
    return key.casefold() if isinstance(key, str) else key


class Hashtable(MutableMapping[Any, Any]):
    """PowerShell's @{}: keys compare case-insensitively, insertion order is kept."""

    __slots__ = ("_data",)
    PS_TYPE_NAMES: tuple[str, ...] = ("System.Collections.Hashtable", "System.Object")

    def __init__(self, items: Mapping[Any, Any] | Iterable[tuple[Any, Any]] | None = None) -> None:
        self._data: dict[Any, tuple[Any, Any]] = {}
        if items is not None:
            pairs = items.items() if isinstance(items, Mapping) else items
            for k, v in pairs:
                self[k] = v

    def __getitem__(self, key: Any) -> Any:
        return self._data[_norm(key)][1]

    def __setitem__(self, key: Any, value: Any) -> None:
        nk = _norm(key)
        old = self._data.get(nk)
        self._data[nk] = (old[0] if old else key, value)

    def __delitem__(self, key: Any) -> None:
        del self._data[_norm(key)]

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self._data.values())

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return _norm(key) in self._data

    def get(self, key: Any, default: Any = None) -> Any:
        entry = self._data.get(_norm(key))
        return entry[1] if entry else default

    def set_folded(self, folded: Any, key: Any, value: Any) -> None:
        """self[key] = value, given key already casefolded (the engine's hot paths fold names once)."""
        data = self._data
        old = data.get(folded)
        data[folded] = (old[0] if old else key, value)

    def original_key(self, key: Any) -> Any:
        entry = self._data.get(_norm(key))
        return entry[0] if entry else key

    def copy(self) -> Hashtable:
        return type(self)(self.items())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"

    def __eq__(self, other: object) -> bool:
        return self is other


class OrderedHashtable(Hashtable):
    """[ordered]@{}: the same, shown under its own .NET type name."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.Collections.Specialized.OrderedDictionary", "System.Object")


class NoteProperty:
    """Marker for a property added to an object after creation (Add-Member, PSComputerName)."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.value = value


class ComputedMember:
    """A member whose value is computed when read (engine/script_members.py: ScriptProperty, ScriptMethod,
    AliasProperty); it sits among a PSObject's properties."""

    member_type = ""

    def get(self, owner: Any) -> Any:
        raise NotImplementedError

    def set(self, owner: Any, value: Any) -> None:
        raise AttributeError("read-only member")


class PSObject:
    """A property bag: [pscustomobject]@{}, Select-Object output, deserialized objects.

    :param properties: name -> value, in display order.
    :param type_names: the TypeNames list, most derived first.
    """

    __slots__ = ("properties", "type_names", "base", "text")
    DEFAULT_TYPE_NAMES = ("System.Management.Automation.PSCustomObject", "System.Object")

    def __init__(
        self,
        properties: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
        type_names: Iterable[str] | None = None,
        base: Any = None,
    ) -> None:
        self.properties = Hashtable(properties)
        self.type_names = list(type_names) if type_names is not None else list(self.DEFAULT_TYPE_NAMES)
        self.base = base  #: the wrapped object, when this adds notes to another one (e.g. a string)
        self.text: str | None = None  #: ToString() of a deserialized object, kept from the other side

    def __repr__(self) -> str:
        return f"PSObject({dict(self.properties.items())!r}, {self.type_names[0]!r})"


def unwrap(value: Any) -> Any:
    """A string, number or date carrying note properties (a PSObject with base) behaves as its base value."""
    if type(value) is PSObject and isinstance(value.base, (str, int, float, _dt.datetime, _dt.timedelta)):
        return value.base
    return value


_PRIMITIVE_TYPE_NAMES: dict[type, tuple[str, ...]] = {
    str: ("System.String", "System.Object"),
    bool: ("System.Boolean", "System.ValueType", "System.Object"),
    float: ("System.Double", "System.ValueType", "System.Object"),
    list: ("System.Object[]", "System.Array", "System.Object"),
    tuple: ("System.Object[]", "System.Array", "System.Object"),
    _dt.datetime: ("System.DateTime", "System.ValueType", "System.Object"),
    _dt.timedelta: ("System.TimeSpan", "System.ValueType", "System.Object"),
    bytes: ("System.Byte[]", "System.Array", "System.Object"),
}


def type_names(obj: Any) -> list[str]:
    """The PowerShell TypeNames of any value, most derived first."""
    if isinstance(obj, PSObject):
        return obj.type_names
    names = getattr(obj, "PS_TYPE_NAMES", None)
    if names is not None:
        return list(names)
    if isinstance(obj, bool):
        return list(_PRIMITIVE_TYPE_NAMES[bool])
    if isinstance(obj, int):
        if -(2**31) <= obj < 2**31:
            return ["System.Int32", "System.ValueType", "System.Object"]
        if -(2**63) <= obj < 2**63:
            return ["System.Int64", "System.ValueType", "System.Object"]
        return ["System.Numerics.BigInteger", "System.ValueType", "System.Object"]
    for t, names in _PRIMITIVE_TYPE_NAMES.items():
        if isinstance(obj, t):
            return list(names)
    if obj is None:
        return []
    return [f"Python.{type(obj).__name__}", "System.Object"]


_DATETIME_PROPS = (  # the DateTime ScriptProperty (types.ps1xml) comes first, as pwsh lists ETS members first
    "DateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond", "Microsecond", "Nanosecond",
    "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year",
)
_TIMESPAN_PROPS = (
    "Ticks", "Days", "Hours", "Milliseconds", "Minutes", "Seconds", "TotalDays", "TotalHours",
    "TotalMilliseconds", "TotalMinutes", "TotalSeconds",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EPOCH_TICKS = 621355968000000000  # .NET ticks at 1970-01-01


def _datetime_prop(d: _dt.datetime, name: str) -> Any:
    n = name.casefold()
    if n == "date":
        return d.replace(hour=0, minute=0, second=0, microsecond=0)
    if n == "day":
        return d.day
    if n == "dayofweek":  # a [System.DayOfWeek] value (Sunday is 0)
        from pyshell.engine.types import convert_to

        return convert_to("System.DayOfWeek", _DAYS[d.weekday()])
    if n == "dayofyear":
        return d.timetuple().tm_yday
    if n == "hour":
        return d.hour
    if n == "kind":
        from pyshell.engine.datekind import date_kind
        from pyshell.engine.types import convert_to

        return convert_to("System.DateTimeKind", date_kind(d))  # an enum: ConvertTo-Json writes its number
    if n == "microsecond":
        return d.microsecond % 1000
    if n == "nanosecond":
        return 0
    if n == "millisecond":
        return d.microsecond // 1000
    if n == "minute":
        return d.minute
    if n == "month":
        return d.month
    if n == "second":
        return d.second
    if n == "ticks":
        naive = d.replace(tzinfo=None)
        delta = naive - _dt.datetime(1970, 1, 1)
        return _EPOCH_TICKS + (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10
    if n == "timeofday":
        return _dt.timedelta(hours=d.hour, minutes=d.minute, seconds=d.second, microseconds=d.microsecond)
    if n == "year":
        return d.year
    if n == "datetime":
        return d.strftime("%A, %B ") + str(d.day) + d.strftime(", %Y %I:%M:%S %p").replace(" 0", " ", 1)
    return MISSING


def _timespan_prop(t: _dt.timedelta, name: str) -> Any:
    n = name.casefold()
    total = t.total_seconds()
    sign = -1 if total < 0 else 1
    a = abs(t)
    parts = {
        "ticks": int(round(total * 10_000_000)),
        "days": sign * a.days,
        "hours": sign * (a.seconds // 3600),
        "minutes": sign * ((a.seconds // 60) % 60),
        "seconds": sign * (a.seconds % 60),
        "milliseconds": sign * (a.microseconds // 1000),
        "totaldays": total / 86400,
        "totalhours": total / 3600,
        "totalminutes": total / 60,
        "totalseconds": total,
        "totalmilliseconds": total * 1000,
    }
    return parts.get(n, MISSING)


def property_names(obj: Any) -> list[str]:
    """The property names a PowerShell user sees on obj (Get-Member, Format-List *)."""
    if isinstance(obj, PSObject):
        names = list(obj.properties.keys())
        if obj.base is not None:
            names = property_names(obj.base) + names
        return names
    props = getattr(obj, "PS_PROPERTIES", None)
    if props is not None:
        extra = getattr(obj, "_ps_notes", None)
        return list(props) + (list(extra.keys()) if extra else [])
    if isinstance(obj, str):
        return ["Length"]
    if isinstance(obj, (list, tuple)):
        return ["Length", "Count"]
    if isinstance(obj, Hashtable):
        return ["Count", "Keys", "Values"]
    if isinstance(obj, _dt.datetime):
        return list(_DATETIME_PROPS)
    if isinstance(obj, _dt.timedelta):
        return list(_TIMESPAN_PROPS)
    return []


def get_property(obj: Any, name: str, default: Any = MISSING) -> Any:
    """Read property `name` (case-insensitive) of obj; `default` when it has none."""
    if isinstance(obj, PSObject):
        props = obj.properties
        if name in props:
            v = props[name]
            return v.get(obj) if isinstance(v, ComputedMember) else v
        if obj.base is not None:
            return get_property(obj.base, name, default)
        return default
    if isinstance(obj, Hashtable):
        if name in obj:
            return obj[name]
        low = name.casefold()
        if low == "count":
            return len(obj)
        if low == "keys":
            return list(obj.keys())
        if low == "values":
            return list(obj.values())
        return default
    props = getattr(obj, "PS_PROPERTIES", None)
    if props is not None:
        low = name.casefold()
        for p in props:
            if p.casefold() == low:
                return getattr(obj, p)
        notes = getattr(obj, "_ps_notes", None)
        if notes and name in notes:
            v = notes[name]
            return v.get(obj) if isinstance(v, ComputedMember) else v
        return default
    low = name.casefold()
    if isinstance(obj, str):
        return len(obj) if low == "length" else default
    if isinstance(obj, (list, tuple)):
        if low == "count":
            return len(obj)
        # Length is an array's; a List, ArrayList, HashSet, Queue or Stack has only Count
        return len(obj) if low == "length" and type(obj).__name__ not in _COUNT_ONLY else default
    if isinstance(obj, _dt.datetime):
        v = _datetime_prop(obj, name)
        return default if v is MISSING else v
    if isinstance(obj, _dt.timedelta):
        v = _timespan_prop(obj, name)
        return default if v is MISSING else v
    return default


_COUNT_ONLY = frozenset(("ListObject", "HashSetObject", "QueueObject", "StackObject", "ErrorList",
                         "PSObjectCollection"))


def has_property(obj: Any, name: str) -> bool:
    return get_property(obj, name) is not MISSING


def set_property(obj: Any, name: str, value: Any) -> None:
    """Assign an existing (or, on property bags and hashtables, new) property."""
    if isinstance(obj, PSObject):
        current = obj.properties.get(name)
        if isinstance(current, ComputedMember):
            current.set(obj, value)  # a ScriptProperty's setter, an AliasProperty's target
        elif name in obj.properties or obj.base is None:
            obj.properties[name] = value
        else:
            set_property(obj.base, name, value)
        return
    if isinstance(obj, Hashtable):
        obj[name] = value
        return
    props = getattr(obj, "PS_PROPERTIES", None)
    if props is not None:
        low = name.casefold()
        for p in props:
            if p.casefold() == low:
                setattr(obj, p, value)
                return
        notes = getattr(obj, "_ps_notes", None)
        if notes is not None and name in notes:
            if isinstance(notes[name], ComputedMember):
                notes[name].set(obj, value)
            else:
                notes[name] = value
            return
    raise AttributeError(name)


def is_enumerable(value: Any) -> bool:
    """Whether the pipeline unrolls value (arrays and lists yes; strings and hashtables no)."""
    return isinstance(value, (list, tuple)) or getattr(value, "PS_ENUMERABLE", False)


def enumerate_value(value: Any) -> Iterator[Any]:
    """Yield what the pipeline sees for value: the elements of an array, or value itself."""
    if isinstance(value, (list, tuple)):
        yield from value
    elif getattr(value, "PS_ENUMERABLE", False):
        yield from value
    else:
        yield value


class Enumerator:
    """An IEnumerator over a list ($input, $switch): MoveNext/Current/Reset; the pipeline unrolls
    what is left of it, so reading it once consumes it as in PowerShell."""

    #: IEnumerator is listed so that `-is [System.Collections.IEnumerator]` holds
    PS_TYPE_NAMES = ("System.Collections.ArrayList+ArrayListEnumeratorSimple", "System.Collections.IEnumerator",
                     "System.Object")
    PS_PROPERTIES = ("Current",)
    PS_METHODS = ("MoveNext", "Reset")
    PS_ENUMERABLE = True

    def __init__(self, items: list[Any], type_name: str | None = None) -> None:
        self._items = items
        self._pos = -1
        if type_name is not None:
            self.PS_TYPE_NAMES = (type_name, "System.Collections.IEnumerator", "System.Object")

    @property
    def Current(self) -> Any:  # noqa: N802 - PowerShell member name
        return self._items[self._pos] if 0 <= self._pos < len(self._items) else None

    def MoveNext(self) -> bool:  # noqa: N802
        if self._pos < len(self._items):
            self._pos += 1
        return self._pos < len(self._items)

    def Reset(self) -> None:  # noqa: N802
        self._pos = -1

    def __iter__(self) -> Iterator[Any]:
        while self.MoveNext():
            yield self.Current

    def ps_to_string(self) -> str:
        """"$input" enumerates what is left (consuming it) and joins it with spaces."""
        from pyshell.engine.conversions import to_string

        return " ".join(to_string(x) for x in self)


class PSChar(str):
    """A System.Char: a one-character string that does arithmetic as its code point ([char]'a' + 1 is 98)."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.Char", "System.ValueType", "System.Object")

    def ps_to_number(self) -> int:
        return ord(self)
