"""Format-Table/List/Wide and Out-String/File/Null driven through a real runspace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pyshell.engine.runspace import Runspace

OBJS = "$o = [pscustomobject]@{Name='alpha'; Size=1536; Kind='f'}, [pscustomobject]@{Name='b'; Size=2; Kind='d'}; "


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    return Runspace(location=str(tmp_path))


def text(rs: Runspace, script: str) -> str:
    out = rs.run(script)
    errors = [e.message for e in rs.host.errors]  # type: ignore[attr-defined]
    assert not errors, errors
    assert len(out) == 1, out
    assert isinstance(out[0], str)
    return out[0]


def errors(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


def test_format_table_with_names(rs: Runspace) -> None:
    assert text(rs, OBJS + "$o | Format-Table Name, Size | Out-String") == (
        "\nName  Size\n----  ----\nalpha 1536\nb        2\n\n"
    )


def test_calculated_properties_with_width_alignment_and_format_string(rs: Runspace) -> None:
    script = OBJS + ("$o | ft @{n='File';e={$_.Name.ToUpper()};w=8}, "
                     "@{l='KB';e={$_.Size / 1KB};FormatString='N1';Alignment='right';Width=6} | Out-String")
    assert text(rs, script) == "\nFile         KB\n----         --\nALPHA       1.5\nB           0.0\n\n"


def test_a_declared_first_width_leaves_the_free_room_to_unsized_columns(rs: Runspace) -> None:
    out = text(rs, OBJS + "$o | ft @{e='Name';w=6}, Kind | Out-String -Width 20").split("\n")
    assert out[1:4] == ["Name   Kind", "----   ----", "alpha  f"]


def test_wildcard_properties_expand_in_property_order(rs: Runspace) -> None:
    assert text(rs, OBJS + "$o | ft *i* | Out-String").split("\n")[1] == "Size Kind"


def test_missing_property_gives_an_empty_column(rs: Runspace) -> None:
    out = text(rs, OBJS + "$o | ft Name, Nope | Out-String").split("\n")
    assert out[1:4] == ["Name  Nope", "----  ----", "alpha "]


def test_autosize_measures_every_row(rs: Runspace) -> None:
    script = "[pscustomobject]@{A='x';B=1}, [pscustomobject]@{A='much longer';B=2} | ft -AutoSize | Out-String"
    assert text(rs, script).split("\n")[1:5] == ["A           B", "-           -", "x           1", "much longer 2"]


def test_hide_table_headers(rs: Runspace) -> None:
    assert text(rs, OBJS + "$o | ft Name -HideTableHeaders | Out-String") == "\nalpha\nb\n\n"


def test_wrap_keeps_every_line(rs: Runspace) -> None:
    script = "[pscustomobject]@{A='one';B=\"two`nthree\"} | ft -Wrap | Out-String"
    assert text(rs, script).split("\n")[3:5] == ["one two", "    three"]


def test_group_by(rs: Runspace) -> None:
    out = text(rs, OBJS + "$o | ft Name -GroupBy Kind | Out-String").split("\n")
    assert out[:6] == ["", "   Kind: f", "", "Name", "----", "alpha"]
    assert out[6:11] == ["", "   Kind: d", "", "Name", "----"]


def test_format_list_all_properties(rs: Runspace) -> None:
    assert text(rs, OBJS + "$o[0] | fl * | Out-String") == "\nName : alpha\nSize : 1536\nKind : f\n\n"


def test_format_list_with_calculated_property(rs: Runspace) -> None:
    assert text(rs, OBJS + "$o[0] | fl Name, @{n='Double';e={$_.Size * 2}} | Out-String") == (
        "\nName   : alpha\nDouble : 3072\n\n"
    )


def test_format_list_rejects_width(rs: Runspace) -> None:
    rs.run(OBJS + "$o | fl @{e='Name';width=3}")
    assert errors(rs) == ["The width key is not valid."]


def test_format_wide(rs: Runspace) -> None:
    out = text(rs, OBJS + "$o | fw -Column 3 | Out-String -Width 30").split("\n")
    assert out == ["", "alpha      b         ", "", ""]  # 28 columns shared: 10, 9, 9
    auto = text(rs, OBJS + "$o | fw Kind -AutoSize | Out-String -Width 20").split("\n")
    assert auto[1].rstrip() == "f  d"  # ten 1-cell items fit in 20 columns: they share 11 cells


def test_strings_stay_strings_unless_forced(rs: Runspace) -> None:
    assert text(rs, "'abc' | fl * | Out-String") == "abc\n"
    assert text(rs, "'abc' | fl * -Force | Out-String") == "\nLength : 3\n\n"


def test_format_output_is_not_formatted_again(rs: Runspace) -> None:
    direct = text(rs, OBJS + "$o | ft Name | Out-String")
    assert text(rs, OBJS + "$t = $o | ft Name; $t | Out-String") == direct


def test_format_table_output_is_laid_out_at_the_out_string_width(rs: Runspace) -> None:
    script = "[pscustomobject]@{A='x' * 50; B='y'} | ft | Out-String -Width 20"
    assert text(rs, script).split("\n")[1:4] == ["A", "-" + " " * 19, "x" * 19 + "…"]


def test_out_string_stream_gives_lines(rs: Runspace) -> None:
    assert rs.run(OBJS + "$o | ft Name | Out-String -Stream") == ["", "Name", "----", "alpha", "b", ""]
    assert rs.run("1, 'two' | Out-String -Stream") == ["1", "two"]


def test_out_string_of_strings(rs: Runspace) -> None:
    assert text(rs, "'a', 'b' | Out-String") == "a\nb\n"
    assert text(rs, "'a', 'b' | Out-String -NoNewline") == "ab"


def test_out_null_swallows_everything(rs: Runspace) -> None:
    assert rs.run("1..3 | Out-Null") == []


def test_out_file_writes_the_formatted_text(rs: Runspace, tmp_path: Path) -> None:
    rs.run(OBJS + "$o | ft Name, Size | Out-File out.txt")
    assert errors(rs) == []
    assert (tmp_path / "out.txt").read_text() == "\nName  Size\n----  ----\nalpha 1536\nb        2\n\n"


def test_out_file_append_and_no_newline(rs: Runspace, tmp_path: Path) -> None:
    rs.run("'one' | Out-File f.txt; 'two' | Out-File f.txt -Append; 'x','y' | Out-File g.txt -NoNewline")
    assert errors(rs) == []
    assert (tmp_path / "f.txt").read_text() == "one\ntwo\n"
    assert (tmp_path / "g.txt").read_text() == "xy"


def test_out_file_encoding(rs: Runspace, tmp_path: Path) -> None:
    rs.run("'é' | Out-File u.txt -Encoding unicode; 'é' | Out-File b.txt -Encoding utf8BOM")
    assert errors(rs) == []
    assert (tmp_path / "u.txt").read_bytes() == b"\xff\xfe" + "é\n".encode("utf-16-le")
    assert (tmp_path / "b.txt").read_bytes() == b"\xef\xbb\xbf" + "é\n".encode()


def test_out_file_no_clobber_keeps_the_file(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("old")
    rs.run("'new' | Out-File keep.txt -NoClobber")
    assert errors(rs) == [f"The file '{tmp_path / 'keep.txt'}' already exists."]
    assert (tmp_path / "keep.txt").read_text() == "old"


def test_out_file_into_a_missing_directory_fails_without_a_file(rs: Runspace, tmp_path: Path) -> None:
    rs.run("'x' | Out-File nope/out.txt")
    assert errors(rs) == [f"Could not find a part of the path '{tmp_path / 'nope' / 'out.txt'}'."]
    assert not os.path.exists(tmp_path / "nope")
    assert [p.name for p in tmp_path.iterdir()] == []


def test_format_enumeration_limit_is_honoured(rs: Runspace) -> None:
    script = "[pscustomobject]@{A=1..6} | ft | Out-String"
    assert text(rs, script).split("\n")[3] == "{1, 2, 3, 4…}"
    assert text(rs, "$FormatEnumerationLimit = 2; " + script).split("\n")[3] == "{1, 2…}"
    assert text(rs, "$FormatEnumerationLimit = -1; " + script).split("\n")[3] == "{1, 2, 3, 4, 5, 6}"


def test_process_objects_select_columns(rs: Runspace) -> None:
    out = text(rs, "Get-Process -Id $PID | ft Name, Id | Out-String").split("\n")
    assert out[1].split() == ["Name", "Id"]
    assert out[3].split()[1] == str(os.getpid())


def test_out_host_hands_formatted_lines_to_the_host(rs: Runspace) -> None:
    assert rs.run("[pscustomobject]@{a=1} | Out-Host") == []
    assert rs.host.output == ["", "a", "-", "1", ""]  # type: ignore[attr-defined]
