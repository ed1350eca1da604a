"""Replaying a job's recorded streams into the receiving command (Receive-Job, -Parallel)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["replay"]


def replay(cmdlet: Any, stream: str, item: Any) -> Iterable[Any]:
    """Output items are returned; other records go to the receiver's matching stream."""
    if stream == "Output":
        return (item,)
    sinks = cmdlet.streams
    if stream == "Error":
        sinks.error(item)
    elif stream == "Warning":
        sinks.warning(item.Message)
    elif stream == "Verbose":
        sinks.verbose(item.Message)
    elif stream == "Debug":
        sinks.debug(item.Message)
    elif stream == "Information":
        sinks.information(item, list(item.Tags), item.Source)
    elif stream == "Progress":
        sinks.progress(item)
    return ()
