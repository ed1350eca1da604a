"""Drive command classes directly, without the parser or the evaluator.

`FakeRunspace` offers what commands use of a Runspace; a script block is a plain Python
callable taking $_ (its return value: None -> no output, a list -> several, else one).
`run` (a fixture) calls begin/process/end the way the engine does, binding each piped object to the
command's pipeline parameter and stopping the input when a command raises StopUpstream.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from pyshell.engine.cmdlet import StopUpstream
from pyshell.engine.objects import MISSING

NO_INPUT: Any = object()


class FakeStreams:
    def __init__(self) -> None:
        self.errors: list[Any] = []
        self.warnings: list[str] = []

    def error(self, record: Any) -> None:
        self.errors.append(record)

    def warning(self, message: str) -> None:
        self.warnings.append(message)

    def verbose(self, message: str) -> None:
        pass

    def debug(self, message: str) -> None:
        pass

    def information(self, data: Any, tags: list[str], source: str) -> None:
        pass

    def progress(self, record: Any) -> None:
        pass

    def host(self, *args: Any) -> None:
        pass


class FakeRunspace:
    def __init__(self, location: str) -> None:
        self.location = location
        self.variables: dict[str, Any] = {}
        self.stopping = False
        self.host = SimpleNamespace(ui_width=120)

    def resolve_path(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.location, os.path.expanduser(path)))

    def get_variable(self, name: str) -> Any:
        return self.variables.get(name.casefold(), MISSING)

    def set_variable(self, name: str, value: Any) -> None:
        self.variables[name.casefold()] = value

    def invoke(self, sb: Any, *, input: Any = None, args: Iterable[Any] = (), dollar_under: Any = MISSING) -> list[Any]:
        result = sb(dollar_under)
        if result is None:
            return []
        return list(result) if isinstance(result, list) else [result]


@dataclass
class Result:
    output: list[Any]
    errors: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pulled: int = 0  #: how many input objects the command took before asking upstream to stop

    @property
    def messages(self) -> list[str]:
        return [e.Exception.Message for e in self.errors]


def run_command(runspace: FakeRunspace, cls: type, inputs: Any = NO_INPUT, **bound: Any) -> Result:
    """Run command class `cls` with parameters `bound`, piping `inputs` (an iterable) into it."""
    streams = FakeStreams()
    cmd = cls(runspace, streams)
    cmd.bound = dict(bound)
    output = list(cmd.begin())
    pulled = 0
    if inputs is NO_INPUT:
        output += list(cmd.process())
    else:
        cmd.expecting_input = True
        name, param = next((n, p) for n, p in cls.params.items() if p.pipeline)
        try:
            for item in inputs:
                pulled += 1
                cmd.bound[name] = [item] if param.type.endswith("[]") else item
                for out in cmd.process():
                    output.append(out)
        except StopUpstream:
            pass
    output += list(cmd.end())
    return Result(output, streams.errors, streams.warnings, pulled)


@pytest.fixture
def rs(tmp_path: Any) -> FakeRunspace:
    """A runspace whose current location is the test's temporary directory."""
    return FakeRunspace(str(tmp_path))


@pytest.fixture
def run(rs: FakeRunspace) -> Callable[..., Result]:
    """run(CommandClass, inputs, **parameters) -> Result, in the `rs` runspace."""
    return functools.partial(run_command, rs)
