"""ConvertTo-Html: objects as an XHTML 1.0 page (or a fragment), one line of text per output string.

The text is pwsh's, line for line: a DOCTYPE, <head> with optional meta/charset/title/CSS link, a
<table> whose header comes from the first object (As Table) or a name/value table per object
(As List, objects separated by an <hr> row), and values HTML-encoded as WebUtility.HtmlEncode does.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.calculated import NAME_KEYS, PropertySpec, parse_property_specs, resolve_properties
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import Hashtable, unwrap
from pyshell.errors import ParameterBindingError, PyshellError

__all__ = ["ConvertToHtml", "html_encode"]

_STRICT = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  '
           '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">')
_TRANSITIONAL = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"  '
                 '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')
_CHARSET_PATTERN = r"^[A-Za-z0-9]\w+\S+[A-Za-z0-9]$"
_HTTP_EQUIV = ("content-type", "default-style", "x-ua-compatible")
_META_NAMES = ("application-name", "author", "description", "generator", "keywords", "viewport")
_ENTITIES = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "&": "&amp;", "'": "&#39;"}


def html_encode(text: str) -> str:
    """WebUtility.HtmlEncode: markup characters as entities, U+00A0-U+00FF and astral characters as &#N;."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif 0xA0 <= code <= 0xFF or code > 0xFFFF:
            out.append(f"&#{code};")
        else:
            out.append(ch)
    return "".join(out)


def _dotnet_text(value: Any) -> str:
    """A value as its .NET ToString() gives it (a list shows its type name)."""
    base = unwrap(value)
    if isinstance(base, (list, tuple)):
        return "System.Object[]"
    if isinstance(base, Hashtable) and not hasattr(base, "ps_to_string"):
        return base.PS_TYPE_NAMES[0]
    if isinstance(base, _dt.datetime):
        from pyshell.formatting.formatstrings import display_datetime

        return display_datetime(base)
    return to_string(value)


@command("ConvertTo-Html", default_set="Page")
class ConvertToHtml(Cmdlet):
    """Converts .NET objects into HTML that can be displayed in a Web browser."""

    InputObject = Param("object", pipeline=True)
    Property = Param("object[]", position=0)
    Body = Param("string[]", position=3, sets=("Page",))
    Head = Param("string[]", position=1, sets=("Page",))
    Title = Param("string", position=2, sets=("Page",))
    As = Param("string", validate_set=("Table", "List"))
    CssUri = Param("string", aliases=("cu", "uri"), sets=("Page",))
    Fragment = Param("switch", sets=("Fragment",))
    PostContent = Param("string[]")
    PreContent = Param("string[]")
    Meta = Param("hashtable", sets=("Page",))
    Charset = Param("string", sets=("Page",))
    Transitional = Param("switch", sets=("Page",))

    def begin(self) -> Iterator[Any]:
        self._check_arguments()
        self.specs: list[PropertySpec] = parse_property_specs(
            self.Property if self.is_bound("Property") and self.Property is not None else ["*"],
            keys=(*NAME_KEYS, "Alignment", "Width"))
        self.as_list = to_string(self.As or "Table").casefold() == "list"
        self.count = 0
        self.columns: list[tuple[str, Any, PropertySpec]] | None = None
        yield from self._page_start()  # streamed, so a -Meta warning comes between its lines as in pwsh

    def _check_arguments(self) -> None:
        for name in ("Title", "CssUri", "Charset", "Meta", "As"):
            if self.is_bound(name) and (self.bound[name] is None or self.bound[name] == ""):
                raise ParameterBindingError(
                    f"Cannot validate argument on parameter '{name}'. The argument is null or empty. Provide an "
                    "argument that is not null or empty, and then try the command again.",
                    error_id="ParameterArgumentValidationError", category="InvalidData")
        if self.is_bound("Charset") and not re.search(_CHARSET_PATTERN, to_string(self.Charset)):
            raise ParameterBindingError(
                f"Cannot validate argument on parameter 'Charset'. The argument \"{to_string(self.Charset)}\" does "
                f"not match the \"{_CHARSET_PATTERN}\" pattern. Supply an argument that matches "
                f"\"{_CHARSET_PATTERN}\" and try the command again.",
                error_id="ParameterArgumentValidationError", category="InvalidData")
        if self.is_bound("CssUri") and not to_string(self.CssUri).strip():
            raise PyshellError("This command cannot be run because 'CSSUri' is empty or blank. Please specify "
                               "CSSUri and then run the command.", error_id="ArgumentException",
                               category="InvalidArgument", target="CSSUri", reason="ArgumentException")

    def _page_start(self) -> Iterator[str]:
        if not self.Fragment:
            yield _TRANSITIONAL if self.Transitional else _STRICT
            yield '<html xmlns="http://www.w3.org/1999/xhtml">'
            yield "<head>"
            if self.is_bound("Charset"):
                yield f'<meta charset="{to_string(self.Charset)}">'
            if self.is_bound("Meta"):
                yield from self._meta_lines()
            if self.is_bound("Head") and self.Head is not None:
                yield from (to_string(h) for h in _strings(self.Head))
            else:
                title = to_string(self.Title) if self.is_bound("Title") else "HTML TABLE"
                yield f"<title>{title}</title>"
            if self.is_bound("CssUri"):
                yield f'<link rel="stylesheet" type="text/css" href="{to_string(self.CssUri)}" />'
            yield "</head><body>"
            if self.is_bound("Body") and self.Body is not None:
                yield from (to_string(b) for b in _strings(self.Body))
        if self.is_bound("PreContent") and self.PreContent is not None:
            yield from (to_string(p) for p in _strings(self.PreContent))
        yield "<table>"

    def _meta_lines(self) -> Iterator[str]:
        meta = self.Meta if isinstance(self.Meta, Hashtable) else Hashtable()
        for key, value in meta.items():
            name, text = to_string(key), to_string(value)
            if name.lower() in _HTTP_EQUIV:
                yield f'<meta http-equiv="{name}" content="{text}">'
                continue
            if name.lower() not in _META_NAMES:
                self.write_warning(f"{name} is not a supported meta property. Accepted meta properties are "
                                   "content-type, default-style, refresh, application-name, author, description, "
                                   "generator, keywords, and viewport.")
            yield f'<meta name="{name}" content="{text}">'

    def process(self) -> Iterator[Any]:
        obj = self.InputObject
        if not self.is_bound("InputObject") or obj is None:
            return
        self.count += 1
        if self.as_list:
            columns = self._resolve(obj)
            if not columns:
                return
            if self.count > 1:
                yield "<tr><td><hr></td></tr>"
            for label, getter, _ in columns:
                yield f"<tr><td>{label}:</td><td>{_cell(getter(obj))}</td></tr>"
            return
        if self.columns is None:
            columns = self._resolve(obj)
            if not columns:
                return
            self.columns = columns
            yield "<colgroup>" + "".join(_col_tag(spec) for _, _, spec in columns) + "</colgroup>"
            yield "<tr>" + "".join(f"<th>{label}</th>" for label, _, _ in columns) + "</tr>"
        yield "<tr>" + "".join(f"<td>{_cell(getter(obj))}</td>" for _, getter, _ in self.columns) + "</tr>"

    def _resolve(self, obj: Any) -> list[tuple[str, Any, PropertySpec]]:
        """The columns the -Property arguments give for obj (wildcards expanded), each with its spec."""
        columns: list[tuple[str, Any, PropertySpec]] = []
        for spec in self.specs:
            for label, getter in resolve_properties(self.runspace, [spec], obj, missing=_ABSENT):
                columns.append((label, getter, spec))
        return columns

    def end(self) -> Iterable[Any]:
        lines = ["</table>"]
        if self.is_bound("PostContent") and self.PostContent is not None:
            lines.extend(to_string(p) for p in _strings(self.PostContent))
        if not self.Fragment:
            lines.append("</body></html>")
        return lines


_ABSENT = object()  #: a property the object lacks: an empty cell


def _cell(value: Any) -> str:
    if value is _ABSENT or value is None:
        return ""
    return html_encode(_dotnet_text(value))


def _col_tag(spec: PropertySpec) -> str:
    width, align = spec.extras.get("Width"), spec.extras.get("Alignment")
    text = "<col"
    if width is not None:
        text += f' width = "{to_string(width)}"'
    if align is not None:
        text += f' align = "{to_string(align)}"'
    return text + "/>"


def _strings(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]
