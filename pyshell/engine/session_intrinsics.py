"""What $ExecutionContext holds: InvokeCommand, SessionState (PSVariable, Path) and PSVariable objects.

Why: Pester tests and modules reach the engine through $ExecutionContext
(ExpandString, NewScriptBlock, InvokeScript, PSVariable.Get/Set/GetValue) instead of cmdlets.
Each object here is a thin view over one engine Runspace; engine/intrinsics.py makes them on first use.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.method_errors import net_method
from pyshell.engine.objects import MISSING

__all__ = ["CommandInvocationIntrinsics", "PSVariable", "PathIntrinsics", "SessionStateIntrinsics", "new_psvariable"]


class PSVariable:
    """A variable as an object: Name, Value, Description, Options."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSVariable", "System.Object")
    PS_PROPERTIES = ("Name", "Description", "Value", "Visibility", "Module", "ModuleName", "Options", "Attributes")

    def __init__(self, name: str, value: Any = None, options: str = "None", description: str = "") -> None:
        self.Name = name
        self.Value = value
        self.Description = description
        self.Visibility = "Public"
        self.Module = None
        self.ModuleName = ""
        self.Options = options
        self.Attributes: list[Any] = []

    def ps_to_string(self) -> str:
        return self.Name


def new_psvariable(name: Any, value: Any = None, options: Any = None, *_rest: Any) -> PSVariable:
    """[psvariable]::new(name [, value [, options]])."""
    return PSVariable(to_string(name), value, to_string(options) if options is not None else "None")


class PSVariableIntrinsics:
    """$ExecutionContext.SessionState.PSVariable."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSVariableIntrinsics", "System.Object")
    PS_PROPERTIES = ()
    PS_METHODS = ("Get", "GetValue", "Set", "Remove")

    def __init__(self, rs: Any) -> None:
        self._rs = rs

    @net_method
    def Get(self, name: Any) -> PSVariable | None:  # noqa: N802
        text = to_string(name)
        value = self._rs.get_variable(text)
        if value is MISSING:
            return None
        options = self._rs.variable_options(text) if hasattr(self._rs, "variable_options") else "None"
        return PSVariable(text.split(":", 1)[-1], value, options or "None")

    @net_method
    def GetValue(self, name: Any, *default: Any) -> Any:  # noqa: N802
        value = self._rs.get_variable(to_string(name))
        if value is MISSING:
            return default[0] if default else None
        return value

    @net_method
    def Set(self, name: Any, *value: Any) -> None:  # noqa: N802
        if isinstance(name, PSVariable) and not value:
            self._rs.set_variable(name.Name, name.Value)
            return
        self._rs.set_variable(to_string(name), value[0] if value else None)

    @net_method
    def Remove(self, name: Any) -> None:  # noqa: N802
        self._rs.remove_variable(name.Name if isinstance(name, PSVariable) else to_string(name))


class PathIntrinsics:
    """$ExecutionContext.SessionState.Path: the current location and path resolution."""

    PS_TYPE_NAMES = ("System.Management.Automation.PathIntrinsics", "System.Object")
    PS_PROPERTIES = ("CurrentLocation", "CurrentFileSystemLocation")
    PS_METHODS = ("GetUnresolvedProviderPathFromPSPath", "GetResolvedPSPathFromPSPath", "IsValid", "Combine")

    def __init__(self, rs: Any) -> None:
        self._rs = rs

    @property
    def CurrentLocation(self) -> Any:  # noqa: N802
        return self._rs.read_variable("PWD")

    CurrentFileSystemLocation = CurrentLocation

    def GetUnresolvedProviderPathFromPSPath(self, path: Any) -> str:  # noqa: N802
        return str(self._rs.resolve_path(to_string(path)))

    def GetResolvedPSPathFromPSPath(self, path: Any) -> Any:  # noqa: N802
        return self._rs.run_value(f"Resolve-Path -LiteralPath '{to_string(path).replace(chr(39), chr(39) * 2)}'")

    def IsValid(self, path: Any) -> bool:  # noqa: N802
        return "\0" not in to_string(path)

    def Combine(self, parent: Any, child: Any) -> str:  # noqa: N802
        import os

        return os.path.join(to_string(parent), to_string(child))


class CommandInvocationIntrinsics:
    """$ExecutionContext.InvokeCommand: expand strings, make and run script blocks, find commands."""

    PS_TYPE_NAMES = ("System.Management.Automation.CommandInvocationIntrinsics", "System.Object")
    PS_PROPERTIES = ("HasErrors", "LocationChangedAction")
    PS_METHODS = ("ExpandString", "NewScriptBlock", "InvokeScript", "GetCommand", "GetCmdlet", "GetCommandName")

    def __init__(self, rs: Any) -> None:
        self._rs = rs
        self.HasErrors = False
        self.LocationChangedAction: Any = None  #: run by Set/Push/Pop-Location after a move (commands/location.py)

    @net_method
    def ExpandString(self, source: Any) -> str:  # noqa: N802
        """The text as if written between double quotes: $variables and $(...) are expanded."""
        from pyshell.engine.evaluator import collect
        from pyshell.language.parser import parse

        text = to_string(source)
        # a here-string body: quotes stay literal, $x and $(...) expand
        ast = parse('@"\n' + text + '\n"@')
        value = collect(self._rs.evaluator.exec_block(ast.end))
        return to_string(value) if value is not None else ""

    @net_method
    def NewScriptBlock(self, script: Any) -> Any:  # noqa: N802
        from pyshell.engine.scriptblock import ScriptBlock

        sb = ScriptBlock.create(to_string(script))
        sb._runspace = self._rs
        return sb

    @net_method
    def InvokeScript(self, *args: Any) -> list[Any]:  # noqa: N802
        """InvokeScript(script, args...) in a child scope, or InvokeScript(useLocalScope, scriptBlock, input, args)."""
        from pyshell.engine.hosting_streams import OutputCollection
        from pyshell.engine.scriptblock import ScriptBlock

        if args and isinstance(args[0], bool) and len(args) >= 2 and isinstance(args[1], ScriptBlock):
            local, sb = args[0], args[1]
            items = args[2] if len(args) > 2 else None
            rest = list(args[3:])
            if len(rest) == 1 and isinstance(rest[0], list):
                rest = rest[0]
            return OutputCollection(self._rs.invoke(sb, input=items, args=rest, new_scope=local))
        sb = args[0] if args and isinstance(args[0], ScriptBlock) else ScriptBlock.create(to_string(args[0] if args else ""))
        rest = list(args[1:])
        return OutputCollection(self._rs.invoke(sb, args=rest))

    @net_method
    def GetCommand(self, name: Any, *_types: Any) -> Any:  # noqa: N802
        text = to_string(name).replace("'", "''")
        return self._rs.run_value(f"Get-Command -Name '{text}' -ErrorAction Ignore")

    GetCmdlet = GetCommand

    def GetCommandName(self, name: Any, *_rest: Any) -> list[str]:  # noqa: N802
        found = self.GetCommand(name)
        items = found if isinstance(found, list) else ([found] if found is not None else [])
        from pyshell.engine.objects import get_property

        return [to_string(get_property(c, "Name")) for c in items]


class SessionStateIntrinsics:
    """$ExecutionContext.SessionState."""

    PS_TYPE_NAMES = ("System.Management.Automation.SessionState", "System.Object")
    PS_PROPERTIES = ("PSVariable", "Path", "LanguageMode", "UseFullLanguageModeInDebugger", "InvokeCommand", "Module",
                     "Applications", "Scripts")

    def __init__(self, rs: Any, invoke_command: CommandInvocationIntrinsics) -> None:
        self._rs = rs
        self.PSVariable = PSVariableIntrinsics(rs)
        self.Path = PathIntrinsics(rs)
        self.LanguageMode = "FullLanguage"
        self.UseFullLanguageModeInDebugger = False
        self.InvokeCommand = invoke_command
        self.Applications = ["*"]
        self.Scripts = ["*"]

    @property
    def Module(self) -> Any:  # noqa: N802
        """The module whose code is running (None at the top level), as pwsh's SessionState.Module."""
        from pyshell.engine.modules import current_module

        return current_module(self._rs)

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]
