"""Engine benchmarks: pipeline throughput, `foreach` throughput, startup to first result, peak memory.

Run: python3 benchmarks/bench_engine.py [N]   (N items for the throughput runs; default 1000000)
Each figure is the best of 3 runs of the installed `pyshell` as a process.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time


def timed(cmd: list[str]) -> tuple[float, int]:
    best = float("inf")
    rss = 0
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
        rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return best, rss


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    py = [sys.executable, "-m", "pyshell", "-NoProfile", "-c"]
    rows = [
        ("startup: -c 'Write-Output 1'", py + ["Write-Output 1"]),
        ("python3 -c pass (peer)", [sys.executable, "-c", "pass"]),
        (f"1..{n} | ForEach-Object {{ $_ * 2 }} | Measure-Object -Sum",
         py + [f"(1..{n} | ForEach-Object {{ $_ * 2 }} | Measure-Object -Sum).Sum"]),
        (f"foreach ($i in 1..{n}) {{ $s += $i * 2 }}", py + [f"$s=0; foreach ($i in 1..{n}) {{ $s += $i * 2 }}; $s"]),
    ]
    print("| benchmark | seconds (best of 3) | peak RSS (MiB) |")
    print("|---|---|---|")
    for label, cmd in rows:
        secs, rss = timed(cmd)
        print(f"| {label} | {secs:.3f} | {rss / 1024:.0f} |")


if __name__ == "__main__":
    main()
