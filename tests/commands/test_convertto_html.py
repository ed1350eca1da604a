"""ConvertTo-Html: pwsh's exact XHTML lines for pages, fragments, lists, page parameters and its errors."""

from __future__ import annotations

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

_OBJ = '$o = [pscustomobject]@{"Name" = "John Doe"; "Age" = 42; "Friends" = ("Jack", "Jill")}; '
_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">')
_TABLE = [
    "<table>",
    "<colgroup><col/><col/><col/></colgroup>",
    "<tr><th>Name</th><th>Age</th><th>Friends</th></tr>",
    "<tr><td>John Doe</td><td>42</td><td>System.Object[]</td></tr>",
    "</table>",
]


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _page(head: list[str], body: list[str]) -> list[str]:
    return [_DOCTYPE, '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>", *head, "</head><body>", *body,
            "</body></html>"]


def test_default_page(rs: Runspace) -> None:
    assert rs.run(_OBJ + "$o | ConvertTo-Html") == _page(["<title>HTML TABLE</title>"], _TABLE)
    assert rs.run(_OBJ + "(ConvertTo-Html -InputObject $o).GetType().Name") == ["Object[]"]


def test_fragment_and_pre_post_content(rs: Runspace) -> None:
    assert rs.run(_OBJ + "$o | ConvertTo-Html -Fragment") == _TABLE
    out = rs.run(_OBJ + "$o | ConvertTo-Html -PreContent 'Before' -PostContent 'After'")
    assert out == _page(["<title>HTML TABLE</title>"], ["Before", *_TABLE, "After"])


def test_list_with_page_parameters(rs: Runspace) -> None:
    out = rs.run(_OBJ + "$o | ConvertTo-Html -Title 'Custom Object' -Body 'Body Text' -CssUri 'page.css' "
                        "-As List -Property Name, Friends")
    assert out == _page(["<title>Custom Object</title>", '<link rel="stylesheet" type="text/css" href="page.css" />'],
                        ["Body Text", "<table>", "<tr><td>Name:</td><td>John Doe</td></tr>",
                         "<tr><td>Friends:</td><td>System.Object[]</td></tr>", "</table>"])


def test_list_separates_objects(rs: Runspace) -> None:
    out = rs.run("[pscustomobject]@{a=1},[pscustomobject]@{a=2} | ConvertTo-Html -As List -Fragment")
    assert out == ["<table>", "<tr><td>a:</td><td>1</td></tr>", "<tr><td><hr></td></tr>",
                   "<tr><td>a:</td><td>2</td></tr>", "</table>"]


def test_values_are_encoded_and_calculated_columns(rs: Runspace) -> None:
    out = rs.run("[pscustomobject]@{a='<x&y>'; b=$null}, [pscustomobject]@{a=[char]233} | ConvertTo-Html -Fragment "
                 "-Property a,b,@{l='Len';e={\"$($_.a)\".Length};width=20;alignment='left'}")
    assert out == ["<table>", '<colgroup><col/><col/><col width = "20" align = "left"/></colgroup>',
                   "<tr><th>a</th><th>b</th><th>Len</th></tr>",
                   "<tr><td>&lt;x&amp;y&gt;</td><td></td><td>5</td></tr>",
                   "<tr><td>&#233;</td><td></td><td>1</td></tr>", "</table>"]


def test_meta_charset_head_transitional(rs: Runspace) -> None:
    out = rs.run("ConvertTo-Html -Meta @{'content-type'='text/html'} -Charset 'utf-8' -Head '<style/>' -Transitional")
    assert out == [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"  '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>", '<meta charset="utf-8">',
        '<meta http-equiv="content-type" content="text/html">', "<style/>", "</head><body>", "<table>", "</table>",
        "</body></html>"]


def test_unknown_meta_warns(rs: Runspace) -> None:
    out = rs.run("ConvertTo-Html -Meta @{authors='John Doe'}")
    assert '<meta name="authors" content="John Doe">' in out
    assert [str(w.Message) for w in rs.host.warnings] == [  # type: ignore[attr-defined]
        "authors is not a supported meta property. Accepted meta properties are content-type, default-style, "
        "refresh, application-name, author, description, generator, keywords, and viewport."]


@pytest.mark.parametrize(("args", "error_id"), [
    ("-Charset 'u'", "ParameterArgumentValidationError"),
    ("-As Grid", "ParameterArgumentValidationError"),
    ("-Title ''", "ParameterArgumentValidationError"),
    ("-CssUri ' '", "ArgumentException"),
    ("-Fragment -Title x", "AmbiguousParameterSet"),
])
def test_argument_errors(rs: Runspace, args: str, error_id: str) -> None:
    out = rs.run(f"try {{ ConvertTo-Html {args} }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == [f"{error_id},Microsoft.PowerShell.Commands.ConvertToHtmlCommand"]
