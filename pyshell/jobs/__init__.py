"""Local background jobs: the job model, the per-runspace job table, process and thread jobs."""

from __future__ import annotations

from pyshell.jobs.job import ContainerJob, Job, JobState, JobStateInfo
from pyshell.jobs.table import JobTable

__all__ = ["Job", "ContainerJob", "JobState", "JobStateInfo", "JobTable"]
