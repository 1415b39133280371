using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// The Twilio products in force: the HTTP clients in Twilio mode, the Sandbox's stand-ins in Sandbox mode. Features
/// take <see cref="ITwilioGateway"/> and never look at the mode themselves.
/// </summary>
public sealed record TwilioProducts(
    ConsoleMode Mode,
    string? AccountSid,
    string? WorkspaceSid,
    IAccountsApi Accounts,
    IStudioApi Studio,
    ITaskRouterApi TaskRouter,
    IMessagingApi Messaging,
    IServerlessApi Serverless,
    IFlexApi Flex)
{
    /// <summary>What features answer when the TaskRouter workspace they need is not set.</summary>
    public const string NoWorkspace = "Set the TaskRouter Workspace SID in Settings first.";

    /// <summary>Who answers, for the Dashboard: "Sandbox (in-process stand-in)" or "Twilio REST API".</summary>
    public string ServedBy => Mode == ConsoleMode.Sandbox ? "Sandbox provider (in-process stand-in)" : "Twilio REST APIs";
}

public interface ITwilioGateway
{
    Task<TwilioProducts> CurrentAsync(CancellationToken ct);
}

internal sealed class TwilioGateway(SettingsService settings, IServiceProvider services) : ITwilioGateway
{
    public async Task<TwilioProducts> CurrentAsync(CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        return current.Mode == ConsoleMode.Sandbox
            ? new TwilioProducts(ConsoleMode.Sandbox, SandboxAccount.AccountSid, SandboxAccount.WorkspaceSid,
                services.GetRequiredService<SandboxAccountsApi>(), services.GetRequiredService<SandboxStudioApi>(),
                services.GetRequiredService<SandboxTaskRouterApi>(), services.GetRequiredService<SandboxMessagingApi>(),
                services.GetRequiredService<SandboxServerlessApi>(), services.GetRequiredService<SandboxFlexApi>())
            : new TwilioProducts(ConsoleMode.Twilio, current.AccountSid, current.WorkspaceSid,
                services.GetRequiredService<IAccountsApi>(), services.GetRequiredService<IStudioApi>(),
                services.GetRequiredService<ITaskRouterApi>(), services.GetRequiredService<IMessagingApi>(),
                services.GetRequiredService<IServerlessApi>(), services.GetRequiredService<IFlexApi>());
    }
}
