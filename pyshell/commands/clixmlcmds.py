"""Export-Clixml, Import-Clixml, ConvertTo-CliXml and ConvertFrom-CliXml: objects to and from CLIXML."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.data import check_parent_directory, python_encoding, read_text, write_file_atomic
from pyshell.engine.clixml import ClixmlError, from_document, to_document
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.errors import PyshellError

__all__ = ["ExportClixml", "ImportClixml", "ConvertToCliXml", "ConvertFromCliXml"]


def _depth(cmd: Cmdlet, default: int) -> int:
    value = getattr(cmd, "Depth", None)
    if not cmd.is_bound("Depth") or value is None:
        return default
    depth = int(value)
    if depth < 1:
        raise PyshellError(f"Cannot validate argument on parameter 'Depth'. The {depth} argument is less than the "
                           f"minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and "
                           f"then try the command again.", error_id="ParameterArgumentValidationError",
                           category="InvalidData", reason="ParameterBindingValidationException")
    return depth


def _bad_xml(path: str, e: ClixmlError) -> PyshellError:
    return PyshellError(f"'{path}' is not a valid CLIXML file: {e}", error_id="System.Xml.XmlException",
                        category="NotSpecified", target=path, reason="XmlException")


@command("Export-Clixml", default_set="ByPath")
class ExportClixml(Cmdlet):
    """Creates an XML-based representation of objects and stores it in a file (read back with Import-Clixml)."""

    Depth = Param("int")
    Path = Param("string", position=0, mandatory=True, sets=("ByPath",))
    LiteralPath = Param("string", aliases=("PSPath", "LP"), mandatory=True, by_property_name=True,
                        sets=("ByLiteralPath",))
    InputObject = Param("object", mandatory=True, pipeline=True)
    Force = Param("switch")
    NoClobber = Param("switch", aliases=("NoOverwrite",))
    Encoding = Param("string")
    supports_should_process = True
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))

    def begin(self) -> Iterable[Any]:
        self._depth = _depth(self, 2)
        raw = self.LiteralPath if self.is_bound("LiteralPath") else self.Path
        self._path = self.runspace.resolve_path(to_string(raw))
        check_parent_directory(self._path)
        if os.path.isdir(self._path):
            raise PyshellError(f"Access to the path '{self._path}' is denied.", error_id="FileOpenFailure",
                               category="OpenError", target=self._path, reason="UnauthorizedAccessException")
        if os.path.exists(self._path):
            if self.NoClobber:
                raise PyshellError(f"The file '{self._path}' already exists.", error_id="NoClobber",
                                   category="ResourceExists", target=self._path, reason="IOException")
            if not os.access(self._path, os.W_OK) and not self.Force:
                raise PyshellError(f"Access to the path '{self._path}' is denied.", error_id="FileOpenFailure",
                                   category="OpenError", target=self._path, reason="UnauthorizedAccessException")
        self._items: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._items.append(self.InputObject)
        return ()

    def end(self) -> Iterable[Any]:
        if self.bound.get("WhatIf") or _whatif_preference(self):
            self.write_host(f'What if: Performing the operation "Export-Clixml" on target "{self._path}".')
            return ()
        if os.path.exists(self._path) and not os.access(self._path, os.W_OK) and self.Force:
            os.chmod(self._path, os.stat(self._path).st_mode | 0o200)
        text = to_document(self._items, self._depth)
        write_file_atomic(self._path, text, python_encoding(self.Encoding))
        return ()


def _whatif_preference(cmd: Cmdlet) -> bool:
    from pyshell.engine.conversions import to_bool
    from pyshell.engine.objects import MISSING

    pref = cmd.runspace.get_variable("WhatIfPreference")
    return pref is not None and pref is not MISSING and to_bool(pref)


@command("Import-Clixml", default_set="ByPath")
class ImportClixml(Cmdlet):
    """Imports a CLIXML file and creates the objects it describes (as Deserialized property bags)."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("ByPath",))
    LiteralPath = Param("string[]", aliases=("PSPath", "LP"), mandatory=True, by_property_name=True,
                        sets=("ByLiteralPath",))
    IncludeTotalCount = Param("switch")
    Skip = Param("uint64")
    First = Param("uint64")

    def begin(self) -> Iterable[Any]:
        self._skip = int(self.Skip or 0)
        self._first = None if not self.is_bound("First") else int(self.First)
        self._count = 0
        self._written = 0
        return ()

    def process(self) -> Iterator[Any]:
        literal = self.is_bound("LiteralPath")
        paths = self.LiteralPath if literal else self.Path
        for raw in paths if isinstance(paths, (list, tuple)) else [paths]:
            for path in self._resolve(to_string(raw), literal):
                try:
                    values = from_document(read_text(path))
                except ClixmlError as e:
                    self.write_error(_bad_xml(path, e))
                    continue
                for value in values:
                    self._count += 1
                    if self._count <= self._skip:
                        continue
                    if self._first is not None and self._written >= self._first:
                        continue
                    self._written += 1
                    yield value

    def end(self) -> Iterable[Any]:
        if self.IncludeTotalCount:
            from pyshell.engine.objects import PSObject
            from pyshell.numeric import UInt64

            total = PSObject([], ["System.UInt64", "System.ValueType", "System.Object"], base=UInt64(self._count))
            return (total,)
        return ()

    def _resolve(self, path: str, literal: bool) -> list[str]:
        full = self.runspace.resolve_path(path)
        if not literal and any(c in path for c in "*?["):
            matches = sorted(m for m in glob.glob(full) if os.path.isfile(m))
            if matches:
                return matches
        if not os.path.exists(full):
            raise PyshellError(f"Cannot find path '{full}' because it does not exist.", error_id="PathNotFound",
                               category="ObjectNotFound", target=full, reason="ItemNotFoundException")
        if os.path.isdir(full):
            raise PyshellError(f"Access to the path '{full}' is denied.", error_id="FileOpenFailure",
                               category="OpenError", target=full, reason="UnauthorizedAccessException")
        return [full]


@command("ConvertTo-CliXml")
class ConvertToCliXml(Cmdlet):
    """Converts objects to one CLIXML string (pwsh 7.5), as Export-Clixml would write it to a file."""

    InputObject = Param("object", position=0, mandatory=True, pipeline=True)
    Depth = Param("int")

    def begin(self) -> Iterable[Any]:
        self._depth = _depth(self, 2)
        self._items: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._items.append(self.InputObject)
        return ()

    def end(self) -> Iterable[Any]:
        return (to_document(self._items, self._depth),)


@command("ConvertFrom-CliXml")
class ConvertFromCliXml(Cmdlet):
    """Converts a CLIXML string back to objects (pwsh 7.5)."""

    InputObject = Param("string", position=0, mandatory=True, pipeline=True)

    def process(self) -> Iterator[Any]:
        text = to_string(self.InputObject)
        try:
            values = from_document(text)
        except ClixmlError as e:
            raise PyshellError(f"The input is not valid CLIXML: {e}", error_id="System.Xml.XmlException",
                               category="NotSpecified", target=text, reason="XmlException") from e
        yield from values
