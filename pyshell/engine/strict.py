"""Set-StrictMode's checks: the version in force for a scope and the errors each version raises.

The version belongs to the scope where Set-StrictMode ran and is inherited by child scopes.
`Evaluator.strict_any` stays False until strict mode is first turned on, so the engine's hot paths
test that one flag on their miss paths only and pay nothing while strict mode is never used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyshell.errors import RuntimeScriptError, Span

if TYPE_CHECKING:
    from pyshell.engine.runspace import Runspace

__all__ = ["strict_version", "check_undefined_variable", "property_not_found", "function_called_as_method",
           "index_out_of_range", "strict_get_member", "parse_strict_version", "UNDEFINED_OK"]

#: automatic variables a script may read even when nothing set them (pwsh keeps a slot for each in every
#: script block, so they are never "not set")
UNDEFINED_OK = frozenset({"_", "psitem", "args", "input", "this", "myinvocation", "psboundparameters",
                          "pscmdlet", "foreach", "switch", "pscommandpath", "psscriptroot", "null", "true", "false"})


def strict_version(rs: Runspace) -> int:
    """The major strict-mode version in force in the current scope (0: off)."""
    if not rs.evaluator.strict_any:
        return 0
    scope: Any = rs.scope
    while scope is not None:
        v = scope.strict
        if v is not None:
            return int(v)
        scope = scope.parent
    return 0


def check_undefined_variable(rs: Runspace, name: str, span: Span | None) -> None:
    """Raise VariableIsUndefined for a read of an unset variable under strict mode 1 or later
    (the evaluator lets version 1 expand an unset variable inside a string)."""
    if strict_version(rs) == 0 or name.lower() in UNDEFINED_OK:
        return
    raise RuntimeScriptError(f"The variable '${name}' cannot be retrieved because it has not been set.",
                             error_id="VariableIsUndefined", category="InvalidOperation", target=name,
                             span=span, reason="RuntimeException")


def property_not_found(name: str) -> RuntimeScriptError:
    """Strict mode 2: reading a property the object does not have."""
    err = RuntimeScriptError(f"The property '{name}' cannot be found on this object. Verify that the property exists.",
                             error_id="PropertyNotFoundStrict", category="NotSpecified",
                             reason="PropertyNotFoundException")
    err.ps_type_name = "System.Management.Automation.PropertyNotFoundException"
    return err


def function_called_as_method(span: Span | None) -> RuntimeScriptError:
    """Strict mode 2: `f(1,2)`, a command called with method syntax."""
    return RuntimeScriptError("The function or command was called as if it were a method. Parameters should be "
                              "separated by spaces. For information about parameters, see the about_Parameters Help "
                              "topic.", error_id="StrictModeFunctionCallWithParens", category="InvalidOperation",
                              span=span, reason="RuntimeException")


def index_out_of_range(span: Span | None = None) -> RuntimeScriptError:
    """Strict mode 3: reading past the end of an array."""
    err = RuntimeScriptError("Index was outside the bounds of the array.", error_id="System.IndexOutOfRangeException",
                             category="OperationStopped", span=span, reason="IndexOutOfRangeException")
    err.ps_type_name = "System.IndexOutOfRangeException"
    return err


def strict_get_member(rs: Runspace, target: Any, name: str) -> Any:
    """`$x.Name` under strict mode 2 or later: a property the value does not have is an error, and so
    are the intrinsic Count/Length of a scalar or $null and a member enumeration that finds nothing."""
    from pyshell.engine.members import get_member

    if strict_version(rs) < 2:
        return 0 if target is None and name.lower() in ("count", "length") else get_member(target, name)
    from pyshell.engine.objects import MISSING, get_property

    if target is None:
        raise property_not_found(name)
    v = get_property(target, name)
    if v is not MISSING:
        return v
    low = name.lower()
    if low in ("psobject", "pstypenames") or any(m.lower() == low for m in getattr(target, "PS_METHODS", ())):
        return get_member(target, name)
    if isinstance(target, (list, tuple)):
        found = [get_property(item, name) for item in target]
        if all(x is MISSING for x in found):
            raise property_not_found(name)
        return get_member(target, name, custom_nulls=False)
    raise property_not_found(name)


def _valid_ps_version(major: int, minor: int) -> bool:
    """PowerShell's own list of versions Set-StrictMode accepts (1.0 ... 7.<current minor>)."""
    from pyshell.engine.runspace import PS_VERSION

    if 1 <= major <= 4:
        return minor == 0
    if major == 5:
        return minor in (0, 1)
    if major == 6:
        return 0 <= minor <= 2
    if major == 7:
        return 0 <= minor <= int(PS_VERSION.split(".")[1])
    return False


def parse_strict_version(value: Any) -> int:
    """Set-StrictMode -Version's argument (2, "2", "2.0", 2.0, "Latest") as the major version to enforce
    (3 for anything newer, which adds no rules); a PyshellError for what pwsh's binder rejects."""
    from pyshell.engine.conversions import to_string
    from pyshell.engine.objects import unwrap
    from pyshell.errors import ParameterBindingError

    v = unwrap(value)
    if isinstance(v, (list, tuple)) and len(v) == 1:
        v = v[0]
    if v is None:
        raise ParameterBindingError("Cannot bind argument to parameter 'Version' because it is null.",
                                    error_id="ParameterArgumentValidationErrorNullNotAllowed", category="InvalidData",
                                    command="Set-StrictMode")
    if isinstance(v, (list, tuple)):
        raise ParameterBindingError("Cannot bind parameter 'Version'. Cannot convert the \"System.Object[]\" value of "
                                    "type \"System.Object[]\" to type \"System.Version\".",
                                    error_id="CannotConvertArgument", category="InvalidArgument",
                                    command="Set-StrictMode")
    text = to_string(v).strip()
    if isinstance(v, str) and text.lower() == "latest":
        return 3
    if isinstance(v, float):
        text = repr(v)
    parts = text.split(".")
    if len(parts) == 1 and text.lstrip("+-").isdigit():
        parts = [text, "0"]
    if not (2 <= len(parts) <= 4 and all(p.isdigit() for p in parts)):
        raise ParameterBindingError(
            f"Cannot bind parameter 'Version'. Cannot convert value \"{text}\" to type \"System.Version\". Error: "
            f"\"{'Version string portion was too short or too long.' if len(parts) < 2 else 'Input string was not in a correct format.'}\"",
            error_id="CannotConvertArgumentNoMessage", category="InvalidArgument", command="Set-StrictMode")
    major, minor = int(parts[0]), int(parts[1])
    if not _valid_ps_version(major, minor):
        shown = ".".join(str(int(p)) for p in parts)
        err = ParameterBindingError(
            f"Cannot validate argument on parameter 'Version'. The \"{shown}\" argument does not contain a valid "
            f"PowerShell version. Supply a valid version number and then try the command again.",
            error_id="ParameterArgumentValidationError", category="InvalidData", command="Set-StrictMode",
            reason="ParameterBindingValidationException")
        err.ps_type_name = "System.Management.Automation.ParameterBindingValidationException"
        raise err
    return min(major, 3)
