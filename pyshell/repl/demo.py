"""Demo mode (`pyshell --demo FILE`): each statement of FILE is shown being typed at the prompt, then run.

Waits for Enter before running a statement unless `auto`; works when stdout is not a terminal too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from pyshell.console import ConsoleHost, use_color
from pyshell.errors import ExitRequest, IncompleteParseError, ParseError
from pyshell.language import parse
from pyshell.script import new_runspace, prompt_text

__all__ = ["run_demo", "statements"]

#: seconds per typed character at speed 1
_CHAR_DELAY = 0.04
#: pause after a statement is typed, in auto mode, at speed 1
_AUTO_PAUSE = 0.6


def statements(text: str) -> Iterator[str]:
    """The statements of a script as they would be typed: complete inputs, comment-only lines left out."""
    buffer: list[str] = []
    for line in text.splitlines():
        if not buffer and (not line.strip() or line.lstrip().startswith("#")):
            continue
        buffer.append(line)
        joined = "\n".join(buffer)
        try:
            parse(joined)
        except IncompleteParseError:
            continue
        except ParseError:
            pass
        buffer.clear()
        yield joined
    if buffer:
        yield "\n".join(buffer)


def _highlight(line: str) -> str:
    try:
        from pygments import highlight
        from pygments.formatters import TerminalFormatter
        from pygments.lexers.shell import PowerShellLexer
    except ImportError:
        return line
    coloured: str = highlight(line, PowerShellLexer(), TerminalFormatter())
    return coloured.rstrip("\n")


def _type(out: TextIO, text: str, delay: float, color: bool) -> None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            out.write("\n>> ")
        if delay <= 0:
            out.write(_highlight(line) if color else line)
            out.flush()
            continue
        for ch in line:
            out.write(ch)
            out.flush()
            time.sleep(delay)
        if color and line:
            # retype the finished line in colour over the plain one
            out.write("\b" * len(line) + _highlight(line))
            out.flush()


def _wait_for_enter(auto: bool, pause: float) -> None:
    if auto:
        time.sleep(pause)
        return
    try:
        with open("/dev/tty", encoding="utf-8") as tty:
            tty.readline()
        return
    except OSError:
        pass
    if not sys.stdin.readline():
        time.sleep(pause)


def run_demo(path: str, speed: float = 1.0, auto: bool = False) -> int:
    """Play FILE as a typed walkthrough; returns the exit code (`exit N` ends it early with N)."""
    try:
        with open(os.path.expanduser(path), encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError as e:
        sys.stderr.write(f"Cannot read the demo file '{path}': {e.strerror}\n")
        return 64
    out = sys.stdout
    host = ConsoleHost(interactive=True)
    rs = new_runspace(host)
    color = use_color(out)
    delay = _CHAR_DELAY / speed if speed > 0 else 0.0
    pause = _AUTO_PAUSE / speed if speed > 0 else 0.0
    code = 0
    try:
        for stmt in statements(text):
            out.write(prompt_text(rs))
            _type(out, stmt, delay, color)
            out.flush()
            _wait_for_enter(auto, pause)
            if auto or not out.isatty():
                out.write("\n")
                out.flush()
            ok = rs.execute(stmt, add_history=True)
            code = 0 if ok and rs.success else 1
    except ExitRequest as e:
        code = e.code
    except KeyboardInterrupt:
        code = 130
    finally:
        host.flush_output()
    return code
