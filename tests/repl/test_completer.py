"""The completer against a live runspace: what Tab offers in each context."""

from __future__ import annotations

import os
from typing import Any

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from pyshell.engine.cmdlet import REGISTRY
from pyshell.repl.completer import PyshellCompleter, ssh_config_hosts


def complete(rs: Any, text: str) -> list[str]:
    """The texts the line would read after each offered completion."""
    doc = Document(text, len(text))
    out = []
    for c in PyshellCompleter(rs).get_completions(doc, CompleteEvent(completion_requested=True)):
        out.append(text[: len(text) + c.start_position] + c.text)
    return out


def test_command_names(rs: Any) -> None:
    assert complete(rs, "Get-Chi") == ["Get-ChildItem"]


def test_command_names_are_case_insensitive_and_include_aliases(rs: Any) -> None:
    assert "Get-ChildItem" in complete(rs, "get-chi")
    assert "gci" in complete(rs, "gc")


def test_functions_of_the_session(rs: Any) -> None:
    rs.execute("function Get-Widget { param($Size, $Colour) $Size }")
    assert complete(rs, "Get-Wid") == ["Get-Widget"]
    assert complete(rs, "Get-Widget -Co") == ["Get-Widget -Colour"]


def test_command_after_a_pipe(rs: Any) -> None:
    assert "1..3 | ForEach-Object" in complete(rs, "1..3 | ForEach-Ob")


def test_parameter_names_of_the_command_being_typed(rs: Any) -> None:
    assert complete(rs, "Get-ChildItem -Rec") == ["Get-ChildItem -Recurse"]
    assert "gci -Recurse" in complete(rs, "gci -Rec")


def test_common_parameters(rs: Any) -> None:
    assert "Get-Location -ErrorAction" in complete(rs, "Get-Location -ErrorA")
    assert "Get-Location -ErrorAction SilentlyContinue" in complete(rs, "Get-Location -ErrorAction Sil")


def test_job_parameters(rs: Any) -> None:
    if REGISTRY.lookup("Get-Job") is None:
        pytest.skip("Get-Job is not registered yet (the jobs layer)")
    assert "Get-Job -Name" in complete(rs, "Get-Job -Na")


def test_validate_set_values(rs: Any) -> None:
    cls = next((c for c in REGISTRY.commands.values() if "State" in c.params and c.params["State"].validate_set),
               None)
    if cls is None:
        pytest.skip("no command with a -State ValidateSet is registered yet")
    values = cls.params["State"].validate_set
    first = values[0]
    assert f"{cls.name} -State {first}" in complete(rs, f"{cls.name} -State {first[:2]}")


def test_variables(rs: Any) -> None:
    assert "$HOME" in complete(rs, "$HO")
    rs.execute("$myCounter = 3")
    assert complete(rs, "$myC") == ["$myCounter"]


def test_environment_variables(rs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYSHELL_TEST_VAR", "1")
    assert complete(rs, "$env:PYSHELL_TEST_V") == ["$env:PYSHELL_TEST_VAR"]


def test_members_after_a_variable_and_dot(rs: Any) -> None:
    rs.execute("$p = [pscustomobject]@{ Name = 'a'; Size = 3 }")
    assert complete(rs, "$p.Na") == ["$p.Name"]
    assert "$HOME.Length" in complete(rs, "$HOME.Le")


def test_paths_relative_to_the_runspace_location(rs: Any, tmp_path: Any) -> None:
    (tmp_path / "alpha.txt").write_text("x")
    (tmp_path / "alps").mkdir()
    (tmp_path / "alps" / "inner.ps1").write_text("1")
    assert complete(rs, "Get-Content al") == ["Get-Content alpha.txt", "Get-Content alps/"]
    assert complete(rs, "Get-Content alps/in") == ["Get-Content alps/inner.ps1"]
    assert complete(rs, "./alp") == ["./alpha.txt", "./alps/"]


def test_paths_with_spaces_are_quoted(rs: Any, tmp_path: Any) -> None:
    (tmp_path / "my file.txt").write_text("x")
    assert complete(rs, "Get-Content my") == ["Get-Content 'my file.txt'"]


def test_computer_names_from_the_labs_ssh_config(rs: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "ssh_config"
    config.write_text("Host Server01\n  Port 1\nHost Server02 localhost\n  Port 2\nHost *\n  User x\n")
    assert ssh_config_hosts(str(config)) == ["Server01", "Server02", "localhost"]
    import pyshell.remoting.lab as lab

    monkeypatch.setattr(lab, "lab_ssh_config_path", lambda directory=None: str(config))
    assert complete(rs, "Invoke-Command -ComputerName Ser") == [
        "Invoke-Command -ComputerName Server01", "Invoke-Command -ComputerName Server02"]


def test_job_ids_from_the_job_table(rs: Any) -> None:
    class Job:
        def __init__(self, i: int) -> None:
            self.Id, self.Name = i, f"Job{i}"

    rs.jobs = [Job(1), Job(12)]
    assert complete(rs, "Receive-Job -Name Job1") == ["Receive-Job -Name Job1", "Receive-Job -Name Job12"]


def test_nothing_crashes_on_odd_input(rs: Any) -> None:
    for text in ["", " ", "$", "$.", "-", "|", "'", "Get-ChildItem -", "$nosuch.x.y", "{", "@(", "/"]:
        complete(rs, text)
    assert os.path.isdir(rs.location)


class _LoopbackConnection:
    """Stands for an agent connection: runs each invocation in a second runspace, the 'remote host'."""

    def __init__(self, remote: Any) -> None:
        self.remote = remote
        self.scripts: list[str] = []
        self.broken = False

    def invoke(self, script: str, *, args: Any = None, using: Any = None,
               interactive: bool = False) -> Any:
        from pyshell.engine.scriptblock import ScriptBlock
        from pyshell.wire import deserialize, serialize

        self.scripts.append(script)
        sb = ScriptBlock.create(script)
        values = [deserialize(a) for a in args or []]
        for obj in self.remote.invoke_iter(sb, args=values, new_scope=True):
            yield {"kind": "output", "value": serialize(obj)}
        yield {"kind": "state", "state": "Completed", "ok": True}


@pytest.fixture
def remote_rs(rs: Any, tmp_path: Any) -> tuple[Any, Any]:
    """`rs` inside an entered session whose host is a second runspace located in tmp_path/remote."""
    from pyshell.engine.host import CollectingHost
    from pyshell.remoting.session import PSSession
    from pyshell.script import new_runspace

    home = tmp_path / "remote"
    (home / "srv-data").mkdir(parents=True)
    (home / "srv-data" / "inner.txt").write_text("x")
    (home / "srv-notes.txt").write_text("x")
    (tmp_path / "srv-local-only").mkdir()
    remote = new_runspace(CollectingHost(), location=str(home))
    rs.remote_session = PSSession(1, _LoopbackConnection(remote), "Server01")
    return rs, remote


def test_paths_inside_a_remote_session_come_from_the_remote_host(remote_rs: tuple[Any, Any]) -> None:
    rs, _ = remote_rs
    assert complete(rs, "Get-ChildItem srv") == ["Get-ChildItem srv-data/", "Get-ChildItem srv-notes.txt"]
    assert complete(rs, "cat srv-data/in") == ["cat srv-data/inner.txt"]
    assert rs.remote_session.connection.scripts, "the listing ran through the session"


def test_remote_path_completion_gives_up_on_a_silent_host(rs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from pyshell.remoting.session import PSSession
    from pyshell.repl import completer

    class Silent:
        broken = False
        release = threading.Event()

        def invoke(self, *args: Any, **kwargs: Any) -> Any:
            self.release.wait(10)
            yield {"kind": "state", "state": "Completed", "ok": True}

    monkeypatch.setattr(completer, "REMOTE_TIMEOUT", 0.3)
    conn = Silent()
    rs.remote_session = PSSession(1, conn, "Server01")
    try:
        assert complete(rs, "Get-ChildItem x") == []
    finally:
        conn.release.set()


def test_hashtable_keys_as_members(rs: Any) -> None:
    assert complete(rs, "$PSVersionTable.PSVer") == ["$PSVersionTable.PSVersion"]
    rs.execute("$h = @{ Alpha = 1; Count2 = 2 }")
    assert complete(rs, "$h.Al") == ["$h.Alpha"]
    assert complete(rs, "$h.Cou") == ["$h.Count2", "$h.Count"]


def test_env_drive_item_names(rs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYSHELL_COMPLETE_ME", "1")
    assert complete(rs, "Get-ChildItem Env:PYSHELL_COMPLETE_") == ["Get-ChildItem Env:PYSHELL_COMPLETE_ME"]
    assert complete(rs, "ls env:\\PYSHELL_COMPLETE_") == ["ls env:\\PYSHELL_COMPLETE_ME"]
    assert complete(rs, "Get-Item Variable:PSVersionT") == ["Get-Item Variable:PSVersionTable"]


def test_item_names_of_the_current_session_drive(rs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYSHELL_COMPLETE_ME", "1")
    rs.execute("Set-Location Env:")
    assert complete(rs, "ls PYSHELL_COMPLETE_") == ["ls PYSHELL_COMPLETE_ME"]


def test_methods_of_a_variable_with_pwsh_parentheses(rs: Any) -> None:
    rs.execute("$s = 'text'")
    assert complete(rs, "$s.ToUpper")[:2] == ["$s.ToUpper(", "$s.ToUpperInvariant()"]
    assert complete(rs, "$s.Cl") == ["$s.Clone()"]
    assert complete(rs, "$s.Len") == ["$s.Length"]


def test_static_members_and_enum_values(rs: Any) -> None:
    assert complete(rs, "[ConsoleColor]::Re")[0] == "[ConsoleColor]::Red"
    assert complete(rs, "$c = [ConsoleColor]::DarkB") == ["$c = [ConsoleColor]::DarkBlue"]
    assert complete(rs, "[Math]::Ab") == ["[Math]::Abs("]
    assert complete(rs, "[System.IO.Path]::GetExtension") == ["[System.IO.Path]::GetExtension("]


def test_a_host_named_twice_in_ssh_config_is_offered_once(rs: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyshell.repl import completer

    monkeypatch.setattr(completer, "_lab_hosts", lambda: ["Server01", "server01", "Server02"])
    assert complete(rs, "Invoke-Command -ComputerName Serv") == [
        "Invoke-Command -ComputerName Server01", "Invoke-Command -ComputerName Server02"]
