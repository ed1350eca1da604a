"""Enter-PSSession's interactive mode: while a session is entered, typed lines run on the remote computer.

Runs in the local pyshell. The line readers (`pyshell.script.run_stdin`, the REPL) call `route_line`
before running a line locally, and `prompt` for the `[Server01]: PS /home/user> ` prompt.
"""

from __future__ import annotations

from typing import Any

from pyshell.errors import PyshellError
from pyshell.remoting.session import PSSession, run_in_session

__all__ = ["enter", "leave", "route_line", "prompt", "current"]

_EXIT_WORDS = {"exit", "exit-pssession", "exsn"}


def current(rs: Any) -> PSSession | None:
    """The entered session of `rs`, if any."""
    return getattr(rs, "remote_session", None)


def enter(rs: Any, session: PSSession) -> None:
    """Make `session` the runspace's interactive remote session."""
    rs.remote_session = session
    rs.remote_location = (getattr(session.connection, "hello", None) or {}).get("location", "")
    rs.prompt_prefix = lambda: f"[{session.ComputerName}]: "


def leave(rs: Any) -> None:
    """Back to the local prompt; a temporary session (Enter-PSSession -ComputerName) is closed."""
    session = current(rs)
    rs.remote_session = None
    rs.prompt_prefix = None
    if session is not None and session.temporary:
        session.close()


def prompt(rs: Any) -> str | None:
    """`[Server01]: PS /remote/location> ` while a session is entered, else None."""
    session = current(rs)
    if session is None:
        return None
    return f"[{session.ComputerName}]: PS {getattr(rs, 'remote_location', '') or '~'}> "


def route_line(rs: Any, text: str) -> bool:
    """Run `text` in the entered session; False (nothing done) when no session is entered.

    Output, errors and other streams go to the local host; `exit`/`Exit-PSSession` leave the session.
    """
    session = current(rs)
    if session is None:
        return False
    if text.strip().lower() in _EXIT_WORDS:
        leave(rs)
        rs.success = True
        return True
    host = rs.host
    ok = True
    try:
        for ev in run_in_session(session, text, interactive=True, show_computer_name=False):
            if ev.kind == "output":
                host.write_output(ev.value)
            elif ev.kind == "error":
                rs.add_error(ev.value)
                host.write_error(ev.value)
            elif ev.kind == "state":
                msg = ev.value
                ok = bool(msg.get("ok", True))
                rs.remote_location = msg.get("location") or rs.remote_location
                if msg.get("exit") is not None:
                    leave(rs)
            else:
                writer = getattr(host, f"write_{ev.kind}", None)
                if writer is not None:
                    writer(ev.value)
    except PyshellError as e:
        rs.report_error(e)
        ok = False
        leave(rs)
    except KeyboardInterrupt:
        # Ctrl-C stops the remote pipeline, not the local shell
        stop = getattr(session.connection, "stop_current", None)
        if stop is not None:
            stop()
        from pyshell.errors import PipelineStoppedError

        rs.report_error(PipelineStoppedError())
        ok = False
    finally:
        host.flush_output()
    rs.success = ok
    return True
