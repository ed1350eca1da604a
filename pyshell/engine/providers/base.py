"""Provider and drive objects as pwsh shows them (ProviderInfo, PSDriveInfo).

Kept free of the item classes so ``engine.items`` can use them for the PSDrive/PSProvider notes
of file system items.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ["CORE_MODULE", "ProviderInfo", "PSDriveInfo", "qualified_name", "culture_key"]

#: The module every built-in provider comes from, as in ``Microsoft.PowerShell.Core\FileSystem``.
CORE_MODULE = "Microsoft.PowerShell.Core"


#: ASCII punctuation moved below the digits (in their own order), as culture-aware comparison sorts them
_PUNCTUATION_FIRST = {c: i + 1 for i, c in enumerate(c for c in range(32, 127) if not chr(c).isalnum())}


def culture_key(name: str) -> tuple[str, str]:
    """Sort key close to pwsh's CurrentCultureIgnoreCase: punctuation before digits before letters,
    case ignored; names equal but for case keep ordinal order."""
    return name.casefold().translate(_PUNCTUATION_FIRST), name


def qualified_name(provider: str) -> str:
    """A provider's PSPath prefix name: ``Microsoft.PowerShell.Core\\Environment``."""
    return f"{CORE_MODULE}\\{provider}"


class ProviderInfo:
    """A provider (FileSystem, Environment...): Get-PSProvider's objects, PathInfo.Provider.

    ``Drives`` lists the drives of the table the provider belongs to (empty without one).
    """

    PS_TYPE_NAMES = ("System.Management.Automation.ProviderInfo", "System.Object")
    PS_PROPERTIES = ("ImplementingType", "HelpFile", "Name", "PSSnapIn", "ModuleName", "Module", "Description",
                     "Capabilities", "Home", "Drives")

    def __init__(self, name: str, capabilities: str = "ShouldProcess", home: str = "", table: Any = None) -> None:
        self.Name = name
        self.Capabilities = capabilities
        self.Home = home
        self.ImplementingType = f"Microsoft.PowerShell.Commands.{name}Provider"
        self.HelpFile = "System.Management.Automation.dll-Help.xml"
        self.PSSnapIn = None
        self.ModuleName = CORE_MODULE
        self.Module = None
        self.Description = ""
        self._table = table

    @property
    def Drives(self) -> list[PSDriveInfo]:  # noqa: N802 - .NET property name
        if self._table is None:
            return []
        return [d for d in self._table if d.Provider is self]

    def ps_to_string(self) -> str:
        return qualified_name(self.Name)

    ToString = ps_to_string

    def __repr__(self) -> str:
        return f"ProviderInfo({self.Name!r})"


class PSDriveInfo:
    """A drive: its name, provider, root and the location last set on it.

    ``CurrentLocation`` is the path below the root without a leading separator (pwsh's form);
    ``Used``/``Free`` are bytes for file system drives and $null for the others.
    """

    PS_TYPE_NAMES = ("System.Management.Automation.PSDriveInfo", "System.Object")
    PS_PROPERTIES = ("Used", "Free", "CurrentLocation", "Name", "Provider", "Root", "Description", "MaximumSize",
                     "Credential", "DisplayRoot")

    def __init__(self, name: str, provider: ProviderInfo, root: str = "", description: str = "",
                 display_root: str | None = None) -> None:
        self.Name = name
        self.Provider = provider
        self.Root = root
        self.Description = description
        self.CurrentLocation = ""
        self.MaximumSize = None
        self.Credential = None
        self.DisplayRoot = display_root

    @property
    def is_filesystem(self) -> bool:
        return self.Provider.Name == "FileSystem"

    @property
    def root_dir(self) -> str:
        """The root as a directory path without a trailing separator ("/" stays "/")."""
        return self.Root.rstrip("/") or "/"

    def _usage(self) -> Any:
        if not self.is_filesystem:
            return None
        import shutil

        try:
            return shutil.disk_usage(self.Root or "/")
        except OSError:
            return None

    @property
    def Used(self) -> int | None:  # noqa: N802
        usage = self._usage()
        return None if usage is None else usage.total - usage.free

    @property
    def Free(self) -> int | None:  # noqa: N802
        usage = self._usage()
        return None if usage is None else usage.free

    def ps_to_string(self) -> str:
        return self.Name

    ToString = ps_to_string

    def __repr__(self) -> str:
        return f"PSDriveInfo({self.Name!r}, {self.Root!r})"


def home_dir() -> str:
    """The FileSystem provider's Home: $HOME."""
    return os.environ.get("HOME") or os.path.expanduser("~")
