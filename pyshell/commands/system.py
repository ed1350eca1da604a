"""System commands: Get-Date, New-TimeSpan, Start-Sleep, Get-Random, Get-Process, Stop-Process and Start-Process.

Processes are read from /proc (``ps`` where there is none, as on macOS). Start-Process starts a
detached process (its own session, stdin from /dev/null) that outlives the shell.
"""

from __future__ import annotations

import datetime as _dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.filesystem import ItemCommand, as_list, item_error, not_found_error, runspace_state
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_number, to_string
from pyshell.engine.items import WildcardPattern, has_wildcard
from pyshell.engine.objects import Hashtable, PSObject, type_names
from pyshell.errors import ParameterBindingError, PyshellError
from pyshell.numeric import Int64

__all__ = ["Process", "GetDate", "NewTimeSpan", "NewGuid", "StartSleep", "GetRandom", "GetProcess", "StopProcess", "StartProcess",
           "format_date", "uformat_date", "list_processes"]

_INT32_MAX = 2**31 - 1


def _range_error(name: str, value: Any, low: Any, high: Any) -> ParameterBindingError:
    if to_number(value) < low:
        detail = (f"The {to_string(value)} argument is less than the minimum allowed range of {low}. Supply an "
                  f"argument that is greater than or equal to {low} and then try the command again.")
    else:
        detail = (f"The {to_string(value)} argument is greater than the maximum allowed range of {high}. Supply an "
                  f"argument that is less than or equal to {high} and then try the command again.")
    return ParameterBindingError(f"Cannot validate argument on parameter '{name}'. {detail}",
                                 error_id="ParameterArgumentValidationError", category="InvalidData")


def _check_range(name: str, value: Any, low: Any, high: Any) -> None:
    if not low <= to_number(value) <= high:
        raise _range_error(name, value, low, high)


def _as_datetime(value: Any) -> _dt.datetime:
    if isinstance(value, PSObject) and isinstance(value.base, _dt.datetime):
        return value.base
    if isinstance(value, _dt.datetime):
        return value
    from pyshell.engine.types import convert_to

    return convert_to("datetime", value)  # type: ignore[no-any-return]


# -- Get-Date -------------------------------------------------------------------------------

def _add_months(d: _dt.datetime, months: int) -> _dt.datetime:
    """DateTime.AddMonths: the day is clamped to the end of the new month."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    days = (_dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return d.replace(year=year, month=month, day=min(d.day, days))


def format_date(d: _dt.datetime, fmt: str) -> str:
    """DateTime.ToString(format) in en-US, including FileDate/FileDateTime and their Universal forms."""
    from pyshell.formatting.formatstrings import format_value

    special = {"filedate": ("yyyyMMdd", False), "filedateuniversal": ("yyyyMMddZ", True),
               "filedatetime": ("yyyyMMddTHHmmssffff", False), "filedatetimeuniversal": ("yyyyMMddTHHmmssffffZ", True)}
    if fmt.casefold() in special:
        fmt, universal = special[fmt.casefold()]
        if universal:
            d = _to_utc(d)
    from pyshell.engine.datekind import date_kind

    if date_kind(d) == "Local" and d.tzinfo is None and (fmt in ("o", "O") or "K" in fmt):
        d = d.astimezone()  # a local DateTime shows its offset for K; an Unspecified one shows nothing
    from pyshell.engine.operators import current_format_culture

    culture = current_format_culture()
    if culture is not None and fmt.casefold() not in ("o", "r", "s", "u"):
        from pyshell.engine.culture_format import format_date as culture_date

        return culture_date(d, fmt, culture)  # Get-Date -Format D after [CultureInfo]::CurrentCulture = 'de-DE'
    return format_value(d, fmt)


def _to_utc(d: _dt.datetime) -> _dt.datetime:
    return d.astimezone(_dt.UTC)


def _iso_week(d: _dt.datetime) -> tuple[int, int]:
    year, week, _ = d.isocalendar()
    return year, week


def uformat_date(d: _dt.datetime, fmt: str) -> str:
    """Get-Date -UFormat: pwsh's own take on strftime (%Z is the offset in hours, %s whole UTC seconds...)."""
    out: list[str] = []
    dotnet = {"A": "dddd", "a": "ddd", "B": "MMMM", "b": "MMM", "h": "MMM", "D": "MM/dd/yy", "d": "dd",
              "F": "yyyy-MM-dd", "H": "HH", "I": "hh", "M": "mm", "m": "MM", "p": "tt", "R": "HH:mm",
              "r": "hh:mm:ss tt", "S": "ss", "T": "HH:mm:ss", "X": "HH:mm:ss", "x": "MM/dd/yy", "Y": "yyyy",
              "y": "yy", "Z": "zz", "c": "ddd dd MMM yyyy HH:mm:ss"}
    i = 1 if fmt.startswith("+") else 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        spec = fmt[i + 1]
        i += 2
        if spec in dotnet:
            out.append(format_date(d, dotnet[spec]))
        elif spec == "C":
            out.append(str(d.year // 100))
        elif spec == "e":
            out.append(f"{d.day:>2}")
        elif spec == "G":
            out.append(f"{_iso_week(d)[0]:04d}")
        elif spec == "g":
            out.append(f"{_iso_week(d)[0] % 100:02d}")
        elif spec == "j":
            out.append(f"{d.timetuple().tm_yday:03d}")
        elif spec == "k":
            out.append(f"{d.hour:>2}")
        elif spec == "l":
            out.append(f"{d.hour % 12 or 12:>2}")
        elif spec == "n":
            out.append("\n")
        elif spec == "t":
            out.append("\t")
        elif spec == "s":
            local = d if d.tzinfo is not None else d.astimezone()
            out.append(str(round(local.timestamp())))
        elif spec == "U":
            jan1 = _dt.date(d.year, 1, 1)
            offset = ((jan1.isoweekday() % 7) + 6) % 7
            out.append(f"{(offset + d.timetuple().tm_yday - d.isoweekday() % 7) // 7:02d}")
        elif spec == "u":
            out.append(str(d.isoweekday()))
        elif spec == "V":
            out.append(f"{_iso_week(d)[1]:02d}")
        elif spec == "W":
            out.append(str(d.timetuple().tm_yday // 7))
        elif spec == "w":
            out.append(str(d.isoweekday() % 7))
        else:
            out.append(spec)
    return "".join(out)


# -- Get-Culture / Get-UICulture ---------------------------------------------------------------


def _culture_name_error(name: str) -> PyshellError:
    """-Name outside the culture set: the ValidateSet failure pwsh's ValidateCultureNamesGenerator gives."""
    from pyshell.engine.culture import available_names

    return PyshellError(f"Cannot validate argument on parameter 'Name'. The argument \"{name}\" does not belong to the "
                        f"set \"{','.join(available_names())}\" specified by the ValidateSet attribute. Supply an "
                        f"argument that is in the set and then try the command again.",
                        error_id="ParameterArgumentValidationError", category="InvalidData")


@command("Get-Culture", default_set="CurrentCulture")
class GetCulture(Cmdlet):
    """Gets the current culture set in the operating system."""

    Name = Param("string[]", position=0, pipeline=True, sets=("Name",))
    ListAvailable = Param("switch", sets=("ListAvailable",))
    NoUserOverrides = Param("switch", sets=("CurrentCulture", "Name"))

    def process(self) -> Iterator[Any]:
        from pyshell.engine.culture import CultureNotFound, available_names, current_culture, get_culture

        current = current_culture()
        if self.ListAvailable:
            yield from (get_culture(n) for n in available_names())
            return
        if self.Name is None:
            yield get_culture(current.Name) if self.NoUserOverrides else current
            return
        names = [to_string(n) for n in (self.Name if isinstance(self.Name, (list, tuple)) else [self.Name])]
        for name in names:
            if not self.NoUserOverrides and name.casefold() == current.Name.casefold():
                yield current
                continue
            try:
                yield get_culture(name)
            except CultureNotFound:
                raise _culture_name_error(name) from None


@command("Get-UICulture")
class GetUICulture(Cmdlet):
    """Gets the current UI culture settings in the operating system."""

    def process(self) -> Iterator[Any]:
        from pyshell.engine.culture import current_culture

        yield current_culture(ui=True)


@command("Get-Date", default_set="DateAndFormat")
class GetDate(Cmdlet):
    """Gets the current date and time, or a date built from the parameters."""

    Date = Param("datetime", position=0, pipeline=True, by_property_name=True, aliases=("LastWriteTime",),
                 sets=("DateAndFormat", "DateAndUFormat"))
    UnixTimeSeconds = Param("long", aliases=("UnixTime",), sets=("UnixTimeSecondsAndFormat",
                                                                   "UnixTimeSecondsAndUFormat"))
    Year = Param("int")
    Month = Param("int")
    Day = Param("int")
    Hour = Param("int")
    Minute = Param("int")
    Second = Param("int")
    Millisecond = Param("int")
    DisplayHint = Param("string", validate_set=("Date", "Time", "DateTime"), default="DateTime")
    Format = Param("string", sets=("DateAndFormat", "UnixTimeSecondsAndFormat"))
    UFormat = Param("string", mandatory=True, sets=("DateAndUFormat", "UnixTimeSecondsAndUFormat"))
    AsUTC = Param("switch")

    _RANGES = (("Year", 1, 9999), ("Month", 1, 12), ("Day", 1, 31), ("Hour", 0, 23), ("Minute", 0, 59),
               ("Second", 0, 59), ("Millisecond", 0, 999))

    def process(self) -> Iterator[Any]:
        if self.is_bound("UFormat") and not self.UFormat:
            raise ParameterBindingError(
                "Cannot validate argument on parameter 'UFormat'. The argument is null or empty. Provide an argument "
                "that is not null or empty, and then try the command again.",
                error_id="ParameterArgumentValidationError", category="InvalidData")
        d = self._date()
        if self.UFormat is not None:
            yield uformat_date(d, to_string(self.UFormat))
        elif self.Format is not None:
            yield format_date(d, to_string(self.Format))
        elif self.is_bound("DisplayHint"):
            yield PSObject({"DisplayHint": self.DisplayHint}, type_names=type_names(d), base=d)
        else:
            yield d

    def _date(self) -> _dt.datetime:
        for name, low, high in self._RANGES:
            if self.is_bound(name):
                _check_range(name, self.bound[name], low, high)
        if self.is_bound("Date") and self.Date is not None:
            d = _as_datetime(self.Date)
        elif self.is_bound("UnixTimeSeconds"):
            d = _dt.datetime.fromtimestamp(int(to_number(self.UnixTimeSeconds)))
        else:
            d = _dt.datetime.now()
        if self.is_bound("Year"):
            d = _add_months(d, (int(self.Year) - d.year) * 12)
        if self.is_bound("Month"):
            d = _add_months(d, int(self.Month) - d.month)
        if self.is_bound("Day"):
            d += _dt.timedelta(days=int(self.Day) - d.day)
        if self.is_bound("Hour"):
            d += _dt.timedelta(hours=int(self.Hour) - d.hour)
        if self.is_bound("Minute"):
            d += _dt.timedelta(minutes=int(self.Minute) - d.minute)
        if self.is_bound("Second"):
            d += _dt.timedelta(seconds=int(self.Second) - d.second)
        if self.is_bound("Millisecond"):
            d = d.replace(microsecond=int(self.Millisecond) * 1000)
        if self.AsUTC:
            d = _to_utc(d)
        return d


# -- Start-Sleep ----------------------------------------------------------------------------

@command("New-TimeSpan", default_set="Date")
class NewTimeSpan(Cmdlet):
    """Creates a TimeSpan: the interval between -Start and -End (now by default), or one built from its parts."""

    Start = Param("datetime", position=0, by_property_name=True, aliases=("LastWriteTime",), sets=("Date",))
    End = Param("datetime", position=1, sets=("Date",))
    Days = Param("int", sets=("Time",))
    Hours = Param("int", sets=("Time",))
    Minutes = Param("int", sets=("Time",))
    Seconds = Param("int", sets=("Time",))
    Milliseconds = Param("int", sets=("Time",))

    def end(self) -> Iterator[Any]:
        if self.parameter_set_name == "Time":
            parts = {k.lower(): int(to_number(getattr(self, k) or 0))
                     for k in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds")}
            yield _dt.timedelta(**parts)
            return
        now = _dt.datetime.now()
        start = _as_datetime(self.Start) if self.Start is not None else now
        end = _as_datetime(self.End) if self.End is not None else now
        yield end - start


@command("New-Guid", default_set="Default")
class NewGuid(Cmdlet):
    """Creates a GUID: a random one, or the empty one with -Empty (the same values [guid]::NewGuid() gives)."""

    Empty = Param("switch", sets=("Empty",))
    InputObject = Param("string", position=0, pipeline=True, sets=("InputObject",))

    def process(self) -> Iterator[Any]:
        from pyshell.engine.dotnet_ctors import Guid, new_guid

        if self.is_bound("InputObject"):  # (7.5) the text of a GUID in any of .NET's formats (Guid.Parse)
            try:
                yield Guid.parse(to_string(self.InputObject or ""))
            except ValueError as exc:
                self.write_error(PyshellError(str(exc), error_id="StringNotRecognizedAsGuid",
                                              category="InvalidArgument", target=self.InputObject))
            return
        yield Guid(0) if self.Empty else new_guid()  # a System.Guid (.Guid, ToString('N'), -is [guid])


@command("Start-Sleep", default_set="Seconds")
class StartSleep(Cmdlet):
    """Suspends the activity in a script or session for the specified period of time."""

    Seconds = Param("double", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Seconds",))
    Milliseconds = Param("int", mandatory=True, by_property_name=True, aliases=("ms",), sets=("Milliseconds",))
    Duration = Param("timespan", mandatory=True, pipeline=True, by_property_name=True, aliases=("ts",),
                     sets=("FromTimeSpan",))

    def process(self) -> Iterable[Any]:
        if self.is_bound("Milliseconds"):
            _check_range("Milliseconds", self.Milliseconds, 0, _INT32_MAX)
            seconds = int(to_number(self.Milliseconds)) / 1000
        elif self.is_bound("Duration"):
            seconds = to_number(self.Duration)
            if seconds < 0:
                raise _range_error("Duration", self.Duration, "00:00:00", "")
        else:
            seconds = float(to_number(self.Seconds))
            _check_range("Seconds", self.Seconds, 0, _INT32_MAX / 1000)
        self.sleep(seconds)
        return ()

    def sleep(self, seconds: float) -> None:
        """Sleep in steps of at most 50 ms so Ctrl-C and Stop-Job end it promptly."""
        deadline = time.monotonic() + seconds
        while True:
            self.check_stop()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(0.05, remaining))


# -- Get-Random -----------------------------------------------------------------------------

@command("Get-Random", default_set="RandomNumberParameterSet")
class GetRandom(Cmdlet):
    """Gets a random number, or selects objects randomly from a collection."""

    Maximum = Param("object", position=0, sets=("RandomNumberParameterSet",))
    Minimum = Param("object", sets=("RandomNumberParameterSet",))
    InputObject = Param("object[]", position=0, mandatory=True, pipeline=True,
                        sets=("RandomListItemParameterSet", "ShuffleParameterSet"))
    Count = Param("int")
    SetSeed = Param("int")
    Shuffle = Param("switch", mandatory=True, sets=("ShuffleParameterSet",))

    def begin(self) -> Iterable[Any]:
        self.rng: random.Random = runspace_state(self.runspace, "random", random.Random)
        if self.is_bound("SetSeed"):
            self.rng.seed(int(to_number(self.SetSeed)))
        self.items: list[Any] = []
        return ()

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self.items.extend(as_list(self.bound["InputObject"]))
        return ()

    def end(self) -> Iterator[Any]:
        if self.is_bound("InputObject") or self.Shuffle:
            count = len(self.items) if self.Shuffle else int(to_number(self.Count)) if self.is_bound("Count") else 1
            yield from self.rng.sample(self.items, max(0, min(count, len(self.items))))
            return
        count = int(to_number(self.Count)) if self.is_bound("Count") else 1
        for _ in range(max(count, 1)):
            yield self._number()

    def _number(self) -> int | float:
        """A number in [Minimum, Maximum): Int32 when both bounds are Int32, Int64 when one is Int64, else Double."""
        low_in, high_in = _random_operand(self.Minimum), _random_operand(self.Maximum)
        kinds = {_random_kind(v) for v in (low_in, high_in) if v is not None}
        kind = "double" if "double" in kinds else "long" if "long" in kinds else "int"
        if kind == "double":
            low = float(low_in) if low_in is not None else 0.0
            high = float(high_in) if high_in is not None else float(sys.float_info.max)
        else:
            low = int(low_in) if low_in is not None else 0
            high = int(high_in) if high_in is not None else (_INT32_MAX if kind == "int" else 2**63 - 1)
        if low >= high:
            raise PyshellError(f"The Minimum value ({to_string(low)}) cannot be greater than or equal to the Maximum "
                               f"value ({to_string(high)}).", error_id="MinGreaterThanOrEqualMax",
                               category="InvalidArgument", reason="ArgumentException")
        if kind == "double":
            r = self.rng.random()
            return low * (1.0 - r) + high * r  # no overflow between Double.MinValue and Double.MaxValue
        value = self.rng.randrange(low, high)
        return Int64(value) if kind == "long" else value


def _random_operand(value: Any) -> Any:
    """A -Minimum/-Maximum bound as a number; a string is read as a PowerShell number literal ('1kb', '+100', '20.')."""
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if not isinstance(value, str):
        return value
    from pyshell.language.lexer import Scanner

    text = value.strip()
    sign = -1 if text[:1] == "-" else 1
    body = text[1:] if text[:1] in "+-" else text
    scanner = Scanner(body)
    m = scanner.match_number()
    if m is None or m.end() != len(body):
        return to_number(value)
    try:
        number = scanner.number_value(m)
    except PyshellError:
        raise PyshellError(f'Cannot convert value "{value}" to type "System.Int32". Error: "Value was either too '
                           'large or too small for a UInt32."', error_id="InvalidCastFromStringToInteger",
                           category="InvalidArgument", reason="PSInvalidCastException") from None
    return -number if sign < 0 else number


def _random_kind(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or isinstance(value, float):
        return "double"
    if isinstance(value, Int64) or not -(2**31) <= int(value) < 2**31:
        return "long"
    return "int"


# -- processes ------------------------------------------------------------------------------

_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _boot_time() -> float:
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("btime"):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()


def _priority_class(nice: int) -> str:
    if nice < -15:
        return "RealTime"
    if nice < -10:
        return "High"
    if nice < 0:
        return "AboveNormal"
    if nice == 0:
        return "Normal"
    if nice <= 10:
        return "BelowNormal"
    return "Idle"


_MODULE_TYPES = ["System.Diagnostics.ProcessModule", "System.ComponentModel.Component", "System.Object"]


def _process_modules(pid: int) -> list[Any]:
    """Process.Modules on Linux: the files mapped into the process (/proc/<pid>/maps), in load order."""
    spans: dict[str, list[int]] = {}
    try:
        lines = _read(f"/proc/{pid}/maps").splitlines()
    except OSError:
        return []
    for line in lines:
        parts = line.split(None, 5)
        if len(parts) < 6 or not parts[5].startswith("/"):
            continue
        start, _, end = parts[0].partition("-")
        span = spans.setdefault(parts[5].strip(), [int(start, 16), int(end, 16)])
        span[0], span[1] = min(span[0], int(start, 16)), max(span[1], int(end, 16))
    return [PSObject([("ModuleName", os.path.basename(path)), ("FileName", path), ("BaseAddress", lo),
                      ("ModuleMemorySize", hi - lo), ("EntryPointAddress", 0),
                      ("Size", (hi - lo) // 1024)], list(_MODULE_TYPES))
            for path, (lo, hi) in spans.items()]


class Process:
    """A process (System.Diagnostics.Process): a snapshot of /proc/<pid>, with Kill() and WaitForExit()."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Diagnostics.Process", "System.ComponentModel.Component",
                                      "System.MarshalByRefObject", "System.Object")
    PS_PROPERTIES: tuple[str, ...] = (
        "Name", "Id", "PriorityClass", "FileVersion", "HandleCount", "WorkingSet", "PagedMemorySize",
        "PrivateMemorySize", "VirtualMemorySize", "TotalProcessorTime", "SI", "Handles", "VM", "WS", "PM", "NPM",
        "Path", "CommandLine", "Parent", "Company", "CPU", "ProductVersion", "Description", "Product",
        "__NounName", "BasePriority", "ExitCode", "HasExited", "ExitTime", "MachineName", "MainWindowHandle",
        "MainWindowTitle", "MaxWorkingSet", "MinWorkingSet", "NonpagedSystemMemorySize",
        "NonpagedSystemMemorySize64", "PagedMemorySize64", "PagedSystemMemorySize", "PagedSystemMemorySize64",
        "PeakPagedMemorySize", "PeakPagedMemorySize64", "PeakWorkingSet", "PeakWorkingSet64",
        "PeakVirtualMemorySize", "PeakVirtualMemorySize64", "PriorityBoostEnabled", "PrivateMemorySize64",
        "PrivilegedProcessorTime", "ProcessName", "ProcessorAffinity", "Responding", "SessionId", "StartTime",
        "Threads", "UserProcessorTime", "VirtualMemorySize64", "EnableRaisingEvents", "WorkingSet64", "MainModule",
        "Modules",
    )
    PS_METHODS = ("Kill", "WaitForExit", "Refresh", "CloseMainWindow", "ToString")
    Path: str | None
    CommandLine: str | None
    StartTime: _dt.datetime | None
    Threads: list[int]
    CPU: float

    def __init__(self, pid: int, popen: subprocess.Popen[bytes] | None = None, name: str | None = None) -> None:
        self.Id = pid
        self.popen = popen  #: set for processes this shell started (ExitCode, reaping)
        self.MachineName = "."
        self.MainWindowHandle = 0
        self.MainWindowTitle = ""
        self.Company = self.Description = self.Product = self.FileVersion = self.ProductVersion = None
        self.Responding = True
        self.EnableRaisingEvents = False
        self.PriorityBoostEnabled = False
        self.MaxWorkingSet = self.MinWorkingSet = None
        self.ProcessorAffinity = None
        self.ExitTime = None
        self.start_ticks = -1
        if name is None:
            self.Refresh()
        else:
            self._blank(name)

    def _blank(self, name: str) -> None:
        """What is known of a process that was gone before /proc could be read."""
        self.Name = self.ProcessName = name
        self.CommandLine = self.Path = None
        self.state, self.ppid, self.uid = "X", 0, -1
        self.SessionId = self.SI = self.BasePriority = 0
        self.CPU = 0.0
        self.PriorityClass = "Normal"
        self.UserProcessorTime = self.PrivilegedProcessorTime = self.TotalProcessorTime = _dt.timedelta(0)
        for attr in ("WorkingSet64", "WorkingSet", "WS", "VirtualMemorySize64", "VirtualMemorySize", "VM",
                     "PrivateMemorySize64", "PrivateMemorySize", "PagedMemorySize64", "PagedMemorySize", "PM",
                     "PeakWorkingSet64", "PeakWorkingSet", "PeakVirtualMemorySize64", "PeakVirtualMemorySize",
                     "PeakPagedMemorySize64", "PeakPagedMemorySize", "NonpagedSystemMemorySize64",
                     "NonpagedSystemMemorySize", "NPM", "PagedSystemMemorySize64", "PagedSystemMemorySize",
                     "HandleCount", "Handles"):
            setattr(self, attr, 0)
        self.StartTime = None
        self.Threads = []

    def __getattr__(self, name: str) -> Any:
        if name == "__NounName":
            return "Process"
        if name == "MainModule":
            # the executable as a System.Diagnostics.ProcessModule (FileName, ModuleName), or $null when unreadable
            path = self.__dict__.get("Path")
            if not path:
                return None
            return PSObject([("ModuleName", os.path.basename(path)), ("FileName", path)],
                            ["System.Diagnostics.ProcessModule", "System.ComponentModel.Component", "System.Object"])
        if name == "Modules":
            return _process_modules(self.Id)
        raise AttributeError(name)

    def Refresh(self) -> None:  # noqa: N802 - .NET method name
        base = f"/proc/{self.Id}"
        stat = _read(f"{base}/stat")
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        status = {k: v.strip() for k, _, v in (ln.partition(":") for ln in _read(f"{base}/status").splitlines())}
        self.state = fields[0]
        self.ppid = int(fields[1])
        utime, stime = int(fields[11]) / _CLK_TCK, int(fields[12]) / _CLK_TCK
        nice = int(fields[16])
        self.start_ticks = int(fields[19])
        try:
            argv = _read(f"{base}/cmdline").split("\0")
        except OSError:
            argv = []
        name = comm
        if len(comm) >= 15 and argv and os.path.basename(argv[0]).startswith(comm):
            name = os.path.basename(argv[0]).split(" ")[0]
        self.Name = self.ProcessName = name
        self.CommandLine = " ".join(a for a in argv if a) or None
        try:
            self.Path = os.readlink(f"{base}/exe")
        except OSError:
            self.Path = None
        self.SessionId = self.SI = int(fields[3])
        self.BasePriority = nice
        self.PriorityClass = _priority_class(nice)
        self.UserProcessorTime = _dt.timedelta(seconds=utime)
        self.PrivilegedProcessorTime = _dt.timedelta(seconds=stime)
        self.TotalProcessorTime = _dt.timedelta(seconds=utime + stime)
        self.CPU = round(utime + stime, 2)
        self.WorkingSet64 = self.WorkingSet = self.WS = int(fields[21]) * _PAGE
        self.VirtualMemorySize64 = self.VirtualMemorySize = self.VM = int(fields[20])

        def kb(key: str) -> int:
            return int(status.get(key, "0 kB").split()[0]) * 1024

        self.PrivateMemorySize64 = self.PrivateMemorySize = kb("VmData")
        self.PagedMemorySize64 = self.PagedMemorySize = self.PM = kb("VmSwap")
        self.PeakWorkingSet64 = self.PeakWorkingSet = kb("VmHWM")
        self.PeakVirtualMemorySize64 = self.PeakVirtualMemorySize = kb("VmPeak")
        self.PeakPagedMemorySize64 = self.PeakPagedMemorySize = kb("VmSwap")
        self.NonpagedSystemMemorySize64 = self.NonpagedSystemMemorySize = self.NPM = 0
        self.PagedSystemMemorySize64 = self.PagedSystemMemorySize = 0
        self.StartTime = _dt.datetime.fromtimestamp(_boot_time() + self.start_ticks / _CLK_TCK)
        try:
            self.HandleCount = self.Handles = len(os.listdir(f"{base}/fd"))
        except OSError:
            self.HandleCount = self.Handles = 0
        try:
            self.Threads = sorted(int(t) for t in os.listdir(f"{base}/task"))
        except OSError:
            self.Threads = []
        self.uid = int(status.get("Uid", "0").split()[0])

    @property
    def Parent(self) -> Process | None:  # noqa: N802
        try:
            return Process(self.ppid) if self.ppid > 0 else None
        except (OSError, ValueError, IndexError):
            return None

    @property
    def HasExited(self) -> bool:  # noqa: N802
        if self.popen is not None:
            return self.popen.poll() is not None
        try:
            stat = _read(f"/proc/{self.Id}/stat")
        except OSError:
            return True
        fields = stat[stat.rindex(")") + 2 :].split()
        return fields[0] in ("Z", "X") or int(fields[19]) != self.start_ticks

    @property
    def ExitCode(self) -> int | None:  # noqa: N802
        if self.popen is None:
            return None
        code = self.popen.poll()
        return None if code is None else (128 - code if code < 0 else code)

    def Kill(self, entire_process_tree: bool = False) -> None:  # noqa: N802
        """SIGKILL, as .NET's Process.Kill() on Unix."""
        if self.HasExited:
            return
        os.kill(self.Id, signal.SIGKILL)
        self._reap()

    def _reap(self) -> None:
        """Collect a child this shell started (Start-Process), so it is not left a zombie."""
        if self.popen is not None:
            try:
                self.popen.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass

    def WaitForExit(self, milliseconds: int | None = None) -> bool:  # noqa: N802
        deadline = None if milliseconds in (None, -1) else time.monotonic() + int(milliseconds or 0) / 1000
        while not self.HasExited:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def CloseMainWindow(self) -> bool:  # noqa: N802
        return False

    def ps_to_string(self) -> str:
        return f"System.Diagnostics.Process ({self.ProcessName})"

    ToString = ps_to_string

    def __repr__(self) -> str:
        return f"Process({self.Id}, {self.ProcessName!r})"


def list_processes() -> list[Process]:
    """Every process that can be read now, sorted by name then id as Get-Process outputs them."""
    result = []
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pids = _ps_pids()
    for pid in pids:
        proc = _snapshot(pid)
        if proc is not None:
            result.append(proc)
    result.sort(key=lambda p: (p.ProcessName.casefold(), p.Id))
    return result


def _snapshot(pid: int, popen: subprocess.Popen[bytes] | None = None) -> Process | None:
    try:
        return Process(pid, popen)
    except (OSError, ValueError, IndexError):
        return None


def _ps_pids() -> list[int]:
    """Without /proc (macOS) the list comes from ps; such processes then fail to snapshot and are skipped."""
    try:
        out = subprocess.run(["ps", "-axo", "pid="], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [int(x) for x in out.split() if x.isdigit()]


def _no_name(name: str) -> PyshellError:
    return item_error(f'Cannot find a process with the name "{name}". Verify the process name and call the cmdlet '
                      "again.", "NoProcessFoundForGivenName", "ObjectNotFound", name, "ProcessCommandException")


def _no_id(pid: int) -> PyshellError:
    return item_error(f"Cannot find a process with the process identifier {pid}.", "NoProcessFoundForGivenId",
                      "ObjectNotFound", pid, "ProcessCommandException")


class _ProcessCommand(Cmdlet):
    """Get-Process and Stop-Process select processes the same way: by name (wildcards), id or object."""

    def select(self) -> list[Process]:
        started = {p.pid: p for p in getattr(self.runspace, "started_processes", None) or ()}
        chosen = self._select()
        for proc in chosen:
            if proc.popen is None and proc.Id in started:
                proc.popen = started[proc.Id]  # started by Start-Process here: keeps ExitCode, gets reaped
        return chosen

    def _select(self) -> list[Process]:
        for param in ("Id", "InputObject"):
            if self.is_bound(param) and any(v is None for v in as_list(self.bound[param]) or [None]):
                raise ParameterBindingError(
                    f"Cannot validate argument on parameter '{param}'. The argument is null. Provide a valid value "
                    "for the argument, and then run the command again.",
                    error_id="ParameterArgumentValidationErrorNullNotAllowed", category="InvalidData")
        if self.is_bound("InputObject"):
            return [p for p in as_list(self.bound["InputObject"]) if isinstance(p, Process)]
        if self.is_bound("Id"):
            found = []
            for pid in as_list(self.bound["Id"]):
                proc = _snapshot(int(to_number(pid)))
                if proc is None:
                    self.write_error(_no_id(int(to_number(pid))))
                else:
                    found.append(proc)
            return sorted(found, key=lambda p: (p.ProcessName.casefold(), p.Id))
        everything = list_processes()
        names = as_list(self.bound.get("Name"))
        if not names:
            return everything
        chosen: dict[int, Process] = {}
        for name in names:
            text = to_string(name)
            pattern = WildcardPattern(text)
            hits = [p for p in everything if pattern.match(p.ProcessName)]
            if not hits and not has_wildcard(text):
                self.write_error(_no_name(text))
            for p in hits:
                chosen.setdefault(p.Id, p)
        return sorted(chosen.values(), key=lambda p: (p.ProcessName.casefold(), p.Id))


@command("Get-Process", aliases=("gps",), default_set="Name")
class GetProcess(_ProcessCommand):
    """Gets the processes that are running on the local computer."""

    Name = Param("string[]", position=0, by_property_name=True, aliases=("ProcessName",), sets=("Name",))
    Id = Param("int[]", mandatory=True, by_property_name=True, aliases=("PID",), sets=("Id",))
    InputObject = Param("object[]", mandatory=True, pipeline=True, sets=("InputObject",))
    IncludeUserName = Param("switch")
    Module = Param("switch")
    FileVersionInfo = Param("switch", aliases=("FV", "FVI"))

    def process(self) -> Iterator[Any]:
        if self.FileVersionInfo and self.is_bound("Id"):
            # .NET on Unix finds process 0 (kill(0, 0) succeeds) and gives it no main module: nothing to report
            self.bound["Id"] = [i for i in as_list(self.bound["Id"]) if i is None or int(to_number(i)) != 0]
            if not self.bound["Id"]:
                return
        for proc in self.select():
            if self.Module or self.FileVersionInfo:
                yield from self._modules(proc)
                continue
            if self.IncludeUserName:
                import pwd

                try:
                    user = pwd.getpwuid(proc.uid).pw_name
                except KeyError:
                    user = str(proc.uid)
                proc.PS_TYPE_NAMES = ("System.Diagnostics.Process#IncludeUserName",) + Process.PS_TYPE_NAMES
                proc.PS_PROPERTIES = Process.PS_PROPERTIES + ("UserName",)
                proc.UserName = user  # type: ignore[attr-defined]
            yield proc


    def _modules(self, proc: Process) -> Iterator[Any]:
        """-Module: the files mapped into the process (its executable first); -FileVersionInfo: the executable's
        version resource, which Linux binaries do not have (FileVersion and the parts stay empty)."""
        exe = proc.__dict__.get("Path") or None  # the MainModule's FileName
        if self.FileVersionInfo:
            if exe is not None:
                yield _file_version_info(exe)
            if not self.Module:
                return
        try:
            maps = _read_maps(proc.Id)
        except OSError as exc:
            self.write_error(item_error(f"Cannot enumerate the modules of the \"{proc.ProcessName}\" process. "
                                        f"{exc.strerror or exc}", "CouldNotEnumerateModules", "PermissionDenied",
                                        proc, "ProcessCommandException"))
            return
        seen: dict[str, list[int]] = {}
        for start, end, path in maps:
            span = seen.setdefault(path, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        for path in sorted(seen, key=lambda f: (f != exe, seen[f][0])):
            start, end = seen[path]
            yield PSObject([("ModuleName", os.path.basename(path)), ("FileName", path), ("BaseAddress", start),
                            ("ModuleMemorySize", end - start), ("EntryPointAddress", 0),
                            ("FileVersionInfo", _file_version_info(path))],
                           ["System.Diagnostics.ProcessModule", "System.ComponentModel.Component", "System.Object"])


def _descendants(pid: int) -> list[Process]:
    """The processes below pid (children first-level first), from each process's parent id."""
    by_parent: dict[int, list[Process]] = {}
    for p in list_processes():
        by_parent.setdefault(p.ppid, []).append(p)
    out: list[Process] = []
    todo = [pid]
    while todo:
        kids = by_parent.get(todo.pop(), [])
        out += kids
        todo += [k.Id for k in kids]
    return out


def _read_maps(pid: int) -> list[tuple[int, int, str]]:
    """The file-backed mappings of /proc/PID/maps as (start, end, path)."""
    out = []
    with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.split(None, 5)
            if len(parts) == 6 and parts[5].startswith("/"):
                lo, _, hi = parts[0].partition("-")
                out.append((int(lo, 16), int(hi, 16), parts[5].rstrip("\n").removesuffix(" (deleted)")))
    return out


def _file_version_info(path: str) -> PSObject:
    """A System.Diagnostics.FileVersionInfo for a file without a version resource (every file on Linux)."""
    props: list[tuple[str, Any]] = [("FileName", path), ("FileVersion", None), ("ProductVersion", None),
                                    ("OriginalFilename", None), ("FileDescription", None), ("ProductName", None),
                                    ("CompanyName", None), ("InternalName", None), ("Language", None)]
    props += [(f"{kind}{part}Part", 0) for kind in ("File", "Product") for part in ("Major", "Minor", "Build", "Private")]
    return PSObject(props, ["System.Diagnostics.FileVersionInfo", "System.Object"])


@command("Stop-Process", aliases=("spps",), default_set="Id")
class StopProcess(_ProcessCommand):
    """Stops one or more running processes (SIGKILL, as .NET's Kill())."""

    Id = Param("int[]", position=0, mandatory=True, by_property_name=True, sets=("Id",))
    Name = Param("string[]", mandatory=True, by_property_name=True, aliases=("ProcessName",), sets=("Name",))
    InputObject = Param("object[]", position=0, mandatory=True, pipeline=True, sets=("InputObject",))
    PassThru = Param("switch")
    Force = Param("switch")
    IncludeChildProcess = Param("switch")
    WhatIf = Param("switch", aliases=("wi",))
    Confirm = Param("switch", aliases=("cf",))
    supports_should_process = True

    def process(self) -> Iterator[Any]:
        for proc in self.select():
            if self.bound.get("WhatIf"):
                self.write_host(f'What if: Performing the operation "Stop-Process" on target '
                                f'"{proc.ProcessName} ({proc.Id})".')
                continue
            try:
                if self.IncludeChildProcess:  # (7.6) the whole tree, as Process.Kill(entireProcessTree: true)
                    for child in _descendants(proc.Id):
                        try:
                            child.Kill()
                        except OSError:
                            pass
                proc.Kill()
            except OSError as exc:
                if isinstance(exc, ProcessLookupError):
                    continue
                self.write_error(item_error(f'Cannot stop process "{proc.ProcessName} ({proc.Id})" because of the '
                                            f"following error: {exc.strerror or exc}", "CouldNotStopProcess",
                                            "CloseError", proc, "ProcessCommandException"))
                continue
            if self.PassThru:
                yield proc


# -- Start-Process --------------------------------------------------------------------------

def split_arguments(text: str) -> list[str]:
    """Split a command line as .NET's ProcessStartInfo.Arguments is split on Unix (Windows quoting rules)."""
    args: list[str] = []
    current: list[str] = []
    in_quotes = has_token = False
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            j = i
            while j < len(text) and text[j] == "\\":
                j += 1
            count = j - i
            if j < len(text) and text[j] == '"':
                current.append("\\" * (count // 2))
                if count % 2:
                    current.append('"')
                    j += 1
                i = j
            else:
                current.append("\\" * count)
                i = j
            has_token = True
            continue
        if c == '"':
            in_quotes = not in_quotes
            has_token = True
        elif c in " \t" and not in_quotes:
            if has_token:
                args.append("".join(current))
                current, has_token = [], False
        else:
            current.append(c)
            has_token = True
        i += 1
    if has_token:
        args.append("".join(current))
    return args


@command("Start-Process", aliases=("saps",), default_set="Default")
class StartProcess(ItemCommand):
    """Starts one or more processes; they run detached and outlive the shell."""

    FilePath = Param("string", position=0, mandatory=True, aliases=("PSPath", "Path"))
    ArgumentList = Param("string[]", position=1, aliases=("Args",))
    WorkingDirectory = Param("string")
    PassThru = Param("switch")
    Wait = Param("switch")
    NoNewWindow = Param("switch", aliases=("nnw",))
    RedirectStandardInput = Param("string", aliases=("RSI",))
    RedirectStandardOutput = Param("string", aliases=("RSO",))
    RedirectStandardError = Param("string", aliases=("RSE",))
    UseNewEnvironment = Param("switch")
    Environment = Param("hashtable")
    WindowStyle = Param("string", validate_set=("Normal", "Hidden", "Minimized", "Maximized"))

    def process(self) -> Iterator[Any]:
        argv, workdir = self._command_line()
        popen = self._spawn(argv, workdir)
        started: list[Any] = runspace_state(self.runspace, "started_processes", list)
        started[:] = [p for p in started if p.poll() is None] + [popen]
        proc = _snapshot(popen.pid, popen) or Process(popen.pid, popen, name=os.path.basename(argv[0]))
        if self.Wait:
            while popen.poll() is None:
                if self.stop_requested or self.runspace.stopping:
                    break
                time.sleep(0.05)
        if self.PassThru:
            yield proc

    def _command_line(self) -> tuple[list[str], str]:
        file_path = to_string(self.FilePath)
        workdir = self.full_path(to_string(self.WorkingDirectory)) if self.WorkingDirectory else self.runspace.location
        if not os.path.isdir(workdir):
            raise item_error('This command cannot be run because either the parameter "WorkingDirectory" has a value '
                             "that is not valid or cannot be used with this command. Give a valid input and Run your "
                             "command again.", "DirectoryNotFoundException", "InvalidOperation", None,
                             "InvalidOperationException")
        if "/" in file_path or file_path.startswith("~"):
            program = self.full_path(file_path)
        else:
            local = os.path.join(self.runspace.location, file_path)
            program = shutil.which(file_path, path=os.environ.get("PATH")) or (
                local if os.path.isfile(local) and os.access(local, os.X_OK) else file_path)
        arguments = " ".join(to_string(a) for a in as_list(self.ArgumentList))
        return [program, *split_arguments(arguments)], workdir

    def _spawn(self, argv: list[str], workdir: str) -> subprocess.Popen[bytes]:
        out_path = self.full_path(to_string(self.RedirectStandardOutput)) if self.RedirectStandardOutput else None
        err_path = self.full_path(to_string(self.RedirectStandardError)) if self.RedirectStandardError else None
        if out_path is not None and out_path == err_path:
            raise item_error('This command cannot be run because "RedirectStandardOutput" and "RedirectStandardError" '
                             "are same. Give different inputs and Run your command again.", "DuplicateEntry",
                             "InvalidOperation", None, "InvalidOperationException")
        files: list[Any] = []
        try:
            stdin: Any = subprocess.DEVNULL
            if self.RedirectStandardInput:
                in_path = self.full_path(to_string(self.RedirectStandardInput))
                if not os.path.isfile(in_path):
                    raise not_found_error(in_path)
                stdin = open(in_path, "rb")  # noqa: SIM115 - closed below once the child has it
                files.append(stdin)
            stdout, stderr = self._output(out_path, 1, files), self._output(err_path, 2, files)
            try:
                return subprocess.Popen(argv, cwd=workdir, stdin=stdin, stdout=stdout, stderr=stderr,
                                        env=self._environment(), start_new_session=True, close_fds=True)
            except OSError as exc:
                raise item_error(f"This command cannot be run due to the error: An error occurred trying to start "
                                 f"process '{argv[0]}' with working directory '{workdir}'. "
                                 f"{exc.strerror or exc}.", "InvalidOperationException", "InvalidOperation", None,
                                 "InvalidOperationException") from None
        finally:
            for f in files:
                f.close()

    def _output(self, path: str | None, fd: int, files: list[Any]) -> Any:
        if path is not None:
            handle = open(path, "wb")  # noqa: SIM115 - closed by _spawn once the child has it
            files.append(handle)
            return handle
        try:
            return None if os.isatty(fd) else subprocess.DEVNULL  # the terminal, never a host's protocol pipe
        except OSError:
            return subprocess.DEVNULL

    def _environment(self) -> dict[str, str]:
        env = {} if self.UseNewEnvironment else dict(os.environ)
        if self.UseNewEnvironment:
            for key in ("HOME", "PATH", "USER", "LOGNAME", "SHELL", "LANG", "TERM"):
                if key in os.environ:
                    env[key] = os.environ[key]
        extra = self.Environment
        if isinstance(extra, (Hashtable, dict)):
            for key, value in extra.items():
                if value is None:
                    env.pop(to_string(key), None)
                else:
                    env[to_string(key)] = to_string(value)
        return env
