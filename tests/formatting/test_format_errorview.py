"""ConciseView errors and the warning/verbose/debug prefixes."""

from __future__ import annotations

import pytest

from pyshell.engine.records import ErrorRecord
from pyshell.errors import ParseError, PyshellError, Span
from pyshell.formatting import render_debug, render_error, render_verbose, render_warning

NOT_FOUND = "Cannot find path '/nope' because it does not exist."


def _span(source: str, fragment: str, file: str = "") -> Span:
    start = source.index(fragment)
    line = source.count("\n", 0, start) + 1
    column = start - (source.rfind("\n", 0, start) + 1) + 1
    return Span(start, start + len(fragment), line, column, source, file)


def _record(message: str = NOT_FOUND, command: str = "Get-Item", span: Span | None = None, **kw: object) -> ErrorRecord:
    return ErrorRecord(PyshellError(message, span=span, **kw), command=command)  # type: ignore[arg-type]


def test_command_typed_at_the_prompt_shows_command_and_message() -> None:
    source = "Get-Item /nope"
    assert render_error(_record(span=_span(source, source))) == f"Get-Item: {NOT_FOUND}"


def test_error_in_a_script_shows_the_line_and_a_caret() -> None:
    source = "Write-Output 1\n    Get-Item /nope\n"
    text = render_error(_record(span=_span(source, "Get-Item /nope", "/tmp/t.ps1")))
    assert text.split("\n") == [
        "Get-Item: /tmp/t.ps1:2",
        "Line |",
        "   2 |      Get-Item /nope",
        "     |      ~~~~~~~~~~~~~~",
        f"     | {NOT_FOUND}",
        "",
    ]


def test_error_on_a_later_line_of_typed_input_uses_the_block_without_a_file() -> None:
    source = "$x = 1\nGet-Item /nope"
    assert render_error(_record(span=_span(source, "Get-Item /nope"))).split("\n") == [
        "Get-Item: ",
        "Line |",
        "   2 |  Get-Item /nope",
        "     |  ~~~~~~~~~~~~~~",
        f"     | {NOT_FOUND}",
    ]


def test_script_flag_forces_the_block_on_line_one() -> None:
    source = "Get-Item /nope"
    assert render_error(_record(span=_span(source, "/nope")), script=True).split("\n")[2:4] == [
        "   1 |  Get-Item /nope",
        "     |           ~~~~~",
    ]


def test_parser_error_shows_the_caret_where_parsing_stopped() -> None:
    source = "1 +"
    err = ParseError("You must provide a value expression following the '+' operator.", Span(3, 3, 1, 4, source))
    assert render_error(ErrorRecord(err)).split("\n") == [
        "ParserError: ",
        "Line |",
        "   1 |  1 +",
        "     |     ~",
        "     | You must provide a value expression following the '+' operator.",
        "",
    ]


def test_long_script_messages_wrap_at_the_window_width() -> None:
    source = "Get-Item /nope"
    message = "one two three four five six seven eight nine ten"
    text = render_error(_record(message, span=_span(source, source, "/s.ps1")), width=30)
    # pwsh cuts at `width` characters, then back to the last blank (even when a word just fitted)
    assert text.split("\n")[4:] == [
        "     | one two three four",
        "     | five six seven eight",
        "     | nine ten",
        "",
    ]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (_record("boom", command="", error_id="boom", category="OperationStopped"), "Exception: boom"),
        (_record("Attempted to divide by zero.", command="", reason="RuntimeException"),
         "RuntimeException: Attempted to divide by zero."),
        (_record("[vm1] Connection refused", command="", category="OpenError"), "OpenError: [vm1] Connection refused"),
        (_record("x", command="Receive-Job"), "Receive-Job: x"),
    ],
)
def test_the_label_is_the_command_else_the_category_else_the_reason(record: ErrorRecord, expected: str) -> None:
    assert render_error(record) == expected


def test_ansi_colours_the_error() -> None:
    assert render_error(_record(), ansi=True) == f"\x1b[31;1mGet-Item: \x1b[31;1m{NOT_FOUND}\x1b[0m"


def test_ansi_block_highlights_the_failing_part_of_the_line() -> None:
    source = "Get-Item /nope | Out-Null"
    text = render_error(_record(span=_span(source, "Get-Item /nope", "/t.ps1")), ansi=True)
    assert "\x1b[36;1m   1 | \x1b[0m \x1b[36;1mGet-Item /nope\x1b[0m | Out-Null" in text


@pytest.mark.parametrize(
    ("render", "prefix"),
    [(render_warning, "WARNING: "), (render_verbose, "VERBOSE: "), (render_debug, "DEBUG: ")],
)
def test_stream_messages_have_their_prefix_and_yellow_with_ansi(render: object, prefix: str) -> None:
    assert render("hello") == prefix + "hello"  # type: ignore[operator]
    assert render("hello", ansi=True) == f"\x1b[33;1m{prefix}hello\x1b[0m"  # type: ignore[operator]
