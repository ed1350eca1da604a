"""[regex]:: statics (Match, Matches, IsMatch, Replace, Split, Escape, Unescape, new) and RegexOptions.

.NET's Regex is case-sensitive unless RegexOptions.IgnoreCase is given (unlike -match)."""

from __future__ import annotations

import re
from typing import Any

from pyshell.engine.conversions import to_string

__all__ = ["REGEX_STATICS", "regex_options", "match_collection"]

_OPTION_FLAGS = {"ignorecase": re.I, "multiline": re.M, "singleline": re.S, "ignorepatternwhitespace": re.X}
_OPTION_NAMES = ("None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline",
                 "IgnorePatternWhitespace", "RightToLeft", "ECMAScript", "CultureInvariant", "NonBacktracking")


def regex_options(options: Any) -> tuple[int, bool, str]:
    """RegexOptions (an enum value, 'IgnoreCase, Multiline', or a number) -> (re flags, explicit capture, text)."""
    if options is None:
        return 0, False, "None"
    from pyshell.engine.types import convert_to

    value = convert_to("System.Text.RegularExpressions.RegexOptions", options)
    text = str.__str__(value)
    words = {w.strip().lower() for w in text.split(",")}
    flags = 0
    for w in words:
        flags |= _OPTION_FLAGS.get(w, 0)
    return flags, "explicitcapture" in words, text


def match_collection(rx: re.Pattern[str], text: str, start: int) -> list[Any]:
    """Regex.Matches: the successive non-overlapping matches (an empty match moves on by one character)."""
    from pyshell.engine.dotnet_regex import Match

    return [Match(m, rx, text) for m in rx.finditer(text, start)]


def _compile(pattern: Any, options: Any) -> re.Pattern[str]:
    from pyshell.engine.operators import compile_regex

    flags, explicit, _ = regex_options(options)
    return compile_regex(pattern, True, flags, explicit)


def _match(text: Any, pattern: Any, options: Any = None, *_: Any) -> Any:
    from pyshell.engine.dotnet_regex import Match

    rx = _compile(pattern, options)
    s = to_string(text)
    return Match(rx.search(s), rx, s)


def _matches(text: Any, pattern: Any, options: Any = None, *_: Any) -> list[Any]:
    return match_collection(_compile(pattern, options), to_string(text), 0)


def _is_match(text: Any, pattern: Any, options: Any = None, *_: Any) -> bool:
    return _compile(pattern, options).search(to_string(text)) is not None


def _replace(text: Any, pattern: Any, replacement: Any, options: Any = None, *_: Any) -> str:
    from pyshell.engine.operators import regex_replace

    flags, _explicit, _text = regex_options(options)
    return regex_replace(to_string(text), pattern, replacement, True, flags=flags)


def _split(text: Any, pattern: Any, options: Any = None, *_: Any) -> list[str]:
    from pyshell.engine.generics import TypedArray
    from pyshell.engine.operators import _regex_split

    return TypedArray(_regex_split(_compile(pattern, options), to_string(text), 0), "System.String")


def _new(pattern: Any, options: Any = None, *_: Any) -> Any:
    from pyshell.engine.operators import RegexValue

    return RegexValue(to_string(pattern), options)


def _escape(text: Any) -> str:
    from pyshell.engine.dotnet_regex import dotnet_escape

    return dotnet_escape(to_string(text))


def _unescape(text: Any) -> str:
    from pyshell.engine.dotnet_regex import dotnet_unescape

    return dotnet_unescape(to_string(text))


def _reporting(method: str, fn: Any, pattern_at: int) -> Any:
    """fn, with a bad pattern reported as .NET's exception from `method` (MethodInvocationException)."""

    def call(*args: Any) -> Any:
        from pyshell.errors import RuntimeScriptError

        try:
            return fn(*args)
        except RuntimeScriptError as err:
            if getattr(err, "dotnet_message", None) is None or len(args) <= pattern_at:
                raise
            from pyshell.engine.regex_translate import regex_method_error

            raise regex_method_error(method, len(args), to_string(args[pattern_at]), err) from None

    return call


REGEX_STATICS: dict[str, Any] = {
    "Match": _reporting("Match", _match, 1), "Matches": _reporting("Matches", _matches, 1),
    "IsMatch": _reporting("IsMatch", _is_match, 1), "Replace": _reporting("Replace", _replace, 1),
    "Split": _reporting("Split", _split, 1), "Escape": _escape, "Unescape": _unescape,
    "New": _reporting(".ctor", _new, 0),
}
