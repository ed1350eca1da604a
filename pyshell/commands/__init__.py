"""Built-in commands: one module per command family; each registers itself on import.

The modules are not imported at start: load_builtins() installs the static index
(pyshell/commands/index.py) and the registry imports a module when one of its commands is first
looked up.
"""

from __future__ import annotations

__all__ = ["load_builtins", "BUILTIN_MODULES", "WARM_MODULES"]

#: modules that register commands, the later layers' (jobs, remoting) included; a module that is
#: not installed is skipped. After changing one, regenerate the index: python -m pyshell.commands.index
BUILTIN_MODULES = [
    "pyshell.commands.core",
    "pyshell.commands.session",
    "pyshell.commands.getcommand",
    "pyshell.commands.history",
    "pyshell.commands.removealias",
    "pyshell.commands.objects",
    "pyshell.commands.sorting",
    "pyshell.commands.grouping",
    "pyshell.commands.measure",
    "pyshell.commands.compare",
    "pyshell.commands.tee",
    "pyshell.commands.transcript",
    "pyshell.commands.members",
    "pyshell.commands.addtype",
    "pyshell.commands.getmember",
    "pyshell.commands.jsonwrite",
    "pyshell.commands.jsonread",
    "pyshell.commands.testjson",
    "pyshell.commands.xml",
    "pyshell.commands.csvwrite",
    "pyshell.commands.csvread",
    "pyshell.commands.format",
    "pyshell.commands.filesystem",
    "pyshell.commands.fs_change",
    "pyshell.commands.session_items",
    "pyshell.commands.psdrive",
    "pyshell.commands.itemproperty",
    "pyshell.commands.invokeitem",
    "pyshell.commands.tempfile_cmd",
    "pyshell.commands.content",
    "pyshell.commands.location",
    "pyshell.commands.system",
    "pyshell.commands.securerandom",
    "pyshell.commands.filehash",
    "pyshell.commands.verbs",
    "pyshell.commands.datafile",
    "pyshell.commands.gethost",
    "pyshell.commands.html",
    "pyshell.commands.updatelist",
    "pyshell.commands.eventlog",
    "pyshell.commands.clixmlcmds",
    "pyshell.commands.runspaces",
    "pyshell.commands.measurecommand",
    "pyshell.commands.strings",
    "pyshell.commands.selectstring",
    "pyshell.commands.hostcmds",
    "pyshell.commands.modules",
    "pyshell.commands.modulemanifest",
    "pyshell.commands.geterror",
    "pyshell.commands.eventing",
    "pyshell.jobs.cmdlets",
    "pyshell.remoting.cmdlets",
    "pyshell.remoting.disconnect",
]
_loaded = False


#: the families most job scripts use: a spare job worker imports these before its job arrives (all of
#: them would cost each idle worker ~10 MiB; the rest still load on first use)
WARM_MODULES = ("pyshell.commands.core", "pyshell.commands.objects", "pyshell.commands.sorting",
                "pyshell.commands.grouping", "pyshell.commands.measure", "pyshell.commands.format",
                "pyshell.commands.filesystem", "pyshell.commands.content", "pyshell.commands.location",
                "pyshell.commands.system", "pyshell.commands.session", "pyshell.commands.jsonwrite",
                "pyshell.commands.jsonread")


def load_builtins(*, eager: bool = False) -> None:
    """Make the built-in commands known to the registry (once); their modules load on first use.

    :param eager: import every command module now (a spare job worker, which has time before its job).
    """
    global _loaded
    from pyshell.engine.cmdlet import REGISTRY

    if not _loaded:
        _loaded = True
        from pyshell.commands.index import ALIASES, COMMANDS

        REGISTRY.add_index(COMMANDS, ALIASES)
        indexed = set(COMMANDS.values())
        for name in BUILTIN_MODULES:
            if name not in indexed:  # appended at run time, or not installed when the index was made
                REGISTRY.add_module(name)
    if eager:
        REGISTRY.load_all()
