"""The job worker process (`pyshell --job-worker`): runs one job's script and streams it back over stdio.

Runs in a child process of the shell, in its own process group. It exits, killing its whole
group, when its stdin reaches end of file: the shell ended (even by SIGKILL), so no orphans.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any, NoReturn

from pyshell.wire import Channel, ChannelClosedError, Kind, message, serialize, serialize_record
from pyshell.wire.host import StreamingHost

__all__ = ["main", "WorkerHost"]

_BATCH = 512


class WorkerHost(StreamingHost):
    """Sends every stream over the channel; output objects are batched and flushed by a timer."""

    #: Write-Information records under SilentlyContinue still reach the job's Information collection (pwsh)
    RECORDS_SILENT_INFORMATION = True

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self._pending: list[Any] = []
        self._lock = threading.Lock()

    def write_output(self, obj: Any) -> None:
        with self._lock:
            self._pending.append(serialize(obj))
            if len(self._pending) >= _BATCH:
                self._send_pending()

    def _send_pending(self) -> None:
        if self._pending:
            values, self._pending = self._pending, []
            self.channel.send(message(Kind.OUTPUT, values=values), flush=False)

    def flush(self) -> None:
        with self._lock:
            self._send_pending()
        self.channel.flush()

    def _record(self, kind: Kind, record: Any) -> None:
        with self._lock:
            self._send_pending()
            self.channel.send(message(kind, record=serialize_record(record)), flush=False)


def _die() -> NoReturn:
    """The shell is gone or asked us to close: end this process group (native children too)."""
    try:
        os.killpg(os.getpgid(0), signal.SIGKILL)
    finally:
        os._exit(0)


def _flusher(host: WorkerHost, done: threading.Event) -> None:
    while not done.wait(0.004):
        try:
            host.flush()
        except ChannelClosedError:
            _die()


def _watch(channel: Channel, rs: Any) -> None:
    while True:
        msg = channel.recv()
        if msg is None or msg.get("kind") == Kind.CLOSE.value:
            _die()
        if msg.get("kind") == Kind.STOP.value:
            rs.stop()


class _Session:
    """The worker's runspace, built before the invoke arrives so that a spare worker is ready at once."""

    def __init__(self, host: WorkerHost) -> None:
        # the worker is a shell of its own: build its runspace as the CLI does, with every layer attached
        # (a job table for nested Start-Job, PSSessions), imported late since script.py sits above jobs
        import importlib

        from pyshell.commands import WARM_MODULES, load_builtins
        from pyshell.engine.scriptblock import ScriptBlock
        from pyshell.script import new_runspace

        load_builtins()
        for name in WARM_MODULES:  # a spare worker is warm: the common command families load before its job
            try:
                importlib.import_module(name)
            except ModuleNotFoundError:
                pass

        self.host = host
        self.rs = new_runspace(host)
        # parse and run a trivial pipeline once: imports what the evaluator loads lazily
        for _ in self.rs.invoke_iter(ScriptBlock.create("$null | Out-Null")):
            pass

    def apply(self, msg: dict[str, Any]) -> None:
        """Adopt the shell's environment and the job's location (the spare was started earlier)."""
        env = msg.get("env")
        if isinstance(env, dict):
            for key in [k for k in os.environ if k not in env]:
                del os.environ[key]
            os.environ.update({str(k): str(v) for k, v in env.items()})
        cwd = msg.get("cwd")
        if cwd:
            self.rs.location = os.path.abspath(cwd)
            try:
                os.chdir(cwd)
            except OSError:
                pass

    def run(self, msg: dict[str, Any]) -> tuple[str, Any]:
        """Run an `invoke` message's script; returns (final state, serialized reason record or None)."""
        from pyshell.engine.records import error_record_from
        from pyshell.engine.scriptblock import ScriptBlock
        from pyshell.errors import PipelineStoppedError, PyshellError
        from pyshell.wire import deserialize

        rs, host = self.rs, self.host
        self.apply(msg)
        threading.Thread(target=_watch, args=(host.channel, rs), daemon=True).start()
        try:
            if msg.get("init"):
                for obj in rs.invoke_iter(ScriptBlock.create(msg["init"])):
                    host.write_output(obj)
            sb = ScriptBlock.create(msg["script"])
            using = msg.get("using") or {}
            sb.using_values = {k: deserialize(v) for k, v in using.items()} if using else None
            args = [deserialize(a) for a in msg.get("args") or []]
            inp = msg.get("input")
            inp = [deserialize(x) for x in inp] if inp is not None else None
            for obj in rs.invoke_iter(sb, args=args, input=inp):
                host.write_output(obj)
        except PipelineStoppedError:
            return "Stopped", None
        except PyshellError as e:
            if rs.stopping:
                return "Stopped", None
            return "Failed", serialize_record(error_record_from(e))
        return ("Stopped" if rs.stopping else "Completed"), None


def main() -> int:
    """Entry point of `pyshell --job-worker`: get ready, hello, one invoke, its streams, a final state.

    Everything slow (imports, the runspace, the built-in commands) happens before the hello, so a
    spare worker started ahead of need runs its job as soon as the invoke arrives.
    """
    out_fd = os.dup(1)
    os.dup2(2, 1)  # stray writes to stdout (native commands, print) must not corrupt the frames
    channel = Channel(os.fdopen(0, "rb", buffering=1 << 16), os.fdopen(out_fd, "wb", buffering=1 << 16),
                      autoflush=False)
    sys.stdout = sys.stderr
    host = WorkerHost(channel)
    session = _Session(host)
    channel.send(message(Kind.HELLO, pid=os.getpid()), flush=True)
    msg = channel.recv()
    if msg is None or msg.get("kind") != Kind.INVOKE.value:
        _die()  # the shell ended (or closed us) before giving us a job
    done = threading.Event()
    threading.Thread(target=_flusher, args=(host, done), daemon=True).start()
    channel.send(message(Kind.STATE, state="Running"), flush=True)
    try:
        state, reason = session.run(msg)
    except Exception as e:  # noqa: BLE001 - an engine bug must end the job Failed, not hang it
        state, reason = "Failed", {"message": f"{type(e).__name__}: {e}", "error_id": "JobWorkerException",
                                   "category": "NotSpecified"}
    done.set()
    try:
        host.flush()
        channel.send(message(Kind.STATE, state=state, reason=reason), flush=True)
    except ChannelClosedError:
        pass
    _die()  # everything is written to the pipe; end the group (native commands the job left behind too)
    return 0
