using System.Net.Http.Json;
using System.Text.Json;
using TwilioConsole.Core.Sandbox;

namespace TwilioConsole.Core.Functions;

/// <summary>What the send-sms Function answered: HTTP status, and either the message or its error.</summary>
public sealed record FunctionSendResult(int HttpStatus, string? Sid, string? Status, string? Error, int? TwilioCode)
{
    public bool Succeeded => HttpStatus is >= 200 and < 300 && Sid is not null;

    /// <summary>Reads the Function's JSON answer: {sid, status} on success; {error} or {error, code, message} otherwise.</summary>
    public static FunctionSendResult FromAnswer(int httpStatus, JsonElement json) =>
        new(httpStatus, Text(json, "sid"), Text(json, "status"), Text(json, "message") ?? Text(json, "error"),
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var code) ? code : null);

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>
/// Calls the deployed send-sms Function with its X-Api-Key: over HTTPS in Twilio mode; in Sandbox mode the Sandbox
/// runs the deployed JavaScript itself (<see cref="SandboxFunctionRunner"/>), since its Functions domain is not real. Never retried: the Function sends an SMS.
/// </summary>
public sealed class FunctionSmsClient(IHttpClientFactory httpFactory, SandboxFunctionRunner sandbox)
{
    public const string HttpClientName = "send-sms-function";

    public async Task<FunctionSendResult> SendAsync(FunctionDeployment deployment, string apiKey, string to, string body, Uri? statusCallback, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", to), new("Body", body) };
        if (statusCallback is not null)
        {
            form.Add(new("StatusCallback", statusCallback.AbsoluteUri));
        }

        if (deployment.Sandbox)
        {
            return await sandbox.RunAsync(deployment, apiKey, form, ct);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, deployment.Url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            return FunctionSendResult.FromAnswer((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new FunctionSendResult(0, null, null, $"The Function at {deployment.Url} could not be reached or answered oddly ({e.Message}).", null);
        }
    }
}
