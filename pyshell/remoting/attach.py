"""Gives a new runspace its PSSession table; its shutdown closes the sessions (and their agents).

Runs wherever a runspace is made (`pyshell.script.new_runspace`), including inside a remote agent.
"""

from __future__ import annotations

from typing import Any

from pyshell.remoting.session import SessionTable

__all__ = ["attach"]


def attach(rs: Any) -> None:
    """Attach the session table and chain a shutdown that closes every session."""
    table = SessionTable()
    rs.sessions = table
    rs.remote_session = None
    previous = getattr(rs, "shutdown", None)

    def shutdown() -> None:
        from pyshell.remoting.interactive import leave

        try:
            leave(rs)
            table.close_all()
        finally:
            if previous is not None:
                previous()

    rs.shutdown = shutdown
