"""The per-user pool daemon over local pipes: started once, reached by the stdlib-only relay, fresh runspaces."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from pyshell.remoting.pool import RELAY_NO_DAEMON, RELAY_SOURCE, SESSION_SOURCE, _reachable_path


def _env(tmp_path):
    return dict(os.environ, HOME=str(tmp_path), PYSHELL_HOST_STATE=str(tmp_path / "state"),
                PYSHELL_COMPUTERNAME="PoolHost")


def _run(argv, env, *scripts):
    text = "".join(json.dumps({"kind": "invoke", "id": str(i), "script": s, "args": [], "using": {}}) + "\n"
                   for i, s in enumerate(scripts, 1)) + json.dumps({"kind": "close"}) + "\n"
    proc = subprocess.run(argv, input=text.encode(), capture_output=True, env=env, timeout=60, cwd="/")
    return proc.returncode, [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def test_relay_reports_no_daemon_then_the_pool_serves_fresh_runspaces(tmp_path):
    env = _env(tmp_path)
    relay = [sys.executable, "-S", "-c", RELAY_SOURCE, "k1"]
    assert _run(relay, env, "1")[0] == RELAY_NO_DAEMON
    code, first = _run([sys.executable, "-m", "pyshell", "--agent", "pool", "k1"], env, "$PID; $v = 1; $env:P = 1")
    assert code == 0 and first[0]["kind"] == "hello" and first[0]["socket"]
    try:
        code, second = _run(relay, env, "$PID; $v; $env:P")
        assert code == 0
        outputs = [m["value"] for m in second if m["kind"] == "output"]
        assert outputs == [first[1]["value"], None, None]  # the same process; a new runspace and environment
        assert oct(os.stat(tmp_path / "state" / "pool" / "k1").st_mode & 0o777) == "0o700"
    finally:
        pid = int((tmp_path / "state" / "pool" / "k1" / "pid").read_text())
        os.kill(pid, signal.SIGTERM)


def test_long_socket_paths_get_a_short_link(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    long = str(tmp_path / ("x" * 120) / "agent.sock")
    link = _reachable_path(long)
    assert len(link) <= 100 and os.readlink(link) == long
    assert _reachable_path("/short/agent.sock") == "/short/agent.sock"


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_session_relay_has_the_pool_fork_a_persistent_daemon(tmp_path):
    env = _env(tmp_path)
    session = [sys.executable, "-S", "-c", SESSION_SOURCE, "s1", "k2"]
    assert _run(session, env, "1")[0] == RELAY_NO_DAEMON  # no pool: nothing started
    assert not (tmp_path / "state" / "sessions" / "s1").exists()
    code, _ = _run([sys.executable, "-m", "pyshell", "--agent", "pool", "k2"], env, "1")
    assert code == 0
    pool_pid = int((tmp_path / "state" / "pool" / "k2" / "pid").read_text())
    try:
        proc = subprocess.Popen(session, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd="/")
        assert proc.stdout is not None and proc.stdin is not None
        hello = json.loads(proc.stdout.readline())
        assert hello["kind"] == "hello"
        proc.stdin.write(json.dumps({"kind": "invoke", "id": "1", "script": "$PID; $x = 41", "args": [],
                                     "using": {}}).encode() + b"\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())
        proc.stdin.close()  # the connection ends; the session's daemon stays
        proc.wait(timeout=30)
        folder = tmp_path / "state" / "sessions" / "s1"
        daemon_pid = int((folder / "pid").read_text())
        assert first["value"] == daemon_pid != pool_pid
        assert oct(os.stat(folder).st_mode & 0o777) == "0o700"
        meta = json.loads((folder / "session.json").read_text())
        assert meta["Pid"] == daemon_pid
        text = json.dumps({"kind": "invoke", "id": "2", "script": "$x + 1", "args": [], "using": {}}) + "\n"
        again = subprocess.run(session, input=text.encode(), capture_output=True, env=env, timeout=60, cwd="/")
        assert again.returncode == 0
        values = [m.get("value") for m in map(json.loads, again.stdout.decode().splitlines()) if m["kind"] == "output"]
        assert values == [42], again.stdout  # the same runspace
        subprocess.run(session, input=b'{"kind": "close"}\n', capture_output=True, env=env, timeout=60, cwd="/")
        deadline = time.monotonic() + 10
        while _pid_alive(daemon_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _pid_alive(daemon_pid) and not folder.exists()
    finally:
        os.kill(pool_pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _pid_alive(pool_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _pid_alive(pool_pid)
