"""A small XPath 1.0 evaluator over engine/xmldoc.py nodes (SelectNodes, Select-Xml).

Covers location paths (/, //, ., .., *, @attr, axes, text(), node(), comment()), unions,
predicates with positions, comparisons, and/or, and the common functions (position, last,
count, name, local-name, contains, starts-with, string, normalize-space, not, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pyshell.errors import RuntimeScriptError

__all__ = ["select", "XPathError"]


class XPathError(Exception):
    """An XPath expression that does not parse; .NET's XPathException text."""


_TOKEN = re.compile(r"""\s*(?:
    (?P<num>\d+(?:\.\d*)?|\.\d+)
  | (?P<str>"[^"]*"|'[^']*')
  | (?P<op>//|::|\.\.|!=|<=|>=|[/()\[\]@,|=<>*.+\-$])
  | (?P<name>[A-Za-z_][\w.\-]*(?::(?:[A-Za-z_][\w.\-]*|\*))?)
)""", re.X)


def _tokens(expr: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(expr):
        if expr[pos:].strip() == "":
            break
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise XPathError(f"'{expr}' has an invalid token.")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


_AXES = ("child", "descendant", "descendant-or-self", "parent", "ancestor", "ancestor-or-self", "self",
         "attribute", "following-sibling", "preceding-sibling", "following", "preceding")


class _Parser:
    """Recursive descent producing closures `f(ctx) -> value` (node lists, str, float, bool)."""

    def __init__(self, expr: str, ns: dict[str, str]) -> None:
        self.expr = expr
        self.toks = _tokens(expr)
        self.i = 0
        self.ns = ns

    def peek(self, k: int = 0) -> tuple[str, str]:
        return self.toks[self.i + k] if self.i + k < len(self.toks) else ("", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        t = self.peek()
        if value is not None and t[1] != value or not t[0]:
            raise XPathError(f"'{self.expr}' has an invalid token." if t[0] else
                             "Expression must evaluate to a node-set." if value is None else
                             f"'{self.expr}' has an invalid token.")
        self.i += 1
        return t

    def parse(self) -> Callable[[Any], Any]:
        f = self.or_expr()
        if self.i != len(self.toks):
            raise XPathError(f"'{self.expr}' has an invalid token.")
        return f

    def or_expr(self) -> Callable[[Any], Any]:
        left = self.and_expr()
        while self.peek() == ("name", "or"):
            self.i += 1
            right = self.and_expr()
            left = (lambda a, b: lambda c: _bool(a(c)) or _bool(b(c)))(left, right)
        return left

    def and_expr(self) -> Callable[[Any], Any]:
        left = self.cmp_expr()
        while self.peek() == ("name", "and"):
            self.i += 1
            right = self.cmp_expr()
            left = (lambda a, b: lambda c: _bool(a(c)) and _bool(b(c)))(left, right)
        return left

    def cmp_expr(self) -> Callable[[Any], Any]:
        left = self.add_expr()
        while self.peek()[1] in ("=", "!=", "<", ">", "<=", ">=") and self.peek()[0] == "op":
            op = self.take()[1]
            right = self.add_expr()
            left = (lambda a, b, o: lambda c: _compare(a(c), b(c), o))(left, right, op)
        return left

    def add_expr(self) -> Callable[[Any], Any]:
        left = self.unary_expr()
        while self.peek() in (("op", "+"), ("op", "-")) or self.peek() in (("name", "div"), ("name", "mod")):
            op = self.take()[1]
            right = self.unary_expr()
            left = (lambda a, b, o: lambda c: _arith(_num(a(c)), _num(b(c)), o))(left, right, op)
        return left

    def unary_expr(self) -> Callable[[Any], Any]:
        if self.peek() == ("op", "-"):
            self.i += 1
            inner = self.unary_expr()
            return lambda c: -_num(inner(c))
        return self.union_expr()

    def union_expr(self) -> Callable[[Any], Any]:
        left = self.path_expr()
        while self.peek() == ("op", "|"):
            self.i += 1
            right = self.path_expr()
            left = (lambda a, b: lambda c: _doc_order(_nodes(a(c)) + _nodes(b(c))))(left, right)
        return left

    def path_expr(self) -> Callable[[Any], Any]:
        kind, val = self.peek()
        if kind in ("num", "str") or (kind == "name" and self.peek(1) == ("op", "(")
                                      and val not in ("text", "node", "comment", "processing-instruction")):
            prim = self.primary()
            preds = self.predicates()
            if preds:
                prim = (lambda p, ps: lambda c: _apply_preds(_nodes(p(c)), ps))(prim, preds)
            if self.peek()[1] in ("/", "//"):
                return self.rel_path(prim)
            return prim
        if kind == "op" and val == "(":
            prim = self.primary()
            return prim
        if val == "/" and kind == "op":
            self.i += 1
            if self.peek()[0] in ("name",) or self.peek()[1] in ("@", "*", ".", ".."):
                return self.rel_path(_root_set, first_sep="/")
            return _root_set
        if val == "//" and kind == "op":
            return self.rel_path(_root_set, first_sep=None)
        return self.rel_path(lambda c: [c[0]], first_sep="/")

    def rel_path(self, start: Callable[[Any], Any], first_sep: str | None = "") -> Callable[[Any], Any]:
        steps: list[tuple[str, Callable[[Any], list[Any]]]] = []
        sep = first_sep if first_sep is not None else "//"
        if first_sep is None:
            self.i += 1
        elif first_sep == "":
            sep = self.take()[1]
        while True:
            steps.append((sep, self.step()))
            if self.peek()[1] in ("/", "//") and self.peek()[0] == "op":
                sep = self.take()[1]
            else:
                break

        def run(c: Any) -> list[Any]:
            nodes = _nodes(start(c))
            for s, fn in steps:
                if s == "//":
                    nodes = [d for n in nodes for d in _self_and_descendants(n)]
                out: list[Any] = []
                seen: set[int] = set()
                for n in nodes:
                    for r in fn(n):
                        if id(r) not in seen:
                            seen.add(id(r))
                            out.append(r)
                nodes = out
            return _doc_order(nodes) if len(steps) > 1 or any(s == "//" for s, _ in steps) else nodes

        return run

    def step(self) -> Callable[[Any], list[Any]]:
        kind, val = self.peek()
        if (kind, val) == ("op", "."):
            self.i += 1
            return lambda n: [n]
        if (kind, val) == ("op", ".."):
            self.i += 1
            return lambda n: [_parent(n)] if _parent(n) is not None else []
        axis = "child"
        if (kind, val) == ("op", "@"):
            self.i += 1
            axis = "attribute"
        elif kind == "name" and self.peek(1) == ("op", "::"):
            if val not in _AXES:
                raise XPathError(f"'{self.expr}' has an invalid token.")
            axis = val
            self.i += 2
        test = self.node_test(axis)
        preds = self.predicates()

        def run(n: Any) -> list[Any]:
            cands = [x for x in _axis(n, axis) if test(x)]
            return _apply_preds(cands, preds) if preds else cands

        return run

    def node_test(self, axis: str) -> Callable[[Any], bool]:
        from pyshell.engine import xmldoc as X

        kind, val = self.take()
        if (kind, val) == ("op", "*"):
            want = X.XmlAttribute if axis == "attribute" else X.XmlElement
            return lambda x: isinstance(x, want)
        if kind != "name":
            raise XPathError(f"'{self.expr}' has an invalid token.")
        if self.peek() == ("op", "(") and val in ("text", "node", "comment", "processing-instruction"):
            self.take("(")
            if self.peek()[0] == "str":
                self.i += 1
            self.take(")")
            if val == "text":
                return lambda x: isinstance(x, (X.XmlText, X.XmlCDataSection))
            if val == "comment":
                return lambda x: isinstance(x, X.XmlComment)
            if val == "processing-instruction":
                return lambda x: isinstance(x, X.XmlProcessingInstruction)
            return lambda x: True
        want_cls = X.XmlAttribute if axis == "attribute" else X.XmlElement
        if ":" in val:
            prefix, local = val.split(":", 1)
            if prefix not in self.ns:
                raise XPathError("Namespace Manager or XsltContext needed. This query has a prefix, variable, or "
                                 "user-defined function.")
            uri = self.ns[prefix]
            if local == "*":
                return lambda x: isinstance(x, want_cls) and x.namespace == uri
            return lambda x: isinstance(x, want_cls) and x.namespace == uri and x.local_name == local
        if axis == "attribute":
            return lambda x: isinstance(x, want_cls) and x.qname == val
        # an unprefixed name matches elements in no namespace only (XPath 1.0)
        return lambda x: isinstance(x, want_cls) and x.namespace == "" and x.qname == val

    def predicates(self) -> list[Callable[[Any], Any]]:
        preds = []
        while self.peek() == ("op", "["):
            self.i += 1
            preds.append(self.or_expr())
            self.take("]")
        return preds

    def primary(self) -> Callable[[Any], Any]:
        kind, val = self.take()
        if kind == "num":
            n = float(val)
            return lambda c: n
        if kind == "str":
            s = val[1:-1]
            return lambda c: s
        if (kind, val) == ("op", "("):
            inner = self.or_expr()
            self.take(")")
            return inner
        if kind == "name":
            self.take("(")
            args: list[Callable[[Any], Any]] = []
            if self.peek() != ("op", ")"):
                args.append(self.or_expr())
                while self.peek() == ("op", ","):
                    self.i += 1
                    args.append(self.or_expr())
            self.take(")")
            fn = _FUNCTIONS.get(val)
            if fn is None:
                raise XPathError("Namespace Manager or XsltContext needed. This query has a prefix, variable, or "
                                 "user-defined function.")
            return lambda c: fn(c, [a(c) for a in args])
        raise XPathError(f"'{self.expr}' has an invalid token.")


# -- node navigation -------------------------------------------------------------------------

def _parent(n: Any) -> Any:
    return n.parent


def _root_set(c: Any) -> list[Any]:
    """The node-set of the context node's document (an XPath starting with '/')."""
    return [_root(c[0])]


def _root(n: Any) -> Any:
    while n.parent is not None:
        n = n.parent
    return n


def _self_and_descendants(n: Any) -> list[Any]:
    return [n, *n.iter_descendants()]


def _axis(n: Any, axis: str) -> list[Any]:
    from pyshell.engine.xmldoc import XmlAttribute

    if axis == "child":
        return list(n.children)
    if axis == "attribute":
        return [a for a in n.attrs if not (a.qname == "xmlns" or a.qname.startswith("xmlns:"))]
    if axis == "self":
        return [n]
    if axis == "parent":
        return [n.parent] if n.parent is not None else []
    if axis in ("ancestor", "ancestor-or-self"):
        out = [n] if axis == "ancestor-or-self" else []
        p = n.parent
        while p is not None:
            out.append(p)
            p = p.parent
        return out
    if axis == "descendant":
        return list(n.iter_descendants())
    if axis == "descendant-or-self":
        return _self_and_descendants(n)
    if isinstance(n, XmlAttribute) or n.parent is None:
        return []
    sibs = n.parent.children
    i = next(i for i, c in enumerate(sibs) if c is n)
    if axis == "following-sibling":
        return sibs[i + 1:]
    if axis == "preceding-sibling":
        return list(reversed(sibs[:i]))
    order = _order_map(_root(n))
    if axis == "following":
        return [x for x in _self_and_descendants(_root(n)) if order[id(x)] > order[id(n)]
                and not _is_ancestor(n, x)]
    return [x for x in reversed(_self_and_descendants(_root(n))) if order[id(x)] < order[id(n)]
            and not _is_ancestor(x, n)]


def _is_ancestor(a: Any, n: Any) -> bool:
    p = n.parent
    while p is not None:
        if p is a:
            return True
        p = p.parent
    return False


def _order_map(root: Any) -> dict[int, int]:
    order: dict[int, int] = {}
    for i, x in enumerate(_self_and_descendants(root)):
        order[id(x)] = i * 1000
        for j, a in enumerate(x.attrs):
            order[id(a)] = i * 1000 + j + 1
    return order


def _doc_order(nodes: list[Any]) -> list[Any]:
    if len(nodes) < 2:
        return nodes
    order = _order_map(_root(nodes[0]))
    seen: set[int] = set()
    uniq = [n for n in nodes if not (id(n) in seen or seen.add(id(n)))]  # type: ignore[func-returns-value]
    return sorted(uniq, key=lambda x: order.get(id(x), 0))


def _apply_preds(nodes: list[Any], preds: list[Callable[[Any], Any]]) -> list[Any]:
    for p in preds:
        size = len(nodes)
        kept = []
        for pos, n in enumerate(nodes, 1):
            v = p((n, pos, size))
            if isinstance(v, float) and not isinstance(v, bool):
                if v == pos:
                    kept.append(n)
            elif _bool(v):
                kept.append(n)
        nodes = kept
    return nodes


# -- values ------------------------------------------------------------------------------

def _nodes(v: Any) -> list[Any]:
    if isinstance(v, list):
        return v
    raise XPathError("Expression must evaluate to a node-set.")


def _string(v: Any) -> str:
    if isinstance(v, list):
        return v[0].inner_text() if v else ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v == int(v) else str(v)
    return str(v)


def _num(v: Any) -> float:
    if isinstance(v, float):
        return v
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    try:
        return float(_string(v).strip())
    except ValueError:
        return float("nan")


def _bool(v: Any) -> bool:
    if isinstance(v, list):
        return bool(v)
    if isinstance(v, float):
        return v != 0 and v == v
    return bool(v)


def _arith(a: float, b: float, op: str) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "div":
        return a / b if b else float("inf") if a > 0 else float("-inf") if a < 0 else float("nan")
    return a % b if b else float("nan")


def _compare(a: Any, b: Any, op: str) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        la = [x.inner_text() for x in a] if isinstance(a, list) else [a]
        lb = [x.inner_text() for x in b] if isinstance(b, list) else [b]
        return any(_compare(x, y, op) for x in la for y in lb)
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            eq = _bool(a) == _bool(b)
        elif isinstance(a, float) or isinstance(b, float):
            eq = _num(a) == _num(b)
        else:
            eq = _string(a) == _string(b)
        return eq if op == "=" else not eq
    x, y = _num(a), _num(b)
    return {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]


_FUNCTIONS: dict[str, Callable[[Any, list[Any]], Any]] = {
    "position": lambda c, a: float(c[1]),
    "last": lambda c, a: float(c[2]),
    "count": lambda c, a: float(len(_nodes(a[0]))),
    "name": lambda c, a: (a[0][0].qname if a[0] else "") if a else c[0].qname,
    "local-name": lambda c, a: (a[0][0].local_name if a[0] else "") if a else c[0].local_name,
    "namespace-uri": lambda c, a: (a[0][0].namespace if a[0] else "") if a else c[0].namespace,
    "string": lambda c, a: _string(a[0]) if a else c[0].inner_text(),
    "concat": lambda c, a: "".join(_string(x) for x in a),
    "contains": lambda c, a: _string(a[1]) in _string(a[0]),
    "starts-with": lambda c, a: _string(a[0]).startswith(_string(a[1])),
    "ends-with": lambda c, a: _string(a[0]).endswith(_string(a[1])),
    "substring-before": lambda c, a: _string(a[0]).partition(_string(a[1]))[0] if _string(a[1]) in _string(a[0]) else "",
    "substring-after": lambda c, a: _string(a[0]).partition(_string(a[1]))[2],
    "string-length": lambda c, a: float(len(_string(a[0]) if a else c[0].inner_text())),
    "normalize-space": lambda c, a: " ".join((_string(a[0]) if a else c[0].inner_text()).split()),
    "translate": lambda c, a: _string(a[0]).translate(
        {ord(ch): (_string(a[2])[i] if i < len(_string(a[2])) else None) for i, ch in
         reversed(list(enumerate(_string(a[1]))))}),
    "not": lambda c, a: not _bool(a[0]),
    "true": lambda c, a: True,
    "false": lambda c, a: False,
    "boolean": lambda c, a: _bool(a[0]),
    "number": lambda c, a: _num(a[0]) if a else _num(c[0].inner_text()),
    "sum": lambda c, a: float(sum(_num(x.inner_text()) for x in _nodes(a[0]))),
    "floor": lambda c, a: float(__import__("math").floor(_num(a[0]))),
    "ceiling": lambda c, a: float(__import__("math").ceil(_num(a[0]))),
    "round": lambda c, a: float(__import__("math").floor(_num(a[0]) + 0.5)),
}


def _ns_map(ns: Any) -> dict[str, str]:
    """Prefixes from an XmlNamespaceManager or a hashtable (Select-Xml -Namespace)."""
    if ns is None:
        return {}
    m = getattr(ns, "map", None)
    if isinstance(m, dict):
        return dict(m)
    try:
        return {str(k): str(v) for k, v in ns.items()}
    except AttributeError:
        return {}


def compile_xpath(expr: str, ns: Any = None) -> Callable[[Any], Any]:
    """Parse expr once; raises XPathError with .NET's message."""
    if not expr.strip():
        raise XPathError("Expression must evaluate to a node-set.")
    return _Parser(expr, _ns_map(ns)).parse()


def evaluate_nodes(fn: Callable[[Any], Any], node: Any) -> list[Any]:
    result = fn((node, 1, 1))
    return _nodes(result)


def select(node: Any, expr: str, ns: Any = None, method: str = "SelectNodes", count: int = 1) -> list[Any]:
    """$node.SelectNodes(expr[, ns]): the matching nodes in document order."""
    try:
        return evaluate_nodes(compile_xpath(expr, ns), node)
    except XPathError as e:
        raise RuntimeScriptError(f'Exception calling "{method}" with "{count}" argument(s): "{e}"',
                                 error_id="XPathException", category="NotSpecified",
                                 reason="MethodInvocationException") from None
