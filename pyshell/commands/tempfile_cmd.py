"""New-TemporaryFile: an empty file made the way .NET's Path.GetTempFileName() does on Unix.

The file lands in $TMPDIR (else /tmp) as ``tmpXXXXXX.tmp`` and comes back as a FileInfo.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any

from pyshell.commands.itembase import ShouldProcessCommand, io_error
from pyshell.engine.cmdlet import command
from pyshell.engine.items import FileInfo

__all__ = ["NewTemporaryFile"]


def temp_dir() -> str:
    """Path.GetTempPath() on Unix: $TMPDIR when set, else /tmp."""
    return os.environ.get("TMPDIR") or "/tmp"  # noqa: S108 - the platform's temp directory, as .NET uses it


@command("New-TemporaryFile")
class NewTemporaryFile(ShouldProcessCommand):
    """Creates a temporary file."""

    def end(self) -> Iterator[Any]:
        directory = temp_dir()
        if not self.should_process(directory, "New-TemporaryFile"):
            return
        try:
            fd, path = tempfile.mkstemp(prefix="tmp", suffix=".tmp", dir=directory)
        except OSError as exc:
            self.write_error(io_error(exc, directory, "NewTemporaryFileWriteError"))
            return
        os.close(fd)
        yield FileInfo(path)
