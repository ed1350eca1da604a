"""$sb.Ast: the parsed syntax tree with PowerShell's property names (ParamBlock, EndBlock.Statements...).

Why: tests read a few things off a script block's Ast (its parameters, how many statements it has,
a node's Extent.Text); our AST nodes use Python names, so this adapter maps the common ones.
"""

from __future__ import annotations

from typing import Any

from pyshell.language import ast as A

__all__ = ["view"]


def view(node: Any) -> Any:
    """Wrap an AST node (lists of nodes stay lists of wrapped nodes)."""
    if isinstance(node, (list, tuple)):
        return [view(n) for n in node]
    if isinstance(node, A.Node):
        return AstView(node)
    return node


class Extent:
    """IScriptExtent: where a node sits and its text."""

    PS_TYPE_NAMES = ("System.Management.Automation.Language.InternalScriptExtent", "System.Object")
    PS_PROPERTIES = ("File", "StartLineNumber", "StartColumnNumber", "StartOffset", "EndOffset", "Text")

    def __init__(self, node: A.Node) -> None:
        span = getattr(node, "span", None)
        self.File = (span.file or None) if span is not None else None
        self.StartLineNumber = span.line if span is not None else 0
        self.StartColumnNumber = span.column if span is not None else 0
        self.StartOffset = span.start if span is not None else 0
        self.EndOffset = span.end if span is not None else 0
        text = span.text() if span is not None else ""
        if isinstance(node, A.ScriptBlockAst):
            if not text:
                text = node.text
            elif text.endswith("}") and not text.lstrip().startswith("{"):
                text = "{" + text  # a { } literal's span starts inside the brace
        else:
            text = text.rstrip()  # our spans run up to the next token
        self.Text = text

    def ps_to_string(self) -> str:
        return self.Text


#: PowerShell property name -> our attribute, per node type; names not listed map to themselves in snake_case
_RENAMES: dict[str, dict[str, str]] = {
    "ScriptBlockAst": {"ParamBlock": "param_block", "BeginBlock": "begin", "ProcessBlock": "process",
                       "EndBlock": "end"},
    "ParamBlockAst": {"Parameters": "parameters", "Attributes": "attributes"},
    "StatementBlockAst": {"Statements": "statements", "Traps": "traps"},
    "ParameterAst": {"DefaultValue": "default", "Attributes": "attributes"},
}


class AstView:
    """One node: its mapped properties plus Extent and Parent-less navigation."""

    def __init__(self, node: A.Node) -> None:
        self._node = node
        kind = type(node).__name__
        names = dict(_RENAMES.get(kind, {}))
        renamed = set(names.values())
        for field in getattr(type(node), "__annotations__", {}):
            if field in ("span", "text") or field in renamed:
                continue
            pretty = "".join(part.capitalize() for part in field.split("_"))
            names.setdefault(pretty, field)
        self._names = names
        self.PS_TYPE_NAMES = (_ps_type(kind), "System.Management.Automation.Language.Ast", "System.Object")
        self.PS_PROPERTIES = (*names, "Extent", *(("Name",) if kind == "ParameterAst" else ()),
                              *(("StaticType",) if kind == "ParameterAst" else ()))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "Extent":
            return Extent(self._node)
        if name == "Name" and isinstance(self._node, A.ParameterAst):
            return ParameterName(self._node.name)
        if name == "StaticType" and isinstance(self._node, A.ParameterAst):
            from pyshell.engine.types import TypeRef

            return TypeRef(self._node.type_name or "System.Object")
        field = self._names.get(name)
        if field is None:
            raise AttributeError(name)
        return view(getattr(self._node, field, None))

    def ps_to_string(self) -> str:
        return Extent(self._node).Text


class ParameterName:
    """ParameterAst.Name: a VariableExpressionAst; ToString() is "$name", VariablePath.UserPath the bare name."""

    PS_TYPE_NAMES = ("System.Management.Automation.Language.VariableExpressionAst", "System.Object")
    PS_PROPERTIES = ("VariablePath",)

    def __init__(self, name: str) -> None:
        self.name = name
        self.VariablePath = _VariablePath(name)

    def ps_to_string(self) -> str:
        return "$" + self.name


class _VariablePath:
    PS_TYPE_NAMES = ("System.Management.Automation.VariablePath", "System.Object")
    PS_PROPERTIES = ("UserPath",)

    def __init__(self, name: str) -> None:
        self.UserPath = name

    def ps_to_string(self) -> str:
        return self.UserPath


def _ps_type(kind: str) -> str:
    if kind == "StatementBlockAst":
        kind = "NamedBlockAst"  # a script block's begin/process/end blocks
    return "System.Management.Automation.Language." + kind
