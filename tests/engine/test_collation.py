"""Strings order as .NET's culture comparison: punctuation, symbols, digits, then letters ignoring case."""

from __future__ import annotations

import pytest

from pyshell.engine.collation import culture_compare, primary_key


@pytest.mark.parametrize(("items", "expected"), [
    (["b", "A", "a", "B", "_x", "~y", "1"], ["_x", "~y", "1", "A", "a", "b", "B"]),
    (["ab", "a-b", "a b", "aB"], ["a b", "a-b", "ab", "aB"]),
    (["a10", "a9", "a1"], ["a1", "a10", "a9"]),
    (["$x", "#x", "x"], ["#x", "$x", "x"]),
])
def test_sort_order_ignoring_case_is_stable_for_ties(items: list[str], expected: list[str]) -> None:
    import functools

    assert sorted(items, key=functools.cmp_to_key(culture_compare)) == expected


def test_case_sensitive_puts_lower_case_first() -> None:
    assert culture_compare("a", "A", True) < 0 and culture_compare("B", "b", True) > 0
    assert culture_compare("a", "A") == 0
    assert primary_key("ABC") == primary_key("abc")


def test_sort_object_and_operators_use_the_culture_order() -> None:
    from pyshell.engine.runspace import Runspace

    rs = Runspace()
    assert rs.run("('b','A','_x','1' | Sort-Object) -join ' '; '_' -lt '1'; 'aaa' -clt 'AAA'") == [
        "_x 1 A b", True, True]


def test_string_compare_and_compare_info_use_the_same_culture_order() -> None:
    from pyshell.engine.runspace import Runspace

    rs = Runspace()
    assert rs.run("[string]::Compare('_a', '1a'); [string]::Compare('a', 'A'); [string]::Compare('b', 'A'); "
                  "[cultureinfo]::InvariantCulture.CompareInfo.Compare('_a', '1a'); "
                  "[string]::Compare('_a', '1a', 'Ordinal') -gt 0") == [-1, -1, 1, -1, True]
