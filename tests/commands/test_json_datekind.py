"""DT1: DateTime.Kind (Unspecified for zone-less text and [datetime]::new, Local for Get-Date, Utc) and how
ConvertTo-Json, ConvertFrom-Json and the "o"/"K" formats show it."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


@pytest.mark.parametrize(("src", "kind"), [
    ("[datetime]'2020-01-01'", "Unspecified"),
    ("[datetime]'2020-01-01T10:00:00'", "Unspecified"),
    ("[datetime]'2020-01-01T10:00:00Z'", "Local"),  # .NET converts a zoned string to local time
    ("[datetime]::Parse('2020-01-01')", "Unspecified"),
    ("[datetime]::new(2020, 1, 1)", "Unspecified"),
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc')", "Utc"),
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Local')", "Local"),
    ("[datetime]::new(1970, 1, 1, 0, 0, 0, 0, 0, 'Unspecified')", "Unspecified"),
    ("[datetime]::new(0, 'Utc')", "Utc"),
    ("[datetime]::MinValue", "Unspecified"),
    ("([datetime]'2020-01-01').AddDays(1).Date", "Unspecified"),
    ("Get-Date", "Local"),
    ("[datetime]::Now", "Local"),
    ("Get-Date -Date '2020-01-01'", "Unspecified"),
])
def test_kind(rs: Runspace, src: str, kind: str) -> None:
    assert rs.run(f"({src}).Kind") == [kind]


def test_microsecond_overload(rs: Runspace) -> None:
    assert rs.run("$d = [datetime]::new(2020, 1, 1, 0, 0, 0, 7, 5); $d.Millisecond; $d.Microsecond") == [7, 5]


@pytest.mark.parametrize(("src", "json"), [
    ("[datetime]::new(2020, 1, 1)", '"2020-01-01T00:00:00"'),
    ("[datetime]'2021-08-05T16:13:05.639'", '"2021-08-05T16:13:05.639"'),
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc')", '"2020-01-01T00:00:00Z"'),
    ("'\"1970-01-01T00:00:00\"' | ConvertFrom-Json", '"1970-01-01T00:00:00"'),
])
def test_convertto_json_dates(rs: Runspace, src: str, json: str) -> None:
    assert rs.run(f"{src} | ConvertTo-Json") == [json]


def test_local_dates_keep_their_offset(rs: Runspace) -> None:
    out = rs.run("$d = Get-Date; ($d | ConvertTo-Json) -match '[+-]\\d\\d:\\d\\d\"$'; $d.ToString('o') -match '[+-]\\d\\d:\\d\\d$'")
    assert out == [True, True]


@pytest.mark.parametrize(("kind", "expected"), [
    ("Default", "Unspecified"), ("Local", "Local"), ("Utc", "Utc"),
])
def test_convertfrom_json_zoneless_kind(rs: Runspace, kind: str, expected: str) -> None:
    out = rs.run(f"$d = '\"1970-01-01T00:00:00\"' | ConvertFrom-Json -DateKind {kind}; $d.Kind; $d.Hour; $d.Year")
    assert out == [expected, 0, 1970]


def test_convertfrom_json_offset_kind_without_zone_is_local_offset(rs: Runspace) -> None:
    out = rs.run("$d = '\"1970-01-01T00:00:00\"' | ConvertFrom-Json -DateKind Offset; $d.Hour; "
                 "$d -is [DateTimeOffset]; $d.Offset -eq [DateTimeOffset]::new([datetime]'1970-01-01').Offset")
    assert out == [0, True, True]


@pytest.mark.parametrize(("src", "text"), [
    ("Get-Date -Date '2019-06-25 16:17:22' -Format o", "2019-06-25T16:17:22.0000000"),
    ("([datetime]'2020-01-01').ToString('o')", "2020-01-01T00:00:00.0000000"),
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc').ToString('o')", "2020-01-01T00:00:00.0000000Z"),
    ("Get-Date -Date ([datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc')) -Format 'yyyyK'", "2020Z"),
    ("([datetime]'2020-01-01').ToString('yyyyK')", "2020"),
])
def test_round_trip_format(rs: Runspace, src: str, text: str) -> None:
    assert rs.run(src) == [text]


def test_kind_is_an_enum_written_as_a_number(rs: Runspace) -> None:
    out = rs.run("$d = [datetime]::new(2020, 1, 1); $d.Kind.GetType().FullName; $d.Kind -eq 'Unspecified'; "
                 "[pscustomobject]@{ a = $d.Kind; b = (Get-Date).Kind; c = [datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc').Kind } "
                 "| ConvertTo-Json -Compress")
    assert out == ["System.DateTimeKind", True, '{"a":0,"b":2,"c":1}']


def test_datetime_script_property_is_listed_first(rs: Runspace) -> None:
    out = rs.run("((Get-Date '2020-01-01') | Select-Object *).PSObject.Properties.Name | Select-Object -First 3")
    assert out == ["DateTime", "Date", "Day"]


def test_kind_survives_clixml_and_jobs(rs: Runspace, tmp_path: object) -> None:
    rs.set_variable("f", f"{tmp_path}/d.xml")
    out = rs.run("[datetime]'2020-01-01' | Export-Clixml $f; (Import-Clixml $f).Kind; "
                 "(Get-Content $f -Raw) -match '<DT>2020-01-01T00:00:00.0000000</DT>'; "
                 "Get-Date | Export-Clixml $f; (Import-Clixml $f).Kind")
    assert out == ["Unspecified", True, "Local"]


def test_kind_survives_the_wire() -> None:
    import datetime as dt

    from pyshell.engine.datekind import date_kind, unspecified
    from pyshell.wire.serialize import deserialize, serialize

    assert date_kind(deserialize(serialize(unspecified(dt.datetime(2020, 1, 1))))) == "Unspecified"
    assert date_kind(deserialize(serialize(dt.datetime(2020, 1, 1)))) == "Local"
