"""The .NET methods scripts call on FileInfo and DirectoryInfo (CopyTo, MoveTo, CreateSubdirectory...).

Mixins for the item classes in items.py. As in .NET, a relative argument is taken from the process's
current directory (not PowerShell's location), and failures are IOExceptions in .NET's words.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from typing import Any

from pyshell.errors import PyshellError

__all__ = ["FileMethods", "DirectoryMethods"]


def _io_error(message: str) -> PyshellError:
    return PyshellError(message, error_id="IOException", category="WriteError", reason="IOException")


def _full(path: Any) -> str:
    return os.path.abspath(str(path))


class FileMethods:
    """FileInfo: CopyTo and MoveTo (the methods that need no stream objects)."""

    FullName: str
    Refresh: Any  #: FileSystemInfo.Refresh
    METHODS = ("CopyTo", "MoveTo")

    def CopyTo(self, destination: Any, overwrite: Any = False) -> Any:  # noqa: N802
        """A copy at destination (an existing file only with overwrite); the new FileInfo."""
        from pyshell.engine.items import FileInfo

        target = _full(destination)
        if os.path.exists(target) and not overwrite:
            raise _io_error(f"The file '{target}' already exists.")
        try:
            shutil.copy2(self.FullName, target)
        except OSError as exc:
            raise _io_error(f"{exc.strerror} : '{target}'") from None
        return FileInfo(target)

    def MoveTo(self, destination: Any, overwrite: Any = False) -> None:  # noqa: N802
        """Moves the file; this object then names the new place."""
        target = _full(destination)
        if os.path.exists(target) and not overwrite:
            raise _io_error(f"Cannot create '{target}' because a file or directory with the same name already exists.")
        try:
            shutil.move(self.FullName, target)
        except OSError as exc:
            raise _io_error(f"{exc.strerror} : '{target}'") from None
        self.FullName = target
        self.Refresh()


class DirectoryMethods:
    """DirectoryInfo: Create, CreateSubdirectory, MoveTo and the Enumerate*/Get* listings with a pattern."""

    FullName: str
    Refresh: Any  #: FileSystemInfo.Refresh
    METHODS = ("Create", "CreateSubdirectory", "MoveTo", "EnumerateFiles", "EnumerateDirectories",
               "EnumerateFileSystemInfos")

    def Create(self) -> None:  # noqa: N802
        os.makedirs(self.FullName, exist_ok=True)
        self.Refresh()

    def CreateSubdirectory(self, path: Any) -> Any:  # noqa: N802
        from pyshell.engine.items import DirectoryInfo

        target = os.path.normpath(os.path.join(self.FullName, str(path)))
        os.makedirs(target, exist_ok=True)
        return DirectoryInfo(target)

    def MoveTo(self, destination: Any) -> None:  # noqa: N802
        target = _full(destination)
        if os.path.exists(target):
            raise _io_error(f"Cannot create '{target}' because a file or directory with the same name already exists.")
        try:
            os.rename(self.FullName, target)
        except OSError as exc:
            raise _io_error(f"{exc.strerror} : '{target}'") from None
        self.FullName = target
        self.Refresh()

    def listing(self, pattern: Any = "*", kind: str = "all") -> list[Any]:
        """Children matching a .NET search pattern (* and ?), files or directories or both, sorted by name."""
        from pyshell.engine.items import get_item
        from pyshell.engine.providers.base import culture_key

        text = "*" if pattern is None else str(pattern)
        found = []
        for name in sorted(os.listdir(self.FullName), key=culture_key):
            if not fnmatch.fnmatchcase(name, text):
                continue
            item = get_item(os.path.join(self.FullName, name))
            if kind == "all" or (kind == "dirs") == item.is_container:
                found.append(item)
        return found

    def EnumerateFiles(self, pattern: Any = "*") -> list[Any]:  # noqa: N802
        return self.listing(pattern, "files")

    def EnumerateDirectories(self, pattern: Any = "*") -> list[Any]:  # noqa: N802
        return self.listing(pattern, "dirs")

    def EnumerateFileSystemInfos(self, pattern: Any = "*") -> list[Any]:  # noqa: N802
        return self.listing(pattern, "all")
