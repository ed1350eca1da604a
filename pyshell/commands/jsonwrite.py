"""ConvertTo-Json with PowerShell 7's (Newtonsoft) output format."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.enums import EnumValue
from pyshell.engine.objects import (
    MISSING,
    PSObject,
    get_property,
    is_enumerable,
    is_null_like,
    property_names,
    type_names,
)
from pyshell.errors import PyshellError

__all__ = ["ConvertToJson", "to_json", "json_datetime"]

# -- ConvertTo-Json ----------------------------------------------------------------------------------

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HTML = set("<>&'\"")


def _json_string(s: str, escape: str) -> str:
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch in _SHORT_ESCAPES and not (escape == "EscapeHtml" and ch in _HTML):
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or ch in "\u0085\u2028\u2029" or (escape == "EscapeHtml" and ch in _HTML) or (
                escape == "EscapeNonAscii" and code > 0x7E):
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _shortest(x: float) -> str:
    """The fewest digits that read back as x: a double's repr, or for a [float] (Single) the 32-bit value's."""
    if type(x).__name__ != "Single":
        return repr(float(x))
    packed = _single_bits(float(x))
    for digits in range(1, 10):
        text = f"{float(x):.{digits}g}"
        if _single_bits(float(text)) == packed:
            return text
    return repr(float(x))


_SINGLE_MAX = 3.4028234663852886e38
_SINGLE_OVERFLOW = 3.4028235677973366e38  # half a unit above [single]::MaxValue: from here on it rounds to infinity


def _single_bits(v: float) -> bytes:
    """The 32-bit pattern v rounds to ([single]::MaxValue stays finite even when held as 3.4028235E+38)."""
    import struct

    if _SINGLE_MAX < abs(v) < _SINGLE_OVERFLOW:
        v = _SINGLE_MAX if v > 0 else -_SINGLE_MAX
    try:
        return struct.pack("<f", v)
    except OverflowError:
        return struct.pack("<f", float("inf") if v > 0 else float("-inf"))


def round_trip_double(x: float) -> str:
    """.NET's shortest round-trip text of a double ("R"): 0.30000000000000004, 1E+20, 1E-07, 123.5."""
    if x == 0:
        return "-0" if str(x).startswith("-") else "0"
    sign, digits, exponent = Decimal(_shortest(x)).normalize().as_tuple()
    text = "".join(str(d) for d in digits)
    point = len(text) + int(exponent) - 1  # the power of ten of the first digit
    minus = "-" if sign else ""
    if point >= 15 or point < -4:  # .NET switches to scientific notation below 1E-04 and from 1E+15
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{minus}{mantissa}E{'+' if point >= 0 else '-'}{abs(point):02d}"
    if point < 0:
        return f"{minus}0.{'0' * (-point - 1)}{text}"
    if len(text) <= point + 1:
        return minus + text + "0" * (point + 1 - len(text))
    return f"{minus}{text[:point + 1]}.{text[point + 1:]}"


def _json_number(x: float) -> str:
    """A double as Newtonsoft writes it: round-trip digits, and always a decimal point or exponent."""
    if x != x:
        return '"NaN"'
    if x in (float("inf"), float("-inf")):
        return '"Infinity"' if x > 0 else '"-Infinity"'
    text = round_trip_double(x)
    return text if any(c in text for c in ".Ee") else text + ".0"


def _timespan(t: _dt.timedelta) -> dict[str, Any]:
    """A TimeSpan's properties in .NET 8's declared order (Microseconds and Nanoseconds included)."""
    ticks = (t.days * 86400 + t.seconds) * 10_000_000 + t.microseconds * 10
    sign = -1 if ticks < 0 else 1
    whole = abs(ticks)
    return {
        "Ticks": _Raw(str(ticks)),
        "Days": _Raw(str(sign * (whole // 864_000_000_000))),
        "Hours": _Raw(str(sign * (whole // 36_000_000_000 % 24))),
        "Milliseconds": _Raw(str(sign * (whole // 10_000 % 1000))),
        "Microseconds": _Raw(str(sign * (whole // 10 % 1000))),
        "Nanoseconds": _Raw(str(sign * (whole % 10 * 100))),
        "Minutes": _Raw(str(sign * (whole // 600_000_000 % 60))),
        "Seconds": _Raw(str(sign * (whole // 10_000_000 % 60))),
        "TotalDays": _Raw(_json_number(ticks / 864_000_000_000)),
        "TotalHours": _Raw(_json_number(ticks / 36_000_000_000)),
        "TotalMilliseconds": _Raw(_json_number(ticks / 10_000)),
        "TotalMicroseconds": _Raw(_json_number(ticks / 10)),
        "TotalNanoseconds": _Raw(_json_number(float(ticks * 100))),
        "TotalMinutes": _Raw(_json_number(ticks / 600_000_000)),
        "TotalSeconds": _Raw(_json_number(ticks / 10_000_000)),
    }


def _offset_text(offset: _dt.timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def json_datetime(d: _dt.datetime) -> str:
    """Newtonsoft's ISO form: 2026-11-24T23:34:24.1234567+00:00 (Z for UTC, no offset for Unspecified kind,
    the local offset otherwise)."""
    from pyshell.engine.datekind import UnspecifiedDateTime

    text = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    if d.microsecond:
        text += "." + f"{d.microsecond:06d}".rstrip("0")
    if isinstance(d, UnspecifiedDateTime) and d.tzinfo is None:
        return text
    if d.tzinfo is None:
        return text + _offset_text(d.astimezone().utcoffset())
    if d.tzinfo is _dt.UTC:
        return text + "Z"
    return text + _offset_text(d.utcoffset())


class _Raw(str):
    """Already-rendered JSON text (numbers, dates) inside the intermediate tree."""


class _JsonConverter:
    """ProcessValue: turn a PowerShell value into plain dicts/lists, honouring -Depth."""

    def __init__(self, depth: int, enums_as_strings: bool, warn: Any) -> None:
        self.max_depth = depth
        self.enums_as_strings = enums_as_strings
        self.warn = warn
        self.warned = False

    def _too_deep(self, depth: int) -> bool:
        if depth <= self.max_depth:
            return False
        if not self.warned and self.warn is not None:
            self.warned = True
            self.warn(f"Resulting JSON is truncated as serialization has exceeded the set depth of {self.max_depth}.")
        return True

    def convert(self, value: Any, depth: int) -> Any:
        if value is MISSING or is_null_like(value):  # [DBNull]::Value and [NullString]::Value too
            notes = getattr(value, "_ps_notes", None)
            if notes:  # with note properties they are objects: {"value":null,<notes>}, as pwsh writes them
                out: dict[str, Any] = {"value": None}
                for key, item in notes.items():
                    out[str(key)] = self.convert(item, depth + 1)
                return out
            return None
        if isinstance(value, PSObject):
            return self._psobject(value, depth)
        if isinstance(value, EnumValue):  # an enum is its number unless -EnumsAsStrings
            return str(value) if self.enums_as_strings else _Raw(str(value.value__))
        if isinstance(value, Decimal):
            return _Raw(format(value, "f"))
        if isinstance(value, (str, bool)):
            return value
        if isinstance(value, enum.Enum):
            return value.name if self.enums_as_strings else self.convert(value.value, depth)
        if isinstance(value, int):
            return _Raw(str(value))
        if isinstance(value, float):
            return _Raw(_json_number(value))
        if isinstance(value, _dt.datetime):
            return json_datetime(value)
        if isinstance(value, _dt.timedelta) and not self._too_deep(depth):
            return _timespan(value)
        if self._too_deep(depth):
            return to_string(value)
        if isinstance(value, Mapping):
            return self._dictionary(value, depth)
        if is_enumerable(value):
            return [self.convert(v, depth + 1) for v in value]
        names = property_names(value)
        if not names and getattr(value, "PS_PROPERTIES", None) is None:
            return to_string(value)
        return {n: self.convert(get_property(value, n), depth + 1) for n in names}

    def _dictionary(self, table: Mapping[Any, Any], depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, item in table.items():
            if not isinstance(key, str):
                raise PyshellError(f"The type '{type_names(table)[0]}' is not supported for serialization or "
                                   "deserialization of a dictionary. Keys must be strings.",
                                   error_id="NonStringKeyInDictionary", category="InvalidOperation", target=table)
            result[key] = self.convert(item, depth + 1)
        return result

    def _psobject(self, pso: PSObject, depth: int) -> Any:
        if pso.base is None:
            if self._too_deep(depth):
                return to_string(pso)
            return {k: self.convert(v, depth + 1) for k, v in pso.properties.items()}
        inner = self.convert(pso.base, depth)
        if isinstance(pso.base, (str, _dt.datetime)) or not pso.properties:
            return inner
        result = inner if isinstance(inner, dict) else {"value": inner}
        for k, v in pso.properties.items():
            if k not in result:
                result[k] = self.convert(v, depth + 1)
        return result


def _render(value: Any, indent: int, compress: bool, escape: str) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, str):
        return _json_string(value, escape)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [(_json_string(k, escape), _render(v, indent + 1, compress, escape)) for k, v in value.items()]
        if compress:
            return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
        pad = "  " * (indent + 1)
        return "{\n" + ",\n".join(f"{pad}{k}: {v}" for k, v in items) + "\n" + "  " * indent + "}"
    if not value:
        return "[]"
    parts = [_render(v, indent + 1, compress, escape) for v in value]
    if compress:
        return "[" + ",".join(parts) + "]"
    pad = "  " * (indent + 1)
    return "[\n" + ",\n".join(pad + p for p in parts) + "\n" + "  " * indent + "]"


def to_json(value: Any, *, depth: int = 2, compress: bool = False, enums_as_strings: bool = False,
            escape: str = "Default", warn: Any = None) -> str:
    """Serialize value as ConvertTo-Json does.

    :param warn: called once with PowerShell's message when -Depth truncates the output.
    """
    tree = _JsonConverter(depth, enums_as_strings, warn).convert(value, 0)
    return _render(tree, 0, compress, escape)


@command("ConvertTo-Json")
class ConvertToJson(Cmdlet):
    """Converts an object to a JSON-formatted string."""

    InputObject = Param("object", position=0, mandatory=True, pipeline=True)
    Depth = Param("int", default=2)
    Compress = Param("switch")
    EnumsAsStrings = Param("switch")
    AsArray = Param("switch")
    EscapeHandling = Param("string", validate_set=("Default", "EscapeNonAscii", "EscapeHtml"), default="Default")

    def begin(self) -> Iterable[Any]:
        depth = self.Depth
        if depth is None or not 0 <= depth <= 100:
            raise PyshellError(
                f"Cannot validate argument on parameter 'Depth'. The {depth} argument is "
                + ("greater than the maximum allowed range of 100. Supply an argument that is less than or equal to "
                   "100" if depth is not None and depth > 100 else
                   "less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0")
                + " and then try the command again.", error_id="ParameterArgumentValidationError",
                category="InvalidData")
        self._inputs: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._inputs.append(self.InputObject)
        return ()

    def end(self) -> Iterator[Any]:
        if not self._inputs:
            return
        value = list(self._inputs) if len(self._inputs) > 1 or self.AsArray else self._inputs[0]
        yield to_json(value, depth=self.Depth, compress=bool(self.Compress),
                      enums_as_strings=bool(self.EnumsAsStrings), escape=self.EscapeHandling or "Default",
                      warn=self.write_warning)
