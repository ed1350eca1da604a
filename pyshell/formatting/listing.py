"""The list writer (Format-List): `Name : Value` lines, labels padded to the longest one.

Values wider than the screen wrap under themselves; embedded newlines continue at the same
indentation. With ANSI the label and " : " are shown in $PSStyle.Formatting.FormatAccent.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyshell.formatting.cells import cell_width, head_fitting, split_lines, wrap_lines

__all__ = ["list_lines", "FORMAT_ACCENT_STYLE"]

#: $PSStyle.Formatting.FormatAccent
FORMAT_ACCENT_STYLE = "\x1b[32;1m"
_RESET = "\x1b[0m"
_SEPARATOR = " : "


def list_lines(labels: Sequence[str], values: Sequence[str], width: int, *, ansi: bool = False) -> list[str]:
    """The lines of one object's list entry (without the blank lines around it).

    :param width: the screen width; labels are cut when they would leave no room for values.
    """
    if not labels or width - len(_SEPARATOR) - 2 < 0:
        return []
    max_label = width - len(_SEPARATOR) - 1
    label_cells = min(max(cell_width(label) for label in labels), max_label)
    padded = []
    for label in labels:
        n = cell_width(label)
        if n < label_cells:
            label = label + " " * (label_cells - n)
        elif n > label_cells:
            label = head_fitting(label, label_cells)
        padded.append(label + _SEPARATOR)
    prefix_cells = label_cells + len(_SEPARATOR)
    field = width - prefix_cells
    indent = " " * prefix_cells
    out: list[str] = []
    for k, label in enumerate(padded):
        value = values[k] if k < len(values) else ""
        if ansi and "\x1b" in value and not value.endswith(_RESET):
            value += _RESET  # VT decorations in a value must not leak into the next line
        for i, line in enumerate(split_lines(value or "")):
            head = label if i == 0 else indent
            for j, piece in enumerate(wrap_lines(line, field, field)):
                if j > 0:
                    out.append(indent + piece)
                elif ansi and head.strip():
                    out.append(FORMAT_ACCENT_STYLE + head + _RESET + piece)
                else:
                    out.append(head + piece)
    return out
