"""CmdletInfo: Get-Command's object for a compiled cmdlet, with pwsh's parameter metadata (Parameters,
ParameterSets, the syntax text) including the dynamic parameters the FileSystem provider adds."""

from __future__ import annotations

from typing import Any

from pyshell.engine.builtin_modules import module_of
from pyshell.engine.cmdlet import Cmdlet
from pyshell.engine.cmdmeta import build_metadata, set_names

__all__ = ["CmdletInfo", "FILESYSTEM_DYNAMIC", "syntax_text"]

#: the parameters the FileSystem provider adds to a cmdlet as dynamic parameters (pwsh on Unix: no -Stream);
#: on another provider's path (function:, env:) the cmdlet does not have them
FILESYSTEM_DYNAMIC: dict[str, tuple[str, ...]] = {
    "get-content": ("Encoding", "AsByteStream", "Delimiter", "Wait", "Raw"),
    "set-content": ("Encoding", "AsByteStream", "NoNewline"),
    "add-content": ("Encoding", "AsByteStream", "NoNewline"),
    "get-childitem": ("Attributes", "FollowSymlink", "Directory", "File", "Hidden", "ReadOnly", "System"),
}


class CmdletInfo:
    """A cmdlet as Get-Command shows it; without `with_dynamic` (a non-FileSystem path) no provider parameters."""

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
        names = set_names(cls.default_set, params)
        self.DefaultParameterSet = cls.default_set if cls.default_set in names else None
        self.OutputType: list[Any] = []
        self.Options = "ReadOnly"
        self.Visibility = "Public"
        # Parameters: a case-insensitive name -> ParameterMetadata table (pwsh: a Dictionary with ContainsKey)
        self.Parameters, self.ParameterSets = build_metadata(params, cls.default_set, common=True, dynamic=dynamic)
        self.Definition = self.syntax()

    def syntax(self) -> str:
        """pwsh's Definition / -Syntax text: one line per parameter set."""
        return "\n" + "\n\n".join(s.syntax(self.Name) for s in self.ParameterSets) + "\n"

    def ps_to_string(self) -> str:
        return self.Name


def syntax_text(cls: type[Cmdlet]) -> str:
    """The syntax lines of a cmdlet (Get-Help's SYNTAX section)."""
    return CmdletInfo(cls).syntax()
