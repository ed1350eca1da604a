"""[ipaddress] (System.Net.IPAddress): Parse/TryParse of IPv4 and IPv6 text, ToString in .NET's compressed form."""

from __future__ import annotations

import ipaddress
from typing import Any

from pyshell.engine.conversions import to_string

__all__ = ["IPAddress", "to_ipaddress", "IPADDRESS_STATICS"]


class IPAddress:
    """An IPv4 or IPv6 address: AddressFamily, IsIPv6..., GetAddressBytes(), ToString()."""

    PS_TYPE_NAMES = ("System.Net.IPAddress", "System.Object")
    PS_PROPERTIES = ("AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal", "IsIPv6SiteLocal",
                     "IsIPv6Teredo", "IsIPv6UniqueLocal", "IsIPv4MappedToIPv6", "Address", "IPAddressToString")
    PS_METHODS = ("ToString", "GetAddressBytes", "Equals", "MapToIPv4", "MapToIPv6")
    PS_VALUE_EQUALITY = True

    def __init__(self, addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
        self._addr = addr
        v6 = isinstance(addr, ipaddress.IPv6Address)
        self.AddressFamily = "InterNetworkV6" if v6 else "InterNetwork"
        self.ScopeId = 0 if v6 else None
        self.IsIPv6Multicast = v6 and addr.is_multicast
        self.IsIPv6LinkLocal = v6 and addr.is_link_local
        self.IsIPv6SiteLocal = v6 and addr.is_site_local  # type: ignore[union-attr]
        self.IsIPv6Teredo = v6 and addr.teredo is not None  # type: ignore[union-attr]
        self.IsIPv6UniqueLocal = v6 and addr.is_private and str(addr).lower().startswith(("fc", "fd"))
        self.IsIPv4MappedToIPv6 = v6 and addr.ipv4_mapped is not None  # type: ignore[union-attr]
        # Address: the IPv4 address as a little-endian 32-bit number (obsolete, but still shown)
        self.Address = int.from_bytes(addr.packed, "little") if not v6 else None
        self.IPAddressToString = self.ToString()

    def ToString(self) -> str:  # noqa: N802 - .NET method names
        return str(self._addr)

    ps_to_string = ToString

    def GetAddressBytes(self) -> list[Any]:  # noqa: N802
        from pyshell.engine.generics import TypedArray
        from pyshell.numeric import typed_int

        return TypedArray([typed_int("System.Byte", b) for b in self._addr.packed], "System.Byte")

    def MapToIPv4(self) -> IPAddress:  # noqa: N802
        mapped = getattr(self._addr, "ipv4_mapped", None)
        return IPAddress(mapped) if mapped is not None else self

    def MapToIPv6(self) -> IPAddress:  # noqa: N802
        if isinstance(self._addr, ipaddress.IPv6Address):
            return self
        return IPAddress(ipaddress.IPv6Address("::ffff:" + str(self._addr)))

    def Equals(self, other: Any) -> bool:  # noqa: N802
        return self == other

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IPAddress) and other._addr == self._addr

    def __hash__(self) -> int:
        return hash(self._addr)


def _parse(text: str) -> IPAddress:
    t = text.strip()
    if t.startswith("[") and "]" in t:
        t = t[1 : t.index("]")]
    t = t.split("%", 1)[0]
    try:
        return IPAddress(ipaddress.ip_address(t))
    except ValueError:
        raise ValueError("An invalid IP address was specified.") from None


def to_ipaddress(value: Any) -> IPAddress:
    """[ipaddress]'10.0.0.1' / '::1'."""
    from pyshell.engine.conversions import ConversionError

    if isinstance(value, IPAddress):
        return value
    text = to_string(value)
    try:
        return _parse(text)
    except ValueError as err:
        raise ConversionError(f'Cannot convert value "{text}" to type "System.Net.IPAddress". Error: "{err}"',
                              error_id="InvalidCastParseTargetInvocation") from None


def _static_parse(text: Any) -> IPAddress:
    from pyshell.engine.arrays import _method_error

    try:
        return _parse(to_string(text))
    except ValueError as err:
        raise _method_error("Parse", 1, str(err), "FormatException") from None


IPADDRESS_STATICS: dict[str, Any] = {
    "Parse": _static_parse, "Any": IPAddress(ipaddress.IPv4Address("0.0.0.0")),
    "Loopback": IPAddress(ipaddress.IPv4Address("127.0.0.1")), "None": IPAddress(ipaddress.IPv4Address("255.255.255.255")),
    "Broadcast": IPAddress(ipaddress.IPv4Address("255.255.255.255")),
    "IPv6Any": IPAddress(ipaddress.IPv6Address("::")), "IPv6Loopback": IPAddress(ipaddress.IPv6Address("::1")),
    "IsLoopback": lambda a: to_ipaddress(a)._addr.is_loopback,
}
