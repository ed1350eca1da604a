"""Operators: arithmetic, comparison (scalar and array forms), -like/-match/-replace/-split/-join, -f."""

from __future__ import annotations

import datetime as _dt
import fnmatch
import math
import os
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pyshell.engine import numops
from pyshell.engine.conversions import (
    ConversionError,
    format_double,
    ps_compare,
    ps_equals,
    to_bool,
    to_number,
    to_string,
)
from pyshell.engine.enums import EnumValue
from pyshell.engine.numops import numeric_operand
from pyshell.engine.objects import Hashtable, OrderedHashtable, PSChar, PSObject, type_names, unwrap
from pyshell.errors import RuntimeScriptError

__all__ = ["binary_op", "unary_op", "increment", "format_string", "wildcard_to_regex", "like", "RegexValue", "regex_replace",
           "regex_matches", "add_values"]


class RegexValue:
    """[regex]'pattern' / [regex]::new(p, options): -match and -replace accept it; its methods are .NET's."""

    PS_TYPE_NAMES = ("System.Text.RegularExpressions.Regex", "System.Object")
    PS_PROPERTIES = ("Options", "RightToLeft", "MatchTimeout")
    PS_METHODS = ("Match", "Matches", "Replace", "IsMatch", "Split", "GetGroupNames", "GetGroupNumbers", "ToString")

    def __init__(self, pattern: str, options: Any = None) -> None:
        from pyshell.engine.regex_api import regex_options

        self.pattern = pattern
        self.flags, self.explicit_capture, self.Options = regex_options(options)
        self.RightToLeft = False
        self.MatchTimeout = "-00:00:00.0010000"
        compile_regex(self, True)  # a bad pattern fails here, as the constructor does

    def _rx(self) -> re.Pattern[str]:
        return compile_regex(self, True)

    def Match(self, text: Any, start: Any = 0) -> Any:  # noqa: N802 - .NET method names
        from pyshell.engine.dotnet_regex import Match

        s = to_string(text)
        return Match(self._rx().search(s, int(to_number(start))), self._rx(), s)

    def Matches(self, text: Any, start: Any = 0) -> list[Any]:  # noqa: N802
        from pyshell.engine.regex_api import match_collection

        return match_collection(self._rx(), to_string(text), int(to_number(start)))

    def IsMatch(self, text: Any, start: Any = 0) -> bool:  # noqa: N802
        return self._rx().search(to_string(text), int(to_number(start))) is not None

    def Replace(self, text: Any, replacement: Any, count: Any = -1, *_: Any) -> str:  # noqa: N802
        return regex_replace(to_string(text), self, replacement, True, count=int(to_number(count)))

    def Split(self, text: Any, count: Any = 0, *_: Any) -> list[str]:  # noqa: N802
        from pyshell.engine.generics import TypedArray

        return TypedArray(_regex_split(self._rx(), to_string(text), int(to_number(count))), "System.String")

    def GetGroupNames(self) -> list[str]:  # noqa: N802
        from pyshell.engine.regex_subst import group_names

        return group_names(self._rx())

    def GetGroupNumbers(self) -> list[int]:  # noqa: N802
        from pyshell.engine.regex_subst import group_numbers

        return group_numbers(self._rx())

    def ToString(self) -> str:  # noqa: N802
        return self.pattern

    ps_to_string = ToString


def wildcard_to_regex(pattern: str) -> str:
    """PowerShell wildcards: * ? [abc] and ` escapes, whole-string match."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                out.append("[" + pattern[i + 1 : j].replace("\\", "\\\\") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "^(?:" + "".join(out) + r")\Z"  # \Z: a trailing newline is not skipped as `$` would


_WILDCARD_CACHE: dict[tuple[str, bool], re.Pattern[str]] = {}


def like(value: str, pattern: str, case_sensitive: bool = False) -> bool:
    key = (pattern, case_sensitive)
    rx = _WILDCARD_CACHE.get(key)
    if rx is None:
        rx = re.compile(wildcard_to_regex(pattern), re.S if case_sensitive else re.I | re.S)  # * spans lines
        if len(_WILDCARD_CACHE) < 512:
            _WILDCARD_CACHE[key] = rx
    return rx.match(value) is not None


_ = fnmatch  # wildcards are translated above; fnmatch's rules differ ([!x], no escapes)

_REGEX_CACHE: dict[tuple[str, int, bool], re.Pattern[str]] = {}


def compile_regex(pattern: Any, case_sensitive: bool = False, flags: int = 0,
                  explicit_capture: bool = False) -> re.Pattern[str]:
    """A .NET pattern compiled for Python's re (engine/dotnet_regex.py translates it); a [regex] value brings
    its own options. An invalid pattern is pwsh's InvalidRegularExpression error."""
    if isinstance(pattern, RegexValue):
        text = pattern.pattern
        flags |= pattern.flags
        explicit_capture = explicit_capture or pattern.explicit_capture
    else:
        text = to_string(pattern)
    if not case_sensitive:
        flags |= re.I
    key = (text, flags, explicit_capture)
    rx = _REGEX_CACHE.get(key)
    if rx is None:
        from pyshell.engine.dotnet_regex import RegexTranslationError, translate

        try:
            rx = re.compile(translate(text, explicit_capture, verbose=bool(flags & re.X)), flags)
        except (re.error, RegexTranslationError, OverflowError) as e:
            from pyshell.engine.regex_translate import pattern_error_message

            err = RuntimeScriptError(
                f'The regular expression pattern {text} is not valid.', error_id="InvalidRegularExpression",
                category="InvalidOperation", reason=str(e))
            err.dotnet_message = pattern_error_message(text, e)  # type: ignore[attr-defined]  # [regex] callers' text
            raise err from None
        if len(_REGEX_CACHE) < 512:
            _REGEX_CACHE[key] = rx
    return rx


def _matches_table(m: re.Match[str]) -> Hashtable:
    from pyshell.engine.regex_subst import matches_table  # .NET group numbering and pwsh's key order

    return matches_table(m)  # type: ignore[no-any-return]


def _dotnet_replacement(repl: str) -> Callable[[re.Match[str]], str]:
    """A .NET replacement string ($1, ${name}, $$, $&, $`, $', $+, $_) as a Python callable."""
    from pyshell.engine.regex_subst import substitution

    return substitution(repl)


def error_types() -> type[Exception]:
    return IndexError


def regex_replace(value: str, pattern: Any, replacement: Any, case_sensitive: bool = False,
                  invoke: Callable[[Any, Any], Any] | None = None, count: int = -1, flags: int = 0) -> str:
    """-replace / Regex.Replace: a .NET replacement string ($1, ${name}), or a script block (MatchEvaluator)
    called with the Match as $_ and $args[0]; count < 0 replaces every match."""
    from pyshell.engine.dotnet_regex import Match

    rx = compile_regex(pattern, case_sensitive, flags)
    limit = 0 if count < 0 else count
    if count == 0:
        return value
    from pyshell.engine.scriptblock import ScriptBlock

    if isinstance(replacement, ScriptBlock):
        rs = getattr(replacement, "_runspace", None)
        if rs is not None:
            def evaluate(m: re.Match[str]) -> str:
                match = Match(m, rx, value)
                out = rs.invoke(replacement, args=[match], dollar_under=match)
                return to_string(out[0] if len(out) == 1 else out)

            return rx.sub(evaluate, value, count=limit)
        if invoke is not None:
            return rx.sub(lambda m: to_string(invoke(replacement, Match(m, rx, value))), value, count=limit)
    return rx.sub(_dotnet_replacement(to_string(replacement)), value, count=limit)


#: the .NET replacement-string expander ($1, ${name}, $$, $&) for other modules (Match.Result)
def dotnet_replacement(repl: str) -> Callable[[re.Match[str]], str]:
    return _dotnet_replacement(repl)


def regex_matches(value: str, pattern: Any, flags: int = 0) -> list[Any]:
    """[regex]::Matches(s, p): every match, as Match objects."""
    from pyshell.engine.regex_api import match_collection

    return match_collection(compile_regex(pattern, True, flags), value, 0)


# -- -f ---------------------------------------------------------------------------------------

_FMT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)(?:\s*,\s*(-?\d+))?(?::([^}]*))?\}")


def _format_number(value: Any, spec: str) -> str:
    if not spec:
        return to_string(value)
    kind = spec[0].upper()
    digits = spec[1:]
    if isinstance(value, _dt.datetime):
        return _format_datetime(value, spec)
    if isinstance(value, _dt.timedelta):
        from pyshell.engine.tsformat import format_timespan_spec

        return format_timespan_spec(value, spec)
    try:
        num = to_number(value)
    except ConversionError:
        return to_string(value)
    if kind in "NFCP" and (digits == "" or digits.isdigit()):
        d = int(digits) if digits else 2
        if isinstance(num, float) and not math.isfinite(num):
            return "NaN" if math.isnan(num) else ("-∞" if num < 0 else "∞")
        if kind == "N":
            return _fixed(num, d, True)
        if kind == "F":
            return _fixed(num, d)
        # en-US (pwsh's culture here) with .NET 8's ICU data: -$1.50 and 50% (no parentheses, no blank)
        if kind == "C":
            text = _fixed(abs(num), d, True)
            return f"${text}" if num >= 0 or float(text.replace(",", "")) == 0 else f"-${text}"
        if kind == "P":
            return f"{_fixed(num * 100, d, True)}%"
    if kind == "D" and (digits == "" or digits.isdigit()):
        return str(int(num)).zfill(int(digits) if digits else 0) if num >= 0 else "-" + str(int(-num)).zfill(int(digits or 0))
    if kind == "X" and (digits == "" or digits.isdigit()):
        s = format(int(num) & (0xFFFFFFFF if int(num) < 0 else -1) if int(num) < 0 else int(num), "X" if spec[0] == "X" else "x")
        return s.zfill(int(digits) if digits else 0)
    if kind == "E" and (digits == "" or digits.isdigit()):
        d = int(digits) if digits else 6
        s = f"{num:.{d}{'E' if spec[0] == 'E' else 'e'}}"
        mant, _, exp = s.partition("E" if spec[0] == "E" else "e")
        sign = exp[0]
        return f"{mant}{'E' if spec[0] == 'E' else 'e'}{sign}{exp[1:].zfill(3)}"
    if kind == "G" and (digits == "" or digits.isdigit()):
        return to_string(num) if not digits else f"{num:.{int(digits)}g}"
    if kind == "R":
        return format_double(float(num)) if isinstance(num, float) else str(num)
    # custom numeric format: 0, #, ., ,
    return _custom_number(num, spec)


def _fixed(num: float | int, digits: int, grouping: bool = False) -> str:
    """Fixed-point text of num's exact value rounded half away from zero, as .NET formats doubles."""
    q = Decimal(num).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{q:,f}" if grouping else f"{q:f}"


def _custom_number(num: float | int, spec: str) -> str:
    if "%" in spec:
        num = num * 100
    int_part, _, frac_part = spec.replace("%", "").partition(".")
    decimals_min = frac_part.count("0")
    decimals_max = decimals_min + frac_part.count("#")
    grouping = "," in int_part
    s = _fixed(abs(num), decimals_max)
    if decimals_max > decimals_min and "." in s:
        whole, frac = s.split(".")
        frac = frac.rstrip("0")
        if len(frac) < decimals_min:
            frac = frac.ljust(decimals_min, "0")
        s = whole + ("." + frac if frac else "")
    whole, dot, frac = s.partition(".")
    min_int = int_part.replace(",", "").replace("#", "").count("0")
    whole = whole.zfill(min_int) if min_int else ("" if whole == "0" and "0" not in int_part else whole)
    if grouping and whole:
        whole = f"{int(whole):,}"
    out = whole + (dot + frac if frac else "")
    if "%" in spec:
        out += "%"
    return ("-" if num < 0 and out.strip("0.,%") else "") + (out or "0")


_DT_TOKENS = [
    ("dddd", "%A"), ("ddd", "%a"), ("dd", "%d"), ("d", "{d}"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"),
    ("M", "{M}"), ("yyyy", "%Y"), ("yy", "%y"), ("HH", "%H"), ("H", "{H}"), ("hh", "%I"), ("h", "{h}"),
    ("mm", "%M"), ("m", "{m}"), ("ss", "%S"), ("s", "{s}"), ("fff", "{fff}"), ("ff", "{ff}"), ("f", "{f}"),
    ("tt", "%p"), ("zzz", "{zzz}"), ("K", "{K}"),
]


def _format_datetime(d: _dt.datetime, spec: str) -> str:
    """A .NET custom date format ('yyyy-MM-dd HH:mm:ss') or a standard one ('d', 'D', 's', 'o', 'u', 'g', 'G')."""
    std = {
        "d": "MM/dd/yyyy", "D": "dddd, MMMM d, yyyy", "s": "yyyy-MM-ddTHH:mm:ss", "u": "yyyy-MM-dd HH:mm:ssZ",
        "g": "M/d/yyyy h:mm tt", "G": "M/d/yyyy h:mm:ss tt", "t": "h:mm tt", "T": "h:mm:ss tt",
        "f": "dddd, MMMM d, yyyy h:mm tt", "F": "dddd, MMMM d, yyyy h:mm:ss tt", "o": "yyyy-MM-ddTHH:mm:ss.fffffffK",
        "O": "yyyy-MM-ddTHH:mm:ss.fffffffK",
    }
    if spec in std:
        spec = std[spec]
        if spec == "MM/dd/yyyy":
            spec = "M/d/yyyy"
    out = []
    i = 0
    while i < len(spec):
        if spec[i] in "'\"":
            j = spec.find(spec[i], i + 1)
            j = len(spec) if j < 0 else j
            out.append(spec[i + 1 : j])
            i = j + 1
            continue
        if spec[i] == "\\" and i + 1 < len(spec):
            out.append(spec[i + 1])
            i += 2
            continue
        if spec[i] in "fF":
            # f..fffffff: that many digits of the 7-digit tick fraction; F..: the same without trailing zeros,
            # and with nothing left the '.' before it goes too
            j = i
            while j < len(spec) and spec[j] == spec[i] and j - i < 7:
                j += 1
            digits = f"{d.microsecond * 10:07d}"[: j - i]
            if spec[i] == "F":
                digits = digits.rstrip("0")
                if not digits and out and out[-1].endswith("."):
                    out[-1] = out[-1][:-1]
            out.append(digits)
            i = j
            continue
        for tok, rep in _DT_TOKENS:
            if spec.startswith(tok, i):
                if rep.startswith("%"):
                    out.append(d.strftime(rep))
                else:
                    out.append({
                        "{d}": str(d.day), "{M}": str(d.month), "{H}": str(d.hour),
                        "{h}": str(d.hour % 12 or 12), "{m}": str(d.minute), "{s}": str(d.second),
                        "{fff}": f"{d.microsecond // 1000:03d}", "{ff}": f"{d.microsecond // 10000:02d}",
                        "{f}": str(d.microsecond // 100000), "{zzz}": _utc_offset(d), "{K}": _kind_suffix(d),
                    }[rep])
                i += len(tok)
                break
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


def _kind_suffix(d: _dt.datetime) -> str:
    """The "K" specifier: "Z" for a UTC date, nothing for an Unspecified one, the offset otherwise."""
    from pyshell.engine.datekind import date_kind

    kind = date_kind(d)
    return "Z" if kind == "Utc" else "" if kind == "Unspecified" else _utc_offset(d)


def _utc_offset(d: _dt.datetime) -> str:
    aware = d if d.tzinfo else d.astimezone()
    off = aware.utcoffset() or _dt.timedelta(0)
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    return f"{sign}{mins // 60:02d}:{mins % 60:02d}"


def format_value(value: Any, spec: str) -> str:
    if isinstance(value, _dt.datetime):
        return _format_datetime(value, spec) if spec else to_string(value)
    if isinstance(value, _dt.timedelta) and spec:
        return _format_number(value, spec)  # '{0:hh\:mm}' -f $ts
    if spec and isinstance(value, EnumValue):
        # enum format strings: G/F the name(s), D the number, X eight hex digits
        k = spec.upper()
        if k == "D":
            return str(value.value__)
        if k == "X":
            return format(value.value__ & 0xFFFFFFFF, "08X")
        return to_string(value)
    if spec and (isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)):
        return _format_number(value, spec)
    return to_string(value)


def current_format_culture() -> Any:
    """The culture -f formats by when it is not en-US (LANG=de_DE..., [CultureInfo]::CurrentCulture = ...);
    None for en-US, which format_value already follows (culture.py stays unimported until needed)."""
    import sys

    mod = sys.modules.get("pyshell.engine.culture")
    if mod is None:
        env = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
        if env.split(".")[0] in ("", "C", "POSIX", "en_US"):
            return None
        import pyshell.engine.culture as mod
    current = mod.current_culture()
    return None if current.Name == "en-US" else current


def format_string(fmt: str, args: list[Any], provider: Any = None) -> str:
    """.NET composite formatting: '{0,-10:N2}'; provider (a CultureInfo) localizes numbers and dates."""
    if provider is not None:
        from pyshell.engine.culture_format import format_with

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "{{":
            return "{"
        if tok == "}}":
            return "}"
        idx = int(m.group(1))
        if idx >= len(args):
            raise RuntimeScriptError(
                'Error formatting a string: Index (zero based) must be greater than or equal to zero and less than '
                'the size of the argument list..', error_id="FormatError", category="InvalidOperation")
        text = format_value(args[idx], m.group(3) or "") if provider is None else \
            format_with(args[idx], m.group(3) or "", provider)
        if m.group(2):
            w = int(m.group(2))
            text = text.ljust(-w) if w < 0 else text.rjust(w)
        return text

    return _FMT_ITEM.sub(repl, fmt)


# -- arithmetic ----------------------------------------------------------------------------

def _num_result(x: float | int) -> int | float:
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return x
    return x


def _op_error(op: str, left: Any, right: Any) -> RuntimeScriptError:
    lt = (type_names(left) or ["null"])[0]
    return RuntimeScriptError(f"Method invocation failed because [{lt}] does not contain a method named "
                              f"'{ {'+': 'op_Addition', '-': 'op_Subtraction', '*': 'op_Multiply', '/': 'op_Division', '%': 'op_Modulus'}[op] }'.",
                              error_id="MethodNotFound", category="InvalidOperation")


def add_values(left: Any, right: Any) -> Any:
    if isinstance(left, EnumValue):
        return _arith("+", left, right)
    if isinstance(left, PSChar) and not isinstance(right, str):
        return _arith("+", left, right)
    if isinstance(left, str):
        return left + to_string(right)
    if isinstance(left, (list, tuple)):
        return list(left) + (list(right) if isinstance(right, (list, tuple)) else [right])
    if isinstance(left, Hashtable):
        if not isinstance(right, Hashtable):
            raise RuntimeScriptError("A hash table can only be added to another hash table.",
                                     error_id="AddHashTableToNonHashTable", category="InvalidOperation")
        result = Hashtable(left.items())  # pwsh's dictionary addition always makes a Hashtable, even of [ordered]
        for k, v in right.items():
            if k in result:
                raise RuntimeScriptError(f"Item has already been added. Key in dictionary: '{result.original_key(k)}'  "
                                         f"Key being added: '{k}'",
                                         error_id="ArgumentException", category="OperationStopped",
                                         reason="ArgumentException")
            result[k] = v
        return result
    if isinstance(left, _dt.datetime):
        if isinstance(right, _dt.timedelta):
            return left + right
        return left + _dt.timedelta(microseconds=to_number(right) / 10)
    if isinstance(left, _dt.timedelta) and isinstance(right, _dt.timedelta):
        return left + right
    if left is None:
        if isinstance(right, (list, tuple)):
            return list(right)
        return right if not isinstance(right, bool) else int(right)
    if isinstance(left, (PSObject,)) or getattr(left, "PS_PROPERTIES", None) is not None:
        raise _op_error("+", left, right)
    return _arith("+", left, right)


def _arith(op: str, left: Any, right: Any) -> Any:
    """+ - * / % on numbers (strings and chars convert first); result types as pwsh picks them (numops)."""
    tl, tr = type(left), type(right)
    try:
        if (tl is int or tl is float) and (tr is int or tr is float):
            return numops.plain_arith(op, left, right)
    except numops.DivideByZero:
        raise _divide_by_zero(RuntimeScriptError("Attempted to divide by zero.", error_id="RuntimeException",
                                                 category="NotSpecified", reason="RuntimeException")) from None
    a = numeric_operand(left, to_number)
    b = numeric_operand(right, to_number) if not isinstance(right, (list, tuple)) or len(right) == 1 \
        else _raise_array(op, left)
    if isinstance(b, (list, tuple)):
        b = numeric_operand(b[0], to_number)
    try:
        return numops.arith(op, a, b)
    except numops.DivideByZero:
        raise _divide_by_zero(RuntimeScriptError("Attempted to divide by zero.", error_id="RuntimeException",
                                                 category="NotSpecified", reason="RuntimeException")) from None


def increment(value: Any, delta: int) -> Any:
    """$x++ / $x--: the value as a number plus delta, keeping its type ([long] stays Int64; overflow gives Double)."""
    if type(value) is int and -2147483647 <= value <= 2147483646:
        return value + delta
    return numops.arith("+", numeric_operand(unwrap(value), to_number), delta)


def _raise_array(op: str, left: Any) -> Any:
    raise _op_error(op, left, None)


def _multiply(left: Any, right: Any) -> Any:
    if isinstance(left, str) and not isinstance(left, (PSChar, EnumValue)):
        return left * int(to_number(right))
    if isinstance(left, (list, tuple)):
        return list(left) * int(to_number(right))
    return _arith("*", left, right)


def _subtract(left: Any, right: Any) -> Any:
    if isinstance(left, _dt.datetime):
        if isinstance(right, _dt.datetime):
            from pyshell.engine.datekind import comparable

            a, b = comparable(left, right)
            return a - b
        if isinstance(right, _dt.timedelta):
            return left - right
    if isinstance(left, _dt.timedelta) and isinstance(right, _dt.timedelta):
        return left - right
    if isinstance(left, (str,)) and not isinstance(right, str):
        pass
    return _arith("-", left, right)


# -- comparison ----------------------------------------------------------------------------

def _split_op(op: str) -> tuple[str, bool]:
    """'-ceq' -> ('eq', True); '-ieq'/'-eq' -> ('eq', False)."""
    name = op[1:]
    if name[0] == "c" and name[1:] in _COMPARE_NAMES:
        return name[1:], True
    if name[0] == "i" and name[1:] in _COMPARE_NAMES:
        return name[1:], False
    return name, False


_COMPARE_NAMES = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
                  "notcontains", "in", "notin", "replace", "split"}


def _scalar_compare(name: str, left: Any, right: Any, cs: bool, set_matches: Callable[[Any], None]) -> bool:
    if name == "eq":
        return ps_equals(left, right, cs)
    if name == "ne":
        return not ps_equals(left, right, cs)
    if name in ("gt", "ge", "lt", "le"):
        if left is None and right is None:
            return name in ("ge", "le")
        c = ps_compare(left, right, cs)
        return {"gt": c > 0, "ge": c >= 0, "lt": c < 0, "le": c <= 0}[name]
    if name in ("like", "notlike"):
        r = like(to_string(left), to_string(right), cs)
        return r if name == "like" else not r
    if name in ("match", "notmatch"):
        m = compile_regex(right, cs).search(to_string(left))
        if m and name == "match":
            set_matches(_matches_table(m))
        return (m is not None) if name == "match" else (m is None)
    raise AssertionError(name)


def _divide_by_zero(err: RuntimeScriptError) -> RuntimeScriptError:
    """A RuntimeException wrapping System.DivideByZeroException: `catch [DivideByZeroException]` matches it."""
    err.inner_type = "System.DivideByZeroException"  # type: ignore[attr-defined]
    return err


def compare(op: str, left: Any, right: Any, set_matches: Callable[[Any], None]) -> Any:
    name, cs = _split_op(op)
    if name in ("contains", "notcontains"):
        items = left if isinstance(left, (list, tuple)) else [left]
        found = any(ps_equals(i, right, cs) for i in items)
        return found if name == "contains" else not found
    if name in ("in", "notin"):
        items = right if isinstance(right, (list, tuple)) else [right]
        found = any(ps_equals(i, left, cs) for i in items)
        return found if name == "in" else not found
    if isinstance(left, (list, tuple)):
        # array on the left: filter
        if name in ("match", "notmatch"):
            rx = compile_regex(right, cs)
            return [x for x in left if (rx.search(to_string(x)) is not None) == (name == "match")]
        return [x for x in left if _scalar_compare(name, x, right, cs, lambda _m: None)]
    if isinstance(right, (list, tuple)) and name in ("eq", "ne", "like", "notlike") and not isinstance(left, (list, tuple)):
        right = to_string(right) if isinstance(left, str) else right
    return _scalar_compare(name, left, right, cs, set_matches)


_SPLIT_FLAGS = {"ignorecase": re.I, "multiline": re.M, "singleline": re.S, "ignorepatternwhitespace": re.X,
                "explicitcapture": 0, "cultureinvariant": 0, "regexmatch": 0, "simplematch": 0, "none": 0}


def _split_options(text: str) -> set[str]:
    opts = {o.strip().lower() for o in text.split(",") if o.strip()}
    for o in opts:
        if o not in _SPLIT_FLAGS:
            raise RuntimeScriptError(
                f'Cannot convert value "{o}" to type "System.Management.Automation.SplitOptions". Error: "Unable to '
                f'match the identifier name {o} to a valid enumerator name. Specify one of the following enumerator '
                f'names and try again:\nSimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, '
                f'Multiline, Singleline, IgnoreCase, ExplicitCapture"', error_id="InvalidCastFromStringToEnum",
                category="InvalidArgument")
    return opts


def _split_regex(pattern: Any, cs: bool, opts: set[str]) -> re.Pattern[str]:
    if "simplematch" in opts:
        return re.compile(re.escape(to_string(pattern)), 0 if cs and "ignorecase" not in opts else re.I)
    flags = 0
    for o in opts:
        flags |= _SPLIT_FLAGS[o]
    if not cs:
        flags |= re.I
    return compile_regex(pattern, not flags & re.I, flags & ~re.I, "explicitcapture" in opts)


def _regex_split(rx: re.Pattern[str], text: str, limit: int) -> list[str]:
    """Regex.Split with PowerShell's max-substrings: >0 from the left, <0 from the right; captures are kept."""
    matches = list(rx.finditer(text))
    if limit > 0:
        matches = matches[: limit - 1]
    elif limit < 0:
        matches = matches[max(len(matches) + limit + 1, 0):]
    out: list[str] = []
    pos = 0
    for m in matches:
        out.append(text[pos : m.start()])
        out.extend(g if g is not None else "" for g in m.groups())
        pos = m.end()
    out.append(text[pos:])
    return out


def split(value: Any, right: Any, cs: bool, invoke: Callable[[Any, Any], Any] | None) -> list[str]:
    """<string[]> -split <delimiter>[,<max-substrings>[,"<options>"]] and the script-block form."""
    from pyshell.engine.scriptblock import ScriptBlock

    parts = list(right) if isinstance(right, (list, tuple)) else [right]
    pattern = parts[0]
    limit = int(to_number(parts[1])) if len(parts) > 1 else 0
    opts = _split_options(to_string(parts[2])) if len(parts) > 2 and parts[2] is not None else set()
    if "simplematch" in opts and "regexmatch" in opts:
        raise RuntimeScriptError("Cannot use both SimpleMatch and RegexMatch options.", error_id="InvalidSplitOptionCombination",
                                 category="InvalidOperation")
    results: list[str] = []
    for s in (value if isinstance(value, (list, tuple)) else [value]):
        text = to_string(s)
        if isinstance(pattern, ScriptBlock) and invoke is not None:
            # a negative limit splits from the right: at most -limit substrings, the rest stays whole on the left
            out: list[str] = []
            cur: list[str] = []
            most = abs(limit)
            for ch in (reversed(text) if limit < 0 else text):
                if (most == 0 or len(out) < most - 1) and to_bool(invoke(pattern, ch)):
                    out.append("".join(cur))
                    cur = []
                else:
                    cur.append(ch)
            out.append("".join(cur))
            results.extend(["".join(reversed(p)) for p in reversed(out)] if limit < 0 else out)
            continue
        results.extend(_regex_split(_split_regex(pattern, cs, opts), text, limit))
    from pyshell.engine.generics import TypedArray

    return TypedArray(results, "System.String")  # -split gives a string[]


def range_bounds(left: Any, right: Any) -> tuple[int, int]:
    """The ends of `a..b` as [int] converts them (1.5 -> 2, half to even)."""
    from pyshell.engine.conversions import to_int

    return to_int(left), to_int(right)


def char_range(left: Any, right: Any) -> list[str] | None:
    """`'a'..'e'`: a range of characters when both ends are one non-digit character (pwsh 7)."""
    if isinstance(left, str) and isinstance(right, str) and len(left) == 1 and len(right) == 1 \
            and not (left.isdigit() and right.isdigit()):
        a, b = ord(left), ord(right)
        step = 1 if a <= b else -1
        return [PSChar(chr(c)) for c in range(a, b + step, step)]  # [char] elements, as pwsh 7 gives
    return None


def _type_text(name: str) -> str:
    """A type named by a string on the right of -as/-is: '[DateTime]' and 'DateTime' both name it."""
    text = name.strip()
    return text[1:-1].strip() if text.startswith("[") and text.endswith("]") and not text.endswith("[]]") else text


def binary_op(op: str, left: Any, right: Any, *, set_matches: Callable[[Any], None],
              invoke: Callable[[Any, Any], Any] | None = None) -> Any:
    """Apply a binary operator (not -and/-or, which short-circuit in the evaluator)."""
    left, right = unwrap(left), unwrap(right)
    if op == "+":
        return add_values(left, right)
    if op == "-":
        return _subtract(left, right)
    if op == "*":
        return _multiply(left, right)
    if op in ("/", "%"):
        return _arith(op, left, right)
    if op == "..":
        chars = char_range(left, right)
        if chars is not None:
            return chars
        a, b = range_bounds(left, right)
        return list(range(a, b + 1)) if a <= b else list(range(a, b - 1, -1))
    if op == "-f":
        args = list(right) if isinstance(right, (list, tuple)) else [right]
        return format_string(to_string(left), args, current_format_culture())
    if op == "-join":
        items = left if isinstance(left, (list, tuple)) else [left]
        return to_string(right).join(to_string(i) for i in items)
    if op in ("-replace", "-ireplace", "-creplace"):
        parts = right if isinstance(right, (list, tuple)) else [right]
        pattern = parts[0]
        repl = parts[1] if len(parts) > 1 else ""
        cs = op == "-creplace"
        if isinstance(left, (list, tuple)):
            return [regex_replace(to_string(x), pattern, repl, cs, invoke) for x in left]
        return regex_replace(to_string(left), pattern, repl, cs, invoke)
    if op in ("-split", "-isplit", "-csplit"):
        return split(left, right, op == "-csplit", invoke)
    if op in ("-is", "-isnot"):
        from pyshell.engine.types import TypeRef, is_instance

        tname = right.FullName if isinstance(right, TypeRef) else _type_text(to_string(right))
        r = is_instance(left, tname)
        return r if op == "-is" else not r
    if op == "-as":
        from pyshell.engine.types import TypeRef, convert_to

        if not isinstance(right, (TypeRef, str)):
            # the right operand converts to [type]: "5" -as [int] + 1 is "5" -as ([int](+1)), an error in pwsh
            raise RuntimeScriptError(
                f'Cannot convert the "{to_string(right)}" value of type '
                f'"{(type_names(right) or ["System.Object"])[0]}" to type "System.Type".',
                error_id="ConvertToFinalInvalidCastException", category="InvalidArgument")
        tname = right.FullName if isinstance(right, TypeRef) else _type_text(to_string(right))
        try:
            return convert_to(tname, left)
        except RuntimeScriptError:
            return None
    if op in ("-band", "-bor", "-bxor", "-shl", "-shr"):
        if type(left) is int and type(right) is int:
            return numops.bitwise(op, left, right)
        if isinstance(left, EnumValue) and isinstance(right, str) and not isinstance(right, EnumValue):
            from pyshell.engine.types import convert_to

            right = convert_to(left.enum_type.full_name, right)  # $attrs -band 'Hidden': the name converts
        return numops.bitwise(op, numeric_operand(left, to_number), numeric_operand(right, to_number))
    if op == "-xor":
        return to_bool(left) != to_bool(right)
    return compare(op, left, right, set_matches)


def unary_op(op: str, value: Any) -> Any:
    value = unwrap(value)
    if op == "-not":
        return not to_bool(value)
    if op == "-":
        if isinstance(value, _dt.timedelta):
            return -value
        return numops.negate(numeric_operand(value, to_number))
    if op == "+":
        n = numeric_operand(value, to_number)
        return n.value__ if isinstance(n, EnumValue) else n
    if op == "-bnot":
        return numops.bnot(numeric_operand(value, to_number))
    if op == ",":
        return [value]
    if op in ("-split", "-isplit", "-csplit"):
        return [p for s in (value if isinstance(value, (list, tuple)) else [value])
                for p in to_string(s).split() if p != ""] if True else []
    if op == "-join":
        items = value if isinstance(value, (list, tuple)) else [value]
        return "".join(to_string(i) for i in items)
    raise AssertionError(op)


_ = (OrderedHashtable, _num_result)
