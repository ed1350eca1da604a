"""The parser: PowerShell text -> ScriptBlockAst.

A recursive-descent parser over the Scanner; it switches between command mode and
expression mode the way PowerShell's own parser does. Each parse method's docstring is
its grammar rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pyshell.errors import IncompleteParseError, ParseError
from pyshell.language import ast as A
from pyshell.language.enumdecl import flags_enum_ahead, parse_enum
from pyshell.language.lexer import _DASHES, ASSIGN_OPS, BLANKS, DASH_OPERATORS, GENERIC_END, Scanner
from pyshell.numeric import negate_literal

__all__ = ["parse", "Parser"]

# PowerShell's precedence (TokenFlags.BinaryPrecedence*): logical < bitwise < comparison (with -shl/-shr)
# < null-coalescing < additive < multiplicative < format < range
_BINARY_LEVELS: list[frozenset[str]] = [
    frozenset({"-and", "-or", "-xor"}),
    frozenset({"-band", "-bor", "-bxor"}),
    frozenset(
        {op for op in DASH_OPERATORS if op not in ("-and", "-or", "-xor", "-not", "-bnot", "-f", "-band", "-bor",
                                                   "-bxor")}
    ),
    frozenset({"??"}),
    frozenset({"+", "-"}),
    frozenset({"*", "/", "%"}),
    frozenset({"-f"}),
    frozenset({".."}),
]
_STATEMENT_KEYWORDS = {"if", "foreach", "for", "while", "do", "switch", "function", "filter", "return", "break",
                       "continue", "throw", "exit", "try", "trap", "using"}
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def parse(source: str, file: str = "") -> A.ScriptBlockAst:
    """Parse a whole script (or a typed line).

    :raises ParseError: with the span of the offending token.
    :raises IncompleteParseError: when the text ends inside an open construct.
    """
    return Parser(source, file).parse_script()


class Parser:
    def __init__(self, source: str, file: str = "") -> None:
        self.s = Scanner(source, file)
        self._background_end = -1  #: where the last background operator `&` ended (it ends its statement)

    # -- helpers ------------------------------------------------------------------------
    def _expect(self, ch: str, message: str, error_id: str, incomplete: bool = True) -> None:
        self.s.skip_ws_nl()
        if self.s.startswith(ch):
            self.s.pos += len(ch)
            return
        if self.s.at_end() and incomplete:
            raise self.s.incomplete(message, error_id)
        raise self.s.error(message, error_id=error_id)

    def _keyword_at(self) -> str | None:
        """The statement keyword at the cursor, if the word there is one."""
        s = self.s
        i = s.pos
        j = i
        while j < len(s.src) and (s.src[j].isalnum() or s.src[j] == "_"):
            j += 1
        if j == i:
            return None
        word = s.src[i:j].lower()
        if j < len(s.src) and s.src[j] not in GENERIC_END and s.src[j] not in "#":
            return None
        return word

    # -- script structure ----------------------------------------------------------------
    def parse_script(self) -> A.ScriptBlockAst:
        """script : param_block? (named_block* | statement_list)"""
        start = self.s.pos
        block = self._script_body(start, closing=None)
        return block

    def _script_body(self, start: int, closing: str | None) -> A.ScriptBlockAst:
        s = self.s
        s.skip_statement_separators()
        attrs: list[A.AttributeAst] = []
        param_block: A.ParamBlockAst | None = None
        save = s.pos
        # [CmdletBinding()] param(...)
        while s.peek() == "[":
            attr = self._try_attribute()
            if attr is None:
                s.pos = save
                attrs = []
                break
            attrs.append(attr)
            s.skip_ws_nl()
        if self._keyword_at() == "param":
            param_block = self._param_block(attrs)
            s.skip_statement_separators()
        else:
            s.pos = save
        named: dict[str, A.StatementBlockAst] = {}
        word = self._keyword_at()
        if word in ("begin", "process", "end", "clean", "dynamicparam"):
            while True:
                s.skip_statement_separators()
                word = self._keyword_at()
                if word not in ("begin", "process", "end", "clean", "dynamicparam"):
                    break
                kw_start = s.pos
                s.pos += len(word)
                s.skip_ws_nl()
                if s.peek() != "{":
                    raise s.error(f"Missing opening '{{' after keyword '{word}'.", kw_start, s.pos,
                                  "MissingNamedStatementBlock")
                body = self._brace_block()
                named[word] = body
            s.skip_statement_separators()
            if not s.at_end() and (closing is None or s.peek() != closing):
                # a statement after begin/process/end blocks: it must be inside one of them
                raise s.error(f"unexpected token '{self._token_text()}', expected 'begin', 'process', 'end', or "
                              "'dynamicparam'.", error_id="MissingNamedBlocks")
            text_end = s.pos
            if closing is not None:
                if s.at_end():
                    raise s.incomplete("Missing closing '}' in statement block or type definition.",
                                       "MissingEndCurlyBrace", start - 1)
                s.pos += 1
            return A.ScriptBlockAst(s.span(start, s.pos), param_block, named.get("begin"), named.get("process"),
                                    named.get("end"), s.src[start:text_end], named.get("clean"))
        body = self._statement_list(closing)
        text_end = s.pos
        if closing is not None:
            if s.at_end():
                raise s.incomplete("Missing closing '}' in statement block or type definition.",
                                   "MissingEndCurlyBrace", start - 1)
            s.pos += 1
        return A.ScriptBlockAst(s.span(start, s.pos), param_block, None, None, body, s.src[start:text_end])

    def _token_text(self) -> str:
        s = self.s
        i = s.pos
        j = i + 1
        while j < len(s.src) and s.src[j] not in GENERIC_END:
            j += 1
        return s.src[i:j]

    def _param_block(self, attrs: list[A.AttributeAst]) -> A.ParamBlockAst:
        """param_block : 'param' '(' parameter (',' parameter)* ')'"""
        s = self.s
        start = s.pos
        s.pos += len("param")
        s.skip_ws_nl()
        if s.peek() != "(":
            raise s.error("Missing '(' after 'param' in param block.", error_id="MissingParamBlockOpenParen")
        s.pos += 1
        params = self._parameter_list(")")
        return A.ParamBlockAst(s.span(start), tuple(params), tuple(attrs))

    def _parameter_list(self, closing: str) -> list[A.ParameterAst]:
        """parameter_list : (attribute* variable ('=' expression)?) (',' ...)*"""
        s = self.s
        params: list[A.ParameterAst] = []
        while True:
            s.skip_ws_nl()
            if s.peek() == closing:
                s.pos += 1
                return params
            if s.at_end():
                raise s.incomplete(f"Missing '{closing}' in function parameter list.", "MissingEndParenthesisInFunctionParameterList")
            pstart = s.pos
            attrs: list[A.AttributeAst] = []
            type_name: str | None = None
            while s.peek() == "[":
                attr_start = s.pos
                attr = self._try_attribute()
                if attr is None:
                    s.pos = attr_start
                    type_name = self._type_literal()
                elif attr.positional or attr.named or s.src[s.pos - 2 : s.pos] == ")]":
                    attrs.append(attr)
                else:
                    type_name = attr.name
                s.skip_ws_nl()
            if s.peek() != "$":
                raise s.error("Missing variable name in parameter list.", error_id="InvalidFunctionParameter")
            var = self._variable()
            default = None
            s.skip_ws_nl()
            if s.peek() == "=":
                s.pos += 1
                s.skip_ws_nl()
                default = self._ternary(self._binary_level_no_comma(0), comma=False)
            assert isinstance(var, A.VariableAst)
            params.append(A.ParameterAst(s.span(pstart), var.name, type_name, default, tuple(attrs)))
            s.skip_ws_nl()
            if s.peek() == ",":
                s.pos += 1
            elif s.peek() != closing:
                if s.at_end():
                    raise s.incomplete(f"Missing '{closing}' in function parameter list.",
                                       "MissingEndParenthesisInFunctionParameterList")
                raise s.error("Missing ')' in function parameter list.", error_id="MissingEndParenthesisInFunctionParameterList")

    def _try_attribute(self) -> A.AttributeAst | None:
        """attribute : '[' name ('(' args ')')? ']'  — returns None for a plain type literal followed by more."""
        s = self.s
        start = s.pos
        s.pos += 1
        name_start = s.pos
        while s.pos < len(s.src) and (s.src[s.pos].isalnum() or s.src[s.pos] in "._"):
            s.pos += 1
        name = s.src[name_start : s.pos]
        if not name:
            s.pos = start
            return None
        positional: list[A.Expression] = []
        named: list[tuple[str, A.Expression | None]] = []
        if s.peek() == "(":
            s.pos += 1
            while True:
                s.skip_ws_nl()
                if s.peek() == ")":
                    s.pos += 1
                    break
                if s.at_end():
                    raise s.incomplete("Missing ')' in attribute.", "MissingEndParenthesisInExpression")
                save = s.pos
                ident = s.scan_identifier() if (s.peek().isalpha() or s.peek() == "_") else ""
                s.skip_ws_nl()
                if ident and s.peek() == "=" and s.peek(1) != "=":
                    s.pos += 1
                    s.skip_ws_nl()
                    named.append((ident, self._binary_level_no_comma(0)))
                elif ident and s.peek() in ",)":
                    named.append((ident, None))
                else:
                    s.pos = save
                    positional.append(self._binary_level_no_comma(0))
                s.skip_ws_nl()
                if s.peek() == ",":
                    s.pos += 1
        if s.peek() == "[" and s.peek(1) == "]":
            s.pos = start
            return None
        if s.peek() != "]":
            s.pos = start
            return None
        s.pos += 1
        return A.AttributeAst(s.span(start), name, tuple(positional), tuple(named))

    def _brace_block(self) -> A.StatementBlockAst:
        """block : '{' statement_list '}'"""
        s = self.s
        start = s.pos
        assert s.peek() == "{"
        s.pos += 1
        body = self._statement_list("}")
        if s.at_end():
            raise s.incomplete("Missing closing '}' in statement block or type definition.", "MissingEndCurlyBrace",
                               start)
        s.pos += 1
        return A.StatementBlockAst(s.span(start), body.statements, body.traps)

    def _block_after(self, message: str, error_id: str = "MissingStatementBlock") -> A.StatementBlockAst:
        """The '{...}' a keyword needs; its absence is `error_id` (incomplete at the end of the text)."""
        s = self.s
        s.skip_ws_nl()
        if s.peek() != "{":
            if s.at_end():
                raise s.incomplete(message, error_id)
            raise s.error(message, error_id=error_id)
        return self._brace_block()

    def _statement_list(self, closing: str | None) -> A.StatementBlockAst:
        """statement_list : (statement (';' | newline))*"""
        s = self.s
        start = s.pos
        stmts: list[A.Statement] = []
        traps: list[A.TrapAst] = []
        while True:
            s.skip_statement_separators()
            if s.at_end():
                break
            c = s.peek()
            if closing is not None and c == closing:
                break
            if c in ")}" and c != closing:
                raise s.error(f"Unexpected token '{c}' in expression or statement.", error_id="UnexpectedToken")
            if c == "|" and s.peek(1) != "|":
                raise s.error("An empty pipe element is not allowed.", error_id="EmptyPipeElement")
            stmt = self.statement()
            if isinstance(stmt, A.TrapAst):
                traps.append(stmt)
            else:
                stmts.append(stmt)
            ended_by_amp = self._background_end == s.pos
            s.skip_ws()
            c = s.peek()
            if isinstance(stmt, _BLOCK_STATEMENTS) or ended_by_amp:
                # statements that end with a block need no terminator (`trap {...} "next"`), and the
                # background operator ends its statement too (`$j = cmd & Receive-Job $j`)
                continue
            if c != "\0" and c not in ";\r\n" and not (closing is not None and c == closing):
                if c in ")}":
                    raise s.error(f"Unexpected token '{c}' in expression or statement.", error_id="UnexpectedToken")
                raise s.error(f"Unexpected token '{self._token_text()}' in expression or statement.",
                              error_id="UnexpectedToken")
        return A.StatementBlockAst(s.span(start), tuple(stmts), tuple(traps))

    # -- statements ---------------------------------------------------------------------
    def statement(self) -> A.Statement:
        """statement : keyword_statement | label? loop | pipeline_chain"""
        s = self.s
        s.skip_ws()
        label = None
        if s.peek() == ":" and (s.peek(1).isalpha() or s.peek(1) == "_"):
            save = s.pos
            s.pos += 1
            label = s.scan_identifier()
            s.skip_ws_nl()
            if self._keyword_at() not in ("foreach", "for", "while", "do", "switch"):
                s.pos = save
                label = None
        word = self._keyword_at()
        if word == "enum" or (word is None and s.peek() == "[" and flags_enum_ahead(self)):
            return parse_enum(self, flags=word is None)
        if word in _STATEMENT_KEYWORDS:
            method: Callable[..., A.Statement] = getattr(self, f"_stmt_{word}")
            if word in ("foreach", "for", "while", "do", "switch"):
                return method(label)
            return method()
        return self.pipeline_chain()

    def _fail(self, message: str, error_id: str) -> None:
        """Raise error_id here: incomplete when the text has ended (so the REPL asks for more)."""
        s = self.s
        s.skip_ws()
        if s.at_end():
            raise s.incomplete(message, error_id)
        raise s.error(message, error_id=error_id)

    def _kw(self, word: str) -> int:
        start = self.s.pos
        self.s.pos += len(word)
        return start

    def _paren_condition(self, what: str, loop: bool = False) -> A.Statement:
        """'(' condition ')' after if/elseif, or after while/until when `loop` (their errors differ)."""
        s = self.s
        s.skip_ws_nl()
        if s.peek() != "(":
            message, error_id = ((f"Missing opening '(' after keyword '{what}'.", "MissingOpenParenthesisAfterKeyword")
                                 if loop else
                                 (f"Missing '(' after '{what}' in if statement.", "MissingOpenParenthesisInIfStatement"))
            if s.at_end():
                raise s.incomplete(message, error_id)
            raise s.error(message, error_id=error_id)
        s.pos += 1
        s.skip_ws_nl()
        if s.peek() == ")" or s.at_end():
            message, error_id = ((f"Missing expression after '{what}' in loop.", "MissingExpressionAfterKeyword")
                                 if loop else
                                 (f"Missing condition in if statement after '{what} ('.", "IfStatementMissingCondition"))
            if s.at_end():
                raise s.incomplete(message, error_id)
            raise s.error(message, error_id=error_id)
        cond = self.pipeline_chain(allow_newlines=True)
        self._expect(")", f"Missing closing ')' after expression in '{what}' statement.", "MissingEndParenthesisAfterStatement")
        return cond

    def _stmt_if(self) -> A.Statement:
        """if : 'if' '(' pipeline ')' block ('elseif' '(' pipeline ')' block)* ('else' block)?"""
        s = self.s
        start = self._kw("if")
        clauses = [(self._paren_condition("if"), self._block_after("Missing statement block after if ( condition )."))]
        else_block = None
        while True:
            save = s.pos
            s.skip_ws_nl()
            word = self._keyword_at()
            if word == "elseif":
                self._kw("elseif")
                clauses.append((self._paren_condition("elseif"),
                                self._block_after("Missing statement block after elseif ( condition ).")))
            elif word == "else":
                self._kw("else")
                else_block = self._block_after("Missing statement block after 'else' keyword.",
                                               "MissingStatementBlockAfterElse")
                break
            else:
                s.pos = save
                break
        return A.IfAst(s.span(start), tuple(clauses), else_block)

    def _stmt_foreach(self, label: str | None) -> A.Statement:
        """foreach : 'foreach' '(' variable 'in' pipeline ')' block"""
        s = self.s
        start = self._kw("foreach")
        s.skip_ws_nl()
        if s.peek() != "(":
            self._fail("Missing opening '(' after keyword 'foreach'.", "MissingOpenParenthesisAfterKeyword")
        s.pos += 1
        s.skip_ws_nl()
        if s.peek() != "$":
            self._fail("Missing variable name after foreach." + _FOREACH_FORM, "MissingVariableNameAfterForeach")
        var = self._variable()
        s.skip_ws_nl()
        if self._keyword_at() != "in":
            self._fail("Missing 'in' after variable in foreach loop." + _FOREACH_FORM, "MissingInInForeach")
        s.pos += 2
        s.skip_ws_nl()
        if s.at_end() or s.peek() == ")":
            self._fail("Missing expression in foreach loop." + _FOREACH_FORM, "MissingForeachExpression")
        iterable = self.pipeline_chain(allow_newlines=True)
        self._expect(")", "Missing closing ')' after expression part of foreach loop." + _FOREACH_FORM,
                     "MissingEndParenthesisAfterForeach")
        body = self._block_after("Missing statement body in foreach loop." + _FOREACH_FORM, "MissingForeachStatement")
        assert isinstance(var, A.VariableAst)
        return A.ForEachAst(s.span(start), var, iterable, body, label)

    def _stmt_for(self, label: str | None) -> A.Statement:
        """for : 'for' '(' pipeline? ';' pipeline? ';' pipeline? ')' block"""
        s = self.s
        start = self._kw("for")
        s.skip_ws_nl()
        if s.peek() != "(":
            self._fail("Missing opening '(' after keyword 'for'.", "MissingOpenParenthesisAfterKeyword")
        s.pos += 1
        parts: list[A.Statement | None] = []
        for i in range(3):
            s.skip_ws_nl()
            if s.at_end():
                self._fail("Missing closing ')' after expression in 'for' statement.",
                           "MissingEndParenthesisAfterStatement")
            if s.peek() in (";", ")"):
                parts.append(None)
            else:
                parts.append(self.statement())
            s.skip_ws_nl()
            if i < 2 and s.peek() == ";":
                s.pos += 1
        self._expect(")", "Missing closing ')' after expression in 'for' statement.", "MissingEndParenthesisAfterStatement")
        body = self._block_after("Missing statement body in for loop.", "MissingLoopStatement")
        return A.ForAst(s.span(start), parts[0], parts[1], parts[2], body, label)

    def _stmt_while(self, label: str | None) -> A.Statement:
        """while : 'while' '(' pipeline ')' block"""
        start = self._kw("while")
        cond = self._paren_condition("while", loop=True)
        body = self._block_after("Missing statement body in while loop.", "MissingLoopStatement")
        return A.WhileAst(self.s.span(start), cond, body, label)

    def _stmt_do(self, label: str | None) -> A.Statement:
        """do : 'do' block ('while' | 'until') '(' pipeline ')'"""
        s = self.s
        start = self._kw("do")
        body = self._block_after("Missing statement body in do loop.", "MissingLoopStatement")
        s.skip_ws_nl()
        word = self._keyword_at()
        if word not in ("while", "until"):
            if s.at_end():
                raise s.incomplete("Missing while or until keyword in do loop.", "MissingWhileOrUntilInDoWhile")
            raise s.error("Missing while or until keyword in do loop.", error_id="MissingWhileOrUntilInDoWhile")
        self._kw(word)
        cond = self._paren_condition(word, loop=True)
        return A.DoWhileAst(s.span(start), body, cond, word == "until", label)

    def _stmt_switch(self, label: str | None) -> A.Statement:
        """switch : 'switch' flags* '(' pipeline ')' '{' (pattern block)* '}'"""
        s = self.s
        start = self._kw("switch")
        flags: set[str] = set()
        file_expr: A.Statement | None = None
        while True:
            s.skip_ws_nl()
            word = s.scan_dash_word()
            if not word:
                break
            s.pos += len(word)
            w = word[1:].lower()
            for full in ("regex", "wildcard", "exact", "casesensitive", "file", "parallel"):
                if full.startswith(w):
                    flags.add(full)
                    break
            else:
                raise s.error(f"The parameter {word} is not valid for the switch statement.", s.pos - len(word),
                              s.pos, error_id="InvalidSwitchFlag")
            if "file" in flags and file_expr is None:
                s.skip_ws()
                if s.at_end() or s.peek() in "{\r\n;":
                    self._fail("Cannot process the 'switch' statement because of a missing file name argument to the "
                               "-file option.", "MissingFilenameOption")
                file_expr = A.CommandExpressionAst(s.span(s.pos), self._command_argument())
        s.skip_ws_nl()
        value: A.Statement | None = file_expr
        if file_expr is None:
            required = "A switch statement must have one of the following:  '-file file_name' or '( expression )'."
            if s.peek() != "(":
                self._fail(required, "PipelineValueRequired")
            s.pos += 1
            s.skip_ws_nl()
            if s.at_end() or s.peek() == ")":
                self._fail(required, "PipelineValueRequired")
            value = self.pipeline_chain(allow_newlines=True)
            self._expect(")", "Missing ')' after expression in switch statement.", "MissingEndParenthesisInSwitchStatement")
        s.skip_ws_nl()
        if s.peek() != "{":
            if s.at_end():
                raise s.incomplete("Missing '{' in switch statement.", "MissingCurlyBraceInSwitchStatement")
            raise s.error("Missing '{' in switch statement.", error_id="MissingCurlyBraceInSwitchStatement")
        s.pos += 1
        clauses: list[A.SwitchClause] = []
        default = None
        while True:
            s.skip_statement_separators()
            if s.peek() == "}":
                s.pos += 1
                break
            if s.at_end():
                raise s.incomplete("Missing condition in switch statement clause.", "MissingSwitchConditionExpression")
            if self._keyword_at() == "default":
                save = s.pos
                s.pos += 7
                s.skip_ws_nl()
                if s.peek() == "{":
                    if default is not None:
                        raise s.error("A switch statement can have only one default clause.", save, save + 7,
                                      error_id="MultipleSwitchDefaultClauses")
                    default = self._brace_block()
                    continue
                s.pos = save
            if s.peek() == "{":
                sb_start = s.pos
                s.pos += 1
                sb = self._script_body(s.pos, closing="}")
                pattern: A.Node = A.ScriptBlockExpressionAst(s.span(sb_start), sb)
            else:
                pattern = self._command_argument()
            body = self._block_after("Missing statement block in switch statement clause.", "MissingSwitchStatementClause")
            clauses.append(A.SwitchClause(pattern, body))
        return A.SwitchAst(s.span(start), value, tuple(clauses), default, frozenset(flags), label)

    def _stmt_function(self, is_filter: bool = False) -> A.Statement:
        """function : ('function' | 'filter') name ('(' params ')')? '{' script_body '}'"""
        s = self.s
        start = self._kw("filter" if is_filter else "function")
        s.skip_ws_nl()
        chars: list[str] = []
        while s.pos < len(s.src) and s.src[s.pos] not in GENERIC_END and s.src[s.pos] != "(":
            if s.src[s.pos] == "`" and s.pos + 1 < len(s.src):
                s.pos += 1
                chars.append(self._escaped_char())  # function xyzzy`u{2195} { }
            else:
                chars.append(s.src[s.pos])
                s.pos += 1
        # a scope qualifier stays on the name (function global:f): the evaluator defines it in that scope
        name = "".join(chars)
        if not name:
            self._fail(f"Missing name after {'filter' if is_filter else 'function'} keyword.", "MissingNameAfterKeyword")
        s.skip_ws_nl()
        params: list[A.ParameterAst] | None = None
        if s.peek() == "(":
            pstart = s.pos
            s.pos += 1
            params = self._parameter_list(")")
            s.skip_ws_nl()
            pspan = s.span(pstart)
        if s.peek() != "{":
            if s.at_end():
                raise s.incomplete("Missing function body in function declaration.", "MissingFunctionBody")
            raise s.error("Missing function body in function declaration.", error_id="MissingFunctionBody")
        s.pos += 1
        body = self._script_body(s.pos, closing="}")
        if params is not None:
            body = A.ScriptBlockAst(body.span, A.ParamBlockAst(pspan, tuple(params)), body.begin, body.process,
                                    body.end, body.text, body.clean)
        return A.FunctionDefinitionAst(s.span(start), name, body, is_filter)

    def _stmt_filter(self) -> A.Statement:
        return self._stmt_function(is_filter=True)

    def _optional_pipeline(self) -> A.Statement | None:
        s = self.s
        s.skip_ws()
        c = s.peek()
        if c == "\0" or c in ";\r\n})" or s.startswith("|"):
            return None
        return self.pipeline_chain()

    def _stmt_return(self) -> A.Statement:
        start = self._kw("return")
        return A.ReturnAst(self.s.span(start), self._optional_pipeline())

    def _stmt_using(self) -> A.Statement:
        """using : 'using' ('namespace' | 'module' | 'assembly') name"""
        s = self.s
        start = self._kw("using")
        s.skip_ws()
        kind = self._keyword_at() or ""
        if kind not in ("namespace", "module", "assembly"):
            raise s.error("The 'using' keyword must be followed by 'namespace', 'module' or 'assembly'.",
                          error_id="MissingUsingStatementDirective")
        s.pos += len(kind)
        s.skip_ws()
        j = s.pos
        while j < len(s.src) and s.src[j] not in ";\r\n#}":
            j += 1
        name = s.src[s.pos:j].strip().strip("'\"")
        if not name:
            raise s.error(f"The 'using {kind}' statement is missing its name.", error_id="MissingUsingItemName")
        s.pos = j
        return A.UsingStatementAst(s.span(start), kind, name)

    def _stmt_exit(self) -> A.Statement:
        start = self._kw("exit")
        return A.ExitAst(self.s.span(start), self._optional_pipeline())

    def _stmt_throw(self) -> A.Statement:
        start = self._kw("throw")
        return A.ThrowAst(self.s.span(start), self._optional_pipeline())

    def _label_arg(self) -> str | None:
        s = self.s
        s.skip_ws()
        c = s.peek()
        if c == "\0" or c in ";\r\n})":
            return None
        if c == ":":
            s.pos += 1
        return s.scan_identifier() or None

    def _stmt_break(self) -> A.Statement:
        start = self._kw("break")
        return A.BreakAst(self.s.span(start), self._label_arg())

    def _stmt_continue(self) -> A.Statement:
        start = self._kw("continue")
        return A.ContinueAst(self.s.span(start), self._label_arg())

    def _stmt_try(self) -> A.Statement:
        """try : 'try' block ('catch' type_list? block)* ('finally' block)?"""
        s = self.s
        start = self._kw("try")
        body = self._block_after("The Try statement is missing its statement block.", "MissingTryStatementBlock")
        catches: list[A.CatchAst] = []
        fin = None
        while True:
            save = s.pos
            s.skip_ws_nl()
            word = self._keyword_at()
            if word == "catch":
                cstart = self._kw("catch")
                types: list[str] = []
                while True:
                    s.skip_ws_nl()
                    if s.peek() != "[":
                        break
                    types.append(self._type_literal())
                    s.skip_ws_nl()
                    if s.peek() == ",":
                        s.pos += 1
                        s.skip_ws_nl()
                        if s.peek() != "[":
                            self._fail("Missing type literal.", "MissingTypeLiteralToken")
                cbody = self._block_after("The Catch block is missing its statement block.", "MissingCatchHandlerBlock")
                catches.append(A.CatchAst(s.span(cstart), tuple(types), cbody))
            elif word == "finally":
                self._kw("finally")
                fin = self._block_after("The Finally block is missing its statement block.", "MissingFinallyStatementBlock")
                leaving = _control_leaving(fin)
                if leaving is not None:
                    raise s.error("Flow of control cannot leave a Finally block.", leaving.span.start,
                                  error_id="ControlLeavingFinally")
                break
            else:
                s.pos = save
                break
        if not catches and fin is None:
            raise s.error("The Try statement is missing its Catch or Finally block.", error_id="MissingCatchOrFinally")
        return A.TryAst(s.span(start), body, tuple(catches), fin)

    def _stmt_trap(self) -> A.Statement:
        s = self.s
        start = self._kw("trap")
        s.skip_ws_nl()
        type_name = self._type_literal() if s.peek() == "[" else None
        body = self._block_after("The 'trap' statement was incomplete. A trap statement requires a body.",
                                 "MissingTrapStatement")
        return A.TrapAst(s.span(start), type_name, body)

    # -- pipelines ------------------------------------------------------------------------
    def pipeline_chain(self, allow_newlines: bool = False) -> A.Statement:
        """pipeline_chain : pipeline (('&&' | '||') pipeline)* '&'?"""
        s = self.s
        start = s.pos
        left = self.pipeline()
        while True:
            save = s.pos
            s.skip_ws(newlines=allow_newlines)
            if s.startswith("&&") or s.startswith("||"):
                op = s.src[s.pos : s.pos + 2]
                s.pos += 2
                s.skip_ws_nl()
                right = self.pipeline()
                left = A.PipelineChainAst(s.span(start), left, op, right)
            else:
                s.pos = save
                break
        before = s.pos
        s.skip_ws()
        if s.peek() == "&" and s.peek(1) != "&":
            s.pos += 1
            self._background_end = s.pos
            if isinstance(left, A.PipelineAst):
                left = A.PipelineAst(s.span(start), left.elements, background=True)
            elif isinstance(left, A.PipelineChainAst):
                left = A.PipelineChainAst(s.span(start), left.left, left.operator, left.right, background=True)
        elif self._background_end == before:
            s.pos = before  # an inner statement (`$j = cmd &`) ended with `&`: so does this one
        return left

    def pipeline(self) -> A.Statement:
        """pipeline : assignment | element ('|' element)*"""
        s = self.s
        s.skip_ws()
        start = s.pos
        first = self._pipeline_element()
        if isinstance(first, A.AssignmentAst):
            return first
        elements = [first]
        while True:
            save = s.pos
            s.skip_ws()
            if s.peek() == "|" and s.peek(1) != "|":
                s.pos += 1
                s.skip_ws_nl()
                if s.at_end():
                    raise s.incomplete("An empty pipe element is not allowed.", "EmptyPipeElement")
                if s.peek() in ";)}|":
                    raise s.error("An empty pipe element is not allowed.", error_id="EmptyPipeElement")
                at = s.pos
                element = self._pipeline_element(in_pipe=True)
                if isinstance(element, A.CommandExpressionAst):
                    raise s.error("Expressions are only allowed as the first element of a pipeline.", at,
                                  error_id="ExpressionsMustBeFirstInPipeline")
                elements.append(element)
            elif s.peek() in "\r\n" and (at := self._leading_pipe(s.pos)) is not None:
                s.pos = at  # `1..3\n    | ForEach-Object {...}`: a line starting with '|' continues the pipeline
            else:
                s.pos = save
                break
        return A.PipelineAst(s.span(start), tuple(elements))

    def _leading_pipe(self, at: int) -> int | None:
        """Where a '|' starts one of the next lines, past comment-only lines; None at a blank or other line."""
        src = self.s.src
        n = len(src)
        i = at
        while i < n and src[i] in "\r\n":
            i += 2 if src.startswith("\r\n", i) else 1
            while i < n and src[i] in BLANKS:
                i += 1
            if i < n and src[i] == "#":
                while i < n and src[i] not in "\r\n":
                    i += 1
                continue
            if i < n and src[i] == "|" and not src.startswith("||", i):
                return i
            return None
        return None

    def _starts_command(self) -> bool:
        s = self.s
        c = s.peek()
        if c == "&" and s.peek(1) != "&":
            return True
        if c == "." and (s.peek(1) in " \t" or s.peek(1) in "{\"'$("):
            return True
        if c == "\0" or c in "$(@'\"[{,!+\u2018\u2019\u201c\u201d" or c in ")};|\r\n":
            return False
        if c in _DASHES:
            # `-foo` / `-and` at the start of a pipeline element is a command name (PowerShell reports
            # "The term '-foo' is not recognized"); only the unary operators start an expression
            word = s.scan_dash_word()
            return word is not None and word.lower() not in ("-not", "-bnot", "-split", "-join", "-csplit",
                                                             "-isplit")
        if c.isdigit() or (c == "." and s.peek(1).isdigit()):
            m = s.match_number()
            if m is not None:
                nxt = s.src[m.end()] if m.end() < len(s.src) else ""
                if not nxt or nxt in GENERIC_END or nxt in ".,[)]+-*/%=<>!" or nxt == "\n":
                    return False
            return True
        return True

    def _pipeline_element(self, in_pipe: bool = False) -> A.Statement:
        """element : command | expression redirection* | assignment"""
        s = self.s
        start = s.pos
        if self._starts_command():
            return self.command()
        expr = self.expression()
        s.skip_ws()
        if not in_pipe:
            for op in sorted(ASSIGN_OPS, key=len, reverse=True):
                if s.startswith(op) and not (op == "=" and s.peek(1) == "="):
                    if not _is_assignable(expr):
                        raise s.error(
                            "The assignment expression is not valid. The input to an assignment operator must be "
                            "an object that is able to accept assignments, such as a variable or a property.",
                            start, s.pos, "InvalidLeftHandSide")
                    s.pos += len(op)
                    s.skip_ws_nl()
                    if s.at_end():
                        raise s.incomplete(f"You must provide a value expression following the '{op}' operator.",
                                           "ExpectedValueExpression")
                    value = self.statement()
                    return A.AssignmentAst(s.span(start), expr, op, value)
        redirs = self._redirections()
        return A.CommandExpressionAst(s.span(start), expr, tuple(redirs))

    def _redirections(self) -> list[A.RedirectionAst]:
        s = self.s
        redirs: list[A.RedirectionAst] = []
        while True:
            s.skip_ws()
            r = self._try_redirection()
            if r is None:
                return redirs
            redirs.append(r)

    def _try_redirection(self) -> A.RedirectionAst | None:
        s = self.s
        start = s.pos
        c = s.peek()
        from_stream = "1"
        if c in "123456*" and s.peek(1) == ">":
            from_stream = c
            s.pos += 1
        elif c == "<":
            raise s.error("The '<' operator is reserved for future use.", error_id="RedirectionNotSupported")
        elif c != ">":
            return None
        s.pos += 1
        append = False
        if s.peek() == ">":
            append = True
            s.pos += 1
        if s.peek() == "&" and s.peek(1) == "1":
            s.pos += 2
            return A.RedirectionAst(s.span(start), from_stream, "1", None, False)
        s.skip_ws()
        if s.at_end() or s.peek() in ";|\r\n)}":
            raise s.error("Missing file specification after redirection operator.", start, s.pos,
                          "MissingFileSpecification")
        target = self._command_argument()
        return A.RedirectionAst(s.span(start), from_stream, None, target, append)

    def command(self) -> A.CommandAst:
        """command : ('&' | '.')? name (parameter | argument | redirection)*"""
        s = self.s
        start = s.pos
        invocation = None
        # '.' dot-sources only before a blank, a variable, a block, a group or a quote: `./x.ps1` is a path
        if (s.peek() == "&" and s.peek(1) != "&") or (s.peek() == "." and s.peek(1) in " \t{$(\'\"`"):
            invocation = s.peek()
            s.pos += 1
            s.skip_ws()
            name: A.Node = self._command_argument()
        else:
            name = self._command_name()
        elements: list[A.Node] = [name]
        redirs: list[A.RedirectionAst] = []
        while True:
            s.skip_ws()
            c = s.peek()
            if c == "\0" or c in ";\r\n)}|" or (c == "&" and s.peek(1) != ">"):
                break
            r = self._try_redirection()
            if r is not None:
                redirs.append(r)
                continue
            if c == "," :
                raise s.error("Missing argument in parameter list.", error_id="MissingArgument")
            if s.startswith("--%") and (s.peek(3) in " \t\r\n|\0"):
                # stop-parsing: the rest of the line (up to a newline or `|`) is one verbatim argument
                marker = s.pos
                s.pos += 3
                elements.append(A.StringConstantAst(s.span(marker), "--%", "stopparsing"))
                s.skip_ws()
                rest_start = s.pos
                quoted = False
                while s.pos < len(s.src) and s.src[s.pos] not in "\r\n" and (quoted or s.src[s.pos] != "|"):
                    quoted ^= s.src[s.pos] == '"'  # a quoted `|` ("a|b") is part of the text
                    s.pos += 1
                rest = s.src[rest_start : s.pos].rstrip(" \t")
                if rest:
                    elements.append(A.StringConstantAst(s.span(rest_start), rest, "verbatim"))
                continue
            word = s.scan_dash_word()
            if word is not None and s.src[s.pos + len(word) : s.pos + len(word) + 1] not in ("-",):
                pstart = s.pos
                s.pos += len(word)
                # a dash word ends at whitespace/colon; anything else makes it a generic token
                nxt = s.peek()
                if nxt == ":":
                    s.pos += 1
                    s.skip_ws()
                    arg = self._command_argument_list()
                    elements.append(A.CommandParameterAst(s.span(pstart), word[1:], arg, word))
                    continue
                if nxt == "\0" or nxt in GENERIC_END or nxt in "\r\n":
                    elements.append(A.CommandParameterAst(s.span(pstart), word[1:], None, word))
                    continue
                s.pos = pstart
            elements.append(self._command_argument_list())
        return A.CommandAst(s.span(start), tuple(elements), invocation, tuple(redirs))

    def _command_name(self) -> A.Node:
        s = self.s
        start = s.pos
        return self._generic_token(start, name_mode=True)

    def _command_argument_list(self) -> A.Expression:
        """argument : command_argument (',' command_argument)*"""
        s = self.s
        start = s.pos
        first = self._command_argument()
        items = [first]
        while True:
            save = s.pos
            s.skip_ws()
            if s.peek() == ",":
                s.pos += 1
                s.skip_ws_nl()
                items.append(self._command_argument())
            else:
                s.pos = save
                break
        if len(items) == 1:
            return first
        return A.ArrayLiteralAst(s.span(start), tuple(items))

    def _command_argument(self) -> A.Expression:
        """command_argument : expression-start primary | generic_token"""
        s = self.s
        c = s.peek()
        start = s.pos
        if c in "$@(\"'{\u201c\u201d\u2018\u2019" or (c == "[" and False):
            if c == "@" and s.peek(1) == "@" and s.peek(2) == "{":
                # @@{ Name = 'x' }: an inline hashtable splatted
                s.pos += 2
                return A.SplatExpressionAst(s.span(start), self._hashtable(start + 1, False))
            if c == "@" and s.peek(1) not in "({'\"":
                # @splat, and @splat.Member / @splat[i] / @splat.Method() splatting what they give
                if s.peek(1).isalnum() or s.peek(1) == "_":
                    var = self._variable()
                    if s.peek() == "[" or (s.peek() == "." and (s.peek(1).isalpha() or s.peek(1) == "_")):
                        assert isinstance(var, A.VariableAst)
                        plain = A.VariableAst(var.span, var.name, var.scope, False)
                        return A.SplatExpressionAst(s.span(start), self._postfix(plain))
                    return var
            prim = self._postfix(self._primary())
            nxt = s.peek()
            if nxt in _DASHES and isinstance(prim, (A.MemberAst, A.InvokeMemberAst, A.IndexAst)):
                return prim  # `$HOME.Length-more`: after a member access a dash starts the next argument
            if nxt != "\0" and nxt not in GENERIC_END and nxt not in "\r\n" and not (nxt == ">" or nxt in "123456*" and s.peek(1) == ">"):
                # e.g. "$HOME/logs" or '"a"b': continue as an expandable generic token
                s.pos = start
                return self._generic_token(start)
            return prim
        if c.isdigit() or (c in _DASHES and s.peek(1).isdigit()) or (c == "." and s.peek(1).isdigit()):
            neg = c in _DASHES
            if neg:
                s.pos += 1
            m = s.match_number()
            if m is not None:
                end = m.end()
                nxt = s.src[end] if end < len(s.src) else ""
                if not nxt or nxt in GENERIC_END or nxt in "\r\n":
                    try:
                        value = s.number_value(m)
                    except ParseError:
                        value = None  # in command mode a number that does not fit is a bare word: Get-Random 0x7FFFFFFFFFFFFFFFFF
                    if value is not None:
                        s.pos = end
                        return A.ConstantAst(s.span(start), negate_literal(value) if neg else value)
            s.pos = start
        return self._generic_token(start)

    def _generic_token(self, start: int, name_mode: bool = False) -> A.Expression:
        """generic_token : (char | quoted | `escape | $variable)+ up to whitespace or a separator."""
        s = self.s
        parts: list[object] = []
        buf: list[str] = []
        expandable = False
        src = s.src
        while s.pos < len(src):
            c = src[s.pos]
            if c in GENERIC_END or c in "\r\n":
                break
            if c == ">" or (c in "123456*" and s.peek(1) == ">" and (buf or parts)) and not name_mode:
                if c == ">":
                    break
            if c == "`":
                s.pos += 1
                if s.pos < len(src):
                    buf.append(self._escaped_char())
                continue
            if c == "'" or c in "\u2018\u2019":
                buf.append(self._single_quoted_body())
                continue
            if c == '"' or c in "\u201c\u201d":
                sub = self._double_quoted()
                if isinstance(sub, A.StringConstantAst):
                    buf.append(sub.value)
                else:
                    if buf:
                        parts.append("".join(buf))
                        buf = []
                    parts.extend(sub.parts)
                    expandable = True
                continue
            if c == "$" and not name_mode and (s.peek(1).isalnum() or s.peek(1) in "_{(?$^:"):
                if buf:
                    parts.append("".join(buf))
                    buf = []
                if s.peek(1) == "(":
                    parts.append(self._subexpression())
                else:
                    var = self._variable()
                    parts.append(var)
                expandable = True
                continue
            buf.append(c)
            s.pos += 1
        if buf:
            parts.append("".join(buf))
        if s.pos == start:
            raise s.error(f"Unexpected token '{s.peek()}' in expression or statement.", error_id="UnexpectedToken")
        if expandable:
            return A.ExpandableStringAst(s.span(start), tuple(parts), src[start : s.pos])
        text = "".join(p for p in parts if isinstance(p, str))
        return A.StringConstantAst(s.span(start), text, "bare")

    def _braced_variable_name(self) -> str:
        """The name in ${...} (cursor on '{'): any text up to '}', where a backtick escapes (${a`}b}, ${x`u{2195}})."""
        s = self.s
        src = s.src
        s.pos += 1
        chars: list[str] = []
        while s.pos < len(src) and src[s.pos] != "}":
            if src[s.pos] == "`" and s.pos + 1 < len(src):
                s.pos += 1
                chars.append(self._escaped_char())
            else:
                chars.append(src[s.pos])
                s.pos += 1
        if s.pos >= len(src):
            raise s.incomplete("Missing closing '}' in variable reference.", "MissingEndCurlyBrace")
        s.pos += 1
        return "".join(chars)

    def _escaped_char(self) -> str:
        """The text of the escape whose character (after a backtick) is at the cursor: `n, `t..., `u{2195}."""
        s = self.s
        src = s.src
        e = src[s.pos]
        if e == "u" and s.peek(1) == "{":
            at = s.pos + 2
            i = at
            while i < len(src) and src[i] in "0123456789abcdefABCDEF":
                i += 1
            if i - at > 6:
                raise s.error("The Unicode escape sequence contains more than the maximum of six hex digits between "
                              "braces.", s.pos - 1, i, error_id="TooManyDigitsInUnicodeEscapeSequence")
            if i == at or (i < len(src) and src[i] != "}"):
                raise s.error("The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six "
                              "hex digits and a closing '}'.", s.pos - 1, i + 1, error_id="InvalidUnicodeEscapeSequence")
            if i >= len(src):
                raise s.incomplete("The Unicode escape sequence is missing the closing '}'.",
                                   "MissingUnicodeEscapeSequenceTerminator", s.pos - 1)
            value = int(src[at:i], 16)
            if value > 0x10FFFF:
                raise s.error("The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.",
                              s.pos - 1, i + 1, error_id="InvalidUnicodeEscapeSequenceValue")
            s.pos = i + 1
            return chr(value)
        s.pos += 1
        return _ESCAPES.get(e, e)

    # -- expressions ----------------------------------------------------------------------
    def expression(self) -> A.Expression:
        """expression : binary(level 0) ('?' expression ':' expression)?"""
        return self._ternary(self._binary(0))

    def _ternary_operand(self, op: str) -> None:
        """A ternary branch is an expression: a bare word (a command such as Write-Host) is rejected as pwsh does."""
        s = self.s
        c = s.peek()
        if s.at_end():
            raise s.incomplete(f"You must provide a value expression following the '{op}' operator.",
                               "ExpectedValueExpression")
        if c.isalpha() or c == "_":
            raise s.error(f"You must provide a value expression following the '{op}' operator.",
                          error_id="ExpectedValueExpression")

    def _ternary(self, cond: A.Expression, comma: bool = True) -> A.Expression:
        """cond '?' a ':' b; without `comma` the branches stop at a comma (parameter defaults, method args)."""
        s = self.s
        branch = self.expression if comma else (lambda: self._ternary(self._binary_level_no_comma(0), False))
        save = s.pos
        s.skip_ws()
        # `$c ? a : b` and `${c}?a:b` / `(c)?a:b`: no space needed after a closing bracket or quote
        spaced = s.pos > save or (save > 0 and s.src[save - 1] in ")}]'\"")
        if not (s.peek() == "?" and s.peek(1) not in "?.[" and spaced):
            s.pos = save
            return cond
        s.pos += 1
        s.skip_ws_nl()
        self._ternary_operand("?")
        if_true = branch()
        s.skip_ws_nl()
        if s.peek() != ":" or s.peek(1) == ":":
            if s.at_end():
                raise s.incomplete("Missing ':' in ternary expression.", "MissingColonInTernaryExpression")
            raise s.error("Missing ':' in ternary expression.", error_id="MissingColonInTernaryExpression")
        s.pos += 1
        s.skip_ws_nl()
        self._ternary_operand(":")
        if_false = branch()
        return A.TernaryAst(s.span(cond.span.start), cond, if_true, if_false)

    def _binary(self, level: int) -> A.Expression:
        if level >= len(_BINARY_LEVELS):
            return self._comma()
        s = self.s
        start = s.pos
        left = self._binary(level + 1)
        ops = _BINARY_LEVELS[level]
        while True:
            save = s.pos
            s.skip_ws()
            op = self._peek_binary_operator()
            if op is None or op not in ops:
                s.pos = save
                return left
            s.pos += self._op_len
            s.skip_ws_nl()
            if s.at_end():
                raise s.incomplete(f"You must provide a value expression following the '{op}' operator.",
                                   "ExpectedValueExpression")
            right = self._operand(op, lambda: self._binary(level + 1))
            left = A.BinaryAst(s.span(start), op, left, right)

    def _operand(self, op: str, parse: Callable[[], A.Expression]) -> A.Expression:
        """The right operand of `op`; a token that cannot start a value there is ExpectedValueExpression."""
        s = self.s
        at = s.pos
        try:
            return parse()
        except ParseError as e:
            if e.error_id != "UnexpectedToken" or isinstance(e, IncompleteParseError) or e.span is None \
                    or e.span.start != at:
                raise
            raise s.error(f"You must provide a value expression following the '{op}' operator.", at,
                          error_id="ExpectedValueExpression") from None

    _op_len = 0

    def _peek_binary_operator(self) -> str | None:
        s = self.s
        c = s.peek()
        if c in _DASHES:
            word = s.scan_dash_word()
            if word is not None:
                op = word.lower()
                if op in DASH_OPERATORS:
                    self._op_len = len(word)
                    return op
                return None
            if s.peek(1) == "=" or s.peek(1) == "-":
                return None
            self._op_len = 1
            return "-"
        if c == "." and s.peek(1) == "." and s.peek(2) != ".":
            self._op_len = 2
            return ".."
        if c in "+*/%" and s.peek(1) != "=" and not (c == "+" and s.peek(1) == "+"):
            self._op_len = 1
            return c
        if c == "?" and s.peek(1) == "?" and s.peek(2) != "=":
            self._op_len = 2
            return "??"
        return None

    def _comma(self) -> A.Expression:
        """array_literal : unary (',' unary)*"""
        s = self.s
        start = s.pos
        first = self._unary()
        save = s.pos
        s.skip_ws()
        if s.peek() != ",":
            s.pos = save
            return first
        items = [first]
        while True:
            s.skip_ws()
            if s.peek() != ",":
                s.pos = save
                break
            s.pos += 1
            s.skip_ws_nl()
            if s.at_end():
                raise s.incomplete("Missing expression after ','.", "MissingExpressionAfterToken")
            items.append(self._unary())
            save = s.pos
        return A.ArrayLiteralAst(s.span(start), tuple(items))

    def _unary(self) -> A.Expression:
        """unary : ('-not' | '!' | '-' | '+' | '-bnot' | '-split' | '-join' | ',' | '++' | '--' | cast) unary | postfix"""
        s = self.s
        s.skip_ws()
        start = s.pos
        c = s.peek()
        if c == "!":
            s.pos += 1
            s.skip_ws_nl()
            return A.UnaryAst(s.span(start), "-not", self._unary())
        if c == ",":
            s.pos += 1
            s.skip_ws_nl()
            return A.UnaryAst(s.span(start), ",", self._unary())
        if c in _DASHES:
            word = s.scan_dash_word()
            if word is not None:
                op = word.lower()
                if op in ("-not", "-bnot", "-split", "-join", "-csplit", "-isplit"):
                    s.pos += len(word)
                    s.skip_ws_nl()
                    return A.UnaryAst(s.span(start), op, self._unary())
                raise s.error(f"Unexpected token '{word}' in expression or statement.", error_id="UnexpectedToken")
            if s.peek(1) in _DASHES:
                s.pos += 2
                operand = self._unary()
                return A.IncDecAst(s.span(start), "--", operand, True)
            m_neg_num = s.peek(1).isdigit() or (s.peek(1) == "." and s.peek(2).isdigit())
            s.pos += 1
            if m_neg_num:
                operand = self._postfix(self._primary())
            else:
                s.skip_ws_nl()
                operand = self._unary()
            if isinstance(operand, A.ConstantAst) and isinstance(operand.value, (int, float)) and m_neg_num:
                return A.ConstantAst(s.span(start), negate_literal(operand.value))
            return A.UnaryAst(s.span(start), "-", operand)
        if c == "+":
            if s.peek(1) == "+":
                s.pos += 2
                return A.IncDecAst(s.span(start), "++", self._unary(), True)
            s.pos += 1
            s.skip_ws_nl()
            return A.UnaryAst(s.span(start), "+", self._unary())
        if c == "[":
            save = s.pos
            if _ATTRIBUTE_START.match(s.src, s.pos):
                attr = self._try_attribute()
                if attr is not None:  # `[ValidateRange(0,10)] [int]$n`: an attributed expression
                    s.skip_ws_nl()
                    if s.at_end():
                        raise s.incomplete(f"Unexpected attribute '{attr.name}'.", "UnexpectedAttribute")
                    if s.peek() in ");}|":
                        raise s.error(f"Unexpected attribute '{attr.name}'.", start, error_id="UnexpectedAttribute")
                    operand = self._unary()
                    return A.AttributedExpressionAst(s.span(start), attr, operand)
                s.pos = save
            type_name = self._type_literal()
            s_after = s.pos
            if s.peek() == ":" and s.peek(1) == ":":
                s.pos = save
                return self._postfix(self._primary())
            # a cast applies when an operand follows directly (possibly after spaces)
            if s.peek() == "." and (s.peek(1).isalpha() or s.peek(1) == "_"):
                # [type].Member: a property of the type object, not a cast
                return self._postfix(A.TypeAst(s.span(start), type_name))
            s.skip_ws()
            nxt = s.peek()
            if nxt != "\0" and (nxt in "$(@'\"[+!{" or nxt.isalnum() or nxt in _DASHES or nxt == ".") and not (
                nxt in _DASHES and s.scan_dash_word() is not None and s.scan_dash_word().lower() in DASH_OPERATORS  # type: ignore[union-attr]
            ) and not (nxt.isalpha() and s_after == s.pos and False):
                if nxt.isalpha():
                    s.pos = s_after
                    return self._postfix(A.TypeAst(s.span(start), type_name))
                operand = self._unary()
                if type_name.lower() == "ordered" and not isinstance(operand, A.HashtableAst):
                    raise s.error("The ordered attribute can be specified only on a hash literal node.", start,
                                  operand.span.start, "OrderedAttributeOnlyOnHashLiteralNode")
                return A.ConvertAst(s.span(start), type_name, operand)
            s.pos = s_after
            return self._postfix(A.TypeAst(s.span(start), type_name))
        expr = self._postfix(self._primary())
        if s.startswith("++") or s.startswith("--"):
            if _is_assignable(expr):
                op = s.src[s.pos : s.pos + 2]
                s.pos += 2
                return A.IncDecAst(s.span(start), op, expr, False)
        return expr

    def _type_literal(self) -> str:
        """type : '[' name ('[' type (',' type)* ']' | '[]')* ']'"""
        s = self.s
        start = s.pos
        assert s.peek() == "["
        depth = 0
        while s.pos < len(s.src):
            c = s.src[s.pos]
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    s.pos += 1
                    name = s.src[start + 1 : s.pos - 1].strip()
                    if not name:
                        raise s.error("Missing type name after '['.", start, error_id="MissingTypename")
                    return name
            elif c in "\r\n" or c in "(){};|":
                break
            s.pos += 1
        if s.at_end():
            raise s.incomplete("Missing ] at end of type token.", "EndSquareBracketExpectedAtEndOfType", start)
        raise s.error("Missing ] at end of type token.", start, error_id="EndSquareBracketExpectedAtEndOfType")

    def _postfix(self, expr: A.Expression) -> A.Expression:
        """postfix : primary ('.' member ('(' args ')')? | '::' member | '[' index ']')*"""
        s = self.s
        start = expr.span.start
        while True:
            c = s.peek()
            if (c == "." and s.peek(1) != ".") or (c == "?" and s.peek(1) == "." and s.peek(2) != "."):
                nullc = c == "?"
                s.pos += 2 if nullc else 1
                member = self._member_name()
                if s.peek() == "(":
                    args = self._method_args()
                    expr = A.InvokeMemberAst(s.span(start), expr, member, tuple(args), False, nullc)
                elif s.peek() == "{" and isinstance(member, A.StringConstantAst):
                    # $list.ForEach{ $_ * 2 } / .Where{ ... }: a script block is the single argument
                    sb_start = s.pos
                    s.pos += 1
                    block = A.ScriptBlockExpressionAst(s.span(sb_start), self._script_body(s.pos, closing="}"))
                    expr = A.InvokeMemberAst(s.span(start), expr, member, (block,), False, nullc)
                else:
                    expr = A.MemberAst(s.span(start), expr, member, False, nullc)
            elif c == ":" and s.peek(1) == ":":
                s.pos += 2
                member = self._member_name()
                if s.peek() == "(":
                    args = self._method_args()
                    expr = A.InvokeMemberAst(s.span(start), expr, member, tuple(args), True)
                else:
                    expr = A.MemberAst(s.span(start), expr, member, True)
            elif c == "[" or (c == "?" and s.peek(1) == "["):
                nullc = c == "?"
                if nullc:
                    s.pos += 1
                s.pos += 1
                s.skip_ws_nl()
                if s.at_end() or s.peek() in "];)}":
                    self._fail("Array index expression is missing or not valid.", "MissingArrayIndexExpression")
                index = self.expression()
                self._expect("]", "Missing ']' after array index expression.", "MissingEndSquareBracket")
                expr = A.IndexAst(s.span(start), expr, index, nullc)
            else:
                return expr

    def _member_name(self) -> A.Expression:
        s = self.s
        start = s.pos
        c = s.peek()
        if c.isalpha() or c == "_":
            name = s.scan_identifier()
            return A.StringConstantAst(s.span(start), name)
        if c.isdigit():  # `$obj.23`: a member whose name is a number
            while s.peek().isalnum() or s.peek() == "_":
                s.pos += 1
            text = s.src[start : s.pos]
            if text.isdigit():  # a number token: `$h.1` looks up the key 1 itself (an int), as pwsh does
                return A.ConstantAst(s.span(start), int(text))
            return A.StringConstantAst(s.span(start), text)
        if c in "'\"$(":
            return self._primary()
        if c in " \t":  # `$PSVersionTable. $_` / `[int]:: $_`: a dynamic member name may follow blanks
            s.skip_ws()
            if s.peek() in "'\"$(" and s.peek() != "\0":
                return self._primary()
            s.pos = start
        raise s.error("Missing property name after reference operator.", error_id="MissingPropertyName")

    def _method_args(self) -> list[A.Expression]:
        s = self.s
        s.pos += 1
        args: list[A.Expression] = []
        s.skip_ws_nl()
        if s.peek() == ")":
            s.pos += 1
            return args
        while True:
            s.skip_ws_nl()
            if s.at_end():
                raise s.incomplete("Missing ')' in method call.", "MissingEndParenthesisInMethodCall")
            args.append(self._binary_no_comma())
            s.skip_ws_nl()
            if s.peek() == ",":
                s.pos += 1
                continue
            if s.peek() == ")":
                s.pos += 1
                return args
            if s.at_end():
                raise s.incomplete("Missing ')' in method call.", "MissingEndParenthesisInMethodCall")
            raise s.error("Missing ')' in method call.", error_id="MissingEndParenthesisInMethodCall")

    def _binary_no_comma(self) -> A.Expression:
        """One method argument: an expression that stops at a comma (a ternary's branches too)."""
        return self._ternary(self._binary_level_no_comma(0), comma=False)

    def _binary_level_no_comma(self, level: int) -> A.Expression:
        if level >= len(_BINARY_LEVELS):
            return self._unary()
        s = self.s
        start = s.pos
        left = self._binary_level_no_comma(level + 1)
        while True:
            save = s.pos
            s.skip_ws()
            op = self._peek_binary_operator()
            if op is None or op not in _BINARY_LEVELS[level]:
                s.pos = save
                return left
            s.pos += self._op_len
            s.skip_ws_nl()
            right = self._binary_level_no_comma(level + 1)
            left = A.BinaryAst(s.span(start), op, left, right)

    def _primary(self) -> A.Expression:
        """primary : number | string | variable | '(' pipeline ')' | '$(' ... ')' | '@(' ... ')' | '@{' ... '}' | '{' ... '}' | type"""
        s = self.s
        s.skip_ws()
        start = s.pos
        c = s.peek()
        if c == "\0":
            raise s.incomplete("You must provide a value expression following this operator.", "ExpectedExpression")
        if c == "$":
            if s.peek(1) == "(":
                return self._subexpression()
            return self._variable()
        if c == "@":
            n = s.peek(1)
            if n == "(":
                s.pos += 2
                body = self._statement_list(")")
                if s.at_end():
                    raise s.incomplete("Missing closing ')' in subexpression.", "MissingEndParenthesisInSubexpression", start)
                s.pos += 1
                return A.ArrayExpressionAst(s.span(start), body)
            if n == "{":
                return self._hashtable(start, ordered=False)
            if n in "'\"":
                return self._here_string()
            if n.isalnum() or n == "_":
                return self._variable()
            raise s.error("Unrecognized token in source text.", error_id="UnrecognizedToken")
        if c == "(":
            s.pos += 1
            s.skip_ws_nl()
            if s.peek() == ")":
                raise s.error("An expression was expected after '('.", error_id="ExpectedExpression")
            inner = self.pipeline_chain(allow_newlines=True)
            s.skip_ws_nl()
            if s.peek() != ")":
                if s.at_end():
                    raise s.incomplete("Missing closing ')' in expression.", "MissingEndParenthesisInExpression", start)
                raise s.error("Missing closing ')' in expression.", error_id="MissingEndParenthesisInExpression")
            s.pos += 1
            return A.ParenExpressionAst(s.span(start), inner)
        if c == "{":
            s.pos += 1
            sb = self._script_body(s.pos, closing="}")
            return A.ScriptBlockExpressionAst(s.span(start), sb)
        if c == "'" or c in "\u2018\u2019":
            text = self._single_quoted_body()
            return A.StringConstantAst(s.span(start), text, "single")
        if c == '"' or c in "\u201c\u201d":
            return self._double_quoted()
        if c == "[":
            type_name = self._type_literal()
            if type_name.lower() == "ordered":
                s.skip_ws()
                if s.peek() == "@" and s.peek(1) == "{":
                    return self._hashtable(s.pos, ordered=True)
            s.skip_ws()
            if s.peek() and s.peek() in "$(@'\"[{" or s.peek().isdigit():
                operand = self._unary()
                return A.ConvertAst(s.span(start), type_name, operand)
            return A.TypeAst(s.span(start), type_name)
        if c.isdigit() or (c == "." and s.peek(1).isdigit()):
            m = s.match_number()
            if m is not None:
                end = m.end()
                nxt = s.src[end] if end < len(s.src) else ""
                if not (nxt.isalnum() or nxt == "_"):
                    s.pos = end
                    return A.ConstantAst(s.span(start), s.number_value(m))
            raise s.error(f"Unexpected token '{self._token_text()}' in expression or statement.",
                          error_id="UnexpectedToken")
        if c.isalpha() or c == "_":
            # a bareword in expression position: a member name (after '.') or an error
            word = s.scan_identifier()
            low = word.lower()
            if low in ("true", "false", "null"):
                pass
            raise s.error(f"Unexpected token '{word}' in expression or statement.", start, s.pos, "UnexpectedToken")
        if c in ")}]":
            raise s.error(f"Unexpected token '{c}' in expression or statement.", error_id="UnexpectedToken")
        if c in "\r\n;|":
            raise s.error("You must provide a value expression following this operator.", error_id="ExpectedValueExpression")
        raise s.error(f"Unexpected token '{c}' in expression or statement.", error_id="UnexpectedToken")

    def _subexpression(self) -> A.Expression:
        s = self.s
        start = s.pos
        s.pos += 2
        body = self._statement_list(")")
        if s.at_end():
            raise s.incomplete("Missing closing ')' in subexpression.", "MissingEndParenthesisInSubexpression", start)
        s.pos += 1
        return A.SubExpressionAst(s.span(start), body)

    def _hashtable(self, start: int, ordered: bool) -> A.Expression:
        """hashtable : '@{' (key '=' statement (';' | newline))* '}'"""
        s = self.s
        s.pos = start + 2
        pairs: list[tuple[A.Expression, A.Statement]] = []
        while True:
            s.skip_statement_separators()
            c = s.peek()
            if c == "}":
                s.pos += 1
                break
            if c == "\0":
                raise s.incomplete("Missing closing '}' in hash literal.", "MissingEndCurlyBrace", start)
            kstart = s.pos
            if c.isalpha() or c == "_" or (c.isdigit() and not s.match_number()):
                while s.pos < len(s.src) and (s.src[s.pos].isalnum() or s.src[s.pos] in "_-."):
                    s.pos += 1
                key: A.Expression = A.StringConstantAst(s.span(kstart), s.src[kstart : s.pos])
            else:
                key = self._unary()
            s.skip_ws()
            if s.peek() != "=":
                if s.at_end():
                    raise s.incomplete("Missing '=' operator after key in hash literal.", "MissingEqualsInHashLiteral")
                raise s.error("Missing '=' operator after key in hash literal.", error_id="MissingEqualsInHashLiteral")
            s.pos += 1
            s.skip_ws_nl()
            if s.at_end():
                raise s.incomplete("Missing statement after '=' in hash literal.", "MissingStatementInHashLiteral")
            value = self.statement()
            pairs.append((key, value))
            s.skip_ws()
            c = s.peek()
            if c != "\0" and c not in ";\r\n}":
                raise s.error("Missing statement after '=' in hash literal.", error_id="MissingStatementInHashLiteral")
        return A.HashtableAst(s.span(start), tuple(pairs), ordered)

    def _variable(self) -> A.Expression:
        """variable : ('$' | '@') (name | scope ':' name | '{' text '}' | '_' | '?' | '$' | '^')"""
        s = self.s
        start = s.pos
        splat = s.peek() == "@"
        s.pos += 1
        c = s.peek()
        if c == "{":
            full = self._braced_variable_name()
        elif c in "?$^":
            s.pos += 1
            full = c
        else:
            name_start = s.pos
            # '?' belongs to a variable name ($x? is 'x?'), which is why ${x}?.Prop needs braces
            while s.pos < len(s.src) and (s.src[s.pos].isalnum() or s.src[s.pos] in "_?"):
                s.pos += 1
            if s.peek() == ":" and s.peek(1) != ":" and s.pos > name_start:
                scope = s.src[name_start : s.pos]
                s.pos += 1
                n2 = s.pos
                if scope.lower() == "env":
                    while s.pos < len(s.src) and (s.src[s.pos].isalnum() or s.src[s.pos] in "_()"):
                        if s.src[s.pos] in "()":
                            # $env:ProgramFiles(x86)
                            if s.src.startswith("(x86)", s.pos):
                                s.pos += 5
                                continue
                            break
                        s.pos += 1
                elif s.peek() == "{":
                    end = s.src.find("}", s.pos)
                    n2 = s.pos + 1
                    s.pos = end + 1
                    return A.VariableAst(s.span(start), s.src[n2 : end], scope.lower(), splat)
                else:
                    # $Variable:a:b:c - a drive-qualified name may hold further ':' segments
                    while s.pos < len(s.src) and (s.src[s.pos].isalnum() or s.src[s.pos] in "_?" or (
                            s.src[s.pos] == ":" and s.pos > n2 and (s.peek(1).isalnum() or s.peek(1) == "_"))):
                        s.pos += 1
                if s.pos == n2:
                    raise s.error("Variable reference is not valid. ':' was not followed by a valid variable name "
                                  "character. Consider using ${} to delimit the name.", start, n2,
                                  error_id="InvalidVariableReferenceWithDrive")
                full = f"{scope}:{s.src[n2 : s.pos]}"
            else:
                full = s.src[name_start : s.pos]
            if not full:
                if splat:
                    raise s.error("Unrecognized token in source text.", start, error_id="UnrecognizedToken")
                return A.StringConstantAst(s.span(start), "$", "bare")
        scope_name: str | None = None
        name = full
        if ":" in full:
            pre, _, rest = full.partition(":")
            if pre.lower() in ("global", "script", "local", "private", "using", "env", "variable", "function", "workflow"):
                scope_name, name = pre.lower(), rest
        return A.VariableAst(s.span(start), name, scope_name, splat)

    # -- strings --------------------------------------------------------------------------
    def _single_quoted_body(self) -> str:
        s = self.s
        start = s.pos
        s.pos += 1
        out: list[str] = []
        src = s.src
        while True:
            if s.pos >= len(src):
                raise s.incomplete("The string is missing the terminator: '.", "TerminatorExpectedAtEndOfString", start)
            c = src[s.pos]
            if c in "'\u2018\u2019\u201a\u201b":
                if s.pos + 1 < len(src) and src[s.pos + 1] in "'\u2018\u2019\u201a\u201b":
                    out.append("'")
                    s.pos += 2
                    continue
                s.pos += 1
                return "".join(out)
            out.append(c)
            s.pos += 1

    def _double_quoted(self) -> A.Expression:
        s = self.s
        start = s.pos
        s.pos += 1
        parts = self._expandable_body(lambda: s.peek() in '"\u201c\u201d\u201e', start, allow_double_escape=True)
        return self._make_expandable(start, parts, "double")

    def _make_expandable(self, start: int, parts: list[object], kind: str) -> A.Expression:
        s = self.s
        if all(isinstance(p, str) for p in parts):
            return A.StringConstantAst(s.span(start), "".join(p for p in parts if isinstance(p, str)), kind)
        merged: list[object] = []
        for p in parts:
            if isinstance(p, str) and merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + p
            else:
                merged.append(p)
        return A.ExpandableStringAst(s.span(start), tuple(merged), s.src[start : s.pos])

    def _expandable_body(self, at_end: Callable[[], bool], start: int, allow_double_escape: bool) -> list[object]:
        s = self.s
        src = s.src
        parts: list[object] = []
        buf: list[str] = []
        while True:
            if s.pos >= len(src):
                raise s.incomplete('The string is missing the terminator: ".', "TerminatorExpectedAtEndOfString", start)
            c = src[s.pos]
            if at_end():
                if allow_double_escape and s.pos + 1 < len(src) and src[s.pos + 1] in '"\u201c\u201d\u201e':
                    buf.append('"')
                    s.pos += 2
                    continue
                s.pos += 1
                break
            if c == "`":
                s.pos += 1
                if s.pos < len(src):
                    buf.append(self._escaped_char())
                continue
            if c == "$":
                n = s.peek(1)
                if n == "(":
                    if buf:
                        parts.append("".join(buf))
                        buf = []
                    parts.append(self._subexpression())
                    continue
                if n.isalnum() or n in "_{?^" or (n == "$"):
                    if buf:
                        parts.append("".join(buf))
                        buf = []
                    parts.append(self._variable())
                    continue
            buf.append(c)
            s.pos += 1
        if buf:
            parts.append("".join(buf))
        return parts

    def _here_string(self) -> A.Expression:
        s = self.s
        start = s.pos
        quote = s.peek(1)
        s.pos += 2
        # the rest of the opening line must be blank
        while s.peek() in " \t":
            s.pos += 1
        if s.peek() == "\r":
            s.pos += 1
        if s.peek() != "\n":
            if s.at_end():
                raise s.incomplete("The string is missing the terminator: " + quote + "@.", "TerminatorExpectedAtEndOfString", start)
            raise s.error("No characters are allowed after a here-string header but before the end of the line.",
                          error_id="UnexpectedCharactersAfterHereStringHeader")
        s.pos += 1
        body_start = s.pos
        term = "\n" + quote + "@"
        # an empty here-string: the terminator right away
        if s.src.startswith(quote + "@", body_start):
            s.pos = body_start + 2
            return A.StringConstantAst(s.span(start), "", "here_" + ("single" if quote == "'" else "double"))
        end = s.src.find(term, body_start - 1)
        if end < 0:
            raise s.incomplete("The string is missing the terminator: " + quote + "@.", "TerminatorExpectedAtEndOfString", start)
        body_end = end
        if body_end > body_start and s.src[body_end - 1] == "\r":
            body_end -= 1
        if quote == "'":
            s.pos = end + len(term)
            return A.StringConstantAst(s.span(start), s.src[body_start:body_end], "here_single")
        s.pos = body_start
        limit = body_end
        parts = self._expandable_body(lambda: s.pos >= limit, start, allow_double_escape=False)
        s.pos = end + len(term)
        return self._make_expandable(start, parts, "here_double")


_FOREACH_FORM = "\nThe correct form is: foreach ($a in $b) {...}"

_LOOPS = (A.ForEachAst, A.ForAst, A.WhileAst, A.DoWhileAst, A.SwitchAst)


def _control_leaving(node: object, in_loop: bool = False) -> A.Statement | None:
    """A return, or a break/continue outside any loop or switch, in a finally block (not in a nested script block)."""
    if isinstance(node, A.ReturnAst) or (isinstance(node, (A.BreakAst, A.ContinueAst)) and not in_loop):
        return node
    if isinstance(node, (A.ScriptBlockExpressionAst, A.FunctionDefinitionAst)):
        return None
    inner_loop = in_loop or isinstance(node, _LOOPS)
    children: list[object] = []
    if isinstance(node, A.Node):
        children = [getattr(node, f) for f in node.__match_args__ if f != "span"]
    elif isinstance(node, (tuple, list)):
        children = list(node)
    for child in children:
        if isinstance(child, (A.Node, tuple, list)):
            found = _control_leaving(child, inner_loop)
            if found is not None:
                return found
    return None


# PowerShell's grammar asks a terminator (newline or ';') only after pipelines and flow-control statements.
_BLOCK_STATEMENTS = (A.IfAst, A.ForEachAst, A.ForAst, A.WhileAst, A.DoWhileAst, A.SwitchAst, A.TryAst, A.TrapAst,
                     A.FunctionDefinitionAst)


_ATTRIBUTE_START = re.compile(r"\[[A-Za-z_][\w.]*\(")


def _is_assignable(expr: A.Expression) -> bool:
    if isinstance(expr, (A.VariableAst, A.MemberAst, A.IndexAst)):
        return True
    if isinstance(expr, (A.ConvertAst, A.AttributedExpressionAst)):
        return _is_assignable(expr.operand)
    if isinstance(expr, A.ArrayLiteralAst):
        return all(_is_assignable(e) for e in expr.elements)
    return False


def _unused() -> None:  # keep ParseError import meaningful for type checkers
    _ = ParseError
