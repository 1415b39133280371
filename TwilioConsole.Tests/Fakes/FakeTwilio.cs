using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace TwilioConsole.Tests.Fakes;

/// <summary>A recorded request: what the client sent, read once so tests can assert on it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public IReadOnlyList<KeyValuePair<string, string>> Form =>
        [.. Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return new KeyValuePair<string, string>(WebUtility.UrlDecode(parts[0]), WebUtility.UrlDecode(parts.Length > 1 ? parts[1] : ""));
        })];
}

/// <summary>
/// Stands in for Twilio over HTTP: canned responses per method and path (queued, the last one repeats), Twilio
/// error bodies, and every request recorded. Unknown routes answer 404 with a Twilio-shaped body.
/// </summary>
public sealed class FakeTwilio
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(Func<HttpResponseMessage> Make, TimeSpan Delay)>> _routes = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <param name="delay">How long Twilio takes to answer (longer than the client's time-out: Twilio timed out).</param>
    public FakeTwilio Respond(HttpMethod method, string path, HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null, TimeSpan delay = default)
    {
        _routes.GetOrAdd(Key(method, path), _ => new()).Enqueue((() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return response;
        }, delay));
        return this;
    }

    public FakeTwilio RespondError(HttpMethod method, string path, HttpStatusCode status, int code, string message) =>
        Respond(method, path, status,
            $$"""{"code": {{code}}, "message": "{{message}}", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{(int)status}}}""");

    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        _requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType, body));

        if (_routes.TryGetValue(Key(request.Method, request.RequestUri!.AbsolutePath), out var queue))
        {
            var next = queue.Count > 1 && queue.TryDequeue(out var first) ? first : queue.TryPeek(out var last) ? last : default;
            if (next.Make is not null)
            {
                if (next.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(next.Delay, ct);
                }

                var response = next.Make();
                response.RequestMessage = request;
                return response;
            }
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            RequestMessage = request,
            Content = new StringContent("""{"code": 20404, "message": "The requested resource was not found", "status": 404}""", Encoding.UTF8, "application/json"),
        };
    }

    private static string Key(HttpMethod method, string path) => $"{method.Method} {path}";
}

public sealed class FakeTwilioHandler(FakeTwilio twilio) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        twilio.HandleAsync(request, cancellationToken);
}
