"""The SSH side of a remote session: resolve a host through ssh_config, connect with Fabric, start the agent.

Runs in the local pyshell. The only module that imports fabric/paramiko. The agent runs on a paramiko
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
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from pyshell.errors import RemoteError
from pyshell.remoting.daemon import LIST_SOURCE, NO_SESSION
from pyshell.remoting.hostcache import HostCache, HostFacts, build_key
from pyshell.remoting.pool import RELAY_NO_DAEMON, RELAY_SOURCE, SESSION_SOURCE
from pyshell.wire import Channel, Kind, message

__all__ = ["AgentConnection", "ConnectError", "HostSpec", "resolve_host", "split_target", "build_zipapp",
           "list_sessions", "CONNECTIONS", "HOSTS"]

#: Seconds to wait for TCP connect + SSH handshake + the agent's hello, unless ssh_config says otherwise.
DEFAULT_TIMEOUT = 15.0
#: Exit status of the remote probe for a cached zipapp when there is none.
_NO_CACHE = 99
#: SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: sshd does not allow streamlocal forwarding at all.
_OPEN_PROHIBITED = 1
#: -Options / ssh_config keys that resolve_host understands (lower case, as paramiko's SSHConfig gives them).
_OPTION_KEYS = {"hostname", "port", "user", "identityfile", "identitiesonly", "proxyjump", "connecttimeout",
                "userknownhostsfile"}


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

    @property
    def cache_key(self) -> tuple[Any, ...]:
        """Identity of one SSH connection: the alias stays part of it (aliases of one endpoint stay apart)."""
        return (self.name.lower(), self.user, self.hostname, self.port, tuple(self.identity_files),
                self.proxy_jump)


#: Parsed ssh_config files by (path, mtime, size), and the last answer of "which lab runs" with its time:
#: a fan-out to 50 hosts would otherwise parse the same files and probe the lab's 50 sshds 50 times.
_PARSED: dict[tuple[str, int, int], Any] = {}
_LAB: list[tuple[float, str | None]] = []
#: Seconds a "which lab runs" answer is reused.
_LAB_TTL = 2.0


def _lab_config() -> str | None:
    import time

    from pyshell.remoting.lab import lab_ssh_config_path

    now = time.monotonic()
    if _LAB and now - _LAB[0][0] < _LAB_TTL and os.environ.get("PYSHELL_LAB_DIR") == _LAB_DIR[0]:
        return _LAB[0][1]
    found = lab_ssh_config_path()
    _LAB[:] = [(now, found)]
    _LAB_DIR[0] = os.environ.get("PYSHELL_LAB_DIR")
    return found


_LAB_DIR: list[str | None] = [None]


def _parsed_config(path: str) -> Any:
    import paramiko

    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    cfg = _PARSED.get(key)
    if cfg is None:
        cfg = _PARSED[key] = paramiko.SSHConfig.from_path(path)
    return cfg


_LOOKUPS: dict[tuple[Any, str], dict[str, Any]] = {}


def _lookup(path: str, name: str) -> tuple[bool, dict[str, Any]]:
    """(whether `path` names `name` in a Host line, its settings for `name`), cached per file version.

    paramiko's lookup walks every Host block (and asks the OS for the user name per block): a fan-out to
    50 lab hosts would otherwise do that 50 times per run.
    """
    import copy

    st = os.stat(path)
    key = ((path, st.st_mtime_ns, st.st_size), name.lower())
    found = _LOOKUPS.get(key)
    if found is None:
        cfg = _parsed_config(path)
        names = {h.lower() for h in cfg.get_hostnames() if h != "*"}
        found = _LOOKUPS[key] = {"named": name.lower() in names, "settings": dict(cfg.lookup(name))}
    return bool(found["named"]), copy.deepcopy(found["settings"])


#: known_hosts files parsed once per file version: {name: [(key type, key)]} for plain names, and the hashed
#: entries apart (matched per name). paramiko's `load_host_keys` re-parses the file per connection and its
#: lookup builds a class per entry: with the lab's 50 hosts that was most of a fan-out's client CPU.
_KNOWN: dict[tuple[str, int, int], tuple[dict[str, list[Any]], list[Any]]] = {}
#: private keys loaded once per file version (None: needs a passphrase or has a certificate: paramiko's way)
_KEYS: dict[tuple[str, int, int], Any] = {}
_SHARED: dict[str, Any] = {}
_SHARED_LOCK = threading.Lock()


def _known_index(path: str) -> tuple[dict[str, list[Any]], list[Any]]:
    import paramiko

    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    index = _KNOWN.get(key)
    if index is None:
        plain: dict[str, list[Any]] = {}
        hashed: list[Any] = []
        for entry in paramiko.HostKeys(path)._entries:
            for host in entry.hostnames:
                if host.startswith("|1|"):
                    hashed.append((host, entry))
                else:
                    plain.setdefault(host.lower(), []).append(entry)
        index = _KNOWN[key] = (plain, hashed)
    return index


def _host_keys_for(paths: list[str], hostname: str, port: int) -> Any:
    """A paramiko HostKeys holding only the known keys of `hostname:port` (as paramiko names it), from `paths`."""
    import paramiko

    name = hostname if port == 22 else f"[{hostname}]:{port}"
    keys = paramiko.HostKeys()
    seen: set[str] = set()  # the first file that knows a key type wins, as in paramiko's lookup
    for path in paths:
        if not os.path.isfile(path):
            continue
        plain, hashed = _known_index(path)
        entries = list(plain.get(name.lower(), []))
        entries += [e for h, e in hashed if paramiko.HostKeys.hash_host(name, h) == h]
        for entry in entries:
            if entry.key.get_name() not in seen:
                seen.add(entry.key.get_name())
                keys.add(name, entry.key.get_name(), entry.key)
    return keys


def _private_key(path: str) -> Any:
    """The key in `path`, loaded once per file version; None when paramiko must load it itself."""
    import paramiko

    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _KEYS:
        loaded = None
        if not os.path.exists(path + "-cert.pub"):
            try:
                loaded = paramiko.PKey.from_path(path)
            except Exception:  # noqa: BLE001 - passphrase, unknown format: paramiko's own path reports it
                loaded = None
        _KEYS[key] = loaded
    return _KEYS[key]


def _fabric_config() -> Any:
    """One Fabric Config for every connection of this process (as a ThreadingGroup shares one)."""
    with _SHARED_LOCK:
        if "config" not in _SHARED:
            import logging

            from fabric import Config

            # paramiko logs refused channels (a stale pool socket: expected, handled) to stderr through
            # logging's last-resort handler; errors reach the user as PowerShell errors instead.
            logging.getLogger("paramiko").addHandler(logging.NullHandler())
            _SHARED["config"] = Config(overrides={"load_ssh_configs": False})
        return _SHARED["config"]


def _config_files(name: str) -> list[str]:
    """ssh_config files in precedence order: the lab's (for its hosts), $PYSHELL_SSH_CONFIG or ~/.ssh/config."""
    files = []
    lab = _lab_config()
    if lab:
        files.append(lab)
    user = os.environ.get("PYSHELL_SSH_CONFIG") or os.path.expanduser("~/.ssh/config")
    if os.path.isfile(user):
        files.append(user)
    return files


def split_target(target: str) -> tuple[str | None, str, int | None]:
    """`user@host:port` -> (user, host, port); each part but the host is optional (`[v6]:port` too)."""
    user = None
    if "@" in target:
        user, target = target.rsplit("@", 1)
    port = None
    if target.startswith("[") and "]" in target:
        host, _, rest = target[1:].partition("]")
        if rest.startswith(":") and rest[1:].isdigit():
            port = int(rest[1:])
        return user or None, host, port
    if target.count(":") == 1:
        host, _, p = target.partition(":")
        if p.isdigit():
            return user or None, host, int(p)
    return user or None, target, port


def _ssh_options(options: dict[str, Any] | None) -> dict[str, Any]:
    """-Options @{Port=2222; ProxyJump='a'} as ssh_config keys; `IdentityFile` becomes a list."""
    out: dict[str, Any] = {}
    for key, value in (options or {}).items():
        k = str(key).lower()
        if k not in _OPTION_KEYS:
            continue
        out[k] = [str(v) for v in value] if k == "identityfile" and isinstance(value, list) else \
            [str(value)] if k == "identityfile" else str(value)
    return out


def resolve_host(name: str, *, port: int | None = None, user: str | None = None, key_file: str | None = None,
                 timeout: float | None = None, options: dict[str, Any] | None = None) -> HostSpec:
    """Look `name` (`[user@]host[:port]`) up in ssh_config; -Options beat the file, explicit parameters beat both.

    `HostSpec.name` is the host part only (a PSSession's ComputerName).
    """
    at_user, name, at_port = split_target(name)
    found: dict[str, Any] = {}
    for path in _config_files(name):
        named, settings = _lookup(path, name)
        if named or not found:
            found = settings
            if named:
                break
    found = {**found, **_ssh_options(options)}
    known = [os.path.expanduser(p) for p in str(found.get("userknownhostsfile", "")).split() if p]
    user_known = os.path.expanduser("~/.ssh/known_hosts")
    if user_known not in known:
        known.append(user_known)  # the user's own file always counts, and is where accepted keys go
    jump = str(found.get("proxyjump") or "") or None
    spec = HostSpec(
        name=name,
        hostname=found.get("hostname", name),
        port=int(port or at_port or found.get("port", 22)),
        user=user or at_user or found.get("user"),
        identity_files=[os.path.expanduser(key_file)] if key_file else
        [os.path.expanduser(p) for p in found.get("identityfile", [])],
        known_hosts=known,
        identities_only=str(found.get("identitiesonly", "no")).lower() == "yes",
        proxy_jump=None if jump is None or jump.lower() == "none" else jump,
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
    return f"agent-{build_key()}.pyz", data


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


def _open_streamlocal(transport: Any, path: str, timeout: float) -> Any:
    """An OpenSSH `direct-streamlocal@openssh.com` channel to the Unix socket `path` on the server.

    paramiko's `open_channel` only fills in the extra fields of tcpip and x11 channels, so this is its
    body with the streamlocal ones (socket path, reserved string, reserved uint32).
    :raises paramiko.ChannelException: when sshd refuses (code 1: forwarding not allowed; 2: nothing listens).
    """
    import time

    from paramiko import Channel as SSHChannel
    from paramiko import Message, SSHException
    from paramiko.common import cMSG_CHANNEL_OPEN

    with transport.lock:
        window = transport._sanitize_window_size(None)
        packet = transport._sanitize_packet_size(None)
        chanid = transport._next_channel()
        m = Message()
        m.add_byte(cMSG_CHANNEL_OPEN)
        m.add_string("direct-streamlocal@openssh.com")
        m.add_int(chanid)
        m.add_int(window)
        m.add_int(packet)
        m.add_string(path)
        m.add_string("")
        m.add_int(0)
        chan = SSHChannel(chanid)
        transport._channels.put(chanid, chan)
        transport.channel_events[chanid] = event = threading.Event()
        transport.channels_seen[chanid] = True
        chan._set_transport(transport)
        chan._set_window(window, packet)
    transport._send_user_message(m)
    deadline = time.monotonic() + timeout
    while not event.wait(0.1):
        if not transport.active or time.monotonic() > deadline:
            raise transport.get_exception() or SSHException("Unable to open channel.")
    found = transport._channels.get(chanid)
    if found is None:
        raise transport.get_exception() or SSHException("Unable to open channel.")
    return found


#: Asks the user a yes/no question and returns the answer line (None: nobody can be asked).
Asker = Callable[[str], str]


class _AskPolicy:
    """paramiko's missing-host-key policy of an interactive shell: ask as OpenSSH does, remember a yes.

    Accepted keys go to the user's known_hosts (`~/.ssh/known_hosts`), never to the lab's file.
    """

    _lock = threading.Lock()  #: one question at a time, however many hosts a fan-out reaches

    def __init__(self, ask: Asker, computer: str) -> None:
        self.ask = ask
        self.computer = computer

    def missing_host_key(self, client: Any, hostname: str, key: Any) -> None:
        import base64

        import paramiko

        digest = base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")
        kind = key.get_name().replace("ssh-", "").upper()
        text = (f"The authenticity of host '{hostname}' can't be established.\n"
                f"{kind} key fingerprint is SHA256:{digest}.\n"
                "This key is not known by any other names.\n"
                "Are you sure you want to continue connecting (yes/no)? ")
        with self._lock:
            answer = (self.ask(text) or "").strip().lower()
        if answer != "yes":
            raise paramiko.SSHException(f"Server {hostname!r} not found in known_hosts")
        client.get_host_keys().add(hostname, key.get_name(), key)
        path = os.path.expanduser("~/.ssh/known_hosts")
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        with open(path, "a", encoding="ascii") as f:
            f.write(f"{hostname} {key.get_name()} {key.get_base64()}\n")


class _Connections:
    """The SSH connections of this process, one per `HostSpec.cache_key`, reused by every session to that host.

    Process-wide on purpose: an SSH connection belongs to the process, like the sockets beneath it.
    """

    def __init__(self) -> None:
        self._conns: dict[tuple[Any, ...], Any] = {}
        self._locks: dict[tuple[Any, ...], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, spec: HostSpec, connect: Callable[[], Any]) -> Any:
        """The open connection for `spec`, made with `connect()` when there is none (or it died)."""
        key = spec.cache_key
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            conn = self._conns.get(key)
            transport = conn.client.get_transport() if conn is not None else None
            if transport is None or not transport.is_active():
                conn = connect()
                self._conns[key] = conn
            return conn

    def discard(self, spec: HostSpec, conn: Any) -> None:
        with self._lock:
            if self._conns.get(spec.cache_key) is conn:
                del self._conns[spec.cache_key]
        conn.close()

    def close_all(self) -> None:
        with self._lock:
            conns, self._conns = list(self._conns.values()), {}
        for conn in conns:
            conn.close()


#: This process's SSH connections.
CONNECTIONS = _Connections()
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
            loaded = [_private_key(p) for p in spec.identity_files if os.path.isfile(p)]
            if len(loaded) == 1 and loaded[0] is not None and len(spec.identity_files) == 1:
                kwargs["pkey"] = loaded[0]  # the same key paramiko would read from the file, read once
            else:
                kwargs["key_filename"] = spec.identity_files
        if spec.identities_only:
            kwargs["look_for_keys"] = False
            kwargs["allow_agent"] = False
        if spec.proxy_jump:
            kwargs["sock"] = self._jump_channel()
        conn = Connection(spec.hostname, user=spec.user, port=spec.port, config=_fabric_config(),
                          connect_timeout=spec.timeout, connect_kwargs=kwargs)
        # Fabric adds unknown host keys silently; a shell must not. Known keys: the user's and the lab's.
        policy = _AskPolicy(self.ask, self.computer) if self.ask is not None else paramiko.RejectPolicy()
        conn.client.set_missing_host_key_policy(policy)
        conn.client._host_keys = _host_keys_for(spec.known_hosts, spec.hostname, spec.port)
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
            chan = _open_streamlocal(self._conn.client.get_transport(), str(facts.socket), self.spec.timeout)
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
        raw = _ChannelIO(self._chan)
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
