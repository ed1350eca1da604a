"""Session-state cmdlets: variables, aliases, commands, help and history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyshell.commands import aliasstate
from pyshell.commands.commandinfo import syntax_text
from pyshell.engine import aliasscope
from pyshell.engine.cmdlet import COMMON_PARAMETERS, REGISTRY, Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import PSObject
from pyshell.engine.operators import like
from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["GetVariable", "GetHelp"]


_OPTION_ORDER = ("ReadOnly", "Constant", "Private", "AllScope")  #: ScopedItemOptions flags, lowest value first


def _var_object(name: str, value: Any, rs: Any = None) -> PSObject:
    """A PSVariable: Name, Value, and (given the runspace) Description, Options and Visibility as recorded."""
    if rs is None:
        return PSObject([("Name", name), ("Value", value)], ["System.Management.Automation.PSVariable", "System.Object"])
    owner = rs.scope.owner_of(name) or rs.scope
    opts = set((owner.options or {}).get(name.lower(), set()))
    if owner.private and name.lower() in owner.private:
        opts.add("private")  # `-Scope Private` / $private:x: the Private option
    props: list[tuple[str, Any]] = [
        ("Name", name), ("Description", _descriptions(rs).get((id(owner), name.lower()), "")), ("Value", value),
        ("Visibility", "Public"), ("Module", None), ("ModuleName", ""),
        ("Options", ", ".join(o for o in _OPTION_ORDER if o.lower() in opts) or "None"), ("Attributes", [])]
    return PSObject(props, ["System.Management.Automation.PSVariable", "System.Object"])


def _descriptions(rs: Any) -> dict[tuple[int, str], str]:
    """Set-Variable/New-Variable -Description texts, by (scope, lower-cased name): the engine keeps none itself."""
    table = getattr(rs, "_variable_descriptions", None)
    if table is None:
        table = {}
        rs._variable_descriptions = table
    return table


def _describe(rs: Any, name: str, scope: str | None, text: str | None) -> None:
    if text is not None:
        _descriptions(rs)[(id(rs._target_scope(scope)), name.lower())] = text


def _is_private_elsewhere(rs: Any, name: str) -> bool:
    """Whether $name is a Private variable of an outer scope, which the current scope cannot see."""
    owner = rs.scope.owner_of(name)
    return owner is not None and owner is not rs.scope and bool(owner.private) and name.lower() in owner.private


def _guarded(cmdlet: Cmdlet, action: Any) -> bool:
    """Run a variable change; a read-only/constant refusal is the cmdlet's non-terminating error, as in pwsh."""
    try:
        action()
    except PyshellError as e:
        if e.error_id not in ("VariableNotWritable", "VariableNotRemovable"):
            raise
        cmdlet.write_error(PyshellError(e.message, error_id=e.error_id, category="WriteError", target=e.target,
                                        reason="SessionStateUnauthorizedAccessException"))
        return False
    return True


def _options_of(rs: Any, name: str, scope: str | None) -> set[str]:
    target = rs._target_scope(scope)
    return set((target.options or {}).get(name.lower(), set())) if name in target.variables else set()


def _all_variables(rs: Any, only: str | None = None) -> dict[str, tuple[str, Any]]:
    """The variables visible here, or with `only` (a -Scope) just those defined in that one scope."""
    seen: dict[str, tuple[str, Any]] = {}
    if only is not None:
        target = rs._target_scope(None if only == "local" else only)
        for k, v in target.variables.items():
            seen.setdefault(k.lower(), (k, v))
        if target is not rs.global_scope:
            return seen
    scope = rs.scope
    while only is None and scope is not None:
        for k, v in scope.variables.items():
            seen.setdefault(k.lower(), (k, v))
        scope = scope.parent
    for k in ("true", "false", "null", "PWD", "Error", "?", "$", "^"):
        seen.setdefault(k.lower(), (k, rs.read_variable(k)))
    return seen


def _not_found_var(name: str) -> PyshellError:
    return PyshellError(f"Cannot find a variable with the name '{name}'.", error_id="VariableNotFound",
                        category="ObjectNotFound", target=name, reason="ItemNotFoundException")


@command("Get-Variable", aliases=("gv",))
class GetVariable(Cmdlet):
    """Gets the variables in the current session."""

    Name = Param("string[]", position=0, pipeline=True, by_property_name=True)
    ValueOnly = Param("switch")
    Scope = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")

    def process(self) -> Iterable[Any]:
        if self.Scope is not None and _scope(self.Scope) is None:
            raise PyshellError(f"The scope number '{self.Scope}' exceeds the number of active scopes. (Parameter "
                               "'Scope')", error_id="ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetVariableCommand",
                               category="InvalidArgument")
        table = _all_variables(self.runspace, _scope(self.Scope))
        names = self.Name or ["*"]
        for pattern in names:
            matched = sorted((v for k, v in table.items() if like(v[0], pattern)), key=lambda kv: kv[0].lower())
            if self.Scope is None:
                matched = [m for m in matched if not _is_private_elsewhere(self.runspace, m[0])]
            if self.Include:
                matched = [m for m in matched if any(like(m[0], x) for x in self.Include)]
            if self.Exclude:
                matched = [m for m in matched if not any(like(m[0], x) for x in self.Exclude)]
            if not matched and not any(c in pattern for c in "*?["):
                self.write_error(_not_found_var(pattern))
                continue
            for n, v in matched:
                if not self.ValueOnly:
                    yield _var_object(n, v, self.runspace)
                elif isinstance(v, (list, tuple)):
                    yield from v  # -ValueOnly writes the value as $var would: a collection is enumerated
                else:
                    yield v


def _scope(scope: str | None) -> str | None:
    """-Scope as the runspace takes it: global/script/local/private or a number of levels up."""
    low = scope.lower() if scope else None
    return low if low in ("global", "script", "local", "private") or (low or "").isdigit() else None


def _matching_names(cmdlet: Cmdlet, names: list[str], scope: str | None, *, create: bool) -> list[str]:
    """-Name patterns with -Include/-Exclude as the *-Variable cmdlets take them: a wildcard matches the variables
    of the -Scope (or all visible ones); a plain name is kept (create) or must exist (else VariableNotFound)."""
    rs = cmdlet.runspace
    visible = _all_variables(rs, scope)
    include, exclude = (cmdlet.bound.get(p) for p in ("Include", "Exclude"))
    include, exclude = ([include] if isinstance(include, str) else include), \
        ([exclude] if isinstance(exclude, str) else exclude)
    out: list[str] = []
    for n in names:
        if any(c in n for c in "*?["):
            found = sorted((k for k, _ in visible.values() if like(k, n)), key=str.lower)
        elif create or n.lower() in visible:
            found = [visible[n.lower()][0] if n.lower() in visible else n]
        else:
            cmdlet.write_error(_not_found_var(n))
            continue
        out += [f for f in found if (not include or any(like(f, x) for x in include))
                and not (exclude and any(like(f, x) for x in exclude))]
    return out


@command("Set-Variable", aliases=("set", "sv"))
class SetVariable(Cmdlet):
    """Sets the value of a variable, creating it if needed."""

    Name = Param("string[]", position=0, mandatory=True, by_property_name=True)
    Value = Param("object", position=1, pipeline=True, by_property_name=True)
    Scope = Param("string")
    PassThru = Param("switch")
    Option = Param("string")
    Force = Param("switch")
    Description = Param("string")
    Visibility = Param("string", validate_set=("Public", "Private"))
    Include = Param("string[]")
    Exclude = Param("string[]")

    def process(self) -> Iterable[Any]:
        rs = self.runspace
        scope = _scope(self.Scope)
        for n in _matching_names(self, list(self.Name), scope, create=True):
            if self.Option and "constant" in to_string(self.Option).lower() and n in rs._target_scope(scope).variables \
                    and "constant" not in _options_of(rs, n, scope):
                self.write_error(PyshellError(
                    f"Existing variable {n} cannot be made constant. Variables can be made constant only at creation "
                    "time.", error_id="VariableCannotBeMadeConstant", category="WriteError", target=n,
                    reason="SessionStateUnauthorizedAccessException"))
                continue
            value = self.Value if self.is_bound("Value") or n not in rs._target_scope(scope).variables \
                else rs._target_scope(scope).variables[n]
            if not _guarded(self, lambda: rs.set_variable(n, value, scope, option=self.Option,  # noqa: B023
                                                          force=bool(self.Force))):
                continue
            _describe(rs, n, scope, self.Description)
            if self.PassThru:
                yield _var_object(n, value, rs)


@command("New-Variable", aliases=("nv",))
class NewVariable(Cmdlet):
    """Creates a new variable."""

    Name = Param("string", position=0, mandatory=True)
    Value = Param("object", position=1, pipeline=True)
    Scope = Param("string")
    Force = Param("switch")
    PassThru = Param("switch")
    Option = Param("string")
    Description = Param("string")

    def process(self) -> Iterable[Any]:
        rs = self.runspace
        scope = _scope(self.Scope)
        exists = self.Name in rs._target_scope(scope).variables
        if exists and (not self.Force or "constant" in _options_of(rs, self.Name, scope)):
            self.write_error(PyshellError(f"A variable with name '{self.Name}' already exists.",
                                          error_id="VariableAlreadyExists", category="ResourceExists",
                                          target=self.Name, reason="SessionStateException"))
            return
        # -Force replaces the variable: its old options (ReadOnly) go with it
        rs.set_variable(self.Name, self.Value, scope, force=True)
        rs.set_variable_option(self.Name, self.Option or "None", scope)
        _describe(rs, self.Name, scope, self.Description or "")
        if self.PassThru:
            yield _var_object(self.Name, self.Value, rs)


@command("Remove-Variable", aliases=("rv",))
class RemoveVariable(Cmdlet):
    """Deletes a variable."""

    Name = Param("string[]", position=0, mandatory=True, by_property_name=True)
    Include = Param("string[]")
    Exclude = Param("string[]")
    Scope = Param("string")
    Force = Param("switch")

    def process(self) -> Iterable[Any]:
        rs = self.runspace
        scope = _scope(self.Scope)
        for n in _matching_names(self, list(self.Name), scope, create=False):
            if scope is None:
                removed: list[bool] = []
                if _guarded(self, lambda: removed.append(rs.remove_variable(n, force=bool(self.Force)))) \
                        and not removed[0]:  # noqa: B023
                    self.write_error(_not_found_var(n))
                continue
            # -Scope: only a variable of that very scope goes (a local one is not in -Scope global)
            target = rs._target_scope(None if scope in ("local", "private") else scope)
            if n not in target.variables:
                self.write_error(_not_found_var(n))
                continue
            with rs.in_scope(target):
                _guarded(self, lambda: rs.remove_variable(n, force=bool(self.Force)))  # noqa: B023
        return ()


@command("Clear-Variable", aliases=("clv",))
class ClearVariable(Cmdlet):
    """Sets a variable's value to $null."""

    Name = Param("string[]", position=0, mandatory=True, by_property_name=True)
    Include = Param("string[]")
    Exclude = Param("string[]")
    Force = Param("switch")
    PassThru = Param("switch")
    Scope = Param("string")

    def process(self) -> Iterable[Any]:
        rs = self.runspace
        scope = _scope(self.Scope)
        visible = _all_variables(rs, scope) if self.Scope is not None else _all_variables(rs)
        for n in self.Name:
            if any(c in n for c in "*?["):
                names = [k for k, _ in visible.values() if like(k, n)]
            elif n.lower() not in visible or ":" in n:
                self.write_error(_not_found_var(n))
                continue
            else:
                names = [visible[n.lower()][0]]
            for name in names:
                if self.Include and not any(like(name, x) for x in self.Include):
                    continue
                if self.Exclude and any(like(name, x) for x in self.Exclude):
                    continue
                # without -Scope pwsh sets $null in the current scope (SessionState.PSVariable.Set): a variable
                # of an outer scope is shadowed, not changed
                target = scope
                if not _guarded(self, lambda: rs.set_variable(name, None, target,  # noqa: B023
                                                              force=bool(self.Force))):
                    continue
                if self.PassThru:
                    yield _var_object(name, None, rs)


class AliasInfo:
    PS_TYPE_NAMES = ("System.Management.Automation.AliasInfo", "System.Management.Automation.CommandInfo",
                     "System.Object")
    PS_PROPERTIES = ("CommandType", "Name", "Version", "Source", "Definition", "ReferencedCommand", "DisplayName",
                     "Description", "Options", "ModuleName")

    def __init__(self, name: str, definition: str) -> None:
        self.CommandType = "Alias"
        self.Name = name
        self.Description = ""
        self.Options = "None"
        self.ModuleName = ""
        self.Definition = definition
        self.ReferencedCommand = definition
        self.Version = ""
        self.Source = ""
        self.DisplayName = f"{name} -> {definition}"

    def ps_to_string(self) -> str:
        return self.Name


def _aliases(rs: Any, scoped: bool = True) -> list[AliasInfo]:
    """The aliases seen here: built-in, global, and (with `scoped`) those of the current scope chain."""
    out = {k: AliasInfo(k, REGISTRY.commands[v.casefold()].name) for k, v in REGISTRY.aliases.items()
           if v.casefold() in REGISTRY.commands}
    meta = getattr(rs, "_alias_meta", {})
    owners = _alias_modules(rs)
    for k, v in rs.aliases.items():
        info = out[k.lower()] = AliasInfo(k, to_string(v))
        info.Description, info.Options = meta.get(k.lower(), ("", "None"))
        info.Source = info.ModuleName = owners.get(k.lower(), "")
    for entry, _ in reversed(aliasscope.visible(rs) if scoped else []):  # a scope's own alias hides an outer one (innermost last)
        info = out[entry.name.lower()] = AliasInfo(entry.name, entry.definition)
        info.Description, info.Options = entry.description, entry.options
    return sorted(out.values(), key=lambda a: a.Name.lower())


def _alias_modules(rs: Any) -> dict[str, str]:
    """Lower-cased alias name -> the loaded module that exported it (AliasInfo.Source / ModuleName)."""
    table = getattr(rs, "_ps_module_table", None)
    owners: dict[str, str] = {}
    for module in getattr(table, "loaded", ()):
        for name in module.aliases.keys():
            owners[str(name).lower()] = module.Name
    return owners


def _aliases_at(rs: Any, target: Any) -> list[AliasInfo]:
    """Get-Alias -Scope: the aliases defined in that one scope (the global one holds the built-in ones)."""
    if target is None:
        return _aliases(rs, scoped=False)
    out = []
    for entry in (aliasscope.scope_table(rs, target) or {}).values():
        info = AliasInfo(entry.name, entry.definition)
        info.Description, info.Options = entry.description, entry.options
        out.append(info)
    return sorted(out, key=lambda a: a.Name.lower())


def _no_alias(name: str) -> PyshellError:
    return PyshellError(f"This command cannot find a matching alias because an alias with the name '{name}' does "
                        "not exist.", error_id="ItemNotFoundException", category="ObjectNotFound", target=name,
                        reason="ItemNotFoundException")


def _check_alias_scope(cmdlet: Cmdlet, scope: str | None) -> None:
    """-Scope of the alias cmdlets: a scope name or a number of levels up that exists (aliases live globally)."""
    if scope is None or scope.lower() in ("global", "script", "local", "private"):
        return
    cls = f"Microsoft.PowerShell.Commands.{type(cmdlet).__name__}Command"
    try:
        level = int(scope)
    except ValueError:
        raise PyshellError(f"The scope '{scope}' is not valid. Use Global, Local, Script, Private or a number of "
                           "scopes up from the current one. (Parameter 'scopeID')", error_id=f"Argument,{cls}",
                           category="InvalidArgument", reason="PSArgumentException") from None
    depth, s = 0, cmdlet.runspace.scope
    while s.parent is not None:
        s, depth = s.parent, depth + 1
    if not 0 <= level <= depth:
        raise PyshellError(f"The scope number '{scope}' exceeds the number of active scopes. (Parameter 'scopeID')"
                           f"\nActual value was {scope}.", error_id=f"ArgumentOutOfRange,{cls}",
                           category="InvalidArgument", reason="PSArgumentOutOfRangeException")


@command("Get-Alias", aliases=("gal",))
class GetAlias(Cmdlet):
    """Gets the aliases of the session."""

    Name = Param("string[]", position=0, pipeline=True, by_property_name=True)
    Definition = Param("string[]")
    Exclude = Param("string[]")
    Scope = Param("string")

    def process(self) -> Iterable[Any]:
        _check_alias_scope(self, self.Scope)
        if self.is_bound("Name") and (not self.Name or any(n is None or n == "" for n in self.Name)):
            raise ParameterBindingError(
                "Cannot validate argument on parameter 'Name'. The argument is null or empty. Provide an argument "
                "that is not null or empty, and then try the command again.",
                error_id="ParameterArgumentValidationError", category="InvalidData")
        rs = self.runspace
        listed = _aliases(rs) if self.Scope is None else _aliases_at(rs, aliasstate.target_scope(rs, self.Scope))
        all_aliases = [a for a in listed if not any(like(a.Name, x) for x in self.Exclude or ())]
        if self.Definition:
            return [a for a in all_aliases if any(like(a.Definition, d) for d in self.Definition)]
        out: list[Any] = []
        for pattern in self.Name or ["*"]:
            found = [a for a in all_aliases if like(a.Name, pattern)]
            if not found and not any(c in pattern for c in "*?["):
                self.write_error(_no_alias(pattern))
            out.extend(found)
        return out


@command("Set-Alias", aliases=("sal",))
class SetAlias(Cmdlet):
    """Creates or changes an alias."""

    Name = Param("string", position=0, mandatory=True)
    Value = Param("string", position=1, mandatory=True)
    Scope = Param("string")
    Force = Param("switch")
    Option = Param("string")
    Description = Param("string")
    PassThru = Param("switch")

    def process(self) -> Iterable[Any]:
        _check_alias_scope(self, self.Scope)
        rs = self.runspace
        target = aliasstate.target_scope(rs, self.Scope)
        wanted = {x.lower() for x in (self.Option or "").replace(",", " ").split()}
        if (self.Scope or "").lower() == "private":
            wanted.add("private")  # -Scope Private: a local alias with the Private option
        options = ", ".join(o for o in _OPTION_ORDER if o.lower() in wanted) or "None"
        if not self._may_create(target):
            return ()
        try:
            aliasstate.write_alias(rs, target, self.Name, self.Value, self.Description or "", options,
                                   bool(self.Force))
        except PyshellError as e:
            self.write_error(e)  # a read-only/constant alias: non-terminating, as in pwsh
            return ()
        if not self.PassThru:
            return ()
        info = AliasInfo(self.Name, self.Value)
        info.Description, info.Options = self.Description or "", options
        return [info]

    def _may_create(self, target: Any) -> bool:
        return True


@command("New-Alias", aliases=("nal",))
class NewAlias(SetAlias):
    """Creates a new alias; one that exists in the target scope needs -Force."""

    def _may_create(self, target: Any) -> bool:
        existing = aliasstate.get_entry(self.runspace, target, self.Name)
        if existing is None or self.Force:
            return True
        self.write_error(PyshellError(f"Alias not allowed because an alias with the name '{self.Name}' already "
                                      "exists.", error_id="AliasAlreadyExists", category="ResourceExists",
                                      target=self.Name, reason="SessionStateException"))
        return False


def _alias_file(cmdlet: Cmdlet, path: str, literal: bool, *, multiple_id: str, category: str) -> str:
    """The one file -Path names (a wildcard matching several files is an error, as in pwsh)."""
    import glob
    import os

    full = cmdlet.runspace.resolve_path(path if literal else path.replace("\\", "/"))  # `\` separates too
    if not literal and any(c in path for c in "*?["):
        hits = sorted(glob.glob(full))
        if len(hits) > 1:
            raise PyshellError(f"The path '{path}' resolved to multiple files. Only one file can be specified.",
                               error_id=multiple_id, category=category, target=path)
        if hits:
            full = hits[0]
    return os.path.normpath(full)


def _csv_fields(line: str) -> list[str]:
    """The quoted/unquoted comma-separated fields of one alias-file line (`""` is a quote inside quotes)."""
    fields: list[str] = []
    i, n = 0, len(line)
    while i <= n:
        if i < n and line[i] == '"':
            i += 1
            buf = []
            while i < n:
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        buf.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                buf.append(line[i])
                i += 1
            end = line.find(",", i)
            fields.append("".join(buf))
        else:
            end = line.find(",", i)
            fields.append(line[i : end if end >= 0 else n].strip())
        if end < 0:
            break
        i = end + 1
    return fields


@command("Export-Alias", aliases=("epal",), default_set="ByPath")
class ExportAlias(Cmdlet):
    """Exports the aliases to a file: CSV lines "name","definition","description","options" or Set-Alias calls."""

    Path = Param("string", position=0, mandatory=True, sets=("ByPath",))
    LiteralPath = Param("string", mandatory=True, aliases=("PSPath", "LP"), sets=("ByLiteralPath",))
    Name = Param("string[]", position=1)
    PassThru = Param("switch")
    As = Param("string", validate_set=("Csv", "Script"))
    Append = Param("switch")
    Force = Param("switch")
    NoClobber = Param("switch", aliases=("NoOverwrite",))
    Description = Param("string")
    Scope = Param("string")

    def end(self) -> Iterable[Any]:
        import datetime
        import getpass
        import os
        import socket
        import stat

        _check_alias_scope(self, self.Scope)
        literal = self.is_bound("LiteralPath")
        path = _alias_file(self, self.LiteralPath if literal else self.Path, literal,
                           multiple_id="ReadWriteMultipleFilesNotSupported", category="InvalidArgument")
        chosen = [a for a in _aliases(self.runspace) if any(like(a.Name, n) for n in self.Name or ["*"])]
        script = (self.As or "Csv").lower() == "script"
        lines = ["# Alias File", f"# Exported by : {getpass.getuser()}",
                 f"# Date/Time : {datetime.datetime.now().strftime('%A, %B %d, %Y %I:%M:%S %p')}",
                 f"# Computer : {socket.gethostname()}"]
        lines += [f"# {d}" for d in (self.Description or "").splitlines()] if self.Description else []
        for a in chosen:
            if script:
                lines.append(f'set-alias -Name:"{a.Name}" -Value:"{a.Definition}" -Description:"{a.Description}" '
                             f'-Option:"{a.Options}"')
            else:
                cells = (a.Name, a.Definition, a.Description, a.Options)
                lines.append(",".join('"' + to_string(c).replace('"', '""') + '"' for c in cells))
        exists = os.path.exists(path)
        if exists and self.NoClobber and not self.Append:
            raise PyshellError(f"The file '{path}' already exists.", error_id="NoClobber", category="ResourceExists",
                               target=path)
        if exists and not os.stat(path).st_mode & 0o222:
            if not self.Force:  # read-only (root could write it anyway: pwsh refuses without -Force)
                raise PyshellError(f"Access to the path '{path}' is denied.", error_id="FileOpenFailure",
                                   category="OpenError", target=path)
            os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)
        try:
            with open(path, "a" if self.Append else "w", encoding="utf-8", newline="") as fh:
                fh.write("".join(line + "\n" for line in lines))
        except OSError as exc:
            raise PyshellError(f"Access to the path '{path}' is denied. {exc.strerror or ''}".strip(),
                               error_id="FileOpenFailure", category="OpenError", target=path) from None
        return chosen if self.PassThru else []


@command("Import-Alias", aliases=("ipal",), default_set="ByPath")
class ImportAlias(Cmdlet):
    """Imports aliases from an Export-Alias file (CSV lines; `#` lines are comments)."""

    Path = Param("string", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("ByPath",))
    LiteralPath = Param("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("ByLiteralPath",))
    Scope = Param("string")
    PassThru = Param("switch")
    Force = Param("switch")

    def process(self) -> Iterable[Any]:
        _check_alias_scope(self, self.Scope)
        literal = self.is_bound("LiteralPath")
        path = _alias_file(self, self.LiteralPath if literal else self.Path, literal, multiple_id="NotSupported",
                           category="InvalidOperation")
        try:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError:
            raise PyshellError(f"Cannot find path '{path}' because it does not exist.", error_id="PathNotFound",
                               category="ObjectNotFound", target=path) from None
        rs = self.runspace
        existing = {a.Name.lower() for a in _aliases(rs)}
        out: list[Any] = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = _csv_fields(line)
            if len(fields) != 4:
                raise PyshellError(f"Cannot import the alias because line {number} of the alias file '{path}' does "
                                   "not contain the expected number of values (4).",
                                   error_id="ImportAliasFileFormatError", category="ReadError", target=path)
            name, definition, description, options = fields
            if name.lower() in existing and not self.Force:
                self.write_error(PyshellError(f"Alias not allowed because an alias with the name '{name}' already "
                                              "exists.", error_id="AliasAlreadyExists", category="ResourceExists",
                                              target=name, reason="SessionStateException"))
                continue
            rs.aliases[name] = definition
            if not hasattr(rs, "_alias_meta"):
                rs._alias_meta = {}
            rs._alias_meta[name.lower()] = (description, options or "None")
            if self.PassThru:
                info = AliasInfo(name, definition)
                info.Description, info.Options = description, options or "None"
                out.append(info)
        return out


@command("Get-Help", aliases=("help",))
class GetHelp(Cmdlet):
    """Shows help generated from a command's parameter metadata."""

    Name = Param("string", position=0)
    Parameter = Param("string")
    Full = Param("switch")
    Detailed = Param("switch")
    Examples = Param("switch")

    def process(self) -> Iterable[Any]:
        if not self.Name:
            return [_GENERAL_HELP]
        rs = self.runspace
        res = rs.resolve_command(self.Name)
        if res is None or res[0] != "cmdlet":
            if res is not None and res[0] == "function":
                fn = res[1]
                return [f"\nNAME\n    {fn.Name}\n\nSYNTAX\n    {fn.Name} [<parameters>]\n"]
            raise PyshellError(f"Get-Help could not find {self.Name} in a help file in this session.",
                               error_id="HelpNotFound", category="ResourceUnavailable", target=self.Name,
                               reason="HelpNotFoundException")
        cls = res[1]
        if self.Parameter:
            return [_param_help(cls, n, p) for n, p in cls.params.items() if like(n, self.Parameter)]
        lines = ["", "NAME", f"    {cls.name}", "", "SYNOPSIS", f"    {cls.synopsis()}", "", "SYNTAX",
                 "\n\n".join("    " + line for line in syntax_text(cls).strip().split("\n\n")), ""]
        if cls.aliases:
            lines += ["ALIASES", "    " + "\n    ".join(cls.aliases), ""]
        if self.Full or self.Detailed:
            lines += ["PARAMETERS"]
            for n, p in cls.params.items():
                lines.append(_param_help(cls, n, p))
            lines += ["    <CommonParameters>", "        This cmdlet supports the common parameters: "
                      + ", ".join(COMMON_PARAMETERS) + ".", ""]
        lines += ["REMARKS", f"    For more information, type: \"Get-Help {cls.name} -Full\".", ""]
        return ["\n".join(lines)]


def _param_help(cls: type[Cmdlet], name: str, p: Param) -> str:
    t = "" if p.is_switch else f" <{p.type}>"
    out = [f"    -{name}{t}"]
    if p.help:
        out.append(f"        {p.help}")
    out += [
        "",
        f"        Required?                    {str(p.mandatory).lower()}",
        f"        Position?                    {p.position if p.position is not None else 'named'}",
        f"        Accept pipeline input?       {_pipe_text(p)}",
        f"        Parameter set name           {', '.join(p.sets) if p.sets else '(All)'}",
        f"        Aliases                      {', '.join(p.aliases) if p.aliases else 'None'}",
        "",
    ]
    return "\n".join(out)


def _pipe_text(p: Param) -> str:
    kinds = []
    if p.pipeline:
        kinds.append("ByValue")
    if p.by_property_name:
        kinds.append("ByPropertyName")
    return f"true ({', '.join(kinds)})" if kinds else "false"


_GENERAL_HELP = """
TOPIC
    pyshell Help System

SHORT DESCRIPTION
    Displays help about pyshell cmdlets and concepts.

LONG DESCRIPTION
    Get-Help <cmdlet-name>          Shows the syntax and parameters of a cmdlet.
    Get-Help <cmdlet-name> -Full    Adds every parameter's details.
    Get-Command                     Lists the commands of the session.
"""
