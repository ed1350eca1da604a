"""The per-session agent daemon of a persistent PSSession, and the relay the SSH channel runs to reach it.

Runs on the remote computer with nothing but python3. `pyshell --agent session <instance-id>` starts
the session's daemon unless it runs already, then relays stdin/stdout to its Unix socket. The daemon
lives in `<state>/sessions/<instance-id>/` (folder 0700, socket 0600: only this user reaches it),
outlives the SSH connection that started it, ends on `close` (Remove-PSSession), and ends by itself
after `PYSHELL_SESSION_IDLE_TIMEOUT` seconds (default 2 h; Disconnect-PSSession -IdleTimeoutSec may
shorten it) without a client. While no client is attached its command keeps running and its output is
held (spool.py); `session.json` beside the socket describes it for Get-PSSession -ComputerName.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from typing import IO, Any, cast

from pyshell.wire import Channel

__all__ = ["main", "session_dir", "sessions_root", "relay", "serve_daemon", "connect_socket", "start_daemon",
           "IDLE_TIMEOUT", "NO_SESSION", "LIST_SOURCE"]

#: Seconds a daemon waits for a client before it ends (the WSMan endpoint's IdleTimeoutMs: 2 h).
IDLE_TIMEOUT = 7200.0
#: Seconds the relay waits for a daemon it started to listen.
_START_TIMEOUT = 20.0
_SOCKET = "agent.sock"
_METADATA = "session.json"
#: Exit status of `--agent attach <id>` when no such session lives on this host.
NO_SESSION = 4
_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


#: Lists this user's session daemons as one JSON array, needing no pyshell import: `python3 -S -c LIST_SOURCE`.
#: A daemon counts while its pid lives and its socket is there (as `sessions_root` finds the folder).
LIST_SOURCE = r"""
import json,os
g=os.environ.get
d=os.path.join(g("PYSHELL_HOST_STATE") or os.path.join(g("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"),".local","state"),"pyshell"),"sessions")
out=[]
for n in sorted(os.listdir(d)) if os.path.isdir(d) else []:
 f=os.path.join(d,n)
 try:
  m=json.load(open(os.path.join(f,"session.json")))
  os.kill(int(m["Pid"]),0)
  if os.path.exists(os.path.join(f,"agent.sock")):out.append(m)
 except Exception:pass
print(json.dumps(out))
""".strip()


def sessions_root() -> str:
    """`$PYSHELL_HOST_STATE`, else `$XDG_STATE_HOME/pyshell`, else `~/.local/state/pyshell`; then `sessions`."""
    state = os.environ.get("PYSHELL_HOST_STATE")
    if not state:
        xdg = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
        state = os.path.join(xdg, "pyshell")
    return os.path.join(state, "sessions")


def session_dir(instance_id: str) -> str:
    """The folder of one session's daemon. :raises ValueError: for an id that is not a plain name."""
    if not _ID.match(instance_id):
        raise ValueError(f"not a session id: {instance_id!r}")
    return os.path.join(sessions_root(), instance_id)


def _idle_timeout() -> float:
    try:
        return float(os.environ.get("PYSHELL_SESSION_IDLE_TIMEOUT", IDLE_TIMEOUT))
    except ValueError:
        return IDLE_TIMEOUT


def _self_command() -> list[str]:
    """How to start this same pyshell again: the zipapp it came from, or `-m pyshell`."""
    import pyshell

    flags = [f for f, on in (("-I", sys.flags.isolated), ("-S", sys.flags.no_site)) if on]
    where = os.path.abspath(pyshell.__file__)
    if ".pyz" + os.sep in where:
        return [sys.executable, *flags, where.split(".pyz" + os.sep)[0] + ".pyz"]
    return [sys.executable, *flags, "-m", "pyshell"]


def connect_socket(path: str) -> socket.socket | None:
    """Connect to a daemon's socket; relative to its folder, since AF_UNIX paths are limited to ~107 bytes."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    here = os.getcwd()
    try:
        os.chdir(os.path.dirname(path) or ".")
        sock.connect(os.path.basename(path))
    except OSError:
        sock.close()
        return None
    finally:
        os.chdir(here)
    return sock


def start_daemon(folder: str, role: str = "daemon") -> socket.socket:
    """Start the daemon for `folder` (`--agent <role> <folder>`) and connect to it.

    Starts are serialised by a lock beside the folder, so two clients arriving together start one daemon.
    :raises OSError: when it does not come up.
    """
    import fcntl

    root = os.path.dirname(folder)
    os.makedirs(root, mode=0o700, exist_ok=True)
    with open(folder + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = os.path.join(folder, _SOCKET)
        sock = connect_socket(path)
        if sock is not None:
            return sock  # another client started it while we waited
        os.makedirs(folder, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
        log = open(os.path.join(folder, "daemon.log"), "ab")  # noqa: SIM115 - handed to the child
        proc = subprocess.Popen([*_self_command(), "--agent", role, folder], stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, start_new_session=True, close_fds=True,
                                cwd=os.path.expanduser("~"))
        log.close()
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            sock = connect_socket(path)
            if sock is not None:
                return sock
            if proc.poll() is not None:
                break
            time.sleep(0.005)
    raise OSError(f"the {role} did not start (see {os.path.join(folder, 'daemon.log')})")


def relay(sock: socket.socket) -> int:
    """Copy stdin to the socket and the socket to stdout until the daemon hangs up."""

    def upstream() -> None:
        try:
            while True:
                data = os.read(0, 65536)
                if not data:
                    break
                sock.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)

    threading.Thread(target=upstream, daemon=True).start()
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                break
            view = memoryview(data)
            while view:
                view = view[os.write(1, view):]
    except OSError:
        return 1
    return 0


def _write_metadata(folder: str, agent: Any, spool: Any, attached: bool, created: str) -> None:
    """`<folder>/session.json`: what Get-PSSession -ComputerName lists (written whole, then renamed)."""
    import json

    command = agent.current_command()
    request = agent.disconnect_request or {}
    data = {"InstanceId": os.path.basename(folder), "Name": agent.name, "ComputerName": agent.runspace.computer_name,
            "State": "Opened" if attached else "Disconnected", "Command": command, "Running": command is not None,
            "Created": created, "Pid": os.getpid(), "Held": len(spool.held), "Dropped": spool.dropped,
            "IdleTimeout": request.get("idle_timeout"), "OutputBufferingMode": spool.mode}
    tmp = os.path.join(folder, f"{_METADATA}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, os.path.join(folder, _METADATA))


def _drain_or_next_client(listener: socket.socket, agent: Any) -> None:
    """A client that half-closed still reads: serve it the work it asked for, unless another client arrives."""
    import select

    while agent.busy():
        ready, _, _ = select.select([listener], [], [], 0.05)
        if ready:
            return


def serve_daemon(folder: str, ready: int | None = None) -> int:
    """The daemon: one runspace, one client at a time on `<folder>/agent.sock`, until `close` or idle.

    Output produced while no client is attached is held in a Spool for the next one (Receive-PSSession).
    `ready`: a pipe's write end, written and closed once the socket listens (the pool's spawner waits on it).
    """
    import datetime

    from pyshell.remoting.agent import Agent, AgentHost, log_session_event
    from pyshell.remoting.spool import BLOCK, DROP, Spool

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # the socket is born 0600: no window where another user could connect
    try:
        os.chdir(folder)  # bind a relative name: AF_UNIX paths are limited to ~107 bytes
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_SOCKET)
        listener.bind(_SOCKET)
    finally:
        os.umask(old)
    home = os.environ.get("HOME")
    os.chdir(home if home and os.path.isdir(home) else "/")
    listener.listen(4)
    with open(os.path.join(folder, "pid"), "w", encoding="ascii") as f:
        f.write(f"{os.getpid()}\n")
    if ready is not None:
        with contextlib.suppress(OSError):
            os.write(ready, b"1")
        os.close(ready)
    agent = Agent(Channel(None, None), location=os.getcwd())
    assert isinstance(agent.host, AgentHost)
    spool = Spool()
    agent.use_spool(spool)
    created = datetime.datetime.now().isoformat(timespec="seconds")
    attached = [False]
    writing = threading.Lock()  # the worker (command start/end) and this thread (clients) both write it

    def changed() -> None:
        with writing:
            _write_metadata(folder, agent, spool, attached[0], created)

    agent.on_change = changed
    changed()
    agent.start()
    log_session_event(True, f", session {os.path.basename(folder)}")
    ended = "eof"
    try:
        timeout = _idle_timeout()
        while ended != "close":
            listener.settimeout(timeout)
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                break  # idle: nobody came back for the session
            conn.settimeout(None)
            channel = Channel(conn.makefile("rb"), cast("IO[bytes]", conn.makefile("wb", buffering=0)))
            agent.attach(channel)
            attached[0] = True
            changed()
            try:
                ended = agent.serve_channel()
                if ended == "eof":
                    _drain_or_next_client(listener, agent)
            finally:
                spool.detach(channel)
                attached[0] = False
                channel.close()
                conn.close()
            request = agent.disconnect_request or {}
            if ended == "disconnect":
                spool.mode = DROP if str(request.get("mode", "")).lower() == "drop" else BLOCK
                if request.get("idle_timeout"):
                    timeout = min(float(request["idle_timeout"]), _idle_timeout())
            with contextlib.suppress(OSError):
                changed()
    finally:
        listener.close()
        agent.finish(stop=True)
        log_session_event(False, f", session {os.path.basename(folder)}")
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def main(argv: list[str]) -> int:
    """`--agent session <id>` | `attach <id>` | `relay <socket>` | `daemon <folder>` | `pool <key>`."""
    if len(argv) != 2:
        print("usage: pyshell --agent session|attach <instance-id> | relay <socket> | daemon <folder> | pool <key>",
              file=sys.stderr)
        return 2
    action, arg = argv
    if action in ("pool", "pool-daemon"):
        from pyshell.remoting import pool

        return pool.main(argv)
    if action == "daemon":
        return serve_daemon(os.path.abspath(arg))
    if action == "relay":
        sock = connect_socket(arg)
        if sock is None:
            print(f"pyshell: no session daemon listens on {arg}", file=sys.stderr)
            return 1
        return relay(sock)
    try:
        folder = session_dir(arg)
    except ValueError as e:
        print(f"pyshell: {e}", file=sys.stderr)
        return 2
    sock = connect_socket(os.path.join(folder, _SOCKET))
    if action == "attach":  # Connect-PSSession: reach the session's daemon, never start a new one
        if sock is None:
            print(f"pyshell: no session {arg} on this computer", file=sys.stderr)
            return NO_SESSION
        return relay(sock)
    try:
        if sock is None:
            sock = start_daemon(folder)
    except OSError as e:
        print(f"pyshell: {e}", file=sys.stderr)
        return 1
    return relay(sock)
