"""Where a native command may write straight to the terminal: only where its output would reach the host."""

from __future__ import annotations

from pyshell.engine.native import host_output_elements
from pyshell.language import ast as A
from pyshell.language.parser import parse


def _names(script: str) -> list[str]:
    ast = parse(script)
    found = host_output_elements((ast.begin, ast.process, ast.end))
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, A.CommandAst) and id(node) in found:
            first = node.elements[0]
            out.append(getattr(first, "value", type(first).__name__))
        if isinstance(node, A.Node):
            for value in vars(node).values() if hasattr(node, "__dict__") else ():
                walk(value)
            for slot in getattr(type(node), "__slots__", ()):
                walk(getattr(node, slot, None))
        elif isinstance(node, tuple):
            for item in node:
                walk(item)

    walk(ast)
    return out


def test_top_level_pipelines_and_the_bodies_of_top_level_statements() -> None:
    script = ("vim a\nls | less\nif ($x) { top } else { htop }\nforeach ($i in 1) { nano }\n"
              "try { ssh h } catch { mc }\n& { emacs }\nmake && run\n")
    assert sorted(_names(script)) == sorted(["vim", "less", "top", "htop", "nano", "ssh", "mc", "ScriptBlockExpressionAst",
                                             "emacs", "make", "run"])


def test_captured_commands_are_left_out() -> None:
    script = "$x = git log\n(cat f)\nfunction f { vim }\n$y = if ($a) { less }\nls | sort | grep x\n"
    assert _names(script) == ["grep"]
