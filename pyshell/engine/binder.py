"""Parameter binding: named, positional, switch, splatted and pipeline arguments -> parameters.

Used for built-in cmdlets (Param metadata) and for script functions (metadata built from
their param() block), so both bind exactly the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pyshell.engine.cmdlet import ALL_SETS, COMMON_PARAMETERS, Param
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, Hashtable, PSObject, get_property, type_names
from pyshell.engine.types import convert_to, type_exists
from pyshell.errors import ParameterBindingError, PyshellError
from pyshell.language import ast as A

__all__ = ["Argument", "BoundCall", "Binder", "EndOfParameters", "NO_VALUE", "ParameterToken"]

NO_VALUE: Any = object()


class ParameterToken(str):
    """A `-Name` a simple function got in $args: a string that splatting (@args) passes on as a parameter name."""

    __slots__ = ("name", "colon")
    PS_TYPE_NAMES = ("System.String", "System.Object")

    def __new__(cls, text: str, name: str, colon: bool = False) -> ParameterToken:
        self = super().__new__(cls, text)
        self.name = name
        self.colon = colon
        return self


class EndOfParameters(str):
    """The `--` argument: it ends parameter names; commands drop it, native programs receive it."""

    __slots__ = ()
    PS_TYPE_NAMES = ("System.String", "System.Object")


@dataclass
class Argument:
    """One argument as written: a named parameter (with or without value) or a positional value."""

    name: str | None  #: parameter name as typed (without dash), None for positional
    value: Any = NO_VALUE
    text: str = ""  #: "-comp" as typed, for error messages
    colon: bool = False  #: -Name:value
    splatted: bool = False  #: from a splatted hashtable: an explicit argument for the same parameter wins
    comma: bool = False  #: written as an array literal (`A,B`): a native command gets one 'A,B' argument
    nothing: bool = False  #: a $( ) that wrote nothing (AutomationNull): $null, but left out of remaining arguments
    token_text: str | None = None  #: a numeric literal's text as written (1.10, 0x10), kept for [string]/[version]


class _Literal:
    """A positional numeric literal with its source text, carried to parameter conversion."""

    __slots__ = ("value", "text")

    def __init__(self, value: Any, text: str) -> None:
        self.value = value
        self.text = text


#: parameter types that receive a numeric literal argument as its text, as pwsh's PSObject TokenText does
_TEXT_TYPES = frozenset({"string", "string[]", "version", "version[]", "semver", "semanticversion",
                         "management.automation.semanticversion"})


def with_token_text(value: Any, text: str) -> PSObject:
    """The number wrapped as pwsh wraps a literal argument: it acts as the number, but stringifies as written."""
    wrapped = PSObject(type_names=type_names(value), base=value)
    wrapped.text = text
    return wrapped


def literal_text(node: Any) -> str | None:
    """The source text of a numeric constant command argument when it differs from the number's own string."""
    if type(node) is not A.ConstantAst or node.span is None or isinstance(node.value, bool) \
            or not isinstance(node.value, (int, float, Decimal)):
        return None
    text = node.span.source[node.span.start:node.span.end]
    return text if text and text != to_string(node.value) else None


@dataclass
class BoundCall:
    bound: dict[str, Any] = field(default_factory=dict)
    common: dict[str, Any] = field(default_factory=dict)
    unbound_positional: list[Any] = field(default_factory=list)  #: go to $args for simple functions
    parameter_set: str = ALL_SETS
    candidate_sets: set[str] = field(default_factory=set)
    #: delay-bind script blocks: a pipeline parameter given {…} gets the block's value for each input object
    delay_bind: dict[str, Any] = field(default_factory=dict)


#: a positional $( ) argument that wrote nothing, while binding
_NOTHING = object()


class Binder:
    """Binds arguments to one command's parameters.

    :param command_name: for error messages.
    :param params: the command's parameters, in declaration order.
    :param default_set: DefaultParameterSetName.
    :param allow_extra: simple functions put unbound arguments into $args instead of failing.
    """

    _token_text: str | None = None  #: the literal text of the argument convert() is converting (see _convert_literal)

    def __init__(self, command_name: str, params: dict[str, Param], default_set: str = ALL_SETS,
                 allow_extra: bool = False, with_common: bool = True) -> None:
        self.command_name = command_name
        self.params = params
        self.default_set = default_set
        self.allow_extra = allow_extra
        self.with_common = with_common
        sets: set[str] = set()
        for p in params.values():
            sets.update(p.sets)
            sets.update(p.mandatory_in)
        self.all_sets = sets or {ALL_SETS}
        self._mandatory: dict[str, list[str]] = {}  #: set name -> mandatory parameter names (cached per set)
        #: parameter name -> checks run on each converted value ([Validate*] and [Allow*] of script functions)
        self.validators: dict[str, list[Callable[[str, Any], None]]] = {}
        #: script functions report conversion failures as argument transformation errors and bind
        #: ValidateSet values as given; cmdlets bind the set's own spelling
        self.script = False
        #: a compiled cmdlet whose ValueFromRemainingArguments takes unknown -names too (Get-Command's -ArgumentList)
        self.named_to_remaining = False
        #: more parameters that bind like common ones: -WhatIf/-Confirm of a SupportsShouldProcess function
        self.extra_common: dict[str, Param] = {}

    # -- name resolution -----------------------------------------------------------------------
    def resolve_name(self, typed: str) -> tuple[str, Param, bool]:
        """Find the parameter for a typed name: exact, alias, then unique prefix.

        :returns: (canonical name, Param, is_common)
        """
        low = typed.lower()
        pools: list[tuple[dict[str, Param], bool]] = [(self.params, False)]
        if self.with_common:
            pools.append((COMMON_PARAMETERS, True))
        if self.extra_common:
            pools.append((self.extra_common, True))
        for pool, common in pools:
            for name, p in pool.items():
                if name.lower() == low or any(a.lower() == low for a in p.aliases):
                    return name, p, common
        matches: list[tuple[str, Param, bool]] = []
        for pool, common in pools:
            for name, p in pool.items():
                if name.lower().startswith(low):
                    matches.append((name, p, common))
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            # an own parameter wins over common ones of the same prefix only when it is the only own match
            own = [m for m in matches if not m[2]]
            if len(own) == 1 and low not in ("d", "v", "e", "w", "o", "p"):
                return own[0]
            names = " ".join("-" + m[0] for m in matches)
            raise self._error(f"Parameter cannot be processed because the parameter name '{typed}' is ambiguous. "
                              f"Possible matches include: {names}.", "AmbiguousParameter")
        raise self._error(f"A parameter cannot be found that matches parameter name '{typed}'.", "NamedParameterNotFound")

    def _error(self, message: str, error_id: str, category: str = "InvalidArgument") -> ParameterBindingError:
        return ParameterBindingError(message, error_id=error_id, category=category, command=self.command_name)

    # -- binding ---------------------------------------------------------------------------
    def bind(self, args: list[Argument]) -> BoundCall:
        call = BoundCall()
        positional: list[Any] = []
        from_splat: set[str] = set()  #: parameters bound from a splatted hashtable
        i = 0
        while i < len(args):
            a = args[i]
            if a.name is None:
                if type(a.value) is not EndOfParameters:
                    positional.append(_NOTHING if a.nothing else
                                      _Literal(a.value, a.token_text) if a.token_text else a.value)
                i += 1
                continue
            try:
                name, p, common = self.resolve_name(a.name)
            except ParameterBindingError as e:
                if e.error_id == "NamedParameterNotFound" and (self.allow_extra or (any(
                        p.remaining for p in self.params.values()))):
                    # an unknown -name goes to $args, or to a script's ValueFromRemainingArguments parameter
                    positional.append(ParameterToken(a.text or ("-" + a.name), a.name, a.value is not NO_VALUE))
                    if a.value is not NO_VALUE:
                        positional.append(a.value)
                    i += 1
                    continue
                raise
            value = a.value
            token_text = a.token_text
            if value is NO_VALUE:
                if p.is_switch:
                    value = True
                elif i + 1 < len(args) and args[i + 1].name is None:
                    value = args[i + 1].value
                    token_text = args[i + 1].token_text
                    i += 1
                else:
                    tname = _display_type(p.type)
                    raise self._error(f"Missing an argument for parameter '{name}'. Specify a parameter of type "
                                      f"'{tname}' and try again.", "MissingArgument")
            target = call.common if common else call.bound
            if name in target and (a.splatted or name in from_splat):
                # PowerShell 7.1+: an explicit parameter overrides a splatted one, whichever comes first
                if a.splatted:
                    i += 1
                    continue
                from_splat.discard(name)
            elif name in target:
                raise self._error(f"Cannot bind parameter because parameter '{name}' is specified more than once. To "
                                  f"provide multiple values to parameters that can accept multiple values, use the "
                                  f"array syntax. For example, \"-parameter value1,value2,value3\".",
                                  "ParameterAlreadyBound")
            if not common and _delay_bindable(p, value):
                call.delay_bind[name] = value
                i += 1
                continue
            target[name] = self._convert_literal(name, p, value, token_text)
            if a.splatted:
                from_splat.add(name)
            i += 1
        self._bind_positional(call, positional)
        return call

    def _sets_for(self, bound: dict[str, Any]) -> set[str]:
        sets = set(self.all_sets)
        for name in bound:
            p = self.params[name]
            if p.sets:
                sets &= set(p.sets)
        return sets

    def _bind_positional(self, call: BoundCall, positional: list[Any]) -> None:
        sets = self._sets_for(call.bound)
        if not sets:
            raise self._error("Parameter set cannot be resolved using the specified named parameters. One or more "
                              "parameters issued cannot be used together or an insufficient number of parameters "
                              "were provided.", "AmbiguousParameterSet")
        remaining_params = [n for n, p in self.params.items() if p.remaining]
        remaining_param = remaining_params[0] if remaining_params else None
        rest: list[Any] = []
        if positional:
            # positional parameters of the candidate sets, preferring the default set's; the
            # ValueFromRemainingArguments parameter takes no position, it collects what is left
            order = [(n, p) for n, p in self._positional_order(sets) if not p.remaining]
            for value in positional:
                token_text = None
                if type(value) is _Literal:
                    value, token_text = value.value, value.text
                if value is _NOTHING:
                    if remaining_param is not None and not any(
                            n not in call.bound and not (p.sets and not (set(p.sets) & sets)) for n, p in order):
                        rest.append(value)  # dropped from the remaining arguments, as pwsh drops AutomationNull
                        continue
                    value = None
                placed = False
                first_error: ParameterBindingError | None = None
                avail = [(n, p) for n, p in order if n not in call.bound and not (p.sets and not (set(p.sets) & sets))]
                if len(avail) > 1 and avail[1][1].position == avail[0][1].position:
                    # parameters of several sets at this position: one taking the value as it is wins
                    head = avail[0][1].position
                    exact = [np for np in avail if np[1].position == head and _exact_type(np[1], value)]
                    avail = exact + [np for np in avail if np not in exact]
                for name, p in avail:
                    try:
                        call.bound[name] = self._convert_literal(name, p, value, token_text)
                    except ParameterBindingError as e:
                        first_error = first_error or e
                        continue
                    if p.sets:
                        sets &= set(p.sets) if (set(p.sets) & sets) else sets
                    placed = True
                    break
                if not placed and first_error is not None and remaining_param is None:
                    raise first_error
                if not placed:
                    if token_text is not None:  # $args and remaining arguments keep the literal's text too
                        value = with_token_text(value, token_text)
                    if remaining_param is not None:
                        rest.append(value)
                        continue
                    if self.allow_extra:
                        call.unbound_positional.append(value)
                        continue
                    raise self._error(f"A positional parameter cannot be found that accepts argument "
                                      f"'{to_string(value)}'.", "PositionalParameterNotFound")
        if rest and remaining_param is not None:
            # the remaining-arguments parameter of the sets still possible
            name = next((n for n in remaining_params if not self.params[n].sets
                         or set(self.params[n].sets) & sets), remaining_param)
            self._bind_remaining(call, name, rest)
        call.candidate_sets = sets
        call.parameter_set = self._choose_set(sets, call.bound)

    def _bind_remaining(self, call: BoundCall, name: str, rest: list[Any]) -> None:
        """Bind the leftover positional values as one list (a lone array argument is passed as is)."""
        if name in call.bound:
            raise self._error(f"A positional parameter cannot be found that accepts argument "
                              f"'{to_string(rest[0])}'.", "PositionalParameterNotFound")
        rest = [v for v in rest if v is not _NOTHING]
        value: Any = rest[0] if len(rest) == 1 and isinstance(rest[0], list) else list(rest)
        call.bound[name] = self.convert(name, self.params[name], value)

    def _positional_order(self, sets: set[str]) -> list[tuple[str, Param]]:
        items = [(n, p) for n, p in self.params.items() if p.position is not None]
        default_first = sorted(items, key=lambda np: (
            0 if (not np[1].sets or self.default_set in np[1].sets) else 1, np[1].position))
        return default_first

    def _choose_set(self, sets: set[str], bound: dict[str, Any]) -> str:
        if len(sets) == 1:
            return next(iter(sets))
        if self.default_set in sets:
            return self.default_set
        # the set whose mandatory parameters are all bound
        for s in sorted(sets):
            if all(n in bound for n, p in self.params.items() if p.in_set(s) and p.is_mandatory_in(s)):
                return s
        return sorted(sets)[0] if sets and ALL_SETS not in sets else ALL_SETS

    def _convert_literal(self, name: str, p: Param, value: Any, token_text: str | None) -> Any:
        """convert() for an argument written as a numeric literal (token_text: its source text, or None)."""
        if token_text is None:
            return self.convert(name, p, value)
        self._token_text = token_text
        try:
            return self.convert(name, p, value)
        finally:
            self._token_text = None

    def convert(self, name: str, p: Param, value: Any) -> Any:
        token_text, self._token_text = self._token_text, None
        t = p.type.lower()
        if token_text is not None:
            if (t[7:] if t.startswith("system.") else t) in _TEXT_TYPES:
                value = token_text  # `f 1.10` binds "1.10" to [string], `-ModuleVersion 2.0` parses "2.0"
            elif t in ("object", "psobject", "") and not p.validate_set:
                value = with_token_text(value, token_text)
        if p.is_switch:
            from pyshell.engine.conversions import to_bool

            return to_bool(value)
        if (t in ("object", "psobject", "") and not p.validate_set) or (value is None and t == "scriptblock"):
            self._validate(name, value)
            return value
        try:
            if self.with_common and t in _BOOL_TYPES:
                _check_bool_argument(value)
            if t in ("object[]", "psobject[]"):
                result: Any = list(value) if isinstance(value, (list, tuple)) else [value]
            elif t in ("scriptblock", "scriptblock[]"):
                from pyshell.engine.scriptblock import ScriptBlock

                items = value if isinstance(value, (list, tuple)) and t.endswith("[]") else [value]
                for v in items:
                    if not isinstance(v, ScriptBlock):
                        raise self._error(f"Cannot bind parameter '{name}'. Cannot convert the \"{to_string(v)}\" value "
                                          f"of type \"{(type_names(v) or ['System.Object'])[0]}\" to type "
                                          f"\"System.Management.Automation.ScriptBlock\".", "CannotConvertArgument")
                result = list(items) if t.endswith("[]") else value
            elif t in ("string[]", "system.string[]") and isinstance(value, (list, tuple)):
                # [string[]] keeps $null elements null (Test-Path then reports each); others become strings
                from pyshell.engine.generics import TypedArray

                result = TypedArray([None if v is None else convert_to("System.String", v) for v in value],
                                    "System.String")
            elif type_exists(p.type):
                result = convert_to(p.type, value)
            elif p.type.endswith("[]"):
                result = list(value) if isinstance(value, (list, tuple)) else [value]
            else:
                result = value
        except ParameterBindingError:
            raise
        except PyshellError as e:
            if self.script:
                raise self._error(f"Cannot process argument transformation on parameter '{name}'. {e.message}",
                                  "ParameterArgumentTransformationError", "InvalidData") from None
            raise self._error(f"Cannot bind parameter '{name}'. {e.message}", "CannotConvertArgumentNoMessage") from None
        self._validate(name, result)
        if p.validate_set:
            values = result if isinstance(result, list) else [result]
            canon = []
            for v in values:
                match = next((s for s in p.validate_set if s.lower() == to_string(v).lower()), None)
                if match is None:
                    raise self._error(
                        f"Cannot validate argument on parameter '{name}'. The argument \"{to_string(v)}\" does not "
                        f"belong to the set \"{','.join(p.validate_set)}\" specified by the ValidateSet attribute. "
                        f"Supply an argument that is in the set and then try the command again.",
                        "ParameterArgumentValidationError", "InvalidData")
                canon.append(v if self.script else match)
            result = canon if isinstance(result, list) else canon[0]
        return result

    def _validate(self, name: str, value: Any) -> None:
        for check in self.validators.get(name, ()):
            try:
                check(name, value)
            except PyshellError as e:
                e.command = e.command or self.command_name
                raise

    # -- pipeline input --------------------------------------------------------------------
    def delay_bind_error(self, call: BoundCall) -> ParameterBindingError | None:
        """Delay-bind script blocks need pipeline input to run on."""
        if not call.delay_bind:
            return None
        name = next(iter(call.delay_bind))
        return self._error(f"Cannot evaluate parameter '{name}' because its argument is specified as a script block "
                           f"and there is no input. A script block cannot be evaluated without input.",
                           "ScriptBlockArgumentNoInput", "MetadataError")

    def pipeline_params(self, call: BoundCall) -> list[tuple[str, Param]]:
        sets = call.candidate_sets or self.all_sets
        return [(n, p) for n, p in self.params.items()
                if (p.pipeline or p.by_property_name) and n not in call.bound and n not in call.delay_bind
                and (not p.sets or (set(p.sets) & sets) or ALL_SETS in sets)]

    def bind_pipeline(self, call: BoundCall, item: Any, candidates: list[tuple[str, Param]]) -> tuple[dict[str, Any], str]:
        """Bind one pipeline object; returns the per-item bindings and the parameter set."""
        result: dict[str, Any] = {}
        # PowerShell's order: ByValue without conversion, ByPropertyName without conversion,
        # ByValue with conversion, ByPropertyName with conversion
        for coerce in (False, True):
            if not any(self.params[n].pipeline for n in result):
                for n, p in candidates:
                    if p.pipeline and n not in result and (coerce or _exact_type(p, item)):
                        try:
                            result[n] = self.convert(n, p, item)
                            break
                        except ParameterBindingError:
                            continue
            for n, p in candidates:
                if p.by_property_name and n not in result:
                    for key in (n, *p.aliases):
                        v = get_property(item, key) if not isinstance(item, Hashtable) else MISSING
                        if v is MISSING:
                            continue
                        if not coerce and not _exact_type(p, v):
                            break
                        try:
                            result[n] = self.convert(n, p, v)
                        except ParameterBindingError:
                            continue
                        break
        if not result and candidates:
            raise self._error(
                "The input object cannot be bound to any parameters for the command either because the command does "
                "not take pipeline input or the input and its properties do not match any of the parameters that take "
                "pipeline input.", "InputObjectNotBound")
        if not candidates:
            raise self._error(
                "The input object cannot be bound to any parameters for the command either because the command does "
                "not take pipeline input or the input and its properties do not match any of the parameters that take "
                "pipeline input.", "InputObjectNotBound")
        sets = set(call.candidate_sets or self.all_sets)
        for n in result:
            p = self.params[n]
            if p.sets and set(p.sets) & sets:
                sets &= set(p.sets)
        return result, self._choose_set(sets, {**call.bound, **result})

    def check_mandatory(self, bound: dict[str, Any], set_name: str) -> None:
        required = self._mandatory.get(set_name)
        if required is None:
            required = [n for n, p in self.params.items() if p.in_set(set_name) and p.is_mandatory_in(set_name)]
            self._mandatory[set_name] = required
        missing = [n for n in required if n not in bound]
        if missing:
            raise self._error(f"Cannot process command because of one or more missing mandatory parameters: "
                              f"{' '.join(missing)}.", "MissingMandatoryParameter")


_BOOL_TYPES = frozenset(("bool", "boolean", "system.boolean", "bool[]", "boolean[]", "system.boolean[]"))


def _check_bool_argument(value: Any) -> None:
    """A cmdlet's or advanced function's [bool] parameter takes booleans and numbers only, never strings."""
    for v in value if isinstance(value, (list, tuple)) else [value]:
        if v is not None and not isinstance(v, (bool, int, float)):
            tname = (type_names(v) or ["System.Object"])[0]
            raise PyshellError(f'Cannot convert value "{tname}" to type "System.Boolean". Boolean parameters accept '
                               f"only Boolean values and numbers, such as $True, $False, 1 or 0.",
                               error_id="ParameterArgumentTransformationError")


_NO_DELAY_BIND = frozenset(("scriptblock", "scriptblock[]", "object", "psobject", "", "object[]", "psobject[]"))


def _delay_bindable(p: Param, value: Any) -> bool:
    """A script block given to a pipeline parameter that does not take script blocks (or any object)."""
    if not (p.pipeline or p.by_property_name) or p.type.lower() in _NO_DELAY_BIND:
        return False
    from pyshell.engine.scriptblock import ScriptBlock

    return isinstance(value, ScriptBlock)


def _exact_type(p: Param, value: Any) -> bool:
    """Whether a pipeline value fits a parameter's type without conversion."""
    t = p.type.lower()
    if t in ("object", "psobject", "", "object[]", "psobject[]"):
        return True
    if p.is_switch:
        return isinstance(value, bool)
    from pyshell.engine.types import is_instance

    if t.endswith("[]") and not isinstance(value, (list, tuple)):
        return is_instance(value, p.type[:-2])
    try:
        return is_instance(value, p.type)
    except PyshellError:
        return False


def _display_type(t: str) -> str:
    low = t.lower()
    return {"string": "System.String", "string[]": "System.String[]", "int": "System.Int32", "int[]": "System.Int32[]",
            "object": "System.Object", "object[]": "System.Object[]", "scriptblock": "System.Management.Automation.ScriptBlock",
            "double": "System.Double", "hashtable": "System.Collections.Hashtable"}.get(low, t)
