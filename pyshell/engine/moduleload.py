"""Finding, loading, exporting and importing script modules (.psm1, .ps1, .psd1 manifests and
New-Module's dynamic modules); the cmdlets in commands/modules.py are thin wrappers over this."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable
from typing import Any

from pyshell.engine.calculated import wildcard_match
from pyshell.engine.conversions import to_string
from pyshell.engine.modules import (
    PSModuleInfo,
    _version,
    module_search_path,
    module_table,
    new_module_scope,
)
from pyshell.engine.objects import MISSING, Hashtable, enumerate_value
from pyshell.errors import PyshellError

__all__ = ["VersionSpec", "file_version", "find_module_file", "load_module", "import_members", "remove_module", "available_modules",
           "read_manifest", "run_in_module", "finish_exports", "NotFound"]

_EXTENSIONS = (".psd1", ".psm1", ".ps1")


class NotFound(Exception):
    """No module file matched the name or path given to Import-Module."""


# -- finding ------------------------------------------------------------------------------------

class VersionSpec:
    """-RequiredVersion / -MinimumVersion / -MaximumVersion of Import-Module (None: any version)."""

    def __init__(self, required: Any = None, minimum: Any = None, maximum: Any = None) -> None:
        from pyshell.engine.version import to_version

        self.required = to_version(required) if required not in (None, "") else None
        self.minimum = to_version(minimum) if minimum not in (None, "") else None
        self.maximum = to_version(maximum) if maximum not in (None, "") else None

    @property
    def any(self) -> bool:
        return self.required is None and self.minimum is None and self.maximum is None

    def accepts(self, version: Any) -> bool:
        from pyshell.engine.version import to_version

        try:
            v = to_version(version)
        except Exception:  # noqa: BLE001 - a module without a readable version never matches a constraint
            return self.any
        if self.required is not None and v != self.required:
            return False
        if self.minimum is not None and v < self.minimum:
            return False
        return not (self.maximum is not None and v > self.maximum)

    def not_found(self, name: str) -> PyshellError:
        """pwsh's Modules_ModuleWithVersionNotFound message for the constraint given."""
        if self.required is not None:
            detail = f"with version '{self.required.ToString()}'"
        elif self.minimum is not None and self.maximum is not None:
            detail = (f"with version range '{self.minimum.ToString()}' - '{self.maximum.ToString()}'")
        elif self.minimum is not None:
            detail = f"with version '{self.minimum.ToString()}'"
        else:
            detail = f"with version '{self.maximum.ToString()}'"  # type: ignore[union-attr]
        return PyshellError(f"The specified module '{name}' {detail} was not loaded because no valid module file "
                            f"was found in any module directory.", error_id="Modules_ModuleWithVersionNotFound",
                            category="ResourceUnavailable", target=name)


def file_version(rs: Any, path: str) -> str:
    """A module file's version: its manifest's ModuleVersion, else 0.0."""
    if path.lower().endswith(".psd1"):
        try:
            value = read_manifest(rs, path).get("ModuleVersion")
        except PyshellError:
            return "0.0"
        return to_string(value) if value is not None else "0.0"
    return "0.0"


def _entry(folder: str, name: str, want_dir: bool) -> str | None:
    """<folder>/<name> matched without regard to case (pwsh finds module folders and files that way on every
    platform), the exact spelling first."""
    exact = os.path.join(folder, name)
    if os.path.isdir(exact) if want_dir else os.path.isfile(exact):
        return exact
    try:
        entries = os.listdir(folder)
    except OSError:
        return None
    key = name.casefold()
    for entry in sorted(entries):
        full = os.path.join(folder, entry)
        if entry.casefold() == key and (os.path.isdir(full) if want_dir else os.path.isfile(full)):
            return full
    return None


def _in_folder(folder: str, name: str, accept: Any = None) -> str | None:
    """<folder>/<name>.psd1|.psm1, else the newest <folder>/<version>/<name>.psd1|.psm1 (that `accept`s)."""
    found = _in_folder_flat(folder, name)
    if found and (accept is None or accept(found)):
        return found
    try:
        versions = [e for e in os.listdir(folder) if os.path.isdir(os.path.join(folder, e)) and e[:1].isdigit()]
    except OSError:
        return None

    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) if p.isdigit() else 0 for p in v.split("."))

    for version in sorted(versions, key=key, reverse=True):
        found = _in_folder_flat(os.path.join(folder, version), name)
        if found and (accept is None or accept(found)):
            return found
    return None


def _in_folder_flat(folder: str, name: str) -> str | None:
    for ext in (".psd1", ".psm1"):
        candidate = _entry(folder, name + ext, False)
        if candidate:
            return candidate
    return None


def find_module_file(rs: Any, name: str, versions: VersionSpec | None = None) -> str:
    """The file Import-Module loads for `name`: a path (file, or folder holding <leaf>.psd1/.psm1), or a
    module name looked up in each $env:PSModulePath folder (of a version `versions` accepts). Raises NotFound."""
    if versions is not None and not versions.any:
        found = _find(rs, name, lambda p: versions.accepts(file_version(rs, p)))
        if found is None:
            raise NotFound(name)
        return found
    found = _find(rs, name, None)
    if found is None:
        raise NotFound(name)
    return found


def _find(rs: Any, name: str, accept: Any) -> str | None:
    is_path = "/" in name or "\\" in name or name.startswith(".") or name.startswith("~") \
        or name.lower().endswith(_EXTENSIONS)
    if is_path:
        full = rs.resolve_path(name.replace("\\", "/"))
        if os.path.isfile(full) and full.lower().endswith(_EXTENSIONS):
            return full if accept is None or accept(full) else None
        if os.path.isdir(full):
            found = _in_folder(full, os.path.basename(full.rstrip("/")), accept)
            if found:
                return found
        for ext in (".psd1", ".psm1"):  # Import-Module ./mymod finds ./mymod.psm1
            if os.path.isfile(full + ext) and (accept is None or accept(full + ext)):
                return full + ext
        return None
    for folder in module_search_path():
        sub = _entry(folder, name, True)
        found = _in_folder(sub, os.path.basename(sub), accept) if sub else None
        if found:
            return found
    return None


# -- loading ------------------------------------------------------------------------------------

def run_in_module(rs: Any, module: PSModuleInfo, sb: Any, args: Iterable[Any], path: str = "",
                  nested: Iterable[PSModuleInfo] = ()) -> list[Any]:
    """Run a module's script (a file's block, or New-Module's) in the module's own script scope, the
    exports of its nested modules visible there."""
    from pyshell.engine.binder import Argument
    from pyshell.engine.pipeline import ScriptStage

    scope = new_module_scope(rs)
    module.scope = scope
    table = module_table(rs)
    table.by_scope[id(scope)] = module
    for inner in nested:
        for fname, fn in inner.functions.items():
            scope.functions[fname] = fn
        for vname, value in inner.variables.items():
            scope.variables[vname] = value
    table.loading.append(module)
    before = {str(k).casefold() for k in rs.aliases.keys()}
    out: list[Any] = []
    try:
        with rs.in_scope(scope):
            stage = ScriptStage(rs.evaluator, sb, [Argument(None, a) for a in args], path, False,
                                new_scope=False, is_script=bool(path), catch_exit=True)
            out.extend(stage.begin())
            out.extend(stage.run(None))
    finally:
        table.loading.pop()
        # aliases the module made are its own: the session sees only the exported ones (import_members)
        for alias in [k for k in rs.aliases.keys() if str(k).casefold() not in before]:
            module.defined_aliases[str(alias)] = to_string(rs.aliases[alias])
            del rs.aliases[alias]
    return out


def _matches(name: str, patterns: Iterable[str] | None) -> bool:
    if patterns is None:
        return True
    return any(wildcard_match(p, name) for p in patterns)


def finish_exports(rs: Any, module: PSModuleInfo) -> None:
    """Decide the module's exported members after its script ran, and bind its functions to its scope."""
    scope = module.scope
    if scope is None:
        return
    spec = module.export_spec
    for _name, fn in list(scope.functions.items()):
        if getattr(fn, "_ps_module", None) is None:
            bind_function(fn, module)
        if spec is None or _matches(fn.Name, spec.get("Function", [])):
            module.functions[fn.Name] = fn
    if spec is not None:
        for name, value in list(scope.variables.items()):
            if _matches(str(name), spec.get("Variable", [])) and spec.get("Variable"):
                module.variables[str(name)] = value
        for pattern in spec.get("Alias", []):
            for alias, target in list(module.defined_aliases.items()):
                if wildcard_match(pattern, str(alias)):
                    module.aliases[str(alias)] = to_string(target)
    _filter_manifest_exports(module)


def bind_function(fn: Any, module: PSModuleInfo) -> None:
    """Make a module's function run in the module's scope and report the module as its source."""
    block = fn.ScriptBlock.copy()
    block.closure_scope = module.scope
    fn.ScriptBlock = block
    fn.Source = module.Name
    fn._ps_module = module
    fn._ps_notes = Hashtable([("Module", module), ("ModuleName", module.Name)])


def read_manifest(rs: Any, path: str) -> Hashtable:
    """The hashtable a .psd1 file holds (evaluated as a data section would be)."""
    from pyshell.engine.scriptblock import ScriptBlock

    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    try:
        out = rs.invoke(ScriptBlock.create(text, path))
    except PyshellError as e:
        raise PyshellError(f"The module manifest '{path}' could not be processed because it is not a valid "
                           f"PowerShell restricted language file. Remove the elements that are not permitted by "
                           f"the restricted language: {e}", error_id="Modules_InvalidManifest",
                           category="InvalidData", target=path) from None
    value = out[0] if len(out) == 1 else None
    if not isinstance(value, Hashtable):
        raise PyshellError(f"The module manifest '{path}' could not be processed because it is not a valid "
                           f"PowerShell module manifest file. Remove the elements that are not permitted: "
                           f"It must contain a single hashtable.", error_id="Modules_InvalidManifest",
                           category="InvalidData", target=path)
    return value


def _string_list(value: Any) -> list[str] | None:
    if value is None or value is MISSING:
        return None
    return [to_string(v) for v in enumerate_value(value)]


def _manifest_info(rs: Any, path: str, data: Hashtable) -> PSModuleInfo:
    name = os.path.splitext(os.path.basename(path))[0]
    module = PSModuleInfo(name, path, "Manifest")
    root = data.get("RootModule") or data.get("ModuleToProcess")
    module.RootModule = to_string(root) if root else ""
    if data.get("ModuleVersion") is not None:
        module.Version = _version(to_string(data.get("ModuleVersion")))
    for key, attr in (("Description", "Description"), ("Author", "Author"), ("CompanyName", "CompanyName"),
                      ("Copyright", "Copyright")):
        if data.get(key) is not None:
            setattr(module, attr, to_string(data.get(key)))
    if data.get("GUID") is not None:
        module.Guid = to_string(data.get("GUID"))
    module.PrivateData = data.get("PrivateData")
    module.manifest_filter = {k: v for k in ("FunctionsToExport", "VariablesToExport", "AliasesToExport")
                              if (v := _string_list(data.get(k))) is not None}
    return module


def load_module(rs: Any, path: str, args: Iterable[Any] = (), output: list[Any] | None = None) -> PSModuleInfo:
    """Load the module file at `path` (not yet imported anywhere); its script's output goes to `output`."""
    lower = path.lower()
    sink = output if output is not None else []
    if lower.endswith(".psd1"):
        data = read_manifest(rs, path)
        module = _manifest_info(rs, path, data)
        base = os.path.dirname(path)
        module.RequiredModules = _required_modules(rs, path, data.get("RequiredModules"), sink)
        _scripts_to_process(rs, module, base, data, sink)
        nested: list[PSModuleInfo] = []
        for item in _string_list(data.get("NestedModules")) or []:
            nested.append(load_module(rs, _relative_module(rs, base, item), (), sink))
        module.NestedModules = nested
        if module.RootModule:
            root_path = _relative_module(rs, base, module.RootModule)
            same = next((i for i, n in enumerate(nested) if n.Path and os.path.samefile(n.Path, root_path)), None)
            if same is not None:
                # the root module is also listed as nested (a circular manifest): pwsh loads it once, and the
                # module it returns is that nested entry
                inner = nested[same]
                module.ModuleType = inner.ModuleType
                module.scope = inner.scope
                module.Definition = inner.Definition
                module.functions = inner.functions
                module.variables = inner.variables
                module.aliases = inner.aliases
                nested[same] = module
                if module.scope is not None:
                    module_table(rs).by_scope[id(module.scope)] = module
                for fn in module.functions.values():
                    bind_function(fn, module)
                _filter_manifest_exports(module)
                return module
            if root_path.lower().endswith((".psm1", ".ps1")):
                module.ModuleType = "Script"
                sb = rs.load_script_file(root_path)
                module.Definition = sb.text
                sink.extend(_run_with_nested(rs, module, sb, args, root_path, nested))
            elif root_path.lower().endswith(".psd1"):
                inner = load_module(rs, root_path, args, sink)
                module.ModuleType = inner.ModuleType
                module.scope = inner.scope
                module.functions = inner.functions
                module.variables = inner.variables
                module.aliases = inner.aliases
        else:
            _run_with_nested(rs, module, None, args, "", nested)
        finish_exports(rs, module)
        return module
    name = os.path.splitext(os.path.basename(path))[0]
    module = PSModuleInfo(name, path, "Script")
    sb = rs.load_script_file(path)
    module.Definition = sb.text
    sink.extend(run_in_module(rs, module, sb, args, path))
    finish_exports(rs, module)
    return module


def _required_modules(rs: Any, manifest: str, value: Any, sink: list[Any]) -> list[PSModuleInfo]:
    """RequiredModules: each is imported into the global session first (loaded unless it already is); a
    relative path is taken from the manifest's folder."""
    table = module_table(rs)
    out: list[PSModuleInfo] = []
    if value is None or value is MISSING:
        return out
    base = os.path.dirname(manifest)
    for spec in enumerate_value(value):
        spec_name = to_string(spec.get("ModuleName")) if isinstance(spec, Hashtable) else to_string(spec)
        versions = VersionSpec(spec.get("RequiredVersion"), spec.get("ModuleVersion"), spec.get("MaximumVersion")) \
            if isinstance(spec, Hashtable) else None
        name = spec_name
        if ("/" in name or "\\" in name) and not os.path.isabs(name.replace("\\", "/")):
            name = os.path.join(base, name.replace("\\", "/"))
        existing = table.find(name)
        if existing is None or (versions is not None and not versions.accepts(existing.Version)):
            from pyshell.engine.builtin_modules import builtin_module

            existing = builtin_module(name)
            if existing is None:
                try:
                    found = find_module_file(rs, name, versions)
                except NotFound:
                    raise PyshellError(f"The required module '{spec_name}' is not loaded. Load the module or remove "
                                       f"the module from 'RequiredModules' in the file '{manifest}'.",
                                       error_id="Modules_InvalidManifest", category="ResourceUnavailable",
                                       target=manifest) from None
                existing = table.find(found) or load_module(rs, found, (), sink)
            table.add(existing)
            import_members(rs, existing, rs.global_scope)
        out.append(existing)
    return out


def _scripts_to_process(rs: Any, module: PSModuleInfo, base: str, data: Hashtable, sink: list[Any]) -> None:
    """ScriptsToProcess: run (dot-sourced) in the importer's scope before the module itself loads."""
    from pyshell.engine.pipeline import ScriptStage

    scripts = _string_list(data.get("ScriptsToProcess")) or []
    module.Scripts = []
    for item in scripts:
        full = item.replace("\\", "/") if os.sep == "/" else item
        full = full if os.path.isabs(full) else os.path.join(base, full)
        if not os.path.isfile(full):
            raise PyshellError(f"The script '{item}' listed in 'ScriptsToProcess' of module manifest "
                               f"'{module.Path}' was not found.", error_id="Modules_InvalidManifest",
                               category="ResourceUnavailable", target=module.Path)
        module.Scripts.append(full)
        sb = rs.load_script_file(full)
        stage = ScriptStage(rs.evaluator, sb, [], full, False, new_scope=False, is_script=True, catch_exit=True)
        sink.extend(stage.begin())
        sink.extend(stage.run(None))


def _filter_manifest_exports(module: PSModuleInfo) -> None:
    manifest = module.manifest_filter
    if manifest is None:
        return
    for key, table in (("FunctionsToExport", module.functions), ("VariablesToExport", module.variables),
                       ("AliasesToExport", module.aliases)):
        patterns = manifest.get(key)
        if patterns is not None:
            for name in [n for n in table.keys() if not _matches(str(n), patterns)]:
                del table[name]


def _run_with_nested(rs: Any, module: PSModuleInfo, sb: Any, args: Iterable[Any], path: str,
                     nested: list[PSModuleInfo]) -> list[Any]:
    """Run the root module with its nested modules' exports visible in its scope (and exported by it
    unless the manifest narrows them)."""
    from pyshell.engine.scriptblock import ScriptBlock

    block = sb if sb is not None else ScriptBlock.create("")
    out = run_in_module(rs, module, block, args, path, nested)
    if sb is None:
        module.export_spec = {"Function": ["*"], "Variable": ["*"], "Alias": ["*"]}
    return out


def _relative_module(rs: Any, base: str, item: str) -> str:
    candidate = item if os.path.isabs(item) else os.path.join(base, item)
    if os.path.isfile(candidate):
        return candidate
    for ext in (".psm1", ".psd1", ".ps1"):
        if os.path.isfile(candidate + ext):
            return candidate + ext
    try:
        return find_module_file(rs, item)
    except NotFound:
        raise PyshellError(f"The module to process '{item}', listed in field 'ModuleToProcess/RootModule' of "
                           f"module manifest '{base}' was not processed because no valid module was found in any "
                           f"module directory.", error_id="Modules_ModuleFileNotFound",
                           category="ResourceUnavailable", target=item) from None


# -- importing into a session state ----------------------------------------------------------------

def _prefixed(name: str, prefix: str) -> str:
    if not prefix:
        return name
    if "-" in name:
        verb, noun = name.split("-", 1)
        return f"{verb}-{prefix}{noun}"
    return prefix + name


def import_members(rs: Any, module: PSModuleInfo, scope: Any, *, prefix: str = "",
                   functions: list[str] | None = None, variables: list[str] | None = None,
                   aliases: list[str] | None = None) -> None:
    """Copy the module's exports into `scope` (the global scope unless -Scope Local)."""
    for name, fn in module.functions.items():
        if not _matches(str(name), functions):
            continue
        target = _prefixed(str(name), prefix)
        if target != name:
            fn = copy.copy(fn)
            fn.Name = target
        scope.functions[target] = fn
    for name, value in module.variables.items():
        if _matches(str(name), variables):
            scope.variables[str(name)] = value
    for name, target in module.aliases.items():
        if _matches(str(name), aliases):
            # an alias keeps its name; one for the module's own function follows that function's new name
            rs.aliases[str(name)] = _prefixed(target, prefix) if target in module.functions else target


def remove_module(rs: Any, module: PSModuleInfo) -> None:
    """Take the module's members out of the session (functions that are still the module's only)."""
    table = module_table(rs)
    table.remove(module)
    on_remove = module.OnRemove
    if on_remove is not None and hasattr(on_remove, "ast"):  # $ExecutionContext.SessionState.Module.OnRemove
        rs.invoke(on_remove, args=[module])
    scopes = []
    scope = rs.scope
    while scope is not None:
        scopes.append(scope)
        scope = scope.parent
    for sc in scopes:
        for name, fn in list(sc.functions.items()):
            if getattr(fn, "_ps_module", None) is module and sc is not module.scope:
                del sc.functions[name]
    for name in module.variables.keys():
        if name in rs.global_scope.variables:
            del rs.global_scope.variables[name]
    for name in module.aliases.keys():
        if name in rs.aliases:
            del rs.aliases[name]
    if module.scope is not None:
        table.by_scope.pop(id(module.scope), None)


def available_modules(rs: Any) -> list[PSModuleInfo]:
    """Get-Module -ListAvailable: every module folder under $env:PSModulePath, described from its files."""
    from pyshell.engine.builtin_modules import BUILTIN_MODULES, builtin_module
    from pyshell.engine.modules import _pshome

    found: list[PSModuleInfo] = []
    pshome_modules = os.path.join(_pshome(), "Modules")
    for folder in module_search_path():
        if os.path.normpath(folder) == pshome_modules:  # pwsh's own modules live there
            for name in BUILTIN_MODULES:
                module = builtin_module(name)
                module.PS_TYPE_NAMES = ("ModuleInfoGrouping", *PSModuleInfo.PS_TYPE_NAMES)
                found.append(module)
        try:
            entries = sorted(os.listdir(folder), key=str.casefold)
        except OSError:
            continue
        for entry in entries:
            path = _in_folder(os.path.join(folder, entry), entry)
            if path is None:
                continue
            module = describe_module_file(rs, path)
            module.PS_TYPE_NAMES = ("ModuleInfoGrouping", *PSModuleInfo.PS_TYPE_NAMES)  # its grouped view
            found.append(module)
    return found


def describe_module_file(rs: Any, path: str) -> PSModuleInfo:
    """A PSModuleInfo for a module file without running it (the manifest's fields when it has one)."""
    if path.lower().endswith(".psd1"):
        try:
            data = read_manifest(rs, path)
        except PyshellError:
            return PSModuleInfo(os.path.splitext(os.path.basename(path))[0], path, "Manifest")
        module = _manifest_info(rs, path, data)
        if module.RootModule and module.RootModule.lower().endswith((".psm1", ".ps1")):
            module.ModuleType = "Script"
        for name in (module.manifest_filter or {}).get("FunctionsToExport", []):
            if "*" not in name and "?" not in name:
                module.functions[name] = name
        return module
    return PSModuleInfo(os.path.splitext(os.path.basename(path))[0], path, "Script")
