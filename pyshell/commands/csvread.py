"""ConvertFrom-Csv and Import-Csv: PowerShell's lenient CSV record reader."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.data import read_text
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    PSObject,
)
from pyshell.errors import PyshellError

__all__ = ["ConvertFromCsv", "ImportCsv", "CsvReader"]


class CsvReader:
    """ImportCsvHelper over a string: PowerShell's lenient CSV record parser."""

    def __init__(self, text: str, delimiter: str) -> None:
        self.s = text
        self.i = 0
        self.delimiter = delimiter

    @property
    def eof(self) -> bool:
        return self.i >= len(self.s)

    def _newline(self, ch: str) -> str:
        if ch == "\r":
            if not self.eof and self.s[self.i] == "\n":
                self.i += 1
                return "\r\n"
            return "\r"
        return "\n" if ch == "\n" else ""

    def _read_line(self) -> str:
        start = self.i
        while not self.eof and self.s[self.i] not in "\r\n":
            self.i += 1
        line = self.s[start:self.i]
        if not self.eof:
            self.i += 1
            self._newline(self.s[self.i - 1])
        return line

    def _till_delimiter(self, current: list[str], eat_blanks: bool) -> bool:
        temp: list[str] = []
        non_white = False
        end = False
        while True:
            if self.eof:
                end = True
                break
            ch = self.s[self.i]
            self.i += 1
            if ch == self.delimiter:
                break
            if self._newline(ch):
                end = True
                break
            temp.append(ch)
            if ch not in " \t":
                non_white = True
        current.append("".join(temp).strip() if eat_blanks and not non_white else "".join(temp))
        return end

    def record(self) -> list[str]:
        """ParseNextRecord: the fields of the next record ([] at the end of the text)."""
        result: list[str] = []
        cur: list[str] = []
        quoted = False
        while not self.eof:
            ch = self.s[self.i]
            self.i += 1
            if ch == self.delimiter and not quoted:
                result.append("".join(cur))
                cur = []
            elif ch == self.delimiter or (ch in " \t" and quoted):
                cur.append(ch)
            elif ch == '"':
                if quoted and not self.eof and self.s[self.i] == '"':
                    self.i += 1
                    cur.append('"')
                elif quoted or cur:
                    if not quoted:
                        cur.append(ch)
                    end = self._till_delimiter(cur, eat_blanks=quoted)
                    quoted = False
                    result.append("".join(cur))
                    cur = []
                    if end:
                        break
                else:
                    quoted = True
            elif ch in " \t":
                if not cur:
                    continue
                cur.append(ch)
                end = self._till_delimiter(cur, eat_blanks=True)
                result.append("".join(cur))
                cur = []
                if end:
                    break
            elif ch in "\r\n":
                newline = self._newline(ch)
                if quoted:
                    cur.append(newline)
                else:
                    result.append("".join(cur))
                    cur = []
                    break
            else:
                cur.append(ch)
        if cur:
            result.append("".join(cur))
        return result

    def read_header(self, header: list[str] | None, type_name: str | None,
                    first: bool = True) -> tuple[list[str] | None, str | None]:
        if first and type_name is None and not self.eof and self.s[self.i] == "#":
            line = self._read_line()
            if line.casefold().startswith("#type"):
                type_name = line[5:].strip() or None
        while header is None and not self.eof:
            comment = self.s[self.i] == "#"  # a quoted "#" starts a header, not a comment
            values = self.record()
            while len(values) > 1 and values[-1] == "":
                values.pop()
            if comment and values and values[0].startswith("#Fields: "):
                values[0] = values[0][9:]
                header = values
            elif comment:
                continue
            else:
                header = values
        if header:
            seen: set[str] = set()
            for name in header:
                if name and name.casefold() in seen:
                    raise PyshellError(f'The member "{name}" is already present.',
                                       error_id="AlreadyPresentPSMemberInfoInternalCollectionAdd",
                                       reason="ExtendedTypeSystemException")
                seen.add(name.casefold())
        return header, type_name


class _CsvImporter:
    """Turns CSV text into PSObjects, remembering the header across inputs (ConvertFrom-Csv lines)."""

    def __init__(self, cmd: Cmdlet, delimiter: str, header: list[str] | None) -> None:
        self.cmd = cmd
        self.delimiter = delimiter
        self.header = header
        self.type_name: str | None = None
        self.warned = False
        self.started = False

    def rows(self, text: str) -> Iterator[PSObject]:
        reader = CsvReader(text, self.delimiter)
        first = not self.started  # only the very first line may be a #TYPE line
        self.started = True
        self.header, self.type_name = reader.read_header(self.header, self.type_name, first)
        while True:
            values = reader.record()
            if not values:
                return
            if len(values) == 1 and values[0] == "":
                continue
            yield self._build(values)

    def _build(self, values: list[str]) -> PSObject:
        names = self.header or []
        unnamed = 1
        result = PSObject()
        for i, name in enumerate(names):
            if not name:
                name = f"H{unnamed}"
                unnamed += 1
            result.properties[name] = values[i] if i < len(values) else None
        if unnamed != 1 and not self.warned:
            self.warned = True
            self.cmd.write_warning('One or more headers were not specified. Default names starting with "H" have '
                                   "been used in place of any missing headers.")
        if self.type_name:
            result.type_names = [self.type_name, "CSV:" + self.type_name]
        return result


def _delimiter(cmd: Cmdlet) -> str:
    value = cmd.bound.get("Delimiter")
    if value in (None, "") and cmd.bound.get("UseCulture"):
        from pyshell.engine.culture import list_separator

        return list_separator()
    return to_string(value)[0] if value not in (None, "") else ","


def _header(cmd: Cmdlet) -> list[str] | None:
    header = cmd.bound.get("Header")
    if header is None:
        return None
    return [to_string(h) for h in (header if isinstance(header, (list, tuple)) else [header])]


@command("Import-Csv", aliases=("ipcsv",), default_set="DelimiterPath")
class ImportCsv(Cmdlet):
    """Creates table-like custom objects from the items in a CSV file."""

    Path = Param("string[]", position=0, pipeline=True, by_property_name=True,
                 sets=("DelimiterPath", "CulturePath"), mandatory=True)
    LiteralPath = Param("string[]", aliases=("PSPath", "LP"), by_property_name=True,
                        sets=("DelimiterLiteralPath", "CultureLiteralPath"), mandatory=True)
    Delimiter = Param("char", position=1, sets=("DelimiterPath", "DelimiterLiteralPath"))
    UseCulture = Param("switch", sets=("CulturePath", "CultureLiteralPath"), mandatory=True)
    Header = Param("string[]")
    Encoding = Param("string")

    def begin(self) -> Iterable[Any]:
        self._warned = False
        return ()

    def process(self) -> Iterator[Any]:
        literal = self.is_bound("LiteralPath")
        paths = self.LiteralPath if literal else self.Path
        if paths is None:
            return
        for p in paths if isinstance(paths, (list, tuple)) else [paths]:
            for path in self._resolve(to_string(p), literal):
                importer = _CsvImporter(self, _delimiter(self), _header(self))
                importer.warned = self._warned
                yield from importer.rows(read_text(path, self.Encoding))
                self._warned = importer.warned

    def _resolve(self, path: str, literal: bool) -> list[str]:
        full = self.runspace.resolve_path(path)
        if not literal and any(c in path for c in "*?["):
            import glob

            matches = sorted(glob.glob(full))
            if matches:
                return matches
        if not os.path.isfile(full):
            if os.path.isdir(full):
                raise PyshellError(f"Access to the path '{full}' is denied.", error_id="FileOpenFailure",
                                   category="OpenError", target=full, reason="UnauthorizedAccessException")
            raise PyshellError(f"Could not find file '{full}'.", error_id="FileOpenFailure", category="OpenError",
                               target=full, reason="FileNotFoundException")
        return [full]


@command("ConvertFrom-Csv", default_set="Delimiter")
class ConvertFromCsv(Cmdlet):
    """Converts object properties in comma-separated value (CSV) format into CSV versions of the original objects."""

    InputObject = Param("object[]", position=0, mandatory=True, pipeline=True, by_property_name=True)
    Delimiter = Param("char", position=1, sets=("Delimiter",))
    UseCulture = Param("switch", sets=("UseCulture",), mandatory=True)
    Header = Param("string[]")

    def begin(self) -> Iterable[Any]:
        self._importer = _CsvImporter(self, _delimiter(self), _header(self))
        return ()

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject") or self.InputObject is None:
            return
        items = self.InputObject if isinstance(self.InputObject, (list, tuple)) else [self.InputObject]
        for item in items:
            yield from self._importer.rows(to_string(item))
