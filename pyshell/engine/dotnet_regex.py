""".NET regular expressions on Python's `re`: the pattern translation, and the Match/Group objects scripts read.

Translated: named groups (?<n>..) (?'n'..) and back references \\k<n>; \\p{..}/\\P{..} Unicode categories;
\\z, \\Z, \\G, \\e, \\cX; a '-' right after a shorthand class inside [...] ([\\w-.]) and '[' inside a class are
literal; inline options (?imnsx) anywhere (n: ExplicitCapture) apply to the whole pattern.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["translate", "Match", "Group", "dotnet_escape", "dotnet_unescape"]

_CATEGORY_ALIASES = {"L": ("Lu", "Ll", "Lt", "Lm", "Lo"), "M": ("Mn", "Mc", "Me"), "N": ("Nd", "Nl", "No"),
                     "P": ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"), "S": ("Sm", "Sc", "Sk", "So"),
                     "Z": ("Zs", "Zl", "Zp"), "C": ("Cc", "Cf", "Cs", "Co", "Cn")}


class RegexTranslationError(ValueError):
    """A .NET construct Python's engine cannot express."""


@lru_cache(maxsize=64)
def _category_class(name: str) -> str:
    """The body of a character class (no brackets) for a Unicode general category such as L, Lu, Nd."""
    cats = set(_CATEGORY_ALIASES.get(name, (name,)))
    if not all(len(c) == 2 for c in cats):
        raise RegexTranslationError(f"Unknown property '{name}'.")
    ranges: list[tuple[int, int]] = []
    # planes 4-13 hold no assigned characters: scan the others, add those as one unassigned (Cn) range
    for lo, hi in ((0, 0x3FFFF), (0xE0000, sys.maxunicode)):
        start = -1
        for cp in range(lo, hi + 1):
            inside = ("Cs" in cats) if 0xD800 <= cp <= 0xDFFF else unicodedata.category(chr(cp)) in cats
            if inside and start < 0:
                start = cp
            elif not inside and start >= 0:
                ranges.append((start, cp - 1))
                start = -1
        if start >= 0:
            ranges.append((start, hi))
    if "Cn" in cats:
        ranges.append((0x40000, 0xDFFFF))
        ranges.sort()
    if not ranges:
        raise RegexTranslationError(f"Unknown property '{name}'.")

    def esc(cp: int) -> str:
        return f"\\U{cp:08x}"

    return "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges)


def translate(pattern: str, explicit_capture: bool = False, verbose: bool = False) -> str:
    """A .NET pattern as an equivalent Python pattern (engine/regex_translate.py does the scanning and scopes
    inline options as .NET does, so error offsets stay those of the original pattern);
    verbose: RegexOptions.IgnorePatternWhitespace."""
    from pyshell.engine.regex_translate import RegexSyntaxError, translate_pattern

    try:
        return translate_pattern(pattern, explicit_capture, verbose, category=_category_class)
    except RegexSyntaxError as err:
        raised = RegexTranslationError(err.message)
        raised.offset = err.offset  # type: ignore[attr-defined]
        raise raised from None


class Group:
    """System.Text.RegularExpressions.Group: Name, Success, Value, Index, Length."""

    PS_TYPE_NAMES = ("System.Text.RegularExpressions.Group", "System.Text.RegularExpressions.Capture",
                     "System.Object")
    PS_PROPERTIES: tuple[str, ...] = ("Success", "Name", "Captures", "Index", "Length", "Value", "ValueSpan")
    PS_DEFAULT_DISPLAY_PROPERTY = "Name"  # inside {…} a group shows its name, as pwsh shows Groups : {0, 1}

    def __init__(self, name: str, value: str | None, start: int) -> None:
        self.Name = name
        self.Success = value is not None
        self.Value = value or ""
        self.Index = start if value is not None else 0
        self.Length = len(self.Value)
        self.ValueSpan = None  # a ReadOnlySpan: pwsh shows nothing for it

    @property
    def Captures(self) -> list[Any]:  # noqa: N802 - .NET member names
        return [self] if self.Success else []

    def ps_to_string(self) -> str:
        return self.Value

    ToString = ps_to_string


class GroupCollection(list):  # type: ignore[type-arg]
    """Match.Groups: by number ($m.Groups[1]) and by name ($m.Groups['year'])."""

    PS_TYPE_NAMES = ("System.Text.RegularExpressions.GroupCollection", "System.Object")
    PS_METHODS = ("Item", "ContainsKey", "TryGetValue")

    def Item(self, key: Any) -> Any:  # noqa: N802
        from pyshell.engine.conversions import to_string

        if isinstance(key, int) and not isinstance(key, bool):
            return self[key] if 0 <= key < len(self) else Group(str(key), None, 0)
        text = to_string(key)
        return next((g for g in self if g.Name == text), Group(text, None, 0))

    def ContainsKey(self, key: Any) -> bool:  # noqa: N802
        from pyshell.engine.conversions import to_string

        return any(g.Name == to_string(key) for g in self)

    def ps_property(self, name: str) -> Any:
        """$m.Groups.year: a group by name; MISSING for other names (Count...)."""
        from pyshell.engine.objects import MISSING

        return next((g for g in self if g.Name.lower() == name.lower()), MISSING)


class Match(Group):
    """System.Text.RegularExpressions.Match: the whole match (group 0) with its Groups and NextMatch()."""

    PS_TYPE_NAMES = ("System.Text.RegularExpressions.Match", "System.Text.RegularExpressions.Group",
                     "System.Text.RegularExpressions.Capture", "System.Object")
    PS_PROPERTIES = ("Groups", "Success", "Name", "Captures", "Index", "Length", "Value", "ValueSpan")
    PS_METHODS = ("NextMatch", "Result", "ToString")

    def __init__(self, m: re.Match[str] | None, rx: re.Pattern[str] | None = None, text: str = "") -> None:
        super().__init__("0", m.group(0) if m is not None else None, m.start() if m is not None else 0)
        self._m = m
        self._rx = rx
        self._text = text

    @property
    def Groups(self) -> GroupCollection:  # noqa: N802
        m = self._m
        if m is None:
            return GroupCollection([Group("0", None, 0)])
        from pyshell.engine.regex_subst import match_groups

        # .NET numbers unnamed groups first, then named ones
        return GroupCollection(Group(name, value, start) for name, value, start in match_groups(m))

    def NextMatch(self) -> Match:  # noqa: N802
        if self._m is None or self._rx is None:
            return Match(None)
        pos = self._m.end() + (1 if self._m.end() == self._m.start() else 0)
        nxt = self._rx.search(self._text, pos) if pos <= len(self._text) else None
        return Match(nxt, self._rx, self._text)

    def Result(self, replacement: Any) -> str:  # noqa: N802
        from pyshell.engine.conversions import to_string
        from pyshell.engine.operators import dotnet_replacement

        if self._m is None:
            raise ValueError("Result cannot be called on a failed Match.")
        return dotnet_replacement(to_string(replacement))(self._m)


def dotnet_escape(text: str) -> str:
    """Regex.Escape: \\ * + ? | { [ ( ) ^ $ . # and white space; not } or ]."""
    out = []
    for c in text:
        if c in "\\*+?|{[()^$.#":
            out.append("\\" + c)
        elif c == " ":
            out.append("\\ ")
        elif c in "\t\n\r\f\v":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f", "\v": "\\v"}[c])
        else:
            out.append(c)
    return "".join(out)


def dotnet_unescape(text: str) -> str:
    """Regex.Unescape: backslash escapes back to their characters."""
    simple = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
                out.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
                continue
            if nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 2 : i + 4]):
                out.append(chr(int(text[i + 2 : i + 4], 16)))
                i += 4
                continue
            out.append(simple.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)
