"""Variable and function scopes: dynamic scoping with global/script/local qualifiers."""

from __future__ import annotations

from typing import Any

from pyshell.engine.objects import MISSING, Hashtable

__all__ = ["Scope"]


class Scope:
    """One scope: its variables and functions, and its parent (the caller's scope)."""

    __slots__ = ("parent", "variables", "functions", "is_script", "constants", "private", "options", "strict", "anull")

    def __init__(self, parent: Scope | None = None, is_script: bool = False) -> None:
        self.parent = parent
        self.variables = Hashtable()
        self.functions = Hashtable()
        self.is_script = is_script
        self.constants: set[str] = set()
        self.private: set[str] | None = None  #: lower-cased names set with $private:, seen only in this scope
        self.options: dict[str, set[str]] | None = None  #: lower-cased name -> its options (readonly, constant...)
        self.strict: int | None = None  #: Set-StrictMode's major version set in this scope (0: off; None: inherit)
        #: lower-cased names whose $null value is AutomationNull (`$v = <a command with no output>`)
        self.anull: set[str] | None = None

    def lookup(self, name: str) -> Any:
        v = self.variables.get(name, MISSING)
        if v is not MISSING:
            return v
        scope = self.parent
        while scope is not None:
            v = scope.variables.get(name, MISSING)
            if v is not MISSING and not (scope.private and name.lower() in scope.private):
                return v
            scope = scope.parent
        return MISSING

    def holds_automation_null(self, name: str) -> bool:
        """Whether $name resolves to a variable assigned from a statement that wrote nothing."""
        owner = self.owner_of(name)
        return owner is not None and owner.anull is not None and name.lower() in owner.anull \
            and owner.variables.get(name) is None

    def owner_of(self, name: str) -> Scope | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.variables:
                return scope
            scope = scope.parent
        return None

    def lookup_function(self, name: str) -> Any:
        scope: Scope | None = self
        while scope is not None:
            f = scope.functions.get(name)
            if f is not None:
                return f
            scope = scope.parent
        return None

    def script_scope(self) -> Scope:
        scope: Scope = self
        while scope.parent is not None and not scope.is_script:
            scope = scope.parent
        return scope

    def global_scope(self) -> Scope:
        scope: Scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope
