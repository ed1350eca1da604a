"""Get-Command details the PowerShell test files lean on: -CommandType Application finds a program on PATH, and a
cmdlet's Parameters table answers ContainsKey (Should -HaveParameter)."""

from __future__ import annotations

import shutil

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def test_command_type_application_finds_a_program(rs: Runspace) -> None:
    """Wait-Process.Tests: `(Get-Command -CommandType Application ping)[0].Definition`."""
    out = rs.run("(Get-Command -CommandType Application sh)[0].Definition; "
                 "(Get-Command -Type Cmdlet sh -ErrorAction SilentlyContinue).Count; "
                 "(Get-Command -Type Cmdlet Get-Date).Name")
    assert out == [shutil.which("sh"), 0, "Get-Date"]
