"""Tab completion for the REPL: commands, parameters and their values, variables, members and paths.

Reads the runspace it completes for; never runs user code (a `$var.` member list reads the value only).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from pyshell.engine.cmdlet import COMMON_PARAMETERS, REGISTRY, Param
from pyshell.engine.objects import MISSING, Hashtable, get_property, property_names
from pyshell.engine.types import enum_members

__all__ = ["PyshellCompleter", "ssh_config_hosts", "table_items"]

#: characters that end a word when scanning back from the cursor
_WORD_BREAK = " \t\n|;(){}=,@"
#: ``[Type]::Prefix`` at the cursor
_STATIC_ACCESS = re.compile(r"^\[([\w.`]+)\]::(\w*)$")
#: parameters whose values are computer names
_COMPUTER_PARAMS = {"computername", "cn", "hostname"}
#: seconds a Tab waits for the remote host's directory listing
REMOTE_TIMEOUT = 5.0
#: lists a remote directory for completion: names, a folder's with a trailing '/'
_REMOTE_LIST = ("param($dir) Get-ChildItem -LiteralPath $dir -Force -ErrorAction SilentlyContinue | "
                "ForEach-Object { if ($_.PSIsContainer) { $_.Name + '/' } else { $_.Name } }")


def ssh_config_hosts(path: str | None) -> list[str]:
    """The concrete `Host` names of an ssh_config file (patterns with * or ? left out)."""
    if not path:
        return []
    names: list[str] = []
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.strip().split()
                if len(parts) >= 2 and parts[0].lower() == "host":
                    names.extend(p for p in parts[1:] if not any(c in p for c in "*?!"))
    except OSError:
        return []
    return names


def _lab_hosts() -> list[str]:
    try:
        from pyshell.remoting.lab import lab_ssh_config_path

        return ssh_config_hosts(lab_ssh_config_path())
    except (ImportError, OSError, ValueError):
        return []


def _segment_words(text: str) -> list[str]:
    """The words of the pipeline element the cursor is in (the command name first)."""
    depth_cut = max(text.rfind(c) for c in "|;{(\n")
    segment = text[depth_cut + 1:]
    return segment.split()


class PyshellCompleter(Completer):
    """Context-aware completion against a live runspace.

    :param runspace: the session whose commands, variables, jobs and location are completed.
    """

    def __init__(self, runspace: Any) -> None:
        self.rs = runspace

    # -- dispatch -----------------------------------------------------------------------------
    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        before = document.text_before_cursor
        start = len(before)
        while start > 0 and before[start - 1] not in _WORD_BREAK:
            start -= 1
        word = before[start:]
        words = _segment_words(before[:start])
        static = _STATIC_ACCESS.match(word)
        if static:
            yield from self._static_members(static.group(1), static.group(2))
            return
        if word.startswith("$"):
            yield from self._variables(word)
            return
        if not words:
            yield from self._commands(word)
            if "/" in word or word.startswith((".", "~")):
                yield from self._paths(word)
            return
        if word.startswith("-") and not word[1:2].isdigit():
            yield from self._parameters(words[0], word)
            return
        prev = words[-1] if len(words) > 1 else ""
        if prev.startswith("-") and len(prev) > 1:
            values = list(self._parameter_values(words[0], prev[1:], word))
            if values:
                yield from values
                return
        yield from self._paths(word)

    # -- commands ----------------------------------------------------------------------------
    def _command_names(self) -> Iterator[tuple[str, str]]:
        names, aliases = REGISTRY.names()  # from the index: the first Tab imports no command module
        for name in names:
            yield name, "cmdlet"
        for alias, target in aliases.items():
            yield alias, f"alias of {target}"
        for alias, target in list(getattr(self.rs, "aliases", {}).items()):
            yield str(alias), f"alias of {target}"
        scope = getattr(self.rs, "scope", None)
        while scope is not None:
            for name in list(scope.functions.keys()):
                yield str(name), "function"
            scope = scope.parent

    def _commands(self, word: str) -> Iterator[Completion]:
        low = word.lower()
        seen: set[str] = set()
        matches = [(n, m) for n, m in self._command_names() if n.lower().startswith(low)]
        for name, meta in sorted(matches, key=lambda nm: (nm[0].lower() != low, nm[0].lower())):
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            yield Completion(name, -len(word), display_meta=meta)

    def _command_params(self, command: str) -> dict[str, Param]:
        rs = self.rs
        cls = REGISTRY.lookup(command)
        if cls is None:
            target = REGISTRY.resolve_alias(command)
            user = getattr(rs, "aliases", {}).get(command)
            target = str(user) if user is not None else target
            cls = REGISTRY.lookup(target) if target else None
        if cls is not None:
            return {**cls.params, **COMMON_PARAMETERS}
        scope = getattr(rs, "scope", None)
        fn = scope.lookup_function(command) if scope is not None else None
        names = _function_param_names(fn)
        return {n: Param(name=n) for n in names}

    def _parameters(self, command: str, word: str) -> Iterator[Completion]:
        prefix = word[1:].lower()
        for name, param in self._command_params(command).items():
            if name.lower().startswith(prefix):
                yield Completion("-" + name, -len(word), display_meta=param.type)

    def _parameter_values(self, command: str, param_word: str, word: str) -> Iterator[Completion]:
        params = self._command_params(command)
        low = param_word.rstrip(":").lower()
        param = next((p for n, p in params.items() if n.lower() == low or low in (a.lower() for a in p.aliases)),
                     None)
        if param is None:
            matches = [p for n, p in params.items() if n.lower().startswith(low)]
            param = matches[0] if len(matches) == 1 else None
        name = param.name.lower() if param is not None else low
        values: list[str] = []
        if param is not None and param.validate_set:
            values = list(param.validate_set)
        elif param is not None and enum_members(param.type):
            values = list(enum_members(param.type) or ())
        elif name in _COMPUTER_PARAMS:
            values = _lab_hosts()
        elif "job" in command.lower() and name in ("id", "name", "instanceid"):
            values = _job_values(getattr(self.rs, "jobs", None), name)
        elif "pssession" in command.lower() and name in ("id", "name"):
            values = _job_values(getattr(self.rs, "sessions", None), name)
        text = word.strip("'\"").lower()
        seen: set[str] = set()
        for v in values:
            if v.lower().startswith(text) and v.lower() not in seen:  # ssh_config may name a host in two cases
                seen.add(v.lower())
                yield Completion(_quote(v), -len(word))

    # -- variables and members ---------------------------------------------------------------
    def _variable_names(self) -> list[str]:
        names: list[str] = []
        scope = getattr(self.rs, "scope", None)
        while scope is not None:
            names.extend(str(n) for n in list(scope.variables.keys()))
            scope = scope.parent
        names.extend(["true", "false", "null", "PWD", "Error", "?"])
        return names

    def _variables(self, word: str) -> Iterator[Completion]:
        if "." in word:
            yield from self._members(word)
            return
        if word.lower().startswith("$env:"):
            prefix = word[5:].lower()
            for key in sorted(os.environ):
                if key.lower().startswith(prefix):
                    yield Completion("$env:" + key, -len(word))
            return
        prefix = word[1:].lower()
        seen: set[str] = set()
        for name in sorted(self._variable_names(), key=str.lower):
            if name.lower().startswith(prefix) and name.lower() not in seen:
                seen.add(name.lower())
                yield Completion("$" + name, -len(word))

    def _members(self, word: str) -> Iterator[Completion]:
        path, _, prefix = word[1:].rpartition(".")
        parts = path.split(".")
        value = self.rs.get_variable(parts[0])
        for part in parts[1:]:
            if value is MISSING or value is None:
                return
            value = get_property(value, part)
        if value is MISSING or value is None:
            return
        try:
            names = property_names(value)
        except (TypeError, AttributeError):
            return
        if isinstance(value, Hashtable):  # pwsh offers a hashtable's keys first ($PSVersionTable.PSVersion)
            names = [str(k) for k in list(value.keys()) if isinstance(k, str)] + names
        from pyshell.commands.memberdefs import instance_members
        from pyshell.engine.objects import type_names

        typed = type_names(value)
        methods = instance_members(typed[0]) if typed else None
        yield from _matching(names + [_method_text(m) for m in methods or () if m[1] == "Method"], prefix)

    def _static_members(self, type_text: str, prefix: str) -> Iterator[Completion]:
        """``[ConsoleColor]::R`` -> Red; ``[Math]::Ab`` -> Abs(: an enum's values, then the static members."""
        from pyshell.commands.memberdefs import static_members
        from pyshell.engine.types import TypeRef

        try:
            full = TypeRef(type_text).FullName
        except Exception:  # noqa: BLE001 - an unknown type offers nothing
            return
        names = list(enum_members(full) or ())
        names += [_method_text(m) if m[1] == "Method" else m[0] for m in static_members(full)]
        yield from _matching(names, prefix)

    # -- paths ----------------------------------------------------------------------------------
    def _paths(self, word: str) -> Iterator[Completion]:
        quote = word[:1] if word[:1] in ("'", '"') else ""
        typed = word[len(quote):]
        provider_items = self._provider_items(typed)
        if provider_items is not None:
            qualifier, names = provider_items
            low = typed[len(qualifier):].lower()
            for name in names:
                if name.lower().startswith(low):
                    yield Completion(_quote(qualifier + name, quote), -len(word), display=name)
            return
        head, _, prefix = typed.rpartition("/")
        base = head + "/" if "/" in typed else ""
        session = getattr(self.rs, "remote_session", None)
        entries = self._remote_entries(session, base) if session is not None else self._local_entries(base)
        low = prefix.lower()
        for entry in entries:
            name = entry.rstrip("/")
            if not name.lower().startswith(low) or (name.startswith(".") and not prefix.startswith(".")):
                continue
            yield Completion(_quote(base + entry, quote), -len(word), display=name)

    def _provider_items(self, typed: str) -> tuple[str, list[str]] | None:
        """For a path on a session-state drive (``Env:PA``, or ``PA`` while ``cd Env:``): the text kept
        before the item name and the drive's item names; None for file system paths."""
        if getattr(self.rs, "remote_session", None) is not None:
            return None
        from pyshell.engine.providers.drives import QUALIFIER, drive_table

        table = drive_table(self.rs)
        match = QUALIFIER.match(typed)
        if match:
            drive = table.get(match.group(1))
            rest = match.group(2)
            qualifier = typed[: len(typed) - len(rest)]
        else:
            if typed.startswith(("/", "~", ".")):
                return None
            drive, rest, qualifier = table.current(self.rs), typed, ""
        provider = table.provider_of(drive) if drive is not None else None
        if provider is None:
            return None
        lead = len(rest) - len(rest.lstrip("\\/"))
        try:
            names = provider.sorted_names(self.rs)
        except Exception:  # noqa: BLE001 - no completions rather than a broken prompt
            return None
        return qualifier + rest[:lead], names

    def _local_entries(self, base: str) -> list[str]:
        """The names in a local folder, a folder's with a trailing '/'."""
        try:
            directory = self.rs.resolve_path(base or ".") if base != "/" else "/"
            names = sorted(os.listdir(directory), key=str.lower)
        except (OSError, AttributeError):
            return []
        return [n + "/" if os.path.isdir(os.path.join(directory, n)) else n for n in names]

    def _remote_entries(self, session: Any, base: str) -> list[str]:
        """The names in a folder of the entered session's host, listed there (relative to its location).

        The listing runs on a helper thread so a slow or broken connection costs a Tab at most
        REMOTE_TIMEOUT seconds; the agent's answer then still arrives and is dropped.
        """
        from pyshell.remoting.session import run_in_session

        found: list[str] = []

        def listing() -> None:
            try:
                for ev in run_in_session(session, _REMOTE_LIST, args=[base or "."], show_computer_name=False):
                    if ev.kind == "output" and isinstance(ev.value, str):
                        found.append(ev.value)
            except Exception:  # noqa: BLE001 - no completions rather than a broken prompt
                found.clear()

        worker = threading.Thread(target=listing, name="remote-path-completion", daemon=True)
        worker.start()
        worker.join(REMOTE_TIMEOUT)
        if worker.is_alive():
            return []
        return sorted(found, key=str.lower)


def _matching(names: list[str], prefix: str) -> Iterator[Completion]:
    """Each name once (case-insensitively) that starts with prefix, replacing the prefix."""
    low = prefix.lower()
    seen: set[str] = set()
    for name in names:
        key = name.rstrip("()").lower()
        if key.startswith(low) and key not in seen:
            seen.add(key)
            yield Completion(name, -len(prefix))


def _method_text(member: tuple[str, str, str]) -> str:
    """A method as pwsh completes it: ``Clone()`` when no overload takes arguments, else ``ToUpper(``."""
    overloads = member[2].split("), ")
    return member[0] + ("()" if all(o.rstrip(")").endswith("(") for o in overloads) else "(")


def _quote(text: str, quote: str = "") -> str:
    if quote or re.search(r"[\s'\"$`;&|(){}]", text):
        q = quote or "'"
        return q + (text.replace("'", "''") if q == "'" else text) + q
    return text


def _function_param_names(fn: Any) -> list[str]:
    """Parameter names of a script function, read from its AST without running it."""
    if fn is None:
        return []
    sb = getattr(fn, "ScriptBlock", None) or getattr(fn, "script_block", None)
    ast = getattr(sb, "ast", None) or getattr(sb, "body", None) or sb
    names: list[str] = []
    for attr in ("param_block", "params", "parameters"):
        block = getattr(ast, attr, None)
        block = getattr(block, "parameters", block)
        for p in block or []:
            name = getattr(p, "name", None) or getattr(getattr(p, "variable", None), "name", None)
            if isinstance(name, str):
                names.append(name)
    return names


def _job_values(table: Any, field: str) -> list[str]:
    """Ids or names of the jobs (or sessions) in a table whose API is read defensively."""
    items = table_items(table)
    key = {"id": "Id", "name": "Name", "instanceid": "InstanceId"}[field]
    out = []
    for item in items:
        value = getattr(item, key, None)
        if value is not None:
            out.append(str(value))
    return out


def table_items(table: Any) -> list[Any]:
    """The jobs (or sessions) of a table, whatever collection API it offers."""
    if table is None:
        return []
    for attr in ("top_level", "list", "all", "jobs", "values"):
        member = getattr(table, attr, None)
        if callable(member):
            try:
                return list(member())
            except TypeError:
                continue
        if isinstance(member, (list, tuple, dict)):
            return list(member.values() if isinstance(member, dict) else member)
    try:
        return list(table)
    except TypeError:
        return []
