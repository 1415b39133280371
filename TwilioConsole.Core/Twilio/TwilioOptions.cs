using System.ComponentModel.DataAnnotations;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// Where each Twilio product lives, and how long a call may take. Bound from <c>TwilioConsole:Twilio</c>; defaults are
/// Twilio's production hosts, and tests point them at fakes or the Prism contract mocks. Base URLs end in '/'.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "TwilioConsole:Twilio";

    [Required] public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com/");
    [Required] public Uri StudioBaseUrl { get; set; } = new("https://studio.twilio.com/");
    [Required] public Uri TaskRouterBaseUrl { get; set; } = new("https://taskrouter.twilio.com/");
    [Required] public Uri ServerlessBaseUrl { get; set; } = new("https://serverless.twilio.com/");
    [Required] public Uri ServerlessUploadBaseUrl { get; set; } = new("https://serverless-upload.twilio.com/");
    [Required] public Uri FlexBaseUrl { get; set; } = new("https://flex-api.twilio.com/");

    /// <summary>Per-attempt timeout for one Twilio call.</summary>
    [Range(1, 300)] public int TimeoutSeconds { get; set; } = 15;
}
