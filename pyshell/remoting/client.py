"""The SSH side of a remote session: resolve a host through ssh_config, connect with Fabric, start the agent.

Runs in the local pyshell. The only module that imports fabric/paramiko. The agent runs on a paramiko
channel beneath the Fabric Connection (Fabric's `run` polls every 10 ms; the channel does not).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import queue
import socket
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from pyshell import __version__
from pyshell.errors import RemoteError
from pyshell.wire import Channel, Kind, message

__all__ = ["AgentConnection", "ConnectError", "HostSpec", "resolve_host", "build_zipapp"]

#: Seconds to wait for TCP connect + SSH handshake + the agent's hello, unless ssh_config says otherwise.
DEFAULT_TIMEOUT = 15.0
#: Exit status of the remote probe for a cached zipapp when there is none.
_NO_CACHE = 99


class ConnectError(RemoteError):
    """A session could not be opened; the message starts with `[ComputerName]` as PowerShell's does."""

    default_error_id = "PSSessionOpenFailed"
    default_category = "OpenError"


@dataclass
class HostSpec:
    """Where a computer name leads after ssh_config: address, port, user, keys, known_hosts files."""

    name: str
    hostname: str
    port: int = 22
    user: str | None = None
    identity_files: list[str] = field(default_factory=list)
    known_hosts: list[str] = field(default_factory=list)
    timeout: float = DEFAULT_TIMEOUT
    identities_only: bool = False
    proxy_jump: str | None = None


def _config_files(name: str) -> list[str]:
    """ssh_config files in precedence order: the lab's (for its hosts), $PYSHELL_SSH_CONFIG or ~/.ssh/config."""
    from pyshell.remoting.lab import lab_ssh_config_path

    files = []
    lab = lab_ssh_config_path()
    if lab:
        files.append(lab)
    user = os.environ.get("PYSHELL_SSH_CONFIG") or os.path.expanduser("~/.ssh/config")
    if os.path.isfile(user):
        files.append(user)
    return files


def resolve_host(name: str, *, port: int | None = None, user: str | None = None, key_file: str | None = None,
                 timeout: float | None = None) -> HostSpec:
    """Look `name` up in ssh_config; explicit parameters win over the file (as ssh's command line does)."""
    import paramiko

    found: dict[str, Any] = {}
    for path in _config_files(name):
        cfg = paramiko.SSHConfig.from_path(path)
        if name.lower() in {h.lower() for h in cfg.get_hostnames() if h != "*"} or not found:
            found = cfg.lookup(name)
            if name.lower() in {h.lower() for h in cfg.get_hostnames()}:
                break
    known = [os.path.expanduser(p) for p in str(found.get("userknownhostsfile", "")).split() if p]
    if not known:
        known = [os.path.expanduser("~/.ssh/known_hosts")]
    spec = HostSpec(
        name=name,
        hostname=found.get("hostname", name),
        port=int(port or found.get("port", 22)),
        user=user or found.get("user"),
        identity_files=[os.path.expanduser(key_file)] if key_file else
        [os.path.expanduser(p) for p in found.get("identityfile", [])],
        known_hosts=known,
        identities_only=str(found.get("identitiesonly", "no")).lower() == "yes",
        proxy_jump=found.get("proxyjump"),
    )
    if timeout is not None:
        spec.timeout = timeout
    elif found.get("connecttimeout"):
        spec.timeout = float(found["connecttimeout"])
    return spec


def build_zipapp() -> tuple[str, bytes]:
    """The installed pyshell package as a zipapp (`python3 agent.pyz --agent`): (file name, bytes)."""
    import pyshell

    root = os.path.dirname(os.path.abspath(pyshell.__file__))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "repl"))
            for f in sorted(files):
                if f.endswith(".py"):
                    full = os.path.join(folder, f)
                    arc = os.path.join("pyshell", os.path.relpath(full, root))
                    zf.writestr(zipfile.ZipInfo(arc, (2020, 1, 1, 0, 0, 0)), open(full, "rb").read())
        zf.writestr(zipfile.ZipInfo("__main__.py", (2020, 1, 1, 0, 0, 0)),
                    "import sys\nfrom pyshell.cli import main\nraise SystemExit(main(sys.argv[1:]))\n")
    data = buf.getvalue()
    return f"agent-{__version__}-{hashlib.sha256(data).hexdigest()[:10]}.pyz", data


class _ChannelIO(io.RawIOBase):
    """A paramiko channel as a plain binary stream.

    paramiko's own channel files flush in `__del__`, which fails noisily at interpreter exit.
    """

    def __init__(self, chan: Any) -> None:
        super().__init__()
        self._chan = chan

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        data = self._chan.recv(len(buf))
        buf[: len(data)] = data
        return len(data)

    def write(self, data: Any) -> int:
        self._chan.sendall(bytes(data))
        return len(data)


class AgentConnection:
    """One SSH connection running one agent: send invocations, stream their messages back.

    :raises ConnectError: from `open()` when the host cannot be reached or the agent does not start.
    """

    def __init__(self, spec: HostSpec, instance_id: str | None = None) -> None:
        self.spec = spec
        #: set for a persistent session: its agent is a daemon on the host, reached through a relay
        self.instance_id = instance_id
        self.computer = spec.name
        self._conn: Any = None
        self._chan: Any = None
        self._channel: Channel | None = None
        self._queues: dict[str, queue.Queue[dict[str, Any] | None]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._hello = threading.Event()
        self.hello: dict[str, Any] = {}
        self.broken = False
        self.closed = False
        self.on_broken: Any = None  #: callable() run once when the channel dies unexpectedly

    # -- connecting ---------------------------------------------------------------------------
    def _fail(self, text: str, error_id: str = "PSSessionOpenFailed") -> ConnectError:
        return ConnectError(f"[{self.computer}] {text}", error_id=error_id, category="OpenError",
                            target=self.computer)

    def open(self) -> AgentConnection:
        import paramiko
        from fabric import Config, Connection

        spec = self.spec
        config = Config(overrides={"load_ssh_configs": False})
        kwargs: dict[str, Any] = {"banner_timeout": spec.timeout, "auth_timeout": spec.timeout}
        if spec.identity_files:
            kwargs["key_filename"] = spec.identity_files
        if spec.identities_only:
            kwargs["look_for_keys"] = False
            kwargs["allow_agent"] = False
        conn = Connection(spec.hostname, user=spec.user, port=spec.port, config=config,
                          connect_timeout=spec.timeout, connect_kwargs=kwargs)
        # Fabric adds unknown host keys silently; a shell must not. Known keys: the user's and the lab's.
        conn.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        for path in spec.known_hosts:
            if os.path.isfile(path):
                conn.client.load_host_keys(path)
        try:
            conn.open()
        except paramiko.ssh_exception.NoValidConnectionsError as e:
            import errno

            refused = any(getattr(err, "errno", None) == errno.ECONNREFUSED for err in e.errors.values())
            reason = "Connection refused" if refused else (e.strerror or str(e))
            raise self._fail(f"The SSH client session has ended with error message: ssh: connect to host "
                             f"{spec.hostname} port {spec.port}: {reason}") from None
        except socket.gaierror as e:
            raise self._fail(f"The SSH client session has ended with error message: ssh: Could not resolve "
                             f"hostname {self.computer}: {e.strerror or e}") from None
        except TimeoutError:
            raise self._fail(f"The SSH client session has ended with error message: ssh: connect to host "
                             f"{spec.hostname} port {spec.port}: Connection timed out") from None
        except ConnectionRefusedError:
            raise self._fail(f"The SSH client session has ended with error message: ssh: connect to host "
                             f"{spec.hostname} port {spec.port}: Connection refused") from None
        except paramiko.BadHostKeyException:
            raise self._fail(f"The SSH client session has ended with error message: Host key verification failed:"
                             f" the host key for {self.computer} has changed.") from None
        except paramiko.SSHException as e:
            if "not found in known_hosts" in str(e):
                raise self._fail("The SSH client session has ended with error message: Host key verification "
                                 f"failed: no known host key for {self.computer}.") from None
            if isinstance(e, paramiko.AuthenticationException):
                raise self._fail("The SSH client session has ended with error message: Permission denied "
                                 "(publickey).") from None
            raise self._fail(f"The SSH client session has ended with error message: {e}") from None
        except OSError as e:
            raise self._fail(f"The SSH client session has ended with error message: {e.strerror or e}") from None
        self._conn = conn
        transport = conn.client.get_transport()
        # paramiko leaves Nagle on: ~44 ms per small message instead of ~3 ms.
        transport.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._start_agent()
        return self

    def _exec(self, command: str) -> Any:
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

    def _start_agent(self) -> None:
        mode = f" session {self.instance_id}" if self.instance_id else ""
        if self._try_agent(f"python3 -m pyshell --agent{mode}"):
            return
        status = self._chan.recv_exit_status()
        err = self._stderr_text()
        if status == 127 or "python3: not found" in err or "command not found" in err:
            self.close()
            raise self._fail("The SSH client session has ended with error message: python3 was not found on "
                             "the remote computer.", "PythonNotFound")
        if "No module named pyshell" not in err:
            self.close()
            raise self._fail(f"The pyshell agent did not start: {err.strip() or f'exit status {status}'}",
                             "AgentStartFailed")
        name, data = build_zipapp()
        path = f'"$HOME/.cache/pyshell/{name}"'
        status, _ = self._run(f"test -f {path} || exit {_NO_CACHE}")
        if status == _NO_CACHE:
            status, err = self._run(f'mkdir -p "$HOME/.cache/pyshell" && cat > {path}.$$ && mv {path}.$$ {path}',
                                    data)
            if status != 0:
                self.close()
                raise self._fail(f"Could not upload the pyshell agent: {err.strip()}", "AgentUploadFailed")
        if not self._try_agent(f"python3 {path} --agent{mode}"):
            err = self._stderr_text()
            self.close()
            raise self._fail(f"The pyshell agent did not start: {err.strip()}", "AgentStartFailed")

    def _stderr_text(self) -> str:
        try:
            return bytes(self._chan.in_stderr_buffer.empty()).decode(errors="replace") if self._chan else ""
        except Exception:  # noqa: BLE001 - only used for a message
            return ""

    def _try_agent(self, command: str) -> bool:
        """Start `command`; True once its hello arrived, False when it exited first."""
        self._hello.clear()
        self._chan = self._exec(command)
        raw = _ChannelIO(self._chan)
        self._channel = Channel(io.BufferedReader(raw, 65536), cast("IO[bytes]", raw))
        threading.Thread(target=self._read, args=(self._channel,), name=f"ssh-{self.computer}",
                         daemon=True).start()
        if not self._hello.wait(self.spec.timeout):
            self.close()
            raise self._fail("The pyshell agent did not answer in time.", "AgentTimeout")
        return bool(self.hello)

    def _read(self, channel: Channel) -> None:
        for msg in channel:
            kind = msg.get("kind")
            if kind == Kind.HELLO.value:
                self.hello = msg
                self._hello.set()
                continue
            q = self._queues.get(str(msg.get("id", "")))
            if q is not None:
                q.put(msg)
        if channel is not self._channel:
            return
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
               interactive: bool = False) -> Iterator[dict[str, Any]]:
        """Run `script` remotely; yields its messages (output, error, ...) and last the `state` one.

        Closing the generator early, or Ctrl-C while it waits, stops the remote pipeline.
        """
        mid = str(next(self._ids))
        q: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._queues[mid] = q
        done = False
        try:
            self._send(message(Kind.INVOKE, id=mid, script=script, args=args or [], using=using or {},
                               interactive=interactive))
            while True:
                try:
                    msg = q.get()
                except KeyboardInterrupt:
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
            if not done and not self.broken and not self.closed:
                try:
                    self._send(message(Kind.STOP, id=mid))
                except RemoteError:
                    pass
            self._queues.pop(mid, None)

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
        """End the agent (its runspace and jobs) and the SSH connection."""
        if self.closed:
            return
        self.closed = True
        if self._channel is not None and self.hello and not self.broken:
            try:
                self._channel.send(message(Kind.CLOSE))
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        for q in list(self._queues.values()):
            q.put(None)
        if self._chan is not None:
            self._chan.close()
        if self._conn is not None:
            self._conn.close()
