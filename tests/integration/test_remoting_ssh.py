"""Through the lab's real sshd: the hosts' pool daemons, streamlocal channels, the connection cache, the facts
cache, the pwsh SSH parameter set, ProxyJump and asking about unknown host keys."""

from __future__ import annotations

import os
import pwd

import pytest

from pyshell.engine.host import CollectingHost
from pyshell.remoting import client
from pyshell.remoting.client import CONNECTIONS, HOSTS, AgentConnection
from pyshell.script import new_runspace

_USER = pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture(autouse=True)
def _own_facts(tmp_path, monkeypatch):
    """Each test starts with no connections and an empty facts cache of its own."""
    CONNECTIONS.close_all()
    monkeypatch.setattr(HOSTS, "path", str(tmp_path / "state" / "hosts.json"))
    monkeypatch.setattr(HOSTS, "_facts", None)


def _facts(lab, name: str) -> client.HostFacts:
    prefix = f"{_USER}@127.0.0.1:{lab.host(name).port}#"
    found = [f for k, f in HOSTS._load().items() if k.startswith(prefix)]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def rs(lab):
    runspace = new_runspace(CollectingHost())
    yield runspace
    runspace.shutdown()


def _errors(rs) -> list[str]:
    return [str(e.Exception.Message) for e in rs.host.errors]


def _commands(monkeypatch) -> list[str]:
    """Record every command the client execs on a host (an exec channel each)."""
    seen: list[str] = []
    real = AgentConnection._exec

    def spy(self, command):
        seen.append(command)
        return real(self, command)

    monkeypatch.setattr(AgentConnection, "_exec", spy)
    return seen


def _ssh_config(tmp_path, monkeypatch, text: str) -> None:
    path = tmp_path / "ssh_config"
    path.write_text(text)
    monkeypatch.setenv("PYSHELL_SSH_CONFIG", str(path))


def _host_block(lab, alias: str, host: str, extra: str = "") -> str:
    return (f"Host {alias}\n    HostName 127.0.0.1\n    Port {lab.host(host).port}\n    User {_USER}\n"
            f"    IdentityFile {lab.client_key_path}\n    IdentitiesOnly yes\n"
            f"    UserKnownHostsFile {lab.known_hosts_path}\n{extra}\n")


# -- the pool daemon and how it is reached ------------------------------------------------------------------

def test_temporary_sessions_share_a_warm_pool_but_not_state(rs):
    first = rs.run("Invoke-Command Server01 { $PID; $v = 1; $env:R3_LEAK = 'x' }")
    second = rs.run("Invoke-Command Server01 { $PID; $v; $env:R3_LEAK }")
    assert second == [first[0], None, None]  # same warm process, fresh runspace, environment restored
    assert rs.run("Invoke-Command Server02 { $env:PYSHELL_COMPUTERNAME }") == ["Server02"]


def test_a_known_pool_is_reached_without_starting_any_process(rs, monkeypatch):
    rs.run("Invoke-Command Server01 { 1 }")
    commands = _commands(monkeypatch)
    assert rs.run("Invoke-Command Server01 { $env:PYSHELL_COMPUTERNAME }") == ["Server01"]
    assert commands == []  # a direct-streamlocal channel to the pool's socket, no exec channel


def test_the_relay_is_used_when_sshd_refuses_streamlocal(rs, lab, monkeypatch):
    import paramiko

    rs.run("Invoke-Command Server01 { 1 }")

    def refuse(transport, path, timeout):
        raise paramiko.ChannelException(1, "administratively prohibited")

    monkeypatch.setattr(client, "open_streamlocal", refuse)
    commands = _commands(monkeypatch)
    assert rs.run("Invoke-Command Server01 { 2 }") == [2]
    assert len(commands) == 1 and commands[0].startswith("python3 -S -c ")
    assert rs.run("Invoke-Command Server01 { 3 }") == [3]
    assert len(commands) == 2  # not asked again: the host said no
    assert _facts(lab, "Server01").streamlocal is False


def test_a_stale_pool_socket_falls_back_to_starting_the_pool(rs, lab):
    rs.run("Invoke-Command Server02 { 1 }")
    for key, f in list(HOSTS._load().items()):
        HOSTS.put(key, client.HostFacts(f.zipapp, "/nonexistent/agent.sock", True))
    assert rs.run("Invoke-Command Server02 { 'back' }") == ["back"]
    assert _errors(rs) == []
    assert _facts(lab, "Server02").socket != "/nonexistent/agent.sock"


# -- the connection cache -------------------------------------------------------------------------------------

def test_one_ssh_connection_per_host_is_reused(rs):
    rs.run("Invoke-Command Server01 { 1 }")
    conns = dict(CONNECTIONS._conns)
    rs.run("Invoke-Command Server01 { 1 }; $s = New-PSSession Server01; Remove-PSSession $s")
    assert dict(CONNECTIONS._conns) == conns and len(conns) == 1


def test_aliases_of_one_endpoint_stay_separate_computers(rs, lab, tmp_path, monkeypatch):
    _ssh_config(tmp_path, monkeypatch, _host_block(lab, "web", "Server01"))
    out = rs.run("Invoke-Command Server01,web { [pscustomobject]@{c=1} } | ForEach-Object PSComputerName")
    assert sorted(out) == ["Server01", "web"], _errors(rs)
    assert len(CONNECTIONS._conns) == 2


def test_a_dead_cached_connection_is_replaced(rs):
    rs.run("Invoke-Command Server01 { 1 }")
    for conn in CONNECTIONS._conns.values():
        conn.client.get_transport().close()
    assert rs.run("Invoke-Command Server01 { 'again' }") == ["again"]


# -- the facts cache: Bare01 needs the zipapp ----------------------------------------------------------------

def _stop_pools(lab, name: str) -> None:
    """End a lab host's pool daemons (and so their spawners): its next persistent session starts the long way."""
    import signal
    import time

    root = os.path.join(lab.host(name).state_dir, "pool")
    for key in os.listdir(root) if os.path.isdir(root) else []:
        try:
            with open(os.path.join(root, key, "pid"), encoding="ascii") as f:
                pid = int(f.read())
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            continue
        deadline = time.monotonic() + 10
        while os.path.exists(os.path.join(root, key)) and time.monotonic() < deadline:
            time.sleep(0.02)


def test_bare_host_is_remembered_and_no_failed_import_is_tried(rs, lab, monkeypatch):
    _stop_pools(lab, "Bare01")  # with its pool running, Bare01 forks session daemons without the zipapp's path
    rs.run("$s = New-PSSession Bare01; Remove-PSSession $s")
    assert _facts(lab, "Bare01").zipapp.endswith(".pyz")
    assert os.path.isfile(HOSTS.path)
    monkeypatch.setattr(HOSTS, "_facts", None)  # as a new shell process would: read from the file
    commands = _commands(monkeypatch)
    rs.run("$s = New-PSSession Bare01")
    assert rs.run("Invoke-Command $s { $env:PYSHELL_COMPUTERNAME }") == ["Bare01"]
    assert len(commands) == 1 and ".pyz" in commands[0] and "-m pyshell" not in commands[0]


def test_persistent_session_daemon_is_forked_by_the_warm_pool(rs, lab):
    rs.run("Invoke-Command Bare01 { 1 }")  # the host's pool runs (from the zipapp)
    pool_pids = {int(open(os.path.join(root, "pid")).read()) for root in
                 [os.path.join(lab.host("Bare01").state_dir, "pool", k)
                  for k in os.listdir(os.path.join(lab.host("Bare01").state_dir, "pool"))]
                 if os.path.exists(os.path.join(root, "pid"))}
    rs.run("$s = New-PSSession Bare01")
    pid = rs.run("Invoke-Command $s { $PID; $v = 'kept' }")[0]
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        assert b"pool-daemon" in f.read()  # forked from the pool: no new interpreter was started
    assert pid not in pool_pids
    rs.run("Disconnect-PSSession $s | Out-Null; Connect-PSSession $s | Out-Null")
    assert rs.run("Invoke-Command $s { $v }") == ["kept"]
    rs.run("Remove-PSSession $s")


def test_a_deleted_zipapp_is_uploaded_again(rs, lab):
    rs.run("Invoke-Command Bare01 { 1 }")
    cache = os.path.join(lab.host("Bare01").home, ".cache", "pyshell")
    for name in os.listdir(cache):
        os.unlink(os.path.join(cache, name))
    rs.run("$s = New-PSSession Bare01")
    assert rs.run("Invoke-Command $s { 'up' }") == ["up"], _errors(rs)
    assert os.listdir(cache)


# -- the pwsh SSH parameter set ---------------------------------------------------------------------------------

def test_hostname_with_user_and_port_and_key_file(rs, lab):
    port = lab.host("Server01").port
    out = rs.run(f"$s = New-PSSession -HostName {_USER}@127.0.0.1:{port} -KeyFilePath '{lab.client_key_path}' "
                 f"-Options @{{UserKnownHostsFile='{lab.known_hosts_path}'}} -SSHTransport; "
                 "$s.ComputerName; Invoke-Command -Session $s { $env:PYSHELL_COMPUTERNAME }")
    assert out == ["127.0.0.1", "Server01"], _errors(rs)


def test_username_port_and_identityfilepath_alias(rs, lab):
    port = lab.host("Server02").port
    out = rs.run(f"Invoke-Command -HostName 127.0.0.1 -UserName {_USER} -Port {port} "
                 f"-IdentityFilePath '{lab.client_key_path}' -Options @{{UserKnownHostsFile='{lab.known_hosts_path}'}}"
                 " -ConnectingTimeout 10000 { $env:PYSHELL_COMPUTERNAME }")
    assert out == ["Server02"], _errors(rs)


def test_sshconnection_hashtables(rs, lab):
    port = lab.host("Server02").port
    out = rs.run("Invoke-Command -SSHConnection @{HostName='Server01'}, "
                 f"@{{ComputerName='127.0.0.1'; Port={port}; UserName='{_USER}'; KeyFilePath='{lab.client_key_path}';"
                 f" Options=@{{UserKnownHostsFile='{lab.known_hosts_path}'}}}} {{ $env:PYSHELL_COMPUTERNAME }}"
                 " | Sort-Object")
    assert out == ["Server01", "Server02"], _errors(rs)
    sessions = rs.run("New-PSSession -SSHConnection @{HostName='Server01'}, @{HostName='Server02'} | "
                      "ForEach-Object ComputerName")
    assert sessions == ["Server01", "Server02"]


def test_enter_pssession_hostname(rs):
    from pyshell.remoting.interactive import prompt

    rs.run("Enter-PSSession -HostName Server02")
    assert prompt(rs).startswith("[Server02]: PS ")
    rs.run("Exit-PSSession")


def test_positional_session_is_a_session(rs):
    assert rs.run("$s = New-PSSession Server01; Invoke-Command $s { 41 + 1 }") == [42]


def test_connect_timeout_from_ssh_config(lab, tmp_path, monkeypatch):
    _ssh_config(tmp_path, monkeypatch, _host_block(lab, "slow", "Server01", "    ConnectTimeout 7"))
    assert client.resolve_host("slow").timeout == 7.0
    assert client.resolve_host("slow", timeout=2.5).timeout == 2.5


# -- ProxyJump ----------------------------------------------------------------------------------------------------

def test_proxyjump_goes_through_the_jump_host(rs, lab, tmp_path, monkeypatch):
    _ssh_config(tmp_path, monkeypatch, _host_block(lab, "behind", "Server02", "    ProxyJump Server01"))
    assert rs.run("Invoke-Command behind { $env:PYSHELL_COMPUTERNAME }") == ["Server02"], _errors(rs)
    names = {key[0] for key in CONNECTIONS._conns}
    assert names == {"behind", "server01"}
    jumped = CONNECTIONS._conns[next(k for k in CONNECTIONS._conns if k[0] == "behind")]
    assert not hasattr(jumped.client.get_transport().sock, "setsockopt")  # a channel, not a TCP socket


def test_proxyjump_from_options(rs, lab):
    port = lab.host("Server02").port
    out = rs.run(f"Invoke-Command -HostName 127.0.0.1 -Port {port} -UserName {_USER} -KeyFilePath "
                 f"'{lab.client_key_path}' -Options @{{ProxyJump='Server01'; UserKnownHostsFile="
                 f"'{lab.known_hosts_path}'}} {{ $env:PYSHELL_COMPUTERNAME }}")
    assert out == ["Server02"], _errors(rs)


# -- host keys ------------------------------------------------------------------------------------------------------

class _AskingHost(CollectingHost):
    interactive = True

    def __init__(self, answer: str) -> None:
        super().__init__()
        self.answer = answer
        self.asked: list[str] = []

    def read_line(self, prompt: str = "") -> str:
        self.asked.append(prompt)
        return self.answer


def _unknown_key_run(lab, tmp_path, monkeypatch, host, server: str) -> tuple[object, list[str]]:
    from pyshell.remoting import cmdlets

    monkeypatch.setenv("HOME", str(tmp_path))  # the user's own known_hosts: empty
    monkeypatch.setenv("PYSHELL_SSH_CONFIG", str(tmp_path / "none"))
    monkeypatch.setattr(cmdlets, "_stdin_is_tty", lambda: True)
    CONNECTIONS.close_all()
    rs = new_runspace(host)
    port = lab.host(server).port
    try:
        out = rs.run(f"Invoke-Command -HostName {_USER}@127.0.0.1:{port} -KeyFilePath '{lab.client_key_path}'"
                     " { $env:PYSHELL_COMPUTERNAME }")
        return out, [str(e.Exception.Message) for e in host.errors]
    finally:
        rs.shutdown()


def test_interactive_shell_asks_about_an_unknown_key_and_remembers_yes(lab, tmp_path, monkeypatch):
    lab_known = open(lab.known_hosts_path).read()
    host = _AskingHost("yes")
    out, errors = _unknown_key_run(lab, tmp_path, monkeypatch, host, "Server01")
    port = lab.host("Server01").port
    assert out == ["Server01"], errors
    assert len(host.asked) == 1
    assert host.asked[0].startswith(f"The authenticity of host '[127.0.0.1]:{port}' can't be established.")
    assert host.asked[0].endswith("Are you sure you want to continue connecting (yes/no)? ")
    known = (tmp_path / ".ssh" / "known_hosts").read_text()
    assert known.startswith(f"[127.0.0.1]:{port} ssh-ed25519 ")
    assert open(lab.known_hosts_path).read() == lab_known  # never the lab's file
    host2 = _AskingHost("yes")
    out, _ = _unknown_key_run(lab, tmp_path, monkeypatch, host2, "Server01")
    assert out == ["Server01"] and host2.asked == []  # known now


def test_interactive_no_refuses_the_connection(lab, tmp_path, monkeypatch):
    host = _AskingHost("no")
    out, errors = _unknown_key_run(lab, tmp_path, monkeypatch, host, "Server02")
    assert out == [] and len(host.asked) == 1
    assert "Host key verification failed" in errors[0]
    assert not (tmp_path / ".ssh" / "known_hosts").exists()


def test_non_interactive_shell_refuses_without_asking(lab, tmp_path, monkeypatch):
    from pyshell.remoting import cmdlets

    host = _AskingHost("yes")
    host.interactive = False
    out, errors = _unknown_key_run(lab, tmp_path, monkeypatch, host, "Server02")
    assert out == [] and host.asked == []
    assert "Host key verification failed" in errors[0]
    monkeypatch.setattr(cmdlets, "_stdin_is_tty", lambda: False)
    assert cmdlets.ask_for(_AskingHost("yes")) is None  # interactive but not on a terminal: nobody to ask
