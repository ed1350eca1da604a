"""Get-SecureRandom (Get-Random minus -SetSeed, from the OS's secure source), Get-FileHash (upper-case hex,
pwsh's table view, FileNotFound/UnauthorizedAccessError) and Get-Verb (the approved-verb table)."""

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


def _error_ids(rs: Runspace) -> list[str]:
    return [str(e.FullyQualifiedErrorId) for e in rs.host.errors]  # type: ignore[attr-defined]


def _messages(rs: Runspace) -> list[str]:
    return [e.message for e in rs.host.errors]  # type: ignore[attr-defined]


# -- Get-SecureRandom -------------------------------------------------------------------------

@pytest.mark.parametrize(("bounds", "type_name"), [
    ("", "Int32"), ("-Maximum ([int64]100)", "Int64"), ("-Maximum '1tb' -Minimum '10mb'", "Int64"),
    ("-Maximum 8.0 -Minimum 5", "Double"),
])
def test_secure_random_types_follow_bounds(rs: Runspace, bounds: str, type_name: str) -> None:
    assert rs.run(f"(Get-SecureRandom {bounds}).GetType().Name") == [type_name]


def test_secure_random_stays_in_bounds_and_picks_from_input(rs: Runspace) -> None:
    src = ("$ok = $true; foreach ($i in 1..200) { $r = Get-SecureRandom -Minimum -5 -Maximum 5; "
           "if ($r -lt -5 -or $r -ge 5) { $ok = $false } }; $ok")
    assert rs.run(src) == [True]
    assert sorted(rs.run("1..5 | Get-SecureRandom -Shuffle")) == [1, 2, 3, 4, 5]
    assert len(rs.run("Get-SecureRandom -InputObject 1,2,3,4 -Count 3")) == 3
    assert rs.run("Get-SecureRandom -InputObject 'a' ") == ["a"]


def test_secure_random_min_not_below_max(rs: Runspace) -> None:
    out = rs.run("try { Get-SecureRandom -Minimum 10 -Maximum 10 } catch { $_.FullyQualifiedErrorId; "
                 "$_.Exception.Message }")
    assert out == ["MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetSecureRandomCommand",
                   "The Minimum value (10) cannot be greater than or equal to the Maximum value (10)."]


def test_secure_random_has_no_set_seed(rs: Runspace) -> None:
    out = rs.run("try { Get-SecureRandom -SetSeed 5 } catch { $_.FullyQualifiedErrorId }")
    assert out == ["NamedParameterNotFound,Microsoft.PowerShell.Commands.GetSecureRandomCommand"]


# -- Get-FileHash -----------------------------------------------------------------------------

_SHA256 = "41620F6C9F3531722EFE90AED9ABBC1D1B31788AA9141982030D3DDE199F770C"


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "hashable.txt"
    path.write_bytes(b"Get-Module\n")
    return path


@pytest.mark.parametrize(("algorithm", "digest"), [
    ("sHA1", "0C483659B1F2D5A8F116211DE8F58BF45893CFFB"),
    ("SHA256", _SHA256),
    ("SHA384", "EC4C4D4F0B2A79F216118C5A5059B8CE061097BA9161BE5890C098AAEB5DB169C13DAE0A6F855C9A589CD11DF47D0C87"),
    ("MD5", "F9D78BD059AB162BEA21EB02BADDE001"),
])
def test_file_hash_algorithms(rs: Runspace, doc: Path, algorithm: str, digest: str) -> None:
    out = rs.run(f"$h = Get-FileHash '{doc}' -Algorithm {algorithm}; $h.Algorithm; $h.Hash; $h.Path")
    assert out == [algorithm.upper(), digest, str(doc)]


def test_file_hash_default_and_table_view(rs: Runspace, doc: Path) -> None:
    text = rs.run(f"Get-FileHash -LiteralPath '{doc}' | Out-String -Width 200")[0]
    lines = text.strip("\n").splitlines()
    assert lines[0] == "Algorithm       Hash" + " " * 67 + "Path"
    assert lines[1] == "---------       ----" + " " * 67 + "----"
    assert lines[2] == f"SHA256          {_SHA256}       {doc}"
    assert rs.run(f"(Get-FileHash '{doc}').pstypenames[0]") == ["Microsoft.PowerShell.Commands.FileHashInfo"]


def test_file_hash_from_pipeline_and_wildcard(rs: Runspace, doc: Path) -> None:
    assert rs.run(f"'{doc}' | Get-FileHash | ForEach-Object Hash") == [_SHA256]
    assert rs.run(f"(Get-FileHash '{doc.parent}/*.txt').Hash") == [_SHA256]


def test_file_hash_missing_file(rs: Runspace, tmp_path: Path) -> None:
    assert rs.run(f"Get-FileHash -Path '{tmp_path}/nofile.ttt'; Get-FileHash -LiteralPath '{tmp_path}/no2'") == []
    assert _error_ids(rs) == ["FileNotFound,Microsoft.PowerShell.Commands.GetFileHashCommand"] * 2
    assert _messages(rs)[0] == f"Cannot find path '{tmp_path}/nofile.ttt' because it does not exist."


def test_file_hash_directory_is_non_terminating(rs: Runspace, doc: Path) -> None:
    out = rs.run(f"'{doc.parent}', '{doc}' | Get-FileHash | ForEach-Object Hash")
    assert out == [_SHA256]
    assert _error_ids(rs) == ["UnauthorizedAccessError,Microsoft.PowerShell.Commands.GetFileHashCommand"]
    assert _messages(rs) == [f"Access to the path '{doc.parent}' is denied."]


def test_file_hash_bad_algorithm(rs: Runspace, doc: Path) -> None:
    out = rs.run(f"try {{ Get-FileHash '{doc}' -Algorithm wrong }} catch {{ $_.FullyQualifiedErrorId }}")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetFileHashCommand"]


def test_file_hash_input_stream(rs: Runspace) -> None:
    out = rs.run("$h = Get-FileHash -InputStream ([byte[]](0x47,0x65,0x74,0x2d,0x4d,0x6f,0x64,0x75,0x6c,0x65,0x0a)); "
                 "$h.Hash; $null -eq $h.Path")
    assert out == [_SHA256, True]
    out = rs.run("try { Get-FileHash -InputStream 5 } catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentTransformationError,Microsoft.PowerShell.Commands.GetFileHashCommand"]


# -- Get-Verb ---------------------------------------------------------------------------------

def test_get_verb_table(rs: Runspace) -> None:
    assert rs.run("(Get-Verb).Count") == [100]
    assert rs.run("$v = Get-Verb -Verb Add; $v.Verb; $v.AliasPrefix; $v.Group; $v.Description") == [
        "Add", "a", "Common", "Adds a resource to a container, or attaches an item to another item"]
    assert rs.run("(Get-Verb | Group-Object AliasPrefix | Where-Object Count -gt 1).Count") == [0]


def test_get_verb_filters_without_duplicates(rs: Runspace) -> None:
    assert rs.run("(Get-Verb -Verb Add,ad*,a*).Verb") == ["Add", "Approve", "Assert"]
    assert rs.run("(Get-Verb a* -Group Lifecycle).Verb") == ["Approve", "Assert"]
    assert rs.run("(Get-Verb -Group Other,Other).Verb") == ["Use"]
    assert rs.run("Get-Verb -Verb fakeVerbNeverExists") == []


def test_get_verb_rejects_unknown_group(rs: Runspace) -> None:
    out = rs.run("try { Get-Verb -Group Fake } catch { $_.FullyQualifiedErrorId }")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetVerbCommand"]


def test_get_verb_default_display(rs: Runspace) -> None:
    text = rs.run("Get-Verb -Verb Use | Out-String")[0]
    assert text.strip("\n").splitlines() == [
        "Verb AliasPrefix Group Description",
        "---- ----------- ----- -----------",
        "Use  u           Other Uses or includes a resource to do something",
    ]
