"""The table writer: widths, padding, alignment, truncation with …, header wrapping."""

from __future__ import annotations

import pytest

from pyshell.formatting.table import Align, TableWriter, fit_columns

L, R, C = Align.LEFT, Align.RIGHT, Align.CENTER


@pytest.mark.parametrize(
    ("widths", "room", "expected"),
    [
        ([6, 15, 15], 100, [6, 15, 15]),  # fits
        ([6, 15, 15], 30, [6, 15, 7]),  # the last column shrinks
        ([6, 15, 15], 22, [6, 15, -1]),  # ... and is hidden when nothing is left
        ([6, 15, 15], 20, [6, 13, -1]),  # then the next one shrinks
        ([10, 0], 40, [10, 29]),  # an unset column takes the free room
        ([0, 0], 11, [5, 5]),  # unset columns share it
        ([30, 0], 20, [20, -1]),  # the unset column goes first
    ],
)
def test_fit_columns_shrinks_and_hides_from_the_right(widths: list[int], room: int, expected: list[int]) -> None:
    assert fit_columns(widths, room) == expected


def test_header_dashes_are_as_long_as_the_label_and_aligned_like_the_column() -> None:
    w = TableWriter(["Id", "Name", "Availability"], [3, 8, 13], [R, L, R], 100)
    assert w.header() == [
        " Id Name      Availability",
        " -- ----      ------------",
    ]


def test_cells_pad_except_the_last_left_aligned_column() -> None:
    w = TableWriter(["A", "B"], [4, 6], [L, L], 100)
    assert w.row(["x", "y"]) == ["x    y"]


def test_right_aligned_last_column_is_still_padded() -> None:
    w = TableWriter(["A", "B"], [4, 6], [L, R], 100)
    assert w.row(["x", "y"]) == ["x         y"]


@pytest.mark.parametrize(
    ("value", "align", "expected"),
    [
        ("abcdefgh", L, "abcd…"),
        ("abcdefgh", R, "…efgh"),
        ("abcde", L, "abcde"),
        ("first\nsecond", L, "firs…"),
        ("ab\ncd", L, "ab…  "),
    ],
)
def test_long_values_are_cut_with_an_ellipsis(value: str, align: Align, expected: str) -> None:
    w = TableWriter(["X", "Y"], [5, 1], [align, L], 100)
    assert w.row([value, "z"]) == [expected + " z"]


def test_wide_characters_count_two_cells() -> None:
    w = TableWriter(["X", "Y"], [5, 1], [L, L], 100)
    assert w.row(["日本語です", "z"]) == ["日本… z"]


def test_labels_wider_than_their_column_wrap_onto_more_header_lines() -> None:
    w = TableWriter(["Day", "Month"], [3, 3], [R, L], 100)
    assert w.header() == [
        "Day Mon",
        "    th",
        "--- ---",
    ]


def test_wrap_shows_every_line_of_a_value() -> None:
    w = TableWriter(["A", "B"], [3, 10], [L, L], 100)
    assert w.row(["x", "one two three"], wrap=True) == ["x   one two", "    three"]


def test_hide_header() -> None:
    w = TableWriter(["A"], [3], [L], 100, hide_header=True)
    assert w.header() == []


def test_ansi_headers_use_the_table_header_style() -> None:
    w = TableWriter(["Id", "Name"], [3, 4], [R, L], 100, ansi=True)
    header, dashes = w.header()
    assert header == "\x1b[32;1m Id\x1b[0m\x1b[32;1m Name\x1b[0m"
    assert dashes == "\x1b[32;1m --\x1b[0m \x1b[32;1m----\x1b[0m"


def test_narrow_screens_disable_the_table() -> None:
    assert TableWriter(["A"], [3], [L], 4).row(["x"]) == []
