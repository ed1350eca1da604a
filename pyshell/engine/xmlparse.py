"""Builds an engine/xmldoc.py tree with expat, reporting errors in .NET XmlException's words.

Why expat directly: it gives comments, CDATA, the declaration and positions, which ElementTree
drops; the message mapping keeps `[xml]'<a>'` failing as pwsh does ("Unexpected end of file...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.parsers import expat

if TYPE_CHECKING:
    from pyshell.engine.xmldoc import XmlDocument, XmlNode

__all__ = ["parse_into"]


class _Builder:
    def __init__(self, doc: XmlDocument, text: str, preserve_ws: bool) -> None:
        from pyshell.engine import xmldoc as X

        self.X = X
        self.doc = doc
        self.text = text
        self.preserve_ws = preserve_ws
        self.stack: list[XmlNode] = [doc]
        self.starts: list[tuple[str, int, int]] = []  # name, line, column of each open start tag
        self.pending: list[str] = []
        self.in_cdata = False
        self.cdata: list[str] = []
        self.ns_stack: list[dict[str, str]] = [{"xml": X.XML_NS, "xmlns": X.XMLNS}]
        self.error: str | None = None
        p = expat.ParserCreate()
        p.ordered_attributes = True
        p.buffer_text = True
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        p.CommentHandler = self.comment
        p.ProcessingInstructionHandler = self.pi
        p.StartCdataSectionHandler = self.start_cdata
        p.EndCdataSectionHandler = self.end_cdata
        p.XmlDeclHandler = self.decl
        p.StartDoctypeDeclHandler = self.doctype
        self.p = p

    def _flush(self) -> None:
        if not self.pending:
            return
        text = "".join(self.pending)
        self.pending = []
        parent = self.stack[-1]
        if not text.strip(" \t\r\n"):
            if self.preserve_ws:
                parent._append(self.X.XmlWhitespace(text, self.doc))
            return
        if parent is self.doc:
            return
        parent._append(self.X.XmlText(text, self.doc))

    def start(self, name: str, attrs: list[str]) -> None:
        self._flush()
        X = self.X
        line, col = self.p.CurrentLineNumber, self.p.CurrentColumnNumber
        if self.stack[-1] is self.doc and self.doc.document_element() is not None:
            raise _Fail(f"There are multiple root elements. Line {line}, position {col + 2}.")
        scope = dict(self.ns_stack[-1])
        pairs = list(zip(attrs[::2], attrs[1::2], strict=True))
        for k, v in pairs:
            if k == "xmlns":
                scope[""] = v
            elif k.startswith("xmlns:"):
                scope[k[6:]] = v
        self.ns_stack.append(scope)
        el = X.XmlElement(name, self.doc)
        if ":" in name:
            prefix = name.split(":", 1)[0]
            if prefix not in scope:
                raise _Fail(f"'{prefix}' is an undeclared prefix. Line {line}, position {col + 2}.")
            object.__setattr__(el, "namespace", scope[prefix])
        else:
            object.__setattr__(el, "namespace", scope.get("", ""))
        for k, v in pairs:
            a = X.XmlAttribute(k, self.doc, v)
            if k == "xmlns" or k.startswith("xmlns:"):
                object.__setattr__(a, "namespace", X.XMLNS)
            elif ":" in k:
                prefix = k.split(":", 1)[0]
                if prefix not in scope:
                    at = self.text.split("\n")[line - 1].find(k, col)
                    raise _Fail(f"'{prefix}' is an undeclared namespace. Line {line}, position {at + 1}.")
                object.__setattr__(a, "namespace", scope[prefix])
            object.__setattr__(a, "parent", el)
            el.attrs.append(a)
        object.__setattr__(el, "is_empty", self._self_closing())
        self.stack[-1]._append(el)
        self.stack.append(el)
        self.starts.append((name, line, col))

    def _self_closing(self) -> bool:
        """Whether the start tag being reported ends in '/>': tells `<a/>` from `<a></a>`."""
        off = self.p.CurrentByteIndex
        data = self._bytes()
        i, quote = off, 0
        while 0 <= i < len(data):
            ch = data[i]
            if quote:
                if ch == quote:
                    quote = 0
            elif ch in (0x22, 0x27):
                quote = ch
            elif ch == 0x3E:
                return data[i - 1] == 0x2F
            i += 1
        return False

    _encoded: bytes | None = None

    def _bytes(self) -> bytes:
        if self._encoded is None:
            self._encoded = self.text.encode("utf-8")
        return self._encoded

    def end(self, name: str) -> None:
        self._flush()
        self.stack.pop()
        self.starts.pop()
        self.ns_stack.pop()

    def chars(self, data: str) -> None:
        if self.in_cdata:
            self.cdata.append(data)
            return
        if self.stack[-1] is self.doc and data.strip(" \t\r\n"):
            line, col = self.p.CurrentLineNumber, self.p.CurrentColumnNumber
            raise _Fail(f"Data at the root level is invalid. Line {line}, position {col + 1}.")
        self.pending.append(data)

    def comment(self, data: str) -> None:
        self._flush()
        self.stack[-1]._append(self.X.XmlComment(data, self.doc))

    def pi(self, target: str, data: str) -> None:
        self._flush()
        self.stack[-1]._append(self.X.XmlProcessingInstruction(target, self.doc, data))

    def start_cdata(self) -> None:
        self._flush()
        self.in_cdata = True
        self.cdata = []

    def end_cdata(self) -> None:
        self.in_cdata = False
        self.stack[-1]._append(self.X.XmlCDataSection("".join(self.cdata), self.doc))

    def decl(self, version: str | None, encoding: str | None, standalone: int) -> None:
        sa = "" if standalone == -1 else ("yes" if standalone else "no")
        self.doc._append(self.X.XmlDeclaration(version or "1.0", encoding or "", sa, self.doc))

    def doctype(self, name: str, sysid: str | None, pubid: str | None, has_internal: int) -> None:
        text = f"<!DOCTYPE {name}"
        if pubid:
            text += f' PUBLIC "{pubid}" "{sysid or ""}"'
        elif sysid:
            text += f' SYSTEM "{sysid}"'
        node = self.X.XmlDocumentType(name, self.doc, text + ">")
        self.doc._append(node)


class _Fail(Exception):
    pass


def _net_message(b: _Builder, e: expat.ExpatError) -> str:
    """.NET's wording for the common expat errors (positions are 1-based columns)."""
    code = expat.errors.messages.get(e.code, "")
    line, col = e.lineno, e.offset + 1
    if code == expat.errors.XML_ERROR_NO_ELEMENTS:
        if b.starts:
            names = ", ".join(n for n, _, _ in reversed(b.starts))
            return (f"Unexpected end of file has occurred. The following elements are not closed: {names}. "
                    f"Line {line}, position {col}.")
        return "Root element is missing."
    if code == expat.errors.XML_ERROR_TAG_MISMATCH and b.starts:
        name, sl, sc = b.starts[-1]
        end = _end_tag_name(b, e)
        return (f"The '{name}' start tag on line {sl} position {sc + 2} does not match the end tag of '{end}'. "
                f"Line {line}, position {col}.")
    if code == expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
        if b.text[_offset(b.text, e.lineno, e.offset):].lstrip().startswith("<"):
            return f"There are multiple root elements. Line {line}, position {col + 1}."
        return f"Data at the root level is invalid. Line {line}, position {col}."
    if code == expat.errors.XML_ERROR_UNDEFINED_ENTITY:
        rest = b.text[_offset(b.text, e.lineno, e.offset):]
        ent = rest[1:].split(";", 1)[0]
        return f"Reference to undeclared entity '{ent}'. Line {line}, position {col + 1}."
    if code == expat.errors.XML_ERROR_INVALID_TOKEN:
        at = _offset(b.text, e.lineno, e.offset)
        if b.text[:at].rstrip().endswith("=") and at < len(b.text):
            return (f"'{b.text[at]}' is an unexpected token. The expected token is '\"' or '''. "
                    f"Line {line}, position {col}.")
    if code in (expat.errors.XML_ERROR_SYNTAX, expat.errors.XML_ERROR_INVALID_TOKEN) and len(b.stack) == 1:
        return f"Data at the root level is invalid. Line {line}, position {col}."
    if code == expat.errors.XML_ERROR_UNCLOSED_TOKEN:
        return f"Unexpected end of file while parsing Name has occurred. Line {line}, position {col}."
    return f"An error occurred while parsing the document: {code}. Line {line}, position {col}."


def _offset(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + col


def _end_tag_name(b: _Builder, e: expat.ExpatError) -> str:
    rest = b.text[_offset(b.text, e.lineno, e.offset):]
    rest = rest[2:] if rest.startswith("</") else rest
    name = ""
    for ch in rest:
        if ch in "> \t\r\n":
            break
        name += ch
    return name


def parse_into(doc: XmlDocument, text: str, preserve_whitespace: bool = False) -> None:
    """Fill doc from text; raises xmldoc.XmlParseError with .NET's message."""
    from pyshell.engine.xmldoc import XmlParseError

    if text.startswith("\ufeff"):
        text = text[1:]
    b = _Builder(doc, text, preserve_whitespace)
    if not text.strip():
        raise XmlParseError("Root element is missing.")
    try:
        b.p.Parse(text, True)
    except _Fail as e:
        raise XmlParseError(str(e)) from None
    except expat.ExpatError as e:
        raise XmlParseError(_net_message(b, e)) from None
    if doc.document_element() is None:
        raise XmlParseError("Root element is missing.")
