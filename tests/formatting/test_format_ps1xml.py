"""Update-FormatData / Get-FormatData, ported from PowerShell's Format-Table.Tests.ps1 (ps1xml cases).

pwsh isolates each case with [powershell]::Create(); here every test gets a fresh Runspace.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.engine.runspace import Runspace

_ELLIPSIS = "\u2026"


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    return Runspace(location=str(tmp_path))


def run(rs: Runspace, script: str) -> list[object]:
    out = rs.run(script)
    errors = [e.message for e in rs.host.errors]  # type: ignore[attr-defined]
    assert not errors, errors
    return out


def errors(rs: Runspace, script: str) -> list[str]:
    rs.run(script)
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


def load(rs: Runspace, tmp_path: Path, xml: str, name: str = "test.format.ps1xml", how: str = "-AppendPath") -> None:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    run(rs, f"Update-FormatData {how} '{path}'")


def out_text(rs: Runspace, script: str) -> str:
    out = run(rs, script)
    assert len(out) == 1, out
    assert isinstance(out[0], str)
    return out[0]


def _header(label: str, width: int | None = None, align: str | None = None) -> str:
    parts = [f"<Label>{label}</Label>"]
    if width is not None:
        parts.append(f"<Width>{width}</Width>")
    if align is not None:
        parts.append(f"<Alignment>{align}</Alignment>")
    return "<TableColumnHeader>" + "".join(parts) + "</TableColumnHeader>"


def _table_view(name: str, headers: list[str], props: list[str], type_name: str = "Test.Format",
                extra: str = "") -> str:
    items = "".join(f"<TableColumnItem><PropertyName>{p}</PropertyName></TableColumnItem>" for p in props)
    return (f"<View><Name>{name}</Name><ViewSelectedBy><TypeName>{type_name}</TypeName></ViewSelectedBy>"
            f"<TableControl>{extra}<TableHeaders>{''.join(headers)}</TableHeaders><TableRowEntries><TableRowEntry>"
            f"<TableColumnItems>{items}</TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View>")


def _config(*views: str) -> str:
    return "<Configuration>\n<ViewDefinitions>\n" + "\n".join(views) + "\n</ViewDefinitions>\n</Configuration>\n"


def test_format_table_should_have_correct_alignment(rs: Runspace, tmp_path: Path) -> None:
    xml = _config(_table_view("Test.Format", [_header("Left", align="left"), _header("Center", align="center"),
                                              _header("Right", align="right")], ["Left", "Center", "Right"]))
    load(rs, tmp_path, xml, "alignment.format.ps1xml")
    out = out_text(rs, '$a = [PSCustomObject]@{Left=1;Center=2;Right=3}; '
                       '$a.PSObject.TypeNames.Insert(0,"Test.Format"); $a | Out-String')
    assert out.replace("\n", "") == "Left Center Right---- ------ -----1      2        3"


@pytest.mark.parametrize(("view", "obj", "expected"), [
    ("Test.Format.Left", '[pscustomobject]@{Left="123`u{2B758}"}', "Left----123" + _ELLIPSIS),
    ("Test.Format.Center", '[pscustomobject]@{Center="12345`u{2B758}"}', "Center------12345" + _ELLIPSIS),
])
def test_no_trailing_whitespace_when_truncated(rs: Runspace, tmp_path: Path, view: str, obj: str,
                                               expected: str) -> None:
    xml = _config(_table_view("Test.Format.Left", [_header("Left", 4, "left")], ["Left"]),
                  _table_view("Test.Format.Center", [_header("Center", 6, "center")], ["Center"]))
    load(rs, tmp_path, xml, "truncation.format.ps1xml")
    out = out_text(rs, f'$object = {obj}; $object.PSObject.TypeNames.Insert(0,"Test.Format"); '
                       f'$object | Format-Table -View {view} | Out-String')
    assert out.replace("\n", "") == expected


def _span_xml(widths: tuple[int, int, int], aligned: bool) -> str:
    aligns = ("left", "right", "center") if aligned else (None, None, None)
    default = _table_view("Default", [_header("LongLongHeader", widths[0], aligns[0]),
                                      _header("Header2", widths[1], aligns[1]),
                                      _header("Header3", widths[2], aligns[2])], ["First", "Second", "Third"])
    one = _table_view("One", [_header("LongLongHeader", widths[0])], ["First"])
    return _config(default, one)


@pytest.mark.parametrize(("view", "widths", "expected"), [
    ("Default", (7, 7, 7), "\nLongLon Header2 Header3\ngHeader\n------- ------- -------\n1       2       3\n\n"),
    ("Default", (4, 7, 4), "\nLong Header2 Head\nLong         er3\nHead\ner\n---- ------- ----\n1    2       3\n\n"),
    ("Default", (4, 4, 7), "\nLong Head Header3\nLong er2\nHead\ner\n---- ---- -------\n1    2    3\n\n"),
    ("Default", (14, 7, 3), "\nLongLongHeader Header2 Hea\n                       der\n                       3\n"
                            "-------------- ------- ---\n1              2       3\n\n"),
    ("One", (4, 1, 1), "\nLong\nLong\nHead\ner\n----\n1\n\n"),
])
def test_headers_that_span_multiple_rows(rs: Runspace, tmp_path: Path, view: str, widths: tuple[int, int, int],
                                         expected: str) -> None:
    load(rs, tmp_path, _span_xml(widths, aligned=False), "span.format.ps1xml")
    out = out_text(rs, '$a = [PSCustomObject]@{First=1;Second=2;Third=3}; '
                       f'$a.PSObject.TypeNames.Insert(0,"Test.Format"); $a | Format-Table -View {view} | Out-String')
    assert out == expected


_NARROW = "[PSCustomObject]@{First=1;Second=2;Third=3}"
_WIDE = '[PSCustomObject]@{First="12345";Second="12345678";Third="123456"}'
_E = _ELLIPSIS


@pytest.mark.parametrize(("view", "widths", "values", "wrap", "expected"), [
    ("Default", (4, 7, 5), _NARROW, False, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n"
                                           "1**********2***3\n\n"),
    ("Default", (4, 7, 5), _NARROW, True, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n"
                                          "1**********2***3\n\n"),
    ("Default", (4, 7, 5), _WIDE, False, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n"
                                         f"123{_E}*{_E}345678*1234{_E}\n\n"),
    ("One", (3, 1, 1), _WIDE, False, f"\nLon\ngLo\nngH\nead\ner\n---\n12{_E}\n\n"),
    ("Default", (4, 8, 6), _WIDE, True, "\nLong**Header2*Header\nLong************3\nHead\ner\n----**-------*------\n"
                                        "1234*12345678*123456\n5\n\n"),
    ("Default", (5, 7, 6), _WIDE, True, "\nLongL*Header2*Header\nongHe***********3\nader\n-----*-------*------\n"
                                        "12345*1234567*123456\n************8\n\n"),
    ("Default", (5, 8, 5), _WIDE, True, "\nLongL**Header2*Heade\nongHe***********r3\nader\n-----**-------*-----\n"
                                        "12345*12345678*12345\n*****************6\n\n"),
    ("Default", (4, 7, 5), _WIDE, True, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n"
                                        "1234*1234567*12345\n5**********8***6\n\n"),
    ("One", (3, 1, 1), _WIDE, True, "\nLon\ngLo\nngH\nead\ner\n---\n123\n45\n\n"),
])
def test_rows_render_correctly(rs: Runspace, tmp_path: Path, view: str, widths: tuple[int, int, int], values: str,
                               wrap: bool, expected: str) -> None:
    load(rs, tmp_path, _span_xml(widths, aligned=True), "render.format.ps1xml")
    switch = "$true" if wrap else "$false"
    out = out_text(rs, f'$values = {values}; $values.PSObject.TypeNames.Insert(0,"Test.Format"); '
                       f'$values | Format-Table -View {view} -Wrap:{switch} | Out-String')
    assert out.replace(" ", "*") == expected


# -- beyond the Pester file ------------------------------------------------------------------
def test_missing_file_is_a_not_found_error(rs: Runspace, tmp_path: Path) -> None:
    msgs = errors(rs, "Update-FormatData -AppendPath ./nope.format.ps1xml")
    assert msgs == [f"Cannot find path '{tmp_path / 'nope.format.ps1xml'}' because it does not exist."]


def test_malformed_xml_names_the_file_and_line(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "bad.format.ps1xml"
    path.write_text("<Configuration>\n<ViewDefinitions>\n<View>\n</Configuration>\n", encoding="utf-8")
    msgs = errors(rs, f"Update-FormatData '{path}'")
    assert len(msgs) == 1
    assert str(path) in msgs[0]
    assert "line 4" in msgs[0]


def test_prepend_path_becomes_the_default_view_append_does_not(rs: Runspace, tmp_path: Path) -> None:
    first = _config(_table_view("First", [_header("A")], ["A"]))
    second = _config(_table_view("Second", [_header("BB")], ["B"]))
    load(rs, tmp_path, first, "first.format.ps1xml")
    load(rs, tmp_path, second, "second.format.ps1xml")
    obj = '$o = [pscustomobject]@{A=1;B=2}; $o.PSObject.TypeNames.Insert(0,"Test.Format"); '
    assert out_text(rs, obj + "$o | Out-String").split() == ["A", "-", "1"]
    load(rs, tmp_path, second, "second.format.ps1xml", how="-PrependPath")
    assert out_text(rs, obj + "$o | Out-String").split() == ["BB", "--", "2"]


def test_views_stay_in_their_runspace(rs: Runspace, tmp_path: Path) -> None:
    load(rs, tmp_path, _config(_table_view("Only", [_header("Only")], ["A"])))
    other = Runspace(location=str(tmp_path))
    out = other.run('$o = [pscustomobject]@{A=1;B=2}; $o.PSObject.TypeNames.Insert(0,"Test.Format"); '
                    "$o | Format-Table | Out-String")
    assert "Only" not in str(out[0])


def test_script_block_column_and_format_string(rs: Runspace, tmp_path: Path) -> None:
    view = ("<View><Name>S</Name><ViewSelectedBy><TypeName>Test.Format</TypeName></ViewSelectedBy><TableControl>"
            "<TableHeaders><TableColumnHeader><Label>Twice</Label></TableColumnHeader><TableColumnHeader>"
            "<Label>Money</Label></TableColumnHeader></TableHeaders><TableRowEntries><TableRowEntry>"
            "<TableColumnItems><TableColumnItem><ScriptBlock>$_.A * 2</ScriptBlock></TableColumnItem>"
            "<TableColumnItem><PropertyName>B</PropertyName><FormatString>{0:N2}</FormatString></TableColumnItem>"
            "</TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View>")
    load(rs, tmp_path, _config(view))
    out = out_text(rs, '$o = [pscustomobject]@{A=21;B=3}; $o.PSObject.TypeNames.Insert(0,"Test.Format"); '
                       "$o | Out-String")
    assert out.split() == ["Twice", "Money", "-----", "-----", "42", "3.00"]


def test_list_and_wide_controls(rs: Runspace, tmp_path: Path) -> None:
    lst = ("<View><Name>L</Name><ViewSelectedBy><TypeName>Test.Format</TypeName></ViewSelectedBy><ListControl>"
           "<ListEntries><ListEntry><ListItems><ListItem><Label>Alpha</Label><PropertyName>A</PropertyName>"
           "</ListItem><ListItem><Label>Sum</Label><ScriptBlock>$_.A + $_.B</ScriptBlock></ListItem></ListItems>"
           "</ListEntry></ListEntries></ListControl></View>")
    wide = ("<View><Name>W</Name><ViewSelectedBy><TypeName>Test.Format</TypeName></ViewSelectedBy><WideControl>"
            "<WideEntries><WideEntry><WideItem><ScriptBlock>'w' + $_.A</ScriptBlock></WideItem></WideEntry>"
            "</WideEntries></WideControl></View>")
    load(rs, tmp_path, _config(lst, wide))
    obj = '$o = [pscustomobject]@{A=1;B=2}; $o.PSObject.TypeNames.Insert(0,"Test.Format"); '
    assert out_text(rs, obj + "$o | Out-String").split() == ["Alpha", ":", "1", "Sum", ":", "3"]
    assert out_text(rs, obj + "$o | Format-Wide | Out-String").split() == ["w1"]


def test_get_format_data_lists_the_loaded_views(rs: Runspace, tmp_path: Path) -> None:
    load(rs, tmp_path, _span_xml((4, 4, 4), aligned=False))
    out = run(rs, "$d = Get-FormatData -TypeName Test.Format; $d.TypeNames; $d.FormatViewDefinition.Name")
    assert out == ["Test.Format", "Default", "One"]
