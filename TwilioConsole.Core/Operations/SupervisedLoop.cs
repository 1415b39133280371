using Microsoft.Extensions.Logging;

namespace TwilioConsole.Core.Operations;

/// <summary>
/// Runs a background loop so that nothing it meets stops it, or the host: each round that throws (a Twilio time-out,
/// a database error, bad JSON — anything) is logged once when a run of failures starts, reported to
/// <see cref="LoopHealth"/>, and followed by a growing pause (1 s doubling to 60 s) before the next round. Only the
/// host stopping ends it.
/// </summary>
public static partial class SupervisedLoop
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    public static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Max(0, failures - 1))));

    /// <param name="round">One unit of work; its exceptions are the supervisor's.</param>
    /// <param name="idle">What to wait for between successful rounds (new work, a timer).</param>
    public static async Task RunAsync(string name, Func<CancellationToken, Task> round, Func<CancellationToken, Task> idle,
        LoopHealth health, ILogger logger, TimeProvider clock, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
                if (health.Succeeded(name))
                {
                    LogRecovered(logger, name, failures);
                }

                failures = 0;
                await idle(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a supervisor catches everything by design: nothing a round throws may end the loop or the host
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                if (health.Failed(name, e))
                {
                    LogFailed(logger, e, name);
                }

                try
                {
                    await Task.Delay(Backoff(failures), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background loop '{Loop}' failed; it backs off and goes on (logged once until it recovers)")]
    private static partial void LogFailed(ILogger logger, Exception error, string loop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background loop '{Loop}' recovered after {Failures} failed round(s)")]
    private static partial void LogRecovered(ILogger logger, string loop, int failures);
}
