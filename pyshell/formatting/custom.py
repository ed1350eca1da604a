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

__all__ = ["MAX_DEPTH", "Line", "custom_lines", "custom_text", "indented_lines"]

#: pwsh's ComplexSpecificParameters.maxDepthAllowable (Format-Custom -Depth default)
MAX_DEPTH = 5
_INDENT = 2


#: (left indentation, right indentation, first-line indentation (< 0: hanging), text)
Line = tuple[int, int, int, str]


def indented_lines(lines: Sequence[Line], width: int) -> list[str]:
    """Screen lines of indented texts, each wrapped in the room its indentation leaves (ComplexWriter).

    A line whose indentation leaves no room shows empty; width <= 0 does not wrap.
    """
    out: list[str] = []
    for left, right, first, text in lines:
        if width <= 0:
            out.append(" " * (left + max(first, 0)) + text)
            continue
        room = width - left - right
        if room <= 0:
            out.append("")
            continue
        if abs(first) >= room:
            first = 0
        first_room, following_room = room - max(first, 0), room + min(first, 0)
        pieces = wrap_lines(text, first_room, following_room)
        out.append(" " * (left + max(first, 0)) + pieces[0])
        out.extend(" " * (left - min(first, 0)) + piece for piece in pieces[1:])
    return out


class _Writer:
    """ComplexWriter: text accumulates on a line, a new line ends it at the current indentation."""

    def __init__(self) -> None:
        self.indent = 0
        self.buffer = ""
        self.lines: list[Line] = []

    def text(self, s: str) -> None:
        self.buffer += s

    def newline(self) -> None:
        self.lines.append((self.indent, 0, 0, self.buffer))
        self.buffer = ""


class _Browser:
    def __init__(self, writer: _Writer, limit: int, properties: Any, invoke: Invoker | None) -> None:
        self.out = writer
        self.limit = limit
        self.properties = properties
        self.invoke = invoke

    def leaf(self, value: Any) -> None:
        self.out.text(field_text(value, limit=self.limit))
        self.out.newline()

    def is_leaf(self, value: Any, level: int, depth: int) -> bool:
        return level >= depth or value is None or is_scalar(value)

    def indented(self) -> _Indent:
        return _Indent(self.out)

    def show_object(self, obj: Any, level: int, props: Sequence[ResolvedProperty], depth: int) -> None:
        names = type_names(obj)
        self.out.text("class " + (names[0].split(".")[-1] if names else "PSObject"))
        self.out.newline()
        self.out.text("{")
        self.out.newline()
        with self.indented():
            for prop in props:
                self.out.text(prop.label + " = ")
                # a calculated property's Depth key sets the depth below it (pwsh's TraversalInfo)
                own = prop.spec.depth if prop.spec.depth is not None else depth
                self.show_value(prop.value(obj, self.invoke), level, own)
        self.out.text("}")
        self.out.newline()

    def show_value(self, value: Any, level: int, depth: int) -> None:
        items = enumerate_for_display(value) if value is not None or level >= depth else None
        if items is not None:
            self.out.newline()
            with self.indented():
                self.show_enumeration(items, level + 1, depth)
        elif self.is_leaf(value, level, depth):
            self.leaf(value)
        else:
            self.out.newline()
            with self.indented():
                self.show_object(value, level + 1, self.properties(value), depth)

    def show_enumeration(self, items: list[Any], level: int, depth: int) -> None:
        self.out.text("[")
        self.out.newline()
        with self.indented():
            for count, item in enumerate(items):
                if self.limit >= 0 and count == self.limit:
                    self.leaf(ELLIPSIS)
                    break
                if self.is_leaf(item, level, depth):
                    self.leaf(item)
                    continue
                inner = enumerate_for_display(item)
                if inner is not None:
                    self.out.newline()
                    with self.indented():
                        self.show_enumeration(inner, level + 1, depth)
                else:
                    self.show_object(item, level + 1, self.properties(item), depth)
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
    return "\n".join(indented_lines(custom_lines(obj, top, properties, invoke=invoke, depth=depth, limit=limit),
                                     width))


def custom_lines(obj: Any, top: Sequence[ResolvedProperty], properties: Any, *, invoke: Invoker | None = None,
                 depth: int = MAX_DEPTH, limit: int = ENUMERATION_LIMIT) -> tuple[Line, ...]:
    """The Format-Custom lines of obj, for the printer to wrap at its width."""
    out = _Writer()
    browser = _Browser(out, limit, properties, invoke)
    if is_scalar(obj):
        browser.leaf(obj)
    else:
        items = enumerate_for_display(obj)
        if items is not None:
            browser.show_enumeration(items, 0, depth)
        else:
            browser.show_object(obj, 0, top, depth)
    out.newline()
    return tuple(out.lines)
