"""Compiles hot AST nodes once into Python closures, cached on the node, so evaluating them is a
direct call chain: `fn(evaluator) -> value`. A closure holds no runspace state, so one AST can
run in several runspaces (jobs, threads). Nodes without a specialised form call the Evaluator's
`ex_<Node>` method, so behaviour stays defined in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pyshell.engine.objects import MISSING, is_null_like
from pyshell.engine.operators import binary_op, unary_op
from pyshell.errors import PyshellError
from pyshell.language import ast as A

if TYPE_CHECKING:
    from pyshell.engine.evaluator import Evaluator

__all__ = ["compile_expr", "compile_statement", "Compiled", "VOID", "VALUE", "simple_expression", "variable_reader",
           "variable_writer", "arith", "range_operands", "is_automation_null_expr"]

Compiled = Callable[["Evaluator"], Any]

#: statement kinds: VOID runs for its effect only; VALUE's result is output (arrays unrolled)
VOID = 1
VALUE = 2

#: names read_variable answers itself (not from a scope)
_SPECIAL_READ = {"true", "false", "null", "?", "pwd", "error", "psculture", "psuiculture"}
#: names assign_variable treats specially (read-only, $null)
_SPECIAL_WRITE = {"true", "false", "null", "pid", "home", "host", "psversiontable", "pshome", "islinux", "ismacos",
                  "iswindows", "iscoreclr", "shellid", "?"}
_INT_MIN, _INT_MAX = -2147483648, 2147483647
_ARITH = {"+", "-", "*"}


def compile_expr(e: A.Expression) -> Compiled:
    """The closure for an expression node (built on first use, then cached on the node)."""
    fn = e._compiled  # type: ignore[attr-defined]
    if fn is None:
        maker = _MAKERS.get(type(e))
        fn = maker(e) if maker is not None else _generic(e)
        object.__setattr__(e, "_compiled", fn)
    return fn  # type: ignore[no-any-return]


def _generic(e: A.Expression) -> Compiled:
    from pyshell.engine.evaluator import Evaluator

    method = getattr(Evaluator, "ex_" + type(e).__name__)

    def run(ev: Evaluator) -> Any:
        return method(ev, e)
    return run


def _constant(e: A.ConstantAst | A.StringConstantAst) -> Compiled:
    value = e.value

    def run(ev: Evaluator) -> Any:
        return value
    return run


def variable_reader(name: str, scope: str | None, span: Any = None) -> Compiled | None:
    """A fast reader for an unqualified, ordinary variable; None when read_variable must decide.
    An unset variable reads as $null; strict mode is checked on that miss path only."""
    low = name.lower()
    if scope is not None or low in _SPECIAL_READ or low.startswith("alias:"):  # $alias:x reads the provider
        return None
    key = name.casefold()

    def run(ev: Evaluator) -> Any:
        first = ev.rs.scope
        entry = first.variables._data.get(key)
        if entry is not None:
            return entry[1]
        sc = first.parent
        while sc is not None:
            entry = sc.variables._data.get(key)
            if entry is not None and not (sc.private and low in sc.private):
                return entry[1]
            sc = sc.parent
        if ev.strict_any:
            from pyshell.engine.strict import check_undefined_variable

            check_undefined_variable(ev.rs, name, span)
        return None
    return run


def _variable(e: A.VariableAst) -> Compiled:
    low = e.name.lower()
    if e.scope is None and low in ("true", "false", "null"):
        value = {"true": True, "false": False, "null": None}[low]

        def const(ev: Evaluator) -> Any:
            return value
        return const
    fast = variable_reader(e.name, e.scope, e.span)
    if fast is not None:
        return fast
    name, scope, span = e.name, e.scope, e.span

    def run(ev: Evaluator) -> Any:
        return ev.rs.read_variable(name, scope, span)
    return run


def arith(op: str, left: Any, right: Any) -> Any:
    """+ - * on two plain numbers when the result stays in the operands' kind; MISSING otherwise."""
    tl, tr = type(left), type(right)
    if (tl is int or tl is float) and (tr is int or tr is float):
        r = left + right if op == "+" else left * right if op == "*" else left - right
        if type(r) is float or _INT_MIN <= r <= _INT_MAX:
            return r
    return MISSING


def is_null_variable(e: A.Node) -> bool:
    """The literal `$null` (a right operand of -is/-isnot tests for null instead of naming a type)."""
    return type(e) is A.VariableAst and e.scope is None and e.name.lower() == "null"


def _binary(e: A.BinaryAst) -> Compiled:
    op = e.operator
    left = compile_expr(e.left)
    right = compile_expr(e.right)
    if op == "-and":
        from pyshell.engine.conversions import to_bool

        def and_(ev: Evaluator) -> Any:
            return to_bool(left(ev)) and to_bool(right(ev))
        return and_
    if op == "-or":
        from pyshell.engine.conversions import to_bool as to_bool_

        def or_(ev: Evaluator) -> Any:
            return to_bool_(left(ev)) or to_bool_(right(ev))
        return or_
    if op == "??":
        def coalesce(ev: Evaluator) -> Any:
            v = left(ev)
            return right(ev) if v is None or is_null_like(v) else v
        return coalesce
    if op in ("-is", "-isnot") and is_null_variable(e.right):
        want = op == "-is"

        def is_null(ev: Evaluator) -> Any:
            return is_null_like(left(ev)) == want  # `-is $null`: $null, AutomationNull, DBNull, NullString
        return is_null
    if op in _ARITH and type(e.right) is A.ConstantAst and type(e.right.value) in (int, float):
        rv = e.right.value  # `$x * 2`: the constant is not evaluated per call

        def arithmetic_const(ev: Evaluator) -> Any:
            lv = left(ev)
            tl = type(lv)
            if tl is int or tl is float:
                r = lv + rv if op == "+" else lv * rv if op == "*" else lv - rv
                if type(r) is float or _INT_MIN <= r <= _INT_MAX:
                    return r
            return ev.binary(e, lv, rv)
        return arithmetic_const
    if op in _ARITH:
        def arithmetic(ev: Evaluator) -> Any:
            lv = left(ev)
            rv = right(ev)
            tl, tr = type(lv), type(rv)
            if (tl is int or tl is float) and (tr is int or tr is float):
                r = lv + rv if op == "+" else lv * rv if op == "*" else lv - rv
                if type(r) is float or _INT_MIN <= r <= _INT_MAX:
                    return r
            return ev.binary(e, lv, rv)
        return arithmetic

    def other(ev: Evaluator) -> Any:
        return ev.binary(e, left(ev), right(ev))
    return other


def _unary(e: A.UnaryAst) -> Compiled:
    op = e.operator
    operand = compile_expr(e.operand)

    def run(ev: Evaluator) -> Any:
        return unary_op(op, operand(ev))
    return run


def simple_expression(stmt: A.Statement) -> A.Expression | None:
    """The expression of a statement that is only an expression (no pipe, redirection or `&`)."""
    if type(stmt) is A.PipelineAst and len(stmt.elements) == 1 and not stmt.background:
        el = stmt.elements[0]
        if type(el) is A.CommandExpressionAst and not el.redirections:
            return el.expression
    return None


def _paren(e: A.ParenExpressionAst) -> Compiled:
    inner = simple_expression(e.pipeline)
    if inner is not None:
        return compile_expr(inner)
    return _generic(e)


def _member(e: A.MemberAst) -> Compiled:
    if e.static or type(e.member) is not A.StringConstantAst:
        return _generic(e)
    from pyshell.engine.members import get_member

    target = compile_expr(e.target)
    name = e.member.value
    count_like = name.lower() in ("count", "length") and not e.null_conditional

    null_conditional = e.null_conditional
    span = e.span

    def run(ev: Evaluator) -> Any:
        t = target(ev)
        if ev.strict_any and not (t is None and null_conditional):
            from pyshell.engine.strict import strict_get_member

            try:
                return strict_get_member(ev.rs, t, name)
            except PyshellError as err:
                if err.span is None:
                    err.span = span
                raise
        if t is None:
            return 0 if count_like else None
        return get_member(t, name)
    return run


_MAKERS: dict[type, Callable[[Any], Compiled]] = {
    A.ConstantAst: _constant,
    A.StringConstantAst: _constant,
    A.VariableAst: _variable,
    A.BinaryAst: _binary,
    A.UnaryAst: _unary,
    A.ParenExpressionAst: _paren,
    A.MemberAst: _member,
}


# -- statements -----------------------------------------------------------------------------

def compile_statement(stmt: A.Statement) -> tuple[int, Compiled] | None:
    """(kind, closure) for a statement that needs no generator: an expression or an assignment.

    :returns: None for every other statement (the evaluator runs those as generators).
    """
    cached: tuple[int, Compiled] | bool | None = stmt._compiled  # type: ignore[attr-defined]
    if cached is None:
        cached = _compile_statement(stmt) or False
        object.__setattr__(stmt, "_compiled", cached)
    return cached if isinstance(cached, tuple) else None


def _compile_statement(stmt: A.Statement) -> tuple[int, Compiled] | None:
    expr = simple_expression(stmt)
    if expr is not None:
        return (VOID if type(expr) is A.IncDecAst else VALUE), compile_expr(expr)
    if type(stmt) is A.AssignmentAst:
        return VOID, _assignment(stmt)
    return None


def _assignment(a: A.AssignmentAst) -> Compiled:
    inner = simple_expression(a.value)
    target, op = a.target, a.operator
    if inner is not None:
        rhs = compile_expr(inner)
    else:
        value_stmt = a.value

        def rhs(ev: Evaluator) -> Any:
            return ev.statement_value(value_stmt)
    if type(target) is not A.VariableAst or target.scope is not None or target.name.lower() in _SPECIAL_WRITE \
            or op not in ("=", "+=", "-=", "*=") or target.name[:6].lower() == "alias:":
        def generic(ev: Evaluator) -> Any:
            ev.assign(target, op, rhs(ev), a)
        return generic
    read = variable_reader(target.name, None, target.span)
    write = variable_writer(target.name, None)
    assert read is not None and write is not None
    bop = op[0]
    key, name, span = target.name.casefold(), target.name, target.span

    if bop == "=":
        if inner is None and type(a.value) is A.PipelineAst or type(inner) is A.SubExpressionAst \
                or (inner is not None and is_automation_null_expr(inner)):
            return _assign_output(a, target.name, write)

        def assign(ev: Evaluator) -> Any:
            write(ev, rhs(ev))
        return assign

    def compound(ev: Evaluator) -> Any:
        value = rhs(ev)
        # compound assignment does not use dynamic scoping: it reads the current scope's variable only
        entry = ev.rs.scope.variables._data.get(key)
        if entry is not None:
            current = entry[1]
        elif ev.rs.allscope_names and key in ev.rs.allscope_names:
            current = read(ev)  # an AllScope variable is every scope's own
        else:
            current = None
            if ev.strict_any:
                from pyshell.engine.strict import check_undefined_variable

                check_undefined_variable(ev.rs, name, span)
        tl, tr = type(current), type(value)
        if (tl is int or tl is float) and (tr is int or tr is float):
            r = current + value if bop == "+" else current * value if bop == "*" else current - value
            if type(r) is float or _INT_MIN <= r <= _INT_MAX:
                write(ev, r)
                return
        write(ev, binary_op(bop, current, value, set_matches=ev._set_matches))
    return compound


def _assign_output(a: A.AssignmentAst, name: str, write: Callable[[Evaluator, Any], None]) -> Compiled:
    """`$v = <pipeline>`: nothing written makes $v AutomationNull ($null that pipes as no input at all)."""
    value_stmt = a.value
    inner = simple_expression(value_stmt)
    low = name.lower()

    def assign_output(ev: Evaluator) -> Any:
        if type(inner) is A.SubExpressionAst:
            out = ev.subexpression_items(inner)
        elif inner is not None:
            ev.eval(inner)
            out = []
        else:
            out = list(ev.exec_statement(value_stmt))
        write(ev, out[0] if len(out) == 1 else (out or None))
        if not out:
            ev.anull_any = True
            sc = ev.rs.scope
            if sc.anull is None:
                sc.anull = set()
            sc.anull.add(low)
    return assign_output


def is_automation_null_expr(expr: A.Expression) -> bool:
    """[System.Management.Automation.Internal.AutomationNull]::Value: evaluates to $null but outputs nothing."""
    if not (type(expr) is A.MemberAst and expr.static and type(expr.target) is A.TypeAst
            and type(expr.member) is A.StringConstantAst and expr.member.value.lower() == "value"):
        return False
    from pyshell.engine.types import resolve_type

    try:
        return resolve_type(expr.target.type_name).FullName == "System.Management.Automation.Internal.AutomationNull"
    except Exception:  # noqa: BLE001 - an unknown type is simply not AutomationNull
        return False


def constrained_value(type_name: str, value: Any) -> Any:
    """A value assigned to a type-constrained variable ([int]$a = 3; $a = 'x'): converted, and a failure is the
    ArgumentTransformationMetadataException pwsh shows as MetadataError."""
    from pyshell.engine.types import convert_to
    from pyshell.errors import PyshellError

    try:
        return convert_to(type_name, value)
    except PyshellError as e:
        e.category = "MetadataError"
        e.reason = "ArgumentTransformationMetadataException"
        e.ps_type_name = "System.Management.Automation.ArgumentTransformationMetadataException"
        raise


def variable_writer(name: str, scope: str | None) -> Callable[[Evaluator, Any], None] | None:
    """A fast `$name = value` in the current scope for an ordinary variable; None when
    Runspace.assign_variable must decide (qualified, read-only or $null)."""
    low = name.lower()
    if scope is not None or low in _SPECIAL_WRITE:
        return None
    key = name.casefold()

    def run(ev: Evaluator, value: Any) -> None:
        rs = ev.rs
        sc = rs.scope
        if rs.var_types:
            types = rs.var_types.get(id(sc))
            if types and low in types:
                value = constrained_value(types[low], value)
        if (sc.options and low in sc.options) or (rs.allscope_names and low in rs.allscope_names) or rs.var_checks:
            rs.assign_variable(name, None, value)
            return
        if sc.anull is not None:
            sc.anull.discard(low)
        data = sc.variables._data  # Hashtable.set_folded, inlined: this runs per loop iteration
        old = data.get(key)
        data[key] = (old[0] if old else name, value)
    return run


def range_operands(ev: Evaluator, stmt: A.Statement) -> range | None:
    """`a..b` with integer ends as a lazy range (foreach, a pipeline's first element); None for
    any other statement, which is evaluated as usual."""
    expr = simple_expression(stmt)
    if type(expr) is A.ParenExpressionAst:
        expr = simple_expression(expr.pipeline)
    if type(expr) is not A.BinaryAst or expr.operator != "..":
        return None
    a = compile_expr(expr.left)(ev)
    b = compile_expr(expr.right)(ev)
    if type(a) is not int or type(b) is not int:
        from pyshell.engine.operators import char_range, range_bounds
        from pyshell.errors import PyshellError

        if char_range(a, b) is not None:
            return None
        try:
            a, b = range_bounds(a, b)
        except PyshellError as err:
            if err.span is None:
                err.span = expr.span
            raise
    return range(a, b + 1) if a <= b else range(a, b - 1, -1)
