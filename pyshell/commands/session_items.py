"""Item and content cmdlets on the session-state drives (Env:, Variable:, Function:, Alias:), and
Set-Item / Clear-Item.

The item cmdlets in filesystem.py, fs_change.py and content.py call these helpers when
``ItemCommand.on_session_drive`` says a path belongs to a session-state provider. Names match
wildcards case-insensitively; a plain name that does not exist is pwsh's PathNotFound error
("Cannot find path 'Env:\\NOPE' because it does not exist.").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.itembase import ItemCommand, ShouldProcessCommand, item_error, not_found_error
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.items import WildcardPattern, has_wildcard, unescape_wildcards
from pyshell.engine.objects import MISSING
from pyshell.engine.providers.drives import Located
from pyshell.engine.providers.session import SessionProvider
from pyshell.errors import PyshellError

__all__ = ["SetItem", "ClearItem", "matching", "session_items", "session_exists", "session_new", "session_set",
           "session_remove", "session_clear", "session_rename", "session_copy", "session_get_content",
           "session_set_content", "not_supported", "already_exists"]


def not_supported() -> PyshellError:
    """What pwsh says when a provider lacks an operation (Set-Item on a file, Move-Item on Env:)."""
    return item_error("Provider operation stopped because the provider does not support this operation.",
                      "NotSupported", "NotImplemented", None, "PSNotSupportedException")


def already_exists(name: str) -> PyshellError:
    """A session-state item New-Item or Rename-Item would overwrite (PSArgumentException, as pwsh)."""
    return item_error(f"The item at path '{name}' already exists.", "Argument", "InvalidArgument", name,
                      "PSArgumentException")


def _filters_not_supported() -> PyshellError:
    return item_error("Cannot call method. The provider does not support the use of filters.", "NotSupported",
                      "NotImplemented", None, "PSNotSupportedException")


def _provider(loc: Located) -> SessionProvider:
    assert loc.provider is not None
    return loc.provider


def matching(cmd: ItemCommand, loc: Located, literal: bool) -> tuple[list[tuple[str, Any]], bool]:
    """(name, value) of the items a path names, sorted as pwsh lists them; and whether it was a wildcard.

    The drive's root ("Env:") names every item; -Include/-Exclude then narrow by name (-Filter is an
    error: these providers take no filters).
    """
    provider, rs = _provider(loc), cmd.runspace
    if cmd.bound.get("Filter"):
        cmd.write_error(_filters_not_supported())
        return [], True
    wildcard = not literal and has_wildcard(loc.path)
    if loc.path == "" or wildcard:
        pattern = WildcardPattern(loc.path) if wildcard else None
        names = [n for n in provider.sorted_names(rs) if pattern is None or pattern.match(n)]
        found = [(n, provider.value(rs, n)) for n in names]
    else:
        hit = provider.lookup(rs, loc.path if literal else unescape_wildcards(loc.path))
        found = [] if hit is None else [hit]
    found = [(n, v) for n, v in found if v is not MISSING and cmd.passes(n)]
    return found, wildcard or loc.path == ""


def session_items(cmd: ItemCommand, loc: Located, literal: bool, names_only: bool = False) -> Iterator[Any]:
    """Get-ChildItem / Get-Item on a session drive: the items, or PathNotFound."""
    found, wildcard = matching(cmd, loc, literal)
    if not found and not wildcard:
        cmd.write_error(not_found_error(loc.display()))
        return
    provider = _provider(loc)
    for name, value in found:
        yield name if names_only else provider.item(cmd.runspace, name, value, loc.drive)


def session_exists(cmd: ItemCommand, loc: Located, literal: bool) -> bool:
    """Test-Path: the drive root always exists; otherwise some item must match."""
    if loc.path == "":
        return True
    found, _ = matching(cmd, loc, literal)
    return bool(found)


def session_new(cmd: ShouldProcessCommand, loc: Located, value: Any) -> Any:
    """New-Item on a session drive: creates the item; an existing one needs -Force."""
    provider, rs = _provider(loc), cmd.runspace
    if loc.path == "":
        raise item_error("Cannot process argument because the value of argument \"name\" is not valid. Change "
                         "the value of the \"name\" argument and run the operation again.", "Argument",
                         "InvalidArgument", loc.display(), "PSArgumentException")
    if value is None:
        cmd.write_error(item_error("Value cannot be null. (Parameter 'value')", "NewItemValueNotSpecified",
                                   "InvalidArgument", loc.path, "ArgumentNullException"))
        return None
    existing = provider.lookup(rs, loc.path)
    if existing is not None and not cmd.force():
        cmd.write_error(already_exists(loc.path))
        return None
    if not cmd.should_process(f"Item: {loc.path} Value: {to_string(value)}", "New Item"):
        return None
    provider.set(rs, loc.path, value, force=cmd.force())
    stored = provider.lookup(rs, loc.path)
    return None if stored is None else provider.item(rs, stored[0], stored[1], loc.drive)


def session_set(cmd: ShouldProcessCommand, loc: Located, literal: bool, value: Any) -> Iterator[Any]:
    """Set-Item: sets every matching item (or creates a plain name); $null removes it."""
    provider, rs = _provider(loc), cmd.runspace
    found, wildcard = matching(cmd, loc, literal)
    names = [n for n, _ in found] if wildcard else [found[0][0] if found else loc.path]
    options = cmd.bound.get("Options")
    for name in names:
        if not name or not cmd.should_process(f"Item: {name} Value: {to_string(value)}", "Set Item"):
            continue
        if options is not None and provider.name == "Function":
            _set_function_options(provider, rs, name, value, options, cmd.force())
        else:
            provider.set(rs, name, value, force=cmd.force())
        if _passthru(cmd):
            stored = provider.lookup(rs, name)
            if stored is not None:
                yield provider.item(rs, stored[0], stored[1], loc.drive)


_OPTION_FLAGS = ("ReadOnly", "Constant", "Private", "AllScope")  #: ScopedItemOptions, lowest value first


def scoped_options(value: Any) -> str:
    """A -Options value as [ScopedItemOptions] prints it ("AllScope,ReadOnly" -> "ReadOnly, AllScope")."""
    given = {part.strip().casefold() for part in to_string(value).split(",") if part.strip()}
    unknown = given - {f.casefold() for f in _OPTION_FLAGS} - {"none"}
    if unknown:
        bad = next(iter(unknown))
        raise item_error(f"Cannot convert value \"{to_string(value)}\" to type "
                         "\"System.Management.Automation.ScopedItemOptions\". Error: \"Unable to match the identifier "
                         f"name {bad} to a valid enumerator name. Specify one of the following enumerator names and "
                         "try again:\nNone, ReadOnly, Constant, Private, AllScope, Unspecified\"",
                         "InvalidCastFromStringToEnum", "InvalidArgument", value, "PSInvalidCastException")
    return ", ".join(f for f in _OPTION_FLAGS if f.casefold() in given) or "None"


def _set_function_options(provider: Any, rs: Any, name: str, value: Any, options: Any, force: bool) -> None:
    """Set-Item function:f -Options: a value replaces the function first; without one only the options change."""
    text = scoped_options(options)
    if value is not None:
        provider.set(rs, name, value, force=force)
    found = provider.lookup(rs, name)
    if found is None:
        raise not_found_error(name)
    found[1].Options = text


def _passthru(cmd: ItemCommand) -> bool:
    return bool(cmd.bound.get("PassThru"))


def session_remove(cmd: ShouldProcessCommand, loc: Located, literal: bool) -> None:
    """Remove-Item on a session drive (wildcards remove every match)."""
    found, wildcard = matching(cmd, loc, literal)
    if not found and not wildcard:
        cmd.write_error(not_found_error(loc.display()))
        return
    provider = _provider(loc)
    for name, _ in found:
        if not cmd.should_process(f"Item: {name}", "Remove Item"):
            continue
        try:
            provider.remove(cmd.runspace, name, force=cmd.force())
        except PyshellError as exc:
            cmd.write_error(exc)


def session_clear(cmd: ShouldProcessCommand, loc: Located, literal: bool) -> None:
    """Clear-Item: the value becomes $null (an environment variable is removed)."""
    found, wildcard = matching(cmd, loc, literal)
    if not found and not wildcard:
        cmd.write_error(not_found_error(loc.display()))
        return
    for name, _ in found:
        if cmd.should_process(f"Item: {name}", "Clear Item"):
            _provider(loc).clear(cmd.runspace, name)


def session_rename(cmd: ShouldProcessCommand, loc: Located, literal: bool, new_name: str) -> Any:
    """Rename-Item: the value moves to the new name (which must not exist unless -Force)."""
    provider, rs = _provider(loc), cmd.runspace
    found, _ = matching(cmd, loc, literal)
    if not found:
        cmd.write_error(item_error(f"Cannot rename because item at '{loc.display()}' does not exist.",
                                   "InvalidOperation", "InvalidOperation", None, "PSInvalidOperationException"))
        return None
    name, value = found[0]
    new_name = new_name.replace("\\", "/").rsplit(":", 1)[-1].strip("/")
    if provider.lookup(rs, new_name) is not None and new_name.casefold() != name.casefold() and not cmd.force():
        cmd.write_error(already_exists(new_name))
        return None
    if not cmd.should_process(f"Item: {name} Destination: {new_name}", "Rename Item"):
        return None
    provider.set(rs, new_name, value, force=True)
    if new_name != name:
        provider.remove(rs, name, force=True)
    return provider.item(rs, new_name, value, loc.drive)


def session_copy(cmd: ShouldProcessCommand, loc: Located, literal: bool, dest: Located) -> Iterator[Any]:
    """Copy-Item within a session drive: each match's value under the destination name."""
    provider, rs = _provider(loc), cmd.runspace
    if dest.provider is not provider:
        cmd.write_error(item_error("Source and destination path did not resolve to the same provider.",
                                   "CopyItemSourceAndDestinationNotSameProvider", "InvalidArgument",
                                   loc.display(), "PSArgumentException"))
        return
    found, wildcard = matching(cmd, loc, literal)
    if not found and not wildcard:
        cmd.write_error(not_found_error(loc.display()))
        return
    for name, value in found:
        target = dest.path or name
        if not cmd.should_process(f"Item: {name} Destination: {target}", "Copy Item"):
            continue
        provider.set(rs, target, value, force=True)
        if _passthru(cmd):
            yield provider.item(rs, target, value, loc.drive)


def session_get_content(cmd: ItemCommand, loc: Located, literal: bool) -> Iterator[Any]:
    """Get-Content of a session item: its value (a function's script block, an alias's definition)."""
    if cmd.is_bound("Tail"):
        cmd.write_error(PyshellError(
            "The Tail parameter is supported only by providers that implement content readers with seeking.",
            error_id="TailNotSupported", category="InvalidOperation", target=loc.display(),
            reason="InvalidOperationException"))
        return
    found, wildcard = matching(cmd, loc, literal)
    if not found and not wildcard:
        cmd.write_error(not_found_error(loc.display()))
        return
    if cmd.bound.get("TotalCount") == 0:
        return
    for _, value in found:
        yield _provider(loc).content(value)


def session_set_content(cmd: ShouldProcessCommand, loc: Located, values: list[Any], append: bool) -> None:
    """Set-Content/Add-Content on a session item: the value becomes the content (one value or an array)."""
    provider, rs = _provider(loc), cmd.runspace
    if not cmd.should_process(f"Path: {loc.display()}", "Add Content" if append else "Set Content"):
        return
    value: Any = values[0] if len(values) == 1 else list(values)
    if append:
        old = provider.value(rs, loc.path)
        if old is not MISSING and old is not None:
            value = to_string(old) + "".join(to_string(v) for v in values)
    provider.set(rs, loc.path, value, force=cmd.force())


# -- Set-Item, Clear-Item -------------------------------------------------------------------

class _SessionItemCommand(ShouldProcessCommand):
    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Force = Param("switch")
    PassThru = Param("switch")
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")

    def targets(self) -> Iterator[tuple[Located, bool]]:
        """(Located, literal) per path on a session drive; file paths get NotSupported."""
        for path, literal in self.input_paths():
            try:
                loc = self.on_session_drive(path, literal)
            except PyshellError as exc:
                self.write_error(exc)
                continue
            if loc is None:
                err = not_supported()
                err.target = path
                self.write_error(err)
                continue
            yield loc, literal


@command("Set-Item", aliases=("si",), default_set="Path")
class SetItem(_SessionItemCommand):
    """Changes the value of an item (an environment variable, variable, function or alias)."""

    Value = Param("object", position=1, pipeline=True, by_property_name=True)
    Options = Param("string", help="ScopedItemOptions of a function (the Function provider's dynamic parameter).")

    def process(self) -> Iterator[Any]:
        for loc, literal in self.targets():
            try:
                yield from session_set(self, loc, literal, self.Value)
            except PyshellError as exc:
                self.write_error(exc)


@command("Clear-Item", aliases=("cli",), default_set="Path")
class ClearItem(_SessionItemCommand):
    """Clears the value of an item without deleting it (Env: variables are removed, as in pwsh)."""

    def process(self) -> Iterable[Any]:
        for loc, literal in self.targets():
            try:
                session_clear(self, loc, literal)
            except PyshellError as exc:
                self.write_error(exc)
        return ()
