using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;
using TwilioConsole.Web.Webhooks;

namespace TwilioConsole.Tests.Integration.Twilio;

/// <summary>The webhook gate's signature check in front of a real webhook (message status callbacks), in the real pipeline.</summary>
[Trait("Lane", "Integration")]
public sealed class WebhookSignatureTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _app = new();
    private string _key = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly KeyValuePair<string, string>[] Form =
        [new("MessageSid", Sids.Make("SM", 1)), new("MessageStatus", "delivered"), new("Body", "Zoë <script>")];

    public async ValueTask InitializeAsync() =>
        _key = (await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(CancellationToken.None))!;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using var client = _app.NewClient();
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task SignedRequest_IsAccepted_WithoutSignIn()
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", Form, _key)));
    }

    [Fact]
    public async Task UnsignedRequest_Is403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/messaging/status") { Content = new FormUrlEncodedContent(Form) };

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(request));
    }

    [Fact]
    public async Task TamperedField_Is403()
    {
        using var request = TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", Form, _key);
        request.Content = new FormUrlEncodedContent(Form.Select(f => f.Key == "MessageStatus" ? new KeyValuePair<string, string>(f.Key, "failed") : f));

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(request));
    }

    [Fact]
    public async Task WrongKey_Is403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", Form, "0123456789abcdef0123456789abcdef")));
    }

    [Fact]
    public async Task PublicBaseUrl_IsTheUrlThatIsSigned()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(new SettingsForm { PublicBaseUrl = "https://console.example.com/" }, "test", Ct);

        var viaPublic = await SendAsync(TwilioRequests.SignedPost("https://console.example.com/webhooks/messaging/status", Form, _key, "/webhooks/messaging/status"));
        var viaLocal = await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", Form, _key));

        Assert.Equal(HttpStatusCode.OK, viaPublic);
        Assert.Equal(HttpStatusCode.Forbidden, viaLocal);
    }

    [Fact]
    public async Task TwilioMode_ChecksWithTheAuthToken()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(
            new SettingsForm { Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken() }, "test", Ct);

        var withToken = await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", Form, Sids.AuthToken()));
        var withSandboxKey = await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", Form, _key));

        Assert.Equal(HttpStatusCode.OK, withToken);
        Assert.Equal(HttpStatusCode.Forbidden, withSandboxKey);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var huge = Form.Append(new("Padding", new string('x', WebhookGate.MaxBodyBytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status", huge, _key)));
    }

    [Fact]
    public async Task SandboxSigningKey_IsStableAcrossReads()
    {
        var again = await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);

        Assert.Equal(_key, again);
        Assert.Equal(32, _key.Length);
    }
}
