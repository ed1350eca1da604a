"""Numeric operators with pwsh's result types: + - * / % and -band -bor -bxor -shl -shr -bnot.

The operation type is the wider operand type (.NET TypeCode order: SByte < Byte < Int16 <
UInt16 < Int32 < UInt32 < Int64 < UInt64 < Single < Double < Decimal). Types narrower than Int32
compute in Int32; an integer result that overflows its operation type becomes a Double; a
negative signed operand with an unsigned one moves the operation to Int64 (UInt32) or Decimal
(UInt64); an integer division that is not exact gives a Double. An enum on the left keeps
its type in the result ([ConsoleColor]::Red + 1 is Magenta).
"""

from __future__ import annotations

import math
from decimal import Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Any

from pyshell.engine.enums import EnumValue
from pyshell.errors import RuntimeScriptError
from pyshell.numeric import (
    BIGINT,
    DECIMAL,
    DECIMAL_CONTEXT,
    DECIMAL_MAX,
    DOUBLE,
    INT32,
    INT64,
    INT_RANGES,
    SINGLE,
    UINT32,
    UINT64,
    BigInteger,
    Int64,
    PSDecimal,
    UInt32,
    UInt64,
    to_decimal,
    type_code,
    wrap_int,
)

__all__ = ["arith", "plain_arith", "bitwise", "bnot", "negate", "numeric_operand", "DivideByZero"]

_I32_MIN, _I32_MAX = -(2**31), 2**31 - 1
_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


class DivideByZero(Exception):
    """Raised by arith for a zero divisor; operators turns it into pwsh's RuntimeException."""


def numeric_operand(value: Any, to_number: Any) -> Any:
    """A value as an arithmetic operand: typed ints, Decimals and enums stay as they are."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, EnumValue):
        return value
    return to_number(value)


def _fit(code: int, r: int) -> Any:
    """An integer result of an operation done in type `code`: typed, or a Double when it overflows."""
    if code <= INT32:
        return r if _I32_MIN <= r <= _I32_MAX else float(r)
    if code == INT64:
        if _I32_MIN <= r <= _I32_MAX:
            return Int64(r)
        return r if _I64_MIN <= r <= _I64_MAX else float(r)
    if code == UINT32:
        return UInt32(r) if 0 <= r < 2**32 else float(r)
    if code == UINT64:
        return UInt64(r) if 0 <= r < 2**64 else float(r)
    return BigInteger(r)


def _int_op(op: str, a: int, b: int, code: int) -> Any:
    a, b = int(a), int(b)
    if op == "+":
        return _fit(code, a + b)
    if op == "-":
        return _fit(code, a - b)
    if op == "*":
        return _fit(code, a * b)
    if b == 0:
        raise DivideByZero()
    if op == "/":
        if code == BIGINT:
            q = abs(a) // abs(b)
            return BigInteger(q if (a < 0) == (b < 0) else -q)
        if a % b == 0:
            return _fit(code, a // b)
        return a / b
    r = abs(a) % abs(b)
    return _fit(code, -r if a < 0 else r)


def _float_op(op: str, a: float, b: float) -> float:
    a, b = float(a), float(b)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise DivideByZero()
    if op == "/":
        return a / b
    return math.fmod(a, b)


def _decimal_op(op: str, a: Any, b: Any) -> Any:
    try:
        x, y = to_decimal(a), to_decimal(b)
    except OverflowError:
        raise _decimal_overflow() from None
    ctx = DECIMAL_CONTEXT
    try:
        if op == "+":
            r = ctx.add(x, y)
        elif op == "-":
            r = ctx.subtract(x, y)
        elif op == "*":
            r = ctx.multiply(x, y)
        elif y == 0:
            raise DivideByZero()
        elif op == "/":
            r = ctx.divide(x, y)
        else:
            r = ctx.remainder(x, y)
    except (Overflow, InvalidOperation, DivisionByZero):
        raise _decimal_overflow() from None
    if abs(r) > DECIMAL_MAX:
        raise _decimal_overflow()
    return PSDecimal(r)


def _decimal_overflow() -> RuntimeScriptError:
    return RuntimeScriptError("Value was either too large or too small for a Decimal.", error_id="RuntimeException",
                              category="NotSpecified")


def plain_arith(op: str, a: int | float, b: int | float) -> Any:
    """arith for two plain ints/floats (the common case), without the type-code dispatch."""
    if type(a) is float or type(b) is float:
        return _float_op(op, a, b)
    small = _I32_MIN <= a <= _I32_MAX and _I32_MIN <= b <= _I32_MAX
    if op == "+":
        r = a + b
    elif op == "-":
        r = a - b
    elif op == "*":
        r = a * b
    elif op == "/" and small and b != 0:
        return a // b if a % b == 0 and not (a == _I32_MIN and b == -1) else a / b
    else:
        return _int_op(op, a, b, INT32 if small else max(type_code(a), type_code(b)))
    if small:
        return r if _I32_MIN <= r <= _I32_MAX else float(r)
    return _fit(max(type_code(a), type_code(b)), r)


def _to_big(x: Any) -> Any:
    """An operand as .NET's explicit BigInteger conversion makes it: doubles and decimals truncate."""
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            raise RuntimeScriptError("Value was either too large or too small for a BigInteger.",
                                     error_id="OverflowException", category="NotSpecified")
        return BigInteger(int(x))
    if isinstance(x, Decimal):
        return BigInteger(int(x))
    return x


def arith(op: str, left: Any, right: Any) -> Any:
    """left op right for two numeric operands (see numeric_operand), with pwsh's result type.

    :raises DivideByZero: for / and % by zero.
    """
    enum_left = left.enum_type if isinstance(left, EnumValue) else None
    a = left.value__ if enum_left is not None else left
    b = right.value__ if isinstance(right, EnumValue) else right
    ca, cb = type_code(a), type_code(b)
    code = ca if ca >= cb else cb
    if code == BIGINT:
        # with a [bigint] operand every operand becomes a BigInteger (a double truncates): [bigint]1 / 1.9 is 1
        a, b = (_to_big(x) for x in (a, b))
        r = _int_op(op, a, b, BIGINT)
    elif code == DECIMAL:
        r = _decimal_op(op, a, b)
    elif code in (DOUBLE, SINGLE):
        r = _float_op(op, a, b)
    elif code == UINT32 and (a < 0 or b < 0):
        r = _int_op(op, a, b, INT64)
    elif code == UINT64 and (a < 0 or b < 0):
        try:
            r = _decimal_op(op, a, b)
        except RuntimeScriptError:
            r = _float_op(op, a, b)
    else:
        r = _int_op(op, a, b, code)
    if enum_left is not None and isinstance(r, int):
        return enum_left.make(int(r))
    return r


# -- bitwise -----------------------------------------------------------------------------------

def _bit_operand(value: Any) -> Any:
    """Doubles and Decimals take part in bitwise operations as Int64 (rounded half to even)."""
    if isinstance(value, EnumValue):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RuntimeScriptError(f'Cannot convert value "{value}" to type "System.Int64".',
                                     error_id="InvalidCastIConvertible", category="InvalidArgument")
        return Int64(round(value))
    if isinstance(value, Decimal):
        return Int64(int(value.to_integral_value()))
    return value


def _width(code: int) -> tuple[int, bool] | None:
    """(bits, signed) of the type a bitwise operation of this operand type is done in; None for BigInteger."""
    if code <= INT32:
        return 32, True
    if code == UINT32:
        return 32, False
    if code == INT64:
        return 64, True
    if code == BIGINT:
        return None
    return 64, False


def _typed_bits(r: int, code: int) -> Any:
    width = _width(code)
    if width is None:
        return BigInteger(r)
    bits, signed = width
    r = wrap_int(r, bits, signed)
    if bits == 32:
        return r if signed else UInt32(r)
    if signed:
        return Int64(r) if _I32_MIN <= r <= _I32_MAX else r
    return UInt64(r)


def bitwise(op: str, left: Any, right: Any) -> Any:
    """-band -bor -bxor -shl -shr on numeric operands."""
    if type(left) is int and type(right) is int and _I32_MIN <= left <= _I32_MAX and _I32_MIN <= right <= _I32_MAX:
        if op == "-band":
            return left & right
        if op == "-bor":
            return left | right
        if op == "-bxor":
            return left ^ right
        return wrap_int(left << (right & 31) if op == "-shl" else left >> (right & 31), 32, True)
    left, right = _bit_operand(left), _bit_operand(right)
    enum_left = left.enum_type if isinstance(left, EnumValue) else None
    a = int(left.value__) if isinstance(left, EnumValue) else int(left)
    b = int(right.value__) if isinstance(right, EnumValue) else int(right)
    ca = type_code(left.value__ if isinstance(left, EnumValue) else left)
    if op in ("-shl", "-shr"):
        width = _width(ca)
        n = b & ((width[0] if width else 2**31) - 1)
        r = a << n if op == "-shl" else a >> n
        code = ca
    else:
        cb = type_code(right.value__ if isinstance(right, EnumValue) else right)
        code = ca if ca >= cb else cb
        r = a & b if op == "-band" else a | b if op == "-bor" else a ^ b
    result = _typed_bits(r, code)
    if enum_left is not None:
        return enum_left.make(int(result))
    return result


def bnot(value: Any) -> Any:
    """-bnot: the complement in the operand's type (narrow types in Int32); an enum stays its type."""
    value = _bit_operand(value)
    if isinstance(value, EnumValue):
        lo, hi = INT_RANGES.get(value.enum_type.underlying, (_I32_MIN, _I32_MAX))
        return value.enum_type.make(wrap_int(~value.value__, (hi - lo).bit_length(), lo < 0))
    return _typed_bits(~int(value), type_code(value))


def negate(value: Any) -> Any:
    """Unary minus keeping the operand's type: -[long]5 is an Int64, -[int]::MinValue a Double."""
    if type(value) is int:
        return -value
    if isinstance(value, EnumValue):
        return -value.value__
    return arith("*", value, -1) if not isinstance(value, float) else -value
