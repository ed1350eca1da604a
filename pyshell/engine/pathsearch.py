"""Searching $env:PATH for a command as pwsh does on Unix: relative entries (`./tools`) are resolved against the
runspace's location, not the process directory, and a `.ps1` script needs no execute bit."""

from __future__ import annotations

import os

__all__ = ["path_directories", "search_path"]


def path_directories(location: str, path: str | None) -> list[str]:
    """The PATH entries as absolute directories, relative ones taken from `location`; empty entries skipped."""
    out: list[str] = []
    for entry in (path or "").split(os.pathsep):
        if not entry:
            continue
        entry = os.path.expanduser(entry)
        full = os.path.normpath(entry if os.path.isabs(entry) else os.path.join(location, entry))
        if full not in out:
            out.append(full)
    return out


def _runnable(full: str) -> bool:
    if not os.path.isfile(full):
        return False
    return full.lower().endswith(".ps1") or os.access(full, os.X_OK)


def search_path(name: str, location: str, path: str | None, *, all_matches: bool = False) -> list[str]:
    """Files PATH offers for `name` (an executable, or a script `name` / `name.ps1`), first match first."""
    found: list[str] = []
    candidates = [name] if name.lower().endswith(".ps1") else [name, name + ".ps1"]
    for directory in path_directories(location, path):
        for cand in candidates:
            full = os.path.join(directory, cand)
            if _runnable(full) and full not in found:
                found.append(full)
                if not all_matches:
                    return found
    return found
