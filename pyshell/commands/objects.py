"""Select-Object, and the member helpers the other object commands share (add_note, property_exists).

The rest of the object commands live in their own modules: sorting (Sort-Object, Get-Unique),
grouping, measure, compare, tee, members (New-Object, Add-Member) and getmember."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.engine.calculated import (
    PropertyError,
    has_wildcard,
    member_value,
    parse_property_specs,
    resolve_properties,
    values_equal,
    wildcard_match,
)
from pyshell.engine.cmdlet import Cmdlet, Param, StopUpstream, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import (
    MISSING,
    Hashtable,
    PSObject,
    is_enumerable,
    property_names,
    type_names,
)
from pyshell.errors import PyshellError

__all__ = ["SelectObject", "add_note", "property_exists", "dotnet_type"]

_PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


def dotnet_type(obj: Any) -> str:
    """The .NET type of obj's base object (what "Selected.<type>" is made of)."""
    if isinstance(obj, PSObject):
        return dotnet_type(obj.base) if obj.base is not None else _PSCUSTOMOBJECT
    names = type_names(obj)
    return names[0] if names else "System.Object"


def add_note(obj: Any, name: str, value: Any, *, force: bool = False) -> Any:
    """Attach a NoteProperty to obj, PowerShell-style; returns the object that carries it.

    PSObjects and PS_PROPERTIES classes get the note in place; other values (strings, numbers,
    hashtables) come back wrapped in a PSObject whose base is the value.
    :raises PyshellError: MemberAlreadyExists unless force.
    """
    if property_exists(obj, name) and not force:
        raise PyshellError(
            f'Cannot add a member with the name "{name}" because a member with that name already exists. '
            "To overwrite the member anyway, add the Force parameter to your command.",
            error_id="MemberAlreadyExists", category="InvalidOperation", target=obj)
    if isinstance(obj, PSObject):
        obj.properties[name] = value
        return obj
    if getattr(obj, "PS_PROPERTIES", None) is not None:
        notes = getattr(obj, "_ps_notes", None)
        try:
            if notes is None:
                notes = Hashtable()
                obj._ps_notes = notes
            notes[name] = value
            return obj
        except AttributeError:
            pass  # a slotted class: fall back to a wrapper
    return PSObject([(name, value)], type_names=type_names(obj), base=obj)


def property_exists(obj: Any, name: str) -> bool:
    """Whether obj has a member property `name` (a hashtable's keys are not members)."""
    if isinstance(obj, Hashtable):
        return False
    return any(n.casefold() == name.casefold() for n in property_names(obj))


# -- Select-Object ---------------------------------------------------------------------------------

class _SelectQueue:
    """SelectObjectQueue: -First/-Last/-Skip/-SkipLast over a stream, as PowerShell counts them."""

    def __init__(self, first: int, last: int, skip: int, skip_last: int, first_or_last: bool) -> None:
        self.first, self.last, self.skip, self.skip_last = first, last, skip, skip_last
        self.first_or_last = first_or_last
        self.streamed = 0
        self.items: deque[Any] = deque()

    @property
    def done(self) -> bool:
        return self.first_or_last and self.last == 0 and self.first != 0 and self.streamed >= self.first

    def push(self, obj: Any) -> list[Any]:
        """Add an input object; returns what can be written now."""
        q = self.items
        if self.last > 0 and ((self.first == 0 and len(q) >= self.last + self.skip)
                              or (self.first != 0 and len(q) >= self.last)):
            q.popleft()
        q.append(obj)
        if self.skip == 0:
            if self.skip_last > 0:
                return [q.popleft()] if len(q) > self.skip_last else []
            if self.streamed < self.first or not self.first_or_last:
                self.streamed += 1
                return [q.popleft()]
            if self.last == 0:
                q.popleft()
        elif self.last == 0 or self.first != 0:
            q.popleft()
            self.skip -= 1
        return []

    def drain(self, skip_last_mode: bool) -> list[Any]:
        if skip_last_mode:
            return []
        q = self.items
        if self.first != 0:
            out = list(q)
        else:
            out = list(q)[: max(len(q) - self.skip, 0)]
        q.clear()
        return out


@command("Select-Object", aliases=("select",), default_set="DefaultParameter")
class SelectObject(Cmdlet):
    """Selects objects or object properties."""

    InputObject = Param("object", pipeline=True)
    Property = Param("object[]", position=0, sets=("DefaultParameter", "SkipLastParameter"))
    ExcludeProperty = Param("string[]", sets=("DefaultParameter", "SkipLastParameter"))
    ExpandProperty = Param("string", sets=("DefaultParameter", "SkipLastParameter"))
    Unique = Param("switch")
    CaseInsensitive = Param("switch")
    Last = Param("int", sets=("DefaultParameter",))
    First = Param("int", sets=("DefaultParameter",))
    Skip = Param("int", sets=("DefaultParameter", "SkipLastParameter"))
    SkipLast = Param("int", sets=("SkipLastParameter",))
    Wait = Param("switch", sets=("DefaultParameter", "IndexParameter"))
    Index = Param("int[]", sets=("IndexParameter",))
    SkipIndex = Param("int[]", sets=("SkipIndexParameter",))

    def begin(self) -> Iterable[Any]:
        for name in ("First", "Last", "Skip", "SkipLast"):
            value = self.bound.get(name)
            if value is not None and value < 0:
                raise PyshellError(
                    f"Cannot validate argument on parameter '{name}'. The {value} argument is less than the "
                    "minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then "
                    "try the command again.", error_id="ParameterArgumentValidationError", category="InvalidData")
        props = self.Property
        if self.ExcludeProperty is not None and not props:
            props = ["*"]
        self._specs = parse_property_specs(props) if props else []
        for spec in self._specs:
            if spec.name is None and not isinstance(spec.expression, str) and not to_string(spec.expression).strip():
                raise PyshellError("A property name must be specified when the script block is empty.",
                                   error_id="EmptyScriptBlockAndNoName", category="InvalidArgument",
                                   reason="PSArgumentException")
        self._has_properties = bool(self._specs)
        self._uniques: list[tuple[Any, int]] | None = [] if self.Unique else None
        self._index_mode = self.is_bound("Index") or self.is_bound("SkipIndex")
        self._indices = sorted(set(self.Index if self.is_bound("Index") else (self.SkipIndex or [])))
        self._position = 0
        self._stopped = False
        self._queue = _SelectQueue(self.First or 0, self.Last or 0, self.Skip or 0, self.SkipLast or 0,
                                   self.is_bound("First") or self.is_bound("Last"))
        return ()

    def process(self) -> Iterator[Any]:
        obj = self.InputObject
        if self._stopped or not self.is_bound("InputObject") or obj is None:
            return
        if self._index_mode:
            position = self._position
            self._position += 1
            wanted = position in self._indices
            if wanted == self.is_bound("Index"):
                yield from self._select(obj)
            if self.is_bound("Index") and not self.Wait and (not self._indices or position >= self._indices[-1]):
                self._stop()
            return
        for item in self._queue.push(obj):
            yield from self._select(item)
        if self._queue.done and not self.Wait:
            self._stop()

    def _stop(self) -> None:
        """Nothing more will be written: upstream commands stop, then the engine calls end()."""
        self._stopped = True
        raise StopUpstream()

    def end(self) -> Iterator[Any]:
        if not self._index_mode:
            for item in self._queue.drain(self.is_bound("SkipLast")):
                yield from self._select(item)
        if self._uniques is not None:
            uniques, self._uniques = self._uniques, []
            yield from (obj for obj, _ in uniques)

    # -- one object -------------------------------------------------------------------------
    def _select(self, obj: Any) -> Iterator[Any]:
        try:
            yield from self._select_object(obj)
        except PropertyError as exc:
            self.write_error(exc)

    def _select_object(self, obj: Any) -> Iterator[Any]:
        if not self._has_properties and not self.ExpandProperty:
            yield from self._write(obj, 0, obj)
            return
        notes: list[tuple[str, Any]] = []
        for spec in self._specs:
            if (isinstance(obj, Hashtable) and isinstance(spec.expression, str) and not spec.is_wildcard
                    and spec.expression in obj):
                # PowerShell 7 reads a hashtable's entries as properties here (entries win over members)
                if not any(wildcard_match(x, spec.text) for x in self.ExcludeProperty or ()):
                    notes.append((spec.label, obj[spec.expression]))
                continue
            try:
                notes.extend((n, get(obj)) for n, get in
                             resolve_properties(self.runspace, [spec], obj, exclude=self.ExcludeProperty or ()))
            except PropertyError as exc:
                self.write_error(exc)
        if not self.ExpandProperty:
            result = PSObject()
            for name, value in notes:
                if name in result.properties:
                    self._already_exists(name, obj, "AlreadyExistingUserSpecifiedPropertyNoExpand")
                else:
                    result.properties[name] = value
            yield from self._write(result, len(notes), obj)
            return
        for value in self._expand(obj):
            if value is None:
                continue
            target = value
            for name, note in notes:
                if property_exists(target, name):
                    self._already_exists(name, obj, "AlreadyExistingUserSpecifiedPropertyExpand")
                elif isinstance(target, PSObject):
                    target.properties[name] = note
                else:
                    target = PSObject([(name, note)], type_names=type_names(value), base=value)
            yield from self._write(target, len(notes), obj)

    def _expand(self, obj: Any) -> list[Any]:
        name = self.ExpandProperty
        if isinstance(obj, Hashtable) and not has_wildcard(name) and name in obj:
            value = obj[name]
            return list(value) if is_enumerable(value) else [value]
        names = [n for n in property_names(obj) if wildcard_match(name, n)] if has_wildcard(name) else [name]
        values = [v for v in (member_value(obj, n) for n in names) if v is not MISSING]
        if not values:
            raise PropertyError(f'Property "{name}" cannot be found.', error_id="ExpandPropertyNotFound", target=obj)
        if len(values) > 1:
            raise PropertyError("Multiple properties cannot be expanded.", error_id="MutlipleExpandProperties",
                                target=obj)
        value = values[0]
        return list(value) if is_enumerable(value) else [value]

    def _already_exists(self, name: str, obj: Any, error_id: str) -> None:
        self.write_error(f'The property cannot be processed because the property "{name}" already exists.',
                         error_id=error_id, category="InvalidOperation", target=obj)

    def _write(self, obj: Any, note_count: int, source: Any) -> Iterator[Any]:
        if isinstance(obj, PSObject) and obj.base is None:
            selected = f"Selected.{dotnet_type(source)}"
            if note_count > 0 or selected not in obj.type_names:
                obj.type_names.insert(0, selected)
        if self._uniques is None:
            yield obj
            return
        case_sensitive = not self.CaseInsensitive
        for seen, count in self._uniques:
            if count == note_count and values_equal(seen, obj, case_sensitive):
                return
        self._uniques.append((obj, note_count))
