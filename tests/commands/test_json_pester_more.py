"""[Microsoft.PowerShell.Commands.JsonObject] statics (ported from JsonObject.Tests.ps1) and ConvertTo-Json
cases from Json.Tests.ps1 that were failing ([single] limits)."""

from __future__ import annotations

from typing import Any

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

JO = "[Microsoft.PowerShell.Commands.JsonObject]"


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize("text", ["$null", "''", "'  '"])
@pytest.mark.parametrize("hashtable", ["$true", "$false"])
def test_blank_input_is_null_without_error(rs: Runspace, text: str, hashtable: str) -> None:
    out = rs.run(f"$e = 'unset'; $r = {JO}::ConvertFromJson({text}, {hashtable}, [ref]$e); $null -eq $r; $null -eq $e")
    assert out == [True, True]


@pytest.mark.parametrize("hashtable", ["$true", "$false"])
def test_lenient_object(rs: Runspace, hashtable: str) -> None:
    out = rs.run(f"$e = $null; ({JO}::ConvertFromJson('{{a:1}}', {hashtable}, [ref]$e)).a; $null -eq $e")
    assert out == [1, True]


def test_two_argument_overload_makes_pscustomobject(rs: Runspace) -> None:
    out = rs.run(f"$e = $null; $r = {JO}::ConvertFromJson('{{\"a\":[1,2]}}', [ref]$e); $r.GetType().Name; $r.a.Count")
    assert out == ["PSCustomObject", 2]


def test_four_argument_overload_limits_depth(rs: Runspace) -> None:
    out = rs.run(f"$e = $null; try {{ {JO}::ConvertFromJson('[[[1]]]', $false, 2, [ref]$e) }} "
                 "catch { $_.FullyQualifiedErrorId }")
    assert out == ["ArgumentException"]


@pytest.mark.parametrize("text", ["plaintext", '{"a" :'])
@pytest.mark.parametrize("hashtable", ["$true", "$false"])
def test_invalid_json_throws_argument_exception(rs: Runspace, text: str, hashtable: str) -> None:
    out = rs.run(f"$e = $null; try {{ {JO}::ConvertFromJson('{text}', {hashtable}, [ref]$e) }} "
                 "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out[0] == "ArgumentException"
    assert out[1].startswith('Exception calling "ConvertFromJson" with "3" argument(s): "Conversion from JSON failed '
                             "with error: ")


def test_empty_key_is_error_record_unless_hashtable(rs: Runspace) -> None:
    out = rs.run(f"$e = $null; $r = {JO}::ConvertFromJson('{{\"\": \"Value\"}}', [ref]$e); $null -eq $r; "
                 "$e.FullyQualifiedErrorId; $e.Exception.GetType().FullName; \"$($e.CategoryInfo)\"; "
                 f"$h = {JO}::ConvertFromJson('{{\"\": \"Value\"}}', $true, [ref]$e); $h.Count; $h.''; $null -eq $e")
    assert out == [True, "EmptyKeyInJsonString", "System.InvalidOperationException",
                   "InvalidOperation: (:) [], InvalidOperationException", 1, "Value", True]


def test_keys_differing_in_case(rs: Runspace) -> None:
    src = "'{\"key1\": \"Value1\", \"Key1\": \"Value2\"}'"
    out = rs.run(f"$e = $null; $null = {JO}::ConvertFromJson({src}, [ref]$e); $e.FullyQualifiedErrorId; "
                 f"$e.Exception.Message; $h = {JO}::ConvertFromJson({src}, $true, [ref]$e); $h.Count; $h.key1; "
                 "$h.Key1")
    assert out == ["KeysWithDifferentCasingInJsonString",
                   "Cannot convert the JSON string because it contains keys with different casing. Please use the "
                   "-AsHashTable switch instead. The key that was attempted to be added to the existing key 'key1' "
                   "was 'Key1'.", 2, "Value1", "Value2"]


def test_wrong_argument_count(rs: Runspace) -> None:
    out = rs.run(f"try {{ {JO}::ConvertFromJson('1') }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == ["MethodCountCouldNotFindBest"]


def test_convert_to_json_with_context(rs: Runspace) -> None:
    out = rs.run(f"$c = {JO.rstrip(']')}+ConvertToJsonContext]::new(1, $true, $true); "
                 f"{JO}::ConvertToJson([ordered]@{{a=@{{b=@{{c=1}}}}; e=[System.DayOfWeek]::Monday}}, $c); "
                 f"$c = {JO.rstrip(']')}+ConvertToJsonContext]::new(2, $false, $false, 'EscapeHtml'); "
                 f"{JO}::ConvertToJson('<', $c)")
    assert out == ['{"a":{"b":"System.Collections.Hashtable"},"e":"Monday"}', '"\\u003c"']


@pytest.mark.parametrize(("expr", "json", "back"), [
    ("[single]::MaxValue", "3.4028235E+38", 3.4028235e38),
    ("[single]::MinValue", "-3.4028235E+38", -3.4028235e38),
    ("[float]0.1", "0.1", 0.1),
    ("[double]::MaxValue", "1.7976931348623157E+308", 1.7976931348623157e308),
])
def test_number_limits_round_trip(rs: Runspace, expr: str, json: str, back: Any) -> None:
    out = rs.run(f"$j = {expr} | ConvertTo-Json; $j; $j | ConvertFrom-Json")
    assert out == [json, back]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_jobject_from_pester(rs: Runspace) -> None:
    """ConvertTo-Json.Tests.ps1: JObject values added as strings are parsed as JToken.Parse does."""
    out = rs.run("$j = New-Object -TypeName Newtonsoft.Json.Linq.JObject; $j.Add('TestValue1', '123456'); "
                 "$j.Add('Text', 'not json'); $j.Add('Obj', '{\"x\":[1,true,null]}'); "
                 "@{JObject=$j} | ConvertTo-Json -Compress -Depth 5; $j.GetType().FullName; $j.ContainsKey('Text')")
    assert out == ['{"JObject":{"TestValue1":123456,"Text":"not json","Obj":{"x":[1,true,null]}}}',
                   "Newtonsoft.Json.Linq.JObject", True]


def test_jobject_duplicate_add_throws(rs: Runspace) -> None:
    out = rs.run("$j = [Newtonsoft.Json.Linq.JObject]::new(); $j.Add('a', 1); "
                 "try { $j.Add('a', 2) } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; $j.a")
    assert out == ["ArgumentException", 'Exception calling "Add" with "2" argument(s): "Can not add property a to '
                   'Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object."', 1]


def test_enum_sample_from_json_tests(rs: Runspace) -> None:
    """Json.Tests.ps1 'Convert enumerated values to Json': PSTypeName is a type name, not a property."""
    out = rs.run("$o = [pscustomobject]@{ PSTypeName = 'Test.EnumSample'; "
                 "SampleSimpleEnum = [System.Management.Automation.ActionPreference]::Ignore; "
                 "SampleBitwiseEnum = [System.Management.Automation.CommandTypes]'Alias,Function,Cmdlet' }; "
                 "ConvertTo-Json -InputObject $o -Compress; ConvertTo-Json -InputObject $o -Compress -EnumsAsStrings; "
                 "$o.PSObject.TypeNames[0]")
    assert out == ['{"SampleSimpleEnum":4,"SampleBitwiseEnum":11}',
                   '{"SampleSimpleEnum":"Ignore","SampleBitwiseEnum":"Alias, Function, Cmdlet"}', "Test.EnumSample"]


def test_experimental_features_are_off(rs: Runspace) -> None:
    """ConvertTo-Json.PSSerializeJSONLongEnumAsNumber.Tests.ps1 skips its Describe through IsEnabled."""
    out = rs.run("[ExperimentalFeature]::IsEnabled('PSSerializeJSONLongEnumAsNumber'); "
                 "[System.Management.Automation.ExperimentalFeature]::IsEnabled('PSNativeWindowsTildeExpansion'); "
                 "try { [ExperimentalFeature]::IsEnabled() } catch { $_.FullyQualifiedErrorId }")
    assert out == [False, False, "MethodCountCouldNotFindBest"]
