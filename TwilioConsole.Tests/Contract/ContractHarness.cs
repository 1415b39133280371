using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Contract;

/// <summary>
/// The app with each Twilio product pointed at its Prism mock (../shared/twilio-contract, started by ./test.sh).
/// When the mocks are not running the lane skips locally, and fails when TWILIO_CONTRACT_REQUIRED=1 (./test.sh and CI).
/// Every request is recorded in <see cref="Sent"/>, so tests assert on what the app sent.
/// </summary>
public sealed class ContractHarness : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, int> Ports = new Dictionary<string, int>
    {
        ["StudioBaseUrl"] = 4010,
        ["TaskRouterBaseUrl"] = 4011,
        ["ApiBaseUrl"] = 4012,
        ["ServerlessBaseUrl"] = 4013,
        ["FlexBaseUrl"] = 4014,
    };

    public const string Sender = "+15017122661";

    public string? Missing { get; private set; }

    public ContractHarness() => App = CreateApp(Sent);

    public ConsoleAppFactory App { get; }

    /// <summary>What the app sent to the mocks (clear it at the start of a test).</summary>
    public SentRequests Sent { get; } = new();

    private static ConsoleAppFactory CreateApp(SentRequests sent)
    {
        var app = new ConsoleAppFactory(fakeTwilio: false)
            .WithServices(services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(sent.Handler)))
            .With("TwilioConsole:Mode", "Twilio")
            .With("TwilioConsole:Twilio:WorkspaceSid", Sids.Workspace())
            .With("TwilioConsole:Twilio:AccountSid", Sids.Account())
            .With("TwilioConsole:Twilio:AuthToken", Sids.AuthToken())
            .With("TwilioConsole:Twilio:TimeoutSeconds", "10")
            .With("TwilioConsole:Twilio:DefaultSender", Sender)
            .With("TwilioConsole:PublicBaseUrl", "https://console.example.com/");
        foreach (var (key, port) in Ports)
        {
            app.With($"TwilioConsole:Twilio:{key}", $"http://127.0.0.1:{port}/");
        }

        return app;
    }

    public async ValueTask InitializeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var port in Ports.Values)
        {
            try
            {
                var body = await http.GetStringAsync($"http://127.0.0.1:{port}/");
                Missing ??= body.Contains("stoplight.io/prism", StringComparison.Ordinal) ? null : $"port {port} answers but is not a Prism mock";
            }
            catch (HttpRequestException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound)
            {
                // Prism answers GET / with 404 and its signature; HttpClient.GetStringAsync throws on 404.
                Missing ??= null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Missing ??= $"nothing answers on 127.0.0.1:{port}";
            }
        }
    }

    public void SkipWhenMissing()
    {
        Sent.Clear(); // every test starts here: what it sees in Sent is what it made the app send
        if (Missing is null)
        {
            return;
        }

        var message = $"Twilio contract mocks not running ({Missing}); start them with ../shared/twilio-contract/start.sh (./test.sh does).";
        if (Environment.GetEnvironmentVariable("TWILIO_CONTRACT_REQUIRED") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    /// <summary>A service of the app pointed at the mocks; skips (or fails in CI) when the mocks are not running.</summary>
    public T Service<T>()
        where T : notnull
    {
        SkipWhenMissing();
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(App.Services);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
