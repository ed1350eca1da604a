"""Makes [cultureinfo] / [System.Globalization.CultureInfo] a type: conversion, statics, related names.

engine/types.py calls register() once; engine/culture.py is imported only when a script first uses the type.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = ["register", "set_culture_static"]

_CULTURE = "System.Globalization.CultureInfo"


def _culture() -> Any:
    import pyshell.engine.culture as culture

    return culture


def _convert(value: Any) -> Any:
    """[cultureinfo]value, failing as pwsh's constructor conversion does; [cultureinfo]$null stays $null."""
    if value is None:
        return None
    c = _culture()
    try:
        return c.to_culture(value)
    except c.CultureNotFound as e:
        from pyshell.engine.conversions import ConversionError, to_string

        raise ConversionError(f'Cannot convert value "{to_string(value)}" to type "{_CULTURE}". Error: "{e}"',
                              error_id="InvalidCastConstructorException") from None


def _method(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A static method whose CultureNotFoundException reaches the script as pwsh wraps it."""
    @functools.wraps(fn)  # keeps fn's signature, so a wrong argument count is pwsh's overload error
    def call(*args: Any) -> Any:
        c = _culture()
        try:
            return fn(*args)
        except c.CultureNotFound as e:
            from pyshell.engine.method_errors import NetError, wrap_method_error

            inner = NetError(str(e), "System.Globalization.CultureNotFoundException")
            raise wrap_method_error(name, len(args), inner) from None

    return call


def _get_culture_info(name: Any, *_: Any) -> Any:
    c = _culture()
    if isinstance(name, int) and not isinstance(name, bool):
        return c.culture_from_lcid(int(name), read_only=True)
    return c.get_culture("" if name is None else str(name))


def _new(name: Any, use_user_override: Any = True) -> Any:
    c = _culture()
    if isinstance(name, int) and not isinstance(name, bool):
        return c.culture_from_lcid(int(name))
    return c.CultureInfo("" if name is None else str(name), bool(use_user_override))


def _get_cultures(*_: Any) -> list[Any]:
    c = _culture()
    return [c.get_culture(n) for n in c.available_names()]


def _specific(name: Any) -> Any:
    """CreateSpecificCulture: a neutral name gets its usual region (de -> de-DE)."""
    text = "" if name is None else str(name)
    regions = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "tr": "tr-TR", "ja": "ja-JP", "ru": "ru-RU", "es": "es-ES"}
    return _culture().CultureInfo(regions.get(text.lower(), text))


#: static properties scripts may assign: name -> setter
_SETTERS: dict[str, Callable[[Any], None]] = {
    "currentculture": lambda v: _culture().set_current_culture(v),
    "currentuiculture": lambda v: _culture().set_current_culture(v, ui=True),
}


def set_culture_static(name: str, value: Any) -> bool:
    """[CultureInfo]::CurrentCulture = value; False when name is no settable static property."""
    setter = _SETTERS.get(name.lower())
    if setter is None:
        return False
    culture = _convert(value)
    if culture is None:
        from pyshell.engine.method_errors import NetError

        err = NetError(f'Exception setting "{name}": "Value cannot be null. (Parameter \'value\')"',
                       "System.Management.Automation.SetValueInvocationException", error_id="ExceptionWhenSetting")
        raise err
    setter(culture)
    return True


def register(static_types: dict[str, dict[str, Any]], aliases: dict[str, str], known: set[str],
             converters: dict[str, Callable[[Any], Any]]) -> None:
    """Add CultureInfo to engine/types.py's tables (existing entries win)."""
    aliases.setdefault("cultureinfo", _CULTURE)
    for short in ("TextInfo", "NumberFormatInfo", "DateTimeFormatInfo", "CompareInfo", "CultureNotFoundException"):
        known.add("System.Globalization." + short)
    converters.setdefault(_CULTURE, _convert)
    static_types.setdefault(_CULTURE, {
        "CurrentCulture": property(lambda: _culture().current_culture()),
        "CurrentUICulture": property(lambda: _culture().current_culture(ui=True)),
        "InvariantCulture": property(lambda: _culture().get_culture("")),
        "DefaultThreadCurrentCulture": None,
        "DefaultThreadCurrentUICulture": None,
        "GetCultureInfo": _method("GetCultureInfo", _get_culture_info),
        "GetCultureInfoByIetfLanguageTag": _method("GetCultureInfoByIetfLanguageTag", _get_culture_info),
        "GetCultures": _get_cultures,
        "CreateSpecificCulture": _method("CreateSpecificCulture", _specific),
        "new": _method(".ctor", _new),
    })
