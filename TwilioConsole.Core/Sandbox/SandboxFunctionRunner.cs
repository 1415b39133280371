using System.Text.Json;
using TwilioConsole.Core.Functions;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Runs the send-sms Function as deployed in the Sandbox: the JavaScript the deploy uploaded (the shipped
/// <c>assets/functions/send-sms.js</c>), with the environment's variables, through <see cref="SandboxFunctionRuntime"/>,
/// its messages going to the Sandbox's Messages API. Whatever the script answers — 201, 400, 401, 403, 500, 502 — is
/// what the caller gets; there is no second copy of its rules here.
/// </summary>
public sealed class SandboxFunctionRunner
{
    private readonly SandboxServerlessApi _serverless;
    private readonly SandboxMessagingApi _messaging;

    internal SandboxFunctionRunner(SandboxServerlessApi serverless, SandboxMessagingApi messaging) =>
        (_serverless, _messaging) = (serverless, messaging);

    public async Task<FunctionSendResult> RunAsync(FunctionDeployment deployment, string apiKey, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        var code = await _serverless.DeployedCodeAsync(deployment.EnvironmentSid, FunctionDeployer.FunctionPath, ct);
        if (code is null)
        {
            return new(404, null, null, $"Nothing is deployed at {FunctionDeployer.FunctionPath} in this Sandbox environment: deploy the Function again on the Functions page.", null);
        }

        var variables = (await _serverless.ListVariablesAsync(deployment.ServiceSid, deployment.EnvironmentSid, ct).ToListAsync(ct)).ToDictionary(v => v.Key, v => v.Value);
        variables["DOMAIN_NAME"] = deployment.Url.Host;
        var answer = await SandboxFunctionRuntime.InvokeAsync(code, variables, form, new Dictionary<string, string> { ["x-api-key"] = apiKey }, _messaging, ct);
        return FunctionSendResult.FromAnswer(answer.Status, ParseBody(answer.Body));
    }

    private static JsonElement ParseBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(new { error = body }); // a Function may answer plain text
        }
    }
}
