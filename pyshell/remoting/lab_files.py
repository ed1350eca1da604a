"""The lab's files: keys, sshd_config, ssh_config, known_hosts and per-host command wrappers.

Runs on the local machine, inside `pyshell lab start`; standard library only. Nothing here
starts a process except ssh-keygen.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass

from pyshell.errors import PyshellError

__all__ = [
    "HostFiles",
    "LabError",
    "ToolMissingError",
    "find_tool",
    "generate_key",
    "public_key",
    "sshd_version",
    "write_wrappers",
    "render_sshd_config",
    "render_ssh_config",
    "render_known_hosts",
    "write_text",
]

#: What to tell a user who lacks one of the OpenSSH programs.
INSTALL_HINT = "install it with: apt-get install -y openssh-server  (as root, after apt-get update)"

#: The PATH a lab session gets after its own bin folder (what Debian's sshd gives root).
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class LabError(PyshellError):
    """The lab could not be started, stopped or read."""


class ToolMissingError(LabError):
    """An OpenSSH program the lab needs (sshd, ssh-keygen, ssh) is not installed."""


@dataclass(frozen=True, slots=True)
class HostFiles:
    """Everything the lab writes for one host, all absolute paths under `<lab>/hosts/<name>/`."""

    name: str
    computer_name: str  #: the value of PYSHELL_COMPUTERNAME in this host's sessions
    port: int
    root: str
    home: str  #: HOME in this host's sessions
    state_dir: str  #: PYSHELL_HOST_STATE in this host's sessions
    bin_dir: str  #: first on PATH in this host's sessions (python3/pyshell wrappers)
    bare: bool  #: True when python3 there cannot import pyshell
    host_key: str
    sshd_config: str
    pid_file: str
    log_file: str


def find_tool(env_var: str, name: str, fallback: str) -> str:
    """Absolute path of an OpenSSH program: `$env_var`, else PATH, else `fallback`.

    :raises ToolMissingError: with an install hint when the program is not there.
    """
    path = os.environ.get(env_var) or shutil.which(name) or fallback
    path = os.path.abspath(path)  # sshd refuses to re-exec itself from a relative path
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise ToolMissingError(f"{name} not found (looked for {path}); {INSTALL_HINT}")
    return path


def sshd_version(sshd: str) -> tuple[int, int]:
    """The (major, minor) OpenSSH version of `sshd`; (0, 0) when it cannot be told."""
    proc = subprocess.run([sshd, "-V"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    found = re.search(r"OpenSSH_(\d+)\.(\d+)", proc.stdout + proc.stderr)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def generate_key(keygen: str, path: str, comment: str) -> None:
    """Create an unencrypted ed25519 key pair at `path` (and `path.pub`) unless it exists."""
    if os.path.exists(path) and os.path.exists(path + ".pub"):
        return
    for stale in (path, path + ".pub"):
        if os.path.exists(stale):
            os.unlink(stale)
    subprocess.run(
        [keygen, "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path],
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )


def public_key(path: str) -> str:
    """The `type base64` part of the public key next to private key `path`."""
    with open(path + ".pub", encoding="ascii") as f:
        kind, blob = f.read().split()[:2]
    return f"{kind} {blob}"


def write_text(path: str, text: str, mode: int = 0o644) -> None:
    """Write `text` to `path` atomically (readers never see half a file)."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def write_wrappers(host: HostFiles, python: str) -> None:
    """Put `python3`, `python` (and `pyshell` unless bare) into the host's bin folder.

    A normal host's python3 is `python`, the interpreter that started the lab, so pyshell is
    importable there exactly as it is locally. A bare host's python3 runs the same interpreter
    with `-I -S` (isolated mode, no site-packages): the standard library works, but neither
    site-packages, PYTHONPATH, user site nor the current folder is on sys.path, so
    `import pyshell` fails there.
    """
    os.makedirs(host.bin_dir, exist_ok=True)
    flags = " -I -S" if host.bare else ""
    py = f'#!/bin/sh\nexec {shlex.quote(python)}{flags} "$@"\n'
    scripts = {"python3": py, "python": py}
    if not host.bare:
        scripts["pyshell"] = f'#!/bin/sh\nexec {shlex.quote(python)} -m pyshell "$@"\n'
    else:
        stale = os.path.join(host.bin_dir, "pyshell")
        if os.path.exists(stale):
            os.unlink(stale)
    for name, text in scripts.items():
        write_text(os.path.join(host.bin_dir, name), text, 0o755)


def _q(value: str) -> str:
    """Quote a config argument only when it needs it (paramiko does not strip quotes)."""
    if '"' in value:
        raise ValueError(f"lab paths cannot contain double quotes: {value!r}")
    return f'"{value}"' if any(c.isspace() for c in value) else value


def render_sshd_config(host: HostFiles, *, user: str, authorized_keys: str, version: tuple[int, int]) -> str:
    """sshd_config for one lab host: key-only login for `user` on 127.0.0.1:port.

    `UsePAM no` and `StrictModes no` let an unprivileged user run it too (then it can only
    log that same user in). The host's identity reaches every session through `SetEnv`,
    which overrides sshd's default environment, HOME and PATH included (sshd_config(5)).
    """
    env = {
        "PYSHELL_COMPUTERNAME": host.computer_name,
        "PYSHELL_LAB_HOST": host.name,
        "PYSHELL_HOST_STATE": host.state_dir,
        "HOME": host.home,
        "XDG_STATE_HOME": os.path.dirname(host.state_dir),
        "PATH": f"{host.bin_dir}:{SYSTEM_PATH}",
    }
    lines = [
        f"# pyshell lab host {host.name}: written by `pyshell lab start`, overwritten on every start.",
        f"Port {host.port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {_q(host.host_key)}",
        f"PidFile {_q(host.pid_file)}",
        f"AuthorizedKeysFile {_q(authorized_keys)}",
        f"AllowUsers {user}",
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "UseDNS no",
        "PrintMotd no",
        "PrintLastLog no",
        "X11Forwarding no",
        # temporary sessions reach the host's warm pool daemon through its Unix socket, no process started
        "AllowStreamLocalForwarding yes",
        "MaxStartups 64",
        "MaxSessions 64",
        "LogLevel INFO",
        # sftp (Fabric's put/get) starts in the host's home too, like a shell session's HOME.
        f"Subsystem sftp internal-sftp -d {_q(host.home)}",
        "SetEnv " + " ".join(_q(f"{k}={v}") for k, v in env.items()),
    ]
    if version >= (9, 8):
        # Tests open and drop many connections from 127.0.0.1; do not penalise them.
        lines.append("PerSourcePenalties no")
    return "\n".join(lines) + "\n"


def render_ssh_config(hosts: list[HostFiles], *, user: str, identity: str, known_hosts: str) -> str:
    """The client-side ssh_config naming every lab host, with strict host key checking."""
    out = ["# pyshell lab: written by `pyshell lab start`. Use: ssh -F <this file> Server01", ""]
    for host in hosts:
        names = " ".join(dict.fromkeys([host.name, host.name.lower()]))
        out += [
            f"Host {names}",
            "    HostName 127.0.0.1",
            f"    Port {host.port}",
            f"    User {user}",
            f"    IdentityFile {_q(identity)}",
            "    IdentitiesOnly yes",
            f"    UserKnownHostsFile {_q(known_hosts)}",
            "    GlobalKnownHostsFile /dev/null",
            "    StrictHostKeyChecking yes",
            "    CheckHostIP no",
            "    BatchMode yes",
            "    PasswordAuthentication no",
            "    LogLevel ERROR",
            "",
        ]
    return "\n".join(out)


def render_known_hosts(hosts: list[HostFiles]) -> str:
    """known_hosts lines naming each host by alias and by `[127.0.0.1]:port`.

    OpenSSH looks a host up by `[HostName]:Port`; listing the alias too lets a client that
    uses HostKeyAlias (or paramiko given the alias) find the same key.
    """
    lines = []
    for host in hosts:
        names = ",".join(dict.fromkeys([host.name, host.name.lower(), f"[127.0.0.1]:{host.port}"]))
        lines.append(f"{names} {public_key(host.host_key)}")
    return "\n".join(lines) + "\n"
