"""Framing of pyshell's wire messages: newline-delimited JSON over any pair of binary streams.

Both ends import this (the shell, the job worker, the remote agent); standard library only.
Each frame is one JSON object on one line (JSON escapes newlines inside strings), with a
``kind`` field naming one of :class:`Kind`. Messages are plain dicts so that both ends can
add fields without breaking older peers.

Message kinds and their fields (all optional unless noted):

- ``invoke``: ``id`` (str), ``script`` (str, required), ``args`` (list, serialized),
  ``using`` (dict name -> serialized value), ``input`` (list, serialized), ``init`` (str:
  an initialization script), ``cwd`` (str), ``command`` (str: the job's Command text).
- ``output``: ``id``, ``value`` (serialized) -- or ``values`` (a list, for batches).
- ``error``, ``warning``, ``verbose``, ``debug``, ``information``, ``progress``: ``id``,
  ``record`` (from :func:`pyshell.wire.serialize.serialize_record`).
- ``state``: ``id``, ``state`` (``Running``/``Completed``/``Failed``/``Stopped``),
  ``reason`` (a serialized error record when Failed).
- ``stop``: ``id`` -- stop the running invocation.
- ``close``: end the session; the peer exits.
- ``hello``: ``pid``, ``version`` -- sent once by a worker/agent when it is ready.
"""

from __future__ import annotations

import enum
import json
import threading
from typing import IO, Any

__all__ = ["Kind", "Channel", "ChannelClosedError", "message"]


class Kind(str, enum.Enum):
    """The message kinds (the ``kind`` field of every frame)."""

    HELLO = "hello"
    INVOKE = "invoke"
    OUTPUT = "output"
    ERROR = "error"
    WARNING = "warning"
    VERBOSE = "verbose"
    DEBUG = "debug"
    INFORMATION = "information"
    PROGRESS = "progress"
    STATE = "state"
    STOP = "stop"
    CLOSE = "close"


class ChannelClosedError(Exception):
    """Raised by :meth:`Channel.send` when the peer has gone away (broken pipe)."""


def message(kind: Kind | str, **fields: Any) -> dict[str, Any]:
    """Build a message dict: ``message(Kind.STATE, id="1", state="Completed")``."""
    msg: dict[str, Any] = {"kind": kind.value if isinstance(kind, Kind) else kind}
    msg.update(fields)
    return msg


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


class Channel:
    """A bidirectional message channel over two binary file objects (pipes, socket files, SSH stdio).

    :param reader: a binary stream frames are read from (``recv``); may be None for send-only use.
    :param writer: a binary stream frames are written to (``send``); may be None for receive-only use.
    :param autoflush: flush after every send (default). Turn off for throughput and call
        :meth:`flush` yourself (the job worker flushes from a timer thread).

    ``send`` is thread-safe; ``recv`` must be called from one thread at a time.
    """

    def __init__(self, reader: IO[bytes] | None, writer: IO[bytes] | None, *, autoflush: bool = True) -> None:
        self.reader = reader
        self.writer = writer
        self.autoflush = autoflush
        self._lock = threading.Lock()
        self._dirty = False
        self.closed = False

    def send(self, msg: dict[str, Any], *, flush: bool | None = None) -> None:
        """Write one message (a dict with a ``kind``).

        :raises ChannelClosedError: when the other end is gone.
        """
        data = (_ENCODER.encode(msg) + "\n").encode("utf-8")
        if self.writer is None:
            raise ChannelClosedError("channel has no writer")
        with self._lock:
            try:
                self.writer.write(data)
                if self.autoflush if flush is None else flush:
                    self.writer.flush()
                    self._dirty = False
                else:
                    self._dirty = True
            except (BrokenPipeError, ValueError, OSError) as e:
                self.closed = True
                raise ChannelClosedError(str(e)) from e

    def flush(self) -> None:
        """Flush buffered frames (no-op when nothing is pending)."""
        if not self._dirty or self.writer is None:
            return
        with self._lock:
            try:
                self.writer.flush()
                self._dirty = False
            except (BrokenPipeError, ValueError, OSError) as e:
                self.closed = True
                raise ChannelClosedError(str(e)) from e

    def recv(self) -> dict[str, Any] | None:
        """Read the next message; None at end of stream (peer closed or died).

        A line that is not valid JSON is skipped (e.g. stray text a shell profile printed).
        """
        if self.reader is None:
            return None
        while True:
            try:
                line = self.reader.readline()
            except (OSError, ValueError):
                return None
            if not line:
                return None
            line = line.strip()
            if not line:
                continue
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if isinstance(msg, dict) and "kind" in msg:
                return msg

    def __iter__(self) -> Any:
        """Iterate over received messages until end of stream."""
        while True:
            msg = self.recv()
            if msg is None:
                return
            yield msg

    def close(self) -> None:
        """Close both streams (errors ignored)."""
        self.closed = True
        for f in (self.writer, self.reader):
            if f is not None:
                try:
                    f.close()
                except (OSError, ValueError):
                    pass
