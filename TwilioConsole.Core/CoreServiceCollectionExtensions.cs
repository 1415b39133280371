using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Core.Users;

namespace TwilioConsole.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Everything Core offers: data, settings, audit, users. Identity's own registration stays in Web.</summary>
    public static IHostApplicationBuilder AddTwilioConsoleCore(this IHostApplicationBuilder builder)
    {
        builder.AddConsoleData();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ConfiguredSettingsCheck>();
        builder.Services.AddSingleton<SettingsService>();
        builder.Services.AddTwilioClients();
        builder.Services.AddSandbox();
        builder.Services.AddTransient<ITwilioGateway, TwilioGateway>();
        builder.Services.AddSingleton<MessageLog>();
        builder.Services.AddTransient<SmsSender>();
        builder.Services.AddTransient<FunctionDeployer>();
        builder.Services.AddTransient<FunctionSmsClient>();
        builder.Services.AddHttpClient(FunctionSmsClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddTransient<ConnectionTester>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<FirstRunSetup>();
        builder.Services.AddOptions<AdminBootstrapOptions>().BindConfiguration(AdminBootstrapOptions.Section);
        builder.Services.AddHostedService<AdminBootstrapper>();
        return builder;
    }
}
