"""Native commands: programs found on PATH run as processes; their output lines become strings."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pyshell.engine.conversions import to_string
from pyshell.engine.pipeline import Stage
from pyshell.errors import PyshellError, RuntimeScriptError
from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.engine.binder import Argument
    from pyshell.engine.evaluator import Evaluator

__all__ = ["NativeStage", "find_executable", "host_output_elements"]


def find_executable(name: str, location: str, path: str | None) -> str | None:
    """Resolve a program name the way PowerShell does on Unix: paths relative to the location, else PATH."""
    if "/" in name:
        full = name if os.path.isabs(name) else os.path.normpath(os.path.join(location, os.path.expanduser(name)))
        full = os.path.expanduser(full)
        return full if os.path.isfile(full) and os.access(full, os.X_OK) else None
    from pyshell.engine.pathsearch import search_path  # relative PATH entries follow the location, as in pwsh

    found = search_path(name, location, os.defpath if path is None else path)
    return found[0] if found else None


def host_output_elements(blocks: Iterable[A.StatementBlockAst | None]) -> set[int]:
    """The commands whose output goes straight to the host when these top-level blocks run: the last
    element of each top-level pipeline, also inside if/loop/switch/try bodies and `& { }` at that level.

    Only there may a native command write to the terminal itself (vim, less); anywhere else its output is
    captured ($x = ..., (...), a function's or script block's output), so it is read as lines.
    """
    found: set[int] = set()

    def block(b: A.StatementBlockAst | None) -> None:
        if b is not None:
            for st in b.statements:
                statement(st)

    def statement(st: A.Statement) -> None:
        kind = type(st)
        if kind is A.PipelineAst:
            assert isinstance(st, A.PipelineAst)
            last = st.elements[-1]
            found.add(id(last))
            if len(st.elements) == 1 and isinstance(last, A.CommandAst) and last.invocation in ("&", ".") \
                    and isinstance(last.elements[0], A.ScriptBlockExpressionAst):
                inner = last.elements[0].block
                for b in (inner.begin, inner.process, inner.end):
                    block(b)
        elif isinstance(st, A.PipelineChainAst):
            statement(st.left)
            statement(st.right)
        elif isinstance(st, A.IfAst):
            for _, body in st.clauses:
                block(body)
            block(st.else_block)
        elif isinstance(st, (A.ForEachAst, A.ForAst, A.WhileAst, A.DoWhileAst)):
            block(st.body)
        elif isinstance(st, A.SwitchAst):
            for clause in st.clauses:
                block(clause.body)
            block(st.default)
        elif isinstance(st, A.TryAst):
            block(st.body)
            for catch in st.catches:
                block(catch.body)
            block(st.finally_block)

    for b in blocks:
        block(b)
    return found


class NativeStage(Stage):
    """A process in the pipeline; upstream objects are written to its stdin as lines."""

    def __init__(self, ev: Evaluator, exe: str, args: list[Argument], expecting_input: bool, last: bool,
                 node: A.Node) -> None:
        self.ev = ev
        self.exe = exe
        self.name = os.path.basename(exe)
        self.args = args
        self.argv = [exe] + _native_args(args)
        self.expecting_input = expecting_input
        self.last = last
        self.node = node

    def _passthrough(self) -> bool:
        rs = self.ev.rs
        top_level = getattr(rs, "host_elements", None)  # host_output_elements() of the running top level
        if top_level is not None and id(self.node) not in top_level:
            return False  # its output is captured ($x = ..., (...), a script block's output)
        return self.last and rs.host.native_passthrough and rs.output_to_host and self.sinks is None \
            and self.out_file is None

    def run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        from pyshell.engine.minishell import is_minishell

        if is_minishell(self.args):
            yield from self._run_minishell(upstream)
            return
        yield from self._run_plain(upstream)

    def _run_minishell(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        """A script block passed to pwsh (or any program): CLIXML both ways, the child's streams split back out."""
        from pyshell.engine.clixml import ClixmlError
        from pyshell.engine.minishell import bind, encode_input, read_streams

        rs = self.ev.rs
        passthrough = self._passthrough()
        try:
            call = bind(self.args, not passthrough, _arg_text)
        except PyshellError as e:
            e.span = e.span or self.node.span
            raise
        argv = [self.exe] + call.argv
        stdout_piped = call.output_xml or not passthrough
        stderr_piped = call.output_xml or self._captures_errors()
        if passthrough:
            rs.host.flush_output()
        try:
            proc = subprocess.Popen(argv, cwd=rs.location, env=rs.process_environment(),
                                    stdin=subprocess.PIPE if upstream is not None else None,
                                    stdout=subprocess.PIPE if stdout_piped else None,
                                    stderr=subprocess.PIPE if stderr_piped else None)
        except OSError as e:
            raise self._start_error(e) from e
        rs.register_process(proc)
        if upstream is not None and proc.stdin is not None:
            payload = encode_input(list(upstream), call.input_xml, rs.host.ui_width)
            _write_all(proc.stdin, payload)
        err_items: list[tuple[Any, str]] = []
        err_thread = None
        if proc.stderr is not None:
            stderr = proc.stderr

            def pump() -> None:
                try:
                    err_items.extend(read_streams(_text_lines(stderr), "Error"))
                except ClixmlError as e:
                    err_items.append((self._xml_error("Error", e), "Error"))

            err_thread = threading.Thread(target=pump, daemon=True)
            err_thread.start()
        finished = False
        pending: list[tuple[Any, str]] = []
        try:
            if proc.stdout is not None:
                try:
                    for value, stream in read_streams(_text_lines(proc.stdout), "Output"):
                        if stream == "Output":
                            yield value
                        else:
                            pending.append((value, stream))
                except ClixmlError as e:
                    pending.append((self._xml_error("Output", e), "Error"))
            proc.wait()
            finished = True
        finally:
            if not finished:
                _terminate(proc)
            rs.unregister_process(proc)
        if err_thread is not None:
            err_thread.join()
        rs.set_last_exit_code(proc.returncode)
        for value, stream in pending + err_items:
            self._to_stream(value, stream)

    def _xml_error(self, stream: str, e: Exception) -> str:
        return f"Cannot process the XML from the '{stream}' stream of '{self.exe}': {e}"

    def _captures_errors(self) -> bool:
        sinks = self.sinks
        return sinks is not None and ("Error" in sinks.to_output or "Error" in sinks.to_null or "Error" in sinks.to_file)

    def _to_stream(self, value: Any, stream: str) -> None:
        """One item the child wrote to a stream other than output, into the same stream here."""
        from pyshell.engine.records import ErrorRecord, InformationRecord

        sinks = self.ev.rs.sinks
        if stream == "Error":
            if not isinstance(value, ErrorRecord):
                value = ErrorRecord(PyshellError(to_string(value), error_id="NativeCommandError",
                                                 category="NotSpecified", reason="RemoteException"), command=self.name)
            sinks.error(value)
        elif stream == "Warning":
            sinks.warning(to_string(value))
        elif stream == "Verbose":
            sinks.verbose(to_string(value))
        elif stream == "Debug":
            sinks.debug(to_string(value))
        elif stream == "Information":
            if isinstance(value, InformationRecord):
                sinks.information(value, list(value.Tags), value.Source)
            else:
                sinks.information(value, [], "")

    def _start_error(self, e: OSError) -> RuntimeScriptError:
        rs = self.ev.rs
        return RuntimeScriptError(f"An error occurred trying to start process '{self.exe}' with working directory "
                                  f"'{rs.location}'. {e.strerror}.", error_id="NativeCommandFailed",
                                  category="ResourceUnavailable", span=self.node.span)

    def _run_plain(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
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
            raise self._start_error(e) from e
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


def _write_all(stdin: Any, payload: bytes) -> None:
    """Write the child's input in a thread (it may fill its output pipe before reading all of it)."""

    def writer() -> None:
        try:
            stdin.write(payload)
            stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass

    threading.Thread(target=writer, daemon=True).start()


def _text_lines(stream: Any) -> Iterator[str]:
    for raw in stream:
        yield raw.decode("utf-8", "replace")


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
