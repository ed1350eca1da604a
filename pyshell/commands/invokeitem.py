"""Invoke-Item: opens a file with its default handler, as pwsh on Linux does through xdg-open.

The session providers (Env:, Variable:, Function:, Alias:) cannot invoke items: NotSupported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from typing import Any

from pyshell.commands.itembase import ShouldProcessCommand, item_error
from pyshell.engine.cmdlet import Param, command

__all__ = ["InvokeItem"]

#: what .NET's Process.Start(UseShellExecute) runs on Linux to open a document
_OPENERS = ("xdg-open", "gnome-open", "kfmclient", "wslview")


@command("Invoke-Item", aliases=("ii",), default_set="Path")
class InvokeItem(ShouldProcessCommand):
    """Performs the default action on the specified item."""

    Path = Param("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Filter = Param("string")
    Include = Param("string[]")
    Exclude = Param("string[]")

    def process(self) -> Iterable[Any]:
        for _, target in self.filesystem_targets(force=True):
            if self.should_process(target, "Invoke Item"):
                self._open(target)
        return ()

    def _open(self, target: str) -> None:
        opener = next((found for name in _OPENERS if (found := shutil.which(name))), None)
        if opener is None:
            self.write_error(item_error(f"An error occurred trying to start process '{target}' with working "
                                        f"directory '{self.runspace.location}'. No such file or directory",
                                        "InvokeItemError", "InvalidOperation", target, "Win32Exception"))
            return
        subprocess.Popen([opener, target], cwd=self.runspace.location, stdin=subprocess.DEVNULL,  # noqa: S603
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                         env=dict(os.environ))
