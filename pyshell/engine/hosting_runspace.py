"""[runspace] / [runspacefactory] objects: script-visible handles on engine Runspaces.

Why: hosted PowerShell code creates and opens runspaces ([runspacefactory]::CreateRunspace()), reads
[runspace]::DefaultRunspace, and sets variables through SessionStateProxy; each handle wraps one
engine Runspace and knows its state (BeforeOpen, Opened, Closed).
"""

from __future__ import annotations

import itertools
import sys
import uuid
import weakref
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.hosting_streams import StreamsHost
from pyshell.engine.method_errors import NetError, net_method
from pyshell.engine.objects import MISSING

__all__ = ["RunspaceHandle", "RunspaceStateInfo", "current_runspace", "handle_for", "new_engine_runspace",
           "create_runspace", "create_runspace_pool", "RunspacePool", "live_runspaces"]

_IDS = itertools.count(2)  #: the first runspace of the process is Id 1
#: every runspace handle of the process that is not disposed, by Id (what Get-Runspace lists)
_LIVE: weakref.WeakValueDictionary[int, RunspaceHandle] = weakref.WeakValueDictionary()


def current_runspace() -> Any:
    """The engine Runspace whose evaluator called us (static members receive no runspace argument).

    Walks up the Python stack to the nearest Evaluator method; None outside any script.
    """
    from pyshell.engine.evaluator import Evaluator

    frame = sys._getframe(1)
    depth = 0
    while frame is not None and depth < 60:
        owner = frame.f_locals.get("self")
        if isinstance(owner, Evaluator):
            return owner.rs
        frame = frame.f_back  # type: ignore[assignment]
        depth += 1
    return None


#: the layers a new runspace gets (as pyshell.script.new_runspace attaches them), imported only when present
_ATTACHERS = ("pyshell.jobs.attach", "pyshell.remoting.attach")


def new_engine_runspace(location: str | None = None) -> Any:
    """A fresh engine Runspace whose streams go to a StreamsHost (no console), with jobs and remoting attached."""
    import importlib

    from pyshell.engine.runspace import Runspace

    rs = Runspace(StreamsHost(), location=location)
    for name in _ATTACHERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        module.attach(rs)
    return rs


class RunspaceStateInfo:
    """$rs.RunspaceStateInfo: State and Reason; ToString() is the state."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.RunspaceStateInfo", "System.Object")
    PS_PROPERTIES = ("State", "Reason")

    def __init__(self, state: str, reason: Any = None) -> None:
        self.State = state
        self.Reason = reason

    def ps_to_string(self) -> str:
        return self.State


class SessionStateProxy:
    """$rs.SessionStateProxy: variables and location of the runspace, from outside it."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.SessionStateProxy", "System.Object")
    PS_PROPERTIES = ("Path", "LanguageMode")
    PS_METHODS = ("SetVariable", "GetVariable")

    def __init__(self, handle: RunspaceHandle) -> None:
        self._handle = handle
        self.LanguageMode = "FullLanguage"

    @property
    def Path(self) -> Any:  # noqa: N802
        from pyshell.engine.session_intrinsics import PathIntrinsics

        return PathIntrinsics(self._handle.engine())

    @net_method
    def SetVariable(self, name: Any, value: Any) -> None:  # noqa: N802
        self._handle.engine(direct=True).set_variable(to_string(name), value)

    @net_method
    def GetVariable(self, name: Any) -> Any:  # noqa: N802
        v = self._handle.engine(direct=True).get_variable(to_string(name))
        return None if v is MISSING else v


class RunspaceHandle:
    """A System.Management.Automation.Runspaces.Runspace as scripts see it."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.LocalRunspace",
                     "System.Management.Automation.Runspaces.RunspaceBase",
                     "System.Management.Automation.Runspaces.Runspace", "System.Object")
    PS_PROPERTIES = ("Id", "Name", "InstanceId", "RunspaceStateInfo", "RunspaceAvailability", "SessionStateProxy",
                     "ThreadOptions", "ApartmentState", "ConnectionInfo", "OriginalConnectionInfo", "Version",
                     "InitialSessionState", "LanguageMode", "Debugger", "RunspaceIsRemote", "EngineIntrinsics")
    PS_METHODS = ("Open", "OpenAsync", "Close", "CloseAsync", "Dispose", "ResetRunspaceState", "ToString")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("Id", "Name", "RunspaceStateInfo", "RunspaceAvailability")

    def __init__(self, engine: Any = None, *, opened: bool = False, ident: int | None = None) -> None:
        self._engine = engine
        self._location = getattr(engine, "location", None)
        self.Id = next(_IDS) if ident is None else ident
        self.Name = f"Runspace{self.Id}"
        self.InstanceId = str(uuid.uuid4())
        self.RunspaceStateInfo = RunspaceStateInfo("Opened" if opened else "BeforeOpen")
        self.SessionStateProxy = SessionStateProxy(self)
        self.ThreadOptions = "Default"
        self.ApartmentState = "Unknown"
        self.ConnectionInfo = None
        self.OriginalConnectionInfo = None
        self.Version = "7.4.0"
        self.InitialSessionState = None
        self.LanguageMode = "FullLanguage"
        self.Debugger = None
        self.RunspaceIsRemote = False
        self.busy = False
        self.owned = engine is None  #: whether Dispose() ends the engine runspace too
        _LIVE[self.Id] = self

    @property
    def RunspaceAvailability(self) -> str:  # noqa: N802
        state = self.RunspaceStateInfo.State
        if state != "Opened":
            return "None"
        # the runspace running the asking script is itself busy, as pwsh reports its own runspace
        return "Busy" if self.busy or (self._engine is not None and current_runspace() is self._engine) \
            else "Available"

    @property
    def state(self) -> str:
        return self.RunspaceStateInfo.State

    def engine(self, *, direct: bool = False) -> Any:
        """The engine Runspace; checks that it is open.

        :param direct: the caller is the runspace's own API (SessionStateProxy), which words the error its own way.
        """
        if self.state != "Opened":
            text = (f"Cannot perform the operation because the runspace is not in the Opened state. Current state of "
                    f"the runspace is '{self.state}'." if direct else
                    f"Cannot perform operation because the runspace is not in the 'Opened' state. Current "
                    f"state of runspace is '{self.state}'.")
            raise NetError(text,
                           "System.Management.Automation.Runspaces.InvalidRunspaceStateException",
                           notes={"CurrentState": self.state, "ExpectedState": "Opened"})
        return self._engine

    @property
    def EngineIntrinsics(self) -> Any:  # noqa: N802
        engine = self._engine
        return engine.get_variable("ExecutionContext") if engine is not None else None

    @net_method
    def Open(self) -> None:  # noqa: N802
        if self.state != "BeforeOpen":
            raise NetError("Cannot open the runspace because the runspace is not in the BeforeOpen state. Current "
                           f"state of the runspace is '{self.state}'.",
                           "System.Management.Automation.Runspaces.InvalidRunspaceStateException",
                           notes={"CurrentState": self.state, "ExpectedState": "BeforeOpen"})
        if self._engine is None:
            self._engine = new_engine_runspace(self._location)
            self._engine._ps_handle = self
            if self.InitialSessionState is not None:
                self.InitialSessionState.apply(self._engine)
        self.RunspaceStateInfo = RunspaceStateInfo("Opened")

    def OpenAsync(self) -> None:  # noqa: N802
        self.Open()

    def Close(self) -> None:  # noqa: N802
        if self.state == "Opened" and self._engine is not None and self.owned:
            self._engine.stop()
            shutdown = getattr(self._engine, "shutdown", None)  # its jobs end with it
            if shutdown is not None:
                shutdown()
        if self.state in ("Opened", "BeforeOpen"):
            self.RunspaceStateInfo = RunspaceStateInfo("Closed")

    def CloseAsync(self) -> None:  # noqa: N802
        self.Close()

    def Dispose(self) -> None:  # noqa: N802
        self.Close()
        _LIVE.pop(self.Id, None)

    def ResetRunspaceState(self) -> None:  # noqa: N802
        engine = self.engine()
        engine.global_scope.variables.clear()
        engine._init_variables()
        engine.error_list.clear()

    def ToString(self) -> str:  # noqa: N802
        return "System.Management.Automation.Runspaces.LocalRunspace"

    ps_to_string = ToString


def handle_for(engine: Any) -> RunspaceHandle:
    """The one handle of an engine Runspace (made on first use; the first one seen is Runspace1)."""
    handle = getattr(engine, "_ps_handle", None)
    if handle is None:
        handle = RunspaceHandle(engine, opened=True, ident=1 if not _SEEN else None)
        _SEEN.append(True)
        engine._ps_handle = handle
    return handle  # type: ignore[no-any-return]


_SEEN: list[bool] = []


def create_runspace(*args: Any) -> RunspaceHandle:
    """[runspacefactory]::CreateRunspace([host] [, initialsessionstate]): a runspace in BeforeOpen state."""
    rs = current_runspace()
    handle = RunspaceHandle(None)
    handle._location = rs.location if rs is not None else None
    handle.InitialSessionState = next((a for a in args if isinstance(a, InitialSessionState)), None)
    return handle


class RunspacePool:
    """[runspacefactory]::CreateRunspacePool(min, max): each invocation gets a runspace of its own."""

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.RunspacePool", "System.Object")
    PS_PROPERTIES = ("InstanceId", "RunspacePoolStateInfo", "IsDisposed", "ApartmentState", "ThreadOptions")
    PS_METHODS = ("Open", "Close", "Dispose", "GetMaxRunspaces", "GetMinRunspaces", "SetMaxRunspaces",
                  "SetMinRunspaces", "GetAvailableRunspaces")

    def __init__(self, minimum: int = 1, maximum: int = 1, location: str | None = None) -> None:
        self.InstanceId = str(uuid.uuid4())
        self.RunspacePoolStateInfo = RunspaceStateInfo("BeforeOpen")
        self.IsDisposed = False
        self.ApartmentState = "Unknown"
        self.ThreadOptions = "Default"
        self.min = minimum
        self.max = maximum
        self.location = location
        self.in_use = 0

    def Open(self) -> None:  # noqa: N802
        self.RunspacePoolStateInfo = RunspaceStateInfo("Opened")

    def Close(self) -> None:  # noqa: N802
        self.RunspacePoolStateInfo = RunspaceStateInfo("Closed")

    def Dispose(self) -> None:  # noqa: N802
        self.Close()
        self.IsDisposed = True

    def GetMaxRunspaces(self) -> int:  # noqa: N802
        return self.max

    def GetMinRunspaces(self) -> int:  # noqa: N802
        return self.min

    def SetMaxRunspaces(self, n: Any) -> bool:  # noqa: N802
        self.max = int(n)
        return True

    def SetMinRunspaces(self, n: Any) -> bool:  # noqa: N802
        self.min = int(n)
        return True

    def GetAvailableRunspaces(self) -> int:  # noqa: N802
        return max(0, self.max - self.in_use)

    def lease(self) -> RunspaceHandle:
        """A runspace for one invocation."""
        if self.RunspacePoolStateInfo.State != "Opened":
            raise NetError("The runspace pool specified is not in an opened state.")
        engine = new_engine_runspace(self.location)
        handle = RunspaceHandle(engine, opened=True)
        engine._ps_handle = handle
        return handle


def create_runspace_pool(*args: Any) -> RunspacePool:
    """[runspacefactory]::CreateRunspacePool([min, max] [, ...])."""
    nums = [int(a) for a in args if isinstance(a, int) and not isinstance(a, bool)]
    rs = current_runspace()
    return RunspacePool(nums[0] if nums else 1, nums[1] if len(nums) > 1 else 1,
                        rs.location if rs is not None else None)


def default_runspace() -> RunspaceHandle | None:
    """[runspace]::DefaultRunspace: the runspace running the calling script."""
    rs = current_runspace()
    return handle_for(rs) if rs is not None else None


class InitialSessionState:
    """[initialsessionstate]::CreateDefault(): what a new runspace starts with beyond the defaults.

    Variables and Commands (SessionStateVariableEntry / SessionStateFunctionEntry) are applied when a
    runspace made from it opens.
    """

    PS_TYPE_NAMES = ("System.Management.Automation.Runspaces.InitialSessionState", "System.Object")
    PS_PROPERTIES = ("LanguageMode", "ExecutionPolicy", "Variables", "Commands", "Modules", "ThreadOptions",
                     "ApartmentState", "UseFullLanguageModeInDebugger")
    PS_METHODS = ("ImportPSModule", "Clone")

    def __init__(self) -> None:
        from pyshell.engine.generics import ListObject

        self.LanguageMode = "FullLanguage"
        self.ExecutionPolicy = "Default"
        self.Variables = ListObject()  #: SessionStateVariableEntry objects
        self.Commands = ListObject()  #: SessionStateFunctionEntry objects
        self.Modules: list[Any] = []
        self.ThreadOptions = "Default"
        self.ApartmentState = "Unknown"
        self.UseFullLanguageModeInDebugger = False

    @net_method
    def ImportPSModule(self, *names: Any) -> None:  # noqa: N802
        if not names or names[0] is None:
            raise NetError("Value cannot be null. (Parameter 'name')", "System.ArgumentNullException")
        self.Modules.extend(n for name in names for n in (name if isinstance(name, list) else [name]))

    def Clone(self) -> InitialSessionState:  # noqa: N802
        other = InitialSessionState()
        other.Variables.extend(self.Variables)
        other.Commands.extend(self.Commands)
        other.Modules.extend(self.Modules)
        return other

    def apply(self, engine: Any) -> None:
        """Define the entries' variables and functions in a freshly opened runspace."""
        from pyshell.engine.scriptblock import FunctionInfo, ScriptBlock

        for entry in self.Variables:
            if isinstance(entry, SessionStateEntry):
                engine.set_variable(entry.Name, entry.Value)
        for entry in self.Commands:
            if isinstance(entry, SessionStateEntry) and entry.Definition is not None:
                sb = ScriptBlock.create(entry.Definition)
                sb._runspace = engine
                engine.global_scope.functions[entry.Name] = FunctionInfo(entry.Name, sb)


class SessionStateEntry:
    """SessionStateVariableEntry(name, value, description) / SessionStateFunctionEntry(name, definition)."""

    PS_PROPERTIES = ("Name", "Value", "Description", "Definition", "Visibility")

    def __init__(self, kind: str, name: Any, value: Any = None, definition: Any = None, description: Any = "") -> None:
        self.PS_TYPE_NAMES = (f"System.Management.Automation.Runspaces.SessionState{kind}Entry",
                              "System.Management.Automation.Runspaces.InitialSessionStateEntry", "System.Object")
        self.Name = to_string(name)
        self.Value = value
        self.Definition = to_string(definition) if definition is not None else None
        self.Description = to_string(description) if description is not None else ""
        self.Visibility = "Public"

    def ps_to_string(self) -> str:
        return self.Name


def new_variable_entry(name: Any, value: Any = None, description: Any = "", *_rest: Any) -> SessionStateEntry:
    return SessionStateEntry("Variable", name, value, None, description)


def new_function_entry(name: Any, definition: Any, *_rest: Any) -> SessionStateEntry:
    return SessionStateEntry("Function", name, None, definition)


def create_initial_session_state(*_args: Any) -> InitialSessionState:
    return InitialSessionState()


def live_runspaces(current: Any) -> list[RunspaceHandle]:
    """The runspaces of the process that are not disposed, by Id; `current` (an engine Runspace) is among them."""
    handle_for(current)
    return [_LIVE[i] for i in sorted(_LIVE)]
