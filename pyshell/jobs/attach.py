"""Gives a runspace its job table, the `cmd &` starter, ForEach-Object -Parallel and shutdown of jobs."""

from __future__ import annotations

import re
from typing import Any

from pyshell.jobs.table import JobTable

__all__ = ["attach", "start_background_operator", "rewrite_using"]

_NEVER = {"pid", "psversiontable", "psedition", "pshome", "host", "true", "false", "null", "_", "psitem", "args",
          "input", "this"}
_VAR = re.compile(r"\$(?:\{(?:(?:global|script|local):)?([^}:]+)\}|(?:(?:global|script|local):)?([A-Za-z_]\w*))",
                  re.IGNORECASE)


def rewrite_using(text: str, runspace: Any) -> tuple[str, dict[str, Any]]:
    """Replace each `$name` that exists in the caller by `${using:name}` (as pwsh does for `&`)."""
    from pyshell.engine.objects import MISSING

    values: dict[str, Any] = {}

    def sub(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2)
        if name.lower() in _NEVER or name.lower() == "using" or name.lower() == "env":
            return m.group(0)
        v = runspace.get_variable(name)
        if v is MISSING:
            return m.group(0)
        values[name] = v
        return "${using:" + name + "}"

    return _VAR.sub(sub, text), values


def start_background_operator(runspace: Any, node: Any) -> Any:
    """`pipeline &`: Start-Job -WorkingDirectory <location> { <pipeline text, $using:-rewritten> }."""
    from pyshell.jobs.process_job import start_process_job

    raw = node.span.text().strip()
    if raw.endswith("&"):
        raw = raw[:-1].rstrip()
    text, values = rewrite_using(raw, runspace)
    return start_process_job(runspace, text, using=values, cwd=runspace.location)


def attach(rs: Any) -> None:
    """Install the job machinery on a runspace (called by pyshell.script.new_runspace)."""
    from pyshell.jobs.thread_job import foreach_parallel

    rs.jobs = JobTable(rs)
    rs.job_starter = start_background_operator
    rs.foreach_parallel = foreach_parallel
    rs.shutdown = rs.jobs.shutdown
    rs.event_job_factory = _event_job  # Register-EngineEvent -Action (commands must not import the job layer)


def _event_job(manager: Any, action: Any, source: str) -> Any:
    from pyshell.jobs.event_job import PSEventJob

    return PSEventJob(manager, action, source)
