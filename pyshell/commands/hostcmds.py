"""Host and system information commands: Clear-Host, Get-Uptime and Get-Error."""

from __future__ import annotations

import datetime as _dt
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command

__all__ = ["ClearHost", "GetUptime"]

#: cursor home, clear the screen and the scroll-back, as pwsh's Clear-Host does on Unix terminals
_CLEAR = "\x1b[H\x1b[2J\x1b[3J"


@command("Clear-Host", aliases=("cls",))
class ClearHost(Cmdlet):
    """Clears the terminal (nothing happens when the output is not a terminal)."""

    def end(self) -> Iterable[Any]:
        out = sys.stdout
        try:
            if out is not None and out.isatty():
                out.write(_CLEAR)
                out.flush()
        except (OSError, ValueError):
            pass
        return ()


@command("Get-Uptime", default_set="Timespan")
class GetUptime(Cmdlet):
    """Gets the time since the system started (a TimeSpan), or with -Since the moment it started."""

    Since = Param("switch", sets=("Since",))

    def end(self) -> Iterator[Any]:
        seconds = time.monotonic()  # pwsh reads the monotonic clock (Stopwatch) on Unix
        uptime = _dt.timedelta(microseconds=int(seconds * 1_000_000))
        if self.Since:
            yield _dt.datetime.now() - uptime
        else:
            yield uptime
