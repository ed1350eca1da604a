""".NET regular expression syntax -> Python `re` syntax: a small scanner over the pattern.

What differs between the engines and is rewritten here:
- named groups `(?<n>..)` / `(?'n'..)` and back references `\\k<n>` / `\\k'n'` (Python spells them `(?P<n>..)`, `(?P=n)`);
- `\\z` (Python `\\Z`), `\\Z` (end or before a final newline), `\\e`, `\\cX`, `\\p{..}` / `\\P{..}` Unicode categories and
  named blocks (`\\p{IsGreek}`);
- inline options anywhere in the pattern, `(?i)`, `(?-i)`, `(?n)` (ExplicitCapture), `(?x)`: from there to the end of the
  enclosing group, alternatives included (Python only takes global flags at the start, so the rest of the group
  becomes a scoped `(?i:...)` group, reopened after each `|`);
- character classes: `-` after a shorthand (`[\\w-.]`) and `[` are literal, subtraction `[a-z-[aeiou]]` becomes a
  negative look-ahead, and the characters Python reads as future set operators (`&&`, `~~`, `||`, `--`) are escaped,
  so Python never prints a FutureWarning;
- `{` that does not start a quantifier (`a{,2}`, `{x}`) is a literal in .NET.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["translate_pattern", "RegexSyntaxError", "DUPLICATE_MARK", "pattern_error_message", "regex_cast_error", "regex_method_error"]

_SHORTHAND = frozenset("wWdDsS")
_QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}")
_OPTION_GROUP = re.compile(r"\(\?([imnsx]*)(?:-([imnsx]*))?([:)])")
_PY_FLAG_LETTERS = "ims"
#: the second and later groups of one .NET name are named name + DUPLICATE_MARK + n for Python
DUPLICATE_MARK = "_pyshelldup"
_ESCAPES = frozenset("wWsSdDbBAzZGnrtfveacxupPk0123456789")  #: letters/digits .NET knows after a backslash
_CLASS_ESCAPES = frozenset("wWsSdDbnrtfveacxupP01234567")

#: \p{IsBlock}: Unicode blocks .NET names (the common ones)
_BLOCKS: dict[str, tuple[int, int]] = {
    "isbasiclatin": (0x0000, 0x007F), "islatin-1supplement": (0x0080, 0x00FF), "islatinextended-a": (0x0100, 0x017F),
    "islatinextended-b": (0x0180, 0x024F), "isipaextensions": (0x0250, 0x02AF), "isgreek": (0x0370, 0x03FF),
    "isgreekandcoptic": (0x0370, 0x03FF), "iscyrillic": (0x0400, 0x04FF), "isarmenian": (0x0530, 0x058F),
    "ishebrew": (0x0590, 0x05FF), "isarabic": (0x0600, 0x06FF), "isdevanagari": (0x0900, 0x097F),
    "isthai": (0x0E00, 0x0E7F), "isgeneralpunctuation": (0x2000, 0x206F), "iscurrencysymbols": (0x20A0, 0x20CF),
    "isletterlikesymbols": (0x2100, 0x214F), "isarrows": (0x2190, 0x21FF), "ismathematicaloperators": (0x2200, 0x22FF),
    "isboxdrawing": (0x2500, 0x257F), "isgeometricshapes": (0x25A0, 0x25FF), "ismiscellaneoussymbols": (0x2600, 0x26FF),
    "ishiragana": (0x3040, 0x309F), "iskatakana": (0x30A0, 0x30FF), "iscjkunifiedideographs": (0x4E00, 0x9FFF),
    "ishangulsyllables": (0xAC00, 0xD7AF), "isprivateusearea": (0xE000, 0xF8FF), "isspecials": (0xFFF0, 0xFFFF),
}


class RegexSyntaxError(ValueError):
    """A pattern .NET rejects (message as .NET words it, offset into the pattern) or Python cannot express."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class _GroupRef:
    """A back reference or condition by .NET group number, resolved once every group is known."""

    number: int
    offset: int  #: where .NET reports an undefined group
    template: str  #: the Python text, "{}" standing for the Python group index
    fallback: str | None = None  #: the text when there is no such group (a \12 is octal then)


@dataclass
class _Level:
    """One group nesting level: its scoped option groups still open, and the options in force."""

    explicit: bool
    verbose: bool
    reopen: list[str] = field(default_factory=list)  #: the `(?i:` prefixes opened by inline options here


def translate_pattern(pattern: str, explicit_capture: bool = False, verbose: bool = False,
                      category: object = None) -> str:
    """The Python form of a .NET pattern; `category(name)` gives a \\p{name} class body (no brackets)."""
    return _Translator(pattern, explicit_capture, verbose, category).run()


class _Translator:
    def __init__(self, pattern: str, explicit: bool, verbose: bool, category: object) -> None:
        self.p = pattern
        self.n = len(pattern)
        self.out: list[str | _GroupRef] = []
        self.levels = [_Level(explicit, verbose)]
        self.category = category
        self.atom = False  #: whether the last thing written can take a quantifier
        self.names: dict[str, list[str]] = {}  #: .NET group name -> the Python names standing for it
        self.captures: list[str | None] = []  #: each Python capturing group: its .NET name, None when unnamed

    def _quantifier(self, i: int) -> int:
        """A quantifier at i (* + ? {n,m}, lazy ? after it); .NET rejects one after nothing or after another."""
        p = self.p
        m = _QUANTIFIER.match(p, i) if p[i] == "{" else None
        text = m.group(0) if m is not None else p[i]
        end = m.end() if m is not None else i + 1
        if not self.atom:
            raise RegexSyntaxError(f"Quantifier '{text}' following nothing.", end)
        if m is not None:
            lo, _, hi = text[1:-1].partition(",")
            if hi and int(hi) < int(lo):
                raise RegexSyntaxError("Illegal {x,y} with x > y.", end)
        if p[end : end + 1] == "?":
            text += "?"
            end += 1
        following = p[end : end + 1]
        if following in ("*", "+", "?") or (following == "{" and _QUANTIFIER.match(p, end)):
            nested = _QUANTIFIER.match(p, end)
            raise RegexSyntaxError(f"Nested quantifier '{nested.group(0)[0] if nested else following}'.", end + 1)
        self.out.append(text)
        self.atom = False
        return end

    # -- driver ------------------------------------------------------------------------------------
    def run(self) -> str:
        i = 0
        p = self.p
        while i < self.n:
            c = p[i]
            level = self.levels[-1]
            if level.verbose and c in " \t\r\n\f\v":
                i += 1
            elif level.verbose and c == "#":
                end = p.find("\n", i)
                i = self.n if end < 0 else end + 1
            elif c == "\\":
                i = self._escape(i)
                continue
            elif c == "[":
                text, i = self._class(i)
                self.out.append(text)
                self.atom = True
                continue
            elif c == "(":
                i = self._open(i)
            elif c == ")":
                if len(self.levels) == 1:
                    raise RegexSyntaxError("Too many )'s.", i + 1)
                self.out.append(")" * len(self.levels.pop().reopen))
                self.out.append(")")
                i += 1
                self.atom = True
                continue
            elif c == "|":
                self.out.append(")" * len(level.reopen) + "|" + "".join(level.reopen))
                i += 1
                self.atom = False
                continue
            elif c in "*+?" or (c == "{" and _QUANTIFIER.match(p, i)):
                i = self._quantifier(i)
                continue
            elif c == "{":
                self.out.append("\\{")
                i += 1
            elif c == "}":
                self.out.append("\\}")
                i += 1
            else:
                self.out.append(c)
                i += 1
            if not level.verbose or c not in " \t\r\n\f\v#":
                self.atom = c != "("
        if len(self.levels) > 1:
            raise RegexSyntaxError("Not enough )'s.", self.n)
        for level in reversed(self.levels):
            self.out.append(")" * len(level.reopen))
        return "".join(self._resolve(x) for x in self.out)

    def _resolve(self, piece: str | _GroupRef) -> str:
        """A written piece; a group number in .NET's numbering (unnamed groups first) as Python's group index."""
        if isinstance(piece, str):
            return piece
        unnamed = [i for i, name in enumerate(self.captures, 1) if name is None]
        first_of: dict[str, int] = {}
        for i, name in enumerate(self.captures, 1):
            if name is not None:
                first_of.setdefault(name, i)
        order = unnamed + list(first_of.values())
        if not 1 <= piece.number <= len(order):
            if piece.fallback is not None:
                return piece.fallback
            raise RegexSyntaxError(f"Reference to undefined group number {piece.number}.", piece.offset)
        return piece.template.format(order[piece.number - 1])

    # -- groups -------------------------------------------------------------------------------------
    def _open(self, i: int) -> int:
        p = self.p
        level = self.levels[-1]
        if not p.startswith("(?", i):
            self.levels.append(_Level(level.explicit, level.verbose))
            self.out.append("(?:" if level.explicit else "(")
            if not level.explicit:
                self.captures.append(None)
            return i + 1
        nxt = p[i + 2 : i + 3]
        if nxt == "#":
            end = p.find(")", i)
            if end < 0:
                raise RegexSyntaxError("Unterminated (?#...) comment.", self.n)
            return end + 1
        m = _OPTION_GROUP.match(p, i)
        if m is not None and (m.group(1) or m.group(2) is not None):
            on, off = m.group(1), m.group(2) or ""
            explicit = ("n" in on or level.explicit) and "n" not in off
            verbose = ("x" in on or level.verbose) and "x" not in off
            prefix = self._scoped_prefix(on, off)
            if m.group(3) == ")":
                # (?i) mid-group: the rest of this group, alternatives included
                level.explicit, level.verbose = explicit, verbose
                if prefix != "(?:":
                    level.reopen.append(prefix)
                    self.out.append(prefix)
            else:
                self.levels.append(_Level(explicit, verbose))
                self.out.append(prefix)
            return m.end()
        if nxt == "<" and p[i + 3 : i + 4] not in ("=", "!"):
            end = p.find(">", i + 3)
            if end < 0:
                raise RegexSyntaxError("Invalid group name: Group names must begin with a word character.", i + 3)
            return self._named(p[i + 3 : end], i + 3, end + 1)
        if nxt == "'":
            end = p.find("'", i + 3)
            if end < 0:
                raise RegexSyntaxError("Invalid group name: Group names must begin with a word character.", i + 3)
            return self._named(p[i + 3 : end], i + 3, end + 1)
        if nxt == "P":
            raise RegexSyntaxError("Unrecognized grouping construct.", i + 2)
        if nxt == "(":
            # (?(name)yes|no): the condition names a group (Python takes no look-around conditions)
            end = p.find(")", i + 3)
            cond = p[i + 3 : end] if end > 0 else ""
            if not re.fullmatch(r"\w+", cond):
                raise RegexSyntaxError("Conditional expressions other than (?(group)yes|no) are not supported.", i + 3)
            self.levels.append(_Level(level.explicit, level.verbose))
            if cond.isdigit():
                self.out.append(_GroupRef(int(cond), end, "(?({})"))
            else:
                self.out.append(f"(?({(self.names.get(cond) or [cond])[0]})")
            return end + 1
        self.levels.append(_Level(level.explicit, level.verbose))
        self.out.append("(?")
        return i + 2

    def _named(self, name: str, at: int, after: int) -> int:
        if not name or not re.fullmatch(r"\w+", name):
            if "-" in name:
                raise RegexSyntaxError("Balancing groups (?<name1-name2>...) are not supported.", at)
            raise RegexSyntaxError("Invalid group name: Group names must begin with a word character.", at)
        if name[0].isdigit():
            raise RegexSyntaxError("Numbered groups (?<1>...) are not supported.", at)
        level = self.levels[-1]
        self.levels.append(_Level(level.explicit, level.verbose))
        seen = self.names.setdefault(name, [])
        # .NET lets several groups share a name (one group); Python needs distinct names: see DUPLICATE_MARK
        py_name = name if not seen else f"{name}{DUPLICATE_MARK}{len(seen) + 1}"
        seen.append(py_name)
        self.captures.append(name)
        self.out.append(f"(?P<{py_name}>")
        return after

    @staticmethod
    def _scoped_prefix(on: str, off: str) -> str:
        py_on = "".join(c for c in on if c in _PY_FLAG_LETTERS)
        py_off = "".join(c for c in off if c in _PY_FLAG_LETTERS and c not in py_on)
        if not py_on and not py_off:
            return "(?:"
        return f"(?{py_on}-{py_off}:" if py_off else f"(?{py_on}:"

    # -- escapes ------------------------------------------------------------------------------------
    def _escape(self, i: int) -> int:
        """The escape at i, written out; the index after it."""
        p = self.p
        if i + 1 >= self.n:
            raise RegexSyntaxError("Illegal \\\\ at end of pattern.", self.n)
        nxt = p[i + 1]
        self._check_escape(i, _ESCAPES)
        self.atom = nxt not in "bBAzZG"
        if nxt in "pP":
            body, end = self._property(i)
            self.out.append(f"[{'^' if nxt == 'P' else ''}{body}]")
            return end
        if nxt == "k" and p[i + 2 : i + 3] in ("<", "'"):
            close = ">" if p[i + 2] == "<" else "'"
            end = p.find(close, i + 3)
            if end < 0:
                raise RegexSyntaxError("Malformed \\\\k<...> named back reference.", i + 2)
            name = p[i + 3 : end]
            if name.isdigit():
                self.out.append(_GroupRef(int(name), end + 1, "(?:\\{})"))
            else:
                refs = self.names.get(name) or [name]
                self.out.append("|".join(f"(?P={n})" for n in refs) if len(refs) == 1 else
                                "(?:" + "|".join(f"(?P={n})" for n in refs) + ")")
            return end + 1
        simple = {"z": "\\Z", "Z": "(?=\\n?\\Z)", "G": "", "e": "\\x1b"}
        if nxt in simple:
            self.out.append(simple[nxt])
            return i + 2
        if nxt == "c" and i + 2 < self.n and p[i + 2].isalpha():
            self.out.append(f"\\x{ord(p[i + 2].upper()) - 64:02x}")
            return i + 3
        if nxt in "123456789":
            end = i + 1
            while end < self.n and p[end].isdigit():
                end += 1
            digits = p[i + 1 : end]
            self.out.append(_GroupRef(int(digits), end, "(?:\\{})", _octal(digits) if len(digits) > 1 else None))
            return end
        self.out.append(p[i : i + 2])
        return i + 2

    def _check_escape(self, i: int, known: frozenset[str]) -> None:
        """.NET's errors for `\\q` (unknown letter), `\\x4` / `\\u12` (too few hex digits), `\\c` at the end."""
        p = self.p
        nxt = p[i + 1]
        if nxt.isascii() and nxt.isalnum() and nxt not in known:
            raise RegexSyntaxError(f"Unrecognized escape sequence \\\\{nxt}.", i + 2)
        width = {"x": 2, "u": 4}.get(nxt)
        if width is not None and not re.fullmatch(f"[0-9A-Fa-f]{{{width}}}", p[i + 2 : i + 2 + width]):
            raise RegexSyntaxError("Insufficient hexadecimal digits.", min(i + 2 + width, self.n))
        if nxt == "c" and not (i + 2 < self.n and p[i + 2].isascii() and p[i + 2].isalpha()):
            raise RegexSyntaxError("Missing control character.", min(i + 3, self.n))

    def _property(self, i: int) -> tuple[str, int]:
        """\\p{Name} at i: the class body (without brackets) and the index after it."""
        p = self.p
        if p[i + 2 : i + 3] != "{":
            raise RegexSyntaxError("Malformed \\\\p{X} character escape.", i + 2)
        end = p.find("}", i + 3)
        if end < 0:
            raise RegexSyntaxError("Incomplete \\\\p{X} character escape.", self.n)
        name = p[i + 3 : end]
        block = _BLOCKS.get(name.lower()) if name[:2] == "Is" else None
        if block is not None:
            return f"\\u{block[0]:04x}-\\u{block[1]:04x}", end + 1
        if callable(self.category):
            try:
                return str(self.category(name)), end + 1
            except ValueError:
                pass
        raise RegexSyntaxError(f"Unknown property '{name}'.", end + 1)

    # -- character classes --------------------------------------------------------------------------
    def _class(self, start: int) -> tuple[str, int]:
        """The class starting at `start` ('['): its Python text and the index after its ']'."""
        p = self.p
        j = start + 1
        negated = p[j : j + 1] == "^"
        if negated:
            j += 1
        items: list[str] = []
        first = True
        after_shorthand = False
        while True:
            if j >= self.n:
                raise RegexSyntaxError("Unterminated [] set.", self.n)
            c = p[j]
            if c == "]" and not first:
                j += 1
                break
            first = False
            if c == "-" and p[j + 1 : j + 2] == "[" and items:
                sub, after = self._class(j + 1)
                if p[after : after + 1] != "]":
                    raise RegexSyntaxError("A subtraction must be the last element in a character class.", after)
                base = "[" + ("^" if negated else "") + "".join(items) + "]"
                return f"(?:(?!{sub}){base})", after + 1
            if c == "\\":
                if j + 1 >= self.n:
                    raise RegexSyntaxError("Illegal \\\\ at end of pattern.", self.n)
                nxt = p[j + 1]
                self._check_escape(j, _CLASS_ESCAPES)
                if nxt == "p":
                    body, j = self._property(j)
                    items.append(body)
                    after_shorthand = True
                    continue
                if nxt == "P":
                    body, j = self._property(j)
                    items.append(_complement(body))
                    after_shorthand = True
                    continue
                if nxt == "e":
                    items.append("\\x1b")
                elif nxt == "c" and j + 2 < self.n and p[j + 2].isalpha():
                    items.append(f"\\x{ord(p[j + 2].upper()) - 64:02x}")
                    j += 1
                else:
                    items.append(p[j : j + 2])
                after_shorthand = nxt in _SHORTHAND
                j += 2
                continue
            nxt = p[j + 1 : j + 2]
            if c == "-" and items and not after_shorthand and nxt not in ("", "]"):
                # a range: its end comes with it, escaped when Python would read it as set syntax
                if nxt != "\\" and len(items[-1]) == 1 and p[j - 1] == items[-1] and ord(nxt) < ord(items[-1]):
                    raise RegexSyntaxError("[x-y] range in reverse order.", j + 2)
                if nxt == "\\":
                    items.append("-")
                    j += 1
                else:
                    items.append("-" + ("\\" + nxt if nxt in "[]&~|-" else nxt))
                    j += 2
                after_shorthand = False
                continue
            if c == "-":
                items.append("\\-")  # [\w-.], [a-], [-a]: a literal '-' in .NET
            elif c in "[]&~|":
                items.append("\\" + c)  # literal in .NET; Python would read (or warn about) set syntax
            else:
                items.append(c)
            after_shorthand = False
            j += 1
        return "[" + ("^" if negated else "") + "".join(items) + "]", j


def _octal(digits: str) -> str | None:
    """A \121 naming no group: .NET reads up to three octal digits (at most 0377), the rest as literal digits."""
    count = 0
    while count < 3 and count < len(digits) and digits[count] in "01234567" and int(digits[: count + 1], 8) <= 0o377:
        count += 1
    if count == 0:
        return None
    return re.escape(chr(int(digits[:count], 8))) + digits[count:]


_CLASS_RANGE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))(?:-\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})))?")


def _complement(body: str) -> str:
    """The class body for every code point a \\p{..} body (\\uXXXX / \\UXXXXXXXX ranges) leaves out."""
    ranges = []
    for m in _CLASS_RANGE.finditer(body):
        lo = int(m.group(1) or m.group(2), 16)
        hi = int(m.group(3) or m.group(4), 16) if (m.group(3) or m.group(4)) else lo
        ranges.append((lo, hi))
    out = []
    nxt = 0
    for lo, hi in sorted(ranges):
        if lo > nxt:
            out.append(f"\\U{nxt:08x}-\\U{lo - 1:08x}")
        nxt = max(nxt, hi + 1)
    if nxt <= 0x10FFFF:
        out.append(f"\\U{nxt:08x}-\\U{0x10FFFF:08x}")
    return "".join(out)


#: Python's re.error texts, as .NET words them (for what the scanner above lets through)
_PYTHON_ERRORS = (
    (re.compile(r"unknown group name '(.*)'"), "Reference to undefined group name '{0}'."),
    (re.compile(r"invalid group reference (\d+)"), "Reference to undefined group number {0}."),
    (re.compile(r"nothing to repeat"), "Quantifier following nothing."),
    (re.compile(r"multiple repeat"), "Nested quantifier."),
    (re.compile(r"bad character range"), "[x-y] range in reverse order."),
    (re.compile(r"missing \)"), "Not enough )'s."),
    (re.compile(r"unbalanced parenthesis"), "Too many )'s."),
    (re.compile(r"unterminated character set"), "Unterminated [] set."),
)


def pattern_error_message(pattern: str, err: Exception) -> str:
    """.NET's RegexParseException message for a pattern that failed: "Invalid pattern 'p' at offset n. reason"."""
    if isinstance(err, RegexSyntaxError) or hasattr(err, "offset"):
        offset = getattr(err, "offset", len(pattern))
        text = getattr(err, "message", str(err))
        return f"Invalid pattern '{pattern}' at offset {offset}. {text}"
    raw = getattr(err, "msg", str(err))
    for rx, words in _PYTHON_ERRORS:
        m = rx.match(raw)
        if m is not None:
            text = words.format(*m.groups())
            break
    else:
        text = raw[:1].upper() + raw[1:] + ("" if raw.endswith(".") else ".")
    return f"Invalid pattern '{pattern}' at offset {len(pattern)}. {text}"


def _dotnet_text(pattern: str, err: Exception) -> str:
    return getattr(err, "dotnet_message", None) or pattern_error_message(pattern, err)


def regex_cast_error(pattern: str, err: Exception) -> Exception:
    """`[regex]'('`: the PSInvalidCastException pwsh raises when Regex's constructor rejects the pattern."""
    from pyshell.engine.conversions import ConversionError

    return ConversionError(
        f'Cannot convert value "{pattern}" to type "System.Text.RegularExpressions.Regex". Error: '
        f'"{_dotnet_text(pattern, err)}"', error_id="InvalidCastConstructorException", category="InvalidArgument")


def regex_method_error(method: str, argc: int, pattern: str, err: Exception) -> Exception:
    """`[regex]::Match(s, '(')`: the MethodInvocationException around .NET's RegexParseException."""
    from pyshell.engine.conversions import ConversionError

    raised = ConversionError(f'Exception calling "{method}" with "{argc}" argument(s): "{_dotnet_text(pattern, err)}"',
                             error_id="RegexParseException", category="NotSpecified",
                             reason="MethodInvocationException")
    raised.ps_type_name = "System.Management.Automation.MethodInvocationException"
    return raised
