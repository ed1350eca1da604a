"""The SSH side of a remote session: connect with Fabric, start (or reach) the agent, talk to it.

Runs in the local pyshell. With sshconfig.py (names -> HostSpec), sshchannel.py (shared connections,
streamlocal channels) and zipapp.py, the only modules that import fabric/paramiko. The agent runs on a paramiko
channel beneath the Fabric Connection (Fabric's `run` polls every 10 ms; the channel does not). One SSH
connection per host (alias, user, address, port) serves every session of this process to that host.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import os
import queue
import shlex
import socket
import threading
import uuid
from collections.abc import Iterator
from typing import IO, Any, cast

from pyshell.errors import RemoteError
from pyshell.remoting.daemon import LIST_SOURCE, NO_SESSION
from pyshell.remoting.hostcache import HostCache, HostFacts, build_key
from pyshell.remoting.pool import RELAY_NO_DAEMON, RELAY_SOURCE, SESSION_SOURCE
from pyshell.remoting.sshchannel import CONNECTIONS, Asker, AskPolicy, ChannelIO, open_streamlocal
from pyshell.remoting.sshconfig import (
    ConnectError,
    HostSpec,
    fabric_config,
    host_keys_for,
    private_key,
    resolve_host,
    split_target,
)
from pyshell.remoting.zipapp import build_zipapp
from pyshell.wire import Channel, Kind, message

__all__ = ["AgentConnection", "ConnectError", "HostSpec", "resolve_host", "split_target", "build_zipapp",
           "list_sessions", "CONNECTIONS", "HOSTS"]

#: Exit status of the remote probe for a cached zipapp when there is none.
_NO_CACHE = 99
#: SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: sshd does not allow streamlocal forwarding at all.
_OPEN_PROHIBITED = 1

#: This process's facts about hosts (mirrored in a small file under the user's state folder).
HOSTS = HostCache()


class AgentConnection:
    """One agent (runspace) on a remote computer, over a (shared, cached) SSH connection.

    A persistent session's agent is a daemon on the host, reached through a relay; a temporary session's
    runspace lives in the host's pool daemon, reached by a streamlocal channel or a tiny relay.
    :raises ConnectError: from `open()` when the host cannot be reached or the agent does not start.
    """

    def __init__(self, spec: HostSpec, instance_id: str | None = None, ask: Asker | None = None) -> None:
        self.spec = spec
        #: set for a persistent session: its agent is a daemon on the host, reached through a relay
        self.instance_id = instance_id
        self.computer = spec.name
        self.ask = ask  #: asks about an unknown host key (interactive shells only)
        self._conn: Any = None
        self._chan: Any = None
        self._channel: Channel | None = None
        self._queues: dict[str, queue.Queue[dict[str, Any] | None]] = {}
        self._ids = itertools.count(1)
        #: message ids are `<tag>.<n>`: a later client of the same session daemon never reuses a running id
        self._tag = uuid.uuid4().hex[:8]
        self._lock = threading.Lock()
        self._hello = threading.Event()
        self._ended = threading.Event()  #: set when the agent's channel has ended
        self.hello: dict[str, Any] = {}
        self.broken = False
        self.closed = False
        self.on_broken: Any = None  #: callable() run once when the channel dies unexpectedly
        self._facts_key = ""
        #: detached from the session daemon (Disconnect-PSSession, or known only from the host's list)
        self.disconnected = False
        self._attach_only = False  #: reach an existing daemon (`--agent attach`), never start one
        self._detached = threading.Event()  #: the daemon's `disconnected` answer arrived

    # -- connecting ---------------------------------------------------------------------------
    def _fail(self, text: str, error_id: str = "PSSessionOpenFailed") -> ConnectError:
        return ConnectError(f"[{self.computer}] {text}", error_id=error_id, category="OpenError",
                            target=self.computer)

    def _use_connection(self) -> None:
        self._conn = CONNECTIONS.get(self.spec, self._connect)
        transport = self._conn.client.get_transport()
        key = transport.get_remote_server_key()
        self._facts_key = (f"{self.spec.user}@{self.spec.hostname}:{self.spec.port}#"
                           f"{hashlib.sha256(key.asbytes()).hexdigest()[:16]}")

    def open(self) -> AgentConnection:
        self._use_connection()
        try:
            self._start_agent()
        except BaseException:
            self.close()
            raise
        return self

    def _connect(self) -> Any:
        """A new Fabric connection to the host (through its ProxyJump hosts), host key checked."""
        import paramiko
        from fabric import Connection

        spec = self.spec
        kwargs: dict[str, Any] = {"banner_timeout": spec.timeout, "auth_timeout": spec.timeout}
        if spec.identity_files:
            loaded = [private_key(p) for p in spec.identity_files if os.path.isfile(p)]
            if len(loaded) == 1 and loaded[0] is not None and len(spec.identity_files) == 1:
                kwargs["pkey"] = loaded[0]  # the same key paramiko would read from the file, read once
            else:
                kwargs["key_filename"] = spec.identity_files
        if spec.identities_only:
            kwargs["look_for_keys"] = False
            kwargs["allow_agent"] = False
        if spec.proxy_jump:
            kwargs["sock"] = self._jump_channel()
        conn = Connection(spec.hostname, user=spec.user, port=spec.port, config=fabric_config(),
                          connect_timeout=spec.timeout, connect_kwargs=kwargs)
        # Fabric adds unknown host keys silently; a shell must not. Known keys: the user's and the lab's.
        policy = AskPolicy(self.ask, self.computer) if self.ask is not None else paramiko.RejectPolicy()
        conn.client.set_missing_host_key_policy(policy)
        conn.client._host_keys = host_keys_for(spec.known_hosts, spec.hostname, spec.port)
        self._open_checked(conn)
        transport = conn.client.get_transport()
        if transport.sock is not None and hasattr(transport.sock, "setsockopt"):
            # paramiko leaves Nagle on: ~44 ms per small message instead of ~3 ms.
            transport.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def _jump_channel(self) -> Any:
        """A `direct-tcpip` channel to this host through its ProxyJump host (the last of a chain)."""
        spec = self.spec
        *before, last = [j.strip() for j in str(spec.proxy_jump).split(",")]
        jump = resolve_host(last, timeout=spec.timeout)
        if before:
            jump.proxy_jump = ",".join(before)
        via = AgentConnection(jump, ask=self.ask)
        try:
            conn = CONNECTIONS.get(jump, via._connect)
            return conn.client.get_transport().open_channel(
                "direct-tcpip", (spec.hostname, spec.port), ("127.0.0.1", 0), timeout=spec.timeout)
        except ConnectError as e:
            raise self._fail(f"The SSH client session has ended with error message: ssh: connect to host "
                             f"{spec.hostname} port {spec.port} through {jump.name}: {e}") from None
        except Exception as e:  # noqa: BLE001 - paramiko's channel errors have no common base worth naming
            raise self._fail(f"The SSH client session has ended with error message: channel to "
                             f"{spec.hostname}:{spec.port} through {jump.name} failed: {e}") from None

    def _open_checked(self, conn: Any) -> None:
        """`conn.open()`, its failures turned into PowerShell-style errors naming the computer."""
        import errno

        import paramiko

        spec = self.spec
        prefix = "The SSH client session has ended with error message: "
        try:
            conn.open()
        except paramiko.ssh_exception.NoValidConnectionsError as e:
            refused = any(getattr(err, "errno", None) == errno.ECONNREFUSED for err in e.errors.values())
            reason = "Connection refused" if refused else (e.strerror or str(e))
            raise self._fail(f"{prefix}ssh: connect to host {spec.hostname} port {spec.port}: {reason}") from None
        except socket.gaierror as e:
            raise self._fail(f"{prefix}ssh: Could not resolve hostname {self.computer}: {e.strerror or e}") from None
        except TimeoutError:
            raise self._fail(f"{prefix}ssh: connect to host {spec.hostname} port {spec.port}: Connection "
                             "timed out") from None
        except ConnectionRefusedError:
            raise self._fail(f"{prefix}ssh: connect to host {spec.hostname} port {spec.port}: Connection "
                             "refused") from None
        except paramiko.BadHostKeyException:
            raise self._fail(f"{prefix}Host key verification failed: the host key for {self.computer} has "
                             "changed.") from None
        except paramiko.SSHException as e:
            if "not found in known_hosts" in str(e):
                raise self._fail(f"{prefix}Host key verification failed: no known host key for "
                                 f"{self.computer}.") from None
            if isinstance(e, paramiko.AuthenticationException):
                raise self._fail(f"{prefix}Permission denied (publickey).") from None
            raise self._fail(f"{prefix}{e}") from None
        except OSError as e:
            raise self._fail(f"{prefix}{e.strerror or e}") from None

    def _exec(self, command: str) -> Any:
        import paramiko

        transport = self._conn.client.get_transport()
        try:
            chan = transport.open_session(timeout=self.spec.timeout)
        except (paramiko.SSHException, EOFError, OSError):
            # the cached connection died since it was last used: one new connection, then give up
            CONNECTIONS.discard(self.spec, self._conn)
            self._conn = CONNECTIONS.get(self.spec, self._connect)
            chan = self._conn.client.get_transport().open_session(timeout=self.spec.timeout)
        chan.exec_command(command)
        return chan

    def _run(self, command: str, stdin: bytes = b"") -> tuple[int, str]:
        chan = self._exec(command)
        if stdin:
            chan.sendall(stdin)
        chan.shutdown_write()
        err = chan.makefile_stderr("rb").read().decode(errors="replace")
        return chan.recv_exit_status(), err

    def _agent_command(self, facts: HostFacts) -> str:
        """How pyshell starts on this host: installed, or the cached zipapp."""
        return f'python3 "{facts.zipapp}"' if facts.zipapp else "python3 -m pyshell"

    def _command(self, facts: HostFacts) -> str:
        key = build_key()
        if self.instance_id and self._attach_only:
            return f"{self._agent_command(facts)} --agent attach {self.instance_id}"
        if self.instance_id:
            # the stdlib relay first: it has the warm pool fork the session's daemon (engine imported there);
            # exit 3 means no pool spawner on the host: start the daemon the long way
            return (f"python3 -S -c {shlex.quote(SESSION_SOURCE)} {self.instance_id} {key}; s=$?; "
                    f"[ $s = {RELAY_NO_DAEMON} ] || exit $s; "
                    f"exec {self._agent_command(facts)} --agent session {self.instance_id}")
        # the tiny relay first (no pyshell import); exit 3 means no pool daemon yet: start it
        return (f"python3 -S -c {shlex.quote(RELAY_SOURCE)} {key}; s=$?; [ $s = {RELAY_NO_DAEMON} ] || exit $s; "
                f"exec {self._agent_command(facts)} --agent pool {key}")

    def _start_agent(self) -> None:
        facts = HOSTS.get(self._facts_key)
        if not self.instance_id and facts.socket and facts.streamlocal and self._try_streamlocal(facts):
            return
        facts = HOSTS.get(self._facts_key)
        if self._try_agent(self._command(facts)):
            self._remember_socket()
            return
        status = self._chan.recv_exit_status()
        err = self._stderr_text()
        if self._attach_only and status == NO_SESSION:
            raise self._fail(f"The session {self.instance_id} no longer exists on the remote computer.",
                             "PSSessionNotFound")
        if status == 127 or "python3: not found" in err or "command not found" in err:
            raise self._fail("The SSH client session has ended with error message: python3 was not found on "
                             "the remote computer.", "PythonNotFound")
        if "No module named pyshell" not in err and not (facts.zipapp and "can't open file" in err):
            raise self._fail(f"The pyshell agent did not start: {err.strip() or f'exit status {status}'}",
                             "AgentStartFailed")
        facts = dataclasses.replace(facts, zipapp=self._upload_zipapp())
        HOSTS.put(self._facts_key, facts)
        if not self._try_agent(self._command(facts)):
            err = self._stderr_text()
            HOSTS.put(self._facts_key, dataclasses.replace(facts, zipapp=None))
            raise self._fail(f"The pyshell agent did not start: {err.strip()}", "AgentStartFailed")
        self._remember_socket()

    def _upload_zipapp(self) -> str:
        """Put this build's zipapp in the host's cache folder unless it is there; returns its remote path."""
        name, data = build_zipapp()
        path = f'"$HOME/.cache/pyshell/{name}"'
        status, _ = self._run(f"test -f {path} || exit {_NO_CACHE}")
        if status == _NO_CACHE:
            status, err = self._run(f'mkdir -p "$HOME/.cache/pyshell" && cat > {path}.$$ && mv {path}.$$ {path}',
                                    data)
            if status != 0:
                raise self._fail(f"Could not upload the pyshell agent: {err.strip()}", "AgentUploadFailed")
        return f"$HOME/.cache/pyshell/{name}"

    def _remember_socket(self) -> None:
        path = self.hello.get("socket")
        if path and not self.instance_id:
            facts = HOSTS.get(self._facts_key)
            HOSTS.put(self._facts_key, dataclasses.replace(facts, socket=str(path)))

    def _try_streamlocal(self, facts: HostFacts) -> bool:
        """Reach the pool daemon straight through sshd; False (and the fact forgotten) when that fails."""
        import paramiko

        try:
            chan = open_streamlocal(self._conn.client.get_transport(), str(facts.socket), self.spec.timeout)
        except paramiko.ChannelException as e:
            allowed = e.code != _OPEN_PROHIBITED
            HOSTS.put(self._facts_key, dataclasses.replace(facts, socket=None, streamlocal=allowed))
            return False
        except (paramiko.SSHException, EOFError, OSError):
            CONNECTIONS.discard(self.spec, self._conn)
            self._conn = CONNECTIONS.get(self.spec, self._connect)
            return False
        return self._attach(chan)

    def _try_agent(self, command: str) -> bool:
        """Start `command`; True once its hello arrived, False when it exited first."""
        return self._attach(self._exec(command))

    def _attach(self, chan: Any) -> bool:
        """Read the agent's messages from `chan`; True once its hello arrived, False when it closed first."""
        self._hello.clear()
        self._ended.clear()
        self.hello = {}
        self._chan = chan
        raw = ChannelIO(self._chan)
        self._channel = Channel(io.BufferedReader(raw, 65536), cast("IO[bytes]", raw))
        threading.Thread(target=self._read, args=(self._channel,), name=f"ssh-{self.computer}",
                         daemon=True).start()
        if not self._hello.wait(self.spec.timeout):
            raise self._fail("The pyshell agent did not answer in time.", "AgentTimeout")
        return bool(self.hello)

    def _stderr_text(self) -> str:
        try:
            return bytes(self._chan.in_stderr_buffer.empty()).decode(errors="replace") if self._chan else ""
        except Exception:  # noqa: BLE001 - only used for a message
            return ""


    def _read(self, channel: Channel) -> None:
        for msg in channel:
            kind = msg.get("kind")
            if kind == Kind.HELLO.value:
                self.hello = msg
                self._hello.set()
                continue
            if kind == "disconnected":
                self._detached.set()
                continue
            q = self._queues.get(str(msg.get("id", "")))
            if q is not None:
                q.put(msg)
        if channel is not self._channel:
            return
        self._ended.set()
        if not self.hello:
            self._hello.set()  # exited before saying hello: let _try_agent look at why
            return
        self.broken = not self.closed
        for q in list(self._queues.values()):
            q.put(None)
        if self.broken and self.on_broken is not None:
            self.on_broken()

    # -- using the agent ------------------------------------------------------------------------
    def invoke(self, script: str, *, args: list[Any] | None = None, using: dict[str, Any] | None = None,
               interactive: bool = False, input: list[Any] | None = None) -> Iterator[dict[str, Any]]:
        """Run `script` remotely (`input`: serialized pipeline input, the remote `$input`); yields its messages (output, error, ...) and last the `state` one.

        While the session is disconnected it yields `{"kind": "disconnected"}`, and `{"kind": "reconnected"}`
        when it is attached again; then the output held meanwhile follows. Closing the generator early, or
        Ctrl-C while it waits, stops the remote pipeline.
        """
        mid = f"{self._tag}.{next(self._ids)}"
        q: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._queues[mid] = q
        try:
            extra = {"input": input} if input is not None else {}
            self._send(message(Kind.INVOKE, id=mid, script=script, args=args or [], using=using or {},
                               interactive=interactive, **extra))
        except BaseException:
            self._queues.pop(mid, None)
            raise
        return self._stream(mid, q)

    def adopt(self, mid: str) -> Iterator[dict[str, Any]]:
        """The messages of invocation `mid`, started by an earlier client of this session (see `pending`)."""
        q: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._queues[mid] = q
        return self._stream(mid, q)

    @property
    def pending(self) -> list[dict[str, Any]]:
        """Invocations {id, command} whose end no client has received yet, as the daemon said on attach."""
        return list(self.hello.get("pending") or [])

    def _stream(self, mid: str, q: queue.Queue[dict[str, Any] | None]) -> Iterator[dict[str, Any]]:
        done = False
        try:
            while True:
                try:
                    msg = q.get()
                except KeyboardInterrupt:
                    if self.disconnected:
                        raise
                    self._send(message(Kind.STOP, id=mid))
                    continue
                if msg is None:
                    raise RemoteError(f"[{self.computer}] The session state is Broken: the connection to the "
                                      "remote computer was lost.", error_id="PSSessionStateBroken",
                                      category="OpenError", target=self.computer)
                yield msg
                if msg.get("kind") == Kind.STATE.value:
                    done = True
                    return
        finally:
            if not done and not self.broken and not self.closed and not self.disconnected:
                try:
                    self._send(message(Kind.STOP, id=mid))
                except RemoteError:
                    pass
            self._queues.pop(mid, None)

    # -- disconnecting ----------------------------------------------------------------------------
    def set_name(self, name: str) -> None:
        """Tell a session daemon its PSSession's Name (listed by Get-PSSession -ComputerName)."""
        if self.instance_id:
            self._send(message("meta", name=name))

    def disconnect(self, idle_timeout: float | None = None, mode: str | None = None) -> None:
        """Detach from the session daemon, which keeps running (and holds the output); the SSH connection stays.

        Waits for the daemon's `disconnected` answer first, so nothing it sent before is lost in transit.
        """
        if self.disconnected or self.closed or self.broken or self._channel is None:
            return
        self._detached.clear()
        try:
            self._send(message("disconnect", idle_timeout=idle_timeout, mode=mode))
            self._detached.wait(self.spec.timeout)
        except RemoteError:
            pass
        self.disconnected = True
        chan, self._chan, self._channel = self._chan, None, None
        if chan is not None:
            chan.close()
        for q in list(self._queues.values()):
            q.put({"kind": "disconnected"})

    def reconnect(self) -> AgentConnection:
        """Attach to the session daemon again (its output stays held until `receive()`).

        :raises ConnectError: when the host cannot be reached or the session is gone from it.
        """
        if not self.disconnected:
            return self
        if self._conn is None or not self._conn.client.get_transport() or \
                not self._conn.client.get_transport().is_active():
            self._use_connection()
        self._attach_only = True
        try:
            self._start_agent()
        except ConnectError as e:
            if e.error_id == "PSSessionNotFound":
                self.disconnected = False
                self.broken = True
                for q in list(self._queues.values()):
                    q.put(None)
            raise
        self.disconnected = False
        for q in list(self._queues.values()):
            q.put({"kind": "reconnected"})
        return self

    def receive(self) -> None:
        """Ask the daemon for the output it held, and to send the rest as it comes."""
        self._send(message("receive"))

    def request(self, kind: str) -> dict[str, Any] | None:
        """A one-answer request such as `prompt`; None when the agent is gone."""
        mid = str(next(self._ids))
        q: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._queues[mid] = q
        try:
            self._send(message(kind, id=mid))
            return q.get(timeout=self.spec.timeout)
        except (queue.Empty, RemoteError):
            return None
        finally:
            self._queues.pop(mid, None)

    def stop_current(self) -> None:
        """Stop whatever the agent is running now (Stop-Job of a RemoteJob in a persistent session)."""
        try:
            self._send(message(Kind.STOP))
        except RemoteError:
            pass

    def _send(self, msg: dict[str, Any]) -> None:
        from pyshell.wire import ChannelClosedError

        if self._channel is None or self.broken or self.closed:
            raise RemoteError(f"[{self.computer}] The session is not open.", error_id="PSSessionNotOpen")
        try:
            self._channel.send(msg)
        except ChannelClosedError as e:
            raise RemoteError(f"[{self.computer}] The connection to the remote computer was lost: {e}",
                              error_id="PSSessionStateBroken") from None

    def close(self) -> None:
        """End the agent (its runspace and jobs); the cached SSH connection stays.

        A disconnected session is attached again first, so that its daemon hears `close` and ends.
        """
        if self.closed:
            return
        if self.disconnected and self.instance_id:
            try:
                self.reconnect()
            except RemoteError:
                pass
        self.closed = True
        if self._channel is not None and self.hello and not self.broken:
            try:
                self._channel.send(message(Kind.CLOSE))
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        for q in list(self._queues.values()):
            q.put(None)
        if self._chan is not None and self.hello and not self.broken and not self.instance_id:
            # a pool runspace: wait for its end, so the next temporary session finds the pool as new
            self._ended.wait(2.0)
        if self._chan is not None:
            self._chan.close()  # the SSH connection stays open for this process's next session to the host


def list_sessions(spec: HostSpec, ask: Asker | None = None) -> list[dict[str, Any]]:
    """The session daemons this user runs on `spec`'s host (their `session.json`), needing no pyshell there.

    :raises ConnectError: when the host cannot be reached.
    """
    import json

    probe = AgentConnection(spec, ask=ask)
    probe._use_connection()
    chan = probe._exec(f"python3 -S -c {shlex.quote(LIST_SOURCE)}")
    chan.shutdown_write()
    out = chan.makefile("rb").read().decode(errors="replace")
    status = chan.recv_exit_status()
    chan.close()
    if status != 0:
        raise probe._fail("Could not list the sessions on the remote computer.", "PSSessionListFailed")
    try:
        found = json.loads(out.strip().splitlines()[-1]) if out.strip() else []
    except ValueError:
        found = []
    return [m for m in found if isinstance(m, dict)]
