"""The one message protocol of pyshell: process jobs, local detached sessions and remote sessions.

``Channel`` frames JSON messages over a pair of binary streams; ``serialize``/``deserialize``
turn PowerShell values into JSON-able data and back (as PowerShell's CLIXML does, depth 1).
"""

from __future__ import annotations

from pyshell.wire.protocol import Channel, ChannelClosedError, Kind, message
from pyshell.wire.serialize import (
    DEFAULT_DEPTH,
    deserialize,
    deserialize_record,
    serialize,
    serialize_record,
)

__all__ = [
    "Channel",
    "ChannelClosedError",
    "Kind",
    "message",
    "DEFAULT_DEPTH",
    "serialize",
    "deserialize",
    "serialize_record",
    "deserialize_record",
]
