"""Get-Random's result type follows its bounds as pwsh's does: Int32, Int64 when a bound is Int64, else Double;
string bounds are read as number literals ('1kb', '+100', '20.')."""

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


@pytest.mark.parametrize(("bounds", "type_name"), [
    ("-Maximum 100", "Int32"),
    ("-Maximum ([int64]100)", "Int64"),
    ("-Maximum 100000000000", "Int64"),
    ("-Maximum '8' -Minimum ([int64]5)", "Int64"),
    ("-Maximum '1kb' -Minimum 0", "Int32"),
    ("-Maximum '1tb' -Minimum '10mb'", "Int64"),
    ("-Maximum 8.0 -Minimum 5", "Double"),
    ("-Maximum '20.' -Minimum 0.0", "Double"),
])
def test_result_type_follows_the_bounds(rs: Runspace, bounds: str, type_name: str) -> None:
    assert rs.run(f"(Get-Random {bounds}).GetType().Name") == [type_name]
    assert _errors(rs) == []


def test_bounds_are_kept(rs: Runspace) -> None:
    src = ("$ok = $true; foreach ($i in 1..200) { $r = Get-Random -Maximum '+100' -Minimum '-100'; "
           "if ($r -lt -100 -or $r -ge 100) { $ok = $false } }; $ok; "
           "$d = Get-Random -Maximum ([double]::MaxValue) -Minimum ([double]::MinValue); "
           "$d -lt [double]::MaxValue -and $d -gt [double]::MinValue")
    assert rs.run(src) == [True, True]


def test_seed_repeats(rs: Runspace) -> None:
    first, second = rs.run("(Get-Random 0x07FFFFFFFF -SetSeed 20), (Get-Random 34359738367 -SetSeed 20)")
    assert first == second


def test_hex_string_too_large(rs: Runspace) -> None:
    rs.run("Get-Random 0x07FFFFFFFFFFFFFFFF")
    assert _errors(rs) == ['Cannot convert value "0x07FFFFFFFFFFFFFFFF" to type "System.Int32". '
                           'Error: "Value was either too large or too small for a UInt32."']


def test_min_not_below_max(rs: Runspace) -> None:
    assert rs.run("try { Get-Random -Minimum 20.0 -Maximum 20.0 } catch { $_.FullyQualifiedErrorId }") == [
        "MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand"]
