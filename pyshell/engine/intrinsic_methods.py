"""The intrinsic .ForEach()/.Where() methods every value has, and method calls enumerated over a collection.

PowerShell gives every object (a scalar counts as a one-element collection) the ForEach and Where
methods with all their overloads, and `('a','b').ToUpper()` calls ToUpper on each element when the
collection itself has no such method (member-access enumeration).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyshell.engine.conversions import to_bool, to_number, to_string
from pyshell.engine.members import call_method, method_not_found
from pyshell.engine.objects import MISSING, Hashtable, get_property, is_enumerable, set_property
from pyshell.errors import PyshellError, RuntimeScriptError

__all__ = ["invoke_method"]

Invoker = Callable[[Any, list[Any], Any], list[Any]]

_MODES = ("Default", "First", "Last", "SkipUntil", "Until", "Split")


class PSObjectCollection(list):  # type: ignore[type-arg]
    """What .ForEach() and .Where() return: a Collection<PSObject>."""

    PS_TYPE_NAMES = ("System.Collections.ObjectModel.Collection`1[[System.Management.Automation.PSObject]]",
                     "System.Object")


def invoke_method(target: Any, name: str, args: list[Any], invoke: Invoker) -> Any:
    """$target.Name(args): intrinsic ForEach/Where first, then the value's own method, then enumeration."""
    low = name.lower()
    if low == "foreach" and _generic_list(target):
        return _list_foreach(target, args, invoke)
    if target is not None and low in ("foreach", "where") and not _own_method(target, name):
        items = _items(target)
        result = _foreach(items, args, invoke) if low == "foreach" else _where(items, args, invoke)
        return PSObjectCollection(result)
    try:
        return call_method(target, name, args, invoke)
    except PyshellError as e:
        if e.error_id != "MethodNotFound" or not _is_collection(target) or not _has_items(target):
            raise  # an empty collection has nothing to enumerate: the collection's own error stands
    return _enumerate_call(target, name, args, invoke)


def _has_items(target: Any) -> bool:
    return len(target) > 0 if isinstance(target, (list, tuple)) else True


def _generic_list(target: Any) -> bool:
    """A System.Collections.Generic.List[T]: it has its own ForEach(Action[T]), which hides the intrinsic one."""
    return type(target).__name__ == "ListObject" and not getattr(target, "array_list", True)


def _list_foreach(target: list[Any], args: list[Any], invoke: Invoker) -> None:
    """List[T].ForEach({...}): the block runs as an Action[T] for each item (the item in $args[0], $_ unset),
    and nothing is returned (PowerShell issue #12607)."""
    from pyshell.engine.scriptblock import ScriptBlock

    if len(args) != 1 or not isinstance(args[0], ScriptBlock):
        raise RuntimeScriptError(f'Cannot find an overload for "ForEach" and the argument count: "{len(args)}".',
                                 error_id="MethodCountCouldNotFindBest", category="NotSpecified",
                                 reason="MethodException")
    for item in list(target):
        invoke(args[0], [item], None)


def _own_method(target: Any, name: str) -> bool:
    low = name.lower()
    return any(m.lower() == low for m in getattr(target, "PS_METHODS", ()))


def _is_collection(value: Any) -> bool:
    return isinstance(value, (list, tuple)) or getattr(value, "PS_ENUMERABLE", False)


def _items(target: Any) -> list[Any]:
    """What the intrinsic methods walk: a collection's elements, or the scalar (a hashtable too) itself."""
    if isinstance(target, Hashtable):
        return [target]
    return list(target) if is_enumerable(target) else [target]


def _flat(out: list[Any], values: Any) -> None:
    if isinstance(values, (list, tuple)):
        out.extend(values)
    else:
        out.append(values)


def _enumerate_call(target: Any, name: str, args: list[Any], invoke: Invoker) -> Any:
    """Call the method on every element (nested collections too); one result is returned as itself."""
    out: list[Any] = []

    def walk(items: Any) -> None:
        for item in items:
            if _is_collection(item):
                try:
                    r = call_method(item, name, args, invoke)
                except PyshellError as e:
                    if e.error_id != "MethodNotFound":
                        raise
                    walk(item)
                    continue
            else:
                if item is None:
                    raise method_not_found(None, name)
                r = call_method(item, name, args, invoke)
            if r is not None:
                _flat(out, r)

    walk(target)
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def _foreach(items: list[Any], args: list[Any], invoke: Invoker) -> list[Any]:
    """ForEach(scriptblock, args...), ForEach(type), ForEach('Property'[, value]), ForEach('Method', args...)."""
    from pyshell.engine.scriptblock import ScriptBlock
    from pyshell.engine.types import TypeRef, convert_to

    if not args:
        raise RuntimeScriptError('Cannot find an overload for "ForEach" and the argument count: "0".',
                                 error_id="MethodCountCouldNotFindBest", category="NotSpecified",
                                 reason="MethodException")
    expr, rest = args[0], list(args[1:])
    out: list[Any] = []
    if isinstance(expr, ScriptBlock):
        for item in items:
            out.extend(invoke(expr, rest, item))
        return out
    if isinstance(expr, TypeRef):
        for item in items:
            out.append(convert_to(expr.FullName, item))
        return out
    if expr is None:
        raise RuntimeScriptError('Exception calling "ForEach" with "1" argument(s): "Value cannot be null. '
                                 '(Parameter \'expression\')"', error_id="ArgumentNullException",
                                 category="NotSpecified", reason="MethodInvocationException")
    name = to_string(expr)
    for item in items:
        if item is None:
            continue
        value = get_property(item, name)
        if value is not MISSING and not (value is None and _has_method(item, name)):
            if not rest:
                _flat(out, value)
            elif len(rest) == 1:
                set_property(item, name, rest[0])
            else:
                raise RuntimeScriptError(
                    f'Exception calling "ForEach" with "{len(args)}" argument(s): "Set value of property '
                    f'\'{name}\' takes exactly one argument."', error_id="MethodInvocationException",
                    category="NotSpecified", reason="MethodInvocationException")
            continue
        try:
            r = call_method(item, name, rest, invoke)
        except PyshellError as e:
            if e.error_id == "MethodNotFound":
                continue  # neither a property nor a method of this element: nothing for it
            raise
        if r is not None:
            _flat(out, r)
    return out


def _has_method(item: Any, name: str) -> bool:
    return _own_method(item, name)


def _where(items: list[Any], args: list[Any], invoke: Invoker) -> list[Any]:
    """Where(scriptblock[, mode[, numberToReturn]]): Default, First, Last, SkipUntil, Until or Split."""
    from pyshell.engine.scriptblock import ScriptBlock

    if not args or len(args) > 3:
        raise RuntimeScriptError(f'Cannot find an overload for "Where" and the argument count: "{len(args)}".',
                                 error_id="MethodCountCouldNotFindBest", category="NotSpecified",
                                 reason="MethodException")
    fn = args[0]
    if not isinstance(fn, ScriptBlock):
        raise RuntimeScriptError(
            f'Cannot convert the "{to_string(fn)}" value of type "{type(fn).__name__}" to type '
            f'"System.Management.Automation.ScriptBlock".', error_id="MethodArgumentConversionInvalidCastArgument",
            category="NotSpecified", reason="MethodException")
    mode = _mode(args[1]) if len(args) > 1 else "Default"
    count = int(to_number(args[2])) if len(args) > 2 else 0
    if count < 0:
        raise RuntimeScriptError('Exception calling "Where" with "3" argument(s): "The number of items to return '
                                 'must be positive. (Parameter \'numberToReturn\')"', error_id="ArgumentOutOfRangeException",
                                 category="NotSpecified", reason="MethodInvocationException")

    def test(item: Any) -> bool:
        r = invoke(fn, [], item)
        return to_bool(r[0] if len(r) == 1 else (r or None))

    if mode == "Last":
        hits = [item for item in items if test(item)]
        return hits[-(count or 1):] if hits else []
    if mode == "Split":
        yes: list[Any] = []
        no: list[Any] = []
        for item in items:
            (yes if (not count or len(yes) < count) and test(item) else no).append(item)
        return [PSObjectCollection(yes), PSObjectCollection(no)]
    out: list[Any] = []
    limit = count or (1 if mode == "First" else 0)
    if mode == "SkipUntil":
        for i, item in enumerate(items):
            if test(item):
                out = items[i:]
                break
        return out[:limit] if limit else out
    if mode == "Until":
        for item in items:
            if test(item):
                break
            out.append(item)
            if limit and len(out) >= limit:
                break
        return out
    for item in items:
        if test(item):
            out.append(item)
            if limit and len(out) >= limit:
                break
    return out


def _mode(value: Any) -> str:
    text = to_string(value).strip()
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(_MODES):
        return _MODES[value]
    for m in _MODES:
        if m.lower() == text.lower():
            return m
    raise RuntimeScriptError(
        f'Cannot convert argument "mode", with value: "{text}", for "Where" to type '
        f'"System.Management.Automation.WhereOperatorSelectionMode": "Cannot convert value "{text}" to type '
        f'"System.Management.Automation.WhereOperatorSelectionMode". Error: "Unable to match the identifier name '
        f'{text} to a valid enumerator name. Specify one of the following enumerator names and try again:\n'
        f'{", ".join(_MODES)}""', error_id="MethodArgumentConversionInvalidCastArgument", category="NotSpecified",
        reason="MethodException")
