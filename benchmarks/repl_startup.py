"""Startup to a usable prompt: time from spawning `pyshell -NoProfile` in a pseudo-terminal to its first `PS `.

Run: python3 benchmarks/repl_startup.py [runs]   (goal: under 250 ms; prints the average in milliseconds)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[1]


def startup_seconds(state_dir: str) -> float:
    """One spawn: seconds until the prompt is drawn."""
    env = dict(os.environ, XDG_STATE_HOME=state_dir, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "pyshell", "-NoProfile"], env=env, cwd=str(ROOT),
                          encoding="utf-8", timeout=30, dimensions=(24, 100))
    child.expect("PS ")
    elapsed = time.perf_counter() - start
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def main(runs: int = 5) -> float:
    with tempfile.TemporaryDirectory() as state:
        startup_seconds(state)  # warm the file cache and __pycache__
        times = [startup_seconds(state) for _ in range(runs)]
    avg = statistics.mean(times)
    print(f"repl startup to prompt: avg {avg * 1000:.0f} ms over {runs} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; goal 250 ms)")
    return avg


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
