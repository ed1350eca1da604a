"""The per-session agent daemon over local pipes: relay, reconnect, close, idle timeout, permissions."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import uuid


def _env(tmp_path, **extra):
    return dict(os.environ, HOME=str(tmp_path), PYSHELL_HOST_STATE=str(tmp_path / "state"),
                PYSHELL_COMPUTERNAME="PipeHost", **extra)


def _session(env, sid, *messages):
    text = "".join(json.dumps(m) + "\n" for m in messages)
    proc = subprocess.run([sys.executable, "-m", "pyshell", "--agent", "session", sid], input=text.encode(),
                          capture_output=True, env=env, timeout=60, cwd="/")
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_daemon_outlives_its_client_and_keeps_the_runspace(tmp_path):
    env, sid = _env(tmp_path), str(uuid.uuid4())
    first = _session(env, sid, {"kind": "invoke", "id": "1", "script": "$x = 41"})
    pid = first[0]["pid"]
    assert _alive(pid)  # the client hung up without `close`
    folder = os.path.join(tmp_path, "state", "sessions", sid)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(os.path.join(folder, "agent.sock")).st_mode) == 0o600
    second = _session(env, sid, {"kind": "invoke", "id": "2", "script": "$x + 1"})
    assert second[0]["pid"] == pid
    assert [m["value"] for m in second if m["kind"] == "output"] == [42]
    _session(env, sid, {"kind": "close"})
    assert _wait_gone(pid)  # `close` ends it
    assert not os.path.exists(folder)


def test_idle_daemon_ends_after_the_idle_timeout(tmp_path):
    env, sid = _env(tmp_path, PYSHELL_SESSION_IDLE_TIMEOUT="0.5"), str(uuid.uuid4())
    pid = _session(env, sid)[0]["pid"]
    assert _wait_gone(pid)


def test_relay_to_a_missing_socket_fails_cleanly(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pyshell", "--agent", "relay", str(tmp_path / "none.sock")],
                          capture_output=True, timeout=60, input=b"")
    assert proc.returncode == 1
    assert b"no session daemon" in proc.stderr


def test_output_made_while_disconnected_is_held_until_receive(tmp_path):
    env, sid = _env(tmp_path), str(uuid.uuid4())
    script = "1..3 | % { sleep 0.3; $_ }"
    first = _session(env, sid, {"kind": "invoke", "id": "a.1", "script": script},
                     {"kind": "disconnect", "idle_timeout": 60})
    assert [m["kind"] for m in first] == ["hello", "disconnected"]  # nothing ran yet, then detached
    folder = os.path.join(tmp_path, "state", "sessions", sid)
    deadline = time.monotonic() + 15  # the daemon records the detach right after answering: allow a busy machine
    while True:
        with open(os.path.join(folder, "session.json")) as f:
            meta = json.load(f)
        if meta["State"] == "Disconnected" or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert meta["State"] == "Disconnected" and meta["InstanceId"] == sid
    time.sleep(1.2)
    second = _session(env, sid, {"kind": "receive"})
    assert second[0]["pending"] == [{"id": "a.1", "command": script}]
    assert [m["value"] for m in second if m["kind"] == "output"] == [1, 2, 3]
    assert second[-1]["kind"] == "state" and second[-1]["id"] == "a.1"
    third = _session(env, sid, {"kind": "close"})
    assert third[0]["pending"] == []  # delivered once, not again
    assert _wait_gone(first[0]["pid"])
