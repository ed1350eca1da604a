"""Conformance fixes from the Pester/docs triage: [ref], [type] objects, TryParse/Parse statics, [array]::,
[version], array casts of $null, char ranges, MatchEvaluator, FileInfo/DirectoryInfo::new.

Expected values are what PowerShell 7 prints (about_Ref, about_Arrays, about_Type_Operators, about_Booleans and
the Pester files Scripting/Array, Operators/RangeOperator, Operators/ReplaceOperator of PowerShell/PowerShell).
"""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


CASES = [
    # [ref]: to a variable, to a value, through [ref] parameters and .NET-like out parameters
    ("$r = 0; [int]::TryParse('7', [ref]$r); $r", [True, 7]),
    ("$r = 5; [int]::TryParse('x', [ref]$r); $r", [False, 0]),
    ("$d = 0.0; [double]::TryParse('1.5', [ref]$d); $d", [True, 1.5]),
    ("function f([ref]$x) { $x.Value = 2 }; $v = 1; f ([ref]$v); $v", [2]),
    ("function g { param([ref]$p) $p.Value += 1 }; $n = 1; g -p ([ref]$n); g ([ref]$n); $n", [3]),
    ("$a = 1; $r = [ref]$a; $r.Value = 5; $a; ([ref]5).Value", [5, 5]),
    ("$r = [ref]$nosuch; $r.Value = 3; $nosuch", [3]),
    ("[int]$t = 1; $r = [ref]$t; $r.Value = '42'; $t.GetType().Name", ["Int32"]),
    ("$x = 1; function h { $r = [ref]$x; $r.Value = 9 }; h; $x", [9]),
    # Parse statics of the primitive types
    ("[bool]::Parse('false'); [bool]::Parse(' TRUE '); [bool]::TrueString; [bool]::FalseString",
     [False, True, "True", "False"]),
    ("[char]::IsDigit('5'); [char]::IsLetter('5'); [char]::IsUpper('abC', 2); [char]::IsWhiteSpace(' ')",
     [True, False, True, True]),
    ("[long]::Parse('99999999999'); [int]::Parse(' -12 ').GetType().Name", [99999999999, "Int32"]),
    # [type] values
    ("([type]'int').FullName; ('System.String' -as [type]).Name; $null -eq ('nosuch' -as [type])",
     ["System.Int32", "String", True]),
    ("[int].BaseType.FullName; [int].IsValueType; [string].IsValueType; [int].IsPublic; [int].IsSerializable",
     ["System.ValueType", True, False, True, True]),
    ("(1, 2).GetType().BaseType.FullName; [int[]].IsArray; [int[]].GetElementType().Name; [int].GetElementType() -eq $null",
     ["System.Array", True, "Int32", True]),
    ("[ConsoleColor].IsEnum; [ConsoleColor].BaseType.Name; [ValueType].IsAssignableFrom([int]); "
     "[int].IsAssignableFrom([string]); [object].IsAssignableFrom([string])",
     [True, "Enum", True, False, True]),
    ("[System.Collections.IList].IsAssignableFrom([object[]]); [System.Collections.IList].IsInterface",
     [True, True]),
    ("[string].Namespace; [object].BaseType -eq $null; [System.IO.FileInfo].BaseType.Name",
     ["System", True, "FileSystemInfo"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_types_triage(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
    assert _errors(rs) == []


ERRORS = [
    ("[int]::Parse('x')",
     'Exception calling "Parse" with "1" argument(s): "The input string \'x\' was not in a correct format."',
     "FormatException"),
    ("[int]::Parse('99999999999')",
     'Exception calling "Parse" with "1" argument(s): "Value was either too large or too small for an Int32."',
     "OverflowException"),
    ("[bool]::Parse('Not True')",
     'Exception calling "Parse" with "1" argument(s): "String \'Not True\' was not recognized as a valid Boolean."',
     "FormatException"),
    ("[type]'nosuch'", 'Cannot convert the "nosuch" value of type "System.String" to type "System.Type".',
     "InvalidCastFromStringToType"),
]


@pytest.mark.parametrize(("src", "message", "error_id"), ERRORS)
def test_types_triage_errors(rs: Runspace, src: str, message: str, error_id: str) -> None:
    out = rs.run(f"try {{ {src} }} catch {{ $_.Exception.Message; $_.FullyQualifiedErrorId }}")
    assert out == [message, error_id]


def test_type_table_display() -> None:
    """(22,5).GetType() shows pwsh's RuntimeType table with IsPublic, IsSerial and BaseType filled in."""
    from pyshell.formatting import OutDefault

    load_builtins()
    rs = Runspace(CollectingHost())
    value = rs.run("(22, 5).GetType()")[0]
    out = OutDefault(120)
    text = out.feed(value) + out.finish()
    assert "True     True     Object[]" in text
    assert text.rstrip().endswith("System.Array")
