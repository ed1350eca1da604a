"""Get-FileHash: a file's (or stream's) digest as pwsh's FileHashInfo, upper-case hex.

pwsh reads the file through the FileSystem provider: a missing path is FileNotFound, a directory
is UnauthorizedAccessError (.NET cannot open it as a stream); both are non-terminating.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from pyshell.commands.itembase import ItemCommand, io_error, item_error
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import unwrap
from pyshell.errors import PyshellError
from pyshell.formatting.views import Column, TableView, register_view

__all__ = ["FileHashInfo", "GetFileHash"]

_ALGORITHMS = ("SHA1", "SHA256", "SHA384", "SHA512", "MD5")
_TYPE_NAME = "Microsoft.PowerShell.Commands.FileHashInfo"
_CHUNK = 1 << 20


class FileHashInfo:
    """One Get-FileHash result (Microsoft.PowerShell.Commands.FileHashInfo)."""

    PS_TYPE_NAMES = (_TYPE_NAME, "System.Object")
    PS_PROPERTIES = ("Algorithm", "Hash", "Path")

    def __init__(self, algorithm: str, digest: str, path: str | None) -> None:
        self.Algorithm = algorithm
        self.Hash = digest
        self.Path = path

    def ps_to_string(self) -> str:
        return _TYPE_NAME


register_view(_TYPE_NAME, TableView((Column("Algorithm", width=15), Column("Hash", width=70), Column("Path")),
                                    name="Microsoft.Powershell.Utility.FileHash"))


@command("Get-FileHash", default_set="Path")
class GetFileHash(ItemCommand):
    """Computes the hash value for a file by using a specified hash algorithm."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", position=0, mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    InputStream = Param("object", position=0, mandatory=True, sets=("StreamParameterSet",))
    Algorithm = Param("string", position=1, validate_set=_ALGORITHMS, default="SHA256")

    def process(self) -> Iterator[Any]:
        algorithm = to_string(self.Algorithm or "SHA256").upper()
        if self.parameter_set_name == "StreamParameterSet":
            yield FileHashInfo(algorithm, _digest_stream(algorithm, self.InputStream), None)
            return
        for path, literal in self.input_paths():
            found, wildcard = self.resolve(path, literal)
            if not found and not wildcard:
                full = self.full_path(path, literal)
                self.write_error(item_error(f"Cannot find path '{full}' because it does not exist.", "FileNotFound",
                                            "ObjectNotFound", full, "ItemNotFoundException"))
                continue
            for file in found:
                try:
                    yield FileHashInfo(algorithm, _digest_file(algorithm, file), file)
                except OSError as exc:
                    error = io_error(exc, file, "FileReadError", "ReadError")
                    if error.reason == "UnauthorizedAccessException":
                        error = item_error(str(error), "UnauthorizedAccessError", "InvalidData", file,
                                           "UnauthorizedAccessException")
                    self.write_error(error)


def _digest_file(algorithm: str, path: str) -> str:
    """The upper-case hex digest of a file, read in chunks (large files do not fill memory)."""
    hasher = hashlib.new(algorithm.lower())
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest().upper()


def _digest_stream(algorithm: str, stream: Any) -> str:
    """The digest of what remains in a stream (anything readable), or of a byte array."""
    value = unwrap(stream)
    hasher = hashlib.new(algorithm.lower())
    if isinstance(value, (bytes, bytearray)):
        hasher.update(value)
    elif isinstance(value, list) and all(isinstance(b, int) and 0 <= b < 256 for b in value):
        hasher.update(bytes(value))
    elif callable(getattr(value, "read", None)):
        while chunk := value.read(_CHUNK):
            hasher.update(chunk if isinstance(chunk, (bytes, bytearray)) else to_string(chunk).encode("utf-8"))
    else:
        raise PyshellError(f'Cannot process argument transformation on parameter \'InputStream\'. Cannot convert '
                           f'the "{to_string(value)}" value of type "{_type_name(value)}" to type '
                           f'"System.IO.Stream".', error_id="ParameterArgumentTransformationError",
                           category="InvalidData", reason="ParameterBindingArgumentTransformationException")
    return hasher.hexdigest().upper()


def _type_name(value: Any) -> str:
    from pyshell.engine.objects import type_names

    names = type_names(value)
    return names[0] if names else "System.Object"
