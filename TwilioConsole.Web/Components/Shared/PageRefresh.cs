namespace TwilioConsole.Web.Components.Shared;

/// <summary>The loop behind pages that refresh themselves: a tick every period while the page is open (and, if given, while there is something to follow).</summary>
public static class PageRefresh
{
    /// <summary>
    /// Runs <paramref name="tick"/> every <paramref name="period"/> until <paramref name="ct"/> is cancelled (the page
    /// closed) or <paramref name="keepGoing"/> says stop. A tick that throws (Twilio slow, the database busy) does not
    /// end the loop: it is reported to <paramref name="onError"/> and the next tick waits twice as long, up to 30 s.
    /// </summary>
    public static async Task EveryAsync(TimeSpan period, Func<Task> tick, CancellationToken ct, Func<bool>? keepGoing = null, Func<Exception, Task>? onError = null)
    {
        var wait = period;
        try
        {
            while (keepGoing?.Invoke() ?? true)
            {
                await Task.Delay(wait, ct);
                try
                {
                    await tick();
                    wait = period;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, wait.Ticks * 2));
                    if (onError is not null)
                    {
                        await onError(e);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // page closed
        }
    }
}
