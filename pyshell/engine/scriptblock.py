"""ScriptBlock values: a parsed { } with its text; invoked by the evaluator."""

from __future__ import annotations

from typing import Any

from pyshell.language import ast as A

__all__ = ["ScriptBlock", "FunctionInfo"]


class ScriptBlock:
    """A script block as a value: `$sb = { ... }`; ToString() is its source text."""

    PS_TYPE_NAMES = ("System.Management.Automation.ScriptBlock", "System.Object")
    PS_PROPERTIES = ("Ast", "Attributes", "File", "IsFilter", "IsConfiguration", "Module", "StartPosition")
    PS_METHODS = ("Invoke", "InvokeReturnAsIs", "GetNewClosure", "ToString")

    __slots__ = ("ast", "text", "file", "is_filter", "_runspace", "using_values")

    def __init__(self, ast: A.ScriptBlockAst, text: str | None = None, file: str = "") -> None:
        self.ast = ast
        self.text = ast.text if text is None else text
        self.file = file
        self.is_filter = False
        self._runspace: Any = None  #: set when created in a runspace, for .Invoke()
        self.using_values: dict[str, Any] | None = None  #: $using: values shipped with a job/remote command

    @classmethod
    def create(cls, text: str, file: str = "") -> ScriptBlock:
        from pyshell.language.parser import parse

        return cls(parse(text, file), text, file)

    @property
    def Ast(self) -> A.ScriptBlockAst:  # noqa: N802
        return self.ast

    Attributes: list[Any] = []  # noqa: RUF012
    File = property(lambda self: self.file or None)
    IsFilter = property(lambda self: self.is_filter)
    IsConfiguration = False
    Module = None
    StartPosition = property(lambda self: None)

    def ps_to_string(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"ScriptBlock({self.text!r})"


class FunctionInfo:
    """A function defined with `function name { }`."""

    PS_TYPE_NAMES = ("System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo",
                     "System.Object")
    PS_PROPERTIES = ("CommandType", "Name", "Version", "Source", "ScriptBlock", "Definition")

    def __init__(self, name: str, block: ScriptBlock, is_filter: bool = False) -> None:
        self.Name = name
        self.ScriptBlock = block
        self.is_filter = is_filter
        self.CommandType = "Filter" if is_filter else "Function"
        self.Version = ""
        self.Source = ""

    @property
    def Definition(self) -> str:  # noqa: N802
        return self.ScriptBlock.text

    def ps_to_string(self) -> str:
        return self.Name
