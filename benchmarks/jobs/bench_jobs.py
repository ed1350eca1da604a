"""Local job benchmarks: time to first output, Receive-Job throughput and memory per idle job.

Runs the engine in this process (the latencies are below a process start, so they are timed from
inside) and prints a Markdown table. Usage: ``python3 benchmarks/jobs/bench_jobs.py [runs]``.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from pyshell.engine.host import CollectingHost  # noqa: E402
from pyshell.script import new_runspace  # noqa: E402

__all__ = ["main"]


def _rss_kib(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _wait_spare_ready(rs: Any) -> None:
    """Block until the spare worker has sent its hello (imports done, runspace built)."""
    spare = rs.jobs.spare_worker
    if spare is not None:
        msg = spare.channel.recv()
        assert msg is not None and msg["kind"] == "hello"


def _first_output_ms(rs: Any, script: str) -> float:
    started = time.perf_counter()
    job = rs.run(script)[0]
    target = job.ChildJobs[0] if job.ChildJobs else job
    target.wait_for_data(10)
    elapsed = time.perf_counter() - started
    assert target.has_buffered_results(), "no output"
    job.wait(10)
    return elapsed * 1000


def bench_start_job(runs: int, *, warm: bool) -> float:
    rs = new_runspace(CollectingHost())
    rs.jobs.warm = warm
    times = []
    try:
        rs.run("Start-Job { 1 } | Receive-Job -Wait")  # first job: loads the cmdlets, starts the spare
        for _ in range(runs):
            if warm:
                _wait_spare_ready(rs)
            times.append(_first_output_ms(rs, "Start-Job { 1 }"))
            rs.run("Get-Job | Remove-Job")
    finally:
        rs.shutdown()
    return statistics.median(times)


def bench_thread_job(runs: int) -> float:
    rs = new_runspace(CollectingHost())
    times = []
    try:
        rs.run("Start-ThreadJob { 1 } | Receive-Job -Wait")
        for _ in range(runs):
            times.append(_first_output_ms(rs, "Start-ThreadJob { 1 }"))
            rs.run("Get-Job | Remove-Job")
    finally:
        rs.shutdown()
    return statistics.median(times)


def bench_throughput(count: int = 200_000, runs: int = 3) -> float:
    rs = new_runspace(CollectingHost())
    rates = []
    try:
        rs.run("Start-Job { 1 } | Receive-Job -Wait")
        for _ in range(runs):
            _wait_spare_ready(rs)
            started = time.perf_counter()
            out = rs.run(f"Start-Job {{ 1..{count} }} | Receive-Job -Wait -AutoRemoveJob")
            elapsed = time.perf_counter() - started
            assert len(out) == count
            rates.append(count / elapsed)
    finally:
        rs.shutdown()
    return statistics.median(rates)


def bench_memory(threads: int = 20, processes: int = 5) -> tuple[float, float, float]:
    """(parent KiB per idle thread job, parent KiB per idle process job, worker RSS KiB)."""
    rs = new_runspace(CollectingHost())
    try:
        rs.run("Start-ThreadJob { 1 } | Receive-Job -Wait; Start-Job { 1 } | Receive-Job -Wait")
        _wait_spare_ready(rs)
        gc.collect()
        base = _rss_kib()
        rs.run(f"1..{threads} | % {{ Start-ThreadJob {{ Start-Sleep 60 }} -ThrottleLimit {threads} }} | Out-Null")
        time.sleep(0.5)
        gc.collect()
        per_thread = (_rss_kib() - base) / threads
        base = _rss_kib()
        jobs = rs.run(f"1..{processes} | % {{ Start-Job {{ Start-Sleep 60 }} }}")
        _wait_spare_ready(rs)
        time.sleep(0.5)
        gc.collect()
        per_process = (_rss_kib() - base) / processes
        workers = [_rss_kib(j.ChildJobs[0].worker.pid) for j in jobs]
    finally:
        rs.shutdown()
    return per_thread, per_process, statistics.median(workers)


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 20
    warm = bench_start_job(runs, warm=True)
    cold = bench_start_job(runs, warm=False)
    thread = bench_thread_job(runs)
    rate = bench_throughput()
    per_thread, per_process, worker = bench_memory()
    print(f"| benchmark (median of {runs}) | result | goal |")
    print("|---|---|---|")
    print(f"| `Start-Job` → first output, spare worker ready | {warm:.1f} ms | < 50 ms |")
    print(f"| `Start-Job` → first output, cold (no spare) | {cold:.1f} ms | — |")
    print(f"| `Start-ThreadJob` → first output | {thread:.2f} ms | < 2 ms |")
    print(f"| Receive-Job throughput, 200 000 objects from a process job | {rate:,.0f} objects/s | 200 000/s |")
    print(f"| parent RSS per idle thread job (20 jobs) | {per_thread:,.0f} KiB | — |")
    print(f"| parent RSS per idle process job (5 jobs) | {per_process:,.0f} KiB | — |")
    print(f"| RSS of one idle job worker process | {worker / 1024:,.1f} MiB | — |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
