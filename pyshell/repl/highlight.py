"""Syntax highlighting for the REPL: pygments' PowerShell lexer seen through prompt_toolkit."""

from __future__ import annotations

from prompt_toolkit.lexers import Lexer, PygmentsLexer
from pygments.lexers.shell import PowerShellLexer

__all__ = ["powershell_lexer"]


def powershell_lexer() -> Lexer:
    """A prompt_toolkit lexer colouring PowerShell source (commands, variables, strings, comments)."""
    return PygmentsLexer(PowerShellLexer)
