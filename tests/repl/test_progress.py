"""The progress block: its lines, its bar, and what it writes to the terminal."""

from __future__ import annotations

import pytest

from pyshell.engine.records import ProgressRecord
from pyshell.repl.progress import ProgressView, render_bar


@pytest.mark.parametrize("percent, bar", [
    (0, "[        ]"), (50, "[oooo    ]"), (100, "[oooooooo]"), (150, "[oooooooo]"), (-1, "[        ]"),
])
def test_render_bar(percent: int, bar: str) -> None:
    assert render_bar(percent, 10) == bar


def view() -> tuple[ProgressView, list[str]]:
    written: list[str] = []
    return ProgressView(written.append, lambda: 80), written


def test_an_activity_shows_name_status_bar_and_percent() -> None:
    v, written = view()
    v.update(ProgressRecord("Copying files", "3 of 4", percent=75))
    lines = [text for text, _ in v.lines()]
    assert lines[0] == "Copying files"
    assert lines[1].startswith("    3 of 4 [ooo") and lines[1].endswith("] 75%")
    # drawn with the cursor parked on the block's first line
    assert written[-1].endswith("\x1b[1A\r")


def test_a_child_activity_is_indented_under_its_parent() -> None:
    v, _ = view()
    v.update(ProgressRecord("Outer", "o", activity_id=1))
    v.update(ProgressRecord("Inner", "i", activity_id=2, parent_id=1, current_operation="file.txt"))
    lines = [text for text, _ in v.lines()]
    assert lines == ["Outer", "    o", "  Inner", "      i", "      file.txt"]


def test_completing_a_parent_removes_its_children() -> None:
    v, written = view()
    v.update(ProgressRecord("Outer", "o", activity_id=1))
    v.update(ProgressRecord("Inner", "i", activity_id=2, parent_id=1))
    v.update(ProgressRecord("Outer", "o", activity_id=1, completed=True))
    assert not v.active and not v.shown
    assert written[-1] == "\r\x1b[J"


def test_long_lines_are_cut_to_the_terminal_width() -> None:
    v, _ = view()
    v.update(ProgressRecord("A" * 200, "s" * 200, percent=10))
    assert all(len(text) <= 79 for text, _ in v.lines())
