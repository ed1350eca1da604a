"""Measure-Command: times a script block run in the caller's scope, its output discarded."""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.objects import MISSING

__all__ = ["MeasureCommand"]


@command("Measure-Command")
class MeasureCommand(Cmdlet):
    """Measures the time it takes to run script blocks and cmdlets."""

    InputObject = Param("psobject", pipeline=True)
    Expression = Param("scriptblock", position=0, mandatory=True)

    def begin(self) -> Iterable[Any]:
        self._elapsed = 0.0
        return ()

    def process(self) -> Iterator[Any]:
        # pwsh runs the block once per input object (once with no input), in the current scope,
        # with $_ set to the object; the stopwatch only runs while the block does
        item = self.InputObject if self.is_bound("InputObject") else MISSING
        start = time.perf_counter()
        try:
            for _ in self.runspace.invoke_iter(self.Expression, dollar_under=item, new_scope=False):
                pass
        finally:
            self._elapsed += time.perf_counter() - start
        return iter(())

    def end(self) -> Iterable[Any]:
        ticks = int(round(self._elapsed * 10_000_000))
        return [_dt.timedelta(microseconds=ticks // 10)]
