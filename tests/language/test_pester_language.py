"""Parser gaps found by running PowerShell's own Pester files (LineContinuance, Trap, TryCatch, Ternary).

Expected values are PowerShell 7's; each snippet runs through a real Runspace, error cases check the parser's
ErrorId.
"""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace
from pyshell.errors import IncompleteParseError, ParseError
from pyshell.language import parse


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    # statements that end with a block need no ';' or newline before the next one
    ('$a = . {trap {"outer trap"; continue;} "hello"; throw "exception"; "world"}; $a -join ","',
     ["hello,outer trap,world"]),
    ("if ($true) {1} 2", [1, 2]),
    ("function f {3} f", [3]),
    ("foreach ($i in 1,2) {$i} 'x'", [1, 2, "x"]),
    ("try {1} catch {} 'z'", [1, "z"]),
    ("do {1} while ($false) 2", [1, 2]),
    # '?' is part of a variable name, so `$true?` is the unset variable 'true?'
    ("$true? ?1 :2", [2]),
    ("${a?} = 5; $a?", [5]),
    # no blank is needed before the ternary '?' after a closing brace or parenthesis
    ("${true}?1:2", [1]),
    ("(0)?'y':'n'", ["n"]),
    ("$r = ${true}?{'Core'}:{'Desktop'}; & $r", ["Core"]),
    # a ternary is a parameter's default value, and a method argument, without eating the next comma
    ("function t { param($p = $true ? 'pwsh' : 'ps', $q = 2) \"$p $q\" }; t", ["pwsh 2"]),
    ("'abc'.Substring($false ? 0 : 1, 2)", ["bc"]),
    # a line starting with '|' continues the pipeline before it, past comment lines
    ("'Hello'\n    | ForEach-Object {\"$_ world\"}", ["Hello world"]),
    ("'Hello'\r    | ForEach-Object {\"$_ world\"}", ["Hello world"]),
    ("1..10\n  # times three\n  | ForEach-Object {$_ * 3}\n  |\n  Where-Object {$_ % 2 -eq 0}\n  | Sort-Object -Descending",
     [30, 24, 18, 12, 6]),
    # blanks (NBSP and NEL too) and a comment may follow a line-continuing backtick
    ("'Hello' + ` # a comment\n    ' world'", ["Hello world"]),
    ("'Hello' + `\t\f\v\u00a0\u0085\n    ' world'", ["Hello world"]),
    ("'Hello' |\u00a0\u0085\n    ForEach-Object {\"$_ world\"}", ["Hello world"]),
    # backtick escapes in function names, bare arguments and ${...} names
    ("function xyzzy`u{2195}($p) { $p }; xyzzy`u{2195} 42; (Get-Command xyzzy*).Name", [42, "xyzzy\u2195"]),
    ("Write-Output `u{a9}` Acme` Inc", ["\u00a9 Acme Inc"]),
    ("${fooxyzzy`u{2195}} = 42; (Get-Variable fooxyzzy*).Name", ["fooxyzzy\u2195"]),
    # a scope on a function name is kept: global: from inside a script block defines it globally
    ("& { function global:Bar { 'bar' } }; Bar", ["bar"]),
    # a drive-qualified variable name may hold further ':' segments
    ("$Variable:vtbl1:vtbl2:b = @(5, 6); $Variable:vtbl1:vtbl2:b", [5, 6]),
    # in command mode a number that does not fit its type is a bare word
    ("function f { param($x) $x.GetType().Name }; f 0x07FFFFFFFFFFFFFFFF", ["String"]),
    # @@{...} and @var.Member / @var[i] splat the value they give
    ("function t { param($Value, $Value2) \"$Value|$Value2\" }; t @@{ Value2 = 5 }", ["|5"]),
    ("function t { param($Value, $Value2) \"$Value|$Value2\" }; $o = [pscustomobject]@{ P = @{ Value = 1 } }; t @o.P",
     ["1|"]),
    ("function t { param($Value, $Value2) \"$Value|$Value2\" }; $o = @(@{Value = 1}, @{Value2 = 2}); t @o[1]",
     ["|2"]),
    ("try {'ok'} finally {switch (1) {1 {break}}}", ["ok"]),
    # .ForEach{...} / .Where{...}: a script block right after a member name is the method's one argument
    ("(1, 2, 3).ForEach{ $_ * 2 }", [2, 4, 6]),
    ("$n = 'a', 'b'; ($n).ForEach{\"[$_]\"} -join '; '", ["[a]; [b]"]),
    ("(1..5).Where{ $_ -gt 3 }", [4, 5]),
    ("try {'ok'} finally {foreach ($i in 1) {continue}}", ["ok"]),
    # a member name may be a number (Add-Member.Tests: `$results.23`)
    ("$o = Add-Member -InputObject a 23 Any -PassThru; $o.23", ["Any"]),
    ("$a = 1..3; $a.2; $a[1]", [None, 2]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


_NAMED = "unexpected token 'Hi', expected 'begin', 'process', 'end', or 'dynamicparam'."
_SWITCH = "A switch statement must have one of the following:  '-file file_name' or '( expression )'."
_FORM = "\nThe correct form is: foreach ($a in $b) {...}"

ERRORS = [
    # a pipe that starts a statement (after a blank line) has nothing before it
    ("'Hello'\n\n    | ForEach-Object {\"$_ world\"}", "EmptyPipeElement", "An empty pipe element is not allowed."),
    ("'Hello'\n\t \u00a0\n    | ForEach-Object {$_}", "EmptyPipeElement", "An empty pipe element is not allowed."),
    ("'Hello'\n    `\n    | ForEach-Object {$_}", "EmptyPipeElement", "An empty pipe element is not allowed."),
    # a backtick right before '#' or a second backtick does not continue the line
    ("'Hello' + `# not a comment\n    ' world'", "ExpectedValueExpression",
     "You must provide a value expression following the '+' operator."),
    ("'Hello' + ``\n    ' world'", "ExpectedValueExpression",
     "You must provide a value expression following the '+' operator."),
    ("if ($true) {1} }", "UnexpectedToken", "Unexpected token '}' in expression or statement."),
    ("Get-Location | 3", "ExpressionsMustBeFirstInPipeline", "Expressions are only allowed as the first element of a pipeline."),
    ("1;2;3|'abc'", "ExpressionsMustBeFirstInPipeline", "Expressions are only allowed as the first element of a pipeline."),
    ("try {} finally { break }", "ControlLeavingFinally", "Flow of control cannot leave a Finally block."),
    ("try {} finally { foreach ($i in 1) { return } }", "ControlLeavingFinally", "Flow of control cannot leave a Finally block."),
    ('"$var:"', "InvalidVariableReferenceWithDrive", "Variable reference is not valid. ':' was not followed by a valid "
     "variable name character. Consider using ${} to delimit the name."),
    ("begin {} Hi", "MissingNamedBlocks", _NAMED),
    ("{ begin {} Hi }", "MissingNamedBlocks", _NAMED),
    ("function foo { [CmdletBinding()] param() DynamicParam {} Hi }", "MissingNamedBlocks", _NAMED),
    ("switch -abc (1) {}", "InvalidSwitchFlag", "The parameter -abc is not valid for the switch statement."),
    ("switch (1) {default {} default {}}", "MultipleSwitchDefaultClauses",
     "A switch statement can have only one default clause."),
    ("switch () {}", "PipelineValueRequired", _SWITCH),
    ("foreach ($a $b) {}", "MissingInInForeach", "Missing 'in' after variable in foreach loop." + _FORM),
    ("foreach (1 in 2) {}", "MissingVariableNameAfterForeach", "Missing variable name after foreach." + _FORM),
    ("foreach ($a in $b) 1", "MissingForeachStatement", "Missing statement body in foreach loop." + _FORM),
    ("for (;;) 1", "MissingLoopStatement", "Missing statement body in for loop."),
    ("while ($true) 1", "MissingLoopStatement", "Missing statement body in while loop."),
    ("while () {}", "MissingExpressionAfterKeyword", "Missing expression after 'while' in loop."),
    ("while 1 {}", "MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword 'while'."),
    ("do {} while 1", "MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword 'while'."),
    ("if () {}", "IfStatementMissingCondition", "Missing condition in if statement after 'if ('."),
    ("if ($a) {} elseif 1 {}", "MissingOpenParenthesisInIfStatement", "Missing '(' after 'elseif' in if statement."),
    ("if ($a) 1", "MissingStatementBlock", "Missing statement block after if ( condition )."),
    ("if ($a) {} else 1", "MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword."),
    ("try 1", "MissingTryStatementBlock", "The Try statement is missing its statement block."),
    ("try {} catch 1", "MissingCatchHandlerBlock", "The Catch block is missing its statement block."),
    ("try {} finally 1", "MissingFinallyStatementBlock", "The Finally block is missing its statement block."),
    ("try {} catch [int], {}", "MissingTypeLiteralToken", "Missing type literal."),
    ("trap 1", "MissingTrapStatement", "The 'trap' statement was incomplete. A trap statement requires a body."),
    ("$a[] ;", "MissingArrayIndexExpression", "Array index expression is missing or not valid."),
    ('"`u{zz}"', "InvalidUnicodeEscapeSequence", "The Unicode escape sequence is not valid. A valid sequence is `u{ "
     "followed by one to six hex digits and a closing '}'."),
    ('"`u{1234567}"', "TooManyDigitsInUnicodeEscapeSequence",
     "The Unicode escape sequence contains more than the maximum of six hex digits between braces."),
    ("Write-Output `u{110000}", "InvalidUnicodeEscapeSequenceValue",
     "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF."),
]

_INCOMPLETE = [
    ("for(", "MissingEndParenthesisAfterStatement"), ("foreach ($a in", "MissingForeachExpression"),
    ("do {} until (", "MissingExpressionAfterKeyword"), ("switch", "PipelineValueRequired"),
    ("switch -file", "MissingFilenameOption"), ("switch (1) {", "MissingSwitchConditionExpression"),
    ("switch (1) { 1", "MissingSwitchStatementClause"), ("function", "MissingNameAfterKeyword"),
    ("$a[", "MissingArrayIndexExpression"), ("$a.Foo(", "MissingEndParenthesisInMethodCall"),
    ("$a[1", "MissingEndSquareBracket"), ("if (", "IfStatementMissingCondition"),
    ("Write-Output `u{41", "MissingUnicodeEscapeSequenceTerminator"), ("filter", "MissingNameAfterKeyword"),
]


@pytest.mark.parametrize(("src", "error_id", "message"), ERRORS)
def test_parse_errors(src: str, error_id: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(src)
    assert not isinstance(info.value, IncompleteParseError)
    assert (info.value.error_id, info.value.message) == (error_id, message)


@pytest.mark.parametrize("src", ["'Hello'\n    | # nothing after it\n", "'Hello' |\n\n"])
def test_pipe_with_nothing_after_it_is_incomplete(src: str) -> None:
    with pytest.raises(IncompleteParseError) as info:
        parse(src)
    assert info.value.error_id == "EmptyPipeElement"


def test_incomplete_input_is_an_incomplete_parse_exception(rs: Runspace) -> None:
    src = "try { [powershell]::Create().AddScript('\"abc').Invoke() } catch { $_.FullyQualifiedErrorId; " \
          "$_.Exception.InnerException -is [System.Management.Automation.ParseException] }"
    assert rs.run(src) == ["IncompleteParseException", True]


@pytest.mark.parametrize(("src", "error_id"), _INCOMPLETE)
def test_unfinished_statements_are_incomplete(src: str, error_id: str) -> None:
    with pytest.raises(IncompleteParseError) as info:
        parse(src)
    assert info.value.error_id == error_id


@pytest.mark.parametrize("src", ["end { 1 } clean { 2 }", "function f { process { 1 } clean { 2 } }",
                                 "function f([int]$x) { end { $x } clean { 2 } }"])
def test_clean_block_is_kept_on_the_script_block(src: str) -> None:
    """`clean {}` (PowerShell 7.3) reaches the AST, next to begin/process/end, for the engine to run last."""
    ast = parse(src)
    body = ast if ast.clean is not None else ast.end.statements[0].body  # type: ignore[union-attr]
    assert body.clean is not None and len(body.clean.statements) == 1


@pytest.mark.parametrize(("src", "name"), [("-foo 3", "-foo"), ("-eq 3", "-eq"), (":foo if ( -eq 3) { 1 }", "-eq")])
def test_dash_word_at_pipeline_start_is_a_command_name(rs: Runspace, src: str, name: str) -> None:
    """A line starting with `-and`/`-Name` (a forgotten line continuation) is a command PowerShell cannot find."""
    out = rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId; $_.TargetObject }}")
    assert out == ["CommandNotFoundException", name]


@pytest.mark.parametrize(("src", "expected"), [("-not 1", [False]), ("-split 'a b'", ["a", "b"]), ("-5", [-5]),
                                               ("-join (1,2)", ["12"]), ("function -foo { 'hi' }; -foo", ["hi"])])
def test_unary_dash_operators_still_start_expressions(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
