"""Fixtures for REPL tests: a runspace whose host writes into a buffer, and a Repl on a pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pyshell.repl.app import Repl, ReplHost
from pyshell.script import new_runspace


@pytest.fixture
def out() -> io.StringIO:
    return io.StringIO()


@pytest.fixture
def rs(out: io.StringIO, tmp_path: Any) -> Any:
    runspace = new_runspace(ReplHost(out, out), location=str(tmp_path))
    return runspace


@pytest.fixture
def repl(rs: Any) -> Iterator[tuple[Repl, Any]]:
    """(repl, pipe): send keys with pipe.send_text, then call repl.read() / repl.loop()."""
    with create_pipe_input() as pipe:
        r = Repl(rs, input=pipe, output=DummyOutput(), history=InMemoryHistory())
        yield r, pipe
        r.close()
