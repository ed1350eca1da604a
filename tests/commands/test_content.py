"""Get-Content, Set-Content, Add-Content and Clear-Content."""

from __future__ import annotations

import codecs
import os
import threading
import time
from pathlib import Path

import pytest
from fakes_system import SystemRunspace, invoke

from pyshell.commands.content import AddContent, ClearContent, GetContent, SetContent, codec_for, decode_bytes
from pyshell.errors import PipelineStoppedError, PyshellError


@pytest.fixture
def rs(tmp_path: Path) -> SystemRunspace:
    return SystemRunspace(str(tmp_path))


@pytest.fixture
def lines(tmp_path: Path) -> Path:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"one\ntwo\r\nthree\rfour\nfive\n")
    return path


def test_get_content_splits_on_any_newline_and_drops_the_last_empty_line(rs: SystemRunspace, lines: Path) -> None:
    assert invoke(rs, GetContent, Path=["lines.txt"]).output == ["one", "two", "three", "four", "five"]


def test_get_content_total_count_and_tail(rs: SystemRunspace, lines: Path) -> None:
    assert invoke(rs, GetContent, Path=["lines.txt"], TotalCount=2).output == ["one", "two"]
    assert invoke(rs, GetContent, Path=["lines.txt"], Tail=2).output == ["four", "five"]
    assert invoke(rs, GetContent, Path=["lines.txt"], Tail=0).output == []
    assert invoke(rs, GetContent, Path=["lines.txt"], TotalCount=0).output == []


def test_get_content_total_count_with_tail_is_an_error(rs: SystemRunspace, lines: Path) -> None:
    with pytest.raises(PyshellError, match="The parameters TotalCount and Tail cannot be used together"):
        invoke(rs, GetContent, Path=["lines.txt"], TotalCount=1, Tail=1)


def test_get_content_raw_keeps_newlines(rs: SystemRunspace, lines: Path) -> None:
    assert invoke(rs, GetContent, Path=["lines.txt"], Raw=True).output == ["one\ntwo\r\nthree\rfour\nfive\n"]


def test_get_content_read_count_groups_lines(rs: SystemRunspace, lines: Path) -> None:
    assert invoke(rs, GetContent, Path=["lines.txt"], ReadCount=2).output == [["one", "two"], ["three", "four"],
                                                                              ["five"]]
    assert invoke(rs, GetContent, Path=["lines.txt"], ReadCount=0).output == [["one", "two", "three", "four",
                                                                               "five"]]


def test_get_content_empty_file_gives_nothing(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "empty").write_bytes(b"")
    assert invoke(rs, GetContent, Path=["empty"]).output == []
    assert invoke(rs, GetContent, Path=["empty"], Raw=True).output == []


def test_get_content_delimiter(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("a,b,,c")
    assert invoke(rs, GetContent, Path=["d.txt"], Delimiter=",").output == ["a", "b", "", "c"]


def test_get_content_detects_bom_and_honours_encoding(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(codecs.BOM_UTF16_LE + "héllo\n".encode("utf-16-le"))
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + b"x\n")
    (tmp_path / "latin.txt").write_bytes("café\n".encode("latin-1"))
    assert invoke(rs, GetContent, Path=["u16.txt"]).output == ["héllo"]
    assert invoke(rs, GetContent, Path=["bom8.txt"]).output == ["x"]
    assert invoke(rs, GetContent, Path=["latin.txt"], Encoding="latin1").output == ["café"]


def test_get_content_as_byte_stream(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\xff")
    assert invoke(rs, GetContent, Path=["b.bin"], AsByteStream=True).output == [0, 1, 255]
    assert invoke(rs, GetContent, Path=["b.bin"], AsByteStream=True, Raw=True).output == [b"\x00\x01\xff"]


def test_get_content_missing_and_directory(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, GetContent, Path=["nope.txt"])
    assert res.messages == [f"Cannot find path '{tmp_path / 'nope.txt'}' because it does not exist."]
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"]
    (tmp_path / "dir").mkdir()
    res = invoke(rs, GetContent, Path=["dir"])
    assert res.messages == [f"Unable to get content because it is a directory: '{tmp_path / 'dir'}'. "
                            "Please use 'Get-ChildItem' instead."]


def test_get_content_wildcards_read_every_match(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("a\n")
    (tmp_path / "2.txt").write_text("b\n")
    assert invoke(rs, GetContent, Path=["*.txt"]).output == ["a", "b"]


def test_get_content_hidden_file_by_name_is_read(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / ".rc").write_text("secret\n")
    assert invoke(rs, GetContent, Path=[".rc"]).output == ["secret"]


def test_get_content_wait_follows_until_stopped(rs: SystemRunspace, tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_text("first\n")
    seen: list[str] = []
    cmd = GetContent(rs, None)
    cmd.bound = {"Path": ["log.txt"], "Wait": True}
    list(cmd.begin())

    def consume() -> None:
        try:
            for line in cmd.process():
                seen.append(line)
        except PipelineStoppedError:
            seen.append("<stopped>")

    worker = threading.Thread(target=consume)
    worker.start()
    time.sleep(0.2)
    with open(path, "a") as fh:
        fh.write("second\n")
    time.sleep(0.3)
    cmd.stop()
    worker.join(timeout=5)
    assert seen == ["first", "second", "<stopped>"]


def test_get_content_tail_zero_wait_reads_only_appended_text(rs: SystemRunspace, tmp_path: Path) -> None:
    """Get-Content.Tests.ps1: -Tail 0 -Wait skips the file and yields what Add-Content appends (1,2,3)."""
    path = tmp_path / "log.txt"
    path.write_text("no newline at the end")
    seen: list[str] = []
    cmd = GetContent(rs, None)
    cmd.bound = {"Path": ["log.txt"], "Wait": True, "Tail": 0}
    list(cmd.begin())

    def consume() -> None:
        try:
            seen.extend(cmd.process())
        except PipelineStoppedError:
            seen.append("<stopped>")

    worker = threading.Thread(target=consume)
    worker.start()
    time.sleep(0.2)
    with open(path, "a") as fh:
        fh.write("1\n2\n3\n")
    time.sleep(0.3)
    cmd.stop()
    worker.join(timeout=5)
    assert seen == ["1", "2", "3", "<stopped>"]


def test_get_content_negative_counts_fail_validation(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n")
    for name in ("TotalCount", "Tail"):
        cmd = GetContent(rs, None)
        cmd.bound = {"Path": ["a.txt"], name: -2}
        with pytest.raises(PyshellError) as info:
            list(cmd.begin())
        assert info.value.error_id == "ParameterArgumentValidationError"
        assert str(info.value.message).startswith(f"Cannot validate argument on parameter '{name}'. The -2 argument "
                                                  "is less than the minimum allowed range of -1.")


def test_ansi_encoding_is_code_page_1252() -> None:
    assert codec_for("ANSI") == "cp1252"


def test_set_content_writes_lines_with_newlines(rs: SystemRunspace, tmp_path: Path) -> None:
    assert invoke(rs, SetContent, Path=["out.txt"], Value=["a", 1, 2.5]).output == []
    assert (tmp_path / "out.txt").read_bytes() == b"a\n1\n2.5\n"


def test_set_content_from_pipeline_and_passthru(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, SetContent, ["x", "y"], Path=["p.txt"], PassThru=True)
    assert res.output == ["x", "y"]
    assert (tmp_path / "p.txt").read_text() == "x\ny\n"


def test_set_content_no_newline_and_encoding(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, SetContent, Path=["n.txt"], Value=["a", "b"], NoNewline=True)
    assert (tmp_path / "n.txt").read_bytes() == b"ab"
    invoke(rs, SetContent, Path=["u.txt"], Value=["é"], Encoding="unicode")
    assert (tmp_path / "u.txt").read_bytes() == codecs.BOM_UTF16_LE + "é\n".encode("utf-16-le")
    invoke(rs, SetContent, Path=["b.txt"], Value=["é"], Encoding="utf8BOM")
    assert (tmp_path / "b.txt").read_bytes() == codecs.BOM_UTF8 + "é\n".encode()


def test_set_content_replaces_atomically_and_keeps_mode(rs: SystemRunspace, tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    invoke(rs, SetContent, Path=["keep.txt"], Value=["new"])
    assert target.read_text() == "new\n"
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]  # no temporary file left behind


def test_set_content_reads_and_writes_same_file_in_one_pipeline(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "same.txt").write_text("a\nb\n")
    lines = invoke(rs, GetContent, Path=["same.txt"]).output
    invoke(rs, SetContent, [line.upper() for line in lines], Path=["same.txt"])
    assert (tmp_path / "same.txt").read_text() == "A\nB\n"


def test_set_content_writes_through_a_symlink(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old\n")
    os.symlink("real.txt", tmp_path / "ln.txt")
    invoke(rs, SetContent, Path=["ln.txt"], Value=["new"])
    assert os.path.islink(tmp_path / "ln.txt")
    assert (tmp_path / "real.txt").read_text() == "new\n"


def test_set_content_errors(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, SetContent, Path=["missing/x.txt"], Value=["a"])
    assert res.messages == [f"Could not find a part of the path '{tmp_path / 'missing/x.txt'}'."]
    assert res.error_ids == ["GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.SetContentCommand"]
    (tmp_path / "d").mkdir()
    res = invoke(rs, SetContent, Path=["d"], Value=["a"])
    assert res.messages == [f"Access to the path '{tmp_path / 'd'}' is denied."]


def test_set_content_read_only_needs_force(rs: SystemRunspace, tmp_path: Path) -> None:
    target = tmp_path / "ro.txt"
    target.write_text("old\n")
    os.chmod(target, 0o444)
    res = invoke(rs, SetContent, Path=["ro.txt"], Value=["new"])
    assert res.messages == [f"Access to the path '{target}' is denied."]
    assert target.read_text() == "old\n"
    invoke(rs, SetContent, Path=["ro.txt"], Value=["new"], Force=True)
    assert target.read_text() == "new\n"


def test_set_content_skips_null_values(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, SetContent, Path=["z.txt"], Value=[None])
    assert (tmp_path / "z.txt").read_bytes() == b""


def test_add_content_appends_and_creates(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, AddContent, Path=["a.txt"], Value=["one"])
    invoke(rs, AddContent, ["two", "three"], Path=["a.txt"])
    assert (tmp_path / "a.txt").read_text() == "one\ntwo\nthree\n"


def test_add_content_does_not_add_a_missing_final_newline(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("no newline")
    invoke(rs, AddContent, Path=["a.txt"], Value=["more"])
    assert (tmp_path / "a.txt").read_text() == "no newlinemore\n"


def test_add_content_to_directory(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    res = invoke(rs, AddContent, Path=["d"], Value=["x"])
    assert res.error_ids == ["GetContainerContentException,Microsoft.PowerShell.Commands.AddContentCommand"]


def test_clear_content(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("data")
    invoke(rs, ClearContent, Path=["c.txt"])
    assert (tmp_path / "c.txt").read_bytes() == b""
    assert invoke(rs, ClearContent, Path=["nope"]).error_ids == [
        "PathNotFound,Microsoft.PowerShell.Commands.ClearContentCommand"]


def test_content_whatif(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, SetContent, Path=["w.txt"], Value=["a"], WhatIf=True)
    assert not (tmp_path / "w.txt").exists()
    assert res.host_lines == [f'What if: Performing the operation "Set Content" on target "Path: {tmp_path / "w.txt"}".']


@pytest.mark.parametrize("name,codec", [("utf8", "utf-8"), ("UTF8NoBOM", "utf-8"), ("unicode", "utf-16-le"),
                                        ("BigEndianUnicode", "utf-16-be"), ("ascii", "ascii"), ("1252", "cp1252"),
                                        ("utf-8", "utf-8"), (None, "utf-8")])
def test_codec_for(name: str | None, codec: str) -> None:
    assert codec_for(name) == codec


def test_codec_for_unknown() -> None:
    with pytest.raises(PyshellError, match="'klingon' is not a supported encoding name"):
        codec_for("klingon")


def test_decode_bytes_prefers_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF16_BE + "hi".encode("utf-16-be"), "latin-1") == "hi"


# -- end to end -----------------------------------------------------------------------------

@pytest.fixture
def runspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("PYSHELL_STATE_DIR", str(tmp_path / "state"))
    runspace_mod = pytest.importorskip("pyshell.engine.runspace")
    from pyshell.commands import load_builtins
    from pyshell.engine.host import CollectingHost

    load_builtins()
    return runspace_mod.Runspace(CollectingHost(), location=str(tmp_path))


def test_e2e_set_then_get_content(runspace: object) -> None:
    out = runspace.run("'a','b' | Set-Content f.txt; Add-Content f.txt c; Get-Content f.txt -Tail 2")  # type: ignore[attr-defined]
    assert out == ["b", "c"]


def test_e2e_gc_pipeline_into_set_content_same_file(runspace: object, tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("x\ny\n")
    runspace.run("Get-Content s.txt | ForEach-Object { $_ + '!' } | Set-Content s.txt")  # type: ignore[attr-defined]
    assert (tmp_path / "s.txt").read_text() == "x!\ny!\n"
