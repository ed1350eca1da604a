"""Property expressions for formatting: names, wildcards and calculated properties.

`-Property Name, *Time, @{Name='KB'; Expression={$_.Length / 1KB}; Width=8}` becomes a list
of PropertySpec; `resolve()` expands a spec against one object into the columns it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pyshell.engine.calculated import PropertyError, parse_property_specs, wildcard_match
from pyshell.engine.conversions import to_bool, to_int, to_string
from pyshell.engine.objects import MISSING, PSObject, get_property, property_names
from pyshell.errors import PipelineStoppedError, PyshellError
from pyshell.formatting.table import Align

__all__ = [
    "Invoker",
    "PropertySpec",
    "ResolvedProperty",
    "parse_property",
    "resolve",
    "has_wildcards",
    "REMOTING_PROPERTIES",
    "show_computer_name",
    "visible_property_names",
]

#: runs a script block with $_ set and returns its output: (scriptblock, dollar_under) -> list
Invoker = Callable[[Any, Any], list[Any]]

#: the note properties remoting adds to every object it returns
REMOTING_PROPERTIES = ("PSComputerName", "PSShowComputerName", "RunspaceId", "PSSourceJobInstanceId")

_KEYS = ("Name", "Label", "Expression", "Width", "Alignment", "FormatString")
_ALIGNMENTS = {"left": Align.LEFT, "center": Align.CENTER, "right": Align.RIGHT}


@dataclass(frozen=True, slots=True)
class PropertySpec:
    """One -Property / -GroupBy entry.

    :param expression: a property name (wildcards allowed) or a script block.
    """

    expression: Any
    label: str | None = None
    width: int = 0
    align: Align = Align.UNDEFINED
    format: str | None = None
    depth: int | None = None  #: Format-Custom's Depth key: how deep to expand this property's value

    @property
    def is_script(self) -> bool:
        return not isinstance(self.expression, str)

    def display_name(self) -> str:
        """What a column/group shows when no label is given: the name or the script text."""
        if self.label is not None:
            return self.label
        # a script block's column is headed by its exact text, spaces included, as in pwsh
        return self.expression if isinstance(self.expression, str) else to_string(self.expression)


@dataclass(frozen=True, slots=True)
class ResolvedProperty:
    """A spec made concrete for one object: a real property name, or the script block."""

    name: str  #: the property name (as the object spells it) or the script text
    spec: PropertySpec
    found: bool = True  #: False for a plain name the object does not have

    @property
    def label(self) -> str:
        return self.spec.label if self.spec.label is not None else self.name

    def value(self, obj: Any, invoke: Invoker | None) -> Any:
        """The value for obj; $null when missing or when the script block fails."""
        return self.evaluate(obj, invoke)[0]

    def evaluate(self, obj: Any, invoke: Invoker | None) -> tuple[Any, PyshellError | None]:
        """(value, the error a failing script block raised) for obj."""
        if self.spec.is_script:
            if invoke is None:
                return None, None
            try:
                out = invoke(self.spec.expression, obj)
            except PipelineStoppedError:
                raise
            except PyshellError as exc:
                return None, exc
            if not out:
                return None, None
            return (out[0] if len(out) == 1 else list(out)), None
        v = get_property(obj, self.name)
        return (None if v is MISSING else v), None


def has_wildcards(text: str) -> bool:
    return any(c in text for c in "*?[")


def parse_property(value: Any, *, allowed: Sequence[str] = _KEYS) -> PropertySpec:
    """A -Property argument (a name, a script block or a calculated-property hashtable) as a spec.

    :param allowed: the hashtable keys this command accepts (Name implies Label; Format-List has
        no Width/Alignment, Format-Wide only Expression/FormatString).
    :raises PyshellError: for an unknown, ambiguous or duplicated key or a bad value.
    """
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    keys = tuple(k for k in allowed if k != "Label")
    parsed = parse_property_specs([value], keys=keys)[0]
    extras = parsed.extras
    width = 0
    if "Width" in extras:
        width = to_int(extras["Width"])
        if width <= 0:
            raise PropertyError(f'The value "{width}" for key "Width" should be greater than 0.',
                                error_id="DictionaryKeyIllegalValue")
    align = Align.UNDEFINED
    if "Alignment" in extras:
        text = to_string(extras["Alignment"]).casefold()
        match = [a for name, a in _ALIGNMENTS.items() if text and name.startswith(text)]
        if len(match) != 1:
            raise PropertyError(f'The value "{to_string(extras["Alignment"])}" for key "Alignment" is not valid; '
                                "valid values are left, center, right.", error_id="DictionaryKeyIllegalValue")
        align = match[0]
    fmt = None
    if "FormatString" in extras:
        fmt = to_string(extras["FormatString"])
        if not fmt:
            raise PropertyError('Cannot have an empty formatting string for key "FormatString".',
                                error_id="DictionaryKeyIllegalValue")
    depth = to_int(extras["Depth"]) if "Depth" in extras else None
    return PropertySpec(parsed.expression if parsed.expression is not None else "", parsed.name, width, align, fmt,
                        depth)


def resolve(spec: PropertySpec, obj: Any, *, keep_missing: bool = False) -> list[ResolvedProperty]:
    """The properties spec stands for on obj: wildcards expand in the object's property order.

    :param keep_missing: keep a plain name obj lacks (Format-Table shows an empty column for it).
    """
    if spec.is_script:
        return [ResolvedProperty(spec.display_name(), spec)]
    pattern = spec.expression
    names = property_names(obj)
    if not has_wildcards(pattern):
        for n in names:
            if n.casefold() == pattern.casefold():
                return [ResolvedProperty(n, spec)]
        return [ResolvedProperty(pattern, spec, found=False)] if keep_missing else []
    out: list[ResolvedProperty] = []
    seen: set[str] = set()
    for n in names:
        if n.casefold() not in seen and wildcard_match(pattern, n):
            seen.add(n.casefold())
            out.append(ResolvedProperty(n, spec))
    return out


def show_computer_name(obj: Any) -> bool:
    """Whether obj came from a remote command that shows its PSComputerName (not -HideComputerName)."""
    if get_property(obj, "PSComputerName") is MISSING:
        return False
    show = get_property(obj, "PSShowComputerName")
    return show is not MISSING and to_bool(show)


def visible_property_names(obj: Any) -> list[str]:
    """All properties for a view-less display: PSShowComputerName never, PSComputerName only when shown."""
    names = property_names(obj)
    if get_property(obj, "PSShowComputerName") is MISSING:
        return names
    hide = {"psshowcomputername"}
    if not show_computer_name(obj):
        hide.add("pscomputername")
    return [n for n in names if n.casefold() not in hide]
