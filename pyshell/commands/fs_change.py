"""Item commands that change the file system: Remove-Item, Copy-Item, Move-Item and Rename-Item,
with the FileSystem provider's behaviour and messages on Linux (the session-state drives are
handled in session_items.py).
"""

from __future__ import annotations

import errno
import os
import posixpath
import shutil
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.itembase import ShouldProcessCommand, io_error, item_error
from pyshell.commands.session_items import not_supported, session_copy, session_remove, session_rename
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.items import get_item, has_wildcard, is_hidden
from pyshell.engine.providers.base import culture_key
from pyshell.engine.providers.drives import Located
from pyshell.errors import PyshellError

__all__ = ["RemoveItem", "CopyItem", "MoveItem", "RenameItem"]


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
            loc = self.session_target(path, literal)
            if loc is not None:
                if loc is not False:
                    session_remove(self, loc, literal)
                continue
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
            names = sorted(os.listdir(target), key=culture_key)
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
        """File system sources; paths on session drives go to session_source() first."""
        for path, literal in self.input_paths():
            loc = self.session_target(path, literal)
            if loc is not None:
                if loc is not False:
                    yield from self.session_source(loc, literal)
                continue
            named = literal or not has_wildcard(path)
            for source in self.resolve_or_error(path, literal, self.force()):
                # -Filter picks among a folder's contents: a folder named outright is copied/moved with
                # just the matching files (Copy-Item src dst -Recurse -Filter *.txt)
                if self.passes(source, use_filter=not (named and os.path.isdir(source))):
                    yield source

    def session_source(self, loc: Located, literal: bool) -> Iterator[Any]:
        """Copy/Move of a session-drive item (the subclass keeps any PassThru output); yields no file path.

        Moving needs a navigation provider: pwsh already fails asking the provider for Move-Item's dynamic
        parameters, a terminating binding error.
        """
        inner = not_supported()
        raise PyshellError(f"Cannot retrieve the dynamic parameters for the cmdlet. {inner.message}",
                           error_id="GetDynamicParametersException", category="InvalidArgument",
                           target=loc.display(), reason="ParameterBindingException")

    def destination(self) -> str:
        dest = self.Destination
        return self.full_path(to_string(dest)) if dest not in (None, "") else self.runspace.location


def _self_copy(source: str) -> PyshellError:
    """Copying an item onto itself (same path, a hard link, a link to it): IOException with Data['SelfCopy']."""
    err = item_error(f"Cannot overwrite the item {source} with itself.", "CopyError", "WriteError", source,
                     "IOException")
    err.data = {"SelfCopy": source}  # type: ignore[attr-defined] - read into $_.Exception.Data
    return err


@command("Copy-Item", aliases=("copy", "cpi"), default_set="Path")
class CopyItem(_TransferCommand):
    """Copies an item from one location to another."""

    Recurse = Param("switch")
    Container = Param("switch")

    def session_source(self, loc: Located, literal: bool) -> Iterator[Any]:
        dest = to_string(self.Destination or "")
        target = self.drives.locate(self.runspace, dest, True) if ":" in dest else Located(loc.drive, dest,
                                                                                          loc.provider)
        self.session_output.extend(session_copy(self, loc, literal, target))
        return iter(())

    def process(self) -> Iterator[Any]:
        self.session_output: list[Any] = []
        dest = self.destination() if not self._all_session() else ""
        for source in self.sources():
            self.check_stop()
            result = self._copy(source, dest)
            if result is not None and self.PassThru:
                yield get_item(result)
        yield from self.session_output

    def _all_session(self) -> bool:
        return all(self.session_target(p, lit) not in (None, False) for p, lit in self.input_paths())

    def _copy(self, source: str, dest: str) -> str | None:
        is_dir = os.path.isdir(source)
        if is_dir and os.path.exists(dest) and os.path.samefile(source, dest):  # a link onto its own target
            self.write_error(_self_copy(source))
            return None
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
            self.write_error(_self_copy(source))
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
        for name in sorted(os.listdir(source), key=culture_key):
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
        sources = list(self.sources())
        if len(sources) > 1 and not os.path.lexists(dest) and os.path.isdir(posixpath.dirname(dest) or "/"):
            # several items into a new name: it becomes their directory (bin/ stays bin/, not merged)
            if self.should_process(f"Destination: {dest}", "Create Directory"):
                try:
                    os.mkdir(dest)
                except OSError as exc:
                    self.write_error(io_error(exc, dest, "MoveDirectoryItemIOError"))
                    return
        for source in sources:
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
            loc = self.session_target(path, literal)
            if loc is not None:
                renamed = session_rename(self, loc, literal, to_string(self.NewName)) if loc is not False else None
                if renamed is not None and self.PassThru:
                    yield renamed
                continue
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
