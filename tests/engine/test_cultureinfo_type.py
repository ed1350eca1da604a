"""[cultureinfo] as an engine type: casts, statics, parts, culture-aware string methods, Get-Culture.

Expected values are what PowerShell 7.4 on Linux (.NET 8, ICU) gives; Pester cases come from
Get-Culture.Tests.ps1 and ImportExportCSV.Delimiter.Tests.ps1 (triage rows M43, TY1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pyshell.commands import load_builtins
from pyshell.engine import culture
from pyshell.engine.host import CollectingHost
from pyshell.engine.runspace import Runspace


@pytest.fixture
def rs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runspace]:
    load_builtins()
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    culture._CURRENT.clear()
    yield Runspace(CollectingHost())
    culture._CURRENT.clear()  # the current culture is process-wide: leave it as found


CASES = [
    ("[CultureInfo]::CurrentCulture.Name", ["en-US"]),
    ("[System.Globalization.CultureInfo]::CurrentUICulture.Name", ["en-US"]),
    ("[cultureinfo]::InvariantCulture.Name.Length", [0]),
    ("[cultureinfo]::InvariantCulture.EnglishName", ["Invariant Language (Invariant Country)"]),
    ("[cultureinfo]::InvariantCulture.LCID", [127]),
    ("([cultureinfo]'fr-FR').DisplayName", ["French (France)"]),
    ("([cultureinfo]'en-us').Name", ["en-US"]),
    ("([cultureinfo]'it-IT').EnglishName; ([cultureinfo]'pt-br').Name", ["Italian (Italy)", "pt-BR"]),
    ("$c = 1031 -as [System.Globalization.CultureInfo]; $c.LCID, $c.Name, $c.DisplayName",
     [1031, "de-DE", "German (Germany)"]),
    ("[cultureinfo]::GetCultureInfo('de-DE').NumberFormat.NumberDecimalSeparator", [","]),
    ("[cultureinfo]::GetCultureInfo('de-DE').NumberFormat.NumberGroupSeparator", ["."]),
    ("[cultureinfo]::GetCultureInfo('de-DE').NumberFormat.CurrencySymbol", ["€"]),
    ("[cultureinfo]::GetCultureInfo(1033).NumberFormat.CurrencySymbol", ["$"]),
    ("[cultureinfo]::InvariantCulture.NumberFormat.CurrencySymbol", ["¤"]),
    ("([cultureinfo]'en-US').DateTimeFormat.ShortDatePattern", ["M/d/yyyy"]),
    ("([cultureinfo]'de-DE').DateTimeFormat.ShortDatePattern", ["dd.MM.yyyy"]),
    ("([cultureinfo]'de-DE').DateTimeFormat.DateSeparator", ["."]),
    ("([cultureinfo]'en-US').DateTimeFormat.FirstDayOfWeek.ToString()", ["Sunday"]),
    ("([cultureinfo]'de-DE').DateTimeFormat.MonthNames[2]", ["März"]),
    ("[cultureinfo]::InvariantCulture.DateTimeFormat.LongTimePattern", ["HH:mm:ss"]),
    ("([cultureinfo]'en-US').TextInfo.ToTitleCase('war and peace')", ["War And Peace"]),
    ("([cultureinfo]'en-US').TextInfo.ToTitleCase('hello wORLD NASA')", ["Hello World NASA"]),
    ("([cultureinfo]'de-DE').TextInfo.ListSeparator", [";"]),
    ("[Globalization.CultureInfo]::CurrentUICulture.TextInfo.ListSeparator", [","]),
    ("([cultureinfo]'tr-TR').TextInfo.ToUpper('istanbul')", ["İSTANBUL"]),
    ("([cultureinfo]'de-DE').CompareInfo.Compare('a', 'B')", [-1]),
    ("([cultureinfo]'de-DE').CompareInfo.Compare('a', 'A', 'IgnoreCase')", [0]),
    ("([cultureinfo]'de-DE').Parent.Name", ["de"]),
    ("([cultureinfo]'de').Parent.Name.Length", [0]),
    ("([cultureinfo]'de-DE').TwoLetterISOLanguageName", ["de"]),
    ("([cultureinfo]'de-DE').ThreeLetterISOLanguageName", ["deu"]),
    ("([cultureinfo]'de').IsNeutralCulture", [True]),
    ("[cultureinfo]::new('en-us').Name", ["en-US"]),
    ("[System.Globalization.CultureInfo]::new(1036).Name", ["fr-FR"]),
    ("[cultureinfo]::CreateSpecificCulture('de').Name", ["de-DE"]),
    ("'{0}' -f ([cultureinfo]'ja-JP')", ["ja-JP"]),
    ("[cultureinfo]'de-DE' -is [cultureinfo]", [True]),
    ("([cultureinfo]'de-DE') -eq 'de-de'", [True]),
    ("([cultureinfo]'de-DE') -eq 'fr-FR'", [False]),
    ("([cultureinfo]::GetCultures('AllCultures')).Count -gt 5", [True]),
    # culture arguments of string methods and [string]::Compare
    ("'i'.ToUpper([cultureinfo]'tr-TR')", ["İ"]),
    ("'I'.ToLower([cultureinfo]'tr-TR')", ["ı"]),
    ("'i'.ToUpper([cultureinfo]'en-US')", ["I"]),
    ("[string]::Compare('a', 'B', $true, [cultureinfo]::InvariantCulture)", [-1]),
    ("[string]::Compare('abc', 'ABC', $true, [cultureinfo]::InvariantCulture)", [0]),
    # assignment of the current culture, and what follows it
    ("[cultureinfo]::CurrentCulture = 'de-DE'; [cultureinfo]::CurrentCulture.Name", ["de-DE"]),
    ("[cultureinfo]::CurrentCulture = 'ru-RU'; $PSCulture; (Get-Culture).Name", ["ru-RU", "ru-RU"]),
    ("[cultureinfo]::CurrentUICulture = [cultureinfo]'fr-FR'; $PSUICulture; (Get-UICulture).Name",
     ["fr-FR", "fr-FR"]),
    ("[CultureInfo]::CurrentCulture = 1031; $Host.CurrentCulture.Name", ["de-DE"]),
    ("[cultureinfo]::CurrentCulture = 'de-DE'; [System.Threading.Thread]::CurrentThread.CurrentCulture.Name",
     ["de-DE"]),
    ("[System.Threading.Thread]::CurrentThread.CurrentCulture = 'de-DE'; $PSCulture", ["de-DE"]),
    ("[System.Threading.Thread]::CurrentThread.CurrentUICulture = [cultureinfo]'fr-FR'; $PSUICulture", ["fr-FR"]),
    # Get-Culture / Get-UICulture
    ("(Get-Culture).Name -eq $PSCulture", [True]),
    ("Get-Culture | ForEach-Object { $_ -is [System.Globalization.CultureInfo] }", [True]),
    ("(Get-Culture -Name '', 'ru-RU').EnglishName", ["Invariant Language (Invariant Country)", "Russian (Russia)"]),
    ("('', 'ru-RU' | Get-Culture).Name.Count", [2]),
    ("(Get-Culture -Name ru-RU -NoUserOverrides).Name", ["ru-RU"]),
    ("(Get-Culture -NoUserOverrides).IsReadOnly", [True]),
    ("(Get-Culture -ListAvailable)[0].Name.Length", [0]),
    ("(Get-UICulture).Name -eq $PSUICulture", [True]),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_cultureinfo_type(rs: Runspace, src: str, expected: list[object]) -> None:
    assert rs.run(src) == expected


def test_bad_culture_name_cast_fails_as_pwsh(rs: Runspace) -> None:
    out = rs.run("try { [cultureinfo]'abcdefghijkl' } catch { $_.Exception.Message }")
    assert out == ['Cannot convert value "abcdefghijkl" to type "System.Globalization.CultureInfo". Error: '
                   '"Culture is not supported. (Parameter \'name\')\nabcdefghijkl is an invalid culture identifier."']


def test_unknown_lcid_cast_fails_and_as_gives_null(rs: Runspace) -> None:
    out = rs.run("try { [cultureinfo]99999 } catch { $_.Exception.Message }; $null -eq (99999 -as [cultureinfo])")
    assert out == ['Cannot convert value "99999" to type "System.Globalization.CultureInfo". Error: '
                   '"Culture is not supported. (Parameter \'culture\')\n99999 (0x1869f) is an invalid culture '
                   'identifier."', True]


def test_get_culture_info_bad_name_is_a_method_invocation_error(rs: Runspace) -> None:
    out = rs.run("try { [cultureinfo]::GetCultureInfo('zz!') } catch { $_.FullyQualifiedErrorId; "
                 "$_.Exception.InnerException.GetType().FullName; $_.Exception.Message }")
    assert out[0] == "CultureNotFoundException"
    assert out[1] == "System.Globalization.CultureNotFoundException"
    assert out[2].startswith('Exception calling "GetCultureInfo" with "1" argument(s): "Culture is not supported.')


def test_assigning_an_unknown_static_property_fails(rs: Runspace) -> None:
    out = rs.run("try { [cultureinfo]::Foo = 1 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["PropertyAssignmentException",
                   "The property 'Foo' cannot be found on this object. Verify that the property exists and can be set."]


def test_assigning_a_bad_current_culture_fails_and_keeps_the_old_one(rs: Runspace) -> None:
    out = rs.run("try { [cultureinfo]::CurrentCulture = 'abcdefghijkl' } catch { 'failed' }; $PSCulture")
    assert out == ["failed", "en-US"]


def test_get_culture_rejects_an_invalid_name(rs: Runspace) -> None:
    out = rs.run("try { Get-Culture -Name abcdefghijkl -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "
                 "$_.Exception.Message }")
    assert out[0] == "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetCultureCommand"
    assert out[1].startswith("Cannot validate argument on parameter 'Name'. The argument \"abcdefghijkl\" does not "
                             "belong to the set ")


def test_culture_from_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    culture._CURRENT.clear()
    try:
        assert culture.current_culture().Name == "de-DE"
        monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
        culture._CURRENT.clear()
        assert culture.current_culture().Name == "fr-FR"
    finally:
        culture._CURRENT.clear()


def test_use_culture_csv_follows_the_current_list_separator(rs: Runspace, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    out = rs.run(f"$c = [cultureinfo]::new('en-us'); $c.TextInfo.ListSeparator = '|'; "
                 f"[cultureinfo]::CurrentCulture = $c; [pscustomobject]@{{a=1; b=2}} | Export-Csv '{path}' -UseCulture; "
                 f"(Import-Csv '{path}' -UseCulture).b; (Get-Content '{path}')[1]")
    assert out == ["2", '"1"|"2"']


def test_culture_table_view(rs: Runspace) -> None:
    out = rs.run("Get-Culture -Name '', 'de-DE' | Out-String")
    assert out[0].strip("\n").splitlines() == [
        "LCID             Name             DisplayName",
        "----             ----             -----------",
        "127                               Invariant Language (Invariant Country)",
        "1031             de-DE            German (Germany)",
    ]


def test_culture_format_list_shows_every_property(rs: Runspace) -> None:
    out = rs.run("[cultureinfo]'de-DE' | Format-List | Out-String")
    lines = [line for line in out[0].splitlines() if line.strip()]
    assert lines[0].startswith("Parent") and lines[0].endswith(": de")
    assert any(line.startswith("ThreeLetterWindowsLanguageName : DEU") for line in lines)


def test_shared_culture_list_separator_is_read_only(rs: Runspace) -> None:
    out = rs.run("$c = [cultureinfo]::new('en-us'); $c.TextInfo.ListSeparator = '|'; $c.TextInfo.ListSeparator; "
                 "[cultureinfo]::CurrentCulture.IsReadOnly; "
                 "try { [cultureinfo]::CurrentCulture.TextInfo.ListSeparator = 'x' } "
                 "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["|", True, "ExceptionWhenSetting", 'Exception setting "ListSeparator": "Instance is read-only."']


def test_null_culture_cast_and_assignment(rs: Runspace) -> None:
    out = rs.run("$null -eq [cultureinfo]$null; try { [cultureinfo]::CurrentCulture = $null } "
                 "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; $PSCulture")
    assert out == [True, "ExceptionWhenSetting", 'Exception setting "CurrentCulture": "Value cannot be null. '
                   "(Parameter 'value')\"", "en-US"]
