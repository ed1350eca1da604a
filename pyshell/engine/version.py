"""[version] (System.Version): 'major.minor[.build[.revision]]', compared part by part; missing parts are -1."""

from __future__ import annotations

import re
from functools import total_ordering
from typing import Any

__all__ = ["Version", "to_version", "SemanticVersion", "to_semver"]

_PART = re.compile(r"^\s*\+?\d+\s*$")


def _bad(text: str, detail: str) -> Exception:
    from pyshell.engine.conversions import ConversionError

    return ConversionError(f'Cannot convert value "{text}" to type "System.Version". Error: "{detail}"',
                           error_id="InvalidCastParseTargetInvocation")


@total_ordering
class Version:
    """System.Version: Major, Minor, Build, Revision (Build and Revision are -1 when not given)."""

    PS_TYPE_NAMES = ("System.Version", "System.Object")
    PS_PROPERTIES = ("Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision")
    PS_DEFAULT_DISPLAY_PROPERTIES = ("Major", "Minor", "Build", "Revision")
    PS_METHODS = ("ToString", "CompareTo", "Equals")
    PS_VALUE_EQUALITY = True

    def __init__(self, major: int, minor: int, build: int = -1, revision: int = -1) -> None:
        self.Major, self.Minor, self.Build, self.Revision = major, minor, build, revision

    @classmethod
    def parse(cls, text: str) -> Version:
        """Version.Parse: 2 to 4 non-negative integer parts separated by dots."""
        parts = text.split(".")
        if not 2 <= len(parts) <= 4:
            raise _bad(text, "Version string portion was too short or too long. (Parameter 'input')")
        if not all(_PART.match(p) for p in parts):
            raise _bad(text, f"The input string '{next(p for p in parts if not _PART.match(p))}' was not in a correct "
                             f"format.")
        nums = [int(p) for p in parts]
        if any(n > 2147483647 for n in nums):
            raise _bad(text, "Value was either too large or too small for an Int32.")
        return cls(*nums)

    @property
    def MajorRevision(self) -> int:  # noqa: N802 - .NET property names
        return self.Revision >> 16 if self.Revision >= 0 else -1

    @property
    def MinorRevision(self) -> int:  # noqa: N802
        return self.Revision & 0xFFFF if self.Revision >= 0 else -1

    def _key(self) -> tuple[int, int, int, int]:
        return (self.Major, self.Minor, self.Build, self.Revision)

    def ToString(self, fields: Any = None) -> str:  # noqa: N802
        parts = [p for p in self._key() if p >= 0]
        if fields is not None:
            parts = parts[: int(fields)]
        return ".".join(str(p) for p in parts)

    def ps_to_string(self) -> str:
        return self.ToString()

    def CompareTo(self, other: Any) -> int:  # noqa: N802
        if other is None:
            return 1
        o = to_version(other)
        return (self._key() > o._key()) - (self._key() < o._key())

    def Equals(self, other: Any) -> bool:  # noqa: N802
        return isinstance(other, Version) and self._key() == other._key()

    @classmethod
    def ps_coerce(cls, value: Any) -> Version:
        """The right operand of -eq/-lt with a version on the left, converted as pwsh does."""
        return to_version(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key() == other._key()

    def __lt__(self, other: Version) -> bool:
        return self._key() < to_version(other)._key()

    def __hash__(self) -> int:
        return hash(self._key())


def to_version(value: Any) -> Version:
    """[version]value: from a version, a 'a.b[.c[.d]]' string, or a number (1.2 -> 1.2)."""
    from pyshell.engine.conversions import ConversionError, to_string
    from pyshell.engine.objects import type_names

    if isinstance(value, Version):
        return value
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return Version.parse(to_string(value))
    if isinstance(value, SemanticVersion):
        return Version(value.Major, value.Minor, value.Patch)  # SemanticVersion's explicit conversion
    major, minor, patch = _version_parts(value)
    if major is not None and minor is not None:
        return Version(major, minor, patch) if patch is not None else Version(major, minor)
    raise ConversionError(f'Cannot convert the "{to_string(value)}" value of type '
                          f'"{(type_names(value) or ["System.Object"])[0]}" to type "System.Version".',
                          error_id="ConvertToFinalInvalidCastException")


_SEMVER = re.compile(r"^(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$")


class SemanticVersion:
    """[semver] (System.Management.Automation.SemanticVersion): major.minor.patch[-prerelease][+build]."""

    PS_TYPE_NAMES = ("System.Management.Automation.SemanticVersion", "System.Object")
    PS_PROPERTIES = ("Major", "Minor", "Patch", "PreReleaseLabel", "BuildLabel")
    PS_METHODS = ("ToString", "CompareTo", "Equals")
    PS_VALUE_EQUALITY = True

    def __init__(self, major: int, minor: int = 0, patch: int = 0, pre: str | None = None,
                 build: str | None = None) -> None:
        self.Major, self.Minor, self.Patch = major, minor, patch
        self.PreReleaseLabel, self.BuildLabel = pre, build

    @classmethod
    def parse(cls, text: str) -> SemanticVersion:
        m = _SEMVER.match(text.strip())
        if not m:
            from pyshell.engine.conversions import ConversionError

            raise ConversionError(f'Cannot convert value "{text}" to type "System.Management.Automation.SemanticVersion". '
                                  f'Error: "The given value \'{text}\' is not a valid semantic version string."',
                                  error_id="InvalidCastParseTargetInvocation")
        return cls(int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0), m.group(4), m.group(5))

    def ToString(self) -> str:  # noqa: N802
        text = f"{self.Major}.{self.Minor}.{self.Patch}"
        if self.PreReleaseLabel:
            text += "-" + self.PreReleaseLabel
        if self.BuildLabel:
            text += "+" + self.BuildLabel
        return text

    ps_to_string = ToString

    def _key(self) -> tuple[Any, ...]:
        """Semantic Versioning 2.0 precedence: a pre-release sorts before its release; build labels are ignored."""
        pre: tuple[Any, ...] = (1,)
        if self.PreReleaseLabel:
            pre = (0, *((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.PreReleaseLabel.split(".")))
        return (self.Major, self.Minor, self.Patch, pre)

    def CompareTo(self, other: Any) -> int:  # noqa: N802
        if other is None:
            return 1
        a, b = self._key(), to_semver(other)._key()
        return (a > b) - (a < b)

    def Equals(self, other: Any) -> bool:  # noqa: N802
        return isinstance(other, SemanticVersion) and self._key() == other._key()

    @classmethod
    def ps_coerce(cls, value: Any) -> SemanticVersion:
        return to_semver(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SemanticVersion) and self._key() == other._key()

    def __lt__(self, other: SemanticVersion) -> bool:
        return self._key() < to_semver(other)._key()

    def __gt__(self, other: SemanticVersion) -> bool:
        return self._key() > to_semver(other)._key()

    def __le__(self, other: SemanticVersion) -> bool:
        return not self > other

    def __ge__(self, other: SemanticVersion) -> bool:
        return not self < other

    def __hash__(self) -> int:
        return hash(self._key())


def to_semver(value: Any) -> SemanticVersion:
    """[semver]value: from a semver, a string, or a [version] (Build becomes Patch)."""
    from pyshell.engine.conversions import to_string

    if isinstance(value, SemanticVersion):
        return value
    if isinstance(value, Version):
        return SemanticVersion(value.Major, value.Minor, max(value.Build, 0))
    major, minor, patch = _version_parts(value)
    if major is not None and minor is not None and patch is not None:
        from pyshell.engine.objects import get_property

        pre, build = get_property(value, "PreReleaseLabel", None), get_property(value, "BuildLabel", None)
        return SemanticVersion(major, minor, patch, to_string(pre) if pre else None, to_string(build) if build else None)
    return SemanticVersion.parse(to_string(value))


def _version_parts(value: Any) -> tuple[int | None, int | None, int | None]:
    """Major, Minor and Patch of a version-like object (a property bag such as $PSVersionTable.PSVersion)."""
    from pyshell.engine.objects import MISSING, get_property

    parts = [get_property(value, n) for n in ("Major", "Minor", "Patch")]
    return tuple(None if p is MISSING or p is None else int(p) for p in parts)  # type: ignore[return-value]
