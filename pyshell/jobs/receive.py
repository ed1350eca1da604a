"""Replaying a job's recorded streams into the receiving command (Receive-Job, -Parallel)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["replay", "JobStateEventArgs"]


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


class JobStateEventArgs:
    """What `Receive-Job -Wait -WriteEvents` writes when a job reaches a finished state.

    PowerShell writes System.Management.Automation.JobStateEventArgs with a note property
    ``EventObject`` ($true) that tells a proxy it is an event rather than job output.
    """

    PS_TYPE_NAMES = ("System.Management.Automation.JobStateEventArgs", "System.EventArgs", "System.Object")
    PS_PROPERTIES = ("JobStateInfo", "PreviousJobStateInfo", "EventObject")

    def __init__(self, job: Any) -> None:
        self.JobStateInfo = job.JobStateInfo
        self.PreviousJobStateInfo = job.previous_state_info
        self.EventObject = True

    def ps_to_string(self) -> str:
        return "System.Management.Automation.JobStateEventArgs"
