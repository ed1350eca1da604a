"""New-Guid: a random GUID per call, the all-zero one with -Empty (what [guid]::NewGuid()/Empty give)."""

from __future__ import annotations

import re

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def test_new_guid_is_random_and_well_formed(rs: Runspace) -> None:
    first, second = rs.run("New-Guid; New-Guid")
    assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", str(first))
    assert first != second


def test_new_guid_empty(rs: Runspace) -> None:
    assert rs.run("New-Guid -Empty") == ["00000000-0000-0000-0000-000000000000"]


def test_new_guid_rejects_positional_arguments(rs: Runspace) -> None:
    rs.run("New-Guid x")
    assert [e.message for e in rs.host.errors] == [  # type: ignore[attr-defined]
        "A positional parameter cannot be found that accepts argument 'x'."]
