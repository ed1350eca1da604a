"""File system items as PowerShell sees them (FileInfo, DirectoryInfo, PathInfo) and path wildcards.

The item classes mirror .NET's System.IO types plus the notes the FileSystem provider adds
(PSPath, PSIsContainer...). The wildcard helpers expand ``-Path`` arguments the way the
location globber does on Linux: ``*``, ``?``, ``[a-z]``, backtick escapes, case-sensitive names,
hidden (dot) entries skipped unless forced.
"""

from __future__ import annotations

import datetime as _dt
import grp
import os
import posixpath
import pwd
import re
import stat
from functools import lru_cache
from typing import Any

from pyshell.engine.fsmethods import DirectoryMethods, FileMethods
from pyshell.engine.providers.base import ProviderInfo as _ProviderInfo
from pyshell.engine.providers.base import PSDriveInfo, culture_key, home_dir
from pyshell.errors import PyshellError

__all__ = [
    "PROVIDER",
    "FILE_ATTRIBUTES",
    "FILE_ATTRIBUTE_VALUES",
    "FileSystemInfo",
    "FileInfo",
    "DirectoryInfo",
    "PathInfo",
    "PathInfoStack",
    "DriveInfo",
    "ProviderInfo",
    "get_item",
    "is_hidden",
    "provider_path",
    "strip_provider",
    "has_wildcard",
    "escape_wildcards",
    "unescape_wildcards",
    "WildcardPattern",
    "expand_wildcards",
]

#: The FileSystem provider's qualified name, as in PSPath and PathInfo.Provider.
PROVIDER = "Microsoft.PowerShell.Core\\FileSystem"
_PROVIDER_PREFIXES = (PROVIDER + "::", "FileSystem::")


def strip_provider(path: str) -> str:
    """Remove a provider qualifier (``Microsoft.PowerShell.Core\\FileSystem::/x`` -> ``/x``)."""
    for prefix in _PROVIDER_PREFIXES:
        if path[: len(prefix)].casefold() == prefix.casefold():
            return path[len(prefix):]
    return path


def provider_path(path: str) -> str:
    """The PSPath form of an absolute path."""
    return f"{PROVIDER}::{path}"


def is_hidden(path: str) -> bool:
    """.NET on Unix gives dot-files the Hidden attribute."""
    name = posixpath.basename(path.rstrip("/"))
    return name.startswith(".") and name not in (".", "..")


# -- wildcards ------------------------------------------------------------------------------

def has_wildcard(text: str) -> bool:
    """Whether text holds an unescaped ``*``, ``?`` or ``[``."""
    i = 0
    while i < len(text):
        c = text[i]
        if c == "`":
            i += 2
            continue
        if c in "*?[":
            return True
        i += 1
    return False


def escape_wildcards(text: str) -> str:
    """[WildcardPattern]::Escape: backtick before each wildcard character (and backtick)."""
    return re.sub(r"([*?\[\]`])", r"`\1", text)


def unescape_wildcards(text: str) -> str:
    """Drop the backticks that escape the next character."""
    return re.sub(r"`(.)", r"\1", text, flags=re.S)


class WildcardPattern:
    """A PowerShell wildcard: ``*``, ``?``, ``[abc]``, ``[a-z]``, backtick escapes; whole-string match."""

    __slots__ = ("pattern", "_regex")

    def __init__(self, pattern: str, case_sensitive: bool = False) -> None:
        self.pattern = pattern
        flags = re.S | (0 if case_sensitive else re.I)
        try:
            self._regex = re.compile(_wildcard_regex(pattern), flags)
        except re.error:  # a reversed range such as [z-a]
            raise PyshellError(f"The specified wildcard character pattern is not valid: {pattern}",
                               error_id="WildcardPatternException", category="InvalidArgument",
                               reason="WildcardPatternException") from None

    def match(self, text: str) -> bool:
        return self._regex.fullmatch(text) is not None


def _wildcard_regex(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "`" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[" and (end := pattern.find("]", i + 1)) > i + 1:
            body = pattern[i + 1 : end]
            out.append("[" + "".join(ch if ch == "-" else re.escape(ch) for ch in body) + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def expand_wildcards(pattern: str, *, force: bool = False) -> list[str]:
    """Existing paths matching an absolute wildcard path, sorted per component.

    Hidden entries only match when ``force`` is set or the component itself starts with a dot.
    """
    current = ["/"]
    for part in pattern.split("/"):
        if not part:
            continue
        found: list[str] = []
        if has_wildcard(part):
            matcher = WildcardPattern(part, case_sensitive=True)
            dot_ok = force or part.startswith(".")
            for base in current:
                try:
                    names = sorted(os.listdir(base), key=culture_key)
                except OSError:
                    continue
                found.extend(posixpath.join(base, name) for name in names
                             if (dot_ok or not name.startswith(".")) and matcher.match(name))
        else:
            literal = unescape_wildcards(part)
            found = [posixpath.join(base, literal) for base in current]
        current = found
    return [p for p in current if os.path.lexists(p)]


# -- items ----------------------------------------------------------------------------------

def _local(ts: float) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(ts)


def _utc(ts: float) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(ts, _dt.UTC)


_UNIX_FILE_MODE_BITS = (  # ascending value order, as [Flags] enums print
    (stat.S_IXOTH, "OtherExecute"), (stat.S_IWOTH, "OtherWrite"), (stat.S_IROTH, "OtherRead"),
    (stat.S_IXGRP, "GroupExecute"), (stat.S_IWGRP, "GroupWrite"), (stat.S_IRGRP, "GroupRead"),
    (stat.S_IXUSR, "UserExecute"), (stat.S_IWUSR, "UserWrite"), (stat.S_IRUSR, "UserRead"),
    (stat.S_ISVTX, "StickyBit"), (stat.S_ISGID, "SetGroup"), (stat.S_ISUID, "SetUser"),
)


def _extension(name: str) -> str:
    """Path.GetExtension: from the last dot (a leading dot counts), '' for a trailing dot."""
    dot = name.rfind(".")
    return "" if dot < 0 or dot == len(name) - 1 else name[dot:]


@lru_cache(maxsize=256)
def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@lru_cache(maxsize=256)
def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


FILE_ATTRIBUTES = ("ReadOnly", "Hidden", "System", "Directory", "Archive", "Device", "Normal", "Temporary",
                    "SparseFile", "ReparsePoint", "Compressed", "Offline", "NotContentIndexed", "Encrypted",
                    "IntegrityStream", "NoScrubData")
FILE_ATTRIBUTE_VALUES = (1, 2, 4, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 131072)


def _file_attributes() -> Any:
    """The [System.IO.FileAttributes] flags enum (registered once, on first use)."""
    from pyshell.engine.enums import ENUM_TYPES, EnumType

    name = "System.IO.FileAttributes"
    etype = ENUM_TYPES.get(name)
    if etype is None:
        etype = ENUM_TYPES[name] = EnumType(name, FILE_ATTRIBUTES, FILE_ATTRIBUTE_VALUES, True)
    return etype


def _attribute_bits(value: Any) -> int:
    """A FileAttributes value given as a number, an enum value or names ("ReadOnly, Hidden")."""
    number = getattr(value, "value__", None)
    if number is not None:
        return int(number)
    if isinstance(value, int):
        return value
    bits = 0
    lookup = {n.casefold(): v for n, v in zip(FILE_ATTRIBUTES, FILE_ATTRIBUTE_VALUES, strict=True)}
    for part in str(value).split(","):
        name = part.strip().casefold()
        if name not in lookup:
            raise PyshellError(f"Cannot convert value \"{value}\" to type \"System.IO.FileAttributes\". Error: "
                               f"\"Unable to match the identifier name {part.strip()} to a valid enumerator name. "
                               f"Specify one of the following enumerator names and try again:\n"
                               f"{', '.join(FILE_ATTRIBUTES)}\"", error_id="InvalidCastFromStringToEnum",
                               category="InvalidArgument", reason="PSInvalidCastException")
        bits |= lookup[name]
    return bits


class FileSystemInfo:
    """What FileInfo and DirectoryInfo share: a stat snapshot taken at construction (Refresh() retakes it)."""

    PS_METHODS: tuple[str, ...] = ("ToString", "Refresh", "Delete")
    is_container = False

    def __init__(self, path: str) -> None:
        self.FullName = path
        self.Refresh()

    def Refresh(self) -> None:  # noqa: N802 - .NET method name
        path = self.FullName
        self.Name = posixpath.basename(path.rstrip("/")) or "/"
        self.PSPath = provider_path(path)
        parent = posixpath.dirname(path.rstrip("/")) if path != "/" else ""
        self.PSParentPath = provider_path(parent) if parent else ""
        self.PSChildName = self.Name
        self.PSDrive = DriveInfo()
        self.PSProvider = ProviderInfo()
        self.PSIsContainer = self.is_container
        self.Extension = _extension(self.Name)
        self.BaseName = self.Name[: len(self.Name) - len(self.Extension)] if not self.is_container else self.Name
        try:
            st = os.lstat(path)
        except OSError:
            self._missing()
            return
        self.Exists = True
        link = stat.S_ISLNK(st.st_mode)
        target = os.readlink(path) if link else None
        hard = not link and not stat.S_ISDIR(st.st_mode) and st.st_nlink > 1
        self.LinkType = "SymbolicLink" if link else "HardLink" if hard else None
        self.Target = target
        self.LinkTarget = target
        self.ResolvedTarget = os.path.realpath(path) if link else path
        born = getattr(st, "st_birthtime", None) or min(st.st_ctime, st.st_mtime)
        self.CreationTime, self.CreationTimeUtc = _local(born), _utc(born)
        self.LastAccessTime, self.LastAccessTimeUtc = _local(st.st_atime), _utc(st.st_atime)
        self.LastWriteTime, self.LastWriteTimeUtc = _local(st.st_mtime), _utc(st.st_mtime)
        self.UnixMode = stat.filemode(st.st_mode)
        self.UnixFileMode = ", ".join(n for bit, n in _UNIX_FILE_MODE_BITS if st.st_mode & bit) or "None"
        self.User = _user_name(st.st_uid)
        self.Group = _group_name(st.st_gid)
        self.Size = st.st_size
        self.read_only = not st.st_mode & stat.S_IWUSR
        self._attrs = self._attributes(link)
        self.Mode = self._mode(link)
        self.ModeWithoutHardLink = self.Mode

    def _missing(self) -> None:
        self.Exists = False
        self.LinkType = self.Target = self.LinkTarget = None
        self.ResolvedTarget = self.FullName
        never = _dt.datetime(1601, 1, 1)
        self.CreationTime = self.LastAccessTime = self.LastWriteTime = never
        self.CreationTimeUtc = self.LastAccessTimeUtc = self.LastWriteTimeUtc = never.replace(tzinfo=_dt.UTC)
        self.UnixMode, self.UnixFileMode, self.User, self.Group, self.Size = "", "None", "", "", 0
        self.read_only = False
        self._attrs = _file_attributes().make(-1)
        self.Mode = self.ModeWithoutHardLink = ""

    def _attributes(self, link: bool) -> Any:
        bits = 0
        if self.read_only:
            bits |= 1
        if is_hidden(self.FullName):
            bits |= 2
        if self.is_container:
            bits |= 16
        if link:
            bits |= 1024
        return _file_attributes().make(bits or 128)

    @property
    def Attributes(self) -> Any:  # noqa: N802
        return self._attrs

    @Attributes.setter
    def Attributes(self, value: Any) -> None:  # noqa: N802
        """$item.Attributes = 'ReadOnly': on Unix only ReadOnly changes the file (its write bits)."""
        self.set_read_only(bool(_attribute_bits(value) & 1))

    def set_read_only(self, read_only: bool) -> None:
        """Clear (or restore, within the umask) the write bits, as .NET's ReadOnly attribute does on Unix."""
        mode = os.stat(self.FullName).st_mode
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.FullName, (mode & ~0o222) if read_only else (mode | ((0o222 & ~mask) or 0o200)))
        self.Refresh()

    def _mode(self, link: bool) -> str:
        first = "l" if link else ("d" if self.is_container else "-")
        return first + "-" + ("r" if self.read_only else "-") + ("h" if is_hidden(self.FullName) else "-") + "-"

    @property
    def hidden(self) -> bool:
        return is_hidden(self.FullName)

    def Delete(self) -> None:  # noqa: N802
        if self.is_container and not os.path.islink(self.FullName):
            os.rmdir(self.FullName)
        else:
            os.unlink(self.FullName)

    def ps_to_string(self) -> str:
        return self.FullName

    ToString = ps_to_string

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.FullName!r})"


_COMMON_HEAD = ("PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer", "Mode",
                "ModeWithoutHardLink", "BaseName", "ResolvedTarget", "Target", "LinkType")
_COMMON_TAIL = ("CreationTime", "CreationTimeUtc", "LastAccessTime", "LastAccessTimeUtc", "LastWriteTime",
                "LastWriteTimeUtc", "LinkTarget", "UnixFileMode", "Attributes", "UnixMode", "User", "Group", "Size")


class FileInfo(FileSystemInfo, FileMethods):
    """A file (or a symbolic link to one), as Get-ChildItem and Get-Item return it."""

    PS_TYPE_NAMES = ("System.IO.FileInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object")
    PS_PROPERTIES = _COMMON_HEAD + ("Length", "DirectoryName", "Directory", "IsReadOnly", "Exists", "FullName",
                                    "Extension", "Name") + _COMMON_TAIL
    PS_METHODS = FileSystemInfo.PS_METHODS + FileMethods.METHODS

    @property
    def Length(self) -> int:  # noqa: N802
        return self.Size

    @property
    def DirectoryName(self) -> str:  # noqa: N802
        return posixpath.dirname(self.FullName) or "/"

    @property
    def Directory(self) -> DirectoryInfo:  # noqa: N802
        return DirectoryInfo(self.DirectoryName)

    @property
    def IsReadOnly(self) -> bool:  # noqa: N802
        return self.read_only

    @IsReadOnly.setter
    def IsReadOnly(self, value: Any) -> None:  # noqa: N802
        self.set_read_only(bool(value))


class DirectoryInfo(FileSystemInfo, DirectoryMethods):
    """A directory (or a symbolic link to one)."""

    PS_TYPE_NAMES = ("System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject",
                     "System.Object")
    PS_PROPERTIES = _COMMON_HEAD + ("Parent", "Root", "FullName", "Extension", "Name", "Exists") + _COMMON_TAIL
    PS_METHODS = FileSystemInfo.PS_METHODS + ("GetFiles", "GetDirectories", "GetFileSystemInfos",
                                              *DirectoryMethods.METHODS)
    is_container = True

    @property
    def Parent(self) -> DirectoryInfo | None:  # noqa: N802
        if self.FullName == "/":
            return None
        return DirectoryInfo(posixpath.dirname(self.FullName.rstrip("/")) or "/")

    @property
    def Root(self) -> DirectoryInfo:  # noqa: N802
        return DirectoryInfo("/") if self.FullName != "/" else self

    def GetFiles(self, pattern: Any = "*") -> list[FileInfo | DirectoryInfo]:  # noqa: N802
        return self.listing(pattern, "files")

    def GetDirectories(self, pattern: Any = "*") -> list[FileInfo | DirectoryInfo]:  # noqa: N802
        return self.listing(pattern, "dirs")

    def GetFileSystemInfos(self, pattern: Any = "*") -> list[FileInfo | DirectoryInfo]:  # noqa: N802
        return self.listing(pattern, "all")


def get_item(path: str) -> FileInfo | DirectoryInfo:
    """The item at an absolute path: DirectoryInfo for directories and links to them, else FileInfo."""
    return DirectoryInfo(path) if os.path.isdir(path) else FileInfo(path)


# -- locations ------------------------------------------------------------------------------

def ProviderInfo() -> _ProviderInfo:  # noqa: N802 - stands in for the .NET type
    """The FileSystem provider object shared by items made without a runspace's drive table."""
    global _FS_PROVIDER
    if _FS_PROVIDER is None:
        _FS_PROVIDER = _ProviderInfo("FileSystem", "Filter, ShouldProcess, Credentials", home_dir())
    return _FS_PROVIDER


def DriveInfo() -> PSDriveInfo:  # noqa: N802 - stands in for the .NET type
    """The ``/`` drive, for items made without a runspace's drive table."""
    global _ROOT_DRIVE
    if _ROOT_DRIVE is None:
        _ROOT_DRIVE = PSDriveInfo("/", ProviderInfo(), "/", "/")
    return _ROOT_DRIVE


_FS_PROVIDER: _ProviderInfo | None = None
_ROOT_DRIVE: PSDriveInfo | None = None


class PathInfo:
    """A location (Get-Location, Resolve-Path, $PWD): ToString() is its path."""

    PS_TYPE_NAMES = ("System.Management.Automation.PathInfo", "System.Object")
    PS_PROPERTIES = ("Drive", "Provider", "ProviderPath", "Path")

    def __init__(self, path: str, provider_path: str | None = None, drive: PSDriveInfo | None = None,
                 provider: _ProviderInfo | None = None) -> None:
        self.Path = path
        self.ProviderPath = path if provider_path is None else provider_path
        self.Drive = drive if drive is not None else DriveInfo()
        self.Provider = provider if provider is not None else (drive.Provider if drive is not None else ProviderInfo())

    def ps_to_string(self) -> str:
        return self.Path

    ToString = ps_to_string

    def __repr__(self) -> str:
        return f"PathInfo({self.Path!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PathInfo) and other.Path == self.Path

    def __hash__(self) -> int:
        return hash(self.Path)


class PathInfoStack(list):  # type: ignore[type-arg]
    """A named location stack (Get-Location -Stack): its PathInfo items, top first, and ToArray()/Peek()."""

    PS_TYPE_NAMES = ("System.Management.Automation.PathInfoStack",
                     "System.Collections.Generic.Stack`1[[System.Management.Automation.PathInfo, "
                     "System.Management.Automation]]", "System.Object")
    PS_METHODS = ("ToArray", "Peek", "Contains")

    def __init__(self, name: str, items: list[PathInfo]) -> None:
        super().__init__(items)
        self.Name = name

    @property
    def Count(self) -> int:  # noqa: N802
        return len(self)

    def ToArray(self) -> list[PathInfo]:  # noqa: N802
        return list(self)

    def Peek(self) -> PathInfo:  # noqa: N802
        if not self:
            from pyshell.errors import PyshellError

            raise PyshellError("Stack empty.", error_id="InvalidOperationException", category="InvalidOperation",
                               reason="InvalidOperationException")
        return self[0]

    def Contains(self, item: object) -> bool:  # noqa: N802
        return item in self
