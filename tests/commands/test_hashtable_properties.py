"""HT1: pwsh 7's property expressions read a [hashtable]'s keys as properties (Sort-Object example 11,
Group-Object, Measure-Object, Select-Object); [ordered] dictionaries keep only their own members."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    ("@{name='b';weight=7},@{name='a';weight=1} | Sort-Object -Property weight | % name", ["a", "b"]),
    ("@{w=1},@{w=3},@{w=2} | Sort-Object w -Descending | % w", [3, 2, 1]),
    ("$g = @{name='a';weight=7},@{name='b';weight=1},@{name='c';weight=7} | Group-Object weight; "
     "$g.Count; ($g | Where-Object Name -eq '7').Count", [2, 2]),
    ("(@{a=1},@{a=2} | Measure-Object -Property a -Sum).Sum", [3]),
    ("(@{a=1},@{a=5} | Measure-Object -Property a -Maximum).Maximum", [5]),
    ("(@{a=1;b=2} | Select-Object a).a", [1]),
    ("(@{a=1;b=2} | Select-Object *).psobject.Properties.Name", ["a", "b"]),
    ("(@{k=1} | Select-Object Count).Count", [1]),  # no such key: the hashtable's own property
    ("@{a=2},@{a=1} | Sort-Object { $_.a } | % { $_.a }", [1, 2]),
    ("[ordered]@{a=2},[ordered]@{a=1} | Sort-Object a | % a", [2, 1]),  # ordered: keys are not properties
    ("(@{a=3},@{a=1} | Sort-Object a -Top 1).a", [1]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_hashtable_keys_as_properties(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]
