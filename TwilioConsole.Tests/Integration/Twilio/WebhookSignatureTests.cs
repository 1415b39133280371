using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;
using TwilioConsole.Web.Webhooks;

namespace TwilioConsole.Tests.Integration.Twilio;

[Route("webhooks/probe")]
public sealed class ProbeWebhookController : WebhookControllerBase
{
    [HttpPost]
    public IActionResult Post() => Ok(Request.Form.Count);
}

/// <summary>The signature filter in front of a webhook controller, in the real pipeline.</summary>
[Trait("Lane", "Integration")]
public sealed class WebhookSignatureTests : IAsyncLifetime
{
    private readonly ProbeApp _app = new();
    private string _key = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly KeyValuePair<string, string>[] Form =
        [new("MessageSid", Sids.Make("SM", 1)), new("MessageStatus", "delivered"), new("Body", "Zoë <script>")];

    private sealed class ProbeApp : ConsoleAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddControllers().AddApplicationPart(typeof(ProbeWebhookController).Assembly));
        }
    }

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
        Assert.Equal(HttpStatusCode.OK, await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/probe", Form, _key)));
    }

    [Fact]
    public async Task UnsignedRequest_Is403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/probe") { Content = new FormUrlEncodedContent(Form) };

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(request));
    }

    [Fact]
    public async Task TamperedField_Is403()
    {
        using var request = TwilioRequests.SignedPost("http://localhost/webhooks/probe", Form, _key);
        request.Content = new FormUrlEncodedContent(Form.Select(f => f.Key == "MessageStatus" ? new KeyValuePair<string, string>(f.Key, "failed") : f));

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(request));
    }

    [Fact]
    public async Task WrongKey_Is403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/probe", Form, "0123456789abcdef0123456789abcdef")));
    }

    [Fact]
    public async Task PublicBaseUrl_IsTheUrlThatIsSigned()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(new SettingsForm { PublicBaseUrl = "https://console.example.com/" }, "test", Ct);

        var viaPublic = await SendAsync(TwilioRequests.SignedPost("https://console.example.com/webhooks/probe", Form, _key, "/webhooks/probe"));
        var viaLocal = await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/probe", Form, _key));

        Assert.Equal(HttpStatusCode.OK, viaPublic);
        Assert.Equal(HttpStatusCode.Forbidden, viaLocal);
    }

    [Fact]
    public async Task TwilioMode_ChecksWithTheAuthToken()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(
            new SettingsForm { Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken() }, "test", Ct);

        var withToken = await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/probe", Form, Sids.AuthToken()));
        var withSandboxKey = await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/probe", Form, _key));

        Assert.Equal(HttpStatusCode.OK, withToken);
        Assert.Equal(HttpStatusCode.Forbidden, withSandboxKey);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var huge = Form.Append(new("Padding", new string('x', WebhookExtensions.MaxBodyBytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/probe", huge, _key)));
    }

    [Fact]
    public async Task SandboxSigningKey_IsStableAcrossReads()
    {
        var again = await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);

        Assert.Equal(_key, again);
        Assert.Equal(32, _key.Length);
    }
}
