"""The job model shared by every kind of job: states, ids, result buffers and streams (reference 1.x)."""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
import threading
import uuid
from abc import ABC, abstractmethod
from collections import deque
from typing import Any

from pyshell.engine.types import register_enum

__all__ = ["PSDataCollection", "JobState", "JobStateInfo", "Job", "ContainerJob", "FINISHED", "PERSISTENT", "STREAMS"]


class JobState(str, enum.Enum):
    """System.Management.Automation.JobState."""

    NotStarted = "NotStarted"
    Running = "Running"
    Completed = "Completed"
    Failed = "Failed"
    Stopped = "Stopped"
    Blocked = "Blocked"
    Suspended = "Suspended"
    Disconnected = "Disconnected"
    Suspending = "Suspending"
    Stopping = "Stopping"
    AtBreakpoint = "AtBreakpoint"

    def __str__(self) -> str:
        return self.value


FINISHED = frozenset({JobState.Completed, JobState.Failed, JobState.Stopped})
#: states where Wait-Job / Receive-Job -Wait stop waiting (without -Force)
PERSISTENT = FINISHED | {JobState.Suspended, JobState.Disconnected}
#: the stream collections of a job, in the order of its properties
STREAMS = ("Output", "Error", "Progress", "Verbose", "Debug", "Warning", "Information")

#: One id counter per process, shared by every job (PowerShell's static seed in Job.cs).
_IDS = itertools.count(1)


register_enum("System.Management.Automation.JobState", [s.value for s in JobState], "JobState")


class PSDataCollection(list):  # type: ignore[type-arg]
    """A job's stream collection ($job.Verbose, $job.ChildJobs[0].Progress...): a list with ReadAll()."""

    PS_METHODS = ("ReadAll", "Add", "Clear", "ToString")

    def __init__(self, element: str = "System.Management.Automation.PSObject") -> None:
        super().__init__()
        self.element = element

    @property
    def PS_TYPE_NAMES(self) -> tuple[str, ...]:  # noqa: N802
        return (f"System.Management.Automation.PSDataCollection`1[[{self.element}]]", "System.Object")

    def ReadAll(self) -> list[Any]:  # noqa: N802
        items = list(self)
        self.clear()
        return items

    def Add(self, item: Any) -> None:  # noqa: N802
        self.append(item)

    def Clear(self) -> None:  # noqa: N802
        self.clear()

    def ToString(self) -> str:  # noqa: N802
        return self.PS_TYPE_NAMES[0]


_STREAM_TYPES = {"Output": "System.Management.Automation.PSObject",
                 "Error": "System.Management.Automation.ErrorRecord",
                 "Progress": "System.Management.Automation.ProgressRecord",
                 "Verbose": "System.Management.Automation.VerboseRecord",
                 "Debug": "System.Management.Automation.DebugRecord",
                 "Warning": "System.Management.Automation.WarningRecord",
                 "Information": "System.Management.Automation.InformationRecord"}


class JobStateInfo:
    """$job.JobStateInfo: the state and, for a failed job, the reason (an ErrorRecord's exception)."""

    PS_TYPE_NAMES = ("System.Management.Automation.JobStateInfo", "System.Object")
    PS_PROPERTIES = ("State", "Reason")

    def __init__(self, state: JobState, reason: Any = None) -> None:
        self.State = state
        #: an exception (ExceptionInfo); given an ErrorRecord, its Exception is kept
        self.Reason = getattr(reason, "Exception", reason)

    def ps_to_string(self) -> str:
        return self.State.value


class Job(ABC):
    """Base of every job: Id/Name/InstanceId, state machine, streams and the aggregated result buffer."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Management.Automation.Job", "System.Object")
    PS_PROPERTIES = ("State", "HasMoreData", "StatusMessage", "Location", "Command", "JobStateInfo", "Finished",
                     "InstanceId", "Id", "Name", "ChildJobs", "PSBeginTime", "PSEndTime", "PSJobTypeName",
                     "Output", "Error", "Progress", "Verbose", "Debug", "Warning", "Information")
    PS_METHODS = ("StopJob", "StopJobAsync", "StartJobAsync", "ToString")
    #: HasMoreData counts Information too (process/remoting jobs); thread jobs do not
    counts_information = True

    def __init__(self, command: str, name: str | None = None, *, type_name: str = "",
                 location: str = "localhost") -> None:
        self.Id = next(_IDS)
        self.InstanceId = str(uuid.uuid4())
        self.Name = name or f"Job{self.Id}"
        self.Command = command
        self.Location = location
        self.PSJobTypeName = type_name
        self.StatusMessage = ""
        self.PSBeginTime: _dt.datetime | None = None
        self.PSEndTime: _dt.datetime | None = None
        self.JobStateInfo = JobStateInfo(JobState.NotStarted)
        #: the JobStateInfo before the last change (JobStateEventArgs.PreviousJobStateInfo)
        self.previous_state_info = JobStateInfo(JobState.NotStarted)
        self.Output: list[Any] = PSDataCollection(_STREAM_TYPES["Output"])
        self.Error: list[Any] = PSDataCollection(_STREAM_TYPES["Error"])
        self.Progress: list[Any] = PSDataCollection(_STREAM_TYPES["Progress"])
        self.Verbose: list[Any] = PSDataCollection(_STREAM_TYPES["Verbose"])
        self.Debug: list[Any] = PSDataCollection(_STREAM_TYPES["Debug"])
        self.Warning: list[Any] = PSDataCollection(_STREAM_TYPES["Warning"])
        self.Information: list[Any] = PSDataCollection(_STREAM_TYPES["Information"])
        self.parent: ContainerJob | None = None
        self.stop_requested = False
        #: (stream, item) in production order; drained by Receive-Job
        self._results: deque[tuple[str, Any]] = deque()
        self._cond = threading.Condition()
        self._listeners: list[Any] = []

    # -- properties ----------------------------------------------------------------------------
    @property
    def State(self) -> JobState:  # noqa: N802
        return self.JobStateInfo.State

    @property
    def ChildJobs(self) -> list[Job]:  # noqa: N802
        return []

    @property
    def Finished(self) -> str:  # noqa: N802
        return "System.Threading.ManualResetEvent"

    @property
    def HasMoreData(self) -> bool:  # noqa: N802
        return bool(self._results)

    @property
    def is_finished(self) -> bool:
        return self.State in FINISHED

    def ps_to_string(self) -> str:
        return type(self).PS_TYPE_NAMES[0]

    # -- results ---------------------------------------------------------------------------------
    def add(self, stream: str, item: Any) -> None:
        """Record an item of a stream ("Output", "Error", ...) produced by the job."""
        getattr(self, stream).append(item)
        with self._cond:
            self._results.append((stream, item))
            self._cond.notify_all()
        if self.parent is not None:
            self.parent.notify()

    def add_many(self, items: list[Any]) -> None:
        """Record a batch of output objects."""
        self.Output.extend(items)
        with self._cond:
            self._results.extend(("Output", x) for x in items)
            self._cond.notify_all()
        if self.parent is not None:
            self.parent.notify()

    def has_buffered_results(self) -> bool:
        """True when Receive-Job would get something now (this job's buffer or its children's)."""
        return bool(self._results)

    def take_results(self, keep: bool = False) -> list[tuple[str, Any]]:
        """What Receive-Job returns for this job itself: the buffered (stream, item) pairs."""
        with self._cond:
            items = list(self._results)
            if not keep:
                self._results.clear()
        return items

    def notify(self) -> None:
        with self._cond:
            self._cond.notify_all()
        if self.parent is not None:
            self.parent.notify()

    # -- state -----------------------------------------------------------------------------------
    def set_state(self, state: JobState, reason: Any = None) -> None:
        """Move to `state`, stamping PSBeginTime/PSEndTime once, and wake waiters."""
        with self._cond:
            if self.State in FINISHED:
                return
            if state == JobState.Running and self.PSBeginTime is None:
                self.PSBeginTime = _dt.datetime.now()
            if state in FINISHED and self.PSEndTime is None:
                self.PSEndTime = _dt.datetime.now()
                if self.PSBeginTime is None:
                    self.PSBeginTime = self.PSEndTime
            if state != self.State:
                self.previous_state_info = self.JobStateInfo
            self.JobStateInfo = JobStateInfo(state, reason)
        # listeners (the engine event log) run before waiters wake, so a Wait-Job that returns sees their effects
        for listener in list(self._listeners):
            listener(self)
        with self._cond:
            self._cond.notify_all()
        if self.parent is not None:
            self.parent.child_state_changed(self)

    def on_state_change(self, callback: Any) -> None:
        self._listeners.append(callback)

    def wait(self, timeout: float | None = None, states: frozenset[JobState] = PERSISTENT) -> bool:
        """Block until the job is in one of `states`; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self.State in states, timeout)

    def wait_for_data(self, timeout: float | None) -> None:
        """Block until new results arrive, the job finishes, or the timeout passes."""
        with self._cond:
            self._cond.wait_for(lambda: bool(self._results) or self.State in PERSISTENT, timeout)

    @abstractmethod
    def stop(self) -> None:
        """Stop the job (Stop-Job): Stopping, then Stopped."""

    def StopJob(self, force: Any = None, reason: Any = None) -> None:  # noqa: N802 - PowerShell method
        """Job.StopJob is synchronous: it returns once the job is finished."""
        self.stop()
        self.wait(30, FINISHED)

    def StopJobAsync(self, force: Any = None, reason: Any = None) -> None:  # noqa: N802 - Job2 method
        self.stop()

    def StartJobAsync(self) -> None:  # noqa: N802 - Job2 method
        """Start a job that is still waiting (a queued thread job); others are started already."""
        return None


class ContainerJob(Job):
    """A parent job whose state and data come from its child jobs (Start-Job, -Parallel -AsJob)."""

    def __init__(self, command: str, name: str | None = None, *, type_name: str = "",
                 location: str = "localhost") -> None:
        super().__init__(command, name, type_name=type_name, location=location)
        self.children: list[Job] = []

    def add_child(self, child: Job) -> None:
        child.parent = self
        self.children.append(child)

    @property
    def ChildJobs(self) -> list[Job]:  # noqa: N802
        return list(self.children)

    @property
    def HasMoreData(self) -> bool:  # noqa: N802
        return any(c.HasMoreData for c in self.children) or bool(self._results)

    def take_results(self, keep: bool = False) -> list[tuple[str, Any]]:
        out = super().take_results(keep)
        for c in self.children:
            out.extend(c.take_results(keep))
        return out

    def has_buffered_results(self) -> bool:
        return bool(self._results) or any(c.has_buffered_results() for c in self.children)

    def wait_for_data(self, timeout: float | None) -> None:
        # not HasMoreData: a running Start-Job parent always "has more data", which would spin here
        with self._cond:
            self._cond.wait_for(lambda: self.has_buffered_results() or self.State in PERSISTENT, timeout)

    def start_running(self) -> None:
        self.set_state(JobState.Running)

    def child_state_changed(self, child: Job) -> None:
        """Derive the parent state from the children (Job.cs HandleChildJobStateChanged)."""
        states = [c.State for c in self.children]
        if any(s == JobState.Blocked for s in states):
            self.set_state(JobState.Blocked)
            return
        if not all(s in FINISHED or s == JobState.Disconnected for s in states):
            if self.State in (JobState.NotStarted, JobState.Blocked) and any(s == JobState.Running for s in states):
                self.set_state(JobState.Running)
            return
        if any(s == JobState.Disconnected for s in states):
            self.set_state(JobState.Disconnected)
        elif any(s == JobState.Failed for s in states):
            # as Job.cs: the parent fails without a reason of its own; the failed child holds it
            self.set_state(JobState.Failed)
        elif self.stop_requested or any(s == JobState.Stopped for s in states):
            self.set_state(JobState.Stopped)
        else:
            self.set_state(JobState.Completed)

    def stop(self) -> None:
        self.stop_requested = True
        if not self.children:
            self.set_state(JobState.Stopped)
        for c in self.children:
            c.stop()
