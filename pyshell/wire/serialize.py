"""Serialization of PowerShell values to JSON-able data and back, as CLIXML does for remoting.

Primitives stay primitives; enum values come back as their number (a PSObject over the Int32 with
``Deserialized.`` type names and the name as ToString(), as pwsh deserializes them); datetimes,
timespans, bytes, hashtables and objects become tagged dicts (``{"@": tag, ...}``). Objects come back
as property bags (PSObject) whose type names are prefixed ``Deserialized.``, keeping ToString() in
``PSObject.text``; nested complex values past the depth limit (default 1, like PowerShell remoting)
become their ToString() text.
Stream records (errors, warnings...) travel as data and are rebuilt on the receiving side.
"""

from __future__ import annotations

import base64
import datetime as _dt
import enum
from typing import Any

from pyshell.engine.enums import EnumValue
from pyshell.engine.objects import (
    Hashtable,
    OrderedHashtable,
    PSObject,
    get_property,
    property_names,
    type_names,
)
from pyshell.engine.records import (
    DebugRecord,
    ErrorRecord,
    InformationRecord,
    ProgressRecord,
    VerboseRecord,
    WarningRecord,
)
from pyshell.errors import RemoteError
from pyshell.numeric import INT_CLASSES, PSDecimal, Single

__all__ = ["DEFAULT_DEPTH", "serialize", "deserialize", "serialize_record", "deserialize_record"]

#: PowerShell remoting's SerializationDepthForRemoting: an object and its properties.
DEFAULT_DEPTH = 1
_PREFIX = "Deserialized."
_PRIMITIVES = (str, bool, int, float, type(None))


def _text(obj: Any) -> str:
    from pyshell.engine.conversions import to_string

    try:
        return to_string(obj)
    except Exception:  # noqa: BLE001 - a ToString that fails must not break the transfer
        return repr(obj)


def serialize(obj: Any, depth: int = DEFAULT_DEPTH) -> Any:
    """Turn a value into JSON-able data.

    :param depth: how many levels of nested objects keep their properties; below that
        they travel as their ToString() text (PowerShell's serialization depth).
    """
    if isinstance(obj, EnumValue):  # before str: an enum travels as its number, as CLIXML does
        return {"@": "e", "t": [_PREFIX + n for n in type_names(obj)], "v": int(obj.value__), "s": str.__str__(obj)}
    if type(obj) is PSObject and obj.text is not None and type(obj.base) is int and not obj.properties:
        return {"@": "e", "t": list(obj.type_names), "v": obj.base, "s": obj.text}  # a deserialized enum, again
    if isinstance(obj, _PRIMITIVES + (PSDecimal,)):
        if type(obj) not in _PRIMITIVES and hasattr(obj, "CODE"):  # Int64, Byte, Decimal...: keep the .NET type
            return {"@": "n", "t": type_names(obj)[0], "v": str(obj)}
        if isinstance(obj, float) and (obj != obj or obj in (float("inf"), float("-inf"))):
            return {"@": "f", "v": repr(obj)}
        return obj
    if isinstance(obj, (list, tuple)):
        return [serialize(x, depth) for x in obj]
    if isinstance(obj, _dt.datetime):
        from pyshell.engine.datekind import date_kind

        return {"@": "dt", "v": obj.isoformat(), **({"k": "u"} if date_kind(obj) == "Unspecified" else {})}
    if isinstance(obj, _dt.timedelta):
        return {"@": "ts", "v": [obj.days, obj.seconds, obj.microseconds]}
    if isinstance(obj, (bytes, bytearray)):
        return {"@": "b", "v": base64.b64encode(bytes(obj)).decode("ascii")}
    if isinstance(obj, Hashtable):
        return {"@": "ht", "o": isinstance(obj, OrderedHashtable),
                "v": [[serialize(k, depth), serialize(v, depth)] for k, v in obj.items()]}
    if isinstance(obj, dict):
        return {"@": "ht", "o": True, "v": [[serialize(k, depth), serialize(v, depth)] for k, v in obj.items()]}
    if isinstance(obj, enum.Enum):
        return obj.name
    if isinstance(obj, ErrorRecord):
        return {"@": "rec", "s": "error", "v": serialize_record(obj)}
    names = type_names(obj)
    if names and names[0] == "System.Management.Automation.ScriptBlock":
        return _text(obj)  # a script block comes back as a string, as in PowerShell
    if names and names[0] == "System.Xml.XmlDocument":
        return {"@": "xd", "v": obj.outer_xml()}  # a known type: comes back as a live document
    return _serialize_object(obj, names, depth)


def _serialize_object(obj: Any, names: list[str], depth: int) -> Any:
    data: dict[str, Any] = {"@": "o", "t": [n if n.startswith(_PREFIX) else _PREFIX + n for n in names],
                            "s": _text(obj)}
    props = []
    for name in property_names(obj):
        try:
            value = get_property(obj, name)
        except Exception:  # noqa: BLE001 - a failing getter is shown empty, as PowerShell does
            value = None
        props.append([name, _serialize_member(value, depth - 1)])
    data["p"] = props
    return data


def _serialize_member(value: Any, depth: int) -> Any:
    """A property value: collections keep their shape, complex values past the depth become text."""
    if isinstance(value, _PRIMITIVES + (_dt.datetime, _dt.timedelta, bytes, enum.Enum, PSDecimal, EnumValue)):
        return serialize(value, depth)
    if isinstance(value, (list, tuple)):
        return [_serialize_member(x, depth) for x in value]
    if isinstance(value, Hashtable):
        return {"@": "ht", "o": isinstance(value, OrderedHashtable),
                "v": [[_serialize_member(k, depth), _serialize_member(v, depth)] for k, v in value.items()]}
    if depth <= 0 and not isinstance(value, ErrorRecord):
        return _text(value)
    return serialize(value, depth)


def deserialize(data: Any) -> Any:
    """Rebuild a value from :func:`serialize` output (objects become Deserialized property bags)."""
    if isinstance(data, list):
        return [deserialize(x) for x in data]
    if not isinstance(data, dict):
        return data
    tag = data.get("@")
    if tag == "o":
        bag = PSObject([(k, deserialize(v)) for k, v in data.get("p", [])], data.get("t", []))
        bag.text = data.get("s")
        return bag
    if tag == "e":  # a deserialized enum: its Int32 value, carrying the type names and ToString() text
        bag = PSObject([], data.get("t", []), base=int(data["v"]))
        bag.text = data.get("s")
        return bag
    if tag == "dt":
        value = _dt.datetime.fromisoformat(data["v"])
        if data.get("k") == "u":  # DateTimeKind.Unspecified
            from pyshell.engine.datekind import unspecified

            value = unspecified(value)
        return value
    if tag == "ts":
        d, s, us = data["v"]
        return _dt.timedelta(days=d, seconds=s, microseconds=us)
    if tag == "ht":
        table: Hashtable = OrderedHashtable() if data.get("o") else Hashtable()
        for k, v in data["v"]:
            table[deserialize(k)] = deserialize(v)
        return table
    if tag == "b":
        return base64.b64decode(data["v"])
    if tag == "f":
        return float(data["v"])
    if tag == "n":
        return _typed_number(data["t"], data["v"])
    if tag == "rec":
        return deserialize_record(data["s"], data["v"])
    if tag == "xd":
        from pyshell.engine.xmldoc import to_xml_document

        return to_xml_document(data["v"])
    return data


def serialize_record(record: Any) -> dict[str, Any]:
    """Stream records as data: ErrorRecord, Warning/Verbose/Debug, Information, Progress."""
    if isinstance(record, ErrorRecord):
        err = record.error
        return {"message": record.Exception.Message, "error_id": record.FullyQualifiedErrorId,
                "category": record.CategoryInfo.Category, "reason": record.CategoryInfo.Reason,
                "target": None if record.TargetObject is None else _text(record.TargetObject),
                "command": record.command, "type": record.Exception.type_name,
                "computer": record.remote_computer, "script_line": getattr(record.InvocationInfo, "Line", ""),
                "origin_type": type(err).__name__}
    if isinstance(record, InformationRecord):
        return {"data": serialize(record.MessageData), "source": record.Source, "tags": list(record.Tags),
                "host_text": list(record.host_text) if record.host_text else None,
                "time": record.TimeGenerated.isoformat()}
    if isinstance(record, ProgressRecord):
        return {"activity": record.Activity, "status": record.StatusDescription, "id": record.ActivityId,
                "parent": record.ParentActivityId, "op": record.CurrentOperation,
                "percent": record.PercentComplete, "seconds": record.SecondsRemaining,
                "completed": record.RecordType == "Completed"}
    return {"message": _text(getattr(record, "Message", record))}


_INFORMATIONAL = {"warning": WarningRecord, "verbose": VerboseRecord, "debug": DebugRecord}


def deserialize_record(stream: str, data: dict[str, Any]) -> Any:
    """Rebuild a stream record sent as ``serialize_record`` data for stream ``stream``.

    :param stream: ``error``, ``warning``, ``verbose``, ``debug``, ``information`` or ``progress``.
    :returns: an ErrorRecord (its exception a RemoteError keeping the original type name),
        a Warning/Verbose/DebugRecord, an InformationRecord or a ProgressRecord.
    """
    if stream == "error":
        err = RemoteError(data.get("message", ""), error_id=data.get("error_id"), category=data.get("category"),
                          target=data.get("target"), reason=data.get("reason"), command=data.get("command") or None)
        if data.get("type"):
            err.ps_type_name = data["type"]
        return ErrorRecord(err, command=data.get("command") or None, remote_computer=data.get("computer"))
    if stream == "information":
        ht = data.get("host_text")
        rec = InformationRecord(deserialize(data.get("data")), data.get("source", ""), data.get("tags"),
                                tuple(ht) if ht else None)
        if data.get("time"):
            rec.TimeGenerated = _dt.datetime.fromisoformat(data["time"])
        return rec
    if stream == "progress":
        return ProgressRecord(data.get("activity", ""), data.get("status", ""), activity_id=data.get("id", 0),
                              parent_id=data.get("parent", -1), current_operation=data.get("op", ""),
                              percent=data.get("percent", -1), seconds_remaining=data.get("seconds", -1),
                              completed=bool(data.get("completed")))
    cls = _INFORMATIONAL.get(stream, WarningRecord)
    return cls(data.get("message", ""))


def _typed_number(type_name: str, text: str) -> Any:
    """A typed number back from its tag: ints of their class, Decimal, Single."""
    if type_name == "System.Decimal":
        return PSDecimal(text)
    if type_name == "System.Single":
        return Single(text)
    cls = INT_CLASSES.get(type_name, int)
    return cls(int(text))
