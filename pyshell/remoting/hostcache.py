"""What the client remembers about each remote computer: whether it needs the zipapp, where its pool daemon listens.

Runs in the local pyshell; standard library only. Facts live in this process and in
`<state>/remoting/hosts.json` (state: `pyshell.engine.eventlog.state_dir()`), keyed by user@host:port and the
host key's fingerprint, so a different machine answering on a recycled port never inherits another's facts.
A wrong fact costs one failed attempt and is then forgotten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from dataclasses import dataclass

import pyshell

__all__ = ["HostFacts", "HostCache", "build_key"]


@dataclass(frozen=True, slots=True)
class HostFacts:
    """One host's facts."""

    zipapp: str | None = None  #: the remote path of the cached zipapp when `python3 -m pyshell` fails there
    socket: str | None = None  #: the pool daemon's socket path (for `direct-streamlocal@openssh.com`)
    streamlocal: bool = True  #: False once sshd refused a streamlocal channel (AllowStreamLocalForwarding no)
    build: str | None = None  #: the build key `zipapp` and `socket` belong to (see `HostCache.get`)


_BUILD_KEY: list[str] = []


def build_key() -> str:
    """A short name for this pyshell build: version plus a hash of its sources' names, sizes and mtimes."""
    if not _BUILD_KEY:
        root = os.path.dirname(os.path.abspath(pyshell.__file__))
        digest = hashlib.sha256()
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(folder, name))
                    digest.update(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:"
                                  f"{st.st_mtime_ns}\n".encode())
        _BUILD_KEY.append(f"{pyshell.__version__}-{digest.hexdigest()[:10]}")
    return _BUILD_KEY[0]


class HostCache:
    """Facts per host key string; `get` and `put` are thread-safe, `put` rewrites the file."""

    def __init__(self, path: str | None = None) -> None:
        if path is None:
            from pyshell.engine.eventlog import state_dir

            path = os.path.join(state_dir(), "remoting", "hosts.json")
        self.path = path
        self._facts: dict[str, HostFacts] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, HostFacts]:
        if self._facts is None:
            self._facts = {}
            try:
                with open(self.path, encoding="utf-8") as f:
                    data = json.load(f)
                names = {f.name for f in dataclasses.fields(HostFacts)}
                for key, value in data.items():
                    self._facts[key] = HostFacts(**{k: v for k, v in value.items() if k in names})
            except (OSError, ValueError, TypeError, AttributeError):
                pass
        return self._facts

    def get(self, key: str) -> HostFacts:
        """The facts for this build: another build's pool socket is forgotten (its daemon runs that build's
        code) and its zipapp path becomes this build's, so an upgraded client never runs the old agent."""
        with self._lock:
            facts = self._load().get(key, HostFacts())
        build = build_key()
        if facts.build == build or (facts.zipapp is None and facts.socket is None):
            return facts
        zipapp = None if facts.zipapp is None else f"{facts.zipapp.rpartition('/')[0]}/agent-{build}.pyz"
        return dataclasses.replace(facts, zipapp=zipapp, socket=None, build=build)

    def put(self, key: str, facts: HostFacts) -> None:
        facts = dataclasses.replace(facts, build=build_key())
        with self._lock:
            known = self._load()
            if known.get(key) == facts:
                return
            known[key] = facts
            data = {k: dataclasses.asdict(v) for k, v in known.items()}
        try:
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            tmp = f"{self.path}.{os.getpid()}.{threading.get_ident()}"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time
