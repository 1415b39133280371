using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Functions;

[Trait("Lane", "Integration")]
public sealed class FunctionDeployTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ConsoleAppFactory _app;

    public FunctionDeployTests() => _app = new ConsoleAppFactory { Clock = _clock };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Runs a deploy while moving the fake clock, so build polling proceeds without real waiting.</summary>
    private Task<DeployResult> DeployAsync() =>
        _clock.WhileAdvancingAsync(_app.Services.GetRequiredService<FunctionDeployer>().DeployAsync("admin@example.com", null, Ct), Ct);

    [Fact]
    public async Task Sandbox_DeploysTheEmbeddedFunction_AndRedeployReusesTheService()
    {
        var first = await DeployAsync();
        var second = await DeployAsync();

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(["Service", "Environment", "Function", "Upload code", "Variables", "Build", "Deploy"], first.Steps.Select(s => s.Name));
        Assert.StartsWith("https://twilio-console-sms-", first.Deployment!.Url.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(".sandbox.test/send-sms", first.Deployment.Url.ToString(), StringComparison.Ordinal);
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(first.Deployment.ServiceSid, second.Deployment!.ServiceSid);
        Assert.Equal(DeployStepState.Reused, second.Steps.Single(s => s.Name == "Service").State);
        Assert.NotEqual(first.Deployment.BuildSid, second.Deployment.BuildSid);
        Assert.Equal(first.Deployment.Url, (await _app.Services.GetRequiredService<FunctionDeployer>().CurrentAsync(Ct))!.Url);
    }

    [Fact]
    public async Task Sandbox_SendThroughTheFunction_IsLoggedAsFunction()
    {
        await DeployAsync();

        var result = await _app.Services.GetRequiredService<SmsSender>().SendAsync(
            new SendSmsRequest("+14155550100", "Via the Function", Via: SendVia.Function), MessageSource.Function, "staff", Ct);

        Assert.True(result.Succeeded, result.TwilioError);
        Assert.Matches("^SM[0-9a-f]{32}$", result.Message!.Sid);
        Assert.Equal(MessageSource.Function, result.Message.Source);
    }

    [Fact]
    public async Task SendThroughFunction_BeforeDeploy_SaysToDeployFirst()
    {
        var result = await _app.Services.GetRequiredService<SmsSender>().SendAsync(
            new SendSmsRequest("+14155550100", "x", Via: SendVia.Function), MessageSource.Function, "staff", Ct);

        Assert.Contains("not deployed yet", result.Errors["Via"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionWithWrongKey_Refuses()
    {
        var deployment = (await DeployAsync()).Deployment!;
        var client = _app.Services.GetRequiredService<FunctionSmsClient>();

        var refused = await client.SendAsync(deployment, "not-the-key", "+14155550100", "x", null, Ct);

        Assert.Equal(401, refused.HttpStatus);
        Assert.False(refused.Succeeded);
    }

    private async Task UseTwilioAsync()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(new SettingsForm
        {
            Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken(), DefaultSender = "+15017122661",
        }, "admin", Ct);
    }

    private void ServeDeploySequence(string buildStatus)
    {
        var (zs, ze, zh, zn, zb) = (Sids.Make("ZS", 1), Sids.Make("ZE", 1), Sids.Make("ZH", 1), Sids.Make("ZN", 1), Sids.Make("ZB", 1));
        _app.Twilio
            .Respond(HttpMethod.Get, "/v1/Services", HttpStatusCode.OK, """{"services": [], "meta": {"next_page_url": null}}""")
            .Respond(HttpMethod.Post, "/v1/Services", HttpStatusCode.Created, $$"""{"sid": "{{zs}}", "unique_name": "twilio-console-sms", "friendly_name": "x", "include_credentials": true}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Environments", HttpStatusCode.OK, """{"environments": [], "meta": {"next_page_url": null}}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Environments", HttpStatusCode.Created, $$"""{"sid": "{{ze}}", "unique_name": "production", "domain_name": "twilio-console-sms-1234.twil.io"}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Functions", HttpStatusCode.OK, """{"functions": [], "meta": {"next_page_url": null}}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Functions", HttpStatusCode.Created, $$"""{"sid": "{{zh}}", "friendly_name": "send-sms"}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Functions/{zh}/Versions", HttpStatusCode.Created, $$"""{"sid": "{{zn}}", "path": "/send-sms", "visibility": "public"}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Environments/{ze}/Variables", HttpStatusCode.OK, """{"variables": [], "meta": {"next_page_url": null}}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Environments/{ze}/Variables", HttpStatusCode.Created, $$"""{"sid": "{{Sids.Make("ZV", 1)}}", "key": "SENDER", "value": "x"}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Builds", HttpStatusCode.Created, $$"""{"sid": "{{zb}}", "status": "building"}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Builds/{zb}/Status", HttpStatusCode.OK, $$"""{"sid": "{{zb}}", "status": "building"}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Builds/{zb}/Status", HttpStatusCode.OK, $$"""{"sid": "{{zb}}", "status": "{{buildStatus}}"}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Environments/{ze}/Deployments", HttpStatusCode.Created, $$"""{"sid": "{{Sids.Make("ZD", 1)}}", "build_sid": "{{zb}}"}""");
    }

    [Fact]
    public async Task Twilio_DeploySequence_IsSentInOrder()
    {
        await UseTwilioAsync();
        ServeDeploySequence("completed");

        var result = await DeployAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new Uri("https://twilio-console-sms-1234.twil.io/send-sms"), result.Deployment!.Url);
        var posts = _app.Twilio.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Uri.AbsolutePath.Split('/')[^1]).ToList();
        Assert.Equal(["Services", "Environments", "Functions", "Versions", "Variables", "Variables", "Builds", "Deployments"], posts);
        var upload = _app.Twilio.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/Versions", StringComparison.Ordinal));
        Assert.Equal("serverless-upload.twilio.com", upload.Uri.Host);
        Assert.Contains("exports.handler", upload.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twilio_FailedBuild_StopsBeforeDeploying_AndSaysWhere()
    {
        await UseTwilioAsync();
        ServeDeploySequence("failed");

        var result = await DeployAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("failed", result.Error, StringComparison.Ordinal);
        Assert.Equal(DeployStepState.Failed, result.Steps[^1].State);
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Uri.AbsolutePath.EndsWith("/Deployments", StringComparison.Ordinal));
        await using var db = await _app.DbAsync(Ct);
        Assert.False((await db.AuditLog.SingleAsync(a => a.Action == "functions.deploy", Ct)).Succeeded);
    }

    [Fact]
    public async Task Deploy_WithoutSender_SaysToSetOne()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(
            new SettingsForm { Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken() }, "admin", Ct);

        var result = await DeployAsync();

        Assert.Contains("default sender", result.Error, StringComparison.Ordinal);
        Assert.Empty(_app.Twilio.Requests);
    }
}
