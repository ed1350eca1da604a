"""Attributes on variables outside param(): `[ValidateRange(0,10)] [int]$n = 5`.

pwsh adds the attributes to the PSVariable from the innermost (next to the variable) outwards:
a type constraint converts the value, a validation attribute checks the value it finds then and
every value assigned afterwards (MetadataError, FullyQualifiedErrorId ValidateSetFailure).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pyshell.errors import PyshellError, RuntimeScriptError
from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.engine.evaluator import Evaluator

__all__ = ["assign_attributed", "check_variable_value"]

Check = Callable[[str, Any], None]


def _chain(target: A.Expression) -> tuple[list[A.Expression], A.Expression]:
    """The attribute/convert layers of an assignment target (outermost first) and what they wrap."""
    layers: list[A.Expression] = []
    while isinstance(target, (A.AttributedExpressionAst, A.ConvertAst)):
        layers.append(target)
        target = target.operand
    return layers, target


def assign_attributed(ev: Evaluator, target: A.Expression, value: Any, node: A.Node) -> None:
    """`[attr] [type] $v = value`: apply the layers innermost first, then store value and checks."""
    from pyshell.engine.types import convert_to

    layers, inner = _chain(target)
    if not isinstance(inner, A.VariableAst):
        ev.assign(inner, "=", value, node)  # pwsh only constrains variables; elsewhere attributes do nothing
        return
    checks: list[Check] = []
    type_name: str | None = None
    for layer in reversed(layers):
        if isinstance(layer, A.ConvertAst):
            value = convert_to(layer.type_name, value)
            type_name = layer.type_name
            continue
        assert isinstance(layer, A.AttributedExpressionAst)
        check = _attribute_check(ev, layer.attribute)
        if check is None:
            continue
        if not _passes(check, inner.name, value):
            raise _metadata_error(f"The attribute cannot be added because variable {inner.name} with value "
                                  f"{_shown(value)} would no longer be valid.", "ValidationAttributeAddFailure")
        checks.append(check)
    rs = ev.rs
    rs.assign_variable(inner.name, inner.scope, value)
    if type_name is not None:
        rs.set_variable_type(inner.name, type_name)
    if checks:
        scope = rs.scope if inner.scope in (None, "local") else rs._target_scope(inner.scope)
        rs.var_checks.setdefault(id(scope), {})[inner.name.lower()] = checks


def check_variable_value(checks: list[Check], name: str, value: Any) -> None:
    """Run a variable's validation attributes on a value about to be assigned to it."""
    for check in checks:
        if not _passes(check, name, value):
            raise _metadata_error(f"The variable cannot be validated because the value {_shown(value)} is not a "
                                  f"valid value for the {name} variable.", "ValidateSetFailure")


def _passes(check: Check, name: str, value: Any) -> bool:
    try:
        check(name, value)
    except PyshellError:
        return False
    return True


def _shown(value: Any) -> str:
    from pyshell.engine.conversions import to_string

    return "$null" if value is None else to_string(value)


def _metadata_error(message: str, error_id: str) -> RuntimeScriptError:
    return RuntimeScriptError(message, error_id=error_id, category="MetadataError",
                              reason="ValidationMetadataException")


def _attribute_check(ev: Evaluator, attr: A.AttributeAst) -> Check | None:
    """The check of one attribute; None for attributes that constrain nothing ([AllowNull()] ...)."""
    from pyshell.engine.pipeline import _validator

    an = attr.name.lower()
    if an.startswith("system.management.automation."):
        an = an[len("system.management.automation."):]
    if an.endswith("attribute"):
        an = an[: -len("attribute")]
    if an == "validateset":
        return _set_check(ev, attr)
    if not an.startswith("validate"):
        return None
    plain = A.AttributeAst(attr.span, an, attr.positional, attr.named)
    check = _validator(ev, plain)
    if check is None or an != "validatelength":
        return check
    inner = check

    def string_length(name: str, value: Any) -> None:
        # .NET's ValidateLength rejects anything but strings (an [int] 43 is not "43")
        for v in value if isinstance(value, list) else [value]:
            if not isinstance(v, str):
                raise RuntimeScriptError("ValidateLength applies to strings only", error_id="ValidateLengthNotString")
        inner(name, value)
    return string_length


def _set_check(ev: Evaluator, attr: A.AttributeAst) -> Check:
    from pyshell.engine.conversions import to_string

    allowed = [to_string(ev.eval(a)) for a in attr.positional]
    case = any(k.lower() == "ignorecase" and v is not None and ev.eval(v) is False for k, v in attr.named)

    def in_set(name: str, value: Any) -> None:
        values = value if isinstance(value, list) else [value]
        for v in values:
            text = to_string(v)
            ok = text in allowed if case else text.lower() in (a.lower() for a in allowed)
            if not ok:
                raise RuntimeScriptError(f"{text} is not in the set", error_id="ValidateSetFailure")
    return in_set
