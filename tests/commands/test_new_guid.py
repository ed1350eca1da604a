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


def test_new_guid_converts_text(rs: Runspace) -> None:
    """7.5's -InputObject (position 0, pipeline): Guid.Parse of the text, any of .NET's formats."""
    src = ("$g = New-Guid; (New-Guid $g.ToString()).ToString() -eq $g.ToString(); "
           "(New-Guid -InputObject $g.ToString()) -is [guid]; "
           "'11c43ee8-b9d3-4e51-b73f-bd9dda66e29c', '0f8fad5bd9cb469fa16570867728950e' | New-Guid | % ToString")
    assert rs.run(src) == [True, True, "11c43ee8-b9d3-4e51-b73f-bd9dda66e29c", "0f8fad5b-d9cb-469f-a165-70867728950e"]


def test_new_guid_bad_text_is_a_non_terminating_error(rs: Runspace) -> None:
    src = "'x' | New-Guid -ErrorVariable e -ErrorAction SilentlyContinue; $e[0].FullyQualifiedErrorId; 'after'"
    assert rs.run(src) == ["StringNotRecognizedAsGuid,Microsoft.PowerShell.Commands.NewGuidCommand", "after"]
