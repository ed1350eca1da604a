"""Write-Progress on the terminal: the live activities drawn as bars below the output, pwsh-style.

The block sits under the last line of output with the cursor parked at its first line, so the next
output erases it (`ESC[J`) and the block is drawn again after that output's last newline.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

__all__ = ["ProgressView", "render_bar"]

#: seconds between two redraws of an unchanged set of activities (pwsh throttles the same way)
_THROTTLE = 0.05
_ERASE = "\r\x1b[J"


@dataclass(frozen=True, slots=True)
class _Activity:
    activity: str
    status: str
    operation: str
    percent: int
    seconds: int
    parent: int


def render_bar(percent: int, width: int) -> str:
    """`[ooooo     ]` of `width` characters in all, filled to `percent`."""
    inner = max(width - 2, 1)
    filled = max(0, min(inner, inner * max(0, min(percent, 100)) // 100))
    return "[" + "o" * filled + " " * (inner - filled) + "]"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 3, 0)] + "..."


class ProgressView:
    """The progress activities of the running command and their drawing on an ANSI terminal.

    :param write: writes raw text to the terminal (no newline added).
    :param width: returns the terminal width.
    """

    def __init__(self, write: Any, width: Any) -> None:
        self._write = write
        self._width = width
        self._activities: dict[tuple[int, int], _Activity] = {}
        self.shown = False  #: the block is on the screen now
        self._last_draw = 0.0

    @property
    def active(self) -> bool:
        return bool(self._activities)

    def update(self, record: Any) -> None:
        """Take one ProgressRecord: a Completed one removes its activity (and its children)."""
        source = int(getattr(record, "SourceId", 0) or 0)
        key = (source, int(getattr(record, "ActivityId", 0) or 0))
        new_activity = key not in self._activities
        if str(getattr(record, "RecordType", "Processing")) == "Completed":
            self._activities.pop(key, None)
            for k in [k for k, a in self._activities.items() if k[0] == source and a.parent == key[1]]:
                self._activities.pop(k, None)
            self.redraw(force=True)
            return
        self._activities[key] = _Activity(
            str(getattr(record, "Activity", "") or ""), str(getattr(record, "StatusDescription", "") or ""),
            str(getattr(record, "CurrentOperation", "") or ""), int(getattr(record, "PercentComplete", -1)),
            int(getattr(record, "SecondsRemaining", -1)), int(getattr(record, "ParentActivityId", -1)))
        self.redraw(force=new_activity)

    def lines(self) -> list[tuple[str, bool]]:
        """The block as (text, is_title) lines: per activity its name, then status, bar and percent."""
        width = max(int(self._width()) - 1, 20)
        out: list[tuple[str, bool]] = []
        for (_, aid), act in self._activities.items():
            pad = "  " * self._depth(aid)
            out.append((_fit(pad + act.activity, width), True))
            detail = pad + "    " + act.status
            if act.percent >= 0:
                bar_width = max(min(width - len(detail) - 7, 52), 10)
                detail = f"{detail} {render_bar(act.percent, bar_width)} {min(act.percent, 100)}%"
            if act.seconds >= 0:
                detail += f" ({act.seconds}s left)"
            out.append((_fit(detail, width), False))
            if act.operation:
                out.append((_fit(pad + "    " + act.operation, width), False))
        return out

    def _depth(self, aid: int) -> int:
        depth, seen = 0, {aid}
        parent = next((a.parent for (_, i), a in self._activities.items() if i == aid), -1)
        while parent >= 0 and parent not in seen and depth < 8:
            seen.add(parent)
            depth += 1
            parent = next((a.parent for (_, i), a in self._activities.items() if i == parent), -1)
        return depth

    def erase(self) -> None:
        """Take the block off the screen (the cursor is at its first line)."""
        if self.shown:
            self._write(_ERASE)
            self.shown = False

    def redraw(self, force: bool = False) -> None:
        """Draw the block anew, at most every 50 ms unless forced."""
        now = time.monotonic()
        if not force and self.shown and now - self._last_draw < _THROTTLE:
            return
        lines = self.lines()
        if not lines:
            self.erase()
            return
        # pwsh's look: the activity name in reverse video, status and bar plain
        parts = [f"\x1b[7m{text}\x1b[0m\x1b[K" if title else f"{text}\x1b[K" for text, title in lines]
        up = len(lines) - 1
        self._write("\r" + "\n".join(parts) + "\x1b[J" + (f"\x1b[{up}A" if up else "") + "\r")
        self.shown = True
        self._last_draw = now

    def clear(self) -> None:
        """The command ended: forget every activity and take the block off the screen."""
        self._activities.clear()
        self.erase()
