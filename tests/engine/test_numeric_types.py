"""Numeric types and enums as pwsh 7 types them: literals, arithmetic promotion, bitwise operators, casts.

Expected values come from about_Numeric_Literals, PowerShell's Binders (the operation type is the wider
operand type; overflow gives a Double), and the Pester files Parser.Tests.ps1, BNotOperator.Tests.ps1,
ArithmeticOperators.Tests.ps1 and scripting.enums.tests.ps1 of PowerShell/PowerShell.
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


LITERALS = [
    # the examples table of about_Numeric_Literals: (literal, type name, value)
    ("100", "Int32", 100), ("100u", "UInt32", 100), ("100D", "Decimal", 100), ("100l", "Int64", 100),
    ("100uL", "UInt64", 100), ("100us", "UInt16", 100), ("100uy", "Byte", 100), ("100y", "SByte", 100),
    ("1e2", "Double", 100), ("1.e2", "Double", 100), ("0x1e2", "Int32", 482), ("0x1e2L", "Int64", 482),
    ("0x1e2D", "Int32", 7725), ("482D", "Decimal", 482), ("482gb", "Int64", 517543559168),
    ("482ngb", "BigInteger", 517543559168), ("0x1e2lgb", "Int64", 517543559168), ("0b1011011", "Int32", 91),
    ("0xFFFFs", "Int16", -1), ("0xFFFFFFFF", "Int32", -1), ("-0xFFFFFFFF", "Int32", 1),
    ("0xFFFFFFFFu", "UInt32", 4294967295), ("100s", "Int16", 100), ("5n", "BigInteger", 5),
    # plain integers: Int32, then Int64, then Decimal, then Double by size
    ("2147483647", "Int32", 2147483647), ("2147483648", "Int64", 2147483648),
    ("9223372036854775808", "Decimal", 9223372036854775808),
    ("0xFFFFFFFFFFFFFFFF", "Int64", -1), ("0x7FFFFFFF", "Int32", 2147483647), ("0x80000000", "Int32", -2147483648),
    ("4294967296u", "UInt64", 4294967296), ("-5L", "Int64", -5), ("1.2L", "Int64", 1), ("1.2345e1L", "Int64", 12),
    ("1kb", "Int32", 1024), ("1Lkb", "Int64", 1024), ("1.5", "Double", 1.5),
]


@pytest.mark.parametrize(("literal", "type_name", "value"), LITERALS)
def test_numeric_literal_type_and_value(rs: Runspace, literal: str, type_name: str, value: object) -> None:
    assert rs.run(f"$x = {literal}; $x.GetType().Name; $x") == [type_name, value]


CASES = [
    # multiplier examples of about_Numeric_Literals, printed as pwsh prints them
    ("1kb; 0x10Gb; 0x12Lpb", [1024, 17179869184, 20266198323167232]),
    ("[string]1.30Dmb; [string]1.4e23tb", ["1363148.80", "1.5393162788864E+35"]),
    ("[string]111111111111111111111111111111111111111111111111111111n",
     ["111111111111111111111111111111111111111111111111111111"]),
    # Int32 overflow becomes Double (IntOps), so does Int64 overflow
    ("$r = [int]::MaxValue + 1; $r.GetType().Name; $r", ["Double", 2147483648.0]),
    ("([long]::MaxValue + 1).GetType().Name; ([int]::MinValue - 1).GetType().Name", ["Double", "Double"]),
    ("([int]::MaxValue * 2).GetType().Name; (2147483647 + 0).GetType().Name", ["Double", "Int32"]),
    # types narrower than Int32 compute in Int32; Int64 stays Int64
    ("$r = [byte]255 + 1; $r.GetType().Name; $r", ["Int32", 256]),
    ("([byte]1 + [byte]1).GetType().Name; ([int16]5 * 2).GetType().Name; ([sbyte]1 - 1).GetType().Name",
     ["Int32", "Int32", "Int32"]),
    ("([long]1 + 1).GetType().Name; (1 + [long]1).GetType().Name; ([int64]3 * 2).GetType().Name",
     ["Int64", "Int64", "Int64"]),
    # unsigned with a negative signed operand moves to Int64 (UInt32) / the result overflows to Double
    ("([uint32]5 + 1).GetType().Name; ([uint32]5 + -1).GetType().Name; ([uint32]0 - [uint32]1).GetType().Name",
     ["UInt32", "Int64", "Double"]),
    ("([uint64]5 - 1).GetType().Name; [uint64]::MaxValue; ([uint64]::MaxValue + 1).GetType().Name",
     ["UInt64", 18446744073709551615, "Double"]),
    # division: exact integer division keeps the type, otherwise Double
    ("(6 / 3).GetType().Name; 7 / 2; ([long]6 / 3).GetType().Name; ([int]::MinValue / -1).GetType().Name",
     ["Int32", 3.5, "Int64", "Double"]),
    ("7 % 3; -7 % 3; 7 % -3; 7.5 % 2; ([long]7 % 3).GetType().Name", [1, -1, 1, 1.5, "Int64"]),
    # decimals keep their scale and win over integers and doubles
    ("[string](1.10d * 2); [string](1d / 4); [string](0.1d + 0.2d); [string](10d / 4)", ["2.20", "0.25", "0.3", "2.5"]),
    ("(1.5d + 1).GetType().Name; (1 + 1.5d).GetType().Name; (1d + 0.5).GetType().Name; (2.5 * 2d).GetType().Name",
     ["Decimal", "Decimal", "Decimal", "Decimal"]),
    ("[string]1.10d; \"$(1.10d)\"; [string][decimal]'1.10'; [string]([decimal]1 / 3)",
     ["1.10", "1.10", "1.10", "0.3333333333333333333333333333"]),
    ("1.5d -eq 1.5; 1.1d -eq '1.1'; 2d -gt 1; 1 -lt 1.5d; [bool]0d; [bool]0.5d", [True, True, True, True, False, True]),
    # doubles
    ("(1 + 1.5).GetType().Name; ([float]1 + 1).GetType().Name; [string][float]0.1; ([float]1).GetType().Name",
     ["Double", "Double", "0.1", "Single"]),
    # -bnot per BNotOperator.Tests.ps1: narrow types give Int32, others keep their type
    ("-bnot 0; (-bnot [uint32]0).GetType().Name; -bnot [uint32]0; (-bnot [long]0).GetType().Name",
     [-1, "UInt32", 4294967295, "Int64"]),
    ("(-bnot [byte]0).GetType().Name; -bnot [byte]0; -bnot [uint16]::MaxValue; (-bnot [sbyte]::MaxValue).GetType().Name",
     ["Int32", -1, -65536, "Int32"]),
    ("$m = [uint64]::MaxValue; (-bnot $m).GetType().Name; -bnot $m; -bnot [int64]::MaxValue",
     ["UInt64", 0, -9223372036854775808]),
    ("$m = [int]::MaxValue - 1; -bnot $m; (-bnot [int]::MinValue)", [-2147483647, 2147483647]),
    # bitwise: doubles take part as Int64; shifts mask the count by the operand width
    ("0x0F0F -band 14.6; (0x0F0F -band 14.6).GetType().Name; 0x0F0F -bor 0xFEL; (0x0F0F -bor 0xFEL).GetType().Name",
     [15, "Int64", 4095, "Int64"]),
    ("1 -shl 31; 1 -shl 32; [long]1 -shl 40; -8 -shr 1; 6 -bxor 3; 0xFFFFFFFF -band 0xFF", [-2147483648, 1, 1099511627776, -4, 5, 255]),
    ("([uint32]1 -bor 2).GetType().Name; (-bnot 10); -bnot '0xabc'; -bnot $null", ["UInt32", -11, -2749, -1]),
    # casts: banker's rounding, hex strings, ranges
    ("[int]'0x10'; [int]3.5; [int]2.5; [int]-2.5; [int]'3.5'; [long]2.5", [16, 4, 2, -2, 4, 2]),
    ("[long]::MaxValue; [long]::MinValue; ([long]::MaxValue).GetType().Name; ([int64]5).GetType().Name",
     [9223372036854775807, -9223372036854775808, "Int64", "Int64"]),
    ("[uint64]'18446744073709551615'; [bigint]'111111111111111111111111111111'; ([bigint]5).GetType().Name",
     [18446744073709551615, 111111111111111111111111111111, "BigInteger"]),
    ("[int]'1kb'; [byte]'255'; [sbyte]-128; ([byte]200).GetType().Name; ([uint16]7).GetType().Name",
     [1024, 255, -128, "Byte", "UInt16"]),
    ("[int][ConsoleColor]::Red; [long][ConsoleColor]::Red; ([long][ConsoleColor]::Red).GetType().Name", [12, 12, "Int64"]),
    # -is and GetType agree
    ("[long]5 -is [int]; [long]5 -is [long]; 5 -is [long]; 5 -is [int]; [byte]5 -is [byte]; 1.5d -is [decimal]",
     [False, True, False, True, True, True]),
    ("(1.5d).GetType().FullName; [byte]1 -is [System.ValueType]; 1d -is [System.ValueType]",
     ["System.Decimal", True, True]),
    # typed values keep their type through variables and arrays
    ("$a = [long]1; $b = $a; $b.GetType().Name; @([byte]1, 2)[0].GetType().Name", ["Int64", "Byte"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


ENUM_CASES = [
    ("[int][ConsoleColor]::Red; [ConsoleColor]::Red + 1; ([ConsoleColor]::Red + 1).GetType().Name",
     [12, "Magenta", "ConsoleColor"]),
    ("[ConsoleColor]12; [ConsoleColor]'red'; ([ConsoleColor]::Red).value__; [ConsoleColor]::Red - 1",
     ["Red", "Red", 12, "Cyan"]),
    ("[ConsoleColor]::Red -eq 'RED'; [ConsoleColor]::Red -eq 12; 12 -eq [ConsoleColor]::Red; 'red' -eq [ConsoleColor]::Red",
     [True, True, True, True]),
    ("[ConsoleColor]::Red -gt [ConsoleColor]::Blue; [ConsoleColor]::Red -lt 13; [ConsoleColor]::Red -ne 'Blue'",
     [True, True, True]),
    # [Flags] enums: ToString lists the set members; strings with commas or-combine
    ("[System.IO.FileAttributes]3; [System.IO.FileAttributes]'ReadOnly, Hidden'; ([System.IO.FileAttributes]'Hidden,ReadOnly').value__",
     ["ReadOnly, Hidden", "ReadOnly, Hidden", 3]),
    ("[System.IO.FileAttributes]'Hidden,ReadOnly' -eq 3; [System.IO.FileAttributes]'Hidden,ReadOnly' -eq 'ReadOnly, Hidden'",
     [True, True]),
    ("$t = [System.Management.Automation.CommandTypes]; $t::Alias -bor $t::Function; ($t::Alias -bor $t::Function).GetType().Name",
     ["Alias, Function", "CommandTypes"]),
    ("$f = [System.IO.FileAttributes]'ReadOnly, Hidden'; $f -band [System.IO.FileAttributes]::Hidden; "
     "[bool]($f -band [System.IO.FileAttributes]::Directory); $f.HasFlag([System.IO.FileAttributes]::Hidden); $f.HasFlag('Directory')",
     ["Hidden", False, True, False]),
    ("[System.IO.FileAttributes]::Directory -bxor [System.IO.FileAttributes]::Directory; [System.IO.FileAttributes]48",
     ["0", "Directory, Archive"]),
    ("[System.Management.Automation.CommandTypes]::All; [System.Management.Automation.CommandTypes]383",
     ["All", "All"]),
    # [enum]:: statics
    ("[enum]::GetNames([System.DayOfWeek]) -join ','; [enum]::GetValues([System.DayOfWeek])[1]; [enum]::GetValues([ConsoleColor]).Count",
     ["Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday", "Monday", 16]),
    ("[enum]::Parse([ConsoleColor], 'blue'); [enum]::IsDefined([ConsoleColor], 3); [enum]::IsDefined([ConsoleColor], 'Purple')",
     ["Blue", True, False]),
    ("[enum]::ToObject([ConsoleColor], 4); [enum]::GetName([ConsoleColor], 4); ([enum]::ToObject([ConsoleColor], 4)).GetType().Name",
     ["DarkRed", "DarkRed", "ConsoleColor"]),
    ("[enum]::GetValues([ConsoleColor])[0].GetType().FullName; [enum]::Format([ConsoleColor], 12, 'D')",
     ["System.ConsoleColor", "12"]),
    ("([ConsoleColor]::Red).GetType().FullName; [ConsoleColor]::Red -is [enum]; [ConsoleColor]::Red -is [System.ValueType]",
     ["System.ConsoleColor", True, True]),
    ("\"$([ConsoleColor]::Red)\"; [string][ConsoleColor]::Red; [ConsoleColor]::Red.ToString(); [bool][ConsoleColor]::Black",
     ["Red", "Red", "Red", False]),
    ("-bnot [ConsoleColor]::Black; (-bnot [ConsoleColor]::Black).GetType().Name", ["-1", "ConsoleColor"]),
    ("[ConsoleColor]::Red.ToString('D'); [ConsoleColor]::Red.ToString(); [ConsoleColor]::Red.ToString('x')",
     ["12", "Red", "0000000C"]),
    # a name on the right of -band/-bor converts to the left enum's type
    ("[IO.FileAttributes]3 -band 'Hidden'; [IO.FileAttributes]3 -bor 'Directory'", ["Hidden", "ReadOnly, Hidden, Directory"]),
    ("[System.Management.Automation.ActionPreference]::Stop; [int][System.Management.Automation.ActionPreference]'Continue'",
     ["Stop", 2]),
    ("[ConsoleColor[]]('Red', 'blue') -join ','; [ConsoleColor]::Red, [ConsoleColor]::Blue | Sort-Object",
     ["Red,Blue", "Blue", "Red"]),
]


@pytest.mark.parametrize(("src", "expected"), ENUM_CASES)
def test_enums_match_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


ERRORS = [
    ("[byte]256", 'Cannot convert value "256" to type "System.Byte". Error: "Value was either too large or too small '
                  'for an unsigned byte."'),
    ("[sbyte]200", 'Cannot convert value "200" to type "System.SByte". Error: "Value was either too large or too small '
                   'for a signed byte."'),
    ("[uint32]-1", 'Cannot convert value "-1" to type "System.UInt32". Error: "Value was either too large or too small '
                   'for a UInt32."'),
    ("[int]1e10", 'Cannot convert value "10000000000" to type "System.Int32". Error: "Value was either too large or too '
                  'small for an Int32."'),
    ("[ConsoleColor]'Purple'", 'Cannot convert value "Purple" to type "System.ConsoleColor". Error: "Unable to match '
                               'the identifier name Purple to a valid enumerator name. Specify one of the following '
                               'enumerator names and try again:\nBlack, DarkBlue, DarkGreen, DarkCyan, DarkRed, '
                               'DarkMagenta, DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White"'),
    ("[ConsoleColor]99", 'Cannot convert value "99" to type "System.ConsoleColor". Error: "Unable to match the identifier '
                         'name 99 to a valid enumerator name. Specify one of the following enumerator names and try '
                         'again:\nBlack, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray, '
                         'DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White"'),
    ("[decimal]1e30", 'Cannot convert value "1E+30" to type "System.Decimal". Error: "Value was either too large or too '
                      'small for a Decimal."'),
    ("1 / 0d", "Attempted to divide by zero."),
    ("[long]1 % 0", "Attempted to divide by zero."),
    ("[decimal]::MaxValue + 1", "Value was either too large or too small for a Decimal."),
    ("[Convert]::ToByte('1FF', 16)", 'Exception calling "ToByte" with "2" argument(s): "Value was either too large or '
                                     'too small for an unsigned byte."'),
    ("[enum]::GetValues([int])", 'Exception calling "GetValues" with "1" argument(s): "Type provided must be an Enum. '
                                 "(Parameter 'enumType')\""),
]


@pytest.mark.parametrize(("src", "message"), ERRORS)
def test_error_message(rs: Runspace, src: str, message: str) -> None:
    assert rs.run(src) == []
    assert _errors(rs) == [message]


def test_cast_overflow_error_id(rs: Runspace) -> None:
    assert rs.run("try { [byte]256 } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }") == [
        "InvalidCastIConvertible", "InvalidArgument"]


@pytest.mark.parametrize("literal", ["1usgb", "256uy", "128y", "0x1FFFFs", "4294967296us", "1e400l", "1e400"])
def test_bad_numeric_constant_is_a_parse_error(rs: Runspace, literal: str) -> None:
    out = rs.run(f"try {{ Invoke-Expression '{literal}' }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert out[0].startswith("BadNumericConstant")
    assert out[1] == f"The numeric constant {literal} is not valid."


def test_hex_literal_beyond_int64_is_a_parse_error(rs: Runspace) -> None:
    out = rs.run("try { Invoke-Expression '0x1FFFFFFFFFFFFFFFF' } catch { $_.Exception.Message }")
    assert out == ["The numeric constant 0x1FFFFFFFFFFFFFFFF is not valid."]


MORE_CASES = [
    # Conversions.Tests.ps1: strings with a pwsh type suffix convert as the literal would
    ("'100y' -as [int]; ('100uy' -as [double]).GetType().Name; '1200u' -as [short]; '1200L' -as [int]; '127d' -as [byte]",
     [100, "Double", 1200, 1200, 127]),
    ("('127s' -as [sbyte]).GetType().Name; ('1234s' -as [bigint]).GetType().Name; '100n' -as [int]; '127ul' -as [ulong]",
     ["SByte", "BigInteger", 100, 127]),
    ("$null -eq ('200y' -as [int]); $null -eq ('300uy' -as [int]); $null -eq ('70000us' -as [int]); $null -eq ('40000s' -as [int])",
     [True, True, True, True]),
    # the left operand decides: a number on the left converts the string, a string on the left compares text
    ("[int]'0xFFFFFFFF'; [int]'-0x10'; 0xFFFFFFFF -eq '0xFFFFFFFF'; '0xFFFFFFFF' -eq 0xFFFFFFFF; [long]'0x7FFFFFFFFFFFFFFF'",
     [-1, -16, True, False, 9223372036854775807]),
    # $null and booleans cast to every numeric type keep that type
    ("($null -as [byte]).GetType().Name; ($null -as [decimal]).GetType().Name; ($null -as [float]).GetType().Name; "
     "($null -as [bigint]).GetType().Name", ["Byte", "Decimal", "Single", "BigInteger"]),
    ("($true -as [ushort]).GetType().Name; $true -as [decimal]; ($false -as [sbyte]); ($true -as [ulong]).GetType().Name",
     ["UInt16", 1, 0, "UInt64"]),
    # [float] prints with 7 significant digits (G7), [double] with 15; [float] holds float32 precision
    ("[string][float]::MaxValue; [string][float]::MinValue; [string][float]1.1; [string]([float]1.1 * 3); "
     "([float]1.1 * 3).GetType().Name; [float]0.1 -eq 0.1",
     ["3.402823E+38", "-3.402823E+38", "1.1", "3.30000007152557", "Double", False]),
    # array of one enum converts to bool by its value (Conversions.Tests.ps1)
    ("[bool]@([ConsoleColor]::Black); [bool]@([ConsoleColor]::Yellow); ([System.Management.Automation.ActionPreference]'Stop').ToString()",
     [False, True, "Stop"]),
    # ++/-- keep the type (and overflow to Double like +)
    ("$i = [long]1; $i++; $i.GetType().Name; $b = [byte]255; $b++; $b; $b.GetType().Name; $s = '5'; $s++; $s",
     ["Int64", 256, "Int32", 6]),
    ("$x = [int]::MaxValue; $x++; $x.GetType().Name; $e = [ConsoleColor]::Red; $e++; $e; $n = $null; $n--; $n",
     ["Double", "Magenta", -1]),
    ("$d = 1.5d; $d += 1; $d; $d.GetType().Name; $l = 5L; $l *= 2; $l.GetType().Name", [2.5, "Decimal", "Int64"]),
    # format strings
    ("'{0:N2}' -f 1.5d; '{0:D}|{0:X}|{0:G}' -f [ConsoleColor]::Red; (1.5d).ToString('N3'); (5L).ToString('D4')",
     ["1.50", "12|0000000C|Red", "1.500", "0005"]),
    # ConvertTo-Json writes enums as numbers (names with -EnumsAsStrings) and decimals as numbers
    ("@{a = 1.5d} | ConvertTo-Json -Compress; [ConsoleColor]::Red | ConvertTo-Json; "
     "[ConsoleColor]::Red | ConvertTo-Json -EnumsAsStrings; [long]5 | ConvertTo-Json",
     ['{"a":1.5}', "12", '"Red"', "5"]),
    # [Convert] with a base reads and writes two's complement; [bigint] statics
    ("[Convert]::ToInt32('FF', 16); [Convert]::ToInt32('FFFFFFFF', 16); [Convert]::ToInt64('FF', 16).GetType().Name; "
     "[Convert]::ToString(-1, 2).Length; [Convert]::ToString([long]-1, 16); [Convert]::ToInt32(2.5)",
     [255, -1, "Int64", 32, "ffffffffffffffff", 2]),
    ("[string][bigint]::Pow(2, 100); ([bigint]::Pow(2, 100)).GetType().Name; ([bigint]::Pow(2, 100) + 1).GetType().Name",
     ["1267650600228229401496703205376", "BigInteger", "BigInteger"]),
    ("(5n / 2); (5n / 2).GetType().Name; -7n % 3", [2, "BigInteger", -1]),
    # switch and -in compare enums by value
    ("switch ([ConsoleColor]::Red) { 'red' { 'matched' } }; 12 -in @([ConsoleColor]::Red); [ConsoleColor]::Red -in 'Blue', 'Red'",
     ["matched", True, True]),
]


@pytest.mark.parametrize(("src", "expected"), MORE_CASES)
def test_more_matches_powershell(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_typed_numbers_survive_the_wire() -> None:
    from pyshell.numeric import Byte, Int64, PSDecimal, Single, UInt64
    from pyshell.wire.serialize import deserialize, serialize

    values = [Int64(5), Byte(7), UInt64(2**64 - 1), PSDecimal("1.10"), Single(0.5), 3, 2.5]
    back = deserialize(serialize(values))
    assert [type(v).__name__ for v in back] == ["Int64", "Byte", "UInt64", "PSDecimal", "Single", "int", "float"]
    assert back == values and str(back[3]) == "1.10"


def test_typed_literal_values_are_int_subclasses() -> None:
    # plain ints stay the Int32/Int64 representation; only explicit types are tagged
    from pyshell.language.parser import parse

    script = parse("5; 5L; 2147483648")
    values = [s.elements[0].expression.value for s in script.end.statements]  # type: ignore[union-attr]
    assert [type(v).__name__ for v in values] == ["int", "Int64", "int"]
