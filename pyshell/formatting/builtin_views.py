"""The built-in views, as pwsh 7 defines them on Linux (its *.format.ps1xml data).

Jobs, PSSessions, processes, files and directories, event log entries, hashtables, dates,
time spans, Group-Object/Measure-Object/Get-Member/Get-Command/Get-History/Get-Variable output.
Imported once by the package; registering twice would only add duplicates.
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
from typing import Any

from pyshell.engine.conversions import to_number, to_string
from pyshell.engine.objects import MISSING, get_property
from pyshell.formatting.formatstrings import format_composite, format_value
from pyshell.formatting.table import Align
from pyshell.formatting.views import (
    Column,
    CustomView,
    GroupBy,
    ListView,
    Source,
    TableView,
    ViewRegistry,
    WideView,
)

__all__ = ["register_builtin_views"]

L, R = Align.LEFT, Align.RIGHT
_RESET = "\x1b[0m"
#: $PSStyle.FileInfo defaults
_DIRECTORY_STYLE = "\x1b[44;1m"
_SYMLINK_STYLE = "\x1b[36;1m"
_EXECUTABLE_STYLE = "\x1b[32;1m"
_EXTENSION_STYLES = {
    **dict.fromkeys((".zip", ".tgz", ".gz", ".tar", ".nupkg", ".cab", ".7z"), "\x1b[31;1m"),
    **dict.fromkeys((".ps1", ".psd1", ".psm1", ".ps1xml"), "\x1b[33;1m"),
}
_FS_PREFIX = "Microsoft.PowerShell.Core\\FileSystem::"


def _prop(obj: Any, *names: str) -> Any:
    for n in names:
        v = get_property(obj, n)
        if v is not MISSING:
            return v
    return None


def _float(value: Any) -> float:
    try:
        return float(to_number(value))
    except Exception:  # noqa: BLE001 - [float]$x of something odd shows 0
        return 0.0


def _n2(value: Any) -> str:
    return format_value(_float(value), "N2")


# -- processes ---------------------------------------------------------------------------


def _npm(p: Any) -> int:
    return round(_float(_prop(p, "NPM", "NonpagedSystemMemorySize64")) / 1024)


_PROCESS = TableView(
    (
        Column(_npm, "NPM(K)", 7, R),
        Column(lambda p: _n2(_float(_prop(p, "PM", "PagedMemorySize64")) / 1048576), "PM(M)", 8, R),
        Column(lambda p: _n2(_float(_prop(p, "WS", "WorkingSet64")) / 1048576), "WS(M)", 10, R),
        Column(lambda p: _n2(_prop(p, "CPU")), "CPU(s)", 10, R),
        Column("Id", width=7, align=R),
        Column("SI", width=3, align=R),
        Column("ProcessName"),
    ),
    name="process",
)

# System.Diagnostics.ProcessModule (Process.Modules): Size is ModuleMemorySize in KiB
_PROCESS_MODULE = TableView((Column("Size", "Size(K)", 10, R), Column("ModuleName", width=50), Column("FileName")),
                            name="ProcessModule")

# -- files and directories ---------------------------------------------------------------


def _parent_path(item: Any) -> str:
    parent = _prop(item, "PSParentPath")
    if parent is not None:
        text = to_string(parent)
        return text[len(_FS_PREFIX) :] if text.startswith(_FS_PREFIX) else text
    directory = _prop(item, "DirectoryName")
    if directory is not None:
        return to_string(directory)
    full = _prop(item, "FullName")
    return os.path.dirname(to_string(full)) if full is not None else ""


def _is_directory(item: Any) -> bool:
    mode = to_string(_prop(item, "UnixMode") or _prop(item, "Mode") or "")
    return mode.startswith("d") or "System.IO.DirectoryInfo" in getattr(item, "PS_TYPE_NAMES", ())


def _name_string(item: Any) -> str:
    """The Name column: coloured like $PSStyle.FileInfo, links as `name -> target`."""
    given = _prop(item, "NameString")
    if given is not None:
        return to_string(given)
    name = to_string(_prop(item, "Name"))
    target = _prop(item, "LinkTarget", "Target")
    mode = to_string(_prop(item, "UnixMode") or "")
    if target and (mode.startswith("l") or _prop(item, "LinkType")):
        return f"{_SYMLINK_STYLE}{name}{_RESET} -> {to_string(target)}"
    if _is_directory(item):
        return f"{_DIRECTORY_STYLE}{name}{_RESET}"
    style = _EXTENSION_STYLES.get(os.path.splitext(name)[1].lower())
    if style:
        return f"{style}{name}{_RESET}"
    if len(mode) >= 10 and "x" in (mode[3], mode[6], mode[9]) and mode.startswith("-"):
        return f"{_EXECUTABLE_STYLE}{name}{_RESET}"
    if not mode:
        full = _prop(item, "FullName")
        try:
            if full is not None and os.stat(to_string(full)).st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH):
                return f"{_EXECUTABLE_STYLE}{name}{_RESET}"
        except OSError:
            pass
    return name


def _last_write(item: Any) -> str:
    value = _prop(item, "LastWriteTime")
    if isinstance(value, _dt.datetime):
        return format_composite("{0:d} {0:HH}:{0:mm}", [value])
    return to_string(value)


#: files are grouped by their directory, under a "    Directory: /path" header
_GROUP_KEY = GroupBy(_parent_path, header=lambda item: "    Directory: " + _parent_path(item))
#: width of "{0:d} {0:HH}:{0:mm}" for the latest date, in en-US: 12/31/9999 23:59
_LAST_WRITE_WIDTH = 16

_CHILDREN = TableView(
    (
        Column("UnixMode", "UnixMode", 10, L),
        Column("User", "User", 10, R),
        Column("Group", "Group", 10, L),
        Column(_last_write, "LastWriteTime", _LAST_WRITE_WIDTH, R),
        Column(lambda i: _prop(i, "Size", "Length"), "Size", 12, R),
        Column(_name_string, "Name", 0, L),
    ),
    name="childrenWithUnixStat",
    group_by=_GROUP_KEY,
    wrap=True,
)
def _last_write_string(item: Any) -> str:
    """LastWriteTimeString: the date right-aligned in 10, the time in 8 ("{0,10:d} {0,8:t}")."""
    value = _prop(item, "LastWriteTime")
    if isinstance(value, _dt.datetime):
        return format_composite("{0,10:d} {0,8:t}", [value])
    return to_string(value)


def _length_string(item: Any) -> Any:
    """LengthString: a file's Length; directories show nothing."""
    given = _prop(item, "LengthString")
    if given is not None:
        return given
    return "" if to_string(_prop(item, "Mode") or "").startswith("d") else _prop(item, "Length")


def _classic_children(mode: Source, name: str) -> TableView:
    """The Windows-style Mode/LastWriteTime/Length/Name tables ("children", "childrenWithHardlink")."""
    return TableView((Column(mode, "Mode", 7, L), Column(_last_write_string, "LastWriteTime", 26, R),
                      Column(_length_string, "Length", 14, R), Column(_name_string, "Name", 0, L)),
                     name=name, group_by=_GROUP_KEY, wrap=True)


_CHILDREN_CLASSIC = _classic_children(lambda i: _prop(i, "ModeWithoutHardLink", "Mode"), "children")
_CHILDREN_HARDLINK = _classic_children("Mode", "childrenWithHardlink")
_CHILDREN_LIST = ListView(
    (
        Column("Name"), Column("CreationTime"), Column("LastWriteTime"), Column("LastAccessTime"),
        Column("Mode"), Column("LinkType"), Column("Target"),
    ),
    name="children",
    group_by=_GROUP_KEY,
    selected=(
        ("System.IO.FileInfo", (
            Column("Name"), Column(lambda i: _prop(i, "LengthString", "Length"), "Length"), Column("CreationTime"),
            Column("LastWriteTime"), Column("LastAccessTime"), Column("Mode"), Column("LinkType"), Column("Target"),
            Column("VersionInfo"),
        )),
    ),
)
_CHILDREN_WIDE = WideView(
    Column("Name"),
    name="children",
    group_by=_GROUP_KEY,
    selected=(("System.IO.DirectoryInfo", Column("Name", format="[{0}]")),),
)

# -- jobs and sessions -------------------------------------------------------------------

_JOB = TableView(
    (
        Column("Id", "Id", 6, L),
        Column("Name", "Name", 15, L),
        Column("PSJobTypeName", "PSJobTypeName", 15, L),
        Column("State", "State", 13, L),
        Column("HasMoreData", "HasMoreData", 15, L),
        Column("Location", "Location", 20, L),
        Column("Command", "Command", 25, L),
    ),
    name="Job",
)
_PSSESSION = TableView(
    (
        Column("Id", "Id", 3, R),
        Column("Name", "Name", 15, L),
        Column("Transport", "Transport", 9, L),
        Column("ComputerName", "ComputerName", 15, L),
        Column("ComputerType", "ComputerType", 15, L),
        Column("State", "State", 13, L),
        Column("ConfigurationName", "ConfigurationName", 20, L),
        Column("Availability", "Availability", 13, R),
    ),
    name="PSSession",
)

# -- event log ---------------------------------------------------------------------------

_EVENT_LOG_ENTRY = TableView(
    (
        Column("Index", "Index", 8, R),
        Column("TimeGenerated", "Time", 13, format="{0:MMM} {0:dd} {0:HH}:{0:mm}"),
        Column(lambda e: to_string(_prop(e, "EntryType")), "EntryType", 11),
        Column("Source", "Source", 20),
        Column("InstanceID", "InstanceID", 12, R),
        Column("Message", "Message"),
    ),
    name="System.Diagnostics.EventLogEntry",
)
_EVENT_LOG_ENTRY_LIST = ListView(
    tuple(Column(n) for n in ("Index", "EntryType", "InstanceID", "Message", "Category", "CategoryNumber",
                              "ReplacementStrings", "Source", "TimeGenerated", "TimeWritten", "UserName")),
    name="System.Diagnostics.EventLogEntry",
)



def _count(value: Any) -> int:
    return len(value) if isinstance(value, (list, tuple)) else int(_float(_prop(value, "Count")))


_EVENT_LOG = TableView(
    (
        Column(lambda g: format_value(int(_float(_prop(g, "MaximumKilobytes"))), "N0"), "Max(K)", 8, R),
        Column("MinimumRetentionDays", "Retain", 6, R),
        Column("OverflowAction", "OverflowAction", 18),
        Column(lambda g: format_value(_count(_prop(g, "Entries")), "N0"), "Entries", 10, R),
        Column("Log", "Log"),
    ),
    name="System.Diagnostics.EventLog",
)

# -- .NET basics -------------------------------------------------------------------------

_DICTIONARY = TableView((Column("Name", width=30), Column("Value")), name="Dictionary")
#: $PSVersionTable.PSVersion: pwsh shows a SemanticVersion as a table
_SEMANTIC_VERSION = TableView((Column("Major", width=6), Column("Minor", width=6), Column("Patch", width=6), Column("PreReleaseLabel", width=15),
                               Column("BuildLabel")), name="SemanticVersion")
#: [version]: DotNetTypes.format.ps1xml's System.Version table (left-aligned, as Windows PowerShell showed PSVersion)
_VERSION = TableView((Column("Major", width=6), Column("Minor", width=6), Column("Build", width=6),
                      Column("Revision", width=8)), name="System.Version")
_DICTIONARY_LIST = ListView((Column("Name"), Column("Value")), name="System.Collections.DictionaryEntry")
#: Get-Culture / [cultureinfo]: DotNetTypes.format.ps1xml's CultureInfo table
_CULTURE = TableView((Column("LCID", width=16), Column("Name", width=16), Column("DisplayName")),
                     name="System.Globalization.CultureInfo")
_TIMESPAN = ListView(
    tuple(Column(n) for n in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays",
                              "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds")),
    name="System.TimeSpan",
)
_TIMESPAN_TABLE = TableView(tuple(Column(n) for n in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds")),
                            name="System.TimeSpan")
def _datetime_text(d: Any) -> str:
    """The DateTime property pwsh shows: long date, long time or both, as the DisplayHint note says."""
    from pyshell.engine.objects import unwrap

    base = unwrap(d)
    if not isinstance(base, _dt.datetime):
        return to_string(_prop(d, "DateTime"))
    hint = to_string(_prop(d, "DisplayHint") or "").casefold() if base is not d else ""
    if hint == "date":
        return format_value(base, "dddd, MMMM d, yyyy")
    if hint == "time":
        return format_value(base, "h:mm:ss tt")
    return format_value(base, "dddd, MMMM d, yyyy h:mm:ss tt")


_DATETIME = CustomView(_datetime_text, name="DateTime")
_RUNTIME_TYPE = TableView(
    (Column("IsPublic", "IsPublic", 8), Column("IsSerializable", "IsSerial", 8), Column("Name", width=40),
     Column("BaseType")),
    name="System.RuntimeType",
)

# -- PowerShell objects ------------------------------------------------------------------

_GROUP_INFO = TableView((Column("Count", "Count", 5, R), Column("Name", width=25), Column("Group")),
                        name="Microsoft.PowerShell.Commands.GroupInfo")
_GROUP_INFO_NO_ELEMENT = TableView((Column("Count", "Count", 5, R), Column("Name", width=25)),
                                   name="Microsoft.PowerShell.Commands.GroupInfoNoElement")
#: pwsh 7 has views only for the Deserialized measure infos; live ones show all their properties
#: (GenericMeasureInfo as a list including StandardDeviation, TextMeasureInfo as a view-less table
#: whose numbers are right-aligned)
_MEASURE_INFO = ListView(tuple(Column(n) for n in ("Count", "Average", "Sum", "Maximum", "Minimum", "Property")),
                         name="Microsoft.PowerShell.Commands.GenericMeasureInfo")
_TEXT_MEASURE_INFO = TableView(tuple(Column(n, n) for n in ("Lines", "Words", "Characters", "Property")),
                               name="Microsoft.PowerShell.Commands.TextMeasureInfo")
_MEMBER_DEFINITION = TableView(
    (Column("Name", "Name"), Column("MemberType", "MemberType"), Column("Definition", "Definition")),
    name="Microsoft.PowerShell.Commands.MemberDefinition",
    group_by=GroupBy("TypeName"),
    autosize=True,
)


def _history_duration(h: Any) -> str:
    d = _prop(h, "Duration")
    if not isinstance(d, _dt.timedelta):
        start, end = _prop(h, "StartExecutionTime"), _prop(h, "EndExecutionTime")
        if not (isinstance(start, _dt.datetime) and isinstance(end, _dt.datetime)):
            return ""
        d = end - start
    hours = d.total_seconds() / 3600
    if hours >= 10:
        return f"{int(round(hours))}:" + format_value(d, r"mm\:ss\.fff")
    if hours >= 1:
        return format_value(d, r"h\:mm\:ss\.fff")
    if d.total_seconds() >= 60:
        return format_value(d, r"m\:ss\.fff")
    return format_value(d, r"s\.fff")


_HISTORY = TableView((Column("Id", width=4, align=R), Column(_history_duration, "Duration", 12, R),
                      Column("CommandLine")), name="history")
_VARIABLE = TableView((Column("Name", width=30), Column("Value")), name="Variable")
_PATH_INFO = TableView((Column("Path"),), name="PathInfo")
_COMMAND_INFO = TableView(
    (
        Column("CommandType", "CommandType", 15),
        Column(lambda c: _prop(c, "DisplayName", "Name") if to_string(_prop(c, "CommandType")) == "Alias"
               else _prop(c, "Name"), "Name", 50),
        Column("Version", "Version", 10),
        Column("Source", "Source"),
    ),
    name="CommandInfo",
)
_COMMAND_TYPES = ("AliasInfo", "ApplicationInfo", "CmdletInfo", "ExternalScriptInfo", "FilterInfo", "FunctionInfo",
                  "ScriptInfo")


def _verb_noun(c: Any, part: int) -> Any:
    value = _prop(c, ("Verb", "Noun")[part])
    if value is not None:
        return value
    name = str(_prop(c, "Name") or "")
    return name.split("-", 1)[part] if "-" in name else ""


def _implementing_type(c: Any) -> Any:
    value = _prop(c, "ImplementingType")
    if value is not None:
        return value
    name = str(_prop(c, "Name") or "")
    return "Microsoft.PowerShell.Commands." + name.replace("-", "") + "Command" if "-" in name else None


_CMDLET_INFO_LIST = ListView(
    (Column("Name"), Column("CommandType"), Column("Definition"), Column("Path"), Column("AssemblyInfo"),
     Column("DLL"), Column("HelpFile"), Column("ParameterSets"), Column(_implementing_type, "ImplementingType"),
     Column(lambda c: _verb_noun(c, 0), "Verb"), Column(lambda c: _verb_noun(c, 1), "Noun")),
    name="System.Management.Automation.CmdletInfo",
)
_FUNCTION_INFO_LIST = ListView((Column("Name"), Column("CommandType"), Column("Definition")),
                               name="System.Management.Automation.CommandInfo")
_PROVIDER_LIST = ListView(tuple(Column(n) for n in ("Name", "Drives", "Path", "Home", "Description", "Capabilities",
                                                    "ImplementingType", "AssemblyInfo")), name="provider")
_PSDRIVE_LIST = ListView(tuple(Column(n) for n in ("Name", "Description", "Provider", "Root", "CurrentLocation")),
                         name="System.Management.Automation.PSDriveInfo")
_BASE_COMMAND_INFO = TableView((Column("CommandType", width=15), Column("Name")), name="CommandInfo")
_PROVIDER = TableView((Column("Name", width=20), Column("Capabilities"), Column("Drives")), name="provider")
_PSDRIVE = TableView(
    (
        Column("Name", width=10),
        Column(lambda d: _drive_gb(d, "Used"), "Used (GB)", 13, R),
        Column(lambda d: _drive_gb(d, "Free"), "Free (GB)", 13, R),
        Column(lambda d: _prop(_prop(d, "Provider"), "Name") or _prop(d, "Provider"), "Provider", 13),
        Column(lambda d: _prop(d, "DisplayRoot") or _prop(d, "Root"), "Root", 35),
        Column("CurrentLocation", align=R),
    ),
    name="drive",
)


def _drive_gb(drive: Any, which: str) -> str:
    used, free = _prop(drive, "Used"), _prop(drive, "Free")
    if not (used or free):
        return ""
    return format_value(_float(_prop(drive, which)) / 1073741824, "###0.00")


def _exported_commands(m: Any) -> Any:
    table = _prop(m, "ExportedCommands")
    return list(table.keys()) if hasattr(table, "keys") else table


def _ps_edition(m: Any) -> str:
    editions = _prop(m, "CompatiblePSEditions") or []
    return ",".join(to_string(e)[:4] for e in editions) if editions else "Desk"


def _module_directory(m: Any) -> str:
    """The Modules folder a listed module lives in (above its name and version folders)."""
    base = to_string(_prop(m, "ModuleBase") or "")
    parent = os.path.dirname(base)
    if os.path.basename(parent).casefold() == to_string(_prop(m, "Name") or "").casefold():
        parent = os.path.dirname(parent)  # <Modules>/<Name>/<Version>/
    return parent


_MODULE_COLUMNS = (Column("ModuleType", width=10), Column("Version", width=10), Column("PreRelease", width=10),
                   Column("Name", width=35))
_MODULE = TableView(_MODULE_COLUMNS + (Column(_exported_commands, "ExportedCommands"),), name="Module")
def _keys_of(name: str) -> Any:
    def get(m: Any) -> Any:
        table = _prop(m, name)
        return list(table.keys()) if hasattr(table, "keys") else table
    return get


_MODULE_LIST = ListView(
    (Column("Name"), Column("Path"), Column("Description"), Column("ModuleType"), Column("Version"),
     Column("PreRelease"), Column("NestedModules"), Column(_keys_of("ExportedFunctions"), "ExportedFunctions"),
     Column(_keys_of("ExportedCmdlets"), "ExportedCmdlets"), Column(_keys_of("ExportedVariables"), "ExportedVariables"),
     Column(_keys_of("ExportedAliases"), "ExportedAliases")),
    name="Module",
)
_MODULE_GROUPED = TableView(
    _MODULE_COLUMNS + (Column(_ps_edition, "PSEdition", 9), Column(_exported_commands, "ExportedCommands")),
    name="Module",
    group_by=GroupBy(_module_directory, header=lambda m: "    Directory: " + _module_directory(m)),
)

_SCRIPT_BLOCK = CustomView(to_string, name="ScriptBlock", out_of_band=True)
_INFORMATION_RECORD = CustomView(to_string, name="InformationRecord", out_of_band=True)

_SMA = "System.Management.Automation."
_COMMANDS = "Microsoft.PowerShell.Commands."


def register_builtin_views(registry: ViewRegistry) -> None:
    """Add pwsh's default views to registry (first registered per type is the default)."""
    add = registry.register
    add("System.Diagnostics.Process", _PROCESS)
    add("System.Diagnostics.ProcessModule", _PROCESS_MODULE)
    for type_name in ("System.IO.DirectoryInfo", "System.IO.FileInfo"):
        add(type_name, _CHILDREN)
        add(type_name, _CHILDREN_CLASSIC)
        add(type_name, _CHILDREN_HARDLINK)
        add(type_name, _CHILDREN_LIST)
        add(type_name, _CHILDREN_WIDE)
    add(_SMA + "Job", _JOB)
    add(_SMA + "Runspaces.PSSession", _PSSESSION)
    add("System.Diagnostics.EventLogEntry", _EVENT_LOG_ENTRY)
    add("System.Diagnostics.EventLogEntry", _EVENT_LOG_ENTRY_LIST)
    add("System.Diagnostics.EventLog", _EVENT_LOG)
    add("System.Collections.DictionaryEntry", _DICTIONARY)
    add(_SMA + "SemanticVersion", _SEMANTIC_VERSION)
    add("System.Version", _VERSION)
    add("System.Globalization.CultureInfo", _CULTURE)
    add("System.Collections.DictionaryEntry", _DICTIONARY_LIST)
    add("System.TimeSpan", _TIMESPAN)
    add("System.TimeSpan", _TIMESPAN_TABLE)
    add("System.DateTime", _DATETIME)
    add("System.RuntimeType", _RUNTIME_TYPE)
    add(_COMMANDS + "GroupInfo", _GROUP_INFO)
    add(_COMMANDS + "GroupInfoNoElement", _GROUP_INFO_NO_ELEMENT)
    add("Deserialized." + _COMMANDS + "GenericMeasureInfo", _MEASURE_INFO)
    add("Deserialized." + _COMMANDS + "TextMeasureInfo", _TEXT_MEASURE_INFO)
    add(_COMMANDS + "MemberDefinition", _MEMBER_DEFINITION)
    add(_COMMANDS + "HistoryInfo", _HISTORY)
    add(_SMA + "PSVariable", _VARIABLE)
    add(_SMA + "PathInfo", _PATH_INFO)
    for short in _COMMAND_TYPES:
        add(_SMA + short, _COMMAND_INFO)
    add(_SMA + "CmdletInfo", _CMDLET_INFO_LIST)
    add(_SMA + "FunctionInfo", _FUNCTION_INFO_LIST)
    add(_SMA + "FilterInfo", _FUNCTION_INFO_LIST)
    add(_SMA + "CommandInfo", _BASE_COMMAND_INFO)
    add(_SMA + "ProviderInfo", _PROVIDER)
    add(_SMA + "ProviderInfo", _PROVIDER_LIST)
    add(_SMA + "PSDriveInfo", _PSDRIVE)
    add(_SMA + "PSDriveInfo", _PSDRIVE_LIST)
    add(_SMA + "ScriptBlock", _SCRIPT_BLOCK)
    add(_SMA + "InformationRecord", _INFORMATION_RECORD)
    from pyshell.formatting.errordetail import EXTENDED_ERROR, EXTENDED_EXCEPTION, render_extended_error

    add(EXTENDED_ERROR, CustomView(render_extended_error, name="GetErrorInstance"))
    add(EXTENDED_EXCEPTION, CustomView(render_extended_error, name="GetErrorInstance"))
    add("ModuleInfoGrouping", _MODULE_GROUPED)
    add(_SMA + "PSModuleInfo", _MODULE)
    add(_SMA + "PSModuleInfo", _MODULE_LIST)
    add("ModuleInfoGrouping", _MODULE_LIST)
