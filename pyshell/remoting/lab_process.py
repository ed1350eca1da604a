"""Starting, probing and stopping the lab's sshd processes, each by the pid the lab recorded.

Runs on the local machine, inside `pyshell lab start|stop|status` and the test fixtures;
standard library only. Signals go only to a pid whose command line still names the lab
host's own sshd_config (so a recycled pid is never hit), and to that sshd's descendants
(the per-connection sshd processes it forked and the sessions' commands).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

__all__ = ["free_port", "spawn_sshd", "wait_ready", "is_alive", "is_lab_sshd", "descendants", "host_daemons",
           "terminate"]

#: How long a fresh sshd gets to answer with its SSH banner.
READY_TIMEOUT = 10.0
#: How long SIGTERM gets before SIGKILL.
STOP_TIMEOUT = 5.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (picked by the kernel)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def spawn_sshd(sshd: str, config: str, log_file: str) -> subprocess.Popen[bytes]:
    """Start `sshd -D -f config -E log_file` in its own session; its pid is the listener's.

    `-D` keeps sshd in the foreground, so the Popen pid is the daemon itself (no fork to
    lose track of); `start_new_session` keeps a Ctrl-C in the starting terminal away from it.
    """
    return subprocess.Popen(
        [sshd, "-D", "-f", config, "-E", log_file],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def wait_ready(proc: subprocess.Popen[bytes], port: int, timeout: float = READY_TIMEOUT) -> bool:
    """Wait until the sshd in `proc` answers on 127.0.0.1:port; False if it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.recv(64).startswith(b"SSH-"):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def _reap(pid: int) -> None:
    """Collect `pid` if it is our exited child, so it does not linger as a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name, or None when unreadable."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


def is_alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    stat = _proc_stat(pid)
    return not (stat and stat[0] in ("Z", "X"))


def is_lab_sshd(pid: int, config: str) -> bool:
    """True when `pid` is alive and its command line still names `config` (our sshd).

    Without /proc (not Linux) the command line cannot be read, and a live pid counts.
    """
    if not is_alive(pid):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
    except FileNotFoundError:
        return not os.path.isdir("/proc")
    except OSError:
        return False
    return config in cmdline


def descendants(pid: int) -> list[int]:
    """Pids below `pid` in the process tree: per-connection sshds and their sessions' commands.

    A process that detached on purpose (a daemonised agent) has left the tree and is not listed.
    """
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        stat = _proc_stat(int(entry)) if entry.isdigit() else None
        if stat and len(stat) > 1:
            parents.setdefault(int(stat[1]), []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def host_daemons(state_dir: str) -> list[int]:
    """Pids of the pyshell daemons a lab host runs (its pool and session daemons), from their pid files.

    They left the sshd's process tree on purpose, but they are that host's processes: stopping the host
    ends them. A pid counts only while its command line still names its own folder.
    """
    found: list[int] = []
    for kind in ("pool", "sessions"):
        root = os.path.join(state_dir, kind)
        for name in os.listdir(root) if os.path.isdir(root) else ():
            folder = os.path.join(root, name)
            try:
                with open(os.path.join(folder, "pid"), encoding="ascii") as f:
                    pid = int(f.read().strip())
            except (OSError, ValueError):
                continue
            # a session daemon forked by the host's pool spawner runs under the pool's command line
            forked = kind == "sessions" and is_lab_sshd(pid, os.path.join(state_dir, "pool") + os.sep)
            if is_lab_sshd(pid, folder) or forked:
                found.append(pid)
    return found


def _signal(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def _wait_gone(pids: list[int], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    alive = [p for p in pids if is_alive(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if is_alive(p)]
    return alive


def terminate(pids: list[int], timeout: float = STOP_TIMEOUT) -> list[int]:
    """SIGTERM `pids`, wait up to `timeout`, then SIGKILL the rest; returns those still alive."""
    _signal(pids, signal.SIGTERM)
    alive = _wait_gone(pids, timeout)
    if alive:
        _signal(alive, signal.SIGKILL)
        alive = _wait_gone(alive, timeout)
    return alive
