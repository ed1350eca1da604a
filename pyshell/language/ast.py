"""AST nodes, named after PowerShell's own (System.Management.Automation.Language).

Every node is a frozen, slotted record with the Span of the text it came from. The classes are
built by ``_NodeMeta`` rather than ``@dataclass``: the same API (keyword or positional
construction, equality, hashing, immutability, ``dataclasses.fields``) at a fraction of the
import cost, which matters for the shell's start-up.
"""

from __future__ import annotations

import dataclasses as _dc
from typing import Any, dataclass_transform

from pyshell.errors import Span

__all__ = [
    "Node", "Statement", "Expression",
    "ScriptBlockAst", "ParamBlockAst", "ParameterAst", "AttributeAst", "NamedBlockAst",
    "PipelineAst", "CommandAst", "CommandExpressionAst", "CommandParameterAst", "RedirectionAst",
    "AssignmentAst", "IfAst", "ForEachAst", "ForAst", "WhileAst", "DoWhileAst", "SwitchAst",
    "SwitchClause", "BreakAst", "ContinueAst", "ReturnAst", "UsingStatementAst", "ExitAst", "ThrowAst", "TryAst", "CatchAst",
    "TrapAst", "FunctionDefinitionAst", "StatementBlockAst", "PipelineChainAst",
    "ConstantAst", "StringConstantAst", "ExpandableStringAst", "VariableAst", "ArrayLiteralAst",
    "ArrayExpressionAst", "SubExpressionAst", "ParenExpressionAst", "HashtableAst", "ScriptBlockExpressionAst",
    "BinaryAst", "TernaryAst", "UnaryAst", "IncDecAst", "ConvertAst", "AttributedExpressionAst", "TypeAst", "MemberAst", "InvokeMemberAst", "IndexAst",
]


_NO_DEFAULT = object()


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise _dc.FrozenInstanceError(f"cannot assign to field '{name}'")


def _frozen_delattr(self: Any, name: str) -> None:
    raise _dc.FrozenInstanceError(f"cannot delete field '{name}'")


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f) for f in self.__match_args__)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__match_args__)
    return f"{type(self).__qualname__}({inner})"


def _getstate(self: Any) -> tuple[Any, ...]:
    return _values(self)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for f, v in zip(self.__match_args__, state, strict=True):
        object.__setattr__(self, f, v)
    object.__setattr__(self, "_compiled", None)


@dataclass_transform(frozen_default=True, eq_default=True)
class _NodeMeta(type):
    """Turns the annotated fields of a class body into slots, an __init__ and the dataclass protocol."""

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> _NodeMeta:
        own = [k for k in ns.get("__annotations__", {}) if k not in ("__slots__",)]
        base = bases[0] if bases else None
        inherited: tuple[str, ...] = getattr(base, "__match_args__", ())
        defaults: dict[str, Any] = dict(getattr(base, "_node_defaults", {}))
        for k in own:
            if k in ns:
                defaults[k] = ns.pop(k)
        fields = inherited + tuple(own)
        # a root class also holds `_compiled`: the engine's cache of this node compiled to a closure
        # (engine/compiler.py); not a field, so equality, hashing and pickling ignore it
        ns["__slots__"] = tuple(own) if bases else (*own, "_compiled")
        ns["__match_args__"] = fields
        ns["_node_defaults"] = defaults
        if own:
            params = ", ".join(f"{f}=_d[{f!r}]" if f in defaults else f for f in fields)
            body = "".join(f"    _set(self, {f!r}, {f})\n" for f in fields) + "    _set(self, '_compiled', None)\n"
            code = f"def __init__(self, {params}):\n{body}"
            env: dict[str, Any] = {"_d": defaults, "_set": object.__setattr__}
            exec(code, env)  # noqa: S102 - a generated __init__, as dataclasses does
            ns["__init__"] = env["__init__"]
        ns.update(__setattr__=_frozen_setattr, __delattr__=_frozen_delattr, __eq__=_eq, __hash__=_hash,
                  __repr__=_repr, __getstate__=_getstate, __setstate__=_setstate)
        cls = super().__new__(mcs, name, bases, ns)
        cls.__dataclass_fields__ = _LazyFields()  # type: ignore[attr-defined]
        return cls


class _LazyFields:
    """``__dataclass_fields__`` built on first use, so dataclasses.fields() and is_dataclass() work."""

    def __get__(self, obj: Any, cls: type) -> dict[str, _dc.Field[Any]]:
        table: dict[str, _dc.Field[Any]] = {}
        for f in cls.__match_args__:  # type: ignore[attr-defined]
            d = cls._node_defaults.get(f, _dc.MISSING)  # type: ignore[attr-defined]
            fld: _dc.Field[Any] = _dc.field(default=d)
            fld.name = f
            fld._field_type = _dc._FIELD  # type: ignore[attr-defined]
            table[f] = fld
        return table


class Node(metaclass=_NodeMeta):
    span: Span


class Statement(Node):
    __slots__ = ()


class Expression(Node):
    __slots__ = ()


# -- script structure ---------------------------------------------------------------------


class AttributeAst(Node):
    """[Parameter(Mandatory)] / [ValidateSet('a','b')] / [CmdletBinding()]."""

    name: str
    positional: tuple[Expression, ...] = ()
    named: tuple[tuple[str, Expression | None], ...] = ()


class ParameterAst(Node):
    name: str
    type_name: str | None = None
    default: Expression | None = None
    attributes: tuple[AttributeAst, ...] = ()


class ParamBlockAst(Node):
    parameters: tuple[ParameterAst, ...]
    attributes: tuple[AttributeAst, ...] = ()


class StatementBlockAst(Node):
    statements: tuple[Statement, ...]
    traps: tuple[TrapAst, ...] = ()


class NamedBlockAst(Node):
    kind: str  #: "begin" | "process" | "end" | "clean"
    body: StatementBlockAst


class ScriptBlockAst(Node):
    """{ param(...) begin {} process {} end {} } or a plain statement list (an end block)."""

    param_block: ParamBlockAst | None
    begin: StatementBlockAst | None
    process: StatementBlockAst | None
    end: StatementBlockAst | None
    text: str = ""  #: the source between the braces, as ScriptBlock.ToString() returns it
    clean: StatementBlockAst | None = None  #: the 7.3 `clean {}` block: runs last, even after a terminating error


# -- pipelines and commands ---------------------------------------------------------------


class RedirectionAst(Node):
    from_stream: str  #: "1".."6" or "*"
    to_stream: str | None  #: "1" for 2>&1; None when to a file
    target: Expression | None
    append: bool = False


class CommandParameterAst(Node):
    name: str  #: without the dash
    argument: Expression | None = None  #: -Name:value
    text: str = ""  #: how it was written, e.g. "-comp"


class CommandAst(Statement):
    elements: tuple[Node, ...]  #: the name first, then parameters and arguments
    invocation: str | None = None  #: "&" or "." or None
    redirections: tuple[RedirectionAst, ...] = ()


class CommandExpressionAst(Statement):
    expression: Expression
    redirections: tuple[RedirectionAst, ...] = ()


class PipelineAst(Statement):
    elements: tuple[Statement, ...]  #: CommandAst | CommandExpressionAst
    background: bool = False


class PipelineChainAst(Statement):
    """a && b || c."""

    left: Statement
    operator: str
    right: Statement
    background: bool = False


class AssignmentAst(Statement):
    target: Expression
    operator: str  #: "=", "+=", ...
    value: Statement


# -- statements ---------------------------------------------------------------------------


class IfAst(Statement):
    clauses: tuple[tuple[Statement, StatementBlockAst], ...]
    else_block: StatementBlockAst | None = None


class ForEachAst(Statement):
    variable: VariableAst
    iterable: Statement
    body: StatementBlockAst
    label: str | None = None


class ForAst(Statement):
    init: Statement | None
    condition: Statement | None
    iterator: Statement | None
    body: StatementBlockAst
    label: str | None = None


class WhileAst(Statement):
    condition: Statement
    body: StatementBlockAst
    label: str | None = None


class DoWhileAst(Statement):
    body: StatementBlockAst
    condition: Statement
    until: bool = False
    label: str | None = None


class SwitchClause(metaclass=_NodeMeta):
    pattern: Node  #: an expression, or a ScriptBlockExpressionAst condition
    body: StatementBlockAst


class SwitchAst(Statement):
    value: Statement | None
    clauses: tuple[SwitchClause, ...]
    default: StatementBlockAst | None = None
    flags: frozenset[str] = frozenset()  #: regex, wildcard, exact, casesensitive, file
    label: str | None = None


class BreakAst(Statement):
    label: str | None = None


class ContinueAst(Statement):
    label: str | None = None


class ReturnAst(Statement):
    value: Statement | None = None


class UsingStatementAst(Statement):
    """using namespace|module|assembly <name>."""

    kind: str
    name: str


class ExitAst(Statement):
    value: Statement | None = None


class ThrowAst(Statement):
    value: Statement | None = None


class CatchAst(Node):
    types: tuple[str, ...]
    body: StatementBlockAst


class TryAst(Statement):
    body: StatementBlockAst
    catches: tuple[CatchAst, ...]
    finally_block: StatementBlockAst | None = None


class TrapAst(Statement):
    type_name: str | None
    body: StatementBlockAst


class FunctionDefinitionAst(Statement):
    name: str
    body: ScriptBlockAst
    is_filter: bool = False


# -- expressions --------------------------------------------------------------------------


class ConstantAst(Expression):
    value: Any


class StringConstantAst(Expression):
    value: str
    kind: str = "bare"  #: bare | single | double | here_single | here_double


class ExpandableStringAst(Expression):
    parts: tuple[Any, ...]  #: str pieces and Expression nodes
    raw: str = ""


class VariableAst(Expression):
    name: str  #: without scope
    scope: str | None = None  #: global, script, local, private, using, env, variable, function...
    splat: bool = False


class SplatExpressionAst(Expression):
    """`@@{...}` or `@var.Member`, `@var[i]`, `@var.Method()`: a command argument whose value is splatted."""

    expression: Expression


class ArrayLiteralAst(Expression):
    elements: tuple[Expression, ...]


class ArrayExpressionAst(Expression):
    body: StatementBlockAst


class SubExpressionAst(Expression):
    body: StatementBlockAst


class ParenExpressionAst(Expression):
    pipeline: Statement


class HashtableAst(Expression):
    pairs: tuple[tuple[Expression, Statement], ...]
    ordered: bool = False


class ScriptBlockExpressionAst(Expression):
    block: ScriptBlockAst


class BinaryAst(Expression):
    operator: str  #: lower-case: "+", "-eq", "-ceq", "..", "-and", "-f", ...
    left: Expression
    right: Expression


class TernaryAst(Expression):
    condition: Expression
    if_true: Expression
    if_false: Expression


class UnaryAst(Expression):
    operator: str  #: "-not", "!", "-", "+", "-bnot", ",", "-split", "-join"
    operand: Expression


class IncDecAst(Expression):
    operator: str  #: "++" | "--"
    operand: Expression
    prefix: bool


class TypeAst(Expression):
    type_name: str


class ConvertAst(Expression):
    type_name: str
    operand: Expression


class AttributedExpressionAst(Expression):
    """`[ValidateRange(0,10)] [int]$n`: an attribute on an expression (on a variable it constrains later assignments)."""

    attribute: AttributeAst
    operand: Expression


class MemberAst(Expression):
    target: Expression
    member: Expression  #: usually a StringConstantAst
    static: bool = False
    null_conditional: bool = False


class InvokeMemberAst(Expression):
    target: Expression
    member: Expression
    arguments: tuple[Expression, ...] = ()
    static: bool = False
    null_conditional: bool = False


class IndexAst(Expression):
    target: Expression
    index: Expression
    null_conditional: bool = False
