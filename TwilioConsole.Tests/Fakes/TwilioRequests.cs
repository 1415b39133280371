using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Tests.Fakes;

/// <summary>Webhook requests as Twilio sends them: form-encoded and signed over the URL Twilio called.</summary>
public static class TwilioRequests
{
    public static HttpRequestMessage SignedPost(string publicUrl, IEnumerable<KeyValuePair<string, string>> form, string key, string? requestPath = null)
    {
        var fields = form.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, requestPath ?? new Uri(publicUrl).PathAndQuery)
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(key, publicUrl, fields));
        return request;
    }
}
