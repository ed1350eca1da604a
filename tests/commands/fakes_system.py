"""Fakes for the file system, location, content, system and event log command tests.

`SystemRunspace` offers what those commands use of a Runspace (location and its history, stacks,
variables, stopping, the event log store); `invoke` runs a command class the way the engine
does: begin, process once per piped object (or once), end.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from pyshell.engine.eventlog import EventLog
from pyshell.engine.objects import MISSING

NOTHING: Any = object()


class RecordingStreams:
    """Collects what a command writes besides its output."""

    def __init__(self) -> None:
        self.errors: list[Any] = []
        self.warnings: list[str] = []
        self.host_lines: list[str] = []

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

    def host(self, text: str, *args: Any) -> None:
        self.host_lines.append(text)


class SystemRunspace:
    """A runspace stand-in whose location starts at `location` (a test's tmp_path)."""

    def __init__(self, location: str, state_dir: str | None = None, home: str | None = None) -> None:
        self.location = str(location)
        self.previous_locations: list[str] = []
        self.next_locations: list[str] = []
        self.location_stacks: dict[str, list[str]] = {"default": []}
        self.variables: dict[str, Any] = {}
        self.stopping = False
        self.home = home or str(location)
        self.host = SimpleNamespace(ui_width=120, interactive=False, answers=[], prompts=[])
        self.event_log = EventLog(os.path.join(state_dir or str(location), "eventlog"))

    def resolve_path(self, path: str) -> str:
        if path == "~" or path.startswith("~/"):
            path = self.home + path[1:]
        return posixpath.normpath(posixpath.join(self.location, path))

    def set_location(self, path: str) -> None:
        full = self.resolve_path(path)
        if full != self.location:  # as the real runspace: it records the move itself
            self.previous_locations.append(self.location)
        self.location = full
        self.next_locations.clear()

    def get_variable(self, name: str) -> Any:
        return self.variables.get(name.casefold(), MISSING)

    def set_variable(self, name: str, value: Any) -> None:
        self.variables[name.casefold()] = value


def interactive_host(runspace: SystemRunspace, answers: list[str]) -> None:
    """Make the runspace's host answer prompts with `answers`, in order."""

    def read_line(prompt: str = "") -> str:
        runspace.host.prompts.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    runspace.host = SimpleNamespace(ui_width=120, interactive=True, read_line=read_line, prompts=[])


@dataclass
class Outcome:
    output: list[Any]
    errors: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    host_lines: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [e.Exception.Message for e in self.errors]

    @property
    def error_ids(self) -> list[str]:
        return [e.FullyQualifiedErrorId for e in self.errors]


def invoke(runspace: SystemRunspace, cls: type, pipe: Iterable[Any] | Any = NOTHING, *,
           pipe_to: str | None = None, **bound: Any) -> Outcome:
    """Run command class `cls` with parameters `bound`; `pipe` objects go to `pipe_to` (default: the
    first ValueFromPipeline parameter), one process() call each."""
    streams = RecordingStreams()
    cmd = cls(runspace, streams)
    cmd.bound = dict(bound)
    output = list(cmd.begin())
    if pipe is NOTHING:
        output += list(cmd.process())
    else:
        cmd.expecting_input = True
        name = pipe_to or next(n for n, p in cls.params.items() if p.pipeline)
        array = cls.params[name].type.endswith("[]")
        for item in pipe:
            cmd.bound[name] = [item] if array else item
            output += list(cmd.process())
    output += list(cmd.end())
    return Outcome(output, streams.errors, streams.warnings, streams.host_lines)
