"""Location commands: Get/Set/Push/Pop-Location, Join-Path, Split-Path and Resolve-Path.

A runspace's location is its own (``runspace.location``, changed with ``runspace.set_location``).
``cd -`` / ``cd +`` use ``runspace.previous_locations`` / ``next_locations``; Push/Pop-Location use
the named stacks in ``runspace.location_stacks``. Each is created on first use if missing.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from pyshell.commands.filesystem import ItemCommand, as_list, item_error, not_found_error, runspace_state
from pyshell.commands.session_items import session_items
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.items import PathInfo, PathInfoStack, escape_wildcards, has_wildcard, strip_provider
from pyshell.engine.providers.drives import Located, drive_not_found, drive_table
from pyshell.errors import PyshellError

__all__ = [
    "GetLocation",
    "SetLocation",
    "PushLocation",
    "PopLocation",
    "JoinPath",
    "SplitPath",
    "ResolvePath",
    "change_location",
]


def _back(runspace: Any) -> list[str]:
    return runspace_state(runspace, "previous_locations", list)  # type: ignore[no-any-return]


def _forward(runspace: Any) -> list[str]:
    return runspace_state(runspace, "next_locations", list)  # type: ignore[no-any-return]


def _stacks(runspace: Any) -> dict[str, list[str]]:
    """Push-Location's stacks by name (keys case-folded); the runspace starts with "default"."""
    stacks: dict[str, list[str]] = runspace_state(runspace, "location_stacks", dict)
    for key in [k for k in stacks if k != k.casefold()]:
        stacks.setdefault(key.casefold(), []).extend(stacks.pop(key))
    return stacks


def _default_stack(runspace: Any) -> str:
    return runspace_state(runspace, "default_location_stack", lambda: "default")  # type: ignore[no-any-return]


def _home() -> str:
    return os.environ.get("HOME") or os.path.expanduser("~")


def _move(runspace: Any, target: str | Located, history: str) -> str:
    """Set the location; history is "push" (a normal change), "back" (cd -) or "forward" (cd +).

    target is a location as Get-Location shows it (``/home``, ``Env:\\``, ``TD:/sub``) or a Located.
    The runspace's set_location may record the move in previous_locations itself; either way the
    lists end up as pwsh keeps them (holding location texts).
    """
    table = drive_table(runspace)
    loc = target if isinstance(target, Located) else table.locate(runspace, target)
    if loc.is_filesystem and not os.path.isdir(loc.path):
        raise not_found_error(loc.path)
    if not loc.is_filesystem and loc.path:
        raise not_found_error(loc.display())
    back, forward = _back(runspace), _forward(runspace)
    current, depth, later = table.location_text(runspace), len(back), list(forward)
    table.refresh(runspace)
    if loc.is_filesystem:
        runspace.set_location(loc.path)
    table.current_name = loc.drive.Name
    del back[depth:]
    if history == "back":
        forward[:] = later + [current]
    elif history == "forward":
        back.append(current)
        forward[:] = later
    else:
        back.append(current)
        del back[:-_HISTORY_LIMIT]
        forward.clear()
    return table.location_text(runspace)


_HISTORY_LIMIT = 20


class LocationChangedEventArgs:
    """$_ in $ExecutionContext.InvokeCommand.LocationChangedAction: the session state and both locations."""

    PS_TYPE_NAMES = ("System.Management.Automation.LocationChangedEventArgs", "System.EventArgs", "System.Object")
    PS_PROPERTIES = ("SessionState", "OldPath", "NewPath")

    def __init__(self, session_state: Any, old: PathInfo, new: PathInfo) -> None:
        self.SessionState = session_state
        self.OldPath = old
        self.NewPath = new


def location_changed(runspace: Any, before: PathInfo) -> None:
    """Run the LocationChangedAction handler, if one is set, after the location has moved.

    As an EventHandler it gets the runspace as $this and LocationChangedEventArgs as $_; what it throws
    reaches the caller, but the move has already happened.
    """
    context = runspace.get_variable("ExecutionContext")
    action = getattr(getattr(context, "InvokeCommand", None), "LocationChangedAction", None)
    if action is None or not hasattr(action, "ast"):
        return
    from pyshell.engine.hosting_runspace import default_runspace

    after = drive_table(runspace).path_info(runspace)
    scope = runspace.new_scope()
    scope.variables["this"] = default_runspace()
    with runspace.in_scope(scope):
        runspace.invoke(action, dollar_under=LocationChangedEventArgs(context.SessionState, before, after))


def _no_history(direction: str) -> PyshellError:
    """pwsh lets this InvalidOperationException escape Set-Location: terminating, its type as the error id."""
    return item_error(f"There is no location history left to navigate {direction}.",
                      "System.InvalidOperationException", "InvalidOperation", None, "InvalidOperationException")


def change_location(cmd: ItemCommand, path: str | None, literal: bool = False) -> str:
    """Validate and set a new location (with pwsh's ``cd -``/``cd +`` history); returns it."""
    runspace = cmd.runspace
    if path is None or path == "":
        return _move(runspace, _home(), "push")
    if path == "-" and not literal:
        back = _back(runspace)
        if not back:
            raise _no_history("backwards")
        return _move(runspace, back.pop(), "back")
    if path == "+" and not literal:
        forward = _forward(runspace)
        if not forward:
            raise _no_history("forwards")
        return _move(runspace, forward.pop(), "forward")
    loc = cmd.locate(path, literal)
    if not loc.is_filesystem:
        return _move(runspace, loc, "push")
    found, _ = cmd.resolve(path, literal, force=True)
    containers = [f for f in found if os.path.isdir(f)]
    if len(containers) > 1:
        raise item_error(f"Cannot set the location because path '{path}' resolved to multiple containers. You "
                         "can only the set location to a single container at a time.", "Argument",
                         "InvalidArgument", path, "PSArgumentException")
    if not containers:
        raise not_found_error(found[0] if found else cmd.full_path(path, literal))
    target = containers[0]
    root = loc.drive.root_dir
    if loc.drive.Name != "/" and not (target == root or target.startswith(root.rstrip("/") + "/")):
        target = root  # `cd ..` at a drive's root stays there, as pwsh does
    return _move(runspace, Located(loc.drive, target), "push")


@command("Get-Location", aliases=("gl", "pwd"), default_set="Location")
class GetLocation(ItemCommand):
    """Gets information about the current working location or a location stack."""

    PSProvider = Param("string[]", sets=("Location",), by_property_name=True)
    PSDrive = Param("string[]", sets=("Location",), by_property_name=True)
    Stack = Param("switch", sets=("Stack",))
    StackName = Param("string[]", sets=("Stack",), by_property_name=True)

    def process(self) -> Iterator[Any]:
        if not self.Stack and not self.is_bound("StackName"):
            yield from self._locations()
            return
        stacks = _stacks(self.runspace)
        for name in as_list(self.StackName) or [_default_stack(self.runspace)]:
            stack = stacks.get(to_string(name).casefold())
            if stack is None and self.is_bound("StackName"):
                self.write_error(_stack_not_found(to_string(name)))
                continue
            # one PathInfoStack object (pwsh writes it whole; Out-Default lists its PathInfo items)
            yield PathInfoStack(to_string(name), [PathInfo(location) for location in reversed(stack or [])])


    def _locations(self) -> Iterator[Any]:
        """The current location, or with -PSDrive/-PSProvider the location on each drive named."""
        table = drive_table(self.runspace)
        if not self.is_bound("PSDrive") and not self.is_bound("PSProvider"):
            yield table.path_info(self.runspace)
            return
        table.refresh(self.runspace)
        drives = []
        for name in as_list(self.PSDrive):
            drive = table.get(to_string(name))
            if drive is None:
                self.write_error(drive_not_found(to_string(name)))
            else:
                drives.append(drive)
        for name in as_list(self.PSProvider):
            info = table.find_provider(to_string(name))
            if info is None:
                self.write_error(item_error(f"Cannot find a provider with the name '{name}'.", "ProviderNotFound",
                                            "ObjectNotFound", name, "ProviderNotFoundException"))
            elif (current := table.current(self.runspace)).Provider is info:
                drives.append(current)
            else:
                drives.extend(d for d in table if d.Provider is info)
        for drive in drives:
            here = table.location_of(self.runspace, drive)
            if drive.Name == "/":
                text = "/" + here
            elif drive.is_filesystem:
                text = f"{drive.Name}:/{here}"
            else:
                text = f"{drive.Name}:\\"
            provider_path = posixpath.join(drive.root_dir, here) if drive.is_filesystem else ""
            yield PathInfo(text, provider_path, drive)


def _stack_not_found(name: str) -> PyshellError:
    return item_error(f"Cannot find location stack '{name}'. It does not exist or it is not a container.",
                      "Argument", "InvalidArgument", name, "PSArgumentException")


@command("Set-Location", aliases=("sl", "cd", "chdir"), default_set="Path")
class SetLocation(ItemCommand):
    """Sets the current working location to a specified location."""

    Path = Param("string", position=0, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    PassThru = Param("switch")
    StackName = Param("string", pipeline=True, by_property_name=True, sets=("Stack",))

    def process(self) -> Iterator[Any]:
        if self.is_bound("StackName"):
            name = to_string(self.StackName) if self.StackName else "default"
            if name.casefold() not in _stacks(self.runspace) and name.casefold() != "default":
                self.write_error(_stack_not_found(name))
                return
            setattr(self.runspace, "default_location_stack", name)  # noqa: B010 - not a Runspace field
            return
        literal = self.is_bound("LiteralPath")
        raw = self.bound.get("LiteralPath" if literal else "Path")
        before = drive_table(self.runspace).path_info(self.runspace)
        try:
            target = change_location(self, None if raw is None else to_string(raw), literal)
        except PyshellError as exc:
            if exc.error_id == "System.InvalidOperationException":
                raise
            self.write_error(exc)
            return
        location_changed(self.runspace, before)
        if self.PassThru:
            yield drive_table(self.runspace).path_info(self.runspace, target)


@command("Push-Location", aliases=("pushd",), default_set="Path")
class PushLocation(ItemCommand):
    """Adds the current location to the top of a location stack, then changes location."""

    Path = Param("string", position=0, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    PassThru = Param("switch")
    StackName = Param("string", by_property_name=True)

    def process(self) -> Iterator[Any]:
        literal = self.is_bound("LiteralPath")
        raw = self.bound.get("LiteralPath" if literal else "Path")
        current = drive_table(self.runspace).location_text(self.runspace)
        before = drive_table(self.runspace).path_info(self.runspace)
        if raw is not None and to_string(raw) != "":
            try:
                change_location(self, to_string(raw), literal)
            except PyshellError as exc:
                self.write_error(exc)
                return
        name = to_string(self.StackName) if self.StackName else _default_stack(self.runspace)
        _stacks(self.runspace).setdefault(name.casefold(), []).append(current)
        if raw is not None and to_string(raw) != "":
            location_changed(self.runspace, before)
        if self.PassThru:
            yield drive_table(self.runspace).path_info(self.runspace)


@command("Pop-Location", aliases=("popd",))
class PopLocation(ItemCommand):
    """Changes the current location to the location most recently pushed onto the stack."""

    PassThru = Param("switch")
    StackName = Param("string", by_property_name=True)

    def process(self) -> Iterator[Any]:
        stacks = _stacks(self.runspace)
        name = to_string(self.StackName) if self.StackName else _default_stack(self.runspace)
        stack = stacks.get(name.casefold())
        if stack is None:
            if self.is_bound("StackName"):
                self.write_error(_stack_not_found(name))
            return
        if not stack:
            return
        location = stack.pop()
        if not stack and name.casefold() != "default":
            del stacks[name.casefold()]
        before = drive_table(self.runspace).path_info(self.runspace)
        try:
            _move(self.runspace, location, "push")
        except PyshellError as exc:
            self.write_error(exc)
            return
        location_changed(self.runspace, before)
        if self.PassThru:
            yield drive_table(self.runspace).path_info(self.runspace)


# -- path manipulation ----------------------------------------------------------------------

_QUALIFIER = re.compile(r"^([A-Za-z_][\w-]*):(?!:)")


def _drive_exists(runspace: Any, name: str) -> bool:
    return drive_table(runspace).get(name) is not None


def _normalize(path: str) -> str:
    return strip_provider(path).replace("\\", "/")


def join_path(parent: str, child: str) -> str:
    """NavigationCmdletProvider.MakePath for the file system: one separator between the parts."""
    prefix = parent[: len(parent) - len(strip_provider(parent))]  # FileSystem::x stays provider-qualified
    parent, child = _normalize(parent), _normalize(child)
    if prefix:
        return prefix + join_path(parent, child)
    if not parent:
        return child
    if not child:
        return parent if parent.endswith("/") else parent + "/"
    return parent.rstrip("/") + "/" + child.lstrip("/") if parent.rstrip("/") else "/" + child.lstrip("/")


@command("Join-Path")
class JoinPath(ItemCommand):
    """Combines a path and a child path into a single path."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, aliases=("PSPath",))
    ChildPath = Param("string", position=1, by_property_name=True, default="")
    AdditionalChildPath = Param("string[]", remaining=True)
    Resolve = Param("switch")

    def process(self) -> Iterator[Any]:
        for parent in as_list(self.Path):
            join = self._joiner(to_string(parent))
            joined = join(to_string(parent), to_string(self.ChildPath or ""))
            for extra in as_list(self.AdditionalChildPath):
                joined = join(joined, to_string(extra))
            if not self.Resolve:
                yield joined
                continue
            drive = _QUALIFIER.match(_normalize(joined))
            if drive and not _drive_exists(self.runspace, drive.group(1)):
                self.write_error(item_error(f"Cannot find drive. A drive with the name '{drive.group(1)}' does not "
                                            "exist.", "DriveNotFound", "ObjectNotFound", drive.group(1),
                                            "DriveNotFoundException"))
                continue
            found = self.resolve_or_error(joined, literal=False, force=True)
            yield from (self.ps_path(f, joined) for f in found)


    def _joiner(self, parent: str) -> Any:
        """join_path, or for a session drive (``Env:``) a plain join with the platform's ``/`` separator."""
        qualifier = _QUALIFIER.match(parent)
        drive = drive_table(self.runspace).get(qualifier.group(1)) if qualifier else None
        if drive is None or drive.is_filesystem:
            return join_path
        return lambda a, b: (a.rstrip("\\/") + "/" + b.lstrip("\\/")) if b else a


@command("Split-Path", default_set="ParentSet")
class SplitPath(ItemCommand):
    """Returns the specified part of a path."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True)
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPathSet",))
    Parent = Param("switch", sets=("ParentSet",))
    Leaf = Param("switch", sets=("LeafSet",))
    LeafBase = Param("switch", sets=("LeafBaseSet",))
    Extension = Param("switch", sets=("ExtensionSet",))
    Qualifier = Param("switch", sets=("QualifierSet",))
    NoQualifier = Param("switch", sets=("NoQualifierSet",))
    IsAbsolute = Param("switch", sets=("IsAbsoluteSet",))
    Resolve = Param("switch")

    def process(self) -> Iterator[Any]:
        for raw, literal in self.input_paths():
            paths = [raw]
            if self.Resolve:
                paths = [self.ps_path(f, raw) for f in self.resolve_or_error(raw, literal, force=True)]
            for path in paths:
                try:
                    part = self._split(_normalize(path))
                    yield part.replace("/", "\\") if isinstance(part, str) and self._session_path(path) else part
                except PyshellError as exc:
                    self.write_error(exc)

    def _session_path(self, path: str) -> bool:
        """Whether path names a session-state drive (Env:\\x), whose paths keep pwsh's ``\\`` separator."""
        qualifier = _QUALIFIER.match(path)
        drive = drive_table(self.runspace).get(qualifier.group(1)) if qualifier else None
        return drive is not None and not drive.is_filesystem

    def _split(self, path: str) -> Any:
        if self.IsAbsolute:
            return path.startswith("/") or bool(_QUALIFIER.match(path))
        if path.startswith("/") and {".", ".."} & set(path.split("/")):
            path = posixpath.normpath(path)  # the globber folds ./.. of an absolute path: /x/y/.. -> /x
        qualifier = _QUALIFIER.match(path)
        if self.Qualifier:
            if not qualifier:
                raise item_error(f"Cannot parse path because path '{path}' does not have a qualifier specified.",
                                 "ParsePathFormatError", "InvalidArgument", path, "PSArgumentException")
            return qualifier.group(0)
        if self.NoQualifier:
            return path[qualifier.end():] if qualifier else path
        trimmed = path.rstrip("/") or path
        leaf = "" if trimmed == "/" else trimmed.rsplit("/", 1)[-1]
        if self.Leaf:
            return leaf
        if self.LeafBase or self.Extension:
            dot = leaf.rfind(".")
            ext = "" if dot < 0 or dot == len(leaf) - 1 else leaf[dot:]
            return ext if self.Extension else leaf[: len(leaf) - len(ext)]
        if trimmed == "/" or "/" not in trimmed:
            return ""
        parent = trimmed.rsplit("/", 1)[0]
        if qualifier and parent == qualifier.group(0):  # C:/Temp -> C:/ (the drive's root)
            return parent + "/"
        return parent or "/"


@command("Resolve-Path", aliases=("rvpa",), default_set="Path")
class ResolvePath(ItemCommand):
    """Resolves the wildcard characters in a path and displays the path contents."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Relative = Param("switch")
    RelativeBasePath = Param("string", by_property_name=True)
    Force = Param("switch")

    def process(self) -> Iterator[Any]:
        base = self.full_path(to_string(self.RelativeBasePath)) if self.RelativeBasePath else self.runspace.location
        for path, literal in self.input_paths():
            loc = self.session_target(path, literal)
            if loc is False:
                continue
            if loc is not None:
                for name in session_items(self, loc, literal, names_only=True):
                    yield PathInfo(loc.display(name), name, loc.drive)
                continue
            if self.RelativeBasePath and not _rooted(path):
                # -RelativeBasePath: a relative -Path starts there instead of at the current location
                path = posixpath.join(base if literal else escape_wildcards(base), path.replace("\\", "/"))
            found, wildcard = self.resolve(path, literal, force=self.force() or not has_wildcard(path))
            if not found and not wildcard:
                self.write_error(not_found_error(self.full_path(path, literal)))
            # a directory typed with a trailing separator keeps it in the resolved path, as pwsh's globber does
            slash = "/" if not wildcard and path.endswith(("/", "\\")) else ""
            for target in found:
                if self.Relative:
                    yield self._relative_to(target, base, slash)
                elif (drive := self.fs_drive(path)) is not None and (shown := self.ps_path(target, path)) != target:
                    trailing = slash if os.path.isdir(target) and not shown.endswith("/") else ""
                    yield PathInfo(shown + trailing, target, drive)
                else:
                    yield PathInfo(_with_slash(target, slash))

    def _relative_to(self, target: str, base: str, slash: str) -> str:
        """-Relative: a path outside the current drive's root comes back whole, as pwsh does."""
        if not self.RelativeBasePath:
            table = drive_table(self.runspace)
            drive = table.get(table.current_name) if table.current_name else None
            root = drive.root_dir.rstrip("/") + "/" if drive is not None and drive.is_filesystem else "/"
            if not (target + "/").startswith(root):
                return _with_slash(target, slash)
        return _relative(target, base)


def _rooted(path: str) -> bool:
    """Whether a path names its own starting point: absolute, ``~``, drive- or provider-qualified."""
    return path.startswith(("/", "\\", "~")) or ":" in path


def _with_slash(path: str, slash: str) -> str:
    return path + slash if slash and path != "/" and os.path.isdir(path) else path


def _relative(target: str, base: str) -> str:
    rel = posixpath.relpath(target, base)
    if rel == ".":
        return "./"  # pwsh joins "." with the empty relative path
    return rel if rel.startswith("..") else "./" + rel
