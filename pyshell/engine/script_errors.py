"""Errors an advanced function reports through $PSCmdlet.WriteError / ThrowTerminatingError.

Why: pwsh gives such a record the function's invocation, so its FullyQualifiedErrorId gains the
function's name ("MyId,Get-Thing", "PathNotFound,Get-Thing" for a rethrown $_) and the error view
names the function, as for a compiled cmdlet's errors.
"""

from __future__ import annotations

import os
from typing import Any

from pyshell.engine.records import ErrorRecord, InvocationInfo
from pyshell.errors import Span

__all__ = ["attribute_to_command"]


def attribute_to_command(record: Any, name: str, is_script: bool = False, span: Span | None = None,
                         terminating: bool = False) -> None:
    """Make record come from the script command `name` (a function, or a script file's path) called at span.

    :param terminating: from ThrowTerminatingError: a host then sees a CmdletInvocationException around it.
    """
    if not isinstance(record, ErrorRecord):
        return
    if terminating:
        record.error.cmdlet_invocation = True  # type: ignore[attr-defined]
    if not name:
        return
    command = os.path.basename(name) if is_script else name
    record.FullyQualifiedErrorId = f"{record.error.error_id},{command}"
    record.command = command
    record.CategoryInfo.Activity = command
    if span is not None:
        record.error.span = span  # shown at the command's call, as a cmdlet's error is
    record.InvocationInfo = InvocationInfo(command, span if span is not None else record.InvocationInfo.span)
