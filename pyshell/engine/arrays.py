"""System.Array: the [array]:: statics (Reverse, IndexOf, Sort, Resize, Copy, Find...) and the members every
array has (Clear, SetValue, GetValue, Rank, IsFixedSize, LongLength...).

Script blocks stand in for .NET delegates (Predicate[T], Converter[T,U]): they run with the element as
$_ and as $args[0], as pwsh's delegate conversion does.
"""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from pyshell.engine.conversions import ps_compare, ps_equals, to_bool, to_int
from pyshell.engine.objects import MISSING
from pyshell.errors import RuntimeScriptError

__all__ = ["ARRAY_STATICS", "array_method", "array_property"]


def _method_error(method: str, count: int, message: str, error_id: str = "MethodInvocationException") -> RuntimeScriptError:
    err = RuntimeScriptError(f'Exception calling "{method}" with "{count}" argument(s): "{message}"',
                             error_id=error_id, category="NotSpecified", reason="MethodInvocationException")
    err.ps_type_name = "System.Management.Automation.MethodInvocationException"
    return err


def _array(value: Any, method: str, count: int, param: str = "array") -> list[Any]:
    """The array argument of a static method; $null is .NET's ArgumentNullException."""
    from pyshell.engine.objects import unwrap

    value = unwrap(value)
    if value is None:
        raise _method_error(method, count, f"Value cannot be null. (Parameter '{param}')", "ArgumentNullException")
    if not isinstance(value, list):
        raise _method_error(method, count, f'Cannot convert argument "{param}", with value: "{value}", for "{method}" '
                                           f'to type "System.Array"', "MethodArgumentConversionInvalidCastArgument")
    return value


def _default(lst: list[Any]) -> Any:
    """The element type's default value: 0 for [int[]], $null for object and reference element types."""
    element = getattr(lst, "element", None)
    if element is None:
        return None
    from pyshell.engine.typeinfo import is_value_type

    if not is_value_type(element):
        return None
    from pyshell.engine.types import convert_to

    return convert_to(element, None)


def _invoke(fn: Any, item: Any, *more: Any) -> Any:
    """Run a script block as a delegate: the element is $_ and $args[0]; one output is the result."""
    rs = getattr(fn, "_runspace", None)
    if rs is None:
        raise _method_error("Invoke", 1 + len(more), "The script block cannot be invoked as a delegate.")
    out = rs.invoke(fn, args=[item, *more], dollar_under=item)
    return out[0] if len(out) == 1 else (out or None)


def _index_range(lst: list[Any], method: str, count: int, index: Any, length: Any) -> tuple[int, int]:
    i, n = to_int(index), to_int(length)
    if i < 0 or n < 0:
        name = "index" if i < 0 else "length"
        raise _method_error(method, count, f"Non-negative number required. (Parameter '{name}')",
                            "ArgumentOutOfRangeException")
    if i + n > len(lst):
        raise _method_error(method, count, "Offset and length were out of bounds for the array or count is greater than "
                                           "the number of elements from index to the end of the source collection.",
                            "ArgumentException")
    return i, n


def _reverse(array: Any, *rng: Any) -> None:
    lst = _array(array, "Reverse", 1 + len(rng))
    i, n = _index_range(lst, "Reverse", 3, *rng) if len(rng) == 2 else (0, len(lst))
    lst[i : i + n] = lst[i : i + n][::-1]


def _index_of(array: Any, value: Any, *start: Any) -> int:
    lst = _array(array, "IndexOf", 2 + len(start))
    first = to_int(start[0]) if start else 0
    return next((i for i in range(first, len(lst)) if _same(lst[i], value)), -1)


def _last_index_of(array: Any, value: Any) -> int:
    lst = _array(array, "LastIndexOf", 2)
    return next((i for i in range(len(lst) - 1, -1, -1) if _same(lst[i], value)), -1)


def _same(a: Any, b: Any) -> bool:
    """Object.Equals: strings compare case-sensitively, numbers by value."""
    if a is None or b is None:
        return a is None and b is None
    return ps_equals(a, b, True)


def _sort(array: Any, *rest: Any) -> None:
    """Sort(array) / Sort(keys, items): in place, as .NET's default comparer orders them."""
    lst = _array(array, "Sort", 1 + len(rest))
    key = cmp_to_key(lambda a, b: ps_compare(a, b, True))
    if rest and isinstance(rest[0], list):
        items = rest[0]
        pairs = sorted(zip(lst, items, strict=False), key=lambda p: key(p[0]))
        lst[: len(pairs)] = [p[0] for p in pairs]
        items[: len(pairs)] = [p[1] for p in pairs]
        return
    if rest and getattr(rest[0], "_runspace", None) is not None:
        fn = rest[0]
        lst.sort(key=cmp_to_key(lambda a, b: to_int(_invoke(fn, a, b))))
        return
    lst.sort(key=key)


def _resize(ref: Any, size: Any) -> None:
    """Resize([ref]$a, n): a new array of n elements, the old ones copied, the rest the default value."""
    if not hasattr(ref, "Value"):
        raise _method_error("Resize", 2, 'Argument: \'1\' should be a System.Management.Automation.PSReference. '
                                         'Use [ref].', "NonRefArgumentToRefParameterMsg")
    n = to_int(size)
    if n < 0:
        raise _method_error("Resize", 2, "Non-negative number required. (Parameter 'newSize')",
                            "ArgumentOutOfRangeException")
    old = ref.Value if isinstance(ref.Value, list) else []
    items = list(old[:n]) + [_default(old)] * max(0, n - len(old))
    element = getattr(old, "element", None)
    if element is not None:
        from pyshell.engine.generics import TypedArray

        ref.Value = TypedArray(items, element)
    else:
        ref.Value = items


def _copy(src: Any, *a: Any) -> None:
    """Copy(src, dst, length) / Copy(src, srcIndex, dst, dstIndex, length)."""
    count = 1 + len(a)
    source = _array(src, "Copy", count, "sourceArray")
    if len(a) == 2:
        dest, si, di, n = _array(a[0], "Copy", count, "destinationArray"), 0, 0, to_int(a[1])
    elif len(a) == 4:
        dest, si, di, n = _array(a[1], "Copy", count, "destinationArray"), to_int(a[0]), to_int(a[2]), to_int(a[3])
    else:
        raise _method_error("Copy", count, f'Cannot find an overload for "Copy" and the argument count: "{count}".')
    if n < 0 or si < 0 or di < 0:
        raise _method_error("Copy", count, "Non-negative number required. (Parameter 'length')",
                            "ArgumentOutOfRangeException")
    if si + n > len(source):
        raise _method_error("Copy", count, "Source array was not long enough. Check the source index, length, and the "
                                           "array's lower bounds. (Parameter 'sourceArray')", "ArgumentException")
    if di + n > len(dest):
        raise _method_error("Copy", count, "Destination array was not long enough. Check the destination index, length, "
                                           "and the array's lower bounds. (Parameter 'destinationArray')",
                            "ArgumentException")
    element = getattr(dest, "element", None)
    from pyshell.engine.types import convert_to

    dest[di : di + n] = [convert_to(element, v) if element else v for v in source[si : si + n]]


def _clear(array: Any, *rng: Any) -> None:
    lst = _array(array, "Clear", 1 + len(rng))
    i, n = _index_range(lst, "Clear", 3, *rng) if len(rng) == 2 else (0, len(lst))
    lst[i : i + n] = [_default(lst)] * n


def _find_all(array: Any, match: Any) -> list[Any]:
    from pyshell.engine.generics import TypedArray

    lst = _array(array, "FindAll", 2)
    hits = [x for x in lst if to_bool(_invoke(match, x))]
    element = getattr(lst, "element", None)
    return TypedArray(hits, element) if element else hits


def _convert_all(array: Any, converter: Any) -> list[Any]:
    return [_invoke(converter, x) for x in _array(array, "ConvertAll", 2)]


def _find(array: Any, match: Any, last: bool = False) -> Any:
    lst = _array(array, "FindLast" if last else "Find", 2)
    for x in (reversed(lst) if last else lst):
        if to_bool(_invoke(match, x)):
            return x
    return _default(lst)


def _find_index(array: Any, *a: Any) -> int:
    lst = _array(array, "FindIndex", 1 + len(a))
    start = to_int(a[0]) if len(a) > 1 else 0
    match = a[-1]
    return next((i for i in range(start, len(lst)) if to_bool(_invoke(match, lst[i]))), -1)


def _binary_search(array: Any, value: Any) -> int:
    lst = _array(array, "BinarySearch", 2)
    lo, hi = 0, len(lst) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        c = ps_compare(lst[mid], value, True)
        if c == 0:
            return mid
        lo, hi = (mid + 1, hi) if c < 0 else (lo, mid - 1)
    return ~lo


def _create_instance(element: Any, length: Any) -> list[Any]:
    from pyshell.engine.generics import TypedArray
    from pyshell.engine.types import TypeRef, convert_to

    name = element.FullName if isinstance(element, TypeRef) else str(element)
    empty = TypedArray([], name)
    return TypedArray([_default(empty)] * to_int(length), name) if name != "System.Object" else \
        [convert_to("System.Object", None)] * to_int(length)


def _for_each(array: Any, action: Any) -> None:
    for x in _array(array, "ForEach", 2):
        _invoke(action, x)


ARRAY_STATICS: dict[str, Any] = {
    "Reverse": _reverse, "IndexOf": _index_of, "LastIndexOf": _last_index_of, "Sort": _sort, "Resize": _resize,
    "Copy": _copy, "Clear": _clear, "Exists": lambda a, m: any(to_bool(_invoke(m, x)) for x in _array(a, "Exists", 2)),
    "TrueForAll": lambda a, m: all(to_bool(_invoke(m, x)) for x in _array(a, "TrueForAll", 2)),
    "Find": lambda a, m: _find(a, m), "FindLast": lambda a, m: _find(a, m, True), "FindAll": _find_all,
    "FindIndex": _find_index, "ConvertAll": _convert_all, "BinarySearch": _binary_search,
    "CreateInstance": _create_instance, "ForEach": _for_each, "Empty": lambda: [],
}


def array_property(lst: list[Any], name: str) -> Any:
    """Rank, LongLength, IsFixedSize... of an array; MISSING for other names."""
    low = name.lower()
    if low == "rank":
        return 1
    if low == "longlength":
        from pyshell.numeric import typed_int

        return typed_int("System.Int64", len(lst))
    if low == "isfixedsize":
        return True
    if low in ("isreadonly", "issynchronized"):
        return False
    if low == "syncroot":
        return lst
    return MISSING


def array_method(lst: list[Any], name: str, args: list[Any]) -> Any:
    """Clear(), SetValue(v, i), GetValue(i), CopyTo(dst, i), GetLength(0)... of an array; MISSING otherwise."""
    low = name.lower()
    n = len(args)
    if low == "clear" and n == 0:
        lst[:] = [_default(lst)] * len(lst)
        return None
    if low in ("setvalue", "getvalue") and n == (2 if low == "setvalue" else 1):
        i = to_int(args[-1])
        if not 0 <= i < len(lst):
            raise _method_error(name, n, "Index was outside the bounds of the array.", "IndexOutOfRangeException")
        if low == "getvalue":
            return lst[i]
        element = getattr(lst, "element", None)
        from pyshell.engine.types import convert_to

        lst[i] = convert_to(element, args[0]) if element else args[0]
        return None
    if low == "copyto" and n == 2:
        _copy(lst, 0, args[0], args[1], len(lst))
        return None
    if low in ("getlength", "getupperbound", "getlowerbound") and n == 1:
        if to_int(args[0]) != 0:
            raise _method_error(name, 1, "Index was outside the bounds of the array.", "IndexOutOfRangeException")
        return {"getlength": len(lst), "getupperbound": len(lst) - 1, "getlowerbound": 0}[low]
    return MISSING
