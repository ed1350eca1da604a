"""$PSBoundParameters: pwsh's PSBoundParametersDictionary, a Dictionary[string, object].

Why its own type: pwsh shows it as Key/Value pairs (a generic dictionary), not as a hashtable's
Name/Value table, and `.GetType().FullName` names it; it still compares keys case-insensitively.
"""

from __future__ import annotations

from pyshell.engine.objects import Hashtable

__all__ = ["PSBoundParametersDictionary"]


class PSBoundParametersDictionary(Hashtable):
    """The bound parameters of a function or script, by name (case-insensitive)."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.Management.Automation.PSBoundParametersDictionary",
                     "System.Collections.Generic.Dictionary`2[[System.String],[System.Object]]", "System.Object")
