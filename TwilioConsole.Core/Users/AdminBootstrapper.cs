using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Users;

/// <summary>Creates the configured Admin at start-up on an empty database; a bad value stops start-up with the reason.</summary>
internal sealed partial class AdminBootstrapper(
    FirstRunSetup setup,
    IOptions<AdminBootstrapOptions> options,
    ILogger<AdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password) ||
            await setup.IsCompleteAsync(cancellationToken))
        {
            return;
        }

        var result = await setup.CreateFirstAdminAsync(admin.Email, null, admin.Password, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"TwilioConsole:Admin could not create the first Admin: {result.Summary} Fix TwilioConsole__Admin__Email / TwilioConsole__Admin__Password.");
        }

        LogCreated(logger, admin.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin {Email} from configuration")]
    private static partial void LogCreated(ILogger logger, string email);
}
