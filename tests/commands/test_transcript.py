"""Start-Transcript / Stop-Transcript through real pyshell processes: file contents, errors and FQIDs."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

RULE = "**********************"


def run(script: str, *, stdin: str | None = None, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    if home is not None:
        env["HOME"] = str(home)
    args = [sys.executable, "-m", "pyshell", "-NoProfile"]
    args += ["-Command", "-"] if stdin is not None else ["-c", script]
    return subprocess.run(args, input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False)


def read(path: Path) -> str:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # pwsh writes new transcripts with a UTF-8 BOM
    return raw.decode("utf-8-sig")


def test_header_body_footer(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    p = run(f"Start-Transcript -Path '{t}'; Write-Host hi; [pscustomobject]@{{A=1}}; Write-Warning careful; "
            "Write-Error bad; Stop-Transcript")
    assert p.stdout.splitlines()[0] == f"Transcript started, output file is {t}"
    assert f"Transcript stopped, output file is {t}" in p.stdout
    lines = read(t).splitlines()
    assert lines[:3] == [RULE, "PowerShell transcript start", lines[2]]
    assert re.fullmatch(r"Start time: \d{14}", lines[2])
    header = lines[3:lines.index(RULE, 1)]
    names = [line.split(":")[0] for line in header]
    assert names[:7] == ["Username", "RunAs User", "Configuration Name", "Machine", "Host Application",
                         "Process ID", "PSVersion"]
    assert re.fullmatch(r"Process ID: \d+", header[5]) and header[6].startswith("PSVersion: 7.")
    body = lines[lines.index(RULE, 1) + 1:]
    assert body[0] == f"Transcript started, output file is {t}"
    assert "hi" in body and "WARNING: careful" in body and "Write-Error: bad" in body
    at = body.index("hi")
    assert body[at + 1:at + 5] == ["", "A", "-", "1"]  # the table as shown on the console
    assert body[-4:-1] == [RULE, "PowerShell transcript end", body[-2]] and body[-1] == RULE
    assert re.fullmatch(r"End time: \d{14}", body[-2])
    assert not any("Transcript stopped" in x for x in body)  # written after the file is closed


def test_stop_without_transcript_errors() -> None:
    p = run("Stop-Transcript; try { Stop-Transcript -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "
            "$_.CategoryInfo.Category }")
    assert "Stop-Transcript: An error occurred stopping transcription: The host is not currently transcribing." \
        in p.stderr
    assert p.stdout.splitlines() == ["InvalidOperation,Microsoft.PowerShell.Commands.StopTranscriptCommand",
                                     "InvalidOperation"]


def test_noclobber_existing_file(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    t.write_text("keep\n")
    p = run(f"try {{ Start-Transcript -Path '{t}' -NoClobber }} catch {{ $_.FullyQualifiedErrorId; "
            "$_.Exception.Message }")
    assert p.stdout.splitlines() == ["NoClobber,Microsoft.PowerShell.Commands.StartTranscriptCommand",
                                     f"File {t} already exists and NoClobber was specified."]
    assert t.read_text() == "keep\n"


def test_directory_and_file_as_directory_cannot_start(tmp_path: Path) -> None:
    f = tmp_path / "afile"
    f.write_text("")
    p = run(f"try {{ Start-Transcript -Path '{tmp_path}' }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}"
            f"; try {{ Start-Transcript -OutputDirectory '{f}' }} catch {{ $_.FullyQualifiedErrorId }}")
    assert p.stdout.splitlines() == [
        "CannotStartTranscription,Microsoft.PowerShell.Commands.StartTranscriptCommand",
        f"Transcription cannot be started due to the error: Access to the path '{tmp_path}' is denied.",
        "CannotStartTranscription,Microsoft.PowerShell.Commands.StartTranscriptCommand"]


def test_append_and_minimal_header(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    t.write_text("earlier\n")
    run(f"Start-Transcript -Path '{t}' -Append -UseMinimalHeader | Out-Null; 'x'; Stop-Transcript | Out-Null")
    lines = t.read_text().splitlines()
    assert lines[:4] == ["earlier", RULE, "PowerShell transcript start", lines[3]]
    assert lines[4] == RULE and lines[5] == "x"


def test_stdin_replay_writes_command_lines(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    p = run("", stdin=f"Start-Transcript -Path '{t}' -IncludeInvocationHeader\n1+1\nStop-Transcript\n")
    assert p.returncode == 0
    body = read(t).split(f"Transcript started, output file is {t}\n", 1)[1]
    blocks = re.sub(r"\d{14}", "T", body)
    assert blocks.startswith(f"{RULE}\nCommand start time: T\n{RULE}\nPS>1+1\n2\n{RULE}\nCommand start time: T\n"
                             f"{RULE}\nPS>Stop-Transcript\n{RULE}\nPowerShell transcript end\n")
    assert "PS /" not in body  # the prompt itself is not transcribed


def test_nested_transcripts_stack(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    p = run(f"Start-Transcript '{a}' | Out-Null; 'one'; Start-Transcript '{b}' | Out-Null; 'two'; "
            "Stop-Transcript; 'three'; Stop-Transcript")
    assert p.stdout.splitlines() == ["one", "two", f"Transcript stopped, output file is {b}", "three",
                                         f"Transcript stopped, output file is {a}"]
    ta, tb = read(a), read(b)
    assert "one" in ta.splitlines() and "two" in ta.splitlines() and "three" in ta.splitlines()
    assert f"Transcript stopped, output file is {b}" in ta.splitlines()
    assert "two" in tb.splitlines() and "three" not in tb.splitlines() and "one" not in tb.splitlines()


def test_out_default_transcript_only(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    p = run(f"Start-Transcript '{t}' | Out-Null; 'hidden' | Out-Default -Transcript; Stop-Transcript | Out-Null;"
            "'gone' | Out-Default -Transcript")
    assert "hidden" not in p.stdout and "gone" not in p.stdout
    assert "hidden" in read(t).splitlines()


def test_session_end_closes_transcript(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    run(f"Start-Transcript '{t}'; Write-Host 'Before Dispose'")
    text = read(t)
    assert "Before Dispose" in text and text.endswith(f"PowerShell transcript end\n{text.splitlines()[-2]}\n{RULE}\n")


def test_write_host_information_action(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    p = run(f"Start-Transcript '{t}' | Out-Null; Write-Host quiet -InformationAction SilentlyContinue; "
            "Write-Host ignored -InformationAction Ignore; Write-Information info -InformationAction Continue; "
            "Write-Information no; Stop-Transcript | Out-Null")
    lines = read(t).splitlines()
    assert "quiet" not in p.stdout and "quiet" in lines
    assert "ignored" not in lines and "info" in lines and "no" not in lines


def test_default_path_in_home(tmp_path: Path) -> None:
    p = run("Start-Transcript; Stop-Transcript | Out-Null", home=tmp_path)
    files = list(tmp_path.glob("PowerShell_transcript*"))
    assert len(files) == 1
    name = re.escape(socket.gethostname())
    assert re.fullmatch(rf"PowerShell_transcript\.{name}\.[a-z0-9]{{8}}\.\d{{14}}\.txt", files[0].name)
    assert p.stdout.strip() == f"Transcript started, output file is {files[0]}"


def test_output_directory_default_name(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir"
    run(f"Start-Transcript -OutputDirectory '{out}' | Out-Null; Stop-Transcript | Out-Null")
    assert [f.name.startswith("PowerShell_transcript.") for f in out.iterdir()] == [True]


def test_hosted_powershell_commands_are_transcribed(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    run(f"$ps = [powershell]::Create(); $null = $ps.AddScript(\"Start-Transcript -LiteralPath '{t}'\").Invoke(); "
        "$ps.Commands.Clear(); $null = $ps.AddScript('Get-Date').Invoke(); $ps.Commands.Clear(); "
        "$null = $ps.AddScript('Stop-Transcript').Invoke()")
    lines = read(t).splitlines()
    assert "PS>Get-Date" in lines and "PowerShell transcript end" in lines


def test_native_command_output_is_transcribed(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    p = run(f"Start-Transcript '{t}' | Out-Null; hostname; Stop-Transcript | Out-Null")
    assert p.stdout.strip() == socket.gethostname()
    assert socket.gethostname() in read(t).splitlines()


def test_results_carry_path_note(tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    p = run(f"$r = Start-Transcript '{t}'; $s = Stop-Transcript; $r.Path; $s.Path; $r.GetType().FullName; \"$s\"")
    assert p.stdout.splitlines() == [str(t), str(t), "System.String", f"Transcript stopped, output file is {t}"]
