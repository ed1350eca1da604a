"""Get-ItemProperty, Get-ItemPropertyValue and Clear-ItemProperty for the FileSystem provider.

A file system item's "properties" are the members of its FileInfo/DirectoryInfo: without -Name
Get-ItemProperty gives the item itself; with -Name a property bag holding those values plus the
provider's PSPath/PSParentPath/PSChildName/PSDrive/PSProvider notes, as pwsh builds it. The session
providers (Env:, Variable:, Function:, Alias:) have no item properties: NotSupported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

from pyshell.commands.filesystem import SetItemProperty
from pyshell.commands.itembase import ItemCommand, ShouldProcessCommand, as_list, io_error, item_error
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.items import get_item, provider_path
from pyshell.engine.objects import MISSING, PSObject, get_property

__all__ = ["GetItemProperty", "GetItemPropertyValue", "ClearItemProperty"]


def property_missing(name: str, path: str) -> Any:
    """pwsh's PSArgumentException for a -Name the item does not have."""
    return item_error(f"Property {name} does not exist at path {path}.", "System.Management.Automation.PSArgumentException",
                      "InvalidArgument", name, "PSArgumentException")


class _PropertyCommand(ItemCommand):
    """The path handling the item-property readers share: file items (with their drive), NotSupported elsewhere."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")

    def items(self) -> Iterator[Any]:
        """The FileInfo/DirectoryInfo of each existing path (errors written for the rest)."""
        for path, target in self.filesystem_targets(force=True):
            yield self.on_drive(get_item(target), self.fs_drive(path))

    def values(self, item: Any, names: list[str]) -> Iterator[tuple[str, Any]]:
        """(name as asked, value) of each property; a missing one is an error, the others still come."""
        for name in names:
            value = get_property(item, name)
            if value is MISSING:
                self.write_error(property_missing(name, item.FullName))
                continue
            yield name, value


@command("Get-ItemProperty", aliases=("gp",), default_set="Path")
class GetItemProperty(_PropertyCommand):
    """Gets the properties of a specified item."""

    Name = Param("string[]", position=1, aliases=("PSProperty",))

    def process(self) -> Iterator[Any]:
        names = [to_string(n) for n in as_list(self.Name)]
        for item in self.items():
            if not names:
                yield item
                continue
            found = list(self.values(item, names))
            if not found:
                continue
            bag = PSObject(found)
            parent = posixpath.dirname(item.FullName.rstrip("/")) if item.FullName != "/" else ""
            bag.properties["PSPath"] = provider_path(item.FullName)
            bag.properties["PSParentPath"] = provider_path(parent) if parent else ""
            bag.properties["PSChildName"] = item.Name
            bag.properties["PSDrive"] = item.PSDrive
            bag.properties["PSProvider"] = item.PSProvider
            yield bag


@command("Get-ItemPropertyValue", aliases=("gpv",), default_set="Path")
class GetItemPropertyValue(_PropertyCommand):
    """Gets the value of one or more properties of a specified item."""

    Name = Param("string[]", position=1, mandatory=True, aliases=("PSProperty",))

    def process(self) -> Iterator[Any]:
        names = [to_string(n) for n in as_list(self.Name)]
        for item in self.items():
            for _, value in self.values(item, names):
                yield value


@command("Clear-ItemProperty", aliases=("clp",), default_set="Path")
class ClearItemProperty(ShouldProcessCommand):
    """Clears the value of a property: on the file system only Attributes (back to Normal: writable)."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Name = Param("string", position=1, mandatory=True, by_property_name=True, aliases=("PSProperty",))
    PassThru = Param("switch")
    Force = Param("switch")
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")

    def process(self) -> Iterator[Any]:
        name = to_string(self.Name)
        for _, target in self.filesystem_targets(self.force()):
            if name.casefold() != "attributes":
                self.write_error(property_missing(name, target))
                continue
            if not self.should_process(f"Item: {target} Property: {name}", "Clear Property"):
                continue
            try:
                SetItemProperty.set_value(target, "Attributes", "Normal")
            except OSError as exc:
                self.write_error(io_error(exc, target, "ClearItemPropertyIOError"))
                continue
            if self.PassThru:
                yield get_item(target)
