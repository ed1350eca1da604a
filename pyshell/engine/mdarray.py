"""Multidimensional arrays: [string[,]]::new(3, 2), New-Object 'int[,]' 2,2, $a[1,1] = 'd'.

The elements are kept flat in row-major order (a list), so enumeration, .Length/.Count and
`$list + $md` see them as .NET does; $a[i,j] reads and writes through ps_index/ps_set_index.
"""

from __future__ import annotations

import re
from typing import Any

from pyshell.engine.conversions import to_int
from pyshell.engine.objects import MISSING
from pyshell.errors import RuntimeScriptError

__all__ = ["MultiArray", "parse_rank", "new_multi_array"]

_RANK = re.compile(r"^(.*)\[(,+)\]$")


def parse_rank(name: str) -> tuple[str, int] | None:
    """'int[,]' -> ('int', 2); None for other names."""
    m = _RANK.match(name.strip().replace(" ", ""))
    return (m.group(1), len(m.group(2)) + 1) if m else None


def _bounds_error() -> RuntimeScriptError:
    err = RuntimeScriptError("Index was outside the bounds of the array.", error_id="System.IndexOutOfRangeException",
                             category="OperationStopped", reason="IndexOutOfRangeException")
    err.ps_type_name = "System.IndexOutOfRangeException"
    return err


class MultiArray(list):  # type: ignore[type-arg]
    """A rank-N array of one element type; flat row-major storage."""

    def __init__(self, element: str, dims: list[int], fill: Any) -> None:
        size = 1
        for d in dims:
            size *= d
        super().__init__([fill] * size)
        self.element = element
        self.dims = dims

    @property
    def PS_TYPE_NAMES(self) -> tuple[str, ...]:  # noqa: N802
        return (f"{self.element}[{',' * (len(self.dims) - 1)}]", "System.Array", "System.Object")

    def _offset(self, idx: Any) -> int:
        ix = [to_int(i) for i in (idx if isinstance(idx, (list, tuple)) else [idx])]
        if len(ix) != len(self.dims):
            raise RuntimeScriptError(f"You cannot index into a {len(self.dims)} dimensional array with index "
                                     f"[{','.join(str(i) for i in ix)}].", error_id="NeedMultidimensionalIndex",
                                     category="InvalidOperation")
        offset = 0
        for i, d in zip(ix, self.dims, strict=True):
            if not 0 <= i < d:
                raise _bounds_error()
            offset = offset * d + i
        return offset

    def ps_index(self, idx: Any) -> Any:
        """$a[i, j]; outside the bounds $null, as reading past a one-dimensional array gives."""
        try:
            return list.__getitem__(self, self._offset(idx))
        except RuntimeScriptError as err:
            if err.error_id == "System.IndexOutOfRangeException":
                return None
            raise

    def ps_set_index(self, idx: Any, value: Any) -> None:
        """$a[i, j] = value (converted to the element type)."""
        from pyshell.engine.types import convert_to

        list.__setitem__(self, self._offset(idx), convert_to(self.element, value))

    def ps_property(self, name: str) -> Any:
        low = name.lower()
        if low == "rank":
            return len(self.dims)
        if low == "longlength":
            from pyshell.numeric import typed_int

            return typed_int("System.Int64", len(self))
        if low == "isfixedsize":
            return True
        if low in ("isreadonly", "issynchronized"):
            return False
        return MISSING

    PS_METHODS = ("GetLength", "GetUpperBound", "GetLowerBound", "GetValue", "SetValue", "Clear")

    def _dim(self, d: Any) -> int:
        n = to_int(d)
        if not 0 <= n < len(self.dims):
            raise _bounds_error()
        return n

    def GetLength(self, d: Any) -> int:  # noqa: N802 - .NET method names
        return self.dims[self._dim(d)]

    def GetUpperBound(self, d: Any) -> int:  # noqa: N802
        return self.dims[self._dim(d)] - 1

    def GetLowerBound(self, d: Any) -> int:  # noqa: N802
        self._dim(d)
        return 0

    def GetValue(self, *idx: Any) -> Any:  # noqa: N802
        return self.ps_index(list(idx))

    def SetValue(self, value: Any, *idx: Any) -> None:  # noqa: N802
        self.ps_set_index(list(idx), value)

    def Clear(self) -> None:  # noqa: N802
        from pyshell.engine.arrays import _default

        self[:] = [_default(self)] * len(self)


def new_multi_array(type_name: str, args: list[Any]) -> MultiArray | None:
    """[T[,]]::new(d1, d2) / New-Object 'T[,]' d1,d2; None when type_name is not a multidimensional array."""
    parsed = parse_rank(type_name)
    if parsed is None:
        return None
    element_name, rank = parsed
    from pyshell.engine.arrays import _default, _method_error
    from pyshell.engine.generics import TypedArray
    from pyshell.engine.types import TypeRef

    dims_in = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    if len(dims_in) != rank:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("new", len(args))
    dims = [to_int(d) for d in dims_in]
    if any(d < 0 for d in dims):
        raise _method_error(".ctor", len(args), "Arithmetic operation resulted in an overflow.", "OverflowException")
    element = TypeRef(element_name).FullName
    return MultiArray(element, dims, _default(TypedArray([], element)))
