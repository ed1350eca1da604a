"""Start-Transcript and Stop-Transcript: record what the host displays into a file (pyshell/transcript.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from pyshell import transcript
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.objects import PSObject
from pyshell.errors import PyshellError

__all__ = ["StartTranscript", "StopTranscript"]


def _message(text: str, path: str) -> PSObject:
    """pwsh's result: the message string with a Path note property naming the file."""
    return PSObject({"Path": path}, ["System.String", "System.Object"], base=text)


def _cannot_start(reason: str, target: Any) -> PyshellError:
    return PyshellError(f"Transcription cannot be started due to the error: {reason}",
                        error_id="CannotStartTranscription", category="InvalidOperation", target=target)


def _os_reason(exc: OSError, path: str) -> str:
    """.NET's wording for the usual failures opening a file."""
    if isinstance(exc, (IsADirectoryError, PermissionError)):
        return f"Access to the path '{path}' is denied."
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"Could not find a part of the path '{path}'."
    return exc.strerror or str(exc)


@command("Start-Transcript", default_set="ByPath")
class StartTranscript(Cmdlet):
    """Creates a record of all or part of a PowerShell session in a text file."""

    Path = Param("string", position=0, sets=("ByPath",), help="The transcript file.")
    LiteralPath = Param("string", aliases=("PSPath", "LP"), sets=("ByLiteralPath",),
                        help="The transcript file, without wildcard expansion.")
    OutputDirectory = Param("string", sets=("ByOutputDirectory",),
                            help="A directory for a transcript with the default name.")
    Append = Param("switch", help="Add to the end of an existing file.")
    Force = Param("switch", help="Write even when the file is read-only.")
    NoClobber = Param("switch", aliases=("NoOverwrite",), help="Do not overwrite an existing file.")
    IncludeInvocationHeader = Param("switch", help="Write the time each command starts.")
    UseMinimalHeader = Param("switch", help="Write only the start time in the header.")

    def _target(self) -> str:
        rs = self.runspace
        if self.is_bound("OutputDirectory"):
            directory = rs.resolve_path(self.OutputDirectory)
            try:
                os.makedirs(directory, exist_ok=True)
            except OSError as e:
                raise _cannot_start(_os_reason(e, directory), directory) from None
            return transcript.default_path(directory)
        given = self.LiteralPath if self.is_bound("LiteralPath") else self.Path
        if given:
            return rs.resolve_path(given)
        return transcript.default_path()

    def end(self) -> Iterator[Any]:
        path = self._target()
        if self.NoClobber and not self.Append and os.path.exists(path):
            raise PyshellError(f"File {path} already exists and NoClobber was specified.",
                               error_id="NoClobber", category="ResourceExists", target=path)
        if self.Force and os.path.isfile(path) and not os.access(path, os.W_OK):
            try:
                os.chmod(path, os.stat(path).st_mode | 0o200)  # -Force writes over a read-only file
            except OSError:
                pass
        try:
            transcript.start(self.runspace, path, append=bool(self.Append),
                             minimal=bool(self.UseMinimalHeader),
                             invocation_header=bool(self.IncludeInvocationHeader))
        except OSError as e:
            raise _cannot_start(_os_reason(e, path), path) from None
        yield _message(f"Transcript started, output file is {path}", path)


@command("Stop-Transcript")
class StopTranscript(Cmdlet):
    """Stops a transcript."""

    def end(self) -> Iterator[Any]:
        self.runspace.host.flush_output()  # a table still open belongs in the transcript
        stopped = transcript.stop(self.runspace)
        if stopped is None:
            raise PyshellError("An error occurred stopping transcription: The host is not currently transcribing.",
                               error_id="InvalidOperation", category="InvalidOperation")
        yield _message(f"Transcript stopped, output file is {stopped.path}", stopped.path)
