"""System.Globalization.CultureInfo and its parts (NumberFormat, DateTimeFormat, TextInfo, CompareInfo).

Why in the engine: casts ([cultureinfo]'de-DE', 1031 -as [cultureinfo]), statics ([cultureinfo]::CurrentCulture),
string methods taking a culture and Get-Culture all share one model; commands import it, never the reverse.
The current culture is process-wide: LC_ALL / LANG name it (pwsh on Linux reads the same variables); a
C/POSIX locale is taken as en-US, the culture pyshell's formatting follows.
"""

from __future__ import annotations

import os
import re
from typing import Any

from pyshell.engine.culturedata import (
    CULTURES,
    EN_DAYS,
    EN_MONTHS,
    LANGUAGES,
    LCIDS,
    NAMES,
    REGIONS,
    CultureRow,
)

__all__ = ["CultureInfo", "TextInfo", "NumberFormatInfo", "DateTimeFormatInfo", "CompareInfo", "get_culture",
           "culture_from_lcid", "current_culture", "set_current_culture", "to_culture", "CultureNotFound",
           "culture_upper", "culture_lower", "available_names", "list_separator", "CULTURE_TYPE"]

CULTURE_TYPE = "System.Globalization.CultureInfo"
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class CultureNotFound(Exception):
    """.NET's CultureNotFoundException text for a name or LCID no culture has."""

    def __init__(self, value: Any, param: str = "name") -> None:
        if isinstance(value, int):
            text = f"{value} (0x{value:x}) is an invalid culture identifier."
        else:
            text = f"{value} is an invalid culture identifier."
        super().__init__(f"Culture is not supported. (Parameter '{param}')\n{text}")


def _normalize(name: str) -> str | None:
    """.NET's spelling of a culture name (en-us -> en-US, zh-hans -> zh-Hans); None when not a valid tag."""
    name = name.strip().replace("_", "-")
    if name == "":
        return ""
    if not _TAG.match(name):
        return None
    parts = name.split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif len(p) == 2 and p.isalpha():
            out.append(p.upper())
        else:
            out.append(p.lower() if not p.isdigit() else p)
    return "-".join(out)


def _generic_row(name: str) -> CultureRow:
    """A culture outside the table: ICU still makes one; its formats are taken from the invariant culture."""
    inv = CULTURES[""]
    parts = name.split("-")
    lang, iso3 = LANGUAGES.get(parts[0], (parts[0], parts[0]))
    rest = [REGIONS.get(p, p) for p in parts[1:]]
    shown = lang + (f" ({', '.join(rest)})" if rest else "")
    return inv._replace(lcid=4096, english=shown, native=shown, iso3=iso3, win3="ZZZ")


class TextInfo:
    """Casing and the list separator of a culture (Export-Csv -UseCulture reads ListSeparator)."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Globalization.TextInfo", "System.Object")
    PS_PROPERTIES = ("ANSICodePage", "OEMCodePage", "MacCodePage", "EBCDICCodePage", "LCID", "CultureName",
                     "IsReadOnly", "ListSeparator", "IsRightToLeft")
    PS_METHODS = ("ToTitleCase", "ToUpper", "ToLower", "ToString", "Clone")

    def __init__(self, name: str, lcid: int, separator: str, read_only: bool) -> None:
        self.ANSICodePage, self.OEMCodePage, self.MacCodePage, self.EBCDICCodePage = 1252, 437, 10000, 37
        if name.startswith("ja"):
            self.ANSICodePage, self.OEMCodePage, self.MacCodePage, self.EBCDICCodePage = 932, 932, 10001, 20290
        self.LCID, self.CultureName, self.IsReadOnly = lcid, name, read_only
        self._separator, self.IsRightToLeft = separator, False

    @property
    def ListSeparator(self) -> str:  # noqa: N802 - .NET property name
        return self._separator

    @ListSeparator.setter
    def ListSeparator(self, value: Any) -> None:  # noqa: N802 - .NET property name
        """Writable on a culture a script made ([cultureinfo]::new('en-us')); a shared one is read-only."""
        if self.IsReadOnly:
            from pyshell.errors import RuntimeScriptError

            err = RuntimeScriptError('Exception setting "ListSeparator": "Instance is read-only."',
                                     error_id="ExceptionWhenSetting", reason="SetValueInvocationException")
            err.ps_type_name = "System.Management.Automation.SetValueInvocationException"
            raise err
        self._separator = "" if value is None else str(value)

    def ToTitleCase(self, text: Any) -> str:  # noqa: N802 - .NET method name
        """Each word's first letter upper, the rest lower; an all-capitals word (an acronym) stays."""
        def word(m: re.Match[str]) -> str:
            w = m.group(0)
            if w.isupper():
                return w
            return culture_upper(w[0], self.CultureName) + culture_lower(w[1:], self.CultureName)

        return re.sub(r"[^\W_][\w']*", word, "" if text is None else str(text))

    def ToUpper(self, text: Any) -> str:  # noqa: N802 - .NET method name
        return culture_upper("" if text is None else str(text), self.CultureName)

    def ToLower(self, text: Any) -> str:  # noqa: N802 - .NET method name
        return culture_lower("" if text is None else str(text), self.CultureName)

    def Clone(self) -> TextInfo:  # noqa: N802 - .NET method name
        return TextInfo(self.CultureName, self.LCID, self._separator, False)

    def ToString(self) -> str:  # noqa: N802 - .NET method name
        return self.ps_to_string()

    def ps_to_string(self) -> str:
        return f"TextInfo - {self.CultureName}"


def _turkic(culture_name: str) -> bool:
    return culture_name.split("-")[0].lower() in ("tr", "az")


def culture_upper(text: str, culture_name: str) -> str:
    """ToUpper by a culture's rules: Turkish and Azeri map i to İ (dotted capital I)."""
    if _turkic(culture_name):
        text = text.replace("i", "\u0130")
    return text.upper()


def culture_lower(text: str, culture_name: str) -> str:
    """ToLower by a culture's rules: Turkish and Azeri map I to ı (dotless small i)."""
    if _turkic(culture_name):
        text = text.replace("I", "\u0131").replace("\u0130", "i")
    return text.lower()


class NumberFormatInfo:
    """The number, currency and percent symbols and patterns of a culture."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Globalization.NumberFormatInfo", "System.Object")
    PS_PROPERTIES = ("CurrencyDecimalDigits", "CurrencyDecimalSeparator", "IsReadOnly", "CurrencyGroupSizes",
                     "NumberGroupSizes", "PercentGroupSizes", "CurrencyGroupSeparator", "CurrencySymbol", "NaNSymbol",
                     "CurrencyNegativePattern", "NumberNegativePattern", "PercentPositivePattern",
                     "PercentNegativePattern", "NegativeInfinitySymbol", "NegativeSign", "NumberDecimalDigits",
                     "NumberDecimalSeparator", "NumberGroupSeparator", "CurrencyPositivePattern",
                     "PositiveInfinitySymbol", "PositiveSign", "PercentDecimalDigits", "PercentDecimalSeparator",
                     "PercentGroupSeparator", "PercentSymbol", "PerMilleSymbol", "NativeDigits", "DigitSubstitution")

    def __init__(self, row: CultureRow, invariant: bool, read_only: bool) -> None:
        self.CurrencyDecimalDigits = self.NumberDecimalDigits = self.PercentDecimalDigits = 2
        if row.currency == "￥":
            self.CurrencyDecimalDigits = 0  # the yen has no minor unit
        self.CurrencyDecimalSeparator = self.NumberDecimalSeparator = self.PercentDecimalSeparator = row.decimal
        self.CurrencyGroupSeparator = self.NumberGroupSeparator = self.PercentGroupSeparator = row.group
        self.CurrencyGroupSizes, self.NumberGroupSizes, self.PercentGroupSizes = [3], [3], [3]
        self.IsReadOnly = read_only
        self.CurrencySymbol, self.NaNSymbol = row.currency, "NaN"
        self.CurrencyPositivePattern, self.CurrencyNegativePattern = row.cur_pos, row.cur_neg
        self.NumberNegativePattern = 1
        self.PercentPositivePattern, self.PercentNegativePattern = row.pct_pos, row.pct_neg
        self.PositiveInfinitySymbol = "Infinity" if invariant else "∞"
        self.NegativeInfinitySymbol = "-Infinity" if invariant else "-∞"
        self.NegativeSign, self.PositiveSign = "-", "+"
        self.PercentSymbol, self.PerMilleSymbol = "%", "‰"
        self.NativeDigits = [str(i) for i in range(10)]
        self.DigitSubstitution = "None"

    def ps_to_string(self) -> str:
        return "System.Globalization.NumberFormatInfo"


_MONTH_DAY = {"": "MMMM dd", "en": "MMMM d", "de": "d. MMMM", "ja": "M月d日", "es": "d 'de' MMMM"}
_YEAR_MONTH = {"": "yyyy MMMM", "ja": "yyyy年M月", "es": "MMMM 'de' yyyy"}


class DateTimeFormatInfo:
    """The date and time patterns and names of a culture."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Globalization.DateTimeFormatInfo", "System.Object")
    PS_PROPERTIES = ("AMDesignator", "DateSeparator", "FirstDayOfWeek", "CalendarWeekRule",
                     "FullDateTimePattern", "LongDatePattern", "LongTimePattern", "MonthDayPattern", "PMDesignator",
                     "RFC1123Pattern", "ShortDatePattern", "ShortTimePattern", "SortableDateTimePattern",
                     "TimeSeparator", "UniversalSortableDateTimePattern", "YearMonthPattern", "AbbreviatedDayNames",
                     "ShortestDayNames", "DayNames", "AbbreviatedMonthNames", "MonthNames", "IsReadOnly",
                     "NativeCalendarName", "AbbreviatedMonthGenitiveNames", "MonthGenitiveNames")

    def __init__(self, name: str, row: CultureRow, read_only: bool) -> None:
        lang = name.split("-")[0]
        self.AMDesignator, self.PMDesignator = row.am, row.pm
        self.ShortDatePattern, self.LongDatePattern = row.short_date, row.long_date
        self.ShortTimePattern, self.LongTimePattern = row.short_time, row.long_time
        self.FullDateTimePattern = f"{row.long_date} {row.long_time}"
        self.DateSeparator = next((c for c in row.short_date if c in "/.-"), "/")
        self.TimeSeparator = ":"
        self._first_day = row.first_day
        self.CalendarWeekRule = "FirstDay"
        self.MonthDayPattern = _MONTH_DAY.get(lang, "d MMMM")
        self.YearMonthPattern = _YEAR_MONTH.get(lang, "MMMM yyyy")
        self.RFC1123Pattern = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
        self.SortableDateTimePattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
        self.UniversalSortableDateTimePattern = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"
        months, days = list(row.months or EN_MONTHS), list(row.days or EN_DAYS)
        self.MonthNames = self.MonthGenitiveNames = [*months, ""]
        self.AbbreviatedMonthNames = self.AbbreviatedMonthGenitiveNames = [*(m[:3] for m in months), ""]
        self.DayNames = days
        self.AbbreviatedDayNames = [d[:3] if not lang == "ja" else d[:1] for d in days]
        self.ShortestDayNames = [d[:2] if not lang == "ja" else d[:1] for d in days]
        self.IsReadOnly = read_only
        self.NativeCalendarName = "Gregorian Calendar" if not lang else "Gregorian Calendar"

    @property
    def FirstDayOfWeek(self) -> Any:  # noqa: N802 - .NET property name
        from pyshell.engine.types import convert_to

        return convert_to("System.DayOfWeek", self._first_day)

    def ps_to_string(self) -> str:
        return "System.Globalization.DateTimeFormatInfo"


class CompareInfo:
    """Culture-aware string comparison (linguistic order: case-insensitive first, lower case before upper)."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Globalization.CompareInfo", "System.Object")
    PS_PROPERTIES = ("Name", "Version", "LCID")
    PS_METHODS = ("Compare", "IndexOf", "IsPrefix", "IsSuffix", "ToString")

    def __init__(self, name: str, lcid: int) -> None:
        self.Name, self.LCID, self.Version = name, lcid, None

    def _fold(self, s: Any, options: Any) -> str:
        text = "" if s is None else str(s)
        opts = str(options or "").lower()
        return culture_lower(text, self.Name) if "ignorecase" in opts else text

    def Compare(self, a: Any, b: Any, options: Any = None) -> int:  # noqa: N802 - .NET method name
        if a is None or b is None:
            return (a is not None) - (b is not None)
        opts = str(options or "").lower()
        x, y = str(a), str(b)
        if opts == "ordinal":
            return (x > y) - (x < y)
        if "ignorecase" in opts:
            x, y = culture_lower(x, self.Name), culture_lower(y, self.Name)
            return (x > y) - (x < y)
        from pyshell.engine.collation import culture_compare

        return culture_compare(x, y, case_sensitive=True)

    def IndexOf(self, source: Any, value: Any, options: Any = None) -> int:  # noqa: N802 - .NET method name
        return self._fold(source, options).find(self._fold(value, options))

    def IsPrefix(self, source: Any, prefix: Any, options: Any = None) -> bool:  # noqa: N802 - .NET method name
        return self._fold(source, options).startswith(self._fold(prefix, options))

    def IsSuffix(self, source: Any, suffix: Any, options: Any = None) -> bool:  # noqa: N802 - .NET method name
        return self._fold(source, options).endswith(self._fold(suffix, options))

    def ToString(self) -> str:  # noqa: N802 - .NET method name
        return self.ps_to_string()

    def ps_to_string(self) -> str:
        return f"CompareInfo - {self.Name}"


class CultureInfo:
    """A culture: what Get-Culture returns and [cultureinfo] makes."""

    PS_TYPE_NAMES: tuple[str, ...] = (CULTURE_TYPE, "System.Object")
    PS_PROPERTIES = ("Parent", "LCID", "KeyboardLayoutId", "Name", "IetfLanguageTag", "DisplayName", "NativeName",
                     "EnglishName", "TwoLetterISOLanguageName", "ThreeLetterISOLanguageName",
                     "ThreeLetterWindowsLanguageName", "CompareInfo", "TextInfo", "IsNeutralCulture", "CultureTypes",
                     "NumberFormat", "DateTimeFormat", "Calendar", "OptionalCalendars", "UseUserOverride",
                     "IsReadOnly")
    PS_METHODS = ("ToString", "Clone", "Equals", "GetHashCode", "GetFormat", "ClearCachedData")
    PS_VALUE_EQUALITY = True

    def __init__(self, name: str, use_user_override: bool = True, read_only: bool = False) -> None:
        """:raises CultureNotFound: when name is not a valid culture name."""
        norm = _normalize(name)
        if norm is None:
            raise CultureNotFound(name)
        row = CULTURES.get(norm.lower()) or _generic_row(norm)
        self.Name = self.IetfLanguageTag = norm
        self.LCID = self.KeyboardLayoutId = row.lcid
        self.DisplayName = self.EnglishName = row.english
        self.NativeName = row.native
        self.TwoLetterISOLanguageName = norm.split("-")[0] if norm else "iv"
        self.ThreeLetterISOLanguageName = row.iso3
        self.ThreeLetterWindowsLanguageName = row.win3
        self.IsNeutralCulture = bool(norm) and "-" not in norm
        self.CultureTypes = "NeutralCultures" if self.IsNeutralCulture else "SpecificCultures, InstalledWin32Cultures"
        self.UseUserOverride = use_user_override
        self.IsReadOnly = read_only
        self.TextInfo = TextInfo(norm, row.lcid, row.list_sep, read_only)
        self.CompareInfo = CompareInfo(norm, row.lcid)
        self.NumberFormat = NumberFormatInfo(row, not norm, read_only)
        self.DateTimeFormat = DateTimeFormatInfo(norm, row, read_only)
        self.Calendar = "System.Globalization.GregorianCalendar"
        self.OptionalCalendars = ["System.Globalization.GregorianCalendar"]

    @property
    def Parent(self) -> CultureInfo:  # noqa: N802 - the .NET property name
        if "-" in self.Name:
            return get_culture(self.Name.rsplit("-", 1)[0])
        return get_culture("")

    @classmethod
    def ps_coerce(cls, value: Any) -> CultureInfo:
        """The right operand of `$culture -eq 'ru-RU'`, converted as [cultureinfo] does."""
        try:
            return to_culture(value)
        except CultureNotFound as e:
            from pyshell.errors import RuntimeScriptError

            raise RuntimeScriptError(str(e)) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CultureInfo) and other.Name == self.Name

    def __hash__(self) -> int:
        return hash(self.Name)

    def Equals(self, other: Any) -> bool:  # noqa: N802 - .NET method name
        return self == other

    def GetHashCode(self) -> int:  # noqa: N802 - .NET method name
        return hash(self.Name) & 0x7FFFFFFF

    def Clone(self) -> CultureInfo:  # noqa: N802 - .NET method name
        return CultureInfo(self.Name, self.UseUserOverride)

    def GetFormat(self, kind: Any = None) -> Any:  # noqa: N802 - .NET method name
        text = str(getattr(kind, "FullName", kind) or "")
        return self.DateTimeFormat if text.endswith("DateTimeFormatInfo") else self.NumberFormat

    def ClearCachedData(self) -> None:  # noqa: N802 - .NET method name
        return None

    def ToString(self) -> str:  # noqa: N802 - .NET method name
        return self.Name

    def ps_to_string(self) -> str:
        return self.Name


_CACHE: dict[str, CultureInfo] = {}


def get_culture(name: str) -> CultureInfo:
    """CultureInfo.GetCultureInfo: a shared read-only instance per name.

    :raises CultureNotFound: for an invalid name.
    """
    norm = _normalize(name)
    if norm is None:
        raise CultureNotFound(name)
    key = norm.lower()
    if key not in _CACHE:
        _CACHE[key] = CultureInfo(norm, use_user_override=False, read_only=True)
    return _CACHE[key]


def culture_from_lcid(lcid: int, read_only: bool = False) -> CultureInfo:
    """new CultureInfo(int): the culture an LCID names.

    :raises CultureNotFound: for an LCID outside the table.
    """
    name = LCIDS.get(lcid)
    if name is None:
        raise CultureNotFound(lcid, "culture")
    return get_culture(name) if read_only else CultureInfo(name)


def _from_environment() -> str:
    """The culture name LC_ALL / LANG give (de_DE.UTF-8 -> de-DE); en-US for C, POSIX or nothing."""
    for var in ("LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        if value:
            base = value.split(".")[0].split("@")[0]
            if base in ("C", "POSIX"):
                return "en-US"
            norm = _normalize(base)
            return norm if norm else "en-US"
    return "en-US"


_CURRENT: dict[str, CultureInfo] = {}


def current_culture(ui: bool = False) -> CultureInfo:
    """[CultureInfo]::CurrentCulture (or CurrentUICulture)."""
    key = "ui" if ui else "culture"
    if key not in _CURRENT:
        _CURRENT[key] = CultureInfo(_from_environment(), read_only=True)  # .NET's user culture is read-only
    return _CURRENT[key]


def set_current_culture(value: Any, ui: bool = False) -> None:
    """[CultureInfo]::CurrentCulture = value (a CultureInfo, a name or an LCID)."""
    _CURRENT["ui" if ui else "culture"] = to_culture(value)


def to_culture(value: Any) -> CultureInfo:
    """[cultureinfo]value: a culture itself, a culture name, or an LCID.

    :raises CultureNotFound: when no culture matches.
    """
    if isinstance(value, CultureInfo):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return culture_from_lcid(int(value))
    return CultureInfo("" if value is None else str(value))


def list_separator() -> str:
    """The current culture's list separator's first character (Export-Csv / Import-Csv -UseCulture)."""
    return (current_culture().TextInfo.ListSeparator or ",")[0]


def available_names() -> tuple[str, ...]:
    """The cultures Get-Culture -ListAvailable lists (the table's, invariant first)."""
    return NAMES
