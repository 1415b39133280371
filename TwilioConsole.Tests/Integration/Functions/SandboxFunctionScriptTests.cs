using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Functions;

/// <summary>
/// The Sandbox runs the deployed send-sms.js itself (Jint): its own answers — 201, 400, 401, 403 — come back as the
/// Function wrote them, and editing the JavaScript changes the Sandbox with no C# change.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class SandboxFunctionScriptTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ConsoleAppFactory _app;

    public SandboxFunctionScriptTests() => _app = new ConsoleAppFactory { Clock = _clock };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private SandboxServerlessApi Serverless => _app.Services.GetRequiredService<SandboxServerlessApi>();

    private async Task<(FunctionDeployment Deployment, string Key)> DeployAsync()
    {
        var deployer = _app.Services.GetRequiredService<FunctionDeployer>();
        var result = await _clock.WhileAdvancingAsync(deployer.DeployAsync("admin@example.com", null, Ct), Ct);
        Assert.True(result.Succeeded, result.Error);
        return (result.Deployment!, (await deployer.ApiKeyAsync(Ct))!);
    }

    private Task<FunctionSendResult> RunAsync(FunctionDeployment deployment, string key, params (string Key, string Value)[] form) =>
        _app.Services.GetRequiredService<SandboxFunctionRunner>().RunAsync(deployment, key, [.. form.Select(f => KeyValuePair.Create(f.Key, f.Value))], Ct);

    [Fact]
    public async Task AllowedPrefixes_RefuseAForeignNumber_WithTheFunctionsOwn403()
    {
        var (deployment, key) = await DeployAsync();
        await Serverless.CreateVariableAsync(deployment.ServiceSid, deployment.EnvironmentSid, "ALLOWED_TO_PREFIXES", "+1", Ct);

        var refused = await RunAsync(deployment, key, ("To", "+447700900123"), ("Body", "Hello"));
        var allowed = await RunAsync(deployment, key, ("To", "+14155550100"), ("Body", "Hello"));

        Assert.Equal((403, "This destination is not allowed."), (refused.HttpStatus, refused.Error));
        Assert.Equal(201, allowed.HttpStatus);
        Assert.Matches("^SM[0-9a-f]{32}$", allowed.Sid);
    }

    [Theory]
    [InlineData("ftp://example.com/status")]
    [InlineData("not a url")]
    public async Task ABadStatusCallback_GetsTheFunctionsOwn400(string callback)
    {
        var (deployment, key) = await DeployAsync();

        var refused = await RunAsync(deployment, key, ("To", "+14155550100"), ("Body", "Hello"), ("StatusCallback", callback));

        Assert.Equal((400, "StatusCallback must be an http or https URL."), (refused.HttpStatus, refused.Error));
    }

    [Fact]
    public async Task TheFunctionsOwnChecks_AnswerAsItWroteThem()
    {
        var (deployment, key) = await DeployAsync();

        var wrongKey = await RunAsync(deployment, "nope", ("To", "+14155550100"), ("Body", "Hello"));
        var badNumber = await RunAsync(deployment, key, ("To", "0044 7700"), ("Body", "Hello"));
        var tooLong = await RunAsync(deployment, key, ("To", "+14155550100"), ("Body", new string('x', 1601)));

        Assert.Equal((401, "Missing or wrong X-Api-Key."), (wrongKey.HttpStatus, wrongKey.Error));
        Assert.Equal((400, "To must be a phone number in E.164 form, such as +15551234567."), (badNumber.HttpStatus, badNumber.Error));
        Assert.Equal((400, "Body must be at most 1600 characters (it has 1601)."), (tooLong.HttpStatus, tooLong.Error));
    }

    [Fact]
    public async Task ASentMessage_CarriesTheStatusCallbackTheFunctionPassedOn()
    {
        var (deployment, key) = await DeployAsync();

        var sent = await RunAsync(deployment, key, ("To", "+14155550100"), ("Body", "Hello"), ("StatusCallback", "https://console.example.com/webhooks/messaging/status"));

        Assert.Equal(201, sent.HttpStatus);
        var message = await _app.Services.GetRequiredService<SandboxMessagingApi>().FetchMessageAsync(sent.Sid!, Ct);
        Assert.Equal(("+14155550100", "Hello"), (message.To, message.Body));
    }

    [Fact]
    public async Task EditingTheJavaScript_ChangesWhatTheSandboxDoes()
    {
        var (deployment, key) = await DeployAsync();
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "assets", "functions", "send-sms.js"), Ct);
        var edited = shipped.Replace("const MAX_BODY = 1600;", "const MAX_BODY = 10;", StringComparison.Ordinal);
        Assert.NotEqual(shipped, edited);
        await DeployCodeAsync(deployment, edited);

        var refused = await RunAsync(deployment, key, ("To", "+14155550100"), ("Body", "Eleven char"));

        Assert.Equal((400, "Body must be at most 10 characters (it has 11)."), (refused.HttpStatus, refused.Error));
    }

    [Fact]
    public async Task AFunctionThatThrows_IsA500ThatSaysSo_AndTheAppGoesOn()
    {
        var (deployment, key) = await DeployAsync();
        await DeployCodeAsync(deployment, "exports.handler = function () { throw new Error('boom'); };");

        var answer = await RunAsync(deployment, key, ("To", "+14155550100"), ("Body", "x"));

        Assert.Equal(500, answer.HttpStatus);
        Assert.Contains("boom", answer.Error, StringComparison.Ordinal);
    }

    /// <summary>A new version of the function with this code, built and deployed to the same environment.</summary>
    private async Task DeployCodeAsync(FunctionDeployment deployment, string code)
    {
        var function = await Serverless.ListFunctionsAsync(deployment.ServiceSid, Ct).FirstAsync(Ct);
        var version = await Serverless.CreateFunctionVersionAsync(deployment.ServiceSid, function.Sid, FunctionDeployer.FunctionPath, "public", code, Ct);
        var build = await Serverless.CreateBuildAsync(deployment.ServiceSid, [version.Sid], [], [], "node22", Ct);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await Serverless.CreateDeploymentAsync(deployment.ServiceSid, deployment.EnvironmentSid, build.Sid, Ct);
    }
}
