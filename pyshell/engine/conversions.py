"""PowerShell's value conversions: to string, to bool, to number, equality and ordering.

These follow LanguagePrimitives: the left operand's type decides how the right one is
converted, strings compare case-insensitively unless asked otherwise.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from pyshell.engine.collation import culture_compare
from pyshell.engine.objects import Hashtable, PSChar, PSObject, is_null_like, type_names, unwrap
from pyshell.errors import RuntimeScriptError
from pyshell.numeric import BadNumericConstant, literal_value, negate_literal

__all__ = [
    "to_string",
    "format_double",
    "format_timespan",
    "format_datetime",
    "to_bool",
    "to_number",
    "to_int",
    "parse_number",
    "ps_equals",
    "ps_compare",
    "ConversionError",
]


class ConversionError(RuntimeScriptError):
    ps_type_name = "System.Management.Automation.PSInvalidCastException"
    default_error_id = "InvalidCastFromStringToInteger"
    default_category = "InvalidArgument"


def format_double(x: float) -> str:
    """A double as PowerShell prints it: 15 significant digits ("G15", kept since .NET Core 3.0 by
    PowerShell/PowerShell#9893), so 0.1 + 0.2 shows 0.3; exponents as "1E+20" / "1E-05"."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"  # .NET Core 3.0+ prints negative zero as -0
    text = f"{x:.15g}"
    if "e" in text:
        mant, _, exp = text.partition("e")
        sign = "-" if exp.startswith("-") else "+"
        return f"{mant}E{sign}{exp.lstrip('+-').zfill(2)}"
    return text


def format_single(x: float) -> str:
    """A [float] (System.Single) as PowerShell converts it to string: 7 significant digits ("G7")."""
    if math.isnan(x) or math.isinf(x) or x == 0:
        return format_double(x)
    text = f"{x:.7g}"
    if "e" in text:
        mant, _, exp = text.partition("e")
        return f"{mant}E{'-' if exp.startswith('-') else '+'}{exp.lstrip('+-').zfill(2)}"
    return text


def format_timespan(t: _dt.timedelta) -> str:
    """[d.]hh:mm:ss[.fffffff], as TimeSpan.ToString() prints it."""
    neg = t < _dt.timedelta(0)
    a = -t if neg else t
    hours, rem = divmod(a.seconds, 3600)
    minutes, seconds = divmod(rem, 60)
    s = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if a.days:
        s = f"{a.days}.{s}"
    if a.microseconds:
        s += f".{a.microseconds * 10:07d}"
    return ("-" if neg else "") + s


def format_datetime(d: _dt.datetime) -> str:
    """InvariantCulture's general format (what [string] and "$date" give): MM/dd/yyyy HH:mm:ss."""
    own = getattr(d, "ps_to_string", None)  # a DateTimeOffset adds its offset (engine/dtoffset.py)
    return own() if own is not None else d.strftime("%m/%d/%Y %H:%M:%S")


def to_string(value: Any, ofs: str = " ") -> str:
    """Convert to string as PowerShell does for casts, interpolation and -join."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value if type(value) is str else str.__str__(value)
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_double(value) if type(value) is float or not hasattr(value, "CODE") else format_single(value)
    if isinstance(value, (list, tuple)):
        # only the top level is joined: a nested array shows its type name, as pwsh does
        return ofs.join("System.Object[]" if isinstance(v, (list, tuple)) else to_string(v, ofs) for v in value)
    if isinstance(value, _dt.datetime):
        return format_datetime(value)
    if isinstance(value, _dt.timedelta):
        return format_timespan(value)
    if isinstance(value, PSObject):
        if value.text is not None:
            return value.text
        if value.base is not None:
            return to_string(value.base, ofs)
        if value.type_names and value.type_names[0] != "System.Management.Automation.PSCustomObject":
            if not value.type_names[0].startswith("Deserialized.") and "Selected." not in value.type_names[0]:
                return value.type_names[0]
        # pwsh does not recurse into a property's collection here: @{a=System.Object[]}
        inner = "; ".join(f"{k}={type_names(v)[0] if isinstance(v, (list, tuple)) else to_string(v, ofs)}"
                          for k, v in value.properties.items())
        return "@{" + inner + "}"
    conv = getattr(value, "ps_as_string", None)  # string conversion differing from ToString() (a Type)
    if conv is not None:
        return str(conv())
    hook = getattr(value, "ps_to_string", None)
    if hook is not None:
        return str(hook())
    if isinstance(value, Hashtable):
        return type_names(value)[0]
    names = type_names(value)
    return names[0] if names else str(value)


def to_bool(value: Any) -> bool:
    """PowerShell truthiness: $null, 0, '', empty arrays are false; a one-element array is its element."""
    value = unwrap(value)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return value != 0
    if isinstance(value, str):
        number = getattr(value, "value__", None)  # an enum value is false when it is 0
        return value != "" if number is None else number != 0
    if isinstance(value, (list, tuple)):
        if len(value) == 0:
            return False
        if len(value) == 1:
            return to_bool(value[0])
        return True
    hook = getattr(value, "ps_to_bool", None)
    if hook is not None:
        return bool(hook())
    return True


_HEX = re.compile(r"^\s*([+-]?)0x([0-9a-f]+)\s*$", re.I)
_BIN = re.compile(r"^\s*([+-]?)0b([01]+)\s*$", re.I)
_MULT = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


def parse_number(text: str) -> int | float | None:
    """Parse the way PowerShell's string-to-number conversion does; None when it is not one."""
    s = text.strip()
    if s == "":
        return 0
    low = s.lower()
    if low.startswith(("&h", "#")) and len(s) > (1 if low[0] == "#" else 2):
        s = "0x" + s[1 if low[0] == "#" else 2 :]  # [int]'&hF' and [int]'#F' read as hex (about_Numeric_Literals)
    b = _BIN.match(s)
    if b:
        try:
            n = literal_value(b.group(2), hex_digits=False, binary=True)  # [int]'0b1111' is 15
        except BadNumericConstant:
            return None
        return negate_literal(n) if b.group(1) == "-" else n
    m = _HEX.match(s)
    if m:
        try:
            n = literal_value(m.group(2), hex_digits=True)  # "0xFFFFFFFF" is -1, as the literal is
        except BadNumericConstant:
            return None
        return negate_literal(n) if m.group(1) == "-" else n
    if s[-1:].isalpha() and s[-2:].lower() not in _MULT:
        return _suffixed_number(s)
    mult = 1
    low = s.lower()
    if low[-2:] in _MULT and len(low) > 2:
        mult = _MULT[low[-2:]]
        s = s[:-2]
    try:
        return int(s.replace("_", "x")) * mult  # reject underscores: int() accepts them
    except ValueError:
        pass
    try:
        if s.lower() in ("nan", "infinity", "-infinity", "+infinity", "inf", "-inf"):
            return None if "inf" == s.lower().lstrip("+-") else float(s.replace("Infinity", "inf"))
        f = float(s)
        return f * mult
    except ValueError:
        return None


_SUFFIXED = re.compile(r"^([+-]?)(?:0x([0-9a-f]+)|0b([01]+)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))"
                       r"(ul|uy|us|u|l|d|y|s|n)(kb|mb|gb|tb|pb)?$", re.I)


def _suffixed_number(s: str) -> Any:
    """A string with a pwsh type suffix ("100y", "127d", "1200L"): its value typed as the literal would be."""
    m = _SUFFIXED.match(s)
    if not m:
        return None
    try:
        if m.group(2) or m.group(3):
            n = literal_value(m.group(2) or m.group(3), hex_digits=bool(m.group(2)), binary=bool(m.group(3)),
                              suffix=m.group(5), mult=m.group(6) or "")
        else:
            n = literal_value(m.group(4), hex_digits=False, suffix=m.group(5), mult=m.group(6) or "")
    except BadNumericConstant:
        return None
    return negate_literal(n) if m.group(1) == "-" else n


def to_number(value: Any) -> int | float:
    """Convert for arithmetic; raises ConversionError with PowerShell's message."""
    value = unwrap(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, PSChar):
        return ord(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        number = getattr(value, "value__", None)
        if number is not None:
            return number  # type: ignore[no-any-return]
        n = parse_number(value)
        if n is None:
            raise ConversionError(
                f'Cannot convert value "{value}" to type "System.Int32". '
                f'Error: "The input string \'{value}\' was not in a correct format."'
            )
        return n
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_number(value[0])
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    hook = getattr(value, "ps_to_number", None)
    if hook is not None:
        return hook()  # type: ignore[no-any-return]
    raise ConversionError(
        f'Cannot convert the "{to_string(value)}" value of type "{(type_names(value) or ["System.Object"])[0]}" '
        f'to type "System.Int32".'
    )


def _round_half_even(x: float) -> int:
    return int(round(x))


def to_int(value: Any) -> int:
    """[int] cast: doubles round half to even, as .NET does."""
    if isinstance(value, Decimal):
        return int(value.to_integral_value(rounding=ROUND_HALF_EVEN))  # exact, even past 2**53
    n = to_number(value)
    if isinstance(n, float):
        if math.isnan(n) or math.isinf(n):
            raise ConversionError(f'Cannot convert value "{to_string(value)}" to type "System.Int32".')
        return _round_half_even(n)
    return n


def _coerce_like(left: Any, right: Any) -> Any:
    """Convert right to left's type for comparison; returns a sentinel object when impossible."""
    if isinstance(left, bool):
        return to_bool(right)
    if isinstance(left, str) and type(left) is not str and hasattr(left, "value__"):
        return _enum_operand(left, right)
    if isinstance(left, (int, float, Decimal)):
        if isinstance(right, (int, float)) and not isinstance(right, bool):
            if isinstance(left, Decimal) and isinstance(right, float):
                return Decimal(repr(right))  # 1.1d -eq 1.1: the double converts to decimal as .NET does
            if isinstance(right, Decimal) and isinstance(left, float):
                return float(right)
            return right
        if isinstance(right, Decimal):
            return right
        if isinstance(right, str) and type(right) is not str and hasattr(right, "value__"):
            return right.value__  # 12 -eq [ConsoleColor]::Red
        if isinstance(right, bool):
            return int(right)
        if isinstance(right, PSChar) and len(right) == 1:
            return ord(right)  # 97 -eq [char]'a': the char converts to its code
        if isinstance(right, str):
            n = parse_number(right)
            if isinstance(left, Decimal) and isinstance(n, float):
                return Decimal(repr(n))
            return n if n is not None else _NOPE
        if right is None:
            return _NOPE
        try:
            return to_number(right)
        except ConversionError:
            return _NOPE
    if isinstance(left, PSChar) and isinstance(right, int) and not isinstance(right, bool):
        return PSChar(chr(right)) if 0 <= right <= 0xFFFF else _NOPE  # [char]'a' -eq 97
    if isinstance(left, str):
        return to_string(right) if right is not None else _NOPE
    if isinstance(left, _dt.datetime) and isinstance(right, str):
        from pyshell.engine.types import parse_datetime

        try:
            return parse_datetime(right)
        except ConversionError:
            return _NOPE
    coerce = getattr(type(left), "ps_coerce", None)
    if coerce is not None and right is not None:
        try:
            return coerce(right)  # [version]'1.2' -lt '1.10': the right side becomes the left's type
        except RuntimeScriptError:
            return _NOPE
    return right


def _enum_operand(left: Any, right: Any) -> Any:
    """right converted to the enum type of left ([ConsoleColor]::Red -eq 'red' / 12), as an enum value."""
    from pyshell.engine.types import convert_to

    if right is None:
        return _NOPE
    try:
        return convert_to(left.enum_type.full_name, right)
    except RuntimeScriptError:
        return _NOPE


class _Nope:
    pass


_NOPE: Any = _Nope()


_SEMVER = "System.Management.Automation.SemanticVersion"


def _version_bag(value: Any) -> Any:
    """$PSVersionTable.PSVersion (a SemanticVersion property bag) as a comparable [semver]; other values as they are."""
    if isinstance(value, PSObject) and value.base is None and value.type_names and value.type_names[0] == _SEMVER:
        from pyshell.engine.version import to_semver

        return to_semver(value)
    return value


def ps_equals(left: Any, right: Any, case_sensitive: bool = False) -> bool:
    """`-eq` for scalars: right converted to left's type; strings case-insensitive by default."""
    if left is None or right is None:
        return is_null_like(left) and is_null_like(right)
    left = _version_bag(left)
    r = _coerce_like(left, right)
    if r is _NOPE:
        return False
    if type(left) is not str and hasattr(left, "value__") and isinstance(left, str):
        return bool(left.value__ == r.value__)
    if isinstance(left, str):
        return left == r if case_sensitive else left.casefold() == r.casefold()
    if isinstance(left, (int, float, Decimal)) and isinstance(r, (int, float, Decimal)):
        return bool(left == r)
    if isinstance(left, _dt.datetime) and isinstance(r, _dt.datetime):
        from pyshell.engine.datekind import comparable

        a, b = comparable(left, r)
        return bool(a == b)
    if isinstance(left, PSObject) or hasattr(left, "PS_PROPERTIES"):
        # reference equality, except for value-like classes ([int] -eq [System.Int32] compares type names)
        return left is r or (type(left) is type(r) and getattr(left, "PS_VALUE_EQUALITY", False) and bool(left == r))
    try:
        return bool(left == r)
    except Exception:  # noqa: BLE001 - foreign __eq__ must not crash a comparison
        return False


def ps_compare(left: Any, right: Any, case_sensitive: bool = False) -> int:
    """Ordering for -lt/-gt and Sort-Object: negative, zero or positive."""
    if left is None and right is None:
        return 0
    if left is None:
        return -1
    if right is None:
        return 1
    left = _version_bag(unwrap(left))  # a number with notes or a literal's text compares as the number
    right = unwrap(right)
    r = _coerce_like(left, right)
    if r is _NOPE:
        if isinstance(left, (int, float)) and isinstance(right, str):
            raise ConversionError(
                f'Cannot convert value "{right}" to type "{type_names(left)[0]}". '
                f'Error: "The input string \'{right}\' was not in a correct format."'
            )
        return culture_compare(to_string(left), to_string(right), case_sensitive)
    if type(left) is not str and hasattr(left, "value__") and isinstance(left, str):
        return (left.value__ > r.value__) - (left.value__ < r.value__)
    if isinstance(left, str):
        # culture order: punctuation, symbols, digits, then letters ignoring case; with case, lower case first
        return culture_compare(left, str(r), case_sensitive)
    if isinstance(left, _dt.datetime) and isinstance(r, _dt.datetime):
        from pyshell.engine.datekind import comparable

        left, r = comparable(left, r)
    try:
        return (left > r) - (left < r)
    except TypeError:
        a, b = to_string(left).casefold(), to_string(right).casefold()
        return (a > b) - (a < b)
