namespace TwilioConsole.Core.Routing;

/// <summary>
/// Queue statistics for pages that refresh on a timer: one fetch from TaskRouter serves every open page of this instance
/// for <see cref="MaxAge"/>, so N open pages make one request per interval, not N (Twilio rate-limits an account).
/// </summary>
public sealed class SharedQueueStatistics(IServiceProvider services, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<QueueSnapshot> Snapshots)? _last;

    public async Task<(IReadOnlyList<QueueSnapshot> Snapshots, DateTimeOffset At)> SnapshotAsync(CancellationToken ct)
    {
        if (_last is { } fresh && clock.GetUtcNow() - fresh.At < MaxAge)
        {
            return (fresh.Snapshots, fresh.At);
        }

        await _fetch.WaitAsync(ct);
        try
        {
            if (_last is { } other && clock.GetUtcNow() - other.At < MaxAge)
            {
                return (other.Snapshots, other.At); // fetched by another page while this one waited
            }

            var statistics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<QueueStatistics>(services);
            var snapshots = await statistics.SnapshotAsync(ct);
            _last = (clock.GetUtcNow(), snapshots);
            return (snapshots, _last.Value.At);
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Dispose() => _fetch.Dispose();
}
