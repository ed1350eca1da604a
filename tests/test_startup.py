"""Start-up: the static command index, lazy loading of command modules, and what a start imports."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import pyshell.commands
import pyshell.commands.index as index
import pyshell.engine.cmdlet as cmdlet
from pyshell.commands import load_builtins
from pyshell.console import ConsoleHost
from pyshell.engine.cmdlet import REGISTRY, Cmdlet, CommandRegistry, command

ROOT = Path(__file__).resolve().parent.parent


def _in_fresh_process(code: str) -> Any:
    """Run code in a new interpreter; it prints one JSON value, which is returned."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_command_index_is_up_to_date() -> None:
    source = Path(index.__file__).read_text(encoding="utf-8")
    assert index.generated_text(source) == index.render(*index.build()), (
        "pyshell/commands/index.py is out of date: run `python -m pyshell.commands.index`"
    )


def test_index_build_sees_a_new_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmdlet, "REGISTRY", CommandRegistry())
    module = types.ModuleType("pyshell_test_probe")

    @command("Get-IndexProbe", aliases=("gip2",))
    class GetIndexProbe(Cmdlet):
        """A command the generated index does not know."""

    GetIndexProbe.__module__ = module.__name__
    module.GetIndexProbe = GetIndexProbe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(
        pyshell.commands, "BUILTIN_MODULES", [*pyshell.commands.BUILTIN_MODULES, module.__name__]
    )
    commands, aliases = index.build()
    assert commands["Get-IndexProbe"] == module.__name__
    assert aliases["gip2"] == "Get-IndexProbe"
    source = Path(index.__file__).read_text(encoding="utf-8")
    assert index.generated_text(source) != index.render(commands, aliases)


def test_index_build_refuses_a_name_registered_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmdlet, "REGISTRY", CommandRegistry())
    module = types.ModuleType("pyshell_test_clash")

    @command("Get-ClashProbe", aliases=("echo",))
    class GetClashProbe(Cmdlet):
        """Claims an alias Write-Output already has."""

    GetClashProbe.__module__ = module.__name__
    module.GetClashProbe = GetClashProbe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(
        pyshell.commands, "BUILTIN_MODULES", [*pyshell.commands.BUILTIN_MODULES, module.__name__]
    )
    with pytest.raises(index.CommandIndexError, match="echo"):
        index.build()


def test_enumerating_the_registry_sees_every_indexed_command() -> None:
    load_builtins()
    assert {c.name for c in REGISTRY} >= set(index.COMMANDS)
    assert {REGISTRY.commands[n.casefold()].__module__ for n in index.COMMANDS} <= set(
        pyshell.commands.BUILTIN_MODULES
    )
    for alias, target in index.ALIASES.items():
        assert REGISTRY.aliases[alias.casefold()] == target
    names, aliases = REGISTRY.names()
    assert set(names) >= set(index.COMMANDS)
    assert aliases["gjb"] == "Get-Job"


def test_a_command_module_loads_on_first_lookup() -> None:
    modules = _in_fresh_process(
        "import json, sys\n"
        "from pyshell.commands import load_builtins\n"
        "from pyshell.engine.cmdlet import REGISTRY\n"
        "load_builtins()\n"
        "before = 'pyshell.commands.jsonwrite' in sys.modules\n"
        "names, aliases = REGISTRY.names()\n"
        "listed = 'pyshell.commands.jsonwrite' in sys.modules\n"
        "target = REGISTRY.resolve_alias('SELECT')\n"
        "found = REGISTRY.lookup('convertto-json').name\n"
        "print(json.dumps([before, listed, 'ConvertTo-Json' in names, target, found,\n"
        "                  'pyshell.commands.jsonwrite' in sys.modules, 'pyshell.commands.objects' in sys.modules]))\n"
    )
    assert modules == [False, False, True, "Select-Object", "ConvertTo-Json", True, False]


def test_write_output_imports_neither_other_command_modules_nor_the_formatter() -> None:
    modules = _in_fresh_process(
        "import io, json, sys\n"
        "from pyshell.cli import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "code = main(['-NoProfile', '-c', 'Write-Output 1'])\n"
        "text, sys.stdout = sys.stdout.getvalue(), out\n"
        "print(json.dumps([code, text, sorted(m for m in sys.modules if m.startswith(\n"
        "    ('pyshell.commands.', 'pyshell.formatting', 'pyshell.jobs.cmdlets', 'pyshell.remoting.cmdlets')))]))\n"
    )
    assert modules == [0, "1\n", ["pyshell.commands.core", "pyshell.commands.index"]]


def test_get_command_and_aliases_in_a_fresh_process_see_jobs_and_remoting() -> None:
    names = _in_fresh_process(
        "import json\n"
        "from pyshell.script import new_runspace\n"
        "rs = new_runspace()\n"
        "cmds = rs.run('(Get-Command).Name')\n"
        "print(json.dumps([n for n in ('Get-Job', 'Enter-PSSession', 'Get-EventLog', 'Format-Table') if n in cmds]))\n"
    )
    assert names == ["Get-Job", "Enter-PSSession", "Get-EventLog", "Format-Table"]


@pytest.mark.parametrize(
    "value", ["a", "", "x\r\ny", "a\nb\n", 1, -5, 2**40, 1.5, 1e20, 0.1 + 0.2, 3.0, True, False]
)
def test_console_prints_a_plain_value_as_out_default_does(value: object) -> None:
    from pyshell.formatting import OutDefault

    formatter = OutDefault(120)
    expected = formatter.feed(value) + formatter.finish()
    out = io.StringIO()
    host = ConsoleHost(out, io.StringIO())
    host.write_output(value)
    host.flush_output()
    assert out.getvalue() == expected
