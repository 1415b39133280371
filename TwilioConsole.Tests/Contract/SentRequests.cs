using System.Collections.Concurrent;

namespace TwilioConsole.Tests.Contract;

/// <summary>One request the app sent to a mock: method, path, its form fields (empty for other bodies) and a JSON body.</summary>
public sealed record SentRequest(HttpMethod Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Form, string? Json = null)
{
    public string? Field(string name) => Form.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

    public IReadOnlyList<string> Fields(string name) => [.. Form.Where(f => f.Key == name).Select(f => f.Value)];
}

/// <summary>
/// Records every request the app sends to the Prism mocks, so contract tests assert on what the app chose to send
/// (paths, form fields, values), not on the example values Prism answers with.
/// </summary>
public sealed class SentRequests
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public void Clear() => _sent.Clear();

    public IReadOnlyList<SentRequest> All => [.. _sent];

    public IReadOnlyList<SentRequest> Posts(string pathEndsWith) =>
        [.. _sent.Where(r => r.Method == HttpMethod.Post && r.Path.EndsWith(pathEndsWith, StringComparison.Ordinal))];

    public DelegatingHandler Handler() => new Recorder(this);

    private sealed class Recorder(SentRequests sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            IReadOnlyList<KeyValuePair<string, string>> form = [];
            string? json = null;
            if (request.Content?.Headers.ContentType?.MediaType == "application/json")
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
                json = await request.Content.ReadAsStringAsync(cancellationToken);
            }
            else if (request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
                var text = await request.Content.ReadAsStringAsync(cancellationToken);
                form = [.. text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
                {
                    var parts = pair.Split('=', 2);
                    return KeyValuePair.Create(Uri.UnescapeDataString(parts[0].Replace('+', ' ')), Uri.UnescapeDataString((parts.Length > 1 ? parts[1] : "").Replace('+', ' ')));
                })];
            }

            sent._sent.Enqueue(new SentRequest(request.Method, request.RequestUri!.AbsolutePath, form, json));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
