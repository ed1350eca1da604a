"""Data conversion commands: ConvertTo-Json, ConvertFrom-Json, ConvertTo-Csv, ConvertFrom-Csv,
Export-Csv and Import-Csv, with PowerShell 7's output format (Newtonsoft JSON, quoted CSV)."""

from __future__ import annotations

import datetime as _dt
import enum
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import format_double, to_bool, to_string
from pyshell.engine.objects import (
    MISSING,
    Hashtable,
    OrderedHashtable,
    PSObject,
    get_property,
    is_enumerable,
    is_null_like,
    property_names,
    type_names,
)
from pyshell.errors import PyshellError

__all__ = [
    "ConvertToJson", "ConvertFromJson", "ConvertToCsv", "ConvertFromCsv", "ExportCsv", "ImportCsv",
    "to_json", "from_json", "JsonSyntaxError", "python_encoding", "check_parent_directory", "write_file_atomic",
]


# -- files -----------------------------------------------------------------------------------------

_ENCODINGS = {
    "utf8": "utf-8", "utf8nobom": "utf-8", "default": "utf-8", "oem": "utf-8", "utf8bom": "utf-8-sig",
    "ascii": "ascii", "unicode": "utf-16", "bigendianunicode": "utf-16-be", "utf32": "utf-32",
    "bigendianutf32": "utf-32-be", "latin1": "latin-1", "utf7": "utf-7",
}


def python_encoding(name: Any) -> str:
    """The Python codec for a PowerShell -Encoding value (utf8NoBOM when not given)."""
    if name is None or name == "":
        return "utf-8"
    text = to_string(name).replace("-", "").casefold()
    if text in _ENCODINGS:
        return _ENCODINGS[text]
    if text.isdigit():
        return f"cp{text}"
    return to_string(name)


def read_text(path: str, encoding: Any = None) -> str:
    """Read a text file as PowerShell does: a byte-order mark wins over the -Encoding default."""
    with open(path, "rb") as fh:
        data = fh.read()
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec)
    return data.decode(python_encoding(encoding), errors="replace")


def check_parent_directory(path: str) -> None:
    """Fail the way .NET does when the file's directory does not exist."""
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        raise PyshellError(f"Could not find a part of the path '{path}'.", error_id="FileOpenFailure",
                           category="OpenError", target=path, reason="DirectoryNotFoundException")


def write_file_atomic(path: str, text: str, encoding: str = "utf-8", append: bool = False) -> None:
    """Write (or append to) path through a temporary file beside it, renamed into place at the end,
    so that a failure never leaves half a file."""
    directory = os.path.dirname(path) or "."
    old: bytes = b""
    mode = None
    if os.path.exists(path):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if append:
            with open(path, "rb") as fh:
                old = fh.read()
    fd, tmp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(old)
            data = text.encode(encoding)
            if old and encoding in ("utf-8-sig", "utf-16", "utf-32"):  # no second byte-order mark
                data = text.encode({"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding])
            fh.write(data)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# -- ConvertTo-Json ----------------------------------------------------------------------------------

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HTML = set("<>&'\"")


def _json_string(s: str, escape: str) -> str:
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch in _SHORT_ESCAPES and not (escape == "EscapeHtml" and ch in _HTML):
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or ch in "\u0085\u2028\u2029" or (escape == "EscapeHtml" and ch in _HTML) or (
                escape == "EscapeNonAscii" and code > 0x7E):
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _json_number(x: float) -> str:
    if x != x:
        return '"NaN"'
    if x in (float("inf"), float("-inf")):
        return '"Infinity"' if x > 0 else '"-Infinity"'
    text = format_double(x)
    return text if any(c in text for c in ".Ee") else text + ".0"


def _offset_text(offset: _dt.timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def json_datetime(d: _dt.datetime) -> str:
    """Newtonsoft's ISO form: 2026-11-24T23:34:24.1234567+00:00 (Z for UTC, local offset otherwise)."""
    text = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    if d.microsecond:
        text += "." + f"{d.microsecond:06d}".rstrip("0")
    if d.tzinfo is None:
        return text + _offset_text(d.astimezone().utcoffset())
    if d.tzinfo is _dt.UTC:
        return text + "Z"
    return text + _offset_text(d.utcoffset())


class _Raw(str):
    """Already-rendered JSON text (numbers, dates) inside the intermediate tree."""


class _JsonConverter:
    """ProcessValue: turn a PowerShell value into plain dicts/lists, honouring -Depth."""

    def __init__(self, depth: int, enums_as_strings: bool, warn: Any) -> None:
        self.max_depth = depth
        self.enums_as_strings = enums_as_strings
        self.warn = warn
        self.warned = False

    def _too_deep(self, depth: int) -> bool:
        if depth <= self.max_depth:
            return False
        if not self.warned and self.warn is not None:
            self.warned = True
            self.warn(f"Resulting JSON is truncated as serialization has exceeded the set depth of {self.max_depth}.")
        return True

    def convert(self, value: Any, depth: int) -> Any:
        if value is MISSING or is_null_like(value):  # [DBNull]::Value and [NullString]::Value too
            return None
        if isinstance(value, PSObject):
            return self._psobject(value, depth)
        if isinstance(value, (str, bool)):
            return value
        if isinstance(value, enum.Enum):
            return value.name if self.enums_as_strings else self.convert(value.value, depth)
        if isinstance(value, int):
            return _Raw(str(value))
        if isinstance(value, float):
            return _Raw(_json_number(value))
        if isinstance(value, _dt.datetime):
            return json_datetime(value)
        if self._too_deep(depth):
            return to_string(value)
        if isinstance(value, Mapping):
            return self._dictionary(value, depth)
        if is_enumerable(value):
            return [self.convert(v, depth + 1) for v in value]
        names = property_names(value)
        if not names and getattr(value, "PS_PROPERTIES", None) is None:
            return to_string(value)
        return {n: self.convert(get_property(value, n), depth + 1) for n in names}

    def _dictionary(self, table: Mapping[Any, Any], depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, item in table.items():
            if not isinstance(key, str):
                raise PyshellError(f"The type '{type_names(table)[0]}' is not supported for serialization or "
                                   "deserialization of a dictionary. Keys must be strings.",
                                   error_id="NonStringKeyInDictionary", category="InvalidOperation", target=table)
            result[key] = self.convert(item, depth + 1)
        return result

    def _psobject(self, pso: PSObject, depth: int) -> Any:
        if pso.base is None:
            if self._too_deep(depth):
                return to_string(pso)
            return {k: self.convert(v, depth + 1) for k, v in pso.properties.items()}
        inner = self.convert(pso.base, depth)
        if isinstance(pso.base, (str, _dt.datetime)) or not pso.properties:
            return inner
        result = inner if isinstance(inner, dict) else {"value": inner}
        for k, v in pso.properties.items():
            if k not in result:
                result[k] = self.convert(v, depth + 1)
        return result


def _render(value: Any, indent: int, compress: bool, escape: str) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, str):
        return _json_string(value, escape)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [(_json_string(k, escape), _render(v, indent + 1, compress, escape)) for k, v in value.items()]
        if compress:
            return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
        pad = "  " * (indent + 1)
        return "{\n" + ",\n".join(f"{pad}{k}: {v}" for k, v in items) + "\n" + "  " * indent + "}"
    if not value:
        return "[]"
    parts = [_render(v, indent + 1, compress, escape) for v in value]
    if compress:
        return "[" + ",".join(parts) + "]"
    pad = "  " * (indent + 1)
    return "[\n" + ",\n".join(pad + p for p in parts) + "\n" + "  " * indent + "]"


def to_json(value: Any, *, depth: int = 2, compress: bool = False, enums_as_strings: bool = False,
            escape: str = "Default", warn: Any = None) -> str:
    """Serialize value as ConvertTo-Json does.

    :param warn: called once with PowerShell's message when -Depth truncates the output.
    """
    tree = _JsonConverter(depth, enums_as_strings, warn).convert(value, 0)
    return _render(tree, 0, compress, escape)


@command("ConvertTo-Json")
class ConvertToJson(Cmdlet):
    """Converts an object to a JSON-formatted string."""

    InputObject = Param("object", position=0, mandatory=True, pipeline=True)
    Depth = Param("int", default=2)
    Compress = Param("switch")
    EnumsAsStrings = Param("switch")
    AsArray = Param("switch")
    EscapeHandling = Param("string", validate_set=("Default", "EscapeNonAscii", "EscapeHtml"), default="Default")

    def begin(self) -> Iterable[Any]:
        depth = self.Depth
        if depth is None or not 0 <= depth <= 100:
            raise PyshellError(
                f"Cannot validate argument on parameter 'Depth'. The {depth} argument is "
                + ("greater than the maximum allowed range of 100. Supply an argument that is less than or equal to "
                   "100" if depth is not None and depth > 100 else
                   "less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0")
                + " and then try the command again.", error_id="ParameterArgumentValidationError",
                category="InvalidData")
        self._inputs: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._inputs.append(self.InputObject)
        return ()

    def end(self) -> Iterator[Any]:
        if not self._inputs:
            return
        value = list(self._inputs) if len(self._inputs) > 1 or self.AsArray else self._inputs[0]
        yield to_json(value, depth=self.Depth, compress=bool(self.Compress),
                      enums_as_strings=bool(self.EnumsAsStrings), escape=self.EscapeHandling or "Default",
                      warn=self.write_warning)


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
    micro = int((m.group(7) or "0")[:6].ljust(6, "0"))
    try:
        value = _dt.datetime(year, month, day, hour, minute, second, micro)
    except ValueError:
        return text
    zone = m.group(8)
    if zone is None:
        return value.replace(tzinfo=_dt.UTC) if kind == "Utc" else value
    if zone == "Z":
        aware = value.replace(tzinfo=_dt.UTC)
    else:
        digits = zone[1:].replace(":", "")
        offset = _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        aware = value.replace(tzinfo=_dt.timezone(-offset if zone[0] == "-" else offset))
    if kind == "Offset" or (kind == "Default" and zone == "Z"):
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


# -- CSV ---------------------------------------------------------------------------------------------

def _csv_names(obj: Any) -> list[str]:
    if isinstance(obj, Hashtable):
        return [to_string(k) for k in obj.keys()]
    return property_names(obj)


def _dotnet_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "System.Object[]"
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
            reader = _CsvReader(read_text(self._path, self.Encoding), self._writer.delimiter)
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


class _CsvReader:
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
        reader = _CsvReader(text, self.delimiter)
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
