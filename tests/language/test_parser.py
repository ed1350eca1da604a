"""Parser: statement shapes, command vs expression mode, and positioned errors."""

from __future__ import annotations

import pytest

from pyshell.errors import IncompleteParseError, ParseError
from pyshell.language import ast as A
from pyshell.language import parse


def first(text: str) -> A.Statement:
    return parse(text).end.statements[0]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1 + 2", A.PipelineAst),
        ("$x = 1", A.AssignmentAst),
        ("if ($a) { 1 } else { 2 }", A.IfAst),
        ("foreach ($i in 1..3) { $i }", A.ForEachAst),
        ("for ($i = 0; $i -lt 3; $i++) { }", A.ForAst),
        ("while ($true) { break }", A.WhileAst),
        ("do { 1 } until ($true)", A.DoWhileAst),
        ("switch ($x) { 1 { 'a' } default { 'b' } }", A.SwitchAst),
        ("function f { param($a) $a }", A.FunctionDefinitionAst),
        ("try { 1 } catch { 2 }", A.TryAst),
        ("return 5", A.ReturnAst),
        ("exit 3", A.ExitAst),
        ("throw 'x'", A.ThrowAst),
        ("a && b", A.PipelineChainAst),
    ],
)
def test_statement_kinds(text: str, kind: type) -> None:
    assert isinstance(first(text), kind)


def test_command_mode_arguments_are_barewords_parameters_and_arrays() -> None:
    stmt = first("Invoke-Command -ComputerName a,b -ScriptBlock { hostname } -AsJob")
    assert isinstance(stmt, A.PipelineAst)
    cmd = stmt.elements[0]
    assert isinstance(cmd, A.CommandAst)
    name = cmd.elements[0]
    assert isinstance(name, A.StringConstantAst) and name.value == "Invoke-Command"
    params = [e.name for e in cmd.elements if isinstance(e, A.CommandParameterAst)]
    assert params == ["ComputerName", "ScriptBlock", "AsJob"]
    assert isinstance(cmd.elements[2], A.ArrayLiteralAst)


def test_number_argument_in_command_mode_is_a_number() -> None:
    cmd = first("Start-Sleep 1").elements[0]  # type: ignore[attr-defined]
    assert isinstance(cmd.elements[1], A.ConstantAst) and cmd.elements[1].value == 1


def test_redirection_is_parsed_off_the_command() -> None:
    cmd = first("Receive-Job $job > ~/logs/PsLog.txt").elements[0]  # type: ignore[attr-defined]
    assert len(cmd.redirections) == 1
    assert cmd.redirections[0].from_stream == "1"


def test_merge_redirection() -> None:
    cmd = first("cmd 2>&1").elements[0]  # type: ignore[attr-defined]
    assert cmd.redirections[0].to_stream == "1"


def test_expandable_string_parts() -> None:
    expr = first('"a $x b $($y + 1)"').elements[0].expression  # type: ignore[attr-defined]
    assert isinstance(expr, A.ExpandableStringAst)
    assert [type(p).__name__ if not isinstance(p, str) else "str" for p in expr.parts] == [
        "str", "VariableAst", "str", "SubExpressionAst"]


def test_background_operator() -> None:
    stmt = first("Get-Process &")
    assert isinstance(stmt, A.PipelineAst) and stmt.background


def test_line_continuation_with_backtick_and_trailing_pipe() -> None:
    assert isinstance(first("Get-Job `\n -Id 1"), A.PipelineAst)
    stmt = first("1 |\n ForEach-Object { $_ }")
    assert isinstance(stmt, A.PipelineAst) and len(stmt.elements) == 2


def test_comments_are_skipped() -> None:
    assert len(parse("# a\n<# b\n c #> 1 # d").end.statements) == 1  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["if ($x) {", '"abc', "@'\nabc", "1 |", "function f {", "$x = @(1,"])
def test_open_constructs_are_incomplete(text: str) -> None:
    with pytest.raises(IncompleteParseError):
        parse(text)


def test_parse_error_points_at_the_token() -> None:
    with pytest.raises(ParseError) as info:
        parse("$x = 1)")
    err = info.value
    assert err.span is not None
    assert (err.span.line, err.span.column) == (1, 7)
    assert "Unexpected token ')'" in err.message


def test_parse_error_on_second_line() -> None:
    with pytest.raises(ParseError) as info:
        parse("$a = 1\nif (1) 2")
    assert info.value.span is not None and info.value.span.line == 2
    assert "Missing statement block" in info.value.message


def test_param_block_with_attributes() -> None:
    fn = first("function f { [CmdletBinding()] param([Parameter(Mandatory)][int]$a = 2, [switch]$s) }")
    assert isinstance(fn, A.FunctionDefinitionAst)
    pb = fn.body.param_block
    assert pb is not None
    assert [p.name for p in pb.parameters] == ["a", "s"]
    assert pb.parameters[0].type_name == "int"
    assert pb.parameters[0].attributes[0].name == "Parameter"
