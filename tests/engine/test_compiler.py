"""The compiled fast paths (engine/compiler.py, the per-item script block runner, lazy ranges)
behave exactly like the general evaluator."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.compiler import compile_expr
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace
from pyshell.language import ast as A
from pyshell.language.parser import parse


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize(("src", "expected"), [
    ("foreach ($i in 1..3) { $i }", [1, 2, 3]),
    ("foreach ($i in 3..1) { $i * 2 }", [6, 4, 2]),
    ("foreach ($i in (1..3)) { $i }", [1, 2, 3]),
    ("$x = 1..3; $x.GetType().Name; $x.Count", ["Object[]", 3]),
    ("$s = 0; foreach ($i in 1..10) { $s += $i * 2 }; $s", [110]),
    ("$n = 2147483647; $n += 1; $n.GetType().Name", ["Double"]),
    ("[int]$t = 0; foreach ($i in 1..3) { $t = \"$i\" }; $t.GetType().Name", ["Int32"]),
    ("$s = 'a'; $s += 'b'; $s *= 2; $s", ["abab"]),
    (":outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; \"$i$j\" } }",
     ["11", "21", "31"]),
    ("function g { foreach ($i in 1..5) { if ($i -eq 3) { return $i }; $i } }; g", [1, 2, 3]),
    ("foreach ($x in 1..3) {}; $x", [3]),
])
def test_foreach_statement_fast_path(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


@pytest.mark.parametrize(("src", "expected"), [
    ("1..3 | ForEach-Object { $_ * 2 }", [2, 4, 6]),
    ("5..3 | % { $_ }", [5, 4, 3]),
    ("1..3 | % { return $_; 'no' }", [1, 2, 3]),
    ("1..3 | % { $PSItem + 1 }", [2, 3, 4]),
    ("1..2 | % { @(1, 2) }", [1, 2, 1, 2]),
    ("1..3 | % { [void]$_ }", []),
    ("1..3 | % { $o = $_; 1..2 | % { \"$o-$_\" } }", ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2"]),
    ("$_ = 'outer'; 1..2 | % { $_ }; $_", [1, 2, 2]),
    ("$x = 10; 1..2 | % { $x += $_ }; $x", [13]),
    ("1..3 | % -Begin { 'b' } -Process { $_ } -End { 'e' }", ["b", 1, 2, 3, "e"]),
    ("1..6 | ? { $_ % 2 } | % { $_ * 10 }", [10, 30, 50]),
    ("1..10 | Select-Object -First 2", [1, 2]),
    ("(1..1000 | ForEach-Object { $_ * 2 } | Measure-Object -Sum).Sum", [1001000.0]),
    ("(1, '2', $null, 4.5 | Measure-Object -Sum -Average).Average", [2.5]),
    ("(1..4 | Measure-Object -Sum -StandardDeviation).StandardDeviation", [pytest.approx(1.2909944487)]),
])
def test_pipeline_fast_paths(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_statement_errors_in_a_fast_loop_are_reported_and_the_loop_goes_on(rs: Runspace) -> None:
    assert rs.run("foreach ($i in 1..3) { $i / 0 }; 'after'") == ["after"]
    assert len(rs.host.errors) == 3  # type: ignore[attr-defined]
    assert rs.run("try { 1..3 | % { 1/0 } } catch { 'caught' }") == ["caught"]


def test_compiled_closure_is_cached_on_the_node_and_shared_by_runspaces(rs: Runspace) -> None:
    ast = parse("$a * 2")
    stmt = ast.end.statements[0]  # type: ignore[union-attr]
    assert isinstance(stmt, A.PipelineAst)
    el = stmt.elements[0]
    assert isinstance(el, A.CommandExpressionAst)
    fn = compile_expr(el.expression)
    assert compile_expr(el.expression) is fn
    other = Runspace(CollectingHost())
    rs.run("$a = 3")
    other.run("$a = 5")
    assert (fn(rs.evaluator), fn(other.evaluator)) == (6, 10)
    assert el.expression == parse("$a * 2").end.statements[0].elements[0].expression  # type: ignore[union-attr]
