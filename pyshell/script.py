"""Non-interactive running: -Command text, -File scripts and stdin replay, with pwsh's exit codes."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, TextIO

from pyshell.console import ConsoleHost
from pyshell.engine.host import Host
from pyshell.engine.runspace import Runspace
from pyshell.errors import ExitRequest, IncompleteParseError, ParseError, PyshellError

if TYPE_CHECKING:
    from pyshell.engine.binder import Argument as _Argument

__all__ = ["new_runspace", "run_command", "run_file", "run_stdin", "execute_line", "prompt_text", "load_profile", "RUNSPACE_ATTACHERS"]

#: modules with an `attach(runspace)` that give a new runspace its job table, sessions...
RUNSPACE_ATTACHERS = ["pyshell.jobs.attach", "pyshell.remoting.attach"]


def new_runspace(host: Host | None = None, **kwargs: object) -> Runspace:
    """A runspace with every available layer attached (jobs, remoting)."""
    rs = Runspace(host, **kwargs)  # type: ignore[arg-type]
    for name in RUNSPACE_ATTACHERS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name and not name.startswith(e.name or "\0"):
                raise
            continue
        mod.attach(rs)
    _record_lifecycle(rs, "start")
    return rs


def _record_lifecycle(rs: Runspace, what: str) -> None:
    """The engine's classic event log entries (400 engine start + 600 provider start, 403 engine stop)."""
    from pyshell.engine import eventlog

    context = {"host_name": rs.host.name, "host_application": " ".join(sys.argv) or "pyshell"}
    try:
        if what == "start":
            eventlog.record_engine_start(rs.event_log, **context)
            eventlog.record_provider_start(rs.event_log, **context)
        else:
            eventlog.record_engine_stop(rs.event_log, **context)
    except OSError:
        pass  # a read-only or full state folder must not stop the shell


def load_profile(rs: Runspace) -> None:
    """Run $PROFILE (the XDG config folder's Microsoft.PowerShell_profile.ps1) when it exists."""
    path = rs.read_variable("PROFILE")
    if isinstance(path, str) and os.path.isfile(path):
        try:
            with open(path, encoding="utf-8") as fh:
                rs.execute(fh.read(), file=path)
        except (ExitRequest, KeyboardInterrupt):
            pass


def _finish(rs: Runspace, code: int) -> int:
    rs.host.flush_output()
    _record_lifecycle(rs, "stop")
    shutdown = getattr(rs, "shutdown", None)
    if shutdown is not None:
        try:
            shutdown()
        except (PyshellError, OSError):
            pass
    return code


def run_command(text: str, *, no_profile: bool = False) -> int:
    """pyshell -c: exit 0, or 1 when the last statement failed or a terminating error stopped it."""
    host = ConsoleHost()
    rs = new_runspace(host)
    if not no_profile:
        load_profile(rs)
    try:
        ok = rs.execute(text)
    except ExitRequest as e:
        return _finish(rs, e.code)
    except KeyboardInterrupt:
        return _finish(rs, 130)
    if not ok:
        return _finish(rs, 1)
    return _finish(rs, 0 if rs.success else 1)


def run_file(path: str, args: list[str], *, no_profile: bool = False) -> int:
    """pyshell -File: exit N from `exit N`, 1 after a terminating error, else 0."""
    host = ConsoleHost()
    host.script_mode = True
    rs = new_runspace(host)
    if not no_profile:
        load_profile(rs)
    full = os.path.abspath(os.path.expanduser(path))
    if not os.path.isfile(full):
        sys.stderr.write(f"The argument '{path}' is not recognized as the name of a script file. Check the spelling "
                         f"of the name, or if a path was included, verify that the path is correct and try again.\n")
        return 64
    try:
        sb = rs.load_script_file(full)
    except ParseError as e:
        rs.report_error(e)
        return _finish(rs, 1)
    rs.global_scope.variables["args"] = list(args)
    rs.global_scope.variables["PSCommandPath"] = full
    rs.global_scope.variables["PSScriptRoot"] = os.path.dirname(full)
    from pyshell.engine.binder import Argument
    from pyshell.engine.pipeline import ScriptStage

    try:
        stage = ScriptStage(rs.evaluator, sb, _script_args(args), full, False, new_scope=True, is_script=True)
        rs.output_to_host = True
        for obj in stage.begin():
            host.write_output(obj)
        for obj in stage.run(None):
            host.write_output(obj)
        host.flush_output()
    except ExitRequest as e:
        return _finish(rs, e.code)
    except PyshellError as e:
        rs.report_error(e)
        return _finish(rs, 1)
    except KeyboardInterrupt:
        return _finish(rs, 130)
    _ = Argument
    return _finish(rs, 0)


def _script_args(args: list[str]) -> list[_Argument]:
    from pyshell.engine.binder import Argument

    out: list[_Argument] = []
    for a in args:
        if a.startswith("-") and len(a) > 1 and (a[1].isalpha() or a[1] == "_"):
            name, colon, value = a[1:].partition(":")
            out.append(Argument(name, value if colon else object.__new__(object) if False else _no_value(), a, bool(colon)))
        else:
            out.append(Argument(None, a))
    return out


def _no_value() -> object:
    from pyshell.engine.binder import NO_VALUE

    return NO_VALUE


def run_stdin(stream: TextIO, *, no_profile: bool = False, echo: bool = False) -> int:
    """Replay lines as if typed: each complete statement runs as soon as it has been read."""
    host = ConsoleHost()
    rs = new_runspace(host)
    if not no_profile:
        load_profile(rs)
    buffer: list[str] = []
    code = 0
    try:
        for line in stream:
            buffer.append(line)
            text = "".join(buffer)
            if not text.strip():
                buffer.clear()
                continue
            try:
                rs.parse(text)
            except IncompleteParseError:
                continue
            except ParseError:
                pass
            buffer.clear()
            if echo:
                host._write(f"{prompt_text(rs)}{text.rstrip()}\n")
            ok = execute_line(rs, text)
            code = 0 if ok and rs.success else 1
        if buffer and "".join(buffer).strip():
            execute_line(rs, "".join(buffer))
            code = 0 if rs.success else 1
    except ExitRequest as e:
        return _finish(rs, e.code)
    except KeyboardInterrupt:
        return _finish(rs, 130)
    return _finish(rs, code)


def execute_line(rs: Runspace, text: str) -> bool:
    """Run one typed statement: in the entered remote session (Enter-PSSession) if any, else locally."""
    if getattr(rs, "remote_session", None) is not None:
        from pyshell.remoting.interactive import route_line

        if route_line(rs, text):
            rs.host.flush_output()
            return rs.success
    return rs.execute(text, add_history=True)


def prompt_text(rs: Runspace) -> str:
    """The prompt as pwsh prints it: the prompt function's output, or 'PS /path> '."""
    if getattr(rs, "remote_session", None) is not None:
        from pyshell.remoting.interactive import prompt

        remote_prompt = prompt(rs)
        if remote_prompt:
            return remote_prompt
    prefix = ""
    remote = getattr(rs, "prompt_prefix", None)
    if remote:
        prefix = remote()
    fn = rs.scope.lookup_function("prompt")
    if fn is not None:
        try:
            from pyshell.engine.conversions import to_string

            return prefix + "".join(to_string(x) for x in rs.invoke(fn.ScriptBlock))
        except PyshellError:
            pass
    return f"{prefix}PS {rs.location}> "
