"""How written arguments reach a native command: the stop-parsing token `--%` and comma lists.

- `cmd --% rest of line`: the rest is passed as written; only `%NAME%` environment references are
  expanded, and on Unix pwsh splits the text the way the Windows C runtime splits a command line.
- `cmd A,B`: an array literal written on the command line is one argument, its elements joined by ','.
  (A variable holding an array still gives one argument per element.)
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyshell.engine.binder import Argument

__all__ = ["StopParsingToken", "VerbatimArgument", "expand_percent_variables", "split_command_line",
           "native_arguments"]


class StopParsingToken(str):
    """The `--%` token itself: a PowerShell command receives it as an argument; a native one does not."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.String", "System.Object")


class VerbatimArgument(str):
    """The text after `--%` up to the end of the line (or a `|`)."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.String", "System.Object")


_PERCENT_VAR = re.compile(r"%([^%\s]+)%")


def expand_percent_variables(text: str) -> str:
    """`%NAME%` -> the environment variable's value; an unknown name stays as written."""
    return _PERCENT_VAR.sub(lambda m: os.environ.get(m.group(1), m.group(0)), text)


def split_command_line(text: str) -> list[str]:
    """Split like the Windows C runtime: blanks separate, double quotes group (and are removed),
    2n backslashes before a quote give n backslashes, 2n+1 give n and a literal quote."""
    args: list[str] = []
    buf: list[str] = []
    in_quotes = False
    have = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            j = i
            while j < n and text[j] == "\\":
                j += 1
            count = j - i
            if j < n and text[j] == '"':
                buf.append("\\" * (count // 2))
                if count % 2:
                    buf.append('"')
                    i = j + 1
                else:
                    i = j
                have = True
                continue
            buf.append("\\" * count)
            have = True
            i = j
            continue
        if c == '"':
            if in_quotes and i + 1 < n and text[i + 1] == '"':
                buf.append('"')  # "" inside quotes is a literal quote
                i += 2
                continue
            in_quotes = not in_quotes
            have = True
            i += 1
            continue
        if c in " \t" and not in_quotes:
            if have:
                args.append("".join(buf))
                buf, have = [], False
            i += 1
            continue
        buf.append(c)
        have = True
        i += 1
    if have:
        args.append("".join(buf))
    return args


def native_arguments(args: list[Argument]) -> list[Argument]:
    """Rewrite the evaluated arguments for a native command (see the module docstring)."""
    from pyshell.engine.binder import Argument
    from pyshell.engine.conversions import to_string
    from pyshell.engine.minishell import is_minishell

    if is_minishell(args):
        return args  # `pwsh { ... } -args 1,(2,3)`: the values travel as CLIXML, arrays intact
    out: list[Argument] = []
    for a in args:
        v = a.value
        if a.name is not None:
            out.append(a)
        elif isinstance(v, StopParsingToken):
            continue
        elif isinstance(v, VerbatimArgument):
            out.extend(Argument(None, part) for part in split_command_line(expand_percent_variables(str(v))))
        elif a.comma and isinstance(v, (list, tuple)):
            out.append(Argument(None, ",".join(to_string(x) for x in v)))
        elif a.token_text is not None:
            out.append(Argument(None, a.token_text))  # a numeric literal reaches the program as written: 0x10, 1.10
        else:
            out.append(a)
    return out
