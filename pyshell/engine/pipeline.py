"""Pipelines: resolve each element to a stage (cmdlet, function, script, native command,
expression) and chain them as generators so objects stream one at a time."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pyshell.engine.binder import (
    NO_VALUE,
    Argument,
    Binder,
    BoundCall,
    EndOfParameters,
    ParameterToken,
    literal_text,
)
from pyshell.engine.cmdlet import Cmdlet, Param, StopUpstream
from pyshell.engine.compiler import range_operands, simple_expression
from pyshell.engine.conversions import to_string
from pyshell.engine.defaultparams import apply_default_parameter_values
from pyshell.engine.objects import MISSING, Enumerator, Hashtable, PSChar, PSObject, enumerate_value
from pyshell.engine.scriptblock import FunctionInfo, ScriptBlock
from pyshell.engine.streams import StreamSinks
from pyshell.errors import (
    CommandNotFoundError,
    ExitRequest,
    ParameterBindingError,
    PyshellError,
    RuntimeScriptError,
)
from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.engine.evaluator import Evaluator

__all__ = ["run_pipeline", "Stage", "script_params"]

_VALUE_TYPE_DEFAULTS: dict[str, Any] = {
    "int": 0, "int32": 0, "system.int32": 0, "long": 0, "int64": 0, "system.int64": 0, "byte": 0, "short": 0,
    "double": 0.0, "system.double": 0.0, "float": 0.0, "single": 0.0, "decimal": 0.0,
    "string": "", "system.string": "", "bool": False, "boolean": False, "system.boolean": False,
}
_COMMON_STREAM_PREFS = {"ErrorAction": "Error", "WarningAction": "Warning", "InformationAction": "Information",
                        "ProgressAction": "Progress"}
_VAR_STREAMS = {"ErrorVariable": "Error", "WarningVariable": "Warning", "InformationVariable": "Information"}


class Stage:
    """One element of a pipeline."""

    name = ""
    sinks: StreamSinks | None = None  #: own stream routing when the element has redirections or common params
    out_file: tuple[str, bool] | None = None
    out_variable: str | None = None  #: -OutVariable name ("+name" appends)
    pipeline_variable: str | None = None  #: -PipelineVariable: holds the object this element last passed on
    failed = False  #: $PSCmdlet.WriteError() was called: the pipeline's $? is False

    def begin(self) -> list[Any]:
        return []

    def run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        raise NotImplementedError

    def cleanup(self) -> None:
        """After the pipeline ends, however it ends (a function's `clean {}` block)."""


def run_pipeline(ev: Evaluator, pipe: A.PipelineAst, input_items: Iterator[Any] | None = None) -> Iterator[Any]:
    """Run a pipeline, yielding what its last element outputs."""
    rs = ev.rs
    stages: list[Stage] = []
    for i, el in enumerate(pipe.elements):
        stages.append(_make_stage(ev, el, first=(i == 0), expecting_input=(i > 0 or input_items is not None),
                                  last=(i == len(pipe.elements) - 1)))
    if len(stages) > 1 and _collecting_variables(rs.sinks):
        for st in stages[:-1]:
            if st.sinks is None:
                st.sinks = StreamSinks(rs, rs.sinks)
            st.sinks.variables_stop = True
    cleans = [st for st in stages if type(st).cleanup is not Stage.cleanup]
    if cleans:
        try:
            yield from _run_stages(rs, stages, input_items)
        finally:
            for st in cleans:
                st.cleanup()
        return
    yield from _run_stages(rs, stages, input_items)


def _run_stages(rs: Any, stages: list[Stage], input_items: Iterator[Any] | None) -> Iterator[Any]:
    begun: list[list[Any]] = []
    for st in stages:
        begun.append(_with_sinks(rs, st, lambda st=st: st.begin()))
    upstream: Iterator[Any] | None = input_items
    for st, pre in zip(stages, begun, strict=True):
        upstream = _wrap(rs, st, pre, upstream)
    assert upstream is not None
    try:
        yield from upstream
    finally:
        close = getattr(upstream, "close", None)
        if close is not None:
            close()
        # a command that wrote a non-terminating error fails the pipeline ($? False, `&&` stops), even when
        # statements ran after it (a script block downstream, the function's later process calls)
        if any(st.failed or getattr(getattr(st, "instance", None), "failed", False) for st in stages):
            rs.last_error_flag = True


def _collecting_variables(sinks: StreamSinks | None) -> bool:
    """Whether an enclosing command has -ErrorVariable/-WarningVariable/-InformationVariable lists."""
    while sinks is not None:
        if sinks.variables:
            return True
        sinks = sinks.parent
    return False


def _with_sinks(rs: Any, st: Stage, fn: Any) -> list[Any]:
    if st.sinks is None:
        return list(fn())
    saved = rs.sinks
    rs.sinks = st.sinks
    try:
        return list(fn())
    finally:
        rs.sinks = saved


def _wrap(rs: Any, st: Stage, pre: list[Any], upstream: Iterator[Any] | None) -> Iterator[Any]:
    gen = _chain(pre, st.run(upstream)) if pre else st.run(upstream)
    if st.sinks is None and st.out_file is None and st.out_variable is None and st.pipeline_variable is None:
        return gen
    return _routed(rs, st, gen)


def _take_common_variables(ev: Evaluator, st: Stage, common: dict[str, Any]) -> None:
    """-OutVariable and -PipelineVariable of a command (a cmdlet or an advanced function)."""
    from pyshell.engine.generics import ListObject

    if "OutVariable" in common:
        st.out_variable = to_string(common["OutVariable"])
        if not st.out_variable.startswith("+"):
            ev.rs.set_variable(st.out_variable, ListObject([], array_list=True))
    if "PipelineVariable" in common:
        st.pipeline_variable = to_string(common["PipelineVariable"])
        ev.rs.set_variable(st.pipeline_variable, None)


def _store_out_variable(rs: Any, raw: str, items: list[Any]) -> None:
    """-OutVariable: an ArrayList of what the command wrote; `+name` adds to what the variable holds."""
    from pyshell.engine.generics import ListObject

    name = raw.lstrip("+")
    result = ListObject([], array_list=True)
    if raw.startswith("+"):
        old = rs.get_variable(name)
        if old is not MISSING and old is not None:
            result.extend(old if isinstance(old, list) else [old])
    result.extend(items)
    rs.set_variable(name, result)


def _chain(pre: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from pre
    yield from rest


def _routed(rs: Any, st: Stage, gen: Iterator[Any]) -> Iterator[Any]:
    """Resume the stage with its own sinks current; merge 2>&1 records; write `> file`."""
    sinks = st.sinks
    captured: list[Any] = []
    out_var: list[Any] = []
    try:
        while True:
            saved = rs.sinks
            if sinks is not None:
                rs.sinks = sinks
            try:
                item = next(gen)
            except StopIteration:
                break
            finally:
                rs.sinks = saved
            if sinks is not None:
                while sinks.merged:
                    rec = sinks.merged.popleft()
                    if st.out_file is not None:
                        captured.append(rec)
                    else:
                        yield rec
            if st.out_variable is not None:
                out_var.append(item)
            if st.out_file is not None:
                captured.append(item)
            else:
                if st.pipeline_variable is not None:
                    rs.set_variable(st.pipeline_variable, item)
                yield item
        if sinks is not None:
            while sinks.merged:
                rec = sinks.merged.popleft()
                if st.out_file is not None:
                    captured.append(rec)
                else:
                    yield rec
    finally:
        if st.out_variable is not None:
            _store_out_variable(rs, st.out_variable, out_var)
        if st.pipeline_variable is not None:
            rs.set_variable(st.pipeline_variable, None)
        if st.out_file is not None:
            path, append = st.out_file
            if path is not None:
                _write_redirect(rs, path, append, captured)
        if sinks is not None:
            for stream, records in sinks.to_file.items():
                if stream in sinks.file_targets:  # type: ignore[attr-defined]
                    p, app = sinks.file_targets[stream]  # type: ignore[attr-defined]
                    _write_redirect(rs, p, app, records)


def _write_redirect(rs: Any, path: str, append: bool, items: list[Any]) -> None:
    """`> file`: render like the console (Out-File) and write it in one go."""
    from pyshell.engine.records import InformationalRecord
    from pyshell.formatting import OutDefault
    from pyshell.formatting.ps1xml import session_views

    out = OutDefault(120, registry=session_views(rs))
    # a warning/verbose/debug record is written as its message: the WARNING: prefix is the console's
    items = [x.Message if isinstance(x, InformationalRecord) else x for x in items]
    text = "".join(out.feed(x) for x in items) + out.finish()
    full = rs.resolve_path(path)
    try:
        parent = os.path.dirname(full)
        if parent and not os.path.isdir(parent):
            raise RuntimeScriptError(f"Could not find a part of the path '{full}'.", error_id="FileOpenFailure",
                                     category="OpenError", reason="DirectoryNotFoundException")
        if append:
            with open(full, "a", encoding="utf-8") as fh:
                fh.write(text)
        else:
            tmp = f"{full}.pyshell-tmp-{os.getpid()}"
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, full)
    except OSError as e:
        raise RuntimeScriptError(f"Could not open file '{full}': {e.strerror}.", error_id="FileOpenFailure",
                                 category="OpenError") from e


# -- building stages -----------------------------------------------------------------------

def _make_stage(ev: Evaluator, el: A.Statement, first: bool, expecting_input: bool, last: bool) -> Stage:
    if isinstance(el, A.CommandExpressionAst):
        if not first:
            raise RuntimeScriptError("Expressions are only allowed as the first element of a pipeline.",
                                     error_id="ExpressionsMustBeFirstInPipeline", category="ParserError", span=el.span)
        stage: Stage = ExpressionStage(ev, el.expression)
        _apply_redirections(ev, stage, el.redirections)
        return stage
    assert isinstance(el, A.CommandAst)
    name_node = el.elements[0]
    target: Any
    if el.invocation is not None:
        target = ev.eval(name_node)  # type: ignore[arg-type]
    else:
        target = ev.eval(name_node)  # type: ignore[arg-type]
    if ev.strict_any and _called_as_method(el):
        from pyshell.engine.strict import function_called_as_method, strict_version

        if strict_version(ev.rs) >= 2:
            raise function_called_as_method(el.span)
    args = _evaluate_arguments(ev, el.elements[1:])
    stage = resolve_stage(ev, target, args, el, expecting_input=expecting_input, last=last,
                          dot_source=el.invocation == ".")
    _apply_redirections(ev, stage, el.redirections)
    return stage


def _called_as_method(el: A.CommandAst) -> bool:
    """`f(1,2)`: the only argument is a parenthesised array right after the name (strict mode 2 rejects it)."""
    if len(el.elements) != 2 or type(el.elements[1]) is not A.ParenExpressionAst:
        return False
    name, paren = el.elements[0], el.elements[1]
    return (type(simple_expression(paren.pipeline)) is A.ArrayLiteralAst  # type: ignore[attr-defined]
            and name.span is not None and paren.span is not None and name.span.end == paren.span.start)


def _evaluate_arguments(ev: Evaluator, elements: tuple[A.Node, ...]) -> list[Argument]:
    args: list[Argument] = []
    end_of_params = False
    for node in elements:
        if not end_of_params and type(node) is A.StringConstantAst and node.kind == "bare" and node.value == "--":
            # `--`: what follows is never a parameter name; the token itself reaches native commands only
            end_of_params = True
            args.append(Argument(None, EndOfParameters("--")))
            continue
        if end_of_params and isinstance(node, A.CommandParameterAst):
            args.append(Argument(None, node.text or "-" + node.name))
            if node.argument is not None:
                args.append(Argument(None, ev.eval(node.argument)))
            continue
        if isinstance(node, A.CommandParameterAst):
            value = NO_VALUE if node.argument is None else ev.eval(node.argument)
            args.append(Argument(node.name, value, node.text, node.argument is not None,
                                 token_text=literal_text(node.argument)))
        elif (isinstance(node, A.VariableAst) and node.splat) or isinstance(node, A.SplatExpressionAst):
            value = ev.eval(node.expression) if isinstance(node, A.SplatExpressionAst) \
                else ev.rs.read_variable(node.name, node.scope, node.span)
            if isinstance(value, Hashtable):
                for k, v in value.items():
                    args.append(Argument(to_string(k), v, "-" + to_string(k), True, splatted=True))
            elif isinstance(value, (list, tuple)):
                args.extend(_splatted_array(value))
            elif value is not None:
                args.append(Argument(None, value))
        elif type(node) is A.StringConstantAst and node.kind in ("stopparsing", "verbatim"):
            from pyshell.engine.nativeargs import StopParsingToken, VerbatimArgument

            args.append(Argument(None, (StopParsingToken if node.kind == "stopparsing" else VerbatimArgument)(node.value)))
        elif type(node) is A.SubExpressionAst:
            from pyshell.engine.evaluator import single

            items = ev.subexpression_items(node)
            args.append(Argument(None, single(items), nothing=not items))
        else:
            value = ev.eval(node)  # type: ignore[arg-type]
            args.append(Argument(None, value, comma=type(node) is A.ArrayLiteralAst, token_text=literal_text(node)))
    return args


def _splatted_array(values: list[Any] | tuple[Any, ...]) -> list[Argument]:
    """@args: the `-Name` tokens a simple function received stay parameter names when passed on."""
    out: list[Argument] = []
    i = 0
    while i < len(values):
        v = values[i]
        if isinstance(v, ParameterToken):
            if v.colon and i + 1 < len(values):
                out.append(Argument(v.name, values[i + 1], str(v), True))
                i += 2
                continue
            out.append(Argument(v.name, NO_VALUE, str(v)))
        else:
            out.append(Argument(None, v))
        i += 1
    return out


def _apply_redirections(ev: Evaluator, stage: Stage, redirs: tuple[A.RedirectionAst, ...]) -> None:
    if not redirs:
        return
    rs = ev.rs
    sinks = stage.sinks or StreamSinks(rs, rs.sinks)
    stage.sinks = sinks
    sinks.file_targets = {}  # type: ignore[attr-defined]
    for r in redirs:
        streams = ["2", "3", "4", "5", "6"] if r.from_stream == "*" else [r.from_stream]
        if r.from_stream == "*":
            streams_out = True
        else:
            streams_out = r.from_stream == "1"
        names = [_STREAM_NAME[s] for s in streams if s != "1"]
        if r.to_stream == "1":
            sinks.to_output.update(names)
            continue
        target = None
        is_null = isinstance(r.target, A.VariableAst) and r.target.name.lower() == "null"
        if not is_null and r.target is not None:
            target = to_string(ev.eval(r.target))
        if streams_out:
            if is_null:
                stage.out_file = (None, False)  # type: ignore[assignment]
            else:
                stage.out_file = (target, r.append)  # type: ignore[assignment]
        for n in names:
            if is_null:
                sinks.to_null.add(n)
            else:
                sinks.to_file[n] = []
                sinks.file_targets[n] = (target, r.append)  # type: ignore[attr-defined]


_STREAM_NAME = {"2": "Error", "3": "Warning", "4": "Verbose", "5": "Debug", "6": "Information"}


def resolve_stage(ev: Evaluator, target: Any, args: list[Argument], node: A.Node, *, expecting_input: bool,
                  last: bool, dot_source: bool = False) -> Stage:
    """Turn a command name (or script block, or CommandInfo) and its arguments into a stage."""
    rs = ev.rs
    if getattr(target, "module_call", None) is not None and args and args[0].name is None:
        target, args = target.module_call(args)  # `& $module cmd args`: run cmd in the module's scope
    if isinstance(target, ScriptBlock):
        return ScriptStage(ev, target, args, "", expecting_input, new_scope=not dot_source, node=node)
    if isinstance(target, FunctionInfo):
        return ScriptStage(ev, target.ScriptBlock, args, target.Name, expecting_input, node=node, function=target)
    cmdlet_cls = target if isinstance(target, type) and issubclass(target, Cmdlet) else None
    if cmdlet_cls is None and hasattr(target, "ps_command_class"):
        cmdlet_cls = target.ps_command_class
    if cmdlet_cls is not None:
        return CmdletStage(ev, cmdlet_cls, args, cmdlet_cls.name, expecting_input, node)
    name = to_string(target)
    resolved = rs.resolve_command(name)
    if resolved is None:
        raise CommandNotFoundError(
            f"The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable "
            f"program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct "
            f"and try again.", target=name, span=node.span, reason="CommandNotFoundException",
            command=getattr(node, "invocation", None) or name)  # `& 'x'`: the error is the call operator's
    kind, value = resolved
    if kind == "cmdlet":
        return CmdletStage(ev, value, args, name, expecting_input, node)
    if kind == "function":
        return ScriptStage(ev, value.ScriptBlock, args, value.Name, expecting_input, node=node, dot=dot_source,
                           function=value, invocation_name=name)
    if kind == "script":
        sb = rs.load_script_file(value)
        return ScriptStage(ev, sb, args, value, expecting_input, new_scope=not dot_source, node=node, is_script=True,
                           invocation_name=name, catch_exit=True)
    from pyshell.engine.native import NativeStage
    from pyshell.engine.nativeargs import native_arguments

    return NativeStage(ev, value, native_arguments(args), expecting_input, last, node)


# -- stage kinds ---------------------------------------------------------------------------

class ExpressionStage(Stage):
    def __init__(self, ev: Evaluator, expr: A.Expression) -> None:
        self.ev = ev
        self.expr = expr

    def run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        from pyshell.engine.evaluator import is_void_expression, outputs_nothing

        if type(self.expr) is A.BinaryAst and self.expr.operator == "..":
            # `1..N | ...` streams the range instead of building the array first
            pipe = A.PipelineAst(self.expr.span, (A.CommandExpressionAst(self.expr.span, self.expr, ()),))
            lazy = range_operands(self.ev, pipe)
            if lazy is not None:
                yield from lazy
                return
            chars = self.ev.eval(self.expr)
            if isinstance(chars, list) and all(type(c) is PSChar for c in chars):
                yield from (str.__str__(c) for c in chars)  # 'A'..'E' | ...: piped, a char range gives strings
                return
            yield from (chars if isinstance(chars, list) else [chars])
            return
        expr = self.expr
        if type(expr) is A.SubExpressionAst or (type(expr) is A.ParenExpressionAst and type(expr.pipeline) is A.PipelineAst
                                                and simple_expression(expr.pipeline) is None):
            # $(...) / (command): what the statements wrote; nothing written is AutomationNull, no input at all
            if type(expr) is A.SubExpressionAst:
                if not expr.body.statements:
                    yield None  # an empty `$()` pipes one $null (PowerShell's Parser tests)
                    return
                out = self.ev.subexpression_items(expr)
            else:
                out = list(self.ev.exec_statement(expr.pipeline))
            if not out:
                return
            value = out[0] if len(out) == 1 else out
        else:
            value = self.ev.eval(expr)
        if (value is None and (is_void_expression(self.expr) or outputs_nothing(self.ev, self.expr))) \
                or isinstance(self.expr, A.IncDecAst):
            return  # AutomationNull (and a void call) sends nothing down the pipeline
        if isinstance(value, (list, tuple)):
            yield from value
        else:
            yield from enumerate_value(value)


def _is_null_literal(expr: A.Expression) -> bool:
    return isinstance(expr, A.VariableAst) and expr.name.lower() == "null"


def _reject_reserved_actions(common: dict[str, Any], command: str) -> None:
    """-ErrorAction/-WarningAction Suspend: pwsh's setters refuse the value reserved for workflows."""
    for pname in ("ErrorAction", "WarningAction"):
        if pname in common and to_string(common[pname]).lower() == "suspend":
            raise ParameterBindingError(
                f"Cannot bind parameter '{pname}' to the target. Exception setting \"{pname}\": \"The Suspend "
                "ActionPreference value is reserved for future use and is not supported at this time. For more "
                "information about preference variables, see the Help topic, \"about_Preference_Variables.\"\"",
                error_id="ParameterBindingFailed", category="InvalidArgument", command=command)


def _common_sinks(ev: Evaluator, common: dict[str, Any]) -> StreamSinks | None:
    if not common:
        return None
    sinks = StreamSinks(ev.rs, ev.rs.sinks)
    for pname, stream in _COMMON_STREAM_PREFS.items():
        if pname in common:
            sinks.overrides[stream] = to_string(common[pname])
    if common.get("Verbose") is True:
        sinks.overrides["Verbose"] = "Continue"
    elif "Verbose" in common:
        sinks.overrides["Verbose"] = "SilentlyContinue"
    if common.get("Debug") is True:
        sinks.overrides["Debug"] = "Continue"
    for pname, stream in _VAR_STREAMS.items():
        if pname in common:
            raw = to_string(common[pname])
            append = raw.startswith("+")
            name = raw.lstrip("+")
            # the list is made here, in the caller's scope; records are added to that very list
            # (so `script:x` and names of the caller's scope work from inside a function too)
            lst: list[Any] = []
            if append:
                old = _read_qualified(ev.rs, name)
                if isinstance(old, list):
                    lst = old
                elif old is not MISSING and old is not None:
                    lst = [old]
            ev.rs.set_variable(name, lst)
            sinks.variables[stream] = (name, append)
            sinks.variable_lists[stream] = lst
    return sinks


def _read_qualified(rs: Any, name: str) -> Any:
    """A variable's value from a name that may carry a scope (`script:x`); MISSING when unset."""
    qualifier, colon, bare = name.partition(":")
    if colon and qualifier.lower() in ("global", "script", "local"):
        scope = rs.global_scope if qualifier.lower() == "global" else \
            rs.scope.script_scope() if qualifier.lower() == "script" else rs.scope
        return scope.variables.get(bare, MISSING)
    return rs.get_variable(name)


class CmdletStage(Stage):
    """A built-in command: begin, process per input object, end."""

    def __init__(self, ev: Evaluator, cls: type[Cmdlet], args: list[Argument], invocation_name: str,
                 expecting_input: bool, node: A.Node) -> None:
        self.ev = ev
        self.cls = cls
        self.name = cls.name
        self.node = node
        # a command may bring its own Binder subclass (Add-Member's positional rules: commands/addmember_binder.py)
        self.binder = getattr(cls, "binder_class", Binder)(cls.name, cls.params, cls.default_set)
        self.binder.named_to_remaining = getattr(cls, "named_to_remaining", False)
        try:
            self.call: BoundCall = self.binder.bind(args)
            apply_default_parameter_values(ev.rs, self.binder, self.call, cls.name)
            _reject_reserved_actions(self.call.common, self.binder.command_name)
            if not expecting_input and (err := self.binder.delay_bind_error(self.call)) is not None:
                raise err
        except PyshellError as e:
            e.span = e.span or node.span
            e.command = cls.name
            raise
        self.sinks = _common_sinks(ev, self.call.common)
        _take_common_variables(ev, self, self.call.common)
        self.expecting_input = expecting_input
        self.instance: Cmdlet | None = None

    def begin(self) -> list[Any]:
        rs = self.ev.rs
        inst = self.cls(rs, rs.sinks, self.name)
        inst.bound = dict(self.call.bound)
        inst.parameter_set_name = self.call.parameter_set
        inst.common = dict(self.call.common)  #: the common parameters given (some cmdlets refuse a few)
        inst.expecting_input = self.expecting_input
        inst.span = self.node.span
        inst.command_ast = self.node  #: how the command was written (Where-Object tells a literal $null apart)
        self.instance = inst
        rs.register_running(inst)
        if not self.expecting_input:
            try:
                self.binder.check_mandatory(inst.bound, inst.parameter_set_name)
            except PyshellError as e:
                e.span = e.span or self.node.span
                raise
        return list(self._guard(inst.begin))

    def _delay_values(self, item: Any) -> dict[str, Any]:
        return _delay_values(self.ev, self.binder, self.call, item)

    def _guard(self, fn: Any) -> Iterator[Any]:
        """Run a lifecycle method (called inside the guard, so plain functions are covered too)."""
        try:
            yield from fn()
        except Exception as e:  # noqa: BLE001 - see _converted
            converted = self._converted(e)
            if converted is e:
                raise
            raise converted from e

    def _converted(self, e: Exception) -> BaseException:
        """What a lifecycle method's exception leaves the stage as: errors get this command's span
        and name, flow control passes unchanged, an internal failure becomes an error record."""
        if isinstance(e, PyshellError):
            if e.span is None:
                e.span = self.node.span
            if not e.command:
                e.command = self.name
            return e
        from pyshell.engine.evaluator import BreakSignal, ContinueSignal, ReturnSignal

        if isinstance(e, (StopUpstream, BreakSignal, ContinueSignal, ReturnSignal, ExitRequest)):
            return e
        if isinstance(e, RecursionError):
            return RuntimeScriptError("The script failed due to call depth overflow.", error_id="CallDepthOverflow",
                                      span=self.node.span)
        return RuntimeScriptError(f"Internal error in {self.name}: {type(e).__name__}: {e}",
                                  error_id="InternalError", span=self.node.span, command=self.name)

    def run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        inst = self.instance
        assert inst is not None
        rs = self.ev.rs
        try:
            if upstream is None:
                yield from self._guard(inst.process)
            else:
                candidates = self.binder.pipeline_params(self.call)
                base = dict(inst.bound)
                delay = self.call.delay_bind
                plain = _plain_input(self.binder, candidates) if not delay else None
                fast_set: str | None = None  #: the parameter set every item binds to, when plain
                fast: Callable[[Any], Any] | None = None  #: inst.item_processor(), once process() ran
                process = inst.process
                try:
                    for item in upstream:
                        if rs.stopping:
                            rs.check_stop()
                        if fast is not None:
                            inst.bound[plain] = item  # type: ignore[index]
                            inst.current_input = item  # type: ignore[attr-defined]
                            try:
                                result = fast(item)
                                if result:
                                    yield from result
                            except Exception as e:  # noqa: BLE001 - as _guard
                                converted = self._converted(e)
                                if converted is e:
                                    raise
                                raise converted from e
                            continue
                        if fast_set is not None:
                            # a lone [object] ValueFromPipeline parameter: every item binds the same way
                            bound = base.copy()
                            bound[plain] = item  # type: ignore[index]
                            pset = fast_set
                        else:
                            try:
                                per_item, pset = self.binder.bind_pipeline(self.call, item, candidates) \
                                    if candidates or not delay else ({}, self.call.parameter_set)
                                bound = {**base, **per_item}
                                if delay:
                                    bound.update(self._delay_values(item))
                                self.binder.check_mandatory(bound, pset)
                            except ParameterBindingError as e:
                                e.span = e.span or self.node.span
                                inst.write_error(e)
                                continue
                            if plain is not None:
                                fast_set = pset
                        inst.bound = bound
                        inst.parameter_set_name = pset
                        inst.current_input = item
                        try:
                            yield from process()
                        except Exception as e:  # noqa: BLE001 - as _guard
                            converted = self._converted(e)
                            if converted is e:
                                raise
                            raise converted from e
                        if fast_set is not None and fast is None:
                            fast = inst.item_processor()
                except StopUpstream:
                    close = getattr(upstream, "close", None)
                    if close is not None:
                        close()
            yield from self._guard(inst.end)
        except StopUpstream:
            yield from self._guard(inst.end)
        finally:
            rs.unregister_running(inst)


def _delay_values(ev: Evaluator, binder: Binder, call: BoundCall, item: Any) -> dict[str, Any]:
    """Run each delay-bind script block with $_ set to the input object and convert its value."""
    out: dict[str, Any] = {}
    for name, sb in call.delay_bind.items():
        value = _single_value(ev.rs.invoke(sb, dollar_under=item))
        out[name] = binder.convert(name, binder.params[name], value)
    return out


def _single_value(out: list[Any]) -> Any:
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def _plain_input(binder: Binder, candidates: list[tuple[str, Param]]) -> str | None:
    """The name of the only pipeline parameter when it takes any object as is (no conversion,
    validation or by-property binding), so binding an item cannot fail or change the set."""
    if len(candidates) != 1:
        return None
    name, p = candidates[0]
    if not p.pipeline or p.by_property_name or p.validate_set or binder.validators.get(name):
        return None
    return name if p.type.lower() in ("object", "psobject") else None


#: what [CmdletBinding(SupportsShouldProcess)] adds to a function's common parameters
SHOULD_PROCESS_PARAMETERS: dict[str, Param] = {
    "WhatIf": Param("switch", aliases=("wi",), name="WhatIf"),
    "Confirm": Param("switch", aliases=("cf",), name="Confirm"),
}
_ACTION_PREFERENCES = {"ErrorAction": "ErrorActionPreference", "WarningAction": "WarningPreference",
                       "InformationAction": "InformationPreference", "ProgressAction": "ProgressPreference"}


def _supports_should_process(sb: ScriptBlock) -> bool:
    pb = sb.ast.param_block
    return pb is not None and any(
        k.lower() == "supportsshouldprocess" and (v is None or _const(v) is not False)
        for attr in pb.attributes if attr.name.lower() == "cmdletbinding" for k, v in attr.named)


def _set_preference_variables(scope: Any, common: dict[str, Any]) -> None:
    """An advanced function's common parameters set its local preference variables, as in pwsh
    (`-Verbose` makes $VerbosePreference 'Continue' inside it and in what it calls)."""
    v = scope.variables
    for name, value in common.items():
        if name == "Verbose":
            v["VerbosePreference"] = "Continue" if value else "SilentlyContinue"
        elif name == "Debug":
            v["DebugPreference"] = "Continue" if value else "SilentlyContinue"
        elif name in _ACTION_PREFERENCES:
            v[_ACTION_PREFERENCES[name]] = value
        elif name == "WhatIf":
            v["WhatIfPreference"] = bool(value)
        elif name == "Confirm":
            v["ConfirmPreference"] = "Low" if value else "None"


def script_params(sb: ScriptBlock) -> tuple[dict[str, Param], bool, str]:
    """Param metadata from a script block's param() block: (params, is_advanced, default set)."""
    pb = sb.ast.param_block
    params: dict[str, Param] = {}
    advanced = False
    default_set = "__AllParameterSets"
    if pb is None:
        return params, False, default_set
    for attr in pb.attributes:
        if attr.name.lower() == "cmdletbinding":
            advanced = True
            for k, v in attr.named:
                if k.lower() == "defaultparametersetname" and isinstance(v, A.StringConstantAst):
                    default_set = v.value
    auto_pos = 0
    # pwsh numbers parameters by declaration order only when none declares Position itself
    implicit_positions = not advanced_positional_disabled(pb) and not any(
        k.lower() == "position" for p in pb.parameters for attr in p.attributes
        if attr.name.lower() == "parameter" for k, _ in attr.named)
    for p in pb.parameters:
        kw: dict[str, Any] = {}
        sets: list[str] = []
        aliases: list[str] = []
        vset: list[str] = []
        explicit_pos: int | None = None
        for attr in p.attributes:
            an = attr.name.lower()
            if an == "parameter":
                advanced = True
                for k, v in attr.named:
                    kl = k.lower()
                    flag = True if v is None else _const(v)
                    if kl == "mandatory":
                        kw["mandatory"] = bool(flag)
                    elif kl == "position":
                        explicit_pos = int(flag)  # type: ignore[arg-type]
                    elif kl == "valuefrompipeline":
                        kw["pipeline"] = bool(flag)
                    elif kl == "valuefrompipelinebypropertyname":
                        kw["by_property_name"] = bool(flag)
                    elif kl == "parametersetname":
                        sets.append(str(flag))
                    elif kl == "valuefromremainingarguments":
                        kw["remaining"] = bool(flag)
            elif an == "alias":
                aliases.extend(str(_const(v)) for v in attr.positional)
            elif an == "validateset":
                vset.extend(str(_const(v)) for v in attr.positional)
        type_name = p.type_name or "object"
        if type_name.lower() in ("switch", "switchparameter"):
            type_name = "switch"
            position = None
        else:
            position = explicit_pos
            if position is None and implicit_positions:
                position = auto_pos
                auto_pos += 1
        params[p.name] = Param(type_name, position=position, sets=tuple(sets), aliases=tuple(aliases),
                               validate_set=tuple(vset), name=p.name, **kw)
    return params, advanced, default_set


def advanced_positional_disabled(pb: A.ParamBlockAst) -> bool:
    for attr in pb.attributes:
        if attr.name.lower() == "cmdletbinding":
            for k, v in attr.named:
                if k.lower() == "positionalbinding" and v is not None and _const(v) is False:
                    return True
    return False


def _const(node: A.Node) -> Any:
    if isinstance(node, (A.ConstantAst, A.StringConstantAst)):
        return node.value
    if isinstance(node, A.VariableAst):
        return {"true": True, "false": False, "null": None}.get(node.name.lower(), node.name)
    return None


class ScriptStage(Stage):
    """A function, filter, script file or script block: param binding, begin/process/end, $input and $_."""

    def __init__(self, ev: Evaluator, sb: ScriptBlock, args: list[Argument], name: str, expecting_input: bool,
                 *, new_scope: bool = True, node: A.Node | None = None, is_script: bool = False,
                 dot: bool = False, function: FunctionInfo | None = None, invocation_name: str = "",
                 catch_exit: bool = False) -> None:
        self.ev = ev
        #: a script file called from a script: `exit N` leaves only it and sets $LASTEXITCODE
        self.catch_exit = catch_exit
        self.exited = False
        self.sb = sb
        self.name = name
        self.function = function
        self.invocation_name = invocation_name
        self.node = node
        self.expecting_input = expecting_input
        self.new_scope = new_scope and not dot
        self.is_script = is_script
        params, advanced, default_set = script_params(sb)
        self.params = params
        self.binder = Binder(name or "ScriptBlock", params, default_set, allow_extra=not advanced, with_common=advanced)
        self.binder.script = True
        self.binder.validators = script_validators(ev, sb.ast.param_block, advanced)
        if advanced and _supports_should_process(sb):
            self.binder.extra_common = SHOULD_PROCESS_PARAMETERS
        try:
            self.call = self.binder.bind(args)
            if advanced and name and not is_script:
                apply_default_parameter_values(ev.rs, self.binder, self.call, name)
            _reject_reserved_actions(self.call.common, self.binder.command_name)
            if not expecting_input and (err := self.binder.delay_bind_error(self.call)) is not None:
                raise err
        except PyshellError as e:
            if node is not None:
                e.span = e.span or node.span
            if name and not is_script and isinstance(e, ParameterBindingError):
                e.fqid_suffix = name  # type: ignore[attr-defined]
            raise
        self.sinks = _common_sinks(ev, self.call.common)
        _take_common_variables(ev, self, self.call.common)
        self.scope: Any = None
        self.input_buffer: list[Any] = []
        self.written: deque[Any] = deque()  #: objects from $PSCmdlet.WriteObject() not yet yielded
        self.cleaned = False  #: its clean block ran

    def _enter(self) -> None:
        rs = self.ev.rs
        self.scope = rs.new_scope(is_script=self.is_script, parent=self.sb.home_scope(rs.scope)) \
            if self.new_scope else rs.scope

    def _set_params(self, bound: dict[str, Any]) -> None:
        rs = self.ev.rs
        sc = self.scope
        switches = [n for n, p in self.params.items() if p.is_switch and n in bound]
        if switches:
            from pyshell.engine.switchparam import SwitchParameter

            bound = {**bound, **{n: SwitchParameter(bound[n]) for n in switches}}  # $s.IsPresent, $s.ToBool()
        for name, p in self.params.items():
            if name in bound:
                sc.variables[name] = bound[name]
            elif name not in sc.variables:
                default = None
                pa = next((x for x in (self.sb.ast.param_block.parameters if self.sb.ast.param_block else ())
                           if x.name == name), None)
                if p.is_switch:
                    from pyshell.engine.switchparam import SwitchParameter

                    default = SwitchParameter(False)
                elif p.type.lower() in _VALUE_TYPE_DEFAULTS:
                    # an unbound [int] is 0 and an unbound [string] is '', as the .NET variable would be
                    default = _VALUE_TYPE_DEFAULTS[p.type.lower()]
                if pa is not None and pa.default is not None:
                    with rs.in_scope(sc):
                        default = self.ev.eval(pa.default)
                        if p.type not in ("object",) and default is not None:
                            checks = self.binder.validators.pop(name, None)  # pwsh never validates a default
                            try:
                                default = self.binder.convert(name, p, default)
                            finally:
                                if checks is not None:
                                    self.binder.validators[name] = checks
                sc.variables[name] = default
        sc.variables["args"] = list(self.call.unbound_positional)
        from pyshell.engine.boundparams import PSBoundParametersDictionary

        common = self.call.common
        bound_table = PSBoundParametersDictionary({**bound, **common} if common else dict(bound.items()))
        sc.variables["PSBoundParameters"] = bound_table
        if common and self.binder.with_common:
            _set_preference_variables(sc, common)
        sc.variables["MyInvocation"] = info = self._invocation_info(bound_table)
        if self.binder.with_common:
            sc.variables["PSCmdlet"] = ScriptCmdlet(self, info)
        if self.is_script and self.name:
            if not self.new_scope:  # a dot-sourced script: the caller gets its own values back afterwards
                self.restore = {k: sc.variables.get(k, MISSING) for k in ("PSCommandPath", "PSScriptRoot")}
            sc.variables["PSCommandPath"] = self.name
            sc.variables["PSScriptRoot"] = os.path.dirname(self.name)

    def _invocation_info(self, bound: Hashtable) -> PSObject:
        """$MyInvocation: what was run, how it was called and from which line."""
        if self.is_script and self.name:
            command: Any = PSObject([("Name", os.path.basename(self.name)), ("CommandType", "ExternalScript"),
                                     ("Path", self.name), ("Definition", self.name), ("Source", self.name),
                                     ("ScriptBlock", self.sb)],
                                    ["System.Management.Automation.ExternalScriptInfo",
                                     "System.Management.Automation.CommandInfo", "System.Object"])
            command.text = os.path.basename(self.name)
        elif self.name:
            command = self.function or FunctionInfo(self.name, self.sb, self.sb.is_filter)
        else:
            command = PSObject([("Name", ""), ("CommandType", "Script"), ("Definition", self.sb.text),
                                ("ScriptBlock", self.sb)],
                               ["System.Management.Automation.ScriptInfo", "System.Management.Automation.CommandInfo",
                                "System.Object"])
            command.text = self.sb.text
        span = self.node.span if self.node is not None else None
        line = ""
        if span is not None and span.source:
            src = span.source
            start = src.rfind("\n", 0, span.start) + 1
            end = src.find("\n", span.start)
            line = src[start : end if end >= 0 else len(src)]
        info = PSObject([
            ("MyCommand", command), ("BoundParameters", bound),
            ("UnboundArguments", list(self.call.unbound_positional)),
            ("ScriptLineNumber", span.line if span is not None else 0),
            ("OffsetInLine", span.column if span is not None else 0),
            ("ScriptName", (span.file or "") if span is not None else ""),
            ("Line", line), ("InvocationName", self.invocation_name or self.name),
            ("PipelineLength", 1), ("PipelinePosition", 1), ("ExpectingInput", self.expecting_input),
            ("CommandOrigin", "Internal"),
            ("PSScriptRoot", os.path.dirname(span.file) if span is not None and span.file else ""),
            ("PSCommandPath", (span.file or "") if span is not None else ""),
        ], ["System.Management.Automation.InvocationInfo", "System.Object"])
        return info

    def begin(self) -> list[Any]:
        self._enter()
        if not self.expecting_input:
            try:
                self.binder.check_mandatory(self.call.bound, self.call.parameter_set)
            except PyshellError as e:
                if self.node is not None:
                    e.span = e.span or self.node.span
                raise
        self._set_params(self.call.bound)
        ast = self.sb.ast
        if ast.begin is None:
            return []
        return list(self._exec(ast.begin))

    def _exec(self, block: A.StatementBlockAst, dollar_under: Any = MISSING) -> Iterator[Any]:
        from pyshell.engine.evaluator import ReturnSignal

        rs = self.ev.rs
        with rs.in_scope(self.scope):
            if dollar_under is not MISSING:
                self.scope.variables["_"] = dollar_under
                self.scope.variables["PSItem"] = dollar_under
            using = self.sb.using_values
            if using is not None:
                rs.push_using(using)
            pending = self.written
            try:
                gen = self.ev.exec_block(block)
                while True:
                    with rs.in_scope(self.scope):
                        try:
                            item = next(gen)
                        except StopIteration:
                            break
                    while pending:  # $PSCmdlet.WriteObject() output comes first
                        yield pending.popleft()
                    yield item
            except ReturnSignal as r:
                yield from r.pending
            except ExitRequest as e:
                if not self.catch_exit:
                    raise
                self.exited = True
                rs.set_last_exit_code(e.code)
            finally:
                while pending:
                    yield pending.popleft()
                if using is not None:
                    rs.pop_using()

    def run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        if self.sb.ast.clean is None:
            yield from self._run(upstream)
            return
        try:
            yield from self._run(upstream)
        finally:
            self.cleanup()

    def cleanup(self) -> None:
        """The 7.3 `clean {}` block: runs last even when the pipeline stopped early (Select-Object -First)
        or failed; its success output is discarded, its other streams still reach the host."""
        clean = self.sb.ast.clean
        if clean is None or self.scope is None or self.cleaned:
            return
        self.cleaned = True
        gen = self._exec(clean)
        try:
            for _ in gen:
                pass
        except PyshellError as e:  # a terminating error inside clean is reported, not raised
            if self.node is not None:
                e.span = e.span or self.node.span
            self.ev.rs.sinks.error(_record(e, self.name))

    def _run(self, upstream: Iterator[Any] | None) -> Iterator[Any]:
        ast = self.sb.ast
        process = ast.process
        end = ast.end
        if self.sb.is_filter and process is None:
            process, end = end, None
        candidates = self.binder.pipeline_params(self.call) if upstream is not None else []
        own_input = any(n.lower() == "input" for n in self.params)  # a parameter named $Input hides the automatic one
        if self.exited:
            return
        if process is not None:
            if upstream is None:
                yield from self._exec(process, None if self.expecting_input else MISSING)
            else:
                for item in upstream:
                    self.ev.rs.check_stop()
                    if candidates or self.call.delay_bind:
                        try:
                            per_item = self.binder.bind_pipeline(self.call, item, candidates)[0] if candidates else {}
                            if self.call.delay_bind:
                                per_item.update(_delay_values(self.ev, self.binder, self.call, item))
                        except ParameterBindingError as e:
                            self.ev.rs.sinks.error(_record(e, self.name))
                            continue
                        for k, v in per_item.items():
                            self.scope.variables[k] = v
                    if not own_input:
                        self.scope.variables["input"] = Enumerator([item])
                    yield from self._exec(process, item)
                    if self.exited:
                        return
                if not own_input:
                    self.scope.variables["input"] = Enumerator([])  # the end block finds $input used up
        elif upstream is not None:
            items = list(upstream)
            self.scope.variables["input"] = Enumerator(items)
            if (candidates or self.call.delay_bind) and items:
                try:
                    per_item = self.binder.bind_pipeline(self.call, items[-1], candidates)[0] if candidates else {}
                    if self.call.delay_bind:
                        per_item.update(_delay_values(self.ev, self.binder, self.call, items[-1]))
                    for k, v in per_item.items():
                        self.scope.variables[k] = v
                except ParameterBindingError:
                    pass
        else:
            self.scope.variables.setdefault("input", Enumerator([]))
        if end is not None and not self.exited:
            yield from self._exec(end)
        for name, value in (getattr(self, "restore", None) or {}).items():  # after `. script.ps1`
            if value is MISSING:
                self.scope.variables.pop(name, None)
            else:
                self.scope.variables[name] = value


class ScriptCmdlet:
    """$PSCmdlet in an advanced function: its invocation, parameter set and the Write*/Should* methods."""

    PS_TYPE_NAMES = ("System.Management.Automation.PSScriptCmdlet", "System.Management.Automation.PSCmdlet",
                     "System.Object")
    PS_PROPERTIES = ("MyInvocation", "ParameterSetName", "CommandRuntime", "SessionState", "InvokeCommand")
    PS_METHODS = ("WriteObject", "WriteError", "WriteWarning", "WriteVerbose", "WriteDebug", "WriteInformation",
                  "ShouldProcess", "ShouldContinue", "ThrowTerminatingError", "GetVariableValue",
                  "GetUnresolvedProviderPathFromPSPath")
    # the session's intrinsics, as $ExecutionContext has them (engine/intrinsics.py)
    SessionState = property(lambda self: self._stage.ev.rs.get_variable("ExecutionContext").SessionState)
    InvokeCommand = property(lambda self: self._stage.ev.rs.get_variable("ExecutionContext").InvokeCommand)
    GetUnresolvedProviderPathFromPSPath = property(  # noqa: N815
        lambda self: self.SessionState.Path.GetUnresolvedProviderPathFromPSPath)

    def __init__(self, stage: ScriptStage, info: PSObject) -> None:
        self._stage = stage
        self.MyInvocation = info
        self.ParameterSetName = stage.call.parameter_set or "__AllParameterSets"
        self.CommandRuntime = stage.name

    def ps_to_string(self) -> str:
        return self._stage.name

    def WriteObject(self, obj: Any, enumerate_collection: Any = False) -> None:  # noqa: N802
        from pyshell.engine.conversions import to_bool

        if to_bool(enumerate_collection) and isinstance(obj, (list, tuple)):
            self._stage.written.extend(obj)
        else:
            self._stage.written.append(obj)

    def WriteError(self, record: Any) -> None:  # noqa: N802
        from pyshell.engine.script_errors import attribute_to_command

        stage = self._stage
        attribute_to_command(record, stage.name, stage.is_script, stage.node.span if stage.node is not None else None)
        stage.failed = True
        self._stage.ev.rs.sinks.error(record)

    def WriteWarning(self, message: Any) -> None:  # noqa: N802
        self._stage.ev.rs.sinks.warning(to_string(message))

    def WriteVerbose(self, message: Any) -> None:  # noqa: N802
        self._stage.ev.rs.sinks.verbose(to_string(message))

    def WriteDebug(self, message: Any) -> None:  # noqa: N802
        self._stage.ev.rs.sinks.debug(to_string(message))

    def WriteInformation(self, data: Any, tags: Any = None) -> None:  # noqa: N802
        self._stage.ev.rs.sinks.information(data, [to_string(t) for t in enumerate_value(tags)] if tags else [],
                                            self._stage.name)

    def ShouldProcess(self, target: Any, action: Any = None, *_rest: Any) -> bool:  # noqa: N802
        if self._stage.call.common.get("WhatIf") or self._stage.call.bound.get("WhatIf"):
            what = to_string(action) if action is not None else self._stage.name
            self._stage.ev.rs.sinks.host(f'What if: Performing the operation "{what}" on target "{to_string(target)}".',
                                         None, None, False)
            return False
        return True

    def ShouldContinue(self, *_args: Any) -> bool:  # noqa: N802
        return True

    def ThrowTerminatingError(self, record: Any) -> None:  # noqa: N802
        from pyshell.engine.script_errors import attribute_to_command

        stage = self._stage
        attribute_to_command(record, stage.name, stage.is_script, stage.node.span if stage.node is not None else None,
                             terminating=True)
        err = record.error if hasattr(record, "error") else RuntimeScriptError(to_string(record))
        err.script_terminating = True
        raise err

    def GetVariableValue(self, name: Any) -> Any:  # noqa: N802
        v = self._stage.ev.rs.get_variable(to_string(name))
        return None if v is MISSING else v


def _record(e: PyshellError, name: str) -> Any:
    from pyshell.engine.records import error_record_from

    return error_record_from(e, command=name)


_ = os


def _bind_error(message: str, error_id: str) -> ParameterBindingError:
    return ParameterBindingError(message, error_id=error_id, category="InvalidData")


def _invalid(name: str, detail: str) -> ParameterBindingError:
    return _bind_error(f"Cannot validate argument on parameter '{name}'. {detail}", "ParameterArgumentValidationError")


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def script_validators(ev: Evaluator, pb: A.ParamBlockAst | None,
                      advanced: bool) -> dict[str, list[Callable[[str, Any], None]]]:
    """The checks of [Validate*] and [Allow*] attributes (and of Mandatory) for a param() block."""
    out: dict[str, list[Callable[[str, Any], None]]] = {}
    if pb is None:
        return out
    for p in pb.parameters:
        names = {a.name.lower() for a in p.attributes}
        checks: list[Callable[[str, Any], None]] = []
        mandatory = any(a.name.lower() == "parameter" and any(
            k.lower() == "mandatory" and (v is None or _const(v) is not False) for k, v in a.named)
            for a in p.attributes)
        if mandatory:
            checks.append(_mandatory_check("allownull" in names, "allowemptystring" in names,
                                           "allowemptycollection" in names))
        for attr in p.attributes:
            check = _validator(ev, attr)
            if check is not None:
                checks.append(check)
        if checks:
            out[p.name] = checks
    _ = advanced
    return out


def _mandatory_check(allow_null: bool, allow_empty_string: bool,
                     allow_empty_collection: bool) -> Callable[[str, Any], None]:
    def check(name: str, value: Any) -> None:
        if value is None and not allow_null:
            raise _bind_error(f"Cannot bind argument to parameter '{name}' because it is null.",
                              "ParameterArgumentValidationErrorNullNotAllowed")
        if value == "" and isinstance(value, str) and not allow_empty_string and not allow_null:
            raise _bind_error(f"Cannot bind argument to parameter '{name}' because it is an empty string.",
                              "ParameterArgumentValidationErrorEmptyStringNotAllowed")
        if isinstance(value, (list, tuple)) and not value and not allow_empty_collection:
            raise _bind_error(f"Cannot bind argument to parameter '{name}' because it is an empty array.",
                              "ParameterArgumentValidationErrorEmptyArrayNotAllowed")
    return check


def _validator(ev: Evaluator, attr: A.AttributeAst) -> Callable[[str, Any], None] | None:
    from pyshell.engine.conversions import ps_compare, to_bool
    from pyshell.engine.operators import compile_regex

    an = attr.name.lower()
    if not an.startswith("validate") or an == "validateset":
        return None
    args = [ev.eval(a) for a in attr.positional]

    if an == "validatenotnull":
        def not_null(name: str, value: Any) -> None:
            if value is None or (isinstance(value, (list, tuple)) and any(v is None for v in value)):
                raise _invalid(name, "The argument is null. Provide a valid value for the argument, and then try "
                                     "running the command again.")
        return not_null
    if an == "validatenotnullorempty":
        def not_empty(name: str, value: Any) -> None:
            if value is None or value == "" or (isinstance(value, (list, tuple)) and (
                    not value or any(v is None or v == "" for v in value))) or (
                    isinstance(value, Hashtable) and not len(value)):
                raise _invalid(name, "The argument is null or empty. Provide an argument that is not null or empty, "
                                     "and then try the command again.")
        return not_empty
    if an == "validatenotnullorwhitespace":
        def not_blank(name: str, value: Any) -> None:
            for v in _items(value) if value is not None else [None]:
                if v is None or (isinstance(v, str) and not v.strip()):
                    raise _invalid(name, "The argument is null or empty or consists of only white-space characters. "
                                         "Provide an argument that is not null or empty or white space, and then try "
                                         "the command again.")
        return not_blank
    if an == "validaterange" and args:
        if len(args) == 1:
            kind = to_string(args[0]).lower()
            tests = {"positive": (lambda x: x > 0, "greater than zero"),
                     "nonnegative": (lambda x: x >= 0, "greater than or equal to zero"),
                     "negative": (lambda x: x < 0, "less than zero"),
                     "nonpositive": (lambda x: x <= 0, "less than or equal to zero")}
            test, what = tests.get(kind, (lambda x: True, ""))

            def range_kind(name: str, value: Any) -> None:
                for v in _items(value):
                    if v is not None and not test(v):
                        raise _invalid(name, f"The argument \"{to_string(v)}\" cannot be validated because its value "
                                             f"is not {what}.")
            return range_kind
        lo, hi = args[0], args[1]

        def in_range(name: str, value: Any) -> None:
            for v in _items(value):
                if v is None:
                    continue
                if lo is not None and ps_compare(v, lo) < 0:
                    raise _invalid(name, f"The {to_string(v)} argument is less than the minimum allowed range of "
                                         f"{to_string(lo)}. Supply an argument that is greater than or equal to "
                                         f"{to_string(lo)} and then try the command again.")
                if hi is not None and ps_compare(v, hi) > 0:
                    raise _invalid(name, f"The {to_string(v)} argument is greater than the maximum allowed range of "
                                         f"{to_string(hi)}. Supply an argument that is less than or equal to "
                                         f"{to_string(hi)} and then try the command again.")
        return in_range
    if an == "validatepattern" and args:
        pattern = to_string(args[0])
        rx = compile_regex(pattern)
        custom = next((to_string(ev.eval(v)) for k, v in attr.named if k.lower() == "errormessage" and v is not None),
                      None)

        def matches(name: str, value: Any) -> None:
            for v in _items(value):
                if not rx.search(to_string(v)):
                    if custom is not None:  # ErrorMessage = "...{0}...{1}": the value and the pattern
                        raise _invalid(name, custom.replace("{0}", to_string(v)).replace("{1}", pattern))
                    raise _invalid(name, f"The argument \"{to_string(v)}\" does not match the \"{pattern}\" pattern. "
                                         f"Supply an argument that matches \"{pattern}\" and try the command again.")
        return matches
    if an == "validatelength" and len(args) >= 2:
        lo_len, hi_len = int(args[0]), int(args[1])

        def length(name: str, value: Any) -> None:
            for v in _items(value):
                n = len(to_string(v))
                if n < lo_len:
                    raise _invalid(name, f"The character length ({n}) of the argument is too short. Specify an "
                                         f"argument with a length that is greater than or equal to \"{lo_len}\", and "
                                         f"then try the command again.")
                if n > hi_len:
                    raise _invalid(name, f"The character length of the {n} argument is too long. Shorten the "
                                         f"character length of the argument so it is fewer than or equal to "
                                         f"\"{hi_len}\" characters, and then try the command again.")
        return length
    if an == "validatecount" and len(args) >= 2:
        lo_n, hi_n = int(args[0]), int(args[1])

        def count(name: str, value: Any) -> None:
            n = len(value) if isinstance(value, (list, tuple)) else (0 if value is None else 1)
            if n < lo_n:
                raise _invalid(name, f"The parameter requires at least {lo_n} value(s) and no more than {hi_n} "
                                     f"value(s) - {n} value(s) were provided.")
            if n > hi_n:
                raise _invalid(name, f"The parameter requires at least {lo_n} value(s) and no more than {hi_n} "
                                     f"value(s) - {n} value(s) were provided.")
        return count
    if an == "validatescript" and args:
        sb = args[0]
        message = next((ev.eval(v) for k, v in attr.named if k.lower() == "errormessage" and v is not None), None)

        def script(name: str, value: Any) -> None:
            for v in _items(value):
                ok = to_bool(single_value(ev.rs.invoke(sb, dollar_under=v)))
                if not ok:
                    if message is not None:
                        detail = to_string(message).replace("{0}", to_string(v)).replace("{1}", to_string(sb))
                        raise _invalid(name, detail)
                    raise _invalid(name, f"The \"{to_string(sb)}\" validation script for the argument with value "
                                         f"\"{to_string(v)}\" did not return a result of True. Determine why the "
                                         f"validation script failed, and then try the command again.")
        return script
    return None


def single_value(out: list[Any]) -> Any:
    return out[0] if len(out) == 1 else (out or None)
