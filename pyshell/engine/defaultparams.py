"""$PSDefaultParameterValues: per-command default values for parameters the caller left unbound.

Keys are "CommandPattern:ParameterName" (the command part may use wildcards); a script block value is
evaluated at binding time unless the parameter itself takes a script block; `Disabled = $true`
switches the whole table off. pwsh applies it to cmdlets and advanced functions only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pyshell.engine.objects import MISSING

if TYPE_CHECKING:
    from pyshell.engine.binder import Binder, BoundCall

__all__ = ["apply_default_parameter_values"]


def apply_default_parameter_values(rs: Any, binder: Binder, call: BoundCall, command_name: str) -> None:
    """Bind the matching table entries whose parameters the call did not bind itself."""
    table = rs.scope.lookup("PSDefaultParameterValues")
    if table is MISSING or not isinstance(table, Mapping) or not table:
        return
    if _disabled(table):
        return
    from pyshell.engine.calculated import wildcard_match
    from pyshell.errors import PyshellError

    for key, value in list(table.items()):
        if not isinstance(key, str) or ":" not in key:
            continue
        pattern, _, pname = key.rpartition(":")
        pattern, pname = pattern.strip(), pname.strip()
        if not pattern or not pname or not wildcard_match(pattern, command_name):
            continue
        try:
            name, p, common = binder.resolve_name(pname)
        except PyshellError:
            continue
        if name.lower() != pname.lower() and pname.lower() not in (a.lower() for a in p.aliases):
            continue  # the key must name the parameter (or an alias), not a prefix of it
        target = call.common if common else call.bound
        if name in target or name in call.delay_bind:
            continue
        if not common and p.sets and not set(p.sets) & binder._sets_for(call.bound):
            continue  # a default for another parameter set than the one the given parameters chose
        try:
            target[name] = binder.convert(name, p, _value_for(rs, p, value))
        except PyshellError:
            continue  # pwsh skips a default it cannot bind rather than failing the command


def _disabled(table: Mapping[Any, Any]) -> bool:
    from pyshell.engine.conversions import to_bool

    for key, value in table.items():
        if isinstance(key, str) and key.lower() == "disabled":
            return bool(to_bool(value))
    return False


def _value_for(rs: Any, p: Any, value: Any) -> Any:
    """A script block default is run for its value unless the parameter wants the block itself."""
    from pyshell.engine.scriptblock import ScriptBlock

    if isinstance(value, ScriptBlock) and p.type.lower() not in ("scriptblock", "system.management.automation.scriptblock"):
        out = rs.invoke(value)
        return None if not out else out[0] if len(out) == 1 else out
    return value
