using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// The Sandbox's stand-in for running the deployed send-sms Function: it reads the environment's variables and keeps
/// the Function's contract (X-Api-Key, E.164 To, 1..1600-character Body, the service's fixed sender, optional
/// StatusCallback), then sends through the Sandbox's Messages API. The JavaScript itself is tested by node in assets/.
/// </summary>
public sealed class SandboxFunctionRunner
{
    private readonly SandboxServerlessApi _serverless;
    private readonly SandboxMessagingApi _messaging;

    internal SandboxFunctionRunner(SandboxServerlessApi serverless, SandboxMessagingApi messaging) =>
        (_serverless, _messaging) = (serverless, messaging);

    public async Task<FunctionSendResult> RunAsync(FunctionDeployment deployment, string apiKey, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        var variables = (await _serverless.ListVariablesAsync(deployment.ServiceSid, deployment.EnvironmentSid, ct).ToListAsync(ct)).ToDictionary(v => v.Key, v => v.Value);
        var sender = variables.GetValueOrDefault("SENDER");
        var expected = variables.GetValueOrDefault("SEND_SMS_API_KEY");
        if (string.IsNullOrEmpty(sender) || string.IsNullOrEmpty(expected))
        {
            return new(500, null, null, "This Function is not configured: set SENDER and SEND_SMS_API_KEY.", null);
        }

        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))))
        {
            return new(401, null, null, "Missing or wrong X-Api-Key.", null);
        }

        var to = form.FirstOrDefault(f => f.Key == "To").Value?.Trim() ?? "";
        var body = form.FirstOrDefault(f => f.Key == "Body").Value ?? "";
        if (!Phone.IsE164(to))
        {
            return new(400, null, null, "To must be a phone number in E.164 form, such as +15551234567.", null);
        }

        if (body.Trim().Length == 0 || body.Length > 1600)
        {
            return new(400, null, null, body.Length > 1600 ? $"Body must be at most 1600 characters (it has {body.Length})." : "Body must not be empty.", null);
        }

        var callback = form.FirstOrDefault(f => f.Key == "StatusCallback").Value is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
        var isService = TwilioSid.IsValid(sender, "MG");
        try
        {
            var sent = await _messaging.CreateMessageAsync(new MessageCreate(to, body, isService ? null : sender, isService ? sender : null, callback), ct);
            return new(201, sent.Sid, sent.Status, null, null);
        }
        catch (TwilioApiException e)
        {
            return new(502, null, null, e.TwilioMessage, e.Code);
        }
    }

}
