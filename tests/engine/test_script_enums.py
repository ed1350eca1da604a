"""`enum` declarations in script, as scripting.enums.tests.ps1 of PowerShell/PowerShell checks them."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


CASES = [
    ("enum E1\n{\n    e0\n    e1\n    e2\n}\n[E1]::e0 -eq [E1]0; [E1]::e1 -eq [E1]1; [E1]::e2 -eq [E1]2; [E1]::e1 -eq 'e1'; 'e2' -eq [E1]::e2",
     [True, True, True, True, True]),
    ("enum E2 { e0; e1 = 5; e2 }; [int][E2]::e0; [int][E2]::e1; [int][E2]::e2; [E2]6", [0, 5, 6, "e2"]),
    ("enum E3 {\n e0\n e1 = 5\n e2 = [int]::MaxValue\n e3 = 1 # not an error after MaxValue\n}\n"
     "[E3]::e2.value__; [E3]::e3 -eq [E3]1; [E3]::e2 -eq 'e2'", [2147483647, True, True]),
    # initializers may use other enums defined before
    ("enum E6 { e0 =38 }; enum E5 { e0 = [E6]::e0 + 2 }; enum E4 { e0 = [E5]::e0 + 2 }; "
     "[E4]::e0 -eq [E4]42; [E5]::e0.value__; [E6]::e0.value__", [True, 40, 38]),
    ("enum EX1 : byte { A;B;C;D }; enum EX7 : long { A;B }; enum EX8 : ulong { A }; "
     "[Enum]::GetUnderlyingType([EX1]) -eq [byte]; [Enum]::GetUnderlyingType([EX7]).Name; "
     "[Enum]::GetUnderlyingType([EX8]) -eq [ulong]", [True, "Int64", True]),
    ("enum V1 {\n    A = -4\n    B = [int]::MinValue\n    C\n}\n[V1]::A.value__; [V1]::B.value__; [V1]::C.value__",
     [-4, -2147483648, -2147483647]),
    # the type name is case-insensitive; its values are typed enum values
    ("enum Color { Red; Green }; [color]::green; ([Color]'red').GetType().FullName; [Color]::Green -is [enum]; "
     "[enum]::GetNames([Color]) -join ','", ["Green", "Color", True, "Red,Green"]),
    # [Flags()] enums list their set members
    ("[Flags()] enum Fixins { None = 0; Pickles = 1; Onions = 2; Mustard = 4 }; [Fixins]'Pickles, Onions'; [Fixins]7; "
     "[Fixins]0; ([Fixins]::Pickles -bor [Fixins]::Mustard).value__", ["Pickles, Onions", "Pickles, Onions, Mustard", "None", 5]),
    ("[Flags()]\nenum F2 { A = 1; B = 2 }\n[F2]3", ["A, B"]),
    # an enum-typed parameter converts its argument
    ("enum CleanLevel { Lazy; Normal; Compulsive }; function Invoke-Cleanup { param([CleanLevel]$Thoroughness = 'Normal') "
     "\"$Thoroughness-style\"; $Thoroughness.GetType().Name }; Invoke-Cleanup; Invoke-Cleanup compulsive",
     ["Normal-style", "CleanLevel", "Compulsive-style", "CleanLevel"]),
    # the declaration itself writes nothing
    ("@(enum Quiet { A }).Count", [0]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_enum_declaration_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


PARSE_ERRORS = [
    ("enum", "MissingNameAfterKeyword", "Missing name after enum keyword."),
    ("enum foo", "MissingTypeBody", "Missing 'enum' body in 'enum' declaration."),
    ("enum foo {", "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition."),
    ("enum foo { a;b;c;", "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition."),
    ("enum foo { x = }", "ExpectedValueExpression", "You must provide a value expression following the '=' operator."),
    ("enum foo { e = $foo }", "EnumeratorValueMustBeConstant", "Enumerator value must be a constant value."),
]


@pytest.mark.parametrize(("src", "error_id", "message"), PARSE_ERRORS)
def test_enum_parse_errors(rs: Runspace, src: str, error_id: str, message: str) -> None:
    out = rs.run(f"try {{ Invoke-Expression '{src}' }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert out == [error_id, message]


RUNTIME_ERRORS = [
    ("enum foo { x; x }", "MemberAlreadyDefined", "The member 'x' is already defined."),
    ("enum foo { X; x }", "MemberAlreadyDefined", "The member 'x' is already defined."),
    ("enum foo { e = [int]::MaxValue;  e2 }", "EnumeratorValueOutOfBounds",
     "Enumerator value is either too large or too small for int."),
    ("enum foo { e = [int]::MaxValue + 1 }", "EnumeratorValueOutOfBounds",
     "Enumerator value is either too large or too small for int."),
    ("enum foo : byte { e = -1 }", "EnumeratorValueOutOfBounds",
     "Enumerator value is either too large or too small for byte."),
    ('enum foo { e = "hello" }', "CannotConvertValue", 'Cannot convert the value to type "int".'),
    ("enum foo : string { a }", "InvalidUnderlyingType",
     "'string' is not a valid underlying type for enums. Expected a builtin integral type (one of byte, sbyte, short, "
     "ushort, int, uint, long or ulong)"),
]


@pytest.mark.parametrize(("src", "error_id", "message"), RUNTIME_ERRORS)
def test_enum_definition_errors(rs: Runspace, src: str, error_id: str, message: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert out == [error_id, message]


BNOT_TYPES = ["sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong"]


@pytest.mark.parametrize("base", BNOT_TYPES)
def test_bnot_on_enums_stays_in_the_enum_type(rs: Runspace, base: str) -> None:
    # BNotOperator.Tests.ps1: -bnot of each enum member is its mirror member, typed as the enum
    lo, hi = rs.run(f"[{base}]::MinValue; [{base}]::MaxValue")
    members = f"Min = {lo}; MinPlus1 = {lo + 1}; MaxMinus1 = {hi - 1}; Max = {hi}"
    out = rs.run(f"enum E_{base} : {base} {{ {members} }}; $e = [E_{base}]; "
                 "(-bnot $e::MaxMinus1) -eq $e::MinPlus1; (-bnot $e::MinPlus1) -eq $e::MaxMinus1; "
                 "(-bnot $e::Max) -eq $e::Min; (-bnot $e::Min) -eq $e::Max; (-bnot $e::Max).GetType().Name")
    assert out == [True, True, True, True, f"E_{base}"]
