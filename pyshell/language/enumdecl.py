"""`enum Name [: type] { A; B = 5; C }` and `[Flags()] enum ...` script declarations.

The declaration parses into an ordinary statement that calls the engine's enum definer with the
member names and initializer expressions, so initializers like `[int]::MaxValue` or `[E2]::x + 2`
evaluate with the normal expression machinery when the statement runs:
`$null = [System.Management.Automation.Language.ScriptEnum]::Define(name, type, flags, n1, v1, ...)`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.language.parser import Parser

__all__ = ["IMPLICIT", "DEFINER_TYPE", "flags_enum_ahead", "parse_enum"]

#: the initializer of a member without `= value` (its value is the previous one plus one)
IMPLICIT = "\x00implicit-enum-value"
DEFINER_TYPE = "System.Management.Automation.Language.ScriptEnum"

_FLAGS_PREFIX = re.compile(r"\[\s*(?:System\.)?Flags(?:Attribute)?\s*(?:\(\s*\))?\s*\]\s*(?=enum\b)", re.I)


def flags_enum_ahead(parser: Parser) -> bool:
    """Whether the text at the cursor is `[Flags()] enum` (the attribute is consumed when it is)."""
    s = parser.s
    m = _FLAGS_PREFIX.match(s.src, s.pos)
    if m is None:
        return False
    s.pos = m.end()
    return True


def parse_enum(parser: Parser, flags: bool = False) -> A.Statement:
    """enum : 'enum' name (':' type)? '{' (member ('=' expression)? (';' | newline))* '}'"""
    s = parser.s
    start = s.pos
    s.pos += 4  # "enum"
    s.skip_ws()
    name = s.scan_identifier()
    if not name:
        raise s.error("Missing name after enum keyword.", error_id="MissingNameAfterKeyword")
    s.skip_ws()
    underlying = ""
    if s.peek() == ":":
        s.pos += 1
        s.skip_ws()
        underlying = s.scan_identifier()
        s.skip_ws()
    s.skip_ws_nl()
    if s.peek() != "{":
        raise s.error("Missing 'enum' body in 'enum' declaration.", error_id="MissingTypeBody")
    brace = s.pos
    s.pos += 1
    args: list[A.Expression] = [_text(s, start, name), _text(s, start, underlying), A.ConstantAst(s.span(start), flags)]
    while True:
        s.skip_statement_separators()
        c = s.peek()
        if c == "}":
            s.pos += 1
            break
        if c == "\0":
            raise s.incomplete("Missing closing '}' in statement block or type definition.", "MissingEndCurlyBrace",
                               brace)
        member_start = s.pos
        member = s.scan_identifier()
        if not member:
            raise s.error(f"Unexpected token '{c}' in enum definition.", error_id="UnexpectedToken")
        s.skip_ws()
        value: A.Expression = A.ConstantAst(s.span(member_start), IMPLICIT)
        if s.peek() == "=":
            s.pos += 1
            s.skip_ws()
            if s.peek() in ("\0", "}", ";", "\r", "\n"):
                if s.peek() == "\0":
                    raise s.incomplete("Missing closing '}' in statement block or type definition.",
                                       "MissingEndCurlyBrace", brace)
                raise s.error("You must provide a value expression following the '=' operator.",
                              error_id="ExpectedValueExpression")
            value_start = s.pos
            value = parser.expression()
            if _has_variable(value):
                raise s.error("Enumerator value must be a constant value.", value_start, s.pos,
                              error_id="EnumeratorValueMustBeConstant")
        args += [_text(s, member_start, member), value]
    span = s.span(start)
    call = A.InvokeMemberAst(span, A.TypeAst(span, DEFINER_TYPE), A.StringConstantAst(span, "Define"), tuple(args),
                             True)
    return A.AssignmentAst(span, A.VariableAst(span, "null"), "=", A.CommandExpressionAst(span, call))


def _has_variable(node: Any) -> bool:
    """Whether an initializer reads a variable (pwsh requires constants: literals, types, operators)."""
    if isinstance(node, A.VariableAst):
        return True
    if isinstance(node, A.Node):
        return any(_has_variable(getattr(node, f, None)) for f in type(node).__match_args__)
    if isinstance(node, tuple):
        return any(_has_variable(x) for x in node)
    return False


def _text(s: Any, at: int, text: str) -> A.Expression:
    return A.StringConstantAst(s.span(at), text, "single")
