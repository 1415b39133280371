namespace TwilioConsole.Tests.Fakes;

/// <summary>Valid-looking SIDs for tests: prefix plus 32 hex digits derived from a number.</summary>
public static class Sids
{
    public static string Make(string prefix, int n) => prefix + n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    public static string Account(int n = 1) => Make("AC", n);

    public static string ApiKey(int n = 1) => Make("SK", n);

    public static string Workspace(int n = 1) => Make("WS", n);

    /// <summary>An Auth Token-shaped secret (32 hex digits).</summary>
    public static string AuthToken(int n = 1) => n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture).Replace('0', 'f');
}
