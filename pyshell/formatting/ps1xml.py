"""Reading .format.ps1xml files (Update-FormatData) into views of a runspace's own registry.

`session_views(runspace)` is the registry the Format-*/Out-* commands of a runspace use: the
built-in VIEWS until Update-FormatData loads a file, then a copy holding the extra views too
(-PrependPath views come before the existing ones for their type, so they become the default).

Example::

    views = load_format_file("/tmp/my.format.ps1xml", run=lambda text, obj: [...])  # text: <ScriptBlock>
    for type_name, view in views:
        session_views_for_update(rs).register(type_name, view)
"""

from __future__ import annotations

import weakref
import xml.etree.ElementTree as ET  # noqa: N817 - the usual spelling
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pyshell.formatting.custom import Line, indented_lines
from pyshell.formatting.customcontrol import (
    Binding,
    CustomControl,
    CustomEntry,
    Frame,
    NewLine,
    Text,
    Token,
    render_control,
)
from pyshell.formatting.table import Align
from pyshell.formatting.views import (
    VIEWS,
    Column,
    CustomView,
    GroupBy,
    ListView,
    TableView,
    View,
    ViewRegistry,
    WideView,
    remember_spelling,
)

__all__ = [
    "FormatFileError",
    "SessionViews",
    "load_format_file",
    "parse_format_xml",
    "session_views",
    "session_views_for_update",
]

#: runs a script block text for one object and returns its output list
Runner = Callable[[str, Any], list[Any]]

_ALIGN = {"left": Align.LEFT, "center": Align.CENTER, "right": Align.RIGHT}


class FormatFileError(Exception):
    """A format file that is not valid XML or not a valid view definition."""


class SessionViews(ViewRegistry):
    """A runspace's views: a copy of the built-in ones plus those Update-FormatData loaded."""

    def __init__(self, base: ViewRegistry) -> None:
        super().__init__()
        self._by_type = {k: list(v) for k, v in base._by_type.items()}
        self._applies = {k: set(v) for k, v in base._applies.items()}
        self.loaded: list[tuple[str, View]] = []  #: (type name, view) in load order
        self.files: list[str] = []

    def prepend(self, type_name: str, view: View) -> None:
        remember_spelling(type_name)
        self._by_type.setdefault(type_name.casefold(), []).insert(0, view)
        self._applies.setdefault(id(view), set()).add(type_name.casefold())

    def types(self) -> dict[str, list[View]]:
        return self._by_type


_SESSIONS: weakref.WeakKeyDictionary[Any, SessionViews] = weakref.WeakKeyDictionary()


def session_views(runspace: Any) -> ViewRegistry:
    """The view registry Format-*/Out-* use in runspace (the built-in one until a file is loaded)."""
    try:
        return _SESSIONS.get(runspace) or VIEWS
    except TypeError:
        return VIEWS


def session_views_for_update(runspace: Any) -> SessionViews:
    views = _SESSIONS.get(runspace)
    if views is None:
        views = _SESSIONS[runspace] = SessionViews(VIEWS)
    return views


# -- parsing ---------------------------------------------------------------------------------
def _int(text: str | None) -> int:
    """A frame's indentation: a non-negative integer (pwsh's ExpectInteger / ExpectNaturalNumber)."""
    if not text:
        return 0
    try:
        value = int(text)
    except ValueError:
        raise ValueError("An integer is expected.") from None
    if value < 0:
        raise ValueError("A non-negative integer is expected.")
    return value


def _text(node: ET.Element | None, tag: str) -> str | None:
    if node is None:
        return None
    child = node.find(tag)
    if child is None:
        return None
    return (child.text or "").strip()


@dataclass
class _Maker:
    run: Runner | None
    selection_sets: dict[str, list[str]] = field(default_factory=dict)
    controls: dict[str, CustomControl] = field(default_factory=dict)  #: named <Controls>, by folded name

    def source(self, node: ET.Element) -> str | Callable[[Any], Any] | None:
        prop = _text(node, "PropertyName")
        if prop:
            return prop
        script = _text(node, "ScriptBlock")
        return self.script(script) if script is not None else None

    def script(self, text: str) -> Callable[[Any], Any]:
        run = self.run

        def evaluate(obj: Any) -> Any:
            if run is None:
                return None
            out = run(text, obj)
            if not out:
                return None
            return out[0] if len(out) == 1 else list(out)

        evaluate.script_text = text  # type: ignore[attr-defined]  # kept for Export-FormatData
        return evaluate

    def item(self, node: ET.Element, label: str | None = None, width: int = 0,
             align: Align = Align.UNDEFINED) -> Column | None:
        source = self.source(node)
        if source is None:
            return None
        fmt = _text(node, "FormatString") or None
        return Column(source, label=label, width=width, align=align, format=fmt)

    def type_names(self, selected: ET.Element | None) -> list[str]:
        if selected is None:
            return []
        names = [(t.text or "").strip() for t in selected.findall("TypeName")]
        for s in selected.findall("SelectionSetName"):
            names.extend(self.selection_sets.get((s.text or "").strip().casefold(), []))
        return [n for n in names if n]

    def group_by(self, view: ET.Element) -> GroupBy | None:
        node = view.find("GroupBy")
        if node is None:
            return None
        source = self.source(node)
        if source is None:
            return None
        return GroupBy(source, label=_text(node, "Label") or None)

    def table(self, control: ET.Element, name: str, group: GroupBy | None) -> TableView:
        headers = []
        for h in control.findall("TableHeaders/TableColumnHeader"):
            width = _text(h, "Width")
            headers.append((_text(h, "Label") or None, int(width) if width and width.isdigit() else 0,
                            _ALIGN.get((_text(h, "Alignment") or "").casefold(), Align.UNDEFINED)))
        entries = control.findall("TableRowEntries/TableRowEntry")
        entry = next((e for e in entries if e.find("EntrySelectedBy") is None), entries[0] if entries else None)
        columns: list[Column] = []
        wrap = False
        if entry is not None:
            wrap = entry.find("Wrap") is not None
            for i, item in enumerate(entry.findall("TableColumnItems/TableColumnItem")):
                label, width, align = headers[i] if i < len(headers) else (None, 0, Align.UNDEFINED)
                item_align = _ALIGN.get((_text(item, "Alignment") or "").casefold())
                col = self.item(item, label, width, item_align or align)
                if col is None:
                    col = Column(lambda _obj: None, label=label or "", width=width, align=align)
                columns.append(col)
        return TableView(tuple(columns), name=name, group_by=group, wrap=wrap,
                         autosize=control.find("AutoSize") is not None,
                         hide_header=control.find("HideTableHeaders") is not None)

    def list_items(self, entry: ET.Element) -> tuple[Column, ...]:
        items = []
        for item in entry.findall("ListItems/ListItem"):
            col = self.item(item, _text(item, "Label") or None)
            if col is not None:
                items.append(col)
        return tuple(items)

    def list(self, control: ET.Element, name: str, group: GroupBy | None) -> ListView:
        default: tuple[Column, ...] = ()
        selected: list[tuple[str, tuple[Column, ...]]] = []
        for entry in control.findall("ListEntries/ListEntry"):
            sel = entry.find("EntrySelectedBy")
            items = self.list_items(entry)
            if sel is None:
                default = items
            else:
                selected.extend((t, items) for t in self.type_names(sel))
        return ListView(default, name=name, group_by=group, selected=tuple(selected))

    def wide(self, control: ET.Element, name: str, group: GroupBy | None) -> WideView | None:
        default: Column | None = None
        selected: list[tuple[str, Column]] = []
        for entry in control.findall("WideEntries/WideEntry"):
            node = entry.find("WideItem")
            col = self.item(node) if node is not None else None
            if col is None:
                continue
            sel = entry.find("EntrySelectedBy")
            if sel is None:
                default = col
            else:
                selected.extend((t, col) for t in self.type_names(sel))
        if default is None:
            return None
        return WideView(default, name=name, group_by=group, selected=tuple(selected))

    def custom(self, control: ET.Element, name: str, group: GroupBy | None, out_of_band: bool = False) -> CustomView:
        parsed = self.custom_control(control)
        controls = self.controls

        def lines(obj: Any) -> tuple[Line, ...]:
            return render_control(parsed, obj, controls)

        return CustomView(lambda obj: "\n".join(indented_lines(lines(obj), 0)), name=name, group_by=group,
                          out_of_band=out_of_band, lines=lines)

    def custom_control(self, control: ET.Element) -> CustomControl:
        entries = []
        for entry in control.findall("CustomEntries/CustomEntry"):
            sel = entry.find("EntrySelectedBy")
            condition = sel.find("SelectionCondition") if sel is not None else None
            item = entry.find("CustomItem")
            entries.append(CustomEntry(self.tokens(item) if item is not None else (),
                                       tuple(self.type_names(sel)),
                                       self.source(condition) if condition is not None else None))
        return CustomControl(tuple(entries))

    def tokens(self, item: ET.Element) -> tuple[Token, ...]:
        """The tokens of a CustomItem, in document order."""
        out: list[Token] = []
        for node in item:
            if node.tag == "Text":
                out.append(Text(node.text or ""))
            elif node.tag == "NewLine":
                out.append(NewLine())
            elif node.tag == "ExpressionBinding":
                out.append(self.binding(node))
            elif node.tag == "Frame":
                inner = node.find("CustomItem")
                hanging = _int(_text(node, "FirstLineHanging"))
                out.append(Frame(self.tokens(inner) if inner is not None else (),
                                 left=_int(_text(node, "LeftIndent")), right=_int(_text(node, "RightIndent")),
                                 first_line=-hanging if hanging else _int(_text(node, "FirstLineIndent"))))
        return tuple(out)

    def binding(self, node: ET.Element) -> Binding:
        condition = node.find("ItemSelectionCondition")
        inline = node.find("CustomControl")
        return Binding(self.source(node), format=_text(node, "FormatString") or None,
                       condition=self.source(condition) if condition is not None else None,
                       enumerate=node.find("EnumerateCollection") is not None,
                       control_name=_text(node, "CustomControlName") or None,
                       control=self.custom_control(inline) if inline is not None else None)

    def named_controls(self, parent: ET.Element) -> None:
        for control in parent.findall("Controls/Control"):
            name = _text(control, "Name")
            custom = control.find("CustomControl")
            if name and custom is not None:
                self.controls[name.casefold()] = self.custom_control(custom)

    def view(self, node: ET.Element) -> View | None:
        name = _text(node, "Name") or ""
        group = self.group_by(node)
        for tag, make in (("TableControl", self.table), ("ListControl", self.list), ("WideControl", self.wide)):
            control = node.find(tag)
            if control is not None:
                return make(control, name, group)
        control = node.find("CustomControl")
        if control is not None:
            self.named_controls(node)
            return self.custom(control, name, group, out_of_band=node.find("OutOfBand") is not None)
        return None


def parse_format_xml(text: str, path: str = "", run: Runner | None = None) -> list[tuple[str, View]]:
    """(type name, view) pairs for the views a format.ps1xml text defines, in file order."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise FormatFileError(f"{path}: Error at XML line {line}: {exc}") from None
    if root.tag != "Configuration":
        raise FormatFileError(f"{path}: The XML file does not have a 'Configuration' root node.")
    maker = _Maker(run)
    for s in root.findall("SelectionSets/SelectionSet"):
        set_name = (_text(s, "Name") or "").casefold()
        maker.selection_sets[set_name] = [(t.text or "").strip() for t in s.findall("Types/TypeName")]
    try:
        maker.named_controls(root)
    except (ValueError, TypeError) as exc:
        raise FormatFileError(f"{path}: {exc}") from None
    out: list[tuple[str, View]] = []
    for node in root.findall("ViewDefinitions/View"):
        try:
            view = maker.view(node)
        except (ValueError, TypeError) as exc:
            raise FormatFileError(f"{path}: {exc}") from None
        if view is None:
            continue
        for type_name in maker.type_names(node.find("ViewSelectedBy")):
            remember_spelling(type_name)
            out.append((type_name, view))
    return out


def load_format_file(path: str, run: Runner | None = None) -> list[tuple[str, View]]:
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    return parse_format_xml(text, path, run)
