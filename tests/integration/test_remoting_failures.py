"""Session daemons and failures through the lab: daemon outliving SSH, refused connections, changed host keys,
agent crashes (session Broken, nothing hangs)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.script import new_runspace


@pytest.fixture
def rs(lab):
    host = CollectingHost()
    runspace = new_runspace(host)
    yield runspace
    runspace.shutdown()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _until(check, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_persistent_session_daemon_outlives_its_ssh_connection(rs, lab):
    session = rs.run("New-PSSession Server01")[0]
    pid = session.connection.hello["pid"]
    folder = os.path.join(lab.host("Server01").state_dir, "sessions", session.InstanceId)
    assert os.path.exists(os.path.join(folder, "agent.sock"))
    try:
        session.connection._conn.close()  # the local SSH transport dies
        assert _until(lambda: session.State == "Broken")
        time.sleep(0.3)
        assert _alive(pid)  # the daemon on the host does not
    finally:
        os.kill(pid, signal.SIGTERM)  # the daemon this test started; it would otherwise idle for 2 h
        _until(lambda: not _alive(pid))


def test_remove_pssession_ends_its_daemon(rs, lab):
    session = rs.run("New-PSSession Server02")[0]
    pid = session.connection.hello["pid"]
    assert _alive(pid)
    rs.run("Remove-PSSession -Id $args".replace("$args", str(session.Id)))
    assert _until(lambda: not _alive(pid))
    assert not os.path.exists(os.path.join(lab.host("Server02").state_dir, "sessions", session.InstanceId))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_refused_connection_names_the_computer(rs, tmp_path, monkeypatch):
    config = tmp_path / "ssh_config"
    config.write_text(f"Host Dead01\n  HostName 127.0.0.1\n  Port {_free_port()}\n  ConnectTimeout 5\n")
    monkeypatch.setenv("PYSHELL_SSH_CONFIG", str(config))
    assert rs.run("Invoke-Command -ComputerName Dead01 { 1 }; 'after'") == ["after"]
    message = rs.host.errors[-1].Exception.Message
    assert message.startswith("[Dead01] ") and "Connection refused" in message
    assert rs.run("New-PSSession Dead01") == []
    assert rs.run("Get-PSSession") == []


def test_changed_host_key_is_refused(rs, lab, tmp_path, monkeypatch):
    key = tmp_path / "other_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    port = lab.host("Server01").port
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{port} {(tmp_path / 'other_key.pub').read_text().split(' ', 2)[0]} "
                     f"{(tmp_path / 'other_key.pub').read_text().split(' ', 2)[1]}\n")
    config = tmp_path / "ssh_config"
    config.write_text(f"Host Changed01\n  HostName 127.0.0.1\n  Port {port}\n  IdentityFile {lab.client_key_path}\n"
                      f"  UserKnownHostsFile {known}\n")
    monkeypatch.setenv("PYSHELL_SSH_CONFIG", str(config))
    assert rs.run("Invoke-Command -ComputerName Changed01 { 'ran' }") == []
    message = rs.host.errors[-1].Exception.Message
    assert message.startswith("[Changed01] ") and "Host key verification failed" in message


def test_agent_crash_breaks_the_session_without_hanging(rs):
    session = rs.run("New-PSSession Server01")[0]
    pid = session.connection.hello["pid"]
    threading.Timer(1.0, os.kill, (pid, signal.SIGKILL)).start()
    started = time.monotonic()
    assert rs.run("Invoke-Command -Session $args { Start-Sleep 30; 'never' }".replace(
        "$args", f"(Get-PSSession -Id {session.Id})")) == []
    assert time.monotonic() - started < 15
    assert "Broken" in rs.host.errors[-1].Exception.Message
    assert session.State == "Broken"
    assert rs.run("(Get-PSSession).State") == ["Broken"]


def test_agent_crash_fails_a_running_remote_job(rs):
    session = rs.run("New-PSSession Server02")[0]
    job = rs.run("Invoke-Command -Session (Get-PSSession) { 1..300 | % { Start-Sleep -Milliseconds 100; $_ } } -AsJob")[0]
    time.sleep(1.0)
    os.kill(session.connection.hello["pid"], signal.SIGKILL)
    assert job.wait(15)
    assert str(job.State) == "Failed"
    assert session.State == "Broken"
