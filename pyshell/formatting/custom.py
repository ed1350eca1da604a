"""Format-Custom without a custom view: pwsh's ComplexViewObjectBrowser.

An object shows as `class ShortTypeName` / `{` / `  Prop = value` / `}`; nested objects expand
the same way two columns further in (down to -Depth, 5 by default), collections as `[` ... `]`.
Like pwsh's ComplexWriter, each object's text ends with one empty line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pyshell.engine.objects import type_names
from pyshell.formatting.cells import (
    ELLIPSIS,
    ENUMERATION_LIMIT,
    enumerate_for_display,
    field_text,
    is_scalar,
    wrap_lines,
)
from pyshell.formatting.properties import Invoker, ResolvedProperty

__all__ = ["MAX_DEPTH", "custom_text"]

#: pwsh's ComplexSpecificParameters.maxDepthAllowable (Format-Custom -Depth default)
MAX_DEPTH = 5
_INDENT = 2


class _Writer:
    """ComplexWriter: text accumulates on a line, a new line flushes it at the current indentation."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.indent = 0
        self.buffer = ""
        self.lines: list[str] = []

    def text(self, s: str) -> None:
        self.buffer += s

    def newline(self) -> None:
        if self.width <= 0:
            self.lines.append(" " * self.indent + self.buffer)
            self.buffer = ""
            return
        room = self.width - self.indent
        if room <= 0:
            self.buffer = ""
            return
        for line in wrap_lines(self.buffer, room, room):
            self.lines.append(" " * self.indent + line)
        self.buffer = ""


class _Browser:
    def __init__(self, writer: _Writer, depth: int, limit: int, properties: Any, invoke: Invoker | None) -> None:
        self.out = writer
        self.depth = depth
        self.limit = limit
        self.properties = properties
        self.invoke = invoke

    def leaf(self, value: Any) -> None:
        self.out.text(field_text(value, limit=self.limit))
        self.out.newline()

    def is_leaf(self, value: Any, level: int) -> bool:
        return level >= self.depth or value is None or is_scalar(value)

    def indented(self) -> _Indent:
        return _Indent(self.out)

    def show_object(self, obj: Any, level: int, props: Sequence[ResolvedProperty]) -> None:
        names = type_names(obj)
        self.out.text("class " + (names[0].split(".")[-1] if names else "PSObject"))
        self.out.newline()
        self.out.text("{")
        self.out.newline()
        with self.indented():
            for prop in props:
                self.out.text(prop.label + " = ")
                self.show_value(prop.value(obj, self.invoke), level)
        self.out.text("}")
        self.out.newline()

    def show_value(self, value: Any, level: int) -> None:
        items = enumerate_for_display(value) if value is not None or level >= self.depth else None
        if items is not None:
            self.out.newline()
            with self.indented():
                self.show_enumeration(items, level + 1)
        elif self.is_leaf(value, level):
            self.leaf(value)
        else:
            self.out.newline()
            with self.indented():
                self.show_object(value, level + 1, self.properties(value))

    def show_enumeration(self, items: list[Any], level: int) -> None:
        self.out.text("[")
        self.out.newline()
        with self.indented():
            for count, item in enumerate(items):
                if self.limit >= 0 and count == self.limit:
                    self.leaf(ELLIPSIS)
                    break
                if self.is_leaf(item, level):
                    self.leaf(item)
                    continue
                inner = enumerate_for_display(item)
                if inner is not None:
                    self.out.newline()
                    with self.indented():
                        self.show_enumeration(inner, level + 1)
                else:
                    self.show_object(item, level + 1, self.properties(item))
        self.out.text("]")
        self.out.newline()
        self.out.newline()


class _Indent:
    def __init__(self, writer: _Writer) -> None:
        self.writer = writer

    def __enter__(self) -> None:
        self.writer.indent += _INDENT

    def __exit__(self, *exc: object) -> None:
        self.writer.indent -= _INDENT


def custom_text(obj: Any, top: Sequence[ResolvedProperty], properties: Any, *, invoke: Invoker | None = None,
                width: int = 0, depth: int = MAX_DEPTH, limit: int = ENUMERATION_LIMIT) -> str:
    """The Format-Custom text of obj (lines joined with \\n, ending with the empty line pwsh writes).

    :param top: the properties to show for obj itself (-Property, or its default ones).
    :param properties: gives the properties to show for a nested object.
    :param width: wrap lines at this width (0: never).
    """
    out = _Writer(width)
    browser = _Browser(out, depth, limit, properties, invoke)
    if is_scalar(obj):
        browser.leaf(obj)
    else:
        items = enumerate_for_display(obj)
        if items is not None:
            browser.show_enumeration(items, 0)
        else:
            browser.show_object(obj, 0, top)
    out.newline()
    return "\n".join(out.lines)
