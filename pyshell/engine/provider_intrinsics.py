"""$ExecutionContext.InvokeProvider: the provider API (Item.Exists/Get/Remove..., ChildItem.Get/HasChild).

Why: tests and modules call the providers through this API rather than the cmdlets; each method here
runs the matching item cmdlet in the runspace with -ErrorAction Stop, so a failure arrives as the
cmdlet's own error (ItemNotFoundException...) wrapped like any .NET method's.
"""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_bool, to_string
from pyshell.engine.method_errors import net_method

__all__ = ["ProviderIntrinsics"]

_SCRIPTS: dict[str, Any] = {}


def _run(rs: Any, text: str, *args: Any) -> list[Any]:
    """Run a small cmdlet script (parsed once) with args; a stopped cmdlet raises its own error."""
    from pyshell.engine.scriptblock import ScriptBlock
    from pyshell.engine.streams import ActionPreferenceStopError

    sb = _SCRIPTS.get(text)
    if sb is None:
        sb = _SCRIPTS[text] = ScriptBlock.create(text)
    try:
        return rs.invoke(sb, args=list(args))
    except ActionPreferenceStopError as e:
        record = e.error_record
        raise (record.error if record is not None else e) from None


def _path_param(literal: Any) -> str:
    return "LiteralPath" if to_bool(literal) else "Path"


class ItemIntrinsics:
    """InvokeProvider.Item."""

    PS_TYPE_NAMES = ("System.Management.Automation.ItemCmdletProviderIntrinsics", "System.Object")
    PS_PROPERTIES = ()
    PS_METHODS = ("Exists", "Get", "IsContainer", "Remove", "New", "Set", "Rename", "Clear")

    def __init__(self, rs: Any) -> None:
        self._rs = rs

    @net_method
    def Exists(self, path: Any, force: Any = False, literal: Any = False) -> bool:  # noqa: N802
        out = _run(self._rs, f"param($p) Test-Path -{_path_param(literal)} $p", to_string(path))
        return bool(out and out[0] is True)

    @net_method
    def IsContainer(self, path: Any) -> bool:  # noqa: N802
        out = _run(self._rs, "param($p) Test-Path -Path $p -PathType Container", to_string(path))
        return bool(out and out[0] is True)

    @net_method
    def Get(self, path: Any, force: Any = False, literal: Any = False) -> list[Any]:  # noqa: N802
        return _run(self._rs, f"param($p, $f) Get-Item -{_path_param(literal)} $p -Force:$f -ErrorAction Stop",
                    _paths(path), to_bool(force))

    @net_method
    def Remove(self, path: Any, recurse: Any = False, force: Any = False, literal: Any = False) -> None:  # noqa: N802
        _run(self._rs, f"param($p, $r, $f) Remove-Item -{_path_param(literal)} $p -Recurse:$r -Force:$f "
                       "-ErrorAction Stop", _paths(path), to_bool(recurse), to_bool(force))

    @net_method
    def New(self, path: Any, name: Any, item_type: Any = None, content: Any = None,  # noqa: N802
            force: Any = False) -> list[Any]:
        return _run(self._rs, "param($p, $n, $t, $v, $f) New-Item -Path $p -Name $n -ItemType $t -Value $v -Force:$f "
                              "-ErrorAction Stop", _paths(path), to_string(name),
                    to_string(item_type) if item_type is not None else None, content, to_bool(force))

    @net_method
    def Set(self, path: Any, value: Any, force: Any = False, literal: Any = False) -> list[Any]:  # noqa: N802
        return _run(self._rs, f"param($p, $v, $f) Set-Item -{_path_param(literal)} $p -Value $v -Force:$f "
                              "-PassThru -ErrorAction Stop", _paths(path), value, to_bool(force))

    @net_method
    def Rename(self, path: Any, new_name: Any) -> list[Any]:  # noqa: N802
        return _run(self._rs, "param($p, $n) Rename-Item -LiteralPath $p -NewName $n -PassThru -ErrorAction Stop",
                    to_string(path), to_string(new_name))

    @net_method
    def Clear(self, path: Any, *_rest: Any) -> None:  # noqa: N802
        _run(self._rs, "param($p) Clear-Item -Path $p -ErrorAction Stop", _paths(path))


class ChildItemIntrinsics:
    """InvokeProvider.ChildItem."""

    PS_TYPE_NAMES = ("System.Management.Automation.ChildItemCmdletProviderIntrinsics", "System.Object")
    PS_PROPERTIES = ()
    PS_METHODS = ("Get", "HasChild", "GetNames")

    def __init__(self, rs: Any) -> None:
        self._rs = rs

    @net_method
    def Get(self, path: Any, recurse: Any = False, *_rest: Any) -> list[Any]:  # noqa: N802
        return _run(self._rs, "param($p, $r) Get-ChildItem -Path $p -Recurse:$r -Force -ErrorAction Stop",
                    _paths(path), to_bool(recurse))

    @net_method
    def HasChild(self, path: Any, *_rest: Any) -> bool:  # noqa: N802
        """Whether the container has children; a path that does not exist is an ItemNotFoundException."""
        _run(self._rs, "param($p) $null = Get-Item -LiteralPath $p -Force -ErrorAction Stop", to_string(path))
        out = _run(self._rs, "param($p) Get-ChildItem -LiteralPath $p -Force -ErrorAction Stop | "
                             "Select-Object -First 1", to_string(path))
        return bool(out)

    @net_method
    def GetNames(self, path: Any, *_rest: Any) -> list[Any]:  # noqa: N802
        return _run(self._rs, "param($p) Get-ChildItem -Path $p -Name -Force -ErrorAction Stop", _paths(path))


class ProviderIntrinsics:
    """$ExecutionContext.InvokeProvider."""

    PS_TYPE_NAMES = ("System.Management.Automation.ProviderIntrinsics", "System.Object")
    PS_PROPERTIES = ("Item", "ChildItem")

    def __init__(self, rs: Any) -> None:
        self.Item = ItemIntrinsics(rs)
        self.ChildItem = ChildItemIntrinsics(rs)

    def ps_to_string(self) -> str:
        return self.PS_TYPE_NAMES[0]


def _paths(path: Any) -> Any:
    return [to_string(p) for p in path] if isinstance(path, list) else to_string(path)

