"""Constructors of the concrete encodings: [System.Text.UTF8Encoding]::new($false), [Text.UnicodeEncoding]::new().

Why: scripts build a BOM-less UTF-8 encoding for [IO.File]::WriteAllText(path, text, $enc); engine/types.py
registers these lazily (engine/encoding.py is imported only when one is made).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register"]


def _utf8(emit_bom: Any = False, throw_on_invalid_bytes: Any = False) -> Any:
    from pyshell.engine.encoding import DotNetEncoding

    return DotNetEncoding("System.Text.UTF8Encoding", "utf-8", "utf-8", "Unicode (UTF-8)", 65001,
                          b"\xef\xbb\xbf" if emit_bom else b"")


def _unicode(big_endian: Any = False, byte_order_mark: Any = True, throw_on_invalid_bytes: Any = False) -> Any:
    from pyshell.engine.encoding import DotNetEncoding

    if big_endian:
        return DotNetEncoding("System.Text.UnicodeEncoding", "utf-16-be", "utf-16BE", "Unicode (Big-Endian)", 1201,
                              b"\xfe\xff" if byte_order_mark else b"")
    return DotNetEncoding("System.Text.UnicodeEncoding", "utf-16-le", "utf-16", "Unicode", 1200,
                          b"\xff\xfe" if byte_order_mark else b"")


def _utf32(big_endian: Any = False, byte_order_mark: Any = True, throw_on_invalid_chars: Any = False) -> Any:
    from pyshell.engine.encoding import DotNetEncoding

    if big_endian:
        return DotNetEncoding("System.Text.UTF32Encoding", "utf-32-be", "utf-32BE", "Unicode (UTF-32 Big-Endian)",
                              12001, b"\x00\x00\xfe\xff" if byte_order_mark else b"")
    return DotNetEncoding("System.Text.UTF32Encoding", "utf-32-le", "utf-32", "Unicode (UTF-32)", 12000,
                          b"\xff\xfe\x00\x00" if byte_order_mark else b"")


def _ascii() -> Any:
    from pyshell.engine.encoding import DotNetEncoding

    return DotNetEncoding("System.Text.ASCIIEncoding", "ascii", "us-ascii", "US-ASCII", 20127, b"", single_byte=True)


_CTORS: dict[str, Callable[..., Any]] = {
    "System.Text.UTF8Encoding": _utf8, "System.Text.UnicodeEncoding": _unicode,
    "System.Text.UTF32Encoding": _utf32, "System.Text.ASCIIEncoding": _ascii,
}


def register(static_types: dict[str, dict[str, Any]], known: set[str]) -> None:
    """Add the encoding constructors to engine/types.py's tables (existing entries win)."""
    for name, ctor in _CTORS.items():
        static_types.setdefault(name, {}).setdefault("new", ctor)
        known.add(name)
