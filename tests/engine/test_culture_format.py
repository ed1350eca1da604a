"""Numbers and dates formatted by a culture: ToString(provider), [string]::Format(provider, ...), -f.

Expected values are pwsh 7.4 on Linux (.NET 8 with ICU): de-DE swaps the separators and puts a no-break
space before € and %, en-US writes negative currency as -$1.50 and percent without a space.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pyshell.commands import load_builtins
from pyshell.engine import culture
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace

NBSP = "\u00a0"


@pytest.fixture
def rs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runspace]:
    load_builtins()
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    culture._CURRENT.clear()
    yield Runspace(CollectingHost())
    culture._CURRENT.clear()


DATE = "$d = Get-Date -Year 2024 -Month 3 -Day 5 -Hour 14 -Minute 7 -Second 9; "

CASES = [
    ("(1.5).ToString([cultureinfo]'de-DE')", ["1,5"]),
    ("(42).ToString([cultureinfo]'de-DE')", ["42"]),
    ("(1234.5).ToString('N2', [cultureinfo]'de-DE')", ["1.234,50"]),
    ("(1234.5).ToString('N2', [cultureinfo]::InvariantCulture)", ["1,234.50"]),
    ("(1234.5).ToString('C', [cultureinfo]'de-DE')", [f"1.234,50{NBSP}€"]),
    ("(-1234.5).ToString('C', [cultureinfo]'en-US')", ["-$1,234.50"]),
    ("(1234.5).ToString('C', [cultureinfo]'ja-JP')", ["￥1,235"]),
    ("(0.5).ToString('P0', [cultureinfo]'de-DE')", [f"50{NBSP}%"]),
    ("(0.5).ToString('P0', [cultureinfo]'en-US')", ["50%"]),
    ("(0.5).ToString('P1', [cultureinfo]'tr-TR')", ["%50,0"]),
    ("(1234.5).ToString('N2', ([cultureinfo]'de-DE').NumberFormat)", ["1.234,50"]),
    ("[double]::PositiveInfinity.ToString([cultureinfo]'en-US')", ["∞"]),
    (DATE + "$d.ToString('d', [cultureinfo]'de-DE')", ["05.03.2024"]),
    (DATE + "$d.ToString('D', [cultureinfo]'de-DE')", ["Dienstag, 5. März 2024"]),
    (DATE + "$d.ToString([cultureinfo]'en-GB')", ["05/03/2024 14:07:09"]),
    (DATE + "$d.ToString('F', [cultureinfo]'en-US')", ["Tuesday, March 5, 2024 2:07:09 PM"]),
    (DATE + "$d.ToString('D', [cultureinfo]::InvariantCulture)", ["Tuesday, 05 March 2024"]),
    (DATE + "$d.ToString('dddd d MMMM yyyy', [cultureinfo]'fr-FR')", ["mardi 5 mars 2024"]),
    (DATE + "$d.ToString('yyyy/MM/dd', [cultureinfo]'de-DE')", ["2024.03.05"]),
    (DATE + "$d.ToString('tt', [cultureinfo]'ja-JP')", ["午後"]),
    ("[string]::Format([cultureinfo]'de-DE', '{0:N2} / {1}', 1234.5, 2.5)", ["1.234,50 / 2,5"]),
    ("[string]::Format('{0}-{1}', 1, 2)", ["1-2"]),
    ("'{0:N2}' -f 1234.5", ["1,234.50"]),
    (DATE + "$d.ToString('s', [cultureinfo]'de-DE')", ["2024-03-05T14:07:09"]),
    # ToString() and Get-Date -Format without a provider follow the current culture
    ("(1.5).ToString(); (Get-Date -Year 2024 -Month 3 -Day 5).ToString('D')", ["1.5", "Tuesday, March 5, 2024"]),
    ("[cultureinfo]::CurrentCulture = 'de-DE'; (1.5).ToString(); (1234.5).ToString('N2'); \"$(1.5)\"",
     ["1,5", "1.234,50", "1.5"]),
    ("[cultureinfo]::CurrentCulture = 'de-DE'; Get-Date -Year 2024 -Month 3 -Day 5 -Format D", ["Dienstag, 5. März 2024"]),
    ("[cultureinfo]::CurrentCulture = 'de-DE'; Get-Date -Year 2024 -Month 3 -Day 5 -Hour 0 -Minute 0 -Second 0 "
     "-Millisecond 0 -Format s", ["2024-03-05T00:00:00"]),
    # ToUpper()/ToLower() follow a Turkish current culture; the Invariant forms never do
    ("[cultureinfo]::CurrentCulture = 'tr-TR'; 'title'.ToUpper(); 'TITLE'.ToLower(); 'title'.ToUpperInvariant()",
     ["TİTLE", "tıtle", "TITLE"]),
    ("'title'.ToUpper()", ["TITLE"]),
    # culture arguments of string comparisons
    ("'abc'.StartsWith('A', $true, [cultureinfo]::InvariantCulture)", [True]),
    ("'abc'.EndsWith('C', $false, [cultureinfo]'en-US')", [False]),
    ("[string]::Compare('a', 'A', [cultureinfo]'en-US', [System.Globalization.CompareOptions]::IgnoreCase)", [0]),
    ("[string]::Compare('a', 'A', [cultureinfo]'en-US', [System.Globalization.CompareOptions]::None)", [-1]),
    ("[System.Globalization.CompareOptions]'IgnoreCase, IgnoreWidth'", ["IgnoreCase, IgnoreWidth"]),
    ("([cultureinfo]'en-US').CompareInfo.IndexOf('Hello', 'LL', [System.Globalization.CompareOptions]::IgnoreCase)",
     [2]),
    # parsing by a culture
    ("[double]::Parse('1,5', [cultureinfo]'de-DE')", [1.5]),
    ("[double]::Parse('1.5', [cultureinfo]::InvariantCulture)", [1.5]),
    ("[decimal]::Parse('1.234,5', [cultureinfo]'de-DE') -eq 1234.5", [True]),
    ("[double]::Parse('1 234,5', [cultureinfo]'fr-FR')", [1234.5]),
    ("[datetime]::Parse('05.03.2024', [cultureinfo]'de-DE').Month", [3]),
    ("[datetime]::Parse('05.03.2024 14:30:00', [cultureinfo]'de-DE').Hour", [14]),
    ("[datetime]::Parse('3/5/2024', [cultureinfo]'en-US').Day", [5]),
    ("[datetime]::Parse('2024-03-05', [cultureinfo]'de-DE').Day", [5]),
    ("[cultureinfo]::CurrentCulture = 'de-DE'; '{0:N2}|{1}' -f 1234.5, 1.5", ["1.234,50|1,5"]),
    ("[cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture; '{0:d}' -f (Get-Date -Year 2024 -Month 3 -Day 5)",
     ["03/05/2024"]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_culture_format(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected
