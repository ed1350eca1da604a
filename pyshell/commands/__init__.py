"""Built-in commands: one module per command family; each registers itself on import."""

from __future__ import annotations

import importlib

__all__ = ["load_builtins", "BUILTIN_MODULES"]

#: modules that register commands; later layers (jobs, remoting) append theirs
BUILTIN_MODULES = [
    "pyshell.commands.core",
    "pyshell.commands.session",
    "pyshell.commands.objects",
    "pyshell.commands.data",
    "pyshell.commands.format",
    "pyshell.commands.filesystem",
    "pyshell.commands.content",
    "pyshell.commands.location",
    "pyshell.commands.system",
    "pyshell.commands.eventlog",
    "pyshell.jobs.cmdlets",
    "pyshell.remoting.cmdlets",
]
_loaded = False


def load_builtins() -> None:
    """Import every command module once (modules not present yet are skipped)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in BUILTIN_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
