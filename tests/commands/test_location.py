"""Get/Set/Push/Pop-Location, Join-Path, Split-Path and Resolve-Path."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes_system import SystemRunspace, invoke

from pyshell.commands.location import (
    GetLocation,
    JoinPath,
    PopLocation,
    PushLocation,
    ResolvePath,
    SetLocation,
    SplitPath,
    join_path,
)
from pyshell.engine.items import PathInfo
from pyshell.engine.objects import type_names
from pyshell.errors import PyshellError


@pytest.fixture
def rs(tmp_path: Path) -> SystemRunspace:
    (tmp_path / "one" / "two").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "file.txt").write_text("")
    return SystemRunspace(str(tmp_path), home=str(tmp_path / "other"))


def test_get_location_returns_path_info(rs: SystemRunspace, tmp_path: Path) -> None:
    out = invoke(rs, GetLocation).output
    assert out == [PathInfo(str(tmp_path))]
    assert out[0].Path == str(tmp_path) and out[0].Provider.ps_to_string() == "Microsoft.PowerShell.Core\\FileSystem"


def test_set_location_relative_and_passthru(rs: SystemRunspace, tmp_path: Path) -> None:
    out = invoke(rs, SetLocation, Path="one/two", PassThru=True).output
    assert rs.location == str(tmp_path / "one/two")
    assert out == [PathInfo(str(tmp_path / "one/two"))]
    invoke(rs, SetLocation, Path="..")
    assert rs.location == str(tmp_path / "one")


def test_set_location_without_path_and_tilde_go_home(rs: SystemRunspace, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "other"))
    invoke(rs, SetLocation)
    assert rs.location == str(tmp_path / "other")
    invoke(rs, SetLocation, Path=str(tmp_path))
    invoke(rs, SetLocation, Path="~")
    assert rs.location == str(tmp_path / "other")


def test_set_location_missing_or_file_is_path_not_found(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, SetLocation, Path="nope")
    assert res.messages == [f"Cannot find path '{tmp_path / 'nope'}' because it does not exist."]
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"]
    res = invoke(rs, SetLocation, Path="file.txt")
    assert res.messages == [f"Cannot find path '{tmp_path / 'file.txt'}' because it does not exist."]
    assert rs.location == str(tmp_path)


def test_set_location_wildcard_must_name_one_container(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, SetLocation, Path="on*")
    assert rs.location == str(tmp_path / "one")
    invoke(rs, SetLocation, Path=str(tmp_path))
    res = invoke(rs, SetLocation, Path="o*")
    assert res.messages == ["Cannot set the location because path 'o*' resolved to multiple containers. You can only "
                            "the set location to a single container at a time."]


def test_cd_minus_and_plus_walk_the_history(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, SetLocation, Path="one")
    invoke(rs, SetLocation, Path="two")
    invoke(rs, SetLocation, Path="-")
    assert rs.location == str(tmp_path / "one")
    invoke(rs, SetLocation, Path="-")
    assert rs.location == str(tmp_path)
    _assert_no_history(rs, "-", "backwards")
    invoke(rs, SetLocation, Path="+")
    assert rs.location == str(tmp_path / "one")
    invoke(rs, SetLocation, Path="+")
    assert rs.location == str(tmp_path / "one/two")
    _assert_no_history(rs, "+", "forwards")


def _assert_no_history(rs: SystemRunspace, path: str, direction: str) -> None:
    """Set-Location.Tests.ps1: an exhausted history is a terminating System.InvalidOperationException."""
    with pytest.raises(PyshellError) as info:
        invoke(rs, SetLocation, Path=path)
    assert info.value.error_id == "System.InvalidOperationException"
    assert info.value.message == f"There is no location history left to navigate {direction}."


def test_new_location_clears_the_forward_history(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, SetLocation, Path="one")
    invoke(rs, SetLocation, Path="-")
    invoke(rs, SetLocation, Path="other")
    _assert_no_history(rs, "+", "forwards")


def test_literal_dash_is_a_path(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "-").mkdir()
    invoke(rs, SetLocation, LiteralPath="-")
    assert rs.location == str(tmp_path / "-")


def test_push_and_pop_location(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, PushLocation, Path="one")
    invoke(rs, PushLocation, Path="two")
    assert rs.location == str(tmp_path / "one/two")
    (stack,) = invoke(rs, GetLocation, Stack=True).output  # one PathInfoStack, top first
    assert type_names(stack)[0] == "System.Management.Automation.PathInfoStack" and stack.Name == "default"
    assert [p.Path for p in stack.ToArray()] == [str(tmp_path / "one"), str(tmp_path)]
    out = invoke(rs, PopLocation, PassThru=True).output
    assert out == [PathInfo(str(tmp_path / "one"))] and rs.location == str(tmp_path / "one")
    invoke(rs, PopLocation)
    assert rs.location == str(tmp_path)
    assert invoke(rs, PopLocation).errors == []  # an empty default stack is not an error


def test_named_stacks(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, PushLocation, Path="other", StackName="Work")
    (stack,) = invoke(rs, GetLocation, StackName=["work"]).output
    assert [p.Path for p in stack] == [str(tmp_path)] and stack.Name == "work"
    invoke(rs, PopLocation, StackName="WORK")
    assert rs.location == str(tmp_path)
    res = invoke(rs, PopLocation, StackName="work")
    assert res.messages == ["Cannot find location stack 'work'. It does not exist or it is not a container."]


def test_push_location_to_missing_path_does_not_push(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, PushLocation, Path="nope")
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.PushLocationCommand"]
    assert invoke(rs, GetLocation, Stack=True).output == [[]]  # an empty PathInfoStack


def test_set_location_stack_name_changes_the_default_stack(rs: SystemRunspace, tmp_path: Path) -> None:
    invoke(rs, PushLocation, Path="one", StackName="s")
    invoke(rs, SetLocation, StackName="s")
    invoke(rs, PopLocation)
    assert rs.location == str(tmp_path)


@pytest.mark.parametrize("parent,child,expected", [
    ("a", "b", "a/b"), ("a/", "b", "a/b"), ("a", "/b", "a/b"), ("a/", "/b", "a/b"), ("/", "b", "/b"),
    ("a\\b", "c", "a/b/c"), ("a", "", "a/"), ("", "b", "b"),
])
def test_join_path(parent: str, child: str, expected: str) -> None:
    assert join_path(parent, child) == expected


def test_join_path_command(rs: SystemRunspace, tmp_path: Path) -> None:
    assert invoke(rs, JoinPath, Path=["a", "b"], ChildPath="c", AdditionalChildPath=["d", "e"]).output == [
        "a/c/d/e", "b/c/d/e"]
    assert invoke(rs, JoinPath, Path=[str(tmp_path)], ChildPath="*.txt", Resolve=True).output == [
        str(tmp_path / "file.txt")]
    res = invoke(rs, JoinPath, Path=["x"], ChildPath="y", Resolve=True)
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.JoinPathCommand"]


@pytest.mark.parametrize("switch,path,expected", [
    ("Parent", "/a/b/c.txt", "/a/b"), ("Parent", "/a", "/"), ("Parent", "/", ""), ("Parent", "a", ""),
    ("Parent", "a/b/", "a"), ("Leaf", "/a/b/c.txt", "c.txt"), ("Leaf", "/a/b/", "b"),
    ("LeafBase", "/a/b/c.tar.gz", "c.tar"), ("Extension", "/a/b/c.tar.gz", ".gz"), ("Extension", "/a/b", ""),
    ("LeafBase", "/x/.bashrc", ""), ("Extension", "/x/.bashrc", ".bashrc"),
    ("NoQualifier", "Env:PATH", "PATH"), ("NoQualifier", "/a/b", "/a/b"), ("Qualifier", "Env:PATH", "Env:"),
    ("IsAbsolute", "/a", True), ("IsAbsolute", "a/b", False), ("IsAbsolute", "Env:X", True),
])
def test_split_path(rs: SystemRunspace, switch: str, path: str, expected: object) -> None:
    assert invoke(rs, SplitPath, Path=[path], **{switch: True}).output == [expected]


def test_split_path_default_is_parent_and_qualifier_error(rs: SystemRunspace) -> None:
    assert invoke(rs, SplitPath, Path=["/a/b"]).output == ["/a"]
    res = invoke(rs, SplitPath, Path=["/a/b"], Qualifier=True)
    assert res.messages == ["Cannot parse path because path '/a/b' does not have a qualifier specified."]
    assert res.error_ids == ["ParsePathFormatError,Microsoft.PowerShell.Commands.SplitPathCommand"]


def test_split_path_resolve(rs: SystemRunspace, tmp_path: Path) -> None:
    assert invoke(rs, SplitPath, Path=["*.txt"], Leaf=True, Resolve=True).output == ["file.txt"]


def test_resolve_path(rs: SystemRunspace, tmp_path: Path) -> None:
    assert invoke(rs, ResolvePath, Path=["one/../file.txt"]).output == [PathInfo(str(tmp_path / "file.txt"))]
    assert [p.Path for p in invoke(rs, ResolvePath, Path=["o*"]).output] == [str(tmp_path / "one"),
                                                                              str(tmp_path / "other")]
    res = invoke(rs, ResolvePath, Path=["missing"])
    assert res.messages == [f"Cannot find path '{tmp_path / 'missing'}' because it does not exist."]


def test_resolve_path_relative(rs: SystemRunspace, tmp_path: Path) -> None:
    assert invoke(rs, ResolvePath, Path=["file.txt"], Relative=True).output == ["./file.txt"]
    # FileSystem.Tests.ps1 "Verify relative": the current directory is (Join-Path "." "") = "./"
    assert invoke(rs, ResolvePath, Path=["."], Relative=True).output == ["./"]
    rs.location = str(tmp_path / "one" / "two")
    assert invoke(rs, ResolvePath, Path=[str(tmp_path / "other")], Relative=True).output == ["../../other"]
    assert invoke(rs, ResolvePath, Path=[str(tmp_path / "other")], Relative=True,
                  RelativeBasePath=str(tmp_path)).output == ["./other"]


# -- end to end -----------------------------------------------------------------------------

def test_e2e_cd_and_pwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYSHELL_STATE_DIR", str(tmp_path / "state"))
    runspace_mod = pytest.importorskip("pyshell.engine.runspace")
    from pyshell.commands import load_builtins
    from pyshell.engine.host import CollectingHost

    load_builtins()
    (tmp_path / "sub").mkdir()
    rs = runspace_mod.Runspace(CollectingHost(), location=str(tmp_path))
    out = rs.run("cd sub; (Get-Location).Path; cd -; (pwd).Path; Split-Path (Join-Path sub x.txt) -Leaf")
    assert out == [str(tmp_path / "sub"), str(tmp_path), "x.txt"]
