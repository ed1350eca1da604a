"""[powershell]::Create(): the PowerShell hosting API that Pester tests drive (AddScript/AddCommand/Invoke...).

Why: PowerShell's own tests run code in a fresh runspace and inspect what it wrote
($ps.Streams.Error, $ps.HadErrors, $ps.InvocationStateInfo). A PowerShell object holds statements of
commands; Invoke() runs them as pipelines in its runspace (a new one unless CurrentRunspace) and
returns the output, throwing a MethodInvocationException when a terminating error ended the run.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.hosting_async import AsyncResult, Task, wait_all, wait_any
from pyshell.engine.hosting_commands import (
    STATE_ERROR,
    Command,
    CommandParameter,
    PSCommand,
    new_command,
    new_pscommand,
)
from pyshell.engine.hosting_runspace import (
    RunspaceHandle,
    RunspacePool,
    current_runspace,
    handle_for,
)
from pyshell.engine.hosting_streams import (
    OutputCollection,
    PSDataCollection,
    PSDataStreams,
    StreamsHost,
    input_items,
)
from pyshell.engine.method_errors import (
    MethodInvocationError,
    NetError,
    net_method,
    setter_error,
    wrap_method_error,
)
from pyshell.engine.objects import Hashtable, PSObject
from pyshell.engine.streams import StreamSinks
from pyshell.errors import ExitRequest, PipelineStoppedError, PyshellError

__all__ = ["PowerShell", "PSCommand", "create_powershell", "PSInvocationStateInfo", "new_command", "new_pscommand",
           "wait_all", "wait_any"]


class _Node:
    """Stands in for the syntax node a stage reports errors against: hosted commands have no position."""

    span = None


_NODE = _Node()


class PSInvocationStateInfo:
    """$ps.InvocationStateInfo: State (NotStarted, Running, Stopping, Stopped, Completed, Failed) and Reason."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSInvocationStateInfo", "System.Object")
    PS_PROPERTIES = ("State", "Reason")

    def __init__(self, state: str, reason: Any = None) -> None:
        self.State = state
        self.Reason = reason

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


class PowerShell:
    """A System.Management.Automation.PowerShell instance."""

    PS_TYPE_NAMES = ("System.Management.Automation.PowerShell", "System.Object")
    PS_PROPERTIES = ("Commands", "Streams", "InstanceId", "InvocationStateInfo", "IsNested", "HadErrors", "Runspace",
                     "RunspacePool", "IsRunspaceOwner", "HistoryString")
    PS_METHODS = ("AddCommand", "AddScript", "AddParameter", "AddParameters", "AddArgument", "AddStatement",
                  "Invoke", "BeginInvoke", "EndInvoke", "InvokeAsync", "Stop", "BeginStop", "EndStop", "StopAsync",
                  "Dispose", "Close", "CreateNestedPowerShell")

    def __init__(self, runspace: RunspaceHandle | None = None, *, owner: bool = True, location: str | None = None) -> None:
        self._commands = PSCommand()
        self.Streams = PSDataStreams()
        self.InstanceId = str(uuid.uuid4())
        self.InvocationStateInfo = PSInvocationStateInfo("NotStarted")
        self.IsNested = False
        self.HadErrors = False
        self._runspace = runspace
        self._pool: RunspacePool | None = None
        self.IsRunspaceOwner = owner and runspace is None
        self.HistoryString = None
        self._location = location
        self._lock = threading.Lock()
        self._running_on: Any = None  #: the engine runspace of the current run (for Stop)
        self._stop_requested = False
        self._disposed = False
        self._async: AsyncResult | None = None
        self._current_mode = False  #: made with [RunspaceMode]::CurrentRunspace (runs nested in the caller)

    # -- properties ---------------------------------------------------------------------------
    @property
    def Commands(self) -> PSCommand:  # noqa: N802
        return self._commands

    @Commands.setter
    def Commands(self, value: Any) -> None:  # noqa: N802
        """$ps.Commands = $psCommand takes a copy, as pwsh's setter clones."""
        self._check_idle()
        if not isinstance(value, PSCommand):
            raise setter_error("Commands", value, "System.Management.Automation.PSCommand")
        self._commands = value.Clone()

    @property
    def Runspace(self) -> RunspaceHandle:  # noqa: N802
        if self._runspace is None and self._pool is None:
            # created on first use, as pwsh does for PowerShell.Create()
            handle = RunspaceHandle(None)
            handle._location = self._location
            handle.Open()
            handle.owned = True
            self._runspace = handle
        return self._runspace  # type: ignore[return-value]

    @Runspace.setter
    def Runspace(self, value: Any) -> None:  # noqa: N802
        self._check_idle()
        if value is not None and not isinstance(value, RunspaceHandle):
            raise setter_error("Runspace", value, "System.Management.Automation.Runspaces.Runspace")
        self._runspace = value
        self._pool = None
        self.IsRunspaceOwner = False

    @property
    def RunspacePool(self) -> RunspacePool | None:  # noqa: N802
        return self._pool

    @RunspacePool.setter
    def RunspacePool(self, value: Any) -> None:  # noqa: N802
        self._check_idle()
        self._pool = value if isinstance(value, RunspacePool) else None
        if self._pool is not None:
            self._runspace = None
        self.IsRunspaceOwner = False

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]

    # -- building commands --------------------------------------------------------------------
    @net_method
    def AddCommand(self, command: Any, use_local_scope: Any = False) -> PowerShell:  # noqa: N802
        self._check_idle()
        if isinstance(command, str) and not command.strip():
            raise NetError("Cannot process argument because the value of argument \"cmdlet\" is null. Change the "
                           "value of argument \"cmdlet\" to a non-null value.",
                           "System.Management.Automation.PSArgumentNullException")
        self.Commands.AddCommand(command, use_local_scope)
        return self

    @net_method
    def AddScript(self, script: Any, use_local_scope: Any = False) -> PowerShell:  # noqa: N802
        self._check_idle()
        self.Commands.AddScript(script, use_local_scope)
        return self

    @net_method
    def AddParameter(self, name: Any, *value: Any) -> PowerShell:  # noqa: N802
        self._check_idle()
        self.Commands._last().Parameters.append(
            CommandParameter(to_string(name), value[0] if value else True, bool(value)))
        return self

    @net_method
    def AddParameters(self, parameters: Any) -> PowerShell:  # noqa: N802
        self._check_idle()
        last = self.Commands._last()
        if isinstance(parameters, Hashtable):
            for k, v in parameters.items():
                if not isinstance(k, str):
                    raise NetError("The keys in the dictionary must be strings.", "System.ArgumentException")
                last.Parameters.append(CommandParameter(k, v))
        elif isinstance(parameters, PSObject) and parameters.base is None:
            for k, v in parameters.properties.items():
                last.Parameters.append(CommandParameter(to_string(k), v))
        else:
            for v in input_items(parameters):
                last.Parameters.append(CommandParameter(None, v))
        return self

    @net_method
    def AddArgument(self, value: Any) -> PowerShell:  # noqa: N802
        self._check_idle()
        self.Commands._last().Parameters.append(CommandParameter(None, value))
        return self

    def AddStatement(self) -> PowerShell:  # noqa: N802
        self.Commands.AddStatement()
        return self

    # -- running ------------------------------------------------------------------------------
    @net_method
    def Invoke(self, *args: Any) -> OutputCollection:  # noqa: N802
        items = input_items(args[0]) if args and args[0] is not None else None
        output = OutputCollection()
        target = self._prepare()
        self._run(target, items, output)
        return output

    @net_method
    def BeginInvoke(self, *args: Any) -> AsyncResult:  # noqa: N802
        if self._current_mode:
            raise NetError("Nested PowerShell instances cannot be invoked asynchronously. Use the Invoke method.",
                           "System.Management.Automation.PSInvalidOperationException", error_id="InvalidOperation")
        items = input_items(args[0]) if args and args[0] is not None else None
        output = args[1] if len(args) > 1 and isinstance(args[1], PSDataCollection) else PSDataCollection()
        target = self._prepare()
        result = AsyncResult(self, output)
        self._async = result

        def work() -> None:
            try:
                self._run(target, items, output)
            except PyshellError as e:
                result.error = e
            finally:
                result.done.set()

        result.thread = threading.Thread(target=work, name="pyshell-BeginInvoke", daemon=True)
        result.thread.start()
        return result

    @net_method
    def EndInvoke(self, result: Any) -> PSDataCollection:  # noqa: N802
        if not isinstance(result, AsyncResult) or result.owner is not self:
            raise NetError("The IAsyncResult object was not created by calling BeginInvoke on this PowerShell "
                           "instance.", "System.ArgumentException")
        result.done.wait()
        if result.error is not None:
            raise result.error
        return result.output

    def InvokeAsync(self, *args: Any) -> Task:  # noqa: N802
        """Like BeginInvoke, but a failure to start faults the returned task instead of throwing."""
        try:
            return Task(self.BeginInvoke(*args))
        except MethodInvocationError as e:
            failed = AsyncResult(self, PSDataCollection())
            failed.error = e.inner
            failed.done.set()
            return Task(failed)

    def Stop(self) -> None:  # noqa: N802
        """Stop a running invocation and wait until it has ended."""
        with self._lock:
            if self.InvocationStateInfo.State not in ("Running", "Stopping"):
                return
            running = self._running_on
            self._stop_requested = True  # a run that has not reached its runspace yet stops as it starts
            self.InvocationStateInfo = PSInvocationStateInfo("Stopping")
        if running is not None:
            running.stop()
        pending = self._async
        if pending is not None and pending.thread is not None and pending.thread is not threading.current_thread():
            pending.done.wait()

    def BeginStop(self, *_args: Any) -> AsyncResult:  # noqa: N802
        self.Stop()
        done = AsyncResult(self, PSDataCollection())
        done.done.set()
        return done

    def EndStop(self, _result: Any) -> None:  # noqa: N802
        pass

    def StopAsync(self, *_args: Any) -> Task:  # noqa: N802
        return Task(self.BeginStop())

    def Dispose(self) -> None:  # noqa: N802
        self.Stop()
        if self.IsRunspaceOwner and self._runspace is not None:
            self._runspace.Dispose()
        self._disposed = True

    Close = Dispose

    def CreateNestedPowerShell(self) -> PowerShell:  # noqa: N802
        nested = PowerShell(self._runspace, owner=False)
        nested.IsNested = True
        return nested

    # -- internals ----------------------------------------------------------------------------
    def _check_idle(self) -> None:
        if self.InvocationStateInfo.State in ("Running", "Stopping"):
            raise NetError("The operation cannot be performed because a command has already been started. Wait for "
                           "the command to complete, or stop it, and then try the operation again.", STATE_ERROR)

    def _prepare(self) -> tuple[Any, RunspaceHandle | None, bool]:
        """Checks before a run, made at once even for BeginInvoke; marks the instance Running and its runspace
        busy (so a second invocation fails). Returns the engine runspace, its handle and its former busy flag."""
        if self._disposed:
            raise NetError("Cannot access a disposed object.\nObject name: 'System.Management.Automation.PowerShell'.",
                           "System.ObjectDisposedException")
        self._check_idle()
        if self.Commands.is_empty():
            raise NetError("No commands are specified.", STATE_ERROR)
        try:
            engine, handle = self._target()
        except PyshellError as e:
            self._finish("Failed", e)
            raise
        was_busy = handle.busy if handle is not None else False
        if handle is not None:
            handle.busy = True
        with self._lock:
            self.InvocationStateInfo = PSInvocationStateInfo("Running")
            self._stop_requested = False
            self.HadErrors = False
        return engine, handle, was_busy

    def _target(self) -> tuple[Any, RunspaceHandle | None]:
        if self._pool is not None:
            leased = self._pool.lease()
            return leased.engine(), leased
        handle = self.Runspace
        engine = handle.engine()
        if handle.busy and not self._current_mode:
            raise NetError("The pipeline was not run because a pipeline is already running. Pipelines cannot be run "
                           "concurrently.", "System.Management.Automation.PSInvalidOperationException",
                           error_id="InvalidOperation")
        return engine, handle

    def _run(self, target: tuple[Any, RunspaceHandle | None, bool], items: list[Any] | None,
             output: list[Any]) -> None:
        """Run every statement into output; the final state says how it ended."""
        engine, handle, was_busy = target
        host = StreamsHost(self.Streams)
        saved = (engine.host, engine.sinks, engine.output_to_host, engine.try_depth, engine.error_to_output_sinks,
                 engine.stopping)
        engine.host, engine.sinks, engine.output_to_host, engine.try_depth = host, _HostedSinks(engine), False, 0
        engine.error_to_output_sinks = None
        engine.stopping = False
        with self._lock:
            self._running_on = engine
            if self._stop_requested:
                engine.stopping = True
        failure: PyshellError | None = None
        try:
            for index, statement in enumerate(self.Commands.statements):
                if statement:
                    if getattr(engine, "transcripts", None):  # Start-Transcript: hosted commands show as PS>text
                        from pyshell.transcript import record_command

                        record_command(engine, " | ".join(c.CommandText for c in statement))
                    _run_statement(engine, statement, items if index == 0 else None, output)
        except PyshellError as e:
            failure = e
        except ExitRequest:
            pass
        except KeyboardInterrupt:
            # Ctrl-C belongs to the whole shell: the hosted run ends Stopped and the interrupt goes on up
            self._finish("Stopped", PipelineStoppedError())
            raise
        finally:
            stopped = self._stop_requested or engine.stopping
            engine.host, engine.sinks, engine.output_to_host, engine.try_depth = saved[:4]
            engine.error_to_output_sinks = saved[4]
            engine.stopping = saved[5]
            if handle is not None:
                handle.busy = was_busy  # a nested (CurrentRunspace) run leaves its caller's run busy
            with self._lock:
                self._running_on = None
        self.HadErrors = host.error_count > 0 or failure is not None
        if stopped:
            err = PipelineStoppedError()
            self._finish("Stopped", err)
            raise err
        if failure is not None:
            self._finish("Failed", failure)
            raise failure
        self._finish("Completed", None)

    def _finish(self, state: str, error: PyshellError | None) -> None:
        reason = None
        if error is not None:
            from pyshell.engine.records import error_record_from

            reason = error_record_from(error).Exception
            self.HadErrors = True
        self.InvocationStateInfo = PSInvocationStateInfo(state, reason)


class _HostedSinks(StreamSinks):
    """Stream routing for a hosted run: information records are kept even when not shown, as pwsh's
    PowerShell.Streams.Information keeps them (Write-Information under SilentlyContinue, Write-Host)."""

    def _redirected(self, stream: str) -> bool:
        return stream == "Information" or super()._redirected(stream)


def _run_statement(engine: Any, statement: list[Command], items: list[Any] | None, output: list[Any]) -> None:
    """One statement: its commands as one pipeline, input (if any) fed to the first command."""
    from pyshell.engine.evaluator import BreakSignal, ContinueSignal
    from pyshell.engine.pipeline import _with_sinks, _wrap, resolve_stage

    ev = engine.evaluator
    stages = []
    last = len(statement) - 1
    for i, cmd in enumerate(statement):
        stages.append(resolve_stage(ev, cmd.target(), cmd.arguments(), _NODE,  # type: ignore[arg-type]
                                    expecting_input=i > 0 or items is not None, last=i == last,
                                    dot_source=cmd.IsScript and not cmd.UseLocalScope))
    begun = [_with_sinks(engine, st, st.begin) for st in stages]
    upstream: Any = iter(items) if items is not None else None
    for st, pre in zip(stages, begun, strict=True):
        upstream = _wrap(engine, st, pre, upstream)
    try:
        for obj in upstream:
            output.append(obj)
    except (BreakSignal, ContinueSignal):
        pass  # break/continue outside a loop ends the script quietly, as at a script's top level
    finally:
        close = getattr(upstream, "close", None)
        if close is not None:
            close()


def create_powershell(*args: Any) -> PowerShell:
    """[powershell]::Create() / Create([RunspaceMode]::CurrentRunspace) / Create($runspace)."""
    rs = current_runspace()
    location = rs.location if rs is not None else None
    if args:
        arg = args[0]
        if arg is None:
            raise wrap_method_error("Create", 1, NetError(
                'Cannot process argument because the value of argument "runspace" is null. Change the value of '
                'argument "runspace" to a non-null value.', "System.Management.Automation.PSArgumentNullException"))
        if isinstance(arg, RunspaceHandle):
            return PowerShell(arg, owner=False)
        if to_string(arg).lower() == "currentrunspace":
            if rs is None:
                raise wrap_method_error("Create", 1, NetError(
                    "A PowerShell object cannot be created that uses the current runspace because there is no current "
                    "runspace available.  The current runspace might be starting, such as when it is created with an "
                    "Initial Session State.", STATE_ERROR))
            ps = PowerShell(handle_for(rs), owner=False)
            ps._current_mode = True
            return ps
    return PowerShell(None, location=location)
