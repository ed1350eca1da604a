"""[System.DateTimeOffset]: a point in time with its UTC offset (an aware Python datetime).

ConvertFrom-Json -DateKind Offset makes these, and scripts build them with [DateTimeOffset]::new(...).
Arithmetic keeps the type (Python returns the subclass), so AddTicks/AddDays work through the DateTime
methods; the members only a DateTimeOffset has (Offset, UtcDateTime, LocalDateTime, EqualsExact...) are here.
engine/types.py calls register() once; nothing here is imported at startup beyond this module.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pyshell.engine.conversions import to_number, to_string

__all__ = ["DateTimeOffset", "to_offset", "register", "DTO_TYPE"]

DTO_TYPE = "System.DateTimeOffset"
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


class DateTimeOffset(_dt.datetime):
    """An aware datetime shown and compared as .NET's DateTimeOffset."""

    __slots__ = ()
    PS_TYPE_NAMES = (DTO_TYPE, "System.ValueType", "System.Object")
    PS_PROPERTIES = ("DateTime", "UtcDateTime", "LocalDateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour",
                     "Millisecond", "Microsecond", "Nanosecond", "Minute", "Month", "Offset", "TotalOffsetMinutes",
                     "Second", "Ticks", "UtcTicks", "TimeOfDay", "Year")
    PS_METHODS = ("EqualsExact", "ToUnixTimeSeconds", "ToUnixTimeMilliseconds", "ToOffset")
    PS_VALUE_EQUALITY = True  # -eq compares the instants, as DateTimeOffset.Equals does

    # -- construction ----------------------------------------------------------------------------
    @classmethod
    def of(cls, d: _dt.datetime) -> DateTimeOffset:
        """d as a DateTimeOffset (a naive d is taken as local time, as .NET does for Local/Unspecified)."""
        aware = d if d.tzinfo is not None else _dt.datetime(d.year, d.month, d.day, d.hour, d.minute, d.second,
                                                            d.microsecond).astimezone()
        return cls(aware.year, aware.month, aware.day, aware.hour, aware.minute, aware.second, aware.microsecond,
                   tzinfo=aware.tzinfo)

    def _wall(self) -> _dt.datetime:
        from pyshell.engine.datekind import unspecified

        return unspecified(_dt.datetime(self.year, self.month, self.day, self.hour, self.minute, self.second,
                                        self.microsecond))

    def _part(self, name: str) -> Any:
        from pyshell.engine.objects import get_property

        return get_property(self._wall(), name)

    # -- properties --------------------------------------------------------------------------------
    @property
    def DateTime(self) -> _dt.datetime:  # noqa: N802 - .NET property names from here on
        return self._wall()

    @property
    def UtcDateTime(self) -> _dt.datetime:  # noqa: N802
        u = self.astimezone(_dt.UTC)
        return _dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, tzinfo=_dt.UTC)

    @property
    def LocalDateTime(self) -> _dt.datetime:  # noqa: N802
        loc = self.astimezone()
        return _dt.datetime(loc.year, loc.month, loc.day, loc.hour, loc.minute, loc.second, loc.microsecond)

    @property
    def Date(self) -> _dt.datetime:  # noqa: N802
        return self._wall().replace(hour=0, minute=0, second=0, microsecond=0)

    @property
    def Offset(self) -> _dt.timedelta:  # noqa: N802
        return self.utcoffset() or _dt.timedelta(0)

    @property
    def TotalOffsetMinutes(self) -> int:  # noqa: N802
        return int(self.Offset.total_seconds() // 60)

    @property
    def UtcTicks(self) -> int:  # noqa: N802
        return self._ticks(self.UtcDateTime.replace(tzinfo=None))

    @property
    def Ticks(self) -> int:  # noqa: N802
        return self._ticks(self._wall())

    @staticmethod
    def _ticks(d: _dt.datetime) -> int:
        delta = _dt.datetime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond) - _dt.datetime(1, 1, 1)
        return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10

    Day = property(lambda self: self.day)
    DayOfWeek = property(lambda self: self._part("DayOfWeek"))
    DayOfYear = property(lambda self: self._part("DayOfYear"))
    Hour = property(lambda self: self.hour)
    Millisecond = property(lambda self: self.microsecond // 1000)
    Microsecond = property(lambda self: self.microsecond % 1000)
    Nanosecond = property(lambda self: 0)
    Minute = property(lambda self: self.minute)
    Month = property(lambda self: self.month)
    Second = property(lambda self: self.second)
    TimeOfDay = property(lambda self: self._part("TimeOfDay"))
    Year = property(lambda self: self.year)

    # -- methods -----------------------------------------------------------------------------------
    def EqualsExact(self, other: Any) -> bool:  # noqa: N802
        """The same instant and the same offset (Equals compares instants only)."""
        return isinstance(other, _dt.datetime) and other.tzinfo is not None and self == other and \
            self.utcoffset() == other.utcoffset()

    def ToUnixTimeSeconds(self) -> int:  # noqa: N802
        return int((self - _EPOCH).total_seconds() // 1)

    def ToUnixTimeMilliseconds(self) -> int:  # noqa: N802
        delta = self - _EPOCH
        return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000

    def ToOffset(self, offset: Any) -> DateTimeOffset:  # noqa: N802
        return DateTimeOffset.of(self.astimezone(_dt.timezone(_timespan(offset))))

    def ps_to_string(self) -> str:
        """Invariant culture: 11/02/2022 12:01:44 +04:00."""
        minutes = self.TotalOffsetMinutes
        sign = "-" if minutes < 0 else "+"
        minutes = abs(minutes)
        return f"{self.strftime('%m/%d/%Y %H:%M:%S')} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _timespan(value: Any) -> _dt.timedelta:
    from pyshell.engine.objects import unwrap

    value = unwrap(value)
    if isinstance(value, _dt.timedelta):
        return value
    from pyshell.engine.types import convert_to

    return convert_to("System.TimeSpan", value)  # type: ignore[no-any-return]


def _ctor_error(count: int, message: str) -> Exception:
    from pyshell.errors import RuntimeScriptError

    err = RuntimeScriptError(f'Exception calling ".ctor" with "{count}" argument(s): "{message}"',
                             error_id="ArgumentException", category="NotSpecified", reason="MethodInvocationException")
    err.ps_type_name = "System.Management.Automation.MethodInvocationException"
    return err


def _with_offset(wall: _dt.datetime, offset: _dt.timedelta, count: int) -> DateTimeOffset:
    if offset % _dt.timedelta(minutes=1) or abs(offset) > _dt.timedelta(hours=14):
        message = ("Offset must be specified in whole minutes. (Parameter 'offset')" if offset % _dt.timedelta(minutes=1)
                   else "Offset must be within plus or minus 14 hours. (Parameter 'offset')")
        raise _ctor_error(count, message)
    return DateTimeOffset.of(wall.replace(tzinfo=_dt.timezone(offset)))


def new_offset(*args: Any) -> DateTimeOffset:
    """[DateTimeOffset]::new(dateTime[, offset]) / (ticks, offset) / (y, m, d, h, mi, s[, ms[, µs]], offset)."""
    from pyshell.engine.objects import unwrap

    count = len(args)
    values = [unwrap(a) for a in args]
    if count == 1 and isinstance(values[0], _dt.datetime):
        return DateTimeOffset.of(values[0])
    if count == 2 and isinstance(values[0], _dt.datetime):
        d = values[0]
        offset = _timespan(values[1])
        if d.tzinfo is not None and offset != (d.utcoffset() or _dt.timedelta(0)):
            raise _ctor_error(2, "The UTC Offset for Utc DateTime instances must be 0. (Parameter 'offset')")
        return _with_offset(d.replace(tzinfo=None), offset, count)
    if count == 2:
        wall = _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=int(to_number(values[0])) // 10)
        return _with_offset(wall, _timespan(values[1]), count)
    if 7 <= count <= 9:
        n = [int(to_number(v)) for v in values[:-1]] + [0, 0]
        try:
            wall = _dt.datetime(n[0], n[1], n[2], n[3], n[4], n[5], n[6] * 1000 + n[7])
        except ValueError:
            raise _ctor_error(count, "Year, Month, and Day parameters describe an un-representable DateTime.") from None
        return _with_offset(wall, _timespan(values[-1]), count)
    from pyshell.engine.members import overload_not_found

    raise overload_not_found("new", count)


def to_offset(value: Any) -> DateTimeOffset:
    """[DateTimeOffset]value: from a DateTime or a date string (a string without a zone is local time)."""
    from pyshell.engine.objects import unwrap

    value = unwrap(value)
    if isinstance(value, DateTimeOffset):
        return value
    if isinstance(value, _dt.datetime):
        return DateTimeOffset.of(value)
    text = to_string(value).strip()
    try:
        parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        from pyshell.engine.types import parse_datetime

        parsed = parse_datetime(text)
    return DateTimeOffset.of(parsed)


def register(static_types: dict[str, dict[str, Any]], aliases: dict[str, str], known: set[str],
             converters: dict[str, Any]) -> None:
    """Add [DateTimeOffset] to engine/types.py's tables (existing entries win)."""
    aliases.setdefault("datetimeoffset", DTO_TYPE)
    known.add(DTO_TYPE)
    converters.setdefault(DTO_TYPE, to_offset)
    statics = static_types.setdefault(DTO_TYPE, {})
    for name, value in {
        "new": new_offset,
        "Now": property(lambda: DateTimeOffset.of(_dt.datetime.now().astimezone())),
        "UtcNow": property(lambda: DateTimeOffset.of(_dt.datetime.now(_dt.UTC))),
        "UnixEpoch": DateTimeOffset.of(_EPOCH),
        "MinValue": DateTimeOffset(1, 1, 1, tzinfo=_dt.UTC),
        "MaxValue": DateTimeOffset(9999, 12, 31, 23, 59, 59, 999999, tzinfo=_dt.UTC),
        "Parse": lambda s, *_: to_offset(to_string(s)),
        "FromUnixTimeSeconds": lambda s: DateTimeOffset.of(_EPOCH + _dt.timedelta(seconds=int(to_number(s)))),
        "FromUnixTimeMilliseconds": lambda s: DateTimeOffset.of(_EPOCH + _dt.timedelta(milliseconds=int(to_number(s)))),
    }.items():
        statics.setdefault(name, value)
