"""Type literals: [int], [string[]], [datetime]... — casts, -is/-as checks and static members."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from typing import Any

from pyshell.engine.conversions import ConversionError, parse_number, to_bool, to_int, to_number, to_string
from pyshell.engine.objects import (
    DBNULL,
    NULL_STRING,
    Hashtable,
    OrderedHashtable,
    PSChar,
    PSObject,
    enumerate_value,
    type_names,
)

__all__ = ["add_using_namespace", "TypeRef", "resolve_type", "convert_to", "is_instance", "parse_datetime", "static_member", "call_static",
           "register_enum", "enum_members"]

_ALIASES = {
    "int": "System.Int32", "int32": "System.Int32", "system.int32": "System.Int32",
    "long": "System.Int64", "int64": "System.Int64", "system.int64": "System.Int64",
    "short": "System.Int16", "int16": "System.Int16", "byte": "System.Byte", "sbyte": "System.SByte",
    "uint": "System.UInt32", "uint32": "System.UInt32", "ulong": "System.UInt64", "uint64": "System.UInt64",
    "double": "System.Double", "float": "System.Single", "single": "System.Single", "decimal": "System.Decimal",
    "string": "System.String", "char": "System.Char", "bool": "System.Boolean", "boolean": "System.Boolean",
    "object": "System.Object", "psobject": "System.Management.Automation.PSObject",
    "pscustomobject": "System.Management.Automation.PSCustomObject", "hashtable": "System.Collections.Hashtable",
    "ordered": "System.Collections.Specialized.OrderedDictionary", "array": "System.Array",
    "datetime": "System.DateTime", "timespan": "System.TimeSpan", "scriptblock": "System.Management.Automation.ScriptBlock",
    "regex": "System.Text.RegularExpressions.Regex", "switch": "System.Management.Automation.SwitchParameter",
    "void": "System.Void", "math": "System.Math", "guid": "System.Guid", "version": "System.Version",
    "type": "System.Type", "environment": "System.Environment", "convert": "System.Convert",
    "bigint": "System.Numerics.BigInteger", "uri": "System.Uri", "ipaddress": "System.Net.IPAddress",
    "io.path": "System.IO.Path", "io.file": "System.IO.File", "io.directory": "System.IO.Directory",
    "text.encoding": "System.Text.Encoding", "errorrecord": "System.Management.Automation.ErrorRecord",
    "exception": "System.Exception", "management.automation.job": "System.Management.Automation.Job",
    "char[]": "System.Char[]", "string[]": "System.String[]", "int[]": "System.Int32[]",
    "object[]": "System.Object[]", "threading.thread": "System.Threading.Thread",
    "dbnull": "System.DBNull", "nullstring": "System.Management.Automation.Language.NullString",
    "management.automation.language.nullstring": "System.Management.Automation.Language.NullString",
    "management.automation.internal.automationnull": "System.Management.Automation.Internal.AutomationNull",
}

_INT_RANGES = {
    "System.Int32": (-(2**31), 2**31 - 1), "System.Int64": (-(2**63), 2**63 - 1), "System.Int16": (-(2**15), 2**15 - 1),
    "System.Byte": (0, 255), "System.SByte": (-128, 127), "System.UInt32": (0, 2**32 - 1), "System.UInt64": (0, 2**64 - 1),
}


def _canonical(name: str, _using: bool = True) -> str:
    n = name.strip().replace(" ", "")
    low = n.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low.startswith("system.") and low[7:] in _ALIASES:
        return _ALIASES[low[7:]]
    if low.endswith("[]"):
        return _canonical(n[:-2]) + "[]"
    if not low.startswith("system.") and low.split(".")[0] in ("management", "collections", "io", "text", "diagnostics"):
        return "System." + n
    if _using and _USING_NAMESPACES and "[" not in n and not _known_type(n):
        for ns in reversed(_USING_NAMESPACES):
            full = _canonical(ns + "." + n, False)
            if _known_type(full):
                return full
    return n


#: namespaces named by `using namespace` statements; a type name is also looked up under each
_USING_NAMESPACES: list[str] = []


def add_using_namespace(name: str) -> None:
    """`using namespace X`: later type literals may leave out the X. prefix."""
    if name.lower() not in (ns.lower() for ns in _USING_NAMESPACES):
        _USING_NAMESPACES.append(name)


def _known_type(name: str) -> bool:
    return name in _ENUMS or name in _INT_RANGES or name in _CONVERTERS or name in _STATIC_TYPES \
        or name in _KNOWN_OTHER or name.lower() in _COLLECTION_TYPES


class TypeRef:
    """A type as a value: what `[int]` evaluates to; knows its full name."""

    PS_TYPE_NAMES = ("System.RuntimeType", "System.Type", "System.Object")
    PS_PROPERTIES = ("Name", "FullName", "IsArray")

    def __init__(self, name: str) -> None:
        self.FullName = _canonical(name)
        base, bracket, rest = self.FullName.partition("[")
        if bracket and rest != "]" and "`" not in base:
            # a generic type: List[int] is named List`1
            from pyshell.engine.generics import split_generic

            self.Name = base.rsplit(".", 1)[-1] + "`" + str(len(split_generic(self.FullName)[1]))
        else:
            self.Name = (base if "`" in base else self.FullName).rsplit(".", 1)[-1].rsplit("+", 1)[-1]
        self.IsArray = self.FullName.endswith("[]")

    def ps_to_string(self) -> str:
        return self.FullName

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypeRef) and other.FullName.lower() == self.FullName.lower()

    def __hash__(self) -> int:
        return hash(self.FullName.lower())


def resolve_type(name: str) -> TypeRef:
    return TypeRef(name)


_DT_FORMATS = (
    "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y",
    "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%A, %B %d, %Y %I:%M:%S %p", "%Y/%m/%d", "%H:%M:%S", "%H:%M",
)


def parse_datetime(text: str) -> _dt.datetime:
    s = text.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+0000"
    # Python's %f takes at most 6 digits; .NET writes 7
    s = re.sub(r"(\.\d{6})\d+", r"\1", s)
    for fmt in _DT_FORMATS:
        try:
            d = _dt.datetime.strptime(s, fmt)
            if fmt in ("%H:%M:%S", "%H:%M"):
                today = _dt.date.today()
                d = d.replace(year=today.year, month=today.month, day=today.day)
            if d.tzinfo is not None:
                d = d.astimezone().replace(tzinfo=None)
            return d
        except ValueError:
            continue
    raise ConversionError(
        f'Cannot convert value "{text}" to type "System.DateTime". Error: "String \'{text}\' was not recognized as '
        f'a valid DateTime."', error_id="InvalidCastParseTargetInvocation")


def _to_datetime(value: Any) -> _dt.datetime:
    """[datetime] of a date, a string, or a number of ticks (100 ns since 0001-01-01, as .NET counts)."""
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=value // 10)
    return parse_datetime(to_string(value))


def _parse_timespan(text: str) -> _dt.timedelta:
    m = re.match(r"^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d+))?)?\s*$", text)
    if not m:
        raise ConversionError(f'Cannot convert value "{text}" to type "System.TimeSpan".')
    sign = -1 if m.group(1) else 1
    frac = float("0." + m.group(6)) if m.group(6) else 0.0
    td = _dt.timedelta(days=int(m.group(2) or 0), hours=int(m.group(3)), minutes=int(m.group(4)),
                       seconds=int(m.group(5) or 0) + frac)
    return td * sign


def _cast_error(value: Any, target: str, detail: str = "") -> ConversionError:
    src = (type_names(value) or ["null"])[0]
    msg = f'Cannot convert the "{to_string(value)}" value of type "{src}" to type "{target}".'
    if isinstance(value, str):
        msg = f'Cannot convert value "{value}" to type "{target}". Error: "{detail or "Input string was not in a correct format."}"'
    return ConversionError(msg, error_id="InvalidCastFromStringToInteger" if isinstance(value, str) else "ConvertToFinalInvalidCastException")


def _to_integer(value: Any, target: str) -> int:
    if isinstance(value, PSChar):
        value = ord(value)
    if isinstance(value, str):
        n = parse_number(value)
        if n is None:
            raise _cast_error(value, target, f"The input string '{value}' was not in a correct format.")
        value = n
    try:
        result = to_int(value)
    except ConversionError:
        raise _cast_error(value, target) from None
    lo, hi = _INT_RANGES.get(target, (-(2**63), 2**63))
    if not lo <= result <= hi:
        raise ConversionError(f'Cannot convert value "{to_string(value)}" to type "{target}". Error: "Value was either too large or too small for {target.split(".")[-1].replace("Int", "an Int")}."')
    return result


def _to_double(value: Any) -> float:
    if isinstance(value, str):
        s = value.strip()
        if s.lower() in ("nan",):
            return math.nan
        n = parse_number(s)
        if n is None:
            raise _cast_error(value, "System.Double")
        return float(n)
    try:
        return float(to_number(value))
    except ConversionError:
        raise _cast_error(value, "System.Double") from None


def _to_bool(value: Any) -> bool:
    return to_bool(value)


def _to_char(value: Any) -> str:
    if isinstance(value, str) and len(value) == 1:
        return value if isinstance(value, PSChar) else PSChar(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return PSChar(chr(value))
    raise _cast_error(value, "System.Char", "String must be exactly one character long.")


def _to_hashtable(value: Any, ordered: bool = False) -> Hashtable:
    cls = OrderedHashtable if ordered else Hashtable
    if isinstance(value, Hashtable):
        return value if type(value) is cls else cls(value.items())
    if isinstance(value, PSObject):
        return cls(value.properties.items())
    raise _cast_error(value, "System.Collections.Hashtable")


def _to_pscustomobject(value: Any) -> Any:
    if isinstance(value, Hashtable):
        return PSObject(value.items())
    return value


def _to_array(value: Any, element: str | None) -> list[Any]:
    if element == "System.Char" and isinstance(value, str):
        value = [PSChar(c) for c in value]
    items = list(enumerate_value(value)) if value is not None else []
    if element is None or element in ("System.Object",):
        return items
    from pyshell.engine.generics import TypedArray

    return TypedArray([convert_to(element, v) for v in items], element)


_COLLECTION_TYPES = {"system.collections.arraylist", "system.collections.queue", "system.collections.stack",
                     "system.text.stringbuilder"}


def _to_scriptblock(value: Any) -> Any:
    from pyshell.engine.scriptblock import ScriptBlock

    if isinstance(value, ScriptBlock):
        return value
    return ScriptBlock.create(to_string(value))


def _to_regex(value: Any) -> Any:
    from pyshell.engine.operators import RegexValue

    return value if isinstance(value, RegexValue) else RegexValue(to_string(value))


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "System.String": lambda v: to_string(v),
    "System.Double": _to_double,
    "System.Single": _to_double,
    "System.Decimal": _to_double,
    "System.Boolean": _to_bool,
    "System.Management.Automation.SwitchParameter": _to_bool,
    "System.Char": _to_char,
    "System.DateTime": lambda v: _to_datetime(v),
    "System.TimeSpan": lambda v: v if isinstance(v, _dt.timedelta) else (
        _dt.timedelta(microseconds=to_number(v) / 10) if isinstance(v, (int, float)) else _parse_timespan(to_string(v))),
    "System.Collections.Hashtable": _to_hashtable,
    "System.Collections.Specialized.OrderedDictionary": lambda v: _to_hashtable(v, ordered=True),
    "System.Management.Automation.PSCustomObject": _to_pscustomobject,
    "System.Management.Automation.PSObject": lambda v: v,
    "System.Object": lambda v: v,
    "System.Array": lambda v: _to_array(v, None),
    "System.Management.Automation.ScriptBlock": _to_scriptblock,
    "System.Text.RegularExpressions.Regex": _to_regex,
    "System.Numerics.BigInteger": lambda v: int(to_number(v)),
    "System.Version": lambda v: to_string(v),
    "System.Guid": lambda v: to_string(v),
    "System.Uri": lambda v: to_string(v),
}


#: enum types: full name -> member names in declaration order
_ENUMS: dict[str, tuple[str, ...]] = {}


def register_enum(full_name: str, members: tuple[str, ...] | list[str], *short_names: str) -> None:
    """Make an enum type known: casts and parameter binding accept its member names (any case)."""
    _ENUMS[full_name] = tuple(members)
    for short in short_names:
        _ALIASES[short.lower()] = full_name


def enum_members(type_name: str) -> tuple[str, ...] | None:
    """The member names of an enum type, or None when type_name is not a known enum."""
    return _ENUMS.get(_canonical(type_name))


def _to_enum(full_name: str, value: Any) -> str:
    members = _ENUMS[full_name]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(members):
        return members[value]
    text = to_string(value).strip()
    for m in members:
        if m.lower() == text.lower():
            return m
    raise ConversionError(
        f'Cannot convert value "{text}" to type "{full_name}". Error: "Unable to match the identifier name {text} to '
        f'a valid enumerator name. Specify one of the following enumerator names and try again:\n'
        f'{", ".join(members)}"', error_id="InvalidCastFromStringToEnum")


register_enum("System.Management.Automation.ActionPreference",
              ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"), "ActionPreference")
register_enum("System.StringSplitOptions", ("None", "RemoveEmptyEntries", "TrimEntries"), "StringSplitOptions")
register_enum("System.StringComparison",
              ("CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal",
               "OrdinalIgnoreCase"), "StringComparison")
register_enum("System.DayOfWeek",
              ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"), "DayOfWeek")
register_enum("System.Management.Automation.SplitOptions",
              ("SimpleMatch", "RegexMatch", "CultureInvariant", "IgnorePatternWhitespace", "Multiline", "Singleline",
               "IgnoreCase", "ExplicitCapture"))
register_enum("System.ConsoleColor",
              ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
               "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"), "ConsoleColor")


def convert_to(type_name: str, value: Any) -> Any:
    """Cast value to the named type as PowerShell's [type] conversion does.

    :raises ConversionError: with PowerShell's message when the conversion is impossible.
    """
    name = _canonical(type_name)
    if name.lower() not in ("system.management.automation.psobject", "system.object"):
        from pyshell.engine.objects import unwrap

        value = unwrap(value)
    if name in _ENUMS:
        return _to_enum(name, value)
    if name.endswith("[]"):
        return _to_array(value, name[:-2])
    if "[" in name or name.lower() in _COLLECTION_TYPES:
        from pyshell.engine.generics import new_instance

        made = new_instance(name, [])
        if made is not None:
            if isinstance(made, Hashtable):
                for k, v in (value.items() if isinstance(value, Hashtable) else ()):
                    made[k] = v
            elif isinstance(made, list) and value is not None:
                for v in enumerate_value(value):
                    made.Add(v) if hasattr(made, "Add") else made.append(v)  # type: ignore[func-returns-value]
            return made
    if name in _INT_RANGES:
        if value is None:
            return 0
        if isinstance(value, (list, tuple)):
            if len(value) == 1:
                return _to_integer(value[0], name)
            raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type "System.Object[]" to type "{name}".')
        return _to_integer(value, name)
    if name == "System.Void":
        return None
    conv = _CONVERTERS.get(name)
    if conv is not None:
        if value is None and name in ("System.Double", "System.Single", "System.Decimal"):
            return 0.0
        if isinstance(value, (list, tuple)) and name not in ("System.String", "System.Object", "System.Array",
                                                                "System.Boolean", "System.Management.Automation.PSObject"):
            if len(value) == 1:
                return convert_to(name, value[0])
        return conv(value)
    # an unknown type: accept values already of that type, fail otherwise
    if value is not None and any(t.lower() == name.lower() or t.lower().endswith("." + name.lower())
                                 for t in type_names(value)):
        return value
    raise ConversionError(f"Unable to find type [{type_name}].", error_id="TypeNotFound")


def type_exists(type_name: str) -> bool:
    name = _canonical(type_name)
    base = name[:-2] if name.endswith("[]") else name
    if base in _ENUMS:
        return True
    if base.lower() in _COLLECTION_TYPES or "[" in base:
        from pyshell.engine.generics import new_instance

        return new_instance(base, []) is not None
    return base in _INT_RANGES or base in _CONVERTERS or base in _STATIC_TYPES or base == "System.Void" \
        or base.lower() in {n.lower() for n in _KNOWN_OTHER}


_KNOWN_OTHER = {
    "System.Management.Automation.Job", "System.Management.Automation.ErrorRecord", "System.Exception",
    "System.Management.Automation.RuntimeException", "System.Diagnostics.Process", "System.IO.FileInfo",
    "System.IO.DirectoryInfo", "System.Type", "System.Management.Automation.Runspaces.PSSession",
    "System.Management.Automation.ActionPreferenceStopException", "System.Management.Automation.ItemNotFoundException",
    "System.Management.Automation.CommandNotFoundException", "System.Management.Automation.ParameterBindingException",
    "System.Management.Automation.PSInvalidCastException", "System.DivideByZeroException",
    "System.Management.Automation.MethodInvocationException", "System.ArgumentException",
    "System.InvalidOperationException", "System.Management.Automation.PipelineStoppedException",
    "System.Management.Automation.RemoteException", "System.IO.IOException", "System.UnauthorizedAccessException",
}


def is_instance(value: Any, type_name: str) -> bool:
    """`-is [type]`."""
    name = _canonical(type_name)
    low = name.lower()
    if low == "system.object":
        return value is not None
    if value is None:
        return False
    if "[" in low and not low.endswith("[]") or low in _COLLECTION_TYPES:
        from pyshell.engine.generics import new_instance

        made = new_instance(name, [])
        if made is not None:
            return type_names(made)[0].lower() == (type_names(value) or [""])[0].lower()
    if low in ("system.management.automation.pscustomobject",):
        return isinstance(value, PSObject)
    if low == "system.management.automation.psobject":
        return True
    if low == "system.array" or low.endswith("[]"):
        if not isinstance(value, (list, tuple)):
            return False
        if low in ("system.array", "system.object[]"):
            return True
        return all(is_instance(v, name[:-2]) for v in value)
    if low in ("system.valuetype",):
        return isinstance(value, (int, float, bool, _dt.datetime, _dt.timedelta))
    if low in ("system.collections.idictionary",):
        return isinstance(value, Hashtable)
    if low in ("system.collections.ienumerable", "system.collections.icollection", "system.collections.ilist"):
        return isinstance(value, (list, tuple, Hashtable)) or (low == "system.collections.ienumerable" and isinstance(value, str))
    if low in ("system.int32", "system.int64") and isinstance(value, int) and not isinstance(value, bool):
        return type_names(value)[0].lower() == low
    names = [n.lower() for n in type_names(value)]
    if low in names:
        return True
    if low == "system.exception":
        return any(n.endswith("exception") for n in names)
    return any(n.endswith("." + low) for n in names) or any(n.split(".")[-1] == low for n in names)


# -- static members --------------------------------------------------------------------------

def _math_round(x: Any, digits: Any = 0, mode: Any = None) -> Any:
    v = to_number(x)
    d = int(to_number(digits)) if not isinstance(digits, str) else 0
    if isinstance(mode, str) and mode.lower() == "awayfromzero":
        q = 10**d
        r = math.floor(abs(v) * q + 0.5) / q
        return math.copysign(r, v) if d else float(math.copysign(r, v))
    r = round(float(v), d)
    return float(r)


_STATIC_TYPES: dict[str, dict[str, Any]] = {
    "System.Math": {
        "PI": math.pi, "E": math.e,
        "Round": _math_round,
        "Floor": lambda x: float(math.floor(to_number(x))), "Ceiling": lambda x: float(math.ceil(to_number(x))),
        "Abs": lambda x: abs(to_number(x)), "Sqrt": lambda x: math.sqrt(to_number(x)),
        "Pow": lambda x, y: float(to_number(x) ** to_number(y)), "Max": lambda a, b: max(to_number(a), to_number(b)),
        "Min": lambda a, b: min(to_number(a), to_number(b)), "Truncate": lambda x: float(math.trunc(to_number(x))),
        "Log": lambda x, b=math.e: math.log(to_number(x), to_number(b)), "Log10": lambda x: math.log10(to_number(x)),
        "Exp": lambda x: math.exp(to_number(x)), "Sin": lambda x: math.sin(to_number(x)),
        "Cos": lambda x: math.cos(to_number(x)), "Sign": lambda x: (to_number(x) > 0) - (to_number(x) < 0),
    },
    "System.DateTime": {
        "Now": property(lambda: _dt.datetime.now()), "Today": property(lambda: _dt.datetime.combine(_dt.date.today(), _dt.time())),
        "UtcNow": property(lambda: _dt.datetime.now(_dt.UTC).replace(tzinfo=None)),
        "Parse": lambda s, *_: parse_datetime(to_string(s)), "MinValue": _dt.datetime.min, "MaxValue": _dt.datetime.max,
        "ParseExact": lambda *a: _parse_exact(*a), "New": lambda *a: _new_datetime(*a),
        "DaysInMonth": lambda y, m: __import__("calendar").monthrange(int(to_number(y)), int(to_number(m)))[1],
        "IsLeapYear": lambda y: __import__("calendar").isleap(int(to_number(y))),
        "Compare": lambda a, b: (a > b) - (a < b),
    },
    "System.String": {
        "Empty": "", "Join": lambda sep, *items: to_string(sep).join(
            to_string(i) for it in items for i in (it if isinstance(it, (list, tuple)) else [it])),
        "IsNullOrEmpty": lambda s: s is None or to_string(s) == "",
        "IsNullOrWhiteSpace": lambda s: s is None or to_string(s).strip() == "",
        "Format": lambda fmt, *args: __import__("pyshell.engine.operators", fromlist=["format_string"]).format_string(
            to_string(fmt), list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)),
        "Concat": lambda *a: "".join(to_string(x) for x in a),
        "Compare": lambda *a: _compare_strings(*a),
        "Equals": lambda a, b, *r: (a is None and b is None) or (
            a is not None and b is not None and (to_string(a).lower() == to_string(b).lower() if any(
                isinstance(x, str) and "ignorecase" in x.lower() for x in r) else to_string(a) == to_string(b))),
    },
    "System.Int32": {"MaxValue": 2**31 - 1, "MinValue": -(2**31), "Parse": lambda s: _to_integer(to_string(s), "System.Int32")},
    "System.Int64": {"MaxValue": 2**63 - 1, "MinValue": -(2**63), "Parse": lambda s: _to_integer(to_string(s), "System.Int64")},
    "System.Double": {"MaxValue": 1.7976931348623157e308, "MinValue": -1.7976931348623157e308, "NaN": math.nan,
                      "PositiveInfinity": math.inf, "NegativeInfinity": -math.inf, "Parse": lambda s: _to_double(to_string(s)),
                      "IsNaN": lambda x: math.isnan(to_number(x))},
    "System.Environment": {
        "MachineName": property(lambda: __import__("os").environ.get("PYSHELL_COMPUTERNAME") or __import__("socket").gethostname()),
        "UserName": property(lambda: __import__("getpass").getuser()),
        "NewLine": "\n", "ProcessorCount": property(lambda: __import__("os").cpu_count()),
        "CurrentDirectory": property(lambda: __import__("os").getcwd()),
        "GetEnvironmentVariable": lambda n, *_: __import__("os").environ.get(to_string(n)),
        "SetEnvironmentVariable": lambda n, v, *_: __import__("os").environ.__setitem__(to_string(n), to_string(v)),
        "ProcessId": property(lambda: __import__("os").getpid()),
        "OSVersion": property(lambda: __import__("platform").platform()),
        "TickCount": property(lambda: int(__import__("time").monotonic() * 1000)),
    },
    "System.IO.Path": {
        "Combine": lambda *p: __import__("os").path.join(*[to_string(x) for x in p]),
        "GetFileName": lambda p: __import__("os").path.basename(to_string(p)),
        "GetFileNameWithoutExtension": lambda p: __import__("os").path.splitext(__import__("os").path.basename(to_string(p)))[0],
        "GetExtension": lambda p: __import__("os").path.splitext(to_string(p))[1],
        "GetDirectoryName": lambda p: __import__("os").path.dirname(to_string(p)),
        "GetTempPath": lambda: __import__("tempfile").gettempdir() + "/",
        "DirectorySeparatorChar": "/", "PathSeparator": ":",
        "GetRandomFileName": lambda: __import__("uuid").uuid4().hex[:8] + "." + __import__("uuid").uuid4().hex[:3],
        "IsPathRooted": lambda p: to_string(p).startswith("/"),
        "GetFullPath": lambda p: __import__("os").path.abspath(to_string(p)),
    },
    "System.Guid": {"NewGuid": lambda: __import__("uuid").uuid4().__str__(), "Empty": "00000000-0000-0000-0000-000000000000"},
    "System.Convert": {
        "ToInt32": lambda v, base=None: int(to_string(v), int(base)) if base is not None else to_int(v),
        "ToString": lambda v, base=None: (format(int(v), {2: "b", 8: "o", 16: "x"}[int(base)]) if base else to_string(v)),
        "ToBase64String": lambda b: __import__("base64").b64encode(bytes(b)).decode(),
        "FromBase64String": lambda s: list(__import__("base64").b64decode(to_string(s))),
        "ToDouble": lambda v: _to_double(v), "ToBoolean": lambda v: to_bool(v),
    },
    "System.Text.Encoding": {},
    "System.Text.RegularExpressions.Regex": {
        "Escape": lambda s: re.escape(to_string(s)),
        "Matches": lambda s, p: __import__("pyshell.engine.operators", fromlist=["regex_matches"]).regex_matches(to_string(s), to_string(p)),
        "IsMatch": lambda s, p: re.search(to_string(p), to_string(s), re.I if False else 0) is not None,
        "Replace": lambda s, p, r: __import__("pyshell.engine.operators", fromlist=["regex_replace"]).regex_replace(
            to_string(s), to_string(p), r, case_sensitive=True),
        "Split": lambda s, p: re.split(to_string(p), to_string(s)),
    },
    "System.Management.Automation.ScriptBlock": {
        "Create": lambda text: _to_scriptblock(to_string(text)),
    },
    "System.Threading.Thread": {"Sleep": lambda ms: __import__("time").sleep(to_number(ms) / 1000)},
    "System.Console": {"WriteLine": lambda *a: print(*(to_string(x) for x in a))},
}
_STATIC_TYPES["System.IO.File"] = {
    "Exists": lambda p: __import__("os").path.isfile(to_string(p)),
    "ReadAllText": lambda p, *_: open(to_string(p), encoding="utf-8").read(),
    "ReadAllLines": lambda p, *_: open(to_string(p), encoding="utf-8").read().splitlines(),
    "WriteAllText": lambda p, t, *_: open(to_string(p), "w", encoding="utf-8").write(to_string(t)) and None,
}
_STATIC_TYPES["System.IO.Directory"] = {
    "Exists": lambda p: __import__("os").path.isdir(to_string(p)),
    "GetCurrentDirectory": lambda: __import__("os").getcwd(),
}


def _new_datetime(*a: Any) -> _dt.datetime:
    """[datetime]::new(ticks) / (y, m, d[, h, mi, s[, ms]])."""
    if len(a) == 1:
        return _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=int(to_number(a[0])) // 10)
    n = [int(to_number(x)) for x in a[:7]] + [0] * (7 - min(len(a), 7))
    return _dt.datetime(n[0], n[1], n[2], n[3], n[4], n[5], n[6] * 1000)


def _new_timespan(*a: Any) -> _dt.timedelta:
    """[timespan]::new(ticks) / (h, m, s) / (d, h, m, s[, ms])."""
    n = [to_number(x) for x in a]
    if len(n) == 1:
        return _dt.timedelta(microseconds=int(n[0]) // 10)
    if len(n) == 3:
        return _dt.timedelta(hours=n[0], minutes=n[1], seconds=n[2])
    return _dt.timedelta(days=n[0], hours=n[1], minutes=n[2], seconds=n[3], milliseconds=n[4] if len(n) > 4 else 0)


_STRPTIME = [("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "%m"),
             ("dddd", "%A"), ("ddd", "%a"), ("dd", "%d"), ("d", "%d"), ("HH", "%H"), ("H", "%H"), ("hh", "%I"),
             ("h", "%I"), ("mm", "%M"), ("m", "%M"), ("ss", "%S"), ("s", "%S"), ("tt", "%p"), ("zzz", "%z"),
             ("K", "%z")]


def _parse_exact(text: Any, formats: Any, *_: Any) -> _dt.datetime:
    """[datetime]::ParseExact(s, format(s), provider[, styles]) for the usual custom format tokens."""
    s = to_string(text)
    for fmt in (formats if isinstance(formats, (list, tuple)) else [formats]):
        f = to_string(fmt)
        out, i = [], 0
        while i < len(f):
            if f[i] in "'\"":
                j = f.find(f[i], i + 1)
                j = len(f) if j < 0 else j
                out.append(f[i + 1 : j].replace("%", "%%"))
                i = j + 1
                continue
            if f[i] == "f":
                j = i
                while j < len(f) and f[j] == "f":
                    j += 1
                out.append("%f")
                i = j
                continue
            for tok, rep in _STRPTIME:
                if f.startswith(tok, i):
                    out.append(rep)
                    i += len(tok)
                    break
            else:
                out.append("%%" if f[i] == "%" else f[i])
                i += 1
        try:
            d = _dt.datetime.strptime(s, "".join(out))
        except ValueError:
            continue
        return d.astimezone().replace(tzinfo=None) if d.tzinfo is not None else d
    raise ConversionError('Exception calling "ParseExact" with "3" argument(s): "String \'' + s
                          + '\' was not recognized as a valid DateTime."', error_id="FormatException",
                          reason="MethodInvocationException")


def _compare_strings(a: Any, b: Any, *rest: Any) -> int:
    x, y = to_string(a) if a is not None else None, to_string(b) if b is not None else None
    if x is None or y is None:
        return (x is not None) - (y is not None)
    if any(r is True or (isinstance(r, str) and "ignorecase" in r.lower()) for r in rest):
        x, y = x.lower(), y.lower()
    elif not any(isinstance(r, str) and r.lower() == "ordinal" for r in rest):
        # culture order: letters compare case-insensitively first, then lower case before upper
        kx, ky = (x.lower(), x.swapcase()), (y.lower(), y.swapcase())
        return 0 if kx == ky else (-1 if kx < ky else 1)
    return 0 if x == y else (-1 if x < y else 1)


_TIMESPAN_STATICS: dict[str, Any] = {
    "FromDays": lambda v: _dt.timedelta(days=to_number(v)), "FromHours": lambda v: _dt.timedelta(hours=to_number(v)),
    "FromMinutes": lambda v: _dt.timedelta(minutes=to_number(v)),
    "FromSeconds": lambda v: _dt.timedelta(seconds=to_number(v)),
    "FromMilliseconds": lambda v: _dt.timedelta(milliseconds=to_number(v)),
    "FromTicks": lambda v: _dt.timedelta(microseconds=int(to_number(v)) // 10),
    "Parse": lambda s, *_: _parse_timespan(to_string(s)), "Zero": _dt.timedelta(0), "New": _new_timespan,
    "MaxValue": _dt.timedelta.max, "MinValue": _dt.timedelta.min,
    "TicksPerSecond": 10_000_000, "TicksPerMillisecond": 10_000, "TicksPerMinute": 600_000_000,
    "TicksPerHour": 36_000_000_000, "TicksPerDay": 864_000_000_000,
}


_STATIC_TYPES["System.TimeSpan"] = _TIMESPAN_STATICS
_STATIC_TYPES["System.DBNull"] = {"Value": DBNULL}
_STATIC_TYPES["System.Management.Automation.Language.NullString"] = {"Value": NULL_STRING}
_STATIC_TYPES["System.Management.Automation.Internal.AutomationNull"] = {"Value": None}


def _static_table(type_ref: TypeRef) -> dict[str, Any]:
    return _STATIC_TYPES.get(type_ref.FullName) or _STATIC_TYPES.get(_canonical(type_ref.FullName)) or {}


def static_member(type_ref: TypeRef, name: str) -> Any:
    """[Type]::Member (a property or constant)."""
    members = _ENUMS.get(type_ref.FullName)
    if members is not None:
        return _to_enum(type_ref.FullName, name)
    table = _static_table(type_ref)
    for key, value in table.items():
        if key.lower() == name.lower():
            if isinstance(value, property):
                return value.fget()  # type: ignore[misc]
            if callable(value):
                return _MethodRef(type_ref, key, value)
            return value
    if type_ref.FullName in _INT_RANGES:
        lo, hi = _INT_RANGES[type_ref.FullName]
        if name.lower() == "maxvalue":
            return hi
        if name.lower() == "minvalue":
            return lo
    from pyshell.errors import RuntimeScriptError

    raise RuntimeScriptError(f"The property '{name}' cannot be found on type [{type_ref.FullName}].",
                             error_id="PropertyNotFound", category="InvalidOperation")


def call_static(type_ref: TypeRef, name: str, args: list[Any]) -> Any:
    """[Type]::Method(args)."""
    table = _static_table(type_ref)
    for key, value in table.items():
        if key.lower() == name.lower() and callable(value) and not isinstance(value, property):
            return value(*args)
    if name.lower() == "new":
        from pyshell.engine.generics import new_instance

        made = new_instance(type_ref.FullName, args)
        if made is not None:
            return made
        if _canonical(type_ref.FullName) in _CONVERTERS or _canonical(type_ref.FullName) in _INT_RANGES:
            return convert_to(type_ref.FullName, args[0] if len(args) == 1 else (args or None))
    from pyshell.errors import RuntimeScriptError

    raise RuntimeScriptError(
        f'Method invocation failed because [{type_ref.FullName}] does not contain a method named \'{name}\'.',
        error_id="MethodNotFound", category="InvalidOperation")


class _MethodRef:
    PS_TYPE_NAMES = ("System.Management.Automation.PSMethod", "System.Object")
    PS_PROPERTIES = ("Name",)

    def __init__(self, type_ref: TypeRef, name: str, fn: Callable[..., Any]) -> None:
        self.Name = name
        self.fn = fn
        self.type_ref = type_ref

    def ps_to_string(self) -> str:
        return f"static {self.Name}"
