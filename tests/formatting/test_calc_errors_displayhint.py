"""FT1: errors in calculated-property blocks are quiet in Format-*, #ERR with -DisplayError, reported after the
output with -ShowError; a block's column header is its exact text. GD1: Get-Date -DisplayHint drives the display."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _lines(rs: Runspace, src: str) -> list[str]:
    text = rs.run(f"{src} | Out-String")[0]
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def test_failing_expression_is_an_empty_cell(rs: Runspace) -> None:
    lines = _lines(rs, "Get-Date '2024-01-03' | Format-Table DayOfWeek,{ $_ / $null }")
    assert lines == ["DayOfWeek  $_ / $null", "--------- ------------", "Wednesday"]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_display_error_shows_err_marker(rs: Runspace) -> None:
    lines = _lines(rs, "Get-Date '2024-01-03' | Format-Table DayOfWeek,{ $_ / $null } -DisplayError")
    assert lines[-1] == "Wednesday #ERR"
    lines = _lines(rs, "Get-Date '2024-01-03' | Format-List DayOfWeek,{ $_ / $null } -DisplayError")
    assert lines == ["DayOfWeek    : Wednesday", " $_ / $null  : #ERR"]
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_show_error_reports_after_the_output(rs: Runspace) -> None:
    out = rs.run("Get-Date '2024-01-03' | Format-Table DayOfWeek,{ $_ / $null } -ShowError | Out-String; "
                 "$Error[0].FullyQualifiedErrorId; $Error[0].CategoryInfo.Category")
    assert out[1:] == ["PSPropertyExpressionError", "InvalidArgument"]
    errors = rs.host.errors  # type: ignore[attr-defined]
    assert [e.message for e in errors] == ['Failed to evaluate expression " $_ / $null ".']


def test_write_error_in_expression_fails_it_quietly(rs: Runspace) -> None:
    lines = _lines(rs, "[pscustomobject]@{a=1} | Format-Table a,@{n='b';e={ Write-Error 'bad'; 2 }} -DisplayError")
    assert lines[-1] == "1 #ERR"
    assert rs.host.errors == []  # type: ignore[attr-defined]


def test_working_expression_still_shows(rs: Runspace) -> None:
    lines = _lines(rs, "[pscustomobject]@{a=2} | Format-Table a,{$_.a * 3}")
    assert lines == ["a $_.a * 3", "- --------", "2        6"]


DISPLAY_HINTS = [
    ("Get-Date -Date '6/25/2019 16:17:22' -DisplayHint Date", "Tuesday, June 25, 2019"),
    ("Get-Date -Date '6/25/2019 16:17:22' -DisplayHint Time", "4:17:22 PM"),
    ("Get-Date -Date '6/25/2019 16:17:22' -DisplayHint DateTime", "Tuesday, June 25, 2019 4:17:22 PM"),
    ("Get-Date -Date 'Jan 1, 2020' -DisplayHint Date", "Wednesday, January 1, 2020"),
    ("[datetime]'2020-01-01'", "Wednesday, January 1, 2020 12:00:00 AM"),
]


@pytest.mark.parametrize(("src", "expected"), DISPLAY_HINTS)
def test_get_date_display_hint(rs: Runspace, src: str, expected: str) -> None:
    assert rs.run(f"({src} | Out-String).Trim()") == [expected]


def test_format_wide_lays_out_strings_in_columns(rs: Runspace) -> None:
    """FW1: strings and numbers fill Format-Wide's columns as objects' names do, instead of one per line."""
    strings = rs.run("'a','b','c','d','e' | Format-Wide -Column 2 | Out-String")[0]
    objects = rs.run("'a','b','c','d','e' | ForEach-Object { [pscustomobject]@{Name=$_} } | "
                     "Format-Wide -Column 2 | Out-String")[0]
    assert strings == objects
    lines = [line.rstrip() for line in strings.splitlines() if line.strip()]
    assert [line.split() for line in lines] == [["a", "b"], ["c", "d"], ["e"]]
    assert [line.split() for line in rs.run("1..7 | Format-Wide -Column 3 | Out-String -Stream") if line.strip()] \
        == [["1", "2", "3"], ["4", "5", "6"], ["7"]]
