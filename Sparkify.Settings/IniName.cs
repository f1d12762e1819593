namespace Sparkify.Settings;

/// <summary>A name written in an INI file: a <c>[SECTION]</c> header (no key) or a key under one, with its line.</summary>
/// <remarks>Names only, never values, so what is built from these (warnings) cannot show a password or a secret.</remarks>
public sealed record IniName(string Section, string? Key, int Line);
