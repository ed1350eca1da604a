"""The evaluator: runs statements (as generators of output objects) and evaluates expressions.

Statements are generators so that output streams one object at a time; expressions are
plain functions returning values. Control flow (break/continue/return/exit) uses exceptions.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pyshell.engine.cmdlet import StopUpstream
from pyshell.engine.compiler import (
    VALUE,
    compile_expr,
    compile_statement,
    is_automation_null_expr,
    is_null_variable,
    range_operands,
    variable_writer,
)
from pyshell.engine.conversions import to_bool, to_number, to_string
from pyshell.engine.intrinsic_methods import invoke_method
from pyshell.engine.members import get_member
from pyshell.engine.objects import (
    MISSING,
    Enumerator,
    Hashtable,
    OrderedHashtable,
    PSChar,
    PSObject,
    enumerate_value,
    is_null_like,
    set_property,
)
from pyshell.engine.operators import binary_op, increment, unary_op
from pyshell.engine.records import ErrorRecord, error_record_from
from pyshell.engine.scriptblock import FunctionInfo, ScriptBlock
from pyshell.engine.types import TypeRef, call_static, convert_to, static_member
from pyshell.errors import ExitRequest, PyshellError, RuntimeScriptError
from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.engine.runspace import Runspace

__all__ = ["Evaluator", "BreakSignal", "ContinueSignal", "ReturnSignal", "collect", "single"]


class BreakSignal(Exception):  # noqa: N818
    def __init__(self, label: str | None = None) -> None:
        self.label = label


class ContinueSignal(Exception):  # noqa: N818
    def __init__(self, label: str | None = None) -> None:
        self.label = label


#: binary operators that take an enumerator ($input) as one object rather than its items
_NO_ENUMERATE_OPS = frozenset(("-is", "-isnot", "-as", "+", "-", "*", "/", "%"))


class ReturnSignal(Exception):  # noqa: N818
    """`return`; `pending` holds what a subexpression it left had already output (`$("1"; return "2")`)."""

    pending: tuple[Any, ...] = ()


#: what a statement passes on unchanged (flow control); GeneratorExit and KeyboardInterrupt are
#: BaseExceptions and pass anyway
_PASS_THROUGH = (BreakSignal, ContinueSignal, ReturnSignal, ExitRequest, StopUpstream)


class _LoopEnumerator:
    """$foreach inside a foreach loop: MoveNext/Current over the items the loop itself consumes."""

    PS_TYPE_NAMES = ("System.Array+SZArrayEnumerator", "System.Object")
    PS_PROPERTIES = ("Current",)
    PS_METHODS = ("MoveNext", "Reset")

    def __init__(self, it: Any) -> None:
        #: an array's enumerator can start over (Reset); a pipeline's or generator's cannot
        self._items: list[Any] | None = it if isinstance(it, list) else None
        self._pos = -1
        self._it = iter(it)
        self.Current: Any = None

    def MoveNext(self) -> bool:  # noqa: N802 - PowerShell method name
        if self._items is not None:
            self._pos = min(self._pos + 1, len(self._items))
            ok = self._pos < len(self._items)
            self.Current = self._items[self._pos] if ok else None
            return ok
        for item in self._it:
            self.Current = item
            return True
        self.Current = None
        return False

    def Reset(self) -> None:  # noqa: N802
        if self._items is not None:
            self._pos = -1
            self.Current = None
            return
        raise RuntimeScriptError("Exception calling \"Reset\" with \"0\" argument(s): \"Specified method is not "
                                 "supported.\"", error_id="NotSupportedException", reason="MethodInvocationException")

    def __iter__(self) -> Iterator[Any]:
        while self.MoveNext():
            yield self.Current

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


def _exception_chain(exc: Any, e: PyshellError) -> list[Any]:
    """An error's exception and its inner exceptions: a RuntimeException's inner exceptions match a
    catch/trap type too (1/0 is caught by `catch [DivideByZeroException]`)."""
    chain = [exc]
    cur = getattr(exc, "InnerException", None)
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = getattr(cur, "InnerException", None)
    from pyshell.engine.records import ExceptionInfo

    inner_type = getattr(e, "inner_type", None)
    if inner_type is not None and not any(getattr(x, "type_name", None) == inner_type for x in chain):
        chain.append(ExceptionInfo(e.message, inner_type))
    if e.ps_type_name != getattr(exc, "type_name", None) and e.ps_type_name != PyshellError.ps_type_name:
        # -ErrorAction Stop: an ActionPreferenceStopException carrying the command's own error record
        chain.append(ExceptionInfo(e.message, e.ps_type_name))
    wrapper = getattr(e, "wrapper_type", None)  # an error out of Invoke-Expression: CmdletInvocationException
    if wrapper is not None:
        chain.append(ExceptionInfo(e.message, wrapper))
    return chain


def collect(items: Iterator[Any]) -> Any:
    """Assignment semantics: nothing -> $null, one object -> it, several -> an array."""
    out = list(items)
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def single(out: list[Any]) -> Any:
    if not out:
        return None
    return out[0] if len(out) == 1 else out


class Evaluator:
    """Executes AST nodes against a runspace."""

    def __init__(self, runspace: Runspace) -> None:
        self.rs = runspace
        self._stmt_dispatch: dict[type, Any] = {}  #: node type -> bound stmt_ method
        #: Set-StrictMode was turned on somewhere in this runspace (engine/strict.py); until then the hot
        #: paths skip every strict check
        self.strict_any = False
        #: a variable was assigned AutomationNull (`$v = <no output>`); until then $null variables output $null
        self.anull_any = False
        #: (scope, record) of the catch blocks running, innermost last: a bare `throw` rethrows the record
        self._catching: list[tuple[Any, ErrorRecord]] = []

    # -- statements -------------------------------------------------------------------------
    def exec_block(self, block: A.StatementBlockAst | None) -> Iterator[Any]:
        if block is None:
            return
        if block.traps:
            yield from self._exec_trapped(block)
            return
        steps = self.compiled_block(block)
        assert steps is not None
        yield from self.run_compiled(steps)

    def _under_try(self, gen: Iterator[Any]) -> Iterator[Any]:
        """Resume gen with try_depth raised, so its statement-terminating errors reach the enclosing
        catch or trap; the consumer, run between items, stays outside it."""
        rs = self.rs
        while True:
            rs.try_depth += 1
            try:
                item = next(gen)
            except StopIteration:
                return
            finally:
                rs.try_depth -= 1
            yield item

    def _exec_trapped(self, block: A.StatementBlockAst) -> Iterator[Any]:
        """A block with `trap` handlers: a terminating error runs the matching trap, then execution
        continues with the next statement (`continue` in the trap hides the error, `break` rethrows it)."""
        rs = self.rs
        for stmt in block.statements:
            try:
                yield from self._under_try(self.exec_statement(stmt))
            except PyshellError as e:
                trap = self._find_trap(block.traps, e)
                if trap is None:
                    raise
                record = error_record_from(e)
                saved = rs.get_variable("_")
                rs.set_local("_", record)
                show_error = True
                try:
                    yield from self.exec_block(trap.body)
                except ContinueSignal:
                    show_error = False
                except BreakSignal:
                    # `break` in a trap rethrows the error wrapped: pwsh shows ParentContainsErrorRecordException
                    record.CategoryInfo.Reason = "ParentContainsErrorRecordException"
                    raise e from None
                finally:
                    rs.set_local("_", saved if saved is not MISSING else None)
                if show_error:
                    self.report(e, stmt)

    def _find_trap(self, traps: tuple[A.TrapAst, ...], e: PyshellError) -> A.TrapAst | None:
        from pyshell.engine.types import is_instance

        exc = error_record_from(e).Exception
        candidates = _exception_chain(exc, e)
        typed = [t for t in traps if t.type_name is not None]
        if typed:
            from pyshell.engine.exceptions import exception_type_chain, full_exception_name

            # the trap for the most derived type wins: walk each exception's type chain upward
            names = {id(t): (full_exception_name(t.type_name) or t.type_name).lower() for t in typed}
            # inner exceptions first, as pwsh does (1/0 is a RuntimeException around a DivideByZeroException)
            for x in candidates[1:] + candidates[:1]:
                tname = getattr(x, "type_name", None)
                if tname is None:
                    continue
                for base in exception_type_chain(tname):
                    hit = next((t for t in typed if names[id(t)] == base.lower()), None)
                    if hit is not None:
                        return hit
            for t in typed:
                if any(is_instance(x, t.type_name) for x in candidates):
                    return t
        return next((t for t in traps if t.type_name is None), None)

    def exec_statement(self, stmt: A.Statement) -> Iterator[Any]:
        """Run one statement; a statement-terminating error is reported and execution goes on."""
        rs = self.rs
        rs.last_error_flag = False
        try:
            method = self._stmt_dispatch.get(type(stmt))
            if method is None:
                method = self._stmt_dispatch[type(stmt)] = getattr(self, "stmt_" + type(stmt).__name__)
            yield from method(stmt)
        except _PASS_THROUGH:
            raise
        except Exception as e:  # noqa: BLE001 - reported or re-raised by _statement_failed
            self._statement_failed(e, stmt)
        rs.success = not rs.last_error_flag

    def _statement_failed(self, e: Exception, stmt: A.Statement) -> None:
        """A statement raised: re-raise what ends more than the statement, report the rest."""
        rs = self.rs
        if isinstance(e, PyshellError):
            if rs.try_depth > 0 or getattr(e, "script_terminating", False) or rs.stopping:
                raise e
            self.report(e, stmt)
            return
        if isinstance(e, RecursionError):
            raise RuntimeScriptError("The script failed due to call depth overflow.", error_id="CallDepthOverflow",
                                     category="InvalidOperation", span=stmt.span) from e
        # an internal failure becomes an error record, never a traceback
        err = RuntimeScriptError(f"Internal error: {type(e).__name__}: {e}", error_id="InternalError",
                                 span=stmt.span)
        if rs.try_depth > 0:
            raise err from e
        self.report(err, stmt)

    def run_simple(self, stmt: A.Statement, kind: int, fn: Any, out: list[Any]) -> None:
        """Run a compiled statement (see compiler.compile_statement) as exec_statement would, with
        no generator: its output is appended to out."""
        rs = self.rs
        rs.last_error_flag = False
        try:
            value = fn(self)
            if kind == VALUE:
                tv = type(value)
                if tv is int or tv is str or tv is float or tv is bool:
                    out.append(value)
                elif isinstance(value, (list, tuple)) or getattr(value, "PS_ENUMERABLE", False):
                    out.extend(value)
                elif value is not None or not (is_void_expression(expr := stmt.elements[0].expression)  # type: ignore[attr-defined]
                                               or (self.anull_any and outputs_nothing(self, expr))):
                    out.append(value)
        except _PASS_THROUGH:
            raise
        except Exception as e:  # noqa: BLE001 - reported or re-raised by _statement_failed
            self._statement_failed(e, stmt)
        rs.success = not rs.last_error_flag

    def compiled_block(self, block: A.StatementBlockAst | None) -> list[tuple[A.Statement, int, Any]] | None:
        """The statements of a block as (statement, kind, closure), kind 0 for one that runs as a
        generator; None when the block has traps (those run statement by statement)."""
        if block is None or block.traps:
            return None
        out: list[tuple[A.Statement, int, Any]] | None = block._compiled  # type: ignore[attr-defined]
        if out is None:
            out = []
            for stmt in block.statements:
                c = compile_statement(stmt)
                out.append((stmt, 0, None) if c is None else (stmt, c[0], c[1]))
            object.__setattr__(block, "_compiled", out)
        return out

    def run_compiled(self, steps: list[tuple[A.Statement, int, Any]]) -> Iterator[Any]:
        """Run compiled_block's steps, streaming their output."""
        out: list[Any] = []
        for stmt, kind, fn in steps:
            if kind:
                self.run_simple(stmt, kind, fn, out)
                if out:
                    yield from out
                    out.clear()
            else:
                yield from self.exec_statement(stmt)

    def error_suppressed(self, e: PyshellError) -> bool:
        """$ErrorActionPreference (or -ErrorAction of the advanced function running) SilentlyContinue or
        Ignore hides a statement's terminating error and a `throw` outside try/trap; SilentlyContinue still
        records it in $Error."""
        rs = self.rs
        if rs.try_depth > 0 or type(e).__name__ == "ActionPreferenceStopError":
            return False
        pref = rs.sinks.preference("Error").lower()
        if pref not in ("silentlycontinue", "ignore"):
            return False
        if pref == "silentlycontinue":
            rs.add_error(error_record_from(e))
        rs.last_error_flag = True
        return True

    def report(self, e: PyshellError, stmt: A.Node | None) -> None:
        """Write a statement-terminating error to the error stream (it does not stop the script)."""
        if e.span is None and stmt is not None:
            e.span = stmt.span
        if self.error_suppressed(e):
            return
        record = error_record_from(e)
        self.rs.last_error_flag = True
        self.rs.add_error(record)
        if self.rs.error_to_output_sinks is not None:
            self.rs.error_to_output_sinks.merged.append(record)
            return
        self.rs.sinks._route("Error", record)

    def stmt_PipelineAst(self, p: A.PipelineAst) -> Iterator[Any]:  # noqa: N802
        if p.background:
            yield self.rs.start_background_job(p)
            return
        els = p.elements
        if len(els) == 1 and type(els[0]) is A.CommandExpressionAst and not els[0].redirections:
            # fast path: a plain expression statement
            expr = els[0].expression
            if type(expr) is A.SubExpressionAst:
                out: list[Any] = []
                for stmt in expr.body.statements:
                    out.extend(self.exec_statement(stmt))
                if not out:
                    return  # $() is AutomationNull: no output at all
                value = single(out)
            else:
                value = self.eval(expr)
            if type(expr) is A.IncDecAst or (value is None and outputs_nothing(self, expr)):
                return
            if isinstance(value, (list, tuple)) or getattr(value, "PS_ENUMERABLE", False):
                yield from value
            elif value is not None or not is_void_expression(expr):
                yield value
            return
        from pyshell.engine.pipeline import run_pipeline

        yield from run_pipeline(self, p)

    def stmt_PipelineChainAst(self, c: A.PipelineChainAst) -> Iterator[Any]:  # noqa: N802
        if c.background:
            yield self.rs.start_background_job(c)
            return
        yield from self.exec_statement(c.left)
        ok = self.rs.success
        if (c.operator == "&&" and ok) or (c.operator == "||" and not ok):
            yield from self.exec_statement(c.right)

    def stmt_CommandAst(self, c: A.CommandAst) -> Iterator[Any]:  # noqa: N802
        from pyshell.engine.pipeline import run_pipeline

        yield from run_pipeline(self, A.PipelineAst(c.span, (c,)))

    def stmt_CommandExpressionAst(self, c: A.CommandExpressionAst) -> Iterator[Any]:  # noqa: N802
        from pyshell.engine.pipeline import run_pipeline

        yield from run_pipeline(self, A.PipelineAst(c.span, (c,)))

    def stmt_AssignmentAst(self, a: A.AssignmentAst) -> Iterator[Any]:  # noqa: N802
        compiled = compile_statement(a)
        assert compiled is not None
        compiled[1](self)
        return iter(())

    def statement_value(self, stmt: A.Statement) -> Any:
        """The value of a statement used as an expression (assignment RHS, parenthesised pipeline)."""
        if isinstance(stmt, A.PipelineAst) and len(stmt.elements) == 1 and not stmt.background:
            el = stmt.elements[0]
            if isinstance(el, A.CommandExpressionAst) and not el.redirections:
                return self.eval(el.expression)
        if isinstance(stmt, A.AssignmentAst):
            value = self.statement_value(stmt.value)
            self.assign(stmt.target, stmt.operator, value, stmt)
            if stmt.operator != "=" or type(stmt.target) in (A.ConvertAst, A.AttributedExpressionAst):
                return self.eval(stmt.target)  # ([bool]$v = 42) is the converted value
            if type(stmt.target) is A.VariableAst and self.rs.var_types:
                return self.eval(stmt.target)  # a type-constrained variable holds the converted value
            return value
        # a statement used as a value (a group, a condition, an assignment's right side) is part of the
        # enclosing statement: an error that terminates it (a command that is not found) terminates that
        # statement too (`Write-Output (nosuch) 'x'`, `if (nosuch) {} else {}`), unlike $( ) statement lists
        method = self._stmt_dispatch.get(type(stmt))
        if method is None:
            method = self._stmt_dispatch[type(stmt)] = getattr(self, "stmt_" + type(stmt).__name__)
        rs = self.rs
        rs.last_error_flag = False
        value = collect(method(stmt))
        rs.success = not rs.last_error_flag
        return value

    def assign(self, target: A.Expression, op: str, value: Any, node: A.Node) -> None:
        if op != "=":
            if type(target) is A.VariableAst and target.scope is None and not target.splat:
                # compound assignment does not use dynamic scoping: only the current scope's variable counts
                current = self.rs.scope.variables.get(target.name, None)
                if current is None and target.name.lower() in ("true", "false", "null"):
                    current = self.eval(target)
            else:
                current = self.eval(target)
            if op == "??=":
                if not is_null_like(current):  # DBNull and NullString count as null here
                    return
            else:
                value = binary_op(op[0] if op[0] != "-" else "-", current, value, set_matches=self._set_matches)
        if isinstance(target, A.ArrayLiteralAst):
            values = list(enumerate_value(value)) if isinstance(value, (list, tuple)) else [value]
            n = len(target.elements)
            for i, el in enumerate(target.elements):
                if i < n - 1:
                    self.assign(el, "=", values[i] if i < len(values) else None, node)
                else:
                    rest = values[i:]
                    self.assign(el, "=", rest[0] if len(rest) == 1 else (rest or None), node)
            return
        if isinstance(target, A.AttributedExpressionAst) or (
                isinstance(target, A.ConvertAst) and isinstance(target.operand, (A.AttributedExpressionAst, A.ConvertAst))):
            from pyshell.engine.varattrs import assign_attributed

            assign_attributed(self, target, value, node)
            return
        if isinstance(target, A.ConvertAst):
            value = convert_to(target.type_name, value)
            self.assign(target.operand, "=", value, node)
            if isinstance(target.operand, A.VariableAst):
                self.rs.set_variable_type(target.operand.name, target.type_name)
            return
        if isinstance(target, A.VariableAst):
            self.rs.assign_variable(target.name, target.scope, value)
            return
        if isinstance(target, A.MemberAst):
            obj = self.eval(target.target)
            key = self.eval(target.member)
            if not isinstance(key, str) and isinstance(obj, Hashtable) and not target.static:
                obj[key] = value  # `$h.1 = 'x'` sets the key 1
                return
            name = to_string(key)
            if target.static and isinstance(obj, TypeRef):
                from pyshell.engine.types import set_static_member

                set_static_member(obj, name, value)  # [CultureInfo]::CurrentCulture = 'de-DE'
                return
            if obj is None:
                raise RuntimeScriptError(f"The property '{name}' cannot be found on this object. Verify that the "
                                         f"property exists and can be set.", error_id="PropertyNotFound",
                                         category="InvalidOperation")
            try:
                if isinstance(obj, PSObject) and obj.base is None and name not in obj.properties:
                    raise AttributeError(name)  # a property bag gets new members only through Add-Member
                set_property(obj, name, value)
            except AttributeError:
                raise RuntimeScriptError(f"The property '{name}' cannot be found on this object. Verify that the "
                                         f"property exists and can be set.", error_id="PropertyAssignmentException",
                                         category="InvalidOperation") from None
            return
        if isinstance(target, A.IndexAst):
            obj = self.eval(target.target)
            idx = self.eval(target.index)
            if isinstance(obj, Hashtable):
                obj[idx] = value
                return
            if hasattr(obj, "ps_set_index"):
                obj.ps_set_index(idx, value)  # $md[1, 1] = 'd'
                return
            if isinstance(obj, list):
                i = int(to_number(idx))
                if not -len(obj) <= i < len(obj):
                    err = RuntimeScriptError("Index was outside the bounds of the array.",
                                             error_id="System.IndexOutOfRangeException", category="OperationStopped",
                                             reason="IndexOutOfRangeException")
                    err.ps_type_name = "System.IndexOutOfRangeException"
                    raise err
                obj[i] = value
                return
            if obj is None:
                raise RuntimeScriptError("Cannot index into a null array.", error_id="NullArray", category="InvalidOperation")
            try:
                set_property(obj, to_string(idx), value)
                return
            except AttributeError:
                pass
            raise RuntimeScriptError(f"Unable to index into an object of type {type(obj).__name__}.",
                                     error_id="CannotIndex", category="InvalidOperation")
        raise RuntimeScriptError("The assignment expression is not valid.", error_id="InvalidLeftHandSide")

    def stmt_IfAst(self, s: A.IfAst) -> Iterator[Any]:  # noqa: N802
        for cond, body in s.clauses:
            if to_bool(self.statement_value(cond)):
                yield from self.exec_block(body)
                return
        if s.else_block is not None:
            yield from self.exec_block(s.else_block)

    def _loop_body(self, body: A.StatementBlockAst, label: str | None) -> Iterator[Any]:
        """Run a loop body; returns normally on continue; raises BreakSignal to the loop."""
        try:
            yield from self.exec_block(body)
        except ContinueSignal as c:
            if c.label is not None and (label is None or c.label.lower() != label.lower()):
                raise

    def _is_mine(self, sig: BreakSignal, label: str | None) -> bool:
        return sig.label is None or (label is not None and sig.label.lower() == label.lower())

    def stmt_ForEachAst(self, s: A.ForEachAst) -> Iterator[Any]:  # noqa: N802
        rs = self.rs
        iterable: Any = range_operands(self, s.iterable)
        if iterable is not None:
            items: Any = iterable
        else:
            iterable = self.statement_value(s.iterable)
            items = [] if iterable is None else enumerate_value(iterable)
            if isinstance(iterable, Hashtable):
                items = iter([iterable])
        var = s.variable
        write = variable_writer(var.name, var.scope)
        steps = self.compiled_block(s.body)
        simple = steps is not None and all(kind for _, kind, _ in steps)
        out: list[Any] = []
        saved_foreach: Any = None
        uses_foreach = s.span is not None and "$foreach" in s.span.text().lower()
        if uses_foreach:
            # $foreach: the loop's enumerator; $foreach.MoveNext() in the body skips an item
            saved_foreach = rs.get_variable("foreach")
            items = _LoopEnumerator(iterable if type(iterable) is list else items)
            rs.set_local("foreach", items)
        try:
            yield from self._foreach_items(s, items, write, steps, simple, out)
        finally:
            if uses_foreach:
                rs.set_local("foreach", saved_foreach if saved_foreach is not MISSING else None)

    def _foreach_items(self, s: A.ForEachAst, items: Any, write: Any, steps: Any, simple: bool,
                       out: list[Any]) -> Iterator[Any]:
        rs = self.rs
        var = s.variable
        try:
            for item in items:
                if rs.stopping:
                    rs.check_stop()
                if write is not None:
                    write(self, item)
                else:
                    rs.assign_variable(var.name, var.scope, item)
                if not simple:
                    yield from self._loop_body(s.body, s.label)
                    continue
                try:
                    for stmt, kind, fn in steps:  # type: ignore[union-attr]
                        self.run_simple(stmt, kind, fn, out)
                        if out:
                            yield from out
                            out.clear()
                except ContinueSignal as c:
                    if c.label is not None and (s.label is None or c.label.lower() != s.label.lower()):
                        raise
        except BreakSignal as b:
            if not self._is_mine(b, s.label):
                raise

    def stmt_ForAst(self, s: A.ForAst) -> Iterator[Any]:  # noqa: N802
        if s.init is not None:
            yield from self._exec_discard_assign(s.init)
        try:
            while s.condition is None or to_bool(self.statement_value(s.condition)):
                self.rs.check_stop()
                yield from self._loop_body(s.body, s.label)
                if s.iterator is not None:
                    yield from self._exec_discard_assign(s.iterator)
        except BreakSignal as b:
            if not self._is_mine(b, s.label):
                raise

    def _exec_discard_assign(self, stmt: A.Statement) -> Iterator[Any]:
        """Run a for-loop initializer/iterator for its side effects only: pwsh discards its output."""
        if isinstance(stmt, A.PipelineAst) and len(stmt.elements) == 1 and isinstance(stmt.elements[0], A.CommandExpressionAst):
            expr = stmt.elements[0].expression
            if isinstance(expr, A.IncDecAst):
                self.eval(expr)
                return
        for _ in self.exec_statement(stmt):
            pass
        return
        yield  # pragma: no cover - keeps this a generator for the callers' `yield from`

    def stmt_WhileAst(self, s: A.WhileAst) -> Iterator[Any]:  # noqa: N802
        try:
            while to_bool(self.statement_value(s.condition)):
                self.rs.check_stop()
                yield from self._loop_body(s.body, s.label)
        except BreakSignal as b:
            if not self._is_mine(b, s.label):
                raise

    def stmt_DoWhileAst(self, s: A.DoWhileAst) -> Iterator[Any]:  # noqa: N802
        try:
            while True:
                self.rs.check_stop()
                yield from self._loop_body(s.body, s.label)
                c = to_bool(self.statement_value(s.condition))
                if c == s.until:
                    break
        except BreakSignal as b:
            if not self._is_mine(b, s.label):
                raise

    def _switch_file(self, given: str) -> str:
        """`switch -File path`: a wildcard path must match exactly one file (`./README.*`, `./Foo[0]`)."""
        from pyshell.engine.items import expand_wildcards, has_wildcard, unescape_wildcards

        path = self.rs.resolve_path(given)
        if not has_wildcard(path):
            return unescape_wildcards(path) if "`" in path else path
        matches = expand_wildcards(path)
        if not matches:
            raise RuntimeScriptError(f"No files matching '{path}' were found.", error_id="FileNotFound",
                                     category="NotSpecified")
        if len(matches) > 1:
            raise RuntimeScriptError("The path resolved to more than one file; can only process one file.",
                                     error_id="AmbiguousPath", category="NotSpecified")
        return matches[0]

    def stmt_SwitchAst(self, s: A.SwitchAst) -> Iterator[Any]:  # noqa: N802
        from pyshell.engine.operators import compile_regex, like

        if "file" in s.flags:
            path = self._switch_file(to_string(self.statement_value(s.value)))  # type: ignore[arg-type]
            try:
                with open(path, encoding="utf-8") as fh:
                    values: Any = fh.read().splitlines()
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                raise RuntimeScriptError(f"Cannot find path '{path}' because it does not exist.",
                                         error_id="PathNotFound", category="ObjectNotFound") from None
        else:
            v = self.statement_value(s.value) if s.value is not None else None
            values = list(enumerate_value(v)) if isinstance(v, (list, tuple)) else [v]
        cs = "casesensitive" in s.flags
        saved = self.rs.get_variable("_")
        saved_switch = self.rs.get_variable("switch")
        enumerator = Enumerator(values, "System.Array+SZArrayEnumerator")
        self.rs.set_local("switch", enumerator)
        try:
            while enumerator.MoveNext():
                value = enumerator.Current
                self.rs.set_local("_", value)
                matched = False
                try:
                    for clause in s.clauses:
                        if isinstance(clause.pattern, A.ScriptBlockExpressionAst):
                            ok = to_bool(single(self.rs.invoke(ScriptBlock(clause.pattern.block), dollar_under=value)))
                        else:
                            pat = self.eval(clause.pattern)  # type: ignore[arg-type]
                            if "regex" in s.flags:
                                m = compile_regex(pat, cs).search(to_string(value))
                                ok = m is not None
                                if m:
                                    from pyshell.engine.operators import _matches_table

                                    self._set_matches(_matches_table(m))
                            elif "wildcard" in s.flags:
                                ok = like(to_string(value), to_string(pat), cs)
                            else:
                                from pyshell.engine.conversions import ps_equals

                                if isinstance(value, str) or isinstance(pat, str):
                                    ok = ps_equals(to_string(value), to_string(pat), cs)
                                else:
                                    ok = ps_equals(value, pat, cs)
                        if ok:
                            matched = True
                            yield from self.exec_block(clause.body)
                    if not matched and s.default is not None:
                        yield from self.exec_block(s.default)
                except ContinueSignal as c:
                    if c.label is not None and (s.label is None or c.label.lower() != s.label.lower()):
                        raise
                    continue
        except BreakSignal as b:
            if not self._is_mine(b, s.label):
                raise
        finally:
            self.rs.set_local("_", saved if saved is not MISSING else None)
            self.rs.set_local("switch", saved_switch if saved_switch is not MISSING else None)

    def stmt_BreakAst(self, s: A.BreakAst) -> Iterator[Any]:  # noqa: N802
        raise BreakSignal(s.label)
        yield  # pragma: no cover

    def stmt_ContinueAst(self, s: A.ContinueAst) -> Iterator[Any]:  # noqa: N802
        raise ContinueSignal(s.label)
        yield  # pragma: no cover

    def stmt_ReturnAst(self, s: A.ReturnAst) -> Iterator[Any]:  # noqa: N802
        if s.value is not None:
            yield from self.exec_statement(s.value)
        raise ReturnSignal()

    def stmt_UsingStatementAst(self, s: A.UsingStatementAst) -> Iterator[Any]:  # noqa: N802
        if s.kind == "namespace":
            from pyshell.engine.types import add_using_namespace

            add_using_namespace(s.name)
        return iter(())

    def stmt_ExitAst(self, s: A.ExitAst) -> Iterator[Any]:  # noqa: N802
        code = 0
        if s.value is not None:
            v = self.statement_value(s.value)
            try:
                code = int(to_number(v))
            except PyshellError:
                code = 0
        raise ExitRequest(code)
        yield  # pragma: no cover

    def stmt_ThrowAst(self, s: A.ThrowAst) -> Iterator[Any]:  # noqa: N802
        if s.value is None:
            scope = self.rs.scope
            caught = next((rec for sc, rec in reversed(self._catching) if sc is scope), None)
            if caught is not None:  # `throw` alone in a catch block rethrows what it caught
                err = caught.error
                err.script_terminating = True  # type: ignore[attr-defined]
                raise err
        value = self.statement_value(s.value) if s.value is not None else None
        if isinstance(value, ErrorRecord):
            err = value.error
            err.script_terminating = True  # type: ignore[attr-defined]
            raise err
        from pyshell.engine.records import ExceptionInfo

        if isinstance(value, ExceptionInfo):
            e = _thrown_exception(value, s)
        else:
            msg = to_string(value) if value is not None else "ScriptHalted"
            e = RuntimeScriptError(msg, span=s.span, error_id=msg if value is not None else "ScriptHalted",
                                   category="OperationStopped", target=value, reason="RuntimeException")
        e.script_terminating = True  # type: ignore[attr-defined]
        # a RuntimeException (the one `throw` wraps around a message, or one a script made) records that a
        # throw statement raised it, and the error view then shows "Exception:"; a thrown .NET exception
        # object is its record's Exception itself and has no such flag (it shows as "OperationStopped:")
        thrown = getattr(e, "exception_object", None)
        was = thrown is None or "System.Management.Automation.RuntimeException" in thrown.PS_TYPE_NAMES
        e.was_thrown = was  # type: ignore[attr-defined]
        if was:
            for exc in (thrown, getattr(e.error_record, "Exception", None)):
                if isinstance(exc, ExceptionInfo):
                    exc.WasThrownFromThrowStatement = True
        if self.error_suppressed(e):
            return
        raise e
        yield  # pragma: no cover

    def stmt_TryAst(self, s: A.TryAst) -> Iterator[Any]:  # noqa: N802
        """try/catch/finally: the finally block runs however the try or catch block ends (an error no
        catch matches, an error inside a catch, break/continue/return, the consumer closing)."""
        try:
            try:
                yield from self._under_try(self.exec_block(s.body))
            except PyshellError as e:
                handler = self._find_catch(s, e)
                if handler is None:
                    raise
                yield from self._run_catch(handler, e)
        except GeneratorExit:
            if s.finally_block is not None:
                for _ in self.exec_block(s.finally_block):
                    pass
            raise
        except BaseException:
            if s.finally_block is not None:
                yield from self.exec_block(s.finally_block)
            raise
        if s.finally_block is not None:
            yield from self.exec_block(s.finally_block)

    def _run_catch(self, handler: A.CatchAst, e: PyshellError) -> Iterator[Any]:
        """A catch block, with $_ / $PSItem the error; a bare `throw` in it rethrows that error."""
        rs = self.rs
        record = error_record_from(e)
        if record not in rs.error_list:
            rs.add_error(record)
            rs.sinks.record_caught(record)  # a caught exception also lands in the -ErrorVariable of the commands
        saved = rs.get_variable("_")
        rs.set_local("_", record)
        rs.set_local("PSItem", record)
        entry = (rs.scope, record)
        self._catching.append(entry)
        try:
            yield from self.exec_block(handler.body)
        finally:
            # by identity, not pop(): pipeline stages interleave, so catch blocks need not end in LIFO order
            for i in range(len(self._catching) - 1, -1, -1):
                if self._catching[i] is entry:
                    del self._catching[i]
                    break
            rs.set_local("_", saved if saved is not MISSING else None)

    def _find_catch(self, s: A.TryAst, e: PyshellError) -> A.CatchAst | None:
        from pyshell.engine.types import is_instance

        record = error_record_from(e)
        exc = record.Exception
        inner = _exception_chain(exc, e)[1:]
        for c in s.catches:
            if not c.types:
                return c
            for t in c.types:
                if any(is_instance(x, t) for x in inner):
                    return c
                if is_instance(exc, t) or t.lower() in ("exception", "system.exception", "system.management.automation.runtimeexception"):
                    return c
        return None

    def stmt_TrapAst(self, s: A.TrapAst) -> Iterator[Any]:  # noqa: N802
        return iter(())

    def stmt_FunctionDefinitionAst(self, f: A.FunctionDefinitionAst) -> Iterator[Any]:  # noqa: N802
        sb = ScriptBlock(f.body)
        sb.is_filter = f.is_filter
        sb._runspace = self.rs
        name = f.name
        scope = self.rs.scope
        if ":" in name:
            qual, _, name = name.partition(":")
            if qual.lower() == "global":
                scope = scope.global_scope()
            elif qual.lower() == "script":
                scope = scope.script_scope()
        scope.functions[name] = FunctionInfo(name, sb, f.is_filter)
        return iter(())

    # -- expressions -----------------------------------------------------------------------
    def eval(self, e: A.Expression) -> Any:
        fn = e._compiled  # type: ignore[attr-defined]
        if fn is None:
            fn = compile_expr(e)
        return fn(self)

    def ex_ConstantAst(self, e: A.ConstantAst) -> Any:  # noqa: N802
        return e.value

    def ex_StringConstantAst(self, e: A.StringConstantAst) -> Any:  # noqa: N802
        return e.value

    def ex_ExpandableStringAst(self, e: A.ExpandableStringAst) -> Any:  # noqa: N802
        ofs = self.rs.get_variable("OFS")
        sep = " " if ofs is MISSING or ofs is None else to_string(ofs)
        out = []
        for p in e.parts:
            if isinstance(p, str):
                out.append(p)
            elif type(p) is A.VariableAst and self.strict_any:
                out.append(to_string(self._string_variable(p), sep))
            else:
                out.append(to_string(self.eval(p), sep))
        return "".join(out)

    def _string_variable(self, p: A.VariableAst) -> Any:
        """"$x" under strict mode: version 1 still expands an unset variable to nothing."""
        try:
            return self.eval(p)
        except RuntimeScriptError as err:
            from pyshell.engine.strict import strict_version

            if err.error_id == "VariableIsUndefined" and strict_version(self.rs) < 2:
                return None
            raise

    def ex_VariableAst(self, e: A.VariableAst) -> Any:  # noqa: N802
        return self.rs.read_variable(e.name, e.scope, e.span)

    def ex_ArrayLiteralAst(self, e: A.ArrayLiteralAst) -> Any:  # noqa: N802
        return [self.eval(x) for x in e.elements]

    def ex_ArrayExpressionAst(self, e: A.ArrayExpressionAst) -> Any:  # noqa: N802
        out: list[Any] = []
        for stmt in e.body.statements:
            for item in self.exec_statement(stmt):
                out.append(item)
        return out

    def ex_SubExpressionAst(self, e: A.SubExpressionAst) -> Any:  # noqa: N802
        return single(self.subexpression_items(e))

    def subexpression_items(self, e: A.SubExpressionAst) -> list[Any]:
        """What $( ... ) outputs; a `return` inside it still lets the function output it."""
        out: list[Any] = []
        try:
            for stmt in e.body.statements:
                out.extend(self.exec_statement(stmt))
        except ReturnSignal as r:
            r.pending = (*out, *r.pending)  # the function still outputs what the subexpression wrote
            raise
        return out

    def ex_ParenExpressionAst(self, e: A.ParenExpressionAst) -> Any:  # noqa: N802
        return self.statement_value(e.pipeline)

    def ex_HashtableAst(self, e: A.HashtableAst) -> Any:  # noqa: N802
        h: Hashtable = OrderedHashtable() if e.ordered else Hashtable()
        for k, v in e.pairs:
            key = self.eval(k)
            if key in h:
                raise RuntimeScriptError(f"Duplicate keys '{to_string(key)}' are not allowed in hash literals.",
                                         error_id="DuplicateKeyInHashLiteral", category="ParserError", span=k.span)
            h[key] = self.statement_value(v)
        return h

    def ex_ScriptBlockExpressionAst(self, e: A.ScriptBlockExpressionAst) -> Any:  # noqa: N802
        sb = ScriptBlock(e.block, file=e.span.file)
        rs = self.rs
        sb._runspace = rs
        if getattr(rs, "_ps_module_table", None) is not None:
            from pyshell.engine.modules import current_module

            module = current_module(rs)
            if module is not None:
                sb.module_scope = module.scope  # a block made by module code belongs to the module
        return sb

    def _set_matches(self, table: Any) -> None:
        self.rs.set_local("Matches", table)

    def _invoke_for_operator(self, sb: Any, dollar_under: Any) -> Any:
        return single(self.rs.invoke(sb, dollar_under=dollar_under))

    def ex_BinaryAst(self, e: A.BinaryAst) -> Any:  # noqa: N802
        op = e.operator
        if op == "-and":
            return to_bool(self.eval(e.left)) and to_bool(self.eval(e.right))
        if op == "-or":
            return to_bool(self.eval(e.left)) or to_bool(self.eval(e.right))
        if op == "??":
            left = self.eval(e.left)
            return self.eval(e.right) if is_null_like(left) else left
        if op in ("-is", "-isnot") and is_null_variable(e.right):
            return is_null_like(self.eval(e.left)) == (op == "-is")
        return self.binary(e, self.eval(e.left), self.eval(e.right))

    def binary(self, e: A.BinaryAst, left: Any, right: Any) -> Any:
        """A binary operator other than -and, -or and ?? on evaluated operands."""
        op = e.operator
        tl, tr = type(left), type(right)
        if (tl is int or tl is float) and (tr is int or tr is float):
            # fast path: arithmetic and comparison on plain numbers
            if op == "+" or op == "*" or op == "-":
                r = left + right if op == "+" else left * right if op == "*" else left - right
                if type(r) is float or -2147483648 <= r <= 2147483647:
                    return r
                return binary_op(op, left, right, set_matches=self._set_matches, invoke=self._invoke_for_operator)
            if op == "-eq":
                return left == right
            if op == "-lt":
                return left < right
            if op == "-gt":
                return left > right
            if op == "-le":
                return left <= right
            if op == "-ge":
                return left >= right
            if op == "-ne":
                return left != right
        if tl is Enumerator and op not in _NO_ENUMERATE_OPS:
            left = list(left)  # `$input -replace 'a','b'`: operators work on the items an enumerator yields
        if tr is Enumerator and op in ("-in", "-notin", "-cin", "-cnotin", "-iin", "-inotin"):
            right = list(right)
        try:
            return binary_op(op, left, right, set_matches=self._set_matches, invoke=self._invoke_for_operator)
        except PyshellError as err:
            if err.span is None:
                err.span = e.span
            raise

    def ex_TernaryAst(self, e: A.TernaryAst) -> Any:  # noqa: N802
        return self.eval(e.if_true) if to_bool(self.eval(e.condition)) else self.eval(e.if_false)

    def ex_UnaryAst(self, e: A.UnaryAst) -> Any:  # noqa: N802
        return unary_op(e.operator, self.eval(e.operand))

    def ex_IncDecAst(self, e: A.IncDecAst) -> Any:  # noqa: N802
        old = self.eval(e.operand)
        new = increment(old, 1 if e.operator == "++" else -1)
        self.assign(e.operand, "=", new, e)
        return new if e.prefix else old

    def ex_TypeAst(self, e: A.TypeAst) -> Any:  # noqa: N802
        return TypeRef(e.type_name)

    def ex_AttributedExpressionAst(self, e: A.AttributedExpressionAst) -> Any:  # noqa: N802
        return self.eval(e.operand)  # attributes only matter on an assigned variable

    def ex_ConvertAst(self, e: A.ConvertAst) -> Any:  # noqa: N802
        if e.type_name.lower() in ("ref", "system.management.automation.psreference"):
            from pyshell.engine.psref import make_reference, variable_reference

            if isinstance(e.operand, A.VariableAst):
                return variable_reference(self.rs, e.operand.name, e.operand.scope)  # [ref]$x: the variable itself
            return make_reference(self.eval(e.operand))  # [ref]5: a reference to a value
        value = self.eval(e.operand)
        if isinstance(value, (list, tuple)) and e.type_name.lower() in ("string", "system.string"):
            ofs = self.rs.get_variable("OFS")
            if ofs is not MISSING and ofs is not None:
                return to_string(value, to_string(ofs))
        try:
            return convert_to(e.type_name, value)
        except PyshellError as err:
            if err.span is None:
                err.span = e.span
            if err.reason is None and err.error_id.startswith("InvalidCast"):
                # a cast in a script: a RuntimeException wrapping the PSInvalidCastException,
                # InvalidArgument: (:) [], RuntimeException
                err.reason = "RuntimeException"
                if getattr(err, "inner_type", None) is None:
                    err.inner_type = err.ps_type_name  # type: ignore[attr-defined]
                    err.ps_type_name = PyshellError.ps_type_name
            raise

    def ex_MemberAst(self, e: A.MemberAst) -> Any:  # noqa: N802
        target = self.eval(e.target)
        key = self.eval(e.member)
        if not isinstance(key, str) and isinstance(target, Hashtable) and not e.static:
            try:
                if key in target:  # a dynamic member on a dictionary is a key lookup (`$h.1`, `$h.$n`)
                    return target[key]
            except TypeError:
                pass
        name = to_string(key)
        if e.static:
            if isinstance(target, TypeRef):
                return static_member(target, name)
            return None
        if self.strict_any and not (target is None and e.null_conditional):
            from pyshell.engine.strict import strict_get_member

            try:
                return strict_get_member(self.rs, target, name)
            except PyshellError as err:
                if err.span is None:
                    err.span = e.span
                raise
        if target is None:
            return 0 if name.lower() in ("count", "length") and not e.null_conditional else None
        return get_member(target, name)

    def ex_InvokeMemberAst(self, e: A.InvokeMemberAst) -> Any:  # noqa: N802
        target = self.eval(e.target)
        name = to_string(self.eval(e.member))
        args = [self.eval(a) for a in e.arguments]
        try:
            if e.static:
                if not isinstance(target, TypeRef):
                    raise RuntimeScriptError(f"Unable to find type [{to_string(target)}].", error_id="TypeNotFound")
                return call_static(target, name, args)
            if target is None and e.null_conditional:
                return None
            return invoke_method(target, name, args, self._invoke_method_sb)
        except PyshellError as err:
            if err.span is None:
                err.span = e.span
            raise
        except (ValueError, TypeError, IndexError, KeyError, OSError, OverflowError) as err:
            raise RuntimeScriptError(f'Exception calling "{name}" with "{len(args)}" argument(s): "{err}"',
                                     error_id="MethodInvocationException", span=e.span,
                                     reason="MethodInvocationException") from err

    def _invoke_method_sb(self, sb: Any, args: list[Any], dollar_under: Any) -> list[Any]:
        return self.rs.invoke(sb, args=args, dollar_under=dollar_under)

    def ex_IndexAst(self, e: A.IndexAst) -> Any:  # noqa: N802
        target = self.eval(e.target)
        idx = self.eval(e.index)
        if target is None:
            if e.null_conditional:
                return None
            raise RuntimeScriptError("Cannot index into a null array.", error_id="NullArray", category="InvalidOperation",
                                     span=e.span)
        if self.strict_any and isinstance(target, (list, tuple, str)) and not isinstance(idx, list):
            self._strict_index(target, idx, e)
        if type(e.index) is A.ConvertAst and isinstance(target, OrderedHashtable) and \
                e.index.type_name.lower() in ("object", "system.object", "psobject"):
            return target.get(idx)  # `$d[[object]1]`: the Item(object key) overload, a key lookup
        return index_value(target, idx)

    def _strict_index(self, target: Any, idx: Any, e: A.IndexAst) -> None:
        """Strict mode 3: an index that is not a number, or past either end, is an error."""
        from pyshell.engine.strict import index_out_of_range, strict_version

        if strict_version(self.rs) < 3:
            return
        try:
            i = convert_to("System.Int32", idx)
        except PyshellError as err:
            if err.span is None:
                err.span = e.span
            raise
        if not -len(target) <= i < len(target):
            raise index_out_of_range(e.span)


def _thrown_exception(value: Any, s: A.ThrowAst) -> PyshellError:
    """`throw <exception>`: an engine exception rethrown keeps its own error record (and id); a
    RuntimeException a script made gets id RuntimeException; any other gets a new record whose id is its
    message, category OperationStopped, and whose Exception is it."""
    record = getattr(value, "ErrorRecord", None)
    if isinstance(record, ErrorRecord) and record.Exception is value \
            and value.type_name.startswith("System.Management.Automation."):
        return record.error  # type: ignore[no-any-return]
    engine_made = "System.Management.Automation.RuntimeException" in getattr(value, "PS_TYPE_NAMES", ())
    e = RuntimeScriptError(value.Message, span=s.span, error_id="RuntimeException" if engine_made else value.Message,
                           category="NotSpecified" if engine_made else "OperationStopped",
                           reason=value.type_name.rsplit(".", 1)[-1])
    e.ps_type_name = value.type_name
    e.exception_object = value  # type: ignore[attr-defined]
    return e


def outputs_nothing(ev: Evaluator, expr: A.Expression) -> bool:
    """Whether an expression whose value is $null writes nothing: AutomationNull::Value, or a variable
    holding AutomationNull (`$v = <a command with no output>`)."""
    if type(expr) is A.VariableAst:
        return ev.anull_any and expr.scope is None and ev.rs.scope.holds_automation_null(expr.name)
    return is_automation_null_expr(expr)


def is_void_expression(expr: A.Expression) -> bool:
    """Expressions whose $null result is no output at all: void method calls and [void] casts."""
    if isinstance(expr, A.InvokeMemberAst):
        return True
    if isinstance(expr, A.IncDecAst):
        return True
    return isinstance(expr, A.ConvertAst) and expr.type_name.lower() in ("void", "system.void")


def index_value(target: Any, idx: Any) -> Any:
    if type(target) is not list and hasattr(target, "ps_index"):
        return target.ps_index(idx)  # $md[1, 1], $tuple[0]
    if isinstance(idx, str) and "Item" in getattr(target, "PS_METHODS", ()) and not isinstance(target, Hashtable):
        # collections indexed by name: $o.PSObject.Properties['a']
        return target.Item(idx)
    if isinstance(target, Hashtable):
        if isinstance(idx, list):
            return [index_value(target, i) for i in idx]
        if type(idx) is int and isinstance(target, OrderedHashtable):
            # OrderedDictionary's Item(int index) overload: an int picks the entry at that position
            values = list(target.values())
            return values[idx] if 0 <= idx < len(values) else None
        return target.get(idx)
    if isinstance(target, PSObject) and not isinstance(idx, (int, list)):
        return get_member(target, to_string(idx))
    if isinstance(target, (list, tuple, str)):
        if idx is None:
            raise RuntimeScriptError("Index operation failed; the array index evaluated to null.",
                                     error_id="NullArrayIndex", category="InvalidOperation")
        if isinstance(idx, list):
            out = []
            for i in idx:
                v = index_value(target, i)
                if v is not None:
                    out.append(v)
            return out
        try:
            i = int(to_number(idx))
        except PyshellError:
            return None  # $a['abc'] outside strict mode 3: no such element
        if -len(target) <= i < len(target):
            return PSChar(target[i]) if isinstance(target, str) else target[i]
        return None
    if isinstance(idx, int) and not isinstance(idx, bool):
        # any scalar indexes like a one-element array
        return target if idx in (0, -1) else None
    v = get_member(target, to_string(idx))
    return v


_ = os
