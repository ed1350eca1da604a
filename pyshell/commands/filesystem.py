"""File system item commands: Get-ChildItem, Get-Item, Test-Path, New-Item, Remove-Item, Copy-Item, Move-Item,
Rename-Item, with the FileSystem provider's behaviour and messages on Linux.

Paths resolve against the runspace's own location; ``-Path`` expands wildcards (case-sensitive, dot
entries hidden unless ``-Force``), ``-LiteralPath`` never does. The helpers at the top (ItemCommand,
not_found_error, io_error) are shared with content.py and location.py.
"""

from __future__ import annotations

import errno
import os
import posixpath
import shutil
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.items import (
    DirectoryInfo,
    FileInfo,
    WildcardPattern,
    escape_wildcards,
    expand_wildcards,
    get_item,
    has_wildcard,
    is_hidden,
    strip_provider,
    unescape_wildcards,
)
from pyshell.engine.objects import MISSING
from pyshell.errors import PyshellError

__all__ = [
    "ItemCommand",
    "ShouldProcessCommand",
    "item_error",
    "not_found_error",
    "io_error",
    "as_list",
    "runspace_state",
    "GetChildItem",
    "GetItem",
    "TestPath",
    "NewItem",
    "RemoveItem",
    "CopyItem",
    "MoveItem",
    "RenameItem",
    "WINDOWS_ONLY_ALIASES",
]

#: Aliases pwsh defines on Windows only (on Linux the names run the native tools); a host that
#: wants Windows-style aliases can register these.
WINDOWS_ONLY_ALIASES = {
    "ls": "Get-ChildItem", "cat": "Get-Content", "cp": "Copy-Item", "mv": "Move-Item", "rm": "Remove-Item",
    "rmdir": "Remove-Item", "ps": "Get-Process", "kill": "Stop-Process", "sleep": "Start-Sleep",
    "start": "Start-Process", "ac": "Add-Content", "sc": "Set-Content",
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

    # -- paths -----------------------------------------------------------------------------
    def input_paths(self, default: str | None = None) -> list[tuple[str, bool]]:
        """(path, literal) for each -Path / -LiteralPath value."""
        for name in ("LiteralPath", "Path"):
            param = self.params.get(name)
            if param is not None and param.mandatory and self.is_bound(name) and not any(
                    p is not None for p in as_list(self.bound[name])):
                raise PyshellError(f"Cannot bind argument to parameter '{name}' because it is null.",
                                   error_id="ParameterArgumentValidationErrorNullNotAllowed",
                                   category="InvalidData", reason="ParameterBindingValidationException")
        if self.is_bound("LiteralPath"):
            return [(to_string(p), True) for p in as_list(self.bound["LiteralPath"])]
        paths = as_list(self.bound.get("Path"))
        if not paths and default is not None:
            paths = [default]
        return [(to_string(p), False) for p in paths]

    def full_path(self, path: str, literal: bool = True) -> str:
        """The absolute form of a path (wildcards kept when not literal)."""
        path = strip_provider(path)
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

    # -- filters ---------------------------------------------------------------------------
    def name_filter(self) -> tuple[list[WildcardPattern], list[WildcardPattern], WildcardPattern | None]:
        filt = self.bound.get("Filter")
        return (_patterns(self.bound.get("Include")), _patterns(self.bound.get("Exclude")),
                WildcardPattern(to_string(filt), case_sensitive=True) if filt else None)

    def passes(self, path: str) -> bool:
        """Whether the item's name passes -Filter, -Include and -Exclude."""
        include, exclude, filt = self.name_filter()
        name = posixpath.basename(path.rstrip("/")) or path
        if filt is not None and not filt.match(name):
            return False
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
        return True


def _could_not_find(path: str) -> PyshellError:
    return item_error(f"Could not find item {path}.", "ItemNotFound", "ObjectNotFound", path, "IOException")


# -- Get-ChildItem --------------------------------------------------------------------------

@command("Get-ChildItem", aliases=("gci", "dir"), default_set="Items")
class GetChildItem(ItemCommand):
    """Gets the items and child items in one or more specified locations."""

    Path = Param("string[]", position=0, pipeline=True, by_property_name=True, sets=("Items",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralItems",))
    Filter = Param("string", position=1)
    Include = Param("string[]")
    Exclude = Param("string[]")
    Recurse = Param("switch", aliases=("s",))
    Depth = Param("uint32")
    Force = Param("switch")
    Name = Param("switch")
    File = Param("switch", aliases=("af",))
    Directory = Param("switch", aliases=("ad", "d"))
    Hidden = Param("switch", aliases=("ah", "h"))
    ReadOnly = Param("switch", aliases=("ar",))
    FollowSymlink = Param("switch")

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths("."):
            yield from self._list(path, literal)

    def _list(self, path: str, literal: bool) -> Iterator[Any]:
        recurse = bool(self.Recurse) or self.is_bound("Depth")
        depth = int(self.Depth) if self.is_bound("Depth") else -1
        leaf: WildcardPattern | None = None
        full = self.full_path(path, literal)
        wildcard = not literal and has_wildcard(strip_provider(path))
        if wildcard and recurse:
            parent, pattern = posixpath.split(full)
            if not has_wildcard(parent):  # gci *.txt -Recurse: the leaf filters every level
                leaf = WildcardPattern(pattern, case_sensitive=True)
                full, wildcard = unescape_wildcards(parent) or "/", False
        if wildcard:
            targets = expand_wildcards(full, force=self.force() or bool(self.Hidden))
        else:
            targets = [full] if os.path.lexists(full) else []
            if not targets:
                self.write_error(not_found_error(full))
                return
        for target in targets:
            if os.path.isdir(target):
                yield from self._walk(target, "", depth if recurse else 0, leaf, {os.path.realpath(target)})
            elif not wildcard and is_hidden(target) and not (self.force() or self.Hidden):
                self.write_error(_could_not_find(target))
            else:
                item = get_item(target)
                if self._wanted(item, leaf):
                    yield item.Name if self.Name else item

    def _wanted(self, item: FileInfo | DirectoryInfo, leaf: WildcardPattern | None) -> bool:
        if self.File and item.is_container or self.Directory and not item.is_container:
            return False
        if self.Hidden and not item.hidden or self.ReadOnly and not item.read_only:
            return False
        if leaf is not None and not leaf.match(item.Name):
            return False
        return self.passes(item.FullName)

    def _walk(self, directory: str, rel: str, depth: int, leaf: WildcardPattern | None,
              visited: set[str]) -> Iterator[Any]:
        try:
            names = sorted(os.listdir(directory))
        except OSError as exc:
            self.write_error(io_error(exc, directory, "DirUnauthorizedAccessError", "ReadError"))
            return
        show_hidden = self.force() or bool(self.Hidden)
        items = [get_item(posixpath.join(directory, n)) for n in names if show_hidden or not n.startswith(".")]
        ordered = [i for i in items if i.is_container] + [i for i in items if not i.is_container]
        for item in ordered:
            self.check_stop()
            if self._wanted(item, leaf):
                yield rel + item.Name if self.Name else item
        if depth == 0:
            return
        for item in ordered:
            if not item.is_container or (item.LinkType and not self.FollowSymlink):
                continue
            real = os.path.realpath(item.FullName)
            if real in visited:
                self.write_warning(f"Skip already-visited directory {item.FullName}.")
                continue
            yield from self._walk(item.FullName, rel + item.Name + "/", depth - 1, leaf, visited | {real})


@command("Convert-Path", aliases=("cvpa",), default_set="Path")
class ConvertPath(ItemCommand):
    """Converts a path from a PowerShell path to a PowerShell provider path."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths():
            found, wildcard = self.resolve(path, literal, force=True)
            if not found:
                full = self.full_path(path, literal)
                self.write_error(not_found_error(full) if not wildcard else item_error(
                    f"Cannot find path '{full}' because it does not exist.", "ItemNotFound", "ObjectNotFound",
                    full, "ItemNotFoundException"))
            yield from found


@command("Set-ItemProperty", aliases=("sp",), default_set="propertyValuePathSet")
class SetItemProperty(ShouldProcessCommand):
    """Sets a property of a file system item (IsReadOnly, Attributes, and the time stamps)."""

    Path = Param("string[]", position=0, mandatory=True, by_property_name=True, sets=("propertyValuePathSet",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("propertyValueLiteralPathSet",))
    Name = Param("string", position=1, mandatory=True, by_property_name=True, aliases=("PSProperty",))
    Value = Param("object", position=2, by_property_name=True)
    PassThru = Param("switch")
    Force = Param("switch")
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")

    def process(self) -> Iterator[Any]:
        name = to_string(self.Name)
        for path, literal in self.input_paths():
            for target in self.resolve_or_error(path, literal, self.force()):
                if not self.passes(target):
                    continue
                if not self.should_process(f"Item: {target} Property: {name}", "Set Property"):
                    continue
                try:
                    self._set(target, name, self.Value)
                except OSError as exc:
                    self.write_error(io_error(exc, target, "SetItemPropertyIOError"))
                    continue
                if self.PassThru:
                    yield get_item(target)

    def _set(self, target: str, name: str, value: Any) -> None:
        key = name.casefold()
        if key in ("isreadonly", "attributes"):
            if key == "isreadonly":
                read_only = to_bool(value)
            else:
                read_only = "readonly" in to_string(value).casefold().replace(" ", "").split(",")
            mode = os.stat(target).st_mode
            write_bits = 0o222 & ~_umask_bits()
            os.chmod(target, (mode & ~0o222) if read_only else (mode | (write_bits or 0o200)))
            return
        times = {"lastwritetime": "m", "lastwritetimeutc": "m", "lastaccesstime": "a", "lastaccesstimeutc": "a",
                 "creationtime": "m", "creationtimeutc": "m"}
        if key in times and hasattr(value, "timestamp"):
            stamp = value.timestamp()
            st = os.stat(target)
            atime, mtime = st.st_atime, st.st_mtime
            if times[key] == "a":
                atime = stamp
            else:
                mtime = stamp
            os.utime(target, (atime, mtime))
            return
        raise item_error(f"The property {name} does not exist or was not found.", "SetPropertyError",
                         "ObjectNotFound", name, "PSArgumentException")


def _umask_bits() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- Get-Item, Test-Path --------------------------------------------------------------------

@command("Get-Item", aliases=("gi",), default_set="Path")
class GetItem(ItemCommand):
    """Gets the item at the specified location."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    Force = Param("switch")

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths():
            found, wildcard = self.resolve(path, literal, self.force())
            if not found and not wildcard:
                self.write_error(not_found_error(self.full_path(path, literal)))
            for target in found:
                if not self.passes(target):
                    continue
                # pwsh finds hidden items by literal path only with -Force (or, for a directory, a trailing /)
                if is_hidden(target) and not self.force() and not wildcard and not path.endswith("/"):
                    self.write_error(_could_not_find(target))
                    continue
                yield get_item(target)


@command("Test-Path", default_set="Path")
class TestPath(ItemCommand):
    """Determines whether all elements of a path exist."""

    __test__ = False  # not a pytest test class, despite the name

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    PathType = Param("string", aliases=("Type",), validate_set=("Any", "Container", "Leaf"), default="Any")
    IsValid = Param("switch")
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    OlderThan = Param("datetime")
    NewerThan = Param("datetime")

    def process(self) -> Iterator[Any]:
        name = "LiteralPath" if self.is_bound("LiteralPath") else "Path"
        raw = self.bound.get(name)
        values = list(raw) if isinstance(raw, (list, tuple)) else [raw]
        if not values or all(v is None for v in values):  # [AllowNull], but each $null is an error
            for _ in values or [None]:
                self.write_error(PyshellError(f"Cannot bind argument to parameter '{name}' because it is null.",
                                              error_id="NullPathNotPermitted", category="InvalidData"))
            return
        paths = self.input_paths()
        if not paths:
            yield False
        for path, literal in paths:
            yield self._test(path, literal)

    def _provider_item(self, path: str) -> bool | None:
        """For Alias:/Env:/Variable:/Function: paths, whether the item exists (None: a file system path)."""
        path = path.replace("\\", "/")
        colon = path.find(":")
        if colon <= 0 or "/" in path[:colon]:
            return None
        drive = path[:colon].casefold()
        if drive not in ("alias", "env", "variable", "function"):
            return None
        name = path[colon + 1:].strip("/")
        if not name:
            return True
        return _session_item_exists(self.runspace, drive, name)

    def _test(self, path: str, literal: bool) -> bool:
        if path is None or not path.strip():
            return False
        if self.IsValid:
            return "\0" not in path and _valid_drive(path)
        provider = self._provider_item(path)
        if provider is not None:
            return provider and to_string(self.PathType or "Any").casefold() != "container"
        found, _ = self.resolve(path, literal, force=True)
        kind = to_string(self.PathType or "Any").casefold()
        for target in found:
            if not self.passes(target):
                continue
            if kind == "container" and not os.path.isdir(target):
                continue
            if kind == "leaf" and os.path.isdir(target):
                continue
            if self.OlderThan is not None or self.NewerThan is not None:
                written = get_item(target).LastWriteTime
                if self.OlderThan is not None and not written < _naive(self.OlderThan):
                    continue
                if self.NewerThan is not None and not written > _naive(self.NewerThan):
                    continue
            return True
        return False


_LINUX_DRIVES = frozenset({"alias", "env", "function", "temp", "variable"})


def _valid_drive(path: str) -> bool:
    """Test-Path -IsValid: a drive qualifier (text before the first ':' with no '/' in it) must name a drive."""
    path = strip_provider(path)
    colon = path.find(":")
    if colon < 0 or "/" in path[:colon] or "\\" in path[:colon]:
        return True
    return path[:colon].casefold() in _LINUX_DRIVES


def _session_item_exists(runspace: Any, drive: str, name: str) -> bool:
    """Whether Alias:/Env:/Variable:/Function: name exists (wildcards allowed)."""
    from pyshell.engine.items import WildcardPattern

    if drive == "env":
        names: Iterable[str] = runspace.process_environment().keys()
    elif drive == "alias":
        from pyshell.commands.index import ALIASES

        names = [*ALIASES.keys(), *(to_string(k) for k in runspace.aliases.keys())]
    elif drive == "variable":
        return has_wildcard(name) or runspace.get_variable(name) is not MISSING
    else:
        return has_wildcard(name) or runspace.scope.lookup_function(name) is not None
    if not has_wildcard(name):
        folded = name.casefold()
        return any(n.casefold() == folded for n in names)
    pattern = WildcardPattern(name)
    return any(pattern.match(n) for n in names)


def _naive(value: Any) -> Any:
    if isinstance(value, str):
        from pyshell.engine.types import parse_datetime

        value = parse_datetime(value)
    return value.astimezone().replace(tzinfo=None) if getattr(value, "tzinfo", None) else value


# -- New-Item -------------------------------------------------------------------------------

_ITEM_TYPES = ("File", "Directory", "SymbolicLink", "HardLink", "Junction")


@command("New-Item", aliases=("ni",), default_set="pathSet")
class NewItem(ShouldProcessCommand):
    """Creates a new item (file, directory, symbolic link)."""

    Path = Param("string[]", position=0, by_property_name=True)
    Name = Param("string", by_property_name=True)
    ItemType = Param("string", by_property_name=True, aliases=("Type",))
    Value = Param("object", pipeline=True, by_property_name=True, aliases=("Target",))
    Force = Param("switch")

    def process(self) -> Iterator[Any]:
        kind = self._kind()
        paths = as_list(self.Path) or ([self.runspace.location] if self.Name else [])
        if not paths:
            raise PyshellError("Cannot process command because of one or more missing mandatory parameters: Path.",
                               error_id="MissingMandatoryParameter", category="InvalidArgument",
                               reason="ParameterBindingException")
        for raw in paths:
            target = self.full_path(to_string(raw))
            if self.Name:
                target = posixpath.join(target, to_string(self.Name))
            action = {"Directory": "Create Directory", "SymbolicLink": "Create Symbolic Link",
                      "HardLink": "Create Hard Link"}.get(kind, "Create File")
            if not self.should_process(f"Destination: {target}", action):
                continue
            item = self._create(kind, target)
            if item is not None:
                yield item

    def _kind(self) -> str:
        requested = to_string(self.ItemType or "File").strip()
        for kind in _ITEM_TYPES:
            if requested and kind.casefold().startswith(requested.casefold()):
                return "SymbolicLink" if kind == "Junction" else kind
        raise item_error('The type is not a known type for the file system. Only "file","directory" or '
                         '"symboliclink" can be specified.', "Argument", "InvalidArgument", requested,
                         "ArgumentException")

    def _create(self, kind: str, target: str) -> FileInfo | DirectoryInfo | None:
        try:
            if kind == "Directory":
                return self._directory(target)
            if kind in ("SymbolicLink", "HardLink"):
                return self._link(kind, target)
            return self._file(target)
        except OSError as exc:
            self.write_error(io_error(exc, target, "NewItemIOError"))
            return None

    def _directory(self, target: str) -> DirectoryInfo | None:
        if os.path.lexists(target):
            if self.force() and os.path.isdir(target):
                return DirectoryInfo(target)
            self.write_error(item_error(f"An item with the specified name {target} already exists.",
                                        "DirectoryExist", "ResourceExists", target, "IOException"))
            return None
        os.makedirs(target)
        return DirectoryInfo(target)

    def _file(self, target: str) -> FileInfo | None:
        if os.path.isdir(target):
            self.write_error(item_error(f"Access to the path '{target}' is denied.",
                                        "NewItemUnauthorizedAccessError", "PermissionDenied", target,
                                        "UnauthorizedAccessException"))
            return None
        if os.path.lexists(target) and not self.force():
            self.write_error(item_error(f"The file '{target}' already exists.", "NewItemIOError", "WriteError",
                                        target, "IOException"))
            return None
        parent = posixpath.dirname(target)
        if self.force() and parent:
            os.makedirs(parent, exist_ok=True)
        text = "" if self.Value is None else to_string(self.Value)
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return FileInfo(target)

    def _link(self, kind: str, target: str) -> FileInfo | DirectoryInfo | None:
        source = "" if self.Value is None else to_string(self.Value).strip()
        if not source:
            err = item_error("Value cannot be null. (Parameter 'content')", "ArgumentNull", "InvalidArgument",
                             target, "ArgumentNullException")
            raise err
        if kind == "SymbolicLink":
            source = source.replace("\\", "/")
        source_full = self.full_path(source)
        if os.path.lexists(target):
            if not self.force() or os.path.isdir(target) and not os.path.islink(target):
                self.write_error(item_error(f"Cannot create link because the path already exists: {target}.",
                                            "SymLinkExists", "ResourceExists", target, "IOException"))
                return None
            os.unlink(target)
        if kind == "HardLink":
            if not os.path.exists(source_full):
                self.write_error(not_found_error(source_full))
                return None
            os.link(source_full, target)
        else:
            os.symlink(source, target)
        return get_item(target)


# -- Remove-Item ----------------------------------------------------------------------------

@command("Remove-Item", aliases=("del", "erase", "rd", "ri"), default_set="Path")
class RemoveItem(ShouldProcessCommand):
    """Deletes the specified items."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    Recurse = Param("switch", aliases=("r",))
    Force = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._yes_to_all = False
        self._no_to_all = False
        return ()

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths():
            for target in self.resolve_or_error(path, literal, self.force()):
                self.check_stop()
                if self.passes(target):
                    self._remove(target)
        return iter(())

    def _remove(self, target: str) -> None:
        is_dir = os.path.isdir(target) and not os.path.islink(target)
        if not self.should_process(target, "Remove Directory" if is_dir else "Remove File"):
            return
        if not is_dir:
            self._remove_file(target)
            return
        try:
            has_children = bool(os.listdir(target))
        except OSError as exc:
            self.write_error(io_error(exc, target, "RemoveFileSystemItemIOError"))
            return
        if has_children and not self.Recurse and not self._confirm_children(target):
            return
        self._remove_dir(target)

    def _confirm_children(self, target: str) -> bool:
        """pwsh asks before removing a non-empty directory without -Recurse; without a user it is an error."""
        if self._yes_to_all:
            return True
        if self._no_to_all:
            return False
        host = getattr(self.runspace, "host", None)
        if host is not None and getattr(host, "interactive", False):
            message = (f"The item at {target} has children and the Recurse parameter was not specified. If you "
                       "continue, all children will be removed with the item. Are you sure you want to continue?")
            self.write_host("Confirm")
            self.write_host(message)
            try:
                answer = host.read_line('[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help '
                                        '(default is "Y"): ')
            except EOFError:
                answer = "n"
            answer = answer.strip().casefold()[:1] or "y"
            self._yes_to_all = answer == "a"
            self._no_to_all = answer == "l"
            return answer in ("y", "a")
        self.write_error(item_error(f"Directory {target} cannot be removed because it is not empty.",
                                    "DirectoryNotEmpty", "WriteError", target, "IOException"))
        return False

    def _remove_file(self, target: str) -> bool:
        if not self.force() and (is_hidden(target) or _read_only(target)) and not os.path.islink(target):
            self.write_error(item_error(
                "You do not have sufficient access rights to perform this operation or the item is hidden, "
                "system, or read only.", "RemoveFileSystemItemUnAuthorizedAccess", "PermissionDenied", target,
                "UnauthorizedAccessException"))
            return False
        try:
            os.unlink(target)
        except OSError as exc:
            self.write_error(io_error(exc, target, "RemoveFileSystemItemUnAuthorizedAccess"
                                      if exc.errno in (errno.EACCES, errno.EPERM) else "RemoveFileSystemItemIOError"))
            return False
        return True

    def _remove_dir(self, target: str) -> bool:
        """Remove children first (each under the same hidden/read-only rules), then the directory."""
        ok = True
        try:
            names = sorted(os.listdir(target))
        except OSError as exc:
            self.write_error(io_error(exc, target, "RemoveFileSystemItemIOError"))
            return False
        for name in names:
            child = posixpath.join(target, name)
            if os.path.isdir(child) and not os.path.islink(child):
                if is_hidden(child) and not self.force():
                    self.write_error(item_error(
                        "You do not have sufficient access rights to perform this operation or the item is hidden, "
                        "system, or read only.", "RemoveFileSystemItemUnAuthorizedAccess", "PermissionDenied",
                        child, "UnauthorizedAccessException"))
                    ok = False
                    continue
                ok = self._remove_dir(child) and ok
            else:
                ok = self._remove_file(child) and ok
        if not ok:
            self.write_error(item_error(f"Directory {target} cannot be removed because it is not empty.",
                                        "RemoveFileSystemItemIOError", "WriteError", target, "IOException"))
            return False
        try:
            os.rmdir(target)
        except OSError as exc:
            self.write_error(io_error(exc, target, "RemoveFileSystemItemIOError"))
            return False
        return True


def _read_only(path: str) -> bool:
    try:
        return not os.lstat(path).st_mode & 0o200
    except OSError:
        return False


# -- Copy-Item, Move-Item, Rename-Item ------------------------------------------------------

class _TransferCommand(ShouldProcessCommand):
    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Destination = Param("string", position=1, by_property_name=True)
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    Force = Param("switch")
    PassThru = Param("switch")

    def sources(self) -> Iterator[str]:
        for path, literal in self.input_paths():
            for source in self.resolve_or_error(path, literal, self.force()):
                if self.passes(source):
                    yield source

    def destination(self) -> str:
        dest = self.Destination
        return self.full_path(to_string(dest)) if dest not in (None, "") else self.runspace.location


@command("Copy-Item", aliases=("copy", "cpi"), default_set="Path")
class CopyItem(_TransferCommand):
    """Copies an item from one location to another."""

    Recurse = Param("switch")
    Container = Param("switch")

    def process(self) -> Iterator[Any]:
        dest = self.destination()
        for source in self.sources():
            self.check_stop()
            result = self._copy(source, dest)
            if result is not None and self.PassThru:
                yield get_item(result)

    def _copy(self, source: str, dest: str) -> str | None:
        is_dir = os.path.isdir(source)
        target = posixpath.join(dest, posixpath.basename(source)) if os.path.isdir(dest) else dest
        if not self.should_process(f"Item: {source} Destination: {target}",
                                   "Copy Directory" if is_dir else "Copy File"):
            return None
        try:
            if not is_dir:
                return self._copy_file(source, target)
            if os.path.lexists(target) and not os.path.isdir(target):
                self.write_error(item_error("Container cannot be copied onto existing leaf item.",
                                            "CopyContainerItemToLeafError", "InvalidArgument", target,
                                            "PSArgumentException"))
                return None
            real_source = os.path.realpath(source)
            if (os.path.realpath(target) + "/").startswith(real_source + "/") and self.Recurse:
                self.write_error(item_error(f"Destination path cannot be a subdirectory of the source: {target}.",
                                            "CopyError", "WriteError", target, "IOException"))
                return None
            os.makedirs(target, exist_ok=True)
            if self.Recurse:
                self._copy_tree(source, target)
            return target
        except OSError as exc:
            self.write_error(io_error(exc, target, "CopyDirectoryInfoItemIOError" if is_dir
                                      else "CopyFileInfoItemIOError"))
            return None

    def _copy_file(self, source: str, target: str) -> str | None:
        if os.path.lexists(target) and os.path.samefile(source, target):
            self.write_error(item_error(f"Cannot overwrite the item {source} with itself.", "CopyError",
                                        "WriteError", source, "IOException"))
            return None
        if os.path.exists(target) and _read_only(target):
            if not self.force():
                self.write_error(item_error(f"Access to the path '{target}' is denied.",
                                            "CopyFileInfoItemUnauthorizedAccessError", "PermissionDenied", target,
                                            "UnauthorizedAccessException"))
                return None
            os.chmod(target, os.stat(target).st_mode | 0o200)
        shutil.copy2(source, target)
        return target

    def _copy_tree(self, source: str, target: str) -> None:
        for name in sorted(os.listdir(source)):
            self.check_stop()
            child = posixpath.join(source, name)
            if is_hidden(child) and not self.force():
                continue
            if not self.passes(child) and not os.path.isdir(child):
                continue
            dest = posixpath.join(target, name)
            try:
                if os.path.islink(child):
                    if os.path.lexists(dest):
                        os.unlink(dest)
                    os.symlink(os.readlink(child), dest)
                elif os.path.isdir(child):
                    os.makedirs(dest, exist_ok=True)
                    self._copy_tree(child, dest)
                else:
                    self._copy_file(child, dest)
            except OSError as exc:
                self.write_error(io_error(exc, dest, "CopyFileInfoItemIOError"))


@command("Move-Item", aliases=("move", "mi"), default_set="Path")
class MoveItem(_TransferCommand):
    """Moves an item from one location to another."""

    def process(self) -> Iterator[Any]:
        dest = self.destination()
        for source in self.sources():
            self.check_stop()
            target = posixpath.join(dest, posixpath.basename(source)) if os.path.isdir(dest) else dest
            is_dir = os.path.isdir(source) and not os.path.islink(source)
            if not self.should_process(f"Item: {source} Destination: {target}",
                                       "Move Directory" if is_dir else "Move File"):
                continue
            if self._move(source, target, is_dir) and self.PassThru:
                yield get_item(target)

    def _move(self, source: str, target: str, is_dir: bool) -> bool:
        error_id = "MoveDirectoryItemIOError" if is_dir else "MoveFileInfoItemIOError"
        if os.path.lexists(target):
            if os.path.samefile(source, target) if os.path.exists(target) else False:
                return True
            if not self.force() or is_dir or os.path.isdir(target):
                message = (f"Cannot create '{target}' because a file or directory with the same name already "
                           "exists.") if is_dir or os.path.isdir(target) else f"The file '{target}' already exists."
                self.write_error(item_error(message, error_id, "WriteError", target, "IOException"))
                return False
        if is_dir and (os.path.realpath(target) + "/").startswith(os.path.realpath(source) + "/"):
            self.write_error(item_error(f"Destination path cannot be a subdirectory of the source: {target}.",
                                        error_id, "WriteError", target, "IOException"))
            return False
        try:
            try:
                os.replace(source, target)
            except OSError as exc:
                if exc.errno != errno.EXDEV:
                    raise
                shutil.move(source, target)
        except OSError as exc:
            self.write_error(io_error(exc, target, error_id))
            return False
        return True


@command("Rename-Item", aliases=("ren", "rni"), default_set="ByPath")
class RenameItem(ShouldProcessCommand):
    """Renames an item in the same directory."""

    Path = Param("string", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("ByPath",))
    LiteralPath = Param("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("ByLiteralPath",))
    NewName = Param("string", position=1, mandatory=True, by_property_name=True)
    Force = Param("switch")
    PassThru = Param("switch")

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths():
            found, wildcard = self.resolve(path, literal, self.force())
            if not found:
                self.write_error(item_error(f"Cannot rename because item at '{path}' does not exist.",
                                            "InvalidOperation", "InvalidOperation", None,
                                            "PSInvalidOperationException"))
                continue
            if len(found) > 1:
                self.write_error(item_error("Cannot rename item because the path resolved to multiple items. "
                                            "Only one item can be renamed at a time.", "Argument",
                                            "InvalidArgument", path, "PSArgumentException"))
                continue
            renamed = self._rename(found[0])
            if renamed is not None and self.PassThru:
                yield get_item(renamed)

    def _rename(self, source: str) -> str | None:
        new_name = to_string(self.NewName)
        parent = posixpath.dirname(source.rstrip("/"))
        if "/" in new_name:
            if posixpath.dirname(self.full_path(new_name).rstrip("/")) != parent:
                self.write_error(item_error("Cannot rename the specified target, because it represents a path or "
                                            "device name.", "Argument", "InvalidArgument", new_name,
                                            "PSArgumentException"))
                return None
            new_name = posixpath.basename(new_name.rstrip("/"))
        target = posixpath.join(parent, new_name)
        is_dir = os.path.isdir(source) and not os.path.islink(source)
        if not self.should_process(f"Item: {source} Destination: {target}",
                                   "Rename Directory" if is_dir else "Rename File"):
            return None
        if os.path.lexists(target) and target != source:
            message = (f"Cannot create '{target}' because a file or directory with the same name already exists."
                       if is_dir else f"The file '{target}' already exists.")
            self.write_error(item_error(message, "RenameItemIOError", "WriteError", source, "IOException"))
            return None
        try:
            os.rename(source, target)
        except OSError as exc:
            self.write_error(io_error(exc, source, "RenameItemIOError"))
            return None
        return target
