"""Get-Command: the session's aliases, functions, cmdlets, scripts and programs as CommandInfo objects."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from pyshell.commands.commandinfo import FILESYSTEM_DYNAMIC, CmdletInfo
from pyshell.engine.cmdlet import REGISTRY, Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, PSObject, get_property
from pyshell.engine.operators import like
from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["GetCommand"]

#: -CommandType names (CommandTypes flags) and the order pwsh lists the kinds in
_KINDS = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "Configuration")
_RANK = {k.lower(): i for i, k in enumerate(_KINDS)}
_DEFAULT_KINDS = frozenset({"alias", "function", "filter", "cmdlet", "configuration"})  #: no -Name: no programs


def _wild(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _kind(info: Any) -> str:
    return to_string(get_property(info, "CommandType")).lower()


def _source(info: Any) -> str:
    value = get_property(info, "Source")
    return "" if value is None or value is MISSING else to_string(value)


def _application(path: str) -> PSObject:
    """ApplicationInfo / ExternalScriptInfo for a file found on PATH or named by path."""
    script = path.lower().endswith(".ps1")
    name = os.path.basename(path)
    props: list[tuple[str, Any]] = [
        ("CommandType", "ExternalScript" if script else "Application"), ("Name", name),
        ("Version", "" if script else "0.0.0.0"), ("Source", path), ("Path", path), ("Definition", path),
        ("Extension", os.path.splitext(name)[1])]
    kind = "ExternalScriptInfo" if script else "ApplicationInfo"
    obj = PSObject(props, [f"System.Management.Automation.{kind}", "System.Management.Automation.CommandInfo",
                           "System.Object"])
    obj.text = name
    return obj


def _split_arguments(args: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    """-ArgumentList as the target command would get it: `-name value` pairs and positional values."""
    named: dict[str, Any] = {}
    positional: list[Any] = []
    i = 0
    while i < len(args):
        a = args[i]
        name = getattr(a, "name", None)
        if name is None and isinstance(a, str) and a.startswith("-") and len(a) > 1:
            name = a[1:].rstrip(":")
        if name is None:
            positional.append(a)
        elif i + 1 < len(args) and not getattr(a, "colon", False) and not (
                isinstance(args[i + 1], str) and args[i + 1].startswith("-")):
            named[name.lower()] = args[i + 1]
            i += 1
        else:
            named[name.lower()] = True
        i += 1
    return named, positional


def _filesystem_target(rs: Any, args: list[Any] | None) -> bool:
    """Whether the path the arguments name (else the current location) is on the FileSystem provider."""
    from pyshell.engine.providers.drives import drive_table

    table = drive_table(rs)
    named, positional = _split_arguments(list(args or ()))
    path = next((named[k] for k in ("path", "literalpath", "pspath", "lp") if k in named), None)
    if path is None and positional:
        path = positional[0]
    if isinstance(path, list):
        path = path[0] if path else None
    try:
        if path is None:
            return table.provider_of(table.current(rs)) is None
        return table.locate(rs, to_string(path)).is_filesystem
    except PyshellError:
        return True


def _module_name(spec: Any) -> str:
    """A -FullyQualifiedModule entry: a name, or a hashtable with ModuleName (the version keys are not checked)."""
    name = get_property(spec, "ModuleName") if not isinstance(spec, str) else spec
    return to_string(spec if name is MISSING else name)


def _type_pattern(spec: Any) -> str:
    """-ParameterType: a type object stands for its full name; text is a (wildcard) full or short name."""
    full = get_property(spec, "FullName") if not isinstance(spec, str) else MISSING
    return to_string(spec if full is MISSING else full)


@command("Get-Command", aliases=("gcm",), default_set="CmdletSet")
class GetCommand(Cmdlet):
    """Gets the commands of the session: cmdlets, functions, aliases, scripts and programs."""

    Name = Param("string[]", position=0, pipeline=True, by_property_name=True, sets=("AllCommandSet",))
    Verb = Param("string[]", sets=("CmdletSet",), by_property_name=True)
    Noun = Param("string[]", sets=("CmdletSet",), by_property_name=True)
    Module = Param("string[]", aliases=("PSSnapin",), by_property_name=True)
    FullyQualifiedModule = Param("object[]")
    ExcludeModule = Param("string[]")
    CommandType = Param("string[]", aliases=("Type",), sets=("AllCommandSet",), by_property_name=True)
    TotalCount = Param("int")
    Syntax = Param("switch")
    ShowCommandInfo = Param("switch")
    ArgumentList = Param("object[]", position=1, aliases=("Args",), remaining=True)
    All = Param("switch")
    ListImported = Param("switch")
    ParameterName = Param("string[]")
    ParameterType = Param("object[]")

    named_to_remaining = True  #: `Get-Command Get-Content -Path x`: -Path is an argument for Get-Content

    def begin(self) -> Iterable[Any]:
        self._emitted = 0
        given = [k for t in (self.CommandType or ()) for k in to_string(t).replace(",", " ").split()]
        for k in given:
            if k.lower() not in _RANK and k.lower() != "all":
                raise ParameterBindingError(
                    f"Cannot bind parameter 'CommandType'. Cannot convert value \"{k}\" to type "
                    "\"System.Management.Automation.CommandTypes\". Error: \"Unable to match the identifier name "
                    f"{k} to a valid enumerator name. Specify one of the following enumerator names and try "
                    "again:\nAlias, Function, Filter, Cmdlet, ExternalScript, Application, Script, Configuration, "
                    "All\"", error_id="CannotConvertArgumentNoMessage", category="InvalidArgument")
        kinds = [k.lower() for k in given]
        self._kinds: set[str] | None = None if not kinds or "all" in kinds else set(kinds)
        return ()

    # -- candidates ---------------------------------------------------------------------------------
    def _cmdlets(self, pattern: str) -> list[Any]:
        with_dynamic = _filesystem_target(self.runspace, self.ArgumentList)
        out = []
        for cls in sorted(REGISTRY, key=lambda c: c.name.lower()):
            if like(cls.name, pattern) and self._verb_noun_ok(cls.name):
                out.append(CmdletInfo(cls, with_dynamic=with_dynamic or cls.name.lower() not in FILESYSTEM_DYNAMIC))
        return out

    def _verb_noun_ok(self, name: str) -> bool:
        verb, dash, noun = name.partition("-")
        if (self.Verb or self.Noun) and not dash:
            return False
        return (not self.Verb or any(like(verb, v) for v in self.Verb)) and \
            (not self.Noun or any(like(noun, n) for n in self.Noun))

    def _functions(self, pattern: str) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        scope = self.runspace.scope
        while scope is not None:
            for fname, fn in scope.functions.items():
                if like(fname, pattern) and fname.lower() not in seen and self._verb_noun_ok(fname):
                    seen.add(fname.lower())
                    out.append(fn)
            scope = scope.parent
        return sorted(out, key=lambda f: to_string(f.Name).lower())

    def _aliases(self, pattern: str) -> list[Any]:
        from pyshell.commands.session import _aliases

        if self.Verb or self.Noun:
            return []
        return [a for a in _aliases(self.runspace) if like(a.Name, pattern)]

    def _programs(self, pattern: str) -> list[Any]:
        from pyshell.engine.pathsearch import path_directories, search_path

        rs = self.runspace
        path = os.environ.get("PATH")
        if not _wild(pattern):
            if "/" in pattern or "\\" in pattern or pattern.startswith("."):
                res = rs.resolve_command(pattern)
                return [_application(res[1])] if res is not None and res[0] in ("native", "script") else []
            return [_application(p) for p in search_path(pattern, rs.location, path, all_matches=bool(self.All))]
        out: list[Any] = []
        seen: set[str] = set()
        for d in path_directories(rs.location, path):
            try:
                entries = sorted(os.listdir(d))
            except OSError:
                continue
            for e in entries:
                full = os.path.join(d, e)
                if not like(e, pattern) or (e in seen and not self.All):
                    continue
                if os.path.isfile(full) and (e.lower().endswith(".ps1") or os.access(full, os.X_OK)):
                    seen.add(e)
                    out.append(_application(full))
        return out

    def _candidates(self, pattern: str, wild: bool) -> list[Any]:
        kinds = self._kinds
        if kinds is None:
            kinds = set(_RANK) if self.Name else set(_DEFAULT_KINDS)
        found: list[Any] = []
        if "alias" in kinds:
            found += self._aliases(pattern)
        if kinds & {"function", "filter"}:
            found += [f for f in self._functions(pattern) if _kind(f) in kinds]
        if "cmdlet" in kinds:
            found += self._cmdlets(pattern)
        if kinds & {"application", "externalscript"} and not (self.Verb or self.Noun) and (
                wild or not found or self.All):
            found += [p for p in self._programs(pattern) if _kind(p) in kinds]
        found = [f for f in found if self._module_ok(f) and self._parameters_ok(f)]
        if wild:
            found.sort(key=lambda f: (_RANK.get(_kind(f), 9), to_string(get_property(f, "Name")).lower()))
        elif not self.All:
            found = found[:1]  # the one the name runs: alias, then function, cmdlet, script/program
        return found

    def _module_ok(self, info: Any) -> bool:
        source = _source(info) if _kind(info) not in ("application", "externalscript") else ""
        modules = list(self.Module or ()) + [_module_name(m) for m in self.FullyQualifiedModule or ()]
        if modules and not any(like(source, m) for m in modules):
            return False
        return not (self.ExcludeModule and source and any(like(source, m) for m in self.ExcludeModule))

    def _parameters_ok(self, info: Any) -> bool:
        """-ParameterName / -ParameterType: commands with a parameter of that name (or alias) / type."""
        if self.ParameterName is None and self.ParameterType is None:
            return True
        table = get_property(info, "Parameters") if _kind(info) in ("cmdlet", "function", "filter") else None
        if not table:
            return False
        metas = list(table.values())
        if self.ParameterName is not None and not any(
                like(to_string(m.Name), pat) or any(like(to_string(a), pat) for a in m.Aliases)
                for m in metas for pat in (to_string(x) for x in self.ParameterName)):
            return False
        if self.ParameterType is not None:
            wanted = [_type_pattern(t) for t in self.ParameterType]
            return any(like(to_string(getattr(m.ParameterType, attr, "")), pat)
                       for m in metas for pat in wanted for attr in ("FullName", "Name"))
        return True

    # -- output -------------------------------------------------------------------------------------
    def process(self) -> Iterable[Any]:
        patterns = list(self.Name) if self.Name else ["*"]
        for pattern in patterns:
            pattern = to_string(pattern)
            wild = _wild(pattern) or not self.Name
            found = self._candidates(pattern, wild)
            if not found and not wild:
                self.write_error(PyshellError(
                    f"The term '{pattern}' is not recognized as a name of a cmdlet, function, script file, or "
                    "executable program.\nCheck the spelling of the name, or if a path was included, verify that "
                    "the path is correct and try again.", error_id="CommandNotFoundException",
                    category="ObjectNotFound", target=pattern, reason="CommandNotFoundException"))
                continue
            for info in found:
                if self.TotalCount is not None and self.TotalCount >= 0 and self._emitted >= self.TotalCount:
                    return
                self._emitted += 1
                if self.Syntax:
                    yield self._syntax(info)
                elif self.ShowCommandInfo:
                    yield _show_command_info(info)
                else:
                    yield info

    def _syntax(self, info: Any) -> Any:
        """-Syntax: a cmdlet's parameter sets; an alias names its command; others their definition."""
        if isinstance(info, CmdletInfo):
            return info.syntax()
        if _kind(info) == "alias":
            target = self.runspace.resolve_command(to_string(info.Definition))
            text = f"{info.Name} (alias) -> {info.Definition}\n"
            if target is not None and target[0] == "cmdlet":
                text += CmdletInfo(target[1]).syntax()
            elif target is not None and target[0] == "function":
                text += _function_syntax(target[1])
            return text
        if _kind(info) in ("function", "filter"):
            return _function_syntax(info)
        return to_string(get_property(info, "Definition"))


def _function_syntax(fn: Any) -> str:
    """A function's parameter sets as -Syntax shows them (`f [[-x] <Object>]`)."""
    sets = get_property(fn, "ParameterSets")
    if not isinstance(sets, list) or not sets:
        return to_string(get_property(fn, "Definition"))
    return "\n" + "\n\n".join(s.syntax(to_string(fn.Name)) for s in sets) + "\n"


def _show_type(t: Any) -> PSObject:
    """ShowCommandParameterType: what Show-Command needs to know of a parameter's type."""
    full = to_string(get_property(t, "FullName"))
    element = full[:-2] if full.endswith("[]") else full
    return PSObject([
        ("FullName", full), ("IsEnum", bool(get_property(t, "IsEnum") is True)),
        ("IsArray", full.endswith("[]")), ("ElementType", element if full.endswith("[]") else None),
        ("ImplementsDictionary", full in ("System.Collections.Hashtable", "System.Collections.IDictionary")),
        ("IsBoolean", full == "System.Boolean"), ("IsString", full == "System.String"),
        ("IsScriptBlock", full == "System.Management.Automation.ScriptBlock"),
        ("IsSwitch", full == "System.Management.Automation.SwitchParameter")],
        ["Microsoft.PowerShell.Commands.ShowCommandExtension.ShowCommandParameterType", "System.Object"])


def _show_command_info(info: Any) -> PSObject:
    """-ShowCommandInfo: the ShowCommandCommandInfo form (name, module, parameter sets with their parameters)."""
    sets = get_property(info, "ParameterSets")
    out_sets = []
    for ps in sets if isinstance(sets, list) else []:
        params = [PSObject([
            ("Name", p.Name), ("IsMandatory", p.IsMandatory), ("ValueFromPipeline", p.ValueFromPipeline),
            ("Position", p.Position), ("ParameterType", _show_type(p.ParameterType)),
            ("HasParameterSet", ps.Name != "__AllParameterSets"), ("ValidParamSetValues", [])],
            ["Microsoft.PowerShell.Commands.ShowCommandExtension.ShowCommandParameterInfo", "System.Object"])
            for p in ps.Parameters]
        out_sets.append(PSObject([("Name", ps.Name), ("IsDefault", ps.IsDefault), ("Parameters", params)],
                                 ["Microsoft.PowerShell.Commands.ShowCommandExtension.ShowCommandParameterSetInfo",
                                  "System.Object"]))
    module = _source(info) if _kind(info) not in ("application", "externalscript") else ""
    return PSObject([
        ("Name", to_string(get_property(info, "Name"))), ("ModuleName", module),
        ("Module", PSObject([("Name", module)]) if module else None),
        ("CommandType", get_property(info, "CommandType")),
        ("Definition", to_string(get_property(info, "Definition"))), ("ParameterSets", out_sets)],
        ["Microsoft.PowerShell.Commands.ShowCommandExtension.ShowCommandCommandInfo", "System.Object"])

