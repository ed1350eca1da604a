"""The SSH lab: real OpenSSH sshd daemons on 127.0.0.1 that stand in for remote computers.

Runs on the local machine: `pyshell lab start|stop|status [--hosts N]` (also
`python -m pyshell.remoting.lab ...`), the test fixtures, and any pyshell process that needs
to resolve a lab host name (`lab_ssh_config_path()`). Standard library only.

Hosts: Server01..ServerNN (N=2 by default), `localhost`, and `Bare01`. Each is its own sshd
with its own host key and port, reached with `ssh -F <lab>/ssh_config <name>` under strict
host key checking. A host's identity reaches each of its sessions through sshd's SetEnv:

- `PYSHELL_COMPUTERNAME`: its computer name (`Server01`; `localhost` gets this machine's
  real host name, as $env:COMPUTERNAME would show).
- `HOME`: `<lab>/hosts/<name>/home`, so `~/logs/x.txt` on Server01 is kept there.
- `PYSHELL_HOST_STATE`: `<home>/.local/state/pyshell`, where a pyshell agent keeps that
  host's state (jobs, disconnected sessions); `XDG_STATE_HOME` points at its parent.
- `PYSHELL_LAB_HOST`: the lab name of the host.
- `PATH`: `<lab>/hosts/<name>/bin` first, holding `python3` (and `pyshell`) wrappers.

sshd starts a session's command in the account's real home directory (it cannot be told
otherwise without ForceCommand), so the agent must `chdir($HOME)` itself. Bare01's `python3`
runs the same interpreter as `python3 -I -S`: no site-packages, no PYTHONPATH, no user site,
so `import pyshell` fails there while the standard library works.

State lives in `$PYSHELL_LAB_DIR`, else `$XDG_STATE_HOME/pyshell/lab` (default
`~/.local/state/pyshell/lab`); `lab.json` there records hosts, ports, pids and paths.
`PYSHELL_SSHD`, `PYSHELL_SSH_KEYGEN` and `PYSHELL_SSH` override where sshd, ssh-keygen and
ssh are looked for.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import fcntl
import json
import os
import pwd
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

from pyshell.remoting import lab_files as files
from pyshell.remoting import lab_process as procs
from pyshell.remoting.lab_files import HostFiles, LabError, ToolMissingError

__all__ = [
    "BARE_HOST",
    "Lab",
    "LabError",
    "LabHost",
    "ToolMissingError",
    "default_lab_dir",
    "lab_ssh_config_path",
    "main",
]

#: The lab host whose python3 cannot import pyshell.
BARE_HOST = "Bare01"
#: Version of lab.json's layout.
_STATE_VERSION = 1
#: Tries at a fresh port when sshd fails to bind one.
_PORT_TRIES = 3


@dataclass(frozen=True, slots=True)
class LabHost:
    """One lab host as recorded in lab.json."""

    name: str
    port: int
    home: str
    state_dir: str
    computer_name: str
    bare: bool = False
    pid: int | None = None  #: the sshd listener's pid (the process `stop` signals)
    sshd_config: str = ""
    log_file: str = ""


def default_lab_dir() -> str:
    """`$PYSHELL_LAB_DIR`, else `$XDG_STATE_HOME/pyshell/lab`, else `~/.local/state/pyshell/lab`."""
    if os.environ.get("PYSHELL_LAB_DIR"):
        return os.path.abspath(os.environ["PYSHELL_LAB_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(state, "pyshell", "lab")


def lab_ssh_config_path(directory: str | None = None) -> str | None:
    """The running lab's ssh_config path, or None when no lab runs (or any of its sshds died)."""
    lab = Lab.load(directory)
    if lab.hosts and lab.running and os.path.isfile(lab.ssh_config_path):
        return lab.ssh_config_path
    return None


class Lab:
    """A lab in one directory: start it, stop it, ask which of its sshds are alive.

    `hosts` maps each host name to its `LabHost` (empty when no lab is recorded there).
    """

    def __init__(self, directory: str | None = None) -> None:
        self.directory = os.path.abspath(directory) if directory else default_lab_dir()
        self.hosts: dict[str, LabHost] = {}
        self._procs: dict[int, subprocess.Popen[bytes]] = {}  # sshds this object started

    @classmethod
    def load(cls, directory: str | None = None) -> Lab:
        """The lab recorded in `directory` (default: `default_lab_dir()`), read from lab.json."""
        lab = cls(directory)
        lab._read()
        return lab

    @property
    def ssh_config_path(self) -> str:
        return os.path.join(self.directory, "ssh_config")

    @property
    def known_hosts_path(self) -> str:
        return os.path.join(self.directory, "known_hosts")

    @property
    def client_key_path(self) -> str:
        return os.path.join(self.directory, "client", "id_ed25519")

    @property
    def state_path(self) -> str:
        return os.path.join(self.directory, "lab.json")

    @property
    def running(self) -> bool:
        """True when hosts are recorded and every one of their sshds is alive."""
        alive = self.status()
        return bool(alive) and all(alive.values())

    def host(self, name: str) -> LabHost:
        """The host called `name`, ignoring case. :raises KeyError: when there is none."""
        for host in self.hosts.values():
            if host.name.lower() == name.lower():
                return host
        raise KeyError(name)

    def status(self) -> dict[str, bool]:
        """Host name -> whether its recorded sshd is still alive (re-reads lab.json)."""
        self._read()
        return {h.name: bool(h.pid and procs.is_lab_sshd(h.pid, h.sshd_config)) for h in self.hosts.values()}

    def start(self, hosts: int = 2) -> bool:
        """Start Server01..Server<hosts>, localhost and Bare01; False if it was already running.

        :raises ToolMissingError: sshd or ssh-keygen is not installed (message says what to install).
        :raises LabError: a lab with other hosts is running, or an sshd would not start.
        """
        if not 1 <= hosts <= 99:
            raise LabError(f"--hosts must be between 1 and 99, not {hosts}")
        sshd = files.find_tool("PYSHELL_SSHD", "sshd", "/usr/sbin/sshd")
        keygen = files.find_tool("PYSHELL_SSH_KEYGEN", "ssh-keygen", "/usr/bin/ssh-keygen")
        ssh = files.find_tool("PYSHELL_SSH", "ssh", "/usr/bin/ssh")
        os.makedirs(self.directory, exist_ok=True)
        with self._lock():
            wanted = [name for name, _, _ in _host_specs(hosts)]
            if self.running:
                if sorted(self.hosts) != sorted(wanted):
                    raise LabError(
                        f"a lab with hosts {', '.join(self.hosts)} is already running in {self.directory};"
                        " run `pyshell lab stop` first"
                    )
                return False
            self._stop_recorded()  # leftovers of a lab that partly died
            self._start(hosts, sshd, keygen)
            try:
                self._check_login(ssh)
            except BaseException:
                self._stop_recorded()
                raise
            return True

    def stop(self) -> list[int]:
        """Stop the recorded sshds (and their sessions); returns the pids signalled.

        :raises LabError: when a process survived SIGKILL.
        """
        if not os.path.isdir(self.directory):
            return []
        with self._lock():
            self._read()
            pids = self._stop_recorded()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.state_path)
            self.hosts = {}
            return pids

    # -- internals ---------------------------------------------------------------

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialise start/stop between processes sharing this lab directory."""
        with open(os.path.join(self.directory, ".lock"), "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _read(self) -> None:
        try:
            with open(self.state_path, encoding="utf-8") as f:
                data = json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            self.hosts = {}
            return
        fields = {f.name for f in dataclasses.fields(LabHost)}
        hosts = [LabHost(**{k: v for k, v in h.items() if k in fields}) for h in data.get("hosts", [])]
        self.hosts = {h.name: h for h in hosts}

    def _stop_recorded(self) -> list[int]:
        targets: list[int] = []
        for host in self.hosts.values():
            if host.pid and procs.is_lab_sshd(host.pid, host.sshd_config):
                targets += [host.pid, *procs.descendants(host.pid)]
            targets += procs.host_daemons(host.state_dir)
        left = procs.terminate(targets)
        for proc in self._procs.values():
            proc.poll()
        if left:
            raise LabError(f"these lab processes would not stop: {left}")
        return targets

    def _start(self, count: int, sshd: str, keygen: str) -> None:
        user = pwd.getpwuid(os.getuid()).pw_name
        version = files.sshd_version(sshd)
        os.makedirs(os.path.dirname(self.client_key_path), exist_ok=True)
        files.generate_key(keygen, self.client_key_path, "pyshell-lab-client")
        authorized = os.path.join(self.directory, "authorized_keys")
        files.write_text(authorized, files.public_key(self.client_key_path) + " pyshell-lab\n", 0o600)
        if os.geteuid() == 0:
            _ensure_privsep_dir()
        launched: list[tuple[HostFiles, int]] = []
        try:
            for name, computer_name, bare in _host_specs(count):
                host = self._prepare_host(name, computer_name, bare, keygen)
                launched.append(self._launch(host, sshd, user=user, authorized=authorized, version=version))
        except BaseException:
            procs.terminate([pid for _, pid in launched])
            raise
        hosts = [h for h, _ in launched]
        for h in hosts:
            _log_boot(h)
        files.write_text(self.known_hosts_path, files.render_known_hosts(hosts))
        files.write_text(
            self.ssh_config_path,
            files.render_ssh_config(
                hosts, user=user, identity=self.client_key_path, known_hosts=self.known_hosts_path
            ),
        )
        self._write_state(launched, user)

    def _check_login(self, ssh: str) -> None:
        """Log in to the first host once, so a lab that starts is a lab that works."""
        first = next(iter(self.hosts.values()))
        proc = subprocess.run(
            [ssh, "-F", self.ssh_config_path, first.name, "true"],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
        )
        if proc.returncode != 0:
            raise LabError(
                f"the lab started but `ssh -F {self.ssh_config_path} {first.name} true` failed:"
                f" {proc.stderr.strip()}\n{first.log_file} says:\n{_read_from(first.log_file, 0)}"
                "\n(sshd with UsePAM no refuses accounts whose password is locked with '!')"
            )

    def _prepare_host(self, name: str, computer_name: str, bare: bool, keygen: str) -> HostFiles:
        root = os.path.join(self.directory, "hosts", name)
        home = os.path.join(root, "home")
        host = HostFiles(
            name=name,
            computer_name=computer_name,
            port=0,
            root=root,
            home=home,
            state_dir=os.path.join(home, ".local", "state", "pyshell"),
            bin_dir=os.path.join(root, "bin"),
            bare=bare,
            host_key=os.path.join(root, "ssh_host_ed25519_key"),
            sshd_config=os.path.join(root, "sshd_config"),
            pid_file=os.path.join(root, "sshd.pid"),
            log_file=os.path.join(root, "sshd.log"),
        )
        os.makedirs(host.state_dir, exist_ok=True)
        # a lab host is a machine with the usual folders: the seed's walkthroughs write to ~/logs
        os.makedirs(os.path.join(home, "logs"), exist_ok=True)
        files.generate_key(keygen, host.host_key, f"pyshell-lab-{name}")
        files.write_wrappers(host, sys.executable)
        return host

    def _launch(
        self, host: HostFiles, sshd: str, *, user: str, authorized: str, version: tuple[int, int]
    ) -> tuple[HostFiles, int]:
        """Start the host's sshd on a free port (another one if that gets taken meanwhile)."""
        log_tail = ""
        for _ in range(_PORT_TRIES):
            host = dataclasses.replace(host, port=procs.free_port())
            config = files.render_sshd_config(host, user=user, authorized_keys=authorized, version=version)
            files.write_text(host.sshd_config, config)
            offset = os.path.getsize(host.log_file) if os.path.exists(host.log_file) else 0
            proc = procs.spawn_sshd(sshd, host.sshd_config, host.log_file)
            if procs.wait_ready(proc, host.port):
                self._procs[proc.pid] = proc
                return host, proc.pid
            procs.terminate([proc.pid])
            proc.wait()
            log_tail = _read_from(host.log_file, offset)
            if "Address already in use" not in log_tail:
                break
        raise LabError(f"sshd for lab host {host.name} did not start; {host.log_file} says:\n{log_tail}")

    def _write_state(self, launched: list[tuple[HostFiles, int]], user: str) -> None:
        hosts = [
            LabHost(
                name=h.name,
                port=h.port,
                home=h.home,
                state_dir=h.state_dir,
                computer_name=h.computer_name,
                bare=h.bare,
                pid=pid,
                sshd_config=h.sshd_config,
                log_file=h.log_file,
            )
            for h, pid in launched
        ]
        data = {
            "version": _STATE_VERSION,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "user": user,
            "python": sys.executable,
            "ssh_config": self.ssh_config_path,
            "known_hosts": self.known_hosts_path,
            "identity_file": self.client_key_path,
            "hosts": [dataclasses.asdict(h) for h in hosts],
        }
        files.write_text(self.state_path, json.dumps(data, indent=2) + "\n")
        self.hosts = {h.name: h for h in hosts}


def _host_specs(count: int) -> list[tuple[str, str, bool]]:
    """(name, computer name, bare) for Server01..Server<count>, localhost and Bare01."""
    specs = [(f"Server{i:02d}", f"Server{i:02d}", False) for i in range(1, count + 1)]
    return [*specs, ("localhost", socket.gethostname(), False), (BARE_HOST, BARE_HOST, True)]


def _log_boot(host: HostFiles) -> None:
    """A few boot-like entries in the host's System log (it has no journal or syslog of its own)."""
    from pyshell.engine.eventlog import EventLog

    log = EventLog(os.path.join(host.state_dir, "eventlog"))
    log.write("System", "Information", "pyshell-lab", 0,
              f"Lab host {host.name} started (computer name {host.computer_name}).")
    log.write("System", "Information", "sshd", 0, f"Server listening on 127.0.0.1 port {host.port}.")


def _ensure_privsep_dir() -> None:
    """sshd run as root refuses to start without /run/sshd, which only its init script creates."""
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)


def _read_from(path: str, offset: int) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            return f.read()[-2000:]
    except OSError:
        return ""


def _render_status(lab: Lab) -> str:
    alive = lab.status()
    if not lab.hosts:
        return f"no lab recorded in {lab.directory}; start one with `pyshell lab start`"
    state = "running" if all(alive.values()) else "partly stopped (run `pyshell lab start` to restart it)"
    rows = [("Name", "ComputerName", "Port", "Pid", "State", "Home")]
    for h in lab.hosts.values():
        pid = str(h.pid or "-")
        rows.append((h.name, h.computer_name, str(h.port), pid, "alive" if alive[h.name] else "dead", h.home))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    table = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows]
    return "\n".join(
        [
            f"lab in {lab.directory}: {state}",
            f"ssh_config: {lab.ssh_config_path}   (try: ssh -F {lab.ssh_config_path} Server01 hostname)",
            "",
            *table,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """`pyshell lab start [--hosts N] | stop | status`; returns the exit code.

    Exit codes: 0 done (status: running), 1 error (message on stderr), 2 usage,
    3 status found no running lab.
    """
    parser = argparse.ArgumentParser(
        prog="pyshell lab", description="Local SSH lab of fake remote computers."
    )
    sub = parser.add_subparsers(dest="action", required=True)
    start = sub.add_parser("start", help="start the lab's sshds (does nothing if already running)")
    start.add_argument("--hosts", type=int, default=2, metavar="N", help="Server01..ServerNN (default 2)")
    sub.add_parser("stop", help="stop the sshds the lab started")
    sub.add_parser("status", help="show hosts, ports and whether each sshd is alive")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    lab = Lab.load()
    try:
        if args.action == "start":
            started = lab.start(args.hosts)
            print("lab started" if started else "lab already running")
            print(_render_status(lab))
        elif args.action == "stop":
            pids = lab.stop()
            print(f"lab stopped ({len(pids)} process(es) ended)" if pids else "no lab was running")
        else:
            print(_render_status(lab))
            return 0 if lab.running else 3
    except LabError as exc:
        print(f"pyshell lab: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
