"""Script modules: Import-Module, Get-Module, Remove-Module, New-Module, Export-ModuleMember.

The loading itself lives in engine/moduleload.py; these cmdlets bind parameters and report errors
as pwsh does.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.calculated import wildcard_match
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.modules import PSModuleInfo, current_module, module_table
from pyshell.engine.objects import enumerate_value, unwrap
from pyshell.errors import PyshellError

__all__ = ["ImportModule", "GetModule", "RemoveModule", "NewModule", "ExportModuleMember"]


def _names(value: Any) -> list[str]:
    return [to_string(v) for v in enumerate_value(value)] if value is not None else []


def _not_found(name: str) -> PyshellError:
    return PyshellError(f"The specified module '{name}' was not loaded because no valid module file was found in "
                        f"any module directory.", error_id="Modules_ModuleNotFound", category="ResourceUnavailable",
                        target=name)


def _builtin_by_path(rs: Any, name: str) -> PSModuleInfo | None:
    """One of pwsh's own modules named by its folder or manifest under $PSHOME/Modules (trailing separator
    or not)."""
    import os

    from pyshell.engine.builtin_modules import builtin_module
    from pyshell.engine.modules import _pshome

    try:
        full = os.path.normpath(rs.resolve_path(name.replace("\\", "/")))
    except Exception:  # noqa: BLE001 - an unresolvable path is simply not a built-in module
        return None
    if full.lower().endswith(".psd1"):
        full = os.path.dirname(full)
    if os.path.dirname(full) != os.path.join(_pshome(), "Modules"):
        return None
    return builtin_module(os.path.basename(full))


@command("Import-Module", aliases=("ipmo",), default_set="Name")
class ImportModule(Cmdlet):
    """Adds modules (script files, manifests or module folders) to the current session."""

    #: names, paths, or PSModuleInfo objects (Get-Module -ListAvailable X | Import-Module)
    Name = Param("object[]", position=0, mandatory=True, pipeline=True, sets=("Name",))
    ModuleInfo = Param("object[]", mandatory=True, sets=("ModuleInfo",))
    Global = Param("switch")
    Prefix = Param("string")
    Function = Param("string[]")
    Cmdlet = Param("string[]")
    Variable = Param("string[]")
    Alias = Param("string[]")
    Force = Param("switch")
    PassThru = Param("switch")
    AsCustomObject = Param("switch")
    MinimumVersion = Param("version", aliases=("Version",))
    MaximumVersion = Param("string")
    RequiredVersion = Param("version")
    ArgumentList = Param("object[]", aliases=("Args",))
    DisableNameChecking = Param("switch")
    NoClobber = Param("switch", aliases=("NoOverwrite",))
    Scope = Param("string", validate_set=("Local", "Global"))
    SkipEditionCheck = Param("switch")

    def _target_scope(self) -> Any:
        rs = self.runspace
        if self.Global or self.Scope == "Global":
            return rs.global_scope
        if self.Scope == "Local":
            return rs.scope
        importer = current_module(rs)
        if importer is not None and importer.scope is not None:
            return importer.scope  # a module importing another keeps it to itself (nested)
        return rs.global_scope

    def process(self) -> Iterator[Any]:
        from pyshell.engine.moduleload import NotFound, VersionSpec, find_module_file, load_module

        rs = self.runspace
        table = module_table(rs)
        versions = VersionSpec(self.RequiredVersion, self.MinimumVersion, self.MaximumVersion)
        if self.parameter_set_name == "ModuleInfo":
            for info in self.ModuleInfo or []:
                info = unwrap(info)
                if isinstance(info, PSModuleInfo):
                    yield from self._import(info, [])
            return
        for item in self.Name or []:
            item = unwrap(item)
            if isinstance(item, PSModuleInfo) and (item.scope is not None and not item.Path
                                                   or item in table.loaded and not self.Force):
                yield from self._import(item, [])  # a loaded or dynamic (New-Module) module: just import it
                continue
            name = item.Path if isinstance(item, PSModuleInfo) and item.Path else to_string(item)
            builtin = self._builtin(name)
            if builtin is not None:
                yield from self._import(builtin, [])
                continue
            try:
                path = find_module_file(rs, name, versions)
            except NotFound:
                self.write_error(_not_found(name) if versions.any else versions.not_found(name))
                continue
            existing = table.find(path)
            if existing is not None and not self.Force:
                yield from self._import(existing, [])
                continue
            if existing is not None:
                from pyshell.engine.moduleload import remove_module

                remove_module(rs, existing)
            output: list[Any] = []
            try:
                module = load_module(rs, path, list(self.ArgumentList or []), output)
            except PyshellError as e:
                if e.error_id != "Modules_InvalidManifest":
                    raise
                yield from output
                self.write_error(e)  # a manifest that cannot be honoured fails this module only, as in pwsh
                continue
            table.add(module)
            yield from self._import(module, output)

    def _builtin(self, name: str) -> PSModuleInfo | None:
        """pwsh's own modules (Microsoft.PowerShell.Utility...): their cmdlets are built in, so importing one
        only lists it as loaded."""
        from pyshell.engine.builtin_modules import builtin_module

        existing = module_table(self.runspace).find(name)
        if existing is not None and existing.builtin:
            return existing
        if "/" not in name and "\\" not in name:
            return builtin_module(name)
        return _builtin_by_path(self.runspace, name)

    def _import(self, module: PSModuleInfo, output: list[Any]) -> Iterator[Any]:
        from pyshell.engine.moduleload import import_members

        yield from output
        module_table(self.runspace).add(module)
        import_members(self.runspace, module, self._target_scope(), prefix=to_string(self.Prefix or ""),
                       functions=_names(self.Function) if self.is_bound("Function") else None,
                       variables=_names(self.Variable) if self.is_bound("Variable") else None,
                       aliases=_names(self.Alias) if self.is_bound("Alias") else None)
        if self.Prefix:
            module.Prefix = to_string(self.Prefix)
        if self.AsCustomObject:
            yield custom_object(self.runspace, module)
        elif self.PassThru:
            yield module


@command("Get-Module", aliases=("gmo",), default_set="Loaded")
class GetModule(Cmdlet):
    """Gets the modules imported in the session, or with -ListAvailable those that can be imported."""

    Name = Param("string[]", position=0, pipeline=True)
    All = Param("switch", sets=("Loaded", "Available"))
    ListAvailable = Param("switch", mandatory=True, sets=("Available",))
    Refresh = Param("switch", sets=("Available",))
    FullyQualifiedName = Param("object[]")

    def end(self) -> Iterator[Any]:
        rs = self.runspace
        if self.ListAvailable:
            from pyshell.engine.moduleload import available_modules

            modules = available_modules(rs)
        else:
            modules = list(module_table(rs).loaded)
            if self.All:
                nested = [n for m in modules for n in m.NestedModules if n not in modules]
                modules = modules + nested
        patterns = _names(self.Name) if self.is_bound("Name") else None
        for module in modules:
            if patterns is None or any(wildcard_match(p, module.Name) for p in patterns):
                yield module


@command("Remove-Module", aliases=("rmo",), default_set="name")
class RemoveModule(Cmdlet):
    """Removes modules (and the members they exported) from the session."""

    Name = Param("object[]", position=0, mandatory=True, pipeline=True, sets=("name",))
    FullyQualifiedName = Param("object[]", mandatory=True, pipeline=True, sets=("FullyQualifiedName",))
    ModuleInfo = Param("object[]", mandatory=True, sets=("ModuleInfo",))
    Force = Param("switch")

    def begin(self) -> Iterable[Any]:
        self._removed = 0
        self._asked = False  #: a module was named without wildcards (only then is removing none an error)
        return ()

    def process(self) -> Iterator[Any]:
        from pyshell.engine.moduleload import remove_module

        rs = self.runspace
        loaded = list(module_table(rs).loaded)
        targets: list[PSModuleInfo] = []
        if self.parameter_set_name == "ModuleInfo":
            targets = [m for m in (unwrap(x) for x in self.ModuleInfo or []) if isinstance(m, PSModuleInfo)]
            targets = [m for m in targets if m in loaded]
            self._asked = True
        else:
            for item in (unwrap(x) for x in enumerate_value(self.Name)):
                if isinstance(item, PSModuleInfo):
                    if item in loaded and item not in targets:
                        targets.append(item)
                    continue
                name = to_string(item)
                self._asked = self._asked or not any(c in name for c in "*?[")
                targets.extend(m for m in loaded if wildcard_match(name, m.Name) and m not in targets)
        for module in targets:
            remove_module(rs, module)
            self._removed += 1
        return iter(())

    def end(self) -> Iterable[Any]:
        if not self._removed and self._asked:
            self.write_error(PyshellError(
                "No modules were removed. Verify that the specification of modules to remove is correct and those "
                "modules exist in the runspace.", error_id="Modules_NoModulesRemoved",
                category="ResourceUnavailable"))
        return ()


@command("New-Module", aliases=("nmo",))
class NewModule(Cmdlet):
    """Creates a dynamic module from a script block; its exported functions join the session."""

    Name = Param("object", position=0)
    ScriptBlock = Param("scriptblock", position=1)
    Function = Param("string[]")
    Cmdlet = Param("string[]")
    ReturnResult = Param("switch")
    AsCustomObject = Param("switch")
    ArgumentList = Param("object[]", aliases=("Args",), remaining=True)

    def end(self) -> Iterator[Any]:
        from pyshell.engine.moduleload import finish_exports, import_members, run_in_module
        from pyshell.engine.scriptblock import ScriptBlock

        rs = self.runspace
        name_arg, sb = self.Name, self.ScriptBlock
        if isinstance(unwrap(name_arg), ScriptBlock) and sb is None:
            name_arg, sb = None, unwrap(name_arg)  # New-Module { ... }: the block is the first positional
        if sb is None:
            raise PyshellError("Cannot process command because of one or more missing mandatory parameters: "
                               "ScriptBlock.", error_id="MissingMandatoryParameter", category="InvalidArgument")
        name = to_string(name_arg) if name_arg is not None else f"__DynamicModule_{uuid.uuid4()}"
        module = PSModuleInfo(name, "", "Script")
        module.Definition = sb.text
        output = run_in_module(rs, module, sb, list(self.ArgumentList or []))
        finish_exports(rs, module)
        if self.is_bound("Function"):
            patterns = _names(self.Function)
            for fname in [n for n in module.functions.keys() if not any(wildcard_match(p, str(n)) for p in patterns)]:
                del module.functions[fname]
        if self.ReturnResult:
            yield from output
            return
        if self.AsCustomObject:
            yield custom_object(rs, module)
            return
        import_members(rs, module, rs.global_scope)
        yield module


def custom_object(rs: Any, module: PSModuleInfo) -> Any:
    """-AsCustomObject: a PSCustomObject whose script methods are the exported functions and whose note
    properties are the exported variables."""
    from pyshell.engine.objects import PSObject

    obj = PSObject([], ["System.Management.Automation.PSCustomObject", "System.Object"])
    for vname, value in module.variables.items():
        obj.properties[str(vname)] = value
    from pyshell.engine.script_members import ScriptMethodMember

    for fname, fn in module.functions.items():
        obj.properties[str(fname)] = ScriptMethodMember(str(fname), fn.ScriptBlock, rs)
    return obj


@command("Export-ModuleMember")
class ExportModuleMember(Cmdlet):
    """Says which of a script module's functions, variables and aliases its importers see."""

    Function = Param("string[]", position=0, pipeline=True, by_property_name=True)
    Cmdlet = Param("string[]")
    Variable = Param("string[]")
    Alias = Param("string[]")

    def process(self) -> Iterator[Any]:
        module = current_module(self.runspace)
        if module is None:
            raise PyshellError("The Export-ModuleMember cmdlet can only be called from inside a module.",
                               error_id="Modules_CanOnlyExecuteExportModuleMemberInsideAModule",
                               category="PermissionDenied")
        spec = module.export_spec
        if spec is None:
            spec = module.export_spec = {"Function": [], "Variable": [], "Alias": []}
        for key in ("Function", "Variable", "Alias"):
            if self.is_bound(key):
                spec[key].extend(_names(getattr(self, key)))
        return iter(())
