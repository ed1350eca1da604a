"""Script modules: a module is a script run in its own script scope, whose exported members are
copied into the importer's session state.

The engine needs no special case for them: an exported function's script block gets the module's
scope as its closure scope, so it runs in a child of that scope (its `$script:` variables and private
helpers are the module's) while the importer sees only what was exported.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from pyshell.engine.objects import MISSING, Hashtable
from pyshell.engine.scope import Scope

__all__ = ["PSModuleInfo", "ModuleTable", "module_table", "current_module", "default_module_path",
           "ensure_module_path", "module_search_path"]


class PSModuleInfo:
    """A loaded (or, from Get-Module -ListAvailable, a found) module."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSModuleInfo", "System.Object")
    PS_PROPERTIES = ("LogPipelineExecutionDetails", "Name", "Path", "ImplementingAssembly", "Definition",
                     "Description", "Guid", "HelpInfoUri", "ModuleBase", "PrivateData", "ExperimentalFeatures",
                     "Tags", "ProjectUri", "IconUri", "LicenseUri", "ReleaseNotes", "RepositorySourceLocation",
                     "Version", "ModuleType", "Author", "AccessMode", "ClrVersion", "CompanyName", "Copyright",
                     "DotNetFrameworkVersion", "ExportedFunctions", "Prefix", "ExportedCmdlets",
                     "ExportedCommands", "FileList", "CompatiblePSEditions", "ModuleList", "NestedModules",
                     "PowerShellHostName", "PowerShellHostVersion", "PowerShellVersion",
                     "ProcessorArchitecture", "Scripts", "RequiredAssemblies", "RequiredModules", "RootModule",
                     "ExportedVariables", "ExportedAliases", "SessionState", "OnRemove", "ExportedFormatFiles",
                     "ExportedTypeFiles")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("ModuleType", "Version", "PreRelease", "Name", "ExportedCommands")

    def __init__(self, name: str, path: str = "", module_type: str = "Script") -> None:
        self.Name = name
        self.Path = path
        self.ModuleBase = os.path.dirname(path) if path else ""
        self.ModuleType = module_type
        self.Version: Any = _version("0.0")
        self.Description = ""
        self.Guid = str(uuid.UUID(int=0))
        self.Author = ""
        self.CompanyName = ""
        self.Copyright = ""
        self.Prefix = ""
        self.RootModule = ""
        self.Definition = ""
        self.PrivateData: Any = None
        self.HelpInfoUri = None
        self.LogPipelineExecutionDetails = False
        self.ImplementingAssembly = None
        self.ExperimentalFeatures: list[Any] = []
        self.Tags: list[str] = []
        self.ProjectUri = self.IconUri = self.LicenseUri = self.ReleaseNotes = None
        self.RepositorySourceLocation = None
        self.AccessMode = "ReadWrite"
        self.ClrVersion = self.DotNetFrameworkVersion = self.PowerShellHostName = None
        self.PowerShellHostVersion = self.PowerShellVersion = None
        self.ProcessorArchitecture = "None"
        self.FileList: list[str] = []
        self.CompatiblePSEditions: list[str] = []
        self.ModuleList: list[Any] = []
        self.NestedModules: list[PSModuleInfo] = []
        self.Scripts: list[str] = []
        self.RequiredAssemblies: list[str] = []
        self.RequiredModules: list[Any] = []
        self.ExportedFormatFiles: list[str] = []
        self.ExportedTypeFiles: list[str] = []
        self.ExportedCmdlets = Hashtable()
        self.OnRemove = None
        self.scope: Scope | None = None  #: the module's own script scope (None until it is loaded)
        self.functions = Hashtable()  #: exported name -> FunctionInfo
        self.variables = Hashtable()  #: exported name -> value
        self.aliases = Hashtable()  #: exported alias -> command name
        self.defined_aliases = Hashtable()  #: every alias its script made (exported or not)
        #: what Export-ModuleMember asked for (None: it was never called: every function is exported)
        self.export_spec: dict[str, list[str]] | None = None
        self.manifest_filter: dict[str, list[str]] | None = None
        self.builtin = False  #: one of pwsh's own modules (nothing to load: its cmdlets are built in)

    # -- the members pwsh shows -----------------------------------------------------------------
    @property
    def ExportedFunctions(self) -> Hashtable:  # noqa: N802
        return Hashtable((k, v) for k, v in self.functions.items())

    @property
    def ExportedVariables(self) -> Hashtable:  # noqa: N802
        return Hashtable((k, v) for k, v in self.variables.items())

    @property
    def ExportedAliases(self) -> Hashtable:  # noqa: N802
        return Hashtable((k, v) for k, v in self.aliases.items())

    @property
    def ExportedCommands(self) -> Hashtable:  # noqa: N802
        table = Hashtable((k, v) for k, v in self.ExportedCmdlets.items())
        for k, v in self.functions.items():
            table[k] = v
        for k, v in self.aliases.items():
            table[k] = v
        return table

    @property
    def SessionState(self) -> Any:  # noqa: N802
        return None

    def module_call(self, args: list[Any]) -> tuple[Any, list[Any]]:
        """`& $module command args`: the command (a script block runs in a child of the module's scope) and
        its arguments, script blocks among them bound to the module's scope as well."""
        first, rest = args[0].value, args[1:]
        bound = [_in_module(a, self.scope) for a in rest]
        return _bind_block(first, self.scope), bound

    def ps_to_string(self) -> str:
        return self.Name


def _bind_block(value: Any, scope: Scope | None) -> Any:
    from pyshell.engine.objects import unwrap
    from pyshell.engine.scriptblock import ScriptBlock

    base = unwrap(value)
    if scope is None or not isinstance(base, ScriptBlock):
        return value
    block = base.copy()
    block.closure_scope = scope
    if block.using_values is None:
        block.using_values = {}  # keeps per-item fast paths (ForEach-Object) from running it in the caller's scope
    return block


def _in_module(arg: Any, scope: Scope | None) -> Any:
    import dataclasses

    value = getattr(arg, "value", None)
    bound = _bind_block(value, scope)
    return arg if bound is value else dataclasses.replace(arg, value=bound)


def _version(text: str) -> Any:
    """A System.Version for the module's version (a plain string when the engine cannot make one)."""
    try:
        from pyshell.engine.version import to_version

        return to_version(text)
    except Exception:  # noqa: BLE001 - a bad manifest version must not break the import
        return text


class ModuleTable:
    """The runspace's loaded modules (Get-Module order) and the stack of modules being loaded."""

    def __init__(self) -> None:
        self.loaded: list[PSModuleInfo] = []
        self.loading: list[PSModuleInfo] = []
        self.by_scope: dict[int, PSModuleInfo] = {}

    def find(self, name_or_path: str) -> PSModuleInfo | None:
        key = name_or_path.casefold()
        path = os.path.normcase(name_or_path)  # paths compare as the file system does (by case on Unix)
        for m in self.loaded:
            if m.Name.casefold() == key or (m.Path and os.path.normcase(m.Path) == path):
                return m
        return None

    def add(self, module: PSModuleInfo) -> None:
        self.loaded = [m for m in self.loaded if m is not module]
        self.loaded.append(module)

    def remove(self, module: PSModuleInfo) -> None:
        self.loaded = [m for m in self.loaded if m is not module]


def module_table(rs: Any) -> ModuleTable:
    """The module table of a runspace (made on first use, so runspaces that never load one pay nothing)."""
    table = getattr(rs, "_ps_module_table", None)
    if table is None:
        table = ModuleTable()
        rs._ps_module_table = table
    return table


def current_module(rs: Any) -> PSModuleInfo | None:
    """The module whose code is running (the nearest module scope above the current scope), or None."""
    table = getattr(rs, "_ps_module_table", None)
    if table is None or not table.by_scope:
        return None
    scope = rs.scope
    while scope is not None:
        found = table.by_scope.get(id(scope))
        if found is not None and found.scope is scope:
            return found
        scope = scope.parent
    return None


# -- $env:PSModulePath --------------------------------------------------------------------------

def _pshome() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_module_path() -> list[str]:
    """pwsh's module folders on Unix: the user's, the shared one, then $PSHOME/Modules."""
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return [os.path.join(data, "powershell", "Modules"), "/usr/local/share/powershell/Modules",
            os.path.join(_pshome(), "Modules")]


def ensure_module_path() -> str:
    """Set $env:PSModulePath as pwsh does at startup: its folders added to whatever was there."""
    current = os.environ.get("PSModulePath")
    defaults = default_module_path()
    if not current:
        value = os.pathsep.join(defaults)
    else:
        parts = [p for p in current.split(os.pathsep) if p]
        front = [d for d in defaults[:2] if d not in parts]
        back = [defaults[2]] if defaults[2] not in parts else []
        value = os.pathsep.join(front + parts + back)
    os.environ["PSModulePath"] = value
    return value


def module_search_path() -> list[str]:
    value = os.environ.get("PSModulePath")
    if value is None:
        value = ensure_module_path()
    if os.sep == "/":  # pwsh on Unix reads a backslash in a module path as a directory separator
        value = value.replace("\\", "/")
    return [p for p in value.split(os.pathsep) if p]


def new_module_scope(rs: Any) -> Scope:
    """A module's scope: a script scope directly under the global scope (not the importer's)."""
    return Scope(rs.global_scope, is_script=True)


def variable_value(scope: Scope, name: str) -> Any:
    value = scope.variables.get(name, MISSING)
    return None if value is MISSING else value
