"""TimeSpan.ToString(format) and '{0:hh\\:mm}' -f $ts: the standard (c, g, G) and custom TimeSpan formats."""

from __future__ import annotations

import datetime as _dt

from pyshell.errors import RuntimeScriptError

__all__ = ["format_timespan_spec"]


class _BadFormat(Exception):
    pass


def _format_error() -> _BadFormat:
    return _BadFormat()


def _parts(t: _dt.timedelta) -> tuple[bool, int, int, int, int, int]:
    """sign, days, hours, minutes, seconds, ticks-of-second (7 digits) of t."""
    neg = t < _dt.timedelta(0)
    a = -t if neg else t
    hours, rem = divmod(a.seconds, 3600)
    minutes, seconds = divmod(rem, 60)
    return neg, a.days, hours, minutes, seconds, a.microseconds * 10


def _standard(t: _dt.timedelta, spec: str) -> str:
    neg, days, h, m, s, ticks = _parts(t)
    sign = "-" if neg else ""
    if spec in ("c", "t", "T"):
        text = f"{sign}{f'{days}.' if days else ''}{h:02d}:{m:02d}:{s:02d}"
        return text + (f".{ticks:07d}" if ticks else "")
    if spec == "g":
        frac = f".{ticks:07d}".rstrip("0") if ticks else ""
        return f"{sign}{f'{days}:' if days else ''}{h}:{m:02d}:{s:02d}{frac}"
    return f"{sign}{days}:{h:02d}:{m:02d}:{s:02d}.{ticks:07d}"  # G


def format_timespan_spec(t: _dt.timedelta, spec: str, method: str | None = None) -> str:
    """t formatted by a .NET TimeSpan format string; literal characters must be escaped (\\: or 'text').

    :raises RuntimeScriptError: FormatException for a bad format; from a method call (method='ToString')
        pwsh's MethodInvocationException around it, from -f its "Error formatting a string" error.
    """
    try:
        return _format(t, spec)
    except _BadFormat:
        if method is None:
            raise RuntimeScriptError("Error formatting a string: Input string was not in a correct format..",
                                     error_id="FormatError", category="InvalidOperation") from None
        err = RuntimeScriptError(f'Exception calling "{method}" with "1" argument(s): "Input string was not in a '
                                 f'correct format."', error_id="FormatException", category="NotSpecified",
                                 reason="MethodInvocationException")
        err.ps_type_name = "System.Management.Automation.MethodInvocationException"
        raise err from None


def _format(t: _dt.timedelta, spec: str) -> str:
    if spec in ("", None):
        return _standard(t, "c")
    if len(spec) == 1 and spec in "cgGtT":
        return _standard(t, spec)
    _, days, h, m, s, ticks = _parts(t)
    out: list[str] = []
    i = 0
    while i < len(spec):
        c = spec[i]
        if c == "\\":
            if i + 1 >= len(spec):
                raise _format_error()
            out.append(spec[i + 1])
            i += 2
            continue
        if c in "'\"":
            j = spec.find(c, i + 1)
            if j < 0:
                raise _format_error()
            out.append(spec[i + 1 : j])
            i = j + 1
            continue
        if c == "%" and i + 1 < len(spec):
            i += 1
            continue
        j = i
        while j < len(spec) and spec[j] == c:
            j += 1
        n = j - i
        if c == "d" and n <= 8:
            out.append(str(days).zfill(n))
        elif c in "hms" and n <= 2:
            out.append(str({"h": h, "m": m, "s": s}[c]).zfill(n))
        elif c == "f" and n <= 7:
            out.append(f"{ticks:07d}"[:n])
        elif c == "F" and n <= 7:
            out.append(f"{ticks:07d}"[:n].rstrip("0"))
        else:
            raise _format_error()
        i = j
    return "".join(out)
