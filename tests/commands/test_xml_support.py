"""[xml] documents, Select-Xml and ConvertTo-Xml, with cases ported from PowerShell's Pester tests
(Select-Xml.Tests.ps1, ConvertTo-Xml.Tests.ps1) and the cmdlets' documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pyshell.engine.conversions import to_string
from pyshell.engine.xmldoc import XmlParseError, parse_document
from pyshell.formatting import format_text

DOC = "[xml]$d = '<doc><intro a=\"1\">Once</intro><item>x</item><item>y</item></doc>'; "


def _rs() -> Any:
    from pyshell.engine.runspace import Runspace

    return Runspace()


def run(text: str, tmp: Path | None = None) -> list[str]:
    prefix = f"$TestDrive = '{tmp}'; " if tmp is not None else ""
    return [to_string(o) for o in _rs().run(prefix + text)]


def shown(text: str) -> str:
    return format_text(_rs().run(text), 120)


# -- the [xml] adapter ------------------------------------------------------------------------

@pytest.mark.parametrize(("script", "expected"), [
    ("$d.doc.intro.a", ["1"]),
    ("$d.doc.intro.'#text'", ["Once"]),
    ("$d.doc.item", ["x", "y"]),
    ("$d.doc.item.Count", ["2"]),
    ('$d["doc"].Name; $d.DocumentElement.LocalName', ["doc", "doc"]),
    ("$d.doc.InnerText; $d.doc.intro.InnerXml", ["Oncexy", "Once"]),
    ("$d.doc.OuterXml", ['<doc><intro a="1">Once</intro><item>x</item><item>y</item></doc>']),
    ("$d.doc.ChildNodes.Count; $d.doc.FirstChild.Name; $d.doc.intro.ParentNode.Name", ["3", "intro", "doc"]),
    ("$d.doc.intro.Attributes.Count; $d.doc.intro.Attributes['a'].Value", ["1", "1"]),
    ("$d -is [xml]; $d.doc -is [System.Xml.XmlElement]; $d.doc -is [xml]", ["True", "True", "False"]),
    ("$d.GetType().FullName", ["System.Xml.XmlDocument"]),
    ("$d.SelectNodes('//item').Count; $d.SelectSingleNode('/doc/item[2]').InnerText", ["2", "y"]),
    ("$d.SelectSingleNode(\"//intro[@a='1']\").InnerText; $d.SelectNodes('//intro/@a')[0].Value", ["Once", "1"]),
    ("$d.doc.intro.GetAttribute('a'); $d.doc.intro.SetAttribute('b', 'z'); $d.doc.intro.OuterXml",
     ["1", '<intro a="1" b="z">Once</intro>']),
    ("$d.doc.intro.RemoveAttribute('a'); $d.doc.intro", ["Once"]),
    ("$d.doc.intro.a = '2'; $d.doc.intro.a; $d.doc.item[0]", ["2", "x"]),
    # PowerShell 6+ converts what is assigned to [string] (Adapter.Tests.ps1 "Can set XML node property to non-string")
    ("$d.doc.intro.a = 42; $d.doc.intro.a; $d.doc.intro.a.GetType().Name", ["42", "String"]),
    ("$x = [xml]'<root><data/></root>'; $x.root.data = @{testprop = 1}; $x.root.data; $x.root.data = $null; "
     "$x.root.data -eq ''; $x.root.data = 1, 2; $x.root.data; $x.root.data = Join-Path a b; $x.root.data",
     ["System.Collections.Hashtable", "True", "1 2", "a/b"]),
    ("$e = $d.CreateElement('z'); $e.InnerText = 'q'; [void]$d.doc.InsertAfter($e, $d.doc.intro); $d.doc.InnerXml",
     ['<intro a="1">Once</intro><z>q</z><item>x</item><item>y</item>']),
    ("$a = $d.CreateAttribute('k'); $a.Value = 'v'; [void]$d.doc.intro.Attributes.Count; "
     "[void]$d.doc.intro.SetAttributeNode($a); $d.doc.intro.k", ["v"]),
    ("[void]$d.doc.RemoveChild($d.doc.intro); $d.doc.OuterXml", ["<doc><item>x</item><item>y</item></doc>"]),
    ("$d.LoadXml('<n><m/></n>'); $d.n.OuterXml", ["<n><m /></n>"]),
    ("[xml]$null -eq $null", ["True"]),
])
def test_xml_adapter(script: str, expected: list[str]) -> None:
    assert run(DOC + script) == expected


def test_child_named_like_a_net_property_wins() -> None:
    assert run("([xml]'<r><Name>n</Name></r>').r.Name; ([xml]'<r><Name>n</Name></r>').r.LocalName") == ["n", "r"]


def test_namespaces_with_a_namespace_manager() -> None:
    assert run("$x = [xml]'<r xmlns=\"urn:x\"><a>1</a><a>2</a></r>'; "
               "$ns = [System.Xml.XmlNamespaceManager]::new($x.NameTable); $ns.AddNamespace('p', 'urn:x'); "
               "$x.SelectNodes('//p:a', $ns).Count; $x.SelectNodes('//a').Count; $x.r.a[1]") == ["2", "0", "2"]


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    out = run(DOC + "$d.Save(\"$TestDrive/o.xml\"); $n = [xml]::new(); $n.Load(\"$TestDrive/o.xml\"); "
              "$n.doc.item[1]; [xml]$g = Get-Content \"$TestDrive/o.xml\"; $g.doc.intro.a", tmp_path)
    assert out == ["y", "1"]
    assert (tmp_path / "o.xml").read_text() == ('<doc>\n  <intro a="1">Once</intro>\n  <item>x</item>\n'
                                                '  <item>y</item>\n</doc>')


# -- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("<a>", "Unexpected end of file has occurred. The following elements are not closed: a. Line 1, position 4."),
    ("<a><b></c></a>", "The 'b' start tag on line 1 position 5 does not match the end tag of 'c'. "
                       "Line 1, position 9."),
    ("abc", "Data at the root level is invalid. Line 1, position 1."),
    ("<a/><b/>", "There are multiple root elements. Line 1, position 6."),
    ("", "Root element is missing."),
    ("<a>&foo;</a>", "Reference to undeclared entity 'foo'. Line 1, position 5."),
    ('<S wcm:action="add"/>', "'wcm' is an undeclared namespace. Line 1, position 4."),
    ("<a b=1/>", "'1' is an unexpected token. The expected token is '\"' or '''. Line 1, position 6."),
])
def test_parse_errors_use_net_messages(text: str, message: str) -> None:
    with pytest.raises(XmlParseError) as info:
        parse_document(text)
    assert str(info.value) == message


def test_cast_error_message_and_id() -> None:
    out = run("try { [xml]'<a>' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.Message }")
    assert out == ["InvalidCastToXmlDocument", "InvalidArgument",
                   'Cannot convert value "<a>" to type "System.Xml.XmlDocument". Error: "Unexpected end of file has '
                   'occurred. The following elements are not closed: a. Line 1, position 4."']


@pytest.mark.parametrize(("script", "error_id"), [
    ("$d.doc.item = 'z'", "XmlNodeSetRestrictionsMoreThanOneNode"),
    ("$d.doc.intro = 'z'", "XmlNodeSetRestrictionsNodeWithAttributes"),
])
def test_setting_xml_properties_follows_the_adapter_rules(script: str, error_id: str) -> None:
    out = run(DOC + f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    name = script.split("=")[0].strip().rsplit(".", 1)[-1]
    assert out == [error_id, f'Cannot set "{name}" because only strings can be used as values to set XmlNode '
                             "properties."]


def test_dom_method_errors() -> None:
    out = run(DOC + "$o = [xml]'<o/>'; try { $d.doc.AppendChild($o.DocumentElement) } catch { $_.Exception.Message }; "
              "try { $d.doc.AppendChild($o.o) } catch { $_.FullyQualifiedErrorId }; "
              "try { $d.SelectNodes('//[') } catch { $_.FullyQualifiedErrorId }; "
              "try { $d.LoadXml('<x>') } catch { $_.Exception.Message }")
    assert out == ['Exception calling "AppendChild" with "1" argument(s): "The node to be inserted is from a '
                   'different document context."', "MethodArgumentConversionInvalidCastArgument", "XPathException",
                   'Exception calling "LoadXml" with "1" argument(s): "Unexpected end of file has occurred. The '
                   'following elements are not closed: x. Line 1, position 4."']


# -- display ---------------------------------------------------------------------------------

def test_document_and_element_display_as_pwsh() -> None:
    assert shown(DOC + "$d") == "\ndoc\n---\ndoc\n\n"
    assert shown(DOC + "$d.doc") == "\nintro item\n----- ----\nintro {x, y}\n\n"
    assert shown(DOC + "$d.doc.intro") == "\na #text\n- -----\n1 Once\n\n"
    assert shown("[xml]'<?xml version=\"1.0\"?><r/>'") == "\nxml           r\n---           -\nversion=\"1.0\" \n\n"


# -- Select-Xml (Select-Xml.Tests.ps1) ---------------------------------------------------------

BOOKS = """<?xml version ="1.0" encoding="ISO-8859-1"?>
<bookstore>
\t<book category="CHILDREN">
\t\t<title lang="english">Harry Potter</title>
\t\t<price>30.00</price>
\t</book>
\t<book category="WEB">
\t\t<title lang="english">Learning XML</title>
\t\t<price>25.00</price>
\t</book>
</bookstore>
"""


def test_select_xml_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "testfile.xml").write_text(BOOKS)
    out = run('$r = Select-Xml -Path "$TestDrive/testfile.xml" -XPath "/bookstore/book/title"; '
              '$r.Count; $r[0].Node."#text"; $r[1].Node."#text"; $r[0].Path -eq "$TestDrive/testfile.xml"', tmp_path)
    assert out == ["2", "Harry Potter", "Learning XML", "True"]


def test_select_xml_relative_and_literal_paths(tmp_path: Path) -> None:
    (tmp_path / "testSelectXml.xml").write_text("<Root>\n   <Node Attribute='blah' />\n</Root>\n")
    out = run("Push-Location $TestDrive; (Select-Xml -LiteralPath testSelectXml.xml -XPath Root).Path; "
              "(Select-Xml -Path testSelect*.xml -XPath Root).Path; Pop-Location", tmp_path)
    assert out == [str(tmp_path / "testSelectXml.xml")] * 2


def test_select_xml_input_stream_and_namespaces() -> None:
    out = run("[xml]$xml = \"<a xmlns='bar'><b xmlns:b='foo'>hello</b><c>world</c></a>\"; "
              "$n = Select-Xml -Xml $xml -XPath '//c:b' -Namespace @{c='bar'}; $n.Path; $n.Pattern; $n.ToString()")
    assert out == ["InputStream", "//c:b", "hello"]


def test_select_xml_to_string(tmp_path: Path) -> None:
    (tmp_path / "test.xml").write_text("<a><b>hello</b></a>\n")
    out = run('(Select-Xml -Content "<a><b>one<c>hello</c></b></a>" -XPath "//b").ToString(); '
              '(Select-Xml -Path "$TestDrive/test.xml" -XPath "//b").ToString()', tmp_path)
    assert out == ["one<c>hello</c>", f"hello:{tmp_path}/test.xml"]


@pytest.mark.parametrize(("script", "error_id"), [
    ("$env:xmltestfile = '<a/>'; Select-Xml -Path env:xmltestfile 'Root' -ErrorAction Stop", "ProcessingFile"),
    ("$env:xmltestfile = '<a/>'; Select-Xml -LiteralPath env:xmltestfile 'Root' -ErrorAction Stop", "ProcessingFile"),
    ("Set-Content $TestDrive/bad.xml '<a><b>'; Select-Xml -Path $TestDrive/bad.xml -XPath foo -ErrorAction Stop",
     "ProcessingFile"),
    ("Select-Xml -Xml ([xml]'<a/>') -XPath foo -Namespace @{c=$null} -ErrorAction Stop", "PrefixError"),
    ("Select-Xml -Content 'hello' -XPath foo -ErrorAction Stop", "InvalidCastToXmlDocument"),
])
def test_select_xml_errors(script: str, error_id: str, tmp_path: Path) -> None:
    out = run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}", tmp_path)
    assert out == [f"{error_id},Microsoft.PowerShell.Commands.SelectXmlCommand"]


def test_select_xml_bad_file_message(tmp_path: Path) -> None:
    (tmp_path / "bad.xml").write_text("<a><b>\n")
    out = run("try { Select-Xml -Path $TestDrive/bad.xml -XPath foo -ErrorAction Stop } "
              "catch { $_.Exception.Message }", tmp_path)
    assert out == [f"The file '{tmp_path}/bad.xml' cannot be read: Unexpected end of file has occurred. The following "
                   "elements are not closed: b, a. Line 2, position 1."]


def test_select_xml_display_and_piped_strings() -> None:
    text = shown("'<x><y>1</y><y>2</y></x>' | Select-Xml -XPath //y")
    assert text == "\nNode Path        Pattern\n---- ----        -------\ny    InputStream //y\ny    InputStream //y\n\n"
    assert run("'<x><y>1</y></x>' | Select-Xml -XPath //y | ForEach-Object { $_.Node.InnerText }") == ["1"]


def test_select_xml_doc_example_expand_node(tmp_path: Path) -> None:
    (tmp_path / "t.ps1xml").write_text(
        "<Types><Type><Name>System.Array</Name><Members><AliasProperty><Name>Count</Name>"
        "<ReferencedMemberName>Length</ReferencedMemberName></AliasProperty></Members></Type></Types>")
    text = format_text(_rs().run(f"$Path = '{tmp_path}/t.ps1xml'; $XPath = '/Types/Type/Members/AliasProperty'; "
                                 "Select-Xml -Path $Path -XPath $Xpath | Select-Object -ExpandProperty Node"), 120)
    assert text == "\nName  ReferencedMemberName\n----  --------------------\nCount Length\n\n"


# -- ConvertTo-Xml (ConvertTo-Xml.Tests.ps1) -----------------------------------------------------

OBJ = '$o = [pscustomobject]@{ "prop1" = "val1"; "prop2" = "val2" }; '
HEAD = '<?xml version="1.0" encoding="utf-8"?>'


def test_convertto_xml_depth_and_no_type_information() -> None:
    out = run(OBJ + "$r = $o | ConvertTo-Xml -Depth 1; $r -is [System.Xml.XmlDocument]; $r.OuterXml; "
              "($o | ConvertTo-Xml -NoTypeInformation).OuterXml; ($o | ConvertTo-Xml -As Document -NoTypeInformation).OuterXml")
    assert out == ["True",
                   HEAD + '<Objects><Object Type="System.Management.Automation.PSCustomObject"><Property Name="prop1" '
                   'Type="System.String">val1</Property><Property Name="prop2" Type="System.String">val2</Property>'
                   "</Object></Objects>",
                   HEAD + '<Objects><Object><Property Name="prop1">val1</Property><Property Name="prop2">val2'
                   "</Property></Object></Objects>"] + [
                   HEAD + '<Objects><Object><Property Name="prop1">val1</Property><Property Name="prop2">val2'
                   "</Property></Object></Objects>"]


def test_convertto_xml_as_string_and_stream() -> None:
    out = run(OBJ + "$o | ConvertTo-Xml -As String")
    assert out == [HEAD + '\n<Objects>\n  <Object Type="System.Management.Automation.PSCustomObject">\n'
                   '    <Property Name="prop1" Type="System.String">val1</Property>\n'
                   '    <Property Name="prop2" Type="System.String">val2</Property>\n  </Object>\n</Objects>']
    out = run(OBJ + "$r = $o | ConvertTo-Xml -As Stream; $r -is [System.Array]; $r.Count; $r")
    assert out == ["True", "4", HEAD, "<Objects>",
                   '<Object Type="System.Management.Automation.PSCustomObject">\n'
                   '  <Property Name="prop1" Type="System.String">val1</Property>\n'
                   '  <Property Name="prop2" Type="System.String">val2</Property>\n</Object>', "</Objects>"]


def test_convertto_xml_primitives_dictionaries_and_nesting() -> None:
    assert run("$x = [int]1 | ConvertTo-Xml; $x.Objects.Object.Type; $x.Objects.Object.'#text'") == ["System.Int32", "1"]
    assert run("$x = @{foo='bar'} | ConvertTo-Xml; $x.Objects.Object.Type; $x.Objects.Object.Property[0].Name; "
               "$x.Objects.Object.Property[0].'#text'; $x.Objects.Object.Property[1].Name; "
               "$x.Objects.Object.Property[1].'#text'") == ["System.Collections.Hashtable", "Key", "foo", "Value", "bar"]
    out = run("[pscustomobject]@{a=1,2; b=$null; c=[pscustomobject]@{d=1}} | ConvertTo-Xml -As String")
    assert out == [HEAD + '\n<Objects>\n  <Object Type="System.Management.Automation.PSCustomObject">\n'
                   '    <Property Name="a" Type="System.Object[]">\n'
                   '      <Property Type="System.Int32">1</Property>\n'
                   '      <Property Type="System.Int32">2</Property>\n    </Property>\n'
                   '    <Property Name="b" Type="System.Object" />\n'
                   '    <Property Name="c" Type="System.Management.Automation.PSCustomObject">@{d=1}</Property>\n'
                   "  </Object>\n</Objects>"]
    assert run("(@() | ConvertTo-Xml -As String)") == [HEAD + "\n<Objects />"]
    # the Type is the base object's .NET type, not the first of its TypeNames
    assert run("([pscustomobject]@{a=1} | Select-Object a | ConvertTo-Xml).Objects.Object.Type") == [
        "System.Management.Automation.PSCustomObject"]


def test_convertto_xml_document_display() -> None:
    assert shown("1 | ConvertTo-Xml") == ("\nxml                            Objects\n---                            -------\n"
                                          'version="1.0" encoding="utf-8" Objects\n\n')


def test_convertto_xml_depth_validation() -> None:
    out = run("try { 1 | ConvertTo-Xml -Depth 0 } catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ConvertToXmlCommand"]


# -- serialization: XmlDocument is a known type (CliXml <XD>, the job/remoting wire) ---------------

def test_xml_document_round_trips_through_clixml_and_the_wire() -> None:
    from pyshell.engine import clixml
    from pyshell.wire import deserialize, serialize

    doc = parse_document("<a><b>1</b></a>")
    assert clixml.serialize(doc) == "<XD>&lt;a&gt;&lt;b&gt;1&lt;/b&gt;&lt;/a&gt;</XD>"
    back = clixml.from_document(clixml.to_document([doc]))[0]
    assert back.outer_xml() == "<a><b>1</b></a>"
    wire = deserialize(serialize(doc))
    assert type(wire).__name__ == "XmlDocument" and wire.a.b == "1"


def test_dom_moves_comments_and_clones() -> None:
    out = run("$d = [xml]'<r><a/><b/><c/></r>'; [void]$d.r.InsertAfter($d.r.FirstChild, $d.r.LastChild); "
              "$d.r.InnerXml; [void]$d.r.InsertBefore($d.r.LastChild, $d.r.FirstChild); $d.r.InnerXml; "
              "try { $d.r.RemoveChild($d.CreateElement('z')) } catch { $_.Exception.Message }; "
              "$d.r.ReplaceChild($d.CreateElement('y'), $d.r.FirstChild).Name; "
              "[void]$d.r.PrependChild($d.CreateComment(' hi ')); $d.r.InnerXml; $d.r.'#comment'; "
              "$d.r.CloneNode($true).OuterXml; $d.r.GetElementsByTagName('c').Count")
    assert out == ["<b /><c /><a />", "<a /><b /><c />",
                   'Exception calling "RemoveChild" with "1" argument(s): "The node to be removed is not a child of '
                   'this node."', "a", "<!-- hi --><y /><b /><c />", " hi ", "<r><!-- hi --><y /><b /><c /></r>", "1"]


def test_select_xml_keeps_whitespace_nodes_out_of_the_properties(tmp_path: Path) -> None:
    (tmp_path / "testfile.xml").write_text(BOOKS)
    out = run('$r = Select-Xml -Path "$TestDrive/testfile.xml" -XPath "//book"; $r[0].Node.ChildNodes.Count; '
              "$r[0].Node.psobject.Properties.Name[0..2] -join ','; $r[0].Node.title.'#text'", tmp_path)
    assert out == ["5", "category,title,price", "Harry Potter"]
    assert run("([xml]'<a>\n  <b>1</b>\n</a>').a.ChildNodes.Count") == ["1"]  # [xml] drops them


def test_get_member_lists_adapted_and_net_members() -> None:
    out = run("[xml]$d = '<doc><intro a=\"1\">Once</intro><item>x</item><item>y</item><e>t</e></doc>'; "
              "$d.doc | Get-Member -Name intro,item,e,Name,SelectNodes,Item | ForEach-Object { $_.MemberType + '|' + "
              "$_.Definition }")
    assert out == [
        "Method|System.Xml.XmlNodeList SelectNodes(string xpath), System.Xml.XmlNodeList SelectNodes(string xpath, "
        "System.Xml.XmlNamespaceManager nsmgr)",
        "ParameterizedProperty|System.Xml.XmlElement Item(string name) {get;}, System.Xml.XmlElement Item(string "
        "localname, string ns) {get;}",
        "Property|string e {get;set;}", "Property|System.Xml.XmlElement intro {get;}",
        "Property|System.Object[] item {get;}", "Property|string Name {get;}"]


def test_adapter_tests_xml_properties_through_psobject() -> None:
    """Adapter.Tests.ps1: the XML adapter's properties through $obj.psobject.Properties."""
    out = run("$document = New-Object System.Xml.XmlDocument; "
              "$document.LoadXml(\"<book ISBN='12345'><title>Pride And Prejudice</title><price>19.95</price></book>\"); "
              "$doc = $document.DocumentElement; $col = $doc.psobject.Properties.Match('*'); $col.Count -gt 0; "
              "$col['price'].Value; $p = $doc.psobject.Properties['price']; $p.Value; $p.IsGettable; $p.IsSettable; "
              "$p.TypeNameOfValue; $doc.ToString()")
    assert out == ["True", "19.95", "19.95", "True", "True", "System.String", "book"]


def test_select_xml_missing_files() -> None:
    out = run("try { Select-Xml -Path /nope.xml -XPath a; 'not here' } catch { $_.FullyQualifiedErrorId; "
              "$_.Exception.Message }; Select-Xml -LiteralPath /nope.xml -XPath a -ErrorVariable e "
              "-ErrorAction SilentlyContinue; $e[0].FullyQualifiedErrorId; $e[0].Exception.Message; "
              "Select-Xml -Path /nope*.xml -XPath a; 'wildcard: no error'")
    assert out == ["PathNotFound,Microsoft.PowerShell.Commands.SelectXmlCommand",
                   "Cannot find path '/nope.xml' because it does not exist.",
                   "ProcessingFile,Microsoft.PowerShell.Commands.SelectXmlCommand",
                   "The file '/nope.xml' cannot be read: Could not find file '/nope.xml'.", "wildcard: no error"]
