"""[Microsoft.PowerShell.Commands.JsonObject]: the static JSON API behind ConvertFrom-Json / ConvertTo-Json.

Scripts call `ConvertFromJson(text, [ref]$err)`, `ConvertFromJson(text, $asHashtable, [ref]$err)`,
`ConvertFromJson(text, $asHashtable, $maxDepth, [ref]$err)` and `ConvertToJson($obj, $context)`.
Conversion problems that the cmdlet reports as errors (empty key, keys differing in case) come back in the
[ref] ErrorRecord with $null as the result; text that is not JSON throws ArgumentException, as in pwsh.
The JSON reader and writer live in pyshell/commands (imported on first call, so startup stays lean).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyshell.engine.conversions import to_bool, to_int, to_string
from pyshell.engine.objects import OrderedHashtable
from pyshell.errors import PyshellError, RuntimeScriptError

__all__ = ["ConvertToJsonContext", "JObject", "register", "JSONOBJECT_TYPE", "CONTEXT_TYPE", "JOBJECT_TYPE"]

JSONOBJECT_TYPE = "Microsoft.PowerShell.Commands.JsonObject"
CONTEXT_TYPE = "Microsoft.PowerShell.Commands.JsonObject+ConvertToJsonContext"
JOBJECT_TYPE = "Newtonsoft.Json.Linq.JObject"


def _invocation_error(method: str, count: int, message: str, error_id: str) -> RuntimeScriptError:
    """A .NET exception thrown by a static method, as PowerShell wraps it (MethodInvocationException)."""
    err = RuntimeScriptError(f'Exception calling "{method}" with "{count}" argument(s): "{message}"',
                             error_id=error_id, category="NotSpecified", reason="MethodInvocationException")
    err.ps_type_name = "System.Management.Automation.MethodInvocationException"
    return err


def _set_ref(ref: Any, value: Any) -> None:
    """Write an `out` argument: a [ref] gets the value; anything else is ignored like a discarded out."""
    if hasattr(ref, "Value"):
        ref.Value = value


def convert_from_json(*args: Any) -> Any:
    """ConvertFromJson(input, [bool returnHashtable, [int maxDepth,]] [ref] error)."""
    count = len(args)
    if count not in (2, 3, 4):
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("ConvertFromJson", count)
    text = args[0]
    ref = args[-1]
    as_hashtable = to_bool(args[1]) if count >= 3 else False
    depth = to_int(args[2]) if count == 4 else 1024
    _set_ref(ref, None)
    text = "" if text is None else to_string(text)
    if not text.strip():
        return None
    from pyshell.commands.jsonread import JsonSyntaxError, from_json
    from pyshell.engine.records import ErrorRecord

    try:
        return from_json(text, as_hashtable=as_hashtable, depth=depth)
    except JsonSyntaxError as exc:
        raise _invocation_error("ConvertFromJson", count, f"Conversion from JSON failed with error: {exc}",
                                "ArgumentException") from None
    except PyshellError as exc:
        exc.qualify_error_id = False
        exc.ps_type_name = "System.InvalidOperationException"  # pwsh builds the record from that exception
        _set_ref(ref, ErrorRecord(exc))
        return None


class ConvertToJsonContext:
    """[JsonObject+ConvertToJsonContext]: the options ConvertToJson(obj, context) serialises with."""

    PS_TYPE_NAMES = (CONTEXT_TYPE, "System.ValueType", "System.Object")
    PS_PROPERTIES = ("MaxDepth", "EnumsAsStrings", "CompressOutput", "StringEscapeHandling")

    def __init__(self, max_depth: int = 2, enums_as_strings: bool = False, compress_output: bool = False,
                 escape: str = "Default") -> None:
        self.MaxDepth = max_depth
        self.EnumsAsStrings = enums_as_strings
        self.CompressOutput = compress_output
        self.StringEscapeHandling = escape

    def ps_to_string(self) -> str:
        return CONTEXT_TYPE


def _new_context(*args: Any) -> ConvertToJsonContext:
    """new(maxDepth, enumsAsStrings, compressOutput[, stringEscapeHandling[, cmdlet]])."""
    if len(args) not in (3, 4, 5):
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("new", len(args))
    escape = to_string(args[3]) if len(args) >= 4 and args[3] is not None else "Default"
    return ConvertToJsonContext(to_int(args[0]), to_bool(args[1]), to_bool(args[2]), escape)


def convert_to_json(*args: Any) -> str | None:
    """ConvertToJson(object, context): the JSON text ConvertTo-Json would write (no -Depth warning)."""
    if len(args) != 2:
        from pyshell.engine.members import overload_not_found

        raise overload_not_found("ConvertToJson", len(args))
    value, context = args
    if not isinstance(context, ConvertToJsonContext):
        context = ConvertToJsonContext()
    from pyshell.commands.jsonwrite import to_json

    return to_json(value, depth=context.MaxDepth, compress=context.CompressOutput,
                   enums_as_strings=context.EnumsAsStrings, escape=context.StringEscapeHandling)


class JObject(OrderedHashtable):
    """[Newtonsoft.Json.Linq.JObject] (pwsh ships Newtonsoft): an ordered dictionary ConvertTo-Json writes as an object.

    PowerShell turns a string argument of Add(name, JToken) into a JToken with JToken.Parse, so
    `$j.Add('n', '123456')` holds the number 123456; text that is not JSON is kept as a string.
    """

    __slots__ = ()
    PS_TYPE_NAMES = (JOBJECT_TYPE, "Newtonsoft.Json.Linq.JContainer", "Newtonsoft.Json.Linq.JToken", "System.Object")
    PS_METHODS = ("Add", "ContainsKey", "Remove", "ToString")

    def Add(self, name: Any, value: Any = None) -> None:  # noqa: N802 - .NET method name
        key = to_string(name)
        if key in self:
            raise _invocation_error("Add", 2, f"Can not add property {key} to {JOBJECT_TYPE}. Property with the same "
                                    "name already exists on object.", "ArgumentException")
        self[key] = _jtoken(value)

    def ContainsKey(self, name: Any) -> bool:  # noqa: N802
        return to_string(name) in self

    def Remove(self, name: Any) -> bool:  # noqa: N802
        key = to_string(name)
        if key not in self:
            return False
        del self[key]
        return True

    def ToString(self) -> str:  # noqa: N802
        from pyshell.commands.jsonwrite import to_json

        return to_json(self, depth=100)

    def ps_to_string(self) -> str:
        return self.ToString()


def _jtoken(value: Any) -> Any:
    """A string argument as JToken.Parse reads it (numbers, true/false/null, objects); other text stays a string."""
    if not isinstance(value, str):
        return value
    from pyshell.commands.jsonread import JsonSyntaxError, from_json

    try:
        return from_json(value)
    except (JsonSyntaxError, PyshellError):
        return value


def register(static_types: dict[str, dict[str, Any]], known: set[str]) -> None:
    """Add the JsonObject statics and the context type to engine/types.py's tables (existing entries win)."""
    statics: dict[str, Callable[..., Any]] = {"ConvertFromJson": convert_from_json, "ConvertToJson": convert_to_json}
    table = static_types.setdefault(JSONOBJECT_TYPE, {})
    for name, fn in statics.items():
        table.setdefault(name, fn)
    static_types.setdefault(CONTEXT_TYPE, {}).setdefault("new", _new_context)
    static_types.setdefault(JOBJECT_TYPE, {}).setdefault("new", lambda *args: JObject())
    known.add(JOBJECT_TYPE)
    known.add(JSONOBJECT_TYPE)
    known.add(CONTEXT_TYPE)
