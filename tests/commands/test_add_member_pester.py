"""Add-Member as PowerShell's Add-Member.Tests.ps1 and its source define it: parameter sets (TypeNameSet alone,
the simplified NoteProperty syntax with numeric member types), null/empty validation before the mandatory check,
each -MemberType's checks and errors, and MemberAlreadyExists as a non-terminating error."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

_FQ = ",Microsoft.PowerShell.Commands.AddMemberCommand"


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


VALUES = [
    # TypeNameSet: -TypeName alone (a type accelerator stands for its full name)
    ("'s' | Add-Member -TypeName MyT -PassThru | % { $_.PSTypeNames[0] }", ["MyT"]),
    ("('x' | Add-Member -TypeName int -PassThru).PSTypeNames[0]", ["System.Int32"]),
    ("('string' | Add-Member -TypeName System.Object -PassThru).PSTypeNames[0]", ["System.Object"]),
    # simplified syntax: names that are not addable member types are note names; 8/16 are member types
    ("(Add-Member -InputObject a property Any -PassThru).property", ["Any"]),
    ("(Add-Member -InputObject a Method Any -PassThru).Method", ["Any"]),
    ("(Add-Member -InputObject a 23 Any -PassThru).23", ["Any"]),
    ("(Add-Member -InputObject a 8 np Any -PassThru).np", ["Any"]),
    ("(Add-Member -InputObject a 16 sp {1+1} -PassThru).sp", [2]),
    ("$o = [pscustomobject]@{}; $o | Add-Member @{n=1}; $o.n", [1]),
    ("$o = [pscustomobject]@{}; $o | Add-Member ([ordered]@{b=1;a=2}); $o.psobject.Properties.Name -join ','",
     ["b,a"]),
    # MemberSet with no value; PropertySet (not listed among the properties)
    ("$r = Add-Member -InputObject a -MemberType MemberSet -Name Name -Value $null -PassThru; $r.Length; "
     "$null -eq $r.Name.a", [1, True]),
    ("$p = [pscustomobject]@{a=1;b=2} | Add-Member -MemberType PropertySet -Name PS -Value a,b -PassThru; "
     "$p.PS.ToString(); $p.PS.ReferencedPropertyNames -join ','; $p.psobject.Properties.Name -join ','",
     ["PS {a, b}", "a,b", "a,b"]),
    # -Force replaces an instance member
    ("$o = [pscustomobject]@{a=1}; Add-Member -InputObject $o -NotePropertyName a -NotePropertyValue 2 -Force; $o.a",
     [2]),
    ("$o = [pscustomobject]@{t=1}; $o | Add-Member @{t='hello'} -Force; $o.t", ["hello"]),
]


@pytest.mark.parametrize(("src", "expected"), VALUES)
def test_add_member_values(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert [e.message for e in rs.host.errors] == []  # type: ignore[attr-defined]


def _caught(rs: Runspace, src: str) -> list[object]:
    return rs.run(f"try {{ {src}; 'no error' }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")


TERMINATING = [
    ("Add-Member -Name $null", "ParameterArgumentValidationErrorNullNotAllowed",
     "Cannot bind argument to parameter 'Name' because it is null."),
    ("Add-Member -Name ''", "ParameterArgumentValidationErrorEmptyStringNotAllowed",
     "Cannot bind argument to parameter 'Name' because it is an empty string."),
    ("Add-Member -MemberType $null", "ParameterArgumentValidationErrorNullNotAllowed",
     "Cannot bind argument to parameter 'MemberType' because it is null."),
    ("Add-Member -InputObject $null", "ParameterArgumentValidationErrorNullNotAllowed",
     "Cannot bind argument to parameter 'InputObject' because it is null."),
    ("Add-Member -InputObject a -TypeName ''", "ParameterArgumentValidationError",
     "Cannot validate argument on parameter 'TypeName'. The argument is null or empty. Provide an argument that is "
     "not null or empty, and then try the command again."),
    ("Add-Member -InputObject a -TypeName '  '", "TypeNameShouldNotBeEmpty",
     "The TypeName parameter should not be null, empty, or contain only white spaces."),
    ("Add-Member -InputObject a -NotePropertyName NoteProperty -NotePropertyValue 1", "ParameterArgumentValidationError",
     "Cannot validate argument on parameter 'NotePropertyName'. The parameter NotePropertyName cannot take values that "
     "could be converted to the type System.Management.Automation.PSMemberTypes. To define the name of a member with "
     "those values, use Add-Member, and specify the member type."),
    ("Add-Member -InputObject a -MemberType ScriptMethod -Name N -Value v -SecondValue w", "Value2ShouldNotBeSpecified",
     'The SecondValue parameter is not necessary for a member of type "ScriptMethod", and should not be specified. '
     "Do not specify the SecondValue parameter when you add members of this type."),
    ("Add-Member -InputObject a -MemberType Method -Name N", "CannotAddMemberType",
     'Cannot add a member with type "Method". Specify a different type for the MemberTypes parameter.'),
    ("Add-Member -InputObject a -MemberType Properties -Name N", "WrongMemberCount",
     'To add a member, only one member type can be specified. The member types specified are: "Properties"'),
    ("Add-Member -InputObject a -MemberType CodeProperty -Name N -Value $null -SecondValue $null",
     "Value1AndValue2AreNotBothNull", 'Both Value and SecondValue parameters should not be null for a member of type '
     '"CodeProperty". Specify a non-null value for one of the two parameters.'),
    ("Add-Member -InputObject a -MemberType ScriptProperty -Name N -Value $null", "Value1AndValue2AreNotBothNull",
     'Both Value and SecondValue parameters should not be null for a member of type "ScriptProperty". Specify a '
     "non-null value for one of the two parameters."),
    ("Add-Member -InputObject a -MemberType CodeProperty -Name N -Value something", "ConvertToFinalInvalidCastException",
     'Cannot convert the "something" value of type "System.String" to type "System.Reflection.MethodInfo".'),
    ("Add-Member -InputObject a -MemberType MemberSet -Name N -Value ImNotACollection",
     "ConvertToFinalInvalidCastException", 'Cannot convert the "ImNotACollection" value of type "System.String" to '
     'type "System.Collections.ObjectModel.Collection`1[System.Management.Automation.PSMemberInfo]".'),
    ("Add-Member -InputObject a -MemberType ScriptProperty -Name N -Value 5", "ConvertToFinalInvalidCastException",
     'Cannot convert the "5" value of type "System.Int32" to type "System.Management.Automation.ScriptBlock".'),
    ("Add-Member -InputObject a -MemberType AliasProperty -Name N -Value x -SecondValue unexistingType",
     "InvalidCastFromStringToType",
     'Cannot convert the "unexistingType" value of type "System.String" to type "System.Type".'),
    ("Add-Member -InputObject a -MemberType AliasProperty -Name N", "Value1ShouldNotBeNull",
     'The Value parameter should not be null for a member of type "AliasProperty". Specify a non-null value for the '
     "Value parameter when adding members of this type."),
    ("Add-Member -InputObject a -MemberType AliasProperty -Name N -Value Length -SecondValue $null",
     "Value2ShouldNotBeNull", 'The SecondValue parameter should not be null for a member of type "AliasProperty". '
     "Specify a non-null value for the SecondValue parameter when adding members of this type."),
]


@pytest.mark.parametrize(("src", "error_id", "message"), TERMINATING)
def test_add_member_terminating_errors(rs: Runspace, src: str, error_id: str, message: str) -> None:
    assert _caught(rs, src) == [error_id + _FQ, message]


def test_member_type_that_is_no_enum_name_fails_conversion(rs: Runspace) -> None:
    for src in ("Add-Member -MemberType ''", "Add-Member -InputObject a -MemberType AnythingElse -Name Name"):
        assert _caught(rs, src)[0] == "CannotConvertArgumentNoMessage" + _FQ


def test_existing_member_is_a_non_terminating_error(rs: Runspace) -> None:
    out = rs.run("$o = [pscustomobject]@{a=1}; "
                 "Add-Member -InputObject $o a 2 -ErrorVariable ev -ErrorAction SilentlyContinue -PassThru; "
                 "'next'; $o.a; $ev[0].FullyQualifiedErrorId; $ev[0].Exception.GetType().FullName; "
                 "[string]$ev[0].CategoryInfo.Category; $ev[0].Exception.Message")
    assert out == ["next", 1, "MemberAlreadyExists" + _FQ, "System.InvalidOperationException", "InvalidOperation",
                   'Cannot add a member with the name "a" because a member with that name already exists. To '
                   "overwrite the member anyway, add the Force parameter to your command."]


def test_force_cannot_replace_an_adapted_property(rs: Runspace) -> None:
    out = rs.run("Add-Member -InputObject abc Length 9 -Force -PassThru -ErrorVariable ev -ErrorAction "
                 "SilentlyContinue; $ev[0].FullyQualifiedErrorId; $ev[0].Exception.Message")
    assert out == ["CannotRemoveTypeDataMember" + _FQ, 'Cannot force the member with name "Length" and type '
                   '"Property" to be added. A member with that name and type already exists, and the existing member '
                   "is not an instance extension."]


def test_piped_null_is_refused_per_item(rs: Runspace) -> None:
    out = rs.run("$null | Add-Member -TypeName X -ErrorVariable ev -ErrorAction SilentlyContinue; 'after'; "
                 "$ev[0].FullyQualifiedErrorId")
    assert out == ["after", "ParameterArgumentValidationErrorNullNotAllowed" + _FQ]


def test_empty_note_property_members_fail_validation(rs: Runspace) -> None:
    assert _caught(rs, "Add-Member -InputObject a -NotePropertyMembers @{}")[0] == "ParameterArgumentValidationError" + _FQ


def test_multi_member_empty_key_is_non_terminating(rs: Runspace) -> None:
    out = rs.run("$o = [pscustomobject]@{}; Add-Member -InputObject $o @{''=1; b=2} -ErrorVariable ev "
                 "-ErrorAction SilentlyContinue; $o.b; $ev[0].FullyQualifiedErrorId")
    assert out == [2, "NotePropertyNameShouldNotBeNull" + _FQ]
