"""$ExecutionContext: the engine intrinsics object every runspace starts with.

Why so small: each runspace makes one at start-up, so its parts (InvokeCommand, SessionState, in
engine/session_intrinsics.py) are built only when a script first reaches for them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EngineIntrinsics"]


class EngineIntrinsics:
    """$ExecutionContext itself."""

    PS_TYPE_NAMES = ("System.Management.Automation.EngineIntrinsics", "System.Object")
    PS_PROPERTIES = ("Host", "Events", "InvokeProvider", "SessionState", "InvokeCommand")

    def __init__(self, rs: Any, host: Any) -> None:
        self._rs = rs
        self.Host = host
        self.Events = None
        self._invoke_command: Any = None
        self._session_state: Any = None
        self._invoke_provider: Any = None

    @property
    def InvokeProvider(self) -> Any:  # noqa: N802
        if self._invoke_provider is None:
            from pyshell.engine.provider_intrinsics import ProviderIntrinsics

            self._invoke_provider = ProviderIntrinsics(self._rs)
        return self._invoke_provider

    @property
    def InvokeCommand(self) -> Any:  # noqa: N802
        if self._invoke_command is None:
            from pyshell.engine.session_intrinsics import CommandInvocationIntrinsics

            self._invoke_command = CommandInvocationIntrinsics(self._rs)
        return self._invoke_command

    @property
    def SessionState(self) -> Any:  # noqa: N802
        if self._session_state is None:
            from pyshell.engine.session_intrinsics import SessionStateIntrinsics

            self._session_state = SessionStateIntrinsics(self._rs, self.InvokeCommand)
        return self._session_state

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]
