"""Get-Host: the object $Host holds (pwsh's InternalHost), so `Get-Host` and `$Host` are the same object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, command
from pyshell.engine.objects import MISSING


@command("Get-Host")
class GetHost(Cmdlet):
    """Gets an object that represents the current host program."""

    def process(self) -> Iterator[Any]:
        host = self.runspace.get_variable("Host")
        if host is not MISSING:
            yield host
