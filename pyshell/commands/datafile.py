"""Import-PowerShellDataFile: a .psd1 file's hashtable, read without running anything.

As pwsh's HashtableAst.SafeGetValue: only literals are allowed (numbers, strings without
substitutions, $true/$false/$null, arrays, nested hashtables); anything else (a command, a variable,
a sub-expression) is a terminating InvalidOperationException naming the whole hashtable's text.
More than 500 keys in all is refused the same way unless -SkipLimitCheck.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from pyshell.commands.itembase import ItemCommand, item_error
from pyshell.engine.cmdlet import Param, command
from pyshell.engine.items import expand_wildcards, has_wildcard, strip_provider
from pyshell.engine.objects import Hashtable
from pyshell.errors import PyshellError
from pyshell.language import ast as A

__all__ = ["ImportPowerShellDataFile", "safe_value"]

#: SafeGetValue's limit on hashtable keys (all levels together)
MAX_KEYS = 500


class _Dynamic(Exception):  # noqa: N818 - internal signal
    """The data holds something that is not a literal."""


@command("Import-PowerShellDataFile", default_set="ByPath")
class ImportPowerShellDataFile(ItemCommand):
    """Imports values from a .psd1 file without invoking its contents."""

    Path = Param("string[]", position=0, mandatory=True, sets=("ByPath",))
    LiteralPath = Param("string[]", position=0, mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("ByLiteralPath",))
    SkipLimitCheck = Param("switch")

    def process(self) -> Iterator[Any]:
        for path, literal in self.input_paths():
            resolved = self._resolve(path, literal)
            if resolved is None or not os.path.isfile(resolved):
                self.write_error(item_error(f"Cannot find path '{path}' because it does not exist.", "PathNotFound",
                                            "InvalidArgument", path, "ArgumentException"))
                continue
            yield from self._read(resolved)

    def _resolve(self, path: str, literal: bool) -> str | None:
        """The file a path names: its first wildcard match, or the path itself."""
        full = self.full_path(path, literal)
        if not literal and has_wildcard(strip_provider(path)):
            found = expand_wildcards(full)
            return found[0] if found else None
        return full

    def _read(self, path: str) -> Iterator[Any]:
        from pyshell.language.parser import parse

        try:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
            script = parse(text, path)
        except (OSError, UnicodeDecodeError, PyshellError):
            self.write_error(_invalid_file(path, "CouldNotParseAsPowerShellDataFile"))
            return
        table = _first_hashtable(script)
        if table is None:
            self.write_error(_invalid_file(path, "CouldNotParseAsPowerShellDataFileNoHashtableRoot"))
            return
        yield safe_value(table, skip_limit=bool(self.SkipLimitCheck))


def _invalid_file(path: str, error_id: str) -> PyshellError:
    return item_error(f"The file '{path}' could not be parsed as a PowerShell Data File.", error_id, "InvalidData",
                      path, "InvalidOperationException")


def safe_value(table: A.HashtableAst, *, skip_limit: bool = False) -> Hashtable:
    """The value of a hashtable literal, refusing anything dynamic (HashtableAst.SafeGetValue)."""
    counter = [0]
    try:
        return _value(table, counter, skip_limit)
    except _Dynamic:
        text = table.span.source[table.span.start:table.span.end]
        raise PyshellError("Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. "
                           f"Dynamic expression: {text}.", error_id="System.InvalidOperationException",
                           category="InvalidOperation", reason="InvalidOperationException") from None


def _value(node: Any, counter: list[int], skip_limit: bool) -> Any:
    """One node's literal value; _Dynamic for anything a data file may not hold."""
    match node:
        case A.ConstantAst(value=value):
            return value
        case A.StringConstantAst(value=value):
            return value
        case A.ExpandableStringAst(parts=parts) if all(isinstance(p, str) for p in parts):
            return "".join(parts)
        case A.VariableAst(name=name, scope=None) if name.lower() in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[name.lower()]
        case A.UnaryAst(operator=op, operand=operand) if op in ("-", "+"):
            value = _value(operand, counter, skip_limit)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _Dynamic
            return -value if op == "-" else value
        case A.UnaryAst(operator=",", operand=operand):
            return [_value(operand, counter, skip_limit)]
        case A.ArrayLiteralAst(elements=elements):
            return [_value(e, counter, skip_limit) for e in elements]
        case A.ArrayExpressionAst(body=body):
            values: list[Any] = []
            for statement in body.statements:
                value = _value(statement, counter, skip_limit)
                values.extend(value if isinstance(value, list) else [value])
            return values
        case A.ParenExpressionAst(pipeline=pipeline):
            return _value(pipeline, counter, skip_limit)
        case A.PipelineAst(elements=(single,)):
            return _value(single, counter, skip_limit)
        case A.CommandExpressionAst(expression=expression, redirections=()):
            return _value(expression, counter, skip_limit)
        case A.HashtableAst(pairs=pairs):
            counter[0] += len(pairs)
            if counter[0] > MAX_KEYS and not skip_limit:
                raise _Dynamic
            table = Hashtable()
            for key, value in pairs:
                table[_value(key, counter, skip_limit)] = _value(value, counter, skip_limit)
            return table
    raise _Dynamic


def _first_hashtable(script: A.ScriptBlockAst) -> A.HashtableAst | None:
    """The first hashtable literal in the file, outside nested script blocks (Ast.Find's order)."""
    stack: list[Any] = [script]
    while stack:
        node = stack.pop()
        if isinstance(node, A.HashtableAst):
            return node
        if isinstance(node, A.ScriptBlockExpressionAst):
            continue
        children: list[Any] = []
        for field in getattr(node, "__match_args__", ()):
            if field == "span":
                continue
            _collect(getattr(node, field, None), children)
        stack.extend(reversed(children))
    return None


def _collect(value: Any, out: list[Any]) -> None:
    if isinstance(value, A.Node) or isinstance(value, A.SwitchClause):
        out.append(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _collect(item, out)


