"""The runspace: one PowerShell session state — scopes, location, $Error, streams — and the entry
points that run text in it. A REPL, a job worker and the remote agent each hold one."""

from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import os
import platform
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

from pyshell import __version__
from pyshell.engine import aliasscope as _aliasscope
from pyshell.engine import history as _history
from pyshell.engine.cmdlet import REGISTRY, Cmdlet
from pyshell.engine.conversions import to_string
from pyshell.engine.evaluator import BreakSignal, ContinueSignal, Evaluator, ReturnSignal, collect
from pyshell.engine.host import CollectingHost, Host
from pyshell.engine.items import PathInfo
from pyshell.engine.objects import MISSING, Hashtable, OrderedHashtable, PSObject
from pyshell.engine.psstyle import new_psstyle
from pyshell.engine.records import ErrorRecord, error_record_from
from pyshell.engine.scope import Scope
from pyshell.engine.scriptblock import ScriptBlock
from pyshell.engine.streams import StreamSinks
from pyshell.errors import (
    ExitRequest,
    ParseError,
    PipelineStoppedError,
    PyshellError,
    RuntimeScriptError,
    Span,
)
from pyshell.language import ast as A
from pyshell.language.parser import parse

__all__ = ["Runspace", "PathInfo", "HistoryInfo", "PS_VERSION"]

PS_VERSION = "7.4.6"
_RECURSION_LIMIT = 20000
_FLOW_SIGNALS = (ReturnSignal, BreakSignal, ContinueSignal)
_READONLY = {"true", "false", "null", "pid", "home", "host", "psversiontable", "pshome", "islinux", "ismacos",
             "iswindows", "iscoreclr", "shellid", "?"}


class HistoryInfo:
    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.HistoryInfo", "System.Object")
    PS_PROPERTIES = ("Id", "CommandLine", "ExecutionStatus", "StartExecutionTime", "EndExecutionTime", "Duration")

    def __init__(self, hid: int, line: str, status: str, start: _dt.datetime, end: _dt.datetime) -> None:
        self.Id = hid
        self.CommandLine = line
        self.ExecutionStatus = status
        self.StartExecutionTime = start
        self.EndExecutionTime = end
        self.Duration = end - start

    def ps_to_string(self) -> str:
        return self.CommandLine


class HostInfo:
    PS_TYPE_NAMES = ("System.Management.Automation.Internal.Host.InternalHost", "System.Object")
    PS_PROPERTIES = ("Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture", "Runspace")

    def __init__(self, host: Host) -> None:
        import uuid

        self.Name = host.name
        self.Version = _version(__version__)
        self.InstanceId = str(uuid.uuid4())
        self.UI = PSObject([("RawUI", PSObject([("BufferSize", PSObject([("Width", host.ui_width), ("Height", 50)])),
                                                 ("WindowSize", PSObject([("Width", host.ui_width), ("Height", 50)]))]))])

    @property
    def CurrentCulture(self) -> Any:  # noqa: N802
        """$Host.CurrentCulture: the culture [CultureInfo]::CurrentCulture names (engine/culture.py)."""
        from pyshell.engine.culture import current_culture

        return current_culture()

    @property
    def CurrentUICulture(self) -> Any:  # noqa: N802
        from pyshell.engine.culture import current_culture

        return current_culture(ui=True)

    @property
    def Runspace(self) -> Any:  # noqa: N802
        """$Host.Runspace: the runspace running the calling script (engine/hosting_runspace.py)."""
        from pyshell.engine.hosting_runspace import default_runspace

        return default_runspace()

    def ps_to_string(self) -> str:
        return "System.Management.Automation.Internal.Host.InternalHost"


def _version(text: str) -> PSObject:
    parts = [int(p) for p in text.split(".")] + [0, 0, 0]
    v = PSObject([("Major", parts[0]), ("Minor", parts[1]), ("Patch", parts[2]), ("Build", parts[2]),
                  ("Revision", -1), ("PreReleaseLabel", None), ("BuildLabel", None)],
                 ["System.Management.Automation.SemanticVersion", "System.Object"])
    v.text = text
    return v


class Runspace:
    """A session: variables, functions, location, job table and the streams' destination.

    :param host: where output and streams go (CollectingHost when omitted).
    :param location: the starting location (default: the process's working directory).
    :param computer_name: the name this runspace reports as its computer (lab hosts, agents).
    """

    def __init__(self, host: Host | None = None, *, location: str | None = None, computer_name: str | None = None,
                 load_builtins: bool = True) -> None:
        if sys.getrecursionlimit() < _RECURSION_LIMIT:
            # each script call costs ~15 Python frames; PowerShell allows deep recursion
            sys.setrecursionlimit(_RECURSION_LIMIT)
        if load_builtins:
            from pyshell.commands import load_builtins as _load

            _load()
        self.host: Host = host if host is not None else CollectingHost()
        self.global_scope = Scope(is_script=True)
        self.scope = self.global_scope
        self.sinks = StreamSinks(self)
        self.error_to_output_sinks: StreamSinks | None = None
        self.location = os.path.abspath(location or os.getcwd())
        self.previous_locations: list[str] = []
        self.next_locations: list[str] = []
        self.location_stacks: dict[str, list[str]] = {"default": []}
        self.drives: Any = None  #: the PSDrive table (engine/providers/drives.py), made on first use
        self.computer_name = computer_name or os.environ.get("PYSHELL_COMPUTERNAME") or socket.gethostname()
        self.evaluator = Evaluator(self)
        from pyshell.engine.errorlist import ErrorList

        self.error_list: list[ErrorRecord] = ErrorList()  #: $Error, a live ArrayList
        self.try_depth = 0
        self.stopping = False
        self.success = True
        self.last_error_flag = False
        self.output_to_host = False
        self.history: list[HistoryInfo] = []
        self.aliases = Hashtable()  #: user aliases (Set-Alias), name -> command name
        self.jobs: Any = None  #: the job table, attached by pyshell.jobs
        self.job_starter: Any = None  #: callable(runspace, ast) -> job, for `cmd &`
        self.sessions: Any = None  #: the PSSession table, attached by pyshell.remoting
        self.enter_session_hook: Any = None
        self._event_log: Any = None
        self._using_stack: list[dict[str, Any]] = []
        self._running: set[Cmdlet] = set()
        self._processes: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self.var_types: dict[int, dict[str, str]] = {}
        #: id(scope) -> variable -> validation checks from `[ValidateX()] $v = ...` (engine/varattrs.py)
        self.var_checks: dict[int, dict[str, list[Any]]] = {}
        #: lower-cased names of AllScope variables: an assignment in any scope changes that one variable
        self.allscope_names: set[str] = set()
        self._init_variables()
        attach = getattr(self.host, "attach_runspace", None)
        if attach is not None:
            attach(self)

    # -- variables ------------------------------------------------------------------------
    def _init_variables(self) -> None:
        g = self.global_scope.variables
        home = os.path.expanduser("~")
        g["HOME"] = home
        g["PID"] = os.getpid()
        g["Host"] = HostInfo(self.host)
        g["PSVersionTable"] = OrderedHashtable([
            ("PSVersion", _version(PS_VERSION)), ("PSEdition", "Core"), ("GitCommitId", PS_VERSION),
            ("OS", f"{platform.system()} {platform.release()}"), ("Platform", "Unix"),
            ("PSCompatibleVersions", ["1.0", "2.0", "3.0", "4.0", "5.0", "5.1", PS_VERSION]),
            ("PSRemotingProtocolVersion", "2.3"), ("SerializationVersion", "1.1.0.1"), ("WSManStackVersion", "3.0"),
            ("PyshellVersion", __version__),
        ])
        g["ErrorActionPreference"] = "Continue"
        g["WarningPreference"] = "Continue"
        g["VerbosePreference"] = "SilentlyContinue"
        g["DebugPreference"] = "SilentlyContinue"
        g["InformationPreference"] = "SilentlyContinue"
        g["ProgressPreference"] = "Continue"
        g["ConfirmPreference"] = "High"
        g["WhatIfPreference"] = False
        g["PSHOME"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        g["IsLinux"] = platform.system() == "Linux"
        g["IsMacOS"] = platform.system() == "Darwin"
        g["IsWindows"] = False
        g["IsCoreCLR"] = True
        g["ShellId"] = "Microsoft.PowerShell"
        g["PSCulture"] = "en-US"
        g["PSUICulture"] = "en-US"
        g["MaximumHistoryCount"] = 4096
        g["NestedPromptLevel"] = 0
        g["PSEdition"] = "Core"
        g["ErrorView"] = "ConciseView"
        g["PSStyle"] = new_psstyle()
        from pyshell.engine.intrinsics import EngineIntrinsics

        g["ExecutionContext"] = EngineIntrinsics(self, g["Host"])
        g["FormatEnumerationLimit"] = 4
        g["PSSessionApplicationName"] = "wsman"
        g["PSSessionConfigurationName"] = "DefaultShell"
        # defined (if empty) in every pwsh session, so strict mode lets scripts read them
        g["PSDefaultParameterValues"] = Hashtable()
        g["PSEmailServer"] = None
        g["PSNativeCommandArgumentPassing"] = "Standard"
        g["PSNativeCommandUseErrorActionPreference"] = False
        g["EnabledExperimentalFeatures"] = []
        config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        g["PROFILE"] = os.path.join(config, "powershell", "Microsoft.PowerShell_profile.ps1")

    def read_variable(self, name: str, scope: str | None = None, span: Span | None = None) -> Any:
        """$name / $scope:name as an expression reads it."""
        if scope == "env":
            return os.environ.get(name)
        if scope in ("function", "alias") or (scope is None and name[:6].lower() == "alias:"):
            from pyshell.engine.providers.drives import read_drive_variable  # $function:f, $alias:gci

            return read_drive_variable(self, scope or "alias", name if scope else name[6:])
        if scope == "using":
            for table in reversed(self._using_stack):
                for k, v in table.items():
                    if k.lower() == name.lower():
                        return v
            v = self.scope.lookup(name)
            return None if v is MISSING else v
        low = name.lower()
        if low == "true":
            return True
        if low == "false":
            return False
        if low == "null":
            return None
        if low == "?":
            return self.success
        if low == "pwd":
            return PathInfo(self.location) if self.drives is None else self.drives.path_info(self)
        if low == "error":
            return self.error_list
        if low in ("psculture", "psuiculture") and scope is None:
            from pyshell.engine.culture import current_culture  # follows [CultureInfo]::CurrentCulture = ...

            return current_culture(ui=low == "psuiculture").Name
        if scope == "global":
            v = self.global_scope.variables.get(name, MISSING)
        elif scope == "script":
            v = self.scope.script_scope().lookup(name)
        elif scope == "local" or scope == "private":
            v = self.scope.variables.get(name, MISSING)
        else:
            v = self.scope.lookup(name)
        if v is MISSING:
            if self.evaluator.strict_any:
                from pyshell.engine.strict import check_undefined_variable

                check_undefined_variable(self, name, span)
            return None
        return v

    def get_variable(self, name: str) -> Any:
        """A variable's value, or MISSING when it is not set (for commands)."""
        low = name.lower()
        if low in ("true", "false", "null", "?", "pwd", "error", "psculture", "psuiculture"):
            return self.read_variable(name)
        return self.scope.lookup(name)

    def set_variable(self, name: str, value: Any, scope: str | None = None, *, option: Any = None,
                     force: bool = False) -> None:
        """Set a variable in the current (or named) scope, as a command would.

        option: Set-Variable/New-Variable -Option (a string like 'ReadOnly', 'Constant, AllScope' or a list);
        force: -Force, which may overwrite a ReadOnly (never a Constant) variable.
        """
        if scope is None and ":" in name:
            # -OutVariable global:x, Set-Variable -Name script:x: the scope can come with the name
            qualifier, _, bare = name.partition(":")
            if qualifier.lower() in ("global", "script", "local", "private"):
                scope, name = qualifier.lower(), bare
        target = self._target_scope(scope)
        low = name.lower()
        current = (target.options or {}).get(low, set())
        self.assign_variable(name, scope, value, _check=not force or "constant" in current)
        if option is not None:
            self.set_variable_option(name, option, scope)

    def set_variable_option(self, name: str, option: Any, scope: str | None = None) -> None:
        """Record a variable's options (ReadOnly, Constant, AllScope, Private, None) in its scope."""
        target = self._target_scope(scope)
        words = option if isinstance(option, (list, tuple)) else [option]
        opts = {w.strip().lower() for o in words for w in to_string(o).split(",") if w.strip()}
        opts.discard("none")
        if target.options is None:
            target.options = {}
        if "allscope" in opts:
            self.allscope_names.add(name.lower())
        if opts:
            target.options[name.lower()] = opts
        else:
            target.options.pop(name.lower(), None)
        if "private" in opts:
            if target.private is None:
                target.private = set()
            target.private.add(name.lower())

    def variable_options(self, name: str) -> str:
        """The options of the variable $name resolves to, as Get-Variable shows them ('None', 'ReadOnly'...)."""
        owner = self.scope.owner_of(name)
        opts = (owner.options or {}).get(name.lower()) if owner is not None else None
        if not opts:
            return "None"
        order = ("readonly", "constant", "private", "allscope", "unspecified")
        names = {"readonly": "ReadOnly", "constant": "Constant", "private": "Private", "allscope": "AllScope",
                 "unspecified": "Unspecified"}
        return ", ".join(names[o] for o in order if o in opts)

    def _target_scope(self, scope: str | None) -> Scope:
        if scope == "global":
            return self.global_scope
        if scope == "script":
            return self.scope.script_scope()
        if scope is not None and scope.isdigit():
            target = self.scope
            for _ in range(int(scope)):
                target = target.parent or target
            return target
        return self.scope

    def set_local(self, name: str, value: Any) -> None:
        self.scope.variables[name] = value

    def set_variable_type(self, name: str, type_name: str) -> None:
        self.var_types.setdefault(id(self.scope), {})[name.lower()] = type_name

    def assign_variable(self, name: str, scope: str | None, value: Any, _check: bool = True) -> None:
        low = name.lower()
        if scope == "env":
            if value is None or value == "":
                os.environ.pop(name, None)
            else:
                os.environ[name] = to_string(value)
            return
        if scope in ("function", "alias") or (scope is None and name[:6].lower() == "alias:"):
            from pyshell.engine.providers.drives import assign_drive_variable

            assign_drive_variable(self, scope or "alias", name if scope else name[6:], value)
            return
        if low == "null":
            return
        if low in _READONLY and scope in (None, "global", "local", "script"):
            raise RuntimeScriptError(f"Cannot overwrite variable {name} because it is read-only or constant.",
                                     error_id="VariableNotWritable", category="WriteError", target=name,
                                     reason="SessionStateUnauthorizedAccessException")
        target = self._target_scope(scope)
        if scope is None and low in self.allscope_names and name not in target.variables:
            owner = self.scope.owner_of(name)
            if owner is not None and "allscope" in (owner.options or {}).get(low, ()):
                target = owner  # an AllScope variable is the same variable in every scope
        if _check and target.options and target.options.get(low, set()) & {"readonly", "constant"} \
                and name in target.variables:
            raise RuntimeScriptError(f"Cannot overwrite variable {name} because it is read-only or constant.",
                                     error_id="VariableNotWritable", category="WriteError", target=name,
                                     reason="SessionStateUnauthorizedAccessException")
        if scope == "private":
            if target.private is None:
                target.private = set()
            target.private.add(low)
        types = self.var_types.get(id(target))
        if types and low in types:
            from pyshell.engine.compiler import constrained_value

            value = constrained_value(types[low], value)
        if self.var_checks:
            checks = self.var_checks.get(id(target), {}).get(low)
            if checks:
                from pyshell.engine.varattrs import check_variable_value

                check_variable_value(checks, name, value)
        if target.anull is not None:
            target.anull.discard(low)
        target.variables[name] = value

    def remove_variable(self, name: str, force: bool = False) -> bool:
        owner = self.scope.owner_of(name)
        if owner is None:
            return False
        opts = (owner.options or {}).get(name.lower(), set())
        if "constant" in opts or ("readonly" in opts and not force):
            raise RuntimeScriptError(
                f"Cannot remove variable {name} because it is constant or read-only. If the variable is read-only, "
                "try the operation again specifying the Force option.", error_id="VariableNotRemovable",
                category="WriteError", target=name, reason="SessionStateUnauthorizedAccessException")
        if owner.options:
            owner.options.pop(name.lower(), None)
        del owner.variables[name]
        return True

    def push_using(self, values: dict[str, Any]) -> None:
        self._using_stack.append(values)

    def pop_using(self) -> None:
        self._using_stack.pop()

    # -- scopes ---------------------------------------------------------------------------
    def new_scope(self, is_script: bool = False, parent: Scope | None = None) -> Scope:
        """A child scope of the current one (of parent instead: a GetNewClosure() block's captured scope)."""
        return Scope(parent or self.scope, is_script)

    @contextlib.contextmanager
    def in_scope(self, scope: Scope) -> Iterator[None]:
        saved = self.scope
        self.scope = scope
        try:
            yield
        finally:
            self.scope = saved

    # -- location ---------------------------------------------------------------------------
    def resolve_path(self, path: str) -> str:
        """An absolute path for `path` as typed: `~` expanded, relative to this runspace's location."""
        p = to_string(path)
        if p.startswith("Microsoft.PowerShell.Core\\FileSystem::"):
            p = p.split("::", 1)[1]
        if p.lower().startswith("filesystem::"):
            p = p.split("::", 1)[1]
        if self.drives is not None and ":" in p and not p.startswith("/"):
            mapped = self.drives.fs_path(self, p)  # X:/sub on a New-PSDrive file system drive
            if mapped is not None:
                return mapped
        if p == "~" or p.startswith("~/"):
            home = self.read_variable("HOME") or os.path.expanduser("~")
            p = to_string(home) + p[1:]
        if not os.path.isabs(p):
            p = os.path.join(self.location, p)
        return os.path.normpath(p) if p not in ("/", "//") else "/"

    def set_location(self, path: str) -> None:
        full = self.resolve_path(path)
        if self.location != full:
            self.previous_locations.append(self.location)
        self.location = full
        self.next_locations.clear()

    def process_environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PWD"] = self.location
        return env

    # -- commands ---------------------------------------------------------------------------
    def resolve_command(self, name: str, _depth: int = 0) -> tuple[str, Any] | None:
        """Find what `name` runs: ('cmdlet', cls) | ('function', FunctionInfo) | ('script', path) | ('native', exe)."""
        if _depth > 10:
            return None
        # aliases of the current scope chain first (Set-Alias -Scope local in a function), then the global ones
        user_alias = _aliasscope.lookup(self, name) if getattr(self, "scoped_aliases", None) else self.aliases.get(name)
        if user_alias is not None:
            return self.resolve_command(to_string(user_alias), _depth + 1)
        fn = self.scope.lookup_function(name)
        if fn is not None:
            return ("function", fn)
        if "\\" in name and getattr(self, "_ps_module_table", None) is not None:
            qualified = self._module_qualified(name)  # `MyModule\Get-Thing`: that module's exported command
            if qualified is not None:
                return qualified
        cls = REGISTRY.lookup(name)
        if cls is None:
            target = REGISTRY.resolve_alias(name)
            if target is not None:
                cls = REGISTRY.lookup(target)
        if cls is None and "\\" in name:
            cls = REGISTRY.lookup(name.rsplit("\\", 1)[1])
        if cls is not None:
            return ("cmdlet", cls)
        if "\\" in name and (name[:1] in ".~" or name.split("\\", 1)[0].endswith(":")):
            name = name.replace("\\", "/")  # `.\x.ps1`, `TestDrive:\x.ps1`: '\' is a separator on Unix too
        if name.lower().endswith(".ps1"):
            full = self.resolve_path(name) if ("/" in name or name.startswith(".")) else None
            if full and os.path.isfile(full):
                return ("script", full)
        from pyshell.engine.native import find_executable

        exe = find_executable(name, self.location, os.environ.get("PATH"))
        if exe is not None:
            if exe.endswith(".ps1"):
                return ("script", exe)
            return ("native", exe)
        if "/" in name or name.startswith("."):
            full = self.resolve_path(name)
            if os.path.isfile(full + ".ps1"):
                return ("script", full + ".ps1")
        return None

    def _module_qualified(self, name: str) -> tuple[str, Any] | None:
        """`ModuleName\\Command` for a loaded script module's exported function or alias."""
        module_name, _, command = name.rpartition("\\")
        module = self._ps_module_table.find(module_name)
        if module is None or module.builtin:
            return None
        fn = module.functions.get(command)
        if fn is not None:
            return ("function", fn)
        target = module.aliases.get(command)
        if target is not None:
            return self.resolve_command(to_string(target))
        return None

    def load_script_file(self, path: str) -> ScriptBlock:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
        return ScriptBlock(parse(text, path), text, path)

    def register_running(self, cmd: Cmdlet) -> None:
        with self._lock:
            self._running.add(cmd)

    def unregister_running(self, cmd: Cmdlet) -> None:
        with self._lock:
            self._running.discard(cmd)

    def register_process(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.add(proc)

    def unregister_process(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.discard(proc)

    def stop(self) -> None:
        """Stop the running pipeline (Ctrl-C, Stop-Job); safe to call from another thread."""
        self.stopping = True
        with self._lock:
            running = list(self._running)
            procs = list(self._processes)
        for cmd in running:
            cmd.stop()
        for p in procs:
            if p.poll() is None:
                p.terminate()

    def check_stop(self) -> None:
        if self.stopping:
            raise PipelineStoppedError()

    # -- errors and status --------------------------------------------------------------------
    def add_error(self, record: ErrorRecord) -> None:
        self.error_list.insert(0, record)
        del self.error_list[256:]

    def set_success(self, ok: bool) -> None:
        self.success = ok

    def set_last_exit_code(self, code: int) -> None:
        self.global_scope.variables["LASTEXITCODE"] = code
        if code != 0:
            self.last_error_flag = True

    @property
    def event_log(self) -> Any:
        if self._event_log is None:
            from pyshell.engine.eventlog import EventLog

            self._event_log = EventLog()
        return self._event_log

    # -- running script blocks -----------------------------------------------------------------
    def invoke(self, sb: ScriptBlock, *, input: Any = None, args: Any = (), dollar_under: Any = MISSING,
               new_scope: bool = True) -> list[Any]:
        """Run a script block and return its output (for commands such as Where-Object)."""
        return list(self.invoke_iter(sb, input=input, args=args, dollar_under=dollar_under, new_scope=new_scope))

    def item_runner(self, sb: ScriptBlock) -> Any:
        """A function item -> output list that runs sb in the current scope with $_ set, as
        invoke(sb, dollar_under=item, new_scope=False) does, for commands that run a script block
        per pipeline object (ForEach-Object, Where-Object); None when sb needs the general path
        (param(), named blocks, $using:, traps)."""
        from pyshell.engine.evaluator import ReturnSignal

        ast = sb.ast
        if ast.param_block is not None or ast.begin is not None or ast.process is not None \
                or sb.using_values is not None or ast.end is None or ast.clean is not None \
                or sb.module_scope is not None:
            return None
        ev = self.evaluator
        steps = ev.compiled_block(ast.end)
        if steps is None:
            return None
        run_simple = ev.run_simple

        def run(item: Any) -> list[Any]:
            data = self.scope.variables._data  # Hashtable.set_folded of $_ and $PSItem, inlined
            old = data.get("_")
            data["_"] = (old[0] if old else "_", item)
            old = data.get("psitem")
            data["psitem"] = (old[0] if old else "PSItem", item)
            out: list[Any] = []
            try:
                for stmt, kind, fn in steps:
                    if kind:
                        run_simple(stmt, kind, fn, out)
                    else:
                        for x in ev.exec_statement(stmt):
                            out.append(x)
            except ReturnSignal as r:
                out.extend(r.pending)
            return out
        return run

    def invoke_iter(self, sb: ScriptBlock, *, input: Any = None, args: Any = (), dollar_under: Any = MISSING,
                    new_scope: bool = True) -> Iterator[Any]:
        from pyshell.engine.evaluator import ReturnSignal

        ast = sb.ast
        if input is None and not args and ast.param_block is None and ast.begin is None and ast.process is None \
                and ast.clean is None:
            closure = sb.home_scope(self.scope)
            scope = self.new_scope(parent=closure) if new_scope or closure is not None else self.scope
            if dollar_under is not MISSING:
                scope.variables["_"] = dollar_under
                scope.variables["PSItem"] = dollar_under
            if new_scope:
                scope.variables["args"] = []
            if sb.using_values is not None:
                self.push_using(sb.using_values)
            saved = self.scope
            try:
                gen = self.evaluator.exec_block(ast.end)
                while True:
                    self.scope = scope
                    try:
                        item = next(gen)
                    except StopIteration:
                        break
                    finally:
                        self.scope = saved
                    yield item
            except ReturnSignal as r:
                yield from r.pending
            finally:
                self.scope = saved
                if sb.using_values is not None:
                    self.pop_using()
            return
        from pyshell.engine.binder import Argument
        from pyshell.engine.pipeline import ScriptStage

        arglist = [Argument(None, a) for a in (args if isinstance(args, (list, tuple)) else [args])]
        stage = ScriptStage(self.evaluator, sb, arglist, "", input is not None, new_scope=new_scope)
        pre = stage.begin()
        if dollar_under is not MISSING:
            stage.scope.variables["_"] = dollar_under
        yield from pre
        upstream = None
        if input is not None:
            from pyshell.engine.objects import enumerate_value

            upstream = iter(list(enumerate_value(input)))
        yield from stage.run(upstream)

    # -- running text ------------------------------------------------------------------------
    def parse(self, text: str, file: str = "") -> A.ScriptBlockAst:
        return parse(text, file)

    def execute(self, text: str, *, file: str = "", add_history: bool = False) -> bool:
        """Run text as the top level of this runspace: output goes to the host.

        :returns: False when a parse error or a script-terminating error ended it.
        :raises ExitRequest: on `exit`.
        """
        start = _dt.datetime.now()
        self.stopping = False
        try:
            ast = parse(text, file)
        except ParseError as e:
            self.report_error(e)
            if add_history:
                self._add_history(text, "Failed", start)
            return False
        status = "Completed"
        ok = True
        if add_history:
            _history.begin_line(self, text, start)
        try:
            ok = self.execute_ast(ast)
            if not ok:
                status = "Failed"
        except ExitRequest:
            status = "Completed"
            raise
        except KeyboardInterrupt:
            status = "Stopped"
            raise
        finally:
            if add_history:
                _history.finish_line(self, status)
        return ok

    def execute_ast(self, ast: A.ScriptBlockAst) -> bool:
        """Run a parsed script at the top level, sending output to the host."""
        host = self.host
        self.output_to_host = True
        blocks = [b for b in (ast.begin, ast.process, ast.end) if b is not None]
        from pyshell.engine.native import host_output_elements

        self.host_elements = host_output_elements(blocks)  # where a native command may write to the terminal
        try:
            for block in blocks:
                # a block with trap handlers runs as one unit so the traps see every statement
                units = [block] if block.traps else block.statements
                for stmt in units:
                    try:
                        run = self.evaluator.exec_block if isinstance(stmt, A.StatementBlockAst) \
                            else self.evaluator.exec_statement
                        for obj in run(stmt):  # type: ignore[operator]
                            host.write_output(obj)
                    except PyshellError as e:
                        self.report_error(e, stmt)
                        self.success = False
                        return False
                    except _FLOW_SIGNALS:
                        # return, or break/continue outside any loop, ends the script quietly
                        host.flush_output()
                        return True
                    except KeyboardInterrupt:
                        host.flush_output()
                        self.report_error(PipelineStoppedError(), stmt)
                        raise
                    finally:
                        self.output_to_host = True
            host.flush_output()  # one Out-Default for the whole input, as pwsh has
            return True
        except PipelineStoppedError:
            return False
        finally:
            self.output_to_host = False
            if ast.clean is not None:
                self._run_clean(ast.clean)

    def _run_clean(self, clean: A.StatementBlockAst) -> None:
        """A script's `clean {}` block: runs last however the script ended; its output is discarded."""
        try:
            for _ in self.evaluator.exec_block(clean):
                pass
        except PyshellError as e:
            self.report_error(e)
        except _FLOW_SIGNALS:
            pass

    def report_error(self, e: PyshellError, stmt: A.Node | None = None) -> None:
        if isinstance(e, PipelineStoppedError) and not e.span:
            pass
        if e.span is None and stmt is not None:
            e.span = stmt.span
        record = error_record_from(e)
        if record not in self.error_list:
            self.add_error(record)
        self.host.write_error(record)

    def run(self, text: str, file: str = "") -> list[Any]:
        """Run text and return its output objects (tests, Invoke-Expression). Errors go to the host."""
        try:
            ast = parse(text, file)
        except ParseError as e:
            self.report_error(e)
            return []
        out: list[Any] = []
        try:
            for block in (ast.begin, ast.process, ast.end):
                if block is not None:
                    out.extend(self.evaluator.exec_block(block))
        except _FLOW_SIGNALS:
            pass
        except PyshellError as e:
            self.report_error(e)
        return out

    def run_value(self, text: str) -> Any:
        return collect(iter(self.run(text)))

    def _add_history(self, line: str, status: str, start: _dt.datetime) -> None:
        if not line.strip():
            return
        _history.add_entry(self, line.rstrip("\n"), status, start)

    # -- jobs hook ------------------------------------------------------------------------------
    def start_background_job(self, node: A.Statement) -> Any:
        if self.job_starter is None:
            raise RuntimeScriptError("Background jobs are not available in this runspace.",
                                     error_id="BackgroundJobsUnavailable", category="NotImplemented", span=node.span)
        return self.job_starter(self, node)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
