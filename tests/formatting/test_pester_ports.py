"""Cases ported from PowerShell's Pester tests (Format-Table/List/Wide, Out-String) and docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    return Runspace(location=str(tmp_path))


def run(rs: Runspace, script: str) -> list[object]:
    out = rs.run(script)
    errors = [e.message for e in rs.host.errors]  # type: ignore[attr-defined]
    assert not errors, errors
    return out


def text(rs: Runspace, script: str) -> str:
    out = run(rs, script)
    assert len(out) == 1, out
    assert isinstance(out[0], str)
    return out[0]


def test_nested_arrays_in_a_cell_show_their_items_joined_by_spaces(rs: Runspace) -> None:
    script = ('$objs = New-Object System.Collections.ArrayList; $null = $objs.Add(("x 0","y 0")); '
              '$null = $objs.Add(("x 1","y 1")); $mo = [PSCustomObject]@{name = "this is name"; sub = $objs}; ')
    for expand in ("EnumOnly", "Both"):
        out = text(rs, script + f"$mo | Format-Table -Expand {expand} | Out-String")
        assert "this is name {x 0 y 0, x 1 y 1}" in out


def test_exclude_property_implies_all_properties(rs: Runspace) -> None:
    obj = "$obj = [pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle'; Country = 'USA' }; "
    assert text(rs, obj + "$obj | Format-List -ExcludeProperty Age | Out-String") == (
        "\nName    : Test\nCity    : Seattle\nCountry : USA\n\n")
    assert text(rs, obj + "$obj | Format-List -Property Name, Age, City -ExcludeProperty Age, C*y | Out-String") == (
        "\nName : Test\n\n")
    assert text(rs, obj + "$obj | Format-Table -ExcludeProperty Age | Out-String") == (
        "\nName City    Country\n---- ----    -------\nTest Seattle USA\n\n")


def test_list_labels_use_format_accent_when_rendering_is_ansi(rs: Runspace) -> None:
    out = text(rs, "$PSStyle.OutputRendering = 'Ansi'; [pscustomobject]@{Short=1;LongLabelName=2} | fl | Out-String")
    assert out == "\n\x1b[32;1mShort         : \x1b[0m1\n\x1b[32;1mLongLabelName : \x1b[0m2\n\n"


def test_vt_in_a_list_value_does_not_leak(rs: Runspace) -> None:
    out = text(rs, "$PSStyle.OutputRendering = 'Ansi'; "
                   "[pscustomobject]@{ a = 'Hello'; b = $PSStyle.Foreground.Cyan + 'world' } | fl | Out-String")
    assert out.strip() == "\x1b[32;1ma : \x1b[0mHello\n\x1b[32;1mb : \x1b[0m\x1b[36mworld\x1b[0m"


def test_out_string_strips_vt_unless_rendering_is_ansi(rs: Runspace) -> None:
    out = text(rs, "[pscustomobject]@{ b = $PSStyle.Foreground.Cyan + 'world' } | fl | Out-String")
    assert "\x1b" not in out


def test_cmdlet_info_list_view(rs: Runspace) -> None:
    out = text(rs, "Get-Command Get-Job | Format-List | Out-String")
    labels = [line.split(":")[0].strip() for line in out.split("\n") if " : " in line]
    assert labels == ["Name", "CommandType", "Definition", "Path", "AssemblyInfo", "DLL", "HelpFile",
                      "ParameterSets", "ImplementingType", "Verb", "Noun"]
    assert "ImplementingType : Microsoft.PowerShell.Commands.GetJobCommand" in out
    assert "Verb             : Get" in out


def test_function_info_list_view(rs: Runspace) -> None:
    out = text(rs, "function f { 'hi' }; Get-Command f | Format-List | Out-String")
    labels = [line.split(":")[0].strip() for line in out.split("\n") if " : " in line]
    assert labels == ["Name", "CommandType", "Definition"]


def test_out_string_no_newline_keeps_embedded_newlines(rs: Runspace) -> None:
    assert text(rs, '"a", "b" | Out-String -NoNewline') == "ab"
    assert text(rs, '"a`n", "b" | Out-String -NoNewline') == "a\nb"


def test_out_string_no_newline_and_stream_are_ambiguous(rs: Runspace) -> None:
    out = run(rs, 'try { "a" | Out-String -NoNewline -Stream } catch { $_.FullyQualifiedErrorId }')
    assert out == ["AmbiguousParameterSet,Microsoft.PowerShell.Commands.OutStringCommand"]


def test_view_and_property_together_fail(rs: Runspace) -> None:
    out = run(rs, "try { Format-Wide -InputObject 1 -Property CreationTime -View aoeu } "
                  "catch { $_.FullyQualifiedErrorId }")
    assert out == ["FormatCannotSpecifyViewAndProperty,Microsoft.PowerShell.Commands.FormatWideCommand"]


@pytest.mark.parametrize(("obj", "expected"), [
    ('[pscustomobject]@{abc="1234";bcd="123"},[pscustomobject]@{abc="1";bcd="1234"}',
     "\nabc  bcd\n---  ---\n1234 123\n1    1234\n\n"),
    ('[PSCustomObject]@{a="abc";b=123}', "\na     b\n-     -\nabc 123\n\n"),
    ('[PSCustomObject]@{a=123;b="abc"}', "\n  a b\n  - -\n123 abc\n\n"),
])
def test_table_widths_and_justification(rs: Runspace, obj: str, expected: str) -> None:
    assert text(rs, f"{obj} | Format-Table | Out-String") == expected


def test_format_list_of_a_note_property_object(rs: Runspace) -> None:
    script = ("$in = New-Object PSObject; Add-Member -InputObject $in -MemberType NoteProperty -Name testName "
              "-Value testValue; $in | Format-List | Out-String")
    assert text(rs, script) == "\ntestName : testValue\n\n"
