"""Compare-Object: the side indicators of two object sets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.objects import add_note
from pyshell.commands.sorting import key_values
from pyshell.engine.calculated import (
    parse_property_specs,
    values_equal,
)
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.objects import MISSING, PSObject
from pyshell.errors import PyshellError

__all__ = ["CompareObject"]

# -- Compare-Object --------------------------------------------------------------------------------

@command("Compare-Object", aliases=("compare", "diff"))
class CompareObject(Cmdlet):
    """Compares two sets of objects.

    As pwsh does: each difference object is matched against the reference object at the same
    position, then against the unmatched objects of the other side kept in backlogs of at most
    -SyncWindow entries; an entry pushed out of a backlog is reported as on its side only, and what
    is left at the end is reported, the difference side first.
    """

    ReferenceObject = Param("object", position=0, mandatory=True)  # "object": $null stays $null
    DifferenceObject = Param("object", position=1, mandatory=True, pipeline=True)
    SyncWindow = Param("int")
    Property = Param("object[]")
    ExcludeDifferent = Param("switch")
    IncludeEqual = Param("switch")
    PassThru = Param("switch")
    Culture = Param("string")
    CaseSensitive = Param("switch")

    def begin(self) -> Iterable[Any]:
        if self.is_bound("ReferenceObject") and self.ReferenceObject is None:
            raise _null_argument("ReferenceObject")
        if self.is_bound("SyncWindow") and int(self.SyncWindow) < 0:
            raise PyshellError(f"Cannot validate argument on parameter 'SyncWindow'. The {int(self.SyncWindow)} "
                               "argument is less than the minimum allowed range of 0. Supply an argument that is "
                               "greater than or equal to 0 and then try the command again.",
                               error_id="ParameterArgumentValidationError", category="InvalidData")
        self._specs = parse_property_specs(self.Property, keys=("Expression",)) if self.Property else []
        reference = self.ReferenceObject
        items = list(reference) if isinstance(reference, (list, tuple)) else [reference]
        self._reference = [(r, self._keys(r)) for r in items]
        self._next = 0
        self._window = int(self.SyncWindow) if self.is_bound("SyncWindow") else 2**31 - 1
        self._ref_backlog: list[tuple[Any, list[Any]]] = []
        self._diff_backlog: list[tuple[Any, list[Any]]] = []
        # pwsh 7 only shows equal ones with -IncludeEqual: -ExcludeDifferent alone outputs nothing
        self._show_equal = bool(self.IncludeEqual)
        return ()

    def process(self) -> Iterator[Any]:
        value = self.DifferenceObject
        if value is None:
            if self.is_bound("DifferenceObject"):
                error = _null_argument("DifferenceObject")
                if not self.expecting_input:
                    raise error
                self.write_error(error)
            return
        for item in value if isinstance(value, (list, tuple)) else [value]:
            yield from self._step((item, self._keys(item)))

    def end(self) -> Iterator[Any]:
        while self._next < len(self._reference):
            yield from self._step(None)
        for obj, keys in self._diff_backlog:
            yield from self._emit(obj, keys, "=>")
        for obj, keys in self._ref_backlog:
            yield from self._emit(obj, keys, "<=")
        self._diff_backlog, self._ref_backlog = [], []

    def _step(self, difference: tuple[Any, list[Any]] | None) -> Iterator[Any]:
        """One reference object (while any are left) against one difference object (None at the end)."""
        reference = None
        if self._next < len(self._reference):
            reference = self._reference[self._next]
            self._next += 1
        if reference is not None and difference is not None and self._equal(reference[1], difference[1]):
            yield from self._emit(*reference, "==")
            return
        if difference is not None:
            match = self._take(difference[1], self._ref_backlog)
            if match is not None:
                yield from self._emit(*match, "==")
                difference = None
        if reference is not None:
            match = self._take(reference[1], self._diff_backlog)
            if match is not None:
                yield from self._emit(*reference, "==")
                reference = None
        if difference is not None:
            self._diff_backlog.append(difference)
            if len(self._diff_backlog) > self._window:
                yield from self._emit(*self._diff_backlog.pop(0), "=>")
        if reference is not None:
            self._ref_backlog.append(reference)
            if len(self._ref_backlog) > self._window:
                yield from self._emit(*self._ref_backlog.pop(0), "<=")

    def _take(self, keys: list[Any], backlog: list[tuple[Any, list[Any]]]) -> tuple[Any, list[Any]] | None:
        for i, entry in enumerate(backlog):
            if self._equal(entry[1], keys):
                return backlog.pop(i)
        return None

    def _equal(self, a: list[Any], b: list[Any]) -> bool:
        cs = bool(self.CaseSensitive)
        return len(a) == len(b) and all(values_equal(x, y, cs) for x, y in zip(a, b, strict=True))

    def _keys(self, obj: Any) -> list[Any]:
        if not self._specs:
            return [obj]
        return [None if v is MISSING else v for v in key_values(self, self._specs, obj)]

    def _emit(self, obj: Any, keys: list[Any], side: str) -> Iterator[Any]:
        if side == "==" and not self._show_equal:
            return
        if side != "==" and self.ExcludeDifferent:
            return
        if self.PassThru:
            yield add_note(obj, "SideIndicator", side, force=True)
        elif not self._specs:
            yield PSObject([("InputObject", obj), ("SideIndicator", side)])
        else:
            yield PSObject([(s.label, k) for s, k in zip(self._specs, keys, strict=True)] + [("SideIndicator", side)])


def _null_argument(name: str) -> PyshellError:
    return PyshellError(f"Cannot bind argument to parameter '{name}' because it is null.",
                        error_id="ParameterArgumentValidationErrorNullNotAllowed", category="InvalidData")
