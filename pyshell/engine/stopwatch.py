"""[System.Diagnostics.Stopwatch]: elapsed time measured with the monotonic clock (100 ns ticks)."""

from __future__ import annotations

import datetime as _dt
import time
from typing import Any

__all__ = ["Stopwatch", "STOPWATCH_STATICS"]

_FREQUENCY = 1_000_000_000  # GetTimestamp() counts nanoseconds


class Stopwatch:
    """Start/Stop/Reset/Restart; Elapsed (a TimeSpan), ElapsedMilliseconds, ElapsedTicks, IsRunning."""

    PS_TYPE_NAMES = ("System.Diagnostics.Stopwatch", "System.Object")
    PS_PROPERTIES = ("IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks")
    PS_METHODS = ("Start", "Stop", "Reset", "Restart", "ToString")

    def __init__(self) -> None:
        self._total = 0  # nanoseconds accumulated while stopped
        self._started: int | None = None

    def _nanos(self) -> int:
        running = time.monotonic_ns() - self._started if self._started is not None else 0
        return self._total + running

    @property
    def IsRunning(self) -> bool:  # noqa: N802 - .NET member names
        return self._started is not None

    @property
    def Elapsed(self) -> _dt.timedelta:  # noqa: N802
        return _dt.timedelta(microseconds=self._nanos() // 1000)

    @property
    def ElapsedMilliseconds(self) -> int:  # noqa: N802
        from pyshell.numeric import typed_int

        return typed_int("System.Int64", self._nanos() // 1_000_000)

    @property
    def ElapsedTicks(self) -> int:  # noqa: N802
        from pyshell.numeric import typed_int

        return typed_int("System.Int64", self._nanos())  # in Frequency units (ns)

    def Start(self) -> None:  # noqa: N802
        if self._started is None:
            self._started = time.monotonic_ns()

    def Stop(self) -> None:  # noqa: N802
        if self._started is not None:
            self._total += time.monotonic_ns() - self._started
            self._started = None

    def Reset(self) -> None:  # noqa: N802
        self._total, self._started = 0, None

    def Restart(self) -> None:  # noqa: N802
        self._total, self._started = 0, time.monotonic_ns()

    def ToString(self) -> str:  # noqa: N802
        return "System.Diagnostics.Stopwatch"

    ps_to_string = ToString


def _start_new() -> Stopwatch:
    sw = Stopwatch()
    sw.Start()
    return sw


def _elapsed_time(start: Any, end: Any = None) -> _dt.timedelta:
    """Stopwatch.GetElapsedTime(startTimestamp[, endTimestamp])."""
    from pyshell.engine.conversions import to_int

    stop = time.monotonic_ns() if end is None else to_int(end)
    return _dt.timedelta(microseconds=(stop - to_int(start)) // 1000)


STOPWATCH_STATICS: dict[str, Any] = {
    "New": lambda: Stopwatch(), "StartNew": _start_new, "IsHighResolution": True, "Frequency": _FREQUENCY,
    "GetTimestamp": lambda: __import__("pyshell.numeric", fromlist=["typed_int"]).typed_int(
        "System.Int64", time.monotonic_ns()),
    "GetElapsedTime": _elapsed_time,
}
