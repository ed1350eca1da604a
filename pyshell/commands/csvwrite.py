"""ConvertTo-Csv and Export-Csv: quoted CSV as PowerShell 7 writes it."""

from __future__ import annotations

import datetime as _dt
import os
import stat
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.csvread import CsvReader
from pyshell.commands.data import check_parent_directory, python_encoding, read_text, write_file_atomic
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.objects import (
    MISSING,
    Hashtable,
    get_property,
    property_names,
    type_names,
    unwrap,
)
from pyshell.errors import PyshellError

__all__ = ["ConvertToCsv", "ExportCsv"]

# -- CSV ---------------------------------------------------------------------------------------------

def _csv_names(obj: Any) -> list[str]:
    if isinstance(obj, Hashtable):
        return [to_string(k) for k in obj.keys()]
    return property_names(obj)


def _dotnet_text(value: Any) -> str:
    """A value as .NET's ToString() gives it: a date in the culture's format, a list its type name."""
    if isinstance(value, (list, tuple)):
        return "System.Object[]"
    if isinstance(unwrap(value), _dt.datetime):
        from pyshell.formatting.formatstrings import display_datetime  # only when a date is written

        return display_datetime(unwrap(value))
    return to_string(value)


def _csv_value(obj: Any, name: str) -> str | None:
    if isinstance(obj, Hashtable):
        value = obj.get(name)
        return None if value is None else _dotnet_text(value)
    value = get_property(obj, name)
    return None if value is None or value is MISSING else _dotnet_text(value)


class _CsvWriter:
    """ExportCsvHelper: header and rows with PowerShell 7's quoting rules."""

    def __init__(self, delimiter: str, quote: str, quote_fields: list[str] | None) -> None:
        self.delimiter = delimiter
        self.quote = quote
        self.quote_fields = {f.casefold() for f in quote_fields} if quote_fields is not None else None

    def _field(self, name: str, text: str) -> str:
        if self.quote_fields is not None:
            needed = name.casefold() in self.quote_fields
        elif self.quote == "AsNeeded":
            needed = any(c in text for c in (self.delimiter, "\n", '"'))
        else:
            needed = self.quote == "Always"
        return '"' + text.replace('"', '""') + '"' if needed else text

    def header(self, names: list[str]) -> str:
        return self.delimiter.join(self._field(n, n) for n in names)

    def row(self, obj: Any, names: list[str]) -> str:
        fields = []
        for n in names:
            value = _csv_value(obj, n)
            fields.append("" if value is None else self._field(n, value))
        return self.delimiter.join(fields)


def _type_line(obj: Any) -> str:
    names = type_names(obj)
    if not names:
        return "#TYPE"
    name = names[0][4:] if names[0].casefold().startswith("csv:") else names[0]
    return f"#TYPE {name}"


class _CsvWritingCommand(Cmdlet):
    """Parameters and checks shared by ConvertTo-Csv and Export-Csv."""

    Delimiter = Param("char", position=1, sets=("Delimiter",))
    UseCulture = Param("switch", sets=("UseCulture",))
    IncludeTypeInformation = Param("switch", aliases=("ITI",))
    NoTypeInformation = Param("switch", aliases=("NTI",))
    QuoteFields = Param("string[]", aliases=("QF",))
    UseQuotes = Param("string", aliases=("UQ",), validate_set=("Never", "Always", "AsNeeded"), default="Always")
    NoHeader = Param("switch")

    def _setup(self) -> None:
        if self.is_bound("QuoteFields") and self.is_bound("UseQuotes"):
            raise PyshellError("You must specify either the -QuoteFields or -UseQuotes parameters, but not both.",
                               error_id="CannotSpecifyQuoteFieldsAndUseQuotes", category="InvalidData")
        if self.is_bound("IncludeTypeInformation") and self.is_bound("NoTypeInformation"):
            raise PyshellError("You must specify either the -IncludeTypeInformation or -NoTypeInformation "
                               "parameters, but not both.",
                               error_id="CannotSpecifyIncludeTypeInformationAndNoTypeInformation",
                               category="InvalidData")
        delimiter = to_string(self.Delimiter) if self.Delimiter not in (None, "") else ","
        if self.UseCulture:
            from pyshell.engine.culture import list_separator

            delimiter = list_separator()
        self._writer = _CsvWriter(delimiter[0], self.UseQuotes or "Always", self.QuoteFields)
        self._names: list[str] | None = None

    def _lines(self, obj: Any, write_header: bool) -> list[str]:
        lines = []
        if self._names is None:
            self._names = _csv_names(obj)
            if write_header and not self.NoHeader:
                if self.IncludeTypeInformation:
                    lines.append(_type_line(obj))
                lines.append(self._writer.header(self._names))
        lines.append(self._writer.row(obj, self._names))
        return lines


@command("ConvertTo-Csv", default_set="Delimiter")
class ConvertToCsv(_CsvWritingCommand):
    """Converts objects into a series of comma-separated value (CSV) strings."""

    InputObject = Param("object", position=0, mandatory=True, pipeline=True)

    def begin(self) -> Iterable[Any]:
        self._setup()
        return ()

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject") or self.InputObject is None:
            return
        yield from (line for line in self._lines(self.InputObject, True) if line != "")


@command("Export-Csv", aliases=("epcsv",), default_set="Delimiter")
class ExportCsv(_CsvWritingCommand):
    """Converts objects into CSV strings and saves them in a file."""

    InputObject = Param("object", mandatory=True, pipeline=True)
    Path = Param("string", position=0)
    LiteralPath = Param("string", aliases=("PSPath", "LP"))
    Force = Param("switch")
    NoClobber = Param("switch", aliases=("NoOverwrite",))
    Encoding = Param("string")
    Append = Param("switch")
    supports_should_process = True
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))

    def begin(self) -> Iterable[Any]:
        self._setup()
        if self.Append and self.NoHeader:
            raise PyshellError("You must specify either the -Append or -NoHeader parameters, but not both.",
                               error_id="CannotSpecifyBothAppendAndNoHeader", category="InvalidData")
        if self.is_bound("Path") == self.is_bound("LiteralPath"):
            raise PyshellError("You must specify either the -Path or -LiteralPath parameters, but not both.",
                               error_id="CannotSpecifyPathAndLiteralPath", category="InvalidData")
        self._path = self.runspace.resolve_path(self.Path if self.is_bound("Path") else self.LiteralPath)
        check_parent_directory(self._path)
        exists = os.path.exists(self._path)
        if exists and os.path.isdir(self._path):
            raise PyshellError(f"Access to the path '{self._path}' is denied.", error_id="FileOpenFailure",
                               category="OpenError", target=self._path, reason="UnauthorizedAccessException")
        if exists and self.NoClobber and not self.Append:
            raise PyshellError(f"The file '{self._path}' already exists.", error_id="NoClobber",
                               category="ResourceExists", target=self._path, reason="IOException")
        if exists and not os.access(self._path, os.W_OK):
            if not self.Force:
                raise PyshellError(f"Access to the path '{self._path}' is denied.", error_id="FileOpenFailure",
                                   category="OpenError", target=self._path, reason="UnauthorizedAccessException")
        self._existing: list[str] | None = None
        if self.Append and exists and os.path.getsize(self._path) > 0:
            reader = CsvReader(read_text(self._path, self.Encoding), self._writer.delimiter)
            self._existing, _ = reader.read_header(None, None)
        self._out: list[str] = []
        return ()

    def process(self) -> Iterable[Any]:
        if not self.is_bound("InputObject") or self.InputObject is None:
            return ()
        obj = self.InputObject
        if self._names is None and self._existing is not None:
            own = {n.casefold() for n in _csv_names(obj)}
            for column in self._existing:
                if column.casefold() not in own and not self.Force:
                    raise PyshellError(
                        f"Cannot append CSV content to the following file: {self._path}. The appended object does "
                        f"not have a property that corresponds to the following column: {column}. To continue with "
                        "mismatched properties, add the -Force parameter, and then retry the command.",
                        error_id="CannotAppendCsvWithMismatchedPropertyNames", category="InvalidData", target=column)
            self._names = list(self._existing)
        self._out.extend(self._lines(obj, self._existing is None))
        return ()

    def end(self) -> Iterable[Any]:
        text = "".join(line + "\n" for line in self._out)
        whatif = self.bound.get("WhatIf")
        if whatif is None:
            pref = self.runspace.get_variable("WhatIfPreference")
            whatif = pref is not None and pref is not MISSING and to_bool(pref)
        if to_bool(whatif):
            self.write_host(f'What if: Performing the operation "Export-Csv" on target "{self._path}".')
            return ()
        append = bool(self.Append) and self._existing is not None
        encoding = python_encoding(self.Encoding)
        if os.path.exists(self._path) and not os.access(self._path, os.W_OK) and self.Force:
            os.chmod(self._path, stat.S_IMODE(os.stat(self._path).st_mode) | stat.S_IWUSR)
        write_file_atomic(self._path, text, encoding, append=append)
        return ()
