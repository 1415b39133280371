using System.Globalization;
using TwilioConsole.Web.Components.Shared.Charts;
using TwilioConsole.Core.Live;

namespace TwilioConsole.Web.Components.Pages.Live;

/// <summary>
/// Keeps a component's board current: each new snapshot is handed to <c>onSnapshot</c>, and at most one render is
/// queued at a time however many snapshots arrive meanwhile. Dispose to stop.
/// </summary>
internal sealed class BoardSubscription : IDisposable
{
    private readonly BoardFeed _feed;
    private readonly Action<BoardSnapshot> _onSnapshot;
    private readonly Func<Action, Task> _invoke;
    private readonly Action _render;
    private int _queued;

    /// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
    /// <param name="render">The component's <c>StateHasChanged</c>.</param>
    public BoardSubscription(BoardFeed feed, Action<BoardSnapshot> onSnapshot, Func<Action, Task> invoke, Action render)
    {
        (_feed, _onSnapshot, _invoke, _render) = (feed, onSnapshot, invoke, render);
        onSnapshot(feed.Current);
        feed.Changed += OnChanged;
    }

    private void OnChanged(BoardSnapshot snapshot)
    {
        _onSnapshot(snapshot);
        if (Interlocked.Exchange(ref _queued, 1) == 0)
        {
            _ = _invoke(() =>
            {
                Volatile.Write(ref _queued, 0);
                _render();
            });
        }
    }

    public void Dispose() => _feed.Changed -= OnChanged;

    /// <summary>Today's calls per queue per hour, a series per queue (the Live page's and the Dashboard's charts).</summary>
    public static List<ChartSeries> HourSeries(BoardSnapshot snapshot) =>
        [.. snapshot.Queues.Select(q => new ChartSeries(q.Name, [.. q.CallsByHour.Select(c => (double)c)]))];

    /// <summary>The hours 0–23 as the charts label them ("00" … "23").</summary>
    public static readonly IReadOnlyList<string> Hours = [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture))];
}
