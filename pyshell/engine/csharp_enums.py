"""The enum part of C#: what `Add-Type -TypeDefinition 'public enum E : byte { A = 1, B }'` declares.

Scripts (and PowerShell's own tests) compile small enums with Add-Type; pyshell reads those declarations
(namespaces, [Flags], an underlying integral type, member initializers built from numbers, earlier
members and | & ~ << >> + -) and registers them as enum types. Anything else is reported as unsupported.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

__all__ = ["EnumDecl", "CSharpError", "parse_enums", "register_enums"]

_UNDERLYING = {"sbyte": "System.SByte", "byte": "System.Byte", "short": "System.Int16", "ushort": "System.UInt16",
               "int": "System.Int32", "uint": "System.UInt32", "long": "System.Int64", "ulong": "System.UInt64"}
_ENUM = re.compile(r"((?:\[[^\]]*\]\s*)*)(?:(?:public|internal|private|protected)\s+)*enum\s+([A-Za-z_]\w*)\s*"
                   r"(?::\s*([\w.]+)\s*)?\{([^{}]*)\}\s*;?")
_NAMESPACE = re.compile(r"namespace\s+([\w.]+)\s*(\{|;)")
_TYPE_KEYWORD = re.compile(r"\b(class|struct|interface|delegate|record)\b")


class CSharpError(Exception):
    """The source declares something other than enums, or an enum pyshell cannot read."""


@dataclass
class EnumDecl:
    full_name: str
    names: list[str]
    values: list[int]
    flags: bool
    underlying: str


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def _value(expr: str, known: dict[str, int]) -> int:
    """A member initializer: numbers (decimal, 0x hex, U/L suffixes), earlier members, | & ^ ~ << >> + - ()."""
    text = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", expr.strip())
    text = re.sub(r"\(\s*(?:sbyte|byte|short|ushort|int|uint|long|ulong)\s*\)", "", text)

    def name_value(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.lower().startswith("0x") or word.isdigit():
            return word
        short = word.rsplit(".", 1)[-1]
        if short not in known:
            raise CSharpError(f"The name '{word}' does not exist in the current context.")
        return str(known[short])

    text = re.sub(r"\b[A-Za-z_][\w.]*\b|\b0[xX][0-9a-fA-F]+\b", name_value, text)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise CSharpError(f"Invalid expression term '{expr.strip()}'.") from None
    return _eval(tree.body)


def _eval(node: ast.AST) -> int:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Invert, ast.USub, ast.UAdd)):
        v = _eval(node.operand)
        return ~v if isinstance(node.op, ast.Invert) else (-v if isinstance(node.op, ast.USub) else v)
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left), _eval(node.right)
        ops = {ast.BitOr: lambda: a | b, ast.BitAnd: lambda: a & b, ast.BitXor: lambda: a ^ b,
               ast.LShift: lambda: a << b, ast.RShift: lambda: a >> b, ast.Add: lambda: a + b, ast.Sub: lambda: a - b,
               ast.Mult: lambda: a * b}
        fn = ops.get(type(node.op))
        if fn is not None:
            return fn()
    raise CSharpError("A constant value is expected.")


def _namespace_at(text: str, pos: int) -> str:
    """The namespace(s) enclosing position pos (block-scoped, nested, or file-scoped)."""
    names: list[str] = []
    for m in _NAMESPACE.finditer(text, 0, pos):
        if m.group(2) == ";":
            names.append(m.group(1))
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if i > pos:
            names.append(m.group(1))
    return ".".join(names)


def parse_enums(source: str) -> list[EnumDecl]:
    """The enums declared in C# source; CSharpError when it declares anything else."""
    text = _strip_comments(source)
    decls: list[EnumDecl] = []
    rest = text
    for m in _ENUM.finditer(text):
        attrs, name, base, body = m.group(1), m.group(2), m.group(3), m.group(4)
        underlying = _UNDERLYING.get((base or "int").rsplit(".", 1)[-1].lower())
        if underlying is None:
            underlying = {"SByte": "System.SByte", "Byte": "System.Byte", "Int16": "System.Int16",
                          "UInt16": "System.UInt16", "Int32": "System.Int32", "UInt32": "System.UInt32",
                          "Int64": "System.Int64", "UInt64": "System.UInt64"}.get((base or "").rsplit(".", 1)[-1])
        if underlying is None:
            raise CSharpError(f"Type byte, sbyte, short, ushort, int, uint, long, or ulong expected (enum {name}).")
        flags = bool(re.search(r"\b(System\.)?Flags(Attribute)?\b", attrs or ""))
        names: list[str] = []
        values: list[int] = []
        known: dict[str, int] = {}
        following = 0
        for item in (p.strip() for p in body.split(",")):
            if not item:
                continue
            item = re.sub(r"^\[[^\]]*\]\s*", "", item)
            member, eq, init = item.partition("=")
            member = member.strip()
            if not re.fullmatch(r"[A-Za-z_]\w*", member):
                raise CSharpError(f"Identifier expected (enum {name}).")
            value = _value(init, known) if eq else following
            names.append(member)
            values.append(value)
            known[member] = value
            following = value + 1
        ns = _namespace_at(text, m.start())
        decls.append(EnumDecl(f"{ns}.{name}" if ns else name, names, values, flags, underlying))
        rest = rest.replace(m.group(0), " ", 1)
    if _TYPE_KEYWORD.search(rest):
        raise CSharpError("Only enum declarations can be compiled by pyshell's Add-Type; classes, structs, interfaces "
                          "and delegates are not supported")
    if not decls:
        raise CSharpError("The source declares no types")
    return decls


def register_enums(decls: list[EnumDecl]) -> list[str]:
    """Make the parsed enums known to casts, -is and [enum]:: statics; their full names, in order."""
    from pyshell.engine.enums import ENUM_TYPES
    from pyshell.engine.types import register_enum
    from pyshell.numeric import INT_RANGES

    out: list[str] = []
    for d in decls:
        lo, hi = INT_RANGES[d.underlying]
        bad = next((v for v in d.values if not lo <= v <= hi), None)
        if bad is not None:
            short = {v: k for k, v in _UNDERLYING.items()}[d.underlying]
            raise CSharpError(f"Constant value '{bad}' cannot be converted to a '{short}'")
        register_enum(d.full_name, d.names, d.full_name, values=d.values, flags=d.flags)
        ENUM_TYPES[d.full_name].underlying = d.underlying
        out.append(d.full_name)
    return out
