namespace TwilioConsole.Core.Sandbox;

/// <summary>The fixed identities of the Sandbox's stand-in account: SIDs of the right shape that no real account has.</summary>
public static class SandboxAccount
{
    public const string AccountSid = "AC5a4db0c5a4db0c5a4db0c5a4db0c5a4";
    public const string WorkspaceSid = "WS5a4db0c5a4db0c5a4db0c5a4db0c5a4";
    public const string FriendlyName = "Sandbox";

    /// <summary>Phone numbers the Sandbox account "owns" (Twilio's magic test number range).</summary>
    public static readonly IReadOnlyList<(string Sid, string Number, string Name)> PhoneNumbers =
    [
        ("PN5a4db0c5a4db0c5a4db0c5a4db0c501", "+15005550006", "Sandbox main line"),
        ("PN5a4db0c5a4db0c5a4db0c5a4db0c502", "+15005550010", "Sandbox second line"),
    ];
}
