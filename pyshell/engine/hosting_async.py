"""Asynchronous invocation results: BeginInvoke()'s IAsyncResult, InvokeAsync()'s Task, Task::WaitAll.

Why: hosted runs on a thread are observed through these objects (IsCompleted, AsyncWaitHandle.WaitOne(),
Status/IsFaulted/Exception of a task), so they carry the run's output or its failure.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from pyshell.engine.hosting_streams import PSDataCollection
from pyshell.engine.method_errors import NetError, exception_info, net_method, wrap_method_error
from pyshell.errors import PyshellError

if TYPE_CHECKING:
    from pyshell.engine.hosting import PowerShell

__all__ = ["AsyncResult", "Task", "ThreadInfo", "WaitHandle", "current_thread", "wait_all", "wait_any"]


class WaitHandle:
    """AsyncWaitHandle of a BeginInvoke() result."""

    PS_TYPE_NAMES = ("System.Threading.ManualResetEvent", "System.Threading.WaitHandle", "System.Object")
    PS_PROPERTIES = ("SafeWaitHandle",)
    PS_METHODS = ("WaitOne", "Close", "Dispose")

    def __init__(self, event: threading.Event) -> None:
        self._event = event
        self.SafeWaitHandle = None

    def WaitOne(self, timeout: Any = -1, *_rest: Any) -> bool:  # noqa: N802
        ms = timeout.total_seconds() * 1000 if hasattr(timeout, "total_seconds") else float(timeout)
        return self._event.wait(None if ms < 0 else ms / 1000)

    def Close(self) -> None:  # noqa: N802
        pass

    Dispose = Close


class AsyncResult:
    """What BeginInvoke() returns: IsCompleted, AsyncWaitHandle; EndInvoke() takes it back."""

    PS_TYPE_NAMES = ("System.Management.Automation.PowerShellAsyncResult", "System.Object")
    PS_PROPERTIES = ("IsCompleted", "AsyncWaitHandle", "AsyncState", "CompletedSynchronously", "IsPowerShell")

    def __init__(self, owner: PowerShell, output: PSDataCollection) -> None:
        self.owner = owner
        self.output = output
        self.error: PyshellError | None = None
        self.done = threading.Event()
        self.AsyncWaitHandle = WaitHandle(self.done)
        self.AsyncState = None
        self.CompletedSynchronously = False
        self.IsPowerShell = True
        self.thread: threading.Thread | None = None

    @property
    def IsCompleted(self) -> bool:  # noqa: N802
        return self.done.is_set()


class Task:
    """What InvokeAsync()/StopAsync() return: .Result waits for the output; a failure faults the task."""

    PS_TYPE_NAMES = ("System.Threading.Tasks.Task`1[[System.Management.Automation.PSDataCollection`1"
                     "[[System.Management.Automation.PSObject]]]]", "System.Threading.Tasks.Task", "System.Object")
    PS_PROPERTIES = ("Id", "IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled", "Status", "Exception",
                     "Result", "AsyncState")
    PS_METHODS = ("Wait", "GetAwaiter", "GetResult")
    #: what a task shows when output (reading Result would block, or throw for a faulted task)
    PS_DEFAULT_DISPLAY_PROPERTIES = ("Id", "IsCompleted", "Status", "IsFaulted")

    def __init__(self, result: AsyncResult) -> None:
        self._result = result
        self.Id = id(result) & 0xFFFF
        self.IsCanceled = False
        self.AsyncState = None

    @property
    def IsCompleted(self) -> bool:  # noqa: N802
        return self._result.IsCompleted

    @property
    def IsFaulted(self) -> bool:  # noqa: N802
        return self._result.IsCompleted and self._result.error is not None

    @property
    def IsCompletedSuccessfully(self) -> bool:  # noqa: N802
        return self._result.IsCompleted and self._result.error is None

    @property
    def Status(self) -> str:  # noqa: N802
        if not self._result.IsCompleted:
            return "Running"
        return "Faulted" if self._result.error is not None else "RanToCompletion"

    @property
    def Exception(self) -> Any:  # noqa: N802
        """An AggregateException around the failure, $null while running or after success."""
        if not self.IsFaulted:
            return None
        from pyshell.engine.records import ExceptionInfo

        assert self._result.error is not None
        return ExceptionInfo("One or more errors occurred. (" + self._result.error.message + ")",
                             "System.AggregateException", exception_info(self._result.error))

    @property
    def Result(self) -> Any:  # noqa: N802
        self._result.done.wait()
        if self._result.error is not None:
            raise _aggregate(self._result.error)
        return self._result.output

    def Wait(self, *_args: Any) -> bool:  # noqa: N802
        self._result.done.wait()
        if self._result.error is not None:
            raise wrap_method_error("Wait", len(_args), _aggregate(self._result.error))
        return True

    def GetAwaiter(self) -> Task:  # noqa: N802
        return self

    @net_method
    def GetResult(self) -> Any:  # noqa: N802
        self._result.done.wait()
        if self._result.error is not None:
            raise self._result.error
        return self._result.output

    def ps_to_string(self) -> str:
        return "System.Threading.Tasks.Task`1[System.Management.Automation.PSDataCollection`1[System.Management.Automation.PSObject]]"


def _aggregate(error: PyshellError) -> PyshellError:
    """The AggregateException a faulted task throws from .Result / Wait()."""
    agg = NetError("One or more errors occurred. (" + error.message + ")", "System.AggregateException")
    agg.inner_error = error  # type: ignore[attr-defined]
    return agg


def wait_all(*tasks: Any) -> None:
    """[System.Threading.Tasks.Task]::WaitAll(tasks): wait for every task; a faulted one throws."""
    flat = [t for x in tasks for t in (x if isinstance(x, list) else [x]) if isinstance(t, Task)]
    for t in flat:
        t._result.done.wait()
    failed = [t for t in flat if t.IsFaulted]
    if failed:
        raise wrap_method_error("WaitAll", len(tasks), _aggregate(failed[0]._result.error))  # type: ignore[arg-type]


def wait_any(*tasks: Any) -> int:
    """[System.Threading.Tasks.Task]::WaitAny(tasks): the index of the first task to finish."""
    import time

    flat = [t for x in tasks for t in (x if isinstance(x, list) else [x]) if isinstance(t, Task)]
    while True:
        for i, t in enumerate(flat):
            if t.IsCompleted:
                return i
        time.sleep(0.01)


_THREAD_IDS: dict[int, int] = {}
_THREAD_LOCK = threading.Lock()


class ThreadInfo:
    """[System.Threading.Thread]::CurrentThread: enough to tell threads apart (ManagedThreadId, Name)."""

    PS_TYPE_NAMES = ("System.Threading.Thread", "System.Runtime.ConstrainedExecution.CriticalFinalizerObject",
                     "System.Object")
    PS_PROPERTIES = ("ManagedThreadId", "Name", "IsAlive", "IsBackground", "IsThreadPoolThread", "CurrentCulture",
                     "CurrentUICulture")

    def __init__(self, thread: threading.Thread) -> None:
        with _THREAD_LOCK:
            ident = thread.ident or 0
            # .NET numbers managed threads from 1 in creation order; the main thread is 1
            self.ManagedThreadId = _THREAD_IDS.setdefault(ident, len(_THREAD_IDS) + 1)
        self.Name = None if thread is threading.main_thread() else thread.name
        self.IsAlive = thread.is_alive()
        self.IsBackground = thread.daemon
        self.IsThreadPoolThread = False

    @property
    def CurrentCulture(self) -> Any:  # noqa: N802 - .NET property name
        from pyshell.engine.culture import current_culture

        return current_culture()

    @CurrentCulture.setter
    def CurrentCulture(self, value: Any) -> None:  # noqa: N802 - .NET property name
        from pyshell.engine.culture_register import set_culture_static

        set_culture_static("CurrentCulture", value)

    @property
    def CurrentUICulture(self) -> Any:  # noqa: N802 - .NET property name
        from pyshell.engine.culture import current_culture

        return current_culture(ui=True)

    @CurrentUICulture.setter
    def CurrentUICulture(self, value: Any) -> None:  # noqa: N802 - .NET property name
        from pyshell.engine.culture_register import set_culture_static

        set_culture_static("CurrentUICulture", value)

    def ps_to_string(self) -> str:
        return "System.Threading.Thread"


def current_thread() -> ThreadInfo:
    return ThreadInfo(threading.current_thread())
