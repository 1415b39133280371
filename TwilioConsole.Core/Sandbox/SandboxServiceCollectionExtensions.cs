using Microsoft.Extensions.DependencyInjection;

namespace TwilioConsole.Core.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>The Sandbox's stand-ins for each Twilio product; state lives in the database, so they are singletons.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddSingleton<SandboxStore>();
        services.AddSingleton<SandboxAccountsApi>();
        services.AddSingleton<SandboxStudioApi>();
        services.AddSingleton<SandboxTaskRouterApi>();
        services.AddSingleton<SandboxMessagingApi>();
        services.AddSingleton<SandboxServerlessApi>();
        services.AddSingleton<SandboxFlexApi>();
        services.AddSingleton<SandboxCallbackCourier>();
        services.AddSingleton<AutoAcceptRules>();
        services.AddTransient<SandboxCallEnder>();
        services.AddSingleton(sp => new SandboxTraffic(sp.GetRequiredService<SandboxTaskRouterApi>(), sp.GetRequiredService<SandboxCallEnder>(),
            sp.GetRequiredService<Routing.RoutingSpecStore>(), sp.GetRequiredService<Settings.SettingsService>(), sp.GetRequiredService<Audit.AuditLog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SandboxTraffic>>()));
        services.AddTransient(sp => new SandboxCalls(sp.GetRequiredService<Settings.SettingsService>(), sp.GetRequiredService<Ivr.IvrStore>(),
            sp.GetRequiredService<Ivr.IvrPublisher>(), sp.GetRequiredService<SandboxTaskRouterApi>(),
            sp.GetRequiredService<SandboxCallEnder>(), sp.GetRequiredService<ThankYou.ThankYouOutbox>(), sp.GetRequiredService<Messaging.MessageLog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AutoAcceptRules>(), sp.GetRequiredService<SandboxFlexApi>()));
        services.AddSingleton(sp => new SandboxFunctionRunner(sp.GetRequiredService<SandboxServerlessApi>(), sp.GetRequiredService<SandboxMessagingApi>()));
        services.AddHostedService(sp => sp.GetRequiredService<SandboxCallbackCourier>());
        services.AddHttpClient(SandboxCallbackCourier.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }
}
