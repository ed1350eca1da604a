"""CLIXML: pwsh's element forms, round trips, references, records, and the Clixml cmdlets."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine import clixml
from pyshell.engine.host import CollectingHost
from pyshell.engine.objects import Hashtable, PSChar, PSObject, type_names
from pyshell.engine.records import ErrorRecord, InformationRecord
from pyshell.engine.runspace import Runspace
from pyshell.errors import PyshellError
from pyshell.numeric import Byte, Int64, PSDecimal


@pytest.fixture
def rs(tmp_path: Path) -> Runspace:
    load_builtins()
    runspace = Runspace(CollectingHost())
    runspace.set_location(str(tmp_path))
    return runspace


def run(rs: Runspace, text: str) -> list[object]:
    rs.host.output.clear()  # type: ignore[attr-defined]
    rs.execute(text)
    return list(rs.host.output)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("value", "element"), [
    ("a<b", "<S>a&lt;b</S>"),
    ("x\ny", "<S>x_x000A_y</S>"),
    ("_x0041_", "<S>_x005F_x0041_</S>"),
    (1, "<I32>1</I32>"),
    (2**40, "<I64>1099511627776</I64>"),
    (Int64(3), "<I64>3</I64>"),
    (Byte(7), "<By>7</By>"),
    (True, "<B>true</B>"),
    (1.5, "<Db>1.5</Db>"),
    (PSDecimal("1.25"), "<D>1.25</D>"),
    (PSChar("A"), "<C>65</C>"),
    (None, "<Nil />"),
    (b"\x01\x02", "<BA>AQI=</BA>"),
    (dt.timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=500), "<TS>P1DT2H3M4.5S</TS>"),
    (dt.timedelta(0), "<TS>PT0S</TS>"),
])
def test_primitives_are_written_as_pwsh_does_and_read_back(value: object, element: str) -> None:
    assert clixml.serialize(value) == element
    back = clixml.deserialize_element(element)
    assert back == value
    assert type_names(back) == type_names(value)


def test_datetime_keeps_its_local_time_with_an_offset() -> None:
    when = dt.datetime(2024, 1, 2, 3, 4, 5, 678000)
    text = clixml.serialize(when)
    assert re.fullmatch(r"<DT>2024-01-02T03:04:05\.6780000[+-]\d\d:\d\d</DT>", text)
    assert clixml.deserialize_element(text) == when


def test_objects_carry_type_names_members_and_refs() -> None:
    bag = PSObject([("X", 10), ("Y", "y")])
    table = Hashtable()
    table["a"] = [1, "b"]
    doc = clixml.to_document([bag, table, bag])
    assert '<TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>' in doc
    assert '<MS><I32 N="X">10</I32><S N="Y">y</S></MS>' in doc
    assert '<DCT><En><S N="Key">a</S><Obj N="Value" RefId="2">' in doc
    assert '<Ref RefId="0" />' in doc
    first, second, third = clixml.from_document(doc)
    assert first is third
    assert first.type_names == ["Deserialized.System.Management.Automation.PSCustomObject", "Deserialized.System.Object"]
    assert first.properties["X"] == 10
    assert isinstance(second, Hashtable) and second["a"] == [1, "b"]


def test_type_name_refs_are_reused() -> None:
    doc = clixml.to_document([PSObject([("a", 1)]), PSObject([("a", 2)])])
    assert doc.count("<TN ") == 1 and '<TNRef RefId="0" />' in doc
    assert [o.properties["a"] for o in clixml.from_document(doc)] == [1, 2]


def test_depth_turns_deeper_objects_into_their_text() -> None:
    inner = PSObject([("Deep", 1)])
    outer = PSObject([("Inner", inner)])
    shallow = clixml.from_document(clixml.to_document([outer], depth=1))[0]
    assert shallow.properties["Inner"] == "@{Deep=1}"
    deep = clixml.from_document(clixml.to_document([outer], depth=2))[0]
    assert deep.properties["Inner"].properties["Deep"] == 1


def test_error_record_round_trips_with_its_ids() -> None:
    err = PyshellError("foo", error_id="Microsoft.PowerShell.Commands.WriteErrorException", category="InvalidData",
                       reason="WriteErrorException")
    err.qualify_error_id = False
    rec = ErrorRecord(err, command="Write-Error")
    text = clixml.serialize(rec)
    assert '<S N="FullyQualifiedErrorId">Microsoft.PowerShell.Commands.WriteErrorException</S>' in text
    assert '<I32 N="ErrorCategory_Category">6</I32>' in text
    back = clixml.deserialize_element(text)
    assert isinstance(back, ErrorRecord)
    assert back.FullyQualifiedErrorId == "Microsoft.PowerShell.Commands.WriteErrorException"
    assert back.CategoryInfo.Category == "InvalidData"
    assert back.message == "foo"


def test_information_record_round_trips() -> None:
    rec = InformationRecord("hello", "Write-Information", ["t1"])
    back = clixml.deserialize_element(clixml.serialize(rec))
    assert isinstance(back, InformationRecord)
    assert (back.MessageData, back.Source, back.Tags) == ("hello", "Write-Information", ["t1"])


def test_stream_reading_yields_each_object_with_its_stream_tag() -> None:
    chunks = ["#< CLIXML\n", f'<Objs Version="1.1.0.1" xmlns="{clixml.NAMESPACE}">', '<I32 S="Output">1</I32>',
              '<S S="warning">careful</S>', "</Objs>"]
    assert list(clixml.iter_stream(chunks)) == [(1, "Output"), ("careful", "warning")]


@pytest.mark.parametrize("bad", ["<Objs><Bogus /></Objs>", "not xml", "<Other />"])
def test_bad_documents_raise_clixml_error(bad: str) -> None:
    with pytest.raises(clixml.ClixmlError):
        clixml.from_document(bad)


# -- the cmdlets ------------------------------------------------------------------------------------

def test_export_then_import_gives_deserialized_objects(rs: Runspace) -> None:
    out = run(rs, "[pscustomobject]@{a=1; b='x'}, @{k=2}, 5 | Export-Clixml t.xml; $r = Import-Clixml t.xml; "
                  "$r.Count; $r[0].PSObject.TypeNames[0]; $r[0].a; $r[1].k; $r[2]")
    assert out == [3, "Deserialized.System.Management.Automation.PSCustomObject", 1, 2, 5]


def test_export_writes_a_clixml_document(rs: Runspace, tmp_path: Path) -> None:
    run(rs, "Export-Clixml -Path t.xml -InputObject 'hi'")
    assert (tmp_path / "t.xml").read_text() == (f'<Objs Version="1.1.0.1" xmlns="{clixml.NAMESPACE}">\n'
                                                "  <S>hi</S>\n</Objs>")


def test_import_first_skip_and_literal_path(rs: Runspace) -> None:
    out = run(rs, "1..5 | Export-Clixml -LiteralPath n.xml; Import-Clixml n.xml -Skip 1 -First 2")
    assert out == [2, 3]


def test_export_no_clobber_error(rs: Runspace) -> None:
    run(rs, "1 | Export-Clixml t.xml; 2 | Export-Clixml t.xml -NoClobber")
    errors = rs.host.errors  # type: ignore[attr-defined]
    assert errors[-1].FullyQualifiedErrorId == "NoClobber,Microsoft.PowerShell.Commands.ExportClixmlCommand"
    assert run(rs, "Import-Clixml t.xml") == [1]


def test_export_depth_below_one_is_a_validation_error(rs: Runspace) -> None:
    run(rs, "1 | Export-Clixml t.xml -Depth 0")
    assert "less than the minimum allowed range of 1" in rs.host.errors[-1].message  # type: ignore[attr-defined]


def test_import_missing_file_error(rs: Runspace) -> None:
    run(rs, "Import-Clixml nope.xml")
    rec = rs.host.errors[-1]  # type: ignore[attr-defined]
    assert rec.FullyQualifiedErrorId == "PathNotFound,Microsoft.PowerShell.Commands.ImportClixmlCommand"
    assert "because it does not exist" in rec.message


def test_import_of_a_file_that_is_not_clixml_is_an_error(rs: Runspace, tmp_path: Path) -> None:
    (tmp_path / "bad.xml").write_text("<nope")
    assert run(rs, "Import-Clixml bad.xml") == []
    assert "is not a valid CLIXML file" in rs.host.errors[-1].message  # type: ignore[attr-defined]


def test_convert_to_and_from_clixml(rs: Runspace) -> None:
    out = run(rs, "$x = 'a', 2 | ConvertTo-CliXml; $x.GetType().Name; $x | ConvertFrom-CliXml")
    assert out == ["String", "a", 2]


def test_convert_from_clixml_bad_input(rs: Runspace) -> None:
    run(rs, "'<x' | ConvertFrom-CliXml")
    assert "is not valid CLIXML" in rs.host.errors[-1].message  # type: ignore[attr-defined]


def test_a_value_with_note_properties_keeps_both(rs: Runspace) -> None:
    out = run(rs, "$s = 'abc' | Add-Member -NotePropertyName Extra -NotePropertyValue 5 -PassThru; "
                  "$b = $s | ConvertTo-CliXml | ConvertFrom-CliXml; $b.Extra; $b.Length; \"$b\"")
    assert out == [5, 3, "abc"]


def test_a_stream_that_ends_inside_the_document_is_an_error() -> None:
    chunks = [f'<Objs xmlns="{clixml.NAMESPACE}">', "<I32>1</I32>", "<S>unfinished"]
    got = []
    with pytest.raises(clixml.ClixmlError):
        for value, _ in clixml.iter_stream(chunks):
            got.append(value)
    assert got == [1]


def test_enum_values_keep_name_number_and_type(rs: Runspace) -> None:
    out = run(rs, "$x = [ConsoleColor]::Red | ConvertTo-CliXml; $x -match '<ToString>Red</ToString><I32>12</I32>'; "
                  "$r = $x | ConvertFrom-CliXml; \"$r\"; $r.PSObject.TypeNames[0]; [int]$r")
    assert out == [True, "Red", "Deserialized.System.ConsoleColor", 12]


def test_a_secure_string_reads_as_an_opaque_secure_string() -> None:
    value = clixml.deserialize_element("<SS>01000000d08c9ddf0115d1118c7a00c04fc297eb</SS>")
    assert type_names(value)[0] == "System.Security.SecureString"
    assert value.text == "System.Security.SecureString"
