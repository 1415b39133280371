namespace TwilioConsole.Core.Messaging;

/// <summary>
/// Where Twilio (or the Sandbox) reaches this host: the configured public base URL, else this server's own address.
/// Implemented by the web host, which knows the address it listens on.
/// </summary>
public interface IPublicUrls
{
    Task<Uri> BaseAsync(CancellationToken ct);
}

public static class WebhookPaths
{
    public const string MessageStatus = "webhooks/messaging/status";
    public const string TaskRouterEvents = "webhooks/taskrouter/events";
}
