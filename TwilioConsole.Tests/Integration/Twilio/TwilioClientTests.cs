using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Twilio;

[Trait("Lane", "Integration")]
public sealed class TwilioClientTests
{
    private const string AccountJson = """
        {"sid": "AC00000000000000000000000000000001", "friendly_name": "Main office", "status": "active", "type": "Full",
         "date_created": "Fri, 24 May 2019 17:44:50 +0000"}
        """;

    private static string AccountPath => $"/2010-04-01/Accounts/{Sids.Account()}.json";

    private static async Task<ConsoleAppFactory> AppWithCredentialsAsync(bool apiKey = false)
    {
        var app = new ConsoleAppFactory();
        var form = new SettingsForm { Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken() };
        if (apiKey)
        {
            form.ApiKeySid = Sids.ApiKey();
            form.ApiKeySecret = "abcdefghijklmnopqrstuvwxyz012345";
        }

        var saved = await app.Services.GetRequiredService<SettingsService>().SaveAsync(form, "test", CancellationToken.None);
        Assert.True(saved.Succeeded);
        return app;
    }

    [Fact]
    public async Task Fetch_SendsGetToAccountPath_WithBasicAuth()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio.Respond(HttpMethod.Get, AccountPath, HttpStatusCode.OK, AccountJson);

        var account = await app.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken);

        Assert.Equal("Main office", account.FriendlyName);
        var request = Assert.Single(app.Twilio.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("https://api.twilio.com" + AccountPath), request.Uri);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sids.Account()}:{Sids.AuthToken()}"));
        Assert.Equal(expected, request.Authorization);
    }

    [Fact]
    public async Task Fetch_WithApiKey_AuthenticatesWithKey()
    {
        await using var app = await AppWithCredentialsAsync(apiKey: true);
        app.Twilio.Respond(HttpMethod.Get, AccountPath, HttpStatusCode.OK, AccountJson);

        await app.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sids.ApiKey()}:abcdefghijklmnopqrstuvwxyz012345"));
        Assert.Equal(expected, Assert.Single(app.Twilio.Requests).Authorization);
    }

    [Fact]
    public async Task TwilioErrorBody_BecomesTwilioApiException()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio.RespondError(HttpMethod.Get, AccountPath, HttpStatusCode.Unauthorized, 20003, "Authenticate");

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            app.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(20003, error.Code);
        Assert.Equal("Authenticate", error.TwilioMessage);
        Assert.Equal(new Uri("https://www.twilio.com/docs/errors/20003"), error.MoreInfo);
    }

    [Fact]
    public async Task NonJsonErrorBody_FallsBackToStatusLine()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio.Respond(HttpMethod.Get, AccountPath, HttpStatusCode.BadGateway, "<html>proxy error</html>");

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            app.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Null(error.Code);
        Assert.Contains("502", error.TwilioMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_429WithRetryAfter_IsRetried()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio
            .Respond(HttpMethod.Get, AccountPath, HttpStatusCode.TooManyRequests, """{"code": 20429, "message": "Too Many Requests"}""",
                r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .Respond(HttpMethod.Get, AccountPath, HttpStatusCode.OK, AccountJson);

        var account = await app.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken);

        Assert.Equal("Main office", account.FriendlyName);
        Assert.Equal(2, app.Twilio.Requests.Count);
    }

    [Fact]
    public async Task Post_503_IsNotRetried()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio.Respond(HttpMethod.Post, "/2010-04-01/Accounts/x.json", HttpStatusCode.ServiceUnavailable, "{}");
        var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IAccountsApi));
        using var body = new FormUrlEncodedContent([new("FriendlyName", "x")]);

        using var response = await http.PostAsync("2010-04-01/Accounts/x.json", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(app.Twilio.Requests);
    }

    [Fact]
    public async Task NoCredentials_SaysWhereToSetThem()
    {
        await using var app = new ConsoleAppFactory();

        var error = await Assert.ThrowsAsync<TwilioNotConfiguredException>(() =>
            app.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken));

        Assert.Contains("Settings page", error.Message, StringComparison.Ordinal);
        Assert.Empty(app.Twilio.Requests);
    }

    [Fact]
    public async Task TestConnection_ReportsTwilioRefusalPlainly_AndAudits()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio.RespondError(HttpMethod.Get, AccountPath, HttpStatusCode.Unauthorized, 20003, "Authenticate");

        var result = await app.Services.GetRequiredService<ConnectionTester>().TestAsync("admin", TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(20003, result.TwilioCode);
        Assert.Contains("Check the Account SID and the Auth Token", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_Success_NamesTheAccount()
    {
        await using var app = await AppWithCredentialsAsync();
        app.Twilio.Respond(HttpMethod.Get, AccountPath, HttpStatusCode.OK, AccountJson);

        var result = await app.Services.GetRequiredService<ConnectionTester>().TestAsync("admin", TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Contains("Main office", result.Message, StringComparison.Ordinal);
    }
}
