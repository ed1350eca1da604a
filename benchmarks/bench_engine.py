"""Engine benchmarks: startup to first result, pipeline and `foreach` throughput, peak memory.

Run: python3 benchmarks/bench_engine.py [N]   (N items for the throughput runs; default 1000000)

Runs the installed `pyshell` script (the one beside this interpreter, not a pyenv shim) as a
process; `python3 -c pass` runs in the same invocation as the peer the startup ratio is taken
against. Startup figures are the best of 10 runs, throughput the best of 3. Peak RSS is each
child's own (wait4), not the largest of all children so far. A warm-up run first writes the
bytecode cache (as `pip install` does), even when PYTHONDONTWRITEBYTECODE is set here.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import time

STARTUP_RUNS = 10
THROUGHPUT_RUNS = 3


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one run, output discarded; raises when it fails."""
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} failed with {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss


def timed(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    """Best time and largest peak RSS (KiB) over runs."""
    results = [run_once(argv, env) for _ in range(runs)]
    return min(t for t, _ in results), max(r for _, r in results)


def pyshell_command() -> list[str]:
    """The installed console script, else `python -m pyshell`."""
    script = os.path.join(sysconfig.get_path("scripts"), "pyshell")
    if os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-m", "pyshell"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    py = [*pyshell_command(), "-NoProfile", "-c"]
    python = shutil.which(sys.executable) or sys.executable
    run_once(py + ["Write-Output 1"], env)  # warm-up: bytecode cache, page cache
    run_once(py + ["Get-ChildItem / | Format-Table | Out-String | Out-Null"], env)  # imports every lazy part
    rows = [
        ("startup: `pyshell -NoProfile -c 'Write-Output 1'`", py + ["Write-Output 1"], STARTUP_RUNS),
        ("peer: `python3 -c pass`", [python, "-c", "pass"], STARTUP_RUNS),
        (
            f"`1..{n} \\| ForEach-Object {{ $_ * 2 }} \\| Measure-Object -Sum`",
            py + [f"(1..{n} | ForEach-Object {{ $_ * 2 }} | Measure-Object -Sum).Sum"],
            THROUGHPUT_RUNS,
        ),
        (
            f"`foreach ($i in 1..{n}) {{ $s += $i * 2 }}`",
            py + [f"$s=0; foreach ($i in 1..{n}) {{ $s += $i * 2 }}; $s"],
            THROUGHPUT_RUNS,
        ),
    ]
    results = [(label, *timed(cmd, env, runs), runs) for label, cmd, runs in rows]
    print(f"`{' '.join(py[:-1])}`, Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| benchmark | seconds (best of runs) | runs | peak RSS (MiB) |")
    print("|---|---|---|---|")
    for label, secs, rss, runs in results:
        print(f"| {label} | {secs:.3f} | {runs} | {rss / 1024:.0f} |")
    startup, peer = results[0][1], results[1][1]
    print(
        f"\nstartup: {startup * 1000:.0f} ms, {startup / peer:.1f}x `python3 -c pass` ({peer * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
