"""Select-String, from PowerShell's Select-String.Tests.ps1 and the cmdlet's documented behaviour: MatchInfo values
and display, files, -Context (logical and display context), -Quiet/-List/-Raw/-NotMatch/-SimpleMatch/-AllMatches,
and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

NL = "\n"
LINES = ["This is a text string, and another string", "This is the second line", "This is the third line",
         "This is the fourth line", "No matches"]


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    load_builtins()
    runspace = Runspace(CollectingHost())
    runspace.set_location(str(tmp_path))
    (tmp_path / "testfile1.txt").write_text(NL.join(LINES), encoding="utf-8")
    (tmp_path / "b.log").write_text("zeta\r\nbeta\r\n", encoding="utf-8")
    return runspace


def errors(rs: Runspace, src: str) -> list[str]:
    return rs.run(f"try {{ {src} -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")


def test_pipeline_strings_match_case_insensitively(rs: Runspace) -> None:
    assert rs.run('("hello","Hello","goodbye" | Select-String -Pattern "hello").Line') == ["hello", "Hello"]
    assert rs.run('"hello","Hello" | Select-String hello -CaseSensitive | % ToString') == ["hello"]
    assert rs.run('"hello","Hello" | Select-String hello -ca | % ToString') == ["hello"]


def test_matchinfo_members_for_pipeline_input(rs: Runspace) -> None:
    src = ('$r = "a","xhello" | Select-String hel -CaseSensitive; $r.GetType().FullName; $r.LineNumber; $r.Path; '
           '$r.Filename; $r.Pattern; $r.IgnoreCase; $r.Matches.Count; $r.Matches[0].Value; $r.Matches[0].Index; '
           '$r -is [Microsoft.PowerShell.Commands.MatchInfo]')
    assert rs.run(src) == ["Microsoft.PowerShell.Commands.MatchInfo", 2, "InputStream", "InputStream", "hel", False,
                           1, "hel", 1, True]


def test_input_object_array_is_one_string(rs: Runspace) -> None:
    assert rs.run('Select-String -InputObject "some stuff","other stuff" -Pattern other | % ToString') == [
        "some stuff other stuff"]
    assert rs.run('Select-String -InputObject "some stuff","other stuff" -Pattern neither') == []


def test_quiet_not_match_and_raw(rs: Runspace) -> None:
    assert rs.run('"hello","Hello" | Select-String -Quiet hello -CaseSensitive') == [True]
    assert rs.run('"hello","Hello" | Select-String -Quiet goodbye') == []
    assert rs.run('("hello","Hello","goodbye" | Select-String -Pattern goodbye -NotMatch).Line') == ["hello", "Hello"]
    assert rs.run('"hello","Hello" | Select-String -Pattern hello -CaseSensitive -Raw') == ["hello"]


def test_raw_with_quiet_is_a_binding_error(rs: Runspace) -> None:
    assert errors(rs, '"a" | Select-String a -Raw -Quiet')[0] == \
        "AmbiguousParameterSet,Microsoft.PowerShell.Commands.SelectStringCommand"


def test_display_has_blank_lines_around_and_no_emphasis_in_out_string(rs: Runspace) -> None:
    out = rs.run('"hello","Hello","goodbye" | Select-String -Pattern "l" -AllMatches | Out-String')
    assert out == [f"{NL}hello{NL}Hello{NL}{NL}"]
    out = rs.run('"hello","Hello","goodbye" | Select-String -Pattern "l" -NoEmphasis | Out-String')
    assert out == [f"{NL}hello{NL}Hello{NL}{NL}"]


def test_emphasized_string_inverts_each_match(rs: Runspace) -> None:
    assert rs.run('("hello" | Select-String l -AllMatches).ToEmphasizedString($null)') == [
        "he\x1b[7ml\x1b[0m\x1b[7ml\x1b[0mo"]
    assert rs.run('("hello" | Select-String l -AllMatches -NoEmphasis).ToEmphasizedString($null)') == ["hello"]


def test_file_matches_show_path_line_and_text(rs: Runspace, tmp_path: Path) -> None:
    full = str(tmp_path / "testfile1.txt")
    assert rs.run("Select-String testfile1.txt -Pattern string | % ToString") == [f"{full}:1:{LINES[0]}"]
    assert rs.run("(Select-String in testfile1.txt).Line") == LINES[:4]
    assert rs.run("(Select-String is testfile1.txt -CaseSensitive).Count") == [4]
    assert rs.run("Select-String for testfile1.txt") == []
    assert rs.run("Select-String in testfile1.txt -Raw") == LINES[:4]
    assert rs.run("Select-String 'matc*' testfile1.txt -ca | Out-String") == [f"{NL}testfile1.txt:5:No matches{NL}{NL}"]
    assert rs.run("(Select-String beta b.log).LineNumber") == [2]  # \r\n line ends


def test_context_lines(rs: Runspace) -> None:
    out = rs.run("Select-String third testfile1.txt -Context 1 | Out-String")
    assert out == [f"{NL}  testfile1.txt:2:{LINES[1]}{NL}> testfile1.txt:3:{LINES[2]}{NL}"
                   f"  testfile1.txt:4:{LINES[3]}{NL}{NL}"]
    assert rs.run("Select-String second testfile1.txt -Raw -Context 2,2") == [LINES[1]]


def test_context_display_does_not_repeat_lines(rs: Runspace) -> None:
    src = ('1..10 | Select-String "^(3|5)$" -Context 2 | % { ($_.Context.PreContext -join ","), '
           '($_.Context.DisplayPreContext -join ","), ($_.Context.PostContext -join ","), '
           '($_.Context.DisplayPostContext -join ",") }')
    assert rs.run(src) == ["1,2", "1,2", "4,5", "4", "3,4", "", "6,7", "6,7"]
    assert rs.run('(1..10 | Select-String "^(3|5)$" -Context 2,0 | % ToString) -join "|"') == ["  1\n  2\n> 3|  4\n> 5"]


def test_quiet_and_list_on_files(rs: Runspace) -> None:
    assert rs.run("Select-String nothing * -Quiet") == [False]
    assert rs.run("Select-String line * -Quiet") == [True]
    assert rs.run("(Select-String line * -List).LineNumber") == [2]
    assert rs.run("(Select-String beta * -Include *.log).Filename") == ["b.log"]
    assert rs.run("(Get-ChildItem *.log | Select-String beta).Path -like '*b.log'") == [True]


def test_simple_match_and_culture(rs: Runspace) -> None:
    assert rs.run('"a.b", "ab" | Select-String . -SimpleMatch | % ToString') == ["a.b"]
    assert rs.run("'file' | Select-String -Pattern fIle -Culture tr-TR -SimpleMatch") == []
    assert rs.run("'file' | Select-String -Pattern f\u0130le -Culture tr-TR -SimpleMatch | % ToString") == ["file"]
    assert rs.run("'file' | Select-String -Pattern fIle -Culture Ordinal -SimpleMatch | % ToString") == ["file"]


def test_filtering_matchinfo_keeps_it(rs: Runspace) -> None:
    assert rs.run("(Select-String in testfile1.txt | Select-String third).LineNumber") == [3]
    out = rs.run('Select-String in testfile1.txt | Select-String third -Context 1 3>&1 | % { "$_" }')
    assert out == ['The option "Context" is not valid when searching results that are piped from Select-String output.',
                   f"{rs.location}/testfile1.txt:3:{LINES[2]}"]


@pytest.mark.parametrize(("src", "error_id", "message"), [
    ('"1" | Select-String -Pattern hello -Culture ru-RU', "CannotSpecifyCultureWithoutSimpleMatch",
     "Cannot specify '-Culture' without '-SimpleMatch'."),
    ('"a" | Select-String a -Context 1,2,3', "ParameterArgumentValidationError",
     "Cannot validate argument on parameter 'Context'. The parameter requires at least 1 value(s) and no more than "
     "2 value(s) - 3 value(s) were provided."),
    ('"a" | Select-String a -Context -1', "ParameterArgumentValidationError",
     "Cannot validate argument on parameter 'Context'. The -1 argument is less than the minimum allowed range of 0. "
     "Supply an argument that is greater than or equal to 0 and then try the command again."),
])
def test_parameter_errors(rs: Runspace, src: str, error_id: str, message: str) -> None:
    assert errors(rs, src) == [f"{error_id},Microsoft.PowerShell.Commands.SelectStringCommand", message]


def test_invalid_regex_and_missing_file(rs: Runspace, tmp_path: Path) -> None:
    out = errors(rs, '"x" | Select-String "("')
    assert out[0] == "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand"
    assert out[1].startswith("The string ( is not a valid regular expression: ")
    out = errors(rs, "Select-String a nofile.txt")
    assert out == ["PathNotFound,Microsoft.PowerShell.Commands.SelectStringCommand",
                   f"Cannot find path '{tmp_path / 'nofile.txt'}' because it does not exist."]


def test_missing_literal_path_is_a_read_error(rs: Runspace, tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    assert errors(rs, "Select-String a -LiteralPath gone.txt") == [
        "ProcessingFile,Microsoft.PowerShell.Commands.SelectStringCommand",
        f"The file {missing} cannot be read: Could not find file '{missing}'."]


def test_directories_are_skipped(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert rs.run("Select-String beta sub") == []
    assert rs.run("(Select-String beta *).Filename") == ["b.log"]


def test_unreadable_file_is_a_non_terminating_error(rs: Runspace, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from pyshell.commands import selectstring

    def denied(path: str) -> bytes:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(selectstring, "_read_bytes", denied)
    locked = tmp_path / "testfile1.txt"
    out = rs.run("Select-String line testfile1.txt 2>&1 | % { $_.FullyQualifiedErrorId; $_.Exception.Message }; 'next'")
    assert out == ["ProcessingFile,Microsoft.PowerShell.Commands.SelectStringCommand",
                   f"The file {locked} cannot be read: Access to the path '{locked}' is denied.", "next"]
