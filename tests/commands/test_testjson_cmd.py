"""Test-Json (ported from PowerShell's Test-Json.Tests.ps1) and the JSON Schema evaluator behind it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.commands.jsonschema_eval import SchemaError, check_schema, evaluate
from pyshell.commands.testjson import parse_strict
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

SCHEMA = ('{"description": "A person", "type": "object", "properties": {"name": {"type": "string"}, '
          '"hobbies": {"type": "array", "items": {"type": "string"}}}}')
VALID = '{"name": "James", "hobbies": [".NET", "Blogging", "Reading", "Xbox", "LOLCATS"]}'
BAD_TYPE = '{"name": 123, "hobbies": [".NET", "Blogging"]}'
BAD_TYPE2 = '{"name": 123, "hobbies": [456, "Blogging", "Reading"]}'
BAD_NODE = '{"name": "James", "hobbies": [".NET", "Blogging"]\n errorNode\n}'
BAD_SCHEMA = '{"description", "type": "object"}'


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    load_builtins()
    runspace = Runspace(CollectingHost())
    for name, text in {"valid.json": VALID, "[valid]Json.json": VALID, "badtype2.json": BAD_TYPE2,
                       "badnode.json": BAD_NODE, "schema.json": SCHEMA, "badschema.json": BAD_SCHEMA,
                       "empty.json": ""}.items():
        (tmp_path / name).write_text(text)
    runspace.set_variable("d", str(tmp_path))
    runspace.set_variable("schema", SCHEMA)
    runspace.set_variable("valid", VALID)
    runspace.set_variable("badtype", BAD_TYPE)
    runspace.set_variable("badtype2", BAD_TYPE2)
    runspace.set_variable("badnode", BAD_NODE)
    runspace.set_variable("badschema", BAD_SCHEMA)
    return runspace


def errors(rs: Runspace) -> list[str]:
    return [e.FullyQualifiedErrorId for e in rs.host.errors]  # type: ignore[attr-defined]


@pytest.mark.parametrize("src", [
    "Test-Json -Json $valid",
    "Test-Json -Json $valid -Schema $schema",
    "$valid | Test-Json -SchemaFile $d/schema.json",
    "Test-Json -Path $d/valid.json",
    "Test-Json -LiteralPath $d/[valid]Json.json",
    "Test-Json -LP $d/[valid]Json.json",
    "Test-Json -PSPath $d/[valid]Json.json",
    "Get-ChildItem -LiteralPath $d/[valid]Json.json | Test-Json",
    "Get-ChildItem $d/valid.json | Test-Json",
    "Test-Json -Path $d/valid.json -SchemaFile $d/schema.json",
    "Test-Json $valid $schema",
])
def test_valid_json(rs: Runspace, src: str) -> None:
    assert rs.run(src) == [True]
    assert errors(rs) == []


@pytest.mark.parametrize(("src", "ids"), [
    ("Test-Json -Json $badnode", ["InvalidJson,Microsoft.PowerShell.Commands.TestJsonCommand"]),
    ("Test-Json -Path $d/empty.json", ["InvalidJson,Microsoft.PowerShell.Commands.TestJsonCommand"]),
    ("Test-Json -Json $badnode -Schema $schema", ["InvalidJson,Microsoft.PowerShell.Commands.TestJsonCommand"]),
    ("Test-Json -Json $badtype -Schema $schema",
     ["InvalidJsonAgainstSchemaDetailed,Microsoft.PowerShell.Commands.TestJsonCommand"]),
    ("Test-Json -Path $d/badtype2.json -SchemaFile $d/schema.json",
     ["InvalidJsonAgainstSchemaDetailed,Microsoft.PowerShell.Commands.TestJsonCommand"] * 2),
    ("Test-Json '{a:1}'", ["InvalidJson,Microsoft.PowerShell.Commands.TestJsonCommand"]),
    ("Test-Json \"{'a':1}\"", ["InvalidJson,Microsoft.PowerShell.Commands.TestJsonCommand"]),
])
def test_invalid_json_writes_errors_and_outputs_false(rs: Runspace, src: str, ids: list[str]) -> None:
    assert rs.run(src) == [False]
    assert errors(rs) == ids


def test_schema_error_messages(rs: Runspace) -> None:
    rs.run("Test-Json -Json $badtype2 -Schema $schema")
    assert [e.Exception.Message for e in rs.host.errors] == [  # type: ignore[attr-defined]
        'The JSON is not valid with the schema: Value is "integer" but should be "string" at /name',
        'The JSON is not valid with the schema: Value is "integer" but should be "string" at /hobbies/0',
    ]


@pytest.mark.parametrize(("src", "fqid", "message"), [
    ("Test-Json -Json $valid -Schema $badschema -ErrorAction Stop", "InvalidJsonSchema", "Cannot parse the JSON schema."),
    ("Test-Json -Path $d/valid.json -SchemaFile $d/badschema.json -ErrorAction Stop", "InvalidJsonSchema",
     "Cannot parse the JSON schema."),
    ("Test-Json -Json $valid -SchemaFile $d/nofile.json", "JsonSchemaFileNotFound", "Can not open JSON schema file: "),
    ("Test-Json -Path $d/nofile.json", "PathNotFound", "Cannot find path '"),
    ("Test-Json -Path $d/[valid]Json.json", "FileOpenFailure",
     "Cannot perform operation because the wildcard path "),
    ("Test-Json -LiteralPath $d/*Json.json", "PathNotFound", "Cannot find path '"),
    ("Test-Json -LiteralPath $d/[a-z]Json.json", "PathNotFound", "Cannot find path '"),
])
def test_terminating_errors(rs: Runspace, src: str, fqid: str, message: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert out[0] == f"{fqid},Microsoft.PowerShell.Commands.TestJsonCommand"
    assert out[1].startswith(message)


def test_bad_schema_is_non_terminating(rs: Runspace) -> None:
    assert rs.run("Test-Json -Json $valid -Schema $badschema") == [True]
    assert errors(rs) == ["InvalidJsonSchema,Microsoft.PowerShell.Commands.TestJsonCommand"]


def test_bad_option_is_validation_error(rs: Runspace) -> None:
    out = rs.run("try { Test-Json $valid -Options Nope } catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.TestJsonCommand"]


@pytest.mark.parametrize(("value", "expected"), [
    ("1", "number"), ('"true"', "string"), ("true", "boolean"), ("false", "boolean"), ('"null"', "string"),
    ("null", "null"), ('"abc"', "string"), ("[ 1, 2 ]", "array"),
])
def test_non_object_types(rs: Runspace, value: str, expected: str) -> None:
    rs.set_variable("v", value)
    out = rs.run("'string','number','boolean','null','array','object' | Where-Object { "
                 "Test-Json -Json $v -Schema \"{ `\"type`\": `\"$_`\" }\" -ErrorAction SilentlyContinue }")
    assert out == [expected]


@pytest.mark.parametrize(("text", "options"), [
    ('{\n // c\n "s": "t"\n}', "IgnoreComments"),
    ('{"s": "t",}', "AllowTrailingCommas"),
    ('{ /* c */ "s": ["t",],\n}', "IgnoreComments, AllowTrailingCommas"),
])
def test_document_options(rs: Runspace, text: str, options: str) -> None:
    rs.set_variable("t", text)
    assert rs.run("$t | Test-Json -ErrorAction SilentlyContinue") == [False]
    assert rs.run(f"$t | Test-Json -Option {options.replace(', ', ',')}") == [True]


ONE_OF = {"type": "object", "properties": {"ports": {"type": "array", "items": {"oneOf": [
    {"type": "integer", "minimum": 0, "maximum": 65535}, {"type": "string", "pattern": "^\\d+-\\d+$"}]}}}}
DEVICES = {"type": "object", "required": ["Devices"], "properties": {"Devices": {"type": "array", "items": {
    "type": "object", "oneOf": [
        {"properties": {"deviceType": {"const": "smartphone"}, "os": {"enum": ["iOS", "Android"]}},
         "required": ["deviceType", "os"]},
        {"properties": {"deviceType": {"const": "laptop"}, "arch": {"enum": ["x86", "x64", "arm64"]}},
         "required": ["deviceType", "arch"]}]}}}}


def test_one_of_reports_only_the_bad_item() -> None:
    assert evaluate(ONE_OF, {"ports": [80, 443, "1-2"]}) == []
    failures = evaluate(ONE_OF, {"ports": [80, "invalid-port", 8080]})
    assert failures and all(at == "/ports/1" for _, at in failures)
    assert failures[-1][0] == "Expected 1 matching subschema but found 0"


def test_one_of_devices() -> None:
    good = [{"deviceType": "laptop", "arch": "x64"}, {"deviceType": "smartphone", "os": "iOS"}]
    assert evaluate(DEVICES, {"Devices": good}) == []
    failures = evaluate(DEVICES, {"Devices": [*good, {"deviceType": "smartphone", "os": "WindowsPhone"}]})
    assert failures and all(at.startswith("/Devices/2") for _, at in failures)
    any_of = json.loads(json.dumps(DEVICES).replace("oneOf", "anyOf"))
    assert evaluate(any_of, {"Devices": good}) == []
    assert {at for _, at in evaluate(any_of, {"Devices": [*good, {"deviceType": "x"}]})} == {"/Devices/2",
                                                                                           "/Devices/2/deviceType"}


@pytest.mark.parametrize(("schema", "value", "message"), [
    ({"required": ["a", "b"]}, {"a": 1}, 'Required properties ["b"] are not present'),
    ({"enum": [1, 2]}, 3, "Value should match one of the values specified by the enum"),
    ({"minimum": 5}, 3, "3 is less than 5"),
    ({"maximum": 5}, 7.5, "7.5 is greater than 5"),
    ({"exclusiveMinimum": 5}, 5, "5 is less than or equal to 5"),
    ({"minLength": 2}, "a", "Value is not longer than or equal to 2 characters"),
    ({"maxItems": 1}, [1, 2], "Value has more than 1 items"),
    ({"uniqueItems": True}, [1, 1.0], "Found duplicates at the following index pairs: (0, 1)"),
    ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2},
     "All values fail against the false schema"),
    ({"not": {"type": "string"}}, "x", "Value should not validate against schema"),
    ({"multipleOf": 3}, 7, "7 is not a multiple of 3"),
    ({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s"}, 1, 'Value is "integer" but should be "string"'),
    ({"if": {"type": "integer"}, "then": {"minimum": 10}}, 3, "3 is less than 10"),
])
def test_keywords(schema: dict[str, object], value: object, message: str) -> None:
    assert [m for m, _ in evaluate(schema, value)] == [message]


def test_true_is_not_an_integer() -> None:
    assert evaluate({"type": "integer"}, True) == [('Value is "boolean" but should be "integer"', "")]
    assert evaluate({"const": 1}, True) == [("Expected 1", "")]
    assert evaluate({"type": "integer"}, 2.0) == []


@pytest.mark.parametrize("schema", [{"type": "nope"}, {"required": "a"}, {"properties": []}, {"minimum": "x"},
                                    {"allOf": []}, 5, {"pattern": "("}])
def test_check_schema_rejects(schema: object) -> None:
    with pytest.raises(SchemaError):
        check_schema(schema)


@pytest.mark.parametrize("text", ["", "   ", "NaN", '{"a": 1} x', "{'a': 1}", '{"a": 1,}', "// c\n1"])
def test_parse_strict_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_strict(text)


def test_parse_strict_keeps_comment_text_in_strings() -> None:
    assert parse_strict('{"u": "http://x/*y*/", "v": [1,]}', ["IgnoreComments", "AllowTrailingCommas"]) == {
        "u": "http://x/*y*/", "v": [1]}


REF_SCHEMA = ('{"type": "object", "properties": {"name": {"$ref": "defs.json#/definitions/name"}, '
              '"hobbies": {"$ref": "defs.json#/definitions/hobbies"}}}')
DEFS = '{"definitions": {"name": {"type": "string"}, "hobbies": {"type": "array", "items": {"type": "string"}}}}'


@pytest.fixture
def ref_dir(tmp_path: Path) -> Path:
    (tmp_path / "ref.json").write_text(REF_SCHEMA)
    (tmp_path / "defs.json").write_text(DEFS)
    (tmp_path / "badref.json").write_text(REF_SCHEMA.replace("defs.json", "baddefs.json"))
    (tmp_path / "baddefs.json").write_text('{"definitions": {"name": {"type": "string"}, "hobbies"}}')
    return tmp_path


def test_schema_file_refs_resolve_next_to_the_file(rs: Runspace, ref_dir: Path) -> None:
    rs.set_variable("r", str(ref_dir))
    assert rs.run("Test-Json -Json $valid -SchemaFile $r/ref.json") == [True]
    assert rs.run("Test-Json -Json $badtype2 -SchemaFile $r/ref.json") == [False]
    assert errors(rs) == ["InvalidJsonAgainstSchemaDetailed,Microsoft.PowerShell.Commands.TestJsonCommand"] * 2


@pytest.mark.parametrize(("schema", "fqid"), [
    ("-SchemaFile $r/badref.json", "InvalidJsonSchema"),  # the referenced document is not JSON
    ("-Schema '{\"$ref\": \"defs.json\"}'", "InvalidJsonSchema"),  # a string schema has no directory
    ("-Schema '{\"$ref\": \"https://example.invalid/s.json\"}'", "InvalidJsonSchema"),  # nothing is fetched
    ("-Schema '{\"$ref\": \"#/definitions/none\"}'", "InvalidJson"),  # JsonSchema.Net's RefResolutionException
])
def test_unresolvable_refs(rs: Runspace, ref_dir: Path, schema: str, fqid: str) -> None:
    rs.set_variable("r", str(ref_dir))
    assert rs.run(f"Test-Json -Json $valid {schema}") == [False]
    assert errors(rs) == [f"{fqid},Microsoft.PowerShell.Commands.TestJsonCommand"]
    out = rs.run(f"try {{ Test-Json -Json $valid {schema} -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == [f"{fqid},Microsoft.PowerShell.Commands.TestJsonCommand"]


@pytest.mark.parametrize("src", ["Test-Json -Json $null", "Test-Json -Json ''", "Test-Json -Path ''",
                                 "Test-Json -LiteralPath ''"])
def test_empty_argument_is_a_binding_error(rs: Runspace, src: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert out[0] == "ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.TestJsonCommand"
    assert out[1].endswith("because it is an empty string.")


def test_empty_pipeline_item_fails_alone(rs: Runspace) -> None:
    assert rs.run("'', '{}' | Test-Json") == [True]
    assert errors(rs) == ["ParameterArgumentValidationErrorEmptyStringNotAllowed,"
                          "Microsoft.PowerShell.Commands.TestJsonCommand"]


def test_depth_limit_is_system_text_json_default(rs: Runspace) -> None:
    rs.set_variable("ok", "[" * 64 + "]" * 64)
    rs.set_variable("deep", "[" * 65 + "]" * 65)
    rs.set_variable("huge", '{"a":' * 5000 + "1" + "}" * 5000)
    assert rs.run("Test-Json $ok; Test-Json $deep -ErrorAction SilentlyContinue; "
                  "Test-Json $huge -ErrorAction SilentlyContinue") == [True, False, False]
    assert parse_strict('["[[[", {"b": "]]]"}]') == ["[[[", {"b": "]]]"}]
