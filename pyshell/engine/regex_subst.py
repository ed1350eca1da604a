"""The .NET view of a Python match: group numbers and names as .NET gives them, replacement strings, $Matches.

.NET numbers the unnamed groups first (1..k, left to right) and the named ones after them, where Python
numbers all groups left to right; everything a script sees ($1, $Matches, GetGroupNames) uses .NET's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["group_order", "group_layout", "match_groups", "group_names", "group_numbers", "substitution",
           "matches_table"]


def group_layout(rx: re.Pattern[str]) -> list[tuple[str, tuple[int, ...]]]:
    """(.NET name, the Python groups standing for it) in .NET's numbering: 0, the unnamed groups, then the
    named ones; groups sharing a name in .NET (renamed apart for Python) are one group."""
    from pyshell.engine.regex_translate import DUPLICATE_MARK

    named = {index: name for name, index in rx.groupindex.items()}
    unnamed = [i for i in range(1, rx.groups + 1) if i not in named]
    layout: list[tuple[str, tuple[int, ...]]] = [("0", (0,))] + [(str(n), (i,)) for n, i in enumerate(unnamed, 1)]
    merged: dict[str, list[int]] = {}
    for i in sorted(named):
        merged.setdefault(named[i].split(DUPLICATE_MARK)[0], []).append(i)
    return layout + [(name, tuple(indices)) for name, indices in merged.items()]


def group_order(rx: re.Pattern[str]) -> list[tuple[str, int]]:
    """(.NET name, its first Python group index) in .NET's numbering."""
    return [(name, indices[0]) for name, indices in group_layout(rx)]


def _pick(m: re.Match[str], indices: tuple[int, ...]) -> int:
    """Of the Python groups standing for one .NET group, the last that took part (its value is .NET's)."""
    taking_part = [i for i in indices if m.group(i) is not None]
    return taking_part[-1] if taking_part else indices[0]


def match_groups(m: re.Match[str]) -> list[tuple[str, str | None, int]]:
    """(.NET name, value or None when the group did not take part, start) for each group, in .NET's order."""
    out = []
    for name, indices in group_layout(m.re):
        i = _pick(m, indices)
        out.append((name, m.group(i), m.start(i)))
    return out


def group_names(rx: re.Pattern[str]) -> list[str]:
    """Regex.GetGroupNames(): "0", "1".. for the unnamed groups, then the names."""
    return [name for name, _ in group_order(rx)]


def group_numbers(rx: re.Pattern[str]) -> list[int]:
    """Regex.GetGroupNumbers(): 0..the number of groups (groups sharing a name count once)."""
    return list(range(len(group_layout(rx))))


def _python_group(m: re.Match[str], key: str) -> int | None:
    """The Python group index .NET's group `key` (a number or a name) names; None when there is none."""
    layout = group_layout(m.re)
    if key.isdigit():
        number = int(key)
        return _pick(m, layout[number][1]) if number < len(layout) else None
    found = next((indices for name, indices in layout if name == key), None)
    return _pick(m, found) if found is not None else None


def substitution(repl: str) -> Callable[[re.Match[str]], str]:
    """A .NET replacement string as a function of the match: $n and ${n} (.NET numbers), ${name}, $$, $&,
    $` (the text before the match), $' (after it), $+ (the last group), $_ (the whole input). A reference to a
    group that does not exist stays literal text, as .NET leaves it."""

    def expand(m: re.Match[str]) -> str:
        out: list[str] = []
        i = 0
        n = len(repl)
        while i < n:
            c = repl[i]
            if c != "$" or i + 1 >= n:
                out.append(c)
                i += 1
                continue
            nxt = repl[i + 1]
            if nxt == "{":
                end = repl.find("}", i + 2)
                index = _python_group(m, repl[i + 2 : end]) if end > i + 2 else None
                if index is not None:
                    out.append(m.group(index) or "")
                    i = end + 1
                    continue
            elif nxt.isdigit():
                j = i + 1
                while j < n and repl[j].isdigit():
                    j += 1
                index = _python_group(m, repl[i + 1 : j])
                if index is not None:
                    out.append(m.group(index) or "")
                    i = j
                    continue
            else:
                special = _SPECIAL.get(nxt)
                if special is not None:
                    out.append(special(m))
                    i += 2
                    continue
            out.append("$")
            i += 1
        return "".join(out)

    return expand


def _last_group(m: re.Match[str]) -> str:
    return match_groups(m)[-1][1] or ""


_SPECIAL: dict[str, Callable[[re.Match[str]], str]] = {
    "$": lambda m: "$",
    "&": lambda m: m.group(0),
    "`": lambda m: m.string[: m.start()],
    "'": lambda m: m.string[m.end():],
    "+": _last_group,
    "_": lambda m: m.string,
}


def matches_table(m: re.Match[str]) -> Any:
    """$Matches after -match: each group that took part, numbered groups under [int] keys.

    Ordered as pwsh's Hashtable lists them: the named groups, then the numbers from the highest down to 0.
    """
    from pyshell.engine.objects import Hashtable

    table = Hashtable()
    groups = match_groups(m)
    for name, value, _ in groups:
        if not name.isdigit() and value is not None:
            table[name] = value
    for name, value, _ in reversed(groups):
        if name.isdigit() and value is not None:
            table[int(name)] = value
    return table
