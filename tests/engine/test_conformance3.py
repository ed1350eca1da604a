"""Third conformance pass: variable options, null-like singletons, $OFS casts and [char] comparisons.

Expected values come from PowerShell 7's behaviour as the Pester tests under test/powershell/Language
check it; each case is a snippet run through a real Runspace.
"""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace
from pyshell.errors import PyshellError


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


CASES = [
    # null-like singletons
    ("[NullString]::Value -eq $null; $null -eq [System.DBNull]::Value; [DBNull]::Value -ne $null", [True, True, False]),
    ("[System.DBNull]::Value.GetType().FullName; [NullString]::Value.GetType().Name", ["System.DBNull", "NullString"]),
    ("[bool][DBNull]::Value; if ([NullString]::Value) { 1 } else { 2 }; \"a$([DBNull]::Value)b\"", [False, 2, "ab"]),
    ("[DBNull]::Value -is [DBNull]; [System.Management.Automation.Internal.AutomationNull]::Value -eq $null",
     [True, True]),
    # [string] of an array joins with $OFS
    ("[string](1,2,3); $OFS = '-'; [string](1,2,3); $OFS = ''; [string]('a','b')", ["1 2 3", "1-2-3", "ab"]),
    # [char] comparisons: the other side converts to the char's type (or the char to a number)
    ("[char]'a' -eq 97; 97 -eq [char]'a'; [char]'a' -lt 98; 98 -gt [char]'a'", [True, True, True, True]),
    ("[char]'a' -eq 'A'; [char]'a' -ceq 'A'; [char]'a' -eq 98", [True, False, False]),
    # a RuntimeException's inner DivideByZeroException matches catch/trap types (TryCatch.Tests.ps1)
    ("try { 1/0 } catch [System.DivideByZeroException] { 'c1' }; $z = 0; try { 1/$z } catch [DivideByZeroException] "
     "{ 'c2' }; try { 5 % $z } catch [System.IO.IOException] { 'io' } catch { 'other' }", ["c1", "c2", "other"]),
    ("try { throw 'x' } catch [DivideByZeroException] { 'no' } catch { 'yes' }", ["yes"]),
    ("trap [DivideByZeroException] { 't'; continue }; $z = 0; 1/$z; 'after'", ["t", "after"]),
    # NullRepresentatives.Tests.ps1: DBNull and NullString are each $null-like but unequal to each other
    ("using namespace System.Management.Automation.Internal\n[AutomationNull]::Value -eq $null; "
     "[DBNull]::Value -eq [NullString]::Value; [NullString]::Value -eq [DBNull]::Value", [True, False, False]),
    ("$v = { [DBNull]::Value }; $null -eq $v.InvokeReturnAsIs(); $Value = [NullString]::Value; "
     "100 | Where-Object { $Value }; [bool][NullString]::Value", [True, False]),
    # using namespace: short type names resolve under the namespace
    ("using namespace System.Text\n[StringBuilder]::new('a').ToString()", ["a"]),
    ("using namespace System.IO; [Path]::GetFileName('/a/b.txt')", ["b.txt"]),
    # $foreach is the loop's enumerator (about_Automatic_Variables)
    ("foreach ($i in 1..5) { $i; $null = $foreach.MoveNext() }", [1, 3, 5]),
    ("foreach ($i in 'a','b','c') { if ($i -eq 'a') { [void]$foreach.MoveNext(); \"skip to $($foreach.Current)\" } "
     "else { $i } }", ["skip to b", "c"]),
]


ERROR_CASES = [
    ("$h = @{}; $h.Add('a', 1); $h.Add('A', 2)",
     'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: \'a\'  '
     "Key being added: 'A'\""),
    ("@{a = 1} + @{A = 2}", "Item has already been added. Key in dictionary: 'a'  Key being added: 'A'"),
]


@pytest.mark.parametrize(("src", "message"), ERROR_CASES)
def test_error_message(rs: Runspace, src: str, message: str) -> None:
    rs.run(src)
    assert _errors(rs) == [message]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


READONLY = "Cannot overwrite variable b because it is read-only or constant."


@pytest.mark.parametrize("option", ["ReadOnly", "Constant"])
@pytest.mark.parametrize("src", ["$b = 4", "$b++", "$b += 1", "$global:b = 4"])
def test_readonly_variable_cannot_be_assigned(rs: Runspace, option: str, src: str) -> None:
    rs.set_variable("b", 3, option=option)
    assert rs.run(src + "; 'after'") == ["after"]  # statement-terminating only
    assert _errors(rs) == [READONLY]
    assert rs.run("$b") == [3]


def test_readonly_variable_in_child_scope_is_shadowed(rs: Runspace) -> None:
    rs.set_variable("b", 3, option="ReadOnly")
    assert rs.run("& { $b = 5; $b }; $b") == [5, 3]
    assert _errors(rs) == []


def test_force_overwrites_readonly_but_not_constant(rs: Runspace) -> None:
    rs.set_variable("b", 3, option="ReadOnly")
    rs.set_variable("b", 9, force=True)
    assert rs.run("$b") == [9]
    assert rs.variable_options("b") == "ReadOnly"
    rs.set_variable("c", 3, option="Constant")
    with pytest.raises(PyshellError, match="read-only or constant"):
        rs.set_variable("c", 4, force=True)
    assert rs.variable_options("c") == "Constant"
    assert rs.variable_options("nosuch") == "None"


def test_remove_readonly_needs_force(rs: Runspace) -> None:
    rs.set_variable("b", 3, option="ReadOnly")
    rs.set_variable("c", 3, option="Constant")
    with pytest.raises(PyshellError, match="Cannot remove variable b"):
        rs.remove_variable("b")
    with pytest.raises(PyshellError, match="Cannot remove variable c"):
        rs.remove_variable("c", force=True)
    assert rs.remove_variable("b", force=True)
    assert rs.run("$b = 1; $b") == [1]
    assert _errors(rs) == []
