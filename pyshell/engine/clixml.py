"""PowerShell's CLIXML: the XML form of objects that Export-Clixml, `pwsh -OutputFormat xml` and the
minishell (a script block passed to pwsh) exchange.

Writing keeps .NET types of primitives (S, I32, I64, Db, D, B, C, DT, TS, BA, Nil, SBK...), writes
objects as ``<Obj>`` with type names (``TN``/``TNRef``), ``ToString``, properties (``Props``/``MS``) and
collections (``LST``/``DCT``), and repeats an object already written as ``<Ref>``. Reading gives
primitives back as themselves, hashtables and lists as such, error and information records as live
records, and any other object as a property bag whose type names start with ``Deserialized.``.
"""

from __future__ import annotations

import base64
import datetime as _dt
import enum
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyshell.engine.enums import EnumValue
from pyshell.engine.objects import (
    Hashtable,
    OrderedHashtable,
    PSChar,
    PSObject,
    get_property,
    property_names,
    type_names,
)
from pyshell.engine.records import ErrorRecord, InformationRecord
from pyshell.errors import RemoteError
from pyshell.numeric import PSDecimal, Single, TypedInt

__all__ = ["NAMESPACE", "CLIXML_TAG", "ClixmlError", "Writer", "serialize", "to_document", "from_document",
           "iter_document", "deserialize_element", "encode_string", "decode_string"]

NAMESPACE = "http://schemas.microsoft.com/powershell/2004/04"
#: the first line of CLIXML on a pwsh process's stdout/stderr
CLIXML_TAG = "#< CLIXML"
_PREFIX = "Deserialized."
_NS = "{" + NAMESPACE + "}"


class ClixmlError(ValueError):
    """Text that is not CLIXML (bad XML, or an element this reader does not know)."""


# -- strings ---------------------------------------------------------------------------------

_ENCODED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def encode_string(text: str) -> str:
    """XML-escape and encode characters XML cannot carry (control characters, `_x` look-alikes) as `_xHHHH_`."""
    out: list[str] = []
    for i, ch in enumerate(text):
        code = ord(ch)
        if ch == "_" and text.startswith("_x", i) and _ENCODED.match(text, i):
            out.append("_x005F_")
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"_x{code:04X}_")
        else:
            out.append(ch)
    return escape("".join(out))


def decode_string(text: str | None) -> str:
    """The inverse of encode_string (after the XML parser unescaped entities)."""
    if not text:
        return ""
    return _ENCODED.sub(lambda m: chr(int(m.group(1), 16)), text)


# -- dates and durations -----------------------------------------------------------------------

def _format_datetime(value: _dt.datetime) -> str:
    from pyshell.engine.datekind import date_kind

    if date_kind(value) == "Unspecified":  # XmlConvert's RoundtripKind: no zone for DateTimeKind.Unspecified
        return value.strftime("%Y-%m-%dT%H:%M:%S") + f".{value.microsecond:06d}0"
    local = value if value.tzinfo is not None else value.astimezone()
    text = local.strftime("%Y-%m-%dT%H:%M:%S") + f".{local.microsecond:06d}0"
    offset = local.utcoffset() or _dt.timedelta(0)
    sign = "-" if offset < _dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


_DT_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$")


def _parse_datetime(text: str) -> _dt.datetime:
    m = _DT_RE.match(text.strip())
    if m is None:
        raise ClixmlError(f"'{text}' is not a valid DateTime.")
    y, mo, d, h, mi, s, frac, zone = m.groups()
    value = _dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), int((frac or "0")[:6].ljust(6, "0")))
    if zone is None:
        from pyshell.engine.datekind import unspecified

        return unspecified(value)
    if zone == "Z":
        tz = _dt.UTC
    else:
        sign = -1 if zone[0] == "-" else 1
        tz = _dt.timezone(sign * _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return value.replace(tzinfo=tz).astimezone().replace(tzinfo=None)


def _format_duration(value: _dt.timedelta) -> str:
    """xs:duration as .NET's XmlConvert writes a TimeSpan: -P1DT2H3M4.5S, PT0S for zero."""
    negative = value < _dt.timedelta(0)
    value = -value if negative else value
    days = value.days
    seconds = value.seconds
    micro = value.microseconds
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    out = ("-" if negative else "") + "P" + (f"{days}D" if days else "")
    time = (f"{h}H" if h else "") + (f"{m}M" if m else "")
    if s or micro:
        time += f"{s}" + (f".{micro:06d}0".rstrip("0") if micro else "") + "S"
    if time:
        out += "T" + time
    elif not days:
        out += "T0S"
    return out


_DURATION_RE = re.compile(r"(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def _parse_duration(text: str) -> _dt.timedelta:
    m = _DURATION_RE.match(text.strip())
    if m is None:
        raise ClixmlError(f"'{text}' is not a valid TimeSpan.")
    neg, years, months, days, hours, minutes, seconds = m.groups()
    value = _dt.timedelta(days=int(years or 0) * 365 + int(months or 0) * 30 + int(days or 0), hours=int(hours or 0),
                          minutes=int(minutes or 0), seconds=float(seconds or 0))
    return -value if neg else value


# -- writing ---------------------------------------------------------------------------------

def _number_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text.upper() if "e" in text else text


_INT_TAGS = {"System.Int64": "I64", "System.UInt64": "U64", "System.UInt32": "U32", "System.Int16": "I16",
             "System.UInt16": "U16", "System.Byte": "By", "System.SByte": "SB"}
_TAG_INTS = {tag: name for name, tag in _INT_TAGS.items()}


class Writer:
    """Writes objects as CLIXML elements, numbering Obj and TN reference ids across one document."""

    def __init__(self, depth: int = 1) -> None:
        self.depth = depth
        self._obj_ids: dict[int, int] = {}
        self._keep: list[Any] = []  # the written objects stay alive so their id() stays theirs
        self._tn_ids: dict[tuple[str, ...], int] = {}

    def element(self, obj: Any, name: str | None = None, stream: str | None = None, depth: int | None = None) -> str:
        """One value as an element; `name` is its N= (a property or key), `stream` its S= (pwsh stream tag)."""
        attrs = (f" N={quoteattr(encode_string(name))}" if name is not None else "") + \
                (f' S="{stream}"' if stream else "")
        depth = self.depth if depth is None else depth
        prim = self._primitive(obj, attrs)
        if prim is not None:
            return prim
        if depth <= 0 and not isinstance(obj, (list, tuple, Hashtable, dict, ErrorRecord, enum.Enum, EnumValue)):
            return f"<S{attrs}>{encode_string(_text(obj))}</S>"  # past the depth: its ToString()
        key = id(obj)
        if key in self._obj_ids:
            return f'<Ref{attrs} RefId="{self._obj_ids[key]}" />'
        self._obj_ids[key] = ref = len(self._obj_ids)
        self._keep.append(obj)
        return f'<Obj{attrs} RefId="{ref}">' + self._body(obj, depth) + "</Obj>"

    def _primitive(self, obj: Any, attrs: str) -> str | None:
        if obj is None:
            return f"<Nil{attrs} />"
        if isinstance(obj, PSObject) and obj.base is not None and not obj.properties and obj.text is None:
            obj = obj.base
        if isinstance(obj, bool):
            return f"<B{attrs}>{'true' if obj else 'false'}</B>"
        if isinstance(obj, EnumValue):
            return None  # an Obj with its type names, name and number
        if isinstance(obj, PSChar):
            return f"<C{attrs}>{ord(obj)}</C>" if len(obj) == 1 else None
        if isinstance(obj, str):
            return f"<S{attrs}>{encode_string(obj)}</S>"
        if isinstance(obj, enum.Enum):
            return None
        if isinstance(obj, TypedInt):
            tag = _INT_TAGS.get(type_names(obj)[0])
            if tag is not None:
                return f"<{tag}{attrs}>{int(obj)}</{tag}>"
            return None
        if isinstance(obj, int):
            tag = "I32" if -(2**31) <= obj < 2**31 else "I64" if -(2**63) <= obj < 2**63 else None
            return f"<{tag}{attrs}>{obj}</{tag}>" if tag else None
        if isinstance(obj, PSDecimal):
            return f"<D{attrs}>{obj}</D>"
        if isinstance(obj, Single):
            return f"<Sg{attrs}>{_number_text(obj)}</Sg>"
        if isinstance(obj, float):
            return f"<Db{attrs}>{_number_text(obj)}</Db>"
        if isinstance(obj, _dt.datetime):
            return f"<DT{attrs}>{_format_datetime(obj)}</DT>"
        if isinstance(obj, _dt.timedelta):
            return f"<TS{attrs}>{_format_duration(obj)}</TS>"
        if isinstance(obj, (bytes, bytearray)):
            return f"<BA{attrs}>{base64.b64encode(bytes(obj)).decode('ascii')}</BA>"
        names = type_names(obj)
        if names and names[0] == "System.Management.Automation.ScriptBlock":
            return f"<SBK{attrs}>{encode_string(_text(obj))}</SBK>"
        if names and names[0] == "System.Xml.XmlDocument":  # a known type: travels as its XML (engine/xmldoc.py)
            return f"<XD{attrs}>{encode_string(obj.outer_xml())}</XD>"
        return None

    def _type_names(self, names: Iterable[str]) -> str:
        key = tuple(names)
        if key in self._tn_ids:
            return f'<TNRef RefId="{self._tn_ids[key]}" />'
        self._tn_ids[key] = ref = len(self._tn_ids)
        return f'<TN RefId="{ref}">' + "".join(f"<T>{encode_string(n)}</T>" for n in key) + "</TN>"

    def _body(self, obj: Any, depth: int) -> str:
        if isinstance(obj, ErrorRecord):
            return self._error_record(obj)
        if isinstance(obj, EnumValue):
            number = obj.value__
            tag = "I32" if -(2**31) <= number < 2**31 else "I64"
            return self._type_names(type_names(obj)) + \
                f"<ToString>{encode_string(str.__str__(obj))}</ToString><{tag}>{number}</{tag}>"
        if isinstance(obj, enum.Enum):
            names: Iterable[str] = type_names(obj) if getattr(obj, "PS_TYPE_NAMES", None) else \
                [f"System.{type(obj).__name__}", "System.Enum", "System.ValueType", "System.Object"]
            value = obj.value if isinstance(obj.value, int) else 0
            return self._type_names(names) + f"<ToString>{encode_string(obj.name)}</ToString><I32>{value}</I32>"
        if isinstance(obj, (list, tuple)):
            head = self._type_names(("System.Object[]", "System.Array", "System.Object"))
            return head + "<LST>" + "".join(self.element(x, depth=depth - 1 if depth > 0 else 0) for x in obj) + "</LST>"
        if isinstance(obj, Hashtable) or isinstance(obj, dict):
            names = ("System.Collections.Specialized.OrderedDictionary", "System.Object") \
                if isinstance(obj, OrderedHashtable) else ("System.Collections.Hashtable", "System.Object")
            sub = depth - 1 if depth > 0 else 0
            head = self._type_names(names)
            entries = "".join("<En>" + self.element(k, "Key", depth=sub) + self.element(v, "Value", depth=sub) + "</En>"
                              for k, v in obj.items())
            return head + f"<DCT>{entries}</DCT>"
        names = type_names(obj) or ["System.Object"]
        names = [n[len(_PREFIX):] if n.startswith(_PREFIX) else n for n in names]
        out = self._type_names(names)
        if isinstance(obj, PSObject) and obj.base is not None:
            base = self._primitive(obj.base, "")
            if base is not None:  # a string or number with notes: the value, then the notes
                text = obj.text if obj.text is not None else _text(obj.base)
                notes = "".join(self.element(v, k, depth=depth - 1) for k, v in obj.properties.items())
                return out + f"<ToString>{encode_string(text)}</ToString>" + base + (f"<MS>{notes}</MS>" if notes else "")
        is_bag = isinstance(obj, PSObject) and obj.base is None
        if not (is_bag and names[0] == "System.Management.Automation.PSCustomObject"):
            text = obj.text if isinstance(obj, PSObject) and obj.text is not None else _text(obj)
            out += f"<ToString>{encode_string(text)}</ToString>"
        props = "".join(self._member(name, obj, depth) for name in property_names(obj))
        if props:
            out += f"<MS>{props}</MS>" if is_bag else f"<Props>{props}</Props>"
        return out

    def _member(self, name: str, obj: Any, depth: int) -> str:
        try:
            value = get_property(obj, name)
        except Exception:  # noqa: BLE001 - a failing getter is written as $null, as pwsh does
            value = None
        return self.element(value, name, depth=depth - 1)

    def _error_record(self, rec: ErrorRecord) -> str:
        """An ErrorRecord as pwsh writes it: its exception, category parts and ids as MS notes."""
        exc = rec.Exception
        exc_names = [getattr(exc, "type_name", None) or "System.Exception", "System.SystemException",
                     "System.Exception", "System.Object"]
        exc_names = list(dict.fromkeys(exc_names))
        message = getattr(exc, "Message", None) or rec.message
        head = self._type_names(("System.Management.Automation.ErrorRecord", "System.Object"))
        exception = (f'<Obj N="Exception" RefId="{self._new_ref(exc)}">' + self._type_names(exc_names)
                     + f"<ToString>{encode_string(message)}</ToString>"
                     + f'<Props><S N="Message">{encode_string(message)}</S><Nil N="Data" /><Nil N="InnerException" />'
                     + "</Props></Obj>")
        cat = rec.CategoryInfo
        return (head + f"<ToString>{encode_string(rec.message)}</ToString><MS>" + exception
                + self.element(rec.TargetObject if _simple(rec.TargetObject) else _text(rec.TargetObject), "TargetObject")
                + f'<S N="FullyQualifiedErrorId">{encode_string(rec.FullyQualifiedErrorId)}</S>'
                + '<Nil N="InvocationInfo" />'
                + f'<I32 N="ErrorCategory_Category">{_category_code(cat.Category)}</I32>'
                + f'<S N="ErrorCategory_Activity">{encode_string(cat.Activity)}</S>'
                + f'<S N="ErrorCategory_Reason">{encode_string(cat.Reason)}</S>'
                + f'<S N="ErrorCategory_TargetName">{encode_string(cat.TargetName)}</S>'
                + f'<S N="ErrorCategory_TargetType">{encode_string(cat.TargetType)}</S>'
                + f'<S N="ErrorCategory_Message">{encode_string(_text(cat))}</S>'
                + '<B N="SerializeExtendedInfo">false</B>'
                + f'<S N="ErrorDetails_ScriptStackTrace">{encode_string(rec.ScriptStackTrace or "")}</S>'
                + "</MS>")

    def _new_ref(self, obj: Any) -> int:
        self._obj_ids[id(obj)] = ref = len(self._obj_ids)
        self._keep.append(obj)
        return ref


def _simple(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _text(obj: Any) -> str:
    from pyshell.engine.conversions import to_string

    try:
        return to_string(obj)
    except Exception:  # noqa: BLE001 - a ToString that fails must not stop the export
        return type_names(obj)[0] if type_names(obj) else ""


#: System.Management.Automation.ErrorCategory values
_CATEGORIES = ("NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument",
               "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented",
               "NotInstalled", "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError",
               "PermissionDenied", "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError",
               "FromStdErr", "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError",
               "LimitsExceeded", "QuotaExceeded", "NotEnabled")


def _category_code(name: str) -> int:
    try:
        return _CATEGORIES.index(name)
    except ValueError:
        return 0


def serialize(obj: Any, depth: int = 1) -> str:
    """One value as a CLIXML element (no document around it)."""
    return Writer(depth).element(obj)


def to_document(objects: Iterable[Any], depth: int = 2) -> str:
    """A whole CLIXML document, as Export-Clixml writes it."""
    writer = Writer(depth)
    body = "\n  ".join(writer.element(o) for o in objects)
    head = f'<Objs Version="1.1.0.1" xmlns="{NAMESPACE}">'
    return head + ("\n  " + body + "\n" if body else "") + "</Objs>"


# -- reading ---------------------------------------------------------------------------------

class _Reader:
    def __init__(self) -> None:
        self.objs: dict[str, Any] = {}
        self.type_names: dict[str, list[str]] = {}

    def value(self, el: ET.Element) -> Any:
        tag = el.tag[len(_NS):] if el.tag.startswith(_NS) else el.tag
        text = el.text or ""
        if tag == "Nil":
            return None
        if tag == "XD":
            from pyshell.engine.xmldoc import to_xml_document

            return to_xml_document(decode_string(el.text))
        if tag in ("S", "URI", "Version", "G", "PR"):
            return decode_string(el.text)
        if tag == "SBK":
            return _script_block(decode_string(el.text))
        if tag == "B":
            return text.strip().lower() == "true"
        if tag == "I32":
            return int(text)
        if tag in _TAG_INTS:
            from pyshell.numeric import typed_int

            return typed_int(_TAG_INTS[tag], int(text))
        if tag == "Db":
            return _parse_float(text)
        if tag == "Sg":
            return Single(_parse_float(text))
        if tag == "D":
            return PSDecimal(text.strip())
        if tag == "C":
            return PSChar(chr(int(text)))
        if tag == "DT":
            return _parse_datetime(text)
        if tag == "TS":
            return _parse_duration(text)
        if tag == "BA":
            return base64.b64decode(text)
        if tag == "SS":  # a SecureString, encrypted for the user who wrote it: shown as its type, as pwsh does
            secure = PSObject([], ["System.Security.SecureString", "System.Object"])
            secure.text = "System.Security.SecureString"
            return secure
        if tag == "Ref":
            return self.objs.get(el.get("RefId", ""))
        if tag == "Obj":
            return self.obj(el)
        raise ClixmlError(f"Unknown CLIXML element '{tag}'.")

    def obj(self, el: ET.Element) -> Any:
        names: list[str] = []
        text: str | None = None
        props: list[tuple[str, Any]] = []
        result: Any = None
        base: Any = None
        has_base = False
        ref = el.get("RefId")
        for child in el:
            tag = child.tag[len(_NS):] if child.tag.startswith(_NS) else child.tag
            if tag == "TN":
                names = [decode_string(t.text) for t in child]
                self.type_names[child.get("RefId", "")] = names
            elif tag == "TNRef":
                names = list(self.type_names.get(child.get("RefId", ""), []))
            elif tag == "ToString":
                text = decode_string(child.text)
            elif tag in ("LST", "IE", "STK", "QUE"):
                result = []
                if ref is not None:
                    self.objs[ref] = result
                result.extend(self.value(x) for x in child)
            elif tag == "DCT":
                result = OrderedHashtable() if names and "OrderedDictionary" in names[0] else Hashtable()
                if ref is not None:
                    self.objs[ref] = result
                for en in child:
                    key = value = None
                    for kv in en:
                        if kv.get("N") == "Key":
                            key = self.value(kv)
                        elif kv.get("N") == "Value":
                            value = self.value(kv)
                    result[key] = value
            elif tag in ("Props", "MS"):
                for p in child:
                    props.append((decode_string(p.get("N", "")), self.value(p)))
            else:
                base = self.value(child)
                has_base = True
        if result is not None:
            return result
        if names and names[0] == "System.Management.Automation.ErrorRecord":
            return _error_record(dict(props), text)
        if names and names[0] == "System.Management.Automation.InformationRecord":
            return _information_record(dict(props))
        if has_base and not props:
            if "System.Enum" in names:
                bag = PSObject([], [_PREFIX + n for n in names], base=base)
                bag.text = text
                return bag
            return base
        bag = PSObject(props, [n if n.startswith(_PREFIX) else _PREFIX + n for n in names],
                       base=base if has_base else None)
        bag.text = text
        if ref is not None:
            self.objs[ref] = bag
        return bag


def _parse_float(text: str) -> float:
    t = text.strip()
    return {"NaN": float("nan"), "INF": float("inf"), "-INF": float("-inf"),
            "Infinity": float("inf"), "-Infinity": float("-inf")}.get(t) or float(t)


def _script_block(text: str) -> Any:
    """A deserialized script block comes back as its text, as in pwsh."""
    return text


def _error_record(props: dict[str, Any], text: str | None) -> ErrorRecord:
    exc = props.get("Exception")
    message = text or ""
    exc_type = None
    if isinstance(exc, PSObject):
        message = exc.properties.get("Message") or exc.text or message
        if exc.type_names:
            exc_type = exc.type_names[0][len(_PREFIX):] if exc.type_names[0].startswith(_PREFIX) else exc.type_names[0]
    category = props.get("ErrorCategory_Category")
    category_name = _CATEGORIES[category] if isinstance(category, int) and 0 <= category < len(_CATEGORIES) \
        else "NotSpecified"
    err = RemoteError(message, error_id=props.get("FullyQualifiedErrorId") or "", category=category_name,
                      target=props.get("TargetObject"), reason=props.get("ErrorCategory_Reason") or None)
    err.qualify_error_id = False
    if exc_type:
        err.ps_type_name = exc_type
    rec = ErrorRecord(err)
    rec.FullyQualifiedErrorId = props.get("FullyQualifiedErrorId") or rec.FullyQualifiedErrorId
    rec.CategoryInfo.Activity = props.get("ErrorCategory_Activity") or ""
    rec.ScriptStackTrace = props.get("ErrorDetails_ScriptStackTrace") or ""
    return rec


def _information_record(props: dict[str, Any]) -> InformationRecord:
    tags = [str(t) for t in props["Tags"]] if isinstance(props.get("Tags"), list) else []
    data = props.get("MessageData")
    host_text = None
    if "PSHOST" in tags:  # Write-Host: shown by the receiving host too
        message = data.properties.get("Message") if isinstance(data, PSObject) else None
        data = data if message is None else message
        host_text = (None, None, False)
    rec = InformationRecord(data, props.get("Source") or "", tags, host_text)
    for name in ("TimeGenerated", "User", "Computer", "ProcessId", "NativeThreadId", "ManagedThreadId"):
        if props.get(name) is not None:
            setattr(rec, name, props[name])
    return rec


def _parse(text: str) -> ET.Element:
    try:
        return ET.fromstring(text)
    except ET.ParseError as e:
        raise ClixmlError(str(e)) from e


def iter_document(text: str) -> Iterator[tuple[Any, str | None]]:
    """Each top-level value of a CLIXML document with its stream tag (S=, None when absent)."""
    root = _parse(text)
    tag = root.tag[len(_NS):] if root.tag.startswith(_NS) else root.tag
    if tag != "Objs":
        raise ClixmlError("The CLIXML document has no <Objs> root element.")
    reader = _Reader()
    for child in root:
        yield reader.value(child), child.get("S")


def from_document(text: str) -> list[Any]:
    """Every top-level value of a CLIXML document."""
    return [value for value, _ in iter_document(text)]


def deserialize_element(text: str) -> Any:
    """One value from a single CLIXML element (as serialize wrote it)."""
    return _Reader().value(_parse(text))


def iter_stream(chunks: Iterable[str]) -> Iterator[tuple[Any, str | None]]:
    """Top-level values of a CLIXML document read piece by piece (a pipe), each as soon as it is complete.

    A leading `#< CLIXML` line is skipped; reading stops at the end of the document or of the input.
    """
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    reader = _Reader()
    level = 0
    first = True
    for chunk in chunks:
        if first:
            stripped = chunk.lstrip("\ufeff")
            if stripped.strip() == "":
                continue
            first = False
            if stripped.startswith(CLIXML_TAG):
                chunk = stripped[len(CLIXML_TAG):]
        try:
            parser.feed(chunk)
            for event, item in parser.read_events():  # type: ignore[misc]
                el: Any = item
                if event == "start":
                    level += 1
                    continue
                level -= 1
                if level == 1:
                    yield reader.value(el), el.get("S")
                    el.clear()
                elif level == 0:
                    return
        except ET.ParseError as e:
            raise ClixmlError(str(e)) from e
    if not first:
        try:
            parser.close()  # the input ended inside the document
        except ET.ParseError as e:
            raise ClixmlError(str(e)) from e
