"""The .NET numeric types as Python values, and PowerShell's numeric literal rules.

A plain Python `int` stands for Int32 or Int64 by magnitude (the fast, common case); the other
integer types are `int` subclasses that carry their .NET type, and [decimal] is a `Decimal`
subclass. This module sits below `language` and `engine` (it imports nothing from pyshell) so the
parser can build typed literal constants.
"""

from __future__ import annotations

import decimal as _decimal
import struct as _struct
from typing import Any

__all__ = ["TypedInt", "Int64", "UInt64", "UInt32", "Int16", "UInt16", "Byte", "SByte", "BigInteger", "PSDecimal",
           "Single", "INT_CLASSES", "INT_RANGES", "type_code", "literal_value", "BadNumericConstant", "range_message",
           "to_decimal", "format_decimal", "wrap_int", "typed_int", "negate_literal"]

# .NET TypeCode numbers: the binder picks the operation type as the larger code of the two operands
SBYTE, BYTE, INT16, UINT16, INT32, UINT32, INT64, UINT64, SINGLE, DOUBLE, DECIMAL = range(5, 16)
#: not a primitive in .NET; ranked above everything here so it wins
BIGINT = 20

INT_RANGES: dict[str, tuple[int, int]] = {
    "System.SByte": (-(2**7), 2**7 - 1), "System.Byte": (0, 2**8 - 1),
    "System.Int16": (-(2**15), 2**15 - 1), "System.UInt16": (0, 2**16 - 1),
    "System.Int32": (-(2**31), 2**31 - 1), "System.UInt32": (0, 2**32 - 1),
    "System.Int64": (-(2**63), 2**63 - 1), "System.UInt64": (0, 2**64 - 1),
}

#: the noun .NET's OverflowException uses: "Value was either too large or too small for <noun>."
_RANGE_NOUNS = {
    "System.SByte": "a signed byte", "System.Byte": "an unsigned byte", "System.Int16": "an Int16",
    "System.UInt16": "a UInt16", "System.Int32": "an Int32", "System.UInt32": "a UInt32",
    "System.Int64": "an Int64", "System.UInt64": "a UInt64", "System.Decimal": "a Decimal",
}


def range_message(type_name: str) -> str:
    """.NET's OverflowException text for a value outside type_name's range."""
    return f"Value was either too large or too small for {_RANGE_NOUNS.get(type_name, 'an ' + type_name.split('.')[-1])}."


class TypedInt(int):
    """An integer that remembers its .NET type (Int64, Byte, UInt32...); arithmetic on it goes
    through the engine's operators, which pick the result type as pwsh does."""

    __slots__ = ()
    PS_TYPE_NAMES: tuple[str, ...] = ("System.Int64", "System.ValueType", "System.Object")
    CODE = INT64

    def __repr__(self) -> str:
        return f"{type(self).__name__}({int(self)})"

    def __str__(self) -> str:
        return int.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (int(self),))


def _int_class(name: str, code: int) -> type[TypedInt]:
    full = "System." + name
    return type(name, (TypedInt,), {"__slots__": (), "CODE": code,
                                    "PS_TYPE_NAMES": (full, "System.ValueType", "System.Object"),
                                    "__doc__": f"A {full} value."})


Int64 = _int_class("Int64", INT64)
UInt64 = _int_class("UInt64", UINT64)
UInt32 = _int_class("UInt32", UINT32)
Int16 = _int_class("Int16", INT16)
UInt16 = _int_class("UInt16", UINT16)
Byte = _int_class("Byte", BYTE)
SByte = _int_class("SByte", SBYTE)
BigInteger = type("BigInteger", (TypedInt,), {
    "__slots__": (), "CODE": BIGINT, "__doc__": "A System.Numerics.BigInteger value.",
    "PS_TYPE_NAMES": ("System.Numerics.BigInteger", "System.ValueType", "System.Object")})

#: .NET full name -> the class for that integer type (Int32 is a plain int)
INT_CLASSES: dict[str, type] = {
    "System.Int32": int, "System.Int64": Int64, "System.UInt64": UInt64, "System.UInt32": UInt32,
    "System.Int16": Int16, "System.UInt16": UInt16, "System.Byte": Byte, "System.SByte": SByte,
    "System.Numerics.BigInteger": BigInteger,
}


def typed_int(type_name: str, value: int) -> int:
    """value (already in range) as an integer of the named .NET type."""
    cls = INT_CLASSES[type_name]
    if cls is int:
        return int(value)
    return cls(value)  # type: ignore[no-any-return]


class PSDecimal(_decimal.Decimal):
    """A System.Decimal; keeps trailing zeros (1.10d prints 1.10) as .NET does."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.Decimal", "System.ValueType", "System.Object")
    CODE = DECIMAL

    PS_METHODS = ("ToString",)

    def ps_to_string(self) -> str:
        return format_decimal(self)

    def ToString(self, fmt: Any = None, *_provider: Any) -> str:  # noqa: N802 - the .NET method name
        """Decimal.ToString([format]): a format string goes through the engine's .NET number formatting."""
        if not fmt:
            return format_decimal(self)
        from pyshell.engine.operators import format_value

        return format_value(self, str(fmt))


class Single(float):
    """A System.Single ([float]); arithmetic on it is done in Double, as pwsh does."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.Single", "System.ValueType", "System.Object")
    CODE = SINGLE

    def __new__(cls, value: Any = 0.0) -> Single:
        """The value rounded to float32 precision ([float]0.1 is not the Double 0.1)."""
        x = float(value)
        try:
            x = _struct.unpack("f", _struct.pack("f", x))[0]
        except OverflowError:
            x = float("inf") if x > 0 else float("-inf")
        return super().__new__(cls, x)


#: Decimal arithmetic with .NET's 28-29 significant digits
DECIMAL_CONTEXT = _decimal.Context(prec=28, rounding=_decimal.ROUND_HALF_EVEN, Emax=28, Emin=-28)
DECIMAL_MAX = _decimal.Decimal("79228162514264337593543950335")


def format_decimal(d: _decimal.Decimal) -> str:
    """Decimal.ToString(): plain digits, never an exponent; trailing zeros of the scale are kept."""
    text = format(d, "f")
    return "0" if text in ("-0", "0") else text


def to_decimal(value: Any) -> PSDecimal:
    """A number as a Decimal the way .NET converts (a double keeps 15 significant digits)."""
    if isinstance(value, PSDecimal):
        return value
    if isinstance(value, float):
        d = _decimal.Decimal(format(value, ".15g")) if value == value and abs(value) != float("inf") else None
        if d is None or abs(d) > DECIMAL_MAX:
            raise OverflowError("Value was either too large or too small for a Decimal.")
        return PSDecimal(d.normalize() if "e" in format(value, ".15g") else d)
    if isinstance(value, _decimal.Decimal):
        return PSDecimal(value)
    d = _decimal.Decimal(int(value))
    if abs(d) > DECIMAL_MAX:
        raise OverflowError("Value was either too large or too small for a Decimal.")
    return PSDecimal(d)


_I32_MIN, _I32_MAX = -(2**31), 2**31 - 1
_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


def type_code(value: Any) -> int:
    """The .NET TypeCode rank of a number; plain ints are Int32 or Int64 (or BigInteger) by size."""
    t = type(value)
    if t is int:
        if _I32_MIN <= value <= _I32_MAX:
            return INT32
        return INT64 if _I64_MIN <= value <= _I64_MAX else BIGINT
    if t is float:
        return DOUBLE
    code = getattr(value, "CODE", None)
    if code is not None:
        return int(code)
    if isinstance(value, bool):
        return INT32
    if isinstance(value, _decimal.Decimal):
        return DECIMAL
    if isinstance(value, float):
        return DOUBLE
    return INT32


def wrap_int(value: int, bits: int, signed: bool) -> int:
    """Two's-complement truncation to a fixed width (what a .NET bitwise operation leaves)."""
    mask = (1 << bits) - 1
    value &= mask
    if signed and value >> (bits - 1):
        value -= 1 << bits
    return value


# -- literals --------------------------------------------------------------------------------------

class BadNumericConstant(ValueError):
    """A literal with valid syntax whose value does not fit its type (1usgb): pwsh's BadNumericConstant."""


_MULTIPLIERS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}
_SUFFIX_TYPES = {
    "l": "System.Int64", "u": "System.UInt32", "ul": "System.UInt64", "y": "System.SByte", "uy": "System.Byte",
    "s": "System.Int16", "us": "System.UInt16", "n": "System.Numerics.BigInteger",
}
_SUFFIX_BITS = {"y": 8, "uy": 8, "s": 16, "us": 16, "l": 64, "u": 32, "ul": 64}


def literal_value(digits: str, *, hex_digits: bool, binary: bool = False, suffix: str = "", mult: str = "") -> Any:
    """The value of a numeric literal as pwsh 7 types it (about_Numeric_Literals).

    :raises BadNumericConstant: when the value does not fit the type its suffix names.
    """
    suffix, mult = suffix.lower(), mult.lower()
    factor = _MULTIPLIERS.get(mult, 1)
    if not hex_digits and not binary and ("." in digits or "e" in digits.lower()):
        return _real_literal(digits, suffix, factor)
    if hex_digits or binary:
        raw = int(digits, 16 if hex_digits else 2)
        width = len(digits) * (4 if hex_digits else 1)
        if suffix in ("u", "ul", "uy", "us"):
            signed_width = False  # an unsigned suffix ignores sign bits
        elif binary:
            signed_width = width % 8 == 0  # 0b11111111 is -1
        elif suffix == "n":
            signed_width = width % 32 == 0
        elif suffix in _SUFFIX_BITS:
            signed_width = width == _SUFFIX_BITS[suffix]  # 0xFFFFs is -1 (pwsh 7.1)
        else:
            signed_width = width in (32, 64)  # 0xFFFFFFFF is -1
        value = raw - (1 << width) if signed_width and raw >> (width - 1) else raw
        if not suffix and factor == 1 and width > 32 and value < 0 and _I32_MIN <= value:
            return Int64(value)  # 0xFFFFFFFFFFFFFFFF is an Int64 -1
        if not suffix and not _I64_MIN <= value * factor <= _I64_MAX:
            raise BadNumericConstant(digits)
    else:
        value = int(digits)
    value *= factor
    if suffix == "d":
        return _fit_decimal(_decimal.Decimal(value))
    if suffix:
        if suffix == "u" and not 0 <= value < 2**32:
            suffix = "ul"
        type_name = _SUFFIX_TYPES[suffix]
        if type_name in INT_RANGES:
            lo, hi = INT_RANGES[type_name]
            if not lo <= value <= hi:
                raise BadNumericConstant(digits)
        return typed_int(type_name, value)
    if _I32_MIN <= value <= _I32_MAX:
        return value
    if _I64_MIN <= value <= _I64_MAX:
        return value
    if not hex_digits and not binary and abs(value) <= DECIMAL_MAX:
        return PSDecimal(value)
    return float(value)


def _fit_decimal(d: _decimal.Decimal) -> PSDecimal:
    if abs(d) > DECIMAL_MAX:
        raise BadNumericConstant(str(d))
    return PSDecimal(d)


def _real_literal(digits: str, suffix: str, factor: int) -> Any:
    if suffix == "d":
        try:
            d = _decimal.Decimal(digits)
        except _decimal.InvalidOperation:
            raise BadNumericConstant(digits) from None
        if d.as_tuple().exponent < -28 and d != 0 and abs(d) < _decimal.Decimal("1e-28"):  # type: ignore[operator]
            raise BadNumericConstant(digits)
        return _fit_decimal(d * factor if factor != 1 else d)
    value = float(digits) * factor
    if not suffix:
        if value in (float("inf"), float("-inf")):
            raise BadNumericConstant(digits)  # 1e400: beyond Double
        return value
    # "1.2L" is an integer literal of the named type: the double is rounded to even
    if value != value or value in (float("inf"), float("-inf")):
        raise BadNumericConstant(digits)
    rounded = round(value)
    type_name = _SUFFIX_TYPES["ul" if suffix == "u" and rounded >= 2**32 else suffix]
    lo, hi = INT_RANGES.get(type_name, (rounded, rounded))
    if not lo <= rounded <= hi:
        raise BadNumericConstant(digits)
    return typed_int(type_name, rounded)


def negate_literal(value: Any) -> Any:
    """-<literal>: the negated value keeps the literal's type where it can (-5L is an Int64)."""
    if isinstance(value, TypedInt):
        neg = -int(value)
        for name, cls in INT_CLASSES.items():
            if cls is type(value):
                lo, hi = INT_RANGES.get(name, (neg, neg))
                return cls(neg) if lo <= neg <= hi else neg
    if isinstance(value, PSDecimal):
        return PSDecimal(-value)
    return -value
