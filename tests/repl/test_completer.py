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
