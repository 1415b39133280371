using System.Net;
using Microsoft.EntityFrameworkCore;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.ThankYou;

/// <summary>In Twilio mode, a correctly signed event for another account or workspace is refused (403) and stores nothing.</summary>
[Trait("Lane", "Integration")]
public sealed class ForeignEventTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory().With("TwilioConsole:ThankYou:Dispatch", "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<HttpStatusCode> PostAsync(string field, string value)
    {
        await _app.UseTwilioModeAsync(Ct);
        var form = TaskRouterEvents.Form(1);
        form.RemoveAll(f => f.Key == field);
        form.Add(new(field, value));
        using var client = _app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/taskrouter/events", form, Sids.AuthToken()), Ct);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("AccountSid", "AC99999999999999999999999999999999", HttpStatusCode.Forbidden)]
    [InlineData("WorkspaceSid", "WS99999999999999999999999999999999", HttpStatusCode.Forbidden)]
    [InlineData("AccountSid", "AC00000000000000000000000000000001", HttpStatusCode.NoContent)]
    public async Task EventsForAnotherAccountOrWorkspace_AreRefused(string field, string value, HttpStatusCode expected)
    {
        var status = await PostAsync(field, value);

        Assert.Equal(expected, status);
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(expected == HttpStatusCode.NoContent ? 1 : 0, await db.ThankYouTexts.CountAsync(Ct));
    }
}
