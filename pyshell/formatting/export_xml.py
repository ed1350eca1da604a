"""Writes views back out as format.ps1xml text (Export-FormatData).

pwsh writes the file as one line of XML; script blocks are only written with -IncludeScriptBlock
(otherwise a placeholder ";" keeps the file loadable). Views built in Python have no script text,
so their computed columns always get the placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from pyshell.formatting.table import Align
from pyshell.formatting.views import Column, CustomView, GroupBy, ListView, TableView, WideView

__all__ = ["views_to_xml"]

_ALIGN = {Align.LEFT: "Left", Align.CENTER: "Center", Align.RIGHT: "Right"}


def _el(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>"


def _source(source: Any, scripts: bool) -> str:
    """<PropertyName> for a property, <ScriptBlock> for a computed value."""
    if isinstance(source, str):
        return _el("PropertyName", source)
    text = getattr(source, "script_text", None)
    return _el("ScriptBlock", text if scripts and text is not None else ";")


def _item(col: Column, scripts: bool) -> str:
    fmt = _el("FormatString", col.format) if col.format else ""
    return _source(col.source, scripts) + fmt


def _group_by(group: GroupBy | None, scripts: bool) -> str:
    if group is None:
        return ""
    label = _el("Label", group.label) if group.label else ""
    return f"<GroupBy>{_source(group.source, scripts)}{label}</GroupBy>"


def _table(view: TableView, scripts: bool) -> str:
    headers = []
    for col in view.columns:
        parts = [_el("Label", col.label) if col.label else "", _el("Width", str(col.width)) if col.width else "",
                 _el("Alignment", _ALIGN[col.align]) if col.align in _ALIGN else ""]
        headers.append(f"<TableColumnHeader>{''.join(parts)}</TableColumnHeader>")
    items = "".join(f"<TableColumnItem>{_item(c, scripts)}</TableColumnItem>" for c in view.columns)
    flags = ("<AutoSize />" if view.autosize else "") + ("<HideTableHeaders />" if view.hide_header else "")
    wrap = "<Wrap />" if view.wrap else ""
    return (f"<TableControl>{flags}<TableHeaders>{''.join(headers)}</TableHeaders><TableRowEntries><TableRowEntry>"
            f"{wrap}<TableColumnItems>{items}</TableColumnItems></TableRowEntry></TableRowEntries></TableControl>")


def _list_items(items: Iterable[Column], scripts: bool) -> str:
    out = []
    for col in items:
        label = _el("Label", col.label) if col.label else ""
        out.append(f"<ListItem>{label}{_item(col, scripts)}</ListItem>")
    return f"<ListItems>{''.join(out)}</ListItems>"


def _list(view: ListView, scripts: bool) -> str:
    entries = [f"<ListEntry>{_list_items(view.items, scripts)}</ListEntry>"]
    for type_name, items in view.selected:
        entries.append(f"<ListEntry><EntrySelectedBy>{_el('TypeName', type_name)}</EntrySelectedBy>"
                       f"{_list_items(items, scripts)}</ListEntry>")
    return f"<ListControl><ListEntries>{''.join(entries)}</ListEntries></ListControl>"


def _wide(view: WideView, scripts: bool) -> str:
    entries = [f"<WideEntry><WideItem>{_item(view.item, scripts)}</WideItem></WideEntry>"]
    for type_name, item in view.selected:
        entries.append(f"<WideEntry><EntrySelectedBy>{_el('TypeName', type_name)}</EntrySelectedBy>"
                       f"<WideItem>{_item(item, scripts)}</WideItem></WideEntry>")
    return f"<WideControl><WideEntries>{''.join(entries)}</WideEntries></WideControl>"


def _custom(view: CustomView) -> str:
    oob = "<OutOfBand />" if view.out_of_band else ""
    return f"{oob}<CustomControl><CustomEntries><CustomEntry><CustomItem /></CustomEntry></CustomEntries></CustomControl>"


def _view(type_names: list[str], view: Any, scripts: bool) -> str:
    if isinstance(view, TableView):
        body = _table(view, scripts)
    elif isinstance(view, ListView):
        body = _list(view, scripts)
    elif isinstance(view, WideView):
        body = _wide(view, scripts)
    else:
        body = _custom(view)
    selected = "".join(_el("TypeName", t) for t in type_names)
    head = f"{_el('Name', view.name or type_names[0])}<ViewSelectedBy>{selected}</ViewSelectedBy>"
    return f"<View>{head}{_group_by(getattr(view, 'group_by', None), scripts)}{body}</View>"


def views_to_xml(entries: Iterable[tuple[list[str], Any]], include_scripts: bool = False) -> str:
    """One line of format.ps1xml for (selecting type names, view) pairs."""
    views = "".join(_view(t, v, include_scripts) for t, v in entries)
    return f'<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions>{views}</ViewDefinitions>' \
           f"</Configuration>"
