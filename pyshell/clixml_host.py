"""`pwsh -OutputFormat xml`: the console host that writes objects as CLIXML instead of formatted text.

Output goes to stdout as one CLIXML document (after a `#< CLIXML` line) with each object tagged
S="Output"; errors (S="Error"), warnings, verbose and debug messages and information records go to
stderr the same way when the error format is XML too. The parent pwsh (the minishell caller) reads
both back stream by stream.
"""

from __future__ import annotations

from typing import Any, TextIO

from pyshell.console import ConsoleHost
from pyshell.engine.clixml import CLIXML_TAG, NAMESPACE, Writer
from pyshell.engine.records import ErrorRecord, InformationRecord

__all__ = ["ClixmlStream", "ClixmlHost"]


class ClixmlStream:
    """One CLIXML document written as its objects arrive: header line, <Objs>, elements, </Objs> at close."""

    def __init__(self, out: TextIO, depth: int = 1) -> None:
        self.out = out
        self.writer = Writer(depth)
        self.started = False
        self.closed = False

    def write(self, obj: Any, stream: str) -> None:
        if self.closed:
            return
        text = self.writer.element(obj, stream=stream)
        if not self.started:
            self.started = True
            text = f'{CLIXML_TAG}\n<Objs Version="1.1.0.1" xmlns="{NAMESPACE}">' + text
        self._put(text)

    def close(self) -> None:
        if self.started and not self.closed:
            self._put("</Objs>\n")
        self.closed = True

    def _put(self, text: str) -> None:
        try:
            self.out.write(text)
            self.out.flush()
        except (BrokenPipeError, ValueError):
            self.closed = True


class ClixmlHost(ConsoleHost):
    """A ConsoleHost whose output (and, with `xml_errors`, error and other streams) is CLIXML."""

    def __init__(self, *, xml_output: bool, xml_errors: bool, discard_output: bool = False) -> None:
        super().__init__()
        self.native_passthrough = False
        self.xml_output = xml_output
        self.xml_errors = xml_errors
        self.discard_output = discard_output
        self._out_doc = ClixmlStream(self.out)
        self._err_doc = ClixmlStream(self.err)

    def write_output(self, obj: Any) -> None:
        if self.discard_output:
            return
        if self.xml_output:
            self._out_doc.write(obj, "Output")
        else:
            super().write_output(obj)

    def write_error(self, record: ErrorRecord) -> None:
        if self.xml_errors:
            self.flush_output()
            self._err_doc.write(record, "Error")
        else:
            super().write_error(record)

    def write_warning(self, record: Any) -> None:
        self._informational(record, "warning", super().write_warning)

    def write_verbose(self, record: Any) -> None:
        self._informational(record, "verbose", super().write_verbose)

    def write_debug(self, record: Any) -> None:
        self._informational(record, "debug", super().write_debug)

    def _informational(self, record: Any, stream: str, fallback: Any) -> None:
        if self.xml_errors:
            self._err_doc.write(str(getattr(record, "Message", record)), stream)
        else:
            fallback(record)

    def write_information(self, record: InformationRecord) -> None:
        if self.xml_errors:
            self._err_doc.write(record, "information")
        else:
            super().write_information(record)

    def close(self) -> None:
        """End both CLIXML documents (pwsh's serializer Done())."""
        self.flush_output()
        self._out_doc.close()
        self._err_doc.close()
