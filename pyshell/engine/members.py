"""Member access and method calls on values: "abc".ToUpper(), $list.Count, $h.ContainsKey('a'), $d.AddDays(1)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from pyshell.engine.conversions import format_timespan, ps_compare, ps_equals, to_bool, to_number, to_string
from pyshell.engine.objects import MISSING, Hashtable, PSChar, PSObject, get_property, type_names
from pyshell.errors import RuntimeScriptError

__all__ = ["call_method", "get_member", "method_not_found", "overload_not_found"]

Invoker = Callable[[Any, list[Any], Any], list[Any]]


def method_not_found(target: Any, name: str) -> RuntimeScriptError:
    tname = (type_names(target) or ["System.Object"])[0]
    if target is None:
        return RuntimeScriptError("You cannot call a method on a null-valued expression.",
                                  error_id="InvokeMethodOnNull", category="InvalidOperation")
    return RuntimeScriptError(f"Method invocation failed because [{tname}] does not contain a method named '{name}'.",
                              error_id="MethodNotFound", category="InvalidOperation")


#: System.String methods: (fewest, most) arguments over all their overloads
_STRING_ARITY = {
    "substring": (1, 2), "toupper": (0, 1), "tolower": (0, 1), "toupperinvariant": (0, 0),
    "tolowerinvariant": (0, 0), "insert": (2, 2), "remove": (1, 2), "padleft": (1, 2), "padright": (1, 2),
    "replace": (2, 4), "contains": (1, 2), "startswith": (1, 3), "endswith": (1, 3), "indexof": (1, 4),
    "lastindexof": (1, 4), "tochararray": (0, 2), "compareto": (1, 1), "normalize": (0, 1), "clone": (0, 0),
}


def overload_not_found(name: str, count: int) -> RuntimeScriptError:
    """A .NET method called with an argument count none of its overloads takes (a MethodException)."""
    err = RuntimeScriptError(f'Cannot find an overload for "{name}" and the argument count: "{count}".',
                             error_id="MethodCountCouldNotFindBest", category="NotSpecified",
                             reason="MethodException")
    err.ps_type_name = "System.Management.Automation.MethodException"
    return err


_INTRINSIC_MEMBERS = frozenset(("psobject", "psbase", "pstypenames", "psextended", "psadapted"))


def _custom_object(item: Any) -> bool:
    """A [pscustomobject] (or Select-Object's output): a property bag of its own, not a wrapped .NET value."""
    if type(item) is not PSObject or item.base is not None or not item.type_names:
        return False
    first = item.type_names[0]
    return first == "System.Management.Automation.PSCustomObject" or first.startswith("Selected.")


def get_member(target: Any, name: str, custom_nulls: bool = True) -> Any:
    """$x.Name: a property, or member enumeration over an array; $null when absent (non-strict mode).

    custom_nulls: member enumeration gives $null for a [pscustomobject] without the property (not in strict mode).
    """
    v = get_property(target, name)
    if v is not MISSING:
        return v
    if isinstance(target, list) and (type(target).__name__ in ("list", "TypedArray") or hasattr(target, "ps_property")):
        from pyshell.engine.arrays import array_property

        # Rank, LongLength, IsFixedSize, a List's Capacity: the collection's own, before member enumeration
        v = target.ps_property(name) if hasattr(target, "ps_property") else array_property(target, name)
        if v is not MISSING:
            return v
    if (isinstance(target, (list, tuple)) or getattr(target, "PS_ENUMERABLE", False)) \
            and name.lower() not in _INTRINSIC_MEMBERS:
        # member enumeration (an enumerator is walked, which uses it up, as in pwsh); the intrinsic
        # members (psobject, psbase...) are the collection's own
        out: list[Any] = []
        for item in target:
            r = get_property(item, name)
            if r is MISSING:
                if custom_nulls and _custom_object(item):
                    out.append(None)  # a [pscustomobject] without the property gives $null (pwsh issue #13752)
                continue
            if isinstance(r, (list, tuple)):
                out.extend(r)
            else:
                out.append(r)
        if not out:
            return None
        return out[0] if len(out) == 1 else out
    low = name.lower()
    if low == "psobject":
        return _PSObjectView(target)
    if low in ("psbase", "psextended", "psadapted"):
        from pyshell.engine import psbase as views

        return {"psbase": views.psbase, "psextended": views.psextended, "psadapted": views.psadapted}[low](target)
    if low == "pstypenames":
        return _PSObjectView(target).TypeNames
    if low in ("count", "length"):
        # intrinsic members: any scalar counts as a one-element collection, $null as an empty one
        return 0 if target is None else 1
    return None


def _dotnet_properties(view: Any) -> Any:
    """PSProperty entries for an object's .NET properties (PS_PROPERTIES), as psobject.Properties lists them."""
    return PropertyCollection(
        PSObject([("Name", n), ("Value", getattr(view, n)), ("MemberType", "Property"), ("IsSettable", False),
                  ("IsGettable", True), ("TypeNameOfValue", (type_names(getattr(view, n)) or ["System.Object"])[0])],
                 ["System.Management.Automation.PSProperty", "System.Management.Automation.PSPropertyInfo",
                  "System.Object"])
        for n in view.PS_PROPERTIES
    )


class TypeNameCollection(list):  # type: ignore[type-arg]
    """$obj.PSObject.TypeNames: a collection whose changes reach the object's own type names."""

    PS_TYPE_NAMES = ("System.Collections.ObjectModel.Collection`1[[System.String]]", "System.Object")
    PS_METHODS = ("Insert", "Add", "Remove", "RemoveAt", "Clear", "Contains", "IndexOf")

    def __init__(self, names: list[str], backing: list[str] | None) -> None:
        super().__init__(names)
        self._backing = backing

    def _sync(self) -> None:
        if self._backing is not None:
            self._backing[:] = list(self)

    def Insert(self, index: Any, name: Any) -> None:  # noqa: N802 - .NET method names
        self.insert(int(to_number(index)), to_string(name))
        self._sync()

    def Add(self, name: Any) -> None:  # noqa: N802
        self.append(to_string(name))
        self._sync()

    def Remove(self, name: Any) -> bool:  # noqa: N802
        text = to_string(name)
        if text in self:
            self.remove(text)
            self._sync()
            return True
        return False

    def RemoveAt(self, index: Any) -> None:  # noqa: N802
        del self[int(to_number(index))]
        self._sync()

    def Clear(self) -> None:  # noqa: N802
        self.clear()
        self._sync()

    def Contains(self, name: Any) -> bool:  # noqa: N802
        return to_string(name) in self

    def IndexOf(self, name: Any) -> int:  # noqa: N802
        text = to_string(name)
        return self.index(text) if text in self else -1


class PropertyCollection(list):  # type: ignore[type-arg]
    """$obj.PSObject.Properties: the property infos, also found by name with .Item('a') or ['a']."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSMemberInfoIntegratingCollection`1"
                     "[[System.Management.Automation.PSPropertyInfo]]", "System.Object")
    PS_METHODS = ("Item", "Match", "Remove", "Add")
    owner: Any = None  #: the object whose properties these are (Remove/Add change it)

    def Item(self, name: Any) -> Any:  # noqa: N802 - .NET method names
        text = to_string(name).lower()
        return next((p for p in self if to_string(p.properties["Name"]).lower() == text), None)

    def Remove(self, name: Any) -> None:  # noqa: N802
        """Properties.Remove('a'): the object loses its note property a."""
        found = self.Item(name)
        if found is not None:
            self.remove(found)
        owner = self.owner
        if isinstance(owner, PSObject) and to_string(name) in owner.properties:
            del owner.properties[to_string(name)]

    def Add(self, member: Any) -> None:  # noqa: N802
        """Properties.Add([psnoteproperty]::new('b', 2)): the object gets the property."""
        name = get_property(member, "Name")
        if name is MISSING or not isinstance(self.owner, PSObject):
            raise RuntimeScriptError('Exception calling "Add" with "1" argument(s): "The member cannot be added."',
                                     error_id="MethodInvocationException", reason="MethodInvocationException")
        value = get_property(member, "Value")
        self.owner.properties[to_string(name)] = None if value is MISSING else value
        self.append(member)

    def Match(self, pattern: Any) -> list[Any]:  # noqa: N802
        from pyshell.engine.operators import like

        return PropertyCollection(p for p in self if like(to_string(p.properties["Name"]), to_string(pattern)))


class _PSObjectView:
    """$obj.psobject: its Properties, TypeNames and BaseObject."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSObject", "System.Object")
    PS_PROPERTIES = ("Properties", "TypeNames", "BaseObject", "Members")

    def __init__(self, target: Any) -> None:
        from pyshell.engine.objects import property_names

        self.BaseObject = target.base if isinstance(target, PSObject) and target.base is not None else target
        names = type_names(target)
        # PSObject's TypeNames is live: $o.PSObject.TypeNames.Insert(0, 'X') changes how it is formatted
        self.TypeNames = TypeNameCollection(names, target.type_names if isinstance(target, PSObject) else None)
        if isinstance(target, Hashtable):
            # a dictionary's properties are its .NET ones (IsReadOnly ... Count), never its keys
            from pyshell.engine.psbase import HashtableBase

            self.Properties = _dotnet_properties(HashtableBase(target))
            self.Members = self.Properties
            self._target = target
            return
        self.Properties = PropertyCollection(
            PSObject([("Name", n), ("Value", get_property(target, n)), ("MemberType", "NoteProperty"),
                      ("IsSettable", True), ("IsGettable", True), ("TypeNameOfValue", (type_names(get_property(target, n)) or ["System.Object"])[0])],
                     ["System.Management.Automation.PSNoteProperty", "System.Management.Automation.PSPropertyInfo",
                      "System.Object"])
            for n in property_names(target)
        )
        self.Properties.owner = target
        for p in self.Properties:
            p.text = f"{p.properties['TypeNameOfValue'].split('.')[-1].lower()} {p.properties['Name']}={to_string(p.properties['Value'])}"
        self.Members = self.Properties
        self._target = target


def _string_method(s: str, name: str, args: list[Any]) -> Any:
    n = name.lower()
    a = args
    if n in ("toupper", "tolower"):
        culture = a[0] if a and hasattr(a[0], "TextInfo") else None if a else _current_provider()
        if culture is not None:  # 'i'.ToUpper([cultureinfo]'tr-TR'), or by a tr-TR current culture
            return getattr(culture.TextInfo, "ToUpper" if n == "toupper" else "ToLower")(s)
    if n == "toupper" or n == "toupperinvariant":
        return s.upper()
    if n == "tolower" or n == "tolowerinvariant":
        return s.lower()
    if n in ("trim", "trimstart", "trimend"):
        chars = "".join(to_string(x) for x in a) if a else None
        return {"trim": s.strip, "trimstart": s.lstrip, "trimend": s.rstrip}[n](chars)
    if n == "split":
        from pyshell.engine.generics import TypedArray

        return TypedArray(_split_method(s, a), "System.String")  # a string[]
    if n == "replace":
        old, new = to_string(a[0]), to_string(a[1]) if len(a) > 1 else ""
        if len(a) > 2 and to_bool(a[2]):
            import re

            return re.sub(re.escape(old), lambda _m: new, s, flags=re.I)
        return s.replace(old, new)
    if n == "substring":
        start = int(to_number(a[0]))
        if start > len(s) or start < 0:
            raise _arg_error("startIndex cannot be larger than length of string. (Parameter 'startIndex')", "Substring", len(a))
        if len(a) > 1:
            length = int(to_number(a[1]))
            if start + length > len(s) or length < 0:
                raise _arg_error("Index and length must refer to a location within the string. (Parameter 'length')",
                                 "Substring", 2)
            return s[start : start + length]
        return s[start:]
    if n in ("indexofany", "lastindexofany") and a:
        chars = set(to_string(c) for c in (a[0] if isinstance(a[0], list) else to_string(a[0])))
        hits = [i for i, c in enumerate(s) if c in chars]  # String.IndexOfAny(char[])
        return (hits[-1] if n == "lastindexofany" else hits[0]) if hits else -1
    if n in ("indexof", "lastindexof", "contains"):
        sub = to_string(a[0])
        nums = [int(to_number(x)) for x in a[1:] if isinstance(x, (int, float)) and not isinstance(x, bool)]
        hay = s
        if _ignore_case(a[1:]):
            hay, sub = s.lower(), sub.lower()
        if n == "contains":
            return sub in hay
        if n == "lastindexof":
            return hay.rfind(sub, 0, nums[0] + 1 if nums else len(hay))
        return hay.find(sub, nums[0] if nums else 0, nums[0] + nums[1] if len(nums) > 1 else len(hay))
    if n == "startswith":
        if len(a) > 1 and _ignore_case(a[1:2]):  # a StringComparison, or (value, ignoreCase, culture)
            return s.lower().startswith(to_string(a[0]).lower())
        return s.startswith(to_string(a[0]))
    if n == "endswith":
        if len(a) > 1 and _ignore_case(a[1:2]):  # a StringComparison, or (value, ignoreCase, culture)
            return s.lower().endswith(to_string(a[0]).lower())
        return s.endswith(to_string(a[0]))
    if n == "padleft":
        return s.rjust(int(to_number(a[0])), to_string(a[1]) if len(a) > 1 else " ")
    if n == "padright":
        return s.ljust(int(to_number(a[0])), to_string(a[1]) if len(a) > 1 else " ")
    if n == "tochararray":
        from pyshell.engine.generics import TypedArray

        return TypedArray([PSChar(c) for c in s], "System.Char")  # a char[]
    if n == "insert":
        i = int(to_number(a[0]))
        return s[:i] + to_string(a[1]) + s[i:]
    if n == "remove":
        i = int(to_number(a[0]))
        if len(a) > 1:
            return s[:i] + s[i + int(to_number(a[1])) :]
        return s[:i]
    if n == "equals":
        if _ignore_case(a[1:]):
            return isinstance(a[0], str) and s.lower() == a[0].lower()
        return isinstance(a[0], str) and s == a[0]
    if n == "compareto":
        return ps_compare(s, a[0], True)
    if n == "tostring":
        return s
    if n == "normalize" or n == "clone":  # .NET strings are immutable: Clone() returns the same string
        return s
    if n == "isnormalized":
        return True
    if n == "getenumerator":
        return list(s)
    if n == "chars":
        return PSChar(s[int(to_number(a[0]))])
    return MISSING


def _ignore_case(args: list[Any]) -> bool:
    """Whether a StringComparison (or ignoreCase bool) among a string method's arguments ignores case."""
    return any((isinstance(x, str) and "ignorecase" in x.lower()) or x is True for x in args)


def _split_method(s: str, a: list[Any]) -> list[str]:
    """String.Split as PowerShell 7 binds it: a string is one separator (Split(String)), an array of
    chars or strings is a set of separators; then a count and StringSplitOptions in any order."""
    import re

    if not a:
        return re.split(r"\s", s)
    sep = a[0]
    seps = [to_string(x) for x in sep] if isinstance(sep, (list, tuple)) else [to_string(sep)]
    count: int | None = None
    opts = ""
    for x in a[1:]:
        if isinstance(x, int) and not isinstance(x, bool):
            count = x
        else:
            opts += to_string(x).lower()
    remove, trim = "removeemptyentries" in opts, "trimentries" in opts
    seps = [x for x in seps if x]
    if seps:
        rx = re.compile("|".join(re.escape(x) for x in sorted(seps, key=len, reverse=True)))
    elif isinstance(sep, (list, tuple)) or sep is None:
        rx = re.compile(r"\s")
    else:
        rx = None
    if count == 0:
        return []
    out: list[str] = []
    pos = 0
    for m in rx.finditer(s) if rx is not None else ():
        if count is not None and len(out) >= count - 1:
            break
        piece = s[pos : m.start()]
        pos = m.end()
        piece = piece.strip() if trim else piece
        if remove and not piece:
            continue
        out.append(piece)
    last = s[pos:].strip() if trim else s[pos:]
    if not (remove and not last):
        out.append(last)
    return out


def _arg_error(message: str, method: str, count: int) -> RuntimeScriptError:
    return RuntimeScriptError(f'Exception calling "{method}" with "{count}" argument(s): "{message}"',
                              error_id="ArgumentOutOfRangeException", category="NotSpecified",
                              reason="MethodInvocationException")


def _list_method(lst: list[Any], name: str, args: list[Any], invoke: Invoker | None) -> Any:
    n = name.lower()
    if n == "contains":
        return any(ps_equals(x, args[0], True) if isinstance(x, str) else ps_equals(x, args[0]) for x in lst)
    if n == "indexof":
        for i, x in enumerate(lst):
            if ps_equals(x, args[0], True):
                return i
        return -1
    if n in ("foreach", "where") and invoke is not None:
        from pyshell.engine.scriptblock import ScriptBlock

        fn = args[0] if args else None
        if n == "foreach":
            out: list[Any] = []
            for item in lst:
                if isinstance(fn, ScriptBlock):
                    out.extend(invoke(fn, [], item))
                else:
                    v = get_member(item, to_string(fn))
                    out.append(v)
            return out
        mode = to_string(args[1]).lower() if len(args) > 1 else "default"
        result = [item for item in lst if to_bool(_single(invoke(fn, [], item)))]
        if mode == "first":
            count = int(to_number(args[2])) if len(args) > 2 else 1
            return result[:count]
        if mode == "last":
            count = int(to_number(args[2])) if len(args) > 2 else 1
            return result[-count:]
        if mode == "skipuntil":
            for i, item in enumerate(lst):
                if to_bool(_single(invoke(fn, [], item))):
                    return lst[i:]
            return []
        if mode == "until":
            for i, item in enumerate(lst):
                if to_bool(_single(invoke(fn, [], item))):
                    return lst[:i]
            return list(lst)
        if mode == "split":
            return [result, [i for i in lst if i not in result]]
        return result
    if n == "add":
        raise RuntimeScriptError('Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."',
                                 error_id="NotSupportedException", category="NotSpecified", reason="MethodInvocationException")
    if n == "tostring":
        return "System.Object[]"
    if n == "getenumerator":
        from pyshell.engine.objects import Enumerator

        return Enumerator(list(lst), "System.Array+SZArrayEnumerator")
    if n == "clone":
        return list(lst)
    if n == "reverse":
        lst.reverse()
        return None
    from pyshell.engine.arrays import array_method

    return array_method(lst, name, args)  # System.Array's own members: Clear(), SetValue(), GetValue()...


def _single(values: list[Any]) -> Any:
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def _hashtable_method(h: Hashtable, name: str, args: list[Any]) -> Any:
    n = name.lower()
    if n == "add":
        if args[0] in h:
            raise RuntimeScriptError(
                f'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: '
                f"'{to_string(h.original_key(args[0]))}'  Key being added: '{to_string(args[0])}'\"",
                error_id="ArgumentException", reason="MethodInvocationException")
        h[args[0]] = args[1]
        return None
    if n == "remove":
        if args[0] in h:
            del h[args[0]]
        return None
    if n in ("containskey", "contains"):
        return args[0] in h
    if n == "containsvalue":
        return any(ps_equals(v, args[0]) for v in h.values())
    if n == "clear":
        for k in list(h.keys()):
            del h[k]
        return None
    if n == "clone":
        return h.copy()
    if n == "getenumerator":
        return [PSObject([("Name", k), ("Key", k), ("Value", v)], ["System.Collections.DictionaryEntry", "System.Object"])
                for k, v in h.items()]
    if n == "tostring":
        return type_names(h)[0]
    if n == "get_item":
        return h.get(args[0])
    if n in ("get_keys", "get_values"):  # the Keys / Values property getters, called as methods
        return list(h.keys()) if n == "get_keys" else list(h.values())
    if n == "get_count":
        return len(h)
    if n == "set_item":
        h[args[0]] = args[1]
        return None
    return MISSING


def _datetime_method(d: _dt.datetime, name: str, args: list[Any]) -> Any:
    n = name.lower()
    if n.startswith("add") and n != "add":
        amount = to_number(args[0])
        unit = n[3:]
        if unit == "months" or unit == "years":
            months = int(amount) * (12 if unit == "years" else 1)
            y, m = divmod(d.month - 1 + months, 12)
            import calendar

            year = d.year + y
            day = min(d.day, calendar.monthrange(year, m + 1)[1])
            return d.replace(year=year, month=m + 1, day=day)
        kw = {"days": "days", "hours": "hours", "minutes": "minutes", "seconds": "seconds",
              "milliseconds": "milliseconds"}.get(unit)
        if kw:
            return d + _dt.timedelta(**{kw: amount})
        if unit == "ticks":
            return d + _dt.timedelta(microseconds=amount / 10)
    if n == "add":
        return d + args[0]
    if n == "subtract":
        return d - args[0]
    if n == "tostring":
        provider = args[-1] if args and _provider(args[-1]) is not None else _current_provider()
        if provider is not None:  # $d.ToString('D', [cultureinfo]'de-DE'), or the current culture's
            from pyshell.engine.culture_format import format_date

            fmt = args[:-1] if args and provider is args[-1] else args
            return format_date(d, to_string(fmt[0]) if fmt else None, provider)
        if args:
            from pyshell.engine.operators import format_value

            return format_value(d, to_string(args[0]))
        return to_string(d)
    if n == "touniversaltime":
        return d.astimezone(_dt.UTC).replace(tzinfo=None) if d.tzinfo is None else d.astimezone(_dt.UTC)
    if n == "tolocaltime":  # Unspecified counts as UTC here; a DateTimeOffset keeps its type
        from pyshell.engine.datekind import date_kind

        if hasattr(d, "EqualsExact"):
            return type(d).of(d.astimezone())  # type: ignore[attr-defined]
        kind = date_kind(d)
        if kind == "Local" and d.tzinfo is None:
            return d
        loc = (d if d.tzinfo else d.replace(tzinfo=_dt.UTC)).astimezone()
        return _dt.datetime(loc.year, loc.month, loc.day, loc.hour, loc.minute, loc.second, loc.microsecond)
    if n == "toshortdatestring":
        return f"{d.month}/{d.day}/{d.year}"
    if n == "tolongdatestring":
        return d.strftime("%A, %B ") + f"{d.day}, {d.year}"
    if n == "toshorttimestring":
        return f"{d.hour % 12 or 12}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"
    if n == "tolongtimestring":
        return f"{d.hour % 12 or 12}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"
    if n == "compareto":
        return ps_compare(d, args[0])
    if n == "equals":
        return ps_equals(d, args[0])
    return MISSING


def _provider(value: Any) -> Any:
    """A CultureInfo (or its NumberFormat/DateTimeFormat) passed as a method's IFormatProvider; None otherwise."""
    if type(value).__module__ != "pyshell.engine.culture":
        return None
    from pyshell.engine.culture_format import format_provider

    return format_provider(value)


def _current_provider() -> Any:
    """The current culture when it is not en-US (what ToString() without a provider then follows)."""
    from pyshell.engine.operators import current_format_culture

    return current_format_culture()


def _number_method(x: int | float, name: str, args: list[Any]) -> Any:
    n = name.lower()
    if n == "tostring":
        provider = args[-1] if args and _provider(args[-1]) is not None else _current_provider()
        if provider is not None:  # (1.5).ToString('N2', [cultureinfo]'de-DE'), or the current culture's
            from pyshell.engine.culture_format import format_number

            fmt = args[:-1] if args and provider is args[-1] else args
            return format_number(x, to_string(fmt[0]) if fmt else None, provider)
        if args:
            from pyshell.engine.operators import format_value

            return format_value(x, to_string(args[0]))
        return to_string(x)
    if n == "equals":
        return ps_equals(x, args[0])
    if n == "compareto":
        return ps_compare(x, args[0])
    return MISSING


def call_method(target: Any, name: str, args: list[Any], invoke: Invoker | None = None) -> Any:
    """Call $target.Name(args) with PowerShell's built-in behaviour for common .NET types."""
    from pyshell.engine.scriptblock import ScriptBlock
    from pyshell.engine.types import TypeRef

    n = name.lower()
    if target is None:
        raise method_not_found(None, name)
    if isinstance(target, PSObject) and target.text is not None and not args and \
            target.type_names[:1] and target.type_names[0].startswith("Deserialized."):
        if n == "gettype":  # a deserialized object is a PSObject (over its number, for an enum)
            return TypeRef(type_names(target.base)[0] if target.base is not None else "System.Management.Automation.PSObject")
        if n == "tostring":
            return target.text
    if n == "gettype" and not args:
        return TypeRef((type_names(target) or ["System.Object"])[0])
    result: Any = MISSING
    if type(target) not in (list, Hashtable) and isinstance(target, (list, Hashtable)):
        # .NET collections (engine/generics.py) have their own methods before the array/hashtable ones
        for m in getattr(target, "PS_METHODS", ()):
            if m.lower() == n:
                return getattr(target, m)(*args)
    if isinstance(target, str) and type(target) is not str and n in (m.lower() for m in getattr(target, "PS_METHODS", ())):
        return getattr(target, next(m for m in target.PS_METHODS if m.lower() == n))(*args)  # an enum's own methods
    if isinstance(target, str):
        arity = _STRING_ARITY.get(n)
        if arity is not None and not arity[0] <= len(args) <= arity[1]:
            raise overload_not_found(name, len(args))
        result = _string_method(target, name, args)
    elif isinstance(target, bool):
        result = {"tostring": "True" if target else "False"}.get(n, MISSING) if n == "tostring" else MISSING
    elif isinstance(target, (int, float)):
        result = _number_method(target, name, args)
    elif isinstance(target, list):
        result = _list_method(target, name, args, invoke)
    elif isinstance(target, Hashtable):
        result = _hashtable_method(target, name, args)
    elif isinstance(target, _dt.datetime):
        result = _datetime_method(target, name, args)
    elif isinstance(target, _dt.timedelta):
        if n == "tostring":
            if args and args[0] is not None:
                from pyshell.engine.tsformat import format_timespan_spec

                return format_timespan_spec(target, to_string(args[0]), "ToString")  # $ts.ToString('mm\:ss')
            return format_timespan(target)
        if n == "add":
            return target + args[0]
    elif isinstance(target, ScriptBlock):
        result = target.call_method(n, list(args), invoke)  # Invoke/GetNewClosure...: engine/scriptblock.py
    if result is not MISSING:
        return result
    methods = getattr(target, "PS_METHODS", None)
    if methods:
        for m in methods:
            if m.lower() == n:
                try:
                    return getattr(target, m)(*args)
                except TypeError as e:
                    raise overload_not_found(m, len(args)) from e
    notes = target.properties if isinstance(target, PSObject) else getattr(target, "_ps_notes", None)
    if notes:
        member = notes.get(name)
        if getattr(member, "member_type", "") == "ScriptMethod":
            return member.call(target, args)  # an Add-Member ScriptMethod
    if isinstance(target, PSObject) and target.base is not None:
        return call_method(target.base, name, args, invoke)
    if n == "tostring":
        return to_string(target)
    if n == "equals" and args:
        return target is args[0] or ps_equals(target, args[0])
    if n == "gethashcode":
        return hash(id(target)) & 0x7FFFFFFF
    raise method_not_found(target, name)
