"""Type literals: [int], [string[]], [datetime]... — casts, -is/-as checks and static members."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from typing import Any

from pyshell.engine.conversions import ConversionError, parse_number, to_bool, to_int, to_number, to_string
from pyshell.engine.datekind import unspecified
from pyshell.engine.enums import ENUM_TYPES, EnumType, EnumValue
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
from pyshell.numeric import INT_RANGES, BigInteger, PSDecimal, Single, range_message, to_decimal, typed_int

__all__ = ["add_using_namespace", "TypeRef", "resolve_type", "convert_to", "is_instance", "parse_datetime", "static_member", "call_static",
           "set_static_member",
           "register_enum", "enum_members"]

_ALIASES = {
    "int": "System.Int32", "int32": "System.Int32", "system.int32": "System.Int32",
    "long": "System.Int64", "int64": "System.Int64", "system.int64": "System.Int64",
    "short": "System.Int16", "int16": "System.Int16", "byte": "System.Byte", "sbyte": "System.SByte",
    "ushort": "System.UInt16", "uint16": "System.UInt16", "enum": "System.Enum",
    "uint": "System.UInt32", "uint32": "System.UInt32", "ulong": "System.UInt64", "uint64": "System.UInt64",
    "double": "System.Double", "float": "System.Single", "single": "System.Single", "decimal": "System.Decimal",
    "string": "System.String", "char": "System.Char", "bool": "System.Boolean", "boolean": "System.Boolean",
    "object": "System.Object", "psobject": "System.Management.Automation.PSObject",
    # [pscustomobject] is the PSObject type too (only a cast of a hashtable literal makes a custom object)
    "pscustomobject": "System.Management.Automation.PSObject", "hashtable": "System.Collections.Hashtable",
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
    "ref": "System.Management.Automation.PSReference", "wildcardpattern": "System.Management.Automation.WildcardPattern",
    "tuple": "System.Tuple", "valuetype": "System.ValueType", "console": "System.Console", "semver": "System.Management.Automation.SemanticVersion",
}

#: pwsh's builtin type accelerators by full name (the name ToStringCodeMethods.Type writes for the type)
_BUILTIN_ACCELERATOR = {
    "System.Int32": "int", "System.Int64": "long", "System.Int16": "short", "System.Byte": "byte",
    "System.SByte": "sbyte", "System.UInt16": "ushort", "System.UInt32": "uint", "System.UInt64": "ulong",
    "System.Double": "double", "System.Single": "float", "System.Decimal": "decimal", "System.String": "string",
    "System.Char": "char", "System.Boolean": "bool", "System.Object": "object", "System.Array": "array",
    "System.Management.Automation.PSObject": "psobject", "System.Collections.Hashtable": "hashtable",
    "System.DateTime": "datetime", "System.TimeSpan": "timespan", "System.Management.Automation.ScriptBlock": "scriptblock",
    "System.Text.RegularExpressions.Regex": "regex", "System.Management.Automation.SwitchParameter": "switch",
    "System.Void": "void", "System.Guid": "guid", "System.Version": "version", "System.Type": "type",
    "System.Numerics.BigInteger": "bigint", "System.Uri": "uri", "System.Net.IPAddress": "ipaddress",
    "System.Management.Automation.PSReference": "ref", "System.Management.Automation.WildcardPattern": "wildcardpattern",
    "System.Management.Automation.SemanticVersion": "semver", "System.Xml.XmlDocument": "xml",
}

_INT_RANGES = dict(INT_RANGES)

#: conversions that read a wrapped numeric literal argument by its text
_TOKEN_TEXT_TARGETS = frozenset({"System.String", "System.Version", "System.Management.Automation.SemanticVersion"})


def _canonical(name: str, _using: bool = True) -> str:
    n = name.strip().replace(" ", "")
    low = n.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low.startswith("system.") and low[7:] in _ALIASES:
        return _ALIASES[low[7:]]
    if low.endswith("[]"):
        return _canonical(n[:-2]) + "[]"
    rank = re.match(r"^(.*)(\[,+\])$", n)
    if rank:
        return _canonical(rank.group(1)) + rank.group(2)  # int[,] -> System.Int32[,]
    if not low.startswith("system.") and low.split(".")[0] in ("management", "collections", "io", "text", "diagnostics"):
        return "System." + n
    if not low.startswith("system.") and "[" not in n and not _known_type(n) and _known_type("System." + n):
        return "System." + n  # [ValueType], [IO.FileInfo]: pwsh also looks a name up under System.
    if "[" not in n and not _known_type(n):
        proper = _known_case(n)  # [system.diagnostics.stopwatch]: type names are case-insensitive
        if proper is not None:
            return proper
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


_CASE_INDEX: dict[str, str] = {}
_CASE_INDEX_SIZE = [0]


def _known_case(name: str) -> str | None:
    """The registered spelling of a type name written in another case; None when no such type is known."""
    sources = (_ENUMS, _INT_RANGES, _CONVERTERS, _STATIC_TYPES, _KNOWN_OTHER)
    size = sum(len(src) for src in sources)
    if size != _CASE_INDEX_SIZE[0]:
        _CASE_INDEX.clear()
        for src in sources:
            for key in src:
                _CASE_INDEX.setdefault(key.lower(), key)
        _CASE_INDEX_SIZE[0] = size
    return _CASE_INDEX.get(name.lower())


def _known_type(name: str) -> bool:
    return name in _ENUMS or name in _INT_RANGES or name in _CONVERTERS or name in _STATIC_TYPES \
        or name in _KNOWN_OTHER or name.lower() in _COLLECTION_TYPES


class TypeRef:
    """A type as a value: what `[int]` evaluates to; knows its full name."""

    PS_TYPE_NAMES = ("System.RuntimeType", "System.Type", "System.Object")
    PS_PROPERTIES = ("Name", "FullName", "Namespace", "BaseType", "IsPublic", "IsSerializable", "IsValueType", "IsEnum",
                     "IsArray", "IsClass", "IsInterface", "IsPrimitive", "IsGenericType", "UnderlyingSystemType")
    PS_METHODS = ("GetElementType", "GetArrayRank", "IsAssignableFrom", "IsSubclassOf", "IsInstanceOfType", "GetEnumNames",
                  "GetEnumValues", "GetEnumUnderlyingType", "MakeArrayType", "GetGenericArguments", "ToString")
    IsPublic = True
    #: -eq compares two type values by name, not by reference
    PS_VALUE_EQUALITY = True

    def __init__(self, name: str) -> None:
        self.FullName = _canonical(name)
        base, bracket, rest = self.FullName.partition("[")
        if bracket and rest.strip(",") == "]":
            self.Name = base.rsplit(".", 1)[-1] + "[" + rest  # Int32[] / Int32[,]
        elif bracket and rest != "]" and "`" not in base:
            # a generic type: List[int] is named List`1
            from pyshell.engine.generics import split_generic

            self.Name = base.rsplit(".", 1)[-1] + "`" + str(len(split_generic(self.FullName)[1]))
        else:
            self.Name = (base if "`" in base else self.FullName).rsplit(".", 1)[-1].rsplit("+", 1)[-1]
        self.IsArray = bool(bracket) and rest.strip(",") == "]"

    def ps_to_string(self) -> str:
        """Type.ToString(): a generic type shows its arity and full argument names (List`1[System.Int32])."""
        if self.IsGenericType:
            from pyshell.engine.generics import split_generic

            base = _canonical(self.FullName.partition("[")[0])
            args = [TypeRef(a).ps_to_string() for a in split_generic(self.FullName)[1]]
            return f"{base}`{len(args)}[{','.join(args)}]"
        return self.FullName

    def ps_as_string(self) -> str:
        """String conversion ("$([int])", [string][int]): pwsh's ToStringCodeMethods.Type writes the builtin
        accelerator name (int, hashtable), else the full name, recursing into array elements and generic arguments."""
        full = self.FullName
        if self.IsArray:
            base, _, rank = full.partition("[")
            return TypeRef(base).ps_as_string() + "[" + rank
        if self.IsGenericType:
            from pyshell.engine.generics import split_generic

            args = [TypeRef(a).ps_as_string() for a in split_generic(full)[1]]
            return f"{_canonical(full.partition('[')[0])}[{','.join(args)}]"
        return _BUILTIN_ACCELERATOR.get(full, full)

    # -- System.Type members (facts from engine/typeinfo.py) --
    @property
    def Namespace(self) -> str | None:  # noqa: N802 - .NET member names
        base = self.FullName.partition("[")[0]
        return base.rpartition(".")[0] or None

    @property
    def BaseType(self) -> TypeRef | None:  # noqa: N802
        from pyshell.engine.typeinfo import base_type_name

        name = base_type_name(self.FullName)
        return TypeRef(name) if name else None

    @property
    def IsSerializable(self) -> bool:  # noqa: N802
        from pyshell.engine.typeinfo import is_serializable

        return is_serializable(self.FullName)

    @property
    def IsValueType(self) -> bool:  # noqa: N802
        from pyshell.engine.typeinfo import is_value_type

        return is_value_type(self.FullName)

    @property
    def IsEnum(self) -> bool:  # noqa: N802
        return self.FullName in ENUM_TYPES

    @property
    def IsInterface(self) -> bool:  # noqa: N802
        from pyshell.engine.typeinfo import is_interface

        return is_interface(self.FullName)

    @property
    def IsClass(self) -> bool:  # noqa: N802
        return not (self.IsValueType or self.IsInterface)

    @property
    def IsPrimitive(self) -> bool:  # noqa: N802
        from pyshell.engine.typeinfo import is_primitive

        return is_primitive(self.FullName)

    @property
    def IsGenericType(self) -> bool:  # noqa: N802
        return "`" in self.Name

    @property
    def UnderlyingSystemType(self) -> TypeRef:  # noqa: N802
        return self

    def GetElementType(self) -> TypeRef | None:  # noqa: N802
        return TypeRef(self.FullName.partition("[")[0]) if self.IsArray else None

    def GetArrayRank(self) -> int:  # noqa: N802
        return self.FullName.count(",") + 1 if self.IsArray else 0

    def MakeArrayType(self) -> TypeRef:  # noqa: N802
        return TypeRef(self.FullName + "[]")

    def GetGenericArguments(self) -> list[TypeRef]:  # noqa: N802
        from pyshell.engine.generics import split_generic

        return [TypeRef(a) for a in split_generic(self.FullName)[1]] if self.IsGenericType else []

    def IsAssignableFrom(self, other: Any) -> bool:  # noqa: N802
        """Whether a value of type `other` can be stored where this type is expected (same type or a base)."""
        from pyshell.engine.typeinfo import ancestors

        if not isinstance(other, TypeRef):
            return False
        mine = self.FullName.lower()
        if mine == "system.object":
            return True
        if self.IsInterface:
            return is_instance_of_interface(other.FullName, self.FullName)
        return mine in (a.lower() for a in ancestors(other.FullName))

    def IsSubclassOf(self, other: Any) -> bool:  # noqa: N802
        return isinstance(other, TypeRef) and other != self and other.IsAssignableFrom(self)

    def IsInstanceOfType(self, value: Any) -> bool:  # noqa: N802
        return is_instance(value, self.FullName)

    def GetEnumNames(self) -> list[str]:  # noqa: N802
        return _typed_list(list(_enum_of(self).names), "System.String")

    def GetEnumValues(self) -> list[Any]:  # noqa: N802
        et = _enum_of(self)
        return _typed_list([et.make(v) for v in et.values], et.full_name)

    def GetEnumUnderlyingType(self) -> TypeRef:  # noqa: N802
        return TypeRef(_enum_of(self).underlying)

    def ToString(self) -> str:  # noqa: N802
        return self.ps_to_string()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypeRef) and other.FullName.lower() == self.FullName.lower()

    def __hash__(self) -> int:
        return hash(self.FullName.lower())


def _typed_list(items: list[Any], element: str) -> list[Any]:
    """An array with its .NET element type (String[], ConsoleColor[]...)."""
    from pyshell.engine.generics import TypedArray

    return TypedArray(items, element)


def resolve_type(name: str) -> TypeRef:
    return TypeRef(name)


def is_instance_of_interface(type_name: str, interface: str) -> bool:
    """Whether values of type_name implement a collection interface (arrays and lists are IList...)."""
    low, iface = type_name.lower(), interface.lower()
    listy = low.endswith("[]") or low in ("system.array", "system.collections.arraylist") or "generic.list" in low
    if iface in ("system.collections.ienumerable", "system.collections.icollection"):
        return listy or low == "system.string" and iface.endswith("ienumerable") or "dictionary" in low \
            or low == "system.collections.hashtable"
    if iface == "system.collections.ilist":
        return listy
    if iface == "system.collections.idictionary":
        return "dictionary" in low or low == "system.collections.hashtable"
    if iface in ("system.icomparable", "system.iconvertible", "system.iformattable"):
        from pyshell.engine.typeinfo import is_value_type

        return is_value_type(type_name) or low == "system.string" and iface != "system.iformattable"
    return False


def _to_type(value: Any) -> TypeRef:
    """[type]'int' / 'System.String' -as [type]: the type a name stands for."""
    if isinstance(value, TypeRef):
        return value
    if isinstance(value, str) and type_exists(value):
        return TypeRef(value)
    raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type "{(type_names(value) or ["System.Object"])[0]}" '
                          f'to type "System.Type".', error_id="InvalidCastFromStringToType")


_DT_FORMATS = (
    "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y",
    "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%A, %B %d, %Y %I:%M:%S %p", "%Y/%m/%d", "%H:%M:%S", "%H:%M",
)


def parse_datetime(text: str) -> _dt.datetime:
    s = text.strip()
    if s.endswith(("Z", "z")):  # .NET takes the UTC designator in either case
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
            return unspecified(d)  # no zone in the text: DateTimeKind.Unspecified (engine/datekind.py)
        except ValueError:
            continue
    from pyshell.engine.dtparse import parse_loose

    loose = parse_loose(text)
    if loose is not None:
        return loose
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
    days_only = re.match(r"^\s*(-)?(\d+)\s*$", text)
    if days_only:
        days = _dt.timedelta(days=int(days_only.group(2)))  # TimeSpan.Parse('31'): a number of days
        return -days if days_only.group(1) else days
    m = re.match(r"^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d+))?)?\s*$", text)
    if not m or int(m.group(3)) > 23 or int(m.group(4)) > 59 or int(m.group(5) or 0) > 59:
        raise ConversionError(f'Cannot convert value "{text}" to type "System.TimeSpan". Error: "String \'{text}\' was '
                              f'not recognized as a valid TimeSpan."', error_id="InvalidCastParseTargetInvocation")
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
    """[int]/[long]/[byte]... of a value: doubles round half to even, strings parse as numbers, enums
    give their value; the result carries the target type (see pyshell.numeric)."""
    if isinstance(value, PSChar):
        value = ord(value)
    if isinstance(value, EnumValue):
        value = value.value__
    if target == "System.Numerics.BigInteger" and isinstance(value, (float, PSDecimal)) and not isinstance(value, bool) \
            and not (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return BigInteger(int(value))  # (BigInteger)1.9 truncates, unlike [int]1.9
    if isinstance(value, PSDecimal):
        value = _round_half_even_decimal(value)
    if isinstance(value, str):
        n = parse_number(value)
        if n is None:
            raise _cast_error(value, target, f"The input string '{value}' was not in a correct format.")
        value = n
    try:
        result = to_int(value)
    except ConversionError:
        raise _cast_error(value, target) from None
    if target == "System.Numerics.BigInteger":
        return BigInteger(result)
    lo, hi = _INT_RANGES.get(target, (-(2**63), 2**63))
    if not lo <= result <= hi:
        raise ConversionError(f'Cannot convert value "{to_string(value)}" to type "{target}". Error: "{range_message(target)}"',
                              error_id="InvalidCastIConvertible")
    return typed_int(target, result) if target in _INT_RANGES else result


def _round_half_even_decimal(d: Any) -> int:
    from decimal import ROUND_HALF_EVEN

    return int(d.to_integral_value(rounding=ROUND_HALF_EVEN))


def _to_decimal(value: Any) -> PSDecimal:
    """[decimal] of a number or a numeric string (a string keeps its digits: [decimal]'1.10' is 1.10)."""
    if isinstance(value, EnumValue):
        value = value.value__
    if value is None:
        return PSDecimal(0)
    if isinstance(value, str) and not isinstance(value, PSChar):
        from decimal import Decimal, InvalidOperation

        text = value.strip()
        try:
            return PSDecimal(Decimal(text)) if text and text.lower() not in ("nan", "infinity", "-infinity", "inf") \
                else to_decimal(_to_double(text))
        except InvalidOperation:
            return to_decimal(_to_double(text))
    try:
        n = value if isinstance(value, PSDecimal) else to_number(value)
        return to_decimal(n)
    except OverflowError:
        raise ConversionError(f'Cannot convert value "{to_string(value)}" to type "System.Decimal". Error: '
                              f'"{range_message("System.Decimal")}"', error_id="InvalidCastIConvertible") from None


def _to_double(value: Any) -> float:
    if isinstance(value, str):
        s = value.strip()
        special = {"nan": math.nan, "infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf,
                   "\u221e": math.inf, "-\u221e": -math.inf}.get(s.lower())
        if special is not None:
            return special  # double.Parse reads NaN and (-)Infinity (the invariant culture's symbols)
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
    if isinstance(value, PSObject) and isinstance(value.base, Hashtable):
        return _to_hashtable(value.base, ordered)
    # a [pscustomobject] is no dictionary: [hashtable]$o fails in pwsh, so -as gives $null
    raise _cast_error(value, "System.Collections.Specialized.OrderedDictionary" if ordered else "System.Collections.Hashtable")


def _to_pscustomobject(value: Any) -> Any:
    if isinstance(value, Hashtable):
        items = [(k, v) for k, v in value.items() if not (isinstance(k, str) and k.casefold() == "pstypename")]
        obj = PSObject(items)
        if len(items) < len(value):  # @{PSTypeName='X'; ...}: a type name, not a property
            obj.type_names.insert(0, to_string(value["PSTypeName"]))
        return obj
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


def _create_scriptblock(text: Any) -> Any:
    """[scriptblock]::Create(text): a parse error comes out as the method's MethodInvocationException, whose
    FullyQualifiedErrorId is the exception's type name (ParseException / IncompleteParseException)."""
    from pyshell.errors import ParseError

    try:
        return _to_scriptblock(to_string(text))
    except ParseError as err:
        short = err.ps_type_name.rsplit(".", 1)[-1]
        where = ""
        if err.span is not None:
            width = max(1, min(err.span.end - err.span.start, len(err.span.line_text()) - err.span.column + 1))
            where = (f"At line:{err.span.line} char:{err.span.column}\n+ {err.span.line_text()}\n"
                     f"+ {' ' * (err.span.column - 1)}{'~' * width}\n")
        wrapped = _method_error("Create", 1, where + err.message, short)
        wrapped.inner_type = err.ps_type_name  # type: ignore[attr-defined]
        raise wrapped from None


def _to_regex(value: Any) -> Any:
    from pyshell.engine.operators import RegexValue
    from pyshell.errors import RuntimeScriptError

    if isinstance(value, RegexValue):
        return value
    try:
        return RegexValue(to_string(value))
    except RuntimeScriptError as err:  # Regex's constructor rejects the pattern: pwsh's cast error
        from pyshell.engine.regex_translate import regex_cast_error

        raise regex_cast_error(to_string(value), err) from None


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "System.String": lambda v: to_string(v),
    "System.Double": _to_double,
    "System.Single": lambda v: Single(_to_double(v)),
    "System.Decimal": _to_decimal,
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
    "System.Numerics.BigInteger": lambda v: _to_integer(v, "System.Numerics.BigInteger"),
    "System.Version": lambda v: _version_module().to_version(v),
    "System.Guid": lambda v: __import__("pyshell.engine.dotnet_ctors", fromlist=["to_guid"]).to_guid(v),
    "System.Uri": lambda v: __import__("pyshell.engine.uri", fromlist=["to_uri"]).to_uri(v),
    "System.Type": lambda v: _to_type(v),
    "System.Net.IPAddress": lambda v: __import__("pyshell.engine.ipaddr", fromlist=["to_ipaddress"]).to_ipaddress(v),
    "System.Management.Automation.PSTypeName": lambda v: __import__("pyshell.engine.dotnet_ctors",
                                                                    fromlist=["PSTypeName"]).PSTypeName(v),
    "System.Management.Automation.SemanticVersion": lambda v: _version_module().to_semver(v),
    "System.Management.Automation.PSReference": lambda v: __import__("pyshell.engine.psref", fromlist=["x"]).require_reference(v),
}


#: enum types: full name -> member names in declaration order
_ENUMS: dict[str, tuple[str, ...]] = {}


def register_enum(full_name: str, members: tuple[str, ...] | list[str], *short_names: str,
                  values: tuple[int, ...] | list[int] | None = None, flags: bool = False) -> None:
    """Make an enum type known: casts and parameter binding accept its member names (any case).

    values default to 0, 1, 2... in member order; flags=True makes it a [Flags] enum ("A, B").
    """
    names = tuple(members)
    _ENUMS[full_name] = names
    ENUM_TYPES[full_name] = EnumType(full_name, names, tuple(values) if values is not None else tuple(range(len(names))),
                                     flags)
    for short in short_names:
        _ALIASES[short.lower()] = full_name


def enum_members(type_name: str) -> tuple[str, ...] | None:
    """The member names of an enum type, or None when type_name is not a known enum."""
    return _ENUMS.get(_canonical(type_name))


def _enum_error(et: EnumType, text: str) -> ConversionError:
    return ConversionError(
        f'Cannot convert value "{text}" to type "{et.full_name}". Error: "Unable to match the identifier name {text} to '
        f'a valid enumerator name. Specify one of the following enumerator names and try again:\n'
        f'{", ".join(et.names)}"', error_id="InvalidCastFromStringToEnum")


def _to_enum(full_name: str, value: Any) -> EnumValue:
    """[SomeEnum]value: a member name (any case), "A, B" (or-ed), a number, or another enum's value."""
    et = ENUM_TYPES[full_name]
    if isinstance(value, EnumValue):
        if value.enum_type is et:
            return value
        value = value.value__
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value) and value:
        value = ",".join(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = to_int(value)
        if et.is_defined(n) or (et.flags and _flags_cover(et, n)):
            return et.make(n)
        raise ConversionError(
            f'Cannot convert value "{to_string(value)}" to type "{full_name}". Error: "Unable to match the identifier '
            f'name {to_string(value)} to a valid enumerator name. Specify one of the following enumerator names and try '
            f'again:\n{", ".join(et.names)}"', error_id="InvalidCastFromStringToEnum")
    text = to_string(value).strip()
    total = 0
    for part in text.split(","):
        p = part.strip()
        v = et.value_of(p)
        if v is None:
            n = parse_number(p) if p[:1].isdigit() or p[:1] == "-" else None
            if not isinstance(n, int) or not p:
                raise _enum_error(et, text)
            v = n
        total |= v
    return et.make(total)


_SHORT_INT_NAMES = {"System.SByte": "sbyte", "System.Byte": "byte", "System.Int16": "short", "System.UInt16": "ushort",
                    "System.Int32": "int", "System.UInt32": "uint", "System.Int64": "long", "System.UInt64": "ulong"}


def _define_script_enum(name: Any, underlying: Any, flags: Any, *members: Any) -> None:
    """What an `enum Name [: type] { ... }` statement runs: registers the type with its member values.

    members alternate name, initializer value (IMPLICIT: the previous value plus one, 0 first).
    """
    from pyshell.errors import RuntimeScriptError
    from pyshell.language.enumdecl import IMPLICIT

    full = to_string(name)
    utype = _canonical(to_string(underlying)) if underlying else "System.Int32"
    if utype not in _INT_RANGES:
        raise RuntimeScriptError(f"'{to_string(underlying)}' is not a valid underlying type for enums. Expected a "
                                 f"builtin integral type (one of byte, sbyte, short, ushort, int, uint, long or ulong)",
                                 error_id="InvalidUnderlyingType", category="InvalidOperation")
    short = _SHORT_INT_NAMES[utype]
    lo, hi = _INT_RANGES[utype]
    names: list[str] = []
    values: list[int] = []
    following = 0
    for member, raw in zip(members[::2], members[1::2], strict=True):
        member = to_string(member)
        if member.lower() in (n.lower() for n in names):
            raise RuntimeScriptError(f"The member '{member}' is already defined.", error_id="MemberAlreadyDefined",
                                     category="InvalidOperation")
        if isinstance(raw, str) and raw == IMPLICIT:
            value = following
        elif isinstance(raw, (int, float, EnumValue, PSDecimal)) and not isinstance(raw, bool):
            value = raw.value__ if isinstance(raw, EnumValue) else to_int(raw)
        else:
            raise RuntimeScriptError(f'Cannot convert the value to type "{short}".', error_id="CannotConvertValue",
                                     category="InvalidOperation")
        if not lo <= value <= hi:
            raise RuntimeScriptError(f"Enumerator value is either too large or too small for {short}.",
                                     error_id="EnumeratorValueOutOfBounds", category="InvalidOperation")
        names.append(member)
        values.append(value)
        following = value + 1
    register_enum(full, names, full, values=values, flags=bool(flags))
    ENUM_TYPES[full].underlying = utype


def _flags_cover(et: EnumType, n: int) -> bool:
    rest = n
    for v in et.values:
        if v > 0 and rest & v == v:
            rest &= ~v
    return rest == 0


register_enum("System.Management.Automation.ActionPreference",
              ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"), "ActionPreference")
register_enum("System.StringSplitOptions", ("None", "RemoveEmptyEntries", "TrimEntries"), "StringSplitOptions", flags=True)
register_enum("System.StringComparison",
              ("CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal",
               "OrdinalIgnoreCase"), "StringComparison")
register_enum("System.DayOfWeek",
              ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"), "DayOfWeek")
register_enum("System.Management.Automation.SplitOptions",
              ("SimpleMatch", "RegexMatch", "CultureInvariant", "IgnorePatternWhitespace", "Multiline", "Singleline",
               "IgnoreCase", "ExplicitCapture"), values=(1, 2, 4, 8, 16, 32, 64, 128), flags=True)
register_enum("System.ConsoleColor",
              ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
               "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"), "ConsoleColor")
register_enum("System.IO.FileAttributes",
              ("ReadOnly", "Hidden", "System", "Directory", "Archive", "Device", "Normal", "Temporary", "SparseFile",
               "ReparsePoint", "Compressed", "Offline", "NotContentIndexed", "Encrypted", "IntegrityStream", "NoScrubData"),
              values=(1, 2, 4, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 131072), flags=True)
register_enum("System.Management.Automation.CommandTypes",
              ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "Configuration", "All"),
              "CommandTypes", values=(1, 2, 4, 8, 16, 32, 64, 256, 383), flags=True)
register_enum("System.Management.Automation.ErrorCategory",
              ("NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument",
               "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented",
               "NotInstalled", "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError",
               "PermissionDenied", "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError",
               "FromStdErr", "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError",
               "LimitsExceeded", "QuotaExceeded", "NotEnabled"))
register_enum("System.Management.Automation.ConfirmImpact", ("None", "Low", "Medium", "High"), "ConfirmImpact")
register_enum("System.MidpointRounding", ("ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"),
              "MidpointRounding")
register_enum("System.Security.AccessControl.AceFlags",
              ("None", "ObjectInherit", "ContainerInherit", "NoPropagateInherit", "InheritOnly", "InheritanceFlags",
               "Inherited", "SuccessfulAccess", "FailedAccess", "AuditFlags"),
              values=(0, 1, 2, 4, 8, 15, 16, 64, 128, 192), flags=True)
ENUM_TYPES["System.Security.AccessControl.AceFlags"].underlying = "System.Byte"
register_enum("System.Reflection.MemberTypes",
              ("Constructor", "Event", "Field", "Method", "Property", "TypeInfo", "Custom", "NestedType", "All"),
              values=(1, 2, 4, 8, 16, 32, 64, 128, 191), flags=True)
register_enum("System.Reflection.BindingFlags",
              ("Default", "IgnoreCase", "DeclaredOnly", "Instance", "Static", "Public", "NonPublic", "FlattenHierarchy",
               "InvokeMethod", "CreateInstance", "GetField", "SetField", "GetProperty", "SetProperty",
               "PutDispProperty", "PutRefDispProperty", "ExactBinding", "SuppressChangeType", "OptionalParamBinding",
               "IgnoreReturn", "DoNotWrapExceptions"),
              values=(0, 1, 2, 4, 8, 16, 32, 64, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072,
                      262144, 16777216, 33554432), flags=True)
register_enum("System.DateTimeKind", ("Unspecified", "Utc", "Local"), "DateTimeKind")
register_enum("System.Globalization.CompareOptions",
              ("None", "IgnoreCase", "IgnoreNonSpace", "IgnoreSymbols", "IgnoreKanaType", "IgnoreWidth",
               "OrdinalIgnoreCase", "StringSort", "Ordinal"), "Globalization.CompareOptions",
              values=(0, 1, 2, 4, 8, 16, 0x10000000, 0x20000000, 0x40000000), flags=True)
register_enum("System.IO.FileMode", ("CreateNew", "Create", "Open", "OpenOrCreate", "Truncate", "Append"),
              values=(1, 2, 3, 4, 5, 6))
register_enum("System.Text.RegularExpressions.RegexOptions",
              ("None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline", "IgnorePatternWhitespace",
               "RightToLeft", "ECMAScript", "CultureInvariant"), "RegexOptions",
              values=(0, 1, 2, 4, 8, 16, 32, 64, 256, 512), flags=True)


_NULLABLE_REFERENCE_TYPES = {"System.Version", "System.Uri", "System.Management.Automation.SemanticVersion",
                             "System.Net.IPAddress", "System.Type", "System.Text.RegularExpressions.Regex",
                             "System.Management.Automation.ScriptBlock"}
_CUSTOM_OBJECT_NAMES = ("pscustomobject", "system.management.automation.pscustomobject",
                        "management.automation.pscustomobject")


def convert_to(type_name: str, value: Any) -> Any:
    """Cast value to the named type as PowerShell's [type] conversion does.

    :raises ConversionError: with PowerShell's message when the conversion is impossible.
    """
    if type_name.strip().lower() in _CUSTOM_OBJECT_NAMES:
        from pyshell.engine.objects import unwrap

        return _to_pscustomobject(unwrap(value))  # [pscustomobject]@{...}: the property bag
    name = _canonical(type_name)
    if name in _TOKEN_TEXT_TARGETS and type(value).__name__ == "PSObject" and value.text is not None \
            and isinstance(value.base, (int, float, PSDecimal)):
        value = value.text  # a literal argument (0x10, 1.10) converts as written, as PSObject.TokenText does
    if name.lower() not in ("system.management.automation.psobject", "system.object"):
        from pyshell.engine.objects import unwrap

        value = unwrap(value)
    if name in _ENUMS:
        return _to_enum(name, value)
    if name.endswith("[]"):
        return None if value is None else _to_array(value, name[:-2])  # [int[]]$null stays $null; @() of it has one
    if _is_delegate(name):
        return _to_delegate(name, value)
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
            return typed_int(name, 0)
        if isinstance(value, (list, tuple)):
            if len(value) == 1:
                return _to_integer(value[0], name)
            raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type "System.Object[]" to type "{name}".')
        return _to_integer(value, name)
    if name == "System.Void":
        return None
    conv = _CONVERTERS.get(name)
    if conv is not None:
        if value is None and name in _NULLABLE_REFERENCE_TYPES:
            return None  # [version]$null, [uri]$null: a reference type holds $null
        if value is None and name in ("System.Double", "System.Single", "System.Decimal", "System.Numerics.BigInteger"):
            return {"System.Double": 0.0, "System.Single": Single(0.0), "System.Decimal": PSDecimal(0)}.get(name, BigInteger(0))
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


_DELEGATES = ("system.predicate", "system.converter", "system.func", "system.action", "system.comparison",
              "system.text.regularexpressions.matchevaluator", "system.eventhandler", "system.threading.threadstart")


def _is_delegate(name: str) -> bool:
    """Delegate types a script block converts to ([Predicate[int]], [Func[int,int]], [MatchEvaluator])."""
    low = name.lower().partition("[")[0]
    if not low.startswith("system."):
        low = "system." + low
    return low in _DELEGATES or low.endswith(".matchevaluator")


def _to_delegate(name: str, value: Any) -> Any:
    """A script block stands in for a delegate: methods taking one call it with their arguments."""
    from pyshell.engine.scriptblock import ScriptBlock

    if isinstance(value, ScriptBlock) or value is None:
        return value
    from pyshell.engine.generics import split_generic

    base, args = name.partition("[")[0], split_generic(name)[1]
    base = base if base.lower().startswith("system.") else "System." + base
    shown = f"{base}`{len(args)}[{','.join(_canonical(a) for a in args)}]" if args else base
    raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type "{(type_names(value) or ["System.Object"])[0]}" '
                          f'to type "{shown}".', error_id="ConvertToFinalInvalidCastException")


def type_exists(type_name: str) -> bool:
    name = _canonical(type_name)
    base = name[:-2] if name.endswith("[]") else name
    if _is_delegate(base):
        return True
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
    "System.ValueType", "System.RuntimeType", "System.Collections.IEnumerable", "System.Collections.ICollection",
    "System.Collections.IList", "System.Collections.IDictionary", "System.IComparable", "System.IConvertible",
    "System.IFormattable", "System.Management.Automation.PSReference", "System.SystemException",
    "System.IO.FileSystemInfo", "System.Delegate", "System.MulticastDelegate", "System.Tuple",
    "System.Management.Automation.WildcardPattern", "System.Management.Automation.Host.Coordinates",
    "System.Management.Automation.Host.Size", "System.Diagnostics.Stopwatch", "System.Net.IPAddress",
    "System.Runtime.InteropServices.Marshal", "System.Management.Automation.Platform",
    "Microsoft.PowerShell.Commands.FileSystemProvider",
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
    if low == "system.management.automation.pscustomobject":
        return isinstance(value, PSObject) and value.base is None
    if low == "system.management.automation.psobject":
        return isinstance(value, PSObject)  # a value wrapped in a PSObject (a bare 1 or 'a' is not)
    if low == "system.array" or low.endswith("[]") or low.endswith(",]"):
        return _is_array_of(value, name)
    if low in ("system.valuetype",):
        return isinstance(value, (int, float, bool, _dt.datetime, _dt.timedelta, PSDecimal, EnumValue, PSChar))
    if low in ("system.collections.idictionary",):
        return isinstance(value, Hashtable)
    if low in ("system.collections.ienumerable", "system.collections.icollection", "system.collections.ilist"):
        return isinstance(value, (list, tuple, Hashtable)) or (low == "system.collections.ienumerable" and isinstance(value, str))
    if low in ("system.int32", "system.int64") and isinstance(value, int) and not isinstance(value, bool):
        return type_names(value)[0].lower() == low
    names = [n.lower() for n in type_names(value)]
    if isinstance(value, PSObject) and value.base is not None:  # -is tests the wrapped object's own type
        names += [n.lower() for n in type_names(value.base)]
    if low in names:
        return True
    if low == "system.exception":
        return any(n.endswith("exception") for n in names)
    return any(n.endswith("." + low) for n in names) or any(n.split(".")[-1] == low for n in names)


def _is_array_of(value: Any, name: str) -> bool:
    """`-is [array]` / `-is [T[]]`: by the array's own element type, as .NET does ((1, 2) is an object[], not an
    int[]; a string[] is also an object[], an int[] is not)."""
    from pyshell.engine.generics import TypedArray
    from pyshell.engine.mdarray import MultiArray
    from pyshell.engine.typeinfo import ancestors, is_value_type

    if not (type(value) in (list, tuple) or isinstance(value, (TypedArray, MultiArray))):
        return False
    low = name.lower()
    if low == "system.array":
        return True
    ranks = name[name.rindex("[") :]
    if ranks != (f"[{',' * (len(value.dims) - 1)}]" if isinstance(value, MultiArray) else "[]"):
        return False
    want = name[: name.rindex("[")]
    have = getattr(value, "element", None) or "System.Object"
    if have.lower() == want.lower():
        return True
    if is_value_type(have) or is_value_type(want):
        return False
    return want.lower() in (a.lower() for a in ancestors(have))


# -- static members --------------------------------------------------------------------------

def _is_culture_arg(value: Any) -> bool:
    return type(value).__module__ == "pyshell.engine.culture"


def _parse_number_with(conv: Callable[[str], Any]) -> Callable[..., Any]:
    """[double]::Parse(s[, styles][, provider]): a culture's separators are read before converting."""
    def parse(s: Any, a: Any = None, b: Any = None) -> Any:
        text = to_string(s)
        provider = next((x for x in (a, b) if _is_culture_arg(x)), None)
        if provider is not None:
            from pyshell.engine.culture_format import delocalize_number

            text = delocalize_number(text, provider)
        return conv(text)

    return parse


def _math_round(x: Any, digits: Any = 0, mode: Any = None) -> Any:
    """[Math]::Round(x[, digits][, MidpointRounding]): half to even unless a mode says otherwise;
    a [decimal] stays decimal, anything else gives a double."""
    from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

    if isinstance(digits, str) and mode is None:
        digits, mode = 0, digits  # Round(x, mode)
    d = to_int(digits)
    if not 0 <= d <= (28 if isinstance(x, PSDecimal) else 15):
        raise _method_error("Round", 2 + (mode is not None), "Rounding digits must be between 0 and 15, inclusive. "
                            "(Parameter 'digits')", "ArgumentOutOfRangeException")
    rounding = ROUND_HALF_EVEN
    if mode is not None:
        m = _to_enum("System.MidpointRounding", mode)
        rounding = (ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_DOWN, ROUND_FLOOR, ROUND_CEILING)[m.value__]
    if isinstance(x, PSDecimal):
        return PSDecimal(x.quantize(Decimal(1).scaleb(-d), rounding=rounding))
    v = float(to_number(x))
    if math.isnan(v) or math.isinf(v):
        return v
    # as .NET does: scale by 10^digits in double arithmetic, round to an integer, scale back
    power = 10.0**d
    scaled = v * power if d else v
    if abs(scaled) >= 2.0**52:
        return v
    whole = float(Decimal(repr(scaled)).quantize(Decimal(1), rounding=rounding))
    return whole / power if d else whole


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
        "Parse": lambda s, *rest: _parse_datetime_with(s, *rest[:2]), "MinValue": unspecified(_dt.datetime.min),
        "MaxValue": unspecified(_dt.datetime.max),
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
        "Format": lambda fmt, *args: _string_format(fmt, *args),
        "Concat": lambda *a: "".join(to_string(x) for x in a),
        "New": lambda *a: _new_string(*a),
        "Compare": lambda *a: _compare_strings(*a),
        "Equals": lambda a, b, *r: (a is None and b is None) or (
            a is not None and b is not None and (to_string(a).lower() == to_string(b).lower() if any(
                isinstance(x, str) and "ignorecase" in x.lower() for x in r) else to_string(a) == to_string(b))),
    },
    "System.Int32": {"MaxValue": 2**31 - 1, "MinValue": -(2**31)},
    "System.Single": {"MaxValue": Single(3.4028234663852886e38), "MinValue": Single(-3.4028234663852886e38),
                      "Epsilon": Single(1.401298464324817e-45), "NaN": Single(math.nan),
                      "PositiveInfinity": Single(math.inf), "NegativeInfinity": Single(-math.inf),
                      "Parse": _parse_number_with(lambda t: Single(_to_double(t)))},
    "System.Decimal": {"MaxValue": PSDecimal("79228162514264337593543950335"),
                       "MinValue": PSDecimal("-79228162514264337593543950335"), "Zero": PSDecimal(0), "One": PSDecimal(1),
                       "MinusOne": PSDecimal(-1), "Parse": _parse_number_with(_to_decimal)},
    "System.Management.Automation.Language.ScriptEnum": {"Define": lambda *a: _define_script_enum(*a)},
    "System.Numerics.BigInteger": {
        "Pow": lambda v, e: BigInteger(_to_integer(v, "System.Numerics.BigInteger") ** to_int(e)),
        "Parse": lambda v, *_: _to_integer(to_string(v), "System.Numerics.BigInteger"),
        "Abs": lambda v: BigInteger(abs(_to_integer(v, "System.Numerics.BigInteger"))),
        "Zero": BigInteger(0), "One": BigInteger(1), "MinusOne": BigInteger(-1),
    },
    "System.Enum": {
        "GetNames": lambda t: _typed_list(list(_enum_of(t).names), "System.String"),
        "GetValues": lambda t: _typed_list([_enum_of(t).make(v) for v in _enum_of(t).values], _enum_of(t).full_name),
        "GetName": lambda t, v: _enum_name(_enum_of(t), v),
        "Parse": lambda t, v, *ic: _to_enum(_enum_of(t).full_name, v),
        "TryParse": lambda *a: _enum_try_parse(*a),
        "IsDefined": lambda t, v: _enum_is_defined(_enum_of(t), v),
        "ToObject": lambda t, v: _enum_of(t).make(to_int(v)),
        "GetUnderlyingType": lambda t: TypeRef(_enum_of(t).underlying),
        "Format": lambda t, v, f: _enum_format(_enum_of(t), v, to_string(f)),
    },
    "System.Double": {"MaxValue": 1.7976931348623157e308, "MinValue": -1.7976931348623157e308, "NaN": math.nan,
                      "PositiveInfinity": math.inf, "NegativeInfinity": -math.inf, "Parse": _parse_number_with(_to_double),
                      "IsNaN": lambda x: math.isnan(to_number(x))},
    "System.Environment": {
        "MachineName": property(lambda: __import__("os").environ.get("PYSHELL_COMPUTERNAME") or __import__("socket").gethostname()),
        "UserName": property(lambda: __import__("getpass").getuser()),
        "NewLine": "\n", "ProcessorCount": property(lambda: __import__("os").cpu_count()),
        "CurrentDirectory": property(lambda: __import__("os").getcwd()),
        "GetEnvironmentVariable": lambda n, *_: __import__("os").environ.get(to_string(n)),
        "SetEnvironmentVariable": lambda n, v, *_: _set_environment_variable(n, v),
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
    "System.Convert": {
        "ToInt32": lambda v, base=None: _convert_int(v, base, "System.Int32"),
        "ToInt64": lambda v, base=None: _convert_int(v, base, "System.Int64"),
        "ToInt16": lambda v, base=None: _convert_int(v, base, "System.Int16"),
        "ToByte": lambda v, base=None: _convert_int(v, base, "System.Byte"),
        "ToSByte": lambda v, base=None: _convert_int(v, base, "System.SByte"),
        "ToUInt16": lambda v, base=None: _convert_int(v, base, "System.UInt16"),
        "ToUInt32": lambda v, base=None: _convert_int(v, base, "System.UInt32"),
        "ToUInt64": lambda v, base=None: _convert_int(v, base, "System.UInt64"),
        "ToDecimal": lambda v: _to_decimal(v), "ToSingle": lambda v: Single(_to_double(v)),
        "ToString": lambda v, base=None: _convert_to_base(v, base) if base is not None else to_string(v),
        "ToBase64String": lambda b: __import__("base64").b64encode(bytes(b)).decode(),
        "FromBase64String": lambda s: _from_base64(s),
        "ToDouble": lambda v: _to_double(v), "ToBoolean": lambda v: to_bool(v),
    },
    "System.Text.Encoding": {},
    "System.Management.Automation.ScriptBlock": {
        "Create": lambda text: _create_scriptblock(text),
    },
    "System.Threading.Thread": {"Sleep": lambda ms: __import__("time").sleep(to_number(ms) / 1000)},
    "System.Console": {
        "WriteLine": lambda *a: print(*(to_string(x) for x in a)),
        "WindowWidth": property(lambda: __import__("shutil").get_terminal_size((120, 50)).columns),
        "WindowHeight": property(lambda: __import__("shutil").get_terminal_size((120, 50)).lines),
        "BufferWidth": property(lambda: __import__("shutil").get_terminal_size((120, 50)).columns),
        "BufferHeight": property(lambda: __import__("shutil").get_terminal_size((120, 50)).lines),
        "IsOutputRedirected": property(lambda: not __import__("sys").stdout.isatty()),
        "IsInputRedirected": property(lambda: not __import__("sys").stdin.isatty()),
        "IsErrorRedirected": property(lambda: not __import__("sys").stderr.isatty()),
    },
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


def _set_environment_variable(name: Any, value: Any) -> None:
    """[Environment]::SetEnvironmentVariable(n, v): an empty or $null value removes the variable."""
    import os

    key = to_string(name)
    if value is None or to_string(value) == "":
        os.environ.pop(key, None)
    else:
        os.environ[key] = to_string(value)


def _from_base64(text: Any) -> list[Any]:
    """[Convert]::FromBase64String(s): a byte[]; bad input is .NET's FormatException."""
    import base64
    import binascii

    from pyshell.engine.generics import TypedArray

    s = "".join(to_string(text).split())
    try:
        raw = base64.b64decode(s, validate=True)
    except (binascii.Error, ValueError):
        raise _method_error("FromBase64String", 1, "The input is not a valid Base-64 string as it contains a non-base 64 "
                            "character, more than two padding characters, or an illegal character among the padding "
                            "characters.", "FormatException") from None
    return TypedArray([typed_int("System.Byte", b) for b in raw], "System.Byte")


def _convert_int(value: Any, base: Any, target: str) -> int:
    """[Convert]::ToInt32(value[, fromBase]): a string in base 2/8/16 reads as the type's two's complement."""
    if base is None:
        return _to_integer(value, target)
    text = to_string(value).strip()
    b = to_int(base)
    if b == 16 and text[:2].lower() == "0x":
        text = text[2:]
    n = int(text, b)
    lo, hi = _INT_RANGES[target]
    bits = (hi - lo).bit_length()
    if lo < 0 and n >> (bits - 1) and n < 1 << bits:
        n -= 1 << bits  # "FFFFFFFF" from base 16 is -1
    if not lo <= n <= hi:
        raise _method_error(f"To{target[7:]}", 2, range_message(target), "OverflowException")
    return typed_int(target, n)


def _convert_to_base(value: Any, base: Any) -> str:
    """[Convert]::ToString(n, 2|8|16): negative numbers as their type's two's complement."""
    n = to_int(value)
    if n < 0:
        width = 64 if (type_names(value) or [""])[0] in ("System.Int64", "System.UInt64") or n < -(2**31) else 32
        n += 1 << width
    return format(n, {2: "b", 8: "o", 16: "x"}[to_int(base)])


def _new_string(*a: Any) -> str:
    """[string]::new(char, count) / (char[]) / (char[], start, length)."""
    if len(a) == 2 and not isinstance(a[0], (list, tuple)):
        return to_string(a[0]) * to_int(a[1])
    chars = "".join(to_string(c) for c in (a[0] if isinstance(a[0], (list, tuple)) else [a[0]])) if a else ""
    if len(a) == 3:
        start = to_int(a[1])
        return chars[start : start + to_int(a[2])]
    return chars


def _enum_of(t: Any) -> EnumType:
    """The enum type named by an [enum]:: method's type argument ([ConsoleColor] or 'ConsoleColor')."""
    name = _canonical(t.FullName if isinstance(t, TypeRef) else to_string(t))
    et = ENUM_TYPES.get(name)
    if et is None:
        raise ConversionError('Exception calling "GetValues" with "1" argument(s): "Type provided must be an Enum. '
                              '(Parameter \'enumType\')"', error_id="ArgumentException", reason="MethodInvocationException")
    return et


def _enum_name(et: EnumType, v: Any) -> str | None:
    n = v.value__ if isinstance(v, EnumValue) else to_int(v)
    return et._first_name.get(n)


def _enum_is_defined(et: EnumType, v: Any) -> bool:
    if isinstance(v, EnumValue):
        return et.is_defined(v.value__)
    if isinstance(v, str):
        return et.value_of(v) is not None
    return et.is_defined(to_int(v))


def _enum_try_parse(t: Any, text: Any, *rest: Any) -> bool:
    """[enum]::TryParse(type, text[, ignoreCase], [ref]result): whether text names members of the enum."""
    try:
        value = _to_enum(_enum_of(t).full_name, to_string(text))
    except ConversionError:
        value = None
    ref = rest[-1] if rest else None
    if ref is not None and hasattr(ref, "Value"):
        ref.Value = value
    return value is not None


def _enum_format(et: EnumType, v: Any, fmt: str) -> str:
    """[enum]::Format(type, value, 'G'|'D'|'X'|'F')."""
    n = v.value__ if isinstance(v, EnumValue) else (et.value_of(v) if isinstance(v, str) else to_int(v))
    f = fmt.upper()
    if f == "D":
        return str(n)
    if f == "X":
        return format(n & 0xFFFFFFFF, "08X")
    return et.name_of(int(n or 0))


def _new_datetime(*a: Any) -> _dt.datetime:
    """[datetime]::new(...) with the DateTimeKind argument honoured (Unspecified when none is given)."""
    from pyshell.engine.datekind import local

    kind = to_string(a[-1]).casefold() if len(a) in (2, 8, 9) and not _is_numeric_arg(a[-1]) else None
    d = _new_datetime_value(*(a[:-1] if kind else a))
    if kind == "utc":
        return d.replace(tzinfo=_dt.UTC)
    return local(d) if kind == "local" else unspecified(d)


def _is_numeric_arg(v: Any) -> bool:
    from pyshell.engine.objects import unwrap

    v = unwrap(v)
    return isinstance(v, (int, float)) and not isinstance(v, str)


def _new_datetime_value(*a: Any) -> _dt.datetime:
    """[datetime]::new() / (ticks) / (y, m, d[, h, mi, s[, ms[, µs]]])."""
    if not a:
        return _dt.datetime(1, 1, 1)  # default(DateTime): 01/01/0001 00:00:00
    if len(a) == 1:
        return _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=int(to_number(a[0])) // 10)
    n = [int(to_number(x)) for x in a[:8]] + [0] * (8 - min(len(a), 8))
    try:
        return _dt.datetime(n[0], n[1], n[2], n[3], n[4], n[5], n[6] * 1000 + n[7])
    except ValueError:
        time_ok = 0 <= n[3] < 24 and 0 <= n[4] < 60 and 0 <= n[5] < 60
        part = "Year, Month, and Day" if time_ok else "Hour, Minute, and Second"
        text = f"{part} parameters describe an un-representable DateTime."
        raise _method_error(".ctor", len(a), text, "ArgumentOutOfRangeException") from None


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


def _parse_datetime_with(s: Any, provider: Any = None, styles: Any = None) -> _dt.datetime:
    """[datetime]::Parse(s[, provider]): a culture's short date pattern first (de-DE reads 05.03.2024 as 5 March)."""
    text = to_string(s)
    if _is_culture_arg(provider) and getattr(provider, "Name", "") not in ("", "en-US"):
        from pyshell.engine.culture_format import date_patterns

        try:
            return _parse_exact(text, date_patterns(provider))
        except ConversionError:
            pass
    return parse_datetime(text)


def _string_format(fmt: Any, *args: Any) -> str:
    """[string]::Format(fmt, args...) and [string]::Format(provider, fmt, args...)."""
    from pyshell.engine.operators import format_string

    provider = None
    if type(fmt).__module__ == "pyshell.engine.culture" and args:
        provider, fmt, args = fmt, args[0], args[1:]
    items = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    return format_string(to_string(fmt), items, provider)


def _compare_strings(a: Any, b: Any, *rest: Any) -> int:
    x, y = to_string(a) if a is not None else None, to_string(b) if b is not None else None
    if x is None or y is None:
        return (x is not None) - (y is not None)
    if any(r is True or (isinstance(r, str) and "ignorecase" in r.lower()) for r in rest):
        x, y = x.lower(), y.lower()
    elif not any(isinstance(r, str) and r.lower() == "ordinal" for r in rest):
        from pyshell.engine.collation import culture_compare

        return culture_compare(x, y, case_sensitive=True)  # the one culture order -lt and Sort-Object use
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


def _version_module() -> Any:
    from pyshell.engine import version

    return version


def _new_version(*a: Any) -> Any:
    """[version]::new('1.2.3') / (major, minor[, build[, revision]])."""
    v = _version_module()
    if len(a) == 1:
        return v.to_version(a[0])
    if not 2 <= len(a) <= 4:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("new", len(a))
    nums = [to_int(x) for x in a]
    if any(n < 0 for n in nums):
        raise _method_error(".ctor", len(a), "Version's parameters must be greater than or equal to zero. "
                                             f"(Parameter '{('major', 'minor', 'build', 'revision')[next(i for i, n in enumerate(nums) if n < 0)]}')",
                            "ArgumentOutOfRangeException")
    return v.Version(*nums)


_STATIC_TYPES["System.Management.Automation.SemanticVersion"] = {
    "New": lambda *a: _version_module().to_semver(a[0]) if len(a) == 1 else _version_module().SemanticVersion(
        *[to_int(x) for x in a[:3]], *[to_string(x) if x is not None else None for x in a[3:5]]),
    "Parse": lambda s: _version_module().to_semver(to_string(s)),
}
_STATIC_TYPES["System.Version"] = {"New": _new_version, "Parse": lambda s: _version_module().to_version(to_string(s))}
_STATIC_TYPES["System.TimeSpan"] = _TIMESPAN_STATICS
_STATIC_TYPES["System.DBNull"] = {"Value": DBNULL}
_STATIC_TYPES["System.Management.Automation.Language.NullString"] = {"Value": NULL_STRING}
_STATIC_TYPES["System.Management.Automation.Internal.AutomationNull"] = {"Value": None}


#: statics of engine/misc_statics.py ([char]::IsDigit, [bool]::Parse, [object]::ReferenceEquals, Marshal, Platform...)
_MISC_STATIC_NAMES = {"System.Char", "System.Boolean", "System.Object", "System.Runtime.InteropServices.Marshal",
                      "System.Management.Automation.Platform", "Microsoft.PowerShell.Commands.FileSystemProvider"}
_LAZY_STATICS = {"System.IO.FileInfo", "System.IO.DirectoryInfo", "System.Management.Automation.WildcardPattern",
                 "System.Tuple", "System.Management.Automation.Host.Coordinates", "System.Management.Automation.Host.Size",
                 "System.Guid"}


_MATH_LOADED: list[bool] = []


def _load_math_statics() -> None:
    """The full [Math]/[double]/[decimal] statics (engine/mathstatics.py), merged in on first use."""
    from pyshell.engine.mathstatics import DECIMAL_STATICS, DOUBLE_STATICS, MATH_STATICS

    _STATIC_TYPES["System.Math"].update(MATH_STATICS)
    _STATIC_TYPES["System.Double"].update(DOUBLE_STATICS)
    _STATIC_TYPES["System.Decimal"].update(DECIMAL_STATICS)
    _MATH_LOADED.append(True)


_IO_LOADED: list[bool] = []


def _load_io_statics() -> None:
    """The rest of [IO.Path]/[IO.File]/[IO.Directory] and [Environment]::GetFolderPath (engine/iostatics.py)."""
    from pyshell.engine.iostatics import DIRECTORY_STATICS, FILE_STATICS, PATH_STATICS, get_folder_path

    _STATIC_TYPES["System.IO.Path"].update(PATH_STATICS)
    _STATIC_TYPES["System.IO.File"].update(FILE_STATICS)
    _STATIC_TYPES["System.IO.Directory"].update(DIRECTORY_STATICS)
    _STATIC_TYPES["System.Environment"]["GetFolderPath"] = get_folder_path
    _IO_LOADED.append(True)


def _static_table(type_ref: TypeRef) -> dict[str, Any]:
    if not _MATH_LOADED and type_ref.FullName in ("System.Math", "System.Double", "System.Decimal"):
        _load_math_statics()
    if not _IO_LOADED and type_ref.FullName in ("System.IO.Path", "System.IO.File", "System.IO.Directory",
                                                "System.Environment"):
        _load_io_statics()
    if type_ref.FullName == "System.Array" and "System.Array" not in _STATIC_TYPES:
        from pyshell.engine.arrays import ARRAY_STATICS

        _STATIC_TYPES["System.Array"] = ARRAY_STATICS
    elif type_ref.FullName == "System.Text.Encoding" and not _STATIC_TYPES.get("System.Text.Encoding"):
        from pyshell.engine.encoding import ENCODING_STATICS

        _STATIC_TYPES["System.Text.Encoding"] = ENCODING_STATICS
    elif type_ref.FullName == "System.Text.RegularExpressions.Regex" and "System.Text.RegularExpressions.Regex" \
            not in _STATIC_TYPES:
        from pyshell.engine.regex_api import REGEX_STATICS

        _STATIC_TYPES["System.Text.RegularExpressions.Regex"] = REGEX_STATICS
    elif type_ref.FullName == "System.Uri" and "System.Uri" not in _STATIC_TYPES:
        from pyshell.engine.uri import URI_STATICS

        _STATIC_TYPES["System.Uri"] = URI_STATICS
    elif type_ref.FullName == "System.Diagnostics.Stopwatch" and "System.Diagnostics.Stopwatch" not in _STATIC_TYPES:
        from pyshell.engine.stopwatch import STOPWATCH_STATICS

        _STATIC_TYPES["System.Diagnostics.Stopwatch"] = STOPWATCH_STATICS
    elif type_ref.FullName == "System.Net.IPAddress" and "System.Net.IPAddress" not in _STATIC_TYPES:
        from pyshell.engine.ipaddr import IPADDRESS_STATICS

        _STATIC_TYPES["System.Net.IPAddress"] = IPADDRESS_STATICS
    elif type_ref.FullName in _MISC_STATIC_NAMES and type_ref.FullName not in _STATIC_TYPES:
        from pyshell.engine.misc_statics import MISC_STATICS

        _STATIC_TYPES.update(MISC_STATICS)
    elif type_ref.FullName in _LAZY_STATICS and type_ref.FullName not in _STATIC_TYPES:
        from pyshell.engine.dotnet_ctors import STATICS

        _STATIC_TYPES.update(STATICS)
    return _STATIC_TYPES.get(type_ref.FullName) or _STATIC_TYPES.get(_canonical(type_ref.FullName)) or {}


def static_member(type_ref: TypeRef, name: str) -> Any:
    """[Type]::Member (a property or constant)."""
    members = _ENUMS.get(type_ref.FullName)
    if members is not None:
        if ENUM_TYPES[type_ref.FullName].value_of(name) is None:
            from pyshell.errors import RuntimeScriptError

            raise RuntimeScriptError(f"The property '{name}' cannot be found on type [{type_ref.FullName}].",
                                     error_id="PropertyNotFound", category="InvalidOperation")
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
            return typed_int(type_ref.FullName, hi)
        if name.lower() == "minvalue":
            return typed_int(type_ref.FullName, lo)
    from pyshell.errors import RuntimeScriptError

    raise RuntimeScriptError(f"The property '{name}' cannot be found on type [{type_ref.FullName}].",
                             error_id="PropertyNotFound", category="InvalidOperation")


def set_static_member(type_ref: TypeRef, name: str, value: Any) -> None:
    """[Type]::Property = value, for the static properties pyshell lets scripts set."""
    if type_ref.FullName == "System.Globalization.CultureInfo":
        from pyshell.engine.culture_register import set_culture_static

        if set_culture_static(name, value):
            return
    from pyshell.errors import RuntimeScriptError

    raise RuntimeScriptError(f"The property '{name}' cannot be found on this object. Verify that the property exists "
                             f"and can be set.", error_id="PropertyAssignmentException", category="InvalidOperation")


def _check_arity(fn: Callable[..., Any], name: str, args: list[Any]) -> None:
    """A static method called with an argument count it has no overload for: pwsh's MethodException."""
    import inspect

    try:
        inspect.signature(fn).bind(*args)
    except TypeError:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("new" if name.lower() == "new" else name, len(args)) from None  # pwsh says "new" here
    except ValueError:
        return  # a builtin without a signature: let the call decide


def call_static(type_ref: TypeRef, name: str, args: list[Any]) -> Any:
    """[Type]::Method(args)."""
    table = _static_table(type_ref)
    for key, value in table.items():
        if key.lower() == name.lower() and callable(value) and not isinstance(value, property):
            _check_arity(value, key, args)
            return value(*args)
    if name.lower() in ("parse", "tryparse") and type_ref.FullName in _INT_RANGES:
        def parse(v: Any, *_: Any) -> int:
            return _parse_int(v, type_ref.FullName, len(args))

        if name.lower() == "parse":
            return parse(*args)
        table = {"Parse": parse}
    if name.lower() == "tryparse" and args:
        return _try_parse(type_ref, table, args)
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


def _method_error(method: str, count: int, message: str, error_id: str) -> ConversionError:
    """A .NET method's exception as pwsh reports it: MethodInvocationException, category NotSpecified."""
    err = ConversionError(f'Exception calling "{method}" with "{count}" argument(s): "{message}"', error_id=error_id,
                          category="NotSpecified", reason="MethodInvocationException")
    err.ps_type_name = "System.Management.Automation.MethodInvocationException"
    return err


def _parse_int(value: Any, target: str, count: int) -> int:
    """[int]::Parse(s): .NET's integer parse (digits with an optional sign; no hex, no suffixes)."""
    text = to_string(value)
    if not re.fullmatch(r"\s*[+-]?\d+\s*", text):
        raise _method_error("Parse", count, f"The input string '{text}' was not in a correct format.", "FormatException")
    n = int(text)
    lo, hi = _INT_RANGES[target]
    if not lo <= n <= hi:
        raise _method_error("Parse", count, range_message(target), "OverflowException")
    return typed_int(target, n)


def _parse_bool(value: Any) -> bool:
    """[bool]::Parse(s): 'True'/'False' in any case, blanks around allowed."""
    text = to_string(value) if value is not None else ""
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    raise _method_error("Parse", 1, f"String '{text}' was not recognized as a valid Boolean.", "FormatException")


_PARSE_DEFAULTS: dict[str, Any] = {"System.Double": 0.0, "System.Boolean": False, "System.DateTime": _dt.datetime.min,
                                   "System.TimeSpan": _dt.timedelta(0), "System.Decimal": PSDecimal(0), "System.Single": Single(0.0)}


def _try_parse(type_ref: TypeRef, table: dict[str, Any], args: list[Any]) -> bool:
    """[T]::TryParse(text[, ...], [ref]$result): Parse's value into the reference, False (and the type's
    default) when the text does not parse."""
    parse = next((v for k, v in table.items() if k.lower() == "parse" and callable(v)), None)
    if parse is None:
        from pyshell.errors import RuntimeScriptError

        raise RuntimeScriptError(
            f'Method invocation failed because [{type_ref.FullName}] does not contain a method named \'TryParse\'.',
            error_id="MethodNotFound", category="InvalidOperation")
    ref = args[-1]
    text = args[0]
    try:
        value, ok = parse(text) if text is not None else None, text is not None
    except (ConversionError, ValueError, ArithmeticError):
        value, ok = None, False
    if not ok:
        full = type_ref.FullName
        value = typed_int(full, 0) if full in _INT_RANGES else _PARSE_DEFAULTS.get(full)
    if hasattr(ref, "Value"):
        ref.Value = value
    return ok


def construct(type_name: str, args: list[Any]) -> Any:
    """What `New-Object T args` makes for the types with a static constructor or a one-argument conversion;
    None for types pyshell cannot construct."""
    ref = TypeRef(type_name)
    for key, value in _static_table(ref).items():
        if key.lower() == "new" and callable(value):
            return value(*args)
    name = ref.FullName
    if name.lower().startswith("microsoft.powershell.commands.") and not args:
        from pyshell.engine.dotnet_ctors import new_cmdlet_object

        return new_cmdlet_object(name)
    if not args:
        return _value_type_default(name)
    if len(args) == 1 and name in _CONVERTERS and name not in ("System.Object", "System.Management.Automation.PSObject"):
        return convert_to(name, args[0])
    return None


def _value_type_default(name: str) -> Any:
    """What a value type's parameterless constructor makes ([char]::new() is [char]0); None for other types."""
    from pyshell.engine.typeinfo import is_value_type

    if not is_value_type(name) or name == "System.Void":
        return None
    if name == "System.Char":
        return PSChar("\0")
    if name == "System.DateTime":
        return _dt.datetime(1, 1, 1)
    if name == "System.Guid":
        from pyshell.engine.dotnet_ctors import Guid

        return Guid(0)
    if name in ENUM_TYPES:
        return ENUM_TYPES[name].make(0)
    return convert_to(name, None) if name in _INT_RANGES or name in _CONVERTERS else None


class _MethodRef:
    PS_TYPE_NAMES = ("System.Management.Automation.PSMethod", "System.Object")
    PS_PROPERTIES = ("Name",)

    def __init__(self, type_ref: TypeRef, name: str, fn: Callable[..., Any]) -> None:
        self.Name = name
        self.fn = fn
        self.type_ref = type_ref

    def ps_to_string(self) -> str:
        return f"static {self.Name}"


# the hosting API ([powershell], [runspacefactory], ErrorRecord::new): lazy entries from their own module
from pyshell.engine.hosting_register import register as _register_hosting  # noqa: E402

_register_hosting(_STATIC_TYPES, _ALIASES, _KNOWN_OTHER, register_enum, _CONVERTERS)

# [xml] and the System.Xml types: lazy entries from their own module (engine/xml_register.py)
from pyshell.engine.xml_register import register as _register_xml  # noqa: E402

_register_xml(_STATIC_TYPES, _ALIASES, _KNOWN_OTHER, _CONVERTERS)

# [Microsoft.PowerShell.Commands.JsonObject] statics (ConvertFromJson/ConvertToJson): engine/jsonobject.py
from pyshell.engine.jsonobject import register as _register_jsonobject  # noqa: E402

_register_jsonobject(_STATIC_TYPES, _KNOWN_OTHER)

# [cultureinfo]: lazy entries from their own module (engine/culture_register.py)
from pyshell.engine.culture_register import register as _register_culture  # noqa: E402

_register_culture(_STATIC_TYPES, _ALIASES, _KNOWN_OTHER, _CONVERTERS)

# [DateTimeOffset]: engine/dtoffset.py
from pyshell.engine.dtoffset import register as _register_dtoffset  # noqa: E402

_register_dtoffset(_STATIC_TYPES, _ALIASES, _KNOWN_OTHER, _CONVERTERS)

# [System.Text.UTF8Encoding]::new($false) and the other concrete encodings (engine/encoding_ctors.py)
from pyshell.engine.encoding_ctors import register as _register_encodings  # noqa: E402

_register_encodings(_STATIC_TYPES, _KNOWN_OTHER)

# [ExperimentalFeature]::IsEnabled: engine/experimental.py
from pyshell.engine.experimental import register as _register_experimental  # noqa: E402

_register_experimental(_STATIC_TYPES, _ALIASES, _KNOWN_OTHER)
