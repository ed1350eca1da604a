"""ps1xml CustomControl views: text, property values, new lines and indented frames, as pwsh lays them out.

A control is a list of entries (each for some type names, or the default one); an entry is a list of
tokens. Rendering follows pwsh's ComplexWriter: text accumulates on a line until a NewLine token
(or the end) writes it out at the indentation of the frames around it; an ExpressionBinding shows a
value's text, or formats the value (each item with EnumerateCollection) with another control.

Example::

    control = CustomControl((CustomEntry((Text("Name: "), Binding("Name"), NewLine())),))
    lines = render_control(control, obj, controls={})   # [(left, right, first_line, text), ...]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from pyshell.engine.conversions import to_bool
from pyshell.engine.objects import MISSING, get_property, type_names
from pyshell.errors import PipelineStoppedError
from pyshell.formatting.cells import ENUMERATION_LIMIT, enumerate_for_display, field_text
from pyshell.formatting.custom import Line
from pyshell.formatting.views import strip_deserialized

__all__ = ["Binding", "CustomControl", "CustomEntry", "Frame", "NewLine", "Text", "Token", "render_control"]

Source = Union[str, Callable[[Any], Any], None]  # noqa: UP007 - a runtime alias

#: pwsh's ComplexWriter.maxRecursionDepth: deeper controls are not expanded
_MAX_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class NewLine:
    count: int = 1


@dataclass(frozen=True, slots=True)
class Binding:
    """ExpressionBinding: a property or script value (the object itself without one).

    :param control_name: a named control (<Controls>) to format the value with.
    :param control: an inline CustomControl to format the value with.
    :param condition: ItemSelectionCondition, tested against the current object.
    """

    source: Source = None
    format: str | None = None
    condition: Source = None
    enumerate: bool = False
    control_name: str | None = None
    control: CustomControl | None = None


@dataclass(frozen=True, slots=True)
class Frame:
    items: tuple[Token, ...]
    left: int = 0
    right: int = 0
    first_line: int = 0  #: > 0: FirstLineIndent, < 0: FirstLineHanging


Token = Union[Text, NewLine, Binding, Frame]  # noqa: UP007 - a runtime alias


@dataclass(frozen=True, slots=True)
class CustomEntry:
    items: tuple[Token, ...]
    selected_by: tuple[str, ...] = ()  #: type names; empty for the default entry
    condition: Source = None  #: EntrySelectedBy/SelectionCondition


@dataclass(frozen=True, slots=True)
class CustomControl:
    entries: tuple[CustomEntry, ...]

    def entry_for(self, obj: Any) -> CustomEntry | None:
        names = [n.casefold() for n in type_names(obj)]
        names += [strip_deserialized(n).casefold() for n in names]
        default = None
        for entry in self.entries:
            if not entry.selected_by and entry.condition is None:
                default = default or entry
            elif any(t.casefold() in names for t in entry.selected_by) or (
                    entry.condition is not None and to_bool(_value(entry.condition, obj))):
                return entry
        return default


def _value(source: Source, obj: Any) -> Any:
    if source is None:
        return obj
    if isinstance(source, str):
        v = get_property(obj, source)
        return None if v is MISSING else v
    try:
        return source(obj)
    except PipelineStoppedError:
        raise
    except Exception:  # noqa: BLE001 - a failing view expression shows nothing, as in pwsh
        return None


class _Writer:
    """ComplexWriter's buffer and frame stack."""

    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.buffer = ""
        self.lines: list[Line] = []

    def flush(self) -> None:
        left = sum(f.left for f in self.frames)
        right = sum(f.right for f in self.frames)
        first = self.frames[-1].first_line if self.frames else 0
        self.lines.append((left, right, first, self.buffer))
        self.buffer = ""


class _Renderer:
    def __init__(self, controls: Mapping[str, CustomControl], limit: int) -> None:
        self.controls = {k.casefold(): v for k, v in controls.items()}
        self.limit = limit
        self.out = _Writer()

    def control(self, control: CustomControl, obj: Any, depth: int) -> None:
        entry = control.entry_for(obj)
        if entry is not None:
            self.tokens(entry.items, obj, depth)

    def tokens(self, items: Sequence[Token], obj: Any, depth: int) -> None:
        for token in items:
            if isinstance(token, Text):
                self.out.buffer += token.text
            elif isinstance(token, NewLine):
                for _ in range(token.count):
                    self.out.flush()
            elif isinstance(token, Frame):
                if depth < _MAX_DEPTH:
                    self.out.frames.append(token)
                    try:
                        self.tokens(token.items, obj, depth + 1)
                    finally:
                        self.out.frames.pop()
            else:
                self.binding(token, obj, depth)

    def binding(self, b: Binding, obj: Any, depth: int) -> None:
        if b.condition is not None and not to_bool(_value(b.condition, obj)):
            return
        value = _value(b.source, obj)
        control = b.control or (self.controls.get(b.control_name.casefold()) if b.control_name else None)
        items = enumerate_for_display(value) if b.enumerate else None
        for item in items if items is not None else [value]:
            if control is not None and depth < _MAX_DEPTH and item is not None:
                self.control(control, item, depth + 1)
            else:
                self.out.buffer += field_text(item, format_string=b.format, limit=self.limit)


def render_control(control: CustomControl, obj: Any, controls: Mapping[str, CustomControl] | None = None,
                   limit: int = ENUMERATION_LIMIT) -> tuple[Line, ...]:
    """The lines a CustomControl makes for obj; the buffer is written at the end even when empty (pwsh)."""
    r = _Renderer(controls or {}, limit)
    r.control(control, obj, 0)
    r.out.flush()
    return tuple(r.out.lines)
