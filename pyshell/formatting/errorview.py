"""How errors, warnings, verbose and debug messages look: pwsh 7's ConciseView and stream prefixes.

A command typed at the prompt gives `Get-Item: Cannot find path '/x' because it does not exist.`;
an error in a script, on a later line of multi-line input, or a parse error gives the block
with `Line |`, the source line, `~~~~` under the failing part and `| message`.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, get_property
from pyshell.errors import Span

__all__ = [
    "render_error",
    "render_warning",
    "render_verbose",
    "render_debug",
    "ERROR_STYLE",
    "ERROR_ACCENT_STYLE",
    "WARNING_STYLE",
    "VERBOSE_STYLE",
    "DEBUG_STYLE",
]

#: $PSStyle.Formatting defaults
ERROR_STYLE = "\x1b[31;1m"
ERROR_ACCENT_STYLE = "\x1b[36;1m"
WARNING_STYLE = "\x1b[33;1m"
VERBOSE_STYLE = "\x1b[33;1m"
DEBUG_STYLE = "\x1b[33;1m"
_RESET = "\x1b[0m"


def _prop(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    v = get_property(obj, name)
    return None if v is MISSING else v


def _message(record: Any) -> str:
    details = _prop(record, "ErrorDetails")
    if details is not None:
        text = details if isinstance(details, str) else _prop(details, "Message")
        if text:
            return to_string(text)
    exception = _prop(record, "Exception")
    if exception is not None:
        text = _prop(exception, "Message")
        if text is not None:
            return to_string(text)
    return to_string(record)


def _span(record: Any) -> Span | None:
    error = getattr(record, "error", None)
    span = getattr(error, "span", None)
    if isinstance(span, Span):
        return span
    info = _prop(record, "InvocationInfo")
    span = getattr(info, "span", None)
    if isinstance(span, Span):
        return span
    line_text = _prop(info, "Line")
    line_no = _prop(info, "ScriptLineNumber")
    if line_text and isinstance(line_no, int) and line_no > 0:
        column = _prop(info, "OffsetInLine") or 1
        source = "\n" * (line_no - 1) + to_string(line_text)
        start = line_no - 1 + int(column) - 1
        return Span(start, start + 1, line_no, int(column), source, to_string(_prop(info, "ScriptName") or ""))
    return None


def _thrown(record: Any, category: str) -> bool:
    """Whether the error comes from a `throw` statement (shown as `Exception: ...`)."""
    error = getattr(record, "error", None)
    flag = getattr(error, "was_thrown", None)
    if flag is not None:
        return bool(flag)
    fqid = to_string(_prop(record, "FullyQualifiedErrorId") or "")
    return category == "OperationStopped" and fqid != "" and fqid == _message(record)


def _reason(record: Any, category: str) -> str:
    if _thrown(record, category):
        return "Exception"
    command = getattr(record, "command", None)
    if not command:
        info = _prop(record, "InvocationInfo")
        command = _prop(info, "MyCommand") or _prop(_prop(record, "CategoryInfo"), "Activity")
    if command:
        return to_string(command)
    if category and category != "NotSpecified":
        return category
    reason = _prop(_prop(record, "CategoryInfo"), "Reason")
    return to_string(reason) if reason else "Error"


def _truncated(text: str, length: int) -> str:
    """text cut to length, then back to the last blank (pwsh's Get-TruncatedString)."""
    if len(text) <= length:
        return text
    cut = text[:length]
    for i in range(len(cut) - 1, -1, -1):
        if cut[i].isspace():
            return cut[:i]
    return cut


def _wrap_message(message: str, prefix: str, prefix_cells: int, width: int) -> str:
    vt = len(prefix) - prefix_cells
    message = message.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    if width <= 0 or len(message) - vt <= width:
        return message
    parts = [_truncated(message, width + vt)]
    remaining = message[len(parts[0]) :].strip()
    parts.append("\n")
    while len(remaining) + prefix_cells > width:
        piece = _truncated(prefix + remaining, width + vt)
        if len(piece) - len(prefix) <= 0:
            break
        parts.append(piece + "\n")
        remaining = remaining[len(piece) - len(prefix) :].strip()
    parts.append(prefix + remaining.strip())
    return "".join(parts)


def _highlight(span: Span) -> tuple[str, int, int]:
    """(source line, 1-based column, length of the ~~~ run) for span."""
    line = span.line_text().replace("\t", " ").rstrip()
    column = max(span.column, 1)
    end_line = span.source.count("\n", 0, span.end) + 1 if span.source else span.line
    if end_line == span.line:
        length = span.end - span.start
    else:
        length = len(line) - column + 1
    length = min(length, max(len(line) - column + 1, 1))
    return line, column, max(length, 1)


def _normal_view(record: Any, category: str) -> str:
    """$ErrorView = 'NormalView': the message, the position, then the CategoryInfo and FullyQualifiedErrorId lines."""
    info = _prop(record, "InvocationInfo")
    posmsg = ""
    if info is not None and (_prop(info, "MyCommand") or category != "ParserError"):
        position = to_string(_prop(info, "PositionMessage") or "")
        if position:
            posmsg = "\n" + position
    posmsg += "\n+ CategoryInfo          : " + to_string(_prop(record, "CategoryInfo") or "")
    posmsg += "\n+ FullyQualifiedErrorId : " + to_string(_prop(record, "FullyQualifiedErrorId") or "")
    return _message(record) + posmsg


def render_error(record: Any, *, ansi: bool = False, script: bool = False, width: int = 120,
                 view: str = "ConciseView") -> str:
    """An error record as pwsh 7 shows it (without the final line break): ConciseView unless `view`
    ($ErrorView) says NormalView, CategoryView or DetailedView.

    :param script: the error comes from a script or multi-line input even when its span has no
        file and is on line 1 (forces the `Line |` block).
    :param width: the terminal width; long messages in the block form wrap to it.
    """
    err, accent, reset = (ERROR_STYLE, ERROR_ACCENT_STYLE, _RESET) if ansi else ("", "", "")
    chosen = view.casefold() if isinstance(view, str) else "conciseview"
    if to_string(_prop(record, "FullyQualifiedErrorId") or "") in ("NativeCommandErrorMessage", "NativeCommandError") \
            and chosen != "conciseview":
        return f"{err}{_message(record)}{reset}"
    if chosen == "categoryview":
        return f"{err}{to_string(_prop(record, 'CategoryInfo') or '')}{reset}"
    if chosen == "normalview":
        category = to_string(_prop(_prop(record, "CategoryInfo"), "Category") or "")
        return f"{err}{_normal_view(record, category)}{reset}"
    if chosen == "detailedview":
        from pyshell.formatting.errordetail import render_extended_error

        return f"{err}{render_extended_error(record).strip(chr(10))}{reset}"
    message = _message(record)
    category = to_string(_prop(_prop(record, "CategoryInfo"), "Category") or "")
    reason = _reason(record, category)
    span = _span(record)
    posmsg = ""
    file = span.file if span is not None else ""
    block = span is not None and (bool(file) or span.line > 1 or script or category == "ParserError")
    if block and not file.lower().endswith(".psm1"):
        assert span is not None
        posmsg = f"{reset}{file}:{span.line}\n" if file else "\n"
        number = str(span.line)
        header_ws = " " * (len(number) - 4) if len(number) > 4 else ""
        line_ws = " " * (4 - len(number)) if len(number) < 4 else ""
        posmsg += f"{accent}{header_ws}Line |\n"
        source, column, length = _highlight(span)
        line = " " + source + "\n"
        if length < len(line) - 1:
            line = line[: column + length] + reset + line[column + length :]
            line = line[:column] + accent + line[column:]
        posmsg += f"{accent}{line_ws}{number} | {reset}{line}"
        prefix = f"{accent}{header_ws}     | {err}"
        posmsg += f"{prefix}{' ' * column}{'~' * length}\n"
        body = prefix + message
        if file or category == "ParserError":
            body = _wrap_message(body, prefix, len(header_ws) + 7, width) + "\n"
        posmsg += err + body
    else:
        posmsg = err + message
    return f"{err}{reason}: {posmsg}{reset}"


def _stream(prefix: str, style: str, text: str, ansi: bool) -> str:
    return f"{style}{prefix}{text}{_RESET}" if ansi else f"{prefix}{text}"


def render_warning(text: str, *, ansi: bool = False) -> str:
    """`WARNING: text` (yellow with ANSI)."""
    return _stream("WARNING: ", WARNING_STYLE, text, ansi)


def render_verbose(text: str, *, ansi: bool = False) -> str:
    """`VERBOSE: text`."""
    return _stream("VERBOSE: ", VERBOSE_STYLE, text, ansi)


def render_debug(text: str, *, ansi: bool = False) -> str:
    """`DEBUG: text`."""
    return _stream("DEBUG: ", DEBUG_STYLE, text, ansi)
