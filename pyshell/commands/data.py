"""File helpers the data and object commands share: encodings by PowerShell name, reading, atomic writing.

The commands themselves live in jsonwrite (ConvertTo-Json), jsonread (ConvertFrom-Json),
csvwrite (ConvertTo-Csv, Export-Csv) and csvread (ConvertFrom-Csv, Import-Csv)."""

from __future__ import annotations

import os
import stat
import tempfile
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.errors import PyshellError

__all__ = ["python_encoding", "read_text", "check_parent_directory", "write_file_atomic"]


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
