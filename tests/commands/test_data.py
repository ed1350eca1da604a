"""ConvertTo/From-Json and the CSV commands, driven directly."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest

from pyshell.commands.csvread import ConvertFromCsv, ImportCsv
from pyshell.commands.csvwrite import ConvertToCsv, ExportCsv
from pyshell.commands.jsonread import ConvertFromJson, from_json
from pyshell.commands.jsonwrite import ConvertToJson, json_datetime, to_json
from pyshell.commands.measure import GenericMeasureInfo
from pyshell.engine.objects import Hashtable, OrderedHashtable, PSObject
from pyshell.errors import PyshellError

Run = Any  # the `run` fixture: run(CommandClass, inputs, **parameters) -> Result


def obj(**props: Any) -> PSObject:
    return PSObject(props.items())


# -- ConvertTo-Json ------------------------------------------------------------------------------

def test_to_json_indented_like_pwsh() -> None:
    value = obj(Name="x", Count=3, Ratio=0.5, Whole=6.0, On=True, Nothing=None, List=[1, "a"], Empty=[],
                Table=Hashtable({"k": "v"}), EmptyTable=Hashtable())
    assert to_json(value) == (
        '{\n'
        '  "Name": "x",\n'
        '  "Count": 3,\n'
        '  "Ratio": 0.5,\n'
        '  "Whole": 6.0,\n'
        '  "On": true,\n'
        '  "Nothing": null,\n'
        '  "List": [\n'
        '    1,\n'
        '    "a"\n'
        '  ],\n'
        '  "Empty": [],\n'
        '  "Table": {\n'
        '    "k": "v"\n'
        '  },\n'
        '  "EmptyTable": {}\n'
        '}')


def test_to_json_compress_and_escapes() -> None:
    assert to_json([1, "a\"b\\c\n\u0001é"], compress=True) == '[1,"a\\"b\\\\c\\n\\u0001é"]'
    assert to_json("é<", escape="EscapeNonAscii") == '"\\u00e9<"'
    assert to_json("<'&", escape="EscapeHtml") == '"\\u003c\\u0027\\u0026"'


def test_to_json_depth_truncates_with_one_warning() -> None:
    warnings: list[str] = []
    deep = Hashtable({"a": Hashtable({"b": Hashtable({"c": Hashtable({"d": 1})}), "x": obj(y=obj(z=1))})})
    text = to_json(deep, compress=True, warn=warnings.append)
    assert text == '{"a":{"b":{"c":"System.Collections.Hashtable"},"x":{"y":"@{z=1}"}}}'
    assert warnings == ["Resulting JSON is truncated as serialization has exceeded the set depth of 2."]


def test_to_json_objects_dates_and_wrapped_values() -> None:
    utc = dt.datetime(2026, 11, 24, 23, 34, 24, 123000, tzinfo=dt.UTC)
    assert json_datetime(utc) == "2026-11-24T23:34:24.123Z"
    offset = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert json_datetime(offset) == "2026-01-02T03:04:05-05:00"
    m = GenericMeasureInfo(count=2, sum_=3.0)
    assert to_json(m, compress=True) == ('{"Count":2,"Average":null,"Sum":3.0,"Maximum":null,"Minimum":null,'
                                         '"StandardDeviation":null,"Property":null}')
    assert to_json(PSObject([("n", 1)], base="text")) == '"text"'
    assert to_json(PSObject([("n", 1)], base=5), compress=True) == '{"value":5,"n":1}'


def test_to_json_rejects_non_string_keys() -> None:
    with pytest.raises(PyshellError, match="Keys must be strings"):
        to_json(Hashtable({1: "a"}))


def test_convertto_json_pipeline_makes_array_only_for_several(run: Run) -> None:
    assert run(ConvertToJson, [1]).output == ["1"]
    assert run(ConvertToJson, [1, 2], Compress=True).output == ["[1,2]"]
    assert run(ConvertToJson, [1], AsArray=True, Compress=True).output == ["[1]"]
    assert run(ConvertToJson, []).output == []
    assert run(ConvertToJson, InputObject=[]).output == ["[]"]
    assert run(ConvertToJson, [None]).output == ["null"]


def test_convertto_json_warns_through_the_warning_stream(run: Run) -> None:
    r = run(ConvertToJson, [obj(a=obj(b=obj(c=obj(d=1))))], Depth=1, Compress=True)
    assert r.output == ['{"a":{"b":"@{c=@{d=1}}"}}']
    assert r.warnings == ["Resulting JSON is truncated as serialization has exceeded the set depth of 1."]


def test_convertto_json_depth_range(run: Run) -> None:
    with pytest.raises(PyshellError, match="greater than the maximum allowed range of 100"):
        run(ConvertToJson, [1], Depth=101)


# -- ConvertFrom-Json ----------------------------------------------------------------------------

def test_from_json_values() -> None:
    value = from_json('{"a": 1, "b": 1.5, "c": [true, null, "x"], "d": {"e": 2.0}, '
                      '"when": "2026-11-24T23:34:24.5Z", "plain": "2026-11-24"}')
    assert isinstance(value, PSObject)
    assert value.type_names[0] == "System.Management.Automation.PSCustomObject"
    p = value.properties
    assert (p["a"], p["b"], p["c"]) == (1, 1.5, [True, None, "x"])
    assert isinstance(p["d"], PSObject) and p["d"].properties["e"] == 2.0 and isinstance(p["d"].properties["e"], float)
    assert p["when"] == dt.datetime(2026, 11, 24, 23, 34, 24, 500000, tzinfo=dt.UTC)
    assert p["plain"] == "2026-11-24"


def test_from_json_is_lenient_like_newtonsoft() -> None:
    value = from_json("// comment\n{a: 'x', /* c */ \"b\": [1, 2,],}")
    assert dict(value.properties.items()) == {"a": "x", "b": [1, 2]}
    assert from_json("   ") is None


@pytest.mark.parametrize("text, message", [
    ("hello", "Unexpected character encountered while parsing value: h. Path '', line 0, position 0."),
    ('{"a": x}', "Unexpected character encountered while parsing value: x. Path 'a', line 1, position 6."),
    ('{"a": 1 "b": 2}', "After parsing a value an unexpected character was encountered: \". Path 'a', line 1, "
                        "position 8."),
    ("[1] 2", "Additional text encountered after finished reading JSON content: 2. Path '', line 1, position 4."),
    ('{"a": "x', "Unterminated string. Expected delimiter: \". Path 'a', line 1, position 8."),
])
def test_from_json_syntax_errors(text: str, message: str) -> None:
    from pyshell.commands.jsonread import JsonSyntaxError

    with pytest.raises(JsonSyntaxError) as info:
        from_json(text)
    assert str(info.value) == message


def test_from_json_keys_with_different_casing() -> None:
    with pytest.raises(PyshellError, match="contains keys with different casing"):
        from_json('{"a": 1, "A": 2}')
    assert dict(from_json('{"a": 1, "a": 2}').properties.items()) == {"a": 2}
    with pytest.raises(PyshellError, match="empty string"):
        from_json('{"": 1}')
    table = from_json('{"b": 1, "": 2}', as_hashtable=True)
    assert isinstance(table, OrderedHashtable) and list(table.keys()) == ["b", ""]


def test_convertfrom_json_enumerates_arrays(run: Run) -> None:
    assert run(ConvertFromJson, ["[1, 2]"]).output == [1, 2]
    assert run(ConvertFromJson, ["[1, 2]"], NoEnumerate=True).output == [[1, 2]]


def test_convertfrom_json_joins_lines_when_the_first_is_incomplete(run: Run) -> None:
    assert [o.properties["a"] for o in run(ConvertFromJson, ["{", '"a": 1', "}"]).output] == [1]
    assert [o.properties["a"] for o in run(ConvertFromJson, ['{"a": 1}', '{"a": 2}']).output] == [1, 2]


def test_convertfrom_json_error_message(run: Run) -> None:
    with pytest.raises(PyshellError) as info:
        run(ConvertFromJson, ["nope"])
    assert info.value.message == ("Conversion from JSON failed with error: Unexpected character encountered while "
                                  "parsing value: n. Path '', line 0, position 0.")


def test_json_round_trip(run: Run) -> None:
    source = obj(name="x", items=[1, 2.5, "s"], nested=obj(ok=True))
    (text,) = run(ConvertToJson, [source], Depth=5).output
    (back,) = run(ConvertFromJson, [text]).output
    assert back.properties["items"] == [1, 2.5, "s"]
    assert back.properties["nested"].properties["ok"] is True


# -- CSV -----------------------------------------------------------------------------------------

def test_convertto_csv_quotes_everything_by_default(run: Run) -> None:
    rows = [obj(Name='a "b"', Value=1, Missing=None), obj(Name="c,d", Value=[1, 2])]
    assert run(ConvertToCsv, rows).output == ['"Name","Value","Missing"', '"a ""b""","1",', '"c,d","System.Object[]",']


def test_convertto_csv_writes_dates_as_their_culture_tostring(run: Run) -> None:
    # pwsh's docs: Get-Date | ConvertTo-Csv shows "8/22/2019 12:00:00 AM", not the invariant cast text
    import datetime as dt

    rows = [obj(Date=dt.datetime(2019, 8, 22), At=dt.datetime(2019, 8, 22, 23, 27, 34))]
    assert run(ConvertToCsv, rows).output == ['"Date","At"', '"8/22/2019 12:00:00 AM","8/22/2019 11:27:34 PM"']


def test_convertto_csv_options(run: Run) -> None:
    rows = [obj(a="x;y", b="plain")]
    assert run(ConvertToCsv, rows, UseQuotes="AsNeeded", Delimiter=";").output == ["a;b", '"x;y";plain']
    assert run(ConvertToCsv, rows, UseQuotes="Never").output == ["a,b", "x;y,plain"]
    assert run(ConvertToCsv, rows, QuoteFields=["B"]).output == ['a,"b"', 'x;y,"plain"']
    assert run(ConvertToCsv, rows, NoHeader=True).output == ['"x;y","plain"']
    r = run(ConvertToCsv, rows, IncludeTypeInformation=True)
    assert r.output[0] == "#TYPE System.Management.Automation.PSCustomObject"
    assert run(ConvertToCsv, [Hashtable({"k": 1})]).output == ['"k"', '"1"']


def test_export_and_import_csv_round_trip(run: Run, tmp_path: Any) -> None:
    run(ExportCsv, [obj(Name="a", Size=1), obj(Name="b\nc", Size=2)], Path="data.csv")
    assert (tmp_path / "data.csv").read_text() == '"Name","Size"\n"a","1"\n"b\nc","2"\n'
    rows = run(ImportCsv, Path=["data.csv"]).output
    assert [dict(r.properties.items()) for r in rows] == [{"Name": "a", "Size": "1"}, {"Name": "b\nc", "Size": "2"}]
    assert rows[0].type_names == ["System.Management.Automation.PSCustomObject", "System.Object"]


def test_export_csv_append_uses_existing_columns(run: Run, tmp_path: Any) -> None:
    run(ExportCsv, [obj(a=1, b=2)], Path="x.csv")
    run(ExportCsv, [obj(b=4, a=3, c=5)], Path="x.csv", Append=True)
    assert (tmp_path / "x.csv").read_text() == '"a","b"\n"1","2"\n"3","4"\n'
    with pytest.raises(PyshellError, match="does not have a property that corresponds to the following column: b"):
        run(ExportCsv, [obj(a=9)], Path="x.csv", Append=True)
    run(ExportCsv, [obj(a=9)], Path="x.csv", Append=True, Force=True)
    assert (tmp_path / "x.csv").read_text().endswith('"9",\n')


def test_export_csv_noclobber_and_missing_path(run: Run, tmp_path: Any) -> None:
    (tmp_path / "keep.csv").write_text("old")
    with pytest.raises(PyshellError) as info:
        run(ExportCsv, [obj(a=1)], Path="keep.csv", NoClobber=True)
    assert info.value.message == f"The file '{tmp_path / 'keep.csv'}' already exists."
    assert info.value.error_id == "NoClobber"
    assert (tmp_path / "keep.csv").read_text() == "old"
    with pytest.raises(PyshellError, match="either the -Path or -LiteralPath"):
        run(ExportCsv, [obj(a=1)])


def test_export_csv_failure_leaves_no_partial_file(run: Run, tmp_path: Any) -> None:
    (tmp_path / "keep.csv").write_text("old")

    def upstream() -> Any:
        yield obj(a=1)
        raise RuntimeError("upstream failed")

    with pytest.raises(RuntimeError):
        run(ExportCsv, upstream(), Path="keep.csv")
    assert (tmp_path / "keep.csv").read_text() == "old"
    assert [p for p in os.listdir(tmp_path) if p.endswith(".tmp")] == []


def test_import_csv_header_type_and_lenient_parsing(run: Run, tmp_path: Any) -> None:
    (tmp_path / "t.csv").write_text('#TYPE My.Row\na,b,\n  1 , "x""y" \n\n2\n')
    rows = run(ImportCsv, Path=["t.csv"]).output
    assert [dict(r.properties.items()) for r in rows] == [{"a": "1 ", "b": 'x"y'}, {"a": "2", "b": None}]
    assert rows[0].type_names == ["My.Row", "CSV:My.Row"]
    rows = run(ImportCsv, Path=["t.csv"], Header=["x", "", "z"]).output
    assert list(rows[0].properties.keys()) == ["x", "H1", "z"]


def test_import_csv_errors(run: Run, tmp_path: Any) -> None:
    with pytest.raises(PyshellError) as info:
        run(ImportCsv, Path=["nope.csv"])
    assert info.value.message == f"Could not find file '{tmp_path / 'nope.csv'}'."
    (tmp_path / "dup.csv").write_text("a,A\n1,2\n")
    with pytest.raises(PyshellError, match='The member "A" is already present.'):
        run(ImportCsv, Path=["dup.csv"])


def test_convertfrom_csv_lines_share_one_header(run: Run) -> None:
    rows = run(ConvertFromCsv, ["Name;Age", "ann;3", "bob;4"], Delimiter=";").output
    assert [(r.properties["Name"], r.properties["Age"]) for r in rows] == [("ann", "3"), ("bob", "4")]
    rows = run(ConvertFromCsv, ["1,2"], Header=["x", "y"]).output
    assert dict(rows[0].properties.items()) == {"x": "1", "y": "2"}


# -- end to end, through the real engine ---------------------------------------------------------

def _engine(location: str) -> Any:
    runspace = pytest.importorskip("pyshell.engine.runspace")
    return runspace.Runspace(location=location)


def test_engine_json_round_trip(tmp_path: Any) -> None:
    rs = _engine(str(tmp_path))
    assert rs.run("@{a=1; b=@(1,2)} | ConvertTo-Json -Compress") in (['{"a":1,"b":[1,2]}'], ['{"b":[1,2],"a":1}'])
    assert rs.run("('{\"n\": [1, 2.5]}' | ConvertFrom-Json).n") == [1, 2.5]


def test_engine_csv_file_round_trip(tmp_path: Any) -> None:
    rs = _engine(str(tmp_path))
    rs.run("1..3 | % { [pscustomobject]@{n=$_; sq=$_*$_} } | Export-Csv sq.csv")
    assert (tmp_path / "sq.csv").read_text().splitlines()[0] == '"n","sq"'
    assert rs.run("(Import-Csv sq.csv | Measure-Object -Property sq -Sum).Sum") == [14.0]
