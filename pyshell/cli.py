"""The `pyshell` command: argv -> REPL | -Command | -File | stdin replay | lab | agent.

Exceptions become messages and exit codes here, and only here (and in the REPL loop).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from pyshell import __version__

__all__ = ["main", "Options", "parse_args"]

USAGE = """Usage: pyshell [-NoProfile] [-NoLogo] [-NonInteractive] [-Command|-c <text> | -File|-f <path> [args]]
               [-Version] [-Help]
       pyshell lab start|stop|status [--hosts N]
       pyshell --demo FILE [--speed S] [--auto]

  -Command, -c <text>   Run the text; '-' reads it from standard input.
  -File, -f <path>      Run a script file; remaining arguments become $args.
  -                     Read commands from standard input, one statement at a time, as if typed.
  -NoProfile            Do not run the profile script.
  -NoLogo               Do not print the banner.
  -NonInteractive       Never prompt.
  -Version, -v          Print the version and exit.
  -Help, -h, -?         Print this help and exit.
  --echo                With stdin replay: print each prompt and command before its output.
"""


@dataclass
class Options:
    command: str | None = None
    file: str | None = None
    file_args: list[str] = field(default_factory=list)
    no_profile: bool = False
    no_logo: bool = False
    non_interactive: bool = False
    read_stdin: bool = False
    echo: bool = False
    version: bool = False
    help: bool = False
    demo: str | None = None
    demo_speed: float = 1.0
    demo_auto: bool = False
    agent: list[str] | None = None
    job_worker: bool = False
    vi: bool = False


_SWITCHES = {
    "noprofile": "no_profile", "nop": "no_profile", "nologo": "no_logo", "nol": "no_logo",
    "noninteractive": "non_interactive", "noni": "non_interactive", "version": "version", "v": "version",
    "help": "help", "h": "help", "?": "help", "echo": "echo", "auto": "demo_auto", "vi": "vi",
}


class UsageError(Exception):
    pass


def parse_args(argv: list[str]) -> Options:
    opts = Options()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-":
            opts.read_stdin = True
            i += 1
            continue
        if not a.startswith("-"):
            if opts.file is None and opts.command is None:
                opts.file = a
                opts.file_args = argv[i + 1 :]
                return opts
            raise UsageError(f"Unexpected argument '{a}'.")
        name = a.lstrip("-").lower()
        if name in ("command", "c", "com", "comm"):
            if i + 1 >= len(argv):
                raise UsageError("Missing the argument for -Command.")
            rest = argv[i + 1 :]
            opts.command = " ".join(rest)
            if rest == ["-"]:
                opts.command = None
                opts.read_stdin = True
            return opts
        if name in ("file", "f"):
            if i + 1 >= len(argv):
                raise UsageError("Missing the argument for -File.")
            opts.file = argv[i + 1]
            opts.file_args = argv[i + 2 :]
            return opts
        if name == "demo":
            if i + 1 >= len(argv):
                raise UsageError("Missing the file for --demo.")
            opts.demo = argv[i + 1]
            i += 2
            continue
        if name == "speed":
            opts.demo_speed = float(argv[i + 1])
            i += 2
            continue
        if name == "agent":
            opts.agent = argv[i + 1 :]
            return opts
        if name == "job-worker":
            opts.job_worker = True
            return opts
        if name in ("executionpolicy", "ep", "outputformat", "of", "inputformat", "if", "workingdirectory", "wd",
                    "configurationname", "settingsfile"):
            if name in ("workingdirectory", "wd") and i + 1 < len(argv):
                os.chdir(os.path.expanduser(argv[i + 1]))
            i += 2
            continue
        attr = _SWITCHES.get(name)
        if attr is None:
            raise UsageError(f"The argument '{a}' is not recognized as the name of a command line parameter.")
        setattr(opts, attr, True)
        i += 1
    return opts


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
    if args and args[0] == "lab":
        from pyshell.remoting.lab import main as lab_main

        return lab_main(args[1:])
    try:
        opts = parse_args(args)
    except UsageError as e:
        sys.stderr.write(f"{e}\n\n{USAGE}")
        return 64
    if opts.help:
        sys.stdout.write(USAGE)
        return 0
    if opts.version:
        sys.stdout.write(f"pyshell {__version__}\n")
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
    from pyshell.script import run_command, run_file, run_stdin

    if opts.command is not None:
        return run_command(opts.command, no_profile=opts.no_profile)
    if opts.file is not None:
        return run_file(opts.file, opts.file_args, no_profile=opts.no_profile)
    interactive = not opts.read_stdin and sys.stdin.isatty() and not opts.non_interactive
    if interactive:
        try:
            from pyshell.repl.app import run_repl
        except ModuleNotFoundError as e:
            if not e.name or not e.name.startswith("pyshell.repl"):
                raise
        else:
            return run_repl(no_profile=opts.no_profile, no_logo=opts.no_logo, vi=opts.vi)
    return run_stdin(sys.stdin, no_profile=opts.no_profile, echo=opts.echo)
