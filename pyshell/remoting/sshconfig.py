"""Where a computer name leads: ssh_config (the lab's, $PYSHELL_SSH_CONFIG, ~/.ssh/config), known_hosts and keys.

Part of the SSH side of remoting (see client.py); paramiko is imported only inside the functions that parse
its files, so resolving a name stays cheap.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any

from pyshell.errors import RemoteError

__all__ = ["DEFAULT_TIMEOUT", "ConnectError", "HostSpec", "resolve_host", "split_target", "host_keys_for",
           "private_key", "fabric_config"]

#: Seconds to wait for TCP connect + SSH handshake + the agent's hello, unless ssh_config says otherwise.
DEFAULT_TIMEOUT = 15.0
#: -Options / ssh_config keys that resolve_host understands (lower case, as paramiko's SSHConfig gives them).
_OPTION_KEYS = {"hostname", "port", "user", "identityfile", "identitiesonly", "proxyjump", "connecttimeout",
                "userknownhostsfile"}


class ConnectError(RemoteError):
    """A session could not be opened; the message starts with `[ComputerName]` as PowerShell's does."""

    default_error_id = "PSSessionOpenFailed"
    default_category = "OpenError"


@dataclass
class HostSpec:
    """Where a computer name leads after ssh_config: address, port, user, keys, known_hosts files."""

    name: str
    hostname: str
    port: int = 22
    user: str | None = None
    identity_files: list[str] = field(default_factory=list)
    known_hosts: list[str] = field(default_factory=list)
    timeout: float = DEFAULT_TIMEOUT
    identities_only: bool = False
    proxy_jump: str | None = None

    @property
    def cache_key(self) -> tuple[Any, ...]:
        """Identity of one SSH connection: the alias stays part of it (aliases of one endpoint stay apart)."""
        return (self.name.lower(), self.user, self.hostname, self.port, tuple(self.identity_files),
                self.proxy_jump)


#: Parsed ssh_config files by (path, mtime, size), and the last answer of "which lab runs" with its time:
#: a fan-out to 50 hosts would otherwise parse the same files and probe the lab's 50 sshds 50 times.
_PARSED: dict[tuple[str, int, int], Any] = {}
_LAB: list[tuple[float, str | None]] = []
#: Seconds a "which lab runs" answer is reused.
_LAB_TTL = 2.0


def _lab_config() -> str | None:
    import time

    from pyshell.remoting.lab import lab_ssh_config_path

    now = time.monotonic()
    if _LAB and now - _LAB[0][0] < _LAB_TTL and os.environ.get("PYSHELL_LAB_DIR") == _LAB_DIR[0]:
        return _LAB[0][1]
    found = lab_ssh_config_path()
    _LAB[:] = [(now, found)]
    _LAB_DIR[0] = os.environ.get("PYSHELL_LAB_DIR")
    return found


_LAB_DIR: list[str | None] = [None]


def _parsed_config(path: str) -> Any:
    import paramiko

    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    cfg = _PARSED.get(key)
    if cfg is None:
        cfg = _PARSED[key] = paramiko.SSHConfig.from_path(path)
    return cfg


_LOOKUPS: dict[tuple[Any, str], dict[str, Any]] = {}


def _lookup(path: str, name: str) -> tuple[bool, dict[str, Any]]:
    """(whether `path` names `name` in a Host line, its settings for `name`), cached per file version.

    paramiko's lookup walks every Host block (and asks the OS for the user name per block): a fan-out to
    50 lab hosts would otherwise do that 50 times per run.
    """
    import copy

    st = os.stat(path)
    key = ((path, st.st_mtime_ns, st.st_size), name.lower())
    found = _LOOKUPS.get(key)
    if found is None:
        cfg = _parsed_config(path)
        names = {h.lower() for h in cfg.get_hostnames() if h != "*"}
        found = _LOOKUPS[key] = {"named": name.lower() in names, "settings": dict(cfg.lookup(name))}
    return bool(found["named"]), copy.deepcopy(found["settings"])


#: known_hosts files parsed once per file version: {name: [(key type, key)]} for plain names, and the hashed
#: entries apart (matched per name). paramiko's `load_host_keys` re-parses the file per connection and its
#: lookup builds a class per entry: with the lab's 50 hosts that was most of a fan-out's client CPU.
_KNOWN: dict[tuple[str, int, int], tuple[dict[str, list[Any]], list[Any]]] = {}
#: private keys loaded once per file version (None: needs a passphrase or has a certificate: paramiko's way)
_KEYS: dict[tuple[str, int, int], Any] = {}
_SHARED: dict[str, Any] = {}
_SHARED_LOCK = threading.Lock()


def _known_index(path: str) -> tuple[dict[str, list[Any]], list[Any]]:
    import paramiko

    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    index = _KNOWN.get(key)
    if index is None:
        plain: dict[str, list[Any]] = {}
        hashed: list[Any] = []
        for entry in paramiko.HostKeys(path)._entries:
            for host in entry.hostnames:
                if host.startswith("|1|"):
                    hashed.append((host, entry))
                else:
                    plain.setdefault(host.lower(), []).append(entry)
        index = _KNOWN[key] = (plain, hashed)
    return index


def host_keys_for(paths: list[str], hostname: str, port: int) -> Any:
    """A paramiko HostKeys holding only the known keys of `hostname:port` (as paramiko names it), from `paths`."""
    import paramiko

    name = hostname if port == 22 else f"[{hostname}]:{port}"
    keys = paramiko.HostKeys()
    seen: set[str] = set()  # the first file that knows a key type wins, as in paramiko's lookup
    for path in paths:
        if not os.path.isfile(path):
            continue
        plain, hashed = _known_index(path)
        entries = list(plain.get(name.lower(), []))
        entries += [e for h, e in hashed if paramiko.HostKeys.hash_host(name, h) == h]
        for entry in entries:
            if entry.key.get_name() not in seen:
                seen.add(entry.key.get_name())
                keys.add(name, entry.key.get_name(), entry.key)
    return keys


def private_key(path: str) -> Any:
    """The key in `path`, loaded once per file version; None when paramiko must load it itself."""
    import paramiko

    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _KEYS:
        loaded = None
        if not os.path.exists(path + "-cert.pub"):
            try:
                loaded = paramiko.PKey.from_path(path)
            except Exception:  # noqa: BLE001 - passphrase, unknown format: paramiko's own path reports it
                loaded = None
        _KEYS[key] = loaded
    return _KEYS[key]


def fabric_config() -> Any:
    """One Fabric Config for every connection of this process (as a ThreadingGroup shares one)."""
    with _SHARED_LOCK:
        if "config" not in _SHARED:
            import logging

            from fabric import Config

            # paramiko logs refused channels (a stale pool socket: expected, handled) to stderr through
            # logging's last-resort handler; errors reach the user as PowerShell errors instead.
            logging.getLogger("paramiko").addHandler(logging.NullHandler())
            _SHARED["config"] = Config(overrides={"load_ssh_configs": False})
        return _SHARED["config"]


def _config_files(name: str) -> list[str]:
    """ssh_config files in precedence order: the lab's (for its hosts), $PYSHELL_SSH_CONFIG or ~/.ssh/config."""
    files = []
    lab = _lab_config()
    if lab:
        files.append(lab)
    user = os.environ.get("PYSHELL_SSH_CONFIG") or os.path.expanduser("~/.ssh/config")
    if os.path.isfile(user):
        files.append(user)
    return files


def split_target(target: str) -> tuple[str | None, str, int | None]:
    """`user@host:port` -> (user, host, port); each part but the host is optional (`[v6]:port` too)."""
    user = None
    if "@" in target:
        user, target = target.rsplit("@", 1)
    port = None
    if target.startswith("[") and "]" in target:
        host, _, rest = target[1:].partition("]")
        if rest.startswith(":") and rest[1:].isdigit():
            port = int(rest[1:])
        return user or None, host, port
    if target.count(":") == 1:
        host, _, p = target.partition(":")
        if p.isdigit():
            return user or None, host, int(p)
    return user or None, target, port


def _ssh_options(options: dict[str, Any] | None) -> dict[str, Any]:
    """-Options @{Port=2222; ProxyJump='a'} as ssh_config keys; `IdentityFile` becomes a list."""
    out: dict[str, Any] = {}
    for key, value in (options or {}).items():
        k = str(key).lower()
        if k not in _OPTION_KEYS:
            continue
        out[k] = [str(v) for v in value] if k == "identityfile" and isinstance(value, list) else \
            [str(value)] if k == "identityfile" else str(value)
    return out


def resolve_host(name: str, *, port: int | None = None, user: str | None = None, key_file: str | None = None,
                 timeout: float | None = None, options: dict[str, Any] | None = None) -> HostSpec:
    """Look `name` (`[user@]host[:port]`) up in ssh_config; -Options beat the file, explicit parameters beat both.

    `HostSpec.name` is the host part only (a PSSession's ComputerName).
    """
    at_user, name, at_port = split_target(name)
    found: dict[str, Any] = {}
    for path in _config_files(name):
        named, settings = _lookup(path, name)
        if named or not found:
            found = settings
            if named:
                break
    found = {**found, **_ssh_options(options)}
    known = [os.path.expanduser(p) for p in str(found.get("userknownhostsfile", "")).split() if p]
    user_known = os.path.expanduser("~/.ssh/known_hosts")
    if user_known not in known:
        known.append(user_known)  # the user's own file always counts, and is where accepted keys go
    jump = str(found.get("proxyjump") or "") or None
    spec = HostSpec(
        name=name,
        hostname=found.get("hostname", name),
        port=int(port or at_port or found.get("port", 22)),
        user=user or at_user or found.get("user"),
        identity_files=[os.path.expanduser(key_file)] if key_file else
        [os.path.expanduser(p) for p in found.get("identityfile", [])],
        known_hosts=known,
        identities_only=str(found.get("identitiesonly", "no")).lower() == "yes",
        proxy_jump=None if jump is None or jump.lower() == "none" else jump,
    )
    if timeout is not None:
        spec.timeout = timeout
    elif found.get("connecttimeout"):
        spec.timeout = float(found["connecttimeout"])
    return spec
