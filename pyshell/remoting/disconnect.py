"""Disconnect-PSSession, Connect-PSSession, Receive-PSSession over SSH, and the host's own session list.

Runs in the local pyshell. pwsh has these for WSMan only (reference 4.8, 9); here a persistent session's
agent is a daemon on the host (daemon.py) that outlives the SSH connection and holds the output produced
while no client is attached (spool.py), so a session can be left and taken up again, by a later shell too.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.errors import PyshellError
from pyshell.remoting.session import PSSession, SessionTable

__all__ = ["remote_sessions", "DisconnectPSSession", "ConnectPSSession", "ReceivePSSession"]

#: Disconnect-PSSession -IdleTimeoutSec's least value (WSMan's 60 000 ms).
MIN_IDLE_TIMEOUT = 60


def _table(rs: Any) -> SessionTable:
    if rs.sessions is None:
        rs.sessions = SessionTable()
    return rs.sessions  # type: ignore[no-any-return]


def remote_sessions(cmd: Cmdlet, computer: str) -> list[PSSession]:
    """The session daemons this user runs on `computer`, as PSSessions of this shell's table.

    One this shell holds is returned as it is; one known only on the host joins the table as Disconnected
    (Availability None), or Disconnected/Busy while another client is attached to it.
    :raises ConnectError: when the computer cannot be reached.
    """
    from pyshell.remoting.client import AgentConnection, list_sessions, resolve_host
    from pyshell.remoting.cmdlets import ask_for

    spec = resolve_host(computer)
    table = _table(cmd.runspace)
    out = []
    for meta in list_sessions(spec, ask_for(cmd.runspace.host)):
        iid = str(meta.get("InstanceId") or "")
        if not iid:
            continue
        session = table.by_instance_id(iid)
        if session is None:
            conn = AgentConnection(spec, iid, ask=ask_for(cmd.runspace.host))
            conn.disconnected = True
            session = table.new(conn, spec.name, meta.get("Name") or None, instance_id=iid)
        if getattr(session.connection, "disconnected", False):
            session.elsewhere = meta.get("State") == "Opened"
        session.remote_command = meta.get("Command")
        out.append(session)
    return out


def _select(cmd: Cmdlet) -> list[PSSession]:
    """The sessions named by -Session / -Id / -Name / -InstanceId (with -ComputerName: those on that host)."""
    table = _table(cmd.runspace)
    if cmd.is_bound("Session"):
        return [s for s in _as_list(getattr(cmd, "Session", None)) if isinstance(s, PSSession)]
    computers = _as_list(getattr(cmd, "ComputerName", None))
    pool: list[PSSession] = []
    for c in computers:
        pool += remote_sessions(cmd, str(c))
    if not computers:
        pool = list(table.sessions)
    out: list[PSSession] = []
    for i in _as_list(getattr(cmd, "Id", None)):
        found = [s for s in pool if s.Id == i]
        if not found:
            cmd.write_error(f"The remote session with the session ID {i} is not available.",
                            error_id="RemoteRunspaceNotAvailableForSpecifiedSessionId", category="InvalidArgument",
                            target=i)
        out += found
    for n in _as_list(getattr(cmd, "Name", None)):
        found = [s for s in pool if fnmatch.fnmatchcase(s.Name.lower(), str(n).lower())]
        if not found:
            cmd.write_error(f"The remote session with the name {n}  is not available.",
                            error_id="RemoteRunspaceNotAvailableForSpecifiedName", category="InvalidArgument",
                            target=n)
        out += found
    for g in _as_list(getattr(cmd, "InstanceId", None)):
        found = [s for s in pool if s.InstanceId.lower() == str(g).lower()]
        if not found:
            cmd.write_error(f"The remote session with the instance ID {g} is not available.",
                            error_id="RemoteRunspaceNotAvailableForSpecifiedRunspaceId",
                            category="InvalidArgument", target=g)
        out += found
    if computers and not any(cmd.is_bound(p) for p in ("Id", "Name", "InstanceId")):
        out = pool
    return list(dict.fromkeys(out))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _cannot_connect(session: PSSession, error_id: str = "PSSessionConnectFailed") -> PyshellError:
    # RemotingErrorIdStrings.RunspaceCannotBeConnected (text reconstructed: the resource itself was not at hand)
    return PyshellError(f"Cannot connect PSSession \"{session.Name}\" because it is not in the Disconnected state, "
                        "or it is connected to another client.", error_id=error_id, category="InvalidOperation",
                        target=session)


def _connect(cmd: Cmdlet, session: PSSession, error_id: str) -> bool:
    """Attach `session` here (no output fetched); a non-terminating error and False when that cannot be."""
    from pyshell.remoting.remote_job import sync_session_jobs

    if session.State == "Opened":
        return True
    if session.State != "Disconnected" or session.elsewhere:
        cmd.write_error(_cannot_connect(session, error_id))
        return False
    try:
        session.connection.reconnect()
    except PyshellError as e:
        cmd.write_error(PyshellError(f"Cannot connect PSSession \"{session.Name}\": {e}", error_id=error_id,
                                     category="InvalidOperation", target=session))
        sync_session_jobs(cmd.runspace, session)
        return False
    sync_session_jobs(cmd.runspace, session)
    return True


@command("Disconnect-PSSession", aliases=("dnsn",), default_set="Session")
class DisconnectPSSession(Cmdlet):
    """Leaves PSSessions: the daemon on the host keeps running their commands and holds their output."""

    Session = Param("object[]", position=0, pipeline=True, sets=("Session",))
    Name = Param("string[]", sets=("Name",))
    InstanceId = Param("string[]", sets=("InstanceId",))
    Id = Param("int[]", position=0, sets=("Id",))
    IdleTimeoutSec = Param("int")
    OutputBufferingMode = Param("string", validate_set=("None", "Block", "Drop"))
    ThrottleLimit = Param("int", default=0)

    def begin(self) -> Iterable[Any]:
        if self.is_bound("IdleTimeoutSec") and int(self.IdleTimeoutSec) < MIN_IDLE_TIMEOUT:
            raise PyshellError(f"Cannot validate argument on parameter 'IdleTimeoutSec'. The {self.IdleTimeoutSec} "
                               f"argument is less than the minimum allowed range of {MIN_IDLE_TIMEOUT}. Supply an "
                               f"argument that is greater than or equal to {MIN_IDLE_TIMEOUT} and then try the "
                               "command again.", error_id="ParameterArgumentValidationError",
                               category="InvalidData")
        return ()

    def process(self) -> Iterable[Any]:
        from pyshell.remoting.remote_job import sync_session_jobs

        mode = self.OutputBufferingMode if self.OutputBufferingMode not in (None, "None") else None
        for s in _select(self):
            if s.State == "Disconnected":
                continue  # already disconnected: silently ignored, as DisconnectPSSessionCommand does
            if s.State != "Opened" or not getattr(s.connection, "instance_id", None):
                self.write_error(f"Cannot disconnect PSSession \"{s.Name}\" because it is not in the Opened state.",
                                 error_id="CannotDisconnectSessionWhenNotOpened", category="InvalidOperation",
                                 target=s)
                continue
            s.connection.disconnect(float(self.IdleTimeoutSec) if self.is_bound("IdleTimeoutSec") else None, mode)
            sync_session_jobs(self.runspace, s)
            yield s


@command("Connect-PSSession", aliases=("cnsn",), default_set="Name")
class ConnectPSSession(Cmdlet):
    """Reattaches disconnected PSSessions (of this shell, or found on a host), without fetching their output."""

    Name = Param("string[]", sets=("Name", "ComputerName"))
    Session = Param("object[]", position=0, pipeline=True, sets=("Session",))
    ComputerName = Param("string[]", position=0, aliases=("Cn",), sets=("ComputerName",))
    InstanceId = Param("string[]", sets=("InstanceId", "ComputerName"))
    Id = Param("int[]", position=0, sets=("Id",))
    ThrottleLimit = Param("int", default=0)

    def process(self) -> Iterable[Any]:
        for s in _select(self):
            if _connect(self, s, "PSSessionConnectFailed"):
                yield s


@command("Receive-PSSession", aliases=("rcsn",), default_set="Session")
class ReceivePSSession(Cmdlet):
    """Connects a session if needed and gets the output its command produced while it was disconnected."""

    Session = Param("object", position=0, pipeline=True, sets=("Session",))
    Id = Param("int", position=0, sets=("Id",))
    ComputerName = Param("string", position=0, aliases=("Cn",), sets=("ComputerSessionName",))
    Name = Param("string", sets=("ComputerSessionName", "SessionName"))
    InstanceId = Param("string", sets=("ComputerSessionName", "InstanceId"))
    OutTarget = Param("string", validate_set=("Host", "Job"))
    JobName = Param("string")

    def process(self) -> Iterable[Any]:
        found = _select(self)
        for s in found[:1]:
            yield from self._receive(s)

    def _receive(self, session: PSSession) -> Iterator[Any]:
        from pyshell.remoting.remote_job import job_for_session

        if not _connect(self, session, "ReceivePSSessionCannotConnectSession"):
            return
        job = job_for_session(self.runspace, session)
        if job is not None:
            # The command was started here as a job (Invoke-Command -AsJob): as ReceivePSSessionCommand's
            # FindJobForSession, that same job is connected again and returned, so `$job` keeps receiving
            # what the command produces: Receive-Job $job gives every line once, those from before the
            # disconnect (still in the job) and those held or produced since.
            session.connection.receive()
            if (self.OutTarget or "Job") == "Job":
                yield job
            else:
                yield from self._drain_job(job)
            return
        yield from self._adopt(session)

    def _adopt(self, session: PSSession) -> Iterator[Any]:
        """A command started by another shell (or no job here): follow what the daemon says is pending."""
        from pyshell.remoting.cmdlets import emit
        from pyshell.remoting.remote_job import follow_remote_job
        from pyshell.remoting.session import follow_in_session

        pending = session.connection.pending
        streams = [follow_in_session(session, str(p.get("id"))) for p in pending]  # registered before `receive`
        session.connection.receive()
        if not streams:
            return
        if self.OutTarget == "Job":
            command = "; ".join(str(p.get("command") or "") for p in pending)

            def events() -> Iterator[Any]:
                for stream in streams:
                    yield from stream

            yield follow_remote_job(self.runspace, session, command, events, self.JobName or None)
            return
        for stream in streams:
            for ev in stream:
                if ev.kind in ("state", "disconnected", "reconnected"):
                    continue
                yield from emit(self, ev)

    def _drain_job(self, job: Any) -> Iterator[Any]:
        """-OutTarget Host for a command started as a job here: the job's results, as they come, to the end."""
        from pyshell.jobs.job import FINISHED

        while True:
            self.check_stop()
            for stream, item in job.take_results():
                if stream == "Output":
                    yield item
                elif stream == "Error":
                    self.streams.error(item)
            if job.State in FINISHED and not job.has_buffered_results():
                return
            job.wait_for_data(0.2)
