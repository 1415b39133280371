using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Users;

/// <summary>Creates the configured Admin at start-up on an empty database; a bad value stops start-up with the reason.</summary>
/// <remarks>Without one, while no Admin exists, it announces the setup page's one-time code: in the log and in a 0600 file.</remarks>
internal sealed partial class AdminBootstrapper(
    FirstRunSetup setup,
    IOptions<AdminBootstrapOptions> options,
    IOptions<Data.DatabaseOptions> database,
    Microsoft.Extensions.Hosting.IHostEnvironment environment,
    ILogger<AdminBootstrapper> logger) : IHostedService
{
    public const string CodeFileName = "setup-code.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (await setup.IsCompleteAsync(cancellationToken))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password))
        {
            AnnounceSetupCode();
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

    private void AnnounceSetupCode()
    {
        var file = Path.Combine(database.Value.ResolveDataFolder(environment.ContentRootPath), CodeFileName);
        try
        {
            File.Delete(file);
            using (var stream = Security.FilePermissions.CreateOwnerOnlyFile(file))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(setup.SetupCode);
            }

            setup.CodeFile = file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file = $"(not written: {e.Message})";
        }

        LogSetupCode(logger, setup.SetupCode, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin yet: open /setup and enter the setup code {Code} (also in {File}). It changes at every start until setup is done.")]
    private static partial void LogSetupCode(ILogger logger, string code, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin {Email} from configuration")]
    private static partial void LogCreated(ILogger logger, string email);
}
