"""[ref]: a reference to a value, or to a variable (`[ref]$x`) so a callee can change the caller's variable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyshell.engine.objects import MISSING

if TYPE_CHECKING:
    from pyshell.engine.runspace import Runspace
    from pyshell.engine.scope import Scope

__all__ = ["PSReference", "VariableReference", "make_reference", "require_reference", "variable_reference"]


class PSReference:
    """`[ref]<value>`: a box whose .Value scripts and methods ([int]::TryParse) read and write."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSReference", "System.Object")
    PS_PROPERTIES = ("Value",)

    def __init__(self, value: Any = None) -> None:
        self._value = value

    @property
    def Value(self) -> Any:  # noqa: N802 - .NET property name
        return self._value

    @Value.setter
    def Value(self, value: Any) -> None:  # noqa: N802
        self._value = value

    def ps_to_string(self) -> str:
        return "System.Management.Automation.PSReference"


class VariableReference(PSReference):
    """`[ref]$x`: .Value reads and writes the variable itself (in the scope that held it when referenced)."""

    def __init__(self, rs: Runspace, scope: Scope, name: str) -> None:
        super().__init__(None)
        self._rs = rs
        self._scope = scope
        self._name = name

    @property
    def Value(self) -> Any:  # noqa: N802
        v = self._scope.variables.get(self._name, MISSING)
        return None if v is MISSING else v

    @Value.setter
    def Value(self, value: Any) -> None:  # noqa: N802
        types = self._rs.var_types.get(id(self._scope))
        if types and self._name.lower() in types:
            from pyshell.engine.types import convert_to

            value = convert_to(types[self._name.lower()], value)  # [int]$x keeps its type through a [ref]
        self._scope.variables[self._name] = value


def make_reference(value: Any) -> PSReference:
    """[ref]value: an existing reference stays itself, anything else is boxed."""
    return value if isinstance(value, PSReference) else PSReference(value)


def require_reference(value: Any) -> PSReference:
    """A value bound to a [ref] parameter (or converted to [ref]) must already be a reference."""
    if isinstance(value, PSReference):
        return value
    from pyshell.engine.conversions import ConversionError

    raise ConversionError("Reference type is expected in argument.", error_id="ReferenceTypeExpected")


_SPECIAL = {"null", "true", "false", "?", "pwd", "error"}


def _missing_variable(name: str) -> Exception:
    from pyshell.errors import RuntimeScriptError

    return RuntimeScriptError("[ref] cannot be applied to a variable that does not exist.",
                              error_id="NonExistingVariableReference", category="InvalidOperation", target=name)


def variable_reference(rs: Runspace, name: str, scope: str | None = None) -> PSReference:
    """[ref]$name: refers to the variable $name resolves to (pwsh's NonExistingVariableReference error when
    there is none); [ref]$null and the other automatic values are references to their value. A variable
    already holding a reference gives that reference."""
    if scope is None and name.lower() in _SPECIAL:
        return PSReference(rs.read_variable(name))  # [int]::TryParse('x', [ref]$null): writes go nowhere
    if scope == "global":
        owner: Scope | None = rs.global_scope if name in rs.global_scope.variables else None
    elif scope == "script":
        owner = rs.scope.script_scope().owner_of(name)
    elif scope in ("local", "private"):
        owner = rs.scope if name in rs.scope.variables else None
    elif scope is None:
        owner = rs.scope.owner_of(name)
    else:
        return PSReference(rs.read_variable(name, scope))  # $env:x and friends: a value reference
    if owner is None:
        raise _missing_variable(name)
    current = owner.variables.get(name)
    if isinstance(current, PSReference):
        return current
    return VariableReference(rs, owner, name)
