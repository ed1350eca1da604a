"""Parameter validation helpers that report errors exactly as pwsh's validation attributes do."""

from __future__ import annotations

from collections.abc import Iterable

from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["validate_range", "validate_not_null_or_empty", "reject_vt"]


def validate_range(param: str, values: Iterable[int], low: int, high: int) -> None:
    """[ValidateRange(low, high)]: raise ParameterArgumentValidationError for the first value outside the range."""
    for v in values:
        if v < low:
            detail = f"The {v} argument is less than the minimum allowed range of {low}. Supply an argument that " \
                     f"is greater than or equal to {low} and then try the command again."
        elif v > high:
            detail = f"The {v} argument is greater than the maximum allowed range of {high}. Supply an argument " \
                     f"that is less than or equal to {high} and then try the command again."
        else:
            continue
        raise ParameterBindingError(f"Cannot validate argument on parameter '{param}'. {detail}",
                                    error_id="ParameterArgumentValidationError", category="InvalidData", target=v)


def validate_not_null_or_empty(param: str, value: object) -> None:
    """[ValidateNotNullOrEmpty] for a bound string parameter."""
    if value is None or value == "":
        raise ParameterBindingError(f"Cannot validate argument on parameter '{param}'. The argument is null or empty. "
                                    f"Provide an argument that is not null or empty, and then try the command again.",
                                    error_id="ParameterArgumentValidationError", category="InvalidData")


def reject_vt(param: str, value: str | None) -> None:
    """Progress text is drawn by the host, so embedded escape sequences are refused (pwsh: ArgumentException)."""
    if value and "\x1b" in value:
        raise PyshellError(f"The value of the '{param}' parameter cannot contain virtual terminal (VT) "
                           f"escape sequences.", error_id="Argument", category="InvalidArgument",
                           reason="PSArgumentException")
