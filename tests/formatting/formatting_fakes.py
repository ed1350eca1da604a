"""Small stand-ins for engine objects the formatting tests show: jobs, sessions, processes."""

from __future__ import annotations

from typing import Any

from pyshell.engine.objects import PSObject
from pyshell.formatting import format_lines

JOB_TYPES = ("System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job", "System.Object")


class FakeJob:
    PS_TYPE_NAMES = JOB_TYPES
    PS_PROPERTIES = ("State", "HasMoreData", "StatusMessage", "Location", "Command", "JobStateInfo", "Finished",
                     "InstanceId", "Id", "Name", "ChildJobs", "PSBeginTime", "PSEndTime", "PSJobTypeName")

    def __init__(self, id: int, name: str, type_name: str, state: str, more: bool, location: str,
                 command: str) -> None:
        self.Id = id
        self.Name = name
        self.PSJobTypeName = type_name
        self.State = state
        self.HasMoreData = more
        self.Location = location
        self.Command = command
        self.StatusMessage = ""
        self.JobStateInfo = state
        self.Finished = "System.Threading.ManualResetEvent"
        self.InstanceId = "9f1f7d8e-0000-0000-0000-000000000000"
        self.ChildJobs: list[Any] = []
        self.PSBeginTime = None
        self.PSEndTime = None


class FakeSession:
    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.PSSession", "System.Object")
    PS_PROPERTIES = ("State", "ComputerName", "ComputerType", "ConfigurationName", "InstanceId", "Id", "Name",
                     "Availability", "Transport")

    def __init__(self, id: int, name: str, computer: str, state: str, availability: str) -> None:
        self.Id = id
        self.Name = name
        self.Transport = "SSH"
        self.ComputerName = computer
        self.ComputerType = "RemoteMachine"
        self.State = state
        self.ConfigurationName = "DefaultShell"
        self.Availability = availability
        self.InstanceId = "x"


class FakeProcess:
    PS_TYPE_NAMES = ("System.Diagnostics.Process", "System.ComponentModel.Component", "System.Object")
    PS_PROPERTIES = ("Name", "Id", "NPM", "PM", "WS", "CPU", "SI", "ProcessName")

    def __init__(self, pid: int, name: str, ws: int, cpu: float | None) -> None:
        self.Name = self.ProcessName = name
        self.Id = pid
        self.NPM = 2048
        self.PM = 52428800
        self.WS = ws
        self.CPU = cpu
        self.SI = 1


def remote(props: dict[str, Any], computer: str = "web01", show: bool = True) -> PSObject:
    """An object as Invoke-Command returns it."""
    bag = dict(props)
    bag.update(PSComputerName=computer, RunspaceId="5b1e3f2a-0000-0000-0000-000000000000", PSShowComputerName=show)
    return PSObject(bag)


def lines(objects: list[Any], width: int = 120, **kw: Any) -> list[str]:
    return format_lines(objects, width, **kw)
