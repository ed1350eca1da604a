"""The culture table behind [cultureinfo]: a handful of common cultures with .NET 8 (ICU) values.

Why a table: the engine is stdlib only and Python's locale module depends on what the OS has installed,
so the few cultures scripts name (en-US, de-DE, fr-FR, tr-TR, ja-JP, ...) are kept here with the
values pwsh 7 on Linux reports for them.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CultureRow", "CULTURES", "LCIDS", "EN_MONTHS", "EN_DAYS", "NAMES", "LANGUAGES", "REGIONS"]


class CultureRow(NamedTuple):
    """One culture's data: identity, list separator, number format and date format."""

    lcid: int
    english: str
    native: str
    iso3: str
    win3: str
    list_sep: str
    decimal: str  #: NumberDecimalSeparator (also currency and percent)
    group: str  #: NumberGroupSeparator
    currency: str  #: CurrencySymbol
    cur_pos: int  #: CurrencyPositivePattern
    cur_neg: int  #: CurrencyNegativePattern
    pct_pos: int  #: PercentPositivePattern
    pct_neg: int  #: PercentNegativePattern
    short_date: str
    long_date: str
    short_time: str
    long_time: str
    am: str
    pm: str
    first_day: int  #: FirstDayOfWeek (0 = Sunday)
    months: tuple[str, ...] = ()  #: month names (English when empty)
    days: tuple[str, ...] = ()  #: day names from Sunday (English when empty)


EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
EN_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_DE_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")
_DE_DAYS = ("Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag")
_FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_FR_DAYS = ("dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi")
_TR_MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım",
              "Aralık")
_TR_DAYS = ("Pazar", "Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi")
_RU_MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
              "ноябрь", "декабрь")
_RU_DAYS = ("воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота")
_JA_MONTHS = tuple(f"{i}月" for i in range(1, 13))
_JA_DAYS = ("日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日")
_ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre")
_ES_DAYS = ("domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado")

_EN_US_DATES = ("M/d/yyyy", "dddd, MMMM d, yyyy", "h:mm tt", "h:mm:ss tt", "AM", "PM", 0)
_NBSP, _NNBSP = "\u00a0", "\u202f"

#: lower-case name -> row; '' is the invariant culture
CULTURES: dict[str, CultureRow] = {
    "": CultureRow(127, "Invariant Language (Invariant Country)", "Invariant Language (Invariant Country)", "ivl",
                   "IVL", ",", ".", ",", "¤", 0, 0, 0, 0,
                   "MM/dd/yyyy", "dddd, dd MMMM yyyy", "HH:mm", "HH:mm:ss", "AM", "PM", 0),
    "en": CultureRow(9, "English", "English", "eng", "ENU", ",", ".", ",", "¤", 0, 1, 1, 1, *_EN_US_DATES),
    "en-us": CultureRow(1033, "English (United States)", "English (United States)", "eng", "ENU", ",", ".", ",", "$",
                        0, 1, 1, 1, *_EN_US_DATES),
    "en-gb": CultureRow(2057, "English (United Kingdom)", "English (United Kingdom)", "eng", "ENG", ",", ".", ",",
                        "£", 0, 1, 1, 1, "dd/MM/yyyy", "dddd d MMMM yyyy", "HH:mm", "HH:mm:ss", "am", "pm", 1),
    "de": CultureRow(7, "German", "Deutsch", "deu", "DEU", ";", ",", ".", "¤", 3, 8, 0, 0,
                     "dd.MM.yyyy", "dddd, d. MMMM yyyy", "HH:mm", "HH:mm:ss", "AM", "PM", 1, _DE_MONTHS, _DE_DAYS),
    "de-de": CultureRow(1031, "German (Germany)", "Deutsch (Deutschland)", "deu", "DEU", ";", ",", ".", "€", 3, 8, 0, 0,
                        "dd.MM.yyyy", "dddd, d. MMMM yyyy", "HH:mm", "HH:mm:ss", "AM", "PM", 1, _DE_MONTHS, _DE_DAYS),
    "fr": CultureRow(12, "French", "français", "fra", "FRA", ";", ",", _NNBSP, "¤", 3, 8, 0, 0,
                     "dd/MM/yyyy", "dddd d MMMM yyyy", "HH:mm", "HH:mm:ss", "AM", "PM", 1, _FR_MONTHS, _FR_DAYS),
    "fr-fr": CultureRow(1036, "French (France)", "français (France)", "fra", "FRA", ";", ",", _NNBSP, "€", 3, 8, 0, 0,
                        "dd/MM/yyyy", "dddd d MMMM yyyy", "HH:mm", "HH:mm:ss", "AM", "PM", 1, _FR_MONTHS, _FR_DAYS),
    "es-es": CultureRow(3082, "Spanish (Spain)", "español (España)", "spa", "ESN", ";", ",", ".", "€", 3, 8, 0, 0,
                        "dd/MM/yyyy", "dddd, d 'de' MMMM 'de' yyyy", "H:mm", "H:mm:ss", "a. m.", "p. m.", 1,
                        _ES_MONTHS, _ES_DAYS),
    "tr": CultureRow(31, "Turkish", "Türkçe", "tur", "TRK", ";", ",", ".", "¤", 0, 1, 2, 2,
                     "d.MM.yyyy", "d MMMM yyyy dddd", "HH:mm", "HH:mm:ss", "ÖÖ", "ÖS", 1, _TR_MONTHS, _TR_DAYS),
    "tr-tr": CultureRow(1055, "Turkish (Türkiye)", "Türkçe (Türkiye)", "tur", "TRK", ";", ",", ".", "₺", 0, 1, 2, 2,
                        "d.MM.yyyy", "d MMMM yyyy dddd", "HH:mm", "HH:mm:ss", "ÖÖ", "ÖS", 1, _TR_MONTHS, _TR_DAYS),
    "ru": CultureRow(25, "Russian", "русский", "rus", "RUS", ";", ",", _NBSP, "¤", 3, 8, 0, 0,
                     "dd.MM.yyyy", "dddd, d MMMM yyyy 'г.'", "HH:mm", "HH:mm:ss", "AM", "PM", 1, _RU_MONTHS, _RU_DAYS),
    "ru-ru": CultureRow(1049, "Russian (Russia)", "русский (Россия)", "rus", "RUS", ";", ",", _NBSP, "₽", 3, 8, 0, 0,
                        "dd.MM.yyyy", "dddd, d MMMM yyyy 'г.'", "HH:mm", "HH:mm:ss", "AM", "PM", 1,
                        _RU_MONTHS, _RU_DAYS),
    "ru-ua": CultureRow(8192, "Russian (Ukraine)", "русский (Украина)", "rus", "RUS", ";", ",", _NBSP, "₴", 3, 8, 0, 0,
                        "dd.MM.yyyy", "dddd, d MMMM yyyy 'г.'", "HH:mm", "HH:mm:ss", "AM", "PM", 1,
                        _RU_MONTHS, _RU_DAYS),
    "ja": CultureRow(17, "Japanese", "日本語", "jpn", "JPN", ",", ".", ",", "¤", 0, 1, 1, 1,
                     "yyyy/MM/dd", "yyyy年M月d日dddd", "H:mm", "H:mm:ss", "午前", "午後", 0, _JA_MONTHS, _JA_DAYS),
    "ja-jp": CultureRow(1041, "Japanese (Japan)", "日本語 (日本)", "jpn", "JPN", ",", ".", ",", "￥", 0, 1, 1, 1,
                        "yyyy/MM/dd", "yyyy年M月d日dddd", "H:mm", "H:mm:ss", "午前", "午後", 0, _JA_MONTHS, _JA_DAYS),
}

#: LCID -> lower-case name
LCIDS: dict[int, str] = {row.lcid: name for name, row in CULTURES.items()}

#: the table's names as .NET spells them (en-US), for -ListAvailable and validation messages
NAMES: tuple[str, ...] = tuple(sorted(
    (n.split("-")[0] + ("-" + n.split("-")[1].upper() if "-" in n else "") for n in CULTURES), key=str.lower))

#: English names of languages and regions outside the table, for the EnglishName of other cultures
#: (it-IT -> "Italian (Italy)"); language -> (name, ISO 639-2)
LANGUAGES: dict[str, tuple[str, str]] = {
    "it": ("Italian", "ita"), "es": ("Spanish", "spa"), "pt": ("Portuguese", "por"), "nl": ("Dutch", "nld"),
    "zh": ("Chinese", "zho"), "ko": ("Korean", "kor"), "pl": ("Polish", "pol"), "sv": ("Swedish", "swe"),
    "da": ("Danish", "dan"), "nb": ("Norwegian Bokmål", "nob"), "fi": ("Finnish", "fin"), "cs": ("Czech", "ces"),
    "hu": ("Hungarian", "hun"), "el": ("Greek", "ell"), "he": ("Hebrew", "heb"), "ar": ("Arabic", "ara"),
    "uk": ("Ukrainian", "ukr"), "ro": ("Romanian", "ron"), "hi": ("Hindi", "hin"), "th": ("Thai", "tha"),
    "vi": ("Vietnamese", "vie"), "id": ("Indonesian", "ind"), "az": ("Azerbaijani", "aze"), "ca": ("Catalan", "cat"),
}
REGIONS: dict[str, str] = {
    "IT": "Italy", "ES": "Spain", "MX": "Mexico", "BR": "Brazil", "PT": "Portugal", "NL": "Netherlands",
    "BE": "Belgium", "CN": "China", "TW": "Taiwan", "KR": "South Korea", "PL": "Poland", "SE": "Sweden",
    "DK": "Denmark", "NO": "Norway", "FI": "Finland", "CZ": "Czechia", "HU": "Hungary", "GR": "Greece",
    "IL": "Israel", "SA": "Saudi Arabia", "UA": "Ukraine", "RO": "Romania", "IN": "India", "TH": "Thailand",
    "VN": "Vietnam", "ID": "Indonesia", "AZ": "Azerbaijan", "US": "United States", "GB": "United Kingdom",
    "DE": "Germany", "FR": "France", "CA": "Canada", "AU": "Australia", "CH": "Switzerland", "AT": "Austria",
    "IE": "Ireland", "NZ": "New Zealand", "JP": "Japan", "RU": "Russia", "TR": "Türkiye", "AR": "Argentina",
}
