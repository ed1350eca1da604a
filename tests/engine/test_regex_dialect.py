"""The .NET regex dialect end to end: about_Regular_Expressions' examples, .NET-only syntax (inline options anywhere,
class subtraction, Unicode categories and blocks, named groups), substitutions ($`, $', $+, $_), $Matches, the [regex]
class, and .NET's error texts for invalid patterns."""

from __future__ import annotations

import re
import warnings

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.dotnet_regex import translate
from pyshell.engine.host import CollectingHost
from pyshell.engine.regex_translate import RegexSyntaxError, pattern_error_message, translate_pattern
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def caught(rs: Runspace, src: str) -> list[str]:
    return rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")


SNIPPETS = [
    ("'book' -match 'oo'",
     [True]),
    ("'big' -match 'b[iou]g'",
     [True]),
    ("42 -match '[0-9][0-9]'",
     [True]),
    ("'Server-01' -match 'Server-\\d\\d'",
     [True]),
    ("'Book' -match '\\w'; $Matches[0]",
     [True, 'B']),
    ("'a1\\ ' -match '....'",
     [True]),
    ("' - ' -match '\\s- '",
     [True]),
    ("'ACCOUNT NAME:    Administrator' -match 'ACCOUNT NAME:\\s*\\w*'",
     [True]),
    ("'DC-01' -match '[A-Z]+-\\d\\d'",
     [True]),
    ("'SERVER01' -match '[A-Z]+-?\\d\\d'",
     [True]),
    ("'111-222-3333' -match '\\d{3}-\\d{3}-\\d{4}'",
     [True]),
    ("'fishing' -match '^fish$'",
     [False]),
    ("'3.141' -match '3\\.\\d{2,}'",
     [True]),
    ("[regex]::escape('3.\\d{2,}')",
     ['3\\.\\\\d\\{2,}']),
    ("$null = 'The last logged on user was CONTOSO\\jsmith' -match '(.+was )(.+)'; $Matches[0]; $Matches[1]; $Matches[2]; @($Matches.Keys) -join ','",
     ['The last logged on user was CONTOSO\\jsmith', 'The last logged on user was ', 'CONTOSO\\jsmith', '2,1,0']),
    ("$null = 'The last logged on user was CONTOSO\\jsmith' -match 'was (?<domain>.+)\\\\(?<user>.+)'; $Matches.domain; $Matches.user; $Matches.Count",
     ['CONTOSO', 'jsmith', 3]),
    ("'John D. Smith' -replace '(\\w+) (\\w+)\\. (\\w+)', '$1.$2.$3@contoso.com'",
     ['John.D.Smith@contoso.com']),
    ("'CONTOSO\\Administrator' -replace '\\w+\\\\(?<user>\\w+)', 'FABRIKAM\\${user}'",
     ['FABRIKAM\\Administrator']),
    ("'Gobble' -replace 'Gobble', '$& $&'",
     ['Gobble Gobble']),
    ("'Hello World' -replace '(\\w+) \\w+', '$1 Universe'",
     ['Hello Universe']),
    ("'5.72' -replace '(.+)', '$$$1'",
     ['$5.72']),
    ('"a`nb" -match \'(?s)a.b\'',
     [True]),
    ('"a`nb" -match \'a.b\'',
     [False]),
    ("'abc' -match 'a(?#comment)b'",
     [True]),
    ("'abc' -match '(?x) a  b # comment'",
     [True]),
    ("'Contoso.local\\John.Doe' -replace '^(?<DomainName>[\\w-.]+)\\\\(?<Username>[\\w-.]+)$', '${Username}@${DomainName}'",
     ['John.Doe@Contoso.local']),
    ("'a-b' -match '[\\w-.]+'; $Matches[0]",
     [True, 'a-b']),
    ("'ab12' -match '\\p{L}+'; $Matches[0]",
     [True, 'ab']),
    ("'ab12' -match '\\P{L}+'; $Matches[0]",
     [True, '12']),
    ("'abC' -cmatch '\\p{Lu}'; $Matches[0]",
     [True, 'C']),
    ("'x' -match '\\A\\w\\z'",
     [True]),
    ('"x`n" -match \'x\\Z\'',
     [True]),
    ('"x`n" -match \'x\\z\'',
     [False]),
    ('"x`n" -match \'x$\'',
     [True]),
    ("'aab' -replace '\\Ga', 'X'",
     ['XXb']),
    ("'ab' -match '(?n)(a)(b)'; $Matches.Count",
     [True, 1]),
    ('\'ab\' -match "(?\'first\'a)\\k<first>?b"; $Matches.first',
     [True, 'a']),
    ("'aa' -match '(?<x>a)\\k<x>'",
     [True]),
    ("'aA' -cmatch 'a(?i:a)'",
     [True]),
    ("'Aa' -cmatch '(?i)a(?-i)a'",
     [True]),
    ("'AA' -cmatch '(?i)a(?-i)a'",
     [False]),
    ("'xAb' -cmatch 'x(?i)a|b'; $Matches[0]",
     [True, 'xA']),
    ("'b' -match '[a-z-[aeiou]]'",
     [True]),
    ("'a' -match '^[a-z-[aeiou]]$'",
     [False]),
    ("'x' -match '[[:alpha:]]'",
     [False]),
    ("':]' -match '[[:alpha:]]'",
     [True]),
    ("'a{,2}' -match 'a{,2}'",
     [True]),
    ("[regex]::Match('abc','b').Success",
     [True]),
    ("([regex]'\\d+').Matches('a12b345').Count",
     [2]),
    ("[regex]::Matches('a1b22', '\\d+') | % Value",
     ['1', '22']),
    ("[regex]::IsMatch('ABC', 'b')",
     [False]),
    ("[regex]::IsMatch('ABC', 'b', 'IgnoreCase')",
     [True]),
    ("[regex]::Replace('abc', 'B', 'x', 'IgnoreCase')",
     ['axc']),
    ("[regex]::Replace('a1b2', '\\d', { param($m) [int]$m.Value * 2 })",
     ['a2b4']),
    ("[regex]::Split('a1b2c', '\\d')",
     ['a', 'b', 'c']),
    ("[regex]::Unescape('a\\tb\\\\')",
     ['a\tb\\']),
    ("$r = [regex]::new('(?<y>\\d{4})-(\\d\\d)'); $r.GetGroupNames() -join ','; $r.GetGroupNumbers() -join ','",
     ['0,1,y', '0,1,2']),
    ("$m = [regex]::Match('on 2024-05', '(?<y>\\d{4})-(\\d\\d)'); $m.Groups['y'].Value; $m.Groups[1].Value; $m.Groups[2].Value; $m.Index",
     ['2024', '05', '2024', 3]),
    ("$m = [regex]::Match('a1b2', '\\d'); $m.Value; $m.NextMatch().Value; $m.NextMatch().NextMatch().Success",
     ['1', '2', False]),
    ("([regex]'a').ToString()",
     ['a']),
    ("([regex]::new('a', 'IgnoreCase, Multiline')).Options",
     ['IgnoreCase, Multiline']),
    ("([regex]'(a)').Replace('aaa', 'b', 2)",
     ['bba']),
    ("([regex]',').Split('a,b,c', 2)",
     ['a', 'b,c']),
    ("([regex]'b').Match('abab', 2).Index",
     [3]),
    ("'abc' -replace 'b', '[$`|$'']'",
     ['a[a|c]c']),
    ("'abc' -replace 'b', '$_'",
     ['aabcc']),
    ("'abc' -replace '(a)(b)?', '$+'",
     ['bc']),
    ("'abc' -replace 'b', '$9'",
     ['a$9c']),
    ("'abc' -replace '(b)', '$10'",
     ['a$10c']),
    ("'abc' -replace '(?<n>b)', '${n}${n}'",
     ['abbc']),
    ("'abc' -replace 'b', '${nope}'",
     ['a${nope}c']),
    ("'a1' -split '(?<=a)'",
     ['a', '1']),
]


@pytest.mark.parametrize(("src", "expected"), SNIPPETS)
def test_snippet(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


@pytest.mark.parametrize(("src", "expected"), [
    # other places that take a regex get the same dialect
    ("switch -Regex ('ab12') { '^\\p{L}+\\d+\\z' { 'yes' } }", ["yes"]),
    ("'a1b-2c' -split '[\\d-[1]]'", ["a1b-", "c"]),
    ("('x1','y' | Select-String '\\p{L}\\d').Line", ["x1"]),
    ("'A1' -csplit '(?i)a'", ["", "1"]),
    ("$m = [regex]::Match('abc', '(?<x>b)(c)'); ($m.Groups | % Name) -join ','; $m.Groups['x'].Value; $m.Groups[1].Value",
     ["0,1,x", "b", "c"]),
    ("[regex]::Matches('Hallo', 'Ha') | Out-String",
     ["\nGroups    : {0}\nSuccess   : True\nName      : 0\nCaptures  : {0}\nIndex     : 0\nLength    : 2\n"
      "Value     : Ha\nValueSpan : \n\n"]),
    ("'abcd' -match '(?<n>a)(b)(?<m>c)(d)'; @($Matches.Keys) -join ','; $Matches[1]; $Matches[2]", [True, "n,m,2,1,0", "b", "d"]),
    ("'abcd' -replace '(?<n>a)(b)(?<m>c)(d)', '$1$2$3$4'", ["bdac"]),
    ("'xyy' -match '(?<a>x)(y)\\1'; 'xyx' -match '^(?<a>x)(y)\\2$'", [True, True]),
    # groups sharing a name are one group in .NET
    ("'ab' -match '(?<x>a)(?<x>b)'; $Matches.x; $Matches.Count", [True, "b", 2]),
    ("'y12' -replace 'x(?<n>\\d+)|y(?<n>\\d+)', '[${n}]'", ["[12]"]),
    ("([regex]'(?<n>a)|(?<n>b)').GetGroupNames() -join ','; ([regex]'(?<n>a)|(?<n>b)').GetGroupNumbers() -join ','",
     ["0,n", "0,1"]),
    # \P{..} inside a class, named blocks
    ("'ab12-' -match '[\\P{L}x]+$'; $Matches[0]; 'x' -match '[^\\P{L}]'; '1' -match '[^\\P{L}]'", [True, "12-", True, False]),
    ("'\u03b1\u03b2' -match '^\\p{IsGreek}+$'; 'ab' -match '\\p{IsGreek}'", [True, False]),
    # -split options and RegexOptions reach the translator
    ("'a(b' -split '\\(', 0, 'ExplicitCapture'", ["a", "b"]),
    ("'a1b' -split '(\\d)', 0, 'ExplicitCapture'", ["a", "b"]),
    ("[regex]::Match('abc', 'a # (note\n b', 'IgnorePatternWhitespace').Value", ["ab"]),
])
def test_dialect_everywhere(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


@pytest.mark.parametrize(("src", "error_id", "message"), [
    ('[regex]"("', "InvalidCastConstructorException",
     'Cannot convert value "(" to type "System.Text.RegularExpressions.Regex". Error: "Invalid pattern \'(\' at offset 1. '
     "Not enough )'s.\""),
    ("[regex]::Match('a', '(')", "RegexParseException",
     'Exception calling "Match" with "2" argument(s): "Invalid pattern \'(\' at offset 1. Not enough )\'s."'),
    ("[regex]::new('a)')", "RegexParseException",
     'Exception calling ".ctor" with "1" argument(s): "Invalid pattern \'a)\' at offset 2. Too many )\'s."'),
    ("[regex]::IsMatch('a', 'a**')", "RegexParseException",
     'Exception calling "IsMatch" with "2" argument(s): "Invalid pattern \'a**\' at offset 3. Nested quantifier \'*\'."'),
    ("'a' -match '[a'", "InvalidRegularExpression", "The regular expression pattern [a is not valid."),
    ("'a' -replace '*', 'b'", "InvalidRegularExpression", "The regular expression pattern * is not valid."),
    ("'a' | Select-String '\\'", "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand",
     "The string \\ is not a valid regular expression: Invalid pattern '\\' at offset 1. Illegal \\\\ at end of pattern."),
])
def test_invalid_patterns(rs: Runspace, src: str, error_id: str, message: str) -> None:
    assert caught(rs, src) == [error_id, message]


@pytest.mark.parametrize(("pattern", "offset", "message"), [
    ("(", 1, "Not enough )'s."),
    ("a)", 2, "Too many )'s."),
    ("*a", 1, "Quantifier '*' following nothing."),
    ("a|+", 3, "Quantifier '+' following nothing."),
    ("a**", 3, "Nested quantifier '*'."),
    ("a*+", 3, "Nested quantifier '+'."),
    ("[a", 2, "Unterminated [] set."),
    ("[z-a]", 4, "[x-y] range in reverse order."),
    ("[a--b]", 4, "[x-y] range in reverse order."),
    ("a{3,1}", 6, "Illegal {x,y} with x > y."),
    ("\\i", 2, "Unrecognized escape sequence \\\\i."),
    ("[\\q]", 3, "Unrecognized escape sequence \\\\q."),
    ("\\x4", 3, "Insufficient hexadecimal digits."),
    ("a\\", 2, "Illegal \\\\ at end of pattern."),
    ("\\p{Foo}", 7, "Unknown property 'Foo'."),
    ("(?<>a)", 3, "Invalid group name: Group names must begin with a word character."),
    ("(?P<x>a)", 2, "Unrecognized grouping construct."),
    ("[a-z-[b]x]", 8, "A subtraction must be the last element in a character class."),
    ("(a)\\2", 5, "Reference to undefined group number 2."),
])
def test_syntax_errors_carry_dotnet_offsets(pattern: str, offset: int, message: str) -> None:
    with pytest.raises(RegexSyntaxError) as info:
        translate_pattern(pattern)
    assert (info.value.offset, info.value.message) == (offset, message)
    assert pattern_error_message(pattern, info.value) == f"Invalid pattern '{pattern}' at offset {offset}. {message}"


def test_python_errors_are_worded_as_dotnet() -> None:
    with pytest.raises(re.error) as info:
        re.compile(translate("\\k<zz>"))
    assert pattern_error_message("\\k<zz>", info.value) == \
        "Invalid pattern '\\k<zz>' at offset 6. Reference to undefined group name 'zz'."


@pytest.mark.parametrize(("pattern", "python"), [
    ("x{,2}", "x\\{,2\\}"),
    ("[\\w-.]", "[\\w\\-.]"),
    ("[-a]", "[\\-a]"),
    ("[[:alpha:]]", "[\\[:alpha:]]"),
    ("[+--]", "[+-\\-]"),
    ("[a&&b~~c||d]", "[a\\&\\&b\\~\\~c\\|\\|d]"),
    ("[a-z-[aeiou]]", "(?:(?![aeiou])[a-z])"),
    ("a(?i)b|c", "a(?i:b)|(?i:c)"),
    ("(?-i:a)b", "(?-i:a)b"),
    ("(?n)(a)(?<b>c)", "(?:a)(?P<b>c)"),
    ("(?x) a b # note\nc", "abc"),
    ("(?'q'a)\\k'q'", "(?P<q>a)(?P=q)"),
    ("a(?#note)b", "ab"),
    ("\\p{IsGreek}", "[\\u0370-\\u03ff]"),
    ("\\z\\Z\\e\\cA", "\\Z(?=\\n?\\Z)\\x1b\\x01"),
    ("(a)?(?(1)b|c)", "(a)?(?(1)b|c)"),
    # back references use .NET's numbering (unnamed groups first); a number naming no group is octal
    ("(?<a>x)(y)\\1\\k<2>", "(?P<a>x)(y)(?:\\2)(?:\\1)"),
    ("(?<a>x)?(y)(?(2)z)", "(?P<a>x)?(y)(?(1)z)"),
    ("\\121", "Q"),
])
def test_translation(pattern: str, python: str) -> None:
    assert translate_pattern(pattern) == python


@pytest.mark.parametrize("pattern", ["[[:alpha:]]", "[+--]", "[a&&b]", "[a||b]", "[a~~b]", "[a-z-[aeiou]]", "[[]"])
def test_no_python_warnings(pattern: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        re.compile(translate(pattern))
