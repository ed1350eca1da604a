"""Non-interactive running: -Command text, -File scripts and stdin replay, with pwsh's exit codes."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from pyshell.cli_args import FileArgument, Options
from pyshell.console import ConsoleHost
from pyshell.engine.host import Host
from pyshell.engine.runspace import Runspace
from pyshell.errors import ExitRequest, IncompleteParseError, ParseError, PyshellError

if TYPE_CHECKING:
    from pyshell.engine.binder import Argument as _Argument
    from pyshell.pipe_input import PipeInput

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
    _define_default_prompt(rs)
    _record_lifecycle(rs, "start")
    return rs


#: pwsh's built-in prompt function (Get-Command prompt, $function:prompt); while it is the one in force,
#: prompt_text formats the same text directly instead of running it
_DEFAULT_PROMPT = "\"PS $($executionContext.SessionState.Path.CurrentLocation)$('>' * ($nestedPromptLevel + 1)) \""


def _define_default_prompt(rs: Runspace) -> None:
    from pyshell.engine.scriptblock import FunctionInfo, ScriptBlock
    from pyshell.language import parse

    fn = FunctionInfo("prompt", ScriptBlock(parse(_DEFAULT_PROMPT, None), _DEFAULT_PROMPT, None))
    rs.scope.global_scope().functions["prompt"] = fn
    rs.default_prompt = fn  # type: ignore[attr-defined]


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
    if "_event_manager" in rs.__dict__:  # PowerShell.Exiting subscribers run before the host closes
        from pyshell.engine.events import fire_exiting

        fire_exiting(rs)
    rs.host.flush_output()
    close = getattr(rs.host, "close", None)
    if close is not None:
        close()  # the CLIXML host ends its documents
    if getattr(rs, "transcripts", None):
        from pyshell.transcript import stop_all

        stop_all(rs)  # the session ends: open transcripts get their end block
    _record_lifecycle(rs, "stop")
    shutdown = getattr(rs, "shutdown", None)
    if shutdown is not None:
        try:
            shutdown()
        except (PyshellError, OSError):
            pass
    return code


def _host_for(options: Options | None) -> ConsoleHost:
    """The console host, or the CLIXML one for -OutputFormat xml (and pwsh's XML errors for an encoded command
    whose stderr is redirected)."""
    if options is None:
        return ConsoleHost()
    xml_out = options.output_format == "XML"
    xml_err = xml_out or (options.encoded and not options.output_format_specified and not _isatty(sys.stderr))
    if not xml_out and not xml_err and options.output_format != "None":
        return ConsoleHost()
    from pyshell.clixml_host import ClixmlHost

    return ClixmlHost(xml_output=xml_out, xml_errors=xml_err, discard_output=options.output_format == "None")


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _start(options: Options | None, no_profile: bool) -> tuple[ConsoleHost, Runspace]:
    host = _host_for(options)
    rs = new_runspace(host)
    if getattr(host, "xml_errors", False):
        rs.set_variable("InformationPreference", "Continue")  # the caller decides what it shows
    if not no_profile:
        load_profile(rs)
    return host, rs


def _pipe_input(options: Options | None) -> PipeInput | None:
    """$input of -Command/-File when stdin is redirected: its lines, or the objects of CLIXML input, read only
    when the script enumerates $input (so `pwsh -c 1+1` with an open stdin does not wait)."""
    if _isatty(sys.stdin) or sys.stdin is None:
        return None
    from pyshell.pipe_input import PipeInput

    return PipeInput(sys.stdin, xml=options is not None and options.input_format == "XML")


def run_command(text: str, *, no_profile: bool = False, args: list[Any] | None = None,
                options: Options | None = None) -> int:
    """pyshell -c: exit 0, or 1 when the last statement failed or a terminating error stopped it."""
    host, rs = _start(options, no_profile)
    pipe = _pipe_input(options)
    if pipe is not None:
        rs.global_scope.variables["input"] = pipe
    if args is not None:
        rs.global_scope.variables["args"] = list(args)
    try:
        if options is not None and options.command_with_args:
            ok = _run_script_text(rs, text, options.file_args)
        else:
            ok = rs.execute(text)
    except ExitRequest as e:
        return _finish(rs, e.code)
    except KeyboardInterrupt:
        return _finish(rs, 130)
    if options is not None and options.no_exit:
        return _continue_interactive(rs, options)
    if not ok:
        return _finish(rs, 1)
    return _finish(rs, 0 if rs.success else 1)


def _run_script_text(rs: Runspace, text: str, file_args: list[FileArgument]) -> bool:
    """-CommandWithArgs: the text runs as a script block with the arguments bound to its param() and $args."""
    from pyshell.engine.pipeline import ScriptStage

    try:
        sb = _compile(text)
    except ParseError as e:
        rs.report_error(e)
        return False
    stage = ScriptStage(rs.evaluator, sb, _script_args(file_args), "", False, new_scope=True)
    rs.output_to_host = True
    try:
        for obj in stage.begin():
            rs.host.write_output(obj)
        for obj in stage.run(None):
            rs.host.write_output(obj)
    except PyshellError as e:
        rs.report_error(e)
        return False
    rs.host.flush_output()
    return True


def _compile(text: str) -> Any:
    from pyshell.engine.scriptblock import ScriptBlock
    from pyshell.language.parser import parse

    return ScriptBlock(parse(text), text)


def _continue_interactive(rs: Runspace, options: Options) -> int:
    """-NoExit: after the command or script, the same session reads further commands from stdin
    (on a terminal it prints the prompt first)."""
    return _replay(rs, sys.stdin, echo=options.echo, prompt=_isatty(sys.stdin))


def run_file(path: str, args: list[Any], *, no_profile: bool = False, options: Options | None = None) -> int:
    """pyshell -File: exit N from `exit N`, 1 after a terminating error, else 0."""
    full = os.path.abspath(os.path.expanduser(path))
    if not os.path.isfile(full):
        sys.stderr.write(f"The argument '{path}' is not recognized as the name of a script file. Check the spelling "
                         f"of the name, or if a path was included, verify that the path is correct and try again.\n")
        return 64
    host, rs = _start(options, no_profile)
    host.script_mode = True
    try:
        sb = rs.load_script_file(full)
    except ParseError as e:
        rs.report_error(e)
        return _finish(rs, 1)
    file_args = [a if isinstance(a, FileArgument) else FileArgument(None, a, True, str(a)) for a in args]
    rs.global_scope.variables["args"] = [a.text for a in file_args]
    rs.global_scope.variables["PSCommandPath"] = full
    rs.global_scope.variables["PSScriptRoot"] = os.path.dirname(full)
    rs.host_elements = _top_level_elements(sb)  # type: ignore[attr-defined]
    from pyshell.engine.pipeline import ScriptStage

    pipe = _pipe_input(options)
    try:
        stage = ScriptStage(rs.evaluator, sb, _script_args(file_args), full, pipe is not None, new_scope=True,
                            is_script=True)
        rs.output_to_host = True
        for obj in stage.begin():
            host.write_output(obj)
        per_item = pipe is not None and _has_process_block(sb)
        if pipe is not None and not per_item:
            stage.scope.variables["input"] = pipe  # $input reads stdin when (and if) the script enumerates it
        for obj in stage.run(iter(pipe) if pipe is not None and per_item else None):
            host.write_output(obj)
        host.flush_output()
    except ExitRequest as e:
        return _finish(rs, e.code)
    except PyshellError as e:
        rs.report_error(e)
        return _finish(rs, 1)
    except KeyboardInterrupt:
        return _finish(rs, 130)
    if options is not None and options.no_exit:
        return _continue_interactive(rs, options)
    return _finish(rs, 0)


def _top_level_elements(sb: Any) -> set[int]:
    """Where in the script a native command may write straight to the terminal (its top level)."""
    from pyshell.engine.native import host_output_elements

    return host_output_elements((sb.ast.begin, sb.ast.process, sb.ast.end))


def _has_process_block(sb: Any) -> bool:
    """Only a script with a process block reads piped stdin item by item; others see it through $input."""
    return getattr(sb.ast, "process", None) is not None


def _script_args(args: list[FileArgument]) -> list[_Argument]:
    """-File arguments as the binder's: `-name` (a switch or the next value's name), `-name:value`, positional."""
    from pyshell.engine.binder import NO_VALUE, Argument

    out: list[_Argument] = []
    for a in args:
        if a.name is not None:
            out.append(Argument(a.name, a.value if a.has_value else NO_VALUE, a.text, a.has_value))
        else:
            out.append(Argument(None, a.value))
    return out


def run_stdin(stream: TextIO, *, no_profile: bool = False, echo: bool = False, options: Options | None = None) -> int:
    """Replay lines as if typed: each complete statement runs as soon as it has been read."""
    _host, rs = _start(options, no_profile)
    return _replay(rs, stream, echo=echo)


def _replay(rs: Runspace, stream: TextIO, *, echo: bool, prompt: bool = False) -> int:
    host = rs.host
    buffer: list[str] = []
    code = 0
    try:
        for line in _lines(rs, stream, prompt):
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
                host.write_prompt(f"{prompt_text(rs)}{text.rstrip()}\n")  # type: ignore[attr-defined]
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


def _lines(rs: Runspace, stream: TextIO, prompt: bool) -> Any:
    """The stream's lines; with `prompt`, each read after printing the prompt (a terminal after -NoExit)."""
    if not prompt:
        yield from stream
        return
    while True:
        rs.host.write_prompt(prompt_text(rs))  # type: ignore[attr-defined]
        line = stream.readline()
        if not line:
            return
        yield line


def execute_line(rs: Runspace, text: str) -> bool:
    """Run one typed statement: in the entered remote session (Enter-PSSession) if any, else locally."""
    if getattr(rs, "transcripts", None):
        from pyshell.transcript import record_command

        record_command(rs, text)  # a typed command shows in transcripts as `PS>command`
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
    if fn is not None and fn is not getattr(rs, "default_prompt", None):
        try:
            from pyshell.engine.conversions import to_string

            return prefix + "".join(to_string(x) for x in rs.invoke(fn.ScriptBlock))
        except PyshellError:
            pass
    location = rs.drives.location_text(rs) if rs.drives is not None else rs.location  # Env:\, TestDrive:/x
    return f"{prefix}PS {location}> "
