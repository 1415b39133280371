using System.Globalization;
using System.Security.Cryptography;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Functions;

/// <summary>
/// Deploys <c>assets/functions/send-sms.js</c> as a Serverless Service: service → environment → function → version
/// (multipart upload) → variables → build → wait for the build (bounded) → deployment. Re-deploying reuses the
/// service, environment, function and variables, and only uploads, builds and deploys again.
/// </summary>
public sealed class FunctionDeployer(ITwilioGateway gateway, SettingsService settings, AuditLog audit, TimeProvider clock)
{
    public const string ServiceUniqueName = "twilio-console-sms";
    public const string EnvironmentName = "production";
    public const string FunctionName = "send-sms";
    public const string FunctionPath = "/send-sms";
    public const string Runtime = "node22";
    internal const string StatePrefix = "Functions:";
    internal const string ApiKeyState = "Functions:SendSmsKey";

    /// <summary>How long a build may take before the deploy gives up (Twilio's own tools wait five minutes).</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static readonly IReadOnlyList<ServerlessDependency> Dependencies = [new("twilio", "5.3.0")];

    public static string Code { get; } = ReadCode();

    public async Task<FunctionDeployment?> CurrentAsync(CancellationToken ct)
    {
        var state = await settings.GetStateAsync(StatePrefix, ct);
        var twilio = await gateway.CurrentAsync(ct);
        var sandbox = twilio.Mode == ConsoleMode.Sandbox;
        var prefix = StatePrefix + (sandbox ? "Sandbox:" : "Twilio:");
        return state.TryGetValue(prefix + "Url", out var url) && state.TryGetValue(prefix + "ServiceSid", out var service)
            ? new FunctionDeployment(service, state[prefix + "EnvironmentSid"], state[prefix + "BuildSid"], new Uri(url),
                DateTimeOffset.Parse(state[prefix + "DeployedAt"], CultureInfo.InvariantCulture), sandbox)
            : null;
    }

    /// <summary>The secret callers must send in X-Api-Key; made on the first deploy and kept encrypted.</summary>
    public async Task<string?> ApiKeyAsync(CancellationToken ct) =>
        (await settings.GetStateAsync(ApiKeyState, ct)).GetValueOrDefault(ApiKeyState);

    public async Task<DeployResult> DeployAsync(string actor, IProgress<IReadOnlyList<DeployStep>>? progress, CancellationToken ct)
    {
        var steps = new DeployProgress(progress);
        void Report(string name, DeployStepState state, string? detail = null) => steps.Report(name, state, detail);

        var twilio = await gateway.CurrentAsync(ct);
        var current = await settings.GetEffectiveAsync(ct);
        var sender = SmsSender.DefaultSender(current);
        if (sender is null)
        {
            return await FinishAsync(actor, steps, null, "Set a default sender (phone number or Messaging Service) in Settings first: the Function sends from it.", ct);
        }

        var serverless = twilio.Serverless;
        var step = "";
        try
        {
            step = "Service";
            Report(step, DeployStepState.Running);
            var service = await serverless.ListServicesAsync(ct).FirstOrDefaultAsync(s => s.UniqueName == ServiceUniqueName, ct);
            var reusedService = service is not null;
            service ??= await serverless.CreateServiceAsync(ServiceUniqueName, "TwilioConsole send-sms", ct);
            Report(step, reusedService ? DeployStepState.Reused : DeployStepState.Done, $"{ServiceUniqueName} ({service.Sid})");

            step = "Environment";
            Report(step, DeployStepState.Running);
            var environment = await serverless.ListEnvironmentsAsync(service.Sid, ct).FirstOrDefaultAsync(e => e.UniqueName == EnvironmentName, ct);
            var reusedEnvironment = environment is not null;
            environment ??= await serverless.CreateEnvironmentAsync(service.Sid, EnvironmentName, null, ct);
            Report(step, reusedEnvironment ? DeployStepState.Reused : DeployStepState.Done, environment.DomainName);

            step = "Function";
            Report(step, DeployStepState.Running);
            var function = await serverless.ListFunctionsAsync(service.Sid, ct).FirstOrDefaultAsync(f => f.FriendlyName == FunctionName, ct);
            var reusedFunction = function is not null;
            function ??= await serverless.CreateFunctionAsync(service.Sid, FunctionName, ct);
            Report(step, reusedFunction ? DeployStepState.Reused : DeployStepState.Done, function.Sid);

            step = "Upload code";
            Report(step, DeployStepState.Running);
            var version = await serverless.CreateFunctionVersionAsync(service.Sid, function.Sid, FunctionPath, "public", Code, ct);
            Report(step, DeployStepState.Done, $"{FunctionPath}, public with X-Api-Key ({version.Sid})");

            step = "Variables";
            Report(step, DeployStepState.Running);
            var apiKey = await ApiKeyAsync(ct) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            await SetVariablesAsync(serverless, service.Sid, environment.Sid, new Dictionary<string, string> { ["SENDER"] = sender, ["SEND_SMS_API_KEY"] = apiKey }, ct);
            await settings.SetStateAsync(new Dictionary<string, string> { [ApiKeyState] = apiKey }, new HashSet<string> { ApiKeyState }, actor, ct);
            Report(step, DeployStepState.Done, "SENDER, SEND_SMS_API_KEY");

            step = "Build";
            Report(step, DeployStepState.Running, Runtime);
            var build = await serverless.CreateBuildAsync(service.Sid, [version.Sid], [], Dependencies, Runtime, ct);
            var status = await DeployProgress.WaitForBuildAsync(serverless, service.Sid, build.Sid, clock, BuildTimeout, PollInterval, ct);
            if (status != "completed")
            {
                var reason = status == "failed"
                    ? $"Build {build.Sid} failed. Twilio keeps the build log in the Console: Functions and Assets → Services → {ServiceUniqueName}."
                    : $"Build {build.Sid} was still '{status}' after {BuildTimeout.TotalMinutes:0} minutes; deploy again later.";
                Report(step, DeployStepState.Failed, reason);
                return await FinishAsync(actor, steps, null, reason, ct);
            }

            Report(step, DeployStepState.Done, build.Sid);

            step = "Deploy";
            Report(step, DeployStepState.Running);
            var deployment = await serverless.CreateDeploymentAsync(service.Sid, environment.Sid, build.Sid, ct);
            var url = new Uri($"https://{environment.DomainName}{FunctionPath}");
            Report(step, DeployStepState.Done, url.ToString());

            var result = new FunctionDeployment(service.Sid, environment.Sid, build.Sid, url, clock.GetUtcNow(), twilio.Mode == ConsoleMode.Sandbox);
            var prefix = StatePrefix + (result.Sandbox ? "Sandbox:" : "Twilio:");
            await settings.SetStateAsync(new Dictionary<string, string>
            {
                [prefix + "ServiceSid"] = service.Sid,
                [prefix + "EnvironmentSid"] = environment.Sid,
                [prefix + "BuildSid"] = build.Sid,
                [prefix + "DeploymentSid"] = deployment.Sid,
                [prefix + "Url"] = url.ToString(),
                [prefix + "DeployedAt"] = result.DeployedAt.ToString("O", CultureInfo.InvariantCulture),
            }, new HashSet<string>(), actor, ct);
            return await FinishAsync(actor, steps, result, null, ct);
        }
        catch (Exception e) when (e is TwilioApiException or TwilioNotConfiguredException)
        {
            return await FinishAsync(actor, steps, null, steps.Fail(e), ct);
        }
    }

    private static async Task SetVariablesAsync(IServerlessApi serverless, string serviceSid, string environmentSid, Dictionary<string, string> wanted, CancellationToken ct)
    {
        var existing = await serverless.ListVariablesAsync(serviceSid, environmentSid, ct).ToListAsync(ct);
        foreach (var (key, value) in wanted)
        {
            var found = existing.FirstOrDefault(v => v.Key == key);
            if (found is null)
            {
                await serverless.CreateVariableAsync(serviceSid, environmentSid, key, value, ct);
            }
            else if (found.Value != value)
            {
                await serverless.UpdateVariableAsync(serviceSid, environmentSid, found.Sid, value, ct);
            }
        }
    }

    private async Task<DeployResult> FinishAsync(string actor, DeployProgress steps, FunctionDeployment? deployment, string? error, CancellationToken ct)
    {
        var details = steps.Summary;
        await audit.RecordAsync(actor, "functions.deploy", ServiceUniqueName, deployment is null ? details : $"{details}; {deployment.Url}", error is null, error, ct);
        return new DeployResult(error is null, deployment, steps.Steps, error);
    }

    private static string ReadCode()
    {
        using var stream = typeof(FunctionDeployer).Assembly.GetManifestResourceStream("send-sms.js")
            ?? throw new InvalidOperationException("The send-sms Function is not embedded in TwilioConsole.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
