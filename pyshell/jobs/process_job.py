"""Start-Job and `cmd &`: a job whose script runs in a `pyshell --job-worker` process, over pyshell.wire."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import deque
from typing import Any

from pyshell.jobs.job import ContainerJob, Job, JobState
from pyshell.wire import (
    Channel,
    ChannelClosedError,
    Kind,
    deserialize,
    deserialize_record,
    message,
    serialize,
)

__all__ = ["WorkerProcess", "BackgroundJob", "ProcessChildJob", "start_process_job"]

_STREAMS = {"error": "Error", "warning": "Warning", "verbose": "Verbose", "debug": "Debug",
            "information": "Information", "progress": "Progress"}


class WorkerProcess:
    """A started `pyshell --job-worker` child, in its own process group, talking over its stdio."""

    def __init__(self) -> None:
        env = dict(os.environ)
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen([sys.executable, "-m", "pyshell", "--job-worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                     start_new_session=True, bufsize=0)
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.channel = Channel(self.proc.stdout, self.proc.stdin)
        self.pid = self.proc.pid
        self._stderr: deque[bytes] = deque(maxlen=40)
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._stderr.append(line)

    @property
    def stderr_tail(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace").strip()

    def kill(self) -> None:
        """End the worker and everything it started (its process group)."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if f is not None:
                    f.close()
            except OSError:
                pass


class ProcessChildJob(Job):
    """The child of a BackgroundJob: owns the worker process and reads its messages."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSRemotingChildJob", "System.Management.Automation.Job",
                     "System.Object")

    def __init__(self, command: str, worker: WorkerProcess, runspace_id: str) -> None:
        super().__init__(command, type_name="", location="localhost")
        self.worker = worker
        self.runspace_id = runspace_id
        self._got_final = False

    def start(self, invoke: dict[str, Any]) -> None:
        self.set_state(JobState.Running)
        try:
            self.worker.channel.send(invoke)
        except ChannelClosedError:
            pass
        threading.Thread(target=self._read, daemon=True, name=f"job{self.Id}-reader").start()

    def _note(self, obj: Any) -> Any:
        from pyshell.engine.objects import PSObject

        if isinstance(obj, PSObject):
            obj.properties["PSComputerName"] = "localhost"
            obj.properties["RunspaceId"] = self.runspace_id
            obj.properties["PSShowComputerName"] = False
        return obj

    def _read(self) -> None:
        from pyshell.engine.records import ErrorRecord
        from pyshell.errors import RemoteError

        final: tuple[JobState, Any] | None = None
        for msg in self.worker.channel:
            kind = msg.get("kind")
            if kind == "output":
                if "values" in msg:
                    self.add_many([self._note(deserialize(v)) for v in msg["values"]])
                else:
                    self.add("Output", self._note(deserialize(msg.get("value"))))
            elif kind in _STREAMS:
                rec = deserialize_record(kind, msg.get("record") or {})
                if kind == "error":
                    rec.remote_computer = "localhost"
                self.add(_STREAMS[kind], rec)
            elif kind == "state" and msg.get("state") in ("Completed", "Failed", "Stopped"):
                reason = msg.get("reason")
                rec = deserialize_record("error", reason) if reason else None
                final = (JobState(msg["state"]), rec)
                break
        if final is None:
            if self.stop_requested:
                final = (JobState.Stopped, None)
            else:
                tail = self.worker.stderr_tail
                text = (f"The background job's worker process (PID {self.worker.pid}) ended unexpectedly"
                        f"{_exit_text(self.worker.proc)}.")
                if tail:
                    text += " " + tail.splitlines()[-1]
                final = (JobState.Failed, ErrorRecord(RemoteError(text, error_id="JobWorkerProcessExited",
                                                                  category="OperationStopped")))
        self.worker.kill()
        if self.stop_requested and final[0] == JobState.Completed:
            final = (JobState.Stopped, None)
        self.set_state(final[0], final[1])

    def stop(self) -> None:
        if self.is_finished:
            return
        self.stop_requested = True
        self.set_state(JobState.Stopping)
        try:
            self.worker.channel.send(message(Kind.STOP))
        except ChannelClosedError:
            pass
        threading.Timer(1.0, self.worker.kill).start()


def _exit_text(proc: subprocess.Popen[bytes]) -> str:
    """How the worker ended: ' (killed by signal SIGKILL)', ' with exit code 3', or '' if unknown."""
    try:
        rc = proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        return ""
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = str(-rc)
        return f" (killed by signal {name})"
    return f" with exit code {rc}"


class BackgroundJob(ContainerJob):
    """What Start-Job returns: a PSRemotingJob parent with one process child job."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job",
                     "System.Object")

    @property
    def HasMoreData(self) -> bool:  # noqa: N802 - True until finished, then: any child has more data
        return not self.is_finished or super().HasMoreData


def _take_worker(table: Any) -> WorkerProcess:
    """The table's spare worker when it is alive (already warm), else a new (cold) one."""
    spare = table.take_spare() if table is not None else None
    return spare if spare is not None else WorkerProcess()


def start_process_job(runspace: Any, script: str, *, command: str | None = None, name: str | None = None,
                      args: Any = (), using: dict[str, Any] | None = None, input: Any = None,
                      init: str | None = None, cwd: str | None = None) -> BackgroundJob:
    """Start a BackgroundJob running `script` in a worker process; it is added to runspace.jobs."""
    import uuid

    table = runspace.jobs
    text = script if command is None else command
    parent = BackgroundJob(text, name, type_name="BackgroundJob", location="localhost")
    worker = _take_worker(table)
    child = ProcessChildJob(text, worker, str(uuid.uuid4()))
    parent.add_child(child)
    if table is not None:
        table.add(parent)
    invoke = message(Kind.INVOKE, id=str(child.InstanceId), script=script,
                     args=[serialize(a) for a in (args or [])],
                     using={k: serialize(v) for k, v in (using or {}).items()},
                     input=None if input is None else [serialize(x) for x in input],
                     init=init, cwd=cwd or runspace.location, command=text, env=dict(os.environ))
    child.start(invoke)
    if table is not None and table.warm:
        table.provide_spare(WorkerProcess)  # the next Start-Job finds a worker ready
    return parent
