"""Get-Member's definition texts for the common .NET types, instance and static, as pwsh 7 shows them.

The engine implements these types' members in Python without signatures; Get-Member needs the .NET
overload lists (`string ToUpper(), string ToUpper(cultureinfo culture)`), so they are kept here as
small text tables: one member a line, `Name: overload | overload`; `=Name: type` is a read-only
property, `~Name: definition` a parameterized property. Static tables get pwsh's `static ` prefix.
"""

from __future__ import annotations

import functools

from pyshell.commands.staticdefs import OBJECT_STATICS, STATIC_TABLES

__all__ = ["extended_members", "instance_members", "static_members"]

Member = tuple[str, str, str]  # (name, member type, definition)

_FMT = "System.IFormatProvider provider"
_CONVERTIBLE = "\n".join(
    f"To{n}: {t} IConvertible.To{n}({_FMT})" for n, t in (
        ("Boolean", "bool"), ("Byte", "byte"), ("Char", "char"), ("DateTime", "datetime"), ("Decimal", "decimal"),
        ("Double", "double"), ("Int16", "short"), ("Int32", "int"), ("Int64", "long"), ("SByte", "sbyte"),
        ("Single", "float"), ("UInt16", "ushort"), ("UInt32", "uint"), ("UInt64", "ulong")))
_CONVERTIBLE += f"\nToType: System.Object IConvertible.ToType(type conversionType, {_FMT})"

_INSTANCE: dict[str, str] = {
    "System.String": """
Clone: System.Object Clone() | System.Object ICloneable.Clone()
CompareTo: int CompareTo(System.Object value) | int CompareTo(string strB) | int IComparable.CompareTo(System.Object obj) | int IComparable[string].CompareTo(string other)
Contains: bool Contains(string value) | bool Contains(string value, System.StringComparison comparisonType) | bool Contains(char value) | bool Contains(char value, System.StringComparison comparisonType)
CopyTo: void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count) | void CopyTo(System.Span[char] destination)
EndsWith: bool EndsWith(string value) | bool EndsWith(string value, System.StringComparison comparisonType) | bool EndsWith(string value, bool ignoreCase, cultureinfo culture) | bool EndsWith(char value)
EnumerateRunes: System.Text.StringRuneEnumerator EnumerateRunes()
Equals: bool Equals(System.Object obj) | bool Equals(string value) | bool Equals(string value, System.StringComparison comparisonType) | bool IEquatable[string].Equals(string other)
GetEnumerator: System.CharEnumerator GetEnumerator() | System.Collections.IEnumerator IEnumerable.GetEnumerator() | System.Collections.Generic.IEnumerator[char] IEnumerable[char].GetEnumerator()
GetHashCode: int GetHashCode() | int GetHashCode(System.StringComparison comparisonType)
GetType: type GetType()
GetTypeCode: System.TypeCode GetTypeCode() | System.TypeCode IConvertible.GetTypeCode()
IndexOf: int IndexOf(char value) | int IndexOf(char value, int startIndex) | int IndexOf(char value, System.StringComparison comparisonType) | int IndexOf(char value, int startIndex, int count) | int IndexOf(string value) | int IndexOf(string value, int startIndex) | int IndexOf(string value, int startIndex, int count) | int IndexOf(string value, System.StringComparison comparisonType) | int IndexOf(string value, int startIndex, System.StringComparison comparisonType) | int IndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)
IndexOfAny: int IndexOfAny(char[] anyOf) | int IndexOfAny(char[] anyOf, int startIndex) | int IndexOfAny(char[] anyOf, int startIndex, int count)
Insert: string Insert(int startIndex, string value)
IsNormalized: bool IsNormalized() | bool IsNormalized(System.Text.NormalizationForm normalizationForm)
LastIndexOf: int LastIndexOf(char value) | int LastIndexOf(char value, int startIndex) | int LastIndexOf(char value, int startIndex, int count) | int LastIndexOf(string value) | int LastIndexOf(string value, int startIndex) | int LastIndexOf(string value, int startIndex, int count) | int LastIndexOf(string value, System.StringComparison comparisonType) | int LastIndexOf(string value, int startIndex, System.StringComparison comparisonType) | int LastIndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)
LastIndexOfAny: int LastIndexOfAny(char[] anyOf) | int LastIndexOfAny(char[] anyOf, int startIndex) | int LastIndexOfAny(char[] anyOf, int startIndex, int count)
Normalize: string Normalize() | string Normalize(System.Text.NormalizationForm normalizationForm)
PadLeft: string PadLeft(int totalWidth) | string PadLeft(int totalWidth, char paddingChar)
PadRight: string PadRight(int totalWidth) | string PadRight(int totalWidth, char paddingChar)
Remove: string Remove(int startIndex, int count) | string Remove(int startIndex)
Replace: string Replace(string oldValue, string newValue, bool ignoreCase, cultureinfo culture) | string Replace(string oldValue, string newValue, System.StringComparison comparisonType) | string Replace(char oldChar, char newChar) | string Replace(string oldValue, string newValue)
ReplaceLineEndings: string ReplaceLineEndings() | string ReplaceLineEndings(string replacementText)
Split: string[] Split(char separator, System.StringSplitOptions options) | string[] Split(char separator, int count, System.StringSplitOptions options) | string[] Split(Params char[] separator) | string[] Split(char[] separator, int count) | string[] Split(char[] separator, System.StringSplitOptions options) | string[] Split(char[] separator, int count, System.StringSplitOptions options) | string[] Split(string separator, System.StringSplitOptions options) | string[] Split(string separator, int count, System.StringSplitOptions options) | string[] Split(string[] separator, System.StringSplitOptions options) | string[] Split(string[] separator, int count, System.StringSplitOptions options)
StartsWith: bool StartsWith(string value) | bool StartsWith(string value, System.StringComparison comparisonType) | bool StartsWith(string value, bool ignoreCase, cultureinfo culture) | bool StartsWith(char value)
Substring: string Substring(int startIndex) | string Substring(int startIndex, int length)
ToCharArray: char[] ToCharArray() | char[] ToCharArray(int startIndex, int length)
ToLower: string ToLower() | string ToLower(cultureinfo culture)
ToLowerInvariant: string ToLowerInvariant()
ToString: string ToString() | string ToString(System.IFormatProvider provider) | string IConvertible.ToString(System.IFormatProvider provider)
ToUpper: string ToUpper() | string ToUpper(cultureinfo culture)
ToUpperInvariant: string ToUpperInvariant()
Trim: string Trim() | string Trim(char trimChar) | string Trim(Params char[] trimChars)
TrimEnd: string TrimEnd() | string TrimEnd(char trimChar) | string TrimEnd(Params char[] trimChars)
TrimStart: string TrimStart() | string TrimStart(char trimChar) | string TrimStart(Params char[] trimChars)
TryCopyTo: bool TryCopyTo(System.Span[char] destination)
~Chars: char Chars(int index) {get;}
=Length: int
""" + _CONVERTIBLE,
}

_NUMBER_INSTANCE = """
CompareTo: int CompareTo(System.Object value) | int CompareTo({t} value) | int IComparable.CompareTo(System.Object obj) | int IComparable[{t}].CompareTo({t} other)
Equals: bool Equals(System.Object obj) | bool Equals({t} obj) | bool IEquatable[{t}].Equals({t} other)
GetHashCode: int GetHashCode()
GetType: type GetType()
GetTypeCode: System.TypeCode GetTypeCode() | System.TypeCode IConvertible.GetTypeCode()
ToString: string ToString() | string ToString(string format) | string ToString(System.IFormatProvider provider) | string ToString(string format, System.IFormatProvider provider) | string IConvertible.ToString(System.IFormatProvider provider)
TryFormat: bool TryFormat(System.Span[char] destination, [ref] int charsWritten, System.ReadOnlySpan[char] format, System.IFormatProvider provider) | bool TryFormat(System.Span[byte] utf8Destination, [ref] int bytesWritten, System.ReadOnlySpan[char] format, System.IFormatProvider provider)
""" + _CONVERTIBLE

_INSTANCE["System.Int32"] = _NUMBER_INSTANCE.replace("{t}", "int")
_INSTANCE["System.Int64"] = _NUMBER_INSTANCE.replace("{t}", "long")
_INSTANCE["System.Double"] = _NUMBER_INSTANCE.replace("{t}", "double")
_INSTANCE["System.DateTime"] = """
Add: datetime Add(timespan value)
AddDays: datetime AddDays(double value)
AddHours: datetime AddHours(double value)
AddMicroseconds: datetime AddMicroseconds(double value)
AddMilliseconds: datetime AddMilliseconds(double value)
AddMinutes: datetime AddMinutes(double value)
AddMonths: datetime AddMonths(int months)
AddSeconds: datetime AddSeconds(double value)
AddTicks: datetime AddTicks(long value)
AddYears: datetime AddYears(int value)
CompareTo: int CompareTo(System.Object value) | int CompareTo(datetime value) | int IComparable.CompareTo(System.Object obj) | int IComparable[datetime].CompareTo(datetime other)
Equals: bool Equals(System.Object value) | bool Equals(datetime value) | bool IEquatable[datetime].Equals(datetime other)
GetDateTimeFormats: string[] GetDateTimeFormats() | string[] GetDateTimeFormats(System.IFormatProvider provider) | string[] GetDateTimeFormats(char format) | string[] GetDateTimeFormats(char format, System.IFormatProvider provider)
GetHashCode: int GetHashCode()
GetType: type GetType()
GetTypeCode: System.TypeCode GetTypeCode() | System.TypeCode IConvertible.GetTypeCode()
IsDaylightSavingTime: bool IsDaylightSavingTime()
Subtract: timespan Subtract(datetime value) | datetime Subtract(timespan value)
ToBinary: long ToBinary()
ToFileTime: long ToFileTime()
ToFileTimeUtc: long ToFileTimeUtc()
ToLocalTime: datetime ToLocalTime()
ToLongDateString: string ToLongDateString()
ToLongTimeString: string ToLongTimeString()
ToOADate: double ToOADate()
ToShortDateString: string ToShortDateString()
ToShortTimeString: string ToShortTimeString()
ToString: string ToString() | string ToString(string format) | string ToString(System.IFormatProvider provider) | string ToString(string format, System.IFormatProvider provider) | string IConvertible.ToString(System.IFormatProvider provider)
ToUniversalTime: datetime ToUniversalTime()
=Date: datetime
=Day: int
=DayOfWeek: System.DayOfWeek
=DayOfYear: int
=Hour: int
=Kind: System.DateTimeKind
=Microsecond: int
=Millisecond: int
=Minute: int
=Month: int
=Nanosecond: int
=Second: int
=Ticks: long
=TimeOfDay: timespan
=Year: int
""" + "\n".join(line for line in _CONVERTIBLE.splitlines() if not line.startswith("ToDateTime"))
_INSTANCE["System.TimeSpan"] = """
Add: timespan Add(timespan ts)
CompareTo: int CompareTo(System.Object value) | int CompareTo(timespan value) | int IComparable.CompareTo(System.Object obj) | int IComparable[timespan].CompareTo(timespan other)
Divide: timespan Divide(double divisor) | double Divide(timespan ts)
Duration: timespan Duration()
Equals: bool Equals(System.Object value) | bool Equals(timespan obj) | bool IEquatable[timespan].Equals(timespan other)
GetHashCode: int GetHashCode()
GetType: type GetType()
Multiply: timespan Multiply(double factor)
Negate: timespan Negate()
Subtract: timespan Subtract(timespan ts)
ToString: string ToString() | string ToString(string format) | string ToString(string format, System.IFormatProvider formatProvider)
=Days: int
=Hours: int
=Microseconds: int
=Milliseconds: int
=Minutes: int
=Nanoseconds: int
=Seconds: int
=Ticks: long
=TotalDays: double
=TotalHours: double
=TotalMicroseconds: double
=TotalMilliseconds: double
=TotalMinutes: double
=TotalNanoseconds: double
=TotalSeconds: double
"""

_INSTANCE["System.Collections.Hashtable"] = """
Add: void Add(System.Object key, System.Object value)
Clear: void Clear()
Clone: System.Object Clone()
Contains: bool Contains(System.Object key)
ContainsKey: bool ContainsKey(System.Object key)
ContainsValue: bool ContainsValue(System.Object value)
CopyTo: void CopyTo(array array, int arrayIndex)
Equals: bool Equals(System.Object obj)
GetEnumerator: System.Collections.IDictionaryEnumerator GetEnumerator() | System.Collections.IEnumerator IEnumerable.GetEnumerator()
GetHashCode: int GetHashCode()
GetObjectData: void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)
GetType: type GetType()
OnDeserialization: void OnDeserialization(System.Object sender)
Remove: void Remove(System.Object key)
ToString: string ToString()
~Item: System.Object Item(System.Object key) {get;set;}
=Count: int
=IsFixedSize: bool
=IsReadOnly: bool
=IsSynchronized: bool
=Keys: System.Collections.ICollection
=SyncRoot: System.Object
=Values: System.Collections.ICollection
"""

_INSTANCE["System.Collections.Specialized.OrderedDictionary"] = """
Add: void Add(System.Object key, System.Object value)
AsReadOnly: System.Collections.Specialized.OrderedDictionary AsReadOnly()
Clear: void Clear()
Contains: bool Contains(System.Object key)
CopyTo: void CopyTo(array array, int index)
Equals: bool Equals(System.Object obj)
GetEnumerator: System.Collections.IDictionaryEnumerator GetEnumerator()
GetHashCode: int GetHashCode()
GetObjectData: void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)
GetType: type GetType()
Insert: void Insert(int index, System.Object key, System.Object value)
Remove: void Remove(System.Object key)
RemoveAt: void RemoveAt(int index)
ToString: string ToString()
~Item: System.Object Item(int index) {get;set;}, System.Object Item(System.Object key) {get;set;}
=Count: int
=IsReadOnly: bool
=Keys: System.Collections.ICollection
=Values: System.Collections.ICollection
"""


_DATETIME_SCRIPT = "\n          ".join((
    'if ((& { Set-StrictMode -Version 1; $this.DisplayHint }) -ieq  "Date")', "{",
    '"{0}" -f $this.ToLongDateString()', "}",
    'elseif ((& { Set-StrictMode -Version 1; $this.DisplayHint }) -ieq "Time")', "{",
    '"{0}" -f  $this.ToLongTimeString()', "}", "else", "{",
    '"{0} {1}" -f $this.ToLongDateString(), $this.ToLongTimeString()', "}"))
#: members types.ps1xml adds to every instance of a type (pwsh's extended view)
_FILE_BASENAME = ("if ($this.Extension.Length -gt 0){$this.Name.Remove($this.Name.Length - $this.Extension.Length)}"
                  "else{$this.Name}")
_EXTENDED: dict[str, tuple[Member, ...]] = {
    "System.DateTime": (("DateTime", "ScriptProperty", f"System.Object DateTime {{get={_DATETIME_SCRIPT};}}"),),
    "System.IO.FileInfo": (("BaseName", "ScriptProperty", f"System.Object BaseName {{get={_FILE_BASENAME};}}"),),
    "System.IO.DirectoryInfo": (("BaseName", "ScriptProperty", "System.Object BaseName {get=$this.Name;}"),),
}


def _parse(table: str, static: bool) -> tuple[Member, ...]:
    """The rows of one text table (see the module docstring)."""
    rows: list[Member] = []
    prefix = "static " if static else ""
    for line in table.strip().splitlines():
        name, _, rest = line.partition(": ")
        if name.startswith("="):
            name = name[1:]
            accessors = "" if rest.endswith("}") else " {get;}"
            type_name, _, explicit = rest.partition(" ")
            rows.append((name, "Property", f"{prefix}{type_name} {name}{' ' + explicit if explicit else accessors}"))
        elif name.startswith("~"):
            rows.append((name[1:], "ParameterizedProperty", rest))
        else:
            overloads = rest.split(" | ")
            if static and name != "new":
                overloads = [prefix + o for o in overloads]
            rows.append((name, "Method", ", ".join(overloads)))
    return tuple(rows)


@functools.cache
def instance_members(type_name: str) -> tuple[Member, ...] | None:
    """The .NET members pwsh lists for an instance of type_name, or None when not tabled here."""
    table = _INSTANCE.get(type_name)
    return _parse(table, static=False) if table is not None else None


def extended_members(type_name: str) -> tuple[Member, ...]:
    """The type-data members (script properties) every instance of type_name has."""
    return _EXTENDED.get(type_name, ())


@functools.cache
def static_members(type_name: str) -> tuple[Member, ...]:
    """The static members `Get-Member -Static` lists for type_name (Object's two when not tabled)."""
    return _parse(STATIC_TABLES.get(type_name, OBJECT_STATICS), static=True)
