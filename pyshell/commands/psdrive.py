"""Drive and provider commands: Get-PSDrive, New-PSDrive, Remove-PSDrive and Get-PSProvider.

Drives live in the runspace's DriveTable (engine/providers/drives.py); a file system drive made
with New-PSDrive maps ``X:\\sub\\file.txt`` onto its root for every item, content and location
command. -Scope and -Persist are accepted and ignored: drives are per runspace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.itembase import ItemCommand, ShouldProcessCommand, as_list, item_error
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.items import WildcardPattern, has_wildcard
from pyshell.engine.providers.base import ProviderInfo, PSDriveInfo
from pyshell.errors import PyshellError

__all__ = ["GetPSDrive", "NewPSDrive", "RemovePSDrive", "GetPSProvider"]


def _provider_not_found(name: str) -> PyshellError:
    return item_error(f"Cannot find a provider with the name '{name}'.", "ProviderNotFound", "ObjectNotFound",
                      name, "ProviderNotFoundException")


def _drive_missing(name: str, error_id: str = "DriveNotFound") -> PyshellError:
    return item_error(f"Cannot find drive. A drive with the name '{name}' does not exist.", error_id,
                      "ObjectNotFound", name, "DriveNotFoundException")


def _select(items: list[Any], patterns: list[str], literal: bool) -> tuple[list[Any], list[str]]:
    """Items whose Name matches a pattern, and the plain names that matched nothing."""
    if not patterns:
        return items, []
    chosen: list[Any] = []
    missing: list[str] = []
    for pattern in patterns:
        if literal or not has_wildcard(pattern):
            hits = [i for i in items if i.Name.casefold() == pattern.casefold()]
            if not hits:
                missing.append(pattern)
        else:
            matcher = WildcardPattern(pattern)
            hits = [i for i in items if matcher.match(i.Name)]
        chosen.extend(h for h in hits if h not in chosen)
    return chosen, missing


class _DriveCommand(ItemCommand):
    def providers_named(self, names: Any) -> list[ProviderInfo] | None:
        """The providers -PSProvider names (None when not given); unknown ones are errors."""
        if not as_list(names):
            return None
        table = self.drives
        infos = sorted(table.providers.values(), key=lambda p: p.Name.casefold())
        chosen, missing = _select(infos, [to_string(n).rsplit("\\", 1)[-1] for n in as_list(names)], False)
        for name in missing:
            self.write_error(_provider_not_found(name))
        return chosen


@command("Get-PSDrive", aliases=("gdr",), default_set="Name")
class GetPSDrive(_DriveCommand):
    """Gets the drives of the session: file system drives and the session-state drives."""

    Name = Param("string[]", position=0, pipeline=True, by_property_name=True, sets=("Name",))
    LiteralName = Param("string[]", mandatory=True, pipeline=True, by_property_name=True, sets=("LiteralName",))
    Scope = Param("string", by_property_name=True)
    PSProvider = Param("string[]", by_property_name=True)

    def process(self) -> Iterator[Any]:
        table = self.drives
        table.refresh(self.runspace)
        drives = list(table)
        providers = self.providers_named(self.PSProvider)
        if providers is not None:
            drives = [d for d in drives if d.Provider in providers]
        literal = self.is_bound("LiteralName")
        names = [to_string(n) for n in as_list(self.LiteralName if literal else self.Name)]
        chosen, missing = _select(drives, names, literal)
        for name in missing:
            self.write_error(_drive_missing(name, "GetLocationNoMatchingDrive"))
        yield from chosen


@command("New-PSDrive", aliases=("ndr",))
class NewPSDrive(_DriveCommand, ShouldProcessCommand):
    """Creates a drive mapped to a location of a provider (a directory for FileSystem)."""

    Name = Param("string", position=0, mandatory=True, by_property_name=True)
    PSProvider = Param("string", position=1, mandatory=True, by_property_name=True)
    Root = Param("string", position=2, mandatory=True, by_property_name=True)
    Description = Param("string", by_property_name=True)
    Scope = Param("string", by_property_name=True)
    Persist = Param("switch", by_property_name=True)
    Credential = Param("object", by_property_name=True)

    def process(self) -> Iterator[Any]:
        name = to_string(self.Name)
        table = self.drives
        providers = self.providers_named([self.PSProvider])
        if not providers:
            return
        provider = providers[0]
        if not name or any(c in name for c in ";~/\\.:"):
            self.write_error(item_error("Cannot process the drive name because the drive name contains one or more "
                                        "of the following characters that are not valid: ; ~ / \\ . :",
                                        "DriveNameIllegalCharacters", "InvalidArgument", name,
                                        "PSArgumentException"))
            return
        if table.get(name) is not None:
            self.write_error(item_error(f"A drive with the name '{name}' already exists.", "DriveAlreadyExists",
                                        "ResourceExists", name, "SessionStateException"))
            return
        root = to_string(self.Root or "")
        if provider is table.filesystem:
            try:
                root = self._filesystem_root(root)
            except PyshellError as exc:
                self.write_error(exc)
                return
        if not self.should_process(f"Name: {name} Provider: {provider.ps_to_string()} Root: {root}",
                                   "New drive"):
            return
        drive = PSDriveInfo(name, provider, root, to_string(self.Description or ""))
        table.add(drive)
        yield drive

    def _filesystem_root(self, root: str) -> str:
        import os

        full = self.full_path(root) if root else ""
        if not full or not os.path.isdir(full):
            raise item_error(f'The specified drive root "{full or root}" either does not exist, or it is not a '
                             "folder.", "DriveRootError", "ReadError", full or root, "IOException")
        return full


@command("Remove-PSDrive", aliases=("rdr",), default_set="Name")
class RemovePSDrive(_DriveCommand, ShouldProcessCommand):
    """Deletes drives from the session."""

    Name = Param("string[]", position=0, mandatory=True, by_property_name=True, sets=("Name",))
    LiteralName = Param("string[]", mandatory=True, by_property_name=True, sets=("LiteralName",))
    PSProvider = Param("string[]", by_property_name=True)
    Scope = Param("string", by_property_name=True)
    Force = Param("switch")

    def process(self) -> Iterable[Any]:
        table = self.drives
        drives = list(table)
        providers = self.providers_named(self.PSProvider)
        if providers is not None:
            drives = [d for d in drives if d.Provider in providers]
        literal = self.is_bound("LiteralName")
        names = [to_string(n) for n in as_list(self.LiteralName if literal else self.Name)]
        chosen, missing = _select(drives, names, literal)
        for name in missing:
            self.write_error(_drive_missing(name))
        current = table.current(self.runspace)
        for drive in chosen:
            if drive is current and not self.force():
                self.write_error(item_error(f"Cannot remove drive '{drive.Name}' because it is in use.",
                                            "InvalidOperation", "InvalidOperation", drive.Name,
                                            "PSInvalidOperationException"))
                continue
            if self.should_process(f"Name: {drive.Name} Provider: {drive.Provider.ps_to_string()} "
                                   f"Root: {drive.Root}", "Remove Drive"):
                table.remove(drive.Name)
        return ()


@command("Get-PSProvider", default_set="Name")
class GetPSProvider(_DriveCommand):
    """Gets the providers of the session (Alias, Environment, FileSystem, Function, Variable)."""

    PSProvider = Param("string[]", position=0, by_property_name=True)

    def process(self) -> Iterator[Any]:
        chosen = self.providers_named(self.PSProvider)
        if chosen is None:
            chosen = sorted(self.drives.providers.values(), key=lambda p: p.Name.casefold())
        yield from chosen
