"""The per-user pool daemon over local pipes: started once, reached by the stdlib-only relay, fresh runspaces."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from pyshell.remoting.pool import RELAY_NO_DAEMON, RELAY_SOURCE, _reachable_path


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
