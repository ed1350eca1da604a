"""Where a session daemon's runspace sends its messages: the attached client, or a buffer while none is.

Runs on the remote computer (inside the session daemon) with nothing but python3. While no client is
attached, or a client is attached but has not asked for the held output yet (Connect-PSSession reattaches
without fetching it), every message is held here, up to `capacity`. When full, OutputBufferingMode `Block`
pauses the writer (the running command) until a client takes the messages; `Drop` discards the oldest output.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from pyshell.wire import Channel, ChannelClosedError

__all__ = ["Spool", "CAPACITY", "BLOCK", "DROP"]

#: Messages held for a detached client before OutputBufferingMode applies ($env:PYSHELL_SESSION_BUFFER).
CAPACITY = 100_000
BLOCK = "Block"
DROP = "Drop"


def _capacity() -> int:
    try:
        return max(1, int(os.environ.get("PYSHELL_SESSION_BUFFER", CAPACITY)))
    except ValueError:
        return CAPACITY


class Spool:
    """A message sink with `send(msg)`, as a `Channel` has: live to a client or held for the next one."""

    def __init__(self, capacity: int | None = None, mode: str = BLOCK) -> None:
        self.capacity = capacity or _capacity()
        self.mode = mode
        self.held: deque[dict[str, Any]] = deque()
        self.dropped = 0  #: messages discarded under OutputBufferingMode Drop
        self.channel: Channel | None = None
        self.live = False  #: messages go straight to `channel` (else they are held)
        #: called with each message written to a client (the agent notes which invocations were delivered)
        self.on_delivered: Callable[[dict[str, Any]], None] | None = None
        self._cond = threading.Condition()

    def send(self, msg: dict[str, Any]) -> None:
        """Deliver `msg` to the live client, else hold it (blocking or dropping when the buffer is full)."""
        with self._cond:
            while True:
                if self.live and self.channel is not None and self._write(msg):
                    return
                if len(self.held) < self.capacity:
                    self.held.append(msg)
                    return
                if self.mode == DROP:
                    self._drop_oldest()
                    continue
                self._cond.wait(0.5)  # Block: the command pauses until a client takes the output

    def attach(self, channel: Channel, *, live: bool) -> None:
        """A new client: the previous one (if any) stops receiving; `live` releases the held messages at once."""
        with self._cond:
            self.channel = channel
            self.live = False
            if live:
                self._release()

    def release(self) -> None:
        """The client asked for the output (Receive-PSSession, or a new command): send what is held, then live."""
        with self._cond:
            self._release()

    def detach(self, channel: Channel | None = None, ack: dict[str, Any] | None = None) -> None:
        """Stop sending to `channel` (the current one when None); `ack` is its last message, after all output."""
        with self._cond:
            if channel is not None and channel is not self.channel:
                return
            if ack is not None and self.channel is not None:
                try:
                    self.channel.send(ack)
                except (ChannelClosedError, OSError):
                    pass
            self.channel = None
            self.live = False
            self._cond.notify_all()

    def _release(self) -> None:
        while self.held and self.channel is not None:
            if not self._write(self.held[0]):
                return
            self.held.popleft()
        self.live = self.channel is not None
        self._cond.notify_all()

    def _write(self, msg: dict[str, Any]) -> bool:
        assert self.channel is not None
        try:
            self.channel.send(msg)
        except (ChannelClosedError, OSError):
            self.channel = None  # the client went away without saying so: hold from now on
            self.live = False
            return False
        if self.on_delivered is not None:
            self.on_delivered(msg)
        return True

    def _drop_oldest(self) -> None:
        """Drop the oldest output, keeping `state` messages (a dropped end would leave a job running forever)."""
        for i, m in enumerate(self.held):
            if m.get("kind") != "state":
                del self.held[i]
                self.dropped += 1
                return
        self.held.popleft()
        self.dropped += 1
