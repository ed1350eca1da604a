"""Character-level scanning shared by the parser: whitespace, comments, numbers, names, operators.

PowerShell's tokens depend on the mode (command or expression), so the parser drives this
scanner and asks for the token kind it expects at each point instead of pre-tokenizing.
"""

from __future__ import annotations

import re
from typing import Any

from pyshell.errors import IncompleteParseError, ParseError, Span
from pyshell.numeric import BadNumericConstant, literal_value

__all__ = ["Scanner", "OPERATORS", "ASSIGN_OPS", "KEYWORDS", "DASH_OPERATORS", "NUMBER_RE"]

#: dash operators (lower case), base names; c/i-prefixed variants are derived
_COMPARISON = (
    "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains", "notcontains",
    "in", "notin", "replace", "split",
)
DASH_OPERATORS = frozenset(
    [f"-{p}{op}" for op in _COMPARISON for p in ("", "c", "i")]
    + ["-join", "-is", "-isnot", "-as", "-and", "-or", "-xor", "-not", "-band", "-bor", "-bxor", "-bnot",
       "-shl", "-shr", "-f"]
)
OPERATORS = DASH_OPERATORS
ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=", "%=", "??=")
KEYWORDS = frozenset(
    ["if", "elseif", "else", "foreach", "for", "while", "do", "until", "switch", "function", "filter", "return",
     "break", "continue", "throw", "exit", "try", "catch", "finally", "trap", "param", "begin", "process", "end",
     "in", "data", "dynamicparam", "class", "enum", "using", "clean"]
)

#: characters PowerShell treats as blanks between tokens (NEL and NBSP included)
BLANKS = " \t\f\v\u00a0\u0085\ufeff"

NUMBER_RE = re.compile(
    r"""(?:0x(?P<hex>[0-9a-f]+)|0b(?P<bin>[01]+)|(?P<dec>(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))
        (?P<type>ul|uy|us|u|l|d|y|s|n)?(?P<mult>kb|mb|gb|tb|pb)?""",
    re.I | re.X,
)

_DASHES = "-\u2013\u2014\u2015"
#: characters that end a generic (command-mode) token
GENERIC_END = set(" \t\r\n;|&(){},\f\v") | {"\u00a0"}


class Scanner:
    """A cursor over the source text with the low-level scanning the parser needs."""

    def __init__(self, source: str, file: str = "") -> None:
        self.src = source
        self.pos = 0
        self.file = file
        self._line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]

    # -- positions ----------------------------------------------------------------------
    def span(self, start: int, end: int | None = None) -> Span:
        import bisect

        end = self.pos if end is None else end
        line = bisect.bisect_right(self._line_starts, start)
        col = start - self._line_starts[line - 1] + 1
        return Span(start, end, line, col, self.src, self.file)

    def error(self, message: str, start: int | None = None, end: int | None = None,
              error_id: str = "ParseException") -> ParseError:
        s = self.pos if start is None else start
        e = end if end is not None else min(len(self.src), s + 1)
        return ParseError(message, self.span(s, e), error_id=error_id)

    def incomplete(self, message: str, error_id: str, start: int | None = None) -> IncompleteParseError:
        s = self.pos if start is None else start
        return IncompleteParseError(message, self.span(s, min(len(self.src), s + 1)), error_id=error_id)

    # -- characters ---------------------------------------------------------------------
    def peek(self, n: int = 0) -> str:
        i = self.pos + n
        return self.src[i] if i < len(self.src) else "\0"

    def at_end(self) -> bool:
        return self.pos >= len(self.src)

    def startswith(self, s: str) -> bool:
        return self.src.startswith(s, self.pos)

    def startswith_ci(self, s: str) -> bool:
        return self.src[self.pos : self.pos + len(s)].lower() == s

    # -- trivia -------------------------------------------------------------------------
    def skip_ws(self, newlines: bool = False) -> None:
        """Skip blanks, comments and line continuations (and newlines when asked)."""
        src = self.src
        n = len(src)
        while self.pos < n:
            c = src[self.pos]
            if c in BLANKS:
                self.pos += 1
            elif c == "`" and (end := self._continuation_end(self.pos)) is not None:
                self.pos = end
            elif c == "#":
                while self.pos < n and src[self.pos] not in "\r\n":
                    self.pos += 1
            elif c == "<" and src.startswith("<#", self.pos):
                end = src.find("#>", self.pos + 2)
                if end < 0:
                    raise self.incomplete("Missing closing '#>' in block comment.", "MissingEndOfBlockComment")
                self.pos = end + 2
            elif newlines and c in "\r\n":
                self.pos += 1
            else:
                break

    def _continuation_end(self, at: int) -> int | None:
        """After a line-continuing backtick at `at`: where the next line starts, else None.

        Blanks may follow the backtick, and then a comment (`` ` # note``), but a comment right after it
        (`` `# ``) or a second backtick is not a continuation.
        """
        src = self.src
        n = len(src)
        i = at + 1
        while i < n and src[i] in BLANKS:
            i += 1
        if i < n and src[i] == "#" and i > at + 1:
            while i < n and src[i] not in "\r\n":
                i += 1
        if i >= n or src[i] not in "\r\n":
            return None
        if src[i] == "\r" and i + 1 < n and src[i + 1] == "\n":
            return i + 2
        return i + 1

    def skip_ws_nl(self) -> None:
        self.skip_ws(newlines=True)

    def skip_statement_separators(self) -> None:
        while True:
            self.skip_ws_nl()
            if self.peek() == ";":
                self.pos += 1
            else:
                return

    # -- names --------------------------------------------------------------------------
    def scan_identifier(self) -> str:
        start = self.pos
        src = self.src
        while self.pos < len(src) and (src[self.pos].isalnum() or src[self.pos] in "_"):
            self.pos += 1
        return src[start : self.pos]

    def scan_dash_word(self) -> str | None:
        """At a dash: return '-word' (lower-cased dash normalised) if a letter follows, else None."""
        if self.peek() not in _DASHES:
            return None
        i = self.pos + 1
        src = self.src
        if i >= len(src) or not (src[i].isalpha() or src[i] == "_" or src[i] == "?"):
            return None
        j = i
        while j < len(src) and (src[j].isalnum() or src[j] in "_?"):
            j += 1
        return "-" + src[i:j]

    def match_number(self) -> re.Match[str] | None:
        m = NUMBER_RE.match(self.src, self.pos)
        if not m or m.end() == self.pos:
            return None
        # "1..3": the number is 1, not "1." followed by ".3"
        text = m.group(0)
        if m.group("dec") and "." in m.group("dec") and self.src.startswith("..", self.pos + m.group("dec").index(".")):
            dot = self.pos + m.group("dec").index(".")
            m = NUMBER_RE.match(self.src[:dot], self.pos)
            if not m:
                return None
            return m
        _ = text
        return m

    def number_value(self, m: re.Match[str]) -> Any:
        """The typed value of a literal match_number found (Int32/Int64/Decimal/Byte...; see pyshell.numeric).

        :raises ParseError: BadNumericConstant when the value does not fit its suffix's type (1usgb).
        """
        try:
            if m.group("hex") or m.group("bin"):
                return literal_value(m.group("hex") or m.group("bin"), hex_digits=bool(m.group("hex")),
                                     binary=bool(m.group("bin")), suffix=m.group("type") or "", mult=m.group("mult") or "")
            return literal_value(m.group("dec"), hex_digits=False, suffix=m.group("type") or "", mult=m.group("mult") or "")
        except BadNumericConstant:
            raise self.error(f"The numeric constant {m.group(0)} is not valid.", m.start(), m.end(),
                             error_id="BadNumericConstant") from None
