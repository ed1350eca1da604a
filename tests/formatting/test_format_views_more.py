"""Remote job tables, Measure-Object and generic dictionary displays, Format-Custom, -RepeatHeader, -DisplayError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from formatting_fakes import lines

from pyshell.commands.measure import GenericMeasureInfo, GenericObjectMeasureInfo, TextMeasureInfo
from pyshell.engine.generics import DictionaryObject
from pyshell.engine.objects import PSObject
from pyshell.engine.runspace import Runspace
from pyshell.formatting import FormatOptions, Formatter, Printer, Shape, parse_property

_REMOTE_JOB_TYPES = [
    "Deserialized.System.Management.Automation.PSRemotingJob",
    "Deserialized.System.Management.Automation.Job",
    "Deserialized.System.Object",
]


def _remote_job(show: bool = True) -> PSObject:
    obj = PSObject(dict(Id=1, Name="Job1", PSJobTypeName="BackgroundJob", State="Running", HasMoreData=True,
                        Location="localhost", Command="Get-EventLog -LogName System", PSComputerName="S2",
                        RunspaceId="5b1e3f2a-0000-0000-0000-000000000000", PSShowComputerName=show))
    obj.type_names = list(_REMOTE_JOB_TYPES)
    return obj


def test_remote_job_in_a_wide_console_appends_pscomputername_like_the_get_job_doc() -> None:
    # Get-Job doc example 8 (a console wider than 131 columns)
    assert lines([_remote_job()], 140) == [
        "",
        "Id     Name            PSJobTypeName   State         HasMoreData     Location             Command"
        "                   PSComputerName",
        "--     ----            -------------   -----         -----------     --------             -------"
        "                   --------------",
        "1      Job1            BackgroundJob   Running       True            localhost            Get-EventLog"
        " -LogName Sy… S2",
        "",
    ]


def test_remote_job_at_120_columns_gives_pscomputername_the_leftover_and_wraps_its_label() -> None:
    # ColumnWidthManager: declared widths are kept (115 + separators), the width-less PSComputerName
    # gets what is left of 119 columns (3), and the header label wraps (PowerShell/PowerShell#15515).
    out = lines([_remote_job()], 120)
    pad = " " * 116
    assert out[1].endswith("Command                   PSC")
    assert out[2:6] == [pad + "omp", pad + "ute", pad + "rNa", pad + "me"]
    assert out[6].endswith("-------                   ---")
    assert out[7].endswith("Get-EventLog -LogName Sy… S2")
    assert max(len(line) for line in out) == 119


def test_remote_job_hidden_computer_name_keeps_the_plain_job_view() -> None:
    out = lines([_remote_job(show=False)], 120)
    assert out[1].endswith("Command")
    assert "PSComputerName" not in "".join(out)


def test_generic_measure_info_lists_standard_deviation_before_property() -> None:
    assert lines([GenericMeasureInfo(3, 2.0, 6.0, 3.0, 1.0, 1.0)]) == [
        "",
        "Count             : 3",
        "Average           : 2",
        "Sum               : 6",
        "Maximum           : 3",
        "Minimum           : 1",
        "StandardDeviation : 1",
        "Property          : ",
        "",
    ]


def test_generic_object_measure_info_is_the_same_list() -> None:
    out = lines([GenericObjectMeasureInfo(2, maximum="b")])
    assert [line.split(" :")[0].strip() for line in out if line] == [
        "Count", "Average", "Sum", "Maximum", "Minimum", "StandardDeviation", "Property"]
    assert "Maximum           : b" in out


def test_deserialized_generic_measure_info_uses_the_view_without_standard_deviation() -> None:
    obj = PSObject(dict(Count=3, Average=None, Sum=None, Maximum=None, Minimum=None, StandardDeviation=None,
                        Property=None))
    obj.type_names = ["Deserialized.Microsoft.PowerShell.Commands.GenericMeasureInfo", "Deserialized.System.Object"]
    assert [line.split(" :")[0] for line in lines([obj]) if line] == [
        "Count   ", "Average ", "Sum     ", "Maximum ", "Minimum ", "Property"]


def test_text_measure_info_right_aligns_its_numbers() -> None:
    assert lines([TextMeasureInfo(1, 2, 11, None)]) == [
        "",
        "Lines Words Characters Property",
        "----- ----- ---------- --------",
        "    1     2         11 ",
        "",
    ]


def test_text_measure_info_with_only_words_leaves_the_other_cells_empty() -> None:
    assert lines([TextMeasureInfo(None, 2, None, None)])[3] == "          2            "


def _dictionary() -> DictionaryObject:
    d = DictionaryObject("System.String", "System.Int32")
    d["a"] = 1
    d["bb"] = 2
    return d


def test_generic_dictionary_shows_key_and_value_columns() -> None:
    assert lines([_dictionary()]) == ["", "Key Value", "--- -----", "a       1", "bb      2", ""]


def test_generic_dictionary_in_a_cell_shows_its_pairs() -> None:
    assert lines([PSObject(dict(d=_dictionary()))])[3] == "{[a, 1], [bb, 2]}"


def _print(packets: list[Any], width: int = 120, rows: int = 0) -> list[str]:
    printer = Printer(width, rows=rows)
    out: list[str] = []
    for p in packets:
        out.extend(printer.process(p))
    out.extend(printer.finish())
    return out


def _format(objects: list[Any], options: FormatOptions) -> list[Any]:
    formatter = Formatter(options)
    packets: list[Any] = []
    for obj in objects:
        packets.extend(formatter.process(obj))
    return packets + formatter.end()


def test_format_custom_shows_class_blocks_with_nested_objects_and_arrays() -> None:
    obj = PSObject(dict(a=1, b="x", c=[1, 2], d=PSObject(dict(e=None, f=2.5))))
    assert _print(_format([obj], FormatOptions(Shape.COMPLEX))) == [
        "",
        "class PSCustomObject",
        "{",
        "  a = 1",
        "  b = x",
        "  c = ",
        "    [",
        "      1",
        "      2",
        "    ]",
        "    ",
        "  d = ",
        "    class PSCustomObject",
        "    {",
        "      e = ",
        "      f = 2.5",
        "    }",
        "}",
        "",
        "",
    ]


def test_format_custom_depth_stops_expanding_nested_objects() -> None:
    obj = PSObject(dict(d=PSObject(dict(e=1))))
    out = _print(_format([obj], FormatOptions(Shape.COMPLEX, depth=0)))
    assert out[1:6] == ["class PSCustomObject", "{", "  d = @{e=1}", "}", ""]


def test_format_custom_with_property_shows_only_those() -> None:
    obj = PSObject(dict(a=1, b=2))
    out = _print(_format([obj], FormatOptions(Shape.COMPLEX, (parse_property("b"),))))
    assert out[1:5] == ["class PSCustomObject", "{", "  b = 2", "}"]


def test_repeat_header_repeats_every_screenful() -> None:
    objs = [PSObject(dict(n=i)) for i in range(5)]
    opts = FormatOptions(Shape.TABLE, (parse_property("n"),), repeat_header=True)
    out = _print(_format(objs, opts), rows=5)
    assert out == ["", "n", "-", "0", "1", "n", "-", "2", "3", "n", "-", "4", ""]


def test_repeat_header_without_a_screen_height_prints_one_header() -> None:
    objs = [PSObject(dict(n=i)) for i in range(5)]
    opts = FormatOptions(Shape.TABLE, (parse_property("n"),), repeat_header=True)
    assert _print(_format(objs, opts)).count("n") == 1


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    return Runspace(location=str(tmp_path))


def test_display_error_shows_err_in_the_cell(rs: Runspace) -> None:
    out = rs.run("[pscustomobject]@{a=1} | Format-Table a, @{n='b'; e={throw 'boom'}} -DisplayError | Out-String")
    assert out == ["\na b\n- -\n1 #ERR\n\n"]


def test_without_display_error_the_cell_is_empty(rs: Runspace) -> None:
    out = rs.run("[pscustomobject]@{a=1} | Format-Table a, @{n='b'; e={throw 'boom'}} | Out-String")
    assert out == ["\na b\n- -\n1 \n\n"]


def test_format_custom_command(rs: Runspace) -> None:
    out = rs.run("[pscustomobject]@{a=1} | Format-Custom | Out-String")
    assert out == ["\nclass PSCustomObject\n{\n  a = 1\n}\n\n\n"]


def test_psversion_shows_as_a_table() -> None:
    from pyshell.engine.runspace import Runspace
    from pyshell.formatting import OutDefault

    version = Runspace().run("$PSVersionTable.PSVersion")[0]
    out = OutDefault(120)
    lines = (out.feed(version) + out.finish()).splitlines()
    assert lines[1].startswith("Major  Minor  Patch  PreReleaseLabel BuildLabel")
    assert lines[3].split() == ["7", "4", "6"]
