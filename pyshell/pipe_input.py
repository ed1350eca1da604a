"""$input of `pwsh -Command`/`-File` when stdin is a pipe: read lazily, as text lines or CLIXML objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from pyshell.engine.objects import Enumerator

__all__ = ["PipeInput"]


class PipeInput(Enumerator):
    """An $input enumerator over stdin that reads only as far as the script enumerates.

    With `xml` (-InputFormat xml), or when the first line is `#< CLIXML`, the items are the
    deserialized objects of the CLIXML document (those tagged for the output stream); otherwise lines.
    """

    def __init__(self, stream: TextIO, *, xml: bool = False) -> None:
        super().__init__([])
        self._stream = stream
        self._xml = xml
        self._source: Iterator[Any] | None = None

    def _items_source(self) -> Iterator[Any]:
        first = self._stream.readline()
        if not first:
            return
        if self._xml or first.strip().lower() == "#< clixml":
            from pyshell.engine.clixml import ClixmlError, iter_stream

            def chunks() -> Iterator[str]:
                yield first
                yield from self._stream

            try:
                for value, stream in iter_stream(chunks()):
                    if stream is None or stream.lower() == "output":
                        yield value
            except ClixmlError:
                return
            return
        yield first.rstrip("\r\n")
        for line in self._stream:
            yield line.rstrip("\r\n")

    def MoveNext(self) -> bool:  # noqa: N802 - PowerShell method name
        if self._pos + 1 < len(self._items):
            self._pos += 1
            return True
        if self._source is None:
            self._source = self._items_source()
        try:
            self._items.append(next(self._source))
        except StopIteration:
            self._pos = len(self._items)
            return False
        self._pos += 1
        return True
