"""The command model: Param metadata, the Cmdlet base class and the registry of built-in commands.

A command is a class with Param descriptors and begin/process/end generators, registered
with ``@command("Verb-Noun", aliases=...)``. The binder (engine/binder.py) fills parameters from
arguments and pipeline input; Get-Help and Get-Command are generated from the same metadata.

Example::

    @command("Get-Thing", aliases=("gth",))
    class GetThing(Cmdlet):
        '''Gets things.'''
        Name = Param("string[]", position=0, pipeline=True, help="Names of the things.")
        Force = Param("switch")

        def process(self) -> Iterable[Any]:
            for n in self.Name or []:
                yield n
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pyshell.errors import PipelineStoppedError, PyshellError

if TYPE_CHECKING:
    from pyshell.engine.runspace import Runspace

__all__ = ["Param", "Cmdlet", "command", "REGISTRY", "CommandRegistry", "COMMON_PARAMETERS", "StopUpstream"]

ALL_SETS = "__AllParameterSets"


@dataclass(frozen=True)
class Param:
    """One parameter's metadata.

    :param type: a PowerShell type name: "string", "string[]", "int", "switch", "scriptblock",
        "object", "object[]", "hashtable", "datetime"...; the binder converts arguments to it.
    :param position: positional index, or None for named-only.
    :param pipeline: ValueFromPipeline.
    :param by_property_name: ValueFromPipelineByPropertyName.
    :param sets: parameter sets this belongs to (empty: all sets).
    :param mandatory_in: sets where it is mandatory (when `mandatory` is True and this is empty: all of them).
    :param validate_set: allowed values (compared case-insensitively; the canonical spelling is bound).
    :param remaining: ValueFromRemainingArguments.
    """

    type: str = "object"
    position: int | None = None
    mandatory: bool = False
    pipeline: bool = False
    by_property_name: bool = False
    aliases: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    mandatory_in: tuple[str, ...] = ()
    validate_set: tuple[str, ...] = ()
    remaining: bool = False
    default: Any = None
    help: str = ""
    name: str = field(default="", compare=False)  #: filled in from the attribute name
    is_switch: bool = field(default=False, init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_switch", self.type.lower() in ("switch", "switchparameter"))

    def in_set(self, set_name: str) -> bool:
        return not self.sets or set_name in self.sets

    def is_mandatory_in(self, set_name: str) -> bool:
        if not self.mandatory:
            return False
        return not self.mandatory_in or set_name in self.mandatory_in

    def __set_name__(self, owner: type, name: str) -> None:
        object.__setattr__(self, "name", name)

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        bound = obj.bound
        if self.name in bound:
            return bound[self.name]
        return False if self.is_switch else self.default


#: The common parameters every cmdlet accepts ([CmdletBinding()]).
COMMON_PARAMETERS: dict[str, Param] = {
    n: Param(t, aliases=a, name=n)
    for n, t, a in (
        ("Verbose", "switch", ("vb",)),
        ("Debug", "switch", ("db",)),
        ("ErrorAction", "ActionPreference", ("ea",)),
        ("WarningAction", "ActionPreference", ("wa",)),
        ("InformationAction", "ActionPreference", ("infa",)),
        ("ProgressAction", "ActionPreference", ("proga",)),
        ("ErrorVariable", "string", ("ev",)),
        ("WarningVariable", "string", ("wv",)),
        ("InformationVariable", "string", ("iv",)),
        ("OutVariable", "string", ("ov",)),
        ("OutBuffer", "int", ("ob",)),
        ("PipelineVariable", "string", ("pv",)),
    )
}


class Cmdlet:
    """Base of every built-in command.

    The engine creates one instance per pipeline position, binds parameters (read them as
    attributes: ``self.Name``), then calls begin(), process() once per input object (once with
    no input when nothing is piped) and end(). Each returns an iterable of output objects; a
    generator streams them. Terminating errors are raised (a PyshellError); non-terminating
    ones go through write_error().
    """

    name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    params: ClassVar[dict[str, Param]] = {}
    default_set: ClassVar[str] = ALL_SETS
    #: True when the command takes care of -Verbose etc. itself (rare)
    supports_should_process: ClassVar[bool] = False

    def __init__(self, runspace: Runspace, streams: Any, invocation_name: str = "") -> None:
        self.runspace = runspace
        self.streams = streams  #: a StreamSinks for this invocation (engine/streams.py)
        self.bound: dict[str, Any] = {}
        self.parameter_set_name: str = self.default_set
        self.invocation_name = invocation_name or self.name
        self.expecting_input = False  #: True when something is piped into this command
        self.stop_requested = False
        self.span: Any = None  #: where this command stands in the source (set by the engine), for error positions
        self.failed = False  #: a non-terminating error was written
        self.common: dict[str, Any] = {}  #: the common parameters given (-ErrorAction...), set by the engine

    # -- lifecycle -------------------------------------------------------------------------
    def begin(self) -> Iterable[Any]:
        return ()

    def process(self) -> Iterable[Any]:
        return ()

    def end(self) -> Iterable[Any]:
        return ()

    def item_processor(self) -> Callable[[Any], Iterable[Any]] | None:
        """A function that does what process() does for one more pipeline object, given that
        object directly: the engine calls it instead of rebinding and calling process() when the
        command's only pipeline parameter takes any object as is and process() ran once already
        (so the parameter set is known). None, the default, keeps process()."""
        return None

    def stop(self) -> None:
        """Called (possibly from another thread) when the pipeline is being stopped."""
        self.stop_requested = True

    def check_stop(self) -> None:
        if self.stop_requested or self.runspace.stopping:
            raise PipelineStoppedError()

    def is_bound(self, name: str) -> bool:
        return name in self.bound

    # -- streams ---------------------------------------------------------------------------
    def write_error(
        self,
        error: Any,
        *,
        error_id: str | None = None,
        category: str | None = None,
        target: Any = None,
    ) -> None:
        """Write a non-terminating error: an ErrorRecord, a PyshellError or a message."""
        from pyshell.engine.records import ErrorRecord, error_record_from

        if isinstance(error, str):
            error = PyshellError(error, error_id=error_id, category=category, target=target)
        if isinstance(error, PyshellError) and error.span is None and error.error_record is None:
            error.span = self.span
        record = error if isinstance(error, ErrorRecord) else error_record_from(error, command=self.name)
        self.failed = True  # the pipeline this command ran in leaves $? False
        self.streams.error(record)

    def write_warning(self, message: str) -> None:
        self.streams.warning(message)

    def write_verbose(self, message: str) -> None:
        self.streams.verbose(message)

    def write_debug(self, message: str) -> None:
        self.streams.debug(message)

    def write_information(self, data: Any, tags: Iterable[str] = ()) -> None:
        self.streams.information(data, list(tags), self.name)

    def write_progress(self, record: Any) -> None:
        self.streams.progress(record)

    def write_host(self, text: str, foreground: str | None = None, background: str | None = None,
                   no_newline: bool = False) -> None:
        self.streams.host(text, foreground, background, no_newline)

    # -- help ------------------------------------------------------------------------------
    @classmethod
    def synopsis(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


class CommandRegistry:
    """Built-in commands by name (case-insensitive) and their aliases.

    Command modules load lazily: an index (name and aliases -> module, see
    pyshell/commands/index.py) is installed with add_index(), and a module is imported the first
    time one of its commands is looked up. Enumerating `commands`, `aliases` or the registry
    itself imports every indexed module first, so Get-Command and tab completion see them all.
    """

    def __init__(self) -> None:
        self._commands: dict[str, type[Cmdlet]] = {}
        self._aliases: dict[str, str] = {}
        self._index: dict[str, tuple[str, str]] = {}  #: casefolded name -> (name, module), from the index
        self._alias_targets: dict[str, str] = {}  #: casefolded alias -> command name, from the index
        self._pending: dict[str, None] = {}  #: indexed modules not imported yet (ordered)

    def register(self, cls: type[Cmdlet]) -> None:
        self._commands[cls.name.casefold()] = cls
        for alias in cls.aliases:
            self._aliases[alias.casefold()] = cls.name

    def add_index(self, commands: dict[str, str], aliases: dict[str, str]) -> None:
        """Know commands without importing them.

        :param commands: command name -> the module that registers it.
        :param aliases: alias -> command name.
        """
        for name, module in commands.items():
            self._index[name.casefold()] = (name, module)
            self._pending[module] = None
        for alias, target in aliases.items():
            self._alias_targets[alias.casefold()] = target

    def add_module(self, module: str) -> None:
        """Import a command module that is not in the index now (its commands are unknown until then)."""
        self._import(module)

    def lookup(self, name: str) -> type[Cmdlet] | None:
        key = name.casefold()
        cls = self._commands.get(key)
        if cls is None and key in self._index:
            self._import(self._index[key][1])
            cls = self._commands.get(key)
        return cls

    def resolve_alias(self, name: str) -> str | None:
        key = name.casefold()
        return self._aliases.get(key) or self._alias_targets.get(key)

    def load_all(self) -> None:
        """Import every indexed module not imported yet."""
        for module in list(self._pending):
            self._import(module)

    def names(self) -> tuple[list[str], dict[str, str]]:
        """(command names, alias -> command name) of every known command, without importing any module."""
        names = {key: name for key, (name, _) in self._index.items()}
        names.update((key, cls.name) for key, cls in self._commands.items())
        return list(names.values()), {**self._alias_targets, **self._aliases}

    @property
    def commands(self) -> dict[str, type[Cmdlet]]:
        """Every command class by casefolded name (imports all indexed modules)."""
        self.load_all()
        return self._commands

    @property
    def aliases(self) -> dict[str, str]:
        """Every alias (casefolded) -> command name (imports all indexed modules)."""
        self.load_all()
        return self._aliases

    def __iter__(self) -> Iterator[type[Cmdlet]]:
        return iter(self.commands.values())

    def _import(self, module: str) -> None:
        self._pending.pop(module, None)
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            # a layer that is not installed (as load_builtins always allowed); a missing dependency is an error
            if e.name != module:
                raise


#: The process-wide table of built-in command classes (static metadata, not session state).
REGISTRY = CommandRegistry()


def command(name: str, aliases: Iterable[str] = (), default_set: str | None = None) -> Callable[[type], type]:
    """Class decorator: register a Cmdlet subclass under its Verb-Noun name."""

    def deco(cls: type) -> type:
        assert issubclass(cls, Cmdlet)
        cls.name = name
        cls.aliases = tuple(aliases)
        if default_set is not None:
            cls.default_set = default_set
        params: dict[str, Param] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                if isinstance(value, Param):
                    params[attr] = value
        cls.params = params
        REGISTRY.register(cls)
        return cls

    return deco


class StopUpstream(Exception):  # noqa: N818 - a control signal
    """Raised from process() when a command needs no more input (Select-Object -First)."""
