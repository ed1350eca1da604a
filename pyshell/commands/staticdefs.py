"""The static member tables of Get-Member -Static: pwsh 7's definitions for the common .NET types.

Same text format as memberdefs.py (`Name: overload | overload`, `=Name: type` for a read-only
property); memberdefs adds the `static ` prefix when it parses them.
"""

from __future__ import annotations

__all__ = ["OBJECT_STATICS", "STATIC_TABLES"]

OBJECT_STATICS = """
Equals: bool Equals(System.Object objA, System.Object objB)
ReferenceEquals: bool ReferenceEquals(System.Object objA, System.Object objB)
"""
_NUMBER_STATICS = """
Abs: {t} Abs({t} value)
Clamp: {t} Clamp({t} value, {t} min, {t} max)
CopySign: {t} CopySign({t} value, {t} sign)
IsEvenInteger: bool IsEvenInteger({t} value)
IsNegative: bool IsNegative({t} value)
IsOddInteger: bool IsOddInteger({t} value)
IsPositive: bool IsPositive({t} value)
IsPow2: bool IsPow2({t} value)
Log2: {t} Log2({t} value)
Max: {t} Max({t} x, {t} y)
MaxMagnitude: {t} MaxMagnitude({t} x, {t} y)
Min: {t} Min({t} x, {t} y)
MinMagnitude: {t} MinMagnitude({t} x, {t} y)
Parse: {t} Parse(string s) | {t} Parse(string s, System.Globalization.NumberStyles style) | {t} Parse(string s, System.IFormatProvider provider) | {t} Parse(string s, System.Globalization.NumberStyles style, System.IFormatProvider provider) | {t} Parse(System.ReadOnlySpan[char] s, System.Globalization.NumberStyles style, System.IFormatProvider provider) | {t} Parse(System.ReadOnlySpan[char] s, System.IFormatProvider provider)
PopCount: {t} PopCount({t} value)
Sign: int Sign({t} value)
TryParse: bool TryParse(string s, [ref] {t} result) | bool TryParse(System.ReadOnlySpan[char] s, [ref] {t} result) | bool TryParse(string s, System.IFormatProvider provider, [ref] {t} result) | bool TryParse(string s, System.Globalization.NumberStyles style, System.IFormatProvider provider, [ref] {t} result) | bool TryParse(System.ReadOnlySpan[char] s, System.Globalization.NumberStyles style, System.IFormatProvider provider, [ref] {t} result)
=MaxValue: {t}
=MinValue: {t}
""" + OBJECT_STATICS

STATIC_TABLES: dict[str, str] = {
    "System.Object": OBJECT_STATICS,
    "System.String": """
Compare: int Compare(string strA, string strB) | int Compare(string strA, string strB, bool ignoreCase) | int Compare(string strA, string strB, System.StringComparison comparisonType) | int Compare(string strA, string strB, cultureinfo culture, System.Globalization.CompareOptions options) | int Compare(string strA, string strB, bool ignoreCase, cultureinfo culture) | int Compare(string strA, int indexA, string strB, int indexB, int length) | int Compare(string strA, int indexA, string strB, int indexB, int length, bool ignoreCase) | int Compare(string strA, int indexA, string strB, int indexB, int length, bool ignoreCase, cultureinfo culture) | int Compare(string strA, int indexA, string strB, int indexB, int length, cultureinfo culture, System.Globalization.CompareOptions options) | int Compare(string strA, int indexA, string strB, int indexB, int length, System.StringComparison comparisonType)
CompareOrdinal: int CompareOrdinal(string strA, string strB) | int CompareOrdinal(string strA, int indexA, string strB, int indexB, int length)
Concat: string Concat(System.Object arg0) | string Concat(System.Object arg0, System.Object arg1) | string Concat(System.Object arg0, System.Object arg1, System.Object arg2) | string Concat(Params System.Object[] args) | string Concat(System.Collections.Generic.IEnumerable[string] values) | string Concat(string str0, string str1) | string Concat(string str0, string str1, string str2) | string Concat(string str0, string str1, string str2, string str3) | string Concat(Params string[] values) | string Concat[T](System.Collections.Generic.IEnumerable[T] values)
Copy: string Copy(string str)
Equals: bool Equals(System.Object objA, System.Object objB) | bool Equals(string a, string b) | bool Equals(string a, string b, System.StringComparison comparisonType)
Format: string Format(string format, System.Object arg0) | string Format(string format, System.Object arg0, System.Object arg1) | string Format(string format, System.Object arg0, System.Object arg1, System.Object arg2) | string Format(string format, Params System.Object[] args) | string Format(System.IFormatProvider provider, string format, System.Object arg0) | string Format(System.IFormatProvider provider, string format, System.Object arg0, System.Object arg1) | string Format(System.IFormatProvider provider, string format, System.Object arg0, System.Object arg1, System.Object arg2) | string Format(System.IFormatProvider provider, string format, Params System.Object[] args)
Intern: string Intern(string str)
IsInterned: string IsInterned(string str)
IsNullOrEmpty: bool IsNullOrEmpty(string value)
IsNullOrWhiteSpace: bool IsNullOrWhiteSpace(string value)
Join: string Join(char separator, Params string[] value) | string Join(char separator, Params System.Object[] values) | string Join(char separator, string[] value, int startIndex, int count) | string Join(string separator, Params string[] value) | string Join(string separator, Params System.Object[] values) | string Join(string separator, System.Collections.Generic.IEnumerable[string] values) | string Join(string separator, string[] value, int startIndex, int count) | string Join[T](char separator, System.Collections.Generic.IEnumerable[T] values) | string Join[T](string separator, System.Collections.Generic.IEnumerable[T] values)
new: string new(char[] value) | string new(char[] value, int startIndex, int length) | string new(char c, int count) | string new(System.ReadOnlySpan[char] value)
ReferenceEquals: bool ReferenceEquals(System.Object objA, System.Object objB)
=Empty: string
""",
    "System.Int32": _NUMBER_STATICS.replace("{t}", "int"),
    "System.Int64": _NUMBER_STATICS.replace("{t}", "long"),
    "System.Double": _NUMBER_STATICS.replace("{t}", "double") + """
IsFinite: bool IsFinite(double d)
IsInfinity: bool IsInfinity(double d)
IsNaN: bool IsNaN(double d)
IsNegativeInfinity: bool IsNegativeInfinity(double d)
IsPositiveInfinity: bool IsPositiveInfinity(double d)
=Epsilon: double
=NaN: double
=NegativeInfinity: double
=PositiveInfinity: double
""",
    "System.Boolean": """
Parse: bool Parse(string value) | bool Parse(System.ReadOnlySpan[char] value)
TryParse: bool TryParse(string value, [ref] bool result) | bool TryParse(System.ReadOnlySpan[char] value, [ref] bool result)
=FalseString: string
=TrueString: string
""" + OBJECT_STATICS,
    "System.Char": """
ConvertFromUtf32: string ConvertFromUtf32(int utf32)
ConvertToUtf32: int ConvertToUtf32(char highSurrogate, char lowSurrogate) | int ConvertToUtf32(string s, int index)
GetNumericValue: double GetNumericValue(char c) | double GetNumericValue(string s, int index)
GetUnicodeCategory: System.Globalization.UnicodeCategory GetUnicodeCategory(char c) | System.Globalization.UnicodeCategory GetUnicodeCategory(string s, int index)
IsAscii: bool IsAscii(char c)
IsAsciiDigit: bool IsAsciiDigit(char c)
IsAsciiLetter: bool IsAsciiLetter(char c)
IsControl: bool IsControl(char c) | bool IsControl(string s, int index)
IsDigit: bool IsDigit(char c) | bool IsDigit(string s, int index)
IsLetter: bool IsLetter(char c) | bool IsLetter(string s, int index)
IsLetterOrDigit: bool IsLetterOrDigit(char c) | bool IsLetterOrDigit(string s, int index)
IsLower: bool IsLower(char c) | bool IsLower(string s, int index)
IsNumber: bool IsNumber(char c) | bool IsNumber(string s, int index)
IsPunctuation: bool IsPunctuation(char c) | bool IsPunctuation(string s, int index)
IsSeparator: bool IsSeparator(char c) | bool IsSeparator(string s, int index)
IsSurrogate: bool IsSurrogate(char c) | bool IsSurrogate(string s, int index)
IsSymbol: bool IsSymbol(char c) | bool IsSymbol(string s, int index)
IsUpper: bool IsUpper(char c) | bool IsUpper(string s, int index)
IsWhiteSpace: bool IsWhiteSpace(char c) | bool IsWhiteSpace(string s, int index)
Parse: char Parse(string s)
ToLower: char ToLower(char c, cultureinfo culture) | char ToLower(char c)
ToLowerInvariant: char ToLowerInvariant(char c)
ToString: string ToString(char c)
ToUpper: char ToUpper(char c, cultureinfo culture) | char ToUpper(char c)
ToUpperInvariant: char ToUpperInvariant(char c)
TryParse: bool TryParse(string s, [ref] char result)
=MaxValue: char
=MinValue: char
""" + OBJECT_STATICS,
    "System.DateTime": """
Compare: int Compare(datetime t1, datetime t2)
DaysInMonth: int DaysInMonth(int year, int month)
Equals: bool Equals(datetime t1, datetime t2) | bool Equals(System.Object objA, System.Object objB)
FromBinary: datetime FromBinary(long dateData)
FromFileTime: datetime FromFileTime(long fileTime)
FromFileTimeUtc: datetime FromFileTimeUtc(long fileTime)
FromOADate: datetime FromOADate(double d)
IsLeapYear: bool IsLeapYear(int year)
new: datetime new(long ticks) | datetime new(long ticks, System.DateTimeKind kind) | datetime new(int year, int month, int day) | datetime new(int year, int month, int day, int hour, int minute, int second) | datetime new(int year, int month, int day, int hour, int minute, int second, System.DateTimeKind kind) | datetime new(int year, int month, int day, int hour, int minute, int second, int millisecond)
Parse: datetime Parse(string s) | datetime Parse(string s, System.IFormatProvider provider) | datetime Parse(string s, System.IFormatProvider provider, System.Globalization.DateTimeStyles styles) | datetime Parse(System.ReadOnlySpan[char] s, System.IFormatProvider provider)
ParseExact: datetime ParseExact(string s, string format, System.IFormatProvider provider) | datetime ParseExact(string s, string format, System.IFormatProvider provider, System.Globalization.DateTimeStyles style) | datetime ParseExact(string s, string[] formats, System.IFormatProvider provider, System.Globalization.DateTimeStyles style)
ReferenceEquals: bool ReferenceEquals(System.Object objA, System.Object objB)
SpecifyKind: datetime SpecifyKind(datetime value, System.DateTimeKind kind)
TryParse: bool TryParse(string s, [ref] datetime result) | bool TryParse(string s, System.IFormatProvider provider, System.Globalization.DateTimeStyles styles, [ref] datetime result)
TryParseExact: bool TryParseExact(string s, string format, System.IFormatProvider provider, System.Globalization.DateTimeStyles style, [ref] datetime result) | bool TryParseExact(string s, string[] formats, System.IFormatProvider provider, System.Globalization.DateTimeStyles style, [ref] datetime result)
=MaxValue: datetime
=MinValue: datetime
=Now: datetime
=Today: datetime
=UnixEpoch: datetime
=UtcNow: datetime
""",
    "System.TimeSpan": """
Compare: int Compare(timespan t1, timespan t2)
Equals: bool Equals(timespan t1, timespan t2) | bool Equals(System.Object objA, System.Object objB)
FromDays: timespan FromDays(double value)
FromHours: timespan FromHours(double value)
FromMilliseconds: timespan FromMilliseconds(double value)
FromMinutes: timespan FromMinutes(double value)
FromSeconds: timespan FromSeconds(double value)
FromTicks: timespan FromTicks(long value)
new: timespan new(long ticks) | timespan new(int hours, int minutes, int seconds) | timespan new(int days, int hours, int minutes, int seconds) | timespan new(int days, int hours, int minutes, int seconds, int milliseconds)
Parse: timespan Parse(string s) | timespan Parse(string input, System.IFormatProvider formatProvider)
ParseExact: timespan ParseExact(string input, string format, System.IFormatProvider formatProvider) | timespan ParseExact(string input, string[] formats, System.IFormatProvider formatProvider)
ReferenceEquals: bool ReferenceEquals(System.Object objA, System.Object objB)
TryParse: bool TryParse(string s, [ref] timespan result) | bool TryParse(string input, System.IFormatProvider formatProvider, [ref] timespan result)
=MaxValue: timespan
=MinValue: timespan
=TicksPerDay: long
=TicksPerHour: long
=TicksPerMillisecond: long
=TicksPerMinute: long
=TicksPerSecond: long
=Zero: timespan
""",
    "System.Math": """
Abs: decimal Abs(decimal value) | double Abs(double value) | short Abs(short value) | int Abs(int value) | long Abs(long value) | sbyte Abs(sbyte value) | float Abs(float value)
Acos: double Acos(double d)
Asin: double Asin(double d)
Atan: double Atan(double d)
Atan2: double Atan2(double y, double x)
BigMul: long BigMul(int a, int b)
Cbrt: double Cbrt(double d)
Ceiling: decimal Ceiling(decimal d) | double Ceiling(double a)
Clamp: int Clamp(int value, int min, int max) | double Clamp(double value, double min, double max)
Cos: double Cos(double d)
Cosh: double Cosh(double value)
DivRem: int DivRem(int a, int b, [ref] int result) | long DivRem(long a, long b, [ref] long result)
Equals: bool Equals(System.Object objA, System.Object objB)
Exp: double Exp(double d)
Floor: decimal Floor(decimal d) | double Floor(double d)
Log: double Log(double d) | double Log(double a, double newBase)
Log10: double Log10(double d)
Log2: double Log2(double x)
Max: decimal Max(decimal val1, decimal val2) | double Max(double val1, double val2) | int Max(int val1, int val2) | long Max(long val1, long val2) | float Max(float val1, float val2)
Min: decimal Min(decimal val1, decimal val2) | double Min(double val1, double val2) | int Min(int val1, int val2) | long Min(long val1, long val2) | float Min(float val1, float val2)
Pow: double Pow(double x, double y)
ReferenceEquals: bool ReferenceEquals(System.Object objA, System.Object objB)
Round: decimal Round(decimal d) | decimal Round(decimal d, int decimals) | decimal Round(decimal d, System.MidpointRounding mode) | decimal Round(decimal d, int decimals, System.MidpointRounding mode) | double Round(double a) | double Round(double value, int digits) | double Round(double value, System.MidpointRounding mode) | double Round(double value, int digits, System.MidpointRounding mode)
Sign: int Sign(decimal value) | int Sign(double value) | int Sign(int value) | int Sign(long value) | int Sign(float value)
Sin: double Sin(double a)
Sinh: double Sinh(double value)
Sqrt: double Sqrt(double d)
Tan: double Tan(double a)
Tanh: double Tanh(double value)
Truncate: decimal Truncate(decimal d) | double Truncate(double d)
=E: double
=PI: double
=Tau: double
""",
    "System.Guid": """
NewGuid: guid NewGuid()
Parse: guid Parse(string input) | guid Parse(System.ReadOnlySpan[char] input)
ParseExact: guid ParseExact(string input, string format)
TryParse: bool TryParse(string input, [ref] guid result)
TryParseExact: bool TryParseExact(string input, string format, [ref] guid result)
new: guid new(byte[] b) | guid new(string g)
=Empty: guid
""" + OBJECT_STATICS,
    "System.IntPtr": """
Add: System.IntPtr Add(System.IntPtr pointer, int offset)
Subtract: System.IntPtr Subtract(System.IntPtr pointer, int offset)
=Size: int
=Zero: System.IntPtr
""" + OBJECT_STATICS,
    "System.Text.RegularExpressions.Regex": """
Escape: string Escape(string str)
IsMatch: bool IsMatch(string input, string pattern) | bool IsMatch(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)
Match: System.Text.RegularExpressions.Match Match(string input, string pattern) | System.Text.RegularExpressions.Match Match(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)
Matches: System.Text.RegularExpressions.MatchCollection Matches(string input, string pattern) | System.Text.RegularExpressions.MatchCollection Matches(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)
new: regex new(string pattern) | regex new(string pattern, System.Text.RegularExpressions.RegexOptions options)
Replace: string Replace(string input, string pattern, string replacement) | string Replace(string input, string pattern, string replacement, System.Text.RegularExpressions.RegexOptions options) | string Replace(string input, string pattern, System.Text.RegularExpressions.MatchEvaluator evaluator)
Split: string[] Split(string input, string pattern) | string[] Split(string input, string pattern, System.Text.RegularExpressions.RegexOptions options)
Unescape: string Unescape(string str)
=CacheSize: int {get;set;}
=InfiniteMatchTimeout: timespan
""" + OBJECT_STATICS,
    "System.IO.Path": """
ChangeExtension: string ChangeExtension(string path, string extension)
Combine: string Combine(string path1, string path2) | string Combine(string path1, string path2, string path3) | string Combine(string path1, string path2, string path3, string path4) | string Combine(Params string[] paths)
EndsInDirectorySeparator: bool EndsInDirectorySeparator(string path)
Exists: bool Exists(string path)
GetDirectoryName: string GetDirectoryName(string path)
GetExtension: string GetExtension(string path)
GetFileName: string GetFileName(string path)
GetFileNameWithoutExtension: string GetFileNameWithoutExtension(string path)
GetFullPath: string GetFullPath(string path) | string GetFullPath(string path, string basePath)
GetInvalidFileNameChars: char[] GetInvalidFileNameChars()
GetInvalidPathChars: char[] GetInvalidPathChars()
GetPathRoot: string GetPathRoot(string path)
GetRandomFileName: string GetRandomFileName()
GetRelativePath: string GetRelativePath(string relativeTo, string path)
GetTempFileName: string GetTempFileName()
GetTempPath: string GetTempPath()
HasExtension: bool HasExtension(string path)
IsPathFullyQualified: bool IsPathFullyQualified(string path)
IsPathRooted: bool IsPathRooted(string path)
Join: string Join(string path1, string path2) | string Join(string path1, string path2, string path3) | string Join(string path1, string path2, string path3, string path4) | string Join(Params string[] paths)
TrimEndingDirectorySeparator: string TrimEndingDirectorySeparator(string path)
=AltDirectorySeparatorChar: char
=DirectorySeparatorChar: char
=PathSeparator: char
=VolumeSeparatorChar: char
""" + OBJECT_STATICS,
    "System.Convert": """
ChangeType: System.Object ChangeType(System.Object value, type conversionType) | System.Object ChangeType(System.Object value, System.TypeCode typeCode)
FromBase64String: byte[] FromBase64String(string s)
FromHexString: byte[] FromHexString(string s)
IsDBNull: bool IsDBNull(System.Object value)
ToBase64String: string ToBase64String(byte[] inArray) | string ToBase64String(byte[] inArray, System.Base64FormattingOptions options)
ToBoolean: bool ToBoolean(System.Object value) | bool ToBoolean(string value) | bool ToBoolean(int value) | bool ToBoolean(double value)
ToByte: byte ToByte(System.Object value) | byte ToByte(string value) | byte ToByte(string value, int fromBase)
ToChar: char ToChar(System.Object value) | char ToChar(string value) | char ToChar(int value)
ToDateTime: datetime ToDateTime(System.Object value) | datetime ToDateTime(string value)
ToDecimal: decimal ToDecimal(System.Object value) | decimal ToDecimal(string value)
ToDouble: double ToDouble(System.Object value) | double ToDouble(string value)
ToHexString: string ToHexString(byte[] inArray)
ToInt16: short ToInt16(System.Object value) | short ToInt16(string value) | short ToInt16(string value, int fromBase)
ToInt32: int ToInt32(System.Object value) | int ToInt32(string value) | int ToInt32(string value, int fromBase) | int ToInt32(double value)
ToInt64: long ToInt64(System.Object value) | long ToInt64(string value) | long ToInt64(string value, int fromBase)
ToSingle: float ToSingle(System.Object value) | float ToSingle(string value)
ToString: string ToString(System.Object value) | string ToString(int value, int toBase) | string ToString(long value, int toBase) | string ToString(byte value, int toBase)
=DBNull: System.Object
""" + OBJECT_STATICS,
}
STATIC_TABLES["System.Environment"] = """
Exit: void Exit(int exitCode)
ExpandEnvironmentVariables: string ExpandEnvironmentVariables(string name)
FailFast: void FailFast(string message) | void FailFast(string message, System.Exception exception)
GetCommandLineArgs: string[] GetCommandLineArgs()
GetEnvironmentVariable: string GetEnvironmentVariable(string variable) | string GetEnvironmentVariable(string variable, System.EnvironmentVariableTarget target)
GetEnvironmentVariables: System.Collections.IDictionary GetEnvironmentVariables() | System.Collections.IDictionary GetEnvironmentVariables(System.EnvironmentVariableTarget target)
GetFolderPath: string GetFolderPath(System.Environment+SpecialFolder folder) | string GetFolderPath(System.Environment+SpecialFolder folder, System.Environment+SpecialFolderOption option)
GetLogicalDrives: string[] GetLogicalDrives()
SetEnvironmentVariable: void SetEnvironmentVariable(string variable, string value) | void SetEnvironmentVariable(string variable, string value, System.EnvironmentVariableTarget target)
=CommandLine: string
=CurrentDirectory: string {get;set;}
=CurrentManagedThreadId: int
=ExitCode: int {get;set;}
=HasShutdownStarted: bool
=Is64BitOperatingSystem: bool
=Is64BitProcess: bool
=IsPrivilegedProcess: bool
=MachineName: string
=NewLine: string
=OSVersion: System.OperatingSystem
=ProcessId: int
=ProcessorCount: int
=ProcessPath: string
=StackTrace: string
=SystemDirectory: string
=SystemPageSize: int
=TickCount: int
=TickCount64: long
=UserDomainName: string
=UserInteractive: bool
=UserName: string
=Version: version
=WorkingSet: long
""" + OBJECT_STATICS
STATIC_TABLES["System.Single"] = _NUMBER_STATICS.replace("{t}", "float")
STATIC_TABLES["System.Byte"] = _NUMBER_STATICS.replace("{t}", "byte")
STATIC_TABLES["System.Int16"] = _NUMBER_STATICS.replace("{t}", "short")
STATIC_TABLES["System.Decimal"] = _NUMBER_STATICS.replace("{t}", "decimal")
STATIC_TABLES["System.Numerics.BigInteger"] = _NUMBER_STATICS.replace("{t}", "bigint")
