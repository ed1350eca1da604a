"""The remote agent: `pyshell --agent` on the remote host, one runspace per SSH channel.

Runs on the remote computer with nothing but python3 (standard library only). It reads
`pyshell.wire` messages on stdin and answers on stdout:

client -> agent: `invoke` {id, script, args, using, interactive}, `stop` {id}, `prompt` {id}, `close`.
agent -> client: `hello` {version, computer, pid, location}, then per invocation `output` {id, value},
`error`/`warning`/`verbose`/`debug`/`information`/`progress` {id, record}, and finally
`state` {id, state: Completed|Failed|Stopped, ok, location, exit} (`exit`: the code of an `exit` statement).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from typing import Any

from pyshell.engine.host import Host
from pyshell.engine.records import ErrorRecord, InformationRecord
from pyshell.wire import Channel, ChannelClosedError, Kind, deserialize, message, serialize, serialize_record

__all__ = ["Agent", "AgentHost", "main", "PROTOCOL_VERSION"]

#: The agent's protocol version, sent in `hello`; bumped when a message shape changes.
PROTOCOL_VERSION = 1


class AgentHost(Host):
    """Sends whatever the runspace writes to the host back to the client, tagged with the invocation id."""

    name = "ServerRemoteHost"

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.current: str = ""  #: id of the invocation being run

    def write_output(self, obj: Any) -> None:
        self.channel.send(message(Kind.OUTPUT, id=self.current, value=serialize(obj)))

    def _record(self, kind: Kind, record: Any) -> None:
        self.channel.send(message(kind, id=self.current, record=serialize_record(record)))

    def write_error(self, record: ErrorRecord) -> None:
        self._record(Kind.ERROR, record)

    def write_warning(self, record: Any) -> None:
        self._record(Kind.WARNING, record)

    def write_verbose(self, record: Any) -> None:
        self._record(Kind.VERBOSE, record)

    def write_debug(self, record: Any) -> None:
        self._record(Kind.DEBUG, record)

    def write_information(self, record: InformationRecord) -> None:
        self._record(Kind.INFORMATION, record)

    def write_progress(self, record: Any) -> None:
        self._record(Kind.PROGRESS, record)


class Agent:
    """One runspace serving one client channel; invocations run one at a time on a worker thread."""

    def __init__(self, channel: Channel, location: str | None = None) -> None:
        from pyshell.script import new_runspace

        self.channel = channel
        self.host = AgentHost(channel)
        self.runspace = new_runspace(self.host, location=location) if location else new_runspace(self.host)
        self._work: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._current: str | None = None

    def serve(self) -> int:
        """Answer messages until the client closes the channel; returns the exit code."""
        rs = self.runspace
        self.channel.send(message(Kind.HELLO, version=PROTOCOL_VERSION, computer=rs.computer_name,
                                  pid=os.getpid(), location=rs.location))
        worker = threading.Thread(target=self._run_worker, name="agent-worker", daemon=True)
        worker.start()
        try:
            while True:
                msg = self.channel.recv()
                if msg is None:
                    break
                kind = msg.get("kind")
                if kind == "stop":
                    if self._current is not None and msg.get("id") in (None, self._current):
                        rs.stop()
                elif kind == "close":
                    break
                else:
                    self._work.put(msg)
        except KeyboardInterrupt:
            rs.stop()
        # End of input: finish what was already asked for (a pipe closed after its last message), then leave.
        self._work.put(None)
        worker.join()
        shutdown = getattr(rs, "shutdown", None)
        if shutdown is not None:
            try:
                shutdown()
            except Exception:  # noqa: BLE001 - leaving anyway; the channel is gone
                pass
        return 0

    def _run_worker(self) -> None:
        while True:
            msg = self._work.get()
            if msg is None:
                return
            try:
                self._handle(msg)
            except ChannelClosedError:
                return

    def _handle(self, msg: dict[str, Any]) -> None:
        kind = msg.get("kind")
        mid = str(msg.get("id", ""))
        self.host.current = mid
        if kind == "prompt":
            from pyshell.script import prompt_text

            self.channel.send(message("prompt", id=mid, text=prompt_text(self.runspace)))
        elif kind == "invoke":
            self._current = mid
            try:
                ok, code = self._invoke(msg)
            finally:
                self._current = None
            state = "Stopped" if self.runspace.stopping else "Completed" if ok else "Failed"
            self.channel.send(message(Kind.STATE, id=mid, state=state, ok=ok, location=self.runspace.location,
                                      exit=code))
        else:
            self.channel.send(message(Kind.STATE, id=mid, state="Failed", ok=False, exit=None,
                                      location=self.runspace.location))

    def _invoke(self, msg: dict[str, Any]) -> tuple[bool, int | None]:
        from pyshell.engine.scriptblock import ScriptBlock
        from pyshell.errors import ExitRequest, PipelineStoppedError, PyshellError

        rs = self.runspace
        text = str(msg.get("script", ""))
        args = [deserialize(a) for a in msg.get("args") or []]
        using = {k: deserialize(v) for k, v in (msg.get("using") or {}).items()}
        rs.stopping = False
        rs.push_using(using)
        try:
            if not args:
                return rs.execute(text, add_history=bool(msg.get("interactive"))), None
            sb = ScriptBlock.create(text)
            try:
                for obj in rs.invoke_iter(sb, args=args, new_scope=True):
                    self.host.write_output(obj)
            except PipelineStoppedError:
                return False, None
            except PyshellError as e:
                rs.report_error(e)
                return False, None
            return True, None
        except ExitRequest as e:
            return True, e.code
        finally:
            rs.pop_using()
            self.host.flush_output()


def _claim_stdio() -> Channel:
    """Keep the real stdin/stdout for the protocol; anything else writing to fd 1 goes to stderr."""
    sys.stdout.flush()
    out_fd = os.dup(1)
    in_fd = os.dup(0)
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return Channel(os.fdopen(in_fd, "rb"), os.fdopen(out_fd, "wb", buffering=0))


def main(argv: list[str] | None = None) -> int:
    """`pyshell --agent`: serve one client on stdin/stdout; starts in $HOME (sshd starts elsewhere)."""
    home = os.environ.get("HOME")
    if home and os.path.isdir(home):
        os.chdir(home)
    channel = _claim_stdio()
    return Agent(channel, location=os.getcwd()).serve()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
