"""AST nodes, named after PowerShell's own (System.Management.Automation.Language).

Every node is a frozen, slotted dataclass with the Span of the text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyshell.errors import Span

__all__ = [
    "Node", "Statement", "Expression",
    "ScriptBlockAst", "ParamBlockAst", "ParameterAst", "AttributeAst", "NamedBlockAst",
    "PipelineAst", "CommandAst", "CommandExpressionAst", "CommandParameterAst", "RedirectionAst",
    "AssignmentAst", "IfAst", "ForEachAst", "ForAst", "WhileAst", "DoWhileAst", "SwitchAst",
    "SwitchClause", "BreakAst", "ContinueAst", "ReturnAst", "ExitAst", "ThrowAst", "TryAst", "CatchAst",
    "TrapAst", "FunctionDefinitionAst", "StatementBlockAst", "PipelineChainAst",
    "ConstantAst", "StringConstantAst", "ExpandableStringAst", "VariableAst", "ArrayLiteralAst",
    "ArrayExpressionAst", "SubExpressionAst", "ParenExpressionAst", "HashtableAst", "ScriptBlockExpressionAst",
    "BinaryAst", "TernaryAst", "UnaryAst", "IncDecAst", "ConvertAst", "TypeAst", "MemberAst", "InvokeMemberAst", "IndexAst",
]


@dataclass(frozen=True, slots=True)
class Node:
    span: Span


class Statement(Node):
    __slots__ = ()


class Expression(Node):
    __slots__ = ()


# -- script structure ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttributeAst(Node):
    """[Parameter(Mandatory)] / [ValidateSet('a','b')] / [CmdletBinding()]."""

    name: str
    positional: tuple[Expression, ...] = ()
    named: tuple[tuple[str, Expression | None], ...] = ()


@dataclass(frozen=True, slots=True)
class ParameterAst(Node):
    name: str
    type_name: str | None = None
    default: Expression | None = None
    attributes: tuple[AttributeAst, ...] = ()


@dataclass(frozen=True, slots=True)
class ParamBlockAst(Node):
    parameters: tuple[ParameterAst, ...]
    attributes: tuple[AttributeAst, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementBlockAst(Node):
    statements: tuple[Statement, ...]
    traps: tuple[TrapAst, ...] = ()


@dataclass(frozen=True, slots=True)
class NamedBlockAst(Node):
    kind: str  #: "begin" | "process" | "end" | "clean"
    body: StatementBlockAst


@dataclass(frozen=True, slots=True)
class ScriptBlockAst(Node):
    """{ param(...) begin {} process {} end {} } or a plain statement list (an end block)."""

    param_block: ParamBlockAst | None
    begin: StatementBlockAst | None
    process: StatementBlockAst | None
    end: StatementBlockAst | None
    text: str = ""  #: the source between the braces, as ScriptBlock.ToString() returns it


# -- pipelines and commands ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RedirectionAst(Node):
    from_stream: str  #: "1".."6" or "*"
    to_stream: str | None  #: "1" for 2>&1; None when to a file
    target: Expression | None
    append: bool = False


@dataclass(frozen=True, slots=True)
class CommandParameterAst(Node):
    name: str  #: without the dash
    argument: Expression | None = None  #: -Name:value
    text: str = ""  #: how it was written, e.g. "-comp"


@dataclass(frozen=True, slots=True)
class CommandAst(Statement):
    elements: tuple[Node, ...]  #: the name first, then parameters and arguments
    invocation: str | None = None  #: "&" or "." or None
    redirections: tuple[RedirectionAst, ...] = ()


@dataclass(frozen=True, slots=True)
class CommandExpressionAst(Statement):
    expression: Expression
    redirections: tuple[RedirectionAst, ...] = ()


@dataclass(frozen=True, slots=True)
class PipelineAst(Statement):
    elements: tuple[Statement, ...]  #: CommandAst | CommandExpressionAst
    background: bool = False


@dataclass(frozen=True, slots=True)
class PipelineChainAst(Statement):
    """a && b || c."""

    left: Statement
    operator: str
    right: Statement
    background: bool = False


@dataclass(frozen=True, slots=True)
class AssignmentAst(Statement):
    target: Expression
    operator: str  #: "=", "+=", ...
    value: Statement


# -- statements ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IfAst(Statement):
    clauses: tuple[tuple[Statement, StatementBlockAst], ...]
    else_block: StatementBlockAst | None = None


@dataclass(frozen=True, slots=True)
class ForEachAst(Statement):
    variable: VariableAst
    iterable: Statement
    body: StatementBlockAst
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ForAst(Statement):
    init: Statement | None
    condition: Statement | None
    iterator: Statement | None
    body: StatementBlockAst
    label: str | None = None


@dataclass(frozen=True, slots=True)
class WhileAst(Statement):
    condition: Statement
    body: StatementBlockAst
    label: str | None = None


@dataclass(frozen=True, slots=True)
class DoWhileAst(Statement):
    body: StatementBlockAst
    condition: Statement
    until: bool = False
    label: str | None = None


@dataclass(frozen=True, slots=True)
class SwitchClause:
    pattern: Node  #: an expression, or a ScriptBlockExpressionAst condition
    body: StatementBlockAst


@dataclass(frozen=True, slots=True)
class SwitchAst(Statement):
    value: Statement | None
    clauses: tuple[SwitchClause, ...]
    default: StatementBlockAst | None = None
    flags: frozenset[str] = frozenset()  #: regex, wildcard, exact, casesensitive, file
    label: str | None = None


@dataclass(frozen=True, slots=True)
class BreakAst(Statement):
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ContinueAst(Statement):
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnAst(Statement):
    value: Statement | None = None


@dataclass(frozen=True, slots=True)
class ExitAst(Statement):
    value: Statement | None = None


@dataclass(frozen=True, slots=True)
class ThrowAst(Statement):
    value: Statement | None = None


@dataclass(frozen=True, slots=True)
class CatchAst(Node):
    types: tuple[str, ...]
    body: StatementBlockAst


@dataclass(frozen=True, slots=True)
class TryAst(Statement):
    body: StatementBlockAst
    catches: tuple[CatchAst, ...]
    finally_block: StatementBlockAst | None = None


@dataclass(frozen=True, slots=True)
class TrapAst(Statement):
    type_name: str | None
    body: StatementBlockAst


@dataclass(frozen=True, slots=True)
class FunctionDefinitionAst(Statement):
    name: str
    body: ScriptBlockAst
    is_filter: bool = False


# -- expressions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConstantAst(Expression):
    value: Any


@dataclass(frozen=True, slots=True)
class StringConstantAst(Expression):
    value: str
    kind: str = "bare"  #: bare | single | double | here_single | here_double


@dataclass(frozen=True, slots=True)
class ExpandableStringAst(Expression):
    parts: tuple[Any, ...]  #: str pieces and Expression nodes
    raw: str = ""


@dataclass(frozen=True, slots=True)
class VariableAst(Expression):
    name: str  #: without scope
    scope: str | None = None  #: global, script, local, private, using, env, variable, function...
    splat: bool = False


@dataclass(frozen=True, slots=True)
class ArrayLiteralAst(Expression):
    elements: tuple[Expression, ...]


@dataclass(frozen=True, slots=True)
class ArrayExpressionAst(Expression):
    body: StatementBlockAst


@dataclass(frozen=True, slots=True)
class SubExpressionAst(Expression):
    body: StatementBlockAst


@dataclass(frozen=True, slots=True)
class ParenExpressionAst(Expression):
    pipeline: Statement


@dataclass(frozen=True, slots=True)
class HashtableAst(Expression):
    pairs: tuple[tuple[Expression, Statement], ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class ScriptBlockExpressionAst(Expression):
    block: ScriptBlockAst


@dataclass(frozen=True, slots=True)
class BinaryAst(Expression):
    operator: str  #: lower-case: "+", "-eq", "-ceq", "..", "-and", "-f", ...
    left: Expression
    right: Expression


@dataclass(frozen=True, slots=True)
class TernaryAst(Expression):
    condition: Expression
    if_true: Expression
    if_false: Expression


@dataclass(frozen=True, slots=True)
class UnaryAst(Expression):
    operator: str  #: "-not", "!", "-", "+", "-bnot", ",", "-split", "-join"
    operand: Expression


@dataclass(frozen=True, slots=True)
class IncDecAst(Expression):
    operator: str  #: "++" | "--"
    operand: Expression
    prefix: bool


@dataclass(frozen=True, slots=True)
class TypeAst(Expression):
    type_name: str


@dataclass(frozen=True, slots=True)
class ConvertAst(Expression):
    type_name: str
    operand: Expression


@dataclass(frozen=True, slots=True)
class MemberAst(Expression):
    target: Expression
    member: Expression  #: usually a StringConstantAst
    static: bool = False
    null_conditional: bool = False


@dataclass(frozen=True, slots=True)
class InvokeMemberAst(Expression):
    target: Expression
    member: Expression
    arguments: tuple[Expression, ...] = field(default=())
    static: bool = False
    null_conditional: bool = False


@dataclass(frozen=True, slots=True)
class IndexAst(Expression):
    target: Expression
    index: Expression
    null_conditional: bool = False
