"""Transcripts (Start-Transcript): copies of what a host displays, kept in files.

A runspace holds a stack of active transcripts in its `transcripts` attribute; every text its host displays
goes to all of them (as pwsh does with nested transcripts), and Stop-Transcript closes the newest. Keeping the
stack on the runspace lets hosted runs ([powershell]::Create(), which swap the host) and the console share it.
Stdlib only at import, so both the console host and the commands may import it.
"""

from __future__ import annotations

import datetime
import getpass
import os
import re
import secrets
import socket
import sys
import threading
from typing import Any, TextIO

__all__ = ["Transcript", "active", "record", "record_command", "record_host_text", "start", "stop", "stop_all", "default_path"]

_RULE = "**********************"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
_LOCK = threading.RLock()


def _stamp(when: datetime.datetime | None = None) -> str:
    """pwsh's transcript time stamps: yyyyMMddHHmmss, local time."""
    return (when or datetime.datetime.now()).strftime("%Y%m%d%H%M%S")


def default_path(directory: str | None = None) -> str:
    """PowerShell_transcript.<machine>.<random>.<time>.txt in $HOME (or the -OutputDirectory)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    token = "".join(secrets.choice(alphabet) for _ in range(8))
    name = f"PowerShell_transcript.{socket.gethostname()}.{token}.{_stamp()}.txt"
    return os.path.join(directory or os.path.expanduser("~"), name)


class Transcript:
    """One open transcript file."""

    def __init__(self, path: str, stream: TextIO, *, invocation_header: bool) -> None:
        self.path = path
        self.stream = stream
        self.invocation_header = invocation_header

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass


def active(runspace: Any) -> list[Transcript]:
    """The runspace's transcript stack (empty when it has none)."""
    return getattr(runspace, "transcripts", None) or []


def _header(runspace: Any, minimal: bool) -> str:
    lines = [_RULE, "PowerShell transcript start", f"Start time: {_stamp()}"]
    if not minimal:
        user = f"{socket.gethostname()}\\{_user()}"
        lines += [f"Username: {user}", f"RunAs User: {user}", "Configuration Name: ",
                  f"Machine: {socket.gethostname()} ({_os_text()})",
                  f"Host Application: {' '.join(sys.argv) or 'pyshell'}", f"Process ID: {os.getpid()}"]
        lines += _version_lines(runspace)
    lines.append(_RULE)
    return "\n".join(lines) + "\n"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _os_text() -> str:
    """Environment.OSVersion as pwsh shows it on Linux: Unix <kernel version>."""
    release = os.uname().release.split("-")[0]
    parts = (release.split(".") + ["0", "0", "0"])[:4]
    return "Unix " + ".".join(p if p.isdigit() else "0" for p in parts)


def _version_lines(runspace: Any) -> list[str]:
    """$PSVersionTable's entries, one `Name: value` line each (lists joined with ', ')."""
    table = runspace.read_variable("PSVersionTable") if runspace is not None else None
    if table is None:
        return []
    from pyshell.engine.conversions import to_string

    out = []
    for key in list(table.keys()):
        if str(key) == "PyshellVersion":
            continue
        value = table[key]
        text = ", ".join(to_string(v) for v in value) if isinstance(value, list) else to_string(value)
        out.append(f"{key}: {text}")
    return out


def start(runspace: Any, path: str, *, append: bool, minimal: bool, invocation_header: bool) -> Transcript:
    """Open `path` (append or truncate), write the start header and push it on the runspace's stack.

    :raises OSError: when the file cannot be opened (a directory, a missing parent...)
    """
    exists = os.path.exists(path) and os.path.getsize(path) > 0
    if os.path.isdir(path):
        raise IsADirectoryError(f"Access to the path '{path}' is denied.")
    encoding = "utf-8" if append and exists else "utf-8-sig"  # new transcripts start with a BOM, as pwsh's do
    stream = open(path, "a" if append else "w", encoding=encoding, newline="\n")  # noqa: SIM115 - held open
    transcript = Transcript(path, stream, invocation_header=invocation_header)
    with _LOCK:
        transcript.write(_header(runspace, minimal))
        stack = getattr(runspace, "transcripts", None)
        if stack is None:
            stack = []
            runspace.transcripts = stack
        stack.append(transcript)
    return transcript


def _footer() -> str:
    return f"{_RULE}\nPowerShell transcript end\nEnd time: {_stamp()}\n{_RULE}\n"


def stop(runspace: Any) -> Transcript | None:
    """Close the newest transcript with pwsh's end block; None when the host is not transcribing."""
    with _LOCK:
        stack = active(runspace)
        if not stack:
            return None
        transcript = stack.pop()
    transcript.write(_footer())
    transcript.close()
    return transcript


def stop_all(runspace: Any) -> None:
    """The session ends: every open transcript gets its end block."""
    while stop(runspace) is not None:
        pass


def record(runspace: Any, text: str) -> None:
    """Copy displayed text (without colour escapes) into every active transcript."""
    stack = active(runspace)
    if not stack or not text:
        return
    plain = _ANSI.sub("", text).replace("\r", "")
    with _LOCK:
        for transcript in stack:
            transcript.write(plain)


def record_command(runspace: Any, text: str) -> None:
    """A typed command: `PS>command`, after a `Command start time:` block with -IncludeInvocationHeader."""
    stack = active(runspace)
    if not stack:
        return
    line = f"PS>{text.strip()}\n"
    with _LOCK:
        for transcript in stack:
            if transcript.invocation_header:
                transcript.write(f"{_RULE}\nCommand start time: {_stamp()}\n{_RULE}\n")
            transcript.write(line)


def record_host_text(runspace: Any, info: Any) -> None:
    """Write-Host text the display hides (-InformationAction SilentlyContinue), which pwsh still transcribes."""
    from pyshell.engine.conversions import to_string

    no_newline = bool(info.host_text and info.host_text[2])
    record(runspace, to_string(info.MessageData) + ("" if no_newline else "\n"))
