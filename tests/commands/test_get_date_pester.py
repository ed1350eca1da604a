"""Get-Date details from PowerShell's Get-Date.Tests.ps1: -UFormat must not be null or empty; a lower-case `z`
is a UTC designator too."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize("value", ["''", "$null"])
def test_uformat_null_or_empty_is_a_validation_error(rs: Runspace, value: str) -> None:
    src = f"try {{ Get-Date -Date 1/1/1970 -UFormat {value} -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId }}"
    assert rs.run(src) == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetDateCommand"]


@pytest.mark.parametrize(("fmt", "expected"), [("FileDateTimeUniversal", "00300101T0102030004Z"),
                                               ("FileDateUniversal", "00300101Z")])
def test_lower_case_z_is_utc(rs: Runspace, fmt: str, expected: str) -> None:
    assert rs.run(f"Get-Date -Date 0030-01-01T01:02:03.0004z -Format {fmt}") == [expected]
