""".NET format strings as en-US shows them: "{0:N2}", "N2", "yyyy-MM-dd", "h\\:mm\\:ss".

Used by views (the Process view's "{0:N2}"), by calculated properties' FormatString and by
the culture-sensitive display of dates in tables and lists.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pyshell.engine.conversions import format_double, to_string

__all__ = ["format_composite", "format_value", "display_datetime"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

#: en-US standard date/time patterns
_DATE_PATTERNS = {
    "d": "M/d/yyyy",
    "D": "dddd, MMMM d, yyyy",
    "t": "h:mm tt",
    "T": "h:mm:ss tt",
    "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt",
    "g": "M/d/yyyy h:mm tt",
    "G": "M/d/yyyy h:mm:ss tt",
    "M": "MMMM d",
    "m": "MMMM d",
    "Y": "MMMM yyyy",
    "y": "MMMM yyyy",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
}

_ITEM = re.compile(r"\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^}]*))?\}")


def format_composite(fmt: str, args: Sequence[Any]) -> str:
    """String.Format: "{0}", "{0,8:N2}", "{{" and "}}" escapes.

    :raises ValueError: for an index past the arguments or an unbalanced brace.
    """
    out: list[str] = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c == "{":
            if fmt.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            m = _ITEM.match(fmt, i)
            if not m:
                raise ValueError("Input string was not in a correct format.")
            index = int(m.group(1))
            if index >= len(args):
                raise ValueError("Index (zero based) must be greater than or equal to zero and less than the size "
                                 "of the argument list.")
            text = format_value(args[index], m.group(3) or "")
            if m.group(2):
                align = int(m.group(2))
                text = text.rjust(align) if align > 0 else text.ljust(-align)
            out.append(text)
            i = m.end()
        elif c == "}":
            if fmt.startswith("}}", i):
                out.append("}")
                i += 2
                continue
            raise ValueError("Input string was not in a correct format.")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def format_value(value: Any, spec: str) -> str:
    """value.ToString(spec) for numbers, dates and time spans; other values ignore spec."""
    base = getattr(value, "base", None)
    if base is not None and getattr(value, "properties", None) is not None:
        value = base
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if not spec:
        if isinstance(value, _dt.datetime):
            return display_datetime(value)
        return to_string(value)
    if isinstance(value, (int, float, Decimal)):
        return _format_number(value, spec)
    if isinstance(value, _dt.datetime):
        return _format_datetime(value, spec)
    if isinstance(value, _dt.timedelta):
        return _format_timespan(value, spec)
    return to_string(value)


def display_datetime(d: _dt.datetime) -> str:
    """DateTime.ToString() in en-US: 11/24/2026 11:34:24 PM."""
    return _format_datetime(d, "G")


# -- numbers -----------------------------------------------------------------------------


def _round(value: int | float | Decimal, places: int) -> Decimal:
    d = value if isinstance(value, Decimal) else Decimal(value)
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group(digits: str) -> str:
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ",".join(parts)


def _fixed(value: int | float | Decimal, places: int, grouping: bool) -> str:
    r = _round(value, places)
    neg = r < 0
    text = f"{abs(r):.{places}f}"
    whole, _, frac = text.partition(".")
    if grouping:
        whole = _group(whole)
    body = whole + ("." + frac if frac else "")
    if neg and any(ch not in "0.," for ch in body):
        return "-" + body
    return body


def _format_number(value: int | float | Decimal, spec: str) -> str:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return format_double(value)
    m = re.fullmatch(r"([A-Za-z])(\d{0,2})", spec)
    if not m:
        return _custom_number(value, spec)
    kind, prec_text = m.group(1), m.group(2)
    prec = int(prec_text) if prec_text else None
    k = kind.upper()
    if k == "N":
        return _fixed(value, 2 if prec is None else prec, True)
    if k == "F":
        return _fixed(value, 2 if prec is None else prec, False)
    if k == "C":
        text = _fixed(-value if value < 0 else value, 2 if prec is None else prec, True)
        return ("-$" if value < 0 else "$") + text
    if k == "P":
        return _fixed(Decimal(value) * 100 if not isinstance(value, Decimal) else value * 100,
                      2 if prec is None else prec, True) + "%"
    if k == "D" and isinstance(value, int):
        digits = str(abs(value)).zfill(prec or 0)
        return ("-" if value < 0 else "") + digits
    if k == "X" and isinstance(value, int):
        v = value if value >= 0 else value & (2**64 - 1 if value < -(2**31) else 2**32 - 1)
        text = format(v, "x" if kind == "x" else "X")
        return text.zfill(prec or 0)
    if k == "E":
        text = f"{Decimal(value):.{6 if prec is None else prec}E}"
        mant, _, exp = text.partition("E")
        sign = "-" if exp.startswith("-") else "+"
        e = kind + sign + exp.lstrip("+-").zfill(3)
        return mant + e
    if k in ("G", "R"):
        if prec:
            text = f"{float(value):.{prec}G}"
            if "E" in text:
                mant, _, exp = text.partition("E")
                text = f"{mant}E{exp[0]}{exp[1:].zfill(2)}"
            return text
        return format_double(value) if isinstance(value, float) else str(value)
    return _custom_number(value, spec)


def _custom_number(value: int | float | Decimal, spec: str) -> str:
    """Custom numeric formats: 0, #, '.', ',', '%' and literal text (first section only)."""
    section = spec.split(";")[0]
    placeholders = [i for i, ch in enumerate(section) if ch in "0#"]
    if not placeholders:
        return section
    start, end = placeholders[0], placeholders[-1] + 1
    prefix, pattern, suffix = section[:start], section[start:end], section[end:]
    if "%" in prefix + suffix:
        value = Decimal(value) * 100 if not isinstance(value, Decimal) else value * 100
    int_pat, _, frac_pat = pattern.partition(".")
    grouping = "," in int_pat
    int_pat = int_pat.replace(",", "")
    min_int = len(int_pat) - int_pat.find("0") if "0" in int_pat else 0
    max_frac = sum(1 for ch in frac_pat if ch in "0#")
    min_frac = frac_pat.rfind("0") + 1
    try:
        r = _round(value, max_frac)
    except InvalidOperation:
        return to_string(value)
    neg = r < 0
    text = f"{abs(r):.{max_frac}f}"
    whole, _, frac = text.partition(".")
    while len(frac) > min_frac and frac.endswith("0"):
        frac = frac[:-1]
    whole = whole.lstrip("0")
    whole = whole.zfill(min_int)
    if grouping and whole:
        whole = _group(whole)
    body = whole + ("." + frac if frac else "")
    if neg and any(ch.isdigit() and ch != "0" for ch in body):
        body = "-" + body
    return prefix + body + suffix


# -- dates and times --------------------------------------------------------------------


def _tokens(spec: str) -> list[tuple[str, str]]:
    """Split a custom date/time format into (kind, text): kind 'lit' for literals, else the run."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(spec):
        c = spec[i]
        if c in "'\"":
            j = spec.find(c, i + 1)
            j = len(spec) if j < 0 else j
            out.append(("lit", spec[i + 1 : j]))
            i = j + 1
        elif c == "\\" and i + 1 < len(spec):
            out.append(("lit", spec[i + 1]))
            i += 2
        elif c == "%" and i + 1 < len(spec):
            i += 1
        elif c.isalpha():
            j = i
            while j < len(spec) and spec[j] == c:
                j += 1
            out.append((c, spec[i:j]))
            i = j
        else:
            out.append(("lit", c))
            i += 1
    return out


def _format_datetime(d: _dt.datetime, spec: str) -> str:
    if len(spec) == 1:
        if spec not in _DATE_PATTERNS:
            return to_string(d)
        if spec in "uU" and d.tzinfo is not None:
            d = d.astimezone(_dt.UTC)
        spec = _DATE_PATTERNS[spec]
    out: list[str] = []
    for kind, run in _tokens(spec):
        n = len(run)
        if kind == "lit":
            out.append(run)
        elif kind == "y":
            out.append(str(d.year % 100).zfill(n) if n <= 2 else str(d.year).zfill(n))
        elif kind == "M":
            out.append(_MONTHS[d.month - 1] if n >= 4 else _MONTHS[d.month - 1][:3] if n == 3
                       else str(d.month).zfill(n))
        elif kind == "d":
            out.append(_DAYS[d.weekday()] if n >= 4 else _DAYS[d.weekday()][:3] if n == 3 else str(d.day).zfill(n))
        elif kind == "H":
            out.append(str(d.hour).zfill(min(n, 2)))
        elif kind == "h":
            out.append(str(d.hour % 12 or 12).zfill(min(n, 2)))
        elif kind == "m":
            out.append(str(d.minute).zfill(min(n, 2)))
        elif kind == "s":
            out.append(str(d.second).zfill(min(n, 2)))
        elif kind in "fF":
            frac = f"{d.microsecond:06d}0"[: min(n, 7)]
            out.append(frac.rstrip("0") if kind == "F" else frac)
        elif kind == "t":
            ampm = "AM" if d.hour < 12 else "PM"
            out.append(ampm[0] if n == 1 else ampm)
        elif kind in "zK":
            out.append(_offset(d, n if kind == "z" else 3, kind == "K"))
        elif kind == "g":
            out.append("A.D.")
        else:
            out.append(run)
    return "".join(out)


def _offset(d: _dt.datetime, n: int, kind_k: bool) -> str:
    off = d.utcoffset()
    if off is None:
        if kind_k:
            return ""
        off = _dt.datetime.now().astimezone().utcoffset() or _dt.timedelta(0)
    elif kind_k and off == _dt.timedelta(0) and d.tzinfo is _dt.UTC:
        return "Z"
    total = int(off.total_seconds() // 60)
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    if n == 1:
        return f"{sign}{hours}"
    if n == 2:
        return f"{sign}{hours:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}"


def _format_timespan(t: _dt.timedelta, spec: str) -> str:
    if spec in ("c", "t", "T", "g", "G") or len(spec) == 1 and not spec.isalpha():
        return to_string(t)
    neg = t < _dt.timedelta(0)
    a = -t if neg else t
    hours, rem = divmod(a.seconds, 3600)
    minutes, seconds = divmod(rem, 60)
    out: list[str] = []
    for kind, run in _tokens(spec):
        n = len(run)
        if kind == "lit":
            out.append(run)
        elif kind == "d":
            out.append(str(a.days).zfill(n))
        elif kind == "h":
            out.append(str(hours).zfill(min(n, 2)))
        elif kind == "m":
            out.append(str(minutes).zfill(min(n, 2)))
        elif kind == "s":
            out.append(str(seconds).zfill(min(n, 2)))
        elif kind in "fF":
            frac = f"{a.microseconds:06d}0"[: min(n, 7)]
            out.append(frac.rstrip("0") if kind == "F" else frac)
        else:
            out.append(run)
    return "".join(out)
