using System.Text.RegularExpressions;

namespace TwilioConsole.Core.Twilio;

/// <summary>Twilio SIDs: a two-letter prefix and 32 hexadecimal digits (34 characters).</summary>
public static partial class TwilioSid
{
    public static bool IsValid(string? value, string prefix) =>
        value is { Length: 34 } && value.StartsWith(prefix, StringComparison.Ordinal) && HexTail().IsMatch(value.AsSpan(2));

    /// <summary>A message that says what a valid SID of this kind looks like, or null when it is valid.</summary>
    public static string? Check(string? value, string prefix, string what) =>
        IsValid(value, prefix)
            ? null
            : $"{what} starts with '{prefix}' followed by 32 hexadecimal characters (34 in all).";

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex HexTail();
}
