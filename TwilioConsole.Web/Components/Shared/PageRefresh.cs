namespace TwilioConsole.Web.Components.Shared;

/// <summary>The loop behind pages that refresh themselves: a tick every period while the page is open (and, if given, while there is something to follow).</summary>
public static class PageRefresh
{
    /// <summary>Runs <paramref name="tick"/> every <paramref name="period"/> until <paramref name="ct"/> is cancelled (the page closed) or <paramref name="keepGoing"/> says stop.</summary>
    public static async Task EveryAsync(TimeSpan period, Func<Task> tick, CancellationToken ct, Func<bool>? keepGoing = null)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while ((keepGoing?.Invoke() ?? true) && await timer.WaitForNextTickAsync(ct))
            {
                await tick();
            }
        }
        catch (OperationCanceledException)
        {
            // page closed
        }
    }
}
