"""Select-String: finds text in strings and files with .NET regular expressions (or -SimpleMatch).

Each matching line becomes a MatchInfo (Microsoft.PowerShell.Commands.MatchInfo): `file:line:text` for
file input, the bare line for pipeline strings; -Context adds the lines around it, as pwsh tracks them
(the logical context is every neighbouring line, the display context never repeats a line).
"""

from __future__ import annotations

import codecs
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.itembase import ItemCommand, as_list
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, get_property, type_names, unwrap
from pyshell.errors import PyshellError, RuntimeScriptError

__all__ = ["SelectString", "MatchInfo", "MatchInfoContext"]

_INPUT_STREAM = "InputStream"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CULTURES = ("Ordinal", "Invariant", "Current")


class MatchInfoContext:
    """The lines around a match: Pre/PostContext (all of them), Display* (without lines shown elsewhere)."""

    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.MatchInfoContext", "System.Object")
    PS_PROPERTIES = ("PreContext", "PostContext", "DisplayPreContext", "DisplayPostContext")

    def __init__(self) -> None:
        self.PreContext: list[str] = []
        self.PostContext: list[str] = []
        self.DisplayPreContext: list[str] = []
        self.DisplayPostContext: list[str] = []


class MatchInfo:
    """One matching line: what Select-String writes."""

    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.MatchInfo", "System.Object")
    PS_PROPERTIES = ("IgnoreCase", "LineNumber", "Line", "Filename", "Path", "Pattern", "Context", "Matches")
    PS_METHODS = ("ToString", "RelativePath", "ToEmphasizedString")

    def __init__(self, line: str, pattern: str, ignore_case: bool, matches: list[Any],
                 spans: list[tuple[int, int]], emphasize: bool) -> None:
        self.IgnoreCase = ignore_case
        self.LineNumber = 0
        self.Line = line
        self.Pattern = pattern
        self.Context: MatchInfoContext | None = None
        self.Matches = matches
        self._spans = spans
        self._emphasize = emphasize
        self._path: str | None = None
        self.location: str | None = None  #: the current location when made: the display's relative paths

    @property
    def Path(self) -> str:  # noqa: N802 - .NET member names
        return self._path if self._path is not None else _INPUT_STREAM

    @Path.setter
    def Path(self, value: str) -> None:  # noqa: N802
        self._path = value

    @property
    def Filename(self) -> str:  # noqa: N802
        return os.path.basename(self._path) if self._path is not None else _INPUT_STREAM

    def RelativePath(self, directory: Any) -> str:  # noqa: N802
        """The path with `directory` (a prefix, compared case-insensitively) and its separator cut off."""
        if self._path is None:
            return self.Path
        rel = self._path
        base = to_string(directory) if directory is not None else ""
        if base and rel.lower().startswith(base.lower()) and len(base) < len(rel):
            if base[-1] in "\\/":
                rel = rel[len(base):]
            elif rel[len(base)] in "\\/":
                rel = rel[len(base) + 1:]
        return rel

    def ToString(self, directory: Any = None) -> str:  # noqa: N802
        return self._render(directory, self.Line)

    def ToEmphasizedString(self, directory: Any = None) -> str:  # noqa: N802
        """ToString with the matched text in reverse video (what the default view shows)."""
        if not self._emphasize or not self._spans:
            return self.ToString(directory)
        out: list[str] = []
        pos = 0
        for start, length in self._spans:
            out.append(self.Line[pos:start])
            out.append("\x1b[7m" + self.Line[start:start + length] + "\x1b[0m")
            pos = start + length
        out.append(self.Line[pos:])
        return self._render(directory, "".join(out))

    def ps_to_string(self) -> str:
        return self.ToString()

    def _render(self, directory: Any, line: str) -> str:
        shown = self.RelativePath(directory) if directory is not None else self.Path

        def fmt(text: str, number: int, prefix: str) -> str:
            return f"{prefix}{shown}:{number}:{text}" if self._path is not None else f"{prefix}{text}"

        if self.Context is None:
            return fmt(line, self.LineNumber, "")
        number = self.LineNumber - len(self.Context.DisplayPreContext)
        lines = []
        for text in self.Context.DisplayPreContext:
            lines.append(fmt(text, number, "  "))
            number += 1
        lines.append(fmt(line, number, "> "))
        number += 1
        for text in self.Context.DisplayPostContext:
            lines.append(fmt(text, number, "  "))
            number += 1
        return "\n".join(lines)


class _ContextTracker:
    """Collects context lines and releases matches once their post-context is complete (in input order)."""

    def __init__(self, pre: int, post: int) -> None:
        self.pre = pre
        self.post = post
        self._recent: deque[str] = deque(maxlen=pre or 1)
        self._display_pre: deque[str] = deque(maxlen=pre or 1)
        self._pending: list[MatchInfo] = []
        self._display_target: MatchInfo | None = None

    def track(self, line: str, match: MatchInfo | None) -> list[MatchInfo]:
        for waiting in self._pending:
            assert waiting.Context is not None
            if len(waiting.Context.PostContext) < self.post:
                waiting.Context.PostContext.append(line)
        if match is None:
            target = self._display_target
            if target is not None and target.Context is not None and len(target.Context.DisplayPostContext) < self.post:
                target.Context.DisplayPostContext.append(line)
            elif self.pre:
                self._display_pre.append(line)
        else:
            ctx = match.Context = match.Context or MatchInfoContext()
            ctx.PreContext = list(self._recent) if self.pre else []
            ctx.DisplayPreContext = list(self._display_pre) if self.pre else []
            self._display_pre.clear()
            self._pending.append(match)
            self._display_target = match
        if self.pre:
            self._recent.append(line)
        ready = []
        while self._pending and len(self._pending[0].Context.PostContext) >= self.post:  # type: ignore[union-attr]
            ready.append(self._pending.pop(0))
        return ready

    def finish(self) -> list[MatchInfo]:
        ready, self._pending = self._pending, []
        return ready


class _NoContext:
    """Without -Context a match is ready at once."""

    def track(self, line: str, match: MatchInfo | None) -> list[MatchInfo]:
        return [match] if match is not None else []

    def finish(self) -> list[MatchInfo]:
        return []


def _invalid_regex(pattern: str, err: RuntimeScriptError) -> PyshellError:
    detail = getattr(err, "dotnet_message", None) or getattr(err, "reason", None) or err.message
    return PyshellError(f"The string {pattern} is not a valid regular expression: {detail}", error_id="InvalidRegex",
                        category="InvalidArgument", target=None, reason="ArgumentException")


@command("Select-String", aliases=("sls",), default_set="File")
class SelectString(ItemCommand):
    """Finds text in strings and files."""

    InputObject = Param("psobject", mandatory=True, pipeline=True, sets=("Object", "ObjectRaw"))
    Pattern = Param("string[]", position=0, mandatory=True)
    Path = Param("string[]", position=1, mandatory=True, by_property_name=True, sets=("File", "FileRaw"))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralFile", "LiteralFileRaw"))
    Raw = Param("switch", mandatory=True, sets=("ObjectRaw", "FileRaw", "LiteralFileRaw"))
    SimpleMatch = Param("switch")
    CaseSensitive = Param("switch")
    Quiet = Param("switch", sets=("Object", "File", "LiteralFile"))
    List = Param("switch")
    NoEmphasis = Param("switch")
    Include = Param("string[]")
    Exclude = Param("string[]")
    NotMatch = Param("switch")
    AllMatches = Param("switch")
    Encoding = Param("string")
    Context = Param("int[]")
    Culture = Param("string")

    def begin(self) -> Iterable[Any]:
        if self.is_bound("Culture") and not self.is_bound("SimpleMatch"):
            raise PyshellError("Cannot specify '-Culture' without '-SimpleMatch'.",
                               error_id="CannotSpecifyCultureWithoutSimpleMatch", category="InvalidData",
                               reason="InvalidOperationException")
        self._pre, self._post = self._context_sizes()
        self._patterns = [to_string(p) for p in as_list(self.Pattern)]
        self._regexes: list[re.Pattern[str]] = []
        if not self.SimpleMatch:
            from pyshell.engine.operators import compile_regex

            for p in self._patterns:
                try:
                    self._regexes.append(compile_regex(p, bool(self.CaseSensitive)))
                except RuntimeScriptError as err:
                    raise _invalid_regex(p, err) from None
        self._codec = "utf-8"
        if self.is_bound("Encoding") and self.Encoding:
            from pyshell.commands.content import codec_for

            self._codec = codec_for(self.Encoding)
        self._record = 0
        self._done = False
        self._stream = self._tracker()
        return ()

    def _context_sizes(self) -> tuple[int, int]:
        if not self.is_bound("Context") or self.Raw:
            return 0, 0
        values = [int(v) for v in as_list(self.Context)]
        if not 1 <= len(values) <= 2:
            raise PyshellError(
                "Cannot validate argument on parameter 'Context'. The parameter requires at least 1 value(s) and no "
                f"more than 2 value(s) - {len(values)} value(s) were provided.",
                error_id="ParameterArgumentValidationError", category="InvalidData",
                reason="ParameterBindingValidationException")
        for v in values:
            if v < 0:
                raise PyshellError(
                    f"Cannot validate argument on parameter 'Context'. The {v} argument is less than the minimum "
                    "allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the "
                    "command again.", error_id="ParameterArgumentValidationError", category="InvalidData",
                    reason="ParameterBindingValidationException")
        return values[0], values[-1]

    def _tracker(self) -> _ContextTracker | _NoContext:
        if self._pre == 0 and self._post == 0:
            return _NoContext()
        return _ContextTracker(self._pre, self._post)

    # -- matching --------------------------------------------------------------------------------
    def _match(self, text: str) -> MatchInfo | None:
        """The MatchInfo for a line that matches (or, with -NotMatch, one that does not)."""
        from pyshell.engine.dotnet_regex import Match

        found = False
        index = 0
        matches: list[Any] = []
        spans: list[tuple[int, int]] = []
        if not self.SimpleMatch:
            for i, rx in enumerate(self._regexes):
                index = i
                if self.AllMatches and not self.NotMatch:
                    ms = list(rx.finditer(text))
                    matches = [Match(m, rx, text) for m in ms]
                else:
                    first = rx.search(text)
                    ms = [first] if first is not None else []
                    matches = [Match(first, rx, text)] if first is not None else []
                if ms:
                    spans = [(m.start(), m.end() - m.start()) for m in ms]
                    found = True
                    break
        else:
            fold = self._fold
            hay = fold(text)
            for i, p in enumerate(self._patterns):
                index = i
                at = hay.find(fold(p))
                if at >= 0:
                    spans = [(at, len(p))]
                    found = True
                    break
        if self.NotMatch:
            found, index, matches, spans = not found, 0, [], []
        if not found:
            return None
        info = MatchInfo(text, self._patterns[index], not self.CaseSensitive, matches if not self.SimpleMatch else [],
                         spans, not self.NoEmphasis)
        info.location = self.runspace.location
        return info

    def _fold(self, text: str) -> str:
        """-SimpleMatch's comparison: ordinal when -CaseSensitive, else case-folded by -Culture's rules
        (Turkish and Azeri pair I with dotless ı and İ with i)."""
        if self.CaseSensitive:
            return text
        culture = to_string(self.Culture or "").lower()
        if culture.startswith(("tr", "az")):
            text = text.replace("I", "ı").replace("İ", "i")
        return text.lower()

    def _emit(self, ready: list[MatchInfo]) -> Iterator[Any]:
        if not ready:
            return
        if self.Raw:
            for info in ready:
                yield info.Line
        elif self.Quiet and not self.List:
            yield True
        elif self.List:
            yield ready[0]
        else:
            yield from ready

    # -- input -----------------------------------------------------------------------------------
    def process(self) -> Iterator[Any]:
        if self._done:
            return
        if self.parameter_set_name in ("File", "FileRaw", "LiteralFile", "LiteralFileRaw"):
            yield from self._files(self._expand_paths(), from_paths=True)
            return
        value = self.InputObject
        base = unwrap(value)
        if "System.IO.FileInfo" in type_names(base):
            full = get_property(base, "FullName")
            if full is not MISSING:
                yield from self._files([to_string(full)], from_paths=False)
                return
        self._record += 1
        if isinstance(base, MatchInfo):
            text = base.Line
            if self._pre or self._post:
                self.write_warning('The option "Context" is not valid when searching results that are piped from '
                                   'Select-String output.')
                self._pre = self._post = 0
                self._stream = _NoContext()
            result = self._match(text)
            if result is not None:
                result = base
        else:
            text = "" if base is None else to_string(base)
            result = self._match(text)
            if result is not None:
                result.LineNumber = self._record
        ready = self._stream.track(text, result)
        if ready:
            yield from self._emit(ready)
            if self.Quiet:
                self._done = True

    def end(self) -> Iterable[Any]:
        ready = self._stream.finish()
        if self._done:
            return []
        return list(self._emit(ready))

    def _expand_paths(self) -> list[str]:
        out: list[str] = []
        for path, literal in self.input_paths():
            if literal:
                out.append(self.full_path(path, True))
            else:
                out.extend(self.resolve_or_error(path, False))
        return out

    def _files(self, paths: list[str], from_paths: bool) -> Iterator[Any]:
        for path in paths:
            if from_paths and os.path.isdir(path):
                continue
            found = yield from self._file(path)
            if self.Quiet and found:
                return
        if self.Quiet:
            if not self.List:
                yield False

    def _file(self, path: str) -> Iterator[Any]:
        """Matches in one file; returns whether there were any (-Quiet/-List stop at the first)."""
        if not self._included(path):
            return False
        try:
            data = _read_bytes(path)
        except OSError as exc:
            # .NET's IOException texts (a -LiteralPath that does not exist gets here: it is not resolved first)
            if isinstance(exc, FileNotFoundError):
                why = f"Could not find file '{path}'."
            elif isinstance(exc, PermissionError):
                why = f"Access to the path '{path}' is denied."
            else:
                why = exc.strerror or str(exc)
            self.write_error(PyshellError(f"The file {path} cannot be read: {why}", error_id="ProcessingFile",
                                          category="InvalidArgument", reason="ArgumentException"))
            return False
        text = _decode(data, self._codec)
        lines = _LINE_BREAK.split(text)
        if lines and lines[-1] == "":
            lines.pop()
        tracker = self._tracker()
        found = False
        for number, line in enumerate(lines, 1):
            result = self._match(line)
            if result is not None:
                result.Path = path
                result.LineNumber = number
            ready = tracker.track(line, result)
            if ready:
                found = True
                if self.Quiet or self.List:
                    ready = ready[:1]
                    break
                yield from self._emit(ready)
        ready = tracker.finish() if not (found and (self.Quiet or self.List)) else ready
        if ready:
            found = True
            yield from self._emit(ready)
        return found

    def _included(self, path: str) -> bool:
        from pyshell.engine.items import WildcardPattern

        includes = [WildcardPattern(to_string(p)) for p in as_list(self.Include) if p] if self.Include else []
        excludes = [WildcardPattern(to_string(p)) for p in as_list(self.Exclude) if p] if self.Exclude else []
        if includes and not any(p.match(path) for p in includes):
            return False
        return not any(p.match(path) for p in excludes)


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _decode(data: bytes, codec: str) -> str:
    """File bytes as text: a BOM wins over -Encoding, as StreamReader does; bad bytes become U+FFFD."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    return data.decode(codec, errors="replace")


def _register_view() -> None:
    """The default display: each MatchInfo as its emphasized text, paths relative to the current location."""
    from pyshell.formatting.views import CustomView, register_view

    def render(info: Any) -> str:
        base = unwrap(info)
        if isinstance(base, MatchInfo):
            return base.ToEmphasizedString(base.location)
        return to_string(info)

    register_view("Microsoft.PowerShell.Commands.MatchInfo", CustomView(render, name="MatchInfo"))


_ = Cmdlet  # the command base (ItemCommand) brings path resolution
_register_view()
