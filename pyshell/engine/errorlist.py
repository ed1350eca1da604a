"""$Error: the session's live System.Collections.ArrayList of error records, newest first."""

from __future__ import annotations

from typing import Any

__all__ = ["ErrorList"]


class ErrorList(list):  # type: ignore[type-arg]
    """What $Error is: scripts can Insert, Remove, RemoveAt and Clear it, and see the engine's additions."""

    PS_TYPE_NAMES = ("System.Collections.ArrayList", "System.Object")
    PS_METHODS = ("Add", "Insert", "Remove", "RemoveAt", "RemoveRange", "Clear", "Contains", "IndexOf", "ToArray",
                  "ToString")

    def Add(self, item: Any) -> int:  # noqa: N802 - .NET method names
        self.append(item)
        return len(self) - 1

    def Insert(self, index: Any, item: Any) -> None:  # noqa: N802
        self.insert(_index(index, len(self) + 1), item)

    def Remove(self, item: Any) -> None:  # noqa: N802
        for i, x in enumerate(self):
            if x is item:
                del self[i]
                return

    def RemoveAt(self, index: Any) -> None:  # noqa: N802
        del self[_index(index, len(self))]

    def RemoveRange(self, index: Any, count: Any) -> None:  # noqa: N802
        start = _index(index, len(self) + 1)
        del self[start : start + int(count)]

    def Clear(self) -> None:  # noqa: N802
        self.clear()

    def Contains(self, item: Any) -> bool:  # noqa: N802
        return any(x is item for x in self)

    def IndexOf(self, item: Any) -> int:  # noqa: N802
        return next((i for i, x in enumerate(self) if x is item), -1)

    def ToArray(self) -> list[Any]:  # noqa: N802
        return list(self)

    def ToString(self) -> str:  # noqa: N802
        return "System.Collections.ArrayList"


def _index(value: Any, limit: int) -> int:
    from pyshell.errors import RuntimeScriptError

    i = int(value)
    if not 0 <= i < limit:
        raise RuntimeScriptError("Index was out of range. Must be non-negative and less than the size of the "
                                 "collection. (Parameter 'index')", error_id="ArgumentOutOfRangeException",
                                 reason="MethodInvocationException")
    return i
