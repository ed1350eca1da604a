"""Get-Error's detailed view (ErrorRecord#PSExtendedError): every non-empty property of the error, nested
exceptions, error records and invocation info indented under their names, as pwsh's view script does."""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.objects import MISSING, Hashtable, PSObject, get_property, property_names, type_names

__all__ = ["render_extended_error", "EXTENDED_ERROR", "EXTENDED_EXCEPTION"]

EXTENDED_ERROR = "System.Management.Automation.ErrorRecord#PSExtendedError"
EXTENDED_EXCEPTION = "System.Exception#PSExtendedError"
_MAX_DEPTH = 10
_EXPANDED = ("System.Management.Automation.ErrorRecord", "System.Exception", "System.Management.Automation.InvocationInfo")


def unwrap(value: Any) -> Any:
    """The object a PSObject wraps (Get-Error's results wrap the error record or exception)."""
    return value.base if isinstance(value, PSObject) and value.base is not None else value


def _expands(value: Any) -> bool:
    names = type_names(unwrap(value))
    return any(n in names for n in _EXPANDED)


def _empty(value: Any) -> bool:
    if value is None or value is MISSING or value == "":
        return True
    return isinstance(value, (list, tuple, Hashtable)) and len(value) == 0


def _properties(obj: Any) -> list[tuple[str, Any]]:
    """The object's properties; an exception's type comes first, as the `Type` note pwsh adds."""
    out: list[tuple[str, Any]] = []
    base = unwrap(obj)
    if "System.Exception" in type_names(base):
        out.append(("Type", type_names(base)[0]))
    for name in property_names(obj):
        if name == "PSErrorIndex":
            continue
        value = get_property(obj, name)
        out.append((name, None if value is MISSING else value))
    return out


def _render(obj: Any, indent: int, depth: int, seen: tuple[int, ...]) -> list[str]:
    props = [(n, v) for n, v in _properties(obj) if not _empty(v)]
    props = [(n, v) for n, v in props if id(unwrap(v)) not in seen]  # an exception's own record: not again
    if not props:
        return []
    width = max(len(n) for n, _ in props)
    prefix = " " * indent
    lines: list[str] = []
    for name, value in props:
        head = f"{prefix}{name}{' ' * (width - len(name))} : "
        if _expands(value):
            if depth >= _MAX_DEPTH:
                lines.append(head + "…")
                continue
            lines.append(head)
            lines.extend(_render(value, indent + 4, depth + 1, (*seen, id(unwrap(value)))))
            continue
        if name == "StackTrace":
            lines.append(head)
            lines.extend(to_string(value).splitlines())
            continue
        if isinstance(value, (list, tuple)):
            text = ", ".join(to_string(v) for v in value)
        else:
            text = to_string(value)
        parts = text.split("\n")
        lines.append(head + parts[0].strip() if len(parts) > 1 else head + text)
        pad = prefix + " " * (width + 3)
        lines.extend(pad + p.strip() for p in parts[1:])
    return lines


def _restore_type_names(obj: Any) -> None:
    """Once shown, the object gets its own type names back (pwsh's view does this, so the error shows as an
    ordinary error record afterwards)."""
    names = getattr(obj, "type_names", None)
    if not isinstance(names, list):
        return
    for extended, plain in ((EXTENDED_ERROR, "System.Management.Automation.ErrorRecord"),
                            (EXTENDED_EXCEPTION, "System.Exception")):
        if extended in names:
            names[names.index(extended)] = plain


def render_extended_error(obj: Any) -> str:
    """The text Get-Error shows for one error (with an `ErrorIndex` header when it listed several)."""
    try:
        return _render_extended(obj)
    finally:
        _restore_type_names(obj)


def _render_extended(obj: Any) -> str:
    out: list[str] = []
    index = get_property(obj, "PSErrorIndex")
    if index is not MISSING and index is not None:
        out.append(f"   ErrorIndex: {to_string(index)}")
        out.append("")
    out.extend(_render(obj, 0, 1, (id(unwrap(obj)),)))
    return "\n".join([""] + out + [""])
