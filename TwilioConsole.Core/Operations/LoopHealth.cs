using System.Collections.Concurrent;

namespace TwilioConsole.Core.Operations;

/// <summary>A background loop that has been failing since <see cref="Since"/>, with its last error.</summary>
public sealed record FailingLoop(string Name, DateTimeOffset Since, int Failures, string LastError);

/// <summary>
/// Which background loops are failing right now and since when: fed by <see cref="SupervisedLoop"/>, read by the
/// health check (Degraded, naming the loop, once one has failed for longer than the threshold) and the metrics.
/// </summary>
public sealed class LoopHealth(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FailingLoop> _failing = new(StringComparer.Ordinal);

    /// <returns>True when this starts a new run of failures (the moment to log it).</returns>
    public bool Failed(string loop, Exception error)
    {
        var message = $"{error.GetType().Name}: {error.Message}";
        var now = clock.GetUtcNow();
        var first = false;
        _failing.AddOrUpdate(loop, _ =>
        {
            first = true;
            return new FailingLoop(loop, now, 1, message);
        }, (_, existing) => existing with { Failures = existing.Failures + 1, LastError = message });
        ConsoleMetrics.LoopFailures.Add(1, new KeyValuePair<string, object?>("loop", loop));
        return first;
    }

    /// <returns>True when the loop had been failing (the moment to log its recovery).</returns>
    public bool Succeeded(string loop) => _failing.TryRemove(loop, out _);

    public IReadOnlyList<FailingLoop> Failing => [.. _failing.Values.OrderBy(f => f.Since)];

    /// <summary>The loops failing for longer than <paramref name="threshold"/>.</summary>
    public IReadOnlyList<FailingLoop> FailingLongerThan(TimeSpan threshold) =>
        [.. Failing.Where(f => clock.GetUtcNow() - f.Since >= threshold)];
}
