"""The SSH lab: real sshds on 127.0.0.1, reached with strict host key checking, stopped by pid."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pyshell.remoting.lab import BARE_HOST, Lab, LabError, lab_ssh_config_path
from pyshell.remoting.lab_process import is_alive


def _ssh(lab: Lab, host: str, command: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["ssh", "-F", lab.ssh_config_path, *options, host, command],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def _lab_cli(directory: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pyshell.remoting.lab", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, "PYSHELL_LAB_DIR": str(directory), **env},
    )


def _processes_mentioning(text: str) -> list[int]:
    """Live (non-zombie) pids whose command line contains `text`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = (
                Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            )
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state not in ("Z", "X"):
            found.append(int(entry))
    return found


def test_every_lab_host_is_running_on_its_own_port(lab: Lab) -> None:
    assert set(lab.hosts) == {"Server01", "Server02", "localhost", BARE_HOST}
    assert all(lab.status().values())
    assert len({h.port for h in lab.hosts.values()}) == len(lab.hosts)
    assert all(h.port > 1024 for h in lab.hosts.values())


def test_lab_ssh_config_path_finds_the_running_lab(lab: Lab) -> None:
    assert os.environ["PYSHELL_LAB_DIR"] == lab.directory
    assert lab_ssh_config_path() == lab.ssh_config_path
    assert Lab.load().host("server01") == lab.hosts["Server01"]


def test_lab_ssh_config_path_is_none_without_a_lab(tmp_path: Path) -> None:
    assert lab_ssh_config_path(str(tmp_path)) is None


def test_ssh_config_checks_host_keys_strictly(lab: Lab) -> None:
    config = Path(lab.ssh_config_path).read_text()
    assert "StrictHostKeyChecking yes" in config
    assert f"UserKnownHostsFile {lab.known_hosts_path}" in config


def test_server01_session_shows_server01_identity(lab: Lab) -> None:
    result = _ssh(lab, "Server01", "echo $PYSHELL_COMPUTERNAME; echo $HOME; echo $PYSHELL_HOST_STATE")
    assert result.returncode == 0, result.stderr
    host = lab.hosts["Server01"]
    assert result.stdout.splitlines() == ["Server01", host.home, host.state_dir]


def test_each_host_has_its_own_identity(lab: Lab) -> None:
    for name in ("Server02", BARE_HOST):
        result = _ssh(lab, name, "echo $PYSHELL_COMPUTERNAME; echo $HOME")
        assert result.stdout.splitlines() == [name, lab.hosts[name].home], result.stderr


def test_a_file_written_on_a_host_is_kept_in_that_hosts_home(lab: Lab) -> None:
    result = _ssh(lab, "Server01", "mkdir -p ~/logs && echo kept > ~/logs/lab-test.txt")
    assert result.returncode == 0, result.stderr
    assert (Path(lab.hosts["Server01"].home) / "logs" / "lab-test.txt").read_text() == "kept\n"
    assert not (Path(lab.hosts["Server02"].home) / "logs" / "lab-test.txt").exists()


def test_changed_host_key_is_refused(lab: Lab, tmp_path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "other")], check=True)
    other = (tmp_path / "other.pub").read_text().split()[:2]
    lines = []
    for line in Path(lab.known_hosts_path).read_text().splitlines():
        names = line.split()[0]
        lines.append(f"{names} {' '.join(other)}" if names.startswith("Server01,") else line)
    tampered = tmp_path / "known_hosts"
    tampered.write_text("\n".join(lines) + "\n")

    result = _ssh(lab, "Server01", "echo reached", "-o", f"UserKnownHostsFile={tampered}")

    assert result.returncode == 255
    assert "reached" not in result.stdout
    assert "REMOTE HOST IDENTIFICATION HAS CHANGED" in result.stderr


def test_unknown_host_key_is_refused(lab: Lab, tmp_path: Path) -> None:
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    result = _ssh(lab, "Server01", "echo reached", "-o", f"UserKnownHostsFile={empty}")
    assert result.returncode == 255
    assert "Host key verification failed" in result.stderr


def test_python3_imports_pyshell_on_a_normal_host(lab: Lab) -> None:
    result = _ssh(lab, "Server01", "python3 -c 'import pyshell'")
    assert result.returncode == 0, result.stderr


def test_bare_host_has_python3_but_cannot_import_pyshell(lab: Lab) -> None:
    assert lab.hosts[BARE_HOST].bare
    assert _ssh(lab, BARE_HOST, "python3 -c 'import json'").returncode == 0
    result = _ssh(lab, BARE_HOST, "python3 -c 'import pyshell'")
    assert result.returncode != 0
    assert "No module named 'pyshell'" in result.stderr


def test_start_again_is_a_no_op(lab: Lab) -> None:
    pids = {h.name: h.pid for h in lab.hosts.values()}
    again = Lab(lab.directory)
    assert again.start(hosts=2) is False
    assert {h.name: h.pid for h in again.hosts.values()} == pids


def test_start_with_other_hosts_while_running_is_refused(lab: Lab) -> None:
    with pytest.raises(LabError, match="already running"):
        Lab(lab.directory).start(hosts=3)


@pytest.mark.usefixtures("openssh")
def test_stop_ends_every_process_the_lab_started(tmp_path: Path) -> None:
    own = Lab(str(tmp_path / "lab"))
    assert own.start(hosts=1) is True
    pids = [h.pid for h in own.hosts.values() if h.pid]
    assert len(pids) == 3  # Server01, localhost, Bare01
    session = subprocess.Popen(
        ["ssh", "-F", own.ssh_config_path, "Server01", "sleep 120"], stdin=subprocess.DEVNULL
    )
    try:
        assert _ssh(own, "Server01", "true").returncode == 0  # the sleeping session is up by now
        stopped = own.stop()
        assert set(pids) <= set(stopped)
        assert session.wait(timeout=30) != 0  # its connection was cut
    finally:
        if session.poll() is None:
            session.kill()
            session.wait()
    assert not [pid for pid in pids if is_alive(pid)]
    assert _processes_mentioning(own.directory) == []
    assert lab_ssh_config_path(own.directory) is None
    assert own.status() == {}


@pytest.mark.usefixtures("openssh")
def test_cli_start_status_stop(tmp_path: Path) -> None:
    directory = tmp_path / "lab"
    started = _lab_cli(directory, "start", "--hosts", "1")
    assert started.returncode == 0, started.stderr
    try:
        status = _lab_cli(directory, "status")
        assert status.returncode == 0
        assert "Server01" in status.stdout and "alive" in status.stdout
        assert str(directory / "ssh_config") in status.stdout
        assert "lab already running" in _lab_cli(directory, "start", "--hosts", "1").stdout
    finally:
        stopped = _lab_cli(directory, "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert _lab_cli(directory, "status").returncode == 3
    assert _processes_mentioning(str(directory)) == []


def test_missing_sshd_says_what_to_install(tmp_path: Path) -> None:
    result = _lab_cli(tmp_path / "lab", "start", PYSHELL_SSHD="/nonexistent/sshd")
    assert result.returncode == 1
    assert "sshd not found" in result.stderr
    assert "apt-get install -y openssh-server" in result.stderr
    assert not (tmp_path / "lab").exists()
