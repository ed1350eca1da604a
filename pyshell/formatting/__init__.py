"""Objects to text as pwsh 7 shows them: Out-Default, tables, lists, views and ConciseView errors.

Pure standard library. Hosts use OutDefault (streaming) and render_error/render_warning...;
the Format-* and Out-* cmdlets (commands/format.py) use Formatter and Printer.
"""

from __future__ import annotations

from pyshell.formatting.builtin_views import register_builtin_views
from pyshell.formatting.cells import DictionaryEntry, cell_width, field_text, strip_vt
from pyshell.formatting.errorview import render_debug, render_error, render_verbose, render_warning
from pyshell.formatting.generator import FormatOptions, Formatter
from pyshell.formatting.out_default import DEFAULT_WIDTH, OutDefault, format_lines, format_text
from pyshell.formatting.packets import (
    FormatEndData,
    FormatEntryData,
    FormatStartData,
    GroupEndData,
    GroupStartData,
    Shape,
    is_packet,
)
from pyshell.formatting.printer import Printer
from pyshell.formatting.properties import PropertySpec, parse_property
from pyshell.formatting.table import Align, TableWriter
from pyshell.formatting.views import (
    VIEWS,
    Column,
    CustomView,
    GroupBy,
    ListView,
    TableView,
    ViewRegistry,
    WideView,
    register_view,
)

__all__ = [
    "OutDefault",
    "DEFAULT_WIDTH",
    "format_lines",
    "format_text",
    "render_error",
    "render_warning",
    "render_verbose",
    "render_debug",
    "Formatter",
    "FormatOptions",
    "Printer",
    "PropertySpec",
    "parse_property",
    "Shape",
    "Align",
    "TableWriter",
    "FormatStartData",
    "GroupStartData",
    "FormatEntryData",
    "GroupEndData",
    "FormatEndData",
    "is_packet",
    "Column",
    "GroupBy",
    "TableView",
    "ListView",
    "WideView",
    "CustomView",
    "ViewRegistry",
    "VIEWS",
    "register_view",
    "DictionaryEntry",
    "cell_width",
    "field_text",
    "strip_vt",
]

register_builtin_views(VIEWS)
