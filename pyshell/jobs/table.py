"""The job table of one runspace: jobs by Id, lookup by id/name/instance id, the thread-job throttle."""

from __future__ import annotations

import threading
from typing import Any

from pyshell.jobs.job import FINISHED, Job, JobState

__all__ = ["JobTable"]


class JobTable:
    """The jobs a runspace created (top-level jobs; children reachable through them)."""

    def __init__(self, owner: Any = None) -> None:
        """:param owner: the runspace the table belongs to; job starts and ends go to its event log."""
        self._jobs: dict[int, Job] = {}
        self._owner = owner
        self._logged: set[tuple[int, str]] = set()  #: (job id, "start"/"finish") already recorded
        self._lock = threading.Lock()
        #: Start-ThreadJob's throttle: the last -ThrottleLimit given wins (as in PowerShell)
        self.thread_throttle = 5
        self._thread_running = 0
        self._thread_queue: list[Any] = []
        self.spare_worker: Any = None  #: a ready job worker process, started ahead of need
        #: keep a spare worker after each Start-Job (turned off by benchmarks measuring a cold start)
        self.warm = True
        self._closed = False

    def add(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.Id] = job
        if self._owner is not None:
            job.on_state_change(self._record)
            if job.State != JobState.NotStarted:
                self._record(job)

    def _record(self, job: Job) -> None:
        """Note a top-level job's start and its end (once each) in the owner's "Windows PowerShell" event log."""
        from pyshell.engine.eventlog import record_job_event

        state = job.State
        what = "finish" if state in FINISHED else "start" if state == JobState.Running else ""
        key = (job.Id, what)
        with self._lock:
            if not what or key in self._logged:
                return
            self._logged.add(key)
        record_job_event(self._owner.event_log, job, what, host_name=self._host_name())

    def _host_name(self) -> str:
        return str(getattr(getattr(self._owner, "host", None), "name", "") or "ConsoleHost")

    def remove(self, job: Job) -> None:
        with self._lock:
            self._jobs.pop(job.Id, None)

    def top_level(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.Id)

    def all_jobs(self) -> list[Job]:
        """Every job, each parent followed by its children."""
        out: list[Job] = []
        for j in self.top_level():
            out.append(j)
            out.extend(j.ChildJobs)
        return out

    def __contains__(self, job: Job) -> bool:
        return job.Id in self._jobs

    # -- thread job throttle --------------------------------------------------------------------
    def schedule_thread(self, start: Any, limit: int | None = None) -> bool:
        """Run `start()` now if under the throttle, else queue it; True when started now."""
        with self._lock:
            if limit is not None:
                self.thread_throttle = max(1, limit)
            if self._thread_running < self.thread_throttle:
                self._thread_running += 1
                run = True
            else:
                self._thread_queue.append(start)
                run = False
        if run:
            start()
        return run

    def start_queued(self, start: Any) -> None:
        """Start a queued thread job now, past the throttle (ThreadJob.StartJobAsync)."""
        with self._lock:
            if start not in self._thread_queue:
                return
            self._thread_queue.remove(start)
            self._thread_running += 1
        start()

    def thread_done(self) -> None:
        with self._lock:
            if self._thread_queue and self._thread_running <= self.thread_throttle:
                nxt = self._thread_queue.pop(0)
            else:
                self._thread_running -= 1
                nxt = None
        if nxt is not None:
            nxt()

    # -- the spare process-job worker --------------------------------------------------------
    def take_spare(self) -> Any:
        """Hand over the spare worker if it is still alive; None otherwise."""
        with self._lock:
            spare, self.spare_worker = self.spare_worker, None
        if spare is not None and spare.proc.poll() is None:
            return spare
        if spare is not None:
            spare.kill()
        return None

    def provide_spare(self, factory: Any) -> None:
        """Start a spare worker (`factory()`) unless one is waiting or the table is shut down."""
        with self._lock:
            if self._closed or self.spare_worker is not None:
                return
        spare = factory()
        with self._lock:
            if not self._closed and self.spare_worker is None:
                self.spare_worker, spare = spare, None
        if spare is not None:
            spare.kill()

    def shutdown(self) -> None:
        """Stop every running job and end worker processes (the shell is exiting)."""
        with self._lock:
            self._thread_queue.clear()
            self._closed = True
        for job in self.top_level():
            if not job.is_finished:
                try:
                    job.stop()
                except Exception:  # noqa: BLE001 - exiting: a failing stop must not block the others
                    pass
        with self._lock:
            spare, self.spare_worker = self.spare_worker, None
        if spare is not None:
            spare.kill()
