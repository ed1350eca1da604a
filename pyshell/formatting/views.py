"""Views: how objects of a type are shown (pwsh's format.ps1xml), and the registry of them.

A view is a TableView, ListView, WideView or CustomView. `register_view(type_name, view)`
adds one; the first view registered for the best-matching type name (the object's TypeNames
in order, then again without a "Deserialized." prefix) is the default.

Example::

    register_view("My.Thing", TableView((Column("Id", width=4, align=Align.RIGHT), Column("Name"))))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pyshell.engine.objects import MISSING, get_property
from pyshell.formatting.cells import ENUMERATION_LIMIT, field_text
from pyshell.formatting.packets import Shape
from pyshell.formatting.table import Align

__all__ = [
    "Column",
    "GroupBy",
    "TableView",
    "ListView",
    "WideView",
    "CustomView",
    "View",
    "ViewRegistry",
    "VIEWS",
    "register_view",
    "strip_deserialized",
    "remember_spelling",
    "type_spelling",
    "view_shape",
]

Source = str | Callable[[Any], Any]
_DESERIALIZED = "Deserialized."


@dataclass(frozen=True, slots=True)
class Column:
    """A table column or list item.

    :param source: a property name, or a function of the object.
    :param label: the header (default: the property name; "" for functions).
    :param width: declared width (0: share the free room).
    :param format: a .NET format ("N2", or composite "{0:N2} MB").
    """

    source: Source
    label: str | None = None
    width: int = 0
    align: Align = Align.UNDEFINED
    format: str | None = None

    @property
    def header(self) -> str:
        if self.label is not None:
            return self.label
        return self.source if isinstance(self.source, str) else ""

    def value(self, obj: Any) -> Any:
        """The raw value for obj ($null when the property is missing or the function fails)."""
        if isinstance(self.source, str):
            v = get_property(obj, self.source)
            return None if v is MISSING else v
        try:
            return self.source(obj)
        except Exception:  # noqa: BLE001 - pwsh shows an empty cell when a view expression fails
            return None

    def text(self, obj: Any, limit: int = ENUMERATION_LIMIT) -> str:
        """The shown text; collections show at most `limit` items ($FormatEnumerationLimit)."""
        return field_text(self.value(obj), format_string=self.format, limit=limit)


@dataclass(frozen=True, slots=True)
class GroupBy:
    """Start a new group (with a header) each time `source` changes value.

    :param label: shown as "   <label>: <value>" (default: the property name).
    :param header: a function of the group's first object giving the whole header text instead.
    """

    source: Source
    label: str | None = None
    header: Callable[[Any], str] | None = None


@dataclass(frozen=True, slots=True)
class TableView:
    columns: tuple[Column, ...]
    name: str = ""
    group_by: GroupBy | None = None
    wrap: bool = False  #: rows show every line of their values instead of cutting with …
    autosize: bool = False
    hide_header: bool = False


@dataclass(frozen=True, slots=True)
class ListView:
    items: tuple[Column, ...]
    name: str = ""
    group_by: GroupBy | None = None
    #: (type name, items) overriding `items` for objects of that type
    selected: tuple[tuple[str, tuple[Column, ...]], ...] = ()

    def items_for(self, names: Sequence[str]) -> tuple[Column, ...]:
        folded = [n.casefold() for n in names] + [strip_deserialized(n).casefold() for n in names]
        for type_name, items in self.selected:
            if type_name.casefold() in folded:
                return items
        return self.items


@dataclass(frozen=True, slots=True)
class WideView:
    item: Column
    name: str = ""
    group_by: GroupBy | None = None
    selected: tuple[tuple[str, Column], ...] = ()  #: (type name, item) overrides

    def item_for(self, names: Sequence[str]) -> Column:
        folded = [n.casefold() for n in names] + [strip_deserialized(n).casefold() for n in names]
        for type_name, item in self.selected:
            if type_name.casefold() in folded:
                return item
        return self.item


@dataclass(frozen=True, slots=True)
class CustomView:
    """Free-form text; out_of_band views show inside any other table or list (errors, script blocks).

    `lines`, when set, gives the object's indented lines instead (a ps1xml CustomControl), which the
    printer wraps at its width; `render` then gives the same text unwrapped.
    """

    render: Callable[[Any], str]
    name: str = ""
    out_of_band: bool = False
    group_by: GroupBy | None = None
    lines: Callable[[Any], tuple[tuple[int, int, int, str], ...]] | None = None


View = TableView | ListView | WideView | CustomView


def view_shape(view: View) -> Shape:
    if isinstance(view, TableView):
        return Shape.TABLE
    if isinstance(view, ListView):
        return Shape.LIST
    if isinstance(view, WideView):
        return Shape.WIDE
    return Shape.COMPLEX


def strip_deserialized(name: str) -> str:
    return name[len(_DESERIALIZED) :] if name.startswith(_DESERIALIZED) else name


#: type names as first registered (the registries key them case-folded), for Get-FormatData
_SPELLING: dict[str, str] = {}


def remember_spelling(type_name: str) -> None:
    _SPELLING.setdefault(type_name.casefold(), type_name)


def type_spelling(folded: str) -> str:
    """A registered type name as it was spelled when registered."""
    return _SPELLING.get(folded, folded)


class ViewRegistry:
    """Views by type name (case-insensitive), in registration order."""

    def __init__(self) -> None:
        self._by_type: dict[str, list[View]] = {}
        self._applies: dict[int, set[str]] = {}

    def register(self, type_name: str, view: View) -> None:
        self._by_type.setdefault(type_name.casefold(), []).append(view)
        self._applies.setdefault(id(view), set()).add(type_name.casefold())
        remember_spelling(type_name)

    def find(self, names: Sequence[str], shape: Shape | None = None, name: str | None = None) -> View | None:
        """The view for an object with these TypeNames: the default, or of a shape, or by name."""
        for candidates in (list(names), [strip_deserialized(n) for n in names]):
            for type_name in candidates:
                for view in self._by_type.get(type_name.casefold(), ()):
                    if view_shape(view) == Shape.COMPLEX and isinstance(view, CustomView) and view.out_of_band:
                        continue
                    if shape is not None and view_shape(view) != shape:
                        continue
                    if name is not None and view.name.casefold() != name.casefold():
                        continue
                    return view
        return None

    def views_of(self, type_name: str) -> list[View]:
        """The views registered for exactly this type name."""
        return list(self._by_type.get(type_name.casefold(), ()))

    def out_of_band(self, names: Sequence[str]) -> CustomView | None:
        for candidates in (list(names), [strip_deserialized(n) for n in names]):
            for type_name in candidates:
                for view in self._by_type.get(type_name.casefold(), ()):
                    if isinstance(view, CustomView) and view.out_of_band:
                        return view
        return None

    def applies(self, view: View, names: Iterable[str]) -> bool:
        """Whether view was registered for one of these type names (Deserialized. ignored)."""
        types = self._applies.get(id(view), set())
        return any(n.casefold() in types or strip_deserialized(n).casefold() in types for n in names)


#: The built-in views (static format data, like the command registry); see builtin_views.py.
VIEWS = ViewRegistry()


def register_view(type_name: str, view: View) -> None:
    """Add a view for objects whose TypeNames contain type_name."""
    VIEWS.register(type_name, view)
