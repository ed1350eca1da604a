"""Text commands: Join-String and ConvertFrom-StringData."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, Hashtable
from pyshell.errors import PipelineStoppedError, PyshellError

__all__ = ["JoinString", "ConvertFromStringData", "regex_unescape", "regex_escape"]


@command("Join-String", default_set="default")
class JoinString(Cmdlet):
    """Joins pipeline objects (or one property of each) into a single string."""

    Property = Param("object", position=0)
    Separator = Param("string", position=1)
    OutputPrefix = Param("string", aliases=("op",))
    OutputSuffix = Param("string", aliases=("os",))
    SingleQuote = Param("switch", sets=("SingleQuote",))
    DoubleQuote = Param("switch", sets=("DoubleQuote",))
    FormatString = Param("string", sets=("Format",))
    UseCulture = Param("switch")
    InputObject = Param("psobject[]", pipeline=True)

    def begin(self) -> Iterable[Any]:
        self._parts: list[str] = []
        if self.is_bound("Separator") and self.Separator is not None:
            self._sep = to_string(self.Separator)
        else:  # pwsh falls back to $OFS, and to '' when $OFS is unset
            ofs = self.runspace.get_variable("OFS")
            self._sep = "" if ofs is MISSING or ofs is None else to_string(ofs)
        self._quote = "'" if self.SingleQuote else '"' if self.DoubleQuote else ""
        return ()

    def _value(self, obj: Any) -> Any:
        if not self.is_bound("Property") or self.Property is None:
            return obj
        from pyshell.engine.calculated import evaluate

        try:
            value = evaluate(self.runspace, self.Property, obj)
        except PipelineStoppedError:
            raise
        except PyshellError:
            return None  # property expressions swallow their errors here, as in pwsh
        return None if value is MISSING else value

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject") or self.InputObject is None:
            return iter(())
        items = self.InputObject if isinstance(self.InputObject, list) else [self.InputObject]
        for obj in items:
            if obj is None:
                continue
            value = self._value(obj)
            text = to_string(value)
            if self._quote:
                self._parts.append(f"{self._quote}{text}{self._quote}")
            elif self.FormatString:
                from pyshell.engine.operators import format_string

                self._parts.append(format_string(self.FormatString, [value]))
            else:
                self._parts.append(text)
        return iter(())

    def end(self) -> Iterable[Any]:
        prefix = to_string(self.OutputPrefix) if self.OutputPrefix is not None else ""
        suffix = to_string(self.OutputSuffix) if self.OutputSuffix is not None else ""
        return [prefix + self._sep.join(self._parts) + suffix]


# -- ConvertFrom-StringData -----------------------------------------------------------------------

_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "r": "\r", "v": "\v", "f": "\f", "n": "\n", "e": "\x1b"}
_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z]|[0-7]{1,3}|.)", re.S)
_TO_ESCAPE = set("\\*+?|{[()^$.# ")
_WS_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}


def regex_unescape(text: str) -> str:
    """.NET Regex.Unescape: `\\n`, `\\t`, `\\xHH`, `\\uHHHH`, octal and `\\<char>` become the characters."""

    def repl(m: re.Match[str]) -> str:
        tok = m.group(1)
        first = tok[0]
        if first in _SIMPLE_ESCAPES and len(tok) == 1:
            return _SIMPLE_ESCAPES[first]
        if first in "xu" and len(tok) > 1:
            return chr(int(tok[1:], 16))
        if first == "c" and len(tok) == 2:
            return chr(ord(tok[1].upper()) - 64)
        if first.isdigit() and first in "01234567":
            return chr(int(tok, 8))
        return tok

    return _ESCAPE_RE.sub(repl, text)


def regex_escape(text: str) -> str:
    """.NET Regex.Escape: metacharacters and white space escaped."""
    out = []
    for ch in text:
        if ch in _WS_ESCAPES:
            out.append(_WS_ESCAPES[ch])
        elif ch in _TO_ESCAPE:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


@command("ConvertFrom-StringData")
class ConvertFromStringData(Cmdlet):
    """Converts `name=value` lines to a hashtable (values unescaped as regex escapes)."""

    StringData = Param("string", position=0, mandatory=True, pipeline=True)
    Delimiter = Param("char", position=1)
    AsLiteral = Param("switch")

    def process(self) -> Iterator[Any]:
        result = Hashtable()
        data = to_string(self.StringData) if self.StringData is not None else ""
        if not data:
            return iter([result])
        delimiter = to_string(self.Delimiter) if self.is_bound("Delimiter") else "="
        if self.AsLiteral:
            data = regex_escape(data)
        for raw in data.split("\n"):
            line = raw.strip()
            if not line or line[0] == "#":
                continue
            index = line.find(delimiter) if delimiter else -1
            if index <= 0:
                raise PyshellError(f"Data line '{line}' is not in 'name=value' format.",
                                   error_id="InvalidOperation", category="InvalidOperation")
            name = line[:index].strip()
            if name in result:
                raise PyshellError(f"Data item '{name}' in line '{line}' is already defined.",
                                   error_id="InvalidOperation", category="InvalidOperation")
            result[name] = regex_unescape(line[index + 1:].strip())
        return iter([result])


