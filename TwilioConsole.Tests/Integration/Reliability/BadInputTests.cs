using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>
/// Hostile and malformed requests to the webhooks, each answered with the expected 4xx (never a 5xx), and nothing
/// stored half-way: only well-formed, signed events make a row, and only one per task.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Events = "http://localhost/webhooks/taskrouter/events";
    private const string Status = "http://localhost/webhooks/messaging/status";
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory().With("TwilioConsole:ThankYou:Dispatch", "false");
    private string _key = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _key = (await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(CancellationToken.None))!;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static List<KeyValuePair<string, string>> Event(int task = 1, string name = "Zoë") => TaskRouterEvents.Form(task, name: name);

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, string key, string? value)
    {
        form.RemoveAll(f => f.Key == key);
        if (value is not null)
        {
            form.Add(new(key, value));
        }

        return form;
    }

    public static TheoryData<string, int> SignedForms => new()
    {
        { "missing EventType", 400 },
        { "TaskSid too long", 400 },
        { "TaskAttributes not JSON", 204 },
        { "TaskAttributes a JSON array", 204 },
        { "TaskAttributes nested 5,000 deep", 204 },
        { "unknown extra fields", 204 },
        { "script and SQL in every text field", 204 },
        { "control characters and emoji", 204 },
    };

    private static List<KeyValuePair<string, string>> Case(string name) => name switch
    {
        "missing EventType" => With(Event(), "EventType", null),
        "TaskSid too long" => With(Event(), "TaskSid", new string('W', 500)),
        "TaskAttributes not JSON" => With(Event(), "TaskAttributes", "{from: +1415"),
        "TaskAttributes a JSON array" => With(Event(), "TaskAttributes", "[1,2,3]"),
        "TaskAttributes nested 5,000 deep" => With(Event(), "TaskAttributes", new string('[', 5000) + new string(']', 5000)),
        "unknown extra fields" => [.. Event(), new("Sid", "x"), new("Timestamp", "yesterday"), new("🙂", "🙂")],
        "script and SQL in every text field" => [.. Event(name: "<script>alert(1)</script>'; DROP TABLE ThankYouTexts; --")
            .Select(f => f.Key is "TaskQueueName" or "WorkerName" ? new KeyValuePair<string, string>(f.Key, "<img src=x onerror=alert(1)>' OR 1=1 --") : f)],
        "control characters and emoji" => [.. Event(name: "Zo\u0000ë\u001b[31m 😀\u202e")],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(SignedForms))]
    public async Task SignedButMalformedEvents_AreAnsweredPlainly(string name, int expected)
    {
        using var client = _app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost(Events, Case(name), _key), Ct);

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(expected == 204 ? 1 : 0, await db.ThankYouTexts.CountAsync(Ct)); // the table is still there, too
    }

    [Fact]
    public async Task HostileText_IsStoredAsText()
    {
        using var client = _app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost(Events, Case("script and SQL in every text field"), _key), Ct);

        await using var db = await _app.DbAsync(Ct);
        var row = await db.ThankYouTexts.SingleAsync(Ct);
        Assert.Equal("<script>alert(1)</script>'; DROP TABLE ThankYouTexts; --", row.CustomerName);
        Assert.Equal("<img src=x onerror=alert(1)>' OR 1=1 --", row.AgentName);
    }

    public static TheoryData<string, int> RawRequests => new()
    {
        { "no signature", 403 },
        { "signature of other fields", 403 },
        { "JSON body", 403 },
        { "plain text body", 403 },
        { "invalid UTF-8 in the form", 403 },
        { "body over 64 KB", 413 },
        { "GET instead of POST", 405 },
        { "PUT instead of POST", 405 },
        { "2 MB body, unsigned", 413 }, // refused on its length, before any signature work
        { "2 MB body sent without a length", 413 },
    };

    private HttpRequestMessage Raw(string name)
    {
        HttpRequestMessage Post(HttpContent content, string? signature = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/taskrouter/events") { Content = content };
            if (signature is not null)
            {
                request.Headers.Add("X-Twilio-Signature", signature);
            }

            return request;
        }

        var signed = TwilioRequests.SignedPost(Events, Event(), _key);
        var signature = signed.Headers.GetValues("X-Twilio-Signature").Single();
        return name switch
        {
            "no signature" => Post(new FormUrlEncodedContent(Event())),
            "signature of other fields" => Post(new FormUrlEncodedContent(Event(task: 2)), signature),
            "JSON body" => Post(new StringContent("""{"EventType":"task.wrapup"}""", Encoding.UTF8, "application/json"), signature),
            "plain text body" => Post(new StringContent("EventType=task.wrapup", Encoding.UTF8, "text/plain"), signature),
            "invalid UTF-8 in the form" => Post(new ByteArrayContent([.. "EventType=task.wrapup&TaskSid="u8, 0xC3, 0x28, 0xFF]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } }, signature),
            "body over 64 KB" => TwilioRequests.SignedPost(Events, With(Event(), "TaskAttributes", new string('a', 70_000)), _key),
            "GET instead of POST" => new HttpRequestMessage(HttpMethod.Get, "/webhooks/taskrouter/events"),
            "PUT instead of POST" => new HttpRequestMessage(HttpMethod.Put, "/webhooks/taskrouter/events") { Content = new FormUrlEncodedContent(Event()) },
            "2 MB body, unsigned" => Post(new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } }),
            "2 MB body sent without a length" => Post(new StreamContent(new UnknownLength(2 * 1024 * 1024)) { Headers = { ContentType = new("application/x-www-form-urlencoded") } }),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(RawRequests))]
    public async Task BrokenRequests_AreRefused_AndStoreNothing(string name, int expected)
    {
        using var client = _app.NewClient();
        using var response = await client.SendAsync(Raw(name), Ct);

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(0, await db.ThankYouTexts.CountAsync(Ct));
    }

    [Fact]
    public async Task ReplayedAndDuplicatedEvents_MakeOneText()
    {
        using var client = _app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(TwilioRequests.SignedPost(Events, Event(), _key), Ct);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(1, await db.ThankYouTexts.CountAsync(Ct));
    }

    [Fact]
    public async Task ConcurrentDuplicates_MakeOneRowPerTask()
    {
        using var client = _app.NewClient();
        var sends = Enumerable.Range(1, 20).SelectMany(task => Enumerable.Repeat(task, 5))
            .Select(async task =>
            {
                using var response = await client.SendAsync(TwilioRequests.SignedPost(Events, TaskRouterEvents.WithEventSid(Event(task)), _key), Ct);
                return response.StatusCode;
            });

        var statuses = await Task.WhenAll(sends);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(20, await db.ThankYouTexts.CountAsync(Ct));
        Assert.Equal(20, await db.ThankYouTexts.Select(t => t.TaskSid).Distinct().CountAsync(Ct));
        Assert.Equal(20, await db.BoardEvents.CountAsync(Ct)); // the board's copy of each event, in the same group commit, once too
    }

    [Theory]
    [InlineData("MessageSid", "not-a-sid", 400)]
    [InlineData("MessageSid", null, 400)]
    [InlineData("MessageStatus", "delivered-and-then-some-more", 400)]
    [InlineData("ErrorCode", "lots", 400)]
    [InlineData("MessageStatus", "delivered", 204)]
    public async Task StatusCallbacks_CheckTheirFields(string field, string? value, int expected)
    {
        var form = With([new("MessageSid", Sids.Make("SM", 1)), new("MessageStatus", "sent")], field, value);
        using var client = _app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost(Status, form, _key), Ct);

        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
        Assert.Equal(expected, (int)response.StatusCode == 200 ? 204 : (int)response.StatusCode);
    }

    /// <summary>A body whose length is not known up front (sent chunked), of zeros.</summary>
    private sealed class UnknownLength(int size) : Stream
    {
        private int _left = size;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
