"""The modules pwsh ships its cmdlets in: which module a built-in command belongs to, and module objects
for them (so `Import-Module Microsoft.PowerShell.Utility` and `Get-Module -ListAvailable` work as in pwsh)."""

from __future__ import annotations

import os
from typing import Any

__all__ = ["CORE", "UTILITY", "MANAGEMENT", "SECURITY", "HOST", "BUILTIN_MODULES", "module_of", "builtin_module"]

CORE = "Microsoft.PowerShell.Core"
UTILITY = "Microsoft.PowerShell.Utility"
MANAGEMENT = "Microsoft.PowerShell.Management"
SECURITY = "Microsoft.PowerShell.Security"
HOST = "Microsoft.PowerShell.Host"

#: the importable ones ($PSHOME/Modules); Microsoft.PowerShell.Core is a snap-in, always loaded
BUILTIN_MODULES = (HOST, MANAGEMENT, SECURITY, UTILITY)

_CORE = frozenset(n.casefold() for n in (
    "Add-History", "Clear-History", "Connect-PSSession", "Debug-Job", "Disconnect-PSSession", "Enter-PSHostProcess",
    "Enter-PSSession", "Exit-PSHostProcess", "Exit-PSSession", "Export-ModuleMember", "ForEach-Object",
    "Get-Command", "Get-Help", "Get-History", "Get-Job", "Get-Module", "Get-PSHostProcessInfo", "Get-PSSession",
    "Get-PSSubsystem", "Import-Module", "Invoke-Command", "Invoke-History", "New-Module", "New-ModuleManifest",
    "New-PSRoleCapabilityFile", "New-PSSession", "New-PSSessionOption", "New-PSTransportOption", "Out-Default",
    "Out-Host", "Out-Null", "Receive-Job", "Receive-PSSession", "Register-ArgumentCompleter", "Remove-Job",
    "Remove-Module", "Remove-PSSession", "Save-Help", "Set-PSDebug", "Set-StrictMode", "Start-Job", "Stop-Job",
    "Test-ModuleManifest", "Update-Help", "Wait-Job", "Where-Object", "Clear-Host", "Get-Verb",
))
_MANAGEMENT = frozenset(n.casefold() for n in (
    "Add-Content", "Clear-Content", "Clear-Item", "Clear-ItemProperty", "Convert-Path", "Copy-Item",
    "Copy-ItemProperty", "Debug-Process", "Get-ChildItem", "Get-Clipboard", "Get-Content", "Get-Item",
    "Get-ItemProperty", "Get-ItemPropertyValue", "Get-Location", "Get-Process", "Get-PSDrive", "Get-PSProvider",
    "Get-TimeZone", "Invoke-Item", "Join-Path", "Move-Item", "Move-ItemProperty", "New-Item", "New-ItemProperty",
    "New-PSDrive", "Pop-Location", "Push-Location", "Remove-Item", "Remove-ItemProperty", "Remove-PSDrive",
    "Rename-Item", "Rename-ItemProperty", "Resolve-Path", "Set-Clipboard", "Set-Content", "Set-Item",
    "Set-ItemProperty", "Set-Location", "Split-Path", "Start-Process", "Stop-Process", "Test-Connection",
    "Test-Path", "Wait-Process", "Get-EventLog", "Clear-EventLog", "Write-EventLog", "Limit-EventLog",
    "New-EventLog", "Remove-EventLog", "Show-EventLog",
))
_SECURITY = frozenset(n.casefold() for n in (
    "ConvertFrom-SecureString", "ConvertTo-SecureString", "Get-CmsMessage", "Get-Credential", "Get-ExecutionPolicy",
    "Get-PfxCertificate", "Protect-CmsMessage", "Set-ExecutionPolicy", "Unprotect-CmsMessage",
))
_HOST = frozenset(n.casefold() for n in ("Start-Transcript", "Stop-Transcript"))


def module_of(command: str) -> str:
    """The module pwsh ships a built-in command in (Microsoft.PowerShell.Utility unless listed elsewhere)."""
    key = command.casefold()
    if key in _CORE:
        return CORE
    if key in _MANAGEMENT:
        return MANAGEMENT
    if key in _SECURITY:
        return SECURITY
    if key in _HOST:
        return HOST
    if key.endswith(("-job", "-pssession")):
        return CORE
    return UTILITY


def builtin_module(name: str) -> Any:
    """A PSModuleInfo for one of pwsh's own modules (its cmdlets are always there), or None."""
    from pyshell.engine.cmdlet import REGISTRY
    from pyshell.engine.modules import PSModuleInfo, _pshome, _version

    canonical = next((m for m in BUILTIN_MODULES if m.casefold() == name.casefold()), None)
    if canonical is None:
        return None
    path = os.path.join(_pshome(), "Modules", canonical, canonical + ".psd1")
    module = PSModuleInfo(canonical, path, "Manifest")
    module.Version = _version("7.0.0.0")
    module.CompatiblePSEditions = ["Core"]
    for cls in sorted(REGISTRY, key=lambda c: c.name.casefold()):
        if module_of(cls.name) == canonical:
            module.ExportedCmdlets[cls.name] = cls.name
    module.builtin = True
    return module
