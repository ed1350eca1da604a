""".NET regular expressions through Python's re: pattern translation (about_Regular_Expressions,
about_Comparison_Operators examples) and the [regex] class with its Match/Group objects."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.dotnet_regex import dotnet_escape, translate
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    # a '-' after a shorthand class inside [] is literal in .NET
    ("'Contoso.local\\John.Doe' -replace '^(?<DomainName>[\\w-.]+)\\\\(?<Username>[\\w-.]+)$', '${Username}@${DomainName}'",
     ["John.Doe@Contoso.local"]),
    ("'a-b' -match '[\\w-.]+'; $Matches[0]", [True, "a-b"]),
    # Unicode categories, \A \z \Z \G, nested '[' is literal (no Python warning)
    ("'ab12' -match '\\p{L}+'; $Matches[0]; 'x1' -match '^\\P{L}'; '\u00c4' -cmatch '^\\p{Lu}$'", [True, "ab", False, True]),
    ("'x' -match '\\A\\w\\z'; \"x`n\" -match 'x\\Z'; \"x`n\" -match 'x\\z'; 'a' -match '\\G'; 'x' -match '[[:alpha:]]'",
     [True, True, False, True, False]),
    # inline options anywhere; (?n) explicit capture
    ("'xAbc' -cmatch 'x(?i)abc'; 'hello world' -replace '(?n)(\\w+) (?<w>\\w+)', '${w}'", [True, "world"]),
    ("'aa' -match '(?<c>a)\\k<c>'; 'ab' -match \"(?'x'a)b\"; $Matches.x", [True, True, "a"]),
    # [regex] statics: case-sensitive unless IgnoreCase
    ("[regex]::Match('abc', 'b').Success; [regex]::Match('abc', 'z').Success; [regex]::IsMatch('ABC', 'abc'); "
     "[regex]::IsMatch('ABC', 'abc', 'IgnoreCase')", [True, False, False, True]),
    ("([regex]'\\d+').Matches('a12b345').Count; ([regex]::Matches('a1b2c3', '\\d') | % Value) -join ','; "
     "[regex]::Replace('a1b2', '\\d', 'X'); [regex]::Split('a,b;c', '[,;]') -join '|'",
     [2, "1,2,3", "aXbX", "a|b|c"]),
    ("[regex]::Escape('3.\\d{2,}'); [regex]::Escape('a b#'); [regex]::Unescape('a\\u0041\\x42')",
     ["3\\.\\\\d\\{2,}", "a\\ b\\#", "aAB"]),
    # Match and Group objects
    ("$m = [regex]::Match('2024-05-06', '(?<y>\\d+)-(\\d+)-(\\d+)'); $m.Groups[1].Value; $m.Groups['y'].Value; "
     "$m.Groups.y.Index; $m.Groups.Count; $m.Groups[3].Name; $m.Value; $m.Index; $m.Length",
     ["05", "2024", 0, 4, "y", "2024-05-06", 0, 10]),
    ("$m = [regex]::Match('aXbXc', 'X'); $m.Index; $m.NextMatch().Index; $m.NextMatch().NextMatch().Success; "
     "[regex]::Match('ab', '(a)(b)').Result('$2$1')", [1, 3, False, "ba"]),
    # [regex] instances
    ("$r = [regex]::new('(\\w)(\\d)', 'IgnoreCase'); $r.Options; $r.Replace('a1 b2', '$2$1'); $r.GetGroupNames() -join ','; "
     "$r.IsMatch('A1'); \"$r\"", ["IgnoreCase", "1a 2b", "0,1,2", True, "(\\w)(\\d)"]),
    ("$r = [regex]'b'; 'abc' -match $r; 'abc' -replace $r, 'X'; $r.Replace('bbb', 'c', 2); $r.Split('abcbd') -join '|'",
     [True, "aXc", "ccb", "a|c|d"]),
    # a MatchEvaluator receives the Match
    ("[regex]::Replace('a1b22', '\\d+', { param($m) \"<$($m.Value.Length)>\" })", ["a<1>b<2>"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_dotnet_regex(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


def test_translation_units() -> None:
    """What the translated patterns match (the spelling is the translator's business)."""
    import re

    def full(pattern: str, text: str, explicit: bool = False) -> bool:
        return re.fullmatch(translate(pattern, explicit), text) is not None

    assert full(r"(?<n>a)\k<n>", "aa")
    assert full(r"[\d-x]+", "1-x") and not full(r"[\d-x]+", "w")
    assert full(r"[a-z]", "q")
    assert full(r"[]a]+", "]a")
    assert full(r"a\z", "a") and not full(r"a\z", "a\n")
    assert re.fullmatch(translate(r"(a)(?:b)", explicit_capture=True), "ab").groups() == ()
    assert dotnet_escape("a.b}]") == "a\\.b}]"


ERRORS = [
    ("'a' -match 'a['", "The regular expression pattern a[ is not valid.", "InvalidRegularExpression"),
    ("'a' -match '\\p{Nope}'", "The regular expression pattern \\p{Nope} is not valid.", "InvalidRegularExpression"),
]


@pytest.mark.parametrize(("src", "message", "error_id"), ERRORS)
def test_dotnet_regex_errors(rs: Runspace, src: str, message: str, error_id: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out == [message, error_id]
