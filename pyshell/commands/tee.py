"""Tee-Object: passes objects on while saving them to a file or a variable."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    MISSING,
)

__all__ = ["TeeObject"]

# -- Tee-Object ------------------------------------------------------------------------------------

@command("Tee-Object", aliases=("tee",), default_set="File")
class TeeObject(Cmdlet):
    """Saves command output in a file or variable and also sends it down the pipeline."""

    InputObject = Param("object", pipeline=True)
    FilePath = Param("string", position=0, mandatory=True, aliases=("Path",), sets=("File",))
    LiteralPath = Param("string", mandatory=True, aliases=("PSPath", "LP"), sets=("LiteralFile",))
    Append = Param("switch")
    Encoding = Param("string", sets=("File", "LiteralFile"))
    Variable = Param("string", mandatory=True, sets=("Variable",))

    def begin(self) -> Iterable[Any]:
        self._collected: list[Any] = []
        self._path: str | None = None
        target = self.FilePath if self.is_bound("FilePath") else self.LiteralPath
        if not self.is_bound("Variable") and target is not None:
            from pyshell.commands.data import check_parent_directory

            self._path = self.runspace.resolve_path(target)
            check_parent_directory(self._path)
            self._formatter = _Formatter(self.runspace)
        return ()

    def process(self) -> Iterator[Any]:
        if not self.is_bound("InputObject"):
            return
        obj = self.InputObject
        self._collected.append(obj)
        if self._path is not None:
            self._formatter.feed(obj)
        yield obj

    def end(self) -> Iterable[Any]:
        if self.is_bound("Variable"):
            values = list(self._collected)
            if self.Append:
                old = self.runspace.get_variable(self.Variable)
                if old is not MISSING and old is not None:
                    values = (list(old) if isinstance(old, (list, tuple)) else [old]) + values
            value: Any = None if not values else values[0] if len(values) == 1 else values
            self.runspace.set_variable(self.Variable, value)
        elif self._path is not None:
            from pyshell.commands.data import python_encoding

            text = self._formatter.finish()
            with open(self._path, "a" if self.Append else "w", encoding=python_encoding(self.Encoding),
                      newline="") as fh:
                fh.write(text)
        return ()


class _Formatter:
    """Out-File's rendering of objects (the formatting package when present, else ToString lines)."""

    def __init__(self, runspace: Any) -> None:
        host = getattr(runspace, "host", None)
        width = getattr(host, "ui_width", 120) or 120
        try:
            from pyshell.formatting import OutDefault
        except ImportError:
            self._out: Any = None
        else:
            from pyshell.formatting.ps1xml import session_views

            self._out = OutDefault(width, registry=session_views(runspace))
        self._parts: list[str] = []

    def feed(self, obj: Any) -> None:
        self._parts.append(self._out.feed(obj) if self._out is not None else to_string(obj) + "\n")

    def finish(self) -> str:
        if self._out is not None:
            self._parts.append(self._out.finish())
        return "".join(self._parts)
