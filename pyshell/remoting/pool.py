"""The per-user pool daemon: a warm pyshell on the remote computer that serves short-lived runspaces.

Runs on the remote computer with nothing but python3. A temporary session (`Invoke-Command -ComputerName`,
`Enter-PSSession -ComputerName`) does not start a Python interpreter and import the engine on the host each
time: it reaches this daemon's Unix socket, either straight through sshd (an OpenSSH
`direct-streamlocal@openssh.com` channel: no process starts on the host at all) or through `RELAY_SOURCE`,
a stdlib-only relay run as `python3 -S -c`. Each connection gets a fresh runspace on its own thread; the
runspace ends with the connection, as a temporary session's does.

The daemon lives in `<state>/pool/<key>/` (folder 0700, socket 0600: only this user reaches it). `<key>`
names the client's pyshell build, so a daemon running older code is never reused. It ends by itself after
`PYSHELL_POOL_IDLE_TIMEOUT` seconds (default 10 min) without a connection.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import sys
import threading
from typing import IO, cast

from pyshell.wire import Channel

__all__ = ["RELAY_SOURCE", "RELAY_NO_DAEMON", "SESSION_SOURCE", "IDLE_TIMEOUT", "pool_dir", "serve_pool", "main"]

#: Seconds the pool daemon waits without any connection before it ends.
IDLE_TIMEOUT = 600.0
#: Exit status of `RELAY_SOURCE` when no pool daemon listens (the caller then starts one).
RELAY_NO_DAEMON = 3
_SOCKET = "agent.sock"
#: The spawner's socket beside the pool's: a persistent session's daemon is forked from there.
_SPAWN = "spawn.sock"
_KEY = re.compile(r"^[0-9A-Za-z._-]{1,64}$")

#: The byte pump both relays end with: stdin -> socket on a thread, socket -> stdout here.
_PUMP = r"""
def up():
 try:
  while 1:
   b=os.read(0,65536)
   if not b:break
   s.sendall(b)
 except OSError:pass
 try:s.shutdown(1)
 except OSError:pass
threading.Thread(target=up,daemon=True).start()
try:
 while 1:
  b=memoryview(s.recv(65536))
  if not b:break
  while b:b=b[os.write(1,b):]
except OSError:sys.exit(1)
"""

#: A relay to the pool daemon needing no pyshell import: `python3 -S -c RELAY_SOURCE <key>`. It finds the
#: socket exactly as `pool_dir` does, and exits RELAY_NO_DAEMON when nothing listens there.
RELAY_SOURCE = r"""
import os,socket,sys,threading
g=os.environ.get
d=g("PYSHELL_HOST_STATE") or os.path.join(g("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"),".local","state"),"pyshell")
s=socket.socket(socket.AF_UNIX)
try:
 os.chdir(os.path.join(d,"pool",sys.argv[1]));s.connect("agent.sock")
except OSError:
 sys.exit(3)
""" + _PUMP.strip()


#: The relay of a persistent session, needing no pyshell import: `python3 -S -c SESSION_SOURCE <id> <key>`.
#: It reaches the session's daemon (`daemon.session_dir`); when there is none, it asks the pool's spawner to
#: fork one (the engine is imported there already) under the same lock as `daemon.start_daemon`. It exits
#: RELAY_NO_DAEMON, having started nothing, when no spawner listens: the caller then starts the daemon itself.
SESSION_SOURCE = r"""
import fcntl,os,socket,sys,threading
g=os.environ.get
d=g("PYSHELL_HOST_STATE") or os.path.join(g("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"),".local","state"),"pyshell")
r=os.path.join(d,"sessions")
f=os.path.join(r,sys.argv[1])
def c(p,n):
 s=socket.socket(socket.AF_UNIX)
 try:
  os.chdir(p);s.connect(n);return s
 except OSError:
  s.close()
s=c(f,"agent.sock")
if s is None:
 os.makedirs(r,0o700,exist_ok=True)
 l=open(f+".lock","a");fcntl.flock(l,2)
 s=c(f,"agent.sock")
 if s is None:
  z=c(os.path.join(d,"pool",sys.argv[2]),"spawn.sock")
  if z is None:sys.exit(3)
  os.makedirs(f,0o700,exist_ok=True);os.chmod(f,0o700)
  z.sendall(f.encode()+b"\n")
  if z.makefile("rb").readline().strip()!=b"ok":sys.exit(3)
  s=c(f,"agent.sock")
  if s is None:sys.exit(3)
 l.close()
""" + _PUMP.strip()


def pool_dir(key: str) -> str:
    """`<state>/pool/<key>` (state as for the session daemons). :raises ValueError: for a bad key."""
    from pyshell.remoting.daemon import sessions_root

    if not _KEY.match(key):
        raise ValueError(f"not a pool key: {key!r}")
    return os.path.join(os.path.dirname(sessions_root()), "pool", key)


def _idle_timeout() -> float:
    try:
        return float(os.environ.get("PYSHELL_POOL_IDLE_TIMEOUT", IDLE_TIMEOUT))
    except ValueError:
        return IDLE_TIMEOUT


def _reachable_path(path: str) -> str:
    """A path sshd can connect to: AF_UNIX paths are limited to ~107 bytes, so a long one gets a short symlink.

    The link lives in `$XDG_RUNTIME_DIR`, else `/tmp/pyshell-<uid>`, used only when it is this user's 0700 folder.
    """
    import hashlib
    import stat

    if len(path.encode()) <= 100:
        return path
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/tmp/pyshell-{os.getuid()}"
    try:
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        st = os.lstat(runtime)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            return path
        link = os.path.join(runtime, f"pool-{hashlib.sha256(path.encode()).hexdigest()[:16]}.sock")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        os.symlink(path, link)
    except OSError:
        return path
    return link


def _restore_environment(saved: dict[str, str]) -> None:
    """Undo `$env:` changes of finished runspaces: each temporary session must start as a new process would.

    Runspaces running at the same time share the process environment, as thread jobs do.
    """
    for name in [n for n in os.environ if n not in saved]:
        del os.environ[name]
    for name, value in saved.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def _serve_one(conn: socket.socket, home: str, socket_path: str, active: list[int], lock: threading.Lock,
               environment: dict[str, str]) -> None:
    """One connection: a fresh runspace, served until the client closes; then the runspace ends."""
    from pyshell.remoting.agent import Agent

    try:
        conn.settimeout(None)
        channel = Channel(conn.makefile("rb"), cast("IO[bytes]", conn.makefile("wb", buffering=0)))
        agent = Agent(channel, location=home)
        agent.socket_path = socket_path
        agent.serve()
    except Exception as e:  # noqa: BLE001 - one client's failure must not end the pool
        print(f"pyshell pool: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
    finally:
        with lock:  # before hanging up: a client that saw the end may start its next runspace at once
            active[0] -= 1
            if active[0] == 0:
                _restore_environment(environment)
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)  # the channel's file objects would keep the socket open
        with contextlib.suppress(OSError):
            conn.close()


def _spawn_daemon(folder: str, listener: socket.socket, alive: int) -> bool:
    """Fork the session daemon of `folder` (detached: its own session, not our child); True once it listens."""
    import select

    from pyshell.remoting.daemon import serve_daemon

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child forks again and leaves, so the daemon is nobody's child here
        code = 1
        try:
            listener.close()
            os.close(r)
            os.close(alive)
            os.setsid()
            if os.fork():
                os._exit(0)
            log = os.open(os.path.join(folder, "daemon.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(log, 1)
            os.dup2(log, 2)
            os.close(null)
            os.close(log)
            code = serve_daemon(folder, ready=w)
        except BaseException as e:  # noqa: BLE001 - a forked child must never return into the spawner
            with contextlib.suppress(Exception):
                print(f"pyshell session daemon: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)
    os.close(w)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    try:
        ready, _, _ = select.select([r], [], [], 20.0)
        return bool(ready) and os.read(r, 1) == b"1"
    finally:
        os.close(r)


def _code_present() -> bool:
    """False when the zipapp this pyshell runs from is gone: a forked daemon could not import the rest of it."""
    import pyshell

    where = os.path.abspath(pyshell.__file__)
    return ".pyz" + os.sep not in where or os.path.isfile(where.split(".pyz" + os.sep)[0] + ".pyz")


def _spawner(folder: str, alive: int) -> None:
    """The pool's single-threaded child: forks persistent sessions' daemons on request, until the pool ends.

    Forked before the pool starts any thread, so its forks are safe; `alive` reads EOF when the pool ends.
    A request is one line, the session's folder (which must be a session folder of this user); the answer
    is `ok` once the daemon listens, else `fail`.
    """
    import select

    from pyshell.remoting.daemon import session_dir

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        os.chdir(folder)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_SPAWN)
        listener.bind(_SPAWN)
    finally:
        os.umask(old)
    listener.listen(16)
    while True:
        ready, _, _ = select.select([listener, alive], [], [])
        if alive in ready:
            break
        conn, _ = listener.accept()
        with conn:
            ok = False
            try:
                conn.settimeout(5.0)
                target = conn.makefile("rb").readline().decode().strip()
                name = os.path.basename(target)
                if target == session_dir(name) and os.path.isdir(target) and _code_present():
                    ok = _spawn_daemon(target, listener, alive)
            except (OSError, ValueError, UnicodeDecodeError):
                ok = False
            with contextlib.suppress(OSError):
                conn.sendall(b"ok\n" if ok else b"fail\n")
    listener.close()


def _start_spawner(folder: str) -> None:
    """Fork `_spawner` off this (still single-threaded) pool; the pool keeps the pipe's write end open."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(write)
            _spawner(folder, read)
        except BaseException:  # noqa: BLE001 - never return into the pool's code
            code = 1
        finally:
            os._exit(code)
    os.close(read)
    _SPAWNER[:] = [pid, write]


#: The spawner's pid and the pool's end of its pipe.
_SPAWNER: list[int] = []


def serve_pool(folder: str) -> int:
    """The pool daemon: accept on `<folder>/agent.sock`, a runspace per connection, until idle."""
    import pyshell.remoting.agent  # noqa: F401
    import pyshell.remoting.spool  # noqa: F401
    import pyshell.script  # noqa: F401 - import the engine once, before the first client waits for it

    if hasattr(os, "fork"):
        _start_spawner(folder)

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # the socket is born 0600
    try:
        os.chdir(folder)  # bind a relative name: AF_UNIX paths are limited to ~107 bytes
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_SOCKET)
        listener.bind(_SOCKET)
        mine = os.stat(_SOCKET).st_ino
    finally:
        os.umask(old)
    home = os.environ.get("HOME") or "/"
    os.chdir(home if os.path.isdir(home) else "/")
    listener.listen(128)
    with open(os.path.join(folder, "pid"), "w", encoding="ascii") as f:
        f.write(f"{os.getpid()}\n")
    socket_path = _reachable_path(os.path.join(folder, _SOCKET))
    import signal

    # `pyshell lab stop` (or kill) ends the pool with SIGTERM: leave through `finally`, removing the link
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    active, lock = [0], threading.Lock()
    environment = dict(os.environ)
    listener.settimeout(_idle_timeout())
    try:
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                with lock:
                    if active[0] == 0:
                        break
                continue
            with lock:
                active[0] += 1
            threading.Thread(target=_serve_one, args=(conn, os.getcwd(), socket_path, active, lock, environment),
                             name="pool-client", daemon=True).start()
    finally:
        listener.close()
        if _SPAWNER:
            with contextlib.suppress(OSError):
                os.close(_SPAWNER[1])  # the spawner reads EOF and ends
            with contextlib.suppress(ChildProcessError):
                os.waitpid(_SPAWNER[0], 0)
        with contextlib.suppress(OSError):
            if os.stat(socket_path).st_ino == mine:  # not a newer daemon's socket
                if os.path.islink(socket_path):
                    os.unlink(socket_path)
                shutil.rmtree(folder, ignore_errors=True)
    return 0


def main(argv: list[str]) -> int:
    """`--agent pool <key>`: relay to the pool daemon, starting it first; `--agent pool-daemon <folder>`."""
    from pyshell.remoting import daemon

    action, arg = argv
    if action == "pool-daemon":
        return serve_pool(os.path.abspath(arg))
    try:
        folder = pool_dir(arg)
    except ValueError as e:
        print(f"pyshell: {e}", file=sys.stderr)
        return 2
    sock = daemon.connect_socket(os.path.join(folder, _SOCKET))
    try:
        if sock is None:
            sock = daemon.start_daemon(folder, role="pool-daemon")
    except OSError as e:
        print(f"pyshell: {e}", file=sys.stderr)
        return 1
    return daemon.relay(sock)
