"""[System.Text.Encoding]: UTF8, ASCII, Unicode... with GetBytes/GetString, as scripts use them to turn text
into byte[] and back (hashing, Base64, file bytes). Unencodable characters become '?', undecodable bytes U+FFFD,
as .NET's replacement fallbacks do."""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_int, to_string

__all__ = ["DotNetEncoding", "ENCODING_STATICS"]


class DotNetEncoding:
    """One System.Text.Encoding instance."""

    PS_PROPERTIES = ("BodyName", "EncodingName", "HeaderName", "WebName", "WindowsCodePage", "IsSingleByte",
                     "IsReadOnly", "CodePage")
    PS_METHODS = ("GetBytes", "GetString", "GetByteCount", "GetCharCount", "GetPreamble", "GetMaxByteCount",
                  "ToString", "Equals")

    def __init__(self, type_name: str, codec: str, web: str, display: str, code_page: int, preamble: bytes,
                 single_byte: bool = False) -> None:
        self.PS_TYPE_NAMES = (type_name, "System.Text.Encoding", "System.Object")
        self._codec = codec
        self._preamble = preamble
        self.BodyName = self.HeaderName = self.WebName = web
        self.EncodingName = display
        self.CodePage = code_page
        self.WindowsCodePage = 1200 if code_page in (1200, 1201, 12000, 65001) else 1252
        self.IsSingleByte = single_byte
        self.IsReadOnly = True

    def _bytes(self, value: Any) -> list[Any]:
        from pyshell.engine.generics import TypedArray
        from pyshell.numeric import typed_int

        return TypedArray([typed_int("System.Byte", b) for b in value], "System.Byte")

    def GetBytes(self, text: Any, *rng: Any) -> list[Any]:  # noqa: N802 - .NET method names
        """GetBytes(string) / GetBytes(char[]) / GetBytes(string|char[], index, count)."""
        s = "".join(to_string(c) for c in text) if isinstance(text, list) else to_string(text)
        if len(rng) == 2:
            s = s[to_int(rng[0]) : to_int(rng[0]) + to_int(rng[1])]
        return self._bytes(s.encode(self._codec, errors="replace"))

    def GetString(self, data: Any, *rng: Any) -> str:  # noqa: N802
        raw = bytes(to_int(b) & 0xFF for b in (data if isinstance(data, list) else [data]))
        if len(rng) == 2:
            raw = raw[to_int(rng[0]) : to_int(rng[0]) + to_int(rng[1])]
        return raw.decode(self._codec, errors="replace")

    def GetByteCount(self, text: Any) -> int:  # noqa: N802
        return len(self.GetBytes(text))

    def GetCharCount(self, data: Any) -> int:  # noqa: N802
        return len(self.GetString(data))

    def GetMaxByteCount(self, count: Any) -> int:  # noqa: N802
        per = {65001: 3, 1200: 2, 1201: 2, 12000: 4}.get(self.CodePage, 1)
        return (to_int(count) + 1) * per

    def GetPreamble(self) -> list[Any]:  # noqa: N802
        return self._bytes(self._preamble)

    def ToString(self) -> str:  # noqa: N802
        return self.PS_TYPE_NAMES[0]

    ps_to_string = ToString

    def Equals(self, other: Any) -> bool:  # noqa: N802
        return isinstance(other, DotNetEncoding) and other.CodePage == self.CodePage


_UTF8 = DotNetEncoding("System.Text.UTF8Encoding+UTF8EncodingSealed", "utf-8", "utf-8", "Unicode (UTF-8)", 65001,
                       b"\xef\xbb\xbf")
_ASCII = DotNetEncoding("System.Text.ASCIIEncoding+ASCIIEncodingSealed", "ascii", "us-ascii", "US-ASCII", 20127, b"",
                        single_byte=True)
_UNICODE = DotNetEncoding("System.Text.UnicodeEncoding", "utf-16-le", "utf-16", "Unicode", 1200, b"\xff\xfe")
_BIG_ENDIAN = DotNetEncoding("System.Text.UnicodeEncoding", "utf-16-be", "utf-16BE", "Unicode (Big-Endian)", 1201,
                             b"\xfe\xff")
_UTF32 = DotNetEncoding("System.Text.UTF32Encoding", "utf-32-le", "utf-32", "Unicode (UTF-32)", 12000,
                        b"\xff\xfe\x00\x00")
_LATIN1 = DotNetEncoding("System.Text.Latin1Encoding+Latin1EncodingSealed", "latin-1", "iso-8859-1",
                         "Western European (ISO)", 28591, b"", single_byte=True)
_DEFAULT = DotNetEncoding("System.Text.UTF8Encoding+UTF8EncodingSealed", "utf-8", "utf-8", "Unicode (UTF-8)", 65001,
                          b"")

_BY_NAME = {"utf-8": _UTF8, "utf8": _UTF8, "us-ascii": _ASCII, "ascii": _ASCII, "utf-16": _UNICODE,
            "unicode": _UNICODE, "utf-16le": _UNICODE, "utf-16be": _BIG_ENDIAN, "unicodefffe": _BIG_ENDIAN,
            "utf-32": _UTF32, "utf-32le": _UTF32, "iso-8859-1": _LATIN1, "latin1": _LATIN1}
_BY_PAGE = {e.CodePage: e for e in (_UTF8, _ASCII, _UNICODE, _BIG_ENDIAN, _UTF32, _LATIN1)}


#: code-page encodings pwsh registers (CodePagesEncodingProvider): web name, code page, display name, codec
_CODE_PAGES = (
    ("ibm437", 437, "OEM United States", "cp437"), ("ibm850", 850, "Western European (DOS)", "cp850"),
    ("windows-1250", 1250, "Central European (Windows)", "cp1250"),
    ("windows-1251", 1251, "Cyrillic (Windows)", "cp1251"), ("windows-1252", 1252, "Western European (Windows)", "cp1252"),
    ("windows-1253", 1253, "Greek (Windows)", "cp1253"), ("windows-1254", 1254, "Turkish (Windows)", "cp1254"),
    ("iso-8859-2", 28592, "Central European (ISO)", "iso8859-2"), ("iso-8859-5", 28595, "Cyrillic (ISO)", "iso8859-5"),
    ("iso-8859-15", 28605, "Latin 9 (ISO)", "iso8859-15"), ("koi8-r", 20866, "Cyrillic (KOI8-R)", "koi8-r"),
    ("shift_jis", 932, "Japanese (Shift-JIS)", "shift_jis"), ("gb2312", 936, "Chinese Simplified (GB2312)", "gbk"),
    ("big5", 950, "Chinese Traditional (Big5)", "big5"), ("euc-jp", 51932, "Japanese (EUC)", "euc_jp"),
)
_ALIASES = {"cp437": "ibm437", "ibm-437": "ibm437", "437": "ibm437", "cp850": "ibm850", "cp1252": "windows-1252",
            "cp1251": "windows-1251", "cp1250": "windows-1250", "sjis": "shift_jis", "gbk": "gb2312"}
_DOUBLE_BYTE = (932, 936, 950, 51932)


def _register_code_pages() -> None:
    for web, page, display, codec in _CODE_PAGES:
        kind = "DBCSCodePageEncoding" if page in _DOUBLE_BYTE else "SBCSCodePageEncoding"
        enc = DotNetEncoding(f"System.Text.{kind}", codec, web, display, page, b"", single_byte=page not in _DOUBLE_BYTE)
        _BY_NAME[web] = enc
        _BY_PAGE[page] = enc
    for alias, web in _ALIASES.items():
        _BY_NAME[alias] = _BY_NAME[web]


_register_code_pages()


def _get_encoding(name: Any) -> DotNetEncoding:
    """Encoding.GetEncoding(name | codePage)."""
    from pyshell.engine.arrays import _method_error

    if isinstance(name, int) and not isinstance(name, bool):
        found = _BY_PAGE.get(int(name))
        if found is None:
            raise _method_error("GetEncoding", 1, f"No data is available for encoding {int(name)}. For information on "
                                                  f"defining a custom encoding, see the documentation for the "
                                                  f"Encoding.RegisterProvider method. (Parameter 'codepage')",
                                "NotSupportedException")
        return found
    text = to_string(name)
    found = _BY_NAME.get(text.lower())
    if found is None:
        raise _method_error("GetEncoding", 1, f"'{text}' is not a supported encoding name. For information on defining "
                                              f"a custom encoding, see the documentation for the "
                                              f"Encoding.RegisterProvider method. (Parameter 'name')", "ArgumentException")
    return found


ENCODING_STATICS: dict[str, Any] = {
    "UTF8": _UTF8, "ASCII": _ASCII, "Unicode": _UNICODE, "BigEndianUnicode": _BIG_ENDIAN, "UTF32": _UTF32,
    "Latin1": _LATIN1, "Default": _DEFAULT, "GetEncoding": _get_encoding,
}
