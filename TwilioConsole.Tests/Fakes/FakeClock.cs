using Microsoft.Extensions.Time.Testing;

namespace TwilioConsole.Tests.Fakes;

public static class FakeClock
{
    /// <summary>Moves the fake clock on (half a second every 10 ms, 200 s at most) until the work completes, so work that polls (a Serverless build) proceeds without real waiting.</summary>
    public static async Task<T> WhileAdvancingAsync<T>(this FakeTimeProvider clock, Task<T> work, CancellationToken ct)
    {
        for (var i = 0; i < 400 && !work.IsCompleted; i++)
        {
            await Task.Delay(10, ct);
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        return await work;
    }
}
