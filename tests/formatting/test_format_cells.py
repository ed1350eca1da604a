""".NET format strings, cell texts and word wrapping."""

from __future__ import annotations

import datetime as dt

import pytest

from pyshell.formatting.cells import cell_width, field_text, wrap_lines
from pyshell.formatting.formatstrings import format_composite, format_value

NOV24 = dt.datetime(2026, 11, 24, 23, 34, 24)


@pytest.mark.parametrize(
    ("value", "spec", "expected"),
    [
        (1234567.891, "N2", "1,234,567.89"),
        (1234567, "N0", "1,234,567"),
        (0.125, "F2", "0.13"),
        (2.675, "F2", "2.67"),  # the double is 2.67499...
        (3.14159, "F", "3.14"),
        (42, "D5", "00042"),
        (255, "X4", "00FF"),
        (255, "x", "ff"),
        (12345.678, "E2", "1.23E+004"),
        (0.1234, "P1", "12.3%"),
        (1.5, "###0.00", "1.50"),
        (0.5, "#.##", ".5"),
        (1234567, "#,##0", "1,234,567"),
        (NOV24, "d", "11/24/2026"),
        (NOV24, "G", "11/24/2026 11:34:24 PM"),
        (NOV24, "D", "Tuesday, November 24, 2026"),
        (NOV24, "yyyy-MM-dd HH:mm:ss", "2026-11-24 23:34:24"),
        (NOV24, "MMM dd h:mm tt", "Nov 24 11:34 PM"),
        (dt.timedelta(hours=1, minutes=2, seconds=3, milliseconds=456), r"h\:mm\:ss\.fff", "1:02:03.456"),
        ("text", "N2", "text"),
    ],
)
def test_format_value(value: object, spec: str, expected: str) -> None:
    assert format_value(value, spec) == expected


@pytest.mark.parametrize(
    ("fmt", "args", "expected"),
    [
        ("{0:N2} MB", [1536.5], "1,536.50 MB"),
        ("{0,6}|{1,-4}|", [12, "ab"], "    12|ab  |"),
        ("{{literal}} {0}", [1], "{literal} 1"),
        ("{0:d} {0:HH}:{0:mm}", [NOV24], "11/24/2026 23:34"),
    ],
)
def test_format_composite(fmt: str, args: list[object], expected: str) -> None:
    assert format_composite(fmt, args) == expected


def test_format_composite_rejects_missing_arguments() -> None:
    with pytest.raises(ValueError):
        format_composite("{1}", [0])


@pytest.mark.parametrize(
    ("text", "cells"),
    [("abc", 3), ("日本", 4), ("\x1b[32;1mok\x1b[0m", 2), ("", 0)],
)
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells


def test_field_text_formats_doubles_with_two_decimals_only_in_view_less_tables() -> None:
    assert field_text(2.5, table=True) == "2.50"
    assert field_text(2.5) == "2.5"
    assert field_text(2.5, format_string="{0:N3}") == "2.500"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 10, ["short"]),
        ("hello world again", 11, ["hello ", "world again"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("one\ntwo", 10, ["one", "two"]),
    ],
)
def test_wrap_lines(text: str, width: int, expected: list[str]) -> None:
    assert wrap_lines(text, width, width) == expected
