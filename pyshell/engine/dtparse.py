"""DateTime.Parse with the invariant culture, for the shapes scripts write: '12/25/2021 3:00 PM', '1 Jan 1970',
'Jan 1, 2020', '25-Dec-2021', 'Monday, January 1, 2020', '2/20/88' (two-digit years: 00-49 -> 20xx, 50-99 -> 19xx).

The strict ISO forms are read first by engine/types.py; this is the lenient fallback.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["parse_loose"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([ap]\.?m\.?)?(?![\d:])", re.I)
_HOUR_ONLY = re.compile(r"(?<![\d:])(\d{1,2})\s*([ap]m)\b", re.I)


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if len(w) < 3:
        return None
    for i, name in enumerate(_MONTHS):
        if name.startswith(w) and (len(w) >= 3):
            return i + 1
    return None


def _is_day_name(word: str) -> bool:
    w = word.lower().rstrip(".")
    return len(w) >= 3 and any(d.startswith(w) for d in _DAYS)


def _year(text: str) -> int:
    n = int(text)
    if len(text) <= 2:
        return 2000 + n if n <= 49 else 1900 + n  # the invariant calendar's TwoDigitYearMax is 2049
    return n


def _time(m: re.Match[str] | None, hour_only: re.Match[str] | None) -> _dt.time | None:
    if m is None and hour_only is None:
        return _dt.time()
    if m is not None:
        h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        micro = int((m.group(4) or "0").ljust(7, "0")[:6])
        ampm = (m.group(5) or "").lower().replace(".", "")
    else:
        assert hour_only is not None
        h, mi, s, micro, ampm = int(hour_only.group(1)), 0, 0, 0, hour_only.group(2).lower()
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if ampm == "pm" else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return _dt.time(h, mi, s, micro)


def parse_loose(text: str) -> _dt.datetime | None:
    """The date (and time) in text, or None when DateTime.Parse would not recognise it."""
    s = text.strip()
    tm = _TIME.search(s)
    if tm:
        s = s[: tm.start()] + " " + s[tm.end():]
    ho = None if tm else _HOUR_ONLY.search(s)
    if ho:
        s = s[: ho.start()] + " " + s[ho.end():]
    t = _time(tm, ho)
    if t is None:
        return None
    words = [w for w in re.split(r"[\s,/\-]+|\.(?=\s|\d|$)", s) if w]
    numbers: list[str] = []
    month: int | None = None
    for w in words:
        if w.isdigit():
            numbers.append(w)
        elif _month(w) is not None and month is None:
            month = _month(w)
        elif _is_day_name(w):
            continue
        else:
            return None
    today = _dt.date.today()
    try:
        if month is not None:
            if len(numbers) == 2:
                a, b = numbers
                if len(a) >= 3 or (int(a) > 31):
                    year, day = _year(a), int(b)  # '2020 Jan 1'
                else:
                    day, year = int(a), _year(b)  # '1 Jan 1970', 'Jan 1, 2020'
            elif len(numbers) == 1:
                n = numbers[0]
                if len(n) >= 3 or int(n) > 31:
                    year, day = _year(n), 1
                else:
                    year, day = today.year, int(n)
            else:
                return None
            d = _dt.date(year, month, day)
        elif len(numbers) == 3:
            a, b, c = numbers
            if len(a) >= 3:
                d = _dt.date(int(a), int(b), int(c))  # 2021/12/25
            else:
                d = _dt.date(_year(c), int(a), int(b))  # invariant culture: month/day/year
        elif len(numbers) == 2 and all(len(n) <= 2 for n in numbers):
            d = _dt.date(today.year, int(numbers[0]), int(numbers[1]))
        elif not numbers and (tm or ho):
            d = today
        else:
            return None
    except ValueError:
        return None
    return _dt.datetime.combine(d, t)
