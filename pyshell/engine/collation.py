"""String order as .NET's culture comparison (ICU root collation) gives it, for the ASCII range.

Why: pwsh sorts and compares strings with the current culture, not by code point: whitespace and
punctuation come before symbols, symbols before digits, digits before letters, and letters compare
ignoring case first (`'_x','1','a','B' | Sort-Object` is `_x 1 a B`). Characters outside ASCII keep
their case-folded code point after the letters, which is close enough for the scripts pwsh users write.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["primary_key", "culture_compare"]

#: ICU root order of the ASCII characters that are not letters or digits
_ORDER = "\t\n\v\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_WEIGHT = {c: i for i, c in enumerate(_ORDER)}
_DIGITS = len(_ORDER)          # '0'..'9' follow
_LETTERS = _DIGITS + 10        # then 'a'..'z' (case folded)
_OTHER = _LETTERS + 26         # then everything else, by code point


def _weight(c: str) -> int:
    w = _WEIGHT.get(c)
    if w is not None:
        return w
    if "0" <= c <= "9":
        return _DIGITS + ord(c) - 48
    if "a" <= c <= "z":
        return _LETTERS + ord(c) - 97
    return _OTHER + ord(c)


@lru_cache(maxsize=8192)
def primary_key(text: str) -> tuple[int, ...]:
    """The case-insensitive sort key of `text`."""
    return tuple(_weight(c) for c in text.casefold())


def culture_compare(a: str, b: str, case_sensitive: bool = False) -> int:
    """Negative, zero or positive as .NET's culture comparison; with case, lower case sorts first."""
    ka, kb = primary_key(a), primary_key(b)
    if ka != kb:
        return -1 if ka < kb else 1
    if not case_sensitive or a == b:
        return 0
    sa, sb = a.swapcase(), b.swapcase()  # at the first case difference the lower-case letter comes first
    return -1 if sa < sb else (1 if sa > sb else 0)
