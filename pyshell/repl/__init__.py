"""The interactive shell: a prompt_toolkit REPL, its completer and highlighter, and demo mode."""

from __future__ import annotations

__all__ = ["run_repl", "run_demo"]


def run_repl(no_profile: bool = False, no_logo: bool = False, vi: bool = False) -> int:
    """Run the interactive REPL (see `pyshell.repl.app.run_repl`)."""
    from pyshell.repl.app import run_repl as _run

    return _run(no_profile=no_profile, no_logo=no_logo, vi=vi)


def run_demo(path: str, speed: float = 1.0, auto: bool = False) -> int:
    """Play a script as a typed walkthrough (see `pyshell.repl.demo.run_demo`)."""
    from pyshell.repl.demo import run_demo as _run

    return _run(path, speed=speed, auto=auto)
