"""Get-Runspace: the runspaces of this process (the session's own, and those made with [runspacefactory])."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string

__all__ = ["GetRunspace"]


@command("Get-Runspace", default_set="NameParameterSet")
class GetRunspace(Cmdlet):
    """Gets active runspaces within the process; -Name takes wildcards, unknown names or ids give nothing."""

    Name = Param("string[]", position=0, sets=("NameParameterSet",))
    Id = Param("int[]", position=0, mandatory=True, sets=("IdParameterSet",))
    InstanceId = Param("string[]", position=0, mandatory=True, sets=("InstanceIdParameterSet",))

    def end(self) -> Iterable[Any]:
        from pyshell.engine.hosting_runspace import live_runspaces
        from pyshell.engine.operators import like

        handles = live_runspaces(self.runspace)
        if self.is_bound("Id"):
            ids = {int(i) for i in self.Id or []}
            return [h for h in handles if h.Id in ids]
        if self.is_bound("InstanceId"):
            wanted = {to_string(i).lower() for i in self.InstanceId or []}
            return [h for h in handles if h.InstanceId.lower() in wanted]
        if self.is_bound("Name") and self.Name:
            return [h for h in handles if any(like(h.Name, to_string(n)) for n in self.Name)]
        return handles
