"""CommandInfo objects for cmdlets: CmdletInfo with pwsh's parameter metadata (Parameters, ParameterSets with
CommandParameterInfo entries, the syntax text) including the dynamic parameters a provider adds."""

from __future__ import annotations

from typing import Any

from pyshell.engine.builtin_modules import module_of
from pyshell.engine.cmdlet import ALL_SETS, COMMON_PARAMETERS, Cmdlet, Param
from pyshell.engine.objects import Hashtable

__all__ = ["CmdletInfo", "CommandParameterInfo", "CommandParameterSetInfo", "ParameterMetadata",
           "FILESYSTEM_DYNAMIC", "syntax_text"]

#: the parameters the FileSystem provider adds to a cmdlet as dynamic parameters (pwsh on Unix: no -Stream);
#: on another provider's path (function:, env:) the cmdlet does not have them
FILESYSTEM_DYNAMIC: dict[str, tuple[str, ...]] = {
    "get-content": ("Encoding", "AsByteStream", "Delimiter", "Wait", "Raw"),
    "set-content": ("Encoding", "AsByteStream", "NoNewline"),
    "add-content": ("Encoding", "AsByteStream", "NoNewline"),
    "get-childitem": ("Attributes", "FollowSymlink", "Directory", "File", "Hidden", "ReadOnly", "System"),
}

#: parameters whose .NET type is richer than the text the binder converts (pwsh: [Encoding] with a transformation)
_TYPE_OVERRIDES = {"encoding": "System.Text.Encoding"}

_INT_MIN = -2147483648  #: Position of a named-only parameter (int.MinValue)


def _type_of(name: str, p: Param) -> Any:
    from pyshell.engine.types import resolve_type

    override = _TYPE_OVERRIDES.get(name.lower())
    if override and p.type.lower() == "string":
        return resolve_type(override)
    return resolve_type("System.Management.Automation.SwitchParameter" if p.is_switch else p.type)


def _type_text(p: Param, name: str) -> str:
    override = _TYPE_OVERRIDES.get(name.lower())
    if override and p.type.lower() == "string":
        return override.rsplit(".", 1)[-1]
    return p.type


class CommandParameterInfo:
    """One parameter as one parameter set sees it (CommandParameterSetInfo.Parameters)."""

    PS_TYPE_NAMES = ("System.Management.Automation.CommandParameterInfo", "System.Object")
    PS_PROPERTIES = ("Name", "ParameterType", "IsMandatory", "IsDynamic", "Position", "ValueFromPipeline",
                     "ValueFromPipelineByPropertyName", "ValueFromRemainingArguments", "HelpMessage", "Aliases",
                     "Attributes")

    def __init__(self, name: str, p: Param, set_name: str, dynamic: bool) -> None:
        self.Name = name
        self.ParameterType = _type_of(name, p)
        self.IsMandatory = p.is_mandatory_in(set_name)
        self.IsDynamic = dynamic
        self.Position = p.position if p.position is not None else _INT_MIN
        self.ValueFromPipeline = p.pipeline
        self.ValueFromPipelineByPropertyName = p.by_property_name
        self.ValueFromRemainingArguments = p.remaining
        self.HelpMessage = p.help or None
        self.Aliases = list(p.aliases)
        self.Attributes: list[Any] = []

    def ps_to_string(self) -> str:
        return self.Name


class CommandParameterSetInfo:
    """A parameter set: its name, whether it is the default, its parameters; ToString() is its syntax."""

    PS_TYPE_NAMES = ("System.Management.Automation.CommandParameterSetInfo", "System.Object")
    PS_PROPERTIES = ("Name", "IsDefault", "Parameters")

    def __init__(self, name: str, is_default: bool, params: list[tuple[str, Param, bool]]) -> None:
        self.Name = name
        self.IsDefault = is_default
        self.Parameters = [CommandParameterInfo(n, p, name, d) for n, p, d in params]
        self._params = params

    def syntax(self, command: str) -> str:
        parts = [command]
        for n, p, _ in sorted((x for x in self._params if x[0] not in COMMON_PARAMETERS),
                              key=lambda x: (x[1].position is None, x[1].position or 0)):
            t = "" if p.is_switch else f" <{_type_text(p, n)}>"
            piece = f"[-{n}]{t}" if p.position is not None and not p.is_switch else f"-{n}{t}"
            parts.append(piece if p.is_mandatory_in(self.Name) else f"[{piece}]")
        parts.append("[<CommonParameters>]")
        return " ".join(parts)

    def ps_to_string(self) -> str:
        return self.syntax("").strip()


class ParameterMetadata:
    """A value of CommandInfo.Parameters: the parameter across all its sets."""

    PS_TYPE_NAMES = ("System.Management.Automation.ParameterMetadata", "System.Object")
    PS_PROPERTIES = ("Name", "ParameterType", "ParameterSets", "IsDynamic", "Aliases", "Attributes",
                     "SwitchParameter")

    def __init__(self, name: str, p: Param, sets: list[str], dynamic: bool) -> None:
        self.Name = name
        self.ParameterType = _type_of(name, p)
        self.ParameterSets = Hashtable((s, None) for s in sets)
        self.IsDynamic = dynamic
        self.Aliases = list(p.aliases)
        self.Attributes: list[Any] = []
        self.SwitchParameter = p.is_switch

    def ps_to_string(self) -> str:
        return self.Name


def _set_names(cls: type[Cmdlet], params: dict[str, Param]) -> list[str]:
    """The set names, default first (as pwsh lists them), `__AllParameterSets` when there are none."""
    names = sorted({s for p in params.values() for s in p.sets})
    if not names:
        return [ALL_SETS]
    default = cls.default_set if cls.default_set in names else None
    return ([default] if default else []) + [n for n in names if n != default]


class CmdletInfo:
    """Get-Command's object for a compiled cmdlet; `excluded` names dynamic parameters the path's provider lacks."""

    PS_TYPE_NAMES = ("System.Management.Automation.CmdletInfo", "System.Management.Automation.CommandInfo",
                     "System.Object")
    PS_PROPERTIES = ("CommandType", "Name", "Version", "Source", "Verb", "Noun", "ImplementingType", "Definition",
                     "DefaultParameterSet", "OutputType", "Options", "ModuleName", "Parameters", "ParameterSets",
                     "Visibility")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("CommandType", "Name", "Version", "Source")

    def __init__(self, cls: type[Cmdlet], *, with_dynamic: bool = True) -> None:
        self.CommandType = "Cmdlet"
        self.Name = cls.name
        self.Verb, _, self.Noun = cls.name.partition("-")
        self.Version = "7.0.0.0"
        self.Source = self.ModuleName = module_of(cls.name)
        self.ImplementingType = "Microsoft.PowerShell.Commands." + cls.name.replace("-", "") + "Command"
        self.ps_command_class = cls
        dynamic = set(FILESYSTEM_DYNAMIC.get(cls.name.lower(), ()))
        params = {n: p for n, p in cls.params.items() if with_dynamic or n not in dynamic}
        names = _set_names(cls, params)
        self.DefaultParameterSet = cls.default_set if cls.default_set in names else None
        self.OutputType: list[Any] = []
        self.Options = "ReadOnly"
        self.Visibility = "Public"
        every = {**params, **COMMON_PARAMETERS}
        # a case-insensitive name -> ParameterMetadata table (pwsh: Dictionary with ContainsKey), common ones too
        self.Parameters = Hashtable(
            (n, ParameterMetadata(n, p, [s for s in names if p.in_set(s)] if p.sets else [ALL_SETS], n in dynamic))
            for n, p in every.items())
        self.ParameterSets = [
            CommandParameterSetInfo(s, s == self.DefaultParameterSet or len(names) == 1,
                                    [(n, p, n in dynamic) for n, p in every.items() if p.in_set(s)])
            for s in names]
        self.Definition = self.syntax()

    def syntax(self) -> str:
        """pwsh's Definition / -Syntax text: one line per parameter set."""
        return "\n" + "\n\n".join(s.syntax(self.Name) for s in self.ParameterSets) + "\n"

    def ps_to_string(self) -> str:
        return self.Name


def syntax_text(cls: type[Cmdlet]) -> str:
    """The syntax lines of a cmdlet (Get-Help's SYNTAX section)."""
    return CmdletInfo(cls).syntax()
