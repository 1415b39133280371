using TwilioConsole.Web.Components.Shared;

namespace TwilioConsole.Tests.Unit.Ui;

/// <summary>A page's refresh loop survives a tick that throws, reports it, and stops only when the page closes.</summary>
[Trait("Lane", "Unit")]
public sealed class PageRefreshTests
{
    [Fact]
    public async Task ATickThatThrows_IsReported_AndTheLoopGoesOn()
    {
        using var closed = new CancellationTokenSource();
        var ticks = 0;
        var errors = new List<string>();

        var loop = PageRefresh.EveryAsync(TimeSpan.FromMilliseconds(10), () =>
        {
            ticks++;
            if (ticks <= 2)
            {
                throw new TimeoutException("Twilio did not answer");
            }

            if (ticks == 4)
            {
                closed.Cancel(); // the page closes
            }

            return Task.CompletedTask;
        }, closed.Token, onError: e =>
        {
            errors.Add(e.Message);
            return Task.CompletedTask;
        });

        await loop.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(4, ticks);
        Assert.Equal(["Twilio did not answer", "Twilio did not answer"], errors);
    }
}
