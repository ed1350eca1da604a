"""The minishell: a native command called with a script block argument (`& pwsh -noprofile { ... }`).

As pwsh does, the call is rewritten before the process starts: the script block becomes
`-encodedCommand <base64 UTF-16LE>`, `-args <values>` becomes `-encodedarguments <base64 CLIXML>`, and
`-inputFormat xml` / `-outputFormat xml|text` are added when not given (xml output when the output is
captured). Pipeline input goes to the child as CLIXML; its stdout and stderr come back as CLIXML and
are split by stream tag into output objects, error records, warnings and information records.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyshell.engine.objects import unwrap
from pyshell.errors import PyshellError

if TYPE_CHECKING:
    from pyshell.engine.binder import Argument

__all__ = ["MinishellCall", "is_minishell", "bind", "encode_input", "read_streams"]

_SCRIPT_BLOCK = "System.Management.Automation.ScriptBlock"


def _is_script_block(value: Any) -> bool:
    from pyshell.engine.objects import type_names

    value = unwrap(value)
    return value is not None and not isinstance(value, (str, int, float, list)) and \
        (type_names(value) or [""])[0] == _SCRIPT_BLOCK


def _present(value: Any) -> bool:
    from pyshell.engine.binder import NO_VALUE

    return value is not NO_VALUE and value.__class__ is not object


def is_minishell(args: list[Argument]) -> bool:
    """pwsh treats any native command given a script block argument as a minishell call."""
    return any(_present(a.value) and _is_script_block(a.value) for a in args)


@dataclass
class MinishellCall:
    argv: list[str]  #: the rewritten arguments
    input_xml: bool
    output_xml: bool


def _binding_error(message: str, error_id: str, name: str) -> PyshellError:
    """pwsh's ParameterBindingException for a bad minishell argument; `name` is the parameter it is about."""
    err = PyshellError(message, error_id=error_id, category="InvalidArgument", target=name,
                       reason="ParameterBindingException")
    err.ps_type_name = "System.Management.Automation.ParameterBindingException"
    err.qualify_error_id = False
    return err


def _encode(text: str) -> str:
    return base64.b64encode(text.encode("utf-16-le")).decode("ascii")


def _format_value(name: str, value: Any) -> str:
    from pyshell.engine.conversions import to_string

    text = to_string(unwrap(value))
    if text and "xml".startswith(text.lower()):
        return "xml"
    if text and "text".startswith(text.lower()):
        return "text"
    raise _binding_error(f"A value that is not valid ({text}) was specified for the {name} parameter. Valid values "
                         f"are Text and Xml.", "IncorrectValueForFormatParameter", name)


def _encode_args(value: Any) -> str:
    from pyshell.engine.clixml import to_document

    value = unwrap(value)
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    return _encode(to_document([items], depth=1))


def bind(args: list[Argument], output_captured: bool, text_of: Any) -> MinishellCall:
    """Rewrite the arguments of a minishell call as pwsh's MinishellParameterBinderController does.

    :param output_captured: the output goes to a variable or a pipeline (not the console): xml by default.
    :param text_of: how an ordinary argument becomes command-line text.
    :raises PyshellError: ParameterBindingException ids pwsh uses (IncorrectValueForFormatParameter...).
    """
    seen: set[str] = set()
    out: list[str] = []
    input_format: str | None = None
    output_format: str | None = None
    i = 0

    def once(kind: str, name: str) -> None:
        if kind in seen:
            raise _binding_error(f"The -{name} parameter was already specified.", "ParameterSpecifiedAlready", name)
        seen.add(kind)

    def value_after(k: int) -> tuple[Any, int]:
        """The value of the named argument k: its own (-name:value) or the next positional one."""
        if args[k].colon or (_present(args[k].value) and args[k].value is not True):
            return args[k].value, k
        if k + 1 < len(args) and args[k + 1].name is None:
            return args[k + 1].value, k + 1
        return None, -1

    while i < len(args):
        a = args[i]
        name = (a.name or "").lower()
        if a.name is not None and name and "command".startswith(name):
            once("command", "command")
            value, at = value_after(i)
            if at < 0:
                raise _binding_error("No value was specified for the Command parameter.", "NoValueForCommandParameter",
                                     "command")
            if not _is_script_block(value):
                raise _binding_error("ScriptBlock should only be specified as a value of the Command parameter.",
                                     "IncorrectValueForCommandParameter", "command")
            out += ["-encodedCommand", _encode(text_of(value))]
            i = at + 1
        elif a.name is not None and name and "inputformat".startswith(name):
            once("input", "inputFormat")
            value, at = value_after(i)
            if at < 0:
                raise _binding_error("No value was specified for the InputFormat parameter. Valid values are Text "
                                     "and Xml.", "NoValueForInputFormatParameter", "inputFormat")
            input_format = _format_value("inputFormat", value)
            out += ["-inputFormat", input_format]
            i = at + 1
        elif a.name is not None and name and "outputformat".startswith(name):
            once("output", "outputFormat")
            value, at = value_after(i)
            if at < 0:
                raise _binding_error("No value was specified for the OutputFormat parameter. Valid values are text "
                                     "and XML.", "NoValueForInputFormatParameter", "outputFormat")
            output_format = _format_value("outputFormat", value)
            out += ["-outputFormat", output_format]
            i = at + 1
        elif a.name is not None and name and "args".startswith(name):
            once("args", "args")
            value, at = value_after(i)
            if at < 0:
                raise _binding_error("No value was specified for the Args parameter.", "NoValuesSpecifiedForArgs",
                                     "args")
            out += ["-encodedarguments", _encode_args(value)]
            i = at + 1
        elif a.name is None and _is_script_block(a.value):
            once("command", "command")
            out += ["-encodedCommand", _encode(text_of(a.value))]
            i += 1
        else:
            out += _plain(a, text_of)
            i += 1
    if input_format is None:
        input_format = "xml"
        out += ["-inputFormat", "xml"]
    if output_format is None:
        output_format = "xml" if output_captured else "text"
        out += ["-outputFormat", output_format]
    return MinishellCall(out, input_format == "xml", output_format == "xml")


def _plain(a: Argument, text_of: Any) -> list[str]:
    if a.name is not None:
        text = a.text or "-" + a.name
        if a.colon:
            return [f"{text}:{text_of(a.value)}"]
        if _present(a.value) and a.value is not True:
            return [text, text_of(a.value)]
        return [text]
    value = unwrap(a.value)
    if isinstance(value, (list, tuple)):
        return [text_of(v) for v in value]
    return [text_of(value)]


def encode_input(items: Iterable[Any], xml: bool, width: int = 120) -> bytes:
    """Pipeline input for the child: a CLIXML document, or the objects as Out-String would show them."""
    if xml:
        from pyshell.engine.clixml import CLIXML_TAG, NAMESPACE, Writer

        writer = Writer(1)
        body = "".join(writer.element(item) for item in items)
        return f'{CLIXML_TAG}\n<Objs Version="1.1.0.1" xmlns="{NAMESPACE}">{body}</Objs>\n'.encode()
    from pyshell.formatting import OutDefault

    fmt = OutDefault(width)
    text = "".join(fmt.feed(item) for item in items) + fmt.finish()
    return text.encode()


def read_streams(lines: Iterable[str], default_stream: str) -> Iterator[tuple[Any, str]]:
    """(value, stream) pairs from a child's stdout or stderr: CLIXML when it starts with `#< CLIXML`, else
    each line as text in `default_stream`. Stream names come back capitalised: Output, Error, Warning..."""
    it = iter(lines)
    for first in it:
        if first.strip() == "":
            continue
        if first.strip().lower() != "#< clixml":
            yield first.rstrip("\r\n"), default_stream
            for line in it:
                yield line.rstrip("\r\n"), default_stream
            return
        from pyshell.engine.clixml import iter_stream

        for value, stream in iter_stream(it):
            yield value, (stream or "Output").capitalize()
        for _ in it:  # whatever follows the document is drained, not shown
            pass
        return
