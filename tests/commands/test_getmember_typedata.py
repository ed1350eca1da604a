"""Get-Member lists types.ps1xml's script properties (FileInfo/DirectoryInfo BaseName) as pwsh does."""

from __future__ import annotations

from pathlib import Path

from pyshell.engine.conversions import to_string


def _run(text: str) -> list[str]:
    from pyshell.engine.runspace import Runspace

    return [to_string(v) for v in Runspace().run(text)]


def test_file_basename_is_a_script_property(tmp_path: Path) -> None:
    (tmp_path / "r.md").write_text("x")
    out = _run(f"$m = Get-Item '{tmp_path}/r.md' | Get-Member BaseName; $m.MemberType; $m.Definition; "
               f"@(Get-Item '{tmp_path}/r.md' | Get-Member -Name BaseName).Count; (Get-Item '{tmp_path}/r.md').BaseName")
    assert out == ["ScriptProperty",
                   "System.Object BaseName {get=if ($this.Extension.Length -gt 0){$this.Name.Remove($this.Name.Length "
                   "- $this.Extension.Length)}else{$this.Name};}", "1", "r"]


def test_directory_basename_is_a_script_property(tmp_path: Path) -> None:
    out = _run(f"$m = Get-Item '{tmp_path}' | Get-Member BaseName; $m.MemberType; $m.Definition")
    assert out == ["ScriptProperty", "System.Object BaseName {get=$this.Name;}"]
