"""A host that forwards a runspace's streams as wire messages: the far end of a job or a session.

Runs wherever a runspace serves a client (the job worker, the remote agent); subclasses decide
how output travels (batched, tagged with an invocation id) through `_record` and `write_output`.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.host import Host
from pyshell.wire.protocol import Kind

__all__ = ["StreamingHost"]


class StreamingHost(Host):
    """Every non-output stream record becomes one message of its kind."""

    name = "ServerRemoteHost"

    def _record(self, kind: Kind, record: Any) -> None:
        raise NotImplementedError

    def write_error(self, record: Any) -> None:
        self._record(Kind.ERROR, record)

    def write_warning(self, record: Any) -> None:
        self._record(Kind.WARNING, record)

    def write_verbose(self, record: Any) -> None:
        self._record(Kind.VERBOSE, record)

    def write_debug(self, record: Any) -> None:
        self._record(Kind.DEBUG, record)

    def write_information(self, record: Any) -> None:
        self._record(Kind.INFORMATION, record)

    def write_progress(self, record: Any) -> None:
        self._record(Kind.PROGRESS, record)
