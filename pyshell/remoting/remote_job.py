"""Invoke-Command -AsJob: a RemoteJob living in the local job table, one child job per computer.

Runs in the local pyshell. Each child runs its script in a session (a temporary one for a computer name,
closed when the child finishes; or a given PSSession, which stays open) and its results stream into the
child as they arrive, so Get-Job / Wait-Job / Receive-Job / Stop-Job / Remove-Job work on it as on any job.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

from pyshell.errors import PyshellError
from pyshell.jobs.job import ContainerJob, Job, JobState
from pyshell.remoting.session import PSSession, RemoteEvent, run_in_session

__all__ = ["RemoteJob", "RemoteChildJob", "start_remote_job", "follow_remote_job", "job_for_session",
           "sync_session_jobs"]

#: Local job streams by remote event kind.
_STREAMS = {"output": "Output", "error": "Error", "warning": "Warning", "verbose": "Verbose", "debug": "Debug",
            "information": "Information", "progress": "Progress"}

#: Opens a temporary session to a target (a `cmdlets.Target`: computer name, -Port, -UserName...).
Opener = Callable[[Any], PSSession]


class RemoteChildJob(Job):
    """One computer's part of a RemoteJob: runs the script there and records what comes back."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSRemotingChildJob", "System.Management.Automation.Job",
                     "System.Object")

    def __init__(self, command: str, target: PSSession | Any) -> None:
        location = target.ComputerName if isinstance(target, PSSession) else str(target)
        super().__init__(command, type_name="", location=location)
        self.target = target
        self.session: PSSession | None = target if isinstance(target, PSSession) else None

    def run(self, opener: Opener, script: str, args: list[Any], using: dict[str, Any], show: bool,
            gate: threading.Semaphore) -> None:
        """The child's thread: connect (for a computer name), run, record, settle the state."""

        def events() -> Iterator[RemoteEvent]:
            if self.session is None:
                self.session = opener(self.target)
            return run_in_session(self.session, script, args=args, using=using, show_computer_name=show)

        self.follow(events, gate)

    def follow(self, events: Callable[[], Iterator[RemoteEvent]], gate: threading.Semaphore | None = None) -> None:
        """Record what `events()` yields until the remote command ends (also a command adopted after a
        reconnect: Receive-PSSession -OutTarget Job); Disconnected while its session is."""
        from pyshell.engine.records import error_record_from

        state, reason = JobState.Completed, None
        with gate or contextlib.nullcontext():
            try:
                if self.stop_requested:
                    state = JobState.Stopped
                    return
                stream = events()
                self.set_state(JobState.Running)
                # The latest error waits for the next event: when the remote command then fails, it is the
                # terminating error, which pwsh keeps as the job's failure reason only (Receive-Job writes it
                # once, from the reason), not in the Error stream as well.
                held: Any = None
                for ev in stream:
                    if ev.kind == "state":
                        if ev.value.get("state") == "Failed":
                            state = JobState.Failed
                        elif ev.value.get("state") == "Stopped":
                            state = JobState.Stopped
                        continue
                    if held is not None and ev.kind in _STREAMS:
                        self.add("Error", held)
                        held = None
                    if ev.kind in ("disconnected", "reconnected"):
                        self.sync_state()
                    elif ev.kind == "error":
                        held = ev.value
                    elif ev.kind in _STREAMS:
                        self.add(_STREAMS[ev.kind], ev.value)
                if state == JobState.Failed and held is not None:
                    reason = held
                elif held is not None:
                    self.add("Error", held)
            except PyshellError as e:
                if self.stop_requested:
                    state = JobState.Stopped
                else:  # could not connect or run: PSRemotingChildJob's FailureErrorRecord, the reason only
                    state, reason = JobState.Failed, error_record_from(e)
            except Exception as e:  # noqa: BLE001 - a bug here must fail the job, not the shell
                rec = error_record_from(PyshellError(f"[{self.Location}] {type(e).__name__}: {e}"))
                self.add("Error", rec)
                state, reason = JobState.Failed, rec
            finally:
                if self.stop_requested and state == JobState.Completed:
                    state = JobState.Stopped
                if self.session is not None and self.session.temporary:
                    self.session.close()
                self.set_state(state, reason)

    def sync_state(self) -> None:
        """Disconnected while the session is, Running again once it is not (the session's state is the truth:
        a late `disconnected` event must not undo a reconnect that happened meanwhile)."""
        if self.session is not None and not self.is_finished and self.State != JobState.Stopping:
            self.set_state(JobState.Disconnected if self.session.State == "Disconnected" else JobState.Running)

    def stop(self) -> None:
        if self.is_finished:
            return
        self.stop_requested = True
        session = self.session
        if session is None:
            return  # not connected yet: run() sees stop_requested
        if session.State == "Disconnected":
            return  # nothing reaches the command now; it runs on in the session on the host
        self.set_state(JobState.Stopping)
        if session.temporary:
            session.close()  # the agent ends with its connection; run() settles on Stopped
        else:
            stop_current = getattr(session.connection, "stop_current", None)
            if stop_current is not None:
                stop_current()


class RemoteJob(ContainerJob):
    """What Invoke-Command -AsJob returns (PSJobTypeName RemoteJob); Location joins the children's."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job",
                     "System.Object")

    @property
    def HasMoreData(self) -> bool:  # noqa: N802 - True until finished, then: any child has more data
        return not self.is_finished or super().HasMoreData

    def child_state_changed(self, child: Job) -> None:
        # a child reconnected (Receive-PSSession): the parent runs again, as PSRemotingJob does
        if self.State == JobState.Disconnected and child.State == JobState.Running:
            self.set_state(JobState.Running)
            return
        super().child_state_changed(child)


def follow_remote_job(rs: Any, session: PSSession, command: str, events: Callable[[], Iterator[RemoteEvent]],
                      name: str | None = None) -> RemoteJob:
    """A RemoteJob (in `rs.jobs`) for a command already running in `session`: Receive-PSSession -OutTarget Job
    in a shell that did not start it. Its data is what the command produced while disconnected, then the rest."""
    parent = RemoteJob(command, name, type_name="RemoteJob", location=session.ComputerName)
    child = RemoteChildJob(command, session)
    parent.add_child(child)
    if rs.jobs is not None:
        rs.jobs.add(parent)
    parent.set_state(JobState.Running)
    threading.Thread(target=child.follow, args=(events,), name=f"job{child.Id}", daemon=True).start()
    return parent


def start_remote_job(rs: Any, targets: list[PSSession | Any], script: str, *, opener: Opener,
                     name: str | None = None, args: list[Any] | None = None, using: dict[str, Any] | None = None,
                     show_computer_name: bool = True, throttle: int = 32) -> RemoteJob:
    """Create a RemoteJob for `targets`, add it to `rs.jobs` and start its children (at most `throttle` at once)."""
    locations = [t.ComputerName if isinstance(t, PSSession) else str(t) for t in targets]
    parent = RemoteJob(script, name, type_name="RemoteJob", location=",".join(locations))
    children = [RemoteChildJob(script, t) for t in targets]  # after the parent: its Id comes first
    for child in children:
        parent.add_child(child)
    if rs.jobs is not None:
        rs.jobs.add(parent)
    parent.set_state(JobState.Running)
    gate = threading.Semaphore(max(1, throttle))
    for child in children:
        threading.Thread(target=child.run, args=(opener, script, list(args or []), dict(using or {}),
                                                 show_computer_name, gate),
                         name=f"job{child.Id}", daemon=True).start()
    return parent


def job_for_session(rs: Any, session: PSSession) -> RemoteJob | None:
    """The RemoteJob of this shell whose unfinished child runs in `session` (ReceivePSSession's FindJobForSession)."""
    for job in rs.jobs.top_level() if getattr(rs, "jobs", None) is not None else []:
        if isinstance(job, RemoteJob) and any(
                isinstance(c, RemoteChildJob) and c.session is session and not c.is_finished for c in job.children):
            return job
    return None


def sync_session_jobs(rs: Any, session: PSSession) -> None:
    """After Disconnect-/Connect-/Receive-PSSession: this shell's remote jobs in `session` follow its state now,
    so a Wait-Job right after sees it (reference 4.8: Disconnected jobs; Wait-Job returns unless -Force)."""
    for job in rs.jobs.top_level() if getattr(rs, "jobs", None) is not None else []:
        if isinstance(job, RemoteJob):
            for child in job.children:
                if isinstance(child, RemoteChildJob) and child.session is session:
                    child.sync_state()
