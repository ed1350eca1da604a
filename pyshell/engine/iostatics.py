"""[System.IO.Path], [System.IO.File], [System.IO.Directory] and [Environment]::GetFolderPath as .NET has them on
Unix. Relative paths resolve against the process's directory, as .NET's do (not against Set-Location's)."""

from __future__ import annotations

import os
import shutil
from typing import Any

from pyshell.engine.conversions import to_string
from pyshell.engine.objects import PSChar

__all__ = ["PATH_STATICS", "FILE_STATICS", "DIRECTORY_STATICS", "get_folder_path"]


def _io_error(method: str, count: int, err: OSError, path: str) -> Exception:
    """An OSError as .NET's exception text inside pwsh's MethodInvocationException."""
    from pyshell.engine.arrays import _method_error

    if isinstance(err, FileNotFoundError):
        kind = "DirectoryNotFoundException" if not os.path.isdir(os.path.dirname(path) or ".") else \
            "FileNotFoundException"
        text = (f"Could not find a part of the path '{path}'." if kind == "DirectoryNotFoundException"
                else f"Could not find file '{path}'.")
        return _method_error(method, count, text, kind)
    if isinstance(err, PermissionError):
        return _method_error(method, count, f"Access to the path '{path}' is denied.", "UnauthorizedAccessException")
    return _method_error(method, count, f"{err.strerror or err} : '{path}'", "IOException")


def _full(p: Any) -> str:
    text = to_string(p)
    return os.path.abspath(os.path.expanduser(text) if text.startswith("~/") else text)


def _chars(text: str) -> list[Any]:
    from pyshell.engine.generics import TypedArray

    return TypedArray([PSChar(c) for c in text], "System.Char")


def _change_extension(path: Any, ext: Any) -> str | None:
    if path is None:
        return None
    p = to_string(path)
    root, _old = os.path.splitext(p)
    if ext is None:
        return root
    e = to_string(ext)
    return root + ("" if not e else e if e.startswith(".") else "." + e)


def _relative(base: Any, target: Any) -> str:
    return os.path.relpath(_full(target), _full(base))


PATH_STATICS: dict[str, Any] = {
    "GetInvalidFileNameChars": lambda: _chars("\0/"), "GetInvalidPathChars": lambda: _chars("\0"),
    "AltDirectorySeparatorChar": PSChar("/"), "VolumeSeparatorChar": PSChar("/"),
    "Join": lambda *p: "/".join(s.rstrip("/") if i < len(p) - 1 else s for i, s in enumerate(to_string(x) for x in p)
                                if s or i == len(p) - 1),
    "ChangeExtension": _change_extension, "HasExtension": lambda p: bool(os.path.splitext(to_string(p))[1]),
    "GetPathRoot": lambda p: "/" if to_string(p).startswith("/") else "",
    "GetRelativePath": _relative, "TrimEndingDirectorySeparator": lambda p: to_string(p).rstrip("/") or "/",
    "EndsInDirectorySeparator": lambda p: to_string(p).endswith("/"),
    "GetTempFileName": lambda: _temp_file(),
}


def _temp_file() -> str:
    import tempfile

    fd, name = tempfile.mkstemp(suffix=".tmp")
    os.close(fd)
    return name


def _read_bytes(p: Any) -> list[Any]:
    from pyshell.engine.generics import TypedArray
    from pyshell.numeric import typed_int

    path = _full(p)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        raise _io_error("ReadAllBytes", 1, err, path) from None
    return TypedArray([typed_int("System.Byte", b) for b in data], "System.Byte")


def _write(method: str, p: Any, data: bytes | str, append: bool = False, count: int = 2) -> None:
    path = _full(p)
    mode = ("a" if append else "w") + ("b" if isinstance(data, bytes) else "")
    try:
        if isinstance(data, bytes):
            with open(path, mode) as fb:
                fb.write(data)
        else:
            with open(path, mode, encoding="utf-8", newline="") as ft:
                ft.write(data)
    except OSError as err:
        raise _io_error(method, count, err, path) from None


def _read_text(method: str, p: Any) -> str:
    path = _full(p)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    except OSError as err:
        raise _io_error(method, 1, err, path) from None


def _lines(items: Any) -> str:
    values = items if isinstance(items, list) else [items]
    return "".join(to_string(v) + "\n" for v in values)


def _delete_file(p: Any) -> None:
    path = _full(p)
    try:
        os.remove(path)
    except FileNotFoundError:
        if not os.path.isdir(os.path.dirname(path) or "."):
            raise _io_error("Delete", 1, FileNotFoundError(path), path) from None
    except OSError as err:
        raise _io_error("Delete", 1, err, path) from None


def _copy_file(src: Any, dst: Any, overwrite: Any = False) -> None:
    s, d = _full(src), _full(dst)
    if os.path.exists(d) and not overwrite:
        from pyshell.engine.arrays import _method_error

        raise _method_error("Copy", 2, f"The file '{d}' already exists.", "IOException")
    try:
        shutil.copyfile(s, d)
    except OSError as err:
        raise _io_error("Copy", 2, err, s) from None


FILE_STATICS: dict[str, Any] = {
    "ReadAllText": lambda p, *_: _read_text("ReadAllText", p),
    "ReadAllLines": lambda p, *_: _strings(_read_text("ReadAllLines", p).splitlines()),
    "ReadAllBytes": _read_bytes,
    "WriteAllText": lambda p, t, *_: _write("WriteAllText", p, to_string(t)),
    "WriteAllLines": lambda p, lines, *_: _write("WriteAllLines", p, _lines(lines)),
    "WriteAllBytes": lambda p, b: _write("WriteAllBytes", p, bytes(int(x) & 0xFF for x in (b or []))),
    "AppendAllText": lambda p, t, *_: _write("AppendAllText", p, to_string(t), append=True),
    "AppendAllLines": lambda p, lines, *_: _write("AppendAllLines", p, _lines(lines), append=True),
    "Delete": _delete_file, "Copy": _copy_file,
    "Move": lambda s, d, *_: shutil.move(_full(s), _full(d)) and None,
}


def _create_directory(p: Any) -> Any:
    from pyshell.engine.dotnet_ctors import new_directory_info

    path = _full(p)
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as err:
        raise _io_error("CreateDirectory", 1, err, path) from None
    return new_directory_info(to_string(p))


def _delete_directory(p: Any, recursive: Any = False) -> None:
    path = _full(p)
    try:
        shutil.rmtree(path) if recursive else os.rmdir(path)
    except OSError as err:
        raise _io_error("Delete", 1 + (recursive is not False), err, path) from None


def _strings(items: list[str]) -> list[str]:
    from pyshell.engine.generics import TypedArray

    return TypedArray(items, "System.String")


def _entries(p: Any, pattern: Any, want_dirs: bool | None, method: str) -> list[str]:
    from pyshell.engine.operators import like

    path = _full(p)
    try:
        names = sorted(os.listdir(path))
    except OSError as err:
        raise _io_error(method, 1, err, path) from None
    pat = to_string(pattern) if pattern is not None else "*"
    out = []
    for n in names:
        full = os.path.join(path, n)
        if want_dirs is not None and os.path.isdir(full) != want_dirs:
            continue
        if like(n, pat, case_sensitive=True):
            out.append(os.path.join(to_string(p), n))
    return _strings(out)


DIRECTORY_STATICS: dict[str, Any] = {
    "CreateDirectory": _create_directory, "Delete": _delete_directory,
    "GetFiles": lambda p, pat=None, *_: _entries(p, pat, False, "GetFiles"),
    "GetDirectories": lambda p, pat=None, *_: _entries(p, pat, True, "GetDirectories"),
    "GetFileSystemEntries": lambda p, pat=None, *_: _entries(p, pat, None, "GetFileSystemEntries"),
    "EnumerateFiles": lambda p, pat=None, *_: _entries(p, pat, False, "EnumerateFiles"),
    "EnumerateDirectories": lambda p, pat=None, *_: _entries(p, pat, True, "EnumerateDirectories"),
    "Move": lambda s, d: shutil.move(_full(s), _full(d)) and None,
    "GetParent": lambda p: __import__("pyshell.engine.dotnet_ctors", fromlist=["x"]).new_directory_info(
        os.path.dirname(_full(p).rstrip("/")) or "/"),
}

#: Environment.SpecialFolder members and where .NET puts them on Unix
_FOLDERS = {
    "Desktop": "~/Desktop", "DesktopDirectory": "~/Desktop", "MyDocuments": "~", "Personal": "~", "MyMusic": "~/Music",
    "MyPictures": "~/Pictures", "MyVideos": "~/Videos", "UserProfile": "~", "ApplicationData": "~/.config",
    "LocalApplicationData": "~/.local/share", "CommonApplicationData": "/usr/share", "Templates": "~/Templates",
    "Fonts": "~/.fonts", "Programs": "", "Favorites": "", "Startup": "", "Recent": "", "SendTo": "",
    "StartMenu": "", "MyComputer": "", "NetworkShortcuts": "", "CommonStartMenu": "", "CommonPrograms": "",
    "CommonStartup": "", "CommonDesktopDirectory": "", "PrinterShortcuts": "", "InternetCache": "", "Cookies": "",
    "History": "", "Windows": "", "System": "", "ProgramFiles": "", "SystemX86": "", "ProgramFilesX86": "",
    "CommonProgramFiles": "", "CommonProgramFilesX86": "", "CommonTemplates": "/usr/share/templates",
    "CommonDocuments": "", "CommonAdminTools": "", "AdminTools": "", "CommonMusic": "", "CommonPictures": "",
    "CommonVideos": "", "Resources": "", "LocalizedResources": "", "CommonOemLinks": "", "CDBurning": "",
}


def get_folder_path(folder: Any, *_: Any) -> str:
    """[Environment]::GetFolderPath(SpecialFolder): a name, or an unambiguous start of one ('user')."""
    text = to_string(folder).strip()
    low = text.lower()
    exact = next((k for k in _FOLDERS if k.lower() == low), None)
    matches = [exact] if exact else [k for k in _FOLDERS if k.lower().startswith(low)] if low else []
    if len(matches) != 1:
        from pyshell.errors import RuntimeScriptError

        kind = "System.Environment+SpecialFolder"
        err = RuntimeScriptError(
            f'Cannot convert argument "folder", with value: "{text}", for "GetFolderPath" to type "{kind}": "Cannot '
            f'convert value "{text}" to type "{kind}". Error: "Unable to match the identifier name {text} to a valid '
            f'enumerator name. Specify one of the following enumerator names and try again:\n{", ".join(_FOLDERS)}""',
            error_id="MethodArgumentConversionInvalidCastArgument", category="NotSpecified", reason="MethodException")
        err.ps_type_name = "System.Management.Automation.MethodException"
        raise err
    where = _FOLDERS[matches[0]]
    if not where:
        return ""
    path = os.path.expanduser(where)
    return path if where.startswith("/") or os.path.isdir(path) or where == "~" else ""
