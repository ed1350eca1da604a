"""Where the alias cmdlets read and write an alias: the global table (`rs.aliases`, with Description/Options in
`rs._alias_meta`) or the table of a non-global scope (engine/aliasscope.py), and pwsh's refusals for ReadOnly and
Constant aliases."""

from __future__ import annotations

from typing import Any

from pyshell.engine import aliasscope
from pyshell.engine.conversions import to_string
from pyshell.errors import PyshellError

__all__ = ["target_scope", "get_entry", "write_alias", "delete_alias", "not_writable", "GLOBAL"]

GLOBAL = None  #: target_scope() result for the global table


def target_scope(rs: Any, scope: str | None) -> Any:
    """The scope an alias cmdlet's -Scope names (None: the global table). Without -Scope it is the local
    scope, as in pwsh, except while a module's script runs (the loader turns those into the module's aliases)."""
    low = (scope or "").lower()
    if low == "global":
        return GLOBAL
    if low == "script":
        target = rs.scope.script_scope()
    elif low.isdigit():
        target = rs.scope
        for _ in range(int(low)):
            target = target.parent or target
    else:
        target = rs.scope
        if not low and _module_loading(rs):
            return GLOBAL
    return GLOBAL if target is rs.global_scope else target


def _module_loading(rs: Any) -> bool:
    table = getattr(rs, "_ps_module_table", None)
    return bool(table is not None and table.loading and getattr(table.loading[-1], "scope", None) is rs.scope)


def get_entry(rs: Any, target: Any, name: str) -> tuple[str, str, str, str] | None:
    """(name, definition, description, options) of the alias defined in that very scope, or None."""
    if target is GLOBAL:
        for key in rs.aliases.keys():
            if str(key).lower() == name.lower():
                desc, opts = getattr(rs, "_alias_meta", {}).get(name.lower(), ("", "None"))
                return str(key), to_string(rs.aliases[key]), desc, opts
        return None
    entry = aliasscope.entry_in(rs, target, name)
    return None if entry is None else (entry.name, entry.definition, entry.description, entry.options)


def not_writable(name: str) -> PyshellError:
    return PyshellError(f"Alias is not writeable because alias {name} is read-only or constant and cannot be "
                        "written to.", error_id="AliasNotWritable", category="WriteError", target=name,
                        reason="SessionStateUnauthorizedAccessException")


def write_alias(rs: Any, target: Any, name: str, value: str, description: str, options: str, force: bool) -> None:
    """Create or change an alias; a Constant one (or ReadOnly without -Force) is AliasNotWritable."""
    existing = get_entry(rs, target, name)
    if existing is not None:
        opts = existing[3].lower()
        if "constant" in opts or ("readonly" in opts and not force):
            raise not_writable(existing[0])
    if target is GLOBAL:
        for key in [k for k in rs.aliases.keys() if str(k).lower() == name.lower()]:
            del rs.aliases[key]
        rs.aliases[name] = value
        if not hasattr(rs, "_alias_meta"):
            rs._alias_meta = {}
        rs._alias_meta[name.lower()] = (description, options)
        return
    table = aliasscope.scope_table(rs, target, create=True)
    assert table is not None
    table[name] = aliasscope.AliasEntry(name, value, description, options)


def delete_alias(rs: Any, target: Any, name: str, force: bool) -> None:
    """Remove an alias of that scope; a Constant one (or ReadOnly without -Force) is AliasNotRemovable."""
    existing = get_entry(rs, target, name)
    if existing is None:
        return
    opts = existing[3].lower()
    if "constant" in opts or ("readonly" in opts and not force):
        raise PyshellError(f"Alias was not removed because alias {existing[0]} is constant or read-only.",
                           error_id="AliasNotRemovable", category="WriteError", target=existing[0],
                           reason="SessionStateUnauthorizedAccessException")
    if target is GLOBAL:
        for key in [k for k in rs.aliases.keys() if str(k).lower() == name.lower()]:
            del rs.aliases[key]
        getattr(rs, "_alias_meta", {}).pop(name.lower(), None)
        return
    table = aliasscope.scope_table(rs, target)
    if table is not None:
        del table[existing[0]]
