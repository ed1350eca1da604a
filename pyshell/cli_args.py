"""pwsh's command-line rules (CommandLineParameterParser), for `pyshell` and `$PSHOME/pwsh`.

Each parameter matches any prefix of its name at least as long as its shortest form (-nop, -noni,
-c, -f, -e...); `-`, `--` and `/` all start one. The first argument that is no parameter is the
-File; an unknown `-x` that names no file is pwsh's "did you mean" error. Errors exit 64.
Our own options (--agent, --job-worker, --demo, --echo...) are matched by their full names first.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Options", "UsageError", "parse_args", "EXIT_BAD_COMMAND_LINE", "FileArgument", "VALID_PARAMETERS"]

#: pwsh's ExitCodeBadCommandLineParameter
EXIT_BAD_COMMAND_LINE = 64

#: the names pwsh lists when an unknown -x looks like one of them
VALID_PARAMETERS = ("sta", "mta", "command", "commandwithargs", "configurationname", "configurationfile",
                    "custompipename", "encodedcommand", "executionpolicy", "file", "help", "inputformat", "login",
                    "noexit", "nologo", "noninteractive", "noprofile", "noprofileloadtime", "outputformat",
                    "settingsfile", "version", "windowstyle", "workingdirectory")

_FORMATS = ("Text", "XML", "None")
_FORMAT_LIST = "".join(f"{name}\n" for name in _FORMATS)


class UsageError(Exception):
    """A bad command line: pwsh's message; `show_help` adds the usage text after it."""

    def __init__(self, message: str, *, show_help: bool = False) -> None:
        super().__init__(message)
        self.show_help = show_help


@dataclass
class FileArgument:
    """One argument for the -File script (or -CommandWithArgs): `-name`, `-name:value` or a positional value."""

    name: str | None
    value: Any = None
    has_value: bool = False
    text: str = ""


@dataclass
class Options:
    command: str | None = None
    encoded: bool = False
    file: str | None = None
    file_args: list[FileArgument] = field(default_factory=list)
    args: list[Any] | None = None  #: -EncodedArguments, or the arguments after -CommandWithArgs
    command_with_args: bool = False
    no_profile: bool = False
    no_logo: bool = False
    non_interactive: bool = False
    interactive_requested: bool = False
    no_exit: bool = False
    read_stdin: bool = False
    echo: bool = False
    version: bool = False
    help: bool = False
    input_format: str = "Text"
    output_format: str = "Text"
    output_format_specified: bool = False
    execution_policy: str | None = None
    configuration_name: str | None = None
    configuration_file: str | None = None
    custom_pipe_name: str | None = None
    settings_file: str | None = None
    working_directory: str | None = None
    demo: str | None = None
    demo_speed: float = 1.0
    demo_auto: bool = False
    agent: list[str] | None = None
    job_worker: bool = False
    vi: bool = False


def _match(key: str, name: str, shortest: str) -> bool:
    """pwsh's MatchSwitch: `key` is a prefix of `name` at least as long as `shortest`."""
    return len(key) >= len(shortest) and name.startswith(key)


def _switch_key(arg: str) -> str | None:
    """The parameter word of `-x`, `--x` or `/x`; None when the argument is no parameter."""
    arg = arg.strip()
    if not arg or arg[0] not in "-/\u2013\u2014\u2015":
        return None
    key = arg[1:]
    if key and key[0] in "-\u2013\u2014\u2015":
        key = key[1:]
    return key.lower()


def parse_args(argv: list[str], *, stdin_redirected: bool = True) -> Options:
    """Parse a pwsh command line.

    :raises UsageError: with pwsh's message for a bad command line (exit code 64).
    """
    opts = Options()
    no_exit_seen = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        key = _switch_key(arg)
        if key is None:
            if arg.strip() == "":
                i += 1
                continue
            _parse_file(opts, argv, i, no_exit_seen)
            break
        if _ours(opts, key, argv, i):
            if opts.agent is not None or opts.job_worker:
                break
            i += 2 if key in ("demo", "speed") else 1
            continue
        if _match(key, "version", "v"):
            opts.version = True
            break
        if _match(key, "help", "h") or key == "?":
            opts.help = True
        elif _match(key, "login", "l"):
            pass  # only meaningful first; handled before parsing
        elif _match(key, "noexit", "noe"):
            opts.no_exit = no_exit_seen = True
        elif _match(key, "noprofileloadtime", "noprofilel"):
            pass
        elif _match(key, "noprofile", "nop"):
            opts.no_profile = True
        elif _match(key, "nologo", "nol"):
            opts.no_logo = True
        elif _match(key, "noninteractive", "noni"):
            opts.non_interactive = True
        elif (_match(key, "socketservermode", "so") or _match(key, "servermode", "s")
              or _match(key, "namedpipeservermode", "nam") or _match(key, "sshservermode", "sshs")):
            raise UsageError(f"The parameter '{arg}' is not supported by pyshell: it does not serve PowerShell "
                             f"remoting (PSRP). Use pyshell's own remoting (Enter-PSSession -HostName) instead.")
        elif _match(key, "interactive", "i"):
            opts.non_interactive = False
            opts.interactive_requested = True
        elif _match(key, "configurationname", "config"):
            opts.configuration_name = _value(argv, i, "Cannot process the command because -Configuration requires "
                                                      "an argument that is a remote endpoint configuration name. "
                                                      "Specify this argument and try again.")
            i += 1
        elif _match(key, "configurationfile", "configurationf"):
            opts.configuration_file = _value(argv, i, "Cannot process the command because -ConfigurationFile "
                                                      "requires an argument that is a session configuration (.pssc) "
                                                      "file path. Specify this argument and try again.")
            i += 1
        elif _match(key, "custompipename", "cus"):
            name = _value(argv, i, "Cannot process the command because -CustomPipeName requires an argument that "
                                   "is a name of a pipe you want to use. Specify this argument and try again.")
            limit = 108 - len(os.path.join(os.environ.get("TMPDIR") or "/tmp", ""))
            if len(name) > limit:
                raise UsageError(f"Error: CustomPipeName passed in is too long. Maximum pipe name length on this "
                                 f"platform is {limit} characters. Your pipe name, '{name}' is {len(name)} "
                                 f"characters.")
            opts.custom_pipe_name = name
            i += 1
        elif _match(key, "commandwithargs", "commandw") or key == "cwa":
            _parse_command(opts, argv, i, no_exit_seen, encoded=False, with_args=True)
            break
        elif _match(key, "command", "c"):
            if _parse_command(opts, argv, i, no_exit_seen, encoded=False, stdin_redirected=stdin_redirected):
                break
            i += 1
        elif _match(key, "windowstyle", "w"):
            raise UsageError("Parameter -WindowStyle is not implemented on this platform.")
        elif _match(key, "file", "f"):
            _parse_file(opts, argv, i + 1, no_exit_seen)
            break
        elif _match(key, "outputformat", "o") or _match(key, "of", "o"):
            opts.output_format = _format(argv, i, "The command cannot be run because no argument has been supplied "
                                                  "for the OutputFormat parameter. Specify one of the following "
                                                  "formats for this parameter.\n")
            opts.output_format_specified = True
            i += 1
        elif _match(key, "inputformat", "inp") or _match(key, "if", "if"):
            opts.input_format = _format(argv, i, "Cannot process the command because the -InputFormat parameter "
                                                 "requires an argument. Specify a valid format argument for this "
                                                 "parameter.  Valid formats are:\n")
            i += 1
        elif _match(key, "executionpolicy", "ex") or _match(key, "ep", "ep"):
            opts.execution_policy = _value(argv, i, "Cannot process the execution policy because of a missing policy "
                                                    "name. A policy name must follow -ExecutionPolicy.", help=True)
            i += 1
        elif _match(key, "encodedcommand", "e") or _match(key, "ec", "e"):
            opts.encoded = True
            _parse_command(opts, argv, i, no_exit_seen, encoded=True)
            i += 1
        elif _match(key, "encodedarguments", "encodeda") or _match(key, "ea", "ea"):
            _encoded_args(opts, argv, i)
            i += 1
        elif _match(key, "settingsfile", "settings"):
            path = _value(argv, i, "Cannot process the command because -SettingsFile requires a file path. Supply "
                                   "a path for the SettingsFile parameter and then try the command again.")
            full = os.path.abspath(os.path.expanduser(path))
            if not os.path.isfile(full):
                raise UsageError(f"The argument '{full}' to the -SettingsFile parameter does not exist. Provide the "
                                 f"path to an existing json file as an argument to the -SettingsFile parameter.")
            opts.settings_file = full
            i += 1
        elif _match(key, "sta", "sta"):
            raise UsageError("-STA is not supported on this platform.")
        elif _match(key, "mta", "mta"):
            raise UsageError("-MTA is not supported on this platform.")
        elif _match(key, "workingdirectory", "wo") or _match(key, "wd", "wd"):
            opts.working_directory = _value(argv, i, "Cannot process the command because -WorkingDirectory requires "
                                                     "an argument that is a directory path.")
            i += 1
        else:
            _parse_file(opts, argv, i, no_exit_seen)
            break
        i += 1
    if opts.command is None and opts.file is None and not opts.read_stdin:
        opts.no_exit = True
    return opts


def _ours(opts: Options, key: str, argv: list[str], i: int) -> bool:
    """pyshell's own options, by their full names: --agent, --job-worker, --demo FILE [--speed S] [--auto],
    --echo, --vi."""
    if key == "agent":
        opts.agent = argv[i + 1:]
    elif key == "job-worker":
        opts.job_worker = True
    elif key == "demo":
        if i + 1 >= len(argv):
            raise UsageError("Missing the file for --demo.")
        opts.demo = argv[i + 1]
    elif key == "speed":
        try:
            opts.demo_speed = float(argv[i + 1])
        except (IndexError, ValueError):
            raise UsageError("--speed needs a number.") from None
    elif key == "auto":
        opts.demo_auto = True
    elif key == "echo":
        opts.echo = True
    elif key == "vi":
        opts.vi = True
    else:
        return False
    return True


def _value(argv: list[str], i: int, missing: str, *, help: bool = False) -> str:
    if i + 1 >= len(argv):
        raise UsageError(missing, show_help=help)
    return argv[i + 1]


def _format(argv: list[str], i: int, missing: str) -> str:
    if i + 1 >= len(argv):
        raise UsageError(missing + _FORMAT_LIST, show_help=True)
    value = argv[i + 1]
    for name in _FORMATS:
        if name.lower() == value.strip().lower():
            return name
    raise UsageError(f'Cannot process the command because of an incorrect parameter value. "{value}" is not a valid '
                     f"format.  Valid formats are:\n{_FORMAT_LIST}", show_help=True)


def _parse_command(opts: Options, argv: list[str], i: int, no_exit_seen: bool, *, encoded: bool,
                   with_args: bool = False, stdin_redirected: bool = True) -> bool:
    """-Command / -EncodedCommand / -CommandWithArgs at argv[i]; True when it took the rest of the line."""
    if opts.command is not None:
        raise UsageError("Cannot process command because a command is already specified with -Command or "
                         "-EncodedCommand.", show_help=True)
    if i + 1 >= len(argv):
        raise UsageError("Cannot process the command because of a missing parameter. A command must follow -Command.",
                         show_help=True)
    value = argv[i + 1]
    took_rest = False
    if encoded:
        try:
            opts.command = base64.b64decode(value.strip(), validate=True).decode("utf-16-le")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise UsageError("Cannot process the command because the value specified with -EncodedCommand is not "
                             "properly encoded. The value must be Base64 encoded.", show_help=True) from None
    elif with_args:
        opts.command = value
        opts.command_with_args = True
        opts.file_args = _file_arguments(argv[i + 2:])
        took_rest = True
    elif value == "-":
        if i + 2 != len(argv):
            raise UsageError("'-' was specified with the -Command parameter; no other arguments to -Command are "
                             "permitted.", show_help=True)
        if not stdin_redirected:
            raise UsageError("'-' was specified as the argument to -Command but standard input has not been "
                             "redirected for this process.", show_help=True)
        opts.read_stdin = True
        return True
    else:
        opts.command = " ".join(argv[i + 1:])
        took_rest = True
    if not no_exit_seen:
        opts.no_exit = False
    return took_rest


def _encoded_args(opts: Options, argv: list[str], i: int) -> None:
    if opts.args:
        raise UsageError("Cannot process the command because arguments to -Command or -EncodedCommand have already "
                         "been specified with -EncodedArguments.", show_help=True)
    if i + 1 >= len(argv):
        raise UsageError("Cannot process the command because -EncodedArguments requires a value. Specify a value for "
                         "the -EncodedArguments parameter.", show_help=True)
    bad = UsageError("Cannot process the command because the value specified with -EncodedArguments is not properly "
                     "encoded. The value must be Base64 encoded.", show_help=True)
    try:
        text = base64.b64decode(argv[i + 1].strip(), validate=True).decode("utf-16-le")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    from pyshell.engine.clixml import ClixmlError, from_document

    try:
        values = from_document(text)
    except ClixmlError:
        raise bad from None
    if len(values) == 1 and isinstance(values[0], list):
        values = values[0]
    opts.args = list(values)


def _bool_if_possible(text: str) -> Any:
    """pwsh passes `-switch:$true`, `-switch:false`... as booleans, anything else as the string."""
    word = text[1:] if text.startswith("$") else text
    low = word.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    return text


def _file_arguments(args: list[str]) -> list[FileArgument]:
    out: list[FileArgument] = []
    pending: str | None = None
    for arg in args:
        if pending is not None:
            out.append(FileArgument(pending[1:], arg, True, pending + ":"))
            pending = None
        elif len(arg) > 1 and arg[0] in "-\u2013\u2014\u2015":
            name, colon, value = arg.partition(":")
            if not colon:
                out.append(FileArgument(arg[1:], text=arg))
            elif value == "":
                pending = name
            else:
                out.append(FileArgument(name[1:], _bool_if_possible(value), True, arg))
        else:
            out.append(FileArgument(None, arg, True, arg))
    if pending is not None:
        out.append(FileArgument(pending[1:], text=pending + ":"))
    return out


def _normalize_file_path(path: str) -> str:
    """pwsh's NormalizeFilePath: `\\` is a separator too on Unix (unless the name exists as written); full path."""
    if not os.path.exists(path):
        path = path.replace("\\", "/")
    return os.path.abspath(os.path.expanduser(path))


def _parse_file(opts: Options, argv: list[str], i: int, no_exit_seen: bool) -> None:
    """The -File argument at argv[i] and the script's arguments after it."""
    if i >= len(argv):
        raise UsageError("The command cannot be run because the File parameter requires a file path. Supply a path "
                         "for the File parameter and then try the command again.", show_help=True)
    path = argv[i]
    if path == "-":
        opts.read_stdin = True
        return
    if not no_exit_seen:
        opts.no_exit = False
    full = _normalize_file_path(path) if path else ""
    if not path or not os.path.isfile(full):
        if len(path) > 1 and path[0] == "-":
            word = path[1:].lower()
            matches = [p for p in VALID_PARAMETERS if word in p]
            if matches:
                raise UsageError(f"Invalid argument '{path}', did you mean:\n" + "".join(f"\n  -{m}" for m in matches))
        raise UsageError(f"The argument '{path}' is not recognized as the name of a script file. Check the spelling "
                         f"of the name, or if a path was included, verify that the path is correct and try again.",
                         show_help=True)
    opts.file = full
    opts.file_args = _file_arguments(argv[i + 1:])
