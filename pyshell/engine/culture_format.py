"""Formatting numbers and dates by a culture: `(1234.5).ToString('N2', [cultureinfo]'de-DE')` -> 1.234,50.

Why separate from operators.format_value: that one formats as en-US/invariant do (what pwsh's output and -f use);
here the same text is localized with a CultureInfo's separators, currency/percent patterns, date patterns and
month/day names, for the .NET overloads that take an IFormatProvider.
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from typing import Any

__all__ = ["format_provider", "format_number", "format_date", "format_with", "delocalize_number", "date_patterns"]

#: .NET's CurrencyPositivePattern / CurrencyNegativePattern / PercentPositive / PercentNegative layouts
#: ($ stands for the symbol, n for the number, ' ' for a no-break space)
_CUR_POS = ("$n", "n$", "$ n", "n $")
_CUR_NEG = ("($n)", "-$n", "$-n", "$n-", "(n$)", "-n$", "n-$", "n$-", "-n $", "-$ n", "n $-", "$ n-", "$ -n", "n- $",
            "($ n)", "(n $)", "$- n")
_PCT_POS = ("n $", "n$", "$n", "$ n")
_PCT_NEG = ("-n $", "-n$", "-$n", "$-n", "$n-", "n-$", "n$-", "-$ n", "n $-", "$ n-", "$- n", "n- $")


def format_provider(value: Any) -> Any:
    """The CultureInfo or NumberFormatInfo / DateTimeFormatInfo an argument stands for; None for other values."""
    from pyshell.engine.culture import CultureInfo, DateTimeFormatInfo, NumberFormatInfo

    return value if isinstance(value, (CultureInfo, NumberFormatInfo, DateTimeFormatInfo)) else None


def _number_info(provider: Any) -> Any:
    from pyshell.engine.culture import current_culture

    if hasattr(provider, "NumberFormat"):
        return provider.NumberFormat
    if hasattr(provider, "NumberDecimalSeparator"):
        return provider
    return current_culture().NumberFormat


def _date_info(provider: Any) -> Any:
    from pyshell.engine.culture import current_culture

    if hasattr(provider, "DateTimeFormat"):
        return provider.DateTimeFormat
    if hasattr(provider, "ShortDatePattern"):
        return provider
    return current_culture().DateTimeFormat


def _localize(text: str, decimal: str, group: str) -> str:
    """Invariant separators ('.' and ',') swapped for a culture's."""
    if (decimal, group) == (".", ","):
        return text
    return "".join(decimal if c == "." else group if c == "," else c for c in text)


def _layout(pattern: str, symbol: str, number: str) -> str:
    return "".join(symbol if c == "$" else number if c == "n" else "\u00a0" if c == " " else c for c in pattern)


def format_number(x: Any, spec: str | None, provider: Any) -> str:
    """x.ToString(spec, provider) for a number."""
    from pyshell.engine.conversions import to_string
    from pyshell.engine.operators import format_value

    nf = _number_info(provider)
    if isinstance(x, float) and math.isinf(x):
        return nf.PositiveInfinitySymbol if x > 0 else nf.NegativeInfinitySymbol
    if isinstance(x, float) and math.isnan(x):
        return nf.NaNSymbol
    kind, digits = (spec[:1].upper(), spec[1:]) if spec else ("G", "")
    if kind in ("C", "P") and (digits == "" or digits.isdigit()):
        negative = x < 0
        magnitude = abs(Decimal(str(x)) if isinstance(x, float) else x)
        if kind == "P":
            magnitude = magnitude * 100
        places = int(digits) if digits else (nf.CurrencyDecimalDigits if kind == "C" else nf.PercentDecimalDigits)
        number = _localize(format_value(magnitude, f"N{places}"), nf.NumberDecimalSeparator, nf.NumberGroupSeparator)
        if kind == "C":
            pattern = _CUR_NEG[nf.CurrencyNegativePattern] if negative else _CUR_POS[nf.CurrencyPositivePattern]
            return _layout(pattern, nf.CurrencySymbol, number)
        pattern = _PCT_NEG[nf.PercentNegativePattern] if negative else _PCT_POS[nf.PercentPositivePattern]
        return _layout(pattern, nf.PercentSymbol, number)
    text = format_value(x, spec) if spec else to_string(x)
    return _localize(text, nf.NumberDecimalSeparator, nf.NumberGroupSeparator)


def _quote(text: str) -> str:
    return "'" + text + "'"


def _expand_standard(spec: str, df: Any) -> str:
    """A one-letter standard date format as the culture's custom pattern."""
    table = {
        "d": df.ShortDatePattern, "D": df.LongDatePattern, "t": df.ShortTimePattern, "T": df.LongTimePattern,
        "f": f"{df.LongDatePattern} {df.ShortTimePattern}", "F": df.FullDateTimePattern,
        "g": f"{df.ShortDatePattern} {df.ShortTimePattern}", "G": f"{df.ShortDatePattern} {df.LongTimePattern}",
        "m": df.MonthDayPattern, "M": df.MonthDayPattern, "y": df.YearMonthPattern, "Y": df.YearMonthPattern,
    }
    return table.get(spec, spec)


def format_date(d: _dt.datetime, spec: str | None, provider: Any) -> str:
    """d.ToString(spec, provider): the culture's patterns, names, designators and separators."""
    from pyshell.engine.operators import format_value

    if spec in ("o", "O", "r", "R", "s", "u"):
        return format_value(d, spec)  # the round-trip, RFC1123 and sortable forms are culture-invariant
    df = _date_info(provider)
    pattern = _expand_standard(spec or "G", df)
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c in "'\"":
            j = pattern.find(c, i + 1)
            j = len(pattern) if j < 0 else j
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        j = i
        while j < len(pattern) and pattern[j] == c:
            j += 1
        run = j - i
        if c == "M" and run >= 3:
            names = df.MonthNames if run >= 4 else df.AbbreviatedMonthNames
            out.append(_quote(names[d.month - 1]))
        elif c == "d" and run >= 3:
            names = df.DayNames if run >= 4 else df.AbbreviatedDayNames
            out.append(_quote(names[(d.weekday() + 1) % 7]))
        elif c == "t":
            mark = df.AMDesignator if d.hour < 12 else df.PMDesignator
            out.append(_quote(mark if run > 1 else mark[:1]))
        elif c == "/":
            out.append(_quote(df.DateSeparator * run))
        elif c == ":":
            out.append(_quote(df.TimeSeparator * run))
        else:
            out.append(pattern[i:j])
        i = j
    return format_value(d, "".join(out)) if out else ""


def format_with(value: Any, spec: str, provider: Any) -> str:
    """One composite-format item ({0:N2}) by a provider: numbers and dates localized, other values as usual."""
    from pyshell.engine.operators import format_value

    if isinstance(value, _dt.datetime):
        return format_date(value, spec or None, provider)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and not hasattr(value, "value__"):
        return format_number(value, spec or None, provider)
    return format_value(value, spec)


def delocalize_number(text: str, provider: Any) -> str:
    """A number written by a culture ('1.234,5' in de-DE) as the invariant text parsers read ('1234.5')."""
    nf = _number_info(provider)
    if (nf.NumberDecimalSeparator, nf.NumberGroupSeparator) == (".", ","):
        return text
    text = text.replace(nf.NumberGroupSeparator, "")
    if nf.NumberGroupSeparator in ("\u00a0", "\u202f"):
        text = text.replace(" ", "")  # a plain space stands in for the culture's no-break space
    return text.replace(nf.NumberDecimalSeparator, ".")


def date_patterns(provider: Any) -> list[str]:
    """The custom patterns DateTime.Parse tries first for a culture: its short date, with a long or short time."""
    df = _date_info(provider)
    return [f"{df.ShortDatePattern} {df.LongTimePattern}", f"{df.ShortDatePattern} {df.ShortTimePattern}",
            df.ShortDatePattern]
