"""Get-ChildItem, Get-Item, Test-Path, New-Item, Remove-Item, Copy-Item, Move-Item, Rename-Item and the item objects."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from fakes_system import SystemRunspace, interactive_host, invoke

from pyshell.commands.filesystem import (
    CopyItem,
    GetChildItem,
    GetItem,
    MoveItem,
    NewItem,
    RemoveItem,
    RenameItem,
    TestPath,
)
from pyshell.engine.conversions import to_string
from pyshell.engine.items import (
    DirectoryInfo,
    FileInfo,
    PathInfo,
    WildcardPattern,
    expand_wildcards,
    get_item,
    strip_provider,
)
from pyshell.engine.objects import get_property, type_names


@pytest.fixture
def rs(tmp_path: Path) -> SystemRunspace:
    return SystemRunspace(str(tmp_path))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp_path/{a.txt, b.log, .hidden, sub/{c.txt, deep/d.txt, .secret/e.txt}}"""
    (tmp_path / "a.txt").write_text("alpha\n")
    (tmp_path / "b.log").write_text("bravo\n")
    (tmp_path / ".hidden").write_text("h\n")
    (tmp_path / "sub" / "deep").mkdir(parents=True)
    (tmp_path / "sub" / ".secret").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("charlie\n")
    (tmp_path / "sub" / "deep" / "d.txt").write_text("delta\n")
    (tmp_path / "sub" / ".secret" / "e.txt").write_text("echo\n")
    return tmp_path


# -- item objects ---------------------------------------------------------------------------

def test_file_info_has_pwsh_type_names_and_properties(tree: Path) -> None:
    item = get_item(str(tree / "a.txt"))
    assert isinstance(item, FileInfo)
    assert type_names(item)[:2] == ["System.IO.FileInfo", "System.IO.FileSystemInfo"]
    assert item.Name == "a.txt" and item.BaseName == "a" and item.Extension == ".txt"
    assert item.Length == 6 and get_property(item, "length") == 6
    assert item.FullName == str(tree / "a.txt")
    assert item.DirectoryName == str(tree)
    assert isinstance(item.Directory, DirectoryInfo)
    assert item.PSPath == f"Microsoft.PowerShell.Core\\FileSystem::{tree / 'a.txt'}"
    assert item.PSParentPath == f"Microsoft.PowerShell.Core\\FileSystem::{tree}"
    assert item.PSIsContainer is False and item.Exists is True
    assert isinstance(item.LastWriteTime, dt.datetime) and item.LastWriteTime.tzinfo is None
    assert item.LastWriteTimeUtc.tzinfo is dt.UTC


def test_file_info_mode_and_unix_mode(tree: Path) -> None:
    os.chmod(tree / "a.txt", 0o644)
    item = get_item(str(tree / "a.txt"))
    assert item.Mode == "-----"
    assert item.UnixMode == "-rw-r--r--"
    assert item.UnixFileMode == "OtherRead, GroupRead, UserWrite, UserRead"
    assert item.Attributes == "Normal"
    assert get_item(str(tree / ".hidden")).Mode == "---h-"
    os.chmod(tree / "a.txt", 0o444)
    assert get_item(str(tree / "a.txt")).Mode == "--r--"
    assert get_item(str(tree / "a.txt")).IsReadOnly is True


def test_directory_info_properties(tree: Path) -> None:
    item = get_item(str(tree / "sub"))
    assert isinstance(item, DirectoryInfo)
    assert type_names(item)[0] == "System.IO.DirectoryInfo"
    assert item.Mode == "d----" and item.UnixMode.startswith("d")
    assert item.PSIsContainer is True
    assert item.Parent.FullName == str(tree)
    assert item.Root.FullName == "/"
    assert item.Attributes == "Directory"
    assert [f.Name for f in item.GetFiles()] == ["c.txt"]


def test_item_to_string_is_the_full_path(tree: Path) -> None:
    assert to_string(get_item(str(tree / "a.txt"))) == str(tree / "a.txt")


def test_symlink_item_has_link_type_and_target(tree: Path) -> None:
    os.symlink("a.txt", tree / "link")
    item = get_item(str(tree / "link"))
    assert item.LinkType == "SymbolicLink" and item.Target == "a.txt"
    assert item.Mode.startswith("l")
    assert item.UnixMode.startswith("l")


def test_extension_of_dot_files_follows_dotnet() -> None:
    item = FileInfo("/nonexistent/.bashrc")
    assert item.Extension == ".bashrc" and item.BaseName == ""
    assert item.Exists is False


@pytest.mark.parametrize("pattern,text,expected", [
    ("*.txt", "a.TXT", True),
    ("a?c", "abc", True),
    ("[a-c]x", "bx", True),
    ("[a-c]x", "dx", False),
    ("a`*", "a*", True),
    ("a`*", "ab", False),
    ("[abc", "[abc", True),
])
def test_wildcard_pattern(pattern: str, text: str, expected: bool) -> None:
    assert WildcardPattern(pattern).match(text) is expected


def test_expand_wildcards_is_case_sensitive_and_skips_hidden(tree: Path) -> None:
    (tree / "A.TXT").write_text("")
    assert expand_wildcards(f"{tree}/*.txt") == [str(tree / "a.txt")]
    assert expand_wildcards(f"{tree}/*") == [str(tree / p) for p in ("A.TXT", "a.txt", "b.log", "sub")]
    assert str(tree / ".hidden") in expand_wildcards(f"{tree}/*", force=True)
    assert expand_wildcards(f"{tree}/.h*") == [str(tree / ".hidden")]


def test_strip_provider() -> None:
    assert strip_provider("Microsoft.PowerShell.Core\\FileSystem::/tmp") == "/tmp"
    assert strip_provider("FileSystem::/tmp") == "/tmp"
    assert strip_provider("/tmp") == "/tmp"


def test_path_info_to_string() -> None:
    assert to_string(PathInfo("/tmp")) == "/tmp"
    assert type_names(PathInfo("/tmp"))[0] == "System.Management.Automation.PathInfo"


# -- Get-ChildItem --------------------------------------------------------------------------

def test_gci_lists_directories_first_then_files_without_hidden(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem).output
    assert [i.Name for i in out] == ["sub", "a.txt", "b.log"]


def test_gci_force_shows_hidden(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem, Force=True).output
    assert [i.Name for i in out] == ["sub", ".hidden", "a.txt", "b.log"]


def test_gci_recurse_lists_each_directory_then_descends(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem, Recurse=True, Name=True).output
    assert out == ["sub", "a.txt", "b.log", "sub/deep", "sub/c.txt", "sub/deep/d.txt"]


def test_gci_recurse_force_enters_hidden_directories(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem, Path=["sub"], Recurse=True, Force=True, Name=True).output
    assert "deep/d.txt" in out and ".secret/e.txt" in out


def test_gci_depth_limits_recursion(rs: SystemRunspace, tree: Path) -> None:
    assert invoke(rs, GetChildItem, Depth=0, Name=True).output == ["sub", "a.txt", "b.log"]
    out = invoke(rs, GetChildItem, Depth=1, Name=True).output
    assert "sub/c.txt" in out and "sub/deep/d.txt" not in out


def test_gci_file_and_directory_switches(rs: SystemRunspace, tree: Path) -> None:
    assert [i.Name for i in invoke(rs, GetChildItem, File=True).output] == ["a.txt", "b.log"]
    assert [i.Name for i in invoke(rs, GetChildItem, Directory=True).output] == ["sub"]


def test_gci_filter_include_exclude(rs: SystemRunspace, tree: Path) -> None:
    assert [i.Name for i in invoke(rs, GetChildItem, Filter="*.txt").output] == ["a.txt"]
    # -Include judges the named item itself unless the path lists contents (docs: "effective only when the
    # command includes the contents of an item, such as C:\Windows\*")
    assert invoke(rs, GetChildItem, Include=["*.LOG"]).output == []
    assert [i.Name for i in invoke(rs, GetChildItem, Path=["*"], Include=["*.LOG"]).output] == ["b.log"]
    assert [i.Name for i in invoke(rs, GetChildItem, Exclude=["*.txt"]).output] == ["sub", "b.log"]


def test_gci_wildcard_path_with_recurse_filters_every_level(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem, Path=["*.txt"], Recurse=True).output
    assert [i.FullName for i in out] == [str(tree / "a.txt"), str(tree / "sub/c.txt"), str(tree / "sub/deep/d.txt")]


def test_gci_wildcard_path_lists_matching_directories_contents(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem, Path=["s*"]).output
    assert [i.Name for i in out] == ["deep", "c.txt"]


def test_gci_wildcard_is_case_sensitive(rs: SystemRunspace, tree: Path) -> None:
    assert invoke(rs, GetChildItem, Path=["*.TXT"]).output == []


def test_gci_missing_path_is_path_not_found(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, GetChildItem, Path=["nope"])
    assert res.output == []
    assert res.messages == [f"Cannot find path '{tree / 'nope'}' because it does not exist."]
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"]
    assert res.errors[0].CategoryInfo.Category == "ObjectNotFound"
    assert res.errors[0].CategoryInfo.Reason == "ItemNotFoundException"
    assert res.errors[0].TargetObject == str(tree / "nope")


def test_gci_of_a_file_returns_the_file(rs: SystemRunspace, tree: Path) -> None:
    assert [i.Name for i in invoke(rs, GetChildItem, Path=["a.txt"]).output] == ["a.txt"]


def test_gci_hidden_file_by_literal_path_needs_force(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, GetChildItem, Path=[".hidden"])
    assert res.messages == [f"Could not find item {tree / '.hidden'}."]
    assert [i.Name for i in invoke(rs, GetChildItem, Path=[".hidden"], Force=True).output] == [".hidden"]


def test_gci_literal_path_does_not_expand_wildcards(rs: SystemRunspace, tree: Path) -> None:
    (tree / "x[1].txt").write_text("")
    assert [i.Name for i in invoke(rs, GetChildItem, LiteralPath=["x[1].txt"]).output] == ["x[1].txt"]
    assert invoke(rs, GetChildItem, Path=["x[1].txt"]).output == []


def test_gci_accepts_provider_qualified_path(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetChildItem, LiteralPath=[f"Microsoft.PowerShell.Core\\FileSystem::{tree}/sub"]).output
    assert [i.Name for i in out] == ["deep", "c.txt"]


def test_gci_uses_the_runspace_location_not_the_process_cwd(tree: Path) -> None:
    rs = SystemRunspace(str(tree / "sub"))
    assert [i.Name for i in invoke(rs, GetChildItem).output] == ["deep", "c.txt"]


def test_gci_hidden_switch_shows_only_hidden(rs: SystemRunspace, tree: Path) -> None:
    assert [i.Name for i in invoke(rs, GetChildItem, Hidden=True).output] == [".hidden"]


# -- Get-Item -------------------------------------------------------------------------------

def test_get_item_returns_file_and_directory(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetItem, Path=["a.txt", "sub"]).output
    assert [type(i) for i in out] == [FileInfo, DirectoryInfo]


def test_get_item_wildcards_and_missing(rs: SystemRunspace, tree: Path) -> None:
    assert [i.Name for i in invoke(rs, GetItem, Path=["*.txt"]).output] == ["a.txt"]
    res = invoke(rs, GetItem, Path=["missing.txt"])
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"]
    assert invoke(rs, GetItem, Path=["zz*"]).errors == []


def test_get_item_hidden_needs_force(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, GetItem, Path=[".hidden"])
    assert res.messages == [f"Could not find item {tree / '.hidden'}."]
    assert res.error_ids == ["ItemNotFound,Microsoft.PowerShell.Commands.GetItemCommand"]
    assert [i.Name for i in invoke(rs, GetItem, Path=[".hidden"], Force=True).output] == [".hidden"]


def test_get_item_by_pipeline(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, GetItem, ["a.txt", "b.log"]).output
    assert [i.Name for i in out] == ["a.txt", "b.log"]


# -- Test-Path ------------------------------------------------------------------------------

def test_test_path_basic_and_path_type(rs: SystemRunspace, tree: Path) -> None:
    assert invoke(rs, TestPath, Path=["a.txt", "nope", "sub"]).output == [True, False, True]
    assert invoke(rs, TestPath, Path=["sub"], PathType="Leaf").output == [False]
    assert invoke(rs, TestPath, Path=["sub"], PathType="Container").output == [True]
    assert invoke(rs, TestPath, Path=["a.txt"], PathType="Leaf").output == [True]


def test_test_path_finds_hidden_and_wildcards(rs: SystemRunspace, tree: Path) -> None:
    assert invoke(rs, TestPath, Path=[".hidden"]).output == [True]
    assert invoke(rs, TestPath, Path=["*.log"]).output == [True]
    assert invoke(rs, TestPath, Path=["*.zip"]).output == [False]


def test_test_path_is_valid_and_empty(rs: SystemRunspace, tree: Path) -> None:
    assert invoke(rs, TestPath, Path=["/no/such/dir/x"], IsValid=True).output == [True]
    assert invoke(rs, TestPath, Path=["bad\0name"], IsValid=True).output == [False]
    assert invoke(rs, TestPath, Path=[""]).output == [False]


def test_test_path_older_newer(rs: SystemRunspace, tree: Path) -> None:
    future = dt.datetime.now() + dt.timedelta(days=1)
    assert invoke(rs, TestPath, Path=["a.txt"], OlderThan=future).output == [True]
    assert invoke(rs, TestPath, Path=["a.txt"], NewerThan=future).output == [False]


# -- New-Item -------------------------------------------------------------------------------

def test_new_item_file_with_value(rs: SystemRunspace, tmp_path: Path) -> None:
    out = invoke(rs, NewItem, Path=["f.txt"], Value="hi").output
    assert isinstance(out[0], FileInfo) and out[0].Name == "f.txt"
    assert (tmp_path / "f.txt").read_text() == "hi"


def test_new_item_directory_creates_parents(rs: SystemRunspace, tmp_path: Path) -> None:
    out = invoke(rs, NewItem, Path=["x/y/z"], ItemType="Directory").output
    assert isinstance(out[0], DirectoryInfo) and (tmp_path / "x/y/z").is_dir()


def test_new_item_name_and_path(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    invoke(rs, NewItem, Path=["d"], Name="n.txt", ItemType="file")
    assert (tmp_path / "d/n.txt").is_file()


def test_new_item_existing_file_is_an_error_unless_force(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, NewItem, Path=["a.txt"])
    assert res.messages == [f"The file '{tree / 'a.txt'}' already exists."]
    assert res.error_ids == ["NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand"]
    invoke(rs, NewItem, Path=["a.txt"], Value="new", Force=True)
    assert (tree / "a.txt").read_text() == "new"


def test_new_item_existing_directory(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, NewItem, Path=["sub"], ItemType="Directory")
    assert res.messages == [f"An item with the specified name {tree / 'sub'} already exists."]
    assert res.errors[0].CategoryInfo.Category == "ResourceExists"
    assert res.error_ids == ["DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand"]
    assert [i.Name for i in invoke(rs, NewItem, Path=["sub"], ItemType="Directory", Force=True).output] == ["sub"]


def test_new_item_missing_parent(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, NewItem, Path=["no/f.txt"])
    assert res.messages == [f"Could not find a part of the path '{tmp_path / 'no/f.txt'}'."]
    invoke(rs, NewItem, Path=["no/f.txt"], Force=True)
    assert (tmp_path / "no/f.txt").exists()


def test_new_item_symbolic_link(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, NewItem, Path=["ln"], ItemType="SymbolicLink", Value="a.txt").output
    assert out[0].LinkType == "SymbolicLink" and os.readlink(tree / "ln") == "a.txt"


def test_new_item_unknown_type(rs: SystemRunspace, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="The type is not a known type for the file system"):
        invoke(rs, NewItem, Path=["q"], ItemType="Bogus")


def test_new_item_whatif_does_nothing(rs: SystemRunspace, tmp_path: Path) -> None:
    res = invoke(rs, NewItem, Path=["w.txt"], WhatIf=True)
    assert not (tmp_path / "w.txt").exists()
    assert res.host_lines == [f'What if: Performing the operation "Create File" on target "Destination: '
                              f'{tmp_path / "w.txt"}".']


# -- Remove-Item ----------------------------------------------------------------------------

def test_remove_item_file_and_wildcard(rs: SystemRunspace, tree: Path) -> None:
    invoke(rs, RemoveItem, Path=["*.txt"])
    assert not (tree / "a.txt").exists() and (tree / "b.log").exists()


def test_remove_item_missing(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, RemoveItem, Path=["gone"])
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"]


def test_remove_item_nonempty_dir_without_recurse_is_an_error_noninteractive(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, RemoveItem, Path=["sub"])
    assert res.messages == [f"Directory {tree / 'sub'} cannot be removed because it is not empty."]
    assert (tree / "sub").exists()


def test_remove_item_nonempty_dir_prompts_when_interactive(rs: SystemRunspace, tree: Path) -> None:
    interactive_host(rs, ["n"])
    res = invoke(rs, RemoveItem, Path=["sub"])
    assert (tree / "sub").exists() and res.errors == []
    assert "has children and the Recurse parameter was not specified" in " ".join(res.host_lines)
    interactive_host(rs, ["y"])
    invoke(rs, RemoveItem, Path=["sub"], Force=True)
    assert not (tree / "sub").exists()


def test_remove_item_recurse_force_removes_tree(rs: SystemRunspace, tree: Path) -> None:
    invoke(rs, RemoveItem, Path=["sub"], Recurse=True, Force=True)
    assert not (tree / "sub").exists()


def test_remove_item_recurse_without_force_stops_at_hidden(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, RemoveItem, Path=["sub"], Recurse=True)
    assert (tree / "sub" / ".secret" / "e.txt").exists()
    assert not (tree / "sub" / "c.txt").exists()
    assert any("cannot be removed because it is not empty" in m for m in res.messages)


def test_remove_item_empty_dir(rs: SystemRunspace, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert invoke(rs, RemoveItem, Path=["empty"]).errors == []
    assert not (tmp_path / "empty").exists()


def test_remove_item_hidden_or_read_only_file_needs_force(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, RemoveItem, LiteralPath=[".hidden"])
    assert res.error_ids == ["RemoveFileSystemItemUnAuthorizedAccess,Microsoft.PowerShell.Commands.RemoveItemCommand"]
    assert (tree / ".hidden").exists()
    invoke(rs, RemoveItem, LiteralPath=[".hidden"], Force=True)
    assert not (tree / ".hidden").exists()


def test_remove_item_by_pipeline_of_items(rs: SystemRunspace, tree: Path) -> None:
    items = invoke(rs, GetChildItem, File=True).output
    invoke(rs, RemoveItem, [i.PSPath for i in items], pipe_to="LiteralPath")
    assert not (tree / "a.txt").exists() and not (tree / "b.log").exists()


def test_remove_item_whatif(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, RemoveItem, Path=["a.txt"], WhatIf=True)
    assert (tree / "a.txt").exists()
    assert res.host_lines == [f'What if: Performing the operation "Remove File" on target "{tree / "a.txt"}".']


# -- Copy-Item, Move-Item, Rename-Item -----------------------------------------------------

def test_copy_item_file_to_new_name_and_into_directory(rs: SystemRunspace, tree: Path) -> None:
    invoke(rs, CopyItem, Path=["a.txt"], Destination="z.txt")
    invoke(rs, CopyItem, Path=["a.txt"], Destination="sub")
    assert (tree / "z.txt").read_text() == "alpha\n"
    assert (tree / "sub/a.txt").read_text() == "alpha\n"


def test_copy_item_directory_without_recurse_copies_only_the_container(rs: SystemRunspace, tree: Path) -> None:
    invoke(rs, CopyItem, Path=["sub"], Destination="copy")
    assert (tree / "copy").is_dir() and os.listdir(tree / "copy") == []


def test_copy_item_recurse_copies_tree_skipping_hidden_without_force(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, CopyItem, Path=["sub"], Destination="copy", Recurse=True, PassThru=True).output
    assert out[0].FullName == str(tree / "copy")
    assert (tree / "copy/deep/d.txt").read_text() == "delta\n"
    assert not (tree / "copy/.secret").exists()
    invoke(rs, CopyItem, Path=["sub"], Destination="copy2", Recurse=True, Force=True)
    assert (tree / "copy2/.secret/e.txt").exists()


def test_copy_item_into_existing_directory_nests(rs: SystemRunspace, tree: Path) -> None:
    (tree / "dest").mkdir()
    invoke(rs, CopyItem, Path=["sub"], Destination="dest", Recurse=True)
    assert (tree / "dest/sub/c.txt").exists()


def test_copy_item_onto_itself(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, CopyItem, Path=["a.txt"], Destination="a.txt")
    assert res.messages == [f"Cannot overwrite the item {tree / 'a.txt'} with itself."]


def test_copy_item_into_own_subdirectory(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, CopyItem, Path=["sub"], Destination="sub/deep/x", Recurse=True)
    assert res.messages == [f"Destination path cannot be a subdirectory of the source: {tree / 'sub/deep/x'}."]


def test_copy_item_missing_source(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, CopyItem, Path=["nope"], Destination="x")
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.CopyItemCommand"]


def test_move_item_file_and_into_directory(rs: SystemRunspace, tree: Path) -> None:
    invoke(rs, MoveItem, Path=["a.txt"], Destination="moved.txt")
    assert (tree / "moved.txt").exists() and not (tree / "a.txt").exists()
    out = invoke(rs, MoveItem, Path=["moved.txt"], Destination="sub", PassThru=True).output
    assert out[0].FullName == str(tree / "sub/moved.txt")


def test_move_item_onto_existing_file_needs_force(rs: SystemRunspace, tree: Path) -> None:
    res = invoke(rs, MoveItem, Path=["a.txt"], Destination="b.log")
    assert res.messages == [f"The file '{tree / 'b.log'}' already exists."]
    invoke(rs, MoveItem, Path=["a.txt"], Destination="b.log", Force=True)
    assert (tree / "b.log").read_text() == "alpha\n"


def test_move_item_directory(rs: SystemRunspace, tree: Path) -> None:
    invoke(rs, MoveItem, Path=["sub"], Destination="renamed")
    assert (tree / "renamed/deep/d.txt").exists()


def test_rename_item(rs: SystemRunspace, tree: Path) -> None:
    out = invoke(rs, RenameItem, Path="a.txt", NewName="r.txt", PassThru=True).output
    assert out[0].Name == "r.txt" and (tree / "r.txt").exists()


def test_rename_item_errors(rs: SystemRunspace, tree: Path) -> None:
    assert invoke(rs, RenameItem, Path="nope", NewName="x").messages == [
        "Cannot rename because item at 'nope' does not exist."]
    assert invoke(rs, RenameItem, Path="a.txt", NewName="sub/x").messages == [
        "Cannot rename the specified target, because it represents a path or device name."]
    assert invoke(rs, RenameItem, Path="a.txt", NewName="b.log").messages == [
        f"The file '{tree / 'b.log'}' already exists."]


# -- end to end -----------------------------------------------------------------------------

@pytest.fixture
def runspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("PYSHELL_STATE_DIR", str(tmp_path / "state"))
    runspace_mod = pytest.importorskip("pyshell.engine.runspace")
    from pyshell.commands import load_builtins
    from pyshell.engine.host import CollectingHost

    load_builtins()
    work = tmp_path / "work"
    work.mkdir()
    return runspace_mod.Runspace(CollectingHost(), location=str(work))


def test_e2e_new_item_then_gci_names(runspace: object) -> None:
    out = runspace.run("New-Item -ItemType Directory d | Out-Null; New-Item d/f.txt -Value x | Out-Null; "  # type: ignore[attr-defined]
                       "Get-ChildItem -Recurse | ForEach-Object Name")
    assert out == ["d", "f.txt"]


def test_e2e_pipeline_of_items_into_remove_item(runspace: object, tmp_path: Path) -> None:
    (tmp_path / "work" / "a.tmp").write_text("")
    (tmp_path / "work" / "b.tmp").write_text("")
    runspace.run("Get-ChildItem *.tmp | Remove-Item")  # type: ignore[attr-defined]
    assert os.listdir(tmp_path / "work") == []
