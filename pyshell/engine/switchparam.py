"""[switch] parameters of script functions: System.Management.Automation.SwitchParameter values.

An int subclass (0/1) so that `if ($s)`, `$s -eq $true`, `[bool]$s` and passing it on to another
switch behave as the bool it stands for, while `$s.IsPresent`, `$s.ToBool()` and `$s.GetType()` are
the SwitchParameter's.
"""

from __future__ import annotations

__all__ = ["SwitchParameter"]


class SwitchParameter(int):
    """A [switch] parameter's value inside the function."""

    PS_TYPE_NAMES = ("System.Management.Automation.SwitchParameter", "System.ValueType", "System.Object")
    PS_PROPERTIES = ("IsPresent",)
    PS_METHODS = ("ToBool", "ToString", "Equals", "GetHashCode")

    def __new__(cls, present: object = False) -> SwitchParameter:
        return super().__new__(cls, 1 if present else 0)

    @property
    def IsPresent(self) -> bool:  # noqa: N802 - .NET member name
        return bool(self)

    def ToBool(self) -> bool:  # noqa: N802
        return bool(self)

    def ToString(self) -> str:  # noqa: N802
        return str(self)

    def Equals(self, other: object) -> bool:  # noqa: N802
        return bool(self) == bool(other)

    def GetHashCode(self) -> int:  # noqa: N802
        return int(self)

    def ps_to_string(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return "True" if self else "False"

    def __repr__(self) -> str:
        return f"SwitchParameter({bool(self)})"
