using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// Twilio's two paging styles as one <see cref="IAsyncEnumerable{T}"/>: v1/v2 products send an absolute
/// <c>meta.next_page_url</c>, the 2010 API a relative <c>next_page_uri</c>. Both are resolved against our own base
/// address (so mocks serve page 2 too), and a page cap stops a runaway listing.
/// </summary>
internal static class TwilioPaging
{
    public const int DefaultMaxPages = 50;

    public static async IAsyncEnumerable<T> PagesAsync<T>(this HttpClient http, string firstUrl, string key,
        [EnumeratorCancellation] CancellationToken ct, int maxPages = DefaultMaxPages)
    {
        string? next = firstUrl;
        for (var page = 0; next is not null && page < maxPages; page++)
        {
            using var body = await http.GetTwilioAsync<JsonDocument>(next, ct);
            var root = body.RootElement;
            if (root.TryGetProperty(key, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    yield return item.Deserialize<T>(TwilioJson.Options)!;
                }
            }

            next = NextPage(root);
        }
    }

    internal static string? NextPage(JsonElement root)
    {
        if (root.TryGetProperty("meta", out var meta) && meta.TryGetProperty("next_page_url", out var url) &&
            url.ValueKind == JsonValueKind.String && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var absolute))
        {
            return absolute.PathAndQuery.TrimStart('/'); // absolute twilio.com link → keep our host
        }

        if (root.TryGetProperty("next_page_uri", out var uri) && uri.ValueKind == JsonValueKind.String &&
            !string.IsNullOrEmpty(uri.GetString()))
        {
            return uri.GetString()!.TrimStart('/');
        }

        return null;
    }
}
