"""[System.Management.Automation.ExperimentalFeature]: pyshell turns on no experimental feature.

PowerShell's own tests guard blocks with `-Skip:(-not [ExperimentalFeature]::IsEnabled('Name'))`;
$EnabledExperimentalFeatures is empty, so every name reports $false and those blocks are skipped.
"""

from __future__ import annotations

from typing import Any

__all__ = ["register", "EXPERIMENTAL_TYPE"]

EXPERIMENTAL_TYPE = "System.Management.Automation.ExperimentalFeature"


def _is_enabled(*args: Any) -> bool:
    """IsEnabled(featureName): false, as no experimental feature is on."""
    if len(args) != 1:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("IsEnabled", len(args))
    return False


def register(static_types: dict[str, dict[str, Any]], aliases: dict[str, str], known: set[str]) -> None:
    """Add the type to engine/types.py's tables (existing entries win)."""
    aliases.setdefault("experimentalfeature", EXPERIMENTAL_TYPE)
    known.add(EXPERIMENTAL_TYPE)
    static_types.setdefault(EXPERIMENTAL_TYPE, {}).setdefault("IsEnabled", _is_enabled)
