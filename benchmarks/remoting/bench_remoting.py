"""Remoting speed against a private lab: session open, round trip, fan-out beside Fabric and OpenSSH, streaming.

Usage: `python3 benchmarks/remoting/bench_remoting.py [--hosts 50] [--runs 3]`. Starts its own lab with
--hosts sshds in a temporary folder (needs OpenSSH's sshd), measures, prints a Markdown table and stops
the lab (only the pids it started).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any


def _best(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _median(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="pyshell-bench-lab-")
    os.environ["PYSHELL_LAB_DIR"] = directory
    from pyshell.remoting.lab import Lab

    lab = Lab(directory)
    lab.start(hosts=args.hosts)
    try:
        rows = _measure(lab, args.hosts, args.runs)
    finally:
        lab.stop()
    print("| benchmark | result | goal |")
    print("|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    return 0


def _measure(lab: Any, count: int, runs: int) -> list[tuple[str, str, str]]:
    from fabric import Config, Connection, ThreadingGroup

    from pyshell.engine.host import CollectingHost
    from pyshell.remoting.client import CONNECTIONS
    from pyshell.script import new_runspace

    rs = new_runspace(CollectingHost())
    rows: list[tuple[str, str, str]] = []
    ms = 1000.0

    # warm: agent zipapp cached on Bare01, page cache warm on every host
    rs.run("Invoke-Command Bare01 { 1 } | Out-Null; Invoke-Command Server01 { 1 } | Out-Null")
    for host, label in (("Server01", "pyshell installed"), ("Bare01", "zipapp cached")):
        def open_close(h: str = host) -> None:
            rs.run(f"$s = New-PSSession {h}; Remove-PSSession $s")
        rows.append((f"New-PSSession {host} ({label}; open + daemon start, median of 5)",
                     f"{_median(open_close, 5) * ms:.0f} ms", "< 300 ms"))
    rs.run("$s = New-PSSession Server01")
    rs.run("Invoke-Command -Session $s { 1 } | Out-Null")
    rt = _median(lambda: rs.run("Invoke-Command -Session $s { 1 }"), 200)
    rows.append(("Invoke-Command -Session $s { 1 } round trip (median of 200)", f"{rt * ms:.2f} ms", "< 5 ms"))

    n = 100_000

    def stream() -> None:
        rs.run(f"$j = Invoke-Command -Session $s {{ 1..{n} }} -AsJob; Wait-Job $j | Out-Null; "
               "$r = Receive-Job $j; Remove-Job $j")
        assert rs.run("$r.Count") == [n]
    t = _best(stream, runs)
    rows.append((f"remote job output stream ({n} ints, -AsJob, best of {runs})", f"{n / t:,.0f} objects/s", "—"))
    rs.run("Remove-PSSession $s")

    names = [f"Server{i:02d}" for i in range(1, count + 1)]
    config = Config(overrides={"load_ssh_configs": False})
    user = None
    import json

    with open(lab.state_path, encoding="utf-8") as f:
        user = json.load(f)["user"]

    for k in sorted({1, min(10, count), count}):
        hosts = names[:k]
        listing = ",".join(hosts)

        def pyshell_fan(hs: str = listing, k: int = k) -> None:
            out = rs.run(f"Invoke-Command -ComputerName {hs} {{ hostname }}")
            assert len(out) == k, out

        def pyshell_cold(hs: str = listing, k: int = k) -> None:
            CONNECTIONS.close_all()  # new SSH connections, as Fabric and ssh make; the hosts' pools stay warm
            pyshell_fan(hs, k)

        def fabric_fan(hs: list[str] = hosts) -> None:
            conns = [Connection("127.0.0.1", port=lab.host(h).port, user=user, config=config,
                                connect_kwargs={"key_filename": [lab.client_key_path], "look_for_keys": False,
                                                "allow_agent": False})
                     for h in hs]
            for c in conns:
                c.client.load_host_keys(lab.known_hosts_path)
            result = ThreadingGroup.from_connections(conns).run("hostname", hide=True)
            assert len(result) == len(hs)
            for c in conns:
                c.close()

        def openssh_fan(hs: list[str] = hosts) -> None:
            procs = [subprocess.Popen(["ssh", "-F", lab.ssh_config_path, h, "hostname"], stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL) for h in hs]
            for p in procs:
                p.communicate()
                assert p.returncode == 0

        results = {name: _best(fn, runs) for name, fn in
                   (("pyshell, new connections", pyshell_cold), ("pyshell, connections reused", pyshell_fan),
                    ("Fabric ThreadingGroup", fabric_fan), ("OpenSSH ssh", openssh_fan))}
        fastest_peer = min(results["Fabric ThreadingGroup"], results["OpenSSH ssh"])
        for name, secs in results.items():
            goal = f"within 1.1x of peers ({secs / fastest_peer:.2f}x)" if name.startswith("pyshell") else "peer"
            rows.append((f"fan-out `hostname` to {k} host(s): {name} (best of {runs})", f"{secs * ms:.0f} ms", goal))
    rs.shutdown()
    return rows


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    raise SystemExit(main())
