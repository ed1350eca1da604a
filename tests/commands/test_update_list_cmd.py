"""Update-List: in-place Add/Remove/Replace on a list property, the change hashtable without -Property,
and pwsh's errors (missing member, non-list value, fixed-size array, missing -Property/-InputObject)."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

_OBJ = "$o = [pscustomobject]@{a = [System.Collections.ArrayList]::new(@(1,2,3)); b = 1,2; c = 'x'}; "
_SUFFIX = ",Microsoft.PowerShell.Commands.UpdateListCommand"


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize(("args", "expected"), [
    ("-Add 4", [1, 2, 3, 4]),
    ("-Remove 2", [1, 3]),
    ("-Remove 2 -Add 4", [1, 3, 4]),
    ("-Replace 2,4", [2, 4]),
])
def test_changes_list_in_place(rs: Runspace, args: str, expected: list[int]) -> None:
    assert rs.run(_OBJ + f"$r = $o | Update-List -Property a {args}; [object]::ReferenceEquals($r, $o); $o.a") == [
        True, *expected]


def test_typed_list_converts_added_items(rs: Runspace) -> None:
    out = rs.run("$o = [pscustomobject]@{l = [System.Collections.Generic.List[int]]::new()}; "
                 "Update-List -InputObject $o l -Add '5' | ForEach-Object { $_.l[0].GetType().Name }")
    assert out == ["Int32"]


def test_without_property_describes_the_change(rs: Runspace) -> None:
    out = rs.run("$h = Update-List -Add 1,2 -Remove 3; $h.GetType().Name; $h.Keys -join ','; $h.Add; $h.Remove; "
                 "(Update-List -Replace 9).Replace")
    assert out == ["Hashtable", "Add,Remove", 1, 2, 3, 9]


def _errors(rs: Runspace) -> list[tuple[str, str]]:
    return [(str(e.FullyQualifiedErrorId), e.message) for e in rs.host.errors]  # type: ignore[attr-defined]


def test_non_terminating_errors(rs: Runspace) -> None:
    assert rs.run(_OBJ + "$o | Update-List -Property nope -Add 1; $o | Update-List -Property c -Add 1; "
                         "Update-List -Property a -Add 1") == []
    assert _errors(rs) == [
        ("MemberDoesntExist" + _SUFFIX, "The property 'nope' cannot be found on this object"),
        ("ApplyFailed" + _SUFFIX, "Cannot apply the update because the object is not a supported collection type."),
        ("MissingInputObjectParameter" + _SUFFIX,
         "You must specify the InputObject parameter when the Property parameter is specified."),
    ]


def test_terminating_errors(rs: Runspace) -> None:
    out = rs.run(_OBJ + "try { $o | Update-List -Property b -Add 1 } catch { $_.FullyQualifiedErrorId; "
                        "$_.Exception.Message }; $o.b.Count")
    assert out == ["System.NotSupportedException" + _SUFFIX, "Collection was of a fixed size.", 2]
    out = rs.run(_OBJ + "try { $o | Update-List -Add 1 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["MissingPropertyParameter" + _SUFFIX,
                   "You must specify the Property parameter when the InputObject parameter is specified."]
