using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TwilioConsole.Core.Twilio;

/// <summary>The one place that sends a Twilio request and turns a refusal into <see cref="TwilioApiException"/>.</summary>
internal static class TwilioHttp
{
    public static async Task<T> GetTwilioAsync<T>(this HttpClient http, string relativeUrl, CancellationToken ct)
    {
        using var response = await http.GetAsync(relativeUrl, ct);
        return await ReadAsync<T>(response, ct);
    }

    public static async Task<T> PostTwilioAsync<T>(this HttpClient http, string relativeUrl, TwilioForm form, CancellationToken ct)
    {
        using var content = form.ToContent();
        using var response = await http.PostAsync(relativeUrl, content, ct);
        return await ReadAsync<T>(response, ct);
    }

    public static async Task<T> SendTwilioAsync<T>(this HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        return await ReadAsync<T>(response, ct);
    }

    public static async Task DeleteTwilioAsync(this HttpClient http, string relativeUrl, CancellationToken ct)
    {
        using var response = await http.DeleteAsync(relativeUrl, ct);
        await EnsureTwilioSuccessAsync(response, ct);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureTwilioSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(TwilioJson.Options, ct)
               ?? throw new TwilioApiException(response.StatusCode, null, "Twilio returned an empty body.", null);
    }

    /// <summary>Throws with Twilio's <c>{code, message, more_info}</c>, or the status line when the body is not Twilio JSON.</summary>
    public static async Task EnsureTwilioSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        int? code = null;
        string? message = null;
        Uri? moreInfo = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n))
                {
                    code = n;
                }

                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                    : root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                    : null;
                if (root.TryGetProperty("more_info", out var mi) && mi.ValueKind == JsonValueKind.String &&
                    Uri.TryCreate(mi.GetString(), UriKind.Absolute, out var uri))
                {
                    moreInfo = uri;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall back to the status line below.
        }

        throw new TwilioApiException(response.StatusCode, code,
            message ?? $"{(int)response.StatusCode} {response.ReasonPhrase ?? StatusText(response.StatusCode)}", moreInfo);
    }

    private static string StatusText(HttpStatusCode status) => status.ToString();
}
