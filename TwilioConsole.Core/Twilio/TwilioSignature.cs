using System.Security.Cryptography;
using System.Text;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// Checks <c>X-Twilio-Signature</c>: Base64(HMAC-SHA1(auth token, URL + each form field name and value, sorted by
/// name ordinally)). Twilio is inconsistent about the default port, so the URL is also tried with the port added or
/// removed. JSON bodies are signed over the URL alone, whose <c>bodySHA256</c> query value must match the body.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        // Repeated keys: each value appended, values sorted (as Twilio's Node library does).
        foreach (var pair in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(pair.Key).Append(pair.Value);
        }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1; we verify it, we do not choose it.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var fields = form as IReadOnlyCollection<KeyValuePair<string, string>> ?? [.. form];
        return UrlVariants(url).Any(candidate => FixedTimeEquals(Compute(authToken, candidate, fields), signature));
    }

    /// <summary>A JSON-bodied webhook: the signature covers the URL only, and <c>bodySHA256</c> pins the body.</summary>
    public static bool IsValidJson(string authToken, string url, ReadOnlySpan<byte> body, string? signature)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var expectedHash = System.Web.HttpUtility.ParseQueryString(uri.Query)["bodySHA256"];
        var actualHash = Convert.ToHexStringLower(SHA256.HashData(body));
        return expectedHash is not null && FixedTimeEquals(expectedHash.ToLowerInvariant(), actualHash) && IsValid(authToken, url, [], signature);
    }

    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var builder = new UriBuilder(uri);
        var explicitPort = HasExplicitPort(url, uri);
        if (explicitPort)
        {
            builder.Port = -1;
        }
        else
        {
            builder.Port = uri.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        }

        // UriBuilder hides default ports; write the authority ourselves so ":443" survives.
        var authority = builder.Port == -1 ? uri.Host : $"{uri.Host}:{builder.Port}";
        yield return $"{uri.Scheme}://{authority}{uri.PathAndQuery}";
    }

    private static bool HasExplicitPort(string url, Uri uri)
    {
        var afterScheme = url[(uri.Scheme.Length + 3)..];
        var end = afterScheme.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? afterScheme : afterScheme[..end];
        return authority.Contains(':', StringComparison.Ordinal) && !authority.EndsWith(']');
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
