"""The session-state providers: Environment (Env:), Variable, Function and Alias.

Each is a flat container of named items. A provider answers what names exist, gives the item
object Get-Item/Get-ChildItem output (with pwsh's PSPath/PSDrive/PSProvider notes) and changes
the session's state; the item cmdlets (commands/session_items.py) hold the cmdlet logic.
"""

from __future__ import annotations

import os
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, unwrap
from pyshell.engine.providers.base import ProviderInfo, PSDriveInfo, culture_key, qualified_name
from pyshell.errors import PyshellError

__all__ = ["SessionProvider", "SESSION_PROVIDERS", "EnvEntry", "VariableItem", "AliasItem", "culture_key"]


class _Notes:
    """The notes a provider adds to the items it returns (PSPath, PSDrive...)."""

    PROVIDER_NOTES = ("PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer")

    def add_notes(self, name: str, drive: PSDriveInfo) -> None:
        self.PSPath = f"{qualified_name(drive.Provider.Name)}::{name}"
        self.PSParentPath = ""
        self.PSChildName = name
        self.PSDrive = drive
        self.PSProvider = drive.Provider
        self.PSIsContainer = False


class EnvEntry(_Notes):
    """An environment variable as the Environment provider returns it: a DictionaryEntry."""

    PS_TYPE_NAMES = ("System.Collections.DictionaryEntry", "System.ValueType", "System.Object")
    PS_PROPERTIES = _Notes.PROVIDER_NOTES + ("Name", "Key", "Value")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("Name", "Value")

    def __init__(self, name: str, value: str, drive: PSDriveInfo) -> None:
        self.Name = self.Key = name
        self.Value = value
        self.add_notes(name, drive)

    def ps_to_string(self) -> str:
        return "System.Collections.DictionaryEntry"


class VariableItem(_Notes):
    """A variable as the Variable provider returns it: a PSVariable."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSVariable", "System.Object")
    PS_PROPERTIES = _Notes.PROVIDER_NOTES + ("Name", "Description", "Value", "Visibility", "Module", "ModuleName",
                                             "Options", "Attributes")

    def __init__(self, name: str, value: Any, options: str, drive: PSDriveInfo) -> None:
        self.Name = name
        self.Description = ""
        self.Value = value
        self.Visibility = "Public"
        self.Module = None
        self.ModuleName = ""
        self.Options = options
        self.Attributes: list[Any] = []
        self.add_notes(name, drive)

    def ps_to_string(self) -> str:
        return "System.Management.Automation.PSVariable"


class AliasItem(_Notes):
    """An alias as the Alias provider returns it: an AliasInfo."""

    PS_TYPE_NAMES = ("System.Management.Automation.AliasInfo", "System.Management.Automation.CommandInfo",
                     "System.Object")
    PS_PROPERTIES = _Notes.PROVIDER_NOTES + ("HelpUri", "ResolvedCommandName", "DisplayName", "ReferencedCommand",
                                             "ResolvedCommand", "Definition", "Options", "Description",
                                             "OutputType", "Name", "CommandType", "Source", "Version",
                                             "Visibility", "ModuleName", "Module", "RemotingCapability",
                                             "Parameters", "ParameterSets")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("CommandType", "Name", "Version", "Source")

    def __init__(self, name: str, definition: str, drive: PSDriveInfo) -> None:
        self.Name = name
        self.Definition = definition
        self.ResolvedCommandName = definition
        self.ReferencedCommand = definition
        self.ResolvedCommand = definition
        self.DisplayName = f"{name} -> {definition}"
        self.CommandType = "Alias"
        self.HelpUri = ""
        self.Options = "None"
        self.Description = ""
        self.OutputType: list[Any] = []
        self.Source = self.ModuleName = ""
        self.Version = ""
        self.Visibility = "Public"
        self.Module = None
        self.RemotingCapability = "PowerShell"
        self.Parameters = None
        self.ParameterSets = None
        self.add_notes(name, drive)

    def ps_to_string(self) -> str:
        return self.Name


class SessionProvider:
    """A flat provider over part of the session state; subclasses fill in the storage calls."""

    name = ""
    drive_name = ""
    description = ""
    #: what the provider calls its items in messages ("variable", "alias"...)
    noun = "item"

    def __init__(self, table: Any = None) -> None:
        self.info = ProviderInfo(self.name, table=table)

    # -- storage (override) ----------------------------------------------------------------
    def names(self, rs: Any) -> list[str]:
        raise NotImplementedError

    def lookup(self, rs: Any, name: str) -> tuple[str, Any] | None:
        """(stored name, value) of the item called name, or None."""
        folded = name.casefold()
        for stored in self.names(rs):
            if stored.casefold() == folded:
                return stored, self.value(rs, stored)
        return None

    def value(self, rs: Any, name: str) -> Any:
        raise NotImplementedError

    def item(self, rs: Any, name: str, value: Any, drive: PSDriveInfo) -> Any:
        raise NotImplementedError

    def set(self, rs: Any, name: str, value: Any, *, force: bool = False) -> None:
        raise NotImplementedError

    def remove(self, rs: Any, name: str, *, force: bool = False) -> None:
        raise NotImplementedError

    def content(self, value: Any) -> Any:
        """What Get-Content returns for an item's value."""
        return value

    def clear(self, rs: Any, name: str) -> None:
        """Clear-Item: the value becomes $null (for Env:, the variable goes)."""
        self.set(rs, name, None, force=True)

    # -- shared ----------------------------------------------------------------------------
    def sorted_names(self, rs: Any) -> list[str]:
        return sorted(self.names(rs), key=culture_key)


class EnvironmentProvider(SessionProvider):
    """Env: — the process environment (names are case-sensitive on Linux, as in pwsh)."""

    name = "Environment"
    drive_name = "Env"
    description = "Drive that contains a view of the environment variables for the process"
    noun = "environment variable"

    def names(self, rs: Any) -> list[str]:
        return list(rs.process_environment())

    def lookup(self, rs: Any, name: str) -> tuple[str, Any] | None:
        env = rs.process_environment()
        return (name, env[name]) if name in env else None

    def value(self, rs: Any, name: str) -> Any:
        return rs.process_environment().get(name, MISSING)

    def item(self, rs: Any, name: str, value: Any, drive: PSDriveInfo) -> Any:
        return EnvEntry(name, to_string(value), drive)

    def set(self, rs: Any, name: str, value: Any, *, force: bool = False) -> None:
        value = unwrap(value)
        if value is None or value == "":
            os.environ.pop(name, None)
        else:
            os.environ[name] = to_string(value)

    def remove(self, rs: Any, name: str, *, force: bool = False) -> None:
        os.environ.pop(name, None)


class _ScopeTableProvider(SessionProvider):
    """A provider over a per-scope table (variables, functions): the nearest scope's entry wins."""

    table_attr = ""

    def _table(self, rs: Any) -> dict[str, tuple[str, Any]]:
        seen: dict[str, tuple[str, Any]] = {}
        scope = rs.scope
        while scope is not None:
            for key, value in getattr(scope, self.table_attr).items():
                seen.setdefault(to_string(key).casefold(), (to_string(key), value))
            scope = scope.parent
        return seen

    def names(self, rs: Any) -> list[str]:
        return [name for name, _ in self._table(rs).values()]

    def lookup(self, rs: Any, name: str) -> tuple[str, Any] | None:
        return self._table(rs).get(name.casefold())

    def value(self, rs: Any, name: str) -> Any:
        found = self.lookup(rs, name)
        return MISSING if found is None else found[1]


class VariableProvider(_ScopeTableProvider):
    """Variable: — the variables visible from the current scope."""

    name = "Variable"
    drive_name = "Variable"
    description = "Drive that contains a view of those variables stored in a session state"
    noun = "variable"

    table_attr = "variables"

    def _table(self, rs: Any) -> dict[str, tuple[str, Any]]:
        seen = super()._table(rs)
        for key in ("true", "false", "null", "PWD", "Error", "?"):
            seen.setdefault(key.casefold(), (key, rs.read_variable(key)))
        return seen

    def item(self, rs: Any, name: str, value: Any, drive: PSDriveInfo) -> Any:
        try:
            options = rs.variable_options(name)
        except Exception:  # noqa: BLE001 - automatic variables have no owner scope
            options = "None"
        return VariableItem(name, value, options, drive)

    def set(self, rs: Any, name: str, value: Any, *, force: bool = False) -> None:
        rs.set_variable(name, value, force=force)

    def remove(self, rs: Any, name: str, *, force: bool = False) -> None:
        rs.remove_variable(name, force=force)


class FunctionProvider(_ScopeTableProvider):
    """Function: — the functions visible from the current scope."""

    name = "Function"
    drive_name = "Function"
    description = "Drive that contains a view of the functions stored in a session state"
    noun = "function"

    table_attr = "functions"

    def item(self, rs: Any, name: str, value: Any, drive: PSDriveInfo) -> Any:
        return value

    def content(self, value: Any) -> Any:
        return getattr(value, "ScriptBlock", value)

    def set(self, rs: Any, name: str, value: Any, *, force: bool = False) -> None:
        from pyshell.engine.scriptblock import FunctionInfo, ScriptBlock

        value = unwrap(value)
        if value is None:
            self.remove(rs, name, force=force)
            return
        if isinstance(value, FunctionInfo):
            block = value.ScriptBlock
        elif isinstance(value, ScriptBlock):
            block = value
        elif isinstance(value, str):
            block = ScriptBlock.create(value)
            block._runspace = rs  # type: ignore[attr-defined]
        else:
            raise PyshellError("The value of the function must be a ScriptBlock or a FunctionInfo.",
                               error_id="Argument", category="InvalidArgument", target=name,
                               reason="PSArgumentException")
        found = self.lookup(rs, name)
        owner = rs.scope
        stored = name
        if found is not None:
            stored = found[0]
            scope = rs.scope
            while scope is not None and stored not in scope.functions:
                scope = scope.parent
            owner = scope or rs.scope
        owner.functions[stored] = FunctionInfo(stored, block, bool(getattr(block, "is_filter", False)))

    def remove(self, rs: Any, name: str, *, force: bool = False) -> None:
        scope = rs.scope
        while scope is not None:
            for key in list(scope.functions.keys()):
                if to_string(key).casefold() == name.casefold():
                    del scope.functions[key]
                    return
            scope = scope.parent


class AliasProvider(SessionProvider):
    """Alias: — the built-in aliases plus those the session defined (Set-Alias)."""

    name = "Alias"
    drive_name = "Alias"
    description = "Drive that contains a view of the aliases stored in a session state"
    noun = "alias"

    def _table(self, rs: Any) -> dict[str, tuple[str, str]]:
        from pyshell.engine.cmdlet import REGISTRY

        commands, aliases = REGISTRY.names()
        proper = {c.casefold(): c for c in commands}
        table = {a.casefold(): (a, proper.get(t.casefold(), t)) for a, t in aliases.items()}
        for key, target in rs.aliases.items():
            table[to_string(key).casefold()] = (to_string(key), to_string(target))
        from pyshell.engine.aliasscope import visible

        for entry, _ in reversed(visible(rs)):  # aliases of the current scope chain (Set-Alias in a script)
            table[entry.name.casefold()] = (entry.name, entry.definition)
        return table

    def names(self, rs: Any) -> list[str]:
        return [name for name, _ in self._table(rs).values()]

    def lookup(self, rs: Any, name: str) -> tuple[str, Any] | None:
        return self._table(rs).get(name.casefold())

    def value(self, rs: Any, name: str) -> Any:
        found = self.lookup(rs, name)
        return MISSING if found is None else found[1]

    def item(self, rs: Any, name: str, value: Any, drive: PSDriveInfo) -> Any:
        return AliasItem(name, to_string(value), drive)

    def content(self, value: Any) -> Any:
        return value

    def set(self, rs: Any, name: str, value: Any, *, force: bool = False) -> None:
        value = unwrap(value)
        if value is None:
            self.remove(rs, name, force=force)
            return
        rs.aliases[name] = to_string(getattr(value, "Definition", value))

    def remove(self, rs: Any, name: str, *, force: bool = False) -> None:
        """Session aliases go; the built-in ones are read-only here (command lookup always knows them)."""
        from pyshell.engine.aliasscope import scope_table, visible

        for entry, scope in visible(rs):
            if entry.name.casefold() == name.casefold():
                del scope_table(rs, scope)[entry.name]  # type: ignore[index]
                return
        for key in list(rs.aliases.keys()):
            if to_string(key).casefold() == name.casefold():
                del rs.aliases[key]
                return
        raise PyshellError(f"Alias was not removed because alias {name} is constant or read-only.",
                           error_id="AliasNotRemovable", category="WriteError", target=name,
                           reason="SessionStateUnauthorizedAccessException")


SESSION_PROVIDERS: tuple[type[SessionProvider], ...] = (AliasProvider, EnvironmentProvider, FunctionProvider,
                                                         VariableProvider)
