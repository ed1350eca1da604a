"""ps1xml CustomControl views (Update-FormatData) and Format-Custom's line wrapping, as pwsh's ComplexWriter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pyshell.engine.objects import PSObject
from pyshell.engine.runspace import Runspace
from pyshell.formatting.custom import indented_lines
from pyshell.formatting.customcontrol import (
    Binding,
    CustomControl,
    CustomEntry,
    Frame,
    NewLine,
    Text,
    render_control,
)
from pyshell.formatting.ps1xml import FormatFileError, parse_format_xml

_CONTROL = """<?xml version="1.0" encoding="utf-8"?>
<Configuration>
  <Controls>
    <Control>
      <Name>ChildControl</Name>
      <CustomControl><CustomEntries><CustomEntry><CustomItem>
        <Text>- </Text><ExpressionBinding><PropertyName>Name</PropertyName></ExpressionBinding><NewLine/>
      </CustomItem></CustomEntry></CustomEntries></CustomControl>
    </Control>
  </Controls>
  <ViewDefinitions>
    <View>
      <Name>MyCustom</Name>
      <ViewSelectedBy><TypeName>My.Thing</TypeName></ViewSelectedBy>
      <CustomControl><CustomEntries>
        <CustomEntry>
          <EntrySelectedBy><TypeName>My.Special</TypeName></EntrySelectedBy>
          <CustomItem><Text>special </Text><ExpressionBinding><PropertyName>Name</PropertyName></ExpressionBinding></CustomItem>
        </CustomEntry>
        <CustomEntry><CustomItem>
          <Text>Thing: </Text><ExpressionBinding><PropertyName>Name</PropertyName></ExpressionBinding><NewLine/>
          <Frame><LeftIndent>4</LeftIndent><CustomItem>
            <Text>Size = </Text><ExpressionBinding><ScriptBlock>$_.Size * 2</ScriptBlock></ExpressionBinding><NewLine/>
            <ExpressionBinding>
              <PropertyName>Kids</PropertyName><EnumerateCollection/><CustomControlName>ChildControl</CustomControlName>
            </ExpressionBinding>
            <ExpressionBinding>
              <ItemSelectionCondition><ScriptBlock>$_.Size -gt 100</ScriptBlock></ItemSelectionCondition>
              <ScriptBlock>'big!'</ScriptBlock>
            </ExpressionBinding>
          </CustomItem></Frame>
        </CustomItem></CustomEntry>
      </CustomEntries></CustomControl>
    </View>
  </ViewDefinitions>
</Configuration>
"""

_MAKE = ("$k = [pscustomobject]@{Name='kid1'}, [pscustomobject]@{Name='kid2'}; "
         "$t = [pscustomobject]@{Name='alpha'; Size=21; Kids=$k}; $t.PSObject.TypeNames.Insert(0, 'My.Thing'); "
         "$b = [pscustomobject]@{Name='beta'; Size=210; Kids=@()}; $b.PSObject.TypeNames.Insert(0, 'My.Thing'); "
         "$s = [pscustomobject]@{Name='gamma'}; $s.PSObject.TypeNames.Insert(0, 'My.Special'); "
         "$s.PSObject.TypeNames.Insert(1, 'My.Thing'); ")


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    path = tmp_path / "my.format.ps1xml"
    path.write_text(_CONTROL, encoding="utf-8")
    runspace = Runspace(location=str(tmp_path))
    runspace.run(f"Update-FormatData -AppendPath '{path}'")
    return runspace


def _text(rs: Runspace, script: str) -> str:
    out: Any = rs.run(_MAKE + script)
    assert not rs.host.errors, [e.message for e in rs.host.errors]  # type: ignore[attr-defined]
    return "".join(str(o) for o in out)


def test_a_custom_control_view_is_the_default_for_its_type(rs: Runspace) -> None:
    # a frame indents its lines; the last buffer (even empty) is written at the end, outside the frames
    assert _text(rs, "$t, $b | Out-String").split("\n")[:10] == [
        "", "Thing: alpha", "    Size = 42", "    - kid1", "    - kid2", "",
        "Thing: beta", "    Size = 420", "big!", ""]


def test_entry_selected_by_type_and_format_custom_view_by_name(rs: Runspace) -> None:
    assert "special gamma" in _text(rs, "$s | Format-Custom -View MyCustom | Out-String")
    assert _text(rs, "(Get-FormatData My.Thing).FormatViewDefinition.Control") == "CustomControl"


def test_custom_control_lines_wrap_inside_their_frame(rs: Runspace) -> None:
    lines = _text(rs, "$t | Format-Custom | Out-String -Width 12").split("\n")
    assert lines[1:5] == ["Thing: alpha", "    Size = ", "    42", "    - kid1"]


def test_invalid_frame_indentation_is_a_format_file_error() -> None:
    bad = _CONTROL.replace("<LeftIndent>4</LeftIndent>", "<LeftIndent>-4</LeftIndent>")
    with pytest.raises(FormatFileError, match="A non-negative integer is expected."):
        parse_format_xml(bad, "x.ps1xml")
    bad = _CONTROL.replace("<LeftIndent>4</LeftIndent>", "<LeftIndent>four</LeftIndent>")
    with pytest.raises(FormatFileError, match="An integer is expected."):
        parse_format_xml(bad, "x.ps1xml")


def test_update_format_data_reports_a_bad_control(tmp_path: Path) -> None:
    path = tmp_path / "bad.format.ps1xml"
    path.write_text(_CONTROL.replace("<LeftIndent>4</LeftIndent>", "<LeftIndent>x</LeftIndent>"), encoding="utf-8")
    out = Runspace(location=str(tmp_path)).run(
        f"try {{ Update-FormatData -AppendPath '{path}' -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == ["FormatXmlUpdateException,Microsoft.PowerShell.Commands.UpdateFormatDataCommand"]


def test_frames_hanging_and_right_indentation() -> None:
    control = CustomControl((CustomEntry((
        Frame((Text("aaa bbb ccc ddd"), NewLine()), left=2, right=3, first_line=-2),
        Frame((Text("xx yy zz"), NewLine()), first_line=3),
    )),))
    lines = render_control(control, PSObject())
    assert lines[:2] == ((2, 3, -2, "aaa bbb ccc ddd"), (0, 0, 3, "xx yy zz"))
    # width 13: 8 columns for the first line, 6 for the hanging ones (indented 2 more)
    assert indented_lines(lines, 13) == ["  aaa bbb ", "    ccc ", "    ddd", "   xx yy zz", ""]


def test_binding_without_expression_formats_the_object_itself() -> None:
    inner = CustomControl((CustomEntry((Text("<"), Binding("Name"), Text(">"))),))
    control = CustomControl((CustomEntry((Binding(control=inner), Binding("Missing"))),))
    assert render_control(control, PSObject({"Name": "n"})) == ((0, 0, 0, "<n>"),)


def test_default_format_custom_wraps_at_the_width() -> None:
    out: Any = Runspace().run('[pscustomobject]@{a="x "*30; b=[pscustomobject]@{c="y"*70}} | '
                              "Format-Custom | Out-String -Width 40")
    assert out[0].split("\n")[3:10] == [
        "  a = " + "x " * 17, "  " + "x " * 13, "  b = ", "    class PSCustomObject", "    {",
        "      c = " + "y" * 30, "      " + "y" * 34]


def test_nested_collections_show_their_type_in_an_object_string() -> None:
    # pwsh's @{} text does not recurse into a property's collection: no endless recursion on back pointers
    out: Any = Runspace().run("$r = [pscustomobject]@{n=1; c=[System.Collections.Generic.List[object]]::new()}; "
                              '$r.c.Add($r); "$([pscustomobject]@{a=1,2})"; ($r | Format-Custom | Out-String) -match "n = 1"')
    assert out == ["@{a=System.Object[]}", True]


def test_a_calculated_property_depth_limits_its_own_subtree() -> None:
    script = ("$o = [pscustomobject]@{a=[pscustomobject]@{b=[pscustomobject]@{c=1}}; z=[pscustomobject]@{y=1}}; "
              "$o | Format-Custom -Property @{e='a'; depth=1}, z | Out-String")
    out: Any = Runspace().run(script)
    lines = [line.rstrip() for line in out[0].split("\n")]
    assert lines[1:14] == ["class PSCustomObject", "{", "  a =", "    class PSCustomObject", "    {",
                           "      b = @{c=1}", "    }", "  z =", "    class PSCustomObject", "    {",
                           "      y = 1", "    }", "}"]


def _strip(text: str) -> str:
    return "".join(c for c in text if c not in "{} \n\r")


def test_format_custom_tree_object_drt() -> None:
    # Format-Custom.Tests.ps1 "Format-Custom with Tree Object should work", with typed property bags for the C# classes
    script = """
    function New-Item2($type, $props) { $o = [pscustomobject]$props; $o.PSObject.TypeNames.Insert(0, $type); $o }
    $leaf1 = New-Item2 MyLeaf1 ([ordered]@{val1 = 10; name = 'leaf 1'})
    $leaf2 = New-Item2 MyLeaf2 ([ordered]@{val2 = 20; name = 'leaf 2'})
    $c1 = New-Item2 MyContainer1 ([ordered]@{data1 = 'data 1'; children = [Collections.Generic.List[object]]::new(); name = 'container 1'})
    $c1.children.Add($leaf1); $c1.children.Add($leaf2)
    $cx = New-Item2 MyContainer1 ([ordered]@{data1 = 'cx data'; children = [Collections.Generic.List[object]]::new(); name = 'cx'})
    $cx.children.Add($leaf1); $cx.children.Add($leaf2)
    $deep = New-Item2 MyContainer2 ([ordered]@{data2 = 'data 2 deep'; children = [Collections.Generic.List[object]]::new(); name = 'container 2 deep'})
    $deep.children.Add($cx)
    $empty = New-Item2 MyContainer1 ([ordered]@{data1 = $null; children = $null; name = $null})
    @($c1, $deep, $empty) | Format-Custom | Out-String
    """
    out: Any = Runspace().run(script)
    expected = """
class MyContainer1
{
  data1 = data 1
  children =
    [
      class MyLeaf1
      {
        val1 = 10
        name = leaf 1
      }
      class MyLeaf2
      {
        val2 = 20
        name = leaf 2
      }
    ]

  name = container 1
}

class MyContainer2
{
  data2 = data 2 deep
  children =
    [
      class MyContainer1
      {
        data1 = cx data
        children =
          [
            class MyLeaf1
            {
              val1 = 10
              name = leaf 1
            }
            class MyLeaf2
            {
              val2 = 20
              name = leaf 2
            }
          ]

        name = cx
      }
    ]

  name = container 2 deep
}

class MyContainer1
{
  data1 =
  children =
  name =
}
"""
    assert _strip(out[0]) == _strip(expected)


def test_a_failing_expression_shows_nothing() -> None:
    def boom(_obj: Any) -> Any:
        raise ValueError("boom")

    control = CustomControl((CustomEntry((Text("v: "), Binding(boom), Text("|"))),))
    assert render_control(control, PSObject()) == ((0, 0, 0, "v: |"),)
