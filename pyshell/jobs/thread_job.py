"""Start-ThreadJob and ForEach-Object -Parallel: jobs running in their own runspace on a thread."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterator
from typing import Any

from pyshell.engine.host import Host
from pyshell.jobs.job import ContainerJob, Job, JobState

__all__ = ["ThreadJob", "PSTaskJob", "PSTaskChildJob", "JobHost", "start_thread_job", "foreach_parallel"]


class JobHost(Host):
    """The host of a job's runspace: every stream record lands in the job."""

    def __init__(self, job: Job, streaming: Host | None = None) -> None:
        self.job = job
        #: Start-ThreadJob -StreamingHost: host records are shown there as they happen (and kept in the job)
        self.streaming = streaming
        if streaming is not None:
            self.name = streaming.name
            self.ui_width = streaming.ui_width

    @property
    def RECORDS_SILENT_INFORMATION(self) -> bool:  # noqa: N802 - the engine's protocol name
        """Write-Information records under SilentlyContinue still land in the job's Information (as in pwsh);
        not with a streaming host, which would show them."""
        return self.streaming is None

    def _stream(self, method: str, record: Any) -> None:
        if self.streaming is not None:
            try:
                getattr(self.streaming, method)(record)
            except Exception:  # noqa: BLE001, S110 - a failing host must not fail the job
                pass

    def write_output(self, obj: Any) -> None:
        self.job.add("Output", obj)

    def write_error(self, record: Any) -> None:
        self.job.add("Error", record)
        self._stream("write_error", record)

    def write_warning(self, record: Any) -> None:
        self.job.add("Warning", record)
        self._stream("write_warning", record)

    def write_verbose(self, record: Any) -> None:
        self.job.add("Verbose", record)
        self._stream("write_verbose", record)

    def write_debug(self, record: Any) -> None:
        self.job.add("Debug", record)
        self._stream("write_debug", record)

    def write_information(self, record: Any) -> None:
        self.job.add("Information", record)
        self._stream("write_information", record)

    def write_progress(self, record: Any) -> None:
        self.job.add("Progress", record)
        self._stream("write_progress", record)

    def read_line(self, prompt: str = "") -> str:
        if self.streaming is not None:
            return self.streaming.read_line(prompt)
        raise EOFError


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
        self.table: Any = None
        self.streaming_host: Host | None = None
        self._started = False

    def StartJobAsync(self) -> None:  # noqa: N802 - Job2 method
        if self.State == JobState.NotStarted and not self._started and self.table is not None:
            self.table.start_queued(self.start)

    def start(self) -> None:
        if self._started:
            return
        self._started = True
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
            self.runspace = rs = Runspace(JobHost(self, self.streaming_host), location=self.cwd)
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
                    # PSTask writes the failure as a non-terminating error with the id PSTaskException
                    task_rec = copy.copy(rec)
                    task_rec.FullyQualifiedErrorId = "PSTaskException"
                    self.add("Error", task_rec)
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
                     init: Any = None, throttle: int | None = None, streaming: Host | None = None) -> ThreadJob:
    """Create a ThreadJob, add it to the job table and start it (or queue it behind the throttle)."""
    job = ThreadJob(sb.text, name, _using_copy(sb, runspace), location=runspace.location, args=args, input=input,
                    init=init)
    job.streaming_host = streaming
    table = runspace.jobs
    job.table = table
    table.add(job)
    job.on_done = table.thread_done
    table.schedule_thread(job.start, throttle)
    return job


#: common parameters ForEach-Object -Parallel rejects (ForEachObjectCommand.InitParallelParameterSet)
_UNSUPPORTED_COMMON = ("ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "PipelineVariable")


def foreach_parallel(cmdlet: Any, items: list[Any]) -> Any:
    """ForEach-Object -Parallel: each item in its own runspace on a thread, at most ThrottleLimit at once."""
    from pyshell.engine.scriptblock import ScriptBlock
    from pyshell.errors import PyshellError

    rs = cmdlet.runspace
    common = getattr(cmdlet, "common", None) or {}  # the engine's bound common parameters, when it exposes them
    if any(cmdlet.is_bound(p) or p in common for p in _UNSUPPORTED_COMMON):
        raise PyshellError("The following common parameters are not currently supported in the Parallel parameter "
                           "set:\nErrorAction, WarningAction, InformationAction, ProgressAction, PipelineVariable",
                           error_id="ParallelCommonParametersNotSupported", category="NotImplemented")
    timeout = int(cmdlet.TimeoutSeconds or 0) if cmdlet.is_bound("TimeoutSeconds") else 0
    if cmdlet.AsJob and cmdlet.is_bound("TimeoutSeconds"):
        raise PyshellError("The 'TimeoutSeconds' parameter cannot be used with the 'AsJob' parameter.",
                           error_id="ParallelCannotUseTimeoutWithJob", category="InvalidOperation")
    sb = _using_copy(cmdlet.Parallel, rs)
    if any(isinstance(v, ScriptBlock) for v in (sb.using_values or {}).values()):
        raise PyshellError("A ForEach-Object -Parallel using variable cannot be a script block. Passed-in script block "
                           "variables are not supported with ForEach-Object -Parallel, and can result in undefined "
                           "behavior.", error_id="ParallelUsingVariableCannotBeScriptBlock",
                           category="InvalidType")
    limit = int(cmdlet.ThrottleLimit or 5)
    parent = PSTaskJob(sb.text, type_name="PSTaskJob", location="PowerShell")
    children = []
    for item in items:
        if isinstance(item, ScriptBlock):
            cmdlet.write_error(PyshellError(
                "A ForEach-Object -Parallel piped input object cannot be a script block. Passed-in script block "
                "variables are not supported with ForEach-Object -Parallel, and can result in undefined behavior.",
                error_id="ParallelPipedInputObjectCannotBeScriptBlock", category="InvalidType", target=item))
            continue
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
    return _stream(cmdlet, parent, timeout)


def _timed_out(cmdlet: Any, parent: PSTaskJob) -> None:
    """-TimeoutSeconds elapsed: queued tasks are dropped; each running one is stopped with a PSTaskException."""
    from pyshell.engine.records import ErrorRecord
    from pyshell.errors import PipelineStoppedError

    parent.stop_requested = True
    for child in parent.children:
        running = child.State == JobState.Running
        child.stop()
        if running:
            err = PipelineStoppedError()
            err.error_id = "PSTaskException"
            cmdlet.write_error(ErrorRecord(err))


def _stream(cmdlet: Any, parent: PSTaskJob, timeout: int = 0) -> Iterator[Any]:
    """Re-emit the children's records as they arrive, until all are finished."""
    from pyshell.jobs.receive import replay

    deadline = time.monotonic() + timeout if timeout > 0 else None
    try:
        while True:
            parent.wait_for_data(0.05)
            for stream, item in parent.take_results():
                yield from replay(cmdlet, stream, item)
            if parent.is_finished and not parent.HasMoreData:
                return
            if deadline is not None and time.monotonic() >= deadline:
                deadline = None
                _timed_out(cmdlet, parent)
            cmdlet.check_stop()
    finally:
        if not parent.is_finished:
            parent.stop()
