"""Get-Error: the newest errors of the session (or the errors piped in) shown in full detail."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.objects import MISSING, PSObject, type_names, unwrap
from pyshell.errors import PyshellError

__all__ = ["GetError"]

_RECORD = "System.Management.Automation.ErrorRecord"
_EXCEPTION = "System.Exception"


def extended(error: Any, index: int | None) -> PSObject:
    """The error with pwsh's #PSExtendedError type name in place of its own (so the detailed view shows it,
    not the one-line error view), and its index in $Error when several are listed."""
    base = error.base if isinstance(error, PSObject) and error.base is not None else error
    names = type_names(base)
    shown: list[str] = []
    if _RECORD in names:
        shown.append(_RECORD + "#PSExtendedError")
    if _EXCEPTION in names:
        shown.append(_EXCEPTION + "#PSExtendedError")
    shown.extend(n for n in names if n not in (_RECORD, _EXCEPTION))
    obj = PSObject([("PSErrorIndex", index)] if index is not None else [], shown, base=base)
    return obj


@command("Get-Error", default_set="Newest")
class GetError(Cmdlet):
    """Gets and displays the most recent error messages of the session in detail."""

    InputObject = Param("psobject", position=0, pipeline=True, sets=("Error",))
    Newest = Param("int", aliases=("Last",), sets=("Newest",), default=1)

    def begin(self) -> Iterable[Any]:
        self._errors: list[Any] = []
        return ()

    def process(self) -> Iterator[Any]:
        if self.parameter_set_name == "Error":
            value = unwrap(self.InputObject) if self.is_bound("InputObject") else None
            names = type_names(value) if value is not None else []
            if _RECORD in names or _EXCEPTION in names:
                self._errors.append(value)
            return iter(())
        count = int(self.Newest) if self.Newest is not None else 1
        if count < 1:
            raise PyshellError(f"Cannot validate argument on parameter 'Newest'. The {count} argument is less than "
                               f"the minimum allowed range of 1. Supply an argument that is greater than or equal "
                               f"to 1 and then try the command again.", error_id="ParameterArgumentValidationError",
                               category="InvalidData", target=count)
        errors = self.runspace.get_variable("Error")
        if errors is not MISSING and errors is not None:
            self._errors.extend(list(errors)[:count])
        return iter(())

    def end(self) -> Iterator[Any]:
        several = len(self._errors) > 1
        for i, error in enumerate(self._errors):
            yield extended(error, i if several else None)
