"""Test-Json: whether a string or a file is valid JSON, optionally against a JSON schema.

pwsh parses with System.Text.Json (strict: no comments or trailing commas unless -Options allows them,
no single quotes or bare names) and validates with JsonSchema.Net; each schema failure is a
non-terminating InvalidJsonAgainstSchemaDetailed error, and the command still outputs $false.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.data import read_text
from pyshell.commands.jsonschema_eval import (
    ReferenceError_,
    ReferenceFetchError,
    SchemaError,
    check_schema,
    evaluate,
)
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.errors import PyshellError

__all__ = ["TestJson", "parse_strict"]

_STRING_SETS = ("JsonString", "JsonStringWithSchemaString", "JsonStringWithSchemaFile")
_PATH_SETS = ("JsonPath", "JsonPathWithSchemaString", "JsonPathWithSchemaFile")
_LITERAL_SETS = ("JsonLiteralPath", "JsonLiteralPathWithSchemaString", "JsonLiteralPathWithSchemaFile")
_SCHEMA_SETS = ("JsonStringWithSchemaString", "JsonPathWithSchemaString", "JsonLiteralPathWithSchemaString")
_SCHEMA_FILE_SETS = ("JsonStringWithSchemaFile", "JsonPathWithSchemaFile", "JsonLiteralPathWithSchemaFile")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"'{name}' is an invalid JSON literal.")


def _strip(text: str, ignore_comments: bool, trailing_commas: bool) -> str:
    """Text for Python's strict reader: comments skipped (or rejected), trailing commas dropped when allowed."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        if c == "/" and i + 1 < n and text[i + 1] in "/*":
            if not ignore_comments:
                raise ValueError("'/' is invalid after a value. Comments are not allowed.")
            if text[i + 1] == "/":
                end = text.find("\n", i)
                i = n if end < 0 else end
            else:
                end = text.find("*/", i + 2)
                if end < 0:
                    raise ValueError("Expected end of comment, but instead reached end of data.")
                i = end + 2
            out.append(" ")
            continue
        out.append(c)
        i += 1
    cleaned = "".join(out)
    if not trailing_commas:
        return cleaned
    result: list[str] = []
    i, n = 0, len(cleaned)
    while i < n:
        c = cleaned[i]
        if c == '"':
            j = i + 1
            while j < n and cleaned[j] != '"':
                j += 2 if cleaned[j] == "\\" else 1
            result.append(cleaned[i:j + 1])
            i = j + 1
            continue
        if c == ",":
            rest = cleaned[i + 1:].lstrip()
            if rest[:1] in ("}", "]"):
                i += 1
                continue
        result.append(c)
        i += 1
    return "".join(result)


def parse_strict(text: str, options: Iterable[str] = ()) -> Any:
    """Parse text as System.Text.Json's JsonNode.Parse does with the given -Options.

    :raises ValueError: for anything that is not one JSON value.
    """
    opts = {o.casefold() for o in options}
    cleaned = _strip(text, "ignorecomments" in opts, "allowtrailingcommas" in opts)
    if not cleaned.strip():
        raise ValueError("The input does not contain any JSON tokens.")
    if _nesting(cleaned) > _MAX_DEPTH:
        raise ValueError(f"The maximum configured depth of {_MAX_DEPTH} has been exceeded.")
    return json.loads(cleaned, parse_constant=_reject_constant)


_MAX_DEPTH = 64  #: JsonDocumentOptions.MaxDepth's default


def _nesting(text: str) -> int:
    """The deepest nesting of arrays and objects in text (strings skipped)."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
        i += 1
    return deepest


@command("Test-Json", default_set="JsonString")
class TestJson(Cmdlet):
    """Tests whether a string is a valid JSON document."""

    Json = Param("string", position=0, mandatory=True, pipeline=True, sets=_STRING_SETS)
    Path = Param("string", position=0, mandatory=True, by_property_name=True, sets=_PATH_SETS)
    LiteralPath = Param("string", aliases=("PSPath", "LP"), mandatory=True, by_property_name=True,
                        sets=_LITERAL_SETS)
    Schema = Param("string", position=1, mandatory=True, sets=_SCHEMA_SETS)
    SchemaFile = Param("string", position=1, mandatory=True, sets=_SCHEMA_FILE_SETS)
    Options = Param("string[]", validate_set=("IgnoreComments", "AllowTrailingCommas"))

    def begin(self) -> Iterable[Any]:
        self._schema: Any = None
        self._has_schema = False
        self._schema_dir: str | None = None
        for name in ("Schema", "SchemaFile"):
            if self.is_bound(name) and not to_string(getattr(self, name) or ""):
                raise PyshellError(f"Cannot validate argument on parameter '{name}'. The argument is null or empty. "
                                   "Provide an argument that is not null or empty, and then try the command again.",
                                   error_id="ParameterArgumentValidationError", category="InvalidData")
        if self.is_bound("Schema"):
            self._load_schema(to_string(self.Schema), to_string(self.Schema))
        elif self.is_bound("SchemaFile"):
            path = self.runspace.resolve_path(to_string(self.SchemaFile))
            if not os.path.isfile(path):
                raise PyshellError(f"Can not open JSON schema file: {path}", error_id="JsonSchemaFileNotFound",
                                   category="ObjectNotFound", target=path, reason="FileNotFoundException")
            try:
                text = read_text(path)
            except OSError as exc:
                raise PyshellError(f"Can not open JSON schema file: {path}", error_id="JsonSchemaFileOpenFailure",
                                   category="OpenError", target=path, reason="IOException") from exc
            self._schema_dir = os.path.dirname(path)
            self._load_schema(text, to_string(self.SchemaFile))
        return ()

    def _load_schema(self, text: str, target: str) -> None:
        """Parse and check the schema; a bad one is a non-terminating InvalidJsonSchema (the JSON is still parsed)."""
        try:
            schema = parse_strict(text)
            check_schema(schema)
        except (ValueError, SchemaError):
            self.write_error(PyshellError("Cannot parse the JSON schema.", error_id="InvalidJsonSchema",
                                          category="InvalidData", target=target, reason="Exception"))
            return
        self._schema = schema
        self._has_schema = True

    def _file_text(self) -> str:
        literal = self.is_bound("LiteralPath")
        given = to_string(self.LiteralPath if literal else self.Path)
        full = self.runspace.resolve_path(given)
        if not literal:
            from pyshell.engine.items import expand_wildcards, has_wildcard, unescape_wildcards

            if has_wildcard(given):
                matches = [m for m in expand_wildcards(full)]
                if len(matches) > 1:
                    raise PyshellError("Cannot perform operation because the path resolved to more than one file. "
                                       "This command cannot operate on multiple files.",
                                       error_id="ReadWriteMultipleFilesNotSupported", category="InvalidArgument",
                                       reason="InvalidOperationException")
                if not matches:
                    raise PyshellError(f"Cannot perform operation because the wildcard path {given} did not resolve "
                                       "to a file.", error_id="FileOpenFailure", category="OpenError",
                                       target=given, reason="FileNotFoundException")
                full = matches[0]
            else:
                full = unescape_wildcards(full)
        if not os.path.isfile(full):
            raise PyshellError(f"Cannot find path '{given}' because it does not exist.", error_id="PathNotFound",
                               category="ObjectNotFound", target=given, reason="ItemNotFoundException")
        return read_text(full)

    def _empty_argument(self) -> PyshellError | None:
        """The binder's error for $null or '' given to the mandatory -Json/-Path/-LiteralPath (pwsh turns $null
        into '' for a [string] parameter, so both read "empty string")."""
        for name in ("Json", "Path", "LiteralPath"):
            if self.is_bound(name) and to_string(getattr(self, name)) == "":
                return PyshellError(f"Cannot bind argument to parameter '{name}' because it is an empty string.",
                                    error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed",
                                    category="InvalidData", reason="ParameterBindingValidationException")
        return None

    def process(self) -> Iterator[bool]:
        empty = self._empty_argument()
        if empty is not None:
            if not self.expecting_input:
                raise empty
            self.write_error(empty)  # a bad pipeline item fails alone
            return
        text = to_string(self.Json) if self.parameter_set_name in _STRING_SETS else self._file_text()
        options = self.Options or ()
        try:
            document = parse_strict(text, [to_string(o) for o in options])
        except ValueError:
            self.write_error(PyshellError("Cannot parse the JSON.", error_id="InvalidJson", category="InvalidData",
                                          target=self.Json, reason="Exception"))
            yield False
            return
        if not self._has_schema:
            yield True
            return
        try:
            failures = evaluate(self._schema, document, self._schema_dir)
        except ReferenceFetchError:
            self.write_error(PyshellError("Cannot parse the JSON schema.", error_id="InvalidJsonSchema",
                                          category="InvalidData", reason="Exception"))
            yield False
            return
        except ReferenceError_:
            self.write_error(PyshellError("Cannot parse the JSON.", error_id="InvalidJson", category="InvalidData",
                                          target=self.Json, reason="Exception"))
            yield False
            return
        for message, location in failures:
            self.write_error(PyshellError(f"The JSON is not valid with the schema: {message} at {location}",
                                          error_id="InvalidJsonAgainstSchemaDetailed", category="InvalidData",
                                          reason="Exception"))
        yield not failures
