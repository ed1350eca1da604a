"""ScriptBlock values: a parsed { } with its text; invoked by the evaluator.

Its .NET methods (Invoke, InvokeReturnAsIs, GetNewClosure, InvokeWithContext) live here: the engine's
member dispatch hands them over through ScriptBlock.call_method.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.objects import MISSING
from pyshell.language import ast as A

__all__ = ["ScriptBlock", "FunctionInfo"]

#: variables a closure never captures (they belong to the invocation, not to the block)
_NOT_CAPTURED = frozenset({"_", "psitem", "input", "args", "this", "pscmdlet", "myinvocation", "psboundparameters"})


class ScriptBlock:
    """A script block as a value: `$sb = { ... }`; ToString() is its source text."""

    PS_TYPE_NAMES = ("System.Management.Automation.ScriptBlock", "System.Object")
    PS_PROPERTIES = ("Ast", "Attributes", "File", "IsFilter", "IsConfiguration", "Module", "StartPosition",
                     "DebuggerHidden", "Id")
    PS_METHODS = ("Invoke", "InvokeReturnAsIs", "GetNewClosure", "InvokeWithContext", "ToString")

    __slots__ = ("ast", "text", "file", "is_filter", "_runspace", "using_values", "closure_scope", "module_scope")

    def __init__(self, ast: A.ScriptBlockAst, text: str | None = None, file: str = "") -> None:
        self.ast = ast
        self.text = ast.text if text is None else text
        self.file = file
        self.is_filter = False
        self._runspace: Any = None  #: set when created in a runspace, for .Invoke()
        self.using_values: dict[str, Any] | None = None  #: $using: values shipped with a job/remote command
        self.closure_scope: Any = None  #: GetNewClosure(): the scope its variables were captured into
        #: the script scope of the module whose code created it: invoked from outside that module it still
        #: runs in the module's session state (sees its private functions and $script: variables)
        self.module_scope: Any = None

    @classmethod
    def create(cls, text: str, file: str = "") -> ScriptBlock:
        from pyshell.language.parser import parse

        return cls(parse(text, file), text, file)

    @property
    def Ast(self) -> Any:  # noqa: N802
        from pyshell.engine.ast_view import view

        return view(self.ast)

    Attributes: list[Any] = []  # noqa: RUF012
    File = property(lambda self: self.file or None)
    IsFilter = property(lambda self: self.is_filter)
    IsConfiguration = False

    @property
    def Module(self) -> Any:  # noqa: N802
        """The module whose code created the block (its session state), else $null."""
        scope = self.module_scope if self.module_scope is not None else self.closure_scope
        table = getattr(self._runspace, "_ps_module_table", None)
        if scope is None or table is None:
            return None
        found = table.by_scope.get(id(scope))
        return found if found is not None and found.scope is scope else None
    StartPosition = property(lambda self: None)
    DebuggerHidden = False
    Id = property(lambda self: id(self.ast))

    def ps_to_string(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"ScriptBlock({self.text!r})"

    def copy(self) -> ScriptBlock:
        other = ScriptBlock(self.ast, self.text, self.file)
        other.is_filter = self.is_filter
        other._runspace = self._runspace
        other.using_values = self.using_values
        other.closure_scope = self.closure_scope
        other.module_scope = self.module_scope
        return other

    def home_scope(self, current: Any) -> Any:
        """The scope a new scope for running this block hangs under: its closure's, or its module's
        when called from outside that module; None means the caller's current scope."""
        if self.closure_scope is not None:
            return self.closure_scope
        home = self.module_scope
        if home is None:
            return None
        scope = current
        while scope is not None:
            if scope is home:
                return None  # already running in the module: ordinary dynamic scoping
            scope = scope.parent
        return home

    # -- .NET methods ---------------------------------------------------------------------------
    def call_method(self, name: str, args: list[Any], invoke: Any) -> Any:
        """$sb.Name(args) for the ScriptBlock methods; MISSING for any other name.

        :param invoke: the evaluator's (sb, args, dollar_under) -> output runner, or None.
        """
        if name == "invoke" or name == "invokereturnasis":
            written = len(args)
            if written == 1 and type(args[0]) is list:
                args = list(args[0])  # an object[] given alone is the params array itself, as in .NET
            out = self._run("Invoke" if name == "invoke" else "InvokeReturnAsIs", args, invoke, nargs=written)
            if name == "invoke":
                from pyshell.engine.hosting_streams import OutputCollection

                return OutputCollection(out)
            return None if not out else (out[0] if len(out) == 1 else out)
        if name == "getnewclosure":
            return self.GetNewClosure(invoke)
        if name == "invokewithcontext":
            return self.InvokeWithContext(invoke, *args)
        if name == "tostring":
            return self.text
        return MISSING

    def _runspace_of(self, invoke: Any) -> Any:
        owner = getattr(invoke, "__self__", None)
        rs = getattr(owner, "rs", None)
        return rs if rs is not None else self._runspace

    def _run(self, method: str, args: list[Any], invoke: Any, block: ScriptBlock | None = None,
             nargs: int | None = None) -> list[Any]:
        """Run the block for a .NET-style call: errors come back as a MethodInvocationException."""
        from pyshell.engine.method_errors import wrap_method_error
        from pyshell.errors import PyshellError

        target = block or self
        try:
            if invoke is not None:
                return list(invoke(target, list(args), MISSING))
            rs = self._runspace
            if rs is None:
                return []
            return rs.invoke(target, args=list(args))
        except PyshellError as e:
            raise wrap_method_error(method, len(args) if nargs is None else nargs, e) from None

    def GetNewClosure(self, invoke: Any = None) -> ScriptBlock:  # noqa: N802
        """A copy bound to a snapshot of the caller's local variables (seen before the global scope)."""
        from pyshell.engine.scope import Scope

        rs = self._runspace_of(invoke)
        closure = self.copy()
        if rs is None:
            return closure
        scope = Scope(rs.global_scope)
        for key, value in rs.scope.variables.items():
            if str(key).lower() not in _NOT_CAPTURED:
                scope.variables[key] = value
        if rs.scope is not rs.global_scope:
            for key, fn in rs.scope.functions.items():
                scope.functions[key] = fn
        closure.closure_scope = scope
        # the per-item fast path of ForEach-Object runs blocks in the caller's scope: opt out of it
        closure.using_values = self.using_values if self.using_values is not None else {}
        return closure

    def InvokeWithContext(self, invoke: Any, functions: Any = None, variables: Any = None,  # noqa: N802
                          *args: Any) -> Any:
        """InvokeWithContext(functionsToDefine, variablesToDefine, args): run with extra functions/variables."""
        from pyshell.engine.conversions import to_string
        from pyshell.engine.objects import Hashtable, enumerate_value, get_property
        from pyshell.engine.scope import Scope

        rs = self._runspace_of(invoke)
        block = self.copy()
        if rs is not None:
            scope = Scope(self.closure_scope or rs.scope)
            if isinstance(functions, Hashtable):
                for name, body in functions.items():
                    sb = body if isinstance(body, ScriptBlock) else ScriptBlock.create(to_string(body))
                    scope.functions[to_string(name)] = FunctionInfo(to_string(name), sb)
            for var in enumerate_value(variables) if variables is not None else ():
                name = get_property(var, "Name")
                if name is not MISSING:
                    scope.variables[to_string(name)] = get_property(var, "Value")
            block.closure_scope = scope
        rest = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
        from pyshell.engine.hosting_streams import OutputCollection

        return OutputCollection(self._run("InvokeWithContext", rest, invoke, block, nargs=2 + len(args)))


class FunctionInfo:
    """A function defined with `function name { }`."""

    PS_TYPE_NAMES = ("System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo",
                     "System.Object")
    PS_PROPERTIES = ("CommandType", "Name", "Version", "Source", "ScriptBlock", "Definition", "Options",
                     "Parameters", "ParameterSets")

    def __init__(self, name: str, block: ScriptBlock, is_filter: bool = False) -> None:
        self.Name = name
        self.ScriptBlock = block
        self.Options = "None"  #: ScopedItemOptions text (Set-Item function:f -Options ReadOnly)
        self.is_filter = is_filter
        self.CommandType = "Filter" if is_filter else "Function"
        self.Version = ""
        self.Source = ""

    @property
    def Definition(self) -> str:  # noqa: N802
        return self.ScriptBlock.text

    @property
    def Parameters(self) -> Any:  # noqa: N802
        """name -> ParameterMetadata from the param() block (engine/cmdmeta.py), common ones when advanced."""
        from pyshell.engine.cmdmeta import function_metadata

        return function_metadata(self)[0]

    @property
    def ParameterSets(self) -> Any:  # noqa: N802
        from pyshell.engine.cmdmeta import function_metadata

        return function_metadata(self)[1]

    def ps_to_string(self) -> str:
        return self.Name
