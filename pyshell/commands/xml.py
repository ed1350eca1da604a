"""Select-Xml and ConvertTo-Xml: XPath over documents, files and strings; objects as pwsh's simple XML."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Any

from pyshell.commands.itembase import ItemCommand
from pyshell.engine.cmdlet import Cmdlet, Param, command
from pyshell.engine.conversions import to_string
from pyshell.engine.objects import Hashtable, PSObject, get_property, property_names, type_names
from pyshell.errors import PyshellError

__all__ = ["SelectXml", "ConvertToXml", "SelectXmlInfo", "serialize_objects"]


class SelectXmlInfo:
    """One Select-Xml match: the node, the file it came from (or InputStream) and the XPath."""

    PS_TYPE_NAMES = ("Microsoft.PowerShell.Commands.SelectXmlInfo", "System.Object")
    PS_PROPERTIES = ("Node", "Path", "Pattern")
    PS_METHODS = ("ToString",)

    def __init__(self, node: Any, path: str, pattern: str) -> None:
        self.Node = node
        self.Path = path or "InputStream"
        self.Pattern = pattern

    def node_text(self) -> str:
        node = self.Node
        if node is None:
            return ""
        value = node.net_value()
        return (value if value is not None else node.net_innerxml()).strip()

    def ToString(self) -> str:  # noqa: N802 - .NET method name
        return self.ps_to_string()

    def ps_to_string(self) -> str:
        text = self.node_text()
        return text if self.Path == "InputStream" else f"{text}:{self.Path}"


@command("Select-Xml", default_set="Xml")
class SelectXml(ItemCommand):
    """Finds text in XML documents, files or strings with an XPath query."""

    XPath = Param("string", position=0, mandatory=True)
    Xml = Param("object[]", position=1, mandatory=True, pipeline=True, by_property_name=True, aliases=("Node",),
                sets=("Xml",))
    Path = Param("string[]", position=1, mandatory=True, by_property_name=True, sets=("Path",))
    LiteralPath = Param("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                        sets=("LiteralPath",))
    Content = Param("string[]", mandatory=True, pipeline=True, sets=("Content",))
    Namespace = Param("hashtable")

    def begin(self) -> Iterable[Any]:
        from pyshell.engine.xpath import XPathError, compile_xpath

        if not to_string(self.XPath):
            raise PyshellError("Cannot validate argument on parameter 'XPath'. The argument is null or empty. Provide "
                               "an argument that is not null or empty, and then try the command again.",
                               error_id="ParameterArgumentValidationError", category="InvalidData",
                               reason="ParameterBindingValidationException")
        ns: dict[str, str] = {}
        if self.Namespace is not None:
            for k, v in self.Namespace.items():
                if k is None or v is None:
                    self.write_error(PyshellError(
                        "This command cannot be run because the prefix value in the Namespace parameter is null. "
                        "Provide a valid value for the prefix, and then run the command again.",
                        error_id="PrefixError", category="InvalidOperation", target=self.Namespace,
                        reason="InvalidOperationException"))
                    continue
                ns[to_string(k)] = to_string(v)
        try:
            self._query = compile_xpath(to_string(self.XPath), ns)
        except XPathError as e:
            raise PyshellError(str(e), error_id="System.Xml.XPath.XPathException", category="NotSpecified",
                               reason="XPathException") from None
        return ()

    def _matches(self, node: Any, path: str) -> Iterator[SelectXmlInfo]:
        from pyshell.engine.xpath import XPathError, evaluate_nodes

        try:
            found = evaluate_nodes(self._query, node)
        except XPathError as e:
            raise PyshellError(str(e), error_id="System.Xml.XPath.XPathException", category="NotSpecified",
                               reason="XPathException") from None
        for n in found:
            yield SelectXmlInfo(n, path, to_string(self.XPath))

    def process(self) -> Iterator[Any]:
        from pyshell.engine.objects import unwrap
        from pyshell.engine.xmldoc import XmlNode

        if self.parameter_set_name == "Xml":
            for item in self.Xml or ():
                item = unwrap(item)
                if not isinstance(item, XmlNode):
                    item = self._convert_node(item)
                    if item is None:
                        continue
                yield from self._matches(item, "")
        elif self.parameter_set_name == "Content":
            from pyshell.engine.conversions import ConversionError
            from pyshell.engine.xmldoc import to_xml_document

            for text in self.Content or ():
                try:
                    doc = to_xml_document(text)
                except ConversionError as e:
                    self.write_error(e)
                    continue
                yield from self._matches(doc, "")
        else:
            for file in self._files():
                yield from self._from_file(file)

    def _convert_node(self, item: Any) -> Any:
        if isinstance(item, str):  # pwsh binds a piped string to -Content
            from pyshell.engine.conversions import ConversionError
            from pyshell.engine.xmldoc import to_xml_document

            try:
                return to_xml_document(item)
            except ConversionError as e:
                self.write_error(e)
                return None
        names = type_names(item)
        raise PyshellError(f"Cannot bind parameter 'Xml'. Cannot convert the \"{to_string(item)}\" value of type "
                           f"\"{names[0] if names else 'System.Object'}\" to type \"System.Xml.XmlNode\".",
                           error_id="CannotConvertArgumentNoMessage", category="InvalidArgument",
                           reason="ParameterBindingException")

    def _files(self) -> list[str]:
        out: list[str] = []
        for path, literal in self.input_paths():
            located = self.session_target(path, literal)
            if located is False:
                continue
            if located is not None:
                provider = getattr(getattr(located, "drive", None), "Provider", None)
                pname = to_string(get_property(provider, "Name")) if provider is not None else "Environment"
                self.write_error(PyshellError(
                    f"Cannot open the file because the current provider (Microsoft.PowerShell.Core\\{pname}) cannot "
                    "open files.", error_id="ProcessingFile", category="InvalidOperation", target=path,
                    reason="InvalidOperationException"))
                continue
            if literal:
                out.append(self.full_path(path, True))  # a missing file fails later, as ProcessingFile
                continue
            found, wildcard = self.resolve(path, False)
            if not found and not wildcard:
                from pyshell.commands.itembase import not_found_error

                raise not_found_error(self.full_path(path, False))  # pwsh's path resolution throws
            out.extend(found)
        return out

    def _from_file(self, file: str) -> Iterator[Any]:
        from pyshell.engine.xmldoc import XmlParseError, decode_xml_bytes, parse_document

        try:
            with open(file, "rb") as fh:
                data = fh.read()
            doc = parse_document(decode_xml_bytes(data), preserve_whitespace=True)
        except (OSError, XmlParseError) as e:
            if isinstance(e, FileNotFoundError):
                message = f"Could not find file '{file}'."
            elif isinstance(e, IsADirectoryError):
                message = f"Access to the path '{file}' is denied."
            else:
                message = str(e) if isinstance(e, XmlParseError) else (e.strerror or str(e))
            self.write_error(PyshellError(f"The file '{file}' cannot be read: {message}", error_id="ProcessingFile",
                                          category="InvalidArgument", target=file, reason="ArgumentException"))
            return
        yield from self._matches(doc, file)


# -- ConvertTo-Xml ---------------------------------------------------------------------------

_PRIMITIVE_NAMES = {"System.Guid", "System.Uri", "System.Version", "System.Char", "System.Byte[]",
                    "System.Management.Automation.ScriptBlock", "System.Xml.XmlDocument", "System.Security.SecureString"}


class _Serializer:
    """pwsh's CustomSerialization: <Object Type=...> for each input, <Property Name=...> inside."""

    def __init__(self, doc: Any, no_type: bool, depth: int) -> None:
        self.doc = doc
        self.no_type = no_type
        self.depth = depth

    def element(self, parent: Any, name: str | None, first: bool) -> Any:
        el = self.doc.CreateElement("Object" if first and name is None else "Property")
        if name is not None:
            el.SetAttribute("Name", name)
        parent._append(el)
        return el

    def typed(self, el: Any, value: Any) -> None:
        if not self.no_type:
            el.SetAttribute("Type", _type_name(value))

    def write(self, parent: Any, value: Any, name: str | None, depth: int, first: bool = False) -> None:
        from pyshell.engine.enums import EnumValue
        from pyshell.engine.objects import is_null_like

        base = value.base if isinstance(value, PSObject) and value.base is not None else value
        if is_null_like(base):
            self.element(parent, name, first)
            return
        if _is_primitive(base) and not isinstance(base, EnumValue):
            el = self.element(parent, name, first)
            self.typed(el, base)
            _set_text(el, _text_of(base))
            return
        if isinstance(base, (Hashtable, list, tuple)) or (getattr(base, "PS_ENUMERABLE", False)
                                                          and not isinstance(base, str)):
            el = self.element(parent, name, first)
            self.typed(el, base)
            if isinstance(base, Hashtable):
                for k, v in base.items():
                    self.write(el, k, "Key", depth)
                    self.write(el, v, "Value", depth)
            else:
                for item in list(base):
                    self.write(el, item, None, depth)
            self._notes(el, value)
            return
        if depth == 0:
            el = self.element(parent, name, first)
            self.typed(el, base)
            _set_text(el, to_string(value))
            return
        el = self.element(parent, name, first)
        self.typed(el, base)
        if isinstance(base, EnumValue):
            self.write(el, int(getattr(base, "value__", 0)), "value__", depth - 1)
        else:
            for prop in property_names(value):
                v = get_property(value, prop)
                if v is None:
                    p = self.doc.CreateElement("Property")
                    p.SetAttribute("Name", prop)
                    if not self.no_type:
                        p.SetAttribute("Type", "System.Object")
                    el._append(p)
                else:
                    self.write(el, v, prop, depth - 1)

    def _notes(self, el: Any, value: Any) -> None:
        if isinstance(value, PSObject) and value.base is not None:
            for k, v in value.properties.items():
                p = self.doc.CreateElement("Property")
                p.SetAttribute("Name", to_string(k))
                if not self.no_type:
                    p.SetAttribute("Type", "System.Management.Automation.PSNoteProperty")
                _set_text(p, to_string(v))
                el._append(p)


def _set_text(el: Any, text: str) -> None:
    if text:
        el._set_text(text)
    else:
        object.__setattr__(el, "is_empty", False)  # XmlWriter.WriteString("") leaves <a></a>


def _is_primitive(v: Any) -> bool:
    from pyshell.engine.xmldoc import XmlDocument

    if isinstance(v, (str, bool, int, float, _dt.datetime, _dt.timedelta, XmlDocument)):
        return True
    names = type_names(v)
    return bool(names) and names[0] in _PRIMITIVE_NAMES


def _text_of(v: Any) -> str:
    from pyshell.engine.xmldoc import XmlDocument

    if isinstance(v, XmlDocument):
        return v.outer_xml()
    if isinstance(v, _dt.datetime):
        hour = v.hour % 12 or 12
        return f"{v.month}/{v.day}/{v.year} {hour}:{v.minute:02d}:{v.second:02d} {'AM' if v.hour < 12 else 'PM'}"
    return to_string(v)


def _type_name(v: Any) -> str:
    if isinstance(v, PSObject) and v.base is None:
        return "System.Management.Automation.PSCustomObject"  # the base's .NET type, whatever its TypeNames
    names = type_names(v)
    return names[0] if names else "System.Object"


def serialize_objects(objects: list[Any], no_type: bool = False, depth: int = 1) -> Any:
    """The document ConvertTo-Xml builds for objects (an <Objects> root holding one <Object> each)."""
    from pyshell.engine.xmldoc import XmlDocument

    doc = XmlDocument()
    doc._append(doc.CreateXmlDeclaration("1.0", "utf-8"))
    root = doc.CreateElement("Objects")
    doc._append(root)
    ser = _Serializer(doc, no_type, depth)
    for obj in objects:
        ser.write(root, obj, None, depth, first=True)
    return doc


@command("ConvertTo-Xml")
class ConvertToXml(Cmdlet):
    """Creates an XML-based representation of objects (a document, one string, or a stream of strings)."""

    InputObject = Param("object", position=0, mandatory=True, pipeline=True)
    Depth = Param("int")
    NoTypeInformation = Param("switch")
    As = Param("string", validate_set=("Stream", "String", "Document"), default="Document")

    def begin(self) -> Iterable[Any]:
        if self.is_bound("Depth") and (self.Depth is None or int(self.Depth) < 1):
            raise PyshellError(f"Cannot validate argument on parameter 'Depth'. The {self.Depth} argument is less than "
                               "the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 "
                               "and then try the command again.", error_id="ParameterArgumentValidationError",
                               category="InvalidData", reason="ParameterBindingValidationException")
        self._objects: list[Any] = []
        self._depth = int(self.Depth) if self.is_bound("Depth") else 1
        self._as = to_string(self.As or "Document")
        if self._as == "Stream":
            return ['<?xml version="1.0" encoding="utf-8"?>', "<Objects>"]
        return ()

    def process(self) -> Iterable[Any]:
        from pyshell.engine.xmldoc import pretty_xml

        if self._as == "Stream":
            doc = serialize_objects([self.InputObject], bool(self.NoTypeInformation), self._depth)
            obj = doc.document_element().children[0]
            return [pretty_xml(obj)]
        self._objects.append(self.InputObject)
        return ()

    def end(self) -> Iterable[Any]:
        from pyshell.engine.xmldoc import pretty_xml

        if self._as == "Stream":
            return ["</Objects>"]
        doc = serialize_objects(self._objects, bool(self.NoTypeInformation), self._depth)
        if self._as == "String":
            return [pretty_xml(doc)]
        return [doc]
