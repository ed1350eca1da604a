"""$PSStyle: the ANSI styles pwsh 7 uses for errors, warnings, tables and progress, and the
OutputRendering switch (Host: colour only on a terminal; Ansi: always; PlainText: never)."""

from __future__ import annotations

from typing import Any

from pyshell.engine.objects import PSObject

__all__ = ["new_psstyle", "rendering_wants_ansi", "style_code"]

_ESC = "\x1b"
_COLORS = ("Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White")


def _bag(type_name: str, items: list[tuple[str, Any]]) -> PSObject:
    return PSObject(items, [type_name, "System.Object"])


def new_psstyle() -> PSObject:
    """A fresh $PSStyle with pwsh 7.4's defaults."""
    fg = [(c, f"{_ESC}[{30 + i}m") for i, c in enumerate(_COLORS)]
    fg += [(f"Bright{c}", f"{_ESC}[{90 + i}m") for i, c in enumerate(_COLORS)]
    bg = [(c, f"{_ESC}[{40 + i}m") for i, c in enumerate(_COLORS)]
    bg += [(f"Bright{c}", f"{_ESC}[{100 + i}m") for i, c in enumerate(_COLORS)]
    formatting = _bag("System.Management.Automation.PSStyle+FormattingData", [
        ("FormatAccent", f"{_ESC}[32;1m"), ("ErrorAccent", f"{_ESC}[36;1m"), ("Error", f"{_ESC}[31;1m"),
        ("Warning", f"{_ESC}[33;1m"), ("Verbose", f"{_ESC}[33;1m"), ("Debug", f"{_ESC}[33;1m"),
        ("TableHeader", f"{_ESC}[32;1m"), ("CustomTableHeaderLabel", f"{_ESC}[32;1;3m"),
        ("FeedbackName", f"{_ESC}[33m"), ("FeedbackText", f"{_ESC}[96m"), ("FeedbackAction", f"{_ESC}[97m"),
    ])
    progress = _bag("System.Management.Automation.PSStyle+ProgressConfiguration", [
        ("Style", f"{_ESC}[33;1m"), ("MaxWidth", 120), ("View", "Minimal"), ("UseOSCIndicator", False),
    ])
    file_info = _bag("System.Management.Automation.PSStyle+FileInfoFormatting", [
        ("Directory", f"{_ESC}[44;1m"), ("SymbolicLink", f"{_ESC}[36;1m"), ("Executable", f"{_ESC}[32;1m"),
    ])
    return _bag("System.Management.Automation.PSStyle", [
        ("Reset", f"{_ESC}[0m"), ("BlinkOff", f"{_ESC}[25m"), ("Blink", f"{_ESC}[5m"), ("BoldOff", f"{_ESC}[22m"),
        ("Bold", f"{_ESC}[1m"), ("DimOff", f"{_ESC}[22m"), ("Dim", f"{_ESC}[2m"), ("Hidden", f"{_ESC}[8m"),
        ("HiddenOff", f"{_ESC}[28m"), ("Reverse", f"{_ESC}[7m"), ("ReverseOff", f"{_ESC}[27m"),
        ("ItalicOff", f"{_ESC}[23m"), ("Italic", f"{_ESC}[3m"), ("UnderlineOff", f"{_ESC}[24m"),
        ("Underline", f"{_ESC}[4m"), ("StrikethroughOff", f"{_ESC}[29m"), ("Strikethrough", f"{_ESC}[9m"),
        ("OutputRendering", "Host"), ("Formatting", formatting), ("Progress", progress), ("FileInfo", file_info),
        ("Foreground", _bag("System.Management.Automation.PSStyle+ForegroundColor", fg)),
        ("Background", _bag("System.Management.Automation.PSStyle+BackgroundColor", bg)),
    ])


def rendering_wants_ansi(psstyle: Any, is_terminal: bool) -> bool:
    """Whether output may carry escape codes under $PSStyle.OutputRendering (NO_COLOR is checked by hosts)."""
    mode = "Host"
    if isinstance(psstyle, PSObject):
        mode = str(psstyle.properties.get("OutputRendering") or "Host")
    low = mode.lower()
    if low == "plaintext":
        return False
    if low == "ansi":
        return True
    return is_terminal


def style_code(psstyle: Any, name: str, default: str) -> str:
    """$PSStyle.Formatting.<name> (e.g. Error, Warning), or the default when unset."""
    if isinstance(psstyle, PSObject):
        fmt = psstyle.properties.get("Formatting")
        if isinstance(fmt, PSObject):
            value = fmt.properties.get(name)
            if isinstance(value, str):
                return value
    return default
