"""Aliases of non-global scopes, as pwsh keeps them per scope: `Set-Alias x y -Scope local` inside a function or
script is seen there and in its children and gone with the scope. The global scope's aliases stay in
`rs.aliases` (what modules, the Alias: drive and the REPL use); other scopes get a table of their own here,
with each alias's Description and Options (ReadOnly / Constant / Private)."""

from __future__ import annotations

from typing import Any

from pyshell.engine.objects import Hashtable

__all__ = ["AliasEntry", "scope_table", "lookup", "visible", "entry_in"]


class AliasEntry:
    """An alias in one scope: its definition and the metadata Get-Alias shows."""

    __slots__ = ("name", "definition", "description", "options")

    def __init__(self, name: str, definition: str, description: str = "", options: str = "None") -> None:
        self.name = name
        self.definition = definition
        self.description = description
        self.options = options


def _tables(rs: Any) -> dict[Any, Hashtable]:
    tables = getattr(rs, "scoped_aliases", None)
    if tables is None:
        tables = rs.scoped_aliases = {}
    return tables


def scope_table(rs: Any, scope: Any, *, create: bool = False) -> Hashtable | None:
    """The alias table (lower name -> AliasEntry) of a non-global scope; None when it has none yet."""
    tables = _tables(rs)
    table = tables.get(scope)
    if table is None and create:
        table = tables[scope] = Hashtable()
    return table


def entry_in(rs: Any, scope: Any, name: str) -> AliasEntry | None:
    """The alias `name` defined in that very scope (not an outer one)."""
    table = scope_table(rs, scope)
    return None if table is None else table.get(name)


def _private(entry: AliasEntry) -> bool:
    return "private" in entry.options.lower()


def lookup(rs: Any, name: str) -> str | None:
    """What `name` is an alias of, from the innermost scope outwards (a Private one only in its own scope)."""
    tables = getattr(rs, "scoped_aliases", None)
    if tables:
        scope = rs.scope
        while scope is not None and scope is not rs.global_scope:
            table = tables.get(scope)
            if table is not None:
                entry = table.get(name)
                if entry is not None and (scope is rs.scope or not _private(entry)):
                    return entry.definition
            scope = scope.parent
    value = rs.aliases.get(name)
    return None if value is None else str(value)


def visible(rs: Any, scope: Any = None) -> list[tuple[AliasEntry, Any]]:
    """The scoped aliases seen from `scope` (default: the current one), innermost first, one per name."""
    tables = getattr(rs, "scoped_aliases", None)
    out: list[tuple[AliasEntry, Any]] = []
    if not tables:
        return out
    seen: set[str] = set()
    start = rs.scope if scope is None else scope
    current = start
    while current is not None and current is not rs.global_scope:
        for entry in (tables.get(current) or {}).values():
            key = entry.name.lower()
            if key not in seen and (current is start or not _private(entry)):
                seen.add(key)
                out.append((entry, current))
        current = current.parent
    return out
