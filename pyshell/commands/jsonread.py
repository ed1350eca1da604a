"""ConvertFrom-Json: PowerShell 7's lenient JSON reader and the objects it makes."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.datekind import unspecified
from pyshell.engine.objects import (
    Hashtable,
    OrderedHashtable,
    PSObject,
)
from pyshell.errors import PyshellError

__all__ = ["ConvertFromJson", "from_json", "JsonSyntaxError", "CaseSensitiveHashtable", "JsonHashtable"]

# -- ConvertFrom-Json --------------------------------------------------------------------------------

class JsonSyntaxError(ValueError):
    """Text that is not JSON; the message is Newtonsoft's (with path, line and position)."""


_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$")
_IDENT = re.compile(r"[A-Za-z0-9_$]")


def _json_date(text: str, kind: str) -> Any:
    m = _ISO_DATE.match(text)
    if m is None or kind == "String":
        return text
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    ticks = int((m.group(7) or "0")[:7].ljust(7, "0"))  # .NET keeps 100 ns; round to Python's microseconds
    try:
        value = _dt.datetime(year, month, day, hour, minute, second) + _dt.timedelta(microseconds=round(ticks / 10))
    except (ValueError, OverflowError):
        return text
    zone = m.group(8)
    if zone is None:  # Newtonsoft's RoundtripKind: no zone is DateTimeKind.Unspecified
        if kind == "Offset":
            from pyshell.engine.dtoffset import DateTimeOffset

            return DateTimeOffset.of(value)  # taken as local time
        return value.replace(tzinfo=_dt.UTC) if kind == "Utc" else value if kind == "Local" else unspecified(value)
    if zone == "Z":
        aware = value.replace(tzinfo=_dt.UTC)
    else:
        digits = zone[1:].replace(":", "")
        offset = _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        aware = value.replace(tzinfo=_dt.timezone(-offset if zone[0] == "-" else offset))
    if kind == "Offset":
        from pyshell.engine.dtoffset import DateTimeOffset

        return DateTimeOffset.of(aware)
    if kind == "Default" and zone == "Z":
        return aware
    if kind == "Utc":
        return aware.astimezone(_dt.UTC)
    return aware.astimezone().replace(tzinfo=None)  # local time, as .NET's Kind=Local


class _JsonReader:
    """A small JSON reader with Newtonsoft's leniency (comments, single quotes, bare names, trailing commas)."""

    def __init__(self, text: str, max_depth: int, as_hashtable: bool, date_kind: str) -> None:
        self.s = text
        self.i = 0
        self.max_depth = max_depth
        self.as_hashtable = as_hashtable
        self.date_kind = date_kind
        self.depth = 0
        self.started = False

    # -- positions and errors ------------------------------------------------------------------
    def _error(self, message: str, path: str, at: int | None = None) -> JsonSyntaxError:
        at = self.i if at is None else at
        line = self.s.count("\n", 0, at) + 1
        column = at - (self.s.rfind("\n", 0, at) + 1)
        if not self.started and at == 0:
            line = 0
        return JsonSyntaxError(f"{message} Path '{path}', line {line}, position {column}.")

    def _skip(self) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r\n\ufeff":
                self.i += 1
            elif s.startswith("//", self.i):
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end
            elif s.startswith("/*", self.i):
                end = s.find("*/", self.i + 2)
                if end < 0:
                    raise self._error("Unexpected end while parsing comment.", "", len(s))
                self.i = end + 2
            else:
                break

    def parse(self) -> Any:
        self._skip()
        if self.i >= len(self.s):
            return None
        value = self._value("")
        self._skip()
        if self.i < len(self.s):
            raise self._error(f"Additional text encountered after finished reading JSON content: {self.s[self.i]}.", "")
        return value

    # -- values --------------------------------------------------------------------------------
    def _value(self, path: str) -> Any:
        self._skip()
        if self.i >= len(self.s):
            raise self._error("Unexpected end when reading JSON.", path)
        c = self.s[self.i]
        if c == "{":
            return self._object(path)
        if c == "[":
            return self._array(path)
        if c in "\"'":
            self.started = True
            return _json_date(self._string(path), self.date_kind)
        m = _NUMBER.match(self.s, self.i)
        if m and m.group():
            self.started = True
            return self._number(m, path)
        for word, value in (("true", True), ("false", False), ("null", None), ("undefined", None),
                            ("NaN", float("nan")), ("Infinity", float("inf")), ("-Infinity", float("-inf"))):
            if self.s.startswith(word, self.i):
                self.started = True
                self.i += len(word)
                return value
        raise self._error(f"Unexpected character encountered while parsing value: {c}.", path)

    def _number(self, m: re.Match[str], path: str) -> Any:
        text = m.group()
        end = m.end()
        if end < len(self.s) and (self.s[end].isalnum() or self.s[end] in "._"):
            stop = end
            while stop < len(self.s) and self.s[stop] not in ",]} \t\r\n/":
                stop += 1
            raise self._error(f"Input string '{self.s[self.i:stop]}' is not a valid number.", path)
        self.i = end
        if any(c in text for c in ".eE"):
            return float(text)
        return int(text)

    def _string(self, path: str) -> str:
        quote = self.s[self.i]
        self.i += 1
        out: list[str] = []
        s = self.s
        while True:
            if self.i >= len(s):
                raise self._error(f"Unterminated string. Expected delimiter: {quote}.", path, len(s))
            c = s[self.i]
            self.i += 1
            if c == quote:
                return "".join(out)
            if c != "\\":
                out.append(c)
                continue
            if self.i >= len(s):
                raise self._error(f"Unterminated string. Expected delimiter: {quote}.", path, len(s))
            e = s[self.i]
            self.i += 1
            simple = {'"': '"', "'": "'", "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
            if e in simple:
                out.append(simple[e])
            elif e == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", s[self.i:self.i + 4]):
                out.append(chr(int(s[self.i:self.i + 4], 16)))
                self.i += 4
            else:
                raise self._error(f"Bad JSON escape sequence: \\{e}.", path)

    def _enter(self, path: str) -> None:
        self.started = True
        self.i += 1
        self.depth += 1
        if self.depth > self.max_depth:
            raise self._error(f"The reader's MaxDepth of {self.max_depth} has been exceeded.", path)

    def _after_item(self, path: str, close: str) -> bool:
        """Consume ',' or the closing bracket; True when the container ended."""
        self._skip()
        if self.i >= len(self.s):
            raise self._error("Unexpected end when reading JSON.", path)
        c = self.s[self.i]
        if c == ",":
            self.i += 1
            self._skip()
            if self.i < len(self.s) and self.s[self.i] == close:  # a trailing comma
                self.i += 1
                return True
            return False
        if c == close:
            self.i += 1
            return True
        raise self._error(f"After parsing a value an unexpected character was encountered: {c}.", path)

    def _array(self, path: str) -> list[Any]:
        self._enter(path)
        items: list[Any] = []
        self._skip()
        if self.i < len(self.s) and self.s[self.i] == "]":
            self.i += 1
        else:
            while True:
                items.append(self._value(f"{path}[{len(items)}]"))
                if self._after_item(f"{path}[{len(items) - 1}]", "]"):
                    break
        self.depth -= 1
        return items

    def _name(self, path: str) -> str:
        self._skip()
        if self.i >= len(self.s):
            raise self._error("Unexpected end when reading JSON.", path)
        c = self.s[self.i]
        if c in "\"'":
            return self._string(path)
        start = self.i
        while self.i < len(self.s) and _IDENT.match(self.s[self.i]):
            self.i += 1
        if self.i == start:
            raise self._error(f"Invalid property identifier character: {c}.", path)
        return self.s[start:self.i]

    def _object(self, path: str) -> Any:
        self._enter(path)
        pairs: list[tuple[str, Any]] = []
        self._skip()
        if self.i < len(self.s) and self.s[self.i] == "}":
            self.i += 1
        else:
            while True:
                name = self._name(path)
                sub = f"{path}.{name}" if path else name
                self._skip()
                if self.i >= len(self.s) or self.s[self.i] != ":":
                    got = self.s[self.i] if self.i < len(self.s) else ""
                    raise self._error(f"Invalid character after parsing property name. Expected ':' but got: {got}.",
                                      sub)
                self.i += 1
                pairs.append((name, self._value(sub)))
                if self._after_item(sub, "}"):
                    break
        self.depth -= 1
        return self._build(pairs)

    def _build(self, pairs: list[tuple[str, Any]]) -> Any:
        latest: dict[str, tuple[str, Any]] = {}
        for name, value in pairs:  # Newtonsoft keeps the last of exact duplicates
            latest[name] = (name, value)
        if self.as_hashtable:
            table = JsonHashtable()
            for name, value in latest.values():
                if name in table:
                    raise PyshellError("Cannot convert the JSON string because a dictionary that was converted from "
                                       f"the string contains the duplicated key '{name}'.",
                                       error_id="DuplicateKeysInJsonString", category="InvalidOperation")
                table[name] = value
            return table
        result = PSObject()
        for name, value in latest.values():
            if name == "":
                raise PyshellError("The provided JSON includes a property whose name is an empty string, this is "
                                   "only supported using the -AsHashTable switch.",
                                   error_id="EmptyKeyInJsonString", category="InvalidOperation")
            if name in result.properties:
                raise PyshellError("Cannot convert the JSON string because it contains keys with different casing. "
                                   "Please use the -AsHashTable switch instead. The key that was attempted to be "
                                   f"added to the existing key '{result.properties.original_key(name)}' was '{name}'.",
                                   error_id="KeysWithDifferentCasingInJsonString", category="InvalidOperation")
            result.properties[name] = value
        return result


class CaseSensitiveHashtable(Hashtable):
    """A Hashtable whose string keys compare ordinally, like .NET's `new Hashtable()`
    (Group-Object -AsHashTable -CaseSensitive, ConvertFrom-Json -AsHashtable)."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        return self._data[key][1]

    def __setitem__(self, key: Any, value: Any) -> None:
        self._data[key] = (key, value)

    def __delitem__(self, key: Any) -> None:
        del self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: Any, default: Any = None) -> Any:
        entry = self._data.get(key)
        return entry[1] if entry else default

    def set_folded(self, folded: Any, key: Any, value: Any) -> None:
        self._data[key] = (key, value)

    def original_key(self, key: Any) -> Any:
        return key


class JsonHashtable(CaseSensitiveHashtable, OrderedHashtable):
    """ConvertFrom-Json -AsHashtable's result: ordered, keys compare case-sensitively, and a Hashtable."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.Management.Automation.OrderedHashtable", "System.Collections.Hashtable",
                     "System.Object")


def from_json(text: str, *, as_hashtable: bool = False, depth: int = 1024, date_kind: str = "Default") -> Any:
    """Parse JSON as ConvertFrom-Json does (PSObjects, object[] arrays, ISO strings as datetimes).

    :raises JsonSyntaxError: for text that is not JSON (Newtonsoft's message).
    :raises PyshellError: for JSON a PSObject cannot hold (duplicate keys in other casing, empty names).
    """
    return _JsonReader(text, depth, as_hashtable, date_kind).parse()


@command("ConvertFrom-Json")
class ConvertFromJson(Cmdlet):
    """Converts a JSON-formatted string to a custom object or a hash table."""

    InputObject = Param("string", position=0, mandatory=True, pipeline=True)
    AsHashtable = Param("switch")
    Depth = Param("int", default=1024)
    NoEnumerate = Param("switch")
    DateKind = Param("string", validate_set=("Default", "Local", "Utc", "Offset", "String"), default="Default")

    def begin(self) -> Iterable[Any]:
        if self.Depth is not None and self.Depth <= 0:
            raise PyshellError(f"Cannot validate argument on parameter 'Depth'. The argument \"{self.Depth}\" cannot "
                               "be validated because its value is not greater than zero.",
                               error_id="ParameterArgumentValidationError", category="InvalidData")
        self._buffer: list[str] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._buffer.append(to_string(self.InputObject))
        return ()

    def _convert(self, text: str) -> tuple[list[Any], bool]:
        try:
            result = from_json(text, as_hashtable=bool(self.AsHashtable), depth=self.Depth or 1024,
                               date_kind=self.DateKind or "Default")
        except JsonSyntaxError as exc:
            raise PyshellError(f"Conversion from JSON failed with error: {exc}", error_id="System.ArgumentException",
                               reason="ArgumentException") from None
        out = list(result) if isinstance(result, list) and not self.NoEnumerate else [result]
        return out, result is not None

    def end(self) -> Iterator[Any]:
        buffer = self._buffer
        if not buffer:
            return
        if len(buffer) == 1:
            yield from self._convert(buffer[0])[0]
            return
        try:
            first, ok = self._convert(buffer[0])
        except PyshellError as exc:
            if exc.error_id != "System.ArgumentException":
                raise
            first, ok = [], False
        if ok:
            yield from first
            for text in buffer[1:]:
                yield from self._convert(text)[0]
        else:
            yield from first
            yield from self._convert("\n".join(buffer))[0]
