"""The `pyshell` (and `$PSHOME/pwsh`) command: argv -> REPL | -Command | -File | stdin replay | lab | agent.

The command line follows pwsh 7.4's: parameters match by prefix (each has a shortest accepted prefix),
`-`, `--` and `/` all start one, the first argument that is no parameter is the -File, and a bad
command line prints pwsh's message and exits 64. Exceptions become messages and exit codes here,
and only here (and in the REPL loop).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from pyshell.cli_args import EXIT_BAD_COMMAND_LINE, Options, UsageError, parse_args
from pyshell.cli_help import HELP, USAGE

__all__ = ["main", "Options", "parse_args", "USAGE", "HELP"]


def main(argv: list[str] | None = None) -> int:
    """Entry point; a Python traceback never reaches the user (set PYSHELL_DEBUG=1 to see one)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the one place that turns anything left into a message
        if os.environ.get("PYSHELL_DEBUG"):
            raise
        sys.stderr.write(f"pyshell: internal error: {type(e).__name__}: {e}\n")
        return 1


def _main(argv: list[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("PYSHELL_PYTHON", sys.executable)  # "$PSHOME/pwsh" starts children on this interpreter
    _put_pshome_on_path()
    from pyshell.engine.modules import ensure_module_path

    ensure_module_path()  # $env:PSModulePath as pwsh sets it at startup
    if args and args[0] == "lab":
        from pyshell.remoting.lab import main as lab_main

        return lab_main(args[1:])
    if args and _is_login(args[0]):
        return _login(args[1:])
    try:
        opts = parse_args(args, stdin_redirected=not _isatty(sys.stdin))
    except UsageError as e:
        sys.stderr.write(f"{e}\n")
        if e.show_help:
            sys.stdout.write("\n" + USAGE + "\n")
        return EXIT_BAD_COMMAND_LINE
    if opts.help:
        sys.stdout.write("\n" + USAGE + HELP + "\n")
        return 0
    if opts.version:
        from pyshell.engine.runspace import PS_VERSION

        sys.stdout.write(f"PowerShell {PS_VERSION}\n")
        return 0
    if opts.agent is not None:
        from pyshell.remoting.agent import main as agent_main

        return agent_main(opts.agent)
    if opts.job_worker:
        from pyshell.jobs.worker import main as worker_main

        return worker_main()
    if opts.demo is not None:
        from pyshell.repl.demo import run_demo

        return run_demo(opts.demo, speed=opts.demo_speed, auto=opts.demo_auto)
    if opts.working_directory is not None:
        _set_working_directory(opts.working_directory)
    if opts.custom_pipe_name is not None:
        _listen_on_custom_pipe(opts.custom_pipe_name)
    from pyshell.script import run_command, run_file, run_stdin

    if opts.command is not None:
        return run_command(opts.command, no_profile=opts.no_profile, args=opts.args, options=opts)
    if opts.file is not None:
        return run_file(opts.file, opts.file_args, no_profile=opts.no_profile, options=opts)
    interactive = not opts.read_stdin and _isatty(sys.stdin) and not opts.non_interactive
    if interactive or (opts.interactive_requested and _isatty(sys.stdin)):
        repl = _repl()
        if repl is not None:
            return repl(no_profile=opts.no_profile, no_logo=opts.no_logo, vi=opts.vi)
    return run_stdin(sys.stdin, no_profile=opts.no_profile, echo=opts.echo, options=opts)


def _put_pshome_on_path() -> None:
    """As pwsh does at startup: $PSHOME first on PATH, so `pwsh` in a script starts this same shell."""
    home = os.path.dirname(os.path.abspath(__file__))
    path = os.environ.get("PATH")
    if path is None or not path.startswith(home + os.pathsep) and path != home:
        os.environ["PATH"] = home + os.pathsep + (path or "")


def _repl() -> Callable[..., int] | None:
    """The interactive REPL, or None when its package (third-party prompt toolkit) is not there."""
    try:
        from pyshell.repl.app import run_repl
    except ModuleNotFoundError as e:
        if not e.name or not e.name.startswith("pyshell.repl"):
            raise
        return None
    return run_repl


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _set_working_directory(path: str) -> None:
    """-WorkingDirectory: `~`, `~/x` and `~\\x` work; a folder that is not there leaves the current one."""
    candidate = os.path.expanduser(path)
    if not os.path.isdir(candidate):
        candidate = os.path.expanduser(path.replace("\\", "/"))
    try:
        os.chdir(candidate)
    except OSError as e:
        sys.stderr.write(f"Set-Location: Cannot find path '{path}' because it does not exist.\n"
                         if isinstance(e, FileNotFoundError) else f"Set-Location: {e.strerror}: '{path}'\n")
    else:
        os.environ["PWD"] = os.getcwd()


def _listen_on_custom_pipe(name: str) -> None:
    """-CustomPipeName: pwsh's IPC endpoint on Unix is the socket $TMPDIR/CoreFxPipe_<name>; pyshell opens it
    (so tools that look for it find it) but serves nothing on it. It is removed at exit."""
    import atexit
    import socket

    path = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"CoreFxPipe_{name}")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        if os.path.exists(path):
            os.unlink(path)
        sock.bind(path)
        sock.listen(1)
    except OSError as e:
        sock.close()
        sys.stderr.write(f"pyshell: cannot create the pipe '{path}': {e.strerror}\n")
        return

    def remove() -> None:
        sock.close()
        try:
            os.unlink(path)
        except OSError:
            pass

    atexit.register(remove)


def _is_login(arg: str) -> bool:
    """-Login (-l, -log...) counts only as the first argument, as in pwsh on Unix."""
    if not arg or arg[0] not in "-/":
        return False
    key = arg[1:].lstrip("-").lower() if arg[0] == "-" else arg[1:].lower()
    return len(key) >= 1 and "login".startswith(key)


def _login(rest: list[str]) -> int:
    """pwsh -Login: run again under `sh -l`, so /etc/profile and ~/.profile set up the environment."""
    while rest and _is_login(rest[0]):
        rest = rest[1:]
    if not os.path.exists("/bin/sh"):
        return _main(rest)
    argv = ["/bin/sh", "-l", "-c", 'exec "$0" "$@"', sys.executable, "-m", "pyshell", *rest]
    try:
        os.execv("/bin/sh", argv)
    except OSError:
        return _main(rest)
    return 0  # not reached
