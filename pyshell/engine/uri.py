"""[uri] (System.Uri): an absolute URI split into its parts the way .NET names them, or a relative one."""

from __future__ import annotations

import urllib.parse
from typing import Any

from pyshell.engine.conversions import to_string

__all__ = ["Uri", "to_uri", "URI_STATICS"]

_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443, "ldap": 389, "mailto": 25,
                  "net.tcp": 808, "news": -1, "nntp": 119, "gopher": 70, "telnet": 23, "file": -1}

#: pwsh lists a Uri's properties in this order (Format-List of [uri]'...')
_ABSOLUTE_PROPERTIES = ("AbsolutePath", "AbsoluteUri", "LocalPath", "Authority", "HostNameType", "IsDefaultPort",
                        "IsFile", "IsLoopback", "PathAndQuery", "Segments", "IsUnc", "Host", "Port", "Query",
                        "Fragment", "Scheme", "OriginalString", "DnsSafeHost", "IdnHost", "IsAbsoluteUri",
                        "UserEscaped", "UserInfo")
_RELATIVE_PROPERTIES = ("OriginalString", "IsAbsoluteUri", "UserEscaped")


def _bad(text: str, detail: str) -> Exception:
    from pyshell.engine.conversions import ConversionError

    return ConversionError(f'Cannot convert value "{text}" to type "System.Uri". Error: "{detail}"',
                           error_id="InvalidCastConstructorException")


def _relative_error() -> Exception:
    from pyshell.errors import RuntimeScriptError

    err = RuntimeScriptError("This operation is not supported for a relative URI.", error_id="InvalidOperationException",
                             category="NotSpecified")
    err.ps_type_name = "System.InvalidOperationException"
    return err


class Uri:
    """System.Uri. Absolute when the text starts with a scheme ('https://', 'file:///', 'mailto:'), else relative."""

    PS_TYPE_NAMES = ("System.Uri", "System.Object")
    PS_METHODS = ("ToString", "GetLeftPart", "IsBaseOf", "MakeRelativeUri", "Equals")
    PS_VALUE_EQUALITY = True

    def __init__(self, text: str, *, absolute: bool | None = None) -> None:
        self.OriginalString = text
        self.UserEscaped = False
        parts = urllib.parse.urlsplit(text.strip())
        looks_absolute = bool(parts.scheme) and len(parts.scheme) > 1 and (bool(parts.netloc) or parts.scheme in (
            "mailto", "urn", "news", "file", "data", "tel"))
        if text.startswith("/") and absolute is not False and absolute is None:
            looks_absolute = False
        if absolute is True and not looks_absolute:
            raise _bad(text, "Invalid URI: The format of the URI could not be determined.")
        self.IsAbsoluteUri = looks_absolute and absolute is not False
        self.PS_PROPERTIES = _ABSOLUTE_PROPERTIES if self.IsAbsoluteUri else _RELATIVE_PROPERTIES
        if not self.IsAbsoluteUri:
            return
        self.Scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        self.Host = self.DnsSafeHost = self.IdnHost = host
        self.UserInfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
        try:
            explicit = parts.port
        except ValueError:
            raise _bad(text, "Invalid URI: Invalid port specified.") from None
        default = _DEFAULT_PORTS.get(self.Scheme, -1)
        self.Port = explicit if explicit is not None else default
        self.IsDefaultPort = self.Port == default
        path = parts.path or ("/" if parts.netloc or self.Scheme == "file" else "")
        self.AbsolutePath = urllib.parse.quote(path, safe="/%:@!$&'()*+,;=-._~")
        self.Query = ("?" + parts.query) if parts.query else ""
        self.Fragment = ("#" + parts.fragment) if parts.fragment else ""
        self.PathAndQuery = self.AbsolutePath + self.Query
        self.IsFile = self.Scheme == "file"
        self.IsUnc = self.IsFile and bool(host)
        self.IsLoopback = host in ("localhost", "127.0.0.1", "::1", "[::1]") or (self.IsFile and not host)
        self.HostNameType = ("Basic" if not host else "IPv4" if _is_ipv4(host) else "IPv6" if ":" in host else "Dns")
        port_text = "" if self.IsDefaultPort else f":{self.Port}"
        self.Authority = host + port_text
        self.LocalPath = urllib.parse.unquote(path)
        user = f"{self.UserInfo}@" if self.UserInfo else ""
        slashes = "//" if parts.netloc or self.IsFile else ""
        self.AbsoluteUri = f"{self.Scheme}:{slashes}{user}{self.Authority}{self.AbsolutePath}{self.Query}{self.Fragment}"

    @property
    def Segments(self) -> list[str]:  # noqa: N802 - .NET property name
        if not self.IsAbsoluteUri:
            raise _relative_error()
        path = self.AbsolutePath
        out: list[str] = []
        start = 0
        for i, c in enumerate(path):
            if c == "/":
                out.append(path[start : i + 1])
                start = i + 1
        if start < len(path):
            out.append(path[start:])
        return out

    def ToString(self) -> str:  # noqa: N802
        if not self.IsAbsoluteUri:
            return self.OriginalString
        return urllib.parse.unquote(self.AbsoluteUri)

    ps_to_string = ToString

    def GetLeftPart(self, part: Any) -> str:  # noqa: N802
        """GetLeftPart('Scheme'|'Authority'|'Path'|'Query')."""
        if not self.IsAbsoluteUri:
            raise _relative_error()
        which = to_string(part).lower()
        user = f"{self.UserInfo}@" if self.UserInfo else ""
        scheme = f"{self.Scheme}://"
        if which == "scheme":
            return scheme
        if which == "authority":
            return scheme + user + self.Authority
        if which == "path":
            return scheme + user + self.Authority + self.AbsolutePath
        return scheme + user + self.Authority + self.PathAndQuery

    def IsBaseOf(self, other: Any) -> bool:  # noqa: N802
        o = to_uri(other)
        return o.IsAbsoluteUri and o.AbsoluteUri.lower().startswith(self.GetLeftPart("Path").rsplit("/", 1)[0].lower())

    def MakeRelativeUri(self, other: Any) -> Uri:  # noqa: N802
        o = to_uri(other)
        base = self.AbsolutePath.rsplit("/", 1)[0] + "/"
        rel = o.AbsolutePath[len(base):] if o.AbsolutePath.startswith(base) else o.AbsolutePath
        return Uri(rel + o.Query + o.Fragment, absolute=False)

    def Equals(self, other: Any) -> bool:  # noqa: N802
        return self == other

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Uri):
            return False
        if self.IsAbsoluteUri and other.IsAbsoluteUri:
            return self.AbsoluteUri.split("#")[0].lower() == other.AbsoluteUri.split("#")[0].lower()
        return self.OriginalString == other.OriginalString

    def __hash__(self) -> int:
        return hash(self.OriginalString)


def _is_ipv4(host: str) -> bool:
    parts = host.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def to_uri(value: Any) -> Uri:
    """[uri]value: a Uri stays itself; text becomes an absolute or relative Uri."""
    if isinstance(value, Uri):
        return value
    return Uri(to_string(value))


def _new_uri(*args: Any) -> Uri:
    """[uri]::new(text) / (text, kind) / (baseUri, relative)."""
    if len(args) == 2 and isinstance(args[0], Uri):
        base, rel = args[0], to_string(args[1])
        return Uri(urllib.parse.urljoin(base.AbsoluteUri, rel))
    if len(args) == 2:
        kind = to_string(args[1]).lower()
        return Uri(to_string(args[0]), absolute={"absolute": True, "relative": False}.get(kind))
    if len(args) == 1:
        text = to_string(args[0])
        if not text:
            from pyshell.engine.arrays import _method_error

            raise _method_error(".ctor", 1, "Invalid URI: The URI is empty.", "UriFormatException")
        return Uri(text, absolute=True) if "://" in text or ":" not in text else Uri(text)
    from pyshell.engine.members import overload_not_found

    raise overload_not_found("new", len(args))


def _try_create(text: Any, kind: Any, ref: Any) -> bool:
    try:
        made = Uri(to_string(text), absolute={"absolute": True, "relative": False}.get(to_string(kind).lower()))
    except Exception:  # noqa: BLE001 - TryCreate reports failure as False
        made = None
    if hasattr(ref, "Value"):
        ref.Value = made
    return made is not None


def _well_formed(text: Any, kind: Any) -> bool:
    s = to_string(text)
    if " " in s:
        return False
    want = to_string(kind).lower()
    u = Uri(s)
    return {"absolute": u.IsAbsoluteUri, "relative": not u.IsAbsoluteUri}.get(want, True)


URI_STATICS: dict[str, Any] = {
    "New": _new_uri, "TryCreate": _try_create, "IsWellFormedUriString": _well_formed,
    "EscapeDataString": lambda s: urllib.parse.quote(to_string(s), safe="-_.~"),
    "UnescapeDataString": lambda s: urllib.parse.unquote(to_string(s)),
    "EscapeUriString": lambda s: urllib.parse.quote(to_string(s), safe="-_.~:/?#[]@!$&'()*+,;="),
    "CheckHostName": lambda s: "Dns" if to_string(s) and not _is_ipv4(to_string(s)) else ("IPv4" if s else "Unknown"),
    "UriSchemeHttp": "http", "UriSchemeHttps": "https", "UriSchemeFile": "file", "SchemeDelimiter": "://",
}
