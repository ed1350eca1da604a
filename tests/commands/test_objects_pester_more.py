"""Ports of PowerShell Pester checks for Write-Progress, Compare-Object, Where-Object and [xml] members."""

from __future__ import annotations

from typing import Any

import pytest

from pyshell.engine.conversions import to_string
from pyshell.engine.runspace import Runspace


def _run(text: str) -> list[str]:
    rs: Any = Runspace()
    return [to_string(o) for o in rs.run(text)]


def _fqid(script: str) -> str:
    return f"try {{ {script}; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}"


@pytest.mark.parametrize(("script", "expected"), [
    # Write-Progress.Tests.ps1: [ValidateRange] on -PercentComplete, -ParentId and -Id
    (_fqid("Write-Progress -Activity 'a' -Status 's' -PercentComplete 101"),
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand"),
    (_fqid("Write-Progress -Activity 'a' -Status 's' -Id 1 -ParentId -2"),
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand"),
    (_fqid("Write-Progress -Activity 'a' -Id -1"),
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand"),
    # [ValidateNotNullOrEmpty] on -Status
    (_fqid("Write-Progress -Activity 'a' -Status ''"),
     "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand"),
    # progress text may not carry VT escape sequences
    (_fqid('Write-Progress -Activity "`e[1m"'), "Argument,Microsoft.PowerShell.Commands.WriteProgressCommand"),
    (_fqid('Write-Progress -Activity 1 -Status "`e[1m"'), "Argument,Microsoft.PowerShell.Commands.WriteProgressCommand"),
    # the edges of the ranges are accepted
    (_fqid("Write-Progress -Activity 'a' -PercentComplete 100 -ParentId -1; Write-Progress -Activity a -Completed"),
     "no error"),
])
def test_write_progress_validation(script: str, expected: str) -> None:
    assert _run("$ProgressPreference = 'SilentlyContinue'; " + script) == [expected]


def test_write_progress_range_message() -> None:
    out = _run("try { Write-Progress -Activity a -PercentComplete 101 } catch { $_.Exception.Message }")
    assert out == ["Cannot validate argument on parameter 'PercentComplete'. The 101 argument is greater than the "
                   "maximum allowed range of 100. Supply an argument that is less than or equal to 100 and then "
                   "try the command again."]


def test_compare_object_exclude_different_alone_outputs_nothing() -> None:
    script = ("$r = 'line 1', 'line 2', 'line 3'; $d = 'line 1', 'line 2.1', 'Line 3'; "
              "$a = Compare-Object $r $d -ExcludeDifferent; $a.Length; $null -eq $a; "
              "(Compare-Object $r $d -IncludeEqual -ExcludeDifferent).SideIndicator -join ','")
    assert _run(script) == ["0", "True", "==,=="]


def test_where_object_isnot_null_keeps_array_values() -> None:
    script = ("$d = [pscustomobject]@{P=$null}, [pscustomobject]@{P=@()}, [pscustomobject]@{P=@($null)}, "
              "[pscustomobject]@{P=@(1, $null)}; $r = $d | Where-Object P -IsNot $null; $r.Count; "
              "foreach ($i in $r) { $i.P -is [array] }")
    assert _run(script) == ["3", "True", "True", "True"]


def test_xml_document_create_node() -> None:
    script = ("$x = [xml]'<a>some text</a>'; $n = $x.CreateNode('element', 'b', ''); $n.GetType().FullName; $n.Name; "
              "($x | Get-Member -View Adapted -Name CreateNode).MemberType; "
              "try { $x.CreateNode('bogus', 'b', '') } catch { $_.Exception.Message }")
    assert _run(script) == ["System.Xml.XmlElement", "b", "Method",
                            "Exception calling \"CreateNode\" with \"3\" argument(s): "
                            "\"'bogus' does not represent any 'XmlNodeType'.\""]


_VIEW_XML = ("<Configuration><ViewDefinitions><View><Name>MyView</Name><ViewSelectedBy><TypeName>My.Thing</TypeName>"
             "</ViewSelectedBy><TableControl><TableHeaders><TableColumnHeader><Label>Nm</Label><Width>6</Width>"
             "<Alignment>Right</Alignment></TableColumnHeader><TableColumnHeader><Label>Twice</Label>"
             "</TableColumnHeader></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem>"
             "<PropertyName>Name</PropertyName></TableColumnItem><TableColumnItem><ScriptBlock>$_.N * 2</ScriptBlock>"
             "</TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View>"
             "</ViewDefinitions></Configuration>")


def test_export_format_data_basic(tmp_path: Any) -> None:
    # Export-FormatData.Tests.ps1: one line of XML naming the type and each of its views
    out = tmp_path / "out.ps1xml"
    script = (f"$fd = Get-FormatData; Export-FormatData -InputObject $fd[0] -Path '{out}'; $c = Get-Content '{out}'; "
              "$c.Contains($fd[0].TypeName); @($fd[0].FormatViewDefinition | Where-Object { -not $c.Contains($_.Name) }).Count; "
              f"Get-FormatData | Export-FormatData -Path '{out}'; $p = Get-Content '{out}'; $p[0]; @($p).Count")
    assert _run(script) == ["True", "0", "<", "1"]


def test_export_format_data_round_trip(tmp_path: Any) -> None:
    src, out, out2 = tmp_path / "in.format.ps1xml", tmp_path / "out.format.ps1xml", tmp_path / "o2.format.ps1xml"
    src.write_text(_VIEW_XML, encoding="utf-8")
    exported = _run(f"Update-FormatData -AppendPath '{src}'; "
                    f"Get-FormatData -TypeName My.Thing | Export-FormatData -Path '{out}' -IncludeScriptBlock; "
                    f"Get-FormatData -TypeName My.Thing | Export-FormatData -LiteralPath '{out2}'; "
                    f"(Get-Content '{out}').Contains('<ScriptBlock>$_.N * 2</ScriptBlock>'); "
                    f"(Get-Content '{out2}').Contains('<ScriptBlock>;</ScriptBlock>')")
    assert exported == ["True", "True"]
    # a fresh session loading the exported file shows the same table
    shown = _run(f"Update-FormatData -AppendPath '{out}'; "
                 "[pscustomobject]@{PSTypeName='My.Thing'; Name='ab'; N=21} | Out-String")
    assert shown == ["\n    Nm Twice\n    -- -----\n    ab 42\n\n"]


def test_export_format_data_no_clobber(tmp_path: Any) -> None:
    out = tmp_path / "exists.ps1xml"
    out.write_text("keep", encoding="utf-8")
    script = (f"try {{ Get-FormatData | Export-FormatData -Path '{out}' -NoClobber }} "
              "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert _run(script) == ["NoClobber,Microsoft.PowerShell.Commands.ExportFormatDataCommand",
                            f"The file '{out}' already exists."]
    assert out.read_text(encoding="utf-8") == "keep"


def test_export_format_data_missing_directory(tmp_path: Any) -> None:
    out = tmp_path / "nope" / "x.ps1xml"
    script = f"try {{ Get-FormatData | Export-FormatData -Path '{out}' }} catch {{ $_.FullyQualifiedErrorId }}"
    assert _run(script) == ["FileOpenFailure,Microsoft.PowerShell.Commands.ExportFormatDataCommand"]


def test_process_modules_and_expand_with_exclude() -> None:
    # Select-Object.Tests.ps1: -ExpandProperty with -Property still applies -ExcludeProperty
    script = ("$p = Get-Process -Id $PID; $m = @($p.Modules); $m.Count -gt 0; $m[0].pstypenames[0]; "
              "$m[0].FileName -eq $p.Path; $m[0].Size -eq $m[0].ModuleMemorySize / 1024; "
              "$s = $p | Select-Object -Property Process* -ExcludeProperty ProcessorAffinity -ExpandProperty Modules; "
              "$null -eq $s[0].psobject.Properties.Item('ProcessorAffinity'); $s[0].ProcessName -eq $p.ProcessName")
    assert _run(script) == ["True", "System.Diagnostics.ProcessModule", "True", "True", "True", "True"]


def test_process_module_table_view() -> None:
    out = _run("(Get-Process -Id $PID).Modules | Select-Object -First 1 | Out-String -Width 200")
    lines = out[0].splitlines()
    assert lines[1] == "   Size(K) ModuleName                                         FileName"
    assert lines[2] == "   ------- ----------                                         --------"


def test_out_default_transcript_skips_the_host(tmp_path: Any) -> None:
    # Out-Default.Tests.ps1: 'Out-Default -Transcript' output does not show on the host
    import subprocess
    import sys

    script = ("'hello' | Microsoft.PowerShell.Core\\Out-Default -Transcript; 'bye'; "
              "Out-Default -Transcript | Out-Default -Transcript; 'Hello'; "
              "try { & { throw } | Out-Default -Transcript } catch {}; 'end'")
    proc = subprocess.run([sys.executable, "-m", "pyshell", "-NoProfile", "-Command", script],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.stdout.splitlines() == ["bye", "Hello", "end"]


def test_write_information_takes_pipeline_input() -> None:
    # Write-Stream.Tests.ps1: one InformationRecord per piped object, MessageData keeping its type
    script = "$r = & { 'teststring', 12345 | Write-Information } 6>&1; $r.Count; $r[0].MessageData; " \
             "$r[1].MessageData.GetType().Name"
    assert _run(script) == ["2", "teststring", "Int32"]


def test_get_format_data_shared_views_need_version(tmp_path: Any) -> None:
    # Get-FormatData.Tests.ps1: views selected by several types come only with -PowerShellVersion 5.1
    out = tmp_path / "fs.ps1xml"
    script = ("$f = Get-FormatData System.IO.FileInfo -PowerShellVersion 5.1; $f.TypeNames -join ','; $f.TypeName; "
              "$null -eq (Get-FormatData System.IO.FileInfo); "
              "(Get-FormatData -PowerShellVersion 5.1).Count -gt (Get-FormatData).Count; "
              f"$f | Export-FormatData -Path '{out}'; "
              f"(Get-Content '{out}').Contains('<TypeName>System.IO.DirectoryInfo</TypeName><TypeName>System.IO.FileInfo')")
    assert _run(script) == ["System.IO.DirectoryInfo,System.IO.FileInfo", "System.IO.DirectoryInfo", "True", "True",
                            "True"]


def test_file_system_views_as_pwsh_on_unix(tmp_path: Any) -> None:
    # Get-FormatData.Tests.ps1: the file system types share pwsh's five Unix views
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("hi\n", encoding="utf-8")
    views = _run("(Get-FormatData System.IO.FileInfo -PowerShellVersion 5.1).FormatViewDefinition | "
                 "ForEach-Object { \"$($_.Name) $($_.Control)\" }")
    assert views == ["childrenWithUnixStat TableControl", "children TableControl", "childrenWithHardlink TableControl",
                     "children ListControl", "children WideControl"]
    table = _run(f"Get-ChildItem '{tmp_path}' | Format-Table -View children | Out-String")[0].splitlines()
    assert table[3] == "Mode                 LastWriteTime         Length Name"
    assert table[5].startswith("d") and table[5].endswith(" sub") and table[5][35:49].strip() == ""
    assert table[6].endswith("              3 a.txt")


def test_get_member_views_split_type_data() -> None:
    # Get-Member.Tests.ps1 'works with View Parameter': type-data members are Extended, .NET ones Adapted
    script = ("$x = [xml]'<a>some text</a>'; $r = $x | Get-Member -View Adapted; "
              "@($r | Where-Object Name -In a, CreateElement, CreateNode).Count; "
              "($r | Where-Object Name -eq ToString).MemberType; "
              "($x | Get-Member -View Extended | ForEach-Object { \"$($_.Name) $($_.MemberType)\" }) -join ','; "
              "($x | Get-Member -Name ToString).MemberType")
    assert _run(script) == ["3", "Method", "ToString CodeMethod", "CodeMethod"]
