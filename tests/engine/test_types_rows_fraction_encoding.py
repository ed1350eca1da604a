"""[numbers/enums/types] triage rows: DateTime fraction specifiers (M51) and the encoding constructors (M58).

Expected values are what PowerShell 7.4 gives (MiscCmdletUpdates.Tests.ps1, Get-FileHash.Tests.ps1 BeforeAll).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs() -> Runspace:
    load_builtins()
    return Runspace(CollectingHost())


TICKS = "$d = [datetime]::new(639311721408384630); "
ROUND = "$e = [datetime]::new(2024, 1, 1, 5, 6, 7); "

CASES = [
    (TICKS + "$d.ToString('ffff')", ["8384"]),
    (TICKS + "$d.ToString('fffff')", ["83846"]),
    (TICKS + "$d.ToString('ffffff')", ["838463"]),
    (TICKS + "$d.ToString('fffffff')", ["8384630"]),
    (TICKS + "$d.ToString('ss.ff')", ["40.83"]),
    (TICKS + "$d.ToString('FFFF')", ["8384"]),
    (TICKS + "$d.ToString('FFFFFFF')", ["838463"]),
    (TICKS + "'{0:yyyyMMddTHHmmssffff}' -f $d", ["20261125T0255408384"]),
    (ROUND + "$e.ToString('HH:mm:ss.FFF')", ["05:06:07"]),
    (ROUND + "$e.ToString('ss.fff')", ["07.000"]),
    ("$e = [System.Text.UTF8Encoding]::new($false); $e.GetType().FullName; $e.GetPreamble().Count",
     ["System.Text.UTF8Encoding", 0]),
    ("[Text.UTF8Encoding]::new($true).GetPreamble().Count", [3]),
    ("[System.Text.UTF8Encoding]::new().WebName", ["utf-8"]),
    ("(New-Object System.Text.UTF8Encoding $false) -is [System.Text.Encoding]", [True]),
    ("[System.Text.UnicodeEncoding]::new().GetBytes('a').Count", [2]),
    ("[System.Text.UnicodeEncoding]::new($true, $false).CodePage", [1201]),
    ("[System.Text.UTF32Encoding]::new().GetBytes('a').Count", [4]),
    ("[System.Text.ASCIIEncoding]::new().GetBytes('A')[0]", [65]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_types_rows(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_bom_less_utf8_file(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    rs.run(f"[System.IO.File]::WriteAllText('{path}', 'hé', [System.Text.UTF8Encoding]::new($false))")
    assert path.read_bytes() == "hé".encode()


def test_encoding_ctor_with_too_many_arguments_fails(rs: Runspace) -> None:
    out = rs.run("try { [System.Text.UTF8Encoding]::new(1, 2, 3) } catch { $_.FullyQualifiedErrorId }")
    assert out == ["MethodCountCouldNotFindBest"]


def test_culture_ctor_without_arguments_names_new(rs: Runspace) -> None:
    out = rs.run("try { [cultureinfo]::new() } catch { $_.Exception.Message }")
    assert out == ['Cannot find an overload for "new" and the argument count: "0".']
