using System.Text.RegularExpressions;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Settings;

/// <summary>
/// Field rules for the Settings page. Each method returns the message to show under the field, or null when the
/// value is fine; <see cref="Validate"/> adds the rules that span fields.
/// </summary>
public static partial class SettingsValidator
{
    public static string? AccountSid(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TwilioSid.Check(value.Trim(), "AC", "An Account SID");

    public static string? ApiKeySid(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TwilioSid.Check(value.Trim(), "SK", "An API Key SID");

    public static string? WorkspaceSid(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TwilioSid.Check(value.Trim(), "WS", "A Workspace SID");

    public static string? AuthToken(string? value) =>
        string.IsNullOrEmpty(value) || HexToken().IsMatch(value.Trim())
            ? null
            : "An Auth Token is 32 hexadecimal characters; copy it from the Twilio Console's Account Info.";

    public static string? ApiKeySecret(string? value) =>
        string.IsNullOrEmpty(value) || AlphanumericSecret().IsMatch(value.Trim())
            ? null
            : "An API Key secret is 32 letters and digits, shown once when the key is created.";

    public static string? PublicBaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter an absolute http:// or https:// address, such as https://console.example.com/.";
        }

        return string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : "Enter the address without user name, query (?…) or fragment (#…).";
    }

    public static string? DefaultSender(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // One rule for numbers everywhere: what Send SMS accepts as a recipient (libphonenumber), here in E.164 form.
        var v = value.Trim();
        if (TwilioSid.IsValid(v, "MG"))
        {
            return null;
        }

        if (!Phone.IsE164(v))
        {
            return "Enter a phone number in E.164 form (+14155550100) or a Messaging Service SID (MG followed by 32 hexadecimal characters).";
        }

        return Phone.Normalize(v, "US").Error;
    }

    public static string? DefaultRegion(string? value) =>
        value is not null && RegionCode().IsMatch(value.Trim())
            ? null
            : "Enter a two-letter country code such as US, GB or DE.";

    public static string? TimeZone(string? value) =>
        value is not null && TimeZoneInfo.TryFindSystemTimeZoneById(value.Trim(), out _)
            ? null
            : "Enter a time zone such as UTC, Europe/London or America/New_York.";

    /// <summary>All field rules plus the cross-field ones. Keys are <see cref="SettingKeys"/>; empty means valid.</summary>
    /// <param name="form">What was submitted.</param>
    /// <param name="current">What is saved or configured now (to know whether a blank secret keeps an existing one).</param>
    public static IReadOnlyDictionary<string, string> Validate(SettingsForm form, SettingsSnapshot current)
    {
        var errors = new Dictionary<string, string>();
        void Add(string key, string? message)
        {
            if (message is not null)
            {
                errors.TryAdd(key, message);
            }
        }

        Add(SettingKeys.AccountSid, AccountSid(form.AccountSid));
        Add(SettingKeys.AuthToken, AuthToken(form.AuthToken));
        Add(SettingKeys.ApiKeySid, ApiKeySid(form.ApiKeySid));
        Add(SettingKeys.ApiKeySecret, ApiKeySecret(form.ApiKeySecret));
        Add(SettingKeys.PublicBaseUrl, PublicBaseUrl(form.PublicBaseUrl));
        Add(SettingKeys.DefaultSender, DefaultSender(form.DefaultSender));
        Add(SettingKeys.WorkspaceSid, WorkspaceSid(form.WorkspaceSid));
        Add(SettingKeys.DefaultRegion, DefaultRegion(form.DefaultRegion));
        Add(SettingKeys.TimeZone, TimeZone(form.TimeZone));

        var hasToken = !string.IsNullOrEmpty(form.AuthToken) || (!form.ClearAuthToken && current[SettingKeys.AuthToken].IsSet);
        var hasKeySecret = !string.IsNullOrEmpty(form.ApiKeySecret) || (!form.ClearApiKey && current[SettingKeys.ApiKeySecret].IsSet);
        var hasKeySid = !string.IsNullOrWhiteSpace(form.ApiKeySid) && !form.ClearApiKey;

        if (hasKeySid && !hasKeySecret)
        {
            Add(SettingKeys.ApiKeySecret, "Enter the secret that belongs to this API Key.");
        }

        if (!hasKeySid && !string.IsNullOrEmpty(form.ApiKeySecret))
        {
            Add(SettingKeys.ApiKeySid, "Enter the API Key SID (SK…) this secret belongs to.");
        }

        if (form.Mode == ConsoleMode.Twilio)
        {
            if (string.IsNullOrWhiteSpace(form.AccountSid))
            {
                Add(SettingKeys.AccountSid, "Twilio mode needs your Account SID (AC…).");
            }

            if (!hasToken && !(hasKeySid && hasKeySecret))
            {
                Add(SettingKeys.AuthToken, "Twilio mode needs an Auth Token, or an API Key SID with its secret.");
            }
        }

        return errors;
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex HexToken();

    [GeneratedRegex("^[0-9A-Za-z]{32}$")]
    private static partial Regex AlphanumericSecret();


    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex RegionCode();
}
