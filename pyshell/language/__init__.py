"""The language: text -> AST. Pure; no I/O, no evaluation."""

from __future__ import annotations

from pyshell.language.parser import parse

__all__ = ["parse"]
