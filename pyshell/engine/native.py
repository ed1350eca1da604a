"""Native commands: programs found on PATH run as processes; their output lines become strings."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pyshell.engine.conversions import to_string
from pyshell.engine.pipeline import Stage
from pyshell.errors import RuntimeScriptError
from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.engine.binder import Argument
    from pyshell.engine.evaluator import Evaluator

__all__ = ["NativeStage", "find_executable"]


def find_executable(name: str, location: str, path: str | None) -> str | None:
    """Resolve a program name the way PowerShell does on Unix: paths relative to the location, else PATH."""
    if "/" in name:
        full = name if os.path.isabs(name) else os.path.normpath(os.path.join(location, os.path.expanduser(name)))
        full = os.path.expanduser(full)
        return full if os.path.isfile(full) and os.access(full, os.X_OK) else None
    return shutil.which(name, path=path)


class NativeStage(Stage):
    """A process in the pipeline; upstream objects are written to its stdin as lines."""

    def __init__(self, ev: Evaluator, exe: str, args: list[Argument], expecting_input: bool, last: bool,
                 node: A.Node) -> None:
        self.ev = ev
        self.exe = exe
        self.name = os.path.basename(exe)
        self.argv = [exe] + _native_args(args)
        self.expecting_input = expecting_input
        self.last = last
        self.node = node

    def _passthrough(self) -> bool:
        rs = self.ev.rs
        return self.last and rs.host.native_passthrough and rs.output_to_host and self.sinks is None \
            and self.out_file is None

    def run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        rs = self.ev.rs
        env = rs.process_environment()
        capture_err = self.sinks is not None and ("Error" in self.sinks.to_output or "Error" in self.sinks.to_null
                                                  or "Error" in self.sinks.to_file)
        stdin = subprocess.PIPE if upstream is not None else None
        try:
            if self._passthrough():
                rs.host.flush_output()
                proc = subprocess.Popen(self.argv, cwd=rs.location, env=env, stdin=stdin)
                self._feed(proc, upstream)
                try:
                    code = proc.wait()
                except KeyboardInterrupt:
                    _terminate(proc)
                    raise
                rs.set_last_exit_code(code)
                return
            proc = subprocess.Popen(self.argv, cwd=rs.location, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE if capture_err else None)
        except OSError as e:
            raise RuntimeScriptError(f"An error occurred trying to start process '{self.exe}' with working directory "
                                     f"'{rs.location}'. {e.strerror}.", error_id="NativeCommandFailed",
                                     category="ResourceUnavailable", span=self.node.span) from e
        rs.register_process(proc)
        err_thread = None
        err_lines: list[str] = []
        if capture_err and proc.stderr is not None:
            stderr = proc.stderr

            def pump() -> None:
                for raw in stderr:
                    err_lines.append(raw.decode("utf-8", "replace").rstrip("\r\n"))

            err_thread = threading.Thread(target=pump, daemon=True)
            err_thread.start()
        self._feed(proc, upstream)
        finished = False
        try:
            assert proc.stdout is not None
            for raw in proc.stdout:
                yield raw.decode("utf-8", "replace").rstrip("\r\n")
            proc.wait()
            finished = True
        finally:
            if not finished:
                _terminate(proc)
            rs.unregister_process(proc)
        if err_thread is not None:
            err_thread.join()
            from pyshell.engine.records import ErrorRecord
            from pyshell.errors import PyshellError

            for line in err_lines:
                rec = ErrorRecord(PyshellError(line, error_id="NativeCommandError", category="NotSpecified",
                                               reason="RemoteException"), command=self.name)
                rs.sinks.error(rec)
        rs.set_last_exit_code(proc.returncode)

    def _feed(self, proc: subprocess.Popen[bytes], upstream: Iterator[Any] | None) -> None:
        if upstream is None or proc.stdin is None:
            return
        stdin = proc.stdin
        items = list(upstream)  # drain in this thread: upstream generators are not thread-safe

        def writer() -> None:
            try:
                for item in items:
                    stdin.write((to_string(item) + "\n").encode())
                stdin.close()
            except (BrokenPipeError, OSError):
                pass

        threading.Thread(target=writer, daemon=True).start()


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _native_args(args: list[Argument]) -> list[str]:
    out: list[str] = []
    for a in args:
        if a.name is not None:
            text = a.text or ("-" + a.name)
            if a.colon and a.value is not None:
                out.append(f"{text}:{_arg_text(a.value)}")
            else:
                out.append(text)
                if a.value is not None and a.value.__class__ is not object and not a.colon and a.value is not True:
                    from pyshell.engine.binder import NO_VALUE

                    if a.value is not NO_VALUE:
                        out.append(_arg_text(a.value))
            continue
        if isinstance(a.value, (list, tuple)):
            out.extend(_arg_text(v) for v in a.value)
        else:
            out.append(_arg_text(a.value))
    return out


def _arg_text(v: Any) -> str:
    return to_string(v)
