"""File system item commands: Get-ChildItem, Get-Item, Test-Path, New-Item, Convert-Path and
Set-ItemProperty, with the FileSystem provider's behaviour and messages on Linux.

A path on a session-state drive (``Env:``, ``Variable:``, ``Function:``, ``Alias:``) is handed to
session_items.py; the commands that change items live in fs_change.py. The shared helpers
(ItemCommand, not_found_error, io_error...) come from itembase.py and are re-exported here.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from pyshell.commands.itembase import (
    WINDOWS_ONLY_ALIASES,
    ItemCommand,
    ShouldProcessCommand,
    as_list,
    could_not_find,
    io_error,
    item_error,
    not_found_error,
    runspace_state,
)
from pyshell.commands.session_items import session_exists, session_items, session_new
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.flagsexpr import FlagsExpression
from pyshell.engine.items import (
    FILE_ATTRIBUTE_VALUES,
    FILE_ATTRIBUTES,
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
from pyshell.engine.providers.base import culture_key
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
    Attributes = Param("string", help="A FlagsExpression of FileAttributes: Directory+!Hidden, ReadOnly.")

    def process(self) -> Iterator[Any]:
        self._attributes = _attribute_filter(self.Attributes) if self.Attributes not in (None, "") else None
        for path, literal in self.input_paths("."):
            loc = self.session_target(path, literal)
            if loc is False:
                continue
            if loc is not None:
                yield from session_items(self, loc, literal, bool(self.Name))
                continue
            self._drive = self.fs_drive(path)
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
        elif recurse and not wildcard and not literal and os.path.lexists(full) and not os.path.isdir(full):
            # gci dir/name -Recurse looks for that name at every level; dir/name/ must be a folder
            if path.endswith(("/", "\\")):
                self.write_error(item_error(f"Cannot find path '{full}/' because it does not exist.", "ItemNotFound",
                                            "ObjectNotFound", full + "/", "ItemNotFoundException"))
                return
            parent, name = posixpath.split(full)
            leaf = WildcardPattern(escape_wildcards(name), case_sensitive=True)
            full = parent or "/"
        if wildcard:
            targets = expand_wildcards(full, force=self._show_hidden())
        else:
            targets = [full] if os.path.lexists(full) else []
            if not targets:
                self.write_error(not_found_error(full))
                return
        # without -Recurse, -Include/-Exclude first judge the items the path itself names (doc Examples 4, 5):
        # `T -Include *.txt` finds nothing, `T/* -Exclude A*` gives T's matching items, folders not opened
        judged = not recurse and bool(self.bound.get("Include") or self.bound.get("Exclude"))
        for target in targets:
            if judged and not self.passes(target):
                continue
            if judged and wildcard:
                item = get_item(target)
                if self._wanted(item, None):
                    yield item.Name if self.Name else self.on_drive(item, self._drive)
            elif os.path.isdir(target):
                yield from self._walk(target, "", depth if recurse else 0, leaf, {os.path.realpath(target)})
            elif not wildcard and is_hidden(target) and not self._show_hidden():
                self.write_error(could_not_find(target))
            else:
                item = get_item(target)
                if self._wanted(item, leaf):
                    yield item.Name if self.Name else self.on_drive(item, self._drive)

    def _show_hidden(self) -> bool:
        """-Force, -Hidden, or an -Attributes expression naming Hidden: dot entries take part."""
        return self.force() or bool(self.Hidden) or (self._attributes is not None and self._attributes.mentions(_HIDDEN))

    def _wanted(self, item: FileInfo | DirectoryInfo, leaf: WildcardPattern | None) -> bool:
        if self.File and item.is_container or self.Directory and not item.is_container:
            return False
        if self.Hidden and not item.hidden or self.ReadOnly and not item.read_only:
            return False
        if self._attributes is not None and not self._attributes.evaluate(int(item.Attributes.value__)):
            return False
        if leaf is not None and not leaf.match(item.Name):
            return False
        return self.passes(item.FullName)

    def _walk(self, directory: str, rel: str, depth: int, leaf: WildcardPattern | None,
              visited: set[str]) -> Iterator[Any]:
        try:
            names = sorted(os.listdir(directory), key=culture_key)
        except OSError as exc:
            self.write_error(io_error(exc, directory, "DirUnauthorizedAccessError", "ReadError"))
            return
        show_hidden = self._show_hidden()
        items = [get_item(posixpath.join(directory, n)) for n in names if show_hidden or not n.startswith(".")]
        ordered = [i for i in items if i.is_container] + [i for i in items if not i.is_container]
        for item in ordered:
            self.check_stop()
            if self._wanted(item, leaf):
                yield rel + item.Name if self.Name else self.on_drive(item, self._drive)
        if depth == 0:
            return
        for item in ordered:
            if not item.is_container or (item.LinkType and not self.FollowSymlink):
                continue
            real = os.path.realpath(item.FullName)
            if real in visited:
                self.write_warning(f"Skip already-visited directory {item.FullName}.")
                continue
            visited.add(real)  # one set for the whole walk: a folder reached twice (via links) is listed once
            yield from self._walk(item.FullName, rel + item.Name + "/", depth - 1, leaf, visited)


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
        self.set_value(target, name, value)

    @staticmethod
    def set_value(target: str, name: str, value: Any) -> None:
        """Set one property of a file item (Clear-ItemProperty uses it too)."""
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
            loc = self.session_target(path, literal)
            if loc is False:
                continue
            if loc is not None:
                yield from session_items(self, loc, literal)
                continue
            found, wildcard = self.resolve(path, literal, self.force())
            if not found and not wildcard:
                self.write_error(not_found_error(self.full_path(path, literal)))
            for target in found:
                if not self.passes(target):
                    continue
                # pwsh finds hidden items by literal path only with -Force (or, for a directory, a trailing /)
                if is_hidden(target) and not self.force() and not wildcard and not path.endswith("/"):
                    self.write_error(could_not_find(target))
                    continue
                yield self.on_drive(get_item(target), self.fs_drive(path))


@command("Test-Path", default_set="Path")
class TestPath(ItemCommand):
    """Determines whether all elements of a path exist."""

    __test__ = False  # not a pytest test class, despite the name
    allow_empty_path = True

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

    def _test(self, path: str, literal: bool) -> bool:
        if path is None or not path.strip():
            return False
        if self.IsValid:
            return "\0" not in path and self._valid_drive(path)
        if "\0" in path:  # no such item can exist
            return False
        try:
            loc = self.on_session_drive(path, literal)
        except PyshellError:
            return False
        if loc is not None:
            kind = to_string(self.PathType or "Any").casefold()
            if loc.path == "":
                return kind != "leaf"
            return kind != "container" and session_exists(self, loc, literal)
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

    def _valid_drive(self, path: str) -> bool:
        """-IsValid: a drive qualifier (text before the first ':' with no '/' in it) must name a drive."""
        path = strip_provider(path)
        colon = path.find(":")
        if colon < 0 or "/" in path[:colon] or "\\" in path[:colon]:
            return True
        return self.drives.get(path[:colon]) is not None


_HIDDEN = 2  #: [System.IO.FileAttributes]::Hidden
_DRIVE_QUALIFIED = re.compile(r"^[^/\\:]+:")


def _attribute_filter(text: Any) -> FlagsExpression:
    """Get-ChildItem -Attributes as a FlagsExpression over [System.IO.FileAttributes]."""
    return FlagsExpression(to_string(text), "System.IO.FileAttributes", FILE_ATTRIBUTES, FILE_ATTRIBUTE_VALUES)


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
        paths = as_list(self.Path) or (["."] if self.Name else [])
        session = [p for p in paths if self.session_target(to_string(p), True) not in (None, False)]
        for raw in session:
            loc = self.locate(to_string(raw))
            if self.Name:
                loc.path = to_string(self.Name) if not loc.path else f"{loc.path}/{to_string(self.Name)}"
            try:
                item = session_new(self, loc, self.Value)
            except PyshellError as exc:
                self.write_error(exc)
                continue
            if item is not None:
                yield item
        if session:
            return
        kind = self._kind()
        paths = as_list(self.Path) or ([escape_wildcards(self.runspace.location)] if self.Name else [])
        if not paths:
            raise PyshellError("Cannot process command because of one or more missing mandatory parameters: Path.",
                               error_id="MissingMandatoryParameter", category="InvalidArgument",
                               reason="ParameterBindingException")
        for target in (t for raw in paths for t in self._targets(to_string(raw))):
            if self.Name:
                target = posixpath.join(target, to_string(self.Name))
            action = {"Directory": "Create Directory", "SymbolicLink": "Create Symbolic Link",
                      "HardLink": "Create Hard Link"}.get(kind, "Create File")
            if not self.should_process(f"Destination: {target}", action):
                continue
            item = self._create(kind, target)
            if item is not None:
                yield item

    def _targets(self, path: str) -> list[str]:
        """Where -Path points, as pwsh's globber allowing new paths resolves it.

        A path with wildcard characters (``]`` counts) names the items it matches, or else itself
        verbatim (``a`[b]`` creates "a`[b]"); a path without them loses its escapes (`` `[x`] ``
        creates "[x]").
        """
        if has_wildcard(path) or has_wildcard(path.replace("]", "[")):
            try:
                found, _ = self.resolve(path, False, force=True)
            except PyshellError:  # not a valid pattern ("[orig-file]"): the path as typed
                found = []
            return found or [self.full_path(path)]
        return [self.full_path(unescape_wildcards(path))]

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
            err.param_name = "content"  # type: ignore[attr-defined] - $_.Exception.ParamName
            raise err
        if kind == "SymbolicLink":
            source = source.replace("\\", "/")
            if not source.startswith("/") and (has_wildcard(source) or "]" in source):
                # a target with wildcard characters goes through pwsh's literal-path normalisation:
                # "./file[1].txt" is recorded as "file[1].txt" (a plain "./x" stays as typed)
                source = posixpath.normpath(source)
        source_full = self.full_path(source)
        if _DRIVE_QUALIFIED.match(source):
            source = source_full  # TestDrive:/x names a file path: the link records that, not the drive text
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




from pyshell.commands.fs_change import CopyItem, MoveItem, RemoveItem, RenameItem  # noqa: E402 - re-exported
