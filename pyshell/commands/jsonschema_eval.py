"""A JSON Schema evaluator for Test-Json (draft 2020-12 / 2019-09 / 7 keywords, local `$ref` only).

pwsh uses JsonSchema.Net and reports every failing leaf as "<message> at <instance location>"; this module
returns the same list of (message, location) pairs, with JsonSchema.Net's message texts. Errors under an
anyOf/oneOf branch that did not decide the result are dropped, so a valid item never shows up in the report.
Instances are the values `json.loads` makes (dict, list, str, int, float, bool, None).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["SchemaError", "ReferenceFetchError", "ReferenceError_", "check_schema", "evaluate"]

Errors = list[tuple[str, str]]

_TYPES = ("null", "boolean", "object", "array", "number", "string", "integer")


class SchemaError(ValueError):
    """The schema is JSON but not a schema (a keyword with a value of the wrong kind)."""


def _type_of(value: Any) -> str:
    """JsonSchema.Net's name for the instance's type (integral numbers are "integer")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    return "number"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _num_text(n: Any) -> str:
    """A number as .NET prints a decimal limit: 5, 2.5."""
    if isinstance(n, float) and n.is_integer():
        return str(int(n))
    return str(n)


def _pointer_part(name: str | int) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


def check_schema(schema: Any) -> None:
    """Reject a document that cannot be a schema (JsonSchema.Net fails to deserialise it).

    :raises SchemaError: naming the first bad keyword.
    """
    if isinstance(schema, bool):
        return
    if not isinstance(schema, dict):
        raise SchemaError("JSON schema must be an object or a boolean")
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not kinds or any(not isinstance(k, str) or k not in _TYPES for k in kinds):
            raise SchemaError("type")
    for key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
        sub = schema.get(key)
        if sub is not None:
            if not isinstance(sub, dict):
                raise SchemaError(key)
            for value in sub.values():
                check_schema(value)
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        sub = schema.get(key)
        if sub is not None:
            if not isinstance(sub, list) or not sub:
                raise SchemaError(key)
            for value in sub:
                check_schema(value)
    for key in ("not", "additionalProperties", "items", "contains", "if", "then", "else", "propertyNames",
                "additionalItems", "unevaluatedProperties", "unevaluatedItems"):
        if key in schema:
            value = schema[key]
            for item in value if (key == "items" and isinstance(value, list)) else [value]:
                check_schema(item)
    required = schema.get("required")
    if required is not None and (not isinstance(required, list) or not all(isinstance(r, str) for r in required)):
        raise SchemaError("required")
    for key in ("minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems",
                "minProperties", "maxProperties"):
        if key in schema and not _is_number(schema[key]):
            raise SchemaError(key)
    if "pattern" in schema:
        try:
            re.compile(_dotnet_regex(schema["pattern"]))
        except (re.error, TypeError):
            raise SchemaError("pattern") from None


def _dotnet_regex(pattern: str) -> str:
    """ECMA-262 regex text for Python's re: the same for the patterns schemas use (\\d, anchors, classes)."""
    if not isinstance(pattern, str):
        raise TypeError(pattern)
    return pattern


def evaluate(schema: Any, instance: Any, base_dir: str | None = None) -> Errors:
    """Every failure of instance against schema, in evaluation order, as (message, instance location).

    :param base_dir: the directory of the schema file, against which relative `$ref` files resolve.
    :raises ReferenceFetchError: a `$ref` names a document that cannot be read or parsed.
    :raises ReferenceError_: a `$ref` pointer names nothing in its document.
    """
    return _Evaluator(schema, base_dir).run(schema, instance, "")


class ReferenceFetchError(Exception):
    """A `$ref` to another document that cannot be loaded (pwsh: JsonSchemaReferenceResolutionException)."""


class ReferenceError_(Exception):  # noqa: N801 - kept apart from the builtin ReferenceError
    """A `$ref` JSON pointer that names nothing (JsonSchema.Net's RefResolutionException)."""


class _Evaluator:
    def __init__(self, root: Any, base_dir: str | None) -> None:
        self.root = root
        self.base_dir = base_dir
        self.depth = 0
        self.documents: dict[str, Any] = {}

    def run(self, schema: Any, value: Any, at: str) -> Errors:
        if schema is True:
            return []
        if schema is False:
            return [("All values fail against the false schema", at)]
        if not isinstance(schema, dict):
            return []
        self.depth += 1
        try:
            if self.depth > 200:  # a $ref cycle that never consumes the instance
                return []
            errors: Errors = []
            for keyword, check in _KEYWORDS:
                if not keyword or keyword in schema:  # "" marks a family that checks its own keys
                    errors.extend(check(self, schema, value, at))
            return errors
        finally:
            self.depth -= 1

    # -- references ------------------------------------------------------------------------------
    def follow(self, ref: str, value: Any, at: str) -> Errors:
        """Evaluate against the schema ref names; another document becomes the root while inside it."""
        target, _, pointer = ref.partition("#")
        if not target:
            return self.run(self._pointer(self.root, pointer, ref), value, at)
        document, directory = self._load(target)
        saved = self.root, self.base_dir
        self.root, self.base_dir = document, directory
        try:
            return self.run(self._pointer(document, pointer, ref), value, at)
        finally:
            self.root, self.base_dir = saved

    def _load(self, target: str) -> tuple[Any, str]:
        import os

        if target.startswith("file://"):
            target = target[len("file://"):]
        elif "://" in target or self.base_dir is None:
            raise ReferenceFetchError(target)  # no network access; a string schema has no file to be relative to
        path = os.path.normpath(os.path.join(self.base_dir, target))
        if path not in self.documents:
            try:
                with open(path, encoding="utf-8-sig") as fh:
                    document = json.load(fh, parse_constant=_no_constant)
                check_schema(document)
            except (OSError, ValueError, SchemaError) as exc:
                raise ReferenceFetchError(target) from exc
            self.documents[path] = document
        return self.documents[path], os.path.dirname(path)

    @staticmethod
    def _pointer(document: Any, pointer: str, ref: str) -> Any:
        node = document
        for part in pointer.split("/")[1:] if pointer else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise ReferenceError_(ref)
        return node


def _no_constant(name: str) -> Any:
    raise ValueError(name)


# -- keywords ----------------------------------------------------------------------------------------

def _ref(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    ref = s["$ref"]
    return ev.follow(ref, v, at) if isinstance(ref, str) else []


def _type(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    kinds = s["type"] if isinstance(s["type"], list) else [s["type"]]
    actual = _type_of(v)
    if actual in kinds or (actual == "integer" and "number" in kinds):
        return []
    expected = kinds[0] if len(kinds) == 1 else ", ".join(kinds)
    return [(f'Value is "{actual}" but should be "{expected}"', at)]


def _const(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    if _equal(v, s["const"]):
        return []
    return [(f"Expected {json.dumps(s['const'], separators=(',', ':'))}", at)]


def _enum(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    options = s["enum"] if isinstance(s["enum"], list) else []
    if any(_equal(v, o) for o in options):
        return []
    return [("Value should match one of the values specified by the enum", at)]


def _numeric(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    if not _is_number(v):
        return []
    out: Errors = []
    text = _num_text(v)
    lo, hi = s.get("minimum"), s.get("maximum")
    if _is_number(lo) and v < lo:
        out.append((f"{text} is less than {_num_text(lo)}", at))
    if _is_number(hi) and v > hi:
        out.append((f"{text} is greater than {_num_text(hi)}", at))
    xlo, xhi = s.get("exclusiveMinimum"), s.get("exclusiveMaximum")
    if _is_number(xlo) and v <= xlo:
        out.append((f"{text} is less than or equal to {_num_text(xlo)}", at))
    if _is_number(xhi) and v >= xhi:
        out.append((f"{text} is greater than or equal to {_num_text(xhi)}", at))
    step = s.get("multipleOf")
    if _is_number(step) and step > 0:
        ratio = v / step
        if not (math.isfinite(ratio) and abs(ratio - round(ratio)) < 1e-9):
            out.append((f"{text} is not a multiple of {_num_text(step)}", at))
    return out


def _string(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    if not isinstance(v, str):
        return []
    out: Errors = []
    length = len(v)
    if _is_number(s.get("minLength")) and length < s["minLength"]:
        out.append((f"Value is not longer than or equal to {_num_text(s['minLength'])} characters", at))
    if _is_number(s.get("maxLength")) and length > s["maxLength"]:
        out.append((f"Value is not shorter than or equal to {_num_text(s['maxLength'])} characters", at))
    pattern = s.get("pattern")
    if isinstance(pattern, str):
        try:
            matched = re.search(_dotnet_regex(pattern), v) is not None
        except re.error:
            matched = True
        if not matched:
            out.append(("The string value is not a match for the indicated regular expression", at))
    return out


def _object(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    if not isinstance(v, dict):
        return []
    out: Errors = []
    props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
    patterns = s.get("patternProperties") if isinstance(s.get("patternProperties"), dict) else {}
    for name, sub in props.items():
        if name in v:
            out.extend(ev.run(sub, v[name], f"{at}/{_pointer_part(name)}"))
    matched_by_pattern: set[str] = set()
    for pattern, sub in patterns.items():
        for name in v:
            try:
                hit = re.search(pattern, name) is not None
            except re.error:
                hit = False
            if hit:
                matched_by_pattern.add(name)
                out.extend(ev.run(sub, v[name], f"{at}/{_pointer_part(name)}"))
    if "additionalProperties" in s:
        for name in v:
            if name not in props and name not in matched_by_pattern:
                out.extend(ev.run(s["additionalProperties"], v[name], f"{at}/{_pointer_part(name)}"))
    if "propertyNames" in s:
        for name in v:
            out.extend(ev.run(s["propertyNames"], name, at))
    required = s.get("required")
    if isinstance(required, list):
        missing = [r for r in required if r not in v]
        if missing:
            out.append((f"Required properties {json.dumps(missing, separators=(',', ':'))} are not present", at))
    dependent = s.get("dependentRequired")
    if isinstance(dependent, dict):
        gaps = {k: [r for r in reqs if r not in v] for k, reqs in dependent.items() if k in v and isinstance(reqs, list)}
        gaps = {k: r for k, r in gaps.items() if r}
        if gaps:
            out.append((f"Some required property dependencies are missing: {json.dumps(gaps, separators=(',', ':'))}",
                        at))
    if _is_number(s.get("minProperties")) and len(v) < s["minProperties"]:
        out.append((f"Value has fewer than {_num_text(s['minProperties'])} properties", at))
    if _is_number(s.get("maxProperties")) and len(v) > s["maxProperties"]:
        out.append((f"Value has more than {_num_text(s['maxProperties'])} properties", at))
    return out


def _array(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    if not isinstance(v, list):
        return []
    out: Errors = []
    prefix = s.get("prefixItems")
    items = s.get("items")
    start = 0
    if isinstance(items, list):  # draft 7 tuple form
        prefix, items = items, s.get("additionalItems")
    if isinstance(prefix, list):
        for i, sub in enumerate(prefix[: len(v)]):
            out.extend(ev.run(sub, v[i], f"{at}/{i}"))
        start = len(prefix)
    if items is not None and not isinstance(items, list):
        for i in range(start, len(v)):
            out.extend(ev.run(items, v[i], f"{at}/{i}"))
    if "contains" in s:
        hits = sum(1 for item in v if not ev.run(s["contains"], item, at))
        lo = s.get("minContains", 1)
        if hits < lo:
            out.append(("Value does not contain any items that match the schema" if lo == 1 else
                        f"Value contains fewer than {_num_text(lo)} matching items", at))
        if _is_number(s.get("maxContains")) and hits > s["maxContains"]:
            out.append((f"Value contains more than {_num_text(s['maxContains'])} matching items", at))
    if _is_number(s.get("minItems")) and len(v) < s["minItems"]:
        out.append((f"Value has fewer than {_num_text(s['minItems'])} items", at))
    if _is_number(s.get("maxItems")) and len(v) > s["maxItems"]:
        out.append((f"Value has more than {_num_text(s['maxItems'])} items", at))
    if s.get("uniqueItems") is True:
        pairs = [f"({i}, {j})" for i in range(len(v)) for j in range(i + 1, len(v)) if _equal(v[i], v[j])]
        if pairs:
            out.append((f"Found duplicates at the following index pairs: {', '.join(pairs)}", at))
    return out


def _all_of(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    out: Errors = []
    for sub in s["allOf"] if isinstance(s["allOf"], list) else []:
        out.extend(ev.run(sub, v, at))
    return out


def _any_of(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    results = [ev.run(sub, v, at) for sub in (s["anyOf"] if isinstance(s["anyOf"], list) else [])]
    if not results or any(not r for r in results):
        return []
    return [e for r in results for e in r]


def _one_of(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    results = [ev.run(sub, v, at) for sub in (s["oneOf"] if isinstance(s["oneOf"], list) else [])]
    passed = sum(1 for r in results if not r)
    if passed == 1:
        return []
    nested = [e for r in results for e in r] if passed == 0 else []
    return nested + [(f"Expected 1 matching subschema but found {passed}", at)]


def _not(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    return [] if ev.run(s["not"], v, at) else [("Value should not validate against schema", at)]


def _if(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    branch = "else" if ev.run(s["if"], v, at) else "then"
    return ev.run(s[branch], v, at) if branch in s else []


def _dependent_schemas(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
    deps = s["dependentSchemas"]
    if not isinstance(v, dict) or not isinstance(deps, dict):
        return []
    out: Errors = []
    for name, sub in deps.items():
        if name in v:
            out.extend(ev.run(sub, v, at))
    return out


#: one entry per keyword family; the first key present triggers it (families read their siblings themselves)
_KEYWORDS: list[tuple[str, Any]] = [("$ref", _ref), ("type", _type), ("const", _const), ("enum", _enum)]
_FAMILY_KEYS = {
    _numeric: ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    _string: ("minLength", "maxLength", "pattern"),
    _object: ("properties", "patternProperties", "additionalProperties", "propertyNames", "required",
              "dependentRequired", "minProperties", "maxProperties"),
    _array: ("prefixItems", "items", "contains", "minItems", "maxItems", "uniqueItems"),
}


def _family(check: Any, keys: tuple[str, ...]) -> Any:
    def run(ev: _Evaluator, s: dict[str, Any], v: Any, at: str) -> Errors:
        return check(ev, s, v, at) if any(k in s for k in keys) else []

    return run


for _check, _keys in _FAMILY_KEYS.items():
    _KEYWORDS.append(("", _family(_check, _keys)))
_KEYWORDS += [("allOf", _all_of), ("anyOf", _any_of), ("oneOf", _one_of), ("not", _not), ("if", _if),
              ("dependentSchemas", _dependent_schemas)]
