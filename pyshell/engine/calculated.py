"""Property expressions shared by Select-Object, Sort-Object, Group-Object, Measure-Object and Format-*.

A property argument is a name (wildcards allowed), a script block, or a calculated-property
hashtable (``@{Name='X'; Expression={...}}``, keys abbreviable: ``@{n=;e=}``, ``@{l=;e=}``).
Also here: ObjectCommandComparer's ordering, used wherever those commands compare values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyshell.engine.collation import culture_compare
from pyshell.engine.conversions import ps_compare, to_string
from pyshell.engine.objects import MISSING, Hashtable, PSObject, get_property, property_names, type_names
from pyshell.errors import PipelineStoppedError, PyshellError

__all__ = [
    "PropertySpec",
    "PropertyError",
    "parse_property_specs",
    "resolve_properties",
    "evaluate",
    "single_value",
    "member_value",
    "is_scriptblock",
    "has_wildcard",
    "wildcard_match",
    "compare_values",
    "values_equal",
]

#: Keys every calculated property understands; commands add their own (Ascending, Width...).
NAME_KEYS = ("Name", "Expression")
_LABEL = "Label"  # PowerShell's second spelling of Name


class PropertyError(PyshellError):
    """A property argument that cannot be used (bad hashtable key, renaming several matches...)."""

    ps_type_name = "System.ArgumentException"
    default_category = "InvalidArgument"


@dataclass(frozen=True, slots=True)
class PropertySpec:
    """One parsed property argument.

    :param expression: a property name (may hold wildcards) or a script block.
    :param name: the Name/Label given in a hashtable, else None.
    :param extras: other hashtable keys by canonical name (Ascending, Descending, Width, Alignment...).
    """

    expression: Any
    name: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_wildcard(self) -> bool:
        return isinstance(self.expression, str) and has_wildcard(self.expression)

    @property
    def text(self) -> str:
        """What PowerShell shows for the expression: the name, or the script block's source."""
        return self.expression if isinstance(self.expression, str) else to_string(self.expression)

    @property
    def label(self) -> str:
        return self.name if self.name is not None else self.text


def is_scriptblock(value: Any) -> bool:
    """True for a script block value (or, in tests, any plain callable)."""
    if isinstance(value, (str, Hashtable, PSObject)) or value is None:
        return False
    return "System.Management.Automation.ScriptBlock" in type_names(value) or callable(value)


def has_wildcard(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


@functools.lru_cache(maxsize=256)
def _wildcard_regex(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    from pyshell.engine.operators import wildcard_to_regex

    return re.compile(wildcard_to_regex(pattern), re.S if case_sensitive else re.S | re.I)


def wildcard_match(pattern: str, text: str, case_sensitive: bool = False) -> bool:
    """PowerShell wildcard match (* ? [a-z], backtick escapes) of the whole text."""
    return _wildcard_regex(pattern, case_sensitive).match(text) is not None


def single_value(outputs: Sequence[Any]) -> Any:
    """The engine's convention for a script block's result: nothing -> None, one -> it, more -> the list."""
    if len(outputs) == 0:
        return None
    if len(outputs) == 1:
        return outputs[0]
    return list(outputs)


# -- parsing --------------------------------------------------------------------------------------

def _match_key(key: str, allowed: Sequence[str]) -> str:
    """Map an abbreviated hashtable key (n, e, lab...) to its canonical name."""
    low = key.casefold()
    names = list(allowed) + ([_LABEL] if "Name" in allowed else [])
    exact = [n for n in names if n.casefold() == low]
    if exact:
        hits = exact
    else:
        hits = [n for n in names if low and n.casefold().startswith(low)]
    if not hits:
        raise PropertyError(f"The {key} key is not valid.", error_id="DictionaryKeyIllegal")
    if len(hits) > 1:
        raise PropertyError(f"The {key} key is ambiguous; {hits[0]} and {hits[1]} conflict.",
                            error_id="DictionaryKeyAmbiguous")
    return "Name" if hits[0] == _LABEL else hits[0]


def _parse_hashtable(table: Hashtable, allowed: Sequence[str], expression_required: bool) -> PropertySpec:
    seen: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if not isinstance(key, str):
            raise PropertyError(f"The {to_string(key)} key type is not valid. The key must be a string.",
                                error_id="DictionaryKeyNonString")
        canonical = _match_key(key, allowed)
        if canonical in seen:
            raise PropertyError(f'The duplicated key "{key}" conflicts with "{seen[canonical]}".',
                                error_id="DictionaryKeyDuplicate")
        seen[canonical] = key
        values[canonical] = value
    expression = values.pop("Expression", MISSING)
    if expression is MISSING:
        if expression_required:
            raise PropertyError("A mandatory entry for Expression is missing.", error_id="DictionaryKeyMandatoryEntry")
        expression = None
    elif not isinstance(expression, str) and not is_scriptblock(expression):
        kind = (type_names(expression) or ["null"])[0]
        raise PropertyError(
            f'The "Expression" key has a type, {kind}, that is not valid; expected types are '
            "{System.String, System.Management.Automation.ScriptBlock}.", error_id="DictionaryKeyIllegalValue")
    name = values.pop("Name", None)
    if name is not None:
        name = to_string(name)
    return PropertySpec(expression, name, values)


def parse_property_specs(specs: Any, *, keys: Sequence[str] = NAME_KEYS,
                         expression_required: bool = True) -> list[PropertySpec]:
    """Parse a -Property argument (a value or a list of names, script blocks and hashtables).

    :param keys: the hashtable keys this command accepts (canonical spelling; Name implies Label).
    :raises PropertyError: with PowerShell's message for a bad hashtable.
    """
    if specs is None:
        return []
    items = specs if isinstance(specs, (list, tuple)) else [specs]
    result: list[PropertySpec] = []
    for item in items:
        if isinstance(item, PropertySpec):
            result.append(item)
        elif isinstance(item, Hashtable):
            result.append(_parse_hashtable(item, keys, expression_required))
        elif is_scriptblock(item):
            result.append(PropertySpec(item))
        elif item is None:
            raise PropertyError("The value of a parameter was null; one of the following types was expected: "
                                "{System.String, System.Management.Automation.ScriptBlock}.",
                                error_id="NullParameterTypeError")
        else:
            result.append(PropertySpec(to_string(item)))
    return result


# -- evaluation -----------------------------------------------------------------------------------

_DICTIONARY_MEMBERS: dict[str, Callable[[Hashtable], Any]] = {
    "count": len, "keys": lambda h: list(h.keys()), "values": lambda h: list(h.values()),
    "isreadonly": lambda h: False, "isfixedsize": lambda h: False, "issynchronized": lambda h: False,
    "syncroot": lambda h: h,
}


def is_plain_hashtable(obj: Any) -> bool:
    """pwsh 7's property expressions read a [hashtable]'s keys as properties ([ordered] and other
    dictionaries keep only their own members)."""
    return isinstance(obj, Hashtable) and obj.PS_TYPE_NAMES[0] == "System.Collections.Hashtable"


def member_value(obj: Any, name: str) -> Any:
    """Property `name` of obj as PowerShell's property expressions see it (MISSING when absent).

    A [hashtable]'s keys come first (``@{w=7},@{w=1} | Sort-Object w`` sorts by the keys' values),
    then its own members (Count, Keys...); other dictionaries show only their own members.
    """
    if is_plain_hashtable(obj) and name in obj:
        return obj[name]
    if isinstance(obj, Hashtable):
        member = _DICTIONARY_MEMBERS.get(name.casefold())
        return MISSING if member is None else member(obj)
    return get_property(obj, name)


def evaluate(runspace: Any, expression: Any, obj: Any) -> Any:
    """Value of one (resolved) expression on obj: MISSING when obj has no such property.

    Script blocks run with ``$_`` set to obj; their errors propagate.
    """
    if isinstance(expression, str):
        return member_value(obj, expression)
    return single_value(runspace.invoke(expression, dollar_under=obj))


def _matching_names(obj: Any, pattern: str) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    if is_plain_hashtable(obj):  # the keys when one matches, else the hashtable's own properties
        keys = [str(k) for k in obj.keys() if wildcard_match(pattern, str(k))]
        if keys:
            return keys
    for n in property_names(obj):
        if n.casefold() not in seen and wildcard_match(pattern, n):
            seen.add(n.casefold())
            names.append(n)
    return names


def _getter(runspace: Any, expression: Any, missing: Any, swallow: bool) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        try:
            value = evaluate(runspace, expression, obj)
        except PipelineStoppedError:
            raise
        except PyshellError:
            if not swallow:
                raise
            return None
        return missing if value is MISSING else value

    return get


def resolve_properties(runspace: Any, specs: Iterable[Any], obj: Any, *, exclude: Iterable[str] = (),
                       missing: Any = None, swallow_errors: bool = True,
                       ) -> list[tuple[str, Callable[[Any], Any]]]:
    """Expand property arguments against obj into (column name, getter) pairs.

    Wildcard names expand to obj's matching properties (none when nothing matches); a plain
    name always yields a column, whose getter returns `missing` when obj lacks the property.

    :param specs: raw arguments (names, script blocks, hashtables) or parsed PropertySpecs.
    :param exclude: wildcard patterns of names to leave out (-ExcludeProperty).
    :param swallow_errors: a failing script block gives None instead of raising.
    :raises PropertyError: when a Name/Label is given for a wildcard matching several properties.
    """
    parsed = parse_property_specs(list(specs))
    excluded = list(exclude)
    result: list[tuple[str, Callable[[Any], Any]]] = []
    for spec in parsed:
        if spec.is_wildcard:
            names = [n for n in _matching_names(obj, spec.expression)
                     if not any(wildcard_match(x, n) for x in excluded)]
            if spec.name is not None and len(names) > 1:
                raise PropertyError("Cannot rename multiple results.", error_id="RenamingMultipleResults",
                                    category="InvalidOperation", target=obj)
            for n in names:
                result.append((spec.name or n, _getter(runspace, n, missing, swallow_errors)))
            continue
        if any(wildcard_match(x, spec.text) for x in excluded):
            continue
        result.append((spec.label, _getter(runspace, spec.expression, missing, swallow_errors)))
    return result


# -- comparison (ObjectCommandComparer) -----------------------------------------------------------

def _base(value: Any) -> Any:
    if isinstance(value, PSObject) and value.base is not None:
        return value.base
    return value


def _compare_strings(a: str, b: str, case_sensitive: bool) -> int:
    # culture order: punctuation, symbols, digits, letters ignoring case; lower case first on ties: a < A < b < B
    return culture_compare(a, b, case_sensitive)


def compare_values(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """Order two values the way Sort-Object does: $null first, numbers numerically, strings
    case-insensitively (lower case first on ties when case-sensitive), anything else by its string."""
    a, b = _base(a), _base(b)
    if a is None or b is None:
        return (a is not None) - (b is not None)
    if isinstance(a, str) and isinstance(b, str):
        return _compare_strings(a, b, case_sensitive)
    if isinstance(a, (PSObject, Hashtable)) or isinstance(b, (PSObject, Hashtable)):
        return _compare_strings(to_string(a), to_string(b), case_sensitive)
    try:
        result = ps_compare(a, b, case_sensitive)
    except PipelineStoppedError:
        raise
    except (PyshellError, TypeError, ValueError):
        return _compare_strings(to_string(a), to_string(b), case_sensitive)
    return result


def values_equal(a: Any, b: Any, case_sensitive: bool = False) -> bool:
    """Equality as Group-Object and Compare-Object see it (PSObjects: by their properties)."""
    a, b = _base(a), _base(b)
    if isinstance(a, PSObject) and isinstance(b, PSObject):
        if len(a.properties) != len(b.properties):
            return False
        for k, v in a.properties.items():
            if k not in b.properties or not values_equal(v, b.properties[k], case_sensitive):
                return False
        return True
    return compare_values(a, b, case_sensitive) == 0
