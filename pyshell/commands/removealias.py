"""Remove-Alias: deletes an alias from the scope that defines it (or from the -Scope given)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyshell.commands import aliasstate
from pyshell.commands.session import _check_alias_scope, _no_alias
from pyshell.engine import aliasscope
from pyshell.engine.cmdlet import REGISTRY, Cmdlet, Param, command
from pyshell.errors import PyshellError

__all__ = ["RemoveAlias"]


@command("Remove-Alias", aliases=("ral",))
class RemoveAlias(Cmdlet):
    """Removes aliases; a ReadOnly one needs -Force and a Constant one cannot go."""

    Name = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True)
    Scope = Param("string")
    Force = Param("switch")

    def process(self) -> Iterable[Any]:
        _check_alias_scope(self, self.Scope)
        rs = self.runspace
        for name in self.Name:
            target = self._owner(name)
            if target is _NONE:
                if self.Scope is None and REGISTRY.resolve_alias(name) is not None:
                    # the built-in aliases belong to the engine's command table here: they cannot be removed
                    self.write_error(PyshellError(
                        f"Alias was not removed because alias {name} is constant or read-only.",
                        error_id="AliasNotRemovable", category="WriteError", target=name,
                        reason="SessionStateUnauthorizedAccessException"))
                else:
                    self.write_error(_no_alias(name))
                continue
            try:
                aliasstate.delete_alias(rs, target, name, bool(self.Force))
            except PyshellError as e:
                self.write_error(e)
        return ()

    def _owner(self, name: str) -> Any:
        """The scope whose alias `name` would be removed (the -Scope one, else the nearest visible), or _NONE."""
        rs = self.runspace
        if self.Scope is not None:
            target = aliasstate.target_scope(rs, self.Scope)
            return target if aliasstate.get_entry(rs, target, name) is not None else _NONE
        for entry, scope in aliasscope.visible(rs):
            if entry.name.lower() == name.lower():
                return scope
        return aliasstate.GLOBAL if aliasstate.get_entry(rs, aliasstate.GLOBAL, name) is not None else _NONE


_NONE = object()  #: no alias of that name where Remove-Alias looks
