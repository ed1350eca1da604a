"""The one-line job-finished notices: computed before each prompt and, while the user sits at the prompt,
by a background thread that prints them above the line being typed (prompt_toolkit's `run_in_terminal`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import Application, run_in_terminal
from prompt_toolkit.application.current import set_app

from pyshell.repl.completer import table_items

__all__ = ["JobWatcher", "job_state"]

#: seconds between two looks at the job table while the prompt waits
POLL_INTERVAL = 0.5
_UNFINISHED = ("running", "notstarted", "stopping", "suspending")


def job_state(job: Any) -> str:
    """The job's state name (`Running`, `Completed`...), whatever form the state is kept in."""
    return str(getattr(job, "State", getattr(job, "state", ""))).rsplit(".", 1)[-1]


class JobWatcher:
    """Tells which jobs finished since they were last seen running, once each.

    :param runspace: whose `jobs` table is watched.
    :param write: prints one notice line (newline included) on the terminal.
    """

    def __init__(self, runspace: Any, write: Callable[[str], None]) -> None:
        self.rs = runspace
        self._write = write
        self._lock = threading.Lock()
        self._running: set[str] = set()
        self._pending: list[str] = []  #: notices the closing prompt could not take; shown before the next
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._app: Application[Any] | None = None  #: the prompt being shown, while it is

    def notices(self) -> list[str]:
        """One line for each job that was running at the last look and has finished since."""
        with self._lock:
            lines, self._pending = self._pending, []
            now: set[str] = set()
            for job in table_items(getattr(self.rs, "jobs", None)):
                key = str(getattr(job, "Id", id(job)))
                state = job_state(job)
                if state.lower() in _UNFINISHED:
                    now.add(key)
                elif key in self._running:
                    lines.append(f"[{key}] {getattr(job, 'Name', 'Job' + key)} {state}")
            self._running = now
            return lines

    # -- while the prompt waits ------------------------------------------------------------------
    def prompting(self, app: Application[Any] | None) -> None:
        """The prompt `app` is on the screen now (None: it is gone; a command runs)."""
        self._app = app

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="repl-job-watcher", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        while not self._stop.wait(POLL_INTERVAL):
            app = self._app
            if app is None or not app.is_running:
                continue
            lines = self.notices()
            if lines:
                self._show(app, lines)

    def _show(self, app: Application[Any], lines: list[str]) -> None:
        def print_above() -> None:
            for line in lines:
                self._write(line + "\n")

        def schedule() -> None:
            with set_app(app):
                run_in_terminal(print_above, in_executor=False)
            app.invalidate()

        try:
            app.loop.call_soon_threadsafe(schedule)  # type: ignore[union-attr]
        except (AttributeError, RuntimeError):
            with self._lock:  # the prompt closed meanwhile: these go out before the next one
                self._pending[:0] = lines
