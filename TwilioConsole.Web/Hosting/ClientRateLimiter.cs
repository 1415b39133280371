using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;

namespace TwilioConsole.Web.Hosting;

/// <summary>
/// The app's one rate limiter (<see cref="RateLimitExtensions"/>): a fixed window per client and kind of request —
/// webhooks (and the benchmarks' diagnostics) per second, sign-in posts per minute — and no limit on anything else.
/// Built for the webhook path, which runs it on every request before the signature check: an unlimited request
/// touches nothing shared, a limited one only its own client's window, and no lease is allocated unless a request is
/// refused. ASP.NET's partitioned limiter took one lock shared by every request and a lease per request, about 7 % of
/// the bare endpoint's throughput (bench/RESULTS.md). Windows idle for two of their lengths are dropped at most every
/// <see cref="SweepEvery"/>, so addresses seen once do not pile up.
/// </summary>
internal sealed class ClientRateLimiter(int webhooksPerSecond, int signInsPerMinute, TimeProvider clock) : PartitionedRateLimiter<HttpContext>
{
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WebhookWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SignInWindow = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(Kind Kind, IPAddress? Client), Window> _windows = new();
    private long _lastSweep = clock.GetTimestamp();

    private enum Kind { None, Webhooks, SignIn }

    /// <summary>How many client windows are kept (for tests).</summary>
    internal int WindowCount => _windows.Count;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var kind = Classify(resource.Request);
        if (kind == Kind.None)
        {
            return Lease.Acquired;
        }

        var (limit, length) = kind == Kind.Webhooks ? (webhooksPerSecond, WebhookWindow) : (signInsPerMinute, SignInWindow);
        var now = clock.GetTimestamp();
        SweepIfDue(now);
        var window = _windows.GetOrAdd((kind, resource.Connection.RemoteIpAddress), static _ => new Window());
        TimeSpan retryAfter;
        lock (window.Gate)
        {
            if (window.Count == 0 || clock.GetElapsedTime(window.Start, now) >= length)
            {
                (window.Start, window.Count) = (now, 0);
            }

            window.LastUsed = now;
            if (window.Count + permitCount <= limit)
            {
                window.Count += permitCount;
                return Lease.Acquired;
            }

            retryAfter = length - clock.GetElapsedTime(window.Start, now);
        }

        return new Lease(retryAfter);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount)); // nothing queues: over the limit is refused at once

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    private static Kind Classify(HttpRequest request) =>
        MachinePaths.Contains(request.Path) ? Kind.Webhooks
        : HttpMethods.IsPost(request.Method) && IsSignIn(request.Path) ? Kind.SignIn
        : Kind.None;

    /// <summary>The sign-in page however it is spelled: any case, with or without a trailing slash.</summary>
    private static bool IsSignIn(PathString path) =>
        string.Equals((path.Value ?? "").TrimEnd('/'), "/Account/Login", StringComparison.OrdinalIgnoreCase);

    /// <summary>Drops the windows idle for two of their lengths; one request in <see cref="SweepEvery"/> does it.</summary>
    private void SweepIfDue(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (clock.GetElapsedTime(last, now) < SweepEvery || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            var idle = key.Kind == Kind.Webhooks ? 2 * WebhookWindow : 2 * SignInWindow;
            if (clock.GetElapsedTime(Interlocked.Read(ref window.LastUsed), now) >= idle)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        public readonly Lock Gate = new();
        public long Start;
        public int Count;
        public long LastUsed;
    }

    /// <summary>Acquired (one shared instance: it holds nothing), or refused with when to try again.</summary>
    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name ? after : null;
            return metadata is not null;
        }
    }
}
