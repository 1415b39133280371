namespace TwilioConsole.Core;

/// <summary>Keeps text that comes from outside (Twilio messages, task attributes) within its column's length.</summary>
internal static class TextBounds
{
    public static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
