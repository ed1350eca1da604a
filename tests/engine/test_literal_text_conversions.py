"""Two string-conversion rules of pwsh: a numeric literal argument keeps its text (PSObject.TokenText), and a
Type converts to string as its builtin accelerator name (ToStringCodeMethods.Type), unlike Type.ToString()."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.conversions import to_string
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture(scope="module")
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def texts(rs: Runspace, script: str) -> list[str]:
    return [to_string(v) for v in rs.run(script)]


@pytest.mark.parametrize(("arg", "expected"), [
    ("1.10", "1.10"), ("0x10", "0x10"), ("1e3", "1e3"), ("1.0d", "1.0d"), ("1kb", "1kb"), ("10L", "10L"),
    ("0b101", "0b101"), ("-1.50", "-1.50"), ("42", "42"), ("1.5", "1.5"),
])
def test_string_parameter_gets_literal_text(rs: Runspace, arg: str, expected: str) -> None:
    assert texts(rs, f"function f([string]$s) {{ $s }}; f {arg}") == [expected]


def test_named_and_colon_forms(rs: Runspace) -> None:
    assert texts(rs, "function f([string]$s) { $s }; f -s 1.10; f -s:0x10") == ["1.10", "0x10"]


def test_version_parameter_parses_the_text(rs: Runspace) -> None:
    assert texts(rs, "function g([version]$v) { $v.ToString() }; g 2.0; g -v 1.10") == ["2.0", "1.10"]


def test_string_array_and_remaining_arguments(rs: Runspace) -> None:
    assert texts(rs, "function s([string[]]$a) { $a -join '|' }; s 1.10") == ["1.10"]
    script = "function r { param([Parameter(ValueFromRemainingArguments)][string[]]$rest) $rest -join '|' }; r 1.10 0x10"
    assert texts(rs, script) == ["1.10|0x10"]


def test_numeric_parameters_still_get_numbers(rs: Runspace) -> None:
    assert rs.run("function k([double]$d) { $d }; k 1.10") == [1.1]
    assert rs.run("function p([int]$a) { $a }; p 0x10") == [16]


def test_untyped_parameter_and_args_act_as_the_number(rs: Runspace) -> None:
    """pwsh issue 24018: the wrapped value is still an [int] and does arithmetic, but stringifies as written."""
    out = texts(rs, 'function h($n) { "[$n]"; $n -is [int]; $n + 1; [string]$n; [int]$n }; h 0x10')
    assert out == ["[0x10]", "True", "17", "0x10", "16"]
    assert texts(rs, 'function a { "$args"; $args[0] + 1 }; a 1.10 0x10') == ["1.10 0x10", "2.1"]


def test_set_variable_keeps_the_text(rs: Runspace) -> None:
    """pwsh issue 9157: Set-Variable num 0xa; $num shows 0xa."""
    assert texts(rs, "Set-Variable num 0xa; $num; $num + 1") == ["0xa", "11"]


def test_write_output_value_stays_a_double(rs: Runspace) -> None:
    assert texts(rs, "(Write-Output 1.10).GetType().Name; Write-Output 1.10 | ForEach-Object { $_ + 1 }") == [
        "Double", "2.1"]


def test_expression_mode_is_unaffected(rs: Runspace) -> None:
    assert texts(rs, "[string]1.10; $x = 0x10; \"$x\"; 1.10") == ["1.1", "16", "1.1"]


def test_bad_version_text_still_fails(rs: Runspace) -> None:
    """A literal without a dot is still no version: the transformation error, with pwsh's id."""
    out = texts(rs, "try { function g([version]$v) { $v }; g 2 } catch { $_.FullyQualifiedErrorId; "
                    "$_.Exception.Message.StartsWith(\"Cannot process argument transformation on parameter 'v'.\") }")
    assert out == ["ParameterArgumentTransformationError,g", "True"]


@pytest.mark.parametrize(("script", "expected"), [
    ('"$([int])"', "int"), ("[string][int]", "int"), ('"$([hashtable])"', "hashtable"),
    ('"$([int[]])"', "int[]"), ("[string][System.Collections.Generic.List[int]]", "System.Collections.Generic.List[int]"),
    ('"$([System.IO.FileInfo])"', "System.IO.FileInfo"), ('"$([float])"', "float"),
    ("[int].ToString()", "System.Int32"), ("[int].FullName", "System.Int32"), ("'int' -eq [int]", "True"),
    ("'System.Int32' -eq [int]", "False"),
])
def test_type_string_conversion(rs: Runspace, script: str, expected: str) -> None:
    assert texts(rs, script) == [expected]


def test_write_host_shows_the_literal_text(rs: Runspace) -> None:
    """pwsh issue 13590: Write-Host 1.23 prints the argument as written (not culture-formatted)."""
    rs.host.information.clear()  # type: ignore[attr-defined]
    rs.run("Write-Host 0x10 1.10")
    assert [to_string(r.MessageData) for r in rs.host.information] == ["0x10 1.10"]  # type: ignore[attr-defined]


def test_a_type_in_a_table_cell_shows_its_full_name(rs: Runspace) -> None:
    """Formatting goes through PSObject.ToString of the base (Type.ToString()), not the string conversion."""
    from pyshell.formatting import OutDefault

    out = OutDefault(120)
    text = out.feed(rs.run("[pscustomobject]@{T = [int]}")[0]) + out.finish()
    assert text.strip().splitlines()[-1] == "System.Int32"


def test_native_command_gets_the_literal_text(rs: Runspace) -> None:
    """PowerShell keeps the literal's text chiefly so external programs receive it as typed."""
    assert texts(rs, "/bin/echo 1.10 0x10 1e3 -1.50 7") == ["1.10 0x10 1e3 -1.50 7"]


def test_validate_range_sees_the_number(rs: Runspace) -> None:
    assert texts(rs, "function v([ValidateRange(1, 10)]$n) { $n }; v 0x5") == ["0x5"]
    out = texts(rs, "try { function v([ValidateRange(1, 10)]$n) { $n }; v 0xF } catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentValidationError,v"]
