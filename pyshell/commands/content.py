"""Content commands: Get-Content, Set-Content, Add-Content and Clear-Content on files.

Set-Content writes a temporary file beside the target and renames it over the target, so a
failure never leaves half a file; Add-Content appends everything in one O_APPEND write.
"""

from __future__ import annotations

import codecs
import io
import os
import posixpath
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from pyshell.commands.filesystem import (
    ItemCommand,
    ShouldProcessCommand,
    as_list,
    io_error,
    item_error,
    not_found_error,
)
from pyshell.commands.session_items import (
    not_supported,
    session_clear,
    session_get_content,
    session_set_content,
)
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.errors import PyshellError

__all__ = ["GetContent", "SetContent", "AddContent", "ClearContent", "codec_for", "decode_bytes"]

_ENCODINGS = {
    "utf8": "utf-8", "utf8nobom": "utf-8", "utf-8": "utf-8", "default": "utf-8", "oem": "utf-8",
    "utf8bom": "utf-8-sig", "ascii": "ascii", "unicode": "utf-16-le", "bigendianunicode": "utf-16-be",
    "utf32": "utf-32-le", "bigendianutf32": "utf-32-be", "latin1": "latin-1", "utf7": "utf-7",
    "string": "utf-8", "unknown": "utf-8", "byte": "latin-1",
    "ansi": "cp1252",  # the en-US culture's ANSI code page (pwsh 7.4's -Encoding ANSI)
}
#: encodings whose .NET Encoding object writes a byte order mark
_WITH_BOM = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
             "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def codec_for(encoding: Any) -> str:
    """Python codec name for a pwsh -Encoding value (name, code page number or .NET web name)."""
    if encoding is None or encoding == "":
        return "utf-8"
    name = to_string(encoding).strip()
    key = name.casefold().replace("-", "") if name.casefold() not in ("utf-8",) else "utf-8"
    if key in _ENCODINGS:
        return _ENCODINGS[key]
    candidate = f"cp{name}" if name.isdigit() else name
    try:
        return codecs.lookup(candidate).name
    except LookupError:
        raise PyshellError(
            f"Cannot process argument transformation on parameter 'Encoding'. '{name}' is not a supported encoding "
            "name. For information on defining a custom encoding, see the documentation for the "
            "Encoding.RegisterProvider method.", error_id="ParameterArgumentTransformationError",
            category="InvalidData", reason="ParameterBindingArgumentTransformationException") from None


def _sniff_bom(head: bytes) -> tuple[str | None, int]:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return None, 0


def decode_bytes(data: bytes, codec: str = "utf-8") -> str:
    """Decode file bytes as StreamReader does: a byte order mark wins over the requested encoding."""
    found, skip = _sniff_bom(data[:4])
    return data[skip:].decode(found or codec, errors="replace")


def _strip_eol(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


def _unable_dir(path: str) -> PyshellError:
    return item_error(f"Unable to get content because it is a directory: '{path}'. Please use 'Get-ChildItem' "
                      "instead.", "GetContainerContentException", "InvalidOperation", path,
                      "InvalidOperationException")


def _warn_byte_stream(cmd: Any) -> None:
    if cmd.AsByteStream and cmd.is_bound("Encoding"):
        cmd.write_warning("Encoding parameter is ignored when -AsByteStream is specified.")


def _chunks(items: Iterable[Any], size: int) -> Iterator[Any]:
    """ReadCount: 1 -> items one by one; n -> lists of n; 0 or less -> one list of everything."""
    if size == 1:
        yield from items
        return
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if 0 < size <= len(batch):
            yield batch
            batch = []
    if batch:
        yield batch


@command("Get-Content", aliases=("gc", "type"), default_set="Path")
class GetContent(ItemCommand):
    """Gets the content of the item at the specified location."""

    Path = Param("string[]", position=0, mandatory=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    ReadCount = Param("long", by_property_name=True, default=1)
    TotalCount = Param("long", by_property_name=True, aliases=("First", "Head"), default=-1)
    Tail = Param("int", aliases=("Last",), default=-1)
    Raw = Param("switch")
    Wait = Param("switch")
    Delimiter = Param("string")
    Encoding = Param("string")
    AsByteStream = Param("switch")
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    Force = Param("switch")

    def begin(self) -> Iterable[Any]:
        for name in ("TotalCount", "Tail"):  # [ValidateRange(-1, MaxValue)]
            value = self.bound.get(name)
            if self.is_bound(name) and value is not None and value < -1:
                raise PyshellError(f"Cannot validate argument on parameter '{name}'. The {value} argument is less "
                                   "than the minimum allowed range of -1. Supply an argument that is greater than or "
                                   "equal to -1 and then try the command again.",
                                   error_id="ParameterArgumentValidationError", category="InvalidData",
                                   reason="ParameterBindingValidationException")
        if self.is_bound("TotalCount") and self.is_bound("Tail"):
            raise PyshellError("The parameters TotalCount and Tail cannot be used together. Please specify only one "
                               "parameter.", error_id="TailAndHeadCannotCoexist", category="InvalidOperation",
                               reason="InvalidOperationException")
        if self.Raw and self.Wait:
            raise PyshellError("The Raw and Wait parameters cannot be specified in the same command.",
                               error_id="RawAndWaitCannotCoexist", category="InvalidOperation",
                               reason="InvalidOperationException")
        if self.Raw and self.is_bound("Tail"):
            raise PyshellError("The Raw and Tail parameters cannot be specified in the same command.",
                               error_id="InvalidOperation", category="InvalidOperation",
                               reason="InvalidOperationException")
        _warn_byte_stream(self)
        self.codec = codec_for(self.Encoding)
        return ()

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths():
            loc = self.session_target(path, literal)
            if loc is not None:
                if loc is not False:
                    yield from session_get_content(self, loc, literal)
                continue
            found, wildcard = self.resolve(path, literal, self.force())
            if not found:
                full = self.full_path(path, literal)
                err = not_found_error(full)
                if wildcard:
                    err = item_error(f"Cannot find path '{full}' because it does not exist.", "ItemNotFound",
                                     "ObjectNotFound", full, "ItemNotFoundException")
                self.write_error(err)
            for target in found:
                if self.passes(target):
                    yield from self._read(target)

    def _read(self, path: str) -> Iterator[Any]:
        if os.path.isdir(path):
            self.write_error(_unable_dir(path))
            return
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed in the finally below; reading streams lazily
        except OSError as exc:
            self.write_error(io_error(exc, path, "GetContentReaderUnauthorizedAccessError"
                                      if isinstance(exc, PermissionError) else "GetContentReaderIOError", "ReadError"))
            return
        try:
            yield from self._emit(self._units(fh))
            if self.Wait:
                fh.seek(0, os.SEEK_END)  # only what is appended from now on (-Tail 0 read nothing yet)
                yield from self._follow(fh)
        finally:
            fh.close()

    def _units(self, fh: BinaryIO) -> Iterator[Any]:
        """The file as a stream of lines (or bytes, or one raw string)."""
        if self.AsByteStream:
            data = fh.read()
            if self.Raw:
                if data:
                    yield data
                return
            yield from data
            return
        head = fh.read(4)
        found, skip = _sniff_bom(head)
        fh.seek(skip)
        text = io.TextIOWrapper(fh, encoding=found or self.codec, errors="replace", newline="")
        try:
            if self.Raw:
                content = text.read()
                if content:
                    yield content
                return
            if self.Delimiter not in (None, ""):
                yield from self._delimited(text.read(), to_string(self.Delimiter))
                return
            for line in text:
                self.check_stop()
                yield _strip_eol(line)
        finally:
            text.detach()

    @staticmethod
    def _delimited(content: str, delimiter: str) -> Iterator[str]:
        start = 0
        while (at := content.find(delimiter, start)) >= 0:
            yield content[start:at]
            start = at + len(delimiter)
        if start < len(content):
            yield content[start:]

    def _emit(self, units: Iterator[Any]) -> Iterator[Any]:
        if self.Raw:
            yield from units
            return
        total, tail = int(self.TotalCount), int(self.Tail)
        if total == 0 or (self.is_bound("Tail") and tail == 0):
            return
        if total > 0:
            units = (u for i, u in zip(range(total), units, strict=False))
        elif self.is_bound("Tail") and tail > 0:
            units = iter(deque(units, maxlen=tail))
        yield from _chunks(units, int(self.ReadCount))

    def _follow(self, fh: BinaryIO) -> Iterator[Any]:
        """-Wait: keep reading lines appended to the file until the pipeline is stopped."""
        pending = b""
        while True:
            self.check_stop()
            data = fh.read()
            if not data:
                time.sleep(0.05)
                continue
            pending += data
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                yield _strip_eol(raw.decode(self.codec, errors="replace") + "\n")


class _WriteContent(ShouldProcessCommand):
    """Set-Content and Add-Content: values gather during the pipeline and are written at the end."""

    Path = Param("string[]", position=0, mandatory=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Value = Param("object[]", position=1, mandatory=True, pipeline=True, by_property_name=True)
    PassThru = Param("switch")
    NoNewline = Param("switch")
    Encoding = Param("string")
    AsByteStream = Param("switch")
    Force = Param("switch")
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    action = ""

    def begin(self) -> Iterable[Any]:
        _warn_byte_stream(self)
        self.codec = codec_for(self.Encoding)
        self.values: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        self.values.extend(as_list(self.bound.get("Value")))
        return ()

    def end(self) -> Iterator[Any]:
        data: bytes | None = None
        for path, literal in self.input_paths():
            loc = self.session_target(path, literal)
            if loc is not None:
                if loc is not False:
                    session_set_content(self, loc, self.values, self.action == "Add Content")
                continue
            if data is None:
                data = self._bytes()
            found, wildcard = self.resolve(path, literal, self.force())
            if wildcard and not found:
                self.write_error(not_found_error(self.full_path(path, literal)))
            for target in found or ([] if wildcard else [self.full_path(path, literal)]):
                if self.passes(target) and self.should_process(f"Path: {target}", self.action):
                    self._write_to(target, data)
        if self.PassThru:
            yield from self.values

    def _bytes(self) -> bytes:
        if self.AsByteStream:
            out = bytearray()
            for v in self.values:
                if isinstance(v, (bytes, bytearray)):
                    out += v
                elif isinstance(v, int):
                    out.append(v & 0xFF)
                else:
                    raise PyshellError("Cannot proceed with byte encoding. When using byte encoding the content must "
                                       "be of type byte.", error_id="ByteEncodingError", category="WriteError",
                                       reason="ArgumentException")
            return bytes(out)
        sep = "" if self.NoNewline else "\n"
        text = "".join(to_string(v) + sep for v in self.values if v is not None)
        return text.encode(self.codec if self.codec != "utf-8-sig" else "utf-8", errors="replace")

    def _write_to(self, target: str, data: bytes) -> None:
        if os.path.isdir(target):
            self.write_error(self._dir_error(target))
            return
        try:
            self.write(target, data)
        except OSError as exc:
            self.write_error(io_error(exc, target, "GetContentWriterUnauthorizedAccessError"
                                      if isinstance(exc, PermissionError) else "GetContentWriterDirectoryNotFoundError"
                                      if isinstance(exc, (FileNotFoundError, NotADirectoryError))
                                      else "GetContentWriterIOError", "ObjectNotFound"))

    def _dir_error(self, target: str) -> PyshellError:
        return item_error(f"Access to the path '{target}' is denied.", "GetContentWriterUnauthorizedAccessError",
                          "PermissionDenied", target, "UnauthorizedAccessException")

    def bom(self) -> bytes:
        return b"" if self.AsByteStream else _WITH_BOM.get(self.codec, b"")

    def write(self, target: str, data: bytes) -> None:
        raise NotImplementedError


@command("Set-Content", default_set="Path")
class SetContent(_WriteContent):
    """Writes new content or replaces existing content in a file."""

    action = "Set Content"

    def write(self, target: str, data: bytes) -> None:
        real = os.path.realpath(target)  # write through symbolic links, as opening the path would
        st = _stat(real)
        if st is not None and not st.st_mode & 0o200:
            if not self.force():
                raise PermissionError(13, "Permission denied", real)
        directory = posixpath.dirname(real) or "/"
        payload = self.bom() + data
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{posixpath.basename(real)}.", suffix=".tmp", dir=directory)
        except PermissionError:
            if st is None:
                raise
            with open(real, "wb") as fh:  # a read-only directory: overwrite in place as .NET would
                fh.write(payload)
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
                os.fchmod(fh.fileno(), (st.st_mode & 0o7777 | (0o200 if self.force() else 0)) if st else
                          0o666 & ~_umask())
                if st is not None:
                    try:
                        os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                    except OSError:
                        pass
            os.replace(temp, real)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise


@command("Add-Content", default_set="Path")
class AddContent(_WriteContent):
    """Appends content to a file, creating it when needed."""

    action = "Add Content"

    def _dir_error(self, target: str) -> PyshellError:
        return _unable_dir(target)

    def write(self, target: str, data: bytes) -> None:
        st = _stat(target)
        if st is not None and not st.st_mode & 0o200 and self.force():
            os.chmod(target, st.st_mode | 0o200)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            payload = (self.bom() if os.fstat(fd).st_size == 0 else b"") + data
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


@command("Clear-Content", aliases=("clc",), default_set="Path")
class ClearContent(ShouldProcessCommand):
    """Deletes the contents of a file but keeps the file."""

    Path = Param("string[]", position=0, mandatory=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")
    Force = Param("switch")

    def process(self) -> Iterable[Any]:
        for path, literal in self.input_paths():
            loc = self.session_target(path, literal)
            if loc is not None:
                if loc is not False and loc.drive.Provider.Name == "Function":
                    # the Function provider has no content writer to clear
                    self.write_error(not_supported())
                elif loc is not False:
                    session_clear(self, loc, literal)
                continue
            for target in self.resolve_or_error(path, literal, self.force()):
                if not self.passes(target) or not self.should_process(f"Item: {target}", "Clear Content"):
                    continue
                if os.path.isdir(target):
                    self.write_error(item_error(f"Access to the path '{target}' is denied.",
                                                "ClearContentUnauthorizedAccessError", "PermissionDenied", target,
                                                "UnauthorizedAccessException"))
                    continue
                try:
                    os.truncate(target, 0)
                except OSError as exc:
                    self.write_error(io_error(exc, target, "ClearContentIOError"))
        return ()


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _umask() -> int:
    """The process umask, read without changing it where /proc allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
