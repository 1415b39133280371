using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Sandbox;

/// <summary>A Sandbox-only action was asked for while the app is in Twilio mode; nothing was done.</summary>
public sealed class SandboxOnlyException(string message) : InvalidOperationException(message);

/// <summary>
/// The check every Sandbox-only action makes at the moment it runs (never when its page loaded): test calls, ending a
/// pretend call, the Sandbox's callbacks, demo agents. In Twilio mode they refuse, so a page left open across a switch
/// to Twilio mode cannot sign an event with the real Auth Token or change the real account.
/// </summary>
public static class SandboxOnly
{
    public static string Refusal(string action) =>
        $"{action} is for Sandbox mode only, and the app is now in Twilio mode: nothing was sent. Switch back to Sandbox mode in Settings to use it.";

    /// <summary>Null in Sandbox mode; otherwise the refusal to show.</summary>
    public static async Task<string?> RefusalAsync(SettingsService settings, string action, CancellationToken ct) =>
        (await settings.GetEffectiveAsync(ct)).Mode == ConsoleMode.Sandbox ? null : Refusal(action);

    public static async Task EnsureAsync(SettingsService settings, string action, CancellationToken ct)
    {
        if (await RefusalAsync(settings, action, ct) is { } refusal)
        {
            throw new SandboxOnlyException(refusal);
        }
    }
}
