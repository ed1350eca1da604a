"""Shared plumbing of the item, content and location commands: path resolution through the drive
table, -Filter/-Include/-Exclude, ShouldProcess, and the FileSystem provider's error records.

Paths resolve against the runspace's own location; ``-Path`` expands wildcards (case-sensitive, dot
entries hidden unless ``-Force``), ``-LiteralPath`` never does. ``ItemCommand.locate`` says which
drive and provider a path belongs to (``Env:\\HOME``, ``TestDrive:/x``, a plain file path).
"""

from __future__ import annotations

import errno
import os
import posixpath
from collections.abc import Callable, Iterator
from typing import Any, Literal

from pyshell.engine.cmdlet import Cmdlet, Param
from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.items import (
    WildcardPattern,
    escape_wildcards,
    expand_wildcards,
    has_wildcard,
    strip_provider,
    unescape_wildcards,
)
from pyshell.engine.objects import MISSING
from pyshell.engine.providers.base import PSDriveInfo
from pyshell.engine.providers.drives import DriveTable, Located, drive_table
from pyshell.errors import PyshellError

__all__ = [
    "could_not_find",
    "ItemCommand",
    "ShouldProcessCommand",
    "item_error",
    "not_found_error",
    "io_error",
    "as_list",
    "runspace_state",
    "WINDOWS_ONLY_ALIASES",
]

#: Aliases pwsh defines on Windows only (on Linux the names run the native tools); a host that
#: wants Windows-style aliases can register these.
WINDOWS_ONLY_ALIASES = {
    "ls": "Get-ChildItem", "cat": "Get-Content", "cp": "Copy-Item", "mv": "Move-Item", "rm": "Remove-Item",
    "rmdir": "Remove-Item", "ps": "Get-Process", "kill": "Stop-Process", "sleep": "Start-Sleep",
    "start": "Start-Process", "ac": "Add-Content", "sc": "Set-Content", "mount": "New-PSDrive",
}


def item_error(message: str, error_id: str, category: str, target: Any, reason: str) -> PyshellError:
    return PyshellError(message, error_id=error_id, category=category, target=target, reason=reason)


def not_found_error(path: str) -> PyshellError:
    """ItemNotFoundException: ``Cannot find path '/x' because it does not exist.``"""
    return item_error(f"Cannot find path '{path}' because it does not exist.", "PathNotFound", "ObjectNotFound",
                      path, "ItemNotFoundException")


def io_error(exc: OSError, path: str, error_id: str, category: str = "WriteError") -> PyshellError:
    """An OSError in .NET's words: access denied, a missing directory on the way, or the OS message."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EISDIR, errno.EROFS):
        return item_error(f"Access to the path '{path}' is denied.", error_id, "PermissionDenied", path,
                          "UnauthorizedAccessException")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return item_error(f"Could not find a part of the path '{path}'.", error_id, category, path,
                          "DirectoryNotFoundException")
    return item_error(f"{exc.strerror or exc} : '{path}'", error_id, category, path, "IOException")


def as_list(value: Any) -> list[Any]:
    """A [string[]]-style parameter value as a list (None -> [])."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def runspace_state(runspace: Any, attr: str, factory: Callable[[], Any]) -> Any:
    """Per-runspace state a command keeps (location history, the Get-Random generator...).

    Stored as an attribute of the runspace, created on first use.
    """
    state = getattr(runspace, attr, None)
    if state is None:
        state = factory()
        setattr(runspace, attr, state)
    return state


def _patterns(values: Any, case_sensitive: bool = False) -> list[WildcardPattern]:
    return [WildcardPattern(to_string(v), case_sensitive) for v in as_list(values) if v is not None]


class ItemCommand(Cmdlet):
    """Shared plumbing of the item and content commands: path resolution, filters, ShouldProcess."""

    #: [AllowEmptyString] on a mandatory -Path/-LiteralPath (Test-Path); else '' is a binding error
    allow_empty_path = False

    # -- paths -----------------------------------------------------------------------------
    def input_paths(self, default: str | None = None) -> list[tuple[str, bool]]:
        """(path, literal) for each -Path / -LiteralPath value."""
        for name in ("LiteralPath", "Path"):
            param = self.params.get(name)
            if param is None or not param.mandatory or not self.is_bound(name):
                continue
            values = as_list(self.bound[name])
            if not any(p is not None for p in values):
                raise PyshellError(f"Cannot bind argument to parameter '{name}' because it is null.",
                                   error_id="ParameterArgumentValidationErrorNullNotAllowed",
                                   category="InvalidData", reason="ParameterBindingValidationException")
            if not self.allow_empty_path and any(p == "" for p in values):
                raise PyshellError(f"Cannot bind argument to parameter '{name}' because it is an empty string.",
                                   error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed",
                                   category="InvalidData", reason="ParameterBindingValidationException")
        if self.is_bound("LiteralPath"):
            return [(to_string(p), True) for p in as_list(self.bound["LiteralPath"])]
        paths = as_list(self.bound.get("Path"))
        if not paths and default is not None:
            paths = [default]
        return [(to_string(p), False) for p in paths]

    @property
    def drives(self) -> DriveTable:
        return drive_table(self.runspace)

    def locate(self, path: str, literal: bool = True) -> Located:
        """The drive and provider path a path names (raises DriveNotFound for an unknown ``X:``)."""
        return self.drives.locate(self.runspace, path, literal)

    def on_session_drive(self, path: str, literal: bool = True) -> Located | None:
        """Located for a path on Env:/Variable:/Function:/Alias: (or relative to one); None for file paths.

        Plain absolute or relative file paths with no drive in use return None without touching the table.
        """
        if ":" not in path and (getattr(self.runspace, "drives", None) is None or path.startswith(("/", "~"))):
            return None
        located = self.locate(path, literal)
        return None if located.is_filesystem else located

    def fs_drive(self, path: str) -> PSDriveInfo | None:
        """The New-PSDrive/Temp drive a file path is on (None for the ``/`` drive or before any drive use)."""
        if getattr(self.runspace, "drives", None) is None or path.startswith(("/", "~")):
            return None
        try:
            drive = self.locate(path).drive
        except PyshellError:
            return None
        return drive if drive.is_filesystem and drive.Name != "/" else None

    def ps_path(self, target: str, typed: str) -> str:
        """The PowerShell path of a resolved file: ``TestDrive:/x`` when the typed path is on (or, relative,
        resolved from) a drive other than ``/`` and the file lies under its root; else the file path."""
        drive = self.fs_drive(typed)
        if drive is None:
            return target
        root = drive.root_dir.rstrip("/") or "/"
        if target != root and not target.startswith(root.rstrip("/") + "/"):
            return target
        rel = posixpath.relpath(target, root)
        return f"{drive.Name}:/{'' if rel == '.' else rel}"

    @staticmethod
    def on_drive(item: Any, drive: PSDriveInfo | None) -> Any:
        """An item read through a drive other than ``/`` carries that drive as PSDrive, as in pwsh."""
        if drive is not None:
            item.PSDrive = drive
        return item

    def session_target(self, path: str, literal: bool) -> Located | Literal[False] | None:
        """on_session_drive(), writing DriveNotFound (and returning False) for an unknown drive."""
        try:
            return self.on_session_drive(path, literal)
        except PyshellError as exc:
            self.write_error(exc)
            return False

    def full_path(self, path: str, literal: bool = True) -> str:
        """The absolute form of a path (wildcards kept when not literal).

        As the FileSystem provider on Unix, a backslash is a directory separator too.
        """
        path = strip_provider(path).replace("\\", "/")
        if "\0" in path:  # .NET refuses it before touching the file system
            raise item_error("Null character in path.", "ArgumentException", "InvalidArgument", path,
                             "ArgumentException")
        if ":" in path and not path.startswith("/"):
            located = self.locate(path, literal)
            if located.is_filesystem:
                path = located.path
        if literal or not has_wildcard(path):
            return self.runspace.resolve_path(path if literal else unescape_wildcards(path))
        if path.startswith(("/", "~")):
            return self.runspace.resolve_path(path)
        # keep wildcard characters in the location itself from acting as wildcards
        return posixpath.normpath(posixpath.join(escape_wildcards(self.runspace.location), path))

    def resolve(self, path: str, literal: bool, force: bool = False) -> tuple[list[str], bool]:
        """Existing items a path names, and whether it was a wildcard (no match is then no error)."""
        full = self.full_path(path, literal)
        if not literal and has_wildcard(strip_provider(path)):
            return expand_wildcards(full, force=force), True
        return ([full] if os.path.lexists(full) else []), False

    def resolve_or_error(self, path: str, literal: bool, force: bool = False) -> list[str]:
        """Like resolve(), writing PathNotFound when a plain path does not exist."""
        found, wildcard = self.resolve(path, literal, force)
        if not found and not wildcard:
            self.write_error(not_found_error(self.full_path(path, literal)))
        return found

    def filesystem_targets(self, force: bool = False) -> Iterator[tuple[str, str]]:
        """(path as given, existing file-system item) for each input path that passes the filters.

        For the commands the session drives (Env:, Function:...) do not support: those paths get NotSupported.
        """
        from pyshell.commands.session_items import not_supported

        for path, literal in self.input_paths():
            loc = self.session_target(path, literal)
            if loc is not None:
                if loc is not False:
                    self.write_error(not_supported())
                continue
            for target in self.resolve_or_error(path, literal, force):
                if self.passes(target):
                    yield path, target

    # -- filters ---------------------------------------------------------------------------
    def name_filter(self) -> tuple[list[WildcardPattern], list[WildcardPattern], WildcardPattern | None]:
        filt = self.bound.get("Filter")
        return (_patterns(self.bound.get("Include")), _patterns(self.bound.get("Exclude")),
                WildcardPattern(to_string(filt), case_sensitive=True) if filt else None)

    def passes(self, path: str, use_filter: bool = True) -> bool:
        """Whether the item's name passes -Filter (unless use_filter is off), -Include and -Exclude."""
        include, exclude, filt = self.name_filter()
        name = posixpath.basename(path.rstrip("/")) or path
        if use_filter and filt is not None and not filt.match(name) and not (
                filt.pattern.endswith(".*") and "." not in name and WildcardPattern(filt.pattern[:-2], True).match(name)):
            return False  # as .NET on Unix, a trailing ".*" in -Filter also matches names without an extension
        if include and not any(p.match(name) for p in include):
            return False
        return not any(p.match(name) for p in exclude)

    def force(self) -> bool:
        return to_bool(self.bound.get("Force", False))


class ShouldProcessCommand(ItemCommand):
    """An item command that changes something: takes -WhatIf and -Confirm."""

    supports_should_process = True
    WhatIf = Param("switch", aliases=("wi",), help="Shows what would happen without doing it.")
    Confirm = Param("switch", aliases=("cf",), help="Asks before doing it.")

    def should_process(self, target: str, action: str) -> bool:
        """False (after printing pwsh's "What if:" line) when -WhatIf or $WhatIfPreference is set."""
        whatif = self.bound.get("WhatIf")
        if whatif is None:
            pref = self.runspace.get_variable("WhatIfPreference")
            whatif = pref not in (None, MISSING) and to_bool(pref)
        if to_bool(whatif):
            self.write_host(f'What if: Performing the operation "{action}" on target "{target}".')
            return False
        # ShouldProcess also reports the operation on the verbose stream (shown with -Verbose)
        self.write_verbose(f'Performing the operation "{action}" on target "{target}".')
        return True


def could_not_find(path: str) -> PyshellError:
    return item_error(f"Could not find item {path}.", "ItemNotFound", "ObjectNotFound", path, "IOException")


