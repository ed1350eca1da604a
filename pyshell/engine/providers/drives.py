"""The per-runspace drive table and path resolution through it.

A path names a drive in one of three ways: ``Name:rest`` (a drive qualifier; ``/x`` is the ``/``
drive on Unix), ``Provider::rest`` (provider-qualified), or nothing (relative to the current
drive). ``DriveTable.locate`` does that split once and returns the drive plus the provider's own
path: an absolute-or-relative file system path for FileSystem drives (the drive's root
substituted), the item name for the session-state providers.

The runspace keeps its file system location in ``runspace.location`` (native commands run
there); the table records which drive is current, so ``cd Env:`` changes the current drive and
keeps that directory.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from dataclasses import dataclass
from typing import Any

from pyshell.engine.providers.base import ProviderInfo, PSDriveInfo, home_dir
from pyshell.engine.providers.session import SESSION_PROVIDERS, SessionProvider
from pyshell.errors import PyshellError

__all__ = ["DriveTable", "Located", "drive_table", "drive_not_found", "QUALIFIER"]

#: ``Name:rest`` — a drive qualifier (a name without separators, then one colon)
QUALIFIER = re.compile(r"^([^:/\\]+):(?!:)(.*)$", re.S)
_PROVIDER_QUALIFIED = re.compile(r"^(?:[\w.]+\\)?(\w+)::(.*)$", re.S)


def drive_not_found(name: str) -> PyshellError:
    """DriveNotFoundException in pwsh's words."""
    return PyshellError(f"Cannot find drive. A drive with the name '{name}' does not exist.",
                        error_id="DriveNotFound", category="ObjectNotFound", target=name,
                        reason="DriveNotFoundException")


def _escape(text: str) -> str:
    return re.sub(r"([*?\[\]`])", r"`\1", text)


@dataclass
class Located:
    """Where a path points: its drive and the path inside the drive's provider."""

    drive: PSDriveInfo
    path: str
    #: the session provider when the drive is not a file system drive
    provider: SessionProvider | None = None

    @property
    def is_filesystem(self) -> bool:
        return self.provider is None

    def display(self, name: str | None = None) -> str:
        """The drive-qualified form pwsh puts in messages: ``Env:\\HOME``."""
        return f"{self.drive.Name}:\\{self.path if name is None else name}"


def _under(path: str, root: str) -> bool:
    return root == "/" or path == root or path.startswith(root.rstrip("/") + "/")


class DriveTable:
    """The drives of one runspace (name -> PSDriveInfo) and which one is current."""

    def __init__(self) -> None:
        self.filesystem = ProviderInfo("FileSystem", "Filter, ShouldProcess, Credentials", home_dir(), table=self)
        self.session: dict[str, SessionProvider] = {}
        self.providers: dict[str, ProviderInfo] = {"filesystem": self.filesystem}
        self._drives: dict[str, PSDriveInfo] = {}
        self.add(PSDriveInfo("/", self.filesystem, "/", "/"))
        temp = tempfile.gettempdir().rstrip("/") + "/"
        self.add(PSDriveInfo("Temp", self.filesystem, temp, "Drive that maps to the temporary directory path for "
                                                            "the current user."))
        for cls in SESSION_PROVIDERS:
            provider = cls(self)
            self.session[provider.info.Name.casefold()] = provider
            self.providers[provider.info.Name.casefold()] = provider.info
            self.add(PSDriveInfo(provider.drive_name, provider.info, "", provider.description))
        self.current_name = "/"

    # -- the table ---------------------------------------------------------------------------
    def __iter__(self) -> Any:
        return iter(sorted(self._drives.values(), key=lambda d: d.Name.casefold()))

    def get(self, name: str) -> PSDriveInfo | None:
        return self._drives.get(name.casefold())

    def add(self, drive: PSDriveInfo) -> None:
        self._drives[drive.Name.casefold()] = drive

    def remove(self, name: str) -> None:
        self._drives.pop(name.casefold(), None)
        if self.current_name.casefold() == name.casefold():
            self.current_name = "/"

    def provider_of(self, drive: PSDriveInfo) -> SessionProvider | None:
        """The session provider behind a drive (None for file system drives)."""
        return None if drive.is_filesystem else self.session.get(drive.Provider.Name.casefold())

    def find_provider(self, name: str) -> ProviderInfo | None:
        folded = name.casefold()
        for key, info in self.providers.items():
            if key == folded or f"microsoft.powershell.core\\{key}" == folded:
                return info
        return None

    # -- the current location ------------------------------------------------------------------
    def current(self, rs: Any) -> PSDriveInfo:
        """The current drive; a file system drive stops being current once the location leaves its root."""
        drive = self.get(self.current_name)
        root = self._drives["/"]
        if drive is None:
            return root
        if drive.is_filesystem and drive is not root and not _under(rs.location, drive.root_dir):
            return root
        return drive

    def location_of(self, rs: Any, drive: PSDriveInfo) -> str:
        """A drive's CurrentLocation (below its root, no leading separator)."""
        if drive.is_filesystem and drive is self.current(rs):
            rel = posixpath.relpath(rs.location, drive.root_dir) if rs.location != drive.root_dir else ""
            return "" if rel == "." else rel
        return drive.CurrentLocation

    def refresh(self, rs: Any) -> None:
        """Bring the current drive's CurrentLocation up to date (Get-PSDrive shows it)."""
        drive = self.current(rs)
        drive.CurrentLocation = self.location_of(rs, drive)

    def location_text(self, rs: Any) -> str:
        """The current location as Get-Location shows it: ``/home/me``, ``Env:\\``, ``TestDrive:/sub``."""
        drive = self.current(rs)
        if drive.Name == "/":
            return rs.location
        if not drive.is_filesystem:
            return f"{drive.Name}:\\"
        rel = self.location_of(rs, drive)
        return f"{drive.Name}:/{rel}"

    def path_info(self, rs: Any, text: str | None = None) -> Any:
        """A PathInfo for the current location ($PWD, Get-Location), or for text on the current drive."""
        from pyshell.engine.items import PathInfo

        drive = self.current(rs)
        self.refresh(rs)
        if text is None:
            text = self.location_text(rs)
        provider_path = rs.location if drive.is_filesystem else ""
        return PathInfo(text, provider_path, drive, drive.Provider)

    def enter(self, rs: Any, drive: PSDriveInfo) -> None:
        """Make drive current (the caller has already moved rs.location for a file system drive)."""
        self.refresh(rs)
        self.current_name = drive.Name

    # -- paths ---------------------------------------------------------------------------------
    def locate(self, rs: Any, path: str, literal: bool = True) -> Located:
        """Split a path into drive and provider path; DriveNotFound for an unknown qualifier."""
        qualified = _PROVIDER_QUALIFIED.match(path)
        if qualified:
            info = self.find_provider(qualified.group(1))
            if info is None:
                raise PyshellError(f"Cannot find a provider with the name '{qualified.group(1)}'.",
                                   error_id="ProviderNotFound", category="ObjectNotFound",
                                   target=qualified.group(1), reason="ProviderNotFoundException")
            if info is self.filesystem:
                return Located(self._drives["/"], qualified.group(2))
            provider = self.session[info.Name.casefold()]
            drive = self.get(provider.drive_name) or PSDriveInfo(provider.drive_name, info)
            return Located(drive, _leaf(qualified.group(2)), provider)
        if path.startswith(("/", "~")):
            return Located(self._drives["/"], path)
        match = QUALIFIER.match(path)
        if match:
            named = self.get(match.group(1))
            if named is None:
                raise drive_not_found(match.group(1))
            return self._in_drive(rs, named, match.group(2), literal)
        current = self.current(rs)
        if current.is_filesystem:
            return Located(current, path)
        return Located(current, _leaf(path), self.provider_of(current))

    def _in_drive(self, rs: Any, drive: PSDriveInfo, rest: str, literal: bool) -> Located:
        provider = self.provider_of(drive)
        if provider is not None:
            return Located(drive, _leaf(rest), provider)
        rest = rest.replace("\\", "/")
        root = drive.root_dir if literal else _escape(drive.root_dir)
        if rest.startswith("/"):
            base = root
        else:
            here = self.location_of(rs, drive)
            base = posixpath.join(root, here if literal else _escape(here)) if here else root
        full = posixpath.normpath(posixpath.join(base, rest.lstrip("/"))) if rest.strip("/") else base
        if not _under(full, root):  # X:/.. stays at the drive's root
            full = root
        return Located(drive, full)

    def fs_path(self, rs: Any, path: str) -> str | None:
        """For a path on a New-PSDrive/Temp file system drive, the real path; else None."""
        match = QUALIFIER.match(path)
        if not match:
            return None
        drive = self.get(match.group(1))
        if drive is None or not drive.is_filesystem:
            return None
        return self._in_drive(rs, drive, match.group(2), True).path


def _leaf(rest: str) -> str:
    """A session provider's item name from the text after ``Env:`` (``\\HOME``, ``./HOME``, ``.``)."""
    name = rest.replace("\\", "/").strip("/")
    while name.startswith("./"):
        name = name[2:]
    if name in (".", ".."):
        return ""
    return name


def drive_table(rs: Any) -> DriveTable:
    """The runspace's drive table, made on first use."""
    table = getattr(rs, "drives", None)
    if table is None:
        table = DriveTable()
        rs.drives = table
    return table



#: the drive-qualified variable forms the language resolves through a provider ($function:f, $alias:gci)
PROVIDER_VARIABLE_DRIVES = ("function", "alias")


def read_drive_variable(rs: Any, drive: str, name: str) -> Any:
    """``$function:f`` / ``$alias:gci``: the item's content (a function's script block, an alias's definition)."""
    provider = drive_table(rs).session.get(drive.casefold())
    found = provider.lookup(rs, name) if provider is not None else None
    return None if found is None else provider.content(found[1])  # type: ignore[union-attr]


def assign_drive_variable(rs: Any, drive: str, name: str, value: Any) -> None:
    """``$function:f = { ... }`` / ``$alias:x = 'Get-Date'``: Set-Item on that drive ($null removes)."""
    provider = drive_table(rs).session[drive.casefold()]
    provider.set(rs, name, value, force=True)
