using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Flex;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Operations;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Core.Users;

namespace TwilioConsole.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Everything Core offers: data, start-up checks, and the feature services. Identity's own registration stays in Web.</summary>
    public static IHostApplicationBuilder AddTwilioConsoleCore(this IHostApplicationBuilder builder)
    {
        builder.AddConsoleData();
        builder.Services.AddConsoleServices();
        builder.Services.AddHostedService<ConfiguredSettingsCheck>();
        builder.Services.AddOptions<AdminBootstrapOptions>().BindConfiguration(AdminBootstrapOptions.Section);
        builder.Services.AddHostedService<AdminBootstrapper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ThankYouDispatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessagePriceFetcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageReconciler>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Live.BoardFeed>());
        return builder;
    }

    /// <summary>The feature services, over whatever database and host the caller set up (the app, or a component test).</summary>
    public static IServiceCollection AddConsoleServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Operations.LoopHealth>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<FirstRunSetup>();
        services.AddTwilioClients();
        services.AddSandbox();
        services.AddTransient<ITwilioGateway, TwilioGateway>();
        services.AddTransient<ConnectionTester>();
        services.AddSingleton<MessageLog>();
        services.AddSingleton<MessagePriceFetcher>();
        services.AddSingleton<MessageReconciler>();
        services.AddTransient<SmsSender>();
        services.AddTransient<FunctionDeployer>();
        services.AddOptions<FlexOptions>().BindConfiguration(FlexOptions.Section);
        services.AddSingleton<PluginBundleLocator>();
        services.AddTransient<FlexPluginDeployer>();
        services.AddTransient<AgentAutomationStore>();
        services.AddOptions<Live.LiveOptions>().BindConfiguration(Live.LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TaskRouterIntake>();
        services.AddSingleton<Data.SqliteLogRestart>(); // the intake's writer serves it; on PostgreSQL nothing asks, so it never runs
        services.AddSingleton<Live.BoardFeed>();
        services.AddTransient<Live.LiveHistoryQuery>();
        services.AddTransient<FunctionSmsClient>();
        services.AddHttpClient(FunctionSmsClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<ThankYouSettingsStore>();
        services.AddSingleton<ThankYouOutbox>();
        services.AddSingleton<ThankYouDispatcher>();
        services.AddTransient<WorkspaceEventsLink>();
        services.AddSingleton<RoutingSpecStore>();
        services.AddTransient<RoutingService>();
        services.AddTransient<RoutingWorkers>();
        services.AddTransient<QueueStatistics>();
        services.AddSingleton<SharedQueueStatistics>();
        services.AddSingleton<IvrStore>();
        services.AddTransient<IvrPublisher>();
        services.AddTransient<Onboarding.QuickStart>();
        return services;
    }
}
