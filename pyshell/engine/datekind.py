"""DateTime.Kind for Python datetimes: Local (naive), Utc (tzinfo UTC) and Unspecified (this naive subclass).

.NET keeps three kinds and they show in output: ConvertTo-Json and the "o"/"K" formats write an offset for
Local, "Z" for Utc and nothing for Unspecified. Dates parsed from text without a zone, `[datetime]::new(...)`,
MinValue/MaxValue and ConvertFrom-Json's zone-less strings are Unspecified; Get-Date and Now are Local.
Python keeps the subclass through arithmetic and replace(), so the kind survives `.AddDays()` and `.Date`.
"""

from __future__ import annotations

import datetime as _dt

__all__ = ["UnspecifiedDateTime", "unspecified", "local", "date_kind", "comparable"]


class UnspecifiedDateTime(_dt.datetime):
    """A naive datetime whose Kind is Unspecified (a plain naive datetime is Local)."""

    __slots__ = ()


def unspecified(d: _dt.datetime) -> _dt.datetime:
    """d as an Unspecified-kind value (the same wall-clock time); aware values are returned unchanged."""
    if d.tzinfo is not None or isinstance(d, UnspecifiedDateTime):
        return d
    return UnspecifiedDateTime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, fold=d.fold)


def local(d: _dt.datetime) -> _dt.datetime:
    """d as a Local-kind value with the same wall-clock time (DateTime.SpecifyKind(d, Local))."""
    return _dt.datetime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, fold=d.fold)


def date_kind(d: _dt.datetime) -> str:
    """The name of d's DateTimeKind: Utc, Local or Unspecified."""
    if d.tzinfo is not None:
        return "Utc" if d.tzinfo is _dt.UTC else "Local"
    return "Unspecified" if isinstance(d, UnspecifiedDateTime) else "Local"


def comparable(left: _dt.datetime, right: _dt.datetime) -> tuple[_dt.datetime, _dt.datetime]:
    """Two dates Python can subtract or order: .NET's DateTime arithmetic ignores Kind (wall clock against
    wall clock), while a DateTimeOffset on either side makes it a comparison of instants."""
    if (left.tzinfo is None) == (right.tzinfo is None):
        return left, right
    if hasattr(left, "EqualsExact") or hasattr(right, "EqualsExact"):  # engine/dtoffset.py
        return (left if left.tzinfo else left.astimezone()), (right if right.tzinfo else right.astimezone())
    return left.replace(tzinfo=None), right.replace(tzinfo=None)
