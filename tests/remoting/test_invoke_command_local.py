"""Invoke-Command without a computer runs here; -StrictModeVersion applies strict mode to the block only."""

from __future__ import annotations

import pytest

from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    return Runspace()


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


def test_strict_mode_version_applies_inside_and_is_restored(rs: Runspace) -> None:
    assert rs.run("try { Invoke-Command -StrictModeVersion 3.0 { $unsetHere } } catch { $_.Exception.Message }; "
                  "Invoke-Command { \"[$unsetHere]\" }") == [
        "The variable '$unsetHere' cannot be retrieved because it has not been set.", "[]"]


def test_strict_mode_version_keeps_piped_input(rs: Runspace) -> None:
    assert rs.run("'There' | Invoke-Command -ScriptBlock { \"Hello $input\" } -StrictModeVersion Latest") == ["Hello There"]


def test_strict_mode_version_off_and_a_bad_version(rs: Runspace) -> None:
    assert rs.run("Invoke-Command -StrictModeVersion Off { $unsetHere; 'ran' }") == [None, "ran"]
    assert rs.run("Invoke-Command -StrictModeVersion 9.9 { 'never' }") == []
    assert _errors(rs)[-1].startswith("Cannot validate argument on parameter 'StrictModeVersion'.")
