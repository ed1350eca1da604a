"""$ErrorView: NormalView (message, position, CategoryInfo and FullyQualifiedErrorId lines), CategoryView
(CategoryInfo's message), DetailedView (Get-Error's view); and a lone CR stays in formatted text (pwsh splits
lines on LF and CRLF only), so Out-File keeps it and Import-Csv reads CR-ended records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace
from pyshell.formatting import render_error


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


def _record(rs: Runspace, src: str) -> object:
    rs.run(f"{src} -ErrorAction SilentlyContinue")
    return rs.run("$Error[0]")[0]


def test_category_view(rs: Runspace) -> None:
    record = _record(rs, "Get-ChildItem /nofile.txt")
    assert render_error(record, view="CategoryView") == \
        "ObjectNotFound: (/nofile.txt:String) [Get-ChildItem], ItemNotFoundException"


def test_normal_view(rs: Runspace) -> None:
    record = _record(rs, "Write-Error -Message abc")
    assert render_error(record, view="NormalView").split("\n") == [
        "abc",
        "+ CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException",
        "+ FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException",
    ]
    lines = render_error(_record(rs, "Get-Item /nope"), view="NormalView").split("\n")
    assert lines[0] == "Cannot find path '/nope' because it does not exist."
    assert lines[1].startswith("At line:1 char:")
    assert lines[-2:] == ["+ CategoryInfo          : ObjectNotFound: (/nope:String) [Get-Item], ItemNotFoundException",
                          "+ FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"]


def test_detailed_and_concise_views(rs: Runspace) -> None:
    record = _record(rs, "Get-Item /nope")
    detailed = render_error(record, view="DetailedView")
    assert "FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand" in detailed.split("\n")
    assert render_error(record) == render_error(record, view="ConciseView")
    assert render_error(record).startswith("Get-Item: Cannot find path '/nope'")


def test_cli_honours_error_view() -> None:
    done = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-Command",
                           "$ErrorView = 'NormalView'; Write-Error -Message 'long text'"],
                          capture_output=True, text=True, timeout=60)
    assert done.stderr.splitlines() == [
        "long text",
        "+ CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException",
        "+ FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException",
    ]


def test_lone_carriage_return_is_kept(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    out = rs.run(f"\"h1,h2`r11,12`r21,22`r\" | Out-File '{path}'; (Import-Csv '{path}').Count; "
                 f"(Import-Csv '{path}')[1].h2; (\"x`ry\" | Out-String).Length")
    assert out == [2, "22", 4]
    assert path.read_bytes() == b"h1,h2\r11,12\r21,22\r\n"
