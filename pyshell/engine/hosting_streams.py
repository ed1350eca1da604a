"""The stream collections of a [powershell] instance: $ps.Streams.Error/Warning/..., and the host that fills them.

Why: scripts hosting PowerShell read what a command wrote through PSDataCollection objects
($ps.Streams.Error.Count, [0].FullyQualifiedErrorId, .ReadAll(), .Clear()), not through the console.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import ps_equals
from pyshell.engine.host import Host
from pyshell.engine.objects import enumerate_value

__all__ = ["PSDataCollection", "PSDataStreams", "StreamsHost", "OutputCollection"]

_PSOBJECT = "System.Management.Automation.PSObject"


class _ListMethods(list):  # type: ignore[type-arg]
    """The IList methods scripts call on both collections (Add, Contains, IndexOf, Remove...)."""

    PS_TYPE_NAMES: tuple[str, ...]

    def Add(self, item: Any) -> None:  # noqa: N802
        self.append(item)

    def Clear(self) -> None:  # noqa: N802
        self.clear()

    def Contains(self, item: Any) -> bool:  # noqa: N802
        return any(x is item or ps_equals(x, item) for x in self)

    def IndexOf(self, item: Any) -> int:  # noqa: N802
        return next((i for i, x in enumerate(self) if x is item or ps_equals(x, item)), -1)

    def Insert(self, index: Any, item: Any) -> None:  # noqa: N802
        self.insert(int(index), item)

    def Remove(self, item: Any) -> bool:  # noqa: N802
        i = self.IndexOf(item)
        if i < 0:
            return False
        del self[i]
        return True

    def RemoveAt(self, index: Any) -> None:  # noqa: N802
        del self[int(index)]

    def ToString(self) -> str:  # noqa: N802
        return self.PS_TYPE_NAMES[0]


class PSDataCollection(_ListMethods):
    """PSDataCollection<T>: a thread-safe list that producers append to and readers drain."""

    PS_PROPERTIES = ("Count", "IsOpen", "IsReadOnly", "BlockingEnumerator")
    PS_METHODS = ("Add", "Clear", "ReadAll", "Contains", "IndexOf", "Insert", "Remove", "RemoveAt", "Complete",
                  "ToString")

    def __init__(self, element: str = _PSOBJECT, items: Any = ()) -> None:
        super().__init__(items)
        self.element = element
        self.IsOpen = True
        self.IsReadOnly = False
        self.BlockingEnumerator = False

    @property
    def PS_TYPE_NAMES(self) -> tuple[str, ...]:  # noqa: N802
        return (f"System.Management.Automation.PSDataCollection`1[[{self.element}]]", "System.Object")

    @property
    def Count(self) -> int:  # noqa: N802
        return len(self)

    def ReadAll(self) -> list[Any]:  # noqa: N802
        """Take every item out (the collection is left empty), as a Collection<T>."""
        items = OutputCollection(list(self), self.element)
        del self[: len(items)]
        return items

    def Complete(self) -> None:  # noqa: N802
        self.IsOpen = False


class OutputCollection(_ListMethods):
    """Collection<PSObject>: what PowerShell.Invoke() and ScriptBlock.Invoke() return."""

    PS_METHODS = ("Add", "Clear", "Contains", "IndexOf", "Insert", "Remove", "RemoveAt", "ToString")

    def __init__(self, items: Any = (), element: str = _PSOBJECT) -> None:
        super().__init__(items)
        self.element = element

    @property
    def PS_TYPE_NAMES(self) -> tuple[str, ...]:  # noqa: N802
        return (f"System.Collections.ObjectModel.Collection`1[[{self.element}]]", "System.Object")



class PSDataStreams:
    """$ps.Streams: one collection per stream."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSDataStreams", "System.Object")
    PS_PROPERTIES = ("Error", "Progress", "Verbose", "Debug", "Warning", "Information")
    PS_METHODS = ("ClearStreams",)

    def __init__(self) -> None:
        self.Error = PSDataCollection("System.Management.Automation.ErrorRecord")
        self.Progress = PSDataCollection("System.Management.Automation.ProgressRecord")
        self.Verbose = PSDataCollection("System.Management.Automation.VerboseRecord")
        self.Debug = PSDataCollection("System.Management.Automation.DebugRecord")
        self.Warning = PSDataCollection("System.Management.Automation.WarningRecord")
        self.Information = PSDataCollection("System.Management.Automation.InformationRecord")

    def ClearStreams(self) -> None:  # noqa: N802
        for name in self.PS_PROPERTIES:
            getattr(self, name).clear()

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


class StreamsHost(Host):
    """The host of a hosted runspace: every stream lands in the current PowerShell instance's collections."""

    name = "Default Host"

    def __init__(self, streams: PSDataStreams | None = None) -> None:
        self.streams = streams if streams is not None else PSDataStreams()
        self.error_count = 0  #: errors written since the last reset (HadErrors)

    def write_output(self, obj: Any) -> None:
        # Out-Default in a hosted runspace has no console: the object is dropped, as in pwsh's default host
        _ = obj

    def write_error(self, record: Any) -> None:
        self.error_count += 1
        self.streams.Error.append(record)

    def write_warning(self, record: Any) -> None:
        self.streams.Warning.append(record)

    def write_verbose(self, record: Any) -> None:
        self.streams.Verbose.append(record)

    def write_debug(self, record: Any) -> None:
        self.streams.Debug.append(record)

    def write_information(self, record: Any) -> None:
        self.streams.Information.append(record)

    def write_progress(self, record: Any) -> None:
        self.streams.Progress.append(record)


def input_items(value: Any) -> list[Any]:
    """Invoke(input): the items fed to the first command (a scalar is one item)."""
    return list(enumerate_value(value))
