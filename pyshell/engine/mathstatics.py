"""[Math]:: and the [double]/[decimal] statics scripts call, with .NET's overload result types: Abs/Max/Min
keep the widest operand type ([Math]::Max(1, 2.5) is a Double, [Math]::Max([long]1, 2) an Int64), Floor and
Ceiling of a [decimal] stay decimal, the trigonometric and logarithmic functions give Doubles."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Decimal
from typing import Any

from pyshell.engine.conversions import to_int, to_number
from pyshell.numeric import (
    DECIMAL,
    DOUBLE,
    INT32,
    SINGLE,
    PSDecimal,
    Single,
    to_decimal,
    type_code,
    typed_int,
)

__all__ = ["MATH_STATICS", "DOUBLE_STATICS", "DECIMAL_STATICS"]


def _num(x: Any) -> Any:
    """An operand: typed ints, decimals and doubles as they are; anything else converted as arithmetic does."""
    if isinstance(x, (int, float, Decimal)) and not isinstance(x, bool):
        return x
    return to_number(x)


def _widest(*values: Any) -> int:
    return max(max(type_code(v), INT32) for v in values)


def _as(code: int, value: Any) -> Any:
    """value in the .NET type of code (Int32..UInt64 typed ints, Single, Double, Decimal)."""
    if code == DECIMAL:
        return to_decimal(value)
    if code == DOUBLE:
        return float(value)
    if code == SINGLE:
        return Single(float(value))
    if code == INT32:
        return int(value)
    from pyshell.numeric import INT_RANGES

    for name in INT_RANGES:
        if type_code(typed_int(name, 0)) == code:
            return typed_int(name, int(value))
    return value


def _double(x: Any) -> float:
    return float(_num(x))


def _unary(fn: Any) -> Any:
    return lambda x: fn(_double(x))


def _abs(x: Any) -> Any:
    v = _num(x)
    if isinstance(v, int) and type_code(v) <= INT32 and v == -(2**31):
        from pyshell.engine.arrays import _method_error

        raise _method_error("Abs", 1, "Negating the minimum value of a twos complement number is invalid.",
                            "OverflowException")
    return _as(_widest(v), abs(v))


def _max_min(pick: Any) -> Any:
    def fn(a: Any, b: Any) -> Any:
        x, y = _num(a), _num(b)
        code = _widest(x, y)
        if code in (DOUBLE, SINGLE) and (math.isnan(float(x)) or math.isnan(float(y))):
            return math.nan
        return _as(code, pick(x, y))
    return fn


def _rounder(mode: str, fn: Any) -> Any:
    """Floor/Ceiling/Truncate: a [decimal] stays decimal, anything else is a Double."""
    def run(x: Any) -> Any:
        v = _num(x)
        if isinstance(v, Decimal):
            return PSDecimal(v.to_integral_value(rounding=mode))
        f = float(v)
        return f if math.isnan(f) or math.isinf(f) else float(fn(f))
    return run


def _sign(x: Any) -> int:
    v = _num(x)
    if isinstance(v, float) and math.isnan(v):
        from pyshell.engine.arrays import _method_error

        raise _method_error("Sign", 1, "Function does not accept floating point Not-a-Number values.", "ArithmeticException")
    return (v > 0) - (v < 0)


def _log(x: Any, base: Any = None) -> float:
    v = _double(x)
    if v < 0 or (base is not None and _double(base) in (0.0, 1.0)):
        return math.nan
    if v == 0:
        return -math.inf
    return math.log(v) if base is None else math.log(v) / math.log(_double(base))


def _pow(x: Any, y: Any) -> float:
    try:
        return float(math.pow(_double(x), _double(y)))
    except OverflowError:
        return math.inf
    except ValueError:
        return math.nan


def _sqrt(x: Any) -> float:
    v = _double(x)
    return math.sqrt(v) if v >= 0 else math.nan


def _clamp(x: Any, lo: Any, hi: Any) -> Any:
    v, a, b = _num(x), _num(lo), _num(hi)
    if a > b:
        from pyshell.engine.arrays import _method_error

        raise _method_error("Clamp", 3, f"'{a}' cannot be greater than {b}.", "ArgumentException")
    return _as(_widest(v, a, b), min(max(v, a), b))


def _div_rem(a: Any, b: Any, *_: Any) -> Any:
    x, y = to_int(a), to_int(b)
    if y == 0:
        from pyshell.engine.arrays import _method_error

        raise _method_error("DivRem", 2, "Attempted to divide by zero.", "DivideByZeroException")
    q = abs(x) // abs(y) * (1 if (x < 0) == (y < 0) else -1)
    return _as(_widest(_num(a), _num(b)), q)


def _ieee_remainder(a: Any, b: Any) -> float:
    x, y = _double(a), _double(b)
    return math.remainder(x, y) if y != 0 else math.nan


def _safe(fn: Any) -> Any:
    def run(*a: Any) -> float:
        try:
            return float(fn(*(_double(x) for x in a)))
        except (ValueError, OverflowError):
            return math.nan
    return run


MATH_STATICS: dict[str, Any] = {
    "PI": math.pi, "E": math.e, "Tau": math.tau,
    "Abs": _abs, "Max": _max_min(max), "Min": _max_min(min), "Sign": _sign, "Clamp": _clamp,
    "Floor": _rounder(ROUND_FLOOR, math.floor), "Ceiling": _rounder(ROUND_CEILING, math.ceil),
    "Truncate": _rounder(ROUND_DOWN, math.trunc),
    "Sqrt": _sqrt, "Cbrt": _unary(lambda v: math.copysign(abs(v) ** (1 / 3), v)), "Pow": _pow, "Exp": _safe(math.exp),
    "Log": _log, "Log10": lambda x: _log(x, 10), "Log2": lambda x: _log(x, 2),
    "Sin": _safe(math.sin), "Cos": _safe(math.cos), "Tan": _safe(math.tan), "Asin": _safe(math.asin),
    "Acos": _safe(math.acos), "Atan": _safe(math.atan), "Atan2": _safe(math.atan2), "Sinh": _safe(math.sinh),
    "Cosh": _safe(math.cosh), "Tanh": _safe(math.tanh), "Asinh": _safe(math.asinh), "Acosh": _safe(math.acosh),
    "Atanh": _safe(math.atanh), "IEEERemainder": _ieee_remainder, "CopySign": _safe(math.copysign),
    "BigMul": lambda a, b: typed_int("System.Int64", to_int(a) * to_int(b)), "DivRem": _div_rem,
    "FusedMultiplyAdd": _safe(lambda a, b, c: a * b + c), "ScaleB": lambda x, n: _double(x) * 2.0 ** to_int(n),
}

DOUBLE_STATICS: dict[str, Any] = {
    "Epsilon": 5e-324, "IsInfinity": lambda x: math.isinf(_double(x)),
    "IsPositiveInfinity": lambda x: _double(x) == math.inf, "IsNegativeInfinity": lambda x: _double(x) == -math.inf,
    "IsFinite": lambda x: math.isfinite(_double(x)), "IsNegative": lambda x: math.copysign(1.0, _double(x)) < 0,
    "IsInteger": lambda x: math.isfinite(_double(x)) and _double(x).is_integer(),
}


def _dec(x: Any) -> PSDecimal:
    v = _num(x)
    return v if isinstance(v, PSDecimal) else to_decimal(v)


def _dec_round(x: Any, digits: Any = 0, mode: Any = None) -> PSDecimal:
    from pyshell.engine.types import _math_round

    return _math_round(_dec(x), digits, mode)  # type: ignore[no-any-return]


DECIMAL_STATICS: dict[str, Any] = {
    "Round": _dec_round, "Floor": lambda x: _rounder(ROUND_FLOOR, math.floor)(_dec(x)),
    "Ceiling": lambda x: _rounder(ROUND_CEILING, math.ceil)(_dec(x)),
    "Truncate": lambda x: _rounder(ROUND_DOWN, math.trunc)(_dec(x)),
    "Add": lambda a, b: to_decimal(_dec(a) + _dec(b)), "Subtract": lambda a, b: to_decimal(_dec(a) - _dec(b)),
    "Multiply": lambda a, b: to_decimal(_dec(a) * _dec(b)), "Negate": lambda a: PSDecimal(-_dec(a)),
    "Compare": lambda a, b: (_dec(a) > _dec(b)) - (_dec(a) < _dec(b)),
    "ToDouble": lambda a: float(_dec(a)), "ToInt32": lambda a: int(_dec(a)),
}
