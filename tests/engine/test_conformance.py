"""Language behaviour checked against PowerShell 7's documented results (about_* topics, Pester tests)."""

from __future__ import annotations

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
    # ternary, null-coalescing (about_Operators, pwsh 7)
    ("$a = $null; $a ? 1 : 2", [2]),
    ("$true ? 'y' : 'n'; (5 -gt 3) ? 'big' : 'small'", ["y", "big"]),
    ("$i = 3; $r = $i -gt 2 ? 'yes' : 'no'; $r", ["yes"]),
    ("'ab'.Substring($true ? 1 : 0)", ["b"]),
    ("$x = $null; $x ?? 'def'; $y = 3; $y ?? 4", ["def", 3]),
    ("$z = $null; $z ??= 7; $z; $z ??= 8; $z", [7, 7]),
    ("$null ?? $null ?? 'c'", ["c"]),
    ("$n = $null; $n ?? 1 + 2", [3]),
    ("$s = 'abc'; ${s}?.Length; $u = $null; ${u}?.Length; $arr = 1, 2; ${arr}?[1]", [3, None, 2]),
    # precedence: bitwise below comparison
    ("1 -band 3 -eq 1", [0]),
    # intrinsic members
    ("$x = 5; $x.Count; $x.Length; $null.Count; 'abc'.Count; 'abc'.Length", [1, 1, 0, 1, 3]),
    # Int32 overflow widens to Double
    ("[int]::MaxValue + 1; ([int]::MaxValue + 1).GetType().Name", [2147483648.0, "Double"]),
    ("([int]::MaxValue * 2).GetType().Name; (2147483648 + 1).GetType().Name", ["Double", "Int64"]),
    ("([long]::MaxValue + 1).GetType().Name", ["Double"]),
    # break/continue in ForEach-Object act on the enclosing loop
    ("foreach ($i in 1..3) { 1..5 | % { if ($_ -eq 2) { break }; $_ }; 'x' }; 'end'", [1, "end"]),
    ("foreach ($i in 1..2) { 1..3 | % { if ($_ -eq 2) { continue }; \"$i$_\" } }", ["11", "21"]),
    ("function f { break }; foreach ($i in 1..3) { f; $i }; 'end'", ["end"]),
    # $MyInvocation, $PSCmdlet
    ("function f { $MyInvocation.MyCommand.Name; $MyInvocation.InvocationName }; f", ["f", "f"]),
    ("function Get-Foo { [CmdletBinding()] param($A) $PSCmdlet.MyInvocation.BoundParameters.Count; "
     "$PSCmdlet.ParameterSetName }; Get-Foo -A 1", [1, "__AllParameterSets"]),
    ("function f { [CmdletBinding()] param() $PSCmdlet.WriteObject(1); 2 }; f", [1, 2]),
    # validation attributes that pass
    ("function f { param([ValidateRange(1,10)][int]$n) $n }; f 5", [5]),
    ("function f { param([ValidateSet('a','b')][string]$s) $s }; f 'A'", ["A"]),
    ("function f { param([ValidateCount(1,2)][int[]]$n) $n.Count }; f 1,2", [2]),
    ("function f { param([ValidateScript({$_ -gt 0})][int]$n) $n }; f 1", [1]),
    ("function f { param([Parameter(Mandatory)][AllowNull()]$x) 'ok' }; f -x $null", ["ok"]),
    ("function f { param([Parameter(Mandatory)][AllowEmptyString()][string]$x) 'ok' }; f -x ''", ["ok"]),
    # pipeline binding: by property name without conversion before by value with conversion
    ("function f { [CmdletBinding()] param([Parameter(ValueFromPipelineByPropertyName)][string]$Name, "
     "[Parameter(ValueFromPipeline)][int]$Id) process { \"$Name/$Id\" } }; [pscustomobject]@{Name='n'} | f; 7 | f",
     ["n/0", "/7"]),
    # .NET collections
    ("$l = [System.Collections.Generic.List[int]]::new(); $l.Add(1); $l.Add('2'); $l.Count; $l; $l.GetType().Name",
     [2, 1, 2, "List`1"]),
    ("$l = [System.Collections.Generic.List[int]]::new(); $l -is [System.Collections.Generic.List[int]]", [True]),
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.Add('a', 1); $d['b'] = 2; $d.Count; "
     "$d['a']; $d.ContainsKey('b')", [2, 1, True]),
    ("$al = [System.Collections.ArrayList]::new(); $al.Add(3); [void]$al.Add(4); $al.Count", [0, 2]),
    ("$q = [System.Collections.Generic.Queue[string]]::new(); $q.Enqueue('a'); $q.Enqueue('b'); $q.Dequeue(); "
     "$q.Count", ["a", 1]),
    ("$s = [System.Collections.Generic.Stack[int]]::new(); $s.Push(1); $s.Push(2); $s.Pop(); $s.Peek()", [2, 1]),
    ("$h = [System.Collections.Generic.HashSet[string]]::new(); $h.Add('a'); $h.Add('a'); $h.Count",
     [True, False, 1]),
    ("$sb = [System.Text.StringBuilder]::new(); [void]$sb.Append('ab').Append('c'); $sb.ToString(); $sb.Length",
     ["abc", 3]),
    ("$l = [System.Collections.Generic.List[string]]@('x','y'); $l.Count", [2]),
    ("[System.Collections.Generic.List[int]].Name; [int].Name; [int]::new()", ["List`1", "Int32", 0]),
    # typed arrays
    ("$a = [int[]]('1','2'); $a.GetType().Name; $a -is [int[]]; $a[1] + 1", ["Int32[]", True, 3]),
    ("[string[]]$s = 1; $s.GetType().Name", ["String[]"]),
    # return / break at the top level end the script quietly
    ("'a'; return; 'b'", ["a"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


ERROR_CASES = [
    ("function f { param([ValidateRange(1,10)][int]$n) $n }; f 11",
     "Cannot validate argument on parameter 'n'. The 11 argument is greater than the maximum allowed range of 10. "
     "Supply an argument that is less than or equal to 10 and then try the command again."),
    ("function f { param([ValidateRange(1,10)][int]$n) $n }; f 0",
     "Cannot validate argument on parameter 'n'. The 0 argument is less than the minimum allowed range of 1. "
     "Supply an argument that is greater than or equal to 1 and then try the command again."),
    ("function f { param([ValidateNotNullOrEmpty()][string]$s) $s }; f ''",
     "Cannot validate argument on parameter 's'. The argument is null or empty. Provide an argument that is not "
     "null or empty, and then try the command again."),
    ("function f { param([ValidateNotNull()]$s) $s }; f $null",
     "Cannot validate argument on parameter 's'. The argument is null. Provide a valid value for the argument, and "
     "then try running the command again."),
    ("function f { param([ValidatePattern('^a')][string]$s) $s }; f 'xyz'",
     "Cannot validate argument on parameter 's'. The argument \"xyz\" does not match the \"^a\" pattern. Supply an "
     "argument that matches \"^a\" and try the command again."),
    ("function f { param([ValidateSet('a','b')][string]$s) $s }; f 'c'",
     "Cannot validate argument on parameter 's'. The argument \"c\" does not belong to the set \"a,b\" specified by "
     "the ValidateSet attribute. Supply an argument that is in the set and then try the command again."),
    ("function f { param([ValidateCount(1,2)][int[]]$n) $n }; f 1,2,3",
     "Cannot validate argument on parameter 'n'. The parameter requires at least 1 value(s) and no more than 2 "
     "value(s) - 3 value(s) were provided."),
    ("function f { param([ValidateLength(2,3)][string]$s) $s }; f 'abcd'",
     "Cannot validate argument on parameter 's'. The character length of the 4 argument is too long. Shorten the "
     "character length of the argument so it is fewer than or equal to \"3\" characters, and then try the command "
     "again."),
    ("function f { param([ValidateLength(2,3)][string]$s) $s }; f 'a'",
     "Cannot validate argument on parameter 's'. The character length (1) of the argument is too short. Specify an "
     "argument with a length that is greater than or equal to \"2\", and then try the command again."),
    ("function f { param([ValidateScript({$_ -gt 0})][int]$n) $n }; f -1",
     "Cannot validate argument on parameter 'n'. The \"$_ -gt 0\" validation script for the argument with value "
     "\"-1\" did not return a result of True. Determine why the validation script failed, and then try the command "
     "again."),
    ("function f { param([Parameter(Mandatory)]$x) 'ok' }; f -x $null",
     "Cannot bind argument to parameter 'x' because it is null."),
    ("function f { param([Parameter(Mandatory)][string]$x) 'ok' }; f -x ''",
     "Cannot bind argument to parameter 'x' because it is an empty string."),
    ("function f { param([int]$s) $s }; f 'x'",
     "Cannot process argument transformation on parameter 's'. Cannot convert value \"x\" to type \"System.Int32\". "
     "Error: \"The input string 'x' was not in a correct format.\""),
    ("$q = [System.Collections.Generic.Queue[int]]::new(); $q.Dequeue()",
     'Exception calling "Dequeue" with "0" argument(s): "Queue empty."'),
]


@pytest.mark.parametrize(("src", "message"), ERROR_CASES)
def test_error_matches_powershell(rs: Runspace, src: str, message: str) -> None:
    assert rs.run(src + "; 'next'") == ["next"]
    assert _errors(rs) == [message]


def test_validation_error_names_the_function(rs: Runspace) -> None:
    rs.run("function Test-It { param([ValidateRange(1,2)][int]$n) }; Test-It 5")
    record = rs.host.errors[0]  # type: ignore[attr-defined]
    assert record.error.command == "Test-It"
    assert record.error.error_id == "ParameterArgumentValidationError"


def test_ternary_needs_its_colon(rs: Runspace) -> None:
    rs.run("$true ? 1")
    assert _errors(rs) == ["Missing ':' in ternary expression."]


def test_break_outside_a_loop_stops_the_script_quietly() -> None:
    load_builtins()
    host = CollectingHost()
    rs = Runspace(host)
    assert rs.execute("1..5 | ForEach-Object { if ($_ -eq 3) { break }; $_ }; 'after'") is True
    assert host.output == [1, 2]  # type: ignore[attr-defined]
    assert host.errors == []  # type: ignore[attr-defined]
