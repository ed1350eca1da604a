"""Enum types and their values: [ConsoleColor]::Red, [IO.FileAttributes]'ReadOnly, Hidden', -bor on flags.

An enum value is a `str` subclass holding its ToString() text, so the many places that
compare or look up enum values as names keep working, and it carries its numeric value
(`value__`) and its type, so casts to [int], -band/-bor and [enum]:: statics see the number.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EnumType", "EnumValue", "ENUM_TYPES", "enum_type", "is_enum_value"]


class EnumType:
    """One enum type: member names in declaration order with their values; [Flags] or not."""

    def __init__(self, full_name: str, names: tuple[str, ...], values: tuple[int, ...], flags: bool,
                 underlying: str = "System.Int32") -> None:
        self.full_name = full_name
        self.names = names
        self.values = values
        self.flags = flags
        self.underlying = underlying
        self._by_lower = {n.lower(): v for n, v in zip(names, values, strict=True)}
        self._first_name: dict[int, str] = {}
        for n, v in zip(names, values, strict=True):
            self._first_name.setdefault(v, n)

    def value_of(self, name: str) -> int | None:
        """The value of a member name (any case), None when there is no such member."""
        return self._by_lower.get(name.strip().lower())

    def canonical_name(self, name: str) -> str | None:
        v = self.value_of(name)
        if v is None:
            return None
        for n in self.names:
            if n.lower() == name.strip().lower():
                return n
        return None

    def name_of(self, value: int) -> str:
        """Enum.ToString(): the member name; for [Flags] the set bits as "A, B"; else the number."""
        exact = self._first_name.get(value)
        if exact is not None:
            return exact
        if self.flags and value > 0:
            parts: list[str] = []
            rest = value
            # the largest members first, as .NET does, then listed in ascending value order
            for v, n in sorted(((v, n) for v, n in self._first_name.items() if v > 0), reverse=True):
                if rest & v == v:
                    parts.append(n)
                    rest &= ~v
            if rest == 0:
                return ", ".join(sorted(parts, key=lambda n: self._by_lower[n.lower()]))
        return str(value)

    def make(self, value: int) -> EnumValue:
        return EnumValue(self, int(value))

    def is_defined(self, value: int) -> bool:
        return value in self._first_name


class EnumValue(str):
    """A value of an enum type: its text is ToString() ("Red", "ReadOnly, Hidden"); value__ is the number."""

    PS_PROPERTIES = ("value__",)
    PS_METHODS = ("HasFlag", "CompareTo", "GetTypeCode", "ToString")

    enum_type: EnumType
    value__: int

    def __new__(cls, etype: EnumType, value: int) -> EnumValue:
        obj = str.__new__(cls, etype.name_of(value))
        obj.enum_type = etype
        obj.value__ = value
        return obj

    @property
    def PS_TYPE_NAMES(self) -> tuple[str, ...]:  # noqa: N802 - the engine's protocol name
        return (self.enum_type.full_name, "System.Enum", "System.ValueType", "System.Object")

    def ps_to_number(self) -> int:
        return self.value__

    def ps_to_string(self) -> str:
        return str.__str__(self)

    def __int__(self) -> int:
        return self.value__

    def __index__(self) -> int:
        return self.value__

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.enum_type.full_name, self.value__))

    def __repr__(self) -> str:
        return f"EnumValue({self.enum_type.full_name}, {str.__str__(self)!r}={self.value__})"

    def HasFlag(self, flag: Any) -> bool:  # noqa: N802 - the .NET method name
        """Enum.HasFlag: every bit of flag is set here (flag converts to this enum type)."""
        from pyshell.engine.types import convert_to

        other = convert_to(self.enum_type.full_name, flag)
        return self.value__ & other.value__ == other.value__

    def ToString(self, fmt: Any = None, *_provider: Any) -> str:  # noqa: N802
        """Enum.ToString([format]): G/F the name(s), D the number, X eight hex digits."""
        f = str(fmt).upper() if fmt else "G"
        if f == "D":
            return str(self.value__)
        if f == "X":
            return format(self.value__ & 0xFFFFFFFF, "08X")
        return str.__str__(self)

    def CompareTo(self, other: Any) -> int:  # noqa: N802
        from pyshell.engine.types import convert_to

        v = convert_to(self.enum_type.full_name, other).value__
        return (self.value__ > v) - (self.value__ < v)

    def GetTypeCode(self) -> str:  # noqa: N802
        return self.enum_type.underlying.split(".")[-1]


#: full name -> enum type
ENUM_TYPES: dict[str, EnumType] = {}


def enum_type(full_name: str) -> EnumType | None:
    return ENUM_TYPES.get(full_name)


def is_enum_value(value: Any) -> bool:
    return isinstance(value, EnumValue)


def _rebuild(full_name: str, value: int) -> Any:
    et = ENUM_TYPES.get(full_name)
    return et.make(value) if et is not None else value
