"""$PSBoundParameters is a PSBoundParametersDictionary: shown as Key/Value pairs like pwsh (about_Automatic_Variables)."""

from __future__ import annotations

from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.formatting import format_text


def _run(text: str) -> list[Any]:
    from pyshell.engine.runspace import Runspace

    return Runspace().run(text)


def test_bound_parameters_display_key_value_pairs() -> None:
    out = _run("function t { param($a,$b) $PSBoundParameters }; t -a Power -b Shell")
    assert format_text(out, 120) == "\nKey Value\n--- -----\na   Power\nb   Shell\n\n"


def test_bound_parameters_type_and_dictionary_members() -> None:
    out = _run("function t { param($a,$b) $PSBoundParameters.GetType().FullName; $PSBoundParameters.ContainsKey('A'); "
               "$PSBoundParameters.Count; $PSBoundParameters['a']; $PSBoundParameters -is [hashtable]; "
               "$PSBoundParameters.Remove('a') | Out-Null; $PSBoundParameters.Keys.Count }; t -a Power")
    assert [to_string(v) for v in out] == ["System.Management.Automation.PSBoundParametersDictionary", "True", "1",
                                           "Power", "False", "0"]


def test_bound_parameters_still_splat() -> None:
    out = _run("function inner { param($Name) \"hi $Name\" }; function outer { param($Name) inner @PSBoundParameters }; "
               "outer -Name x")
    assert out == ["hi x"]
