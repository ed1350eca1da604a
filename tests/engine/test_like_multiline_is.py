"""-like's `*` spans lines in both case modes and a trailing newline is not ignored; `-is` tests the object a
PSObject wraps (Get-Error's #PSExtendedError results are still ErrorRecords)."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize(("src", "expected"), [
    ('"a`nb" -clike "a*"', True),
    ('"a`nb" -like "*B"', True),
    ('"a`nb" -cnotlike "*b"', False),
    ('"ab`n" -like "ab"', False),
    ('"ab`n" -clike "ab?"', True),
    ("$d = Get-Date -DisplayHint Date; $null = $d.PSObject.TypeNames.Remove('System.DateTime'); "
     "($d.PSObject.TypeNames -contains 'System.DateTime'), ($d -is [datetime])", [False, True]),
])
def test_like_and_is(rs: Runspace, src: str, expected: object) -> None:
    assert rs.run(src) == (expected if isinstance(expected, list) else [expected])
