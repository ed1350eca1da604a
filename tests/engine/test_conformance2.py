"""Second conformance pass: operators, $input, switch, unrolling, dates, strings, errors and scopes.

Expected values come from PowerShell 7's about_* topics and the Pester tests under
test/powershell/Language; each case is a snippet run through a real Runspace.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


CASES = [
    # -split (about_Split)
    ("'a,b,c,d' -split ',', 2", ["a", "b,c,d"]),
    ("'a,b,c' -split ',', -2", ["a,b", "c"]),
    ("'a1b2c' -split '(\\d)'", ["a", "1", "b", "2", "c"]),
    ("'a1b2c3d' -split '(\\d)', 2", ["a", "1", "b2c3d"]),
    ("'a.b.c' -split '.', 0, 'SimpleMatch'", ["a", "b", "c"]),
    ("'aXbxc' -csplit 'x'", ["aXb", "c"]),
    ("'aXbxc' -csplit 'x', 0, 'IgnoreCase'", ["a", "b", "c"]),
    ("\"a`nb`nc\" -split '^b', 0, 'Multiline'", ["a\n", "\nc"]),
    ("'a1b2c' -split {$_ -eq '1' -or $_ -eq '2'}", ["a", "b", "c"]),
    ("'a1b2c' -split {$_ -match '\\d'}, 2", ["a", "b2c"]),
    ("-split \" a  b`tc \"", ["a", "b", "c"]),
    ("'abc' -split ''", ["", "a", "b", "c", ""]),
    ("'1,2,3' -split ',' -join '+'", ["1+2+3"]),
    # -replace (about_Comparison_Operators)
    ("'abc' -replace '(b)', '[$1]'; 'abc' -replace '(?<n>b)', '${n}${n}'; 'abc' -replace 'b', '$$'",
     ["a[b]c", "abbc", "a$c"]),
    ("'abc' -replace 'b', { $_.Value.ToUpper() + $_.Index }", ["aB1c"]),
    ("'a1b2' -replace '\\d'", ["ab"]),
    # -f (about_Operators, .NET composite formatting)
    ("'{0,5}|{1,-5}|' -f 'a','b'", ["    a|b    |"]),
    ("'{0:N2} {1:D5} {2:X} {2:x4} {3:P1} {4:E2} {5:F3}' -f 1234.567, 42, 255, 0.1234, 12345.678, 3.14159",
     ["1,234.57 00042 FF 00ff 12.3% 1.23E+004 3.142"]),
    ("'{0:N0}' -f 1234.5; '{0:F0}' -f 2.5; '{0:F1}' -f 2.25; [string]::Format('{0:N1}', 0.125)",
     ["1,235", "3", "2.3", "0.1"]),
    ("'{0:C}' -f 12.5; '{0:0.00} {1:#,##0} {2:000}' -f 3.14159, 1234567, 7", ["$12.50", "3.14 1,234,567 007"]),
    ("'{{0}} {0}' -f 'x'; '{0:yyyy-MM-dd}' -f [datetime]'2024-03-05'", ["{0} x", "2024-03-05"]),
    # -like/-match filter arrays and leave $Matches alone
    ("'a','b','ab' -match 'a'; $null -eq $Matches", ["a", "ab", True]),
    ("'abc' -match 'b' | Out-Null; $Matches[0]", ["b"]),
    # $input is an enumerator (about_Automatic_Variables)
    ("function f { while ($input.MoveNext()) { $input.Current } }; 'a','b' | f", ["a", "b"]),
    ("function f { $input | % { $_ * 2 } }; 1,2,3 | f", [2, 4, 6]),
    ("function f { foreach ($i in $input) { $i + 1 } }; 1,2 | f", [2, 3]),
    ("function f { $input; @($input).Count }; 1,2 | f", [1, 2, 0]),
    ("function f { $input.GetType().Name }; 1 | f", ["ArrayListEnumeratorSimple"]),
    ("function a { begin {'ab'} process {$_} end {'ae'} }; function b { begin {'bb'} process {\"b$_\"} "
     "end {'be'} }; 1,2 | a | b", ["bb", "bab", "b1", "b2", "bae", "be"]),
    # switch (about_Switch)
    ("switch ('a','b','c') { 'a' { $null = $switch.MoveNext(); \"after a: $($switch.Current)\" } default { $_ } }",
     ["after a: b", "c"]),
    ("switch (1,2,3,4) { {$_ -gt 2} { \"big$_\"; continue } 2 { 'two' } default { \"d$_\" } }",
     ["d1", "two", "big3", "big4"]),
    ("switch -Regex ('abc123') { '(\\d+)' { $Matches[1] } }", ["123"]),
    ("switch -Wildcard ('abc') { 'a*' { 'w1' } '*c' { 'w2' } }; switch -Exact ('a*') { 'a*' { 'e' } }",
     ["w1", "w2", "e"]),
    ("switch -CaseSensitive ('A') { 'a' { 'lower' } 'A' { 'upper' } }", ["upper"]),
    # [datetime] / [timespan]
    ("(New-TimeSpan -Hours 1 -Minutes 30).TotalMinutes; (New-TimeSpan -Start '2024-01-01' -End '2024-01-02').Days",
     [90.0, 1]),
    ("(New-TimeSpan -Seconds 90).ToString(); [string](New-TimeSpan -Days 1 -Hours 2)", ["00:01:30", "1.02:00:00"]),
    ("[timespan]::FromMinutes(90).ToString(); [timespan]::new(1, 2, 3).TotalSeconds; [timespan]::Zero.Ticks",
     ["01:30:00", 3723.0, 0]),
    ("[datetime]::ParseExact('05/03/2024', 'dd/MM/yyyy', $null).Month; [datetime]::new(2024, 1, 2).Day", [3, 2]),
    ("[datetime]::DaysInMonth(2024, 2); [datetime]::IsLeapYear(2023)", [29, False]),
    ("$d = [datetime]'2024-01-31'; ($d + (New-TimeSpan -Days 1)).ToString('yyyy-MM-dd')", ["2024-02-01"]),
    # strings
    ("'a,b,,c'.Split(',', [System.StringSplitOptions]::RemoveEmptyEntries).Count", [3]),
    ("'a-b_c'.Split('-_'.ToCharArray()).Count; 'a-b_c'.Split('-_').Count; 'a,b,c'.Split(',', 2)", [3, 1, "a", "b,c"]),
    ("' a , b '.Split(',', [StringSplitOptions]'TrimEntries')", ["a", "b"]),
    ("'Hello'.IndexOf('L', [StringComparison]::OrdinalIgnoreCase); 'Hello'.IndexOf('L')", [2, -1]),
    ("'abc'.Equals('ABC'); 'abc'.Equals('ABC', [StringComparison]::OrdinalIgnoreCase)", [False, True]),
    ("[string]::Compare('a', 'B'); [string]::Compare('a', 'A', $true); [string]::Compare('a', 'A')", [-1, 0, -1]),
    # [char] arithmetic
    ("[char]'a' + 1; [int][char]'a'; [char]([int][char]'a' + 1); [char]97", [98, 97, "b", "a"]),
    ("([char]'a').GetType().Name; 'abc'[0].GetType().Name; ([char[]]'abc').Count; [char]'b' - [char]'a'",
     ["Char", "Char", 3, 1]),
    ("'a' + 'abc'[1]; ([string]'abc'[0]).GetType().Name", ["ab", "String"]),
    # scopes (about_Scopes)
    ("$p = 'outer'; function f { $private:p = 'priv'; g; $p }; function g { \"g sees $p\" }; f",
     ["g sees outer", "priv"]),
    ("function f { Set-Variable -Name q -Value 5 -Scope 1 }; f; $q", [5]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


ERROR_CASES = [
    ("$o = [pscustomobject]@{a=1}; $o.b = 2",
     "The property 'b' cannot be found on this object. Verify that the property exists and can be set.",
     "PropertyAssignmentException", "InvalidOperation: (:) [], RuntimeException"),
    ("$a = 1,2; $a[3] = 1", "Index was outside the bounds of the array.",
     "System.IndexOutOfRangeException", "OperationStopped: (:) [], IndexOutOfRangeException"),
    ("[int]'abc'",
     "Cannot convert value \"abc\" to type \"System.Int32\". Error: \"The input string 'abc' was not in a correct "
     "format.\"", "InvalidCastFromStringToInteger", "InvalidArgument: (:) [], RuntimeException"),
    ("'abc'.NoSuch()", "Method invocation failed because [System.String] does not contain a method named 'NoSuch'.",
     "MethodNotFound", "InvalidOperation: (:) [], RuntimeException"),
    ("$null.Foo()", "You cannot call a method on a null-valued expression.", "InvokeMethodOnNull",
     "InvalidOperation: (:) [], RuntimeException"),
    ("1/0", "Attempted to divide by zero.", "RuntimeException", "NotSpecified: (:) [], RuntimeException"),
    ("Get-NoSuchThing",
     "The term 'Get-NoSuchThing' is not recognized as a name of a cmdlet, function, script file, or executable "
     "program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try "
     "again.", "CommandNotFoundException", "ObjectNotFound: (Get-NoSuchThing:String) [], CommandNotFoundException"),
    ("function f { param($a) }; f -a",
     "Missing an argument for parameter 'a'. Specify a parameter of type 'System.Object' and try again.",
     "MissingArgument,f", "InvalidArgument: (:) [f], ParameterBindingException"),
    ("function f { param($Name, $Number) }; f -N 1",
     "Parameter cannot be processed because the parameter name 'N' is ambiguous. Possible matches include: -Name "
     "-Number.", "AmbiguousParameter,f", "InvalidArgument: (:) [f], ParameterBindingException"),
    ("function f { [CmdletBinding()] param($a) }; f 1 2",
     "A positional parameter cannot be found that accepts argument '2'.", "PositionalParameterNotFound,f",
     "InvalidArgument: (:) [f], ParameterBindingException"),
    # (Write-Output -Foo 1 is not an error: its ValueFromRemainingArguments -InputObject takes '-Foo')
    ("Get-Date -Foo 1", "A parameter cannot be found that matches parameter name 'Foo'.",
     "NamedParameterNotFound,Microsoft.PowerShell.Commands.GetDateCommand",
     "InvalidArgument: (:) [Get-Date], ParameterBindingException"),
    ("'a' -split 'a', 0, 'Bogus'",
     "Cannot convert value \"bogus\" to type \"System.Management.Automation.SplitOptions\". Error: \"Unable to match "
     "the identifier name bogus to a valid enumerator name. Specify one of the following enumerator names and try "
     "again:\nSimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, Multiline, Singleline, IgnoreCase, "
     "ExplicitCapture\"", "InvalidCastFromStringToEnum", None),
]


@pytest.mark.parametrize(("src", "message", "fqid", "category"), ERROR_CASES)
def test_error_record_matches_powershell(rs: Runspace, src: str, message: str, fqid: str, category: str | None) -> None:
    assert rs.run(src + "; 'next'") == ["next"]
    assert _errors(rs) == [message]
    out = rs.run("$Error[0] | Select-Object FullyQualifiedErrorId, CategoryInfo | "
                 "% { $_.FullyQualifiedErrorId; \"$($_.CategoryInfo)\" }")
    assert out[0] == fqid
    if category is not None:
        assert out[1] == category


def test_dot_sourcing_a_script_defines_its_functions_and_variables_in_the_caller(rs: Runspace, tmp_path: Path) -> None:
    script = tmp_path / "x.ps1"
    script.write_text("function Get-Dotted { 'dotted' }\n$dotVar = 42\n", encoding="utf-8")
    assert rs.run(f"& '{script}'; $null -eq $dotVar") == [True]
    assert rs.run(f". '{script}'; Get-Dotted; $dotVar") == ["dotted", 42]


def test_ast_nodes_keep_the_dataclass_api() -> None:
    import dataclasses
    import pickle

    from pyshell.errors import Span
    from pyshell.language import ast as A

    span = Span(0, 1, 1, 1, "x", "")
    node = A.VariableAst(span, "x")
    assert node == A.VariableAst(span=span, name="x", scope=None, splat=False)
    assert hash(node) == hash(A.VariableAst(span, "x"))
    assert A.InvokeMemberAst(span, node, node).arguments == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.name = "y"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(node)] == ["span", "name", "scope", "splat"]
    assert pickle.loads(pickle.dumps(node)) == node
    assert not hasattr(node, "__dict__")
