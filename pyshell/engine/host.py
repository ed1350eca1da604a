"""The host interface: where a runspace's output and streams end up (REPL, CLI, job worker, agent)."""

from __future__ import annotations

from typing import Any

from pyshell.engine.records import ErrorRecord, InformationRecord, ProgressRecord

__all__ = ["Host", "CollectingHost"]


class Host:
    """Base host: subclasses render output and streams. The default discards everything."""

    name = "Default Host"
    ui_width = 120
    #: True when a native command at the end of a top-level pipeline may use the terminal directly
    native_passthrough = False
    interactive = False

    def write_output(self, obj: Any) -> None:  # Out-Default
        pass

    def flush_output(self) -> None:
        """End of a top-level statement: finish any open table."""

    def write_error(self, record: ErrorRecord) -> None:
        pass

    def write_warning(self, record: Any) -> None:
        pass

    def write_verbose(self, record: Any) -> None:
        pass

    def write_debug(self, record: Any) -> None:
        pass

    def write_information(self, record: InformationRecord) -> None:
        pass

    def write_progress(self, record: ProgressRecord) -> None:
        pass

    def read_line(self, prompt: str = "") -> str:
        raise EOFError


class CollectingHost(Host):
    """Keeps everything in lists: for tests, Invoke-Expression capture and background runspaces."""

    def __init__(self) -> None:
        self.output: list[Any] = []
        self.errors: list[ErrorRecord] = []
        self.warnings: list[Any] = []
        self.verbose: list[Any] = []
        self.debug: list[Any] = []
        self.information: list[InformationRecord] = []
        self.progress: list[ProgressRecord] = []

    def write_output(self, obj: Any) -> None:
        self.output.append(obj)

    def write_error(self, record: ErrorRecord) -> None:
        self.errors.append(record)

    def write_warning(self, record: Any) -> None:
        self.warnings.append(record)

    def write_verbose(self, record: Any) -> None:
        self.verbose.append(record)

    def write_debug(self, record: Any) -> None:
        self.debug.append(record)

    def write_information(self, record: InformationRecord) -> None:
        self.information.append(record)

    def write_progress(self, record: ProgressRecord) -> None:
        self.progress.append(record)
