"""SSH plumbing beneath a session: the process's shared connections, streamlocal channels, host-key questions.

Part of the SSH side of remoting (see client.py); imports paramiko lazily.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Callable
from typing import Any

from pyshell.remoting.sshconfig import HostSpec

__all__ = ["Asker", "AskPolicy", "ChannelIO", "Connections", "CONNECTIONS", "open_streamlocal"]


class ChannelIO(io.RawIOBase):
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


def open_streamlocal(transport: Any, path: str, timeout: float) -> Any:
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


class AskPolicy:
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


class Connections:
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
CONNECTIONS = Connections()
