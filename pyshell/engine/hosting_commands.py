"""The command list of a [powershell] instance: PSCommand, Command and CommandParameter.

Why a module of its own: scripts build these directly ([PSCommand]::new(), [Command]::new('Get-Date'))
as well as through $ps.AddCommand/AddScript/AddParameter; hosting.py only runs them.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.hosting_streams import OutputCollection
from pyshell.engine.method_errors import NetError, net_method

__all__ = ["Command", "CommandParameter", "PSCommand", "STATE_ERROR", "new_command", "new_pscommand"]

STATE_ERROR = "System.Management.Automation.InvalidPowerShellStateException"


class CommandParameter:
    """One parameter or argument of a command: Name is $null for a positional argument."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.CommandParameter", "System.Object")
    PS_PROPERTIES = ("Name", "Value")

    def __init__(self, name: str | None, value: Any, has_value: bool = True) -> None:
        self.Name = name
        self.Value = value
        self.has_value = has_value


class CommandParameterCollection(list):  # type: ignore[type-arg]
    """Command.Parameters: .Add(name, value) / .Add(name) (a switch) / .Add($commandParameter)."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.CommandParameterCollection", "System.Object")
    PS_METHODS = ("Add", "Clear")

    def Add(self, name: Any, *value: Any) -> None:  # noqa: N802
        if isinstance(name, CommandParameter):
            self.append(name)
        else:
            self.append(CommandParameter(to_string(name), value[0] if value else True, bool(value)))

    def Clear(self) -> None:  # noqa: N802
        self.clear()


class Command:
    """A command of a statement: a command name (or CommandInfo) or a script, with its parameters."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.Command", "System.Object")
    PS_PROPERTIES = ("CommandText", "IsScript", "UseLocalScope", "Parameters")

    def __init__(self, command: Any, is_script: bool, use_local_scope: bool) -> None:
        self.command = command
        self.CommandText = command if isinstance(command, str) else to_string(command)
        self.IsScript = is_script
        self.UseLocalScope = use_local_scope
        self.Parameters = CommandParameterCollection()

    def ps_to_string(self) -> str:
        return self.CommandText

    def target(self) -> Any:
        """What the pipeline runs: a parsed script block for a script, else the command itself."""
        if not self.IsScript:
            return self.command
        from pyshell.engine.scriptblock import ScriptBlock

        return ScriptBlock.create(self.CommandText)

    def arguments(self) -> list[Any]:
        from pyshell.engine.binder import NO_VALUE, Argument

        out: list[Any] = []
        for p in self.Parameters:
            if p.Name is None:
                out.append(Argument(None, p.Value))
            elif not p.has_value:
                out.append(Argument(p.Name, NO_VALUE, "-" + p.Name, False))
            else:
                out.append(Argument(p.Name, p.Value, "-" + p.Name, True))
        return out


class PSCommand:
    """$ps.Commands: the statements to run; each statement is a pipeline of Command objects."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSCommand", "System.Object")
    PS_PROPERTIES = ("Commands",)
    PS_METHODS = ("Clear", "AddCommand", "AddScript", "AddParameter", "AddArgument", "AddStatement", "Clone")

    def __init__(self) -> None:
        self.statements: list[list[Command]] = [[]]

    @property
    def Commands(self) -> list[Command]:  # noqa: N802
        return OutputCollection([c for s in self.statements for c in s],
                                "System.Management.Automation.Runspaces.Command")

    def is_empty(self) -> bool:
        return not any(self.statements)

    def Clear(self) -> None:  # noqa: N802
        self.statements = [[]]

    def AddCommand(self, command: Any, use_local_scope: Any = False) -> PSCommand:  # noqa: N802
        if isinstance(command, Command):
            self.statements[-1].append(command)
        else:
            self.statements[-1].append(Command(command, False, to_bool(use_local_scope)))
        return self

    def AddScript(self, script: Any, use_local_scope: Any = False) -> PSCommand:  # noqa: N802
        self.statements[-1].append(Command(to_string(script), True, to_bool(use_local_scope)))
        return self

    @net_method
    def AddParameter(self, name: Any, *value: Any) -> PSCommand:  # noqa: N802
        self._last().Parameters.append(CommandParameter(to_string(name), value[0] if value else True, bool(value)))
        return self

    @net_method
    def AddArgument(self, value: Any) -> PSCommand:  # noqa: N802
        self._last().Parameters.append(CommandParameter(None, value))
        return self

    def AddStatement(self) -> PSCommand:  # noqa: N802
        if self.statements[-1]:
            self.statements.append([])
        return self

    def Clone(self) -> PSCommand:  # noqa: N802
        other = PSCommand()
        other.statements = [list(s) for s in self.statements]
        return other

    def _last(self) -> Command:
        if not self.statements[-1]:
            raise NetError("A command is required to add a parameter. A command must be added to the PowerShell "
                           "instance before adding a parameter.", STATE_ERROR)
        return self.statements[-1][-1]

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


def new_pscommand(*_args: Any) -> PSCommand:
    """[System.Management.Automation.PSCommand]::new()."""
    return PSCommand()


def new_command(command: Any, is_script: Any = False, use_local_scope: Any = False) -> Command:
    """[System.Management.Automation.Runspaces.Command]::new(command [, isScript [, useLocalScope]])."""
    return Command(command if not to_bool(is_script) else to_string(command), to_bool(is_script),
                   to_bool(use_local_scope))
