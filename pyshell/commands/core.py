"""Core cmdlets: the Write-* family, ForEach-Object, Where-Object and Invoke-Expression."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.evaluator import single
from pyshell.engine.members import call_method, get_member
from pyshell.engine.objects import MISSING, enumerate_value, is_null_like
from pyshell.engine.operators import binary_op
from pyshell.engine.records import ErrorRecord, ProgressRecord
from pyshell.engine.scriptblock import ScriptBlock
from pyshell.errors import PyshellError

__all__ = ["WriteOutput", "ForEachObject", "WhereObject"]


@command("Write-Output", aliases=("echo", "write"))
class WriteOutput(Cmdlet):
    """Writes objects to the pipeline."""

    InputObject = Param("object[]", position=0, mandatory=True, pipeline=True, remaining=True,
                        help="The objects to send down the pipeline.")
    NoEnumerate = Param("switch", help="Do not enumerate collections.")

    def process(self) -> Iterable[Any]:
        value = self.InputObject
        if value is None:
            yield None
            return
        if self.NoEnumerate:
            one = isinstance(value, list) and len(value) == 1
            # an enumerator ($input) given alone is passed on as itself, never wrapped in an array
            wrapped_enumerator = one and getattr(value[0], "PS_ENUMERABLE", False) and not isinstance(value[0], list)
            yield value[0] if one and (self.expecting_input or wrapped_enumerator) else value
            return
        # InputObject is already the array of what was given: enumerate it one level, no deeper
        yield from value


@command("Write-Host")
class WriteHost(Cmdlet):
    """Writes text to the host, through the information stream."""

    Object = Param("object", position=0, pipeline=True, remaining=True, aliases=("Msg", "Message"),
                   help="Objects to display.")
    NoNewline = Param("switch")
    Separator = Param("object", default=" ")
    #: [ConsoleColor] parameters: a bad value fails enum conversion (CannotConvertArgumentNoMessage)
    ForegroundColor = Param("System.ConsoleColor")
    BackgroundColor = Param("System.ConsoleColor")

    def process(self) -> Iterable[Any]:
        obj = self.Object
        sep = to_string(self.Separator)
        if isinstance(obj, list):
            items = [x for o in obj for x in (o if isinstance(o, list) else [o])]
            text = sep.join(to_string(x) for x in items)
        else:
            text = to_string(obj)
        self.write_host(text, self.ForegroundColor, self.BackgroundColor, bool(self.NoNewline))
        return ()


_RECORD_SETS = ("NoException", "WithException")


class _ErrorDetails:
    """ErrorRecord.ErrorDetails: a message shown instead of the exception's."""

    PS_TYPE_NAMES = ("System.Management.Automation.ErrorDetails", "System.Object")
    PS_PROPERTIES = ("Message", "RecommendedAction")

    def __init__(self, message: str) -> None:
        self.Message = message
        self.RecommendedAction = ""

    def ps_to_string(self) -> str:
        return self.Message


@command("Write-Error")
class WriteError(Cmdlet):
    """Writes an object to the error stream."""

    Message = Param("string", position=0, pipeline=True, sets=("NoException", "WithException"), aliases=("Msg",))
    Exception_ = Param("object", sets=("WithException",), mandatory=True)
    ErrorRecord_ = Param("object", sets=("ErrorRecord",), mandatory=True)
    # the record's details belong to both the message and the exception forms
    Category = Param("System.Management.Automation.ErrorCategory", default="NotSpecified", sets=_RECORD_SETS)
    ErrorId = Param("string", sets=_RECORD_SETS)
    TargetObject = Param("object", sets=_RECORD_SETS)
    RecommendedAction = Param("string", sets=_RECORD_SETS)
    CategoryActivity = Param("string", sets=_RECORD_SETS, aliases=("Activity",))
    CategoryReason = Param("string", sets=_RECORD_SETS, aliases=("Reason",))
    CategoryTargetName = Param("string", sets=_RECORD_SETS, aliases=("TargetName",))
    CategoryTargetType = Param("string", sets=_RECORD_SETS, aliases=("TargetType",))

    default_set = "NoException"

    def process(self) -> Iterable[Any]:
        rec = self.bound.get("ErrorRecord")
        if isinstance(rec, ErrorRecord):
            self.streams.error(rec)
            return ()
        exc = self.bound.get("Exception")
        thrown = exc if getattr(exc, "type_name", None) else None  # an exception object: the record's Exception
        message = self.Message if self.Message is not None else (to_string(exc) if exc is not None else "")
        reason = thrown.type_name.rsplit(".", 1)[-1] if thrown is not None else "WriteErrorException"
        err = PyshellError(to_string(thrown.Message) if thrown is not None else message,
                           error_id=self.ErrorId or "Microsoft.PowerShell.Commands.WriteErrorException",
                           category=str(self.Category or "NotSpecified"), target=self.TargetObject,
                           reason=self.CategoryReason or reason)
        err.ps_type_name = "Microsoft.PowerShell.Commands.WriteErrorException"
        if thrown is not None:
            err.exception_object = thrown  # type: ignore[attr-defined]
        caller = self._caller_name()
        record = ErrorRecord(err, command=caller)
        if thrown is not None and self.Message:
            record.ErrorDetails = _ErrorDetails(self.Message)  # -Exception with -Message: the message shown
        if self.RecommendedAction:
            if record.ErrorDetails is None:
                record.ErrorDetails = _ErrorDetails(record.message)
            record.ErrorDetails.RecommendedAction = self.RecommendedAction
        # the id is qualified with the function that wrote it (`WriteErrorException,f`), never with Write-Error
        suffix = f",{caller}" if caller != "Write-Error" else ""
        if self.ErrorId and "," not in self.ErrorId:
            record.FullyQualifiedErrorId = self.ErrorId + suffix
        elif not self.ErrorId:
            record.FullyQualifiedErrorId = "Microsoft.PowerShell.Commands.WriteErrorException" + suffix
        info = record.CategoryInfo
        info.Activity = self.CategoryActivity or info.Activity
        info.TargetName = self.CategoryTargetName or info.TargetName
        info.TargetType = self.CategoryTargetType or info.TargetType
        self.streams.error(record)
        return ()

    def _caller_name(self) -> str:
        """The error belongs to the function that called Write-Error (its $MyInvocation), as in pwsh."""
        from pyshell.engine.objects import get_property

        info = self.runspace.get_variable("MyInvocation")
        command = get_property(info, "MyCommand") if info is not MISSING and info is not None else MISSING
        kind = to_string(get_property(command, "CommandType")) if command not in (MISSING, None) else ""
        if kind in ("Function", "Filter"):
            name = get_property(command, "Name")
            if name not in (MISSING, None, ""):
                return to_string(name)
        return "Write-Error"


# Exception/ErrorRecord are PowerShell's names; the Python attributes carry a suffix to stay distinct
for _py, _ps in (("Exception_", "Exception"), ("ErrorRecord_", "ErrorRecord")):
    WriteError.params[_ps] = WriteError.params.pop(_py)


class _MessageWriter(Cmdlet):
    Message = Param("string", position=0, mandatory=True, pipeline=True, aliases=("Msg",))
    stream = ""

    def process(self) -> Iterable[Any]:
        getattr(self.streams, self.stream)(to_string(self.Message))
        return ()


@command("Write-Warning")
class WriteWarning(_MessageWriter):
    """Writes a warning message."""

    stream = "warning"


@command("Write-Verbose")
class WriteVerbose(_MessageWriter):
    """Writes text to the verbose stream."""

    stream = "verbose"


@command("Write-Debug")
class WriteDebug(_MessageWriter):
    """Writes a debug message."""

    stream = "debug"


@command("Write-Information")
class WriteInformation(Cmdlet):
    """Writes to the information stream."""

    MessageData = Param("object", position=0, mandatory=True, pipeline=True, aliases=("Msg", "Message"))
    Tags = Param("string[]", position=1)

    def process(self) -> Iterable[Any]:
        self.write_information(self.MessageData, self.Tags or [])
        return ()


_INT_MAX = 2**31 - 1


@command("Write-Progress")
class WriteProgress(Cmdlet):
    """Writes a progress record."""

    Activity = Param("string", position=0)
    Status = Param("string", position=1, default="Processing")
    Id = Param("int", position=2, default=0)
    PercentComplete = Param("int", default=-1)
    SecondsRemaining = Param("int", default=-1)
    CurrentOperation = Param("string", default="")
    ParentId = Param("int", default=-1)
    Completed = Param("switch")
    SourceId = Param("int")

    def process(self) -> Iterable[Any]:
        from pyshell.commands.argcheck import reject_vt, validate_not_null_or_empty, validate_range

        if self.is_bound("Status"):
            validate_not_null_or_empty("Status", self.Status)
        validate_range("Id", [int(self.Id or 0)], 0, _INT_MAX)
        validate_range("PercentComplete", [int(self.PercentComplete if self.PercentComplete is not None else -1)],
                       -1, 100)
        validate_range("ParentId", [int(self.ParentId if self.ParentId is not None else -1)], -1, _INT_MAX)
        reject_vt("Activity", self.Activity)
        reject_vt("Status", self.Status)
        reject_vt("CurrentOperation", self.CurrentOperation)
        self.write_progress(ProgressRecord(self.Activity or "", self.Status or "Processing", activity_id=self.Id or 0,
                                           parent_id=self.ParentId if self.ParentId is not None else -1,
                                           current_operation=self.CurrentOperation or "",
                                           percent=self.PercentComplete if self.PercentComplete is not None else -1,
                                           seconds_remaining=self.SecondsRemaining if self.SecondsRemaining is not None else -1,
                                           completed=bool(self.Completed)))
        return ()


@command("ForEach-Object", aliases=("%", "foreach"))
class ForEachObject(Cmdlet):
    """Runs a script block (or reads a member) for each input object."""

    InputObject = Param("object", pipeline=True)
    Process = Param("scriptblock[]", position=0, sets=("ScriptBlockSet",), remaining=False)
    Begin = Param("scriptblock", sets=("ScriptBlockSet",))
    End = Param("scriptblock", sets=("ScriptBlockSet",))
    RemainingScripts = Param("scriptblock[]", sets=("ScriptBlockSet",), remaining=True)
    MemberName = Param("string", position=0, sets=("PropertyAndMethodSet",), mandatory=True)
    ArgumentList = Param("object[]", sets=("PropertyAndMethodSet",), aliases=("Args",), remaining=True)
    Parallel = Param("scriptblock", sets=("ParallelParameterSet",), mandatory=True)
    ThrottleLimit = Param("int", sets=("ParallelParameterSet",), default=5)
    TimeoutSeconds = Param("int", sets=("ParallelParameterSet",))
    AsJob = Param("switch", sets=("ParallelParameterSet",))
    UseNewRunspace = Param("switch", sets=("ParallelParameterSet",))

    default_set = "ScriptBlockSet"

    def _blocks(self) -> tuple[Any, list[Any], Any]:
        procs = list(self.Process or []) + list(self.RemainingScripts or [])
        procs = [sb for sb in procs if sb is not None]
        begin = self.Begin
        end = self.End
        # an explicit -Begin/-End (even $null) makes every -Process block a process block
        if len(procs) >= 2 and not self.is_bound("Begin") and not self.is_bound("End"):
            # -Process a,b,c: first is begin, last is end (PowerShell's positional rule)
            if len(procs) == 2:
                begin, procs = procs[0], [procs[1]]
            else:
                begin, end, procs = procs[0], procs[-1], procs[1:-1]
        return begin, procs, end

    def begin(self) -> Iterable[Any]:
        if self.parameter_set_name == "ParallelParameterSet":
            self._parallel_items: list[Any] = []
            return ()
        begin, self._procs, _end = self._blocks()
        self._runners = [self.runspace.item_runner(sb) for sb in self._procs]
        if begin is not None:
            return self.runspace.invoke(begin, new_scope=False)
        return ()

    def process(self) -> Iterable[Any]:
        item = self.InputObject if self.expecting_input else MISSING
        if self.parameter_set_name == "ParallelParameterSet":
            if item is not MISSING:
                self._parallel_items.append(item)
            return ()
        if self.parameter_set_name == "PropertyAndMethodSet" or (self.is_bound("MemberName")):
            return self._member(item)
        runners = self._runners
        if len(runners) == 1 and runners[0] is not None and item is not MISSING:
            return runners[0](item)  # type: ignore[no-any-return]  # one script block, no general invocation
        out: list[Any] = []
        rs = self.runspace
        for sb, runner in zip(self._procs, runners, strict=True):
            if item is MISSING:
                out.extend(rs.invoke_iter(sb, new_scope=False))
            elif runner is not None:
                out.extend(runner(item))
            else:
                out.extend(rs.invoke_iter(sb, dollar_under=item, new_scope=False))
        return out

    def item_processor(self) -> Any:
        if self.parameter_set_name != "ScriptBlockSet" or self.is_bound("MemberName") or not self.expecting_input:
            return None
        runners = self._runners
        return runners[0] if len(runners) == 1 else None

    def _member(self, item: Any) -> Iterable[Any]:
        if item is MISSING or item is None:
            return ()
        name = to_string(self.MemberName)
        args = list(self.ArgumentList or [])
        v = get_member(item, name) if not args else MISSING
        if v is None and not args:
            try:
                return enumerate_value(call_method(item, name, []))
            except PyshellError:
                return ()
        if args:
            return enumerate_value(call_method(item, name, args))  # a method's array result is unrolled
        return enumerate_value(v) if isinstance(v, list) else [v]

    def end(self) -> Iterable[Any]:
        if self.parameter_set_name == "ParallelParameterSet":
            parallel = getattr(self.runspace, "foreach_parallel", None)
            if parallel is None:
                raise PyshellError("ForEach-Object -Parallel is not available in this runspace.",
                                   error_id="ParallelUnavailable", category="NotImplemented")
            return parallel(self, self._parallel_items)
        _begin, _procs, end = self._blocks()
        if end is not None:
            return self.runspace.invoke(end, new_scope=False)
        return ()


_WHERE_OPS = ("EQ", "NE", "GT", "GE", "LT", "LE", "Like", "NotLike", "Match", "NotMatch", "Contains", "NotContains",
              "In", "NotIn", "Is", "IsNot", "CEQ", "CNE", "CGT", "CGE", "CLT", "CLE", "CLike", "CNotLike", "CMatch",
              "CNotMatch", "CContains", "CNotContains", "CIn", "CNotIn")


@command("Where-Object", aliases=("?", "where"))
class WhereObject(Cmdlet):
    """Selects objects by a script block or a property comparison."""

    InputObject = Param("object", pipeline=True)
    FilterScript = Param("scriptblock", position=0, mandatory=True, sets=("ScriptBlockSet",))
    Property = Param("string", position=0, mandatory=True, sets=("Property",))
    Value = Param("object", position=1, sets=("Property",))
    Not = Param("switch", sets=("Property",))
    locals().update({op: Param("switch", sets=("Property",)) for op in _WHERE_OPS})

    default_set = "ScriptBlockSet"
    _runner_for: Any = None  #: the script block _runner runs

    def _make_runner(self, sb: Any) -> Any:
        self._runner_for = sb
        self._runner = self.runspace.item_runner(sb)
        return self._runner

    def process(self) -> Iterable[Any]:
        if not self.expecting_input:
            return ()
        item = self.InputObject
        if self.parameter_set_name == "ScriptBlockSet" and self.is_bound("FilterScript"):
            sb = self.FilterScript
            runner = self._runner if self._runner_for is sb else self._make_runner(sb)
            out = runner(item) if runner is not None else self.runspace.invoke(sb, dollar_under=item, new_scope=False)
            return [item] if to_bool(single(out)) else ()
        prop = get_member(item, to_string(self.Property)) if item is not None else None
        for op in _WHERE_OPS:
            if self.bound.get(op):
                if op in ("Is", "IsNot") and self.Value is None:
                    return self._is_null(item, prop, op == "Is")
                r = binary_op("-" + op.lower(), prop, self.Value, set_matches=lambda _m: None)
                return [item] if to_bool(r) else ()
        if self.Not:
            return [item] if not to_bool(prop) else ()
        return [item] if to_bool(prop) else ()


    def _is_null(self, item: Any, prop: Any, want_null: bool) -> Iterable[Any]:
        """`-Is $null` / `-IsNot $null`: a literal $null matches $null, NullString, DBNull and AutomationNull;
        any other null value on the right is not a type (OperatorFailed)."""
        if not _null_literal_value(getattr(self, "command_ast", None)):
            self.write_error(PyshellError("The right operand of '-is' must be a type.", error_id="OperatorFailed",
                                          category="InvalidArgument", target=item))
            return ()
        return [item] if is_null_like(prop) == want_null else ()


def _null_literal_value(node: Any) -> bool:
    """Whether the command's -Value argument is written as the literal $null (-Value $null, -Value:$null or
    positionally)."""
    from pyshell.language import ast as A

    if node is None:
        return True

    def is_null(e: Any) -> bool:
        return isinstance(e, A.VariableAst) and e.name.lower() == "null" and not getattr(e, "scope", None)

    elements = list(getattr(node, "elements", ()))[1:]
    return any(is_null(e) or (isinstance(e, A.CommandParameterAst) and is_null(e.argument)) for e in elements)


@command("Invoke-Expression", aliases=("iex",))
class InvokeExpression(Cmdlet):
    """Runs a string as a command in the current scope."""

    Command = Param("string", position=0, mandatory=True, pipeline=True)

    def process(self) -> Iterable[Any]:
        from pyshell.engine.scriptblock import ScriptBlock as _SB

        sb = _SB.create(to_string(self.Command))
        try:
            yield from self.runspace.invoke_iter(sb, new_scope=False)
        except PyshellError as e:
            # what escapes a cmdlet's nested pipeline reaches the caller in a CmdletInvocationException
            # (its record stays the inner error's): `catch [CmdletInvocationException]` matches it
            if getattr(e, "wrapper_type", None) is None:
                e.wrapper_type = "System.Management.Automation.CmdletInvocationException"  # type: ignore[attr-defined]
            raise


@command("Out-Null")
class OutNull(Cmdlet):
    """Discards its input."""

    InputObject = Param("object", pipeline=True)

    def process(self) -> Iterable[Any]:
        return ()


_ = ScriptBlock


@command("Read-Host")
class ReadHost(Cmdlet):
    """Reads a line of input from the host (the terminal, or the next line of a replayed script)."""

    Prompt = Param("object", position=0, remaining=True)
    AsSecureString = Param("switch")
    MaskInput = Param("switch")

    def process(self) -> Iterable[Any]:
        host = self.runspace.host
        prompt = self.Prompt
        text = " ".join(to_string(p) for p in prompt) if isinstance(prompt, list) else to_string(prompt or "")
        try:
            line = host.read_line(f"{text}: " if text else "")
        except EOFError:
            raise PyshellError(
                "A command that prompts the user failed because the host program or the command type does not "
                "support user interaction. The host was attempting to request confirmation with the following "
                f"message: {text}", error_id="HostFunctionNotImplemented", category="NotImplemented",
                reason="HostException") from None
        return [line]


@command("Set-StrictMode")
class SetStrictMode(Cmdlet):
    """Turns strict mode on (a version) or off for the calling scope and its child scopes."""

    default_set = "Version"
    Version = Param("object", mandatory=True, sets=("Version",), aliases=("v",),
                    help="1.0, 2.0, 3.0 or Latest: which coding rules to enforce.")
    Off = Param("switch", mandatory=True, sets=("Off",), help="Turn strict mode off.")

    def end(self) -> Iterable[Any]:
        from pyshell.engine.strict import parse_strict_version

        level = 0 if self.Off else parse_strict_version(self.Version)
        rs = self.runspace
        rs.scope.strict = level
        if level:
            rs.evaluator.strict_any = True
        return ()
