"""Remoting commands: New/Get/Remove-PSSession, Invoke-Command, Enter/Exit-PSSession (disconnect.py: the rest).

Runs in the local pyshell (the agent loads it too, which is harmless: a remote session can open sessions).
"""

from __future__ import annotations

import dataclasses
import os
import queue
import sys
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.errors import PyshellError, RemoteError
from pyshell.language import ast as A
from pyshell.remoting.session import PSSession, RemoteEvent, SessionTable, run_in_session

__all__ = ["Target", "open_connection", "open_session", "targets_of", "ask_for", "using_values", "emit"]

#: Default number of hosts Invoke-Command -ComputerName talks to at once.
DEFAULT_THROTTLE = 32


def _table(rs: Any) -> SessionTable:
    if rs.sessions is None:
        rs.sessions = SessionTable()
    return rs.sessions  # type: ignore[no-any-return]


@dataclasses.dataclass(frozen=True)
class Target:
    """Where to connect: a computer (`[user@]host[:port]` or an ssh_config alias) and the SSH parameters."""

    computer: str
    port: int | None = None
    user: str | None = None
    key_file: str | None = None
    timeout_ms: int | None = None
    options: dict[str, Any] | None = None

    @property
    def host(self) -> str:
        """The host part of `computer` (a job's Location, a PSSession's ComputerName)."""
        from pyshell.remoting.sshconfig import split_target

        return split_target(self.computer)[1]

    def __str__(self) -> str:
        return self.host


def _stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def ask_for(host: Any) -> Any:
    """The host's `read_line` when the shell can ask the user (an interactive host on a terminal), else None."""
    if host is None or not getattr(host, "interactive", False) or not _stdin_is_tty():
        return None
    return host.read_line


def open_connection(target: Target | str, *, instance_id: str | None = None, host: Any = None) -> Any:
    """Connect to `target` and start its agent. :raises ConnectError: `[computer] ...` when unreachable.

    :param instance_id: a persistent session's id: its agent is a daemon on the host that outlives the
        connection; without it the runspace lives in the host's pool daemon (temporary sessions).
    :param host: the local host, asked about unknown host keys when it is interactive.
    """
    from pyshell.remoting.client import AgentConnection, resolve_host

    t = Target(target) if isinstance(target, str) else target
    spec = resolve_host(t.computer, port=t.port, user=t.user, key_file=t.key_file,
                        timeout=t.timeout_ms / 1000 if t.timeout_ms else None, options=t.options)
    return AgentConnection(spec, instance_id, ask=ask_for(host)).open()


def open_session(rs: Any, target: Target | str, *, name: str | None = None, keep: bool = True) -> PSSession:
    """A session to `target`; it joins the runspace's table (`Get-PSSession`) when `keep`."""
    instance_id = str(uuid.uuid4()) if keep else None
    conn = open_connection(target, instance_id=instance_id, host=rs.host)
    session = _table(rs).new(conn, conn.computer, name, keep=keep, instance_id=instance_id)
    if keep:
        conn.set_name(session.Name)
    return session


def _as_dict(value: Any) -> dict[str, Any]:
    from pyshell.engine.objects import Hashtable

    if isinstance(value, (dict, Hashtable)):
        return {str(k): v for k, v in value.items()}
    raise PyshellError(f"Cannot convert \"{value}\" to \"System.Collections.Hashtable\".",
                       error_id="ParameterArgumentTransformationError", category="InvalidData")


def _connection_entry(entry: Any) -> Target:
    """One -SSHConnection hashtable: ComputerName/HostName (required), Port, UserName, KeyFilePath, Options."""
    d = {k.lower(): v for k, v in _as_dict(entry).items()}
    computer = d.get("computername") or d.get("hostname")
    if not computer:
        raise PyshellError("The provided SSHConnection hashtable is missing the required ComputerName or "
                           "HostName parameter.", error_id="SSHConnectionMissingHostName",
                           category="InvalidArgument")
    key = d.get("keyfilepath") or d.get("identityfilepath")
    options = d.get("options")
    return Target(str(computer), port=int(d["port"]) if d.get("port") else None,
                  user=str(d["username"]) if d.get("username") else None, key_file=str(key) if key else None,
                  timeout_ms=int(d["connectingtimeout"]) if d.get("connectingtimeout") else None,
                  options=_as_dict(options) if options is not None else None)


def check_not_null_or_empty(cmd: Cmdlet, *names: str) -> None:
    """[ValidateNotNullOrEmpty] of pwsh's remoting parameters (-ComputerName, -Session): a bound $null, empty
    array or empty string stops the command before anything connects (a host named "None" was tried before)."""
    for name in names:
        if not cmd.is_bound(name):
            continue
        value = getattr(cmd, name)
        if isinstance(value, (list, tuple)) and len(value) == 1 and value[0] is None:
            value = None  # an [object[]] parameter holds a bound $null as [$null]: pwsh validates the $null
        collection = isinstance(value, (list, tuple))
        items = list(value) if collection else [value]
        if not items or any(v is None or v == "" for v in items):
            detail = ("The argument is null, empty, or an element of the argument collection contains a null value. "
                      "Supply a collection that does not contain any null values and then try the command again."
                      if collection else
                      "The argument is null or empty. Provide an argument that is not null or empty, and then try "
                      "the command again.")
            raise PyshellError(f"Cannot validate argument on parameter '{name}'. {detail}",
                               error_id="ParameterArgumentValidationError", category="InvalidData", target=None)


def check_ssh_transport(cmd: Cmdlet) -> None:
    """-SSHTransport takes no false value (ValidateSet("true") in PowerShell)."""
    if cmd.is_bound("SSHTransport") and not cmd.SSHTransport:
        raise PyshellError("Cannot validate argument on parameter 'SSHTransport'. The argument \"False\" does not "
                           "belong to the set \"true\" specified by the ValidateSet attribute. Supply an argument "
                           "that is in the set and then try the command again.",
                           error_id="ParameterArgumentValidationError", category="InvalidData")


def _user_of(cmd: Cmdlet) -> str | None:
    """-UserName, else the user name of -Credential (the SSH key authenticates; no password is sent)."""
    if cmd.UserName:
        return str(cmd.UserName)
    cred = getattr(cmd, "Credential", None) if cmd.is_bound("Credential") else None
    if cred is None:
        return None
    from pyshell.engine.objects import get_property

    user = get_property(cred, "UserName", None) if not isinstance(cred, str) else cred
    return str(user) if user else None


def _key_file(cmd: Cmdlet) -> str | None:
    """-KeyFilePath resolved against the current location. :raises PyshellError: PathNotFound when missing."""
    if not cmd.KeyFilePath:
        return None
    path = cmd.runspace.resolve_path(str(cmd.KeyFilePath))
    if not os.path.isfile(path):
        raise PyshellError(f"Cannot find path '{path}' because it does not exist.", error_id="PathNotFound",
                           category="ObjectNotFound", target=str(cmd.KeyFilePath))
    return path


def targets_of(cmd: Cmdlet, names: list[str]) -> list[Target]:
    """The connection targets a cmdlet's SSH parameters name: each of `names`, then each -SSHConnection entry."""
    key_file = _key_file(cmd)
    user = _user_of(cmd)
    options = _as_dict(cmd.Options) if cmd.is_bound("Options") and cmd.Options is not None else None
    out = [Target(str(n), port=cmd.Port, user=user, key_file=key_file,
                  timeout_ms=cmd.ConnectingTimeout, options=options) for n in names]
    if cmd.is_bound("SSHConnection"):
        out += [_connection_entry(e) for e in cmd.SSHConnection or []]
    return out


def using_values(rs: Any, sb: Any) -> dict[str, Any]:
    """The current local values of the `$using:` variables in a script block."""
    names: dict[str, None] = {}

    def walk(node: Any) -> None:
        if isinstance(node, A.VariableAst):
            if (node.scope or "").lower() == "using":
                names[node.name] = None
            return
        if isinstance(node, (list, tuple)):
            for n in node:
                walk(n)
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            for f in dataclasses.fields(node):
                walk(getattr(node, f.name))

    walk(sb.ast)
    from pyshell.engine.objects import MISSING

    values = {}
    for name in names:
        v = rs.get_variable(name)
        values[name] = None if v is MISSING else v
    return values


def emit(cmd: Cmdlet, event: RemoteEvent) -> Iterator[Any]:
    """Re-emit one remote event from `cmd`: output is yielded, records go to their streams."""
    kind, value = event.kind, event.value
    if kind == "output":
        yield value
    elif kind == "error":
        cmd.streams.error(value)
    elif kind in ("warning", "verbose", "debug"):
        getattr(cmd, f"write_{kind}")(str(getattr(value, "Message", value)))
    elif kind == "information":
        host_text = getattr(value, "host_text", None)
        if host_text:
            from pyshell.engine.conversions import to_string

            fg, bg, no_newline = host_text
            cmd.write_host(to_string(value.MessageData), fg, bg, bool(no_newline))
        else:
            cmd.streams.information(value.MessageData, list(getattr(value, "Tags", []) or []), value.Source)
    elif kind == "progress":  # the remote command's progress bar is drawn here, as pwsh's client does
        cmd.write_progress(value)


def _script_text(cmd: Cmdlet) -> tuple[str, dict[str, Any]]:
    if cmd.is_bound("FilePath"):
        path = cmd.runspace.resolve_path(cmd.FilePath)
        if not os.path.isfile(path):
            raise PyshellError(f"Cannot find path '{path}' because it does not exist.", error_id="PathNotFound",
                               category="ObjectNotFound", target=path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        from pyshell.engine.scriptblock import ScriptBlock

        return text, using_values(cmd.runspace, ScriptBlock.create(text))
    sb = cmd.ScriptBlock
    if sb is None:
        raise PyshellError("Cannot validate argument on parameter 'ScriptBlock'. The argument is null.",
                           error_id="ParameterArgumentValidationErrorNullNotAllowed", category="InvalidData")
    return sb.text, using_values(cmd.runspace, sb)


def _sessions_by(cmd: Cmdlet, ids: Iterable[int] | None = None, names: Iterable[str] | None = None) -> list[PSSession]:
    import fnmatch

    table = _table(cmd.runspace)
    out = []
    for i in ids or []:
        found = [s for s in table.sessions if s.Id == i]
        if not found:
            cmd.write_error(f"The remote session with the session ID {i} is not available.",
                            error_id="RemoteRunspaceNotAvailableForSpecifiedSessionId", category="InvalidArgument",
                            target=i)
        out += found
    for n in names or []:
        found = [s for s in table.sessions if fnmatch.fnmatchcase(s.Name.lower(), n.lower())]
        if not found and not any(c in n for c in "*?["):  # a wildcard that matches nothing is no error
            cmd.write_error(f"The remote session with the name {n}  is not available.",
                            error_id="RemoteRunspaceNotAvailableForSpecifiedName", category="InvalidArgument",
                            target=n)
        out += found
    return out


class SSHConnectionCmdlet(Cmdlet):
    """The pwsh SSH connection parameters shared by New-PSSession, Invoke-Command and Enter-PSSession."""

    Port = Param("int")
    UserName = Param("string")
    KeyFilePath = Param("string", aliases=("IdentityFilePath",))
    ConnectingTimeout = Param("int")
    SSHTransport = Param("switch")
    Options = Param("hashtable")
    Subsystem = Param("string")
    Credential = Param("object", sets=("ComputerName",))


@command("New-PSSession", aliases=("nsn",))
class NewPSSession(SSHConnectionCmdlet):
    """Creates persistent connections to remote computers over SSH."""

    ComputerName = Param("string[]", position=0, aliases=("Cn",), sets=("ComputerName",))
    HostName = Param("string[]", sets=("SSHHost",))
    SSHConnection = Param("object[]", sets=("SSHHostHashParam",))
    Name = Param("string[]")

    def end(self) -> Iterable[Any]:
        check_ssh_transport(self)
        check_not_null_or_empty(self, "ComputerName", "HostName")
        hosts = list(self.ComputerName or []) + list(self.HostName or [])
        if not hosts and not self.is_bound("SSHConnection"):
            hosts = ["localhost"]
        targets = targets_of(self, hosts)
        names = list(self.Name or [])
        results: list[Any] = [None] * len(targets)
        ids = [str(uuid.uuid4()) for _ in targets]

        def connect(i: int) -> None:
            try:
                results[i] = open_connection(targets[i], instance_id=ids[i], host=self.runspace.host)
            except PyshellError as e:
                results[i] = e

        threads = [threading.Thread(target=connect, args=(i,), daemon=True) for i in range(len(targets))]
        for t in threads:
            t.start()
        table = _table(self.runspace)
        for i, t in enumerate(threads):
            t.join()
            r = results[i]
            if isinstance(r, PyshellError):
                self.write_error(r)
                continue
            # ids in list order, whatever order the connections finished in
            session = table.new(r, r.computer, names[i] if i < len(names) else None, instance_id=ids[i])
            try:
                r.set_name(session.Name)  # for Get-PSSession -ComputerName in any later shell
            except RemoteError as e:
                self.write_error(e)
            yield session


@command("Get-PSSession", aliases=("gsn",))
class GetPSSession(Cmdlet):
    """Gets the PSSessions of this shell, or (-ComputerName) this user's sessions on a host, other shells' too."""

    Name = Param("string[]", position=0, sets=("Name", "ComputerName"))
    Id = Param("int[]", sets=("Id",))
    InstanceId = Param("string[]", sets=("InstanceId", "ComputerName"))
    ComputerName = Param("string[]", aliases=("Cn",), sets=("ComputerName",))
    State = Param("string", validate_set=("All", "Opened", "Disconnected", "Closed", "Broken"))

    def end(self) -> Iterable[Any]:
        import fnmatch

        if self.ComputerName:
            from pyshell.remoting.disconnect import remote_sessions

            found = []
            for computer in self.ComputerName:
                try:
                    found += remote_sessions(self, str(computer))
                except PyshellError as e:
                    self.write_error(e)
            if self.Name:
                found = [s for s in found if any(fnmatch.fnmatchcase(s.Name.lower(), str(n).lower())
                                                 for n in self.Name)]
        elif self.is_bound("Id") or self.is_bound("Name"):
            found = _sessions_by(self, self.Id, self.Name)
        else:
            found = list(_table(self.runspace).sessions)
        if self.InstanceId:
            wanted = {str(g).lower() for g in self.InstanceId}
            found = [s for s in found if s.InstanceId.lower() in wanted]
        if self.State and self.State != "All":
            found = [s for s in found if s.State == self.State]
        return found


@command("Remove-PSSession", aliases=("rsn",))
class RemovePSSession(Cmdlet):
    """Closes PSSessions: the remote agent ends, the session's State becomes Closed."""

    Session = Param("object[]", position=0, pipeline=True, sets=("Session",))
    Id = Param("int[]", sets=("Id",))
    Name = Param("string[]", sets=("Name",))
    ComputerName = Param("string[]", aliases=("Cn",), sets=("ComputerName",))

    def process(self) -> Iterable[Any]:
        table = _table(self.runspace)
        targets: list[PSSession] = []
        if self.is_bound("Session"):
            targets = [s for s in self.Session or [] if isinstance(s, PSSession)]
        elif self.is_bound("Id") or self.is_bound("Name"):
            targets = _sessions_by(self, self.Id, self.Name)
        elif self.ComputerName:
            wanted = {c.lower() for c in self.ComputerName}
            targets = [s for s in table.sessions if s.ComputerName.lower() in wanted]
        for s in targets:
            table.remove(s)
        return ()


@command("Invoke-Command", aliases=("icm",))
class InvokeCommand(SSHConnectionCmdlet):
    """Runs commands on remote computers (or locally), returning their output."""

    ScriptBlock = Param("scriptblock", position=0, aliases=("Command",))
    #: object[]: `Invoke-Command $s {...}` binds a PSSession here by position; it is treated as -Session
    ComputerName = Param("object[]", position=0, aliases=("Cn",), sets=("ComputerName",))
    HostName = Param("string[]", sets=("SSHHost",))
    SSHConnection = Param("object[]", sets=("SSHHostHashParam",))
    Session = Param("object[]", position=0, sets=("Session",))
    FilePath = Param("string", aliases=("PSPath",))
    ArgumentList = Param("object[]", aliases=("Args",))
    InputObject = Param("object", pipeline=True)
    HideComputerName = Param("switch", aliases=("HCN",))
    ThrottleLimit = Param("int", default=0)
    NoNewScope = Param("switch")
    AsJob = Param("switch")
    JobName = Param("string")
    #: local only: run the block under this strict mode (Set-StrictMode -Version's values), restored afterwards
    StrictModeVersion = Param("string")

    def begin(self) -> Iterable[Any]:
        check_ssh_transport(self)
        #: every pipeline / -InputObject object, the script block's `$input` (None: no input given)
        self._input: list[Any] | None = None
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            if self._input is None:
                self._input = []
            self._input.append(self.InputObject)
        return ()

    def end(self) -> Iterable[Any]:
        check_not_null_or_empty(self, "ComputerName", "Session", "HostName")
        given = list(self.ComputerName or [])
        self._given_sessions = [s for s in given if isinstance(s, PSSession)]
        hosts = [str(h) for h in given if not isinstance(h, PSSession)] + list(self.HostName or [])
        if not hosts and not self._has_sessions() and not self.is_bound("SSHConnection"):
            yield from self._local()
            return
        script, using = _script_text(self)
        args = list(self.ArgumentList or [])
        events: queue.Queue[RemoteEvent | PyshellError | None] = queue.Queue()
        targets = self._targets(hosts)
        if not targets:
            return
        # PowerShell's throttle manager keeps its default for 0 and for negative limits
        limit = self.ThrottleLimit if self.ThrottleLimit and self.ThrottleLimit > 0 else DEFAULT_THROTTLE
        if self.AsJob or self.is_bound("JobName"):  # -JobName implies -AsJob
            yield self._start_job(targets, script, args, using, limit)
            return
        gate = threading.Semaphore(limit)

        def work(target: PSSession | Target) -> None:
            with gate:
                session: PSSession | None = None
                try:
                    session = target if isinstance(target, PSSession) else open_session(
                        self.runspace, target, keep=False)
                    for ev in run_in_session(session, script, args=args, using=using,
                                             show_computer_name=not self.HideComputerName, input=self._input):
                        events.put(ev)
                except PyshellError as e:
                    events.put(e)
                finally:
                    if session is not None and session.temporary:
                        session.close()
                    events.put(None)

        threads = [threading.Thread(target=work, args=(t,), daemon=True) for t in targets]
        for t in threads:
            t.start()
        running = len(threads)
        while running:
            self.check_stop()
            try:
                ev = events.get(timeout=0.2)
            except queue.Empty:
                continue
            if ev is None:
                running -= 1
            elif isinstance(ev, PyshellError):
                self.write_error(ev)
            else:
                yield from emit(self, ev)

    def _start_job(self, targets: list[PSSession | Target], script: str, args: list[Any], using: dict[str, Any],
                   limit: int) -> Any:
        from pyshell.remoting.remote_job import start_remote_job

        def opener(target: Any) -> PSSession:
            return open_session(self.runspace, target, keep=False)

        return start_remote_job(self.runspace, targets, script, opener=opener, name=self.JobName or None,
                                args=args, using=using, show_computer_name=not self.HideComputerName,
                                throttle=limit)

    def _has_sessions(self) -> bool:
        return self.is_bound("Session") or bool(self._given_sessions)

    def _targets(self, hosts: list[str]) -> list[PSSession | Target]:
        if not self._has_sessions():
            return list(targets_of(self, hosts))
        usable: list[PSSession | Target] = []
        for s in list(self.Session or []) + self._given_sessions:
            if not isinstance(s, PSSession):
                continue
            if s.State != "Opened":
                self.write_error(
                    f"Because the session state for session {s.Name}, {s.InstanceId}, {s.ComputerName} is not equal"
                    f" to Open, you cannot run a command in the session.  The session state is {s.State}.",
                    error_id="InvokeCommandCommandInvalidSessionState", category="InvalidOperation", target=s)
                continue
            usable.append(s)
        if not usable:
            raise PyshellError("No valid sessions were specified.  Ensure you provide valid sessions that are in the"
                               " Opened state and are available to run commands.",
                               error_id="InvokeCommandCommandNoValidSessions", category="InvalidArgument")
        return usable

    def _local(self) -> Iterator[Any]:
        sb = self.ScriptBlock
        if sb is None and self.is_bound("FilePath"):
            sb = self.runspace.load_script_file(self.runspace.resolve_path(self.FilePath))
        if sb is None:
            return
        rs = self.runspace
        if not self.is_bound("StrictModeVersion"):
            yield from rs.invoke_iter(sb, input=self._input, args=list(self.ArgumentList or []),
                                      new_scope=not self.NoNewScope)
            return
        from pyshell.engine.strict import parse_strict_version
        from pyshell.errors import ParameterBindingError

        try:
            level = 0 if str(self.StrictModeVersion).strip().lower() == "off" else \
                parse_strict_version(self.StrictModeVersion)
        except ParameterBindingError as e:
            raise ParameterBindingError(str(e).replace("'Version'", "'StrictModeVersion'"), error_id=e.error_id,
                                        category=e.category, command="Invoke-Command") from None
        scope, saved = rs.scope, rs.scope.strict
        scope.strict = level
        if level:
            rs.evaluator.strict_any = True
        try:
            yield from rs.invoke_iter(sb, input=self._input, args=list(self.ArgumentList or []),
                                      new_scope=not self.NoNewScope)
        finally:
            scope.strict = saved


@command("Enter-PSSession", aliases=("etsn",))
class EnterPSSession(SSHConnectionCmdlet):
    """Starts an interactive session: each following line runs on the remote computer."""

    #: object: `Enter-PSSession $s` binds a PSSession here by position; it is treated as -Session
    ComputerName = Param("object", position=0, aliases=("Cn",), sets=("ComputerName",))
    HostName = Param("string", sets=("SSHHost",))
    Session = Param("object", position=0, sets=("Session",))
    Id = Param("int", sets=("Id",))
    Name = Param("string", sets=("Name",))

    def end(self) -> Iterable[Any]:
        from pyshell.remoting.interactive import enter

        check_ssh_transport(self)
        if isinstance(self.Session, PSSession) or isinstance(self.ComputerName, PSSession):
            session = self.Session if isinstance(self.Session, PSSession) else self.ComputerName
        elif self.is_bound("Id") or self.is_bound("Name"):
            found = _sessions_by(self, [self.Id] if self.is_bound("Id") else None,
                                 [self.Name] if self.is_bound("Name") else None)
            if not found:
                return ()
            session = found[0]
        else:
            computer = str(self.ComputerName or self.HostName or "")
            if not computer:
                raise PyshellError("Cannot process argument because the value of argument \"ComputerName\" is "
                                   "null.", error_id="ArgumentNull", category="InvalidArgument")
            session = open_session(self.runspace, targets_of(self, [computer])[0], keep=False)
        if session.State != "Opened":
            raise RemoteError(f"[{session.ComputerName}] The session state is {session.State}.",
                              error_id="InvalidSessionState", category="InvalidOperation", target=session)
        enter(self.runspace, session)
        return ()


@command("Exit-PSSession", aliases=("exsn",))
class ExitPSSession(Cmdlet):
    """Ends the interactive session (a temporary one is closed)."""

    def end(self) -> Iterable[Any]:
        from pyshell.remoting.interactive import leave

        leave(self.runspace)
        return ()
