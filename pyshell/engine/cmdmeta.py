"""Parameter metadata objects as pwsh's CommandInfo exposes them: Parameters (name -> ParameterMetadata) and
ParameterSets (CommandParameterSetInfo with CommandParameterInfo entries, ToString() the set's syntax), built from
`Param` tables of cmdlets and script functions alike."""

from __future__ import annotations

from typing import Any

from pyshell.engine.cmdlet import ALL_SETS, COMMON_PARAMETERS, Param
from pyshell.engine.objects import Hashtable

__all__ = ["CommandParameterInfo", "CommandParameterSetInfo", "ParameterMetadata", "build_metadata",
           "function_metadata"]

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
    if p.type.lower().startswith("object"):
        return "Object" + p.type[6:]  # pwsh writes System.Object by its name, not an accelerator
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

    def __init__(self, name: str, is_default: bool, params: list[tuple[str, Param, bool]],
                 common: bool = True) -> None:
        self.Name = name
        self._common = common
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
        if self._common:
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


def set_names(default_set: str, params: dict[str, Param]) -> list[str]:
    """The set names, default first (as pwsh lists them), `__AllParameterSets` when there are none."""
    names = sorted({s for p in params.values() for s in p.sets})
    if not names:
        return [ALL_SETS]
    default = default_set if default_set in names else None
    return ([default] if default else []) + [n for n in names if n != default]


def build_metadata(params: dict[str, Param], default_set: str, *, common: bool,
                   dynamic: frozenset[str] | set[str] = frozenset()) -> tuple[Hashtable, list[CommandParameterSetInfo]]:
    """(Parameters, ParameterSets) for a command's parameter table; `common` adds the common parameters."""
    names = set_names(default_set, params)
    every = {**params, **COMMON_PARAMETERS} if common else dict(params)
    default = default_set if default_set in names else names[0]
    parameters = Hashtable(
        (n, ParameterMetadata(n, p, [s for s in names if p.in_set(s)] if p.sets else [ALL_SETS], n in dynamic))
        for n, p in every.items())
    sets = [CommandParameterSetInfo(s, s == default or len(names) == 1,
                                    [(n, p, n in dynamic) for n, p in every.items() if p.in_set(s)], common)
            for s in names]
    return parameters, sets


def function_metadata(fn: Any) -> tuple[Hashtable, list[CommandParameterSetInfo]]:
    """(Parameters, ParameterSets) of a script function from its param() block."""
    from pyshell.engine.pipeline import script_params

    params, advanced, default_set = script_params(fn.ScriptBlock)
    return build_metadata(params, default_set, common=advanced)
