"""[DateTimeOffset] and ConvertFrom-Json -DateKind (cases ported from ConvertFrom-Json.Tests.ps1, pwsh 7.5)."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def hours(h: int) -> str:
    return f"(New-TimeSpan -Hours {h})"


CASES = [  # (json text, the DateTimeOffset it stands for)
    ('"2022-11-02T12:01:44.5801388+04:00"',
     f"[DateTimeOffset]::new(2022, 11, 2, 12, 1, 44, 580, 138, {hours(4)}).AddTicks(8)"),
    ('"2022-11-02T12:01:44.5801388-04:00"',
     f"[DateTimeOffset]::new(2022, 11, 2, 12, 1, 44, 580, 138, {hours(-4)}).AddTicks(8)"),
    ('"1970-01-01T00:00:00"', "[DateTimeOffset]::new([DateTime]::new(1970, 1, 1, 0, 0, 0, 0, 0, 'Local'))"),
    ('"1970-01-01T00:00:00.0000000Z"', f"[DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, {hours(0)})"),
    ('"1970-01-01T00:00:00.0000000-00:00"', f"[DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, {hours(0)})"),
    ('"1970-01-01T00:00:00.0000000+10:00"', f"[DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, {hours(10)})"),
    ('"1970-01-01T00:00:00.0000000-10:00"', f"[DateTimeOffset]::new(1970, 1, 1, 0, 0, 0, 0, 0, {hours(-10)})"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_datekind_offset(rs: Runspace, text: str, expected: str) -> None:
    rs.set_variable("v", text)
    out = rs.run(f"$e = {expected}; $j = $v | ConvertFrom-Json -DateKind Offset; $j -is [DateTimeOffset]; "
                 "$j.EqualsExact($e)")
    assert out == [True, True]


@pytest.mark.parametrize(("text", "expected"), CASES)
@pytest.mark.parametrize(("kind", "member"), [("Local", "LocalDateTime"), ("Utc", "UtcDateTime")])
def test_datekind_local_and_utc(rs: Runspace, text: str, expected: str, kind: str, member: str) -> None:
    rs.set_variable("v", text)
    out = rs.run(f"$e = ({expected}).{member}; $j = $v | ConvertFrom-Json -DateKind {kind}; $j.Kind; $j -eq $e")
    assert out == [kind, True]


def test_datekind_default(rs: Runspace) -> None:
    out = rs.run(f"$e = [DateTimeOffset]::new(2022, 11, 2, 12, 1, 44, 580, 138, {hours(4)}).AddTicks(8).LocalDateTime; "
                 "$j = '\"2022-11-02T12:01:44.5801388+04:00\"' | ConvertFrom-Json; $j.Kind; $j -eq $e; "
                 "$z = '\"1970-01-01T00:00:00.0000000Z\"' | ConvertFrom-Json; $z.Kind")
    assert out == ["Local", True, "Utc"]


def test_members(rs: Runspace) -> None:
    out = rs.run(f"$d = [DateTimeOffset]::new(2022, 11, 2, 12, 1, 44, 580, {hours(4)}); $d.GetType().FullName; "
                 "\"$d\"; $d.Offset.TotalHours; $d.TotalOffsetMinutes; $d.UtcDateTime.Hour; $d.UtcDateTime.Kind; "
                 "$d.DateTime.Kind; $d.Millisecond; $d.Ticks - $d.UtcTicks; "
                 f"$d -eq $d.ToOffset({hours(1)}); $d.EqualsExact($d.ToOffset({hours(1)})); "
                 "$d.AddDays(1).GetType().Name; [DateTimeOffset]::FromUnixTimeSeconds(86400).ToUnixTimeMilliseconds(); "
                 "([DateTimeOffset]'2020-01-01T00:00:00+02:00').Offset.TotalHours; $d | ConvertTo-Json")
    assert out == ["System.DateTimeOffset", "11/02/2022 12:01:44 +04:00", 4.0, 240, 8, "Utc", "Unspecified", 580,
                   144000000000, True, False, "DateTimeOffset", 86400000, 2.0, '"2022-11-02T12:01:44.58+04:00"']


@pytest.mark.parametrize(("args", "message"), [
    ("2022, 1, 1, 0, 0, 0, (New-TimeSpan -Seconds 30)", "Offset must be specified in whole minutes. (Parameter 'offset')"),
    ("2022, 1, 1, 0, 0, 0, (New-TimeSpan -Hours 15)", "Offset must be within plus or minus 14 hours. (Parameter 'offset')"),
    ("2022, 13, 1, 0, 0, 0, (New-TimeSpan)", "Year, Month, and Day parameters describe an un-representable DateTime."),
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc'), (New-TimeSpan -Hours 1)",
     "The UTC Offset for Utc DateTime instances must be 0. (Parameter 'offset')"),
])
def test_constructor_errors(rs: Runspace, args: str, message: str) -> None:
    out = rs.run(f"try {{ [DateTimeOffset]::new({args}) }} catch {{ $_.Exception.Message }}")
    assert len(out) == 1 and out[0].endswith(f'"{message}"')


def test_constructor_arity(rs: Runspace) -> None:
    out = rs.run("try { [DateTimeOffset]::new(1, 2, 3) } catch { $_.FullyQualifiedErrorId }")
    assert out == ["MethodCountCouldNotFindBest"]


@pytest.mark.parametrize(("src", "expected"), [
    ("([datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc') - [datetime]'2020-01-01').Ticks", 0),  # Kind is ignored
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc') -eq [datetime]'2020-01-01'", True),
    ("[datetime]::new(2020, 1, 1, 0, 0, 0, 0, 'Utc') -lt [datetime]'2020-01-02'", True),
    ("([DateTimeOffset]::new(2022, 1, 1, 0, 0, 0, (New-TimeSpan -Hours 4)) - "
     "[DateTimeOffset]::new(2022, 1, 1, 0, 0, 0, (New-TimeSpan))).TotalHours", -4.0),
    ("[DateTimeOffset]::new(2022, 1, 1, 0, 0, 0, (New-TimeSpan -Hours 4)) -lt "
     "[DateTimeOffset]::new(2022, 1, 1, 0, 0, 0, (New-TimeSpan))", True),
    ("([datetime]'2020-01-01').ToLocalTime().Kind", "Local"),
    ("[DateTimeOffset]::new(2022, 1, 1, 0, 0, 0, (New-TimeSpan -Hours 4)).ToLocalTime().GetType().Name",
     "DateTimeOffset"),
])
def test_mixed_kinds_compare_without_errors(rs: Runspace, src: str, expected: object) -> None:
    assert rs.run(src) == [expected]
    assert rs.host.errors == []  # type: ignore[attr-defined]
