"""Format-Table/List/Wide and Out-String/Host/Default/File (Out-Null lives in commands/core.py).

Format-* emit formatting packets (pyshell.formatting.packets), laid out only when an Out-*
command or the host prints them, so `Get-Process | ft Name,Id | Out-String -Width 200` uses
200 columns. Out-File renders everything before touching the file.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.psstyle import rendering_wants_ansi
from pyshell.errors import PyshellError
from pyshell.formatting import DEFAULT_WIDTH, FormatOptions, Formatter, OutDefault, Shape, parse_property
from pyshell.formatting.cells import ENUMERATION_LIMIT
from pyshell.formatting.custom import MAX_DEPTH
from pyshell.formatting.properties import PropertySpec
from pyshell.formatting.ps1xml import session_views

__all__ = ["FormatTable", "FormatList", "FormatWide", "FormatCustom", "OutString", "OutHost", "OutDefaultCommand", "OutFile",
           "ExportFormatData"]

_TABLE_KEYS = ("Name", "Label", "Expression", "Width", "Alignment", "FormatString")
_LIST_KEYS = ("Name", "Label", "Expression", "FormatString")
_WIDE_KEYS = ("Expression", "FormatString")
_GROUP_KEYS = ("Name", "Label", "Expression", "FormatString")
_CUSTOM_KEYS = ("Expression", "Depth")
_EXPAND = ("CoreOnly", "EnumOnly", "Both")
#: Out-File -Encoding names and the Python codecs that write them
_ENCODINGS = {
    "ascii": "ascii", "bigendianunicode": "utf-16-be", "bigendianutf32": "utf-32-be", "oem": "utf-8",
    "unicode": "utf-16-le", "utf7": "utf-7", "utf8": "utf-8", "utf8bom": "utf-8-sig", "utf8nobom": "utf-8",
    "utf32": "utf-32-le", "default": "utf-8", "latin1": "latin-1", "ansi": "utf-8",
}
_BOMS = {"unicode": b"\xff\xfe", "bigendianunicode": b"\xfe\xff", "utf32": b"\xff\xfe\x00\x00",
         "bigendianutf32": b"\x00\x00\xfe\xff"}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _host_width(cmdlet: Cmdlet) -> int:
    host = getattr(cmdlet.runspace, "host", None)
    width = getattr(host, "ui_width", None)
    return int(width) if isinstance(width, int) and width > 0 else DEFAULT_WIDTH


def _enumeration_limit(cmdlet: Cmdlet) -> int:
    """$FormatEnumerationLimit (4 unless the user changed it; -1 shows every item)."""
    value = cmdlet.runspace.get_variable("FormatEnumerationLimit")
    return value if isinstance(value, int) and not isinstance(value, bool) else ENUMERATION_LIMIT


def _host_rows(cmdlet: Cmdlet) -> int:
    """The host's screen height (0 when it has none), for -RepeatHeader."""
    rows = getattr(getattr(cmdlet.runspace, "host", None), "ui_height", 0)
    return rows if isinstance(rows, int) and rows > 0 else 0


def _redirected_ansi(cmdlet: Cmdlet) -> bool:
    """Whether Out-String/Out-File keep VT sequences: only when $PSStyle.OutputRendering is Ansi."""
    return rendering_wants_ansi(cmdlet.runspace.get_variable("PSStyle"), False)


def _host_ansi(cmdlet: Cmdlet) -> bool:
    host = getattr(cmdlet.runspace, "host", None)
    return bool(getattr(host, "ansi", False))


class _FormatCommand(Cmdlet):
    """Shared by Format-Table/List/Wide: options from parameters, objects through a Formatter."""

    shape = Shape.TABLE
    keys: tuple[str, ...] = _TABLE_KEYS
    InputObject = Param("object", pipeline=True, help="The objects to format.")
    GroupBy = Param("object", help="Show the objects in groups, by a property or calculated property.")
    View = Param("string", help="The name of the view to use.")
    ShowError = Param("switch", help="Show errors of property expressions.")
    DisplayError = Param("switch", help="Show errors of property expressions in the output.")
    Force = Param("switch", help="Format strings and error records too instead of showing them as is.")
    Expand = Param("string", validate_set=_EXPAND, help="How to show collections: CoreOnly, EnumOnly, Both.")
    ExcludeProperty = Param("string[]", help="Properties (wildcards allowed) to leave out; implies -Property *.")

    def _options(self) -> FormatOptions:
        raise NotImplementedError

    def _specs(self) -> tuple[PropertySpec, ...]:
        props = _as_list(self.Property)  # type: ignore[attr-defined]
        if not props and self._exclude():
            props = ["*"]
        return tuple(parse_property(p, allowed=self.keys) for p in props)

    def _exclude(self) -> tuple[str, ...]:
        return tuple(str(x) for x in _as_list(self.ExcludeProperty))

    def begin(self) -> Iterable[Any]:
        if self.View and self.is_bound("Property"):
            raise PyshellError("Cannot specify both a property and a view.",
                               error_id="FormatCannotSpecifyViewAndProperty", category="InvalidArgument")
        self._failed: list[tuple[int, str]] = []
        self._formatter = Formatter(replace(self._options(), exclude=self._exclude()), invoke=self._invoke,
                                    registry=session_views(self.runspace))
        return ()

    def _group(self) -> PropertySpec | None:
        return parse_property(self.GroupBy, allowed=_GROUP_KEYS) if self.is_bound("GroupBy") else None

    def _invoke(self, block: Any, obj: Any) -> list[Any]:
        """Run a calculated property's block: any error it hits fails the expression (the cell is
        empty, #ERR with -DisplayError; -ShowError reports it after the output) instead of being written."""
        rs = self.runspace
        saved = rs.sinks
        quiet = saved.derive()
        quiet.overrides["Error"] = "Stop"
        quiet.to_null.add("Error")
        rs.sinks = quiet
        rs.try_depth += 1  # as inside try { }: a statement's error ends the block instead of being written
        try:
            return list(rs.invoke(block, dollar_under=obj))
        except PyshellError:
            failure = (id(obj), to_string(block))
            if self.ShowError and failure not in self._failed:  # a cell may be evaluated more than once
                self._failed.append(failure)
            raise
        finally:
            rs.try_depth -= 1
            rs.sinks = saved

    def _report_failures(self) -> None:
        """-ShowError: one error per failed expression, after the formatted output (pwsh's FormatErrorManager)."""
        from pyshell.engine.records import error_record_from

        for _, text in self._failed:
            record = error_record_from(PyshellError(f'Failed to evaluate expression "{text}".',
                                                    error_id="PSPropertyExpressionError", category="InvalidArgument"))
            self.streams.error(record)
        self._failed.clear()

    def process(self) -> Iterable[Any]:
        if not self.is_bound("InputObject"):
            return
        obj = self.InputObject
        if self.Expand == "CoreOnly" and isinstance(obj, (list, tuple)):
            obj = _Opaque(obj)
        yield from self._formatter.process(obj)

    def end(self) -> Iterable[Any]:
        yield from self._formatter.end()
        self._report_failures()


class _Opaque:
    """An array Format-* -Expand CoreOnly shows as one object (its Length/Count), not item by item."""

    PS_TYPE_NAMES = ("System.Object[]", "System.Array", "System.Object")
    PS_PROPERTIES = ("Length", "Count")

    def __init__(self, items: list[Any] | tuple[Any, ...]) -> None:
        self.Length = self.Count = len(items)


@command("Format-Table", aliases=("ft",))
class FormatTable(_FormatCommand):
    """Formats the output as a table."""

    shape = Shape.TABLE
    keys = _TABLE_KEYS
    Property = Param("object[]", position=0, help="Properties (names, wildcards or calculated) to show as columns.")
    AutoSize = Param("switch", help="Size the columns to their contents.")
    HideTableHeaders = Param("switch", help="Omit the column headings.")
    Wrap = Param("switch", help="Show long values on several lines instead of cutting them.")
    RepeatHeader = Param("switch", help="Repeat the header after every screenful.")

    def _options(self) -> FormatOptions:
        return FormatOptions(
            Shape.TABLE, self._specs(), self._group(),
            autosize=True if self.AutoSize else None,
            hide_header=True if self.HideTableHeaders else None,
            wrap=True if self.Wrap else None,
            view=self.View or None,
            force=bool(self.Force),
            enumeration_limit=_enumeration_limit(self),
            repeat_header=bool(self.RepeatHeader),
            display_error=bool(self.DisplayError),
        )


@command("Format-List", aliases=("fl",))
class FormatList(_FormatCommand):
    """Formats the output as a list of properties, each on its own line."""

    shape = Shape.LIST
    keys = _LIST_KEYS
    Property = Param("object[]", position=0, help="Properties to show (* for all).")

    def _options(self) -> FormatOptions:
        return FormatOptions(Shape.LIST, self._specs(), self._group(), view=self.View or None, force=bool(self.Force),
                             enumeration_limit=_enumeration_limit(self), display_error=bool(self.DisplayError))


@command("Format-Wide", aliases=("fw",))
class FormatWide(_FormatCommand):
    """Formats objects as a wide table that shows one property of each."""

    shape = Shape.WIDE
    keys = _WIDE_KEYS
    Property = Param("object", position=0, help="The property to show.")
    AutoSize = Param("switch", help="Fit as many columns as the widest value allows.")
    Column = Param("int", help="The number of columns.")

    def _options(self) -> FormatOptions:
        if self.AutoSize and self.is_bound("Column"):
            raise PyshellError("Parameter set cannot be resolved using the specified named parameters.",
                               error_id="AmbiguousParameterSet", category="InvalidArgument")
        columns = int(self.Column or 0)
        if self.is_bound("Column") and columns <= 0:
            raise PyshellError(f"Cannot validate argument on parameter 'Column'. The {columns} argument is less "
                               "than the minimum allowed range of 1.", error_id="ParameterArgumentValidationError",
                               category="InvalidData")
        return FormatOptions(Shape.WIDE, self._specs(), self._group(), autosize=True if self.AutoSize else None,
                             view=self.View or None, columns=columns, force=bool(self.Force),
                             enumeration_limit=_enumeration_limit(self))


@command("Format-Custom", aliases=("fc",))
class FormatCustom(_FormatCommand):
    """Formats the output using a customized view (by default, each object's properties as a class block)."""

    shape = Shape.COMPLEX
    keys = _CUSTOM_KEYS
    Property = Param("object[]", position=0, help="Properties to show.")
    Depth = Param("int", help="How many levels of nested objects to expand (default 5).")

    def _options(self) -> FormatOptions:
        depth = int(self.Depth) if self.is_bound("Depth") else MAX_DEPTH
        return FormatOptions(Shape.COMPLEX, self._specs(), self._group(), view=self.View or None,
                             force=bool(self.Force), enumeration_limit=_enumeration_limit(self), depth=depth,
                             display_error=bool(self.DisplayError))


@command("Out-String", default_set="NoNewLineFormatting")
class OutString(Cmdlet):
    """Formats objects as text: one string, or one string per line with -Stream."""

    InputObject = Param("object", pipeline=True, help="The objects to format.")
    Width = Param("int", help="Characters per line (default: the host's width less one).")
    Stream = Param("switch", sets=("StreamFormatting",), help="Send each line as a separate string.")
    NoNewline = Param("switch", sets=("NoNewLineFormatting",), help="Join the lines without line breaks.")

    def begin(self) -> Iterable[Any]:
        width = int(self.Width) if self.is_bound("Width") else _host_width(self) - 1
        self._out = OutDefault(max(width, 1), _redirected_ansi(self), exact_width=True, group_wait=0.3,
                               enumeration_limit=_enumeration_limit(self), registry=session_views(self.runspace))
        self._lines: list[str] = []
        return ()

    def process(self) -> Iterable[Any]:
        if not self.is_bound("InputObject"):
            return
        obj = self.InputObject
        lines = self._out.feed_lines(obj)
        if self.NoNewline and isinstance(obj, str) and "\n" in obj:
            # a string is written whole, so -NoNewline keeps its own line breaks
            own = obj.replace("\r\n", "\n").split("\n")
            if lines[-len(own):] == own:
                lines = [*lines[:-len(own)], obj]
        if self.Stream:
            yield from lines
        else:
            self._lines.extend(lines)

    def end(self) -> Iterable[Any]:
        lines = self._out.finish_lines()
        if self.Stream:
            yield from lines
            return
        self._lines.extend(lines)
        # pwsh writes its buffer at the end even when nothing came in: `@() | Out-String` is ""
        yield "".join(self._lines) if self.NoNewline else "".join(line + "\n" for line in self._lines)


class _HostOutput(Cmdlet):
    """Out-Host and Out-Default: format here and hand the lines to the host, returning nothing.

    The lines reach the host as strings, which it prints as they are, so `Get-Job | Out-Host`
    shows its own table even in the middle of other output.
    """

    InputObject = Param("object", pipeline=True, help="The objects to show.")

    def begin(self) -> Iterable[Any]:
        self._out = OutDefault(_host_width(self), _host_ansi(self), group_wait=0.3,
                               enumeration_limit=_enumeration_limit(self), rows=_host_rows(self),
                               registry=session_views(self.runspace))
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._show(self._out.feed_lines(self.InputObject))
        return ()

    def end(self) -> Iterable[Any]:
        self._show(self._out.finish_lines())
        return ()

    def _show(self, lines: list[str]) -> None:
        host = self.runspace.host
        for line in lines:
            host.write_output(line)


@command("Out-Host", aliases=("oh",))
class OutHost(_HostOutput):
    """Sends output to the host (the terminal)."""

    Paging = Param("switch", help="Show one page at a time (accepted; output is not paged).")


@command("Out-Default")
class OutDefaultCommand(_HostOutput):
    """Sends output to the default formatter and the host."""

    Transcript = Param("switch", help="Send output to the transcript only.")

    def _show(self, lines: list[str]) -> None:
        if self.Transcript:
            # -Transcript output goes to the active transcripts only, never to the host's display
            from pyshell.transcript import record

            self.runspace.host.flush_output()
            record(self.runspace, "".join(line + "\n" for line in lines))
            return
        super()._show(lines)


@command("Out-File", default_set="ByPath")
class OutFile(Cmdlet):
    """Sends formatted output to a file."""

    FilePath = Param("string", position=0, mandatory=True, aliases=("Path",), sets=("ByPath",),
                     help="The file to write.")
    LiteralPath = Param("string", mandatory=True, aliases=("PSPath", "LP"), sets=("ByLiteralPath",),
                        help="The file to write, without wildcard expansion.")
    Encoding = Param("string", position=1, help="The text encoding (default utf8NoBOM).")
    Append = Param("switch", help="Add to the end of the file.")
    Force = Param("switch", help="Overwrite a read-only file.")
    NoClobber = Param("switch", aliases=("NoOverwrite",), help="Do not overwrite an existing file.")
    Width = Param("int", help="Characters per line (default: the host's width less one).")
    NoNewline = Param("switch", help="Write no line breaks.")
    InputObject = Param("object", pipeline=True, help="The objects to write.")

    def begin(self) -> Iterable[Any]:
        width = int(self.Width) if self.is_bound("Width") else _host_width(self) - 1
        self._out = OutDefault(max(width, 1), _redirected_ansi(self), exact_width=True, group_wait=0.3,
                               enumeration_limit=_enumeration_limit(self), registry=session_views(self.runspace))
        self._lines: list[str] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._lines.extend(self._out.feed_lines(self.InputObject))
        return ()

    def end(self) -> Iterable[Any]:
        self._lines.extend(self._out.finish_lines())
        text = "".join(self._lines) if self.NoNewline else "".join(line + "\n" for line in self._lines)
        path = self.runspace.resolve_path(self.FilePath if self.is_bound("FilePath") else self.LiteralPath)
        self._write(path, text)
        return ()

    def _encode(self, text: str) -> tuple[bytes, bytes]:
        """(BOM, encoded text) for -Encoding."""
        name = self.Encoding or "utf8NoBOM"
        key = str(name).casefold().replace("-", "") if str(name).casefold() not in _ENCODINGS else str(name).casefold()
        codec = _ENCODINGS.get(key)
        if codec is None:
            try:
                codec = codecs.lookup(str(name)).name
            except LookupError:
                raise PyshellError(f"'{name}' is not a supported encoding name. For information on defining a "
                                   "custom encoding, see the documentation for the Encoding.RegisterProvider method.",
                                   error_id="ArgumentException", category="InvalidArgument", target=name) from None
        return _BOMS.get(key, b""), text.encode(codec, errors="replace")

    def _write(self, path: str, text: str) -> None:
        bom, data = self._encode(text)
        denied = PyshellError(f"Access to the path '{path}' is denied.", error_id="FileOpenFailure",
                              category="OpenError", target=path)
        exists = os.path.exists(path)
        if os.path.isdir(path):
            raise denied
        if exists and self.NoClobber and not self.Append:
            raise PyshellError(f"The file '{path}' already exists.", error_id="NoClobber", category="ResourceExists",
                               target=path)
        directory = os.path.dirname(path) or "."
        if not os.path.isdir(directory):
            raise PyshellError(f"Could not find a part of the path '{path}'.", error_id="FileOpenFailure",
                               category="OpenError", target=path)
        try:
            if exists and not os.access(path, os.W_OK):
                if not self.Force:
                    raise denied
                os.chmod(path, os.stat(path).st_mode | 0o200)
            if self.Append and exists:
                with open(path, "ab") as f:
                    f.write(data)
            else:
                _replace(path, bom + data, exists)
        except PermissionError as exc:
            raise denied from exc
        except OSError as exc:
            raise PyshellError(f"{exc.strerror}: '{path}'", error_id="FileOpenFailure", category="OpenError",
                               target=path) from exc


def _replace(path: str, data: bytes, exists: bool) -> None:
    """Write data as the whole of path: via a temporary file renamed over it, so a failure leaves
    the old file alone (directly, when the directory itself is not writable)."""
    directory = os.path.dirname(path) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".out-file-", dir=directory)
    except PermissionError:
        with open(path, "wb") as f:
            f.write(data)
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, os.stat(path).st_mode & 0o7777 if exists else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask



def _run_view_script(runspace: Any) -> Any:
    """A runner for format.ps1xml <ScriptBlock> items: the script text with $_ set to the object."""
    from pyshell.engine.scriptblock import ScriptBlock

    blocks: dict[str, Any] = {}

    def run(text: str, obj: Any) -> list[Any]:
        block = blocks.get(text)
        if block is None:
            block = blocks[text] = ScriptBlock.create(text)
        return list(runspace.invoke(block, dollar_under=obj))

    return run


@command("Update-FormatData")
class UpdateFormatData(Cmdlet):
    """Loads formatting data (.format.ps1xml files) into the session."""

    AppendPath = Param("string[]", position=0, pipeline=True, by_property_name=True,
                       aliases=("PSPath", "Path"), help="Format files to load after the existing ones.")
    PrependPath = Param("string[]", help="Format files to load before the existing ones.")

    def end(self) -> Iterable[Any]:
        from pyshell.commands.filesystem import not_found_error
        from pyshell.formatting.ps1xml import FormatFileError, load_format_file, session_views_for_update

        run = _run_view_script(self.runspace)
        for paths, prepend in ((_as_list(self.PrependPath), True), (_as_list(self.AppendPath), False)):
            for path in paths:
                full = self.runspace.resolve_path(str(path))
                if not os.path.isfile(full):
                    self.write_error(not_found_error(full))
                    continue
                try:
                    views = load_format_file(full, run)
                except FormatFileError as exc:
                    self.write_error(PyshellError(f"There were errors in loading the format data file:\n{exc}",
                                                  error_id="FormatXmlUpdateException", category="InvalidOperation",
                                                  target=full))
                    continue
                except OSError as exc:
                    self.write_error(PyshellError(f"{exc.strerror}: '{full}'", error_id="FormatXmlUpdateException",
                                                  category="InvalidOperation", target=full))
                    continue
                registry = session_views_for_update(self.runspace)
                registry.files.append(full)
                for type_name, view in (reversed(views) if prepend else views):
                    if prepend:
                        registry.prepend(type_name, view)
                    else:
                        registry.register(type_name, view)
                    registry.loaded.append((type_name, view))
        return ()


@command("Get-FormatData")
class GetFormatData(Cmdlet):
    """Gets the formatting data (views) of the current session."""

    TypeName = Param("string[]", position=0, help="Type names (wildcards allowed) to get views of.")
    PowerShellVersion = Param("object", help="Accepted for compatibility.")

    def end(self) -> Iterable[Any]:
        from pyshell.engine.calculated import wildcard_match
        from pyshell.engine.objects import PSObject
        from pyshell.formatting.ps1xml import session_views
        from pyshell.formatting.views import type_spelling, view_shape

        patterns = [str(p) for p in _as_list(self.TypeName)] or ["*"]
        # views selected by several types (a selection set) need -PowerShellVersion 5.1 or later
        shared_ok = self.is_bound("PowerShellVersion") and _version_at_least(self.PowerShellVersion, (5, 1))
        for names, views in _type_groups(session_views(self.runspace)._by_type):
            spelled = [type_spelling(n) for n in names]
            if len(spelled) > 1 and not shared_ok:
                continue
            if not any(wildcard_match(p, name) for p in patterns for name in spelled):
                continue
            defs = []
            for view in views:
                control = {Shape.TABLE: "TableControl", Shape.LIST: "ListControl", Shape.WIDE: "WideControl"}.get(
                    view_shape(view), "CustomControl")
                defs.append(PSObject({"Name": view.name, "Control": control, "OutOfBand": False},
                                     ["System.Management.Automation.FormatViewDefinition", "System.Object"]))
            yield PSObject({"TypeName": spelled[0], "TypeNames": spelled, "FormatViewDefinition": defs},
                           ["System.Management.Automation.ExtendedTypeDefinition", "System.Object"])


def _type_groups(by_type: dict[str, list[Any]]) -> list[tuple[list[str], list[Any]]]:
    """Types whose view lists are the very same views form one ExtendedTypeDefinition, as in pwsh."""
    groups: dict[tuple[int, ...], tuple[list[str], list[Any]]] = {}
    for folded, views in by_type.items():
        if not views:
            continue
        key = tuple(id(v) for v in views)
        groups.setdefault(key, ([], views))[0].append(folded)
    return list(groups.values())


def _version_at_least(value: Any, wanted: tuple[int, ...]) -> bool:
    parts = []
    for piece in to_string(value).split("."):
        try:
            parts.append(int(piece))
        except ValueError:
            return False
    return tuple(parts) >= wanted


@command("Export-FormatData")
class ExportFormatData(Cmdlet):
    """Saves formatting data (Get-FormatData output) to a format.ps1xml file."""

    InputObject = Param("object[]", mandatory=True, pipeline=True, help="ExtendedTypeDefinition objects to save.")
    Path = Param("string", mandatory=True, sets=("ByPath",), aliases=("FilePath",), help="The file to write.")
    LiteralPath = Param("string", mandatory=True, sets=("ByLiteralPath",), aliases=("PSPath", "LP"),
                        help="The file to write, taken literally.")
    Force = Param("switch", help="Overwrite a read-only file.")
    NoClobber = Param("switch", aliases=("NoOverwrite",), help="Do not overwrite an existing file.")
    IncludeScriptBlock = Param("switch", help="Write the script blocks of computed columns.")

    def begin(self) -> Iterable[Any]:
        self._entries: list[tuple[list[str], Any]] = []
        return ()

    def process(self) -> Iterable[Any]:
        from pyshell.engine.objects import MISSING, get_property

        registry = session_views(self.runspace)
        for definition in _as_list(self.InputObject):
            type_name = get_property(definition, "TypeName")
            if type_name is MISSING or type_name is None:
                continue
            names = get_property(definition, "TypeNames")
            names = [to_string(n) for n in _as_list(names)] if names not in (MISSING, None) else []
            names = names or [to_string(type_name)]
            wanted = [to_string(get_property(d, "Name")) for d in _as_list(get_property(definition, "FormatViewDefinition"))]
            views = registry.views_of(to_string(type_name))
            self._entries += [(names, v) for v in views if not wanted or v.name in wanted]
        return ()

    def end(self) -> Iterable[Any]:
        from pyshell.formatting.export_xml import views_to_xml

        raw = self.LiteralPath if self.is_bound("LiteralPath") else self.Path
        path = self.runspace.resolve_path(str(raw))
        if os.path.exists(path) and self.NoClobber:
            raise PyshellError(f"The file '{path}' already exists.", error_id="NoClobber", category="ResourceExists",
                               target=path)
        if os.path.isdir(path) or not os.path.isdir(os.path.dirname(path) or "."):
            raise PyshellError(f"Could not find a part of the path '{path}'." if not os.path.isdir(path) else
                               f"Access to the path '{path}' is denied.", error_id="FileOpenFailure",
                               category="OpenError", target=path)
        if self.Force and os.path.exists(path) and not os.access(path, os.W_OK):
            os.chmod(path, os.stat(path).st_mode | 0o200)
        try:
            with open(path, "w", encoding="utf-8-sig", newline="") as fh:
                fh.write(views_to_xml(self._entries, bool(self.IncludeScriptBlock)))
        except OSError:
            raise PyshellError(f"Access to the path '{path}' is denied.", error_id="FileOpenFailure",
                               category="OpenError", target=path) from None
        return ()
