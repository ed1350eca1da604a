"""Makes [xml] and the System.Xml types resolvable without importing the XML modules at startup.

engine/types.py calls register() once; the converter and constructors import engine/xmldoc.py
only when a script first casts to [xml] or builds an XmlNamespaceManager.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register"]

_DOC = "System.Xml.XmlDocument"


def _to_xml(value: Any) -> Any:
    from pyshell.engine.xmldoc import to_xml_document

    return to_xml_document(value)


def _new_document(*args: Any) -> Any:
    from pyshell.engine.xmldoc import XmlDocument

    return XmlDocument()


def _new_ns_manager(*args: Any) -> Any:
    from pyshell.engine.xmldoc import XmlNamespaceManager

    return XmlNamespaceManager(args[0] if args else None)


def register(static_types: dict[str, dict[str, Any]], aliases: dict[str, str], known: set[str],
             converters: dict[str, Callable[[Any], Any]]) -> None:
    """Add the XML types to engine/types.py's tables (existing entries win)."""
    aliases.setdefault("xml", _DOC)
    for short in ("XmlDocument", "XmlElement", "XmlNode", "XmlAttribute", "XmlText", "XmlNamespaceManager",
                  "XmlNodeList", "XmlDeclaration", "XmlComment", "XmlCDataSection", "XmlLinkedNode",
                  "XmlCharacterData", "XmlAttributeCollection"):
        aliases.setdefault("xml." + short.lower(), "System.Xml." + short)
        known.add("System.Xml." + short)
    converters.setdefault(_DOC, _to_xml)
    static_types.setdefault(_DOC, {}).setdefault("new", _new_document)
    static_types.setdefault("System.Xml.XmlNamespaceManager", {}).setdefault("new", _new_ns_manager)
