"""Objects to formatting packets: pwsh's format-default and the engine of Format-Table/List/Wide.

The first object that is not shown "out of band" picks the view (a registered one, or a
table of its properties when it has at most four, else a list) and opens the format
sequence. Later objects the view does not apply to are shown out of band: strings and
numbers with ToString(), other objects as a list, errors in ConciseView. A view-less table
applies to everything, so a later object of another shape becomes a row (possibly empty),
as in pwsh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pyshell.engine.calculated import wildcard_match
from pyshell.engine.conversions import ps_compare, to_string
from pyshell.engine.objects import MISSING, PSObject, get_property, property_names, type_names, unwrap
from pyshell.errors import PipelineStoppedError, PyshellError
from pyshell.formatting.cells import (
    ENUMERATION_LIMIT,
    display_name_property,
    enumerate_for_display,
    field_text,
    is_scalar,
)
from pyshell.formatting.custom import MAX_DEPTH, custom_lines
from pyshell.formatting.packets import (
    ComplexEntry,
    FormatEndData,
    FormatEntryData,
    FormatStartData,
    GroupEndData,
    GroupStartData,
    ListEntry,
    RawText,
    Shape,
    TableColumnInfo,
    TableRow,
    WideEntry,
    is_packet,
)
from pyshell.formatting.properties import (
    REMOTING_PROPERTIES,
    Invoker,
    PropertySpec,
    ResolvedProperty,
    resolve,
    show_computer_name,
    visible_property_names,
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
    view_shape,
)

__all__ = ["FormatOptions", "Formatter"]

#: pwsh's PropertyCountForTable: more properties than this make a list
_TABLE_MAX_PROPERTIES = 4
#: a view-less table shows at most this many columns
_TABLE_MAX_COLUMNS = 10
_ERROR_RECORD = "System.Management.Automation.ErrorRecord"
_INFORMATIONAL = {
    "System.Management.Automation.WarningRecord": ("WARNING: ", "\x1b[33;1m"),
    "System.Management.Automation.VerboseRecord": ("VERBOSE: ", "\x1b[33;1m"),
    "System.Management.Automation.DebugRecord": ("DEBUG: ", "\x1b[33;1m"),
}


@dataclass(frozen=True, slots=True)
class FormatOptions:
    """What a Format-* command asked for (all defaults: Out-Default's own choice)."""

    shape: Shape | None = None
    properties: tuple[PropertySpec, ...] = ()
    group_by: PropertySpec | None = None
    autosize: bool | None = None
    hide_header: bool | None = None
    wrap: bool | None = None
    view: str | None = None
    columns: int = 0  #: Format-Wide -Column
    force: bool = False  #: format strings and errors too, instead of showing them out of band
    enumeration_limit: int = ENUMERATION_LIMIT  #: $FormatEnumerationLimit (-1: show every item)
    depth: int = MAX_DEPTH  #: Format-Custom -Depth
    repeat_header: bool = False  #: Format-Table -RepeatHeader
    display_error: bool = False  #: -DisplayError: a failing expression shows #ERR in its cell
    exclude: tuple[str, ...] = ()  #: -ExcludeProperty: names (wildcards allowed) to leave out


def _resolve_all(specs: Sequence[PropertySpec], obj: Any, options: FormatOptions | None, *,
                 keep_missing: bool = False) -> list[ResolvedProperty]:
    """The properties the specs stand for on obj, less those -ExcludeProperty names."""
    props = [p for spec in specs for p in resolve(spec, obj, keep_missing=keep_missing)]
    if options is not None and options.exclude:
        props = [p for p in props if not (not p.spec.is_script and
                                          any(wildcard_match(x, p.name) for x in options.exclude))]
    return props


def _is_error_record(names: Sequence[str]) -> bool:
    return any(n in (_ERROR_RECORD, "Deserialized." + _ERROR_RECORD) for n in names)


@dataclass
class _Group:
    """The grouping key of a view or of -GroupBy."""

    spec: PropertySpec | None = None
    view_group: GroupBy | None = None
    current: Any = field(default=MISSING)

    def key(self, obj: Any, invoke: Invoker | None) -> Any:
        if self.view_group is not None:
            return Column(self.view_group.source).value(obj)
        assert self.spec is not None
        found = resolve(self.spec, obj, keep_missing=True)
        return found[0].value(obj, invoke) if found else None

    def header(self, obj: Any, limit: int) -> tuple[str, ...]:
        if self.view_group is not None and self.view_group.header is not None:
            return tuple(self.view_group.header(obj).split("\n"))
        if self.view_group is not None:
            source = self.view_group.source
            label = self.view_group.label or (source if isinstance(source, str) else "")
        else:
            assert self.spec is not None
            label = self.spec.display_name()
        return (f"   {label}: {field_text(self.current, limit=limit)}",)

    def changed(self, obj: Any, invoke: Invoker | None) -> bool:
        new = self.key(obj, invoke)
        old, self.current = self.current, new
        if old is MISSING:
            return False
        try:
            return ps_compare(old, new) != 0
        except PyshellError:
            return to_string(old).casefold() != to_string(new).casefold()


class _Generator:
    """Builds the start packet and one entry per object for a chosen view."""

    shape = Shape.TABLE

    def __init__(self, view: View | None, options: FormatOptions, invoke: Invoker | None,
                 registry: ViewRegistry, first: Any) -> None:
        self.view = view
        self.options = options
        self.invoke = invoke
        self.registry = registry
        self.limit = options.enumeration_limit
        self.group: _Group | None = None
        if options.group_by is not None:
            self.group = _Group(spec=options.group_by)
        elif view is not None and view.group_by is not None:
            self.group = _Group(view_group=view.group_by)

    def applies(self, obj: Any) -> bool:
        return self.view is None or self.registry.applies(self.view, type_names(obj))

    def start(self, obj: Any) -> FormatStartData:
        autosize = self.options.autosize
        if autosize is None and isinstance(self.view, TableView):
            autosize = self.view.autosize
        return FormatStartData(self.shape, autosize=bool(autosize))

    def payload(self, obj: Any) -> FormatEntryData:
        raise NotImplementedError


def _default_properties(obj: Any) -> list[str]:
    """The DefaultDisplayPropertySet of obj, if its class declares PS_DEFAULT_DISPLAY_PROPERTIES."""
    declared = getattr(obj, "PS_DEFAULT_DISPLAY_PROPERTIES", None)
    return list(declared) if declared else []


def _expand_default(obj: Any, *, limit: int | None) -> list[ResolvedProperty]:
    defaults = _default_properties(obj)
    if defaults:
        names = defaults + (["PSComputerName"] if show_computer_name(obj) else [])
    else:
        names = visible_property_names(obj)
        if limit is not None:
            names = names[:limit]
    return [ResolvedProperty(n, PropertySpec(n)) for n in names]


def _default_align(obj: Any, prop: ResolvedProperty, invoke: Invoker | None) -> Align:
    value = prop.value(obj, invoke) if prop.found else None
    if value is None:
        return Align.LEFT
    if isinstance(value, str):
        return Align.LEFT
    return Align.RIGHT if is_scalar(value) else Align.LEFT


class _TableGenerator(_Generator):
    shape = Shape.TABLE

    def __init__(self, view: View | None, options: FormatOptions, invoke: Invoker | None,
                 registry: ViewRegistry, first: Any) -> None:
        super().__init__(view, options, invoke, registry, first)
        self.columns: list[Column] = []
        self.props: list[ResolvedProperty] = []
        if isinstance(view, TableView):
            self.columns = list(view.columns)
            if show_computer_name(first):
                self.columns.append(Column("PSComputerName", "PSComputerName"))
        elif options.properties:
            self.props = _resolve_all(options.properties, first, options, keep_missing=True)
        else:
            self.props = _expand_default(first, limit=_TABLE_MAX_COLUMNS)

    def start(self, obj: Any) -> FormatStartData:
        base = super().start(obj)
        hide = self.options.hide_header
        if isinstance(self.view, TableView):
            if hide is None:
                hide = self.view.hide_header
            cols = tuple(TableColumnInfo(c.header, c.width, c.align) for c in self.columns)
        else:
            cols = tuple(
                TableColumnInfo(p.label, p.spec.width,
                                p.spec.align if p.spec.align != Align.UNDEFINED else _default_align(obj, p, self.invoke))
                for p in self.props
            )
        return replace(base, columns=cols, hide_header=bool(hide), repeat_header=self.options.repeat_header)

    def payload(self, obj: Any) -> FormatEntryData:
        if isinstance(self.view, TableView):
            values = tuple(c.text(obj, self.limit) for c in self.columns)
            wrap = self.view.wrap if self.options.wrap is None else self.options.wrap
        else:
            values = tuple(_cell(p, obj, self.invoke, self.options, table=True) for p in self.props)
            wrap = bool(self.options.wrap)
        return FormatEntryData(TableRow(values, wrap=wrap))


class _ListGenerator(_Generator):
    shape = Shape.LIST

    def __init__(self, view: View | None, options: FormatOptions, invoke: Invoker | None,
                 registry: ViewRegistry, first: Any) -> None:
        super().__init__(view, options, invoke, registry, first)
        self.remote = isinstance(view, ListView) and show_computer_name(first)

    def payload(self, obj: Any) -> FormatEntryData:
        return FormatEntryData(list_entry(obj, self.view, self.options.properties, self.invoke, remote=self.remote,
                                          limit=self.limit, options=self.options))


def list_entry(obj: Any, view: View | None, specs: Sequence[PropertySpec], invoke: Invoker | None,
               *, remote: bool = False, limit: int = ENUMERATION_LIMIT, options: FormatOptions | None = None) -> ListEntry:
    """One object as label/value pairs: from a list view, from -Property, or all its properties."""
    if isinstance(view, ListView):
        items = list(view.items_for(type_names(obj)))
        if remote:
            items.append(Column("PSComputerName", "PSComputerName"))
        return ListEntry(tuple((c.header, c.text(obj, limit)) for c in items))
    if specs:
        props = _resolve_all(specs, obj, options)
    else:
        props = _expand_default(obj, limit=None)
    return ListEntry(tuple((p.label, _cell(p, obj, invoke, options, table=False)) for p in props))


#: what -DisplayError shows for an expression that failed (pwsh's FormatErrorPolicy)
ERROR_STRING = "#ERR"


def _cell(prop: ResolvedProperty, obj: Any, invoke: Invoker | None, options: FormatOptions | None, *,
          table: bool) -> str:
    """The text of one property of obj; #ERR for a failed expression with -DisplayError."""
    value, error = prop.evaluate(obj, invoke)
    if error is not None and options is not None:
        if options.display_error:
            return ERROR_STRING
    limit = options.enumeration_limit if options is not None else ENUMERATION_LIMIT
    return field_text(value, table=table and prop.spec.format is None, format_string=prop.spec.format, limit=limit)


class _WideGenerator(_Generator):
    shape = Shape.WIDE

    def start(self, obj: Any) -> FormatStartData:
        return replace(super().start(obj), wide_columns=self.options.columns)

    def payload(self, obj: Any) -> FormatEntryData:
        if isinstance(self.view, WideView):
            return FormatEntryData(WideEntry(self.view.item_for(type_names(obj)).text(obj, self.limit)))
        if self.options.properties:
            found = resolve(self.options.properties[0], obj)
            if not found:
                return FormatEntryData(WideEntry(""))
            p = found[0]
            return FormatEntryData(WideEntry(field_text(p.value(obj, self.invoke), format_string=p.spec.format,
                                                        limit=self.limit)))
        name = display_name_property(obj)
        value = get_property(obj, name) if name is not None else MISSING
        return FormatEntryData(WideEntry(to_string(obj) if value is MISSING else field_text(value, limit=self.limit)))


class _ComplexGenerator(_Generator):
    shape = Shape.COMPLEX

    def payload(self, obj: Any) -> FormatEntryData:
        if isinstance(self.view, CustomView):
            if self.view.lines is not None:
                try:
                    lines = self.view.lines(obj)
                except PipelineStoppedError:
                    raise
                except Exception:  # noqa: BLE001 - a failing view shows nothing, as in pwsh
                    lines = ()
                return FormatEntryData(ComplexEntry(lines=lines))
            try:
                text = self.view.render(obj)
            except Exception:  # noqa: BLE001 - a failing view shows nothing, as in pwsh
                text = ""
            return FormatEntryData(ComplexEntry(text))
        specs = self.options.properties
        top = _resolve_all(specs, obj, self.options) if specs else _expand_default(obj, limit=None)
        lines = custom_lines(obj, top, lambda o: _expand_default(o, limit=None), invoke=self.invoke,
                             depth=self.options.depth, limit=self.limit)
        return FormatEntryData(ComplexEntry(lines=lines))


_GENERATORS: dict[Shape, type[_Generator]] = {
    Shape.TABLE: _TableGenerator,
    Shape.LIST: _ListGenerator,
    Shape.WIDE: _WideGenerator,
    Shape.COMPLEX: _ComplexGenerator,
}


class Formatter:
    """Turns a stream of objects into packets (Out-Default's format-default, or one Format-* command).

    :param options: what the Format-* command asked for; None for Out-Default.
    :param invoke: runs script blocks of calculated properties and -GroupBy.
    """

    def __init__(self, options: FormatOptions | None = None, *, invoke: Invoker | None = None,
                 registry: ViewRegistry = VIEWS) -> None:
        self.options = options or FormatOptions()
        self.invoke = invoke
        self.registry = registry
        self._generator: _Generator | None = None
        self._in_group = False

    @property
    def active(self) -> bool:
        """Whether a format sequence is open (something was shown in a view)."""
        return self._generator is not None

    def process(self, obj: Any) -> list[Any]:
        """The packets for one pipeline object (collections and hashtables are enumerated)."""
        if obj is None:
            return []
        if is_packet(obj):
            return [obj]
        items = enumerate_for_display(obj)
        if items is None:
            return self._process_one(obj)
        out: list[Any] = []
        for item in items:
            out.extend(self.process(item) if isinstance(item, (list, tuple)) else self._process_one(item))
        return out

    def end(self) -> list[Any]:
        """Close the open group and format sequence."""
        out: list[Any] = []
        if self._in_group:
            out.append(GroupEndData())
            self._in_group = False
        if self._generator is not None:
            out.append(FormatEndData())
            self._generator = None
        return out

    # -- one object --------------------------------------------------------------------------
    def _process_one(self, obj: Any) -> list[Any]:
        if obj is None:
            return []
        if is_packet(obj):
            return [obj]
        out: list[Any] = []
        # strings, numbers, errors... print as themselves even inside a table (pwsh checks every object)
        if type_names(obj) and not self.options.force:
            oob = self._out_of_band(obj, fallback=False)
            if oob is not None:
                return [oob]
        if self._generator is None:
            self._generator = self._select(obj)
            out.append(self._generator.start(obj))
        gen = self._generator
        if not self.options.force and not gen.applies(obj):
            oob = self._out_of_band(obj, fallback=True)
            if oob is not None:
                return out + [oob]
        if not self._in_group:
            if gen.group is not None:
                gen.group.changed(obj, self.invoke)
            out.append(GroupStartData(gen.group.header(obj, gen.limit) if gen.group is not None else ()))
            self._in_group = True
            out.append(gen.payload(obj))
        elif gen.group is not None and gen.group.changed(obj, self.invoke):
            out.append(FormatEntryData(RawText(""), out_of_band=True))
            out.append(GroupEndData())
            out.append(GroupStartData(gen.group.header(obj, gen.limit)))
            out.append(gen.payload(obj))
        else:
            out.append(gen.payload(obj))
        return out

    def _out_of_band(self, obj: Any, *, fallback: bool) -> FormatEntryData | None:
        names = type_names(obj)
        if _is_error_record(names):
            return FormatEntryData(ComplexEntry(error=obj), out_of_band=True)
        for type_name, (prefix, style) in _INFORMATIONAL.items():
            if type_name in names or "Deserialized." + type_name in names:
                message = to_string(get_property(obj, "Message"))
                return FormatEntryData(ComplexEntry(f"{style}{prefix}{message}\x1b[0m"), out_of_band=True)
        view = self.registry.out_of_band(names)
        if view is not None:
            return FormatEntryData(ComplexEntry(_render(view, obj)), out_of_band=True)
        if is_scalar(obj) and self.options.shape is Shape.WIDE:
            return None  # Format-Wide lays strings and numbers out in its columns like any object
        if is_scalar(obj) or not _has_non_remoting_properties(obj):
            return FormatEntryData(RawText(to_string(obj)), out_of_band=True)
        if not fallback or not property_names(obj):
            return None
        return FormatEntryData(list_entry(obj, None, (), self.invoke, limit=self.options.enumeration_limit),
                               out_of_band=True)

    def _select(self, obj: Any) -> _Generator:
        """Pick the view for the first object (pwsh's FormatViewManager.Initialize)."""
        opts = self.options
        names = type_names(obj)
        view: View | None = None
        if opts.shape is None:
            view = self.registry.find(names)
            if view is not None:
                shape = view_shape(view)
            else:
                count = len(_default_properties(obj) or property_names(obj))
                shape = Shape.TABLE if count <= _TABLE_MAX_PROPERTIES else Shape.LIST
        else:
            shape = opts.shape
            if opts.view and not opts.properties:
                view = self.registry.find(names, shape, opts.view)
                if view is None:
                    raise ViewNotFoundError(_unknown_view_message(self.registry, opts.view, obj, shape),
                                            error_id="FormatViewNotFound", category="ObjectNotFound",
                                            target=opts.view)
            elif not opts.properties:
                view = self.registry.find(names, shape)
        return _GENERATORS[shape](view, opts, self.invoke, self.registry, obj)


class ViewNotFoundError(PyshellError):
    """-View names no view of the object's type: pwsh stops the pipeline with a PipelineStoppedException."""

    ps_type_name = "System.Management.Automation.PipelineStoppedException"


_SHAPE_WORDS = {Shape.TABLE: ("Table", "Format-Table"), Shape.LIST: ("List", "Format-List"),
                Shape.WIDE: ("Wide", "Format-Wide"), Shape.COMPLEX: ("Custom", "Format-Custom")}


def _unknown_view_message(registry: ViewRegistry, name: str, obj: Any, shape: Shape) -> str:
    """pwsh's ProcessUnknownViewName text: the views of this shape for the object's .NET type, if any."""
    base = unwrap(obj)
    dotnet = "System.Management.Automation.PSCustomObject" if isinstance(base, PSObject) else \
        (type_names(base) or ["System.Object"])[0]
    word = _SHAPE_WORDS[shape][0]
    valid: list[str] = []
    other: list[str] = []
    for view in registry.views_of(dotnet):
        if view_shape(view) == shape:
            valid.append(view.name)
        elif view.name.casefold() == name.casefold():
            other.append(_SHAPE_WORDS[view_shape(view)][1])
    if valid:
        return (f"The view name {name} cannot be found. Specify one of the following {word} views and try again: "
                f"{', '.join(valid)}.")
    if other:
        return (f" The view name {name} cannot be found in the {word} formatting. "
                f"Try using one of these other format cmdlets: {', '.join(other)}")
    return f"The view name {name} cannot be found. There are no existing {word} views for {dotnet} objects."


def _render(view: CustomView, obj: Any) -> str:
    try:
        return view.render(obj)
    except Exception:  # noqa: BLE001 - a failing view shows nothing, as in pwsh
        return ""


def _has_non_remoting_properties(obj: Any) -> bool:
    remoting = {n.casefold() for n in REMOTING_PROPERTIES}
    return any(n.casefold() not in remoting for n in property_names(obj))
