"""PSSession objects, the runspace's session table, and running a script block in a session.

Runs in the local pyshell. The SSH details live in `client.py`; this module only needs an object with
`invoke(...)`, `request(...)`, `close()`, `broken` and `hello` (an `AgentConnection` or a test loopback).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from pyshell.engine.objects import PSObject
from pyshell.wire import Kind, deserialize, deserialize_record

__all__ = ["PSSession", "SessionTable", "RemoteEvent", "run_in_session", "follow_in_session"]


class PSSession:
    """A remote runspace reached over SSH, as `New-PSSession` returns it."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.PSSession", "System.Object")
    PS_PROPERTIES = ("ComputerType", "ComputerName", "ContainerId", "VMName", "VMId", "ConfigurationName",
                     "InstanceId", "Id", "Name", "Availability", "ApplicationPrivateData", "Runspace", "Transport",
                     "State")

    def __init__(self, session_id: int, connection: Any, computer_name: str, name: str | None = None,
                 instance_id: str | None = None) -> None:
        self.Id = session_id
        self.Name = name or f"Runspace{session_id}"
        self.ComputerName = computer_name
        self.ComputerType = "RemoteMachine"
        self.ConfigurationName = "DefaultShell"
        self.Transport = "SSH"
        self.InstanceId = instance_id or str(uuid.uuid4())
        self.ContainerId = None
        self.VMName = None
        self.VMId = None
        self.ApplicationPrivateData = None
        self.connection = connection
        self.busy = False
        self.closed = False
        self.temporary = False  #: opened by Enter-PSSession/Invoke-Command -ComputerName; closed after use
        #: seen only in the host's list while another client is attached to it (Disconnected/Busy)
        self.elsewhere = False
        #: what the daemon said runs in it, when listed by Get-PSSession -ComputerName
        self.remote_command: str | None = None

    @property
    def Runspace(self) -> str:  # noqa: N802 - PowerShell property name
        return f"RemoteRunspace{self.Id}"

    @property
    def State(self) -> str:  # noqa: N802
        if self.closed:
            return "Closed"
        if getattr(self.connection, "broken", False):
            return "Broken"
        if self.elsewhere or getattr(self.connection, "disconnected", False):
            return "Disconnected"
        return "Opened"

    @property
    def Availability(self) -> str:  # noqa: N802
        state = self.State
        if state == "Disconnected" and self.elsewhere:
            return "Busy"  # connected to another client: cannot connect here
        if state != "Opened":
            return "None"
        return "Busy" if self.busy else "Available"

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.connection.close()

    def ps_to_string(self) -> str:
        return f"[PSSession]{self.Name}"


class SessionTable:
    """The sessions of one runspace (`Get-PSSession`), with their own Id counter starting at 1."""

    def __init__(self) -> None:
        self.sessions: list[PSSession] = []
        self._next = 1

    def new(self, connection: Any, computer_name: str, name: str | None = None, *, keep: bool = True,
            instance_id: str | None = None) -> PSSession:
        session = PSSession(self._next, connection, computer_name, name, instance_id)
        self._next += 1
        if keep:
            self.sessions.append(session)
        else:
            session.temporary = True
        return session

    def remove(self, session: PSSession) -> None:
        session.close()
        if session in self.sessions:
            self.sessions.remove(session)

    def by_instance_id(self, instance_id: str) -> PSSession | None:
        return next((s for s in self.sessions if s.InstanceId.lower() == instance_id.lower()), None)

    def close_all(self) -> None:
        """The shell ends: close its sessions, but leave on the host (Disconnected) the disconnected ones and
        those running a command, as WSMan keeps a session whose client went away mid-command."""
        for s in list(self.sessions):
            conn = s.connection
            if getattr(conn, "disconnected", False) or s.elsewhere:
                continue
            if s.busy and getattr(conn, "instance_id", None) and not s.closed and s.State == "Opened":
                try:
                    conn.disconnect()
                    continue
                except Exception:  # noqa: BLE001 - leaving anyway: then close it
                    pass
            self.remove(s)


class RemoteEvent:
    """One thing a remote command produced: `kind` is output/error/warning/.../state; `value` the local value."""

    __slots__ = ("kind", "value", "session")

    def __init__(self, kind: str, value: Any, session: PSSession) -> None:
        self.kind = kind
        self.value = value
        self.session = session


def _mark(value: Any, session: PSSession, show: bool) -> Any:
    """Give remote output its PSComputerName/RunspaceId/PSShowComputerName notes (property bags only)."""
    if isinstance(value, PSObject):
        value.properties["PSComputerName"] = session.ComputerName
        value.properties["RunspaceId"] = session.InstanceId
        value.properties["PSShowComputerName"] = show
    return value


def run_in_session(session: PSSession, script: str, *, args: list[Any] | None = None,
                   using: dict[str, Any] | None = None, interactive: bool = False,
                   show_computer_name: bool = True, input: list[Any] | None = None) -> Iterator[RemoteEvent]:
    """Run `script` in `session` (`input`: its pipeline input, or None for none), yielding its output and stream records as they arrive.

    A disconnect meanwhile yields a `disconnected` event, a reconnect a `reconnected` one; the stream goes on.
    :raises RemoteError: when the connection breaks meanwhile.
    """
    from pyshell.wire import serialize

    session.busy = True
    try:
        messages = session.connection.invoke(script, args=[serialize(a) for a in args or []],
                                             using={k: serialize(v) for k, v in (using or {}).items()},
                                             interactive=interactive,
                                             **({"input": [serialize(v) for v in input]} if input is not None else {}))
        yield from _events(session, messages, show_computer_name)
    finally:
        session.busy = False


def follow_in_session(session: PSSession, invocation_id: str, show_computer_name: bool = True,
                      ) -> Iterator[RemoteEvent]:
    """The events of a command an earlier client started in `session` (Receive-PSSession in a new shell).

    The stream is registered at once, before the caller asks the daemon for the held output.
    """
    messages = session.connection.adopt(invocation_id)

    def run() -> Iterator[RemoteEvent]:
        session.busy = True
        try:
            yield from _events(session, messages, show_computer_name)
        finally:
            session.busy = False

    return run()


def _events(session: PSSession, messages: Iterator[dict[str, Any]], show: bool) -> Iterator[RemoteEvent]:
    for msg in messages:
        kind = str(msg.get("kind"))
        if kind == Kind.OUTPUT.value:
            yield RemoteEvent(kind, _mark(deserialize(msg.get("value")), session, show), session)
        elif kind in (Kind.STATE.value, "disconnected", "reconnected"):
            yield RemoteEvent(kind, msg, session)
        elif "record" in msg:
            record = deserialize_record(kind, msg["record"])
            if kind == Kind.ERROR.value:
                record.remote_computer = session.ComputerName
            yield RemoteEvent(kind, record, session)
