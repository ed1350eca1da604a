"""Start-ThreadJob and ForEach-Object -Parallel: jobs running in their own runspace on a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from pyshell.engine.host import Host
from pyshell.jobs.job import ContainerJob, Job, JobState

__all__ = ["ThreadJob", "PSTaskJob", "PSTaskChildJob", "JobHost", "start_thread_job", "foreach_parallel"]


class JobHost(Host):
    """The host of a job's runspace: every stream record lands in the job."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def write_output(self, obj: Any) -> None:
        self.job.add("Output", obj)

    def write_error(self, record: Any) -> None:
        self.job.add("Error", record)

    def write_warning(self, record: Any) -> None:
        self.job.add("Warning", record)

    def write_verbose(self, record: Any) -> None:
        self.job.add("Verbose", record)

    def write_debug(self, record: Any) -> None:
        self.job.add("Debug", record)

    def write_information(self, record: Any) -> None:
        self.job.add("Information", record)

    def write_progress(self, record: Any) -> None:
        self.job.add("Progress", record)


class ThreadJob(Job):
    """A script block running in a new runspace on a thread (Start-ThreadJob)."""

    PS_TYPE_NAMES: tuple[str, ...] = ("ThreadJob.ThreadJob", "System.Management.Automation.Job2", "System.Management.Automation.Job",
                     "System.Object")
    counts_information = False
    #: write a terminating error to the Error stream too (ForEach-Object -Parallel without -AsJob,
    #: where PSTask turns it into a non-terminating error); a job keeps it as its reason only
    failure_to_error_stream = False

    def __init__(self, command: str, name: str | None, sb: Any, *, location: str, args: Any = (),
                 input: Any = None, init: Any = None, type_name: str = "ThreadJob", dollar_under: Any = None,
                 has_under: bool = False) -> None:
        super().__init__(command, name, type_name=type_name, location="PowerShell")
        self.sb = sb
        self.cwd = location
        self.args = args
        self.input = input
        self.init = init
        self.dollar_under = dollar_under
        self.has_under = has_under
        self.runspace: Any = None
        self.on_done: Any = None

    def start(self) -> None:
        threading.Thread(target=self._run, daemon=True, name=f"job{self.Id}").start()

    def _run(self) -> None:
        from pyshell.engine.objects import MISSING
        from pyshell.engine.records import error_record_from
        from pyshell.engine.runspace import Runspace
        from pyshell.errors import PipelineStoppedError, PyshellError

        state, reason = JobState.Completed, None
        try:
            if self.stop_requested:
                state = JobState.Stopped
                return
            self.runspace = rs = Runspace(JobHost(self), location=self.cwd)
            from pyshell.jobs.attach import attach

            attach(rs)
            self.set_state(JobState.Running)
            if self.init is not None:
                for obj in rs.invoke_iter(self.init):
                    self.add("Output", obj)
            under = self.dollar_under if self.has_under else MISSING
            for obj in rs.invoke_iter(self.sb, args=list(self.args or ()), input=self.input, dollar_under=under):
                self.add("Output", obj)
            if rs.stopping or self.stop_requested:
                state = JobState.Stopped
        except PipelineStoppedError:
            state = JobState.Stopped
        except PyshellError as e:
            if self.stop_requested:
                state = JobState.Stopped
            else:
                rec = error_record_from(e)
                if self.failure_to_error_stream:
                    self.add("Error", rec)
                state, reason = JobState.Failed, rec
        except Exception as e:  # noqa: BLE001 - a bug in a job must fail the job, not kill the shell
            state, reason = JobState.Failed, error_record_from(PyshellError(f"{type(e).__name__}: {e}"))
        finally:
            self.set_state(state, reason)
            if self.on_done is not None:
                self.on_done()

    def stop(self) -> None:
        if self.is_finished:
            return
        self.stop_requested = True
        if self.runspace is None:
            self.set_state(JobState.Stopped)
            return
        self.set_state(JobState.Stopping)
        self.runspace.stop()


class PSTaskChildJob(ThreadJob):
    PS_TYPE_NAMES = ("System.Management.Automation.PSTasks.PSTaskChildJob", "System.Management.Automation.Job",
                     "System.Object")
    counts_information = True


class PSTaskJob(ContainerJob):
    PS_TYPE_NAMES = ("System.Management.Automation.PSTasks.PSTaskJob", "System.Management.Automation.Job",
                     "System.Object")


def _using_copy(sb: Any, runspace: Any) -> Any:
    """A copy of the script block carrying the caller's $using: values (live references)."""
    from pyshell.engine.scriptblock import ScriptBlock

    copy = ScriptBlock(sb.ast, sb.text, sb.file)
    copy.using_values = collect_using(sb.text, runspace)
    return copy


def collect_using(text: str, runspace: Any) -> dict[str, Any]:
    """Values of the `$using:name` references in text, read from the caller's runspace."""
    import re

    from pyshell.engine.objects import MISSING
    from pyshell.errors import PyshellError

    values: dict[str, Any] = {}
    for m in re.finditer(r"\$(?:\{using:([^}]+)\}|using:(\w+))", text, re.IGNORECASE):
        name = m.group(1) or m.group(2)
        v = runspace.get_variable(name)
        if v is MISSING:
            raise PyshellError(f"The value of the using variable '$using:{name}' cannot be retrieved because it has "
                               "not been set in the local session.", error_id="UsingVariableIsUndefined",
                               category="InvalidOperation")
        values[name] = v
    return values


def start_thread_job(runspace: Any, sb: Any, *, name: str | None = None, args: Any = (), input: Any = None,
                     init: Any = None, throttle: int | None = None) -> ThreadJob:
    """Create a ThreadJob, add it to the job table and start it (or queue it behind the throttle)."""
    job = ThreadJob(sb.text, name, _using_copy(sb, runspace), location=runspace.location, args=args, input=input,
                    init=init)
    table = runspace.jobs
    table.add(job)
    job.on_done = table.thread_done
    table.schedule_thread(job.start, throttle)
    return job


def foreach_parallel(cmdlet: Any, items: list[Any]) -> Any:
    """ForEach-Object -Parallel: each item in its own runspace on a thread, at most ThrottleLimit at once."""
    rs = cmdlet.runspace
    sb = _using_copy(cmdlet.Parallel, rs)
    limit = int(cmdlet.ThrottleLimit or 5)
    parent = PSTaskJob(sb.text, type_name="PSTaskJob", location="PowerShell")
    children = []
    for item in items:
        child = PSTaskChildJob(sb.text, None, sb, location=rs.location, type_name="PSTaskChildJob",
                               dollar_under=item, has_under=True)
        child.failure_to_error_stream = not cmdlet.AsJob
        parent.add_child(child)
        children.append(child)
    sem = threading.BoundedSemaphore(limit)
    pending = list(children)

    def pump() -> None:
        for child in pending:
            sem.acquire()
            if parent.stop_requested:
                sem.release()
                child.stop()
                continue
            child.on_done = sem.release
            child.start()

    if not children:
        parent.set_state(JobState.Completed)
    else:
        parent.set_state(JobState.Running)
        threading.Thread(target=pump, daemon=True).start()
    if cmdlet.AsJob:
        if rs.jobs is not None:
            rs.jobs.add(parent)
        return [parent]
    return _stream(cmdlet, parent)


def _stream(cmdlet: Any, parent: PSTaskJob) -> Iterator[Any]:
    """Re-emit the children's records as they arrive, until all are finished."""
    from pyshell.jobs.receive import replay

    try:
        while True:
            parent.wait_for_data(0.05)
            for stream, item in parent.take_results():
                yield from replay(cmdlet, stream, item)
            if parent.is_finished and not parent.HasMoreData:
                return
            cmdlet.check_stop()
    finally:
        if not parent.is_finished:
            parent.stop()
