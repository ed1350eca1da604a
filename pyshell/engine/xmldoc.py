"""System.Xml.XmlDocument for scripts: `[xml]` casts, the XML adapter's properties and the DOM methods.

Why our own node tree (not minidom): PowerShell's XmlNodeAdapter makes attributes and child
elements properties that win over the .NET ones (`$d.doc.Name` is a child <Name>), and .NET
serializes (`<a />`, whitespace dropped on load) and reports parse errors its own way; a small
tree parsed with expat lets all of that be exact. XPath lives in engine/xpath.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pyshell.errors import RuntimeScriptError

__all__ = ["XmlNode", "XmlDocument", "XmlElement", "XmlAttribute", "XmlText", "XmlNodeList", "XmlNamespaceManager",
           "parse_document", "to_xml_document", "XmlParseError", "escape_text", "escape_attr"]

XMLNS = "http://www.w3.org/2000/xmlns/"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class XmlParseError(Exception):
    """A document that is not well-formed; the message is .NET's XmlException text."""


def escape_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(s: str) -> str:
    return escape_text(s).replace('"', "&quot;")


def _method_error(method: str, count: int, message: str, exc: str = "System.InvalidOperationException") -> RuntimeScriptError:
    err = RuntimeScriptError(f'Exception calling "{method}" with "{count}" argument(s): "{message}"',
                             error_id=exc.rsplit(".", 1)[-1], category="NotSpecified", reason="MethodInvocationException")
    return err


def _set_error(name: str, error_id: str) -> RuntimeScriptError:
    """The adapter's SetValueException (one node, no attributes); pwsh reuses the "only strings" text for all."""
    return RuntimeScriptError(f'Cannot set "{name}" because only strings can be used as values to set XmlNode properties.',
                              error_id=error_id, category="NotSpecified", reason="SetValueException")


class XmlNodeList(list):  # type: ignore[type-arg]
    """XmlNodeList / ChildNodes: enumerable, indexable, .Count, .Item(i)."""

    PS_TYPE_NAMES = ("System.Xml.XmlChildNodes", "System.Xml.XmlNodeList", "System.Object")
    PS_METHODS = ("Item",)

    def Item(self, index: Any) -> Any:  # noqa: N802 - .NET method name
        i = int(index)
        return self[i] if 0 <= i < len(self) else None


class XmlAttributeCollection(list):  # type: ignore[type-arg]
    """XmlElement.Attributes: indexed by position or by name ($e.Attributes['a'])."""

    PS_TYPE_NAMES = ("System.Xml.XmlAttributeCollection", "System.Xml.XmlNamedNodeMap", "System.Object")
    PS_METHODS = ("Item", "GetNamedItem")

    def Item(self, key: Any) -> Any:  # noqa: N802
        if isinstance(key, str):
            return self.GetNamedItem(key)
        i = int(key)
        return self[i] if 0 <= i < len(self) else None

    def GetNamedItem(self, name: Any) -> Any:  # noqa: N802
        return next((a for a in self if a.qname == str(name)), None)


#: .NET properties (what `Format-List *` adds after the adapted ones), per node kind
_NODE_PROPS = ("Name", "LocalName", "NamespaceURI", "Prefix", "NodeType", "ParentNode", "OwnerDocument", "IsEmpty",
               "Attributes", "HasAttributes", "SchemaInfo", "InnerXml", "InnerText", "NextSibling", "PreviousSibling",
               "Value", "ChildNodes", "FirstChild", "LastChild", "HasChildNodes", "IsReadOnly", "OuterXml", "BaseURI",
               "PreviousText")
_DOC_PROPS = ("DocumentType", "Implementation", "Name", "LocalName", "DocumentElement", "OwnerDocument", "Schemas",
              "XmlResolver", "NameTable", "PreserveWhitespace", "IsReadOnly", "InnerText", "InnerXml", "SchemaInfo",
              "BaseURI", "Value", "NodeType", "ParentNode", "ChildNodes", "PreviousSibling", "NextSibling",
              "Attributes", "FirstChild", "LastChild", "HasChildNodes", "NamespaceURI", "Prefix", "OuterXml",
              "PreviousText")

_DOM_METHODS = ("SelectNodes", "SelectSingleNode", "GetAttribute", "SetAttribute", "RemoveAttribute", "HasAttribute",
                "GetAttributeNode", "SetAttributeNode", "RemoveAllAttributes", "AppendChild", "PrependChild",
                "RemoveChild", "InsertAfter", "InsertBefore", "ReplaceChild", "RemoveAll", "CloneNode", "Clone",
                "GetElementsByTagName", "Item", "ToString", "WriteTo", "Normalize")
_DOC_METHODS = _DOM_METHODS + ("CreateElement", "CreateAttribute", "CreateTextNode", "CreateComment",
                               "CreateCDataSection", "CreateXmlDeclaration", "CreateNode", "ImportNode", "Save", "Load", "LoadXml")


#: Get-Member's type and accessors of the .NET properties
_NET_DEFS = {
    "Name": "string {get;}", "LocalName": "string {get;}", "NamespaceURI": "string {get;}",
    "Prefix": "string {get;set;}", "NodeType": "System.Xml.XmlNodeType {get;}",
    "ParentNode": "System.Xml.XmlNode {get;}", "OwnerDocument": "System.Xml.XmlDocument {get;}",
    "IsEmpty": "bool {get;set;}", "Attributes": "System.Xml.XmlAttributeCollection {get;}",
    "HasAttributes": "bool {get;}", "SchemaInfo": "System.Xml.Schema.IXmlSchemaInfo {get;}",
    "InnerXml": "string {get;set;}", "InnerText": "string {get;set;}", "NextSibling": "System.Xml.XmlNode {get;}",
    "PreviousSibling": "System.Xml.XmlNode {get;}", "Value": "string {get;set;}",
    "ChildNodes": "System.Xml.XmlNodeList {get;}", "FirstChild": "System.Xml.XmlNode {get;}",
    "LastChild": "System.Xml.XmlNode {get;}", "HasChildNodes": "bool {get;}", "IsReadOnly": "bool {get;}",
    "OuterXml": "string {get;}", "BaseURI": "string {get;}", "PreviousText": "System.Xml.XmlNode {get;}",
    "DocumentElement": "System.Xml.XmlElement {get;}", "DocumentType": "System.Xml.XmlDocumentType {get;}",
    "NameTable": "System.Xml.XmlNameTable {get;}", "PreserveWhitespace": "bool {get;set;}",
    "OwnerElement": "System.Xml.XmlElement {get;}", "Data": "string {get;set;}", "Length": "int {get;}",
}
_METHOD_DEFS = {
    "AppendChild": "System.Xml.XmlNode AppendChild(System.Xml.XmlNode newChild)",
    "PrependChild": "System.Xml.XmlNode PrependChild(System.Xml.XmlNode newChild)",
    "RemoveChild": "System.Xml.XmlNode RemoveChild(System.Xml.XmlNode oldChild)",
    "InsertAfter": "System.Xml.XmlNode InsertAfter(System.Xml.XmlNode newChild, System.Xml.XmlNode refChild)",
    "InsertBefore": "System.Xml.XmlNode InsertBefore(System.Xml.XmlNode newChild, System.Xml.XmlNode refChild)",
    "ReplaceChild": "System.Xml.XmlNode ReplaceChild(System.Xml.XmlNode newChild, System.Xml.XmlNode oldChild)",
    "SelectNodes": "System.Xml.XmlNodeList SelectNodes(string xpath), "
                   "System.Xml.XmlNodeList SelectNodes(string xpath, System.Xml.XmlNamespaceManager nsmgr)",
    "SelectSingleNode": "System.Xml.XmlNode SelectSingleNode(string xpath), "
                        "System.Xml.XmlNode SelectSingleNode(string xpath, System.Xml.XmlNamespaceManager nsmgr)",
    "GetAttribute": "string GetAttribute(string name), string GetAttribute(string localName, string namespaceURI)",
    "SetAttribute": "void SetAttribute(string name, string value), "
                    "string SetAttribute(string localName, string namespaceURI, string value)",
    "RemoveAttribute": "void RemoveAttribute(string name), void RemoveAttribute(string localName, string namespaceURI)",
    "HasAttribute": "bool HasAttribute(string name), bool HasAttribute(string localName, string namespaceURI)",
    "CloneNode": "System.Xml.XmlNode CloneNode(bool deep)", "Clone": "System.Xml.XmlNode Clone()",
    "CreateElement": "System.Xml.XmlElement CreateElement(string name), System.Xml.XmlElement CreateElement(string "
                     "qualifiedName, string namespaceURI), System.Xml.XmlElement CreateElement(string prefix, string "
                     "localName, string namespaceURI)",
    "CreateAttribute": "System.Xml.XmlAttribute CreateAttribute(string name)",
    "CreateNode": "System.Xml.XmlNode CreateNode(string nodeTypeString, string name, string namespaceURI), "
                  "System.Xml.XmlNode CreateNode(System.Xml.XmlNodeType type, string name, string namespaceURI)",
    "Load": "void Load(string filename)", "LoadXml": "void LoadXml(string xml)", "Save": "void Save(string filename)",
    "RemoveAll": "void RemoveAll()",
}


def _display_type(value: Any) -> str:
    """ToStringCodeMethods.Type for a property's value: C# names for primitives, full names otherwise."""
    if value is None:
        return "System.Object"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "System.Object[]"
    return value.PS_TYPE_NAMES[0] if hasattr(value, "PS_TYPE_NAMES") else "System.Object"


class XmlNode:
    """The shared part of every node: tree links, the adapter's properties, serialization."""

    PS_TYPE_NAMES: tuple[str, ...] = ("System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "None"
    _NET_PROPS: tuple[str, ...] = _NODE_PROPS
    PS_METHODS: tuple[str, ...] = _DOM_METHODS

    def __init__(self, qname: str, owner: XmlDocument | None, value: str | None = None) -> None:
        object.__setattr__(self, "qname", qname)
        object.__setattr__(self, "owner", owner)
        object.__setattr__(self, "parent", None)
        object.__setattr__(self, "children", [])
        object.__setattr__(self, "attrs", [])
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "namespace", "")
        object.__setattr__(self, "is_empty", False)

    # -- the XML adapter: attributes and child nodes as properties --------------------------
    def _adapted_nodes(self, name: str) -> list[XmlNode]:
        low = name.casefold()
        found = [a for a in self.attrs if a.local_name.casefold() == low]
        found += [c for c in self.children if c.local_name.casefold() == low and not isinstance(c, XmlWhitespace)]
        return found

    def _adapted_names(self) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        for n in list(self.attrs) + list(self.children):
            if isinstance(n, XmlWhitespace):
                continue
            key = n.local_name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(n.local_name)
        return names

    @property
    def PS_PROPERTIES(self) -> tuple[str, ...]:  # noqa: N802 - the object protocol's name
        adapted = self._adapted_names()
        low = {n.casefold() for n in adapted}
        return tuple(adapted) + tuple(p for p in self._NET_PROPS if p.casefold() not in low)

    @property
    def PS_DEFAULT_DISPLAY_PROPERTIES(self) -> tuple[str, ...]:  # noqa: N802
        return tuple(self._adapted_names())

    def ps_member_definitions(self) -> list[tuple[str, str, str]]:
        """Get-Member's rows: the adapted properties (settable as the adapter allows), .NET ones, methods."""
        rows: list[tuple[str, str, str]] = []
        adapted = self._adapted_names()
        for name in adapted:
            nodes = self._adapted_nodes(name)
            node = nodes[0]
            settable = len(nodes) == 1 and (isinstance(node, (XmlText, XmlAttribute)) or not node.attrs and (
                not node.children or (len(node.children) == 1 and isinstance(node.children[0], XmlText))))
            rows.append((name, "Property",
                         f"{_display_type(getattr(self, name))} {name} {{get;{'set;' if settable else ''}}}"))
        low = {n.casefold() for n in adapted}
        for prop in self._NET_PROPS:
            if prop.casefold() not in low:
                kind, _, access = _NET_DEFS.get(prop, "System.Object {get;}").partition(" ")
                rows.append((prop, "Property", f"{kind} {prop} {access}"))
        for m in self.PS_METHODS:
            if m == "ToString":  # types.ps1xml's code method for XmlNode
                rows.append(("ToString", "CodeMethod", "static string XmlNode(psobject instance)"))
            elif m == "Item":
                rows.append(("Item", "ParameterizedProperty", "System.Xml.XmlElement Item(string name) {get;}, "
                             "System.Xml.XmlElement Item(string localname, string ns) {get;}"))
            else:
                rows.append((m, "Method", _METHOD_DEFS.get(m, f"System.Object {m}()")))
        return rows

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("qname", "owner", "parent", "children", "attrs", "value"):
            raise AttributeError(name)
        nodes = self._adapted_nodes(name)
        if nodes:
            vals = [adapted_value(n) for n in nodes]
            return vals[0] if len(vals) == 1 else vals
        getter = getattr(type(self), "net_" + name.casefold(), None)
        if getter is not None:
            return getter(self)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        nodes = self._adapted_nodes(name)
        if not nodes:
            setter = getattr(type(self), "set_" + name.casefold(), None)
            if setter is None:
                raise AttributeError(name)
            setter(self, value)
            return
        from pyshell.engine.conversions import to_string

        # PowerShell 6+ converts the value to [string] first (5.1 refused with XmlNodeSetShouldBeAString)
        value = "" if value is None else to_string(value)
        if len(nodes) > 1:
            raise _set_error(name, "XmlNodeSetRestrictionsMoreThanOneNode")
        node = nodes[0]
        if node.attrs:
            raise _set_error(name, "XmlNodeSetRestrictionsNodeWithAttributes")
        if isinstance(node, XmlElement) and not (not node.children or (len(node.children) == 1 and
                                                                      isinstance(node.children[0], XmlText))):
            raise _set_error(name, "XmlNodeSetRestrictionsUnknownNodeType")
        node._set_text(value)

    # -- .NET properties ----------------------------------------------------------------------
    @property
    def local_name(self) -> str:
        return self.qname.rsplit(":", 1)[-1] if not self.qname.startswith("#") else self.qname

    def net_name(self) -> str:
        return self.qname

    def net_localname(self) -> str:
        return self.local_name

    def net_prefix(self) -> str:
        return self.qname.split(":", 1)[0] if ":" in self.qname else ""

    def net_namespaceuri(self) -> str:
        return self.namespace

    def net_nodetype(self) -> Any:
        return self.NODE_TYPE

    def net_parentnode(self) -> Any:
        return self.parent

    def net_ownerdocument(self) -> Any:
        return self.owner

    def net_isempty(self) -> bool:
        return self.is_empty and not self.children

    def net_attributes(self) -> Any:
        return None

    def net_hasattributes(self) -> bool:
        return bool(self.attrs)

    def net_schemainfo(self) -> Any:
        return None

    def net_innerxml(self) -> str:
        return "".join(c.outer_xml() for c in self.children)

    def net_innertext(self) -> str:
        return self.inner_text()

    def net_outerxml(self) -> str:
        return self.outer_xml()

    def net_value(self) -> Any:
        return self.value

    def net_childnodes(self) -> XmlNodeList:
        return XmlNodeList(self.children)

    def net_firstchild(self) -> Any:
        return self.children[0] if self.children else None

    def net_lastchild(self) -> Any:
        return self.children[-1] if self.children else None

    def net_haschildnodes(self) -> bool:
        return bool(self.children)

    def net_nextsibling(self) -> Any:
        return self._sibling(1)

    def net_previoussibling(self) -> Any:
        return self._sibling(-1)

    def net_isreadonly(self) -> bool:
        return False

    def net_baseuri(self) -> str:
        return getattr(self.owner, "_base_uri", "") if self.owner is not None else ""

    def net_previoustext(self) -> Any:
        return None

    def set_innertext(self, text: Any) -> None:
        from pyshell.engine.conversions import to_string

        self._set_text("" if text is None else to_string(text))

    def _set_text(self, text: str) -> None:
        for c in list(self.children):
            c._detach()
        if text:
            self._append(XmlText(text, self.owner))

    def set_innerxml(self, text: Any) -> None:
        from pyshell.engine.conversions import to_string

        doc = self.owner if self.owner is not None else self
        for c in list(self.children):
            c._detach()
        frag = parse_document(f"<_r>{to_string(text)}</_r>").children[0]
        for c in list(frag.children):
            c._detach()
            _adopt(c, doc)  # type: ignore[arg-type]
            self._append(c)

    def set_value(self, text: Any) -> None:
        from pyshell.engine.conversions import to_string

        if isinstance(self, (XmlElement, XmlDocument)):
            raise AttributeError("Value")
        object.__setattr__(self, "value", to_string(text))

    def _sibling(self, step: int) -> Any:
        p = self.parent
        if p is None or isinstance(self, XmlAttribute):
            return None
        i = next(i for i, c in enumerate(p.children) if c is self) + step
        return p.children[i] if 0 <= i < len(p.children) else None

    def inner_text(self) -> str:
        return "".join(c.inner_text() for c in self.children if not isinstance(c, (XmlComment, XmlDeclaration)))

    def outer_xml(self) -> str:
        return self.net_innerxml()

    def iter_descendants(self) -> Iterator[XmlNode]:
        for c in self.children:
            yield c
            yield from c.iter_descendants()

    # -- tree editing ----------------------------------------------------------------------
    def _detach(self) -> None:
        p = self.parent
        if p is not None:
            if isinstance(self, XmlAttribute):
                p.attrs[:] = [a for a in p.attrs if a is not self]
            else:
                p.children[:] = [c for c in p.children if c is not self]
            object.__setattr__(self, "parent", None)

    def _append(self, node: XmlNode, index: int | None = None) -> XmlNode:
        node._detach()
        object.__setattr__(node, "parent", self)
        if index is None:
            self.children.append(node)
        else:
            self.children.insert(index, node)
        return node

    def _check_child(self, node: Any, method: str, count: int) -> XmlNode:
        if not isinstance(node, XmlNode):
            from pyshell.engine.conversions import to_string
            from pyshell.engine.objects import type_names

            shown = to_string(node)
            tname = (type_names(node) or ["System.Object"])[0]
            err = RuntimeScriptError(
                f'Cannot convert argument "newChild", with value: "{shown}", for "{method}" to type '
                f'"System.Xml.XmlNode": "Cannot convert the "{shown}" value of type "{tname}" to type '
                '"System.Xml.XmlNode"."', error_id="MethodArgumentConversionInvalidCastArgument",
                category="NotSpecified", reason="MethodException")
            raise err
        if isinstance(node, (XmlDocument, XmlAttribute)):
            raise _method_error(method, count, "The specified node cannot be inserted as the valid child of this node, "
                                "because the specified node is the wrong type.")
        if node.owner is not (self if isinstance(self, XmlDocument) else self.owner):
            raise _method_error(method, count, "The node to be inserted is from a different document context.",
                                "System.ArgumentException")
        anc: XmlNode | None = self
        while anc is not None:
            if anc is node:
                raise _method_error(method, count, "The new child element is an ancestor of the current node.")
            anc = anc.parent
        if isinstance(self, XmlDocument) and isinstance(node, XmlElement) and self.document_element() is not None:
            raise _method_error(method, count, "This document already has a 'DocumentElement' node.")
        return node

    def _index_of(self, ref: Any, method: str, count: int) -> int:
        for i, c in enumerate(self.children):
            if c is ref:
                return i
        raise _method_error(method, count, "The reference node is not a child of this node.", "System.ArgumentException")

    def AppendChild(self, node: Any) -> Any:  # noqa: N802
        return self._append(self._check_child(node, "AppendChild", 1))

    def PrependChild(self, node: Any) -> Any:  # noqa: N802
        return self._append(self._check_child(node, "PrependChild", 1), 0)

    def InsertAfter(self, node: Any, ref: Any) -> Any:  # noqa: N802
        self._check_child(node, "InsertAfter", 2)
        if ref is None:
            return self._append(node, 0)
        self._index_of(ref, "InsertAfter", 2)
        node._detach()  # first, so the reference's index is the one after the move
        return self._append(node, self._index_of(ref, "InsertAfter", 2) + 1)

    def InsertBefore(self, node: Any, ref: Any) -> Any:  # noqa: N802
        self._check_child(node, "InsertBefore", 2)
        if ref is None:
            return self._append(node)
        node._detach()
        return self._append(node, self._index_of(ref, "InsertBefore", 2))

    def ReplaceChild(self, node: Any, old: Any) -> Any:  # noqa: N802
        self._check_child(node, "ReplaceChild", 2)
        node._detach()
        i = self._index_of(old, "ReplaceChild", 2)
        old._detach()
        self._append(node, i)
        return old

    def RemoveChild(self, node: Any) -> Any:  # noqa: N802
        if not any(c is node for c in self.children):
            raise _method_error("RemoveChild", 1, "The node to be removed is not a child of this node.",
                                "System.ArgumentException")
        node._detach()
        return node

    def RemoveAll(self) -> None:  # noqa: N802
        for c in list(self.children) + list(self.attrs):
            c._detach()

    def CloneNode(self, deep: Any = True) -> XmlNode:  # noqa: N802
        return _clone(self, bool(deep), self.owner)

    def Clone(self) -> XmlNode:  # noqa: N802
        return self.CloneNode(True)

    def SelectNodes(self, xpath: Any, ns: Any = None) -> XmlNodeList:  # noqa: N802
        from pyshell.engine.xpath import select

        return XmlNodeList(select(self, str(xpath), ns, "SelectNodes", 1 if ns is None else 2))

    def SelectSingleNode(self, xpath: Any, ns: Any = None) -> Any:  # noqa: N802
        from pyshell.engine.xpath import select

        found = select(self, str(xpath), ns, "SelectSingleNode", 1 if ns is None else 2)
        return found[0] if found else None

    def GetElementsByTagName(self, name: Any) -> XmlNodeList:  # noqa: N802
        return XmlNodeList(n for n in self.iter_descendants()
                           if isinstance(n, XmlElement) and (str(name) == "*" or n.qname == str(name)))

    def Item(self, name: Any) -> Any:  # noqa: N802 - $node['child']: the first child element of that name
        return next((c for c in self.children if isinstance(c, XmlElement) and c.qname == str(name)), None)

    def GetAttribute(self, name: Any) -> str:  # noqa: N802
        a = self._attr(str(name))
        return a.value if a is not None else ""

    def HasAttribute(self, name: Any) -> bool:  # noqa: N802
        return self._attr(str(name)) is not None

    def GetAttributeNode(self, name: Any) -> Any:  # noqa: N802
        return self._attr(str(name))

    def SetAttribute(self, name: Any, value: Any, *rest: Any) -> Any:  # noqa: N802
        from pyshell.engine.conversions import to_string

        a = self._attr(str(name))
        if a is None:
            a = XmlAttribute(str(name), self.owner, "")
            object.__setattr__(a, "parent", self)
            self.attrs.append(a)
        object.__setattr__(a, "value", to_string(value) if value is not None else "")
        return None

    def SetAttributeNode(self, attr: Any) -> Any:  # noqa: N802
        old = self._attr(attr.qname)
        if old is not None:
            old._detach()
        attr._detach()
        object.__setattr__(attr, "parent", self)
        self.attrs.append(attr)
        return old

    def RemoveAttribute(self, name: Any) -> None:  # noqa: N802
        a = self._attr(str(name))
        if a is not None:
            a._detach()

    def RemoveAllAttributes(self) -> None:  # noqa: N802
        for a in list(self.attrs):
            a._detach()

    def _attr(self, name: str) -> XmlAttribute | None:
        return next((a for a in self.attrs if a.qname == name), None)

    def Normalize(self) -> None:  # noqa: N802
        return None

    def ToString(self) -> str:  # noqa: N802
        return self.ps_to_string()

    def WriteTo(self, writer: Any) -> None:  # noqa: N802
        return None

    def ps_to_string(self) -> str:
        """types.ps1xml's ToString for XmlNode: the node's local name."""
        return self.local_name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.qname}>"


class XmlElement(XmlNode):
    PS_TYPE_NAMES = ("System.Xml.XmlElement", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "Element"

    def net_attributes(self) -> Any:
        return XmlAttributeCollection(self.attrs)

    def net_value(self) -> Any:
        return None

    def outer_xml(self) -> str:
        attrs = "".join(f' {a.qname}="{escape_attr(a.value or "")}"' for a in self.attrs)
        if not self.children and self.is_empty:
            return f"<{self.qname}{attrs} />"
        return f"<{self.qname}{attrs}>{self.net_innerxml()}</{self.qname}>"

    def _set_text(self, text: str) -> None:
        super()._set_text(text)
        object.__setattr__(self, "is_empty", not text)


class XmlAttribute(XmlNode):
    PS_TYPE_NAMES = ("System.Xml.XmlAttribute", "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "Attribute"
    _NET_PROPS = ("Name", "LocalName", "NamespaceURI", "Prefix", "NodeType", "ParentNode", "OwnerDocument",
                  "OwnerElement", "Specified", "Value", "InnerText", "InnerXml", "SchemaInfo", "BaseURI",
                  "ChildNodes", "PreviousSibling", "NextSibling", "Attributes", "FirstChild", "LastChild",
                  "HasChildNodes", "IsReadOnly", "OuterXml", "PreviousText")

    def _adapted_nodes(self, name: str) -> list[XmlNode]:
        return [self._text_node()] if name == "#text" else []

    def _adapted_names(self) -> list[str]:
        return ["#text"]

    def _text_node(self) -> XmlText:
        t = XmlText(self.value or "", self.owner)
        object.__setattr__(t, "parent", self)
        return t

    def net_ownerelement(self) -> Any:
        return self.parent

    def net_parentnode(self) -> Any:
        return None

    def net_specified(self) -> bool:
        return True

    def net_childnodes(self) -> XmlNodeList:
        return XmlNodeList([self._text_node()])

    def net_haschildnodes(self) -> bool:
        return True

    def net_innerxml(self) -> str:
        return escape_attr(self.value or "")

    def inner_text(self) -> str:
        return self.value or ""

    def _set_text(self, text: str) -> None:
        object.__setattr__(self, "value", text)

    def outer_xml(self) -> str:
        return f'{self.qname}="{escape_attr(self.value or "")}"'


class XmlCharacterData(XmlNode):
    PS_TYPE_NAMES: tuple[str, ...] = ("System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object")
    _NET_PROPS = ("Data", "Length", "Value", "InnerText", "Name", "LocalName", "NodeType", "ParentNode",
                  "OwnerDocument", "PreviousSibling", "NextSibling", "OuterXml", "InnerXml")

    def _adapted_nodes(self, name: str) -> list[XmlNode]:
        return []

    def _adapted_names(self) -> list[str]:
        return []

    def net_data(self) -> str:
        return self.value or ""

    def net_length(self) -> int:
        return len(self.value or "")

    def set_data(self, text: Any) -> None:
        self.set_value(text)

    def inner_text(self) -> str:
        return self.value or ""

    def _set_text(self, text: str) -> None:
        object.__setattr__(self, "value", text)

    def net_innerxml(self) -> str:
        return ""

    def ps_to_string(self) -> str:
        return self.qname


class XmlText(XmlCharacterData):
    PS_TYPE_NAMES = ("System.Xml.XmlText", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode",
                     "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "Text"

    def __init__(self, text: str, owner: XmlDocument | None) -> None:
        super().__init__("#text", owner, text)

    def outer_xml(self) -> str:
        return escape_text(self.value or "")


class XmlWhitespace(XmlCharacterData):
    """Whitespace-only text kept when PreserveWhitespace is set (Select-Xml's file loads); never a property."""

    PS_TYPE_NAMES = ("System.Xml.XmlWhitespace", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode",
                     "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "Whitespace"

    def __init__(self, text: str, owner: XmlDocument | None) -> None:
        super().__init__("#whitespace", owner, text)

    def outer_xml(self) -> str:
        return self.value or ""


class XmlCDataSection(XmlCharacterData):
    PS_TYPE_NAMES = ("System.Xml.XmlCDataSection", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode",
                     "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "CDATA"

    def __init__(self, text: str, owner: XmlDocument | None) -> None:
        super().__init__("#cdata-section", owner, text)

    def outer_xml(self) -> str:
        return f"<![CDATA[{self.value}]]>"


class XmlComment(XmlCharacterData):
    PS_TYPE_NAMES = ("System.Xml.XmlComment", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode",
                     "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "Comment"

    def __init__(self, text: str, owner: XmlDocument | None) -> None:
        super().__init__("#comment", owner, text)

    def outer_xml(self) -> str:
        return f"<!--{self.value}-->"


class XmlProcessingInstruction(XmlCharacterData):
    PS_TYPE_NAMES = ("System.Xml.XmlProcessingInstruction", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode",
                     "System.Object")
    NODE_TYPE = "ProcessingInstruction"

    def outer_xml(self) -> str:
        return f"<?{self.qname} {self.value}?>" if self.value else f"<?{self.qname}?>"

    def ps_to_string(self) -> str:
        return self.qname


class XmlDeclaration(XmlCharacterData):
    PS_TYPE_NAMES = ("System.Xml.XmlDeclaration", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "XmlDeclaration"
    _NET_PROPS = ("Version", "Encoding", "Standalone", "Value", "InnerText", "Name", "LocalName", "NodeType",
                  "ParentNode", "OwnerDocument", "PreviousSibling", "NextSibling", "OuterXml")

    def __init__(self, version: str, encoding: str, standalone: str, owner: XmlDocument | None) -> None:
        super().__init__("xml", owner, None)
        object.__setattr__(self, "decl", (version or "1.0", encoding or "", standalone or ""))

    def net_version(self) -> str:
        return self.decl[0]

    def net_encoding(self) -> str:
        return self.decl[1]

    def net_standalone(self) -> str:
        return self.decl[2]

    def net_value(self) -> str:
        v, e, s = self.decl
        return f'version="{v}"' + (f' encoding="{e}"' if e else "") + (f' standalone="{s}"' if s else "")

    def inner_text(self) -> str:
        return self.net_value()

    def outer_xml(self) -> str:
        return f"<?xml {self.net_value()}?>"

    def ps_to_string(self) -> str:
        return "xml"


class XmlDocumentType(XmlCharacterData):
    PS_TYPE_NAMES = ("System.Xml.XmlDocumentType", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "DocumentType"

    def outer_xml(self) -> str:
        return self.value or f"<!DOCTYPE {self.qname}>"

    def inner_text(self) -> str:
        return ""


class XmlNameTable:
    PS_TYPE_NAMES = ("System.Xml.NameTable", "System.Xml.XmlNameTable", "System.Object")
    PS_PROPERTIES: tuple[str, ...] = ()

    def ps_to_string(self) -> str:
        return "System.Xml.NameTable"


class XmlDocument(XmlNode):
    """The [xml] value: children are the declaration, comments and the one document element."""

    PS_TYPE_NAMES = ("System.Xml.XmlDocument", "System.Xml.XmlNode", "System.Object")
    NODE_TYPE = "Document"
    _NET_PROPS = _DOC_PROPS
    PS_METHODS = _DOC_METHODS

    def __init__(self) -> None:
        super().__init__("#document", None)
        object.__setattr__(self, "_base_uri", "")
        object.__setattr__(self, "_preserve_ws", False)
        object.__setattr__(self, "_name_table", XmlNameTable())

    def document_element(self) -> XmlElement | None:
        return next((c for c in self.children if isinstance(c, XmlElement)), None)

    def net_documentelement(self) -> Any:
        return self.document_element()

    def net_ownerdocument(self) -> Any:
        return None

    def net_documenttype(self) -> Any:
        return next((c for c in self.children if isinstance(c, XmlDocumentType)), None)

    def net_nametable(self) -> Any:
        return self._name_table

    def net_preservewhitespace(self) -> bool:
        return bool(self._preserve_ws)

    def set_preservewhitespace(self, value: Any) -> None:
        from pyshell.engine.conversions import to_bool

        object.__setattr__(self, "_preserve_ws", to_bool(value))

    def net_implementation(self) -> Any:
        return None

    def net_schemas(self) -> Any:
        return None

    def net_xmlresolver(self) -> Any:
        return None

    def net_value(self) -> Any:
        return None

    def outer_xml(self) -> str:
        return self.net_innerxml()

    def ps_to_string(self) -> str:
        return "#document"

    # -- factory methods -----------------------------------------------------------------
    def CreateElement(self, name: Any, *rest: Any) -> XmlElement:  # noqa: N802
        qname = str(name)
        if len(rest) == 2:
            qname = f"{name}:{rest[0]}" if name else str(rest[0])
        el = XmlElement(qname, self)
        if rest:
            object.__setattr__(el, "namespace", str(rest[-1] or ""))
        object.__setattr__(el, "is_empty", True)
        return el

    def CreateAttribute(self, name: Any, *rest: Any) -> XmlAttribute:  # noqa: N802
        return XmlAttribute(str(name), self, "")

    def CreateNode(self, node_type: Any, name: Any, namespace: Any = None, *rest: Any) -> XmlNode:  # noqa: N802
        """XmlDocument.CreateNode(type, name, namespaceURI) for the node kinds this DOM models."""
        kind = str(getattr(node_type, "name", node_type)).lower()
        makers = {"element": lambda: self.CreateElement(name, namespace or ""),
                  "attribute": lambda: self.CreateAttribute(name),
                  "text": lambda: self.CreateTextNode(""), "comment": lambda: self.CreateComment(""),
                  "cdata": lambda: self.CreateCDataSection("")}
        if kind not in makers:
            raise _method_error("CreateNode", 3 + len(rest), f"'{node_type}' does not represent any 'XmlNodeType'.",
                                "System.ArgumentException")
        return makers[kind]()

    def CreateTextNode(self, text: Any) -> XmlText:  # noqa: N802
        return XmlText("" if text is None else str(text), self)

    def CreateComment(self, text: Any) -> XmlComment:  # noqa: N802
        return XmlComment("" if text is None else str(text), self)

    def CreateCDataSection(self, text: Any) -> XmlCDataSection:  # noqa: N802
        return XmlCDataSection("" if text is None else str(text), self)

    def CreateXmlDeclaration(self, version: Any, encoding: Any = None, standalone: Any = None) -> XmlDeclaration:  # noqa: N802
        return XmlDeclaration(str(version), str(encoding or ""), str(standalone or ""), self)

    def ImportNode(self, node: Any, deep: Any = True) -> XmlNode:  # noqa: N802
        return _clone(node, bool(deep), self)

    def LoadXml(self, text: Any) -> None:  # noqa: N802
        try:
            fresh = parse_document(str(text), bool(self._preserve_ws))
        except XmlParseError as e:
            raise _method_error("LoadXml", 1, str(e), "System.Xml.XmlException") from None
        self._take(fresh)

    def Load(self, source: Any) -> None:  # noqa: N802
        import os

        path = str(source)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as e:
            exc = "System.IO.FileNotFoundException" if isinstance(e, FileNotFoundError) else "System.IO.IOException"
            msg = f"Could not find file '{os.path.abspath(path)}'." if isinstance(e, FileNotFoundError) else str(e)
            raise _method_error("Load", 1, msg, exc) from None
        try:
            fresh = parse_document(decode_xml_bytes(data), bool(self._preserve_ws))
        except XmlParseError as e:
            raise _method_error("Load", 1, str(e), "System.Xml.XmlException") from None
        self._take(fresh)
        object.__setattr__(self, "_base_uri", "file://" + os.path.abspath(path))

    def _take(self, fresh: XmlDocument) -> None:
        for c in list(self.children):
            c._detach()
        for c in list(fresh.children):
            c._detach()
            _adopt(c, self)
            self._append(c)

    def Save(self, target: Any) -> None:  # noqa: N802
        text = pretty_xml(self)
        path = str(target)
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as e:
            raise _method_error("Save", 1, str(e), "System.IO.IOException") from None


def _adopt(node: XmlNode, doc: XmlDocument) -> None:
    object.__setattr__(node, "owner", doc)
    for a in node.attrs:
        object.__setattr__(a, "owner", doc)
    for c in node.children:
        _adopt(c, doc)


def _clone(node: XmlNode, deep: bool, owner: XmlDocument | None) -> XmlNode:
    cls = type(node)
    copy = cls.__new__(cls)
    XmlNode.__init__(copy, node.qname, owner, node.value)
    for extra in ("namespace", "is_empty", "decl", "_base_uri", "_preserve_ws", "_name_table"):
        if extra in node.__dict__:
            object.__setattr__(copy, extra, node.__dict__[extra])
    if isinstance(copy, XmlDocument):
        owner = copy
    for a in node.attrs:
        ca = _clone(a, False, owner)
        object.__setattr__(ca, "parent", copy)
        copy.attrs.append(ca)
    if deep:
        for c in node.children:
            copy._append(_clone(c, True, owner))
    return copy


def adapted_value(node: XmlNode) -> Any:
    """What the adapter returns for one node: text for text-only leaves, the node otherwise."""
    if isinstance(node, XmlText):
        return node.value
    if isinstance(node, XmlAttribute):
        return node.value
    if node.attrs:
        return node
    if not node.children:
        return node.inner_text()
    if len(node.children) == 1 and isinstance(node.children[0], XmlText):
        return node.inner_text()
    return node


# -- parsing -----------------------------------------------------------------------------------

def decode_xml_bytes(data: bytes) -> str:
    """A file's text: a BOM or the declaration's encoding decides, UTF-8 otherwise."""
    import re

    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    m = re.match(rb'<\?xml[^>]*encoding\s*=\s*["\']([A-Za-z0-9._-]+)', data)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", "replace")


def parse_document(text: str, preserve_whitespace: bool = False) -> XmlDocument:
    """Parse text as XmlDocument.LoadXml does (whitespace-only text dropped unless preserved)."""
    from pyshell.engine.xmlparse import parse_into

    doc = XmlDocument()
    parse_into(doc, text, preserve_whitespace)
    return doc


def to_xml_document(value: Any) -> Any:
    """The [xml] cast: a string (or lines joined by newlines) parsed; a document passes through."""
    from pyshell.engine.conversions import ConversionError, to_string
    from pyshell.engine.objects import unwrap

    value = unwrap(value)
    if value is None or isinstance(value, XmlDocument):
        return value
    if isinstance(value, XmlNode):
        raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type "{value.PS_TYPE_NAMES[0]}" '
                              'to type "System.Xml.XmlDocument".', error_id="ConvertToFinalInvalidCastException")
    if isinstance(value, (list, tuple)):
        text = "\n".join(to_string(v) for v in value)
        shown = "System.Object[]"
    else:
        text = shown = to_string(value)
    try:
        return parse_document(text)
    except XmlParseError as e:
        err = ConversionError(f'Cannot convert value "{shown}" to type "System.Xml.XmlDocument". Error: "{e}"',
                              error_id="InvalidCastToXmlDocument")
        err.category = "InvalidArgument"  # type: ignore[attr-defined]
        raise err from None


class XmlNamespaceManager:
    """[System.Xml.XmlNamespaceManager]::new($doc.NameTable): prefixes for SelectNodes."""

    PS_TYPE_NAMES = ("System.Xml.XmlNamespaceManager", "System.Object")
    PS_PROPERTIES = ("DefaultNamespace",)
    PS_METHODS = ("AddNamespace", "RemoveNamespace", "LookupNamespace", "HasNamespace", "LookupPrefix")

    def __init__(self, name_table: Any = None) -> None:
        self.map: dict[str, str] = {"xml": XML_NS, "xmlns": XMLNS}

    @property
    def DefaultNamespace(self) -> str:  # noqa: N802
        return self.map.get("", "")

    def AddNamespace(self, prefix: Any, uri: Any) -> None:  # noqa: N802
        if uri is None:
            raise _method_error("AddNamespace", 2, "Value cannot be null. (Parameter 'uri')",
                                "System.ArgumentNullException")
        self.map[str(prefix or "")] = str(uri)

    def RemoveNamespace(self, prefix: Any, uri: Any) -> None:  # noqa: N802
        if self.map.get(str(prefix)) == str(uri):
            del self.map[str(prefix)]

    def LookupNamespace(self, prefix: Any) -> Any:  # noqa: N802
        return self.map.get(str(prefix or ""))

    def HasNamespace(self, prefix: Any) -> bool:  # noqa: N802
        return str(prefix or "") in self.map

    def LookupPrefix(self, uri: Any) -> Any:  # noqa: N802
        return next((p for p, u in self.map.items() if u == str(uri)), None)

    def ps_to_string(self) -> str:
        return "System.Xml.XmlNamespaceManager"


def pretty_xml(node: XmlNode, indent: str = "  ", level: int = 0) -> str:
    """Indented text as XmlDocument.Save and ConvertTo-Xml -As String write it (CRLF-free, no trailing newline)."""
    lines: list[str] = []
    _pretty(node, indent, level, lines)
    return "\n".join(lines)


def _pretty(node: XmlNode, indent: str, level: int, out: list[str]) -> None:
    pad = indent * level
    if isinstance(node, XmlDocument):
        for c in node.children:
            _pretty(c, indent, level, out)
        return
    if isinstance(node, XmlElement) and node.children and all(isinstance(c, (XmlElement, XmlComment,
                                                                                  XmlProcessingInstruction))
                                                              for c in node.children):
        attrs = "".join(f' {a.qname}="{escape_attr(a.value or "")}"' for a in node.attrs)
        out.append(f"{pad}<{node.qname}{attrs}>")
        for c in node.children:
            _pretty(c, indent, level + 1, out)
        out.append(f"{pad}</{node.qname}>")
        return
    out.append(pad + node.outer_xml())
