"""The remote agent: `pyshell --agent` on the remote host, one runspace per SSH channel.

Runs on the remote computer with nothing but python3 (standard library only). It reads
`pyshell.wire` messages on stdin and answers on stdout:

client -> agent: `invoke` {id, script, args, using, interactive}, `stop` {id}, `prompt` {id}, `close`;
to a session daemon also `meta` {name}, `receive` (send the held output, then live) and
`disconnect` {idle_timeout, mode} (answered by `disconnected` after the last message for this client).
agent -> client: `hello` {version, computer, pid, location, socket, pending}, then per invocation `output`
{id, value}, `error`/`warning`/`verbose`/`debug`/`information`/`progress` {id, record}, and finally
`state` {id, state: Completed|Failed|Stopped, ok, location, exit} (`exit`: the code of an `exit` statement).
`pending` lists the invocations {id, command} whose end has not reached any client yet (a daemon's).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from typing import Any

from pyshell.wire import Channel, ChannelClosedError, Kind, deserialize, message, serialize, serialize_record
from pyshell.wire.host import StreamingHost

__all__ = ["Agent", "AgentHost", "main", "PROTOCOL_VERSION"]

#: The agent's protocol version, sent in `hello`; bumped when a message shape changes.
PROTOCOL_VERSION = 1


class AgentHost(StreamingHost):
    """Sends whatever the runspace writes to the host back to the client, tagged with the invocation id."""

    def __init__(self, channel: Channel | Any) -> None:
        self.channel = channel  #: anything with `send(msg)`: a Channel, or a session daemon's Spool
        self.current: str = ""  #: id of the invocation being run

    def write_output(self, obj: Any) -> None:
        self.channel.send(message(Kind.OUTPUT, id=self.current, value=serialize(obj)))

    def _record(self, kind: Kind, record: Any) -> None:
        self.channel.send(message(kind, id=self.current, record=serialize_record(record)))


class Agent:
    """One runspace serving one client channel; invocations run one at a time on a worker thread."""

    def __init__(self, channel: Channel, location: str | None = None) -> None:
        from pyshell.script import new_runspace

        self.channel = channel
        self.host = AgentHost(channel)
        self.runspace = new_runspace(self.host, location=location) if location else new_runspace(self.host)
        self._work: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._current: str | None = None
        #: the pool daemon's socket, told to the client in `hello` so it can come straight through sshd next time
        self.socket_path: str | None = None
        #: invocations whose `state` has not reached a client yet, id -> command text (a daemon's Receive-PSSession)
        self.pending: dict[str, str] = {}
        self.spool: Any = None  #: a session daemon's Spool: output goes there, not to `channel`
        self.name: str | None = None  #: the PSSession's Name, told by the client in `meta`
        self.disconnect_request: dict[str, Any] | None = None  #: the last `disconnect` message
        self.on_change: Any = None  #: callable() after the running command or the name changed (daemon metadata)
        self._lock = threading.Lock()

    def serve(self) -> int:
        """Answer messages until the client closes the channel; returns the exit code."""
        self.start()
        self.finish(stop=self.serve_channel() == "close")
        return 0

    def start(self) -> None:
        """Start the worker thread that runs invocations one at a time."""
        self._worker = threading.Thread(target=self._run_worker, name="agent-worker", daemon=True)
        self._worker.start()

    def attach(self, channel: Channel) -> None:
        """Serve a new client channel from now on (the session daemon's next client)."""
        self.channel = channel
        if self.spool is None:
            self.host.channel = channel

    def use_spool(self, spool: Any) -> None:
        """Send everything but `hello` through `spool` (a session daemon), noting which invocations were delivered."""
        self.spool = spool
        self.host.channel = spool

        def delivered(msg: dict[str, Any]) -> None:
            if msg.get("kind") == Kind.STATE.value:
                with self._lock:
                    self.pending.pop(str(msg.get("id", "")), None)

        spool.on_delivered = delivered

    def serve_channel(self) -> str:
        """Say hello on the current channel and read it to its end.

        :returns: `close` (Remove-PSSession), `disconnect` (Disconnect-PSSession) or `eof` (the client went away).
        """
        rs = self.runspace
        with self._lock:
            pending = [{"id": k, "command": v} for k, v in self.pending.items()]
        self.channel.send(message(Kind.HELLO, version=PROTOCOL_VERSION, computer=rs.computer_name,
                                  pid=os.getpid(), location=rs.location, socket=self.socket_path, pending=pending))
        if self.spool is not None:
            # with nothing undelivered the client gets output live; else it asks for it (`receive`)
            self.spool.attach(self.channel, live=not pending)
        try:
            while True:
                msg = self.channel.recv()
                if msg is None:
                    return "eof"
                kind = msg.get("kind")
                if kind == "stop":
                    if self._current is not None and msg.get("id") in (None, self._current):
                        rs.stop()
                elif kind == "close":
                    return "close"
                elif kind == "meta":
                    self.name = str(msg.get("name") or "") or self.name
                    if self.on_change is not None:
                        self.on_change()
                elif kind == "receive" and self.spool is not None:
                    self.spool.release()
                elif kind == "disconnect" and self.spool is not None:
                    self.disconnect_request = msg
                    self.spool.detach(self.channel, ack=message("disconnected"))
                    return "disconnect"
                else:
                    if kind == "invoke" and self.spool is not None:
                        self.spool.release()  # a new command: whatever was held goes out first
                    self._work.put(msg)
        except KeyboardInterrupt:
            rs.stop()
            return "close"

    def current_command(self) -> str | None:
        """The text of the command running now, if any (a daemon's metadata)."""
        with self._lock:
            return self.pending.get(self._current) if self._current is not None else None

    def busy(self) -> bool:
        """True while an invocation asked for has not finished."""
        return self._work.unfinished_tasks > 0

    def wait_idle(self) -> None:
        """Wait until every invocation asked for so far has run (a client that half-closed still reads)."""
        self._work.join()

    def finish(self, stop: bool = False) -> None:
        """End the runspace once the work already asked for is done (a pipe may close after its last message).

        :param stop: stop the running invocation first (the client sent `close`).
        """
        rs = self.runspace
        if stop and self._current is not None:
            rs.stop()
        self._work.put(None)
        self._worker.join()
        shutdown = getattr(rs, "shutdown", None)
        if shutdown is not None:
            try:
                shutdown()
            except Exception:  # noqa: BLE001 - leaving anyway; the channel is gone
                pass

    def _run_worker(self) -> None:
        while True:
            msg = self._work.get()
            if msg is None:
                self._work.task_done()
                return
            try:
                self._handle(msg)
            except ChannelClosedError:
                continue  # that client is gone; a session daemon may get another one
            finally:
                self._work.task_done()

    def _handle(self, msg: dict[str, Any]) -> None:
        kind = msg.get("kind")
        mid = str(msg.get("id", ""))
        self.host.current = mid
        out = self.host.channel  # the client's channel, or a session daemon's spool
        if kind == "prompt":
            from pyshell.script import prompt_text

            out.send(message("prompt", id=mid, text=prompt_text(self.runspace)))
        elif kind == "invoke":
            with self._lock:
                self._current = mid
                if self.spool is not None:
                    self.pending[mid] = str(msg.get("script", ""))
            self._changed()
            try:
                ok, code = self._invoke(msg)
            finally:
                self._current = None
            state = "Stopped" if self.runspace.stopping else "Completed" if ok else "Failed"
            out.send(message(Kind.STATE, id=mid, state=state, ok=ok, location=self.runspace.location, exit=code))
            self._changed()
        else:
            out.send(message(Kind.STATE, id=mid, state="Failed", ok=False, exit=None,
                             location=self.runspace.location))

    def _changed(self) -> None:
        if self.on_change is not None:
            try:
                self.on_change()
            except OSError:
                pass  # metadata is a courtesy to Get-PSSession -ComputerName; the command runs on

    def _invoke(self, msg: dict[str, Any]) -> tuple[bool, int | None]:
        from pyshell.engine.scriptblock import ScriptBlock
        from pyshell.errors import ExitRequest, PipelineStoppedError, PyshellError

        rs = self.runspace
        text = str(msg.get("script", ""))
        args = [deserialize(a) for a in msg.get("args") or []]
        #: pipeline input (Invoke-Command -InputObject / piped objects): the remote `$input`
        piped = msg.get("input")
        input_items = [deserialize(v) for v in piped] if piped is not None else None
        using = {k: deserialize(v) for k, v in (msg.get("using") or {}).items()}
        rs.stopping = False
        rs.push_using(using)
        try:
            if not args and input_items is None:
                return rs.execute(text, add_history=bool(msg.get("interactive"))), None
            sb = ScriptBlock.create(text)
            try:
                for obj in rs.invoke_iter(sb, input=input_items, args=args, new_scope=True):
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


#: Instance ids of the agent's own System log events.
EVENT_SESSION_OPENED = 1
EVENT_SESSION_CLOSED = 2


def log_session_event(opened: bool, detail: str = "") -> None:
    """As the service it is, note a session opening/closing in this host's System log (over SSH only)."""
    import getpass

    from pyshell.engine.eventlog import EventLog

    client = os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_CLIENT")
    if not client:
        return  # not reached over SSH (a test over pipes, a job worker): not a session of this host
    user = getpass.getuser()
    address = client.split()[0]
    if opened:
        text = f"Session opened for user {user} from client {address} (pid {os.getpid()}){detail}."
    else:
        text = f"Session closed for user {user} from client {address} (pid {os.getpid()}){detail}."
    EventLog().write("System", "Information", "pyshell-agent",
                     EVENT_SESSION_OPENED if opened else EVENT_SESSION_CLOSED, text, user=user)


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
    """`pyshell --agent`: serve one client on stdin/stdout; starts in $HOME (sshd starts elsewhere).

    `--agent session <instance-id>` relays stdin/stdout to that session's daemon (starting it first);
    `--agent relay <socket>` relays to a daemon's socket; `--agent daemon <folder>` is the daemon itself.
    """
    args = list(argv or [])
    if args and args[0] in ("session", "attach", "relay", "daemon", "pool", "pool-daemon"):
        from pyshell.remoting import daemon

        return daemon.main(args)
    home = os.environ.get("HOME")
    if home and os.path.isdir(home):
        os.chdir(home)
    channel = _claim_stdio()
    agent = Agent(channel, location=os.getcwd())
    log_session_event(True)
    try:
        return agent.serve()
    finally:
        log_session_event(False)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
