using Bunit;
using Microsoft.AspNetCore.Components;
using TwilioConsole.Core.Live;
using TwilioConsole.Web.Components.Pages.Live;

namespace TwilioConsole.Tests.Components.Live;

/// <summary>
/// The board stays on screen all day, and every component it holds costs the server memory for as long as it is open
/// (ADR 13): its queues and agents are drawn as markup, so a bigger contact center adds no components.
/// </summary>
[Trait("Lane", "Components")]
public sealed class BoardViewTests : MudTestContext
{
    [Fact]
    public void MoreQueuesAndAgents_AddNoComponents()
    {
        var small = Render<BoardView>(p => p.Add(c => c.Snapshot, Snapshot(queues: 2, agents: 3)));
        var large = Render<BoardView>(p => p.Add(c => c.Snapshot, Snapshot(queues: 12, agents: 40)));

        Assert.Equal(12, large.FindAll("[data-testid=board-queue]").Count);
        Assert.Equal(40, large.FindAll("[data-testid=board-agent]").Count);
        Assert.Equal(small.FindComponents<IComponent>().Count, large.FindComponents<IComponent>().Count);
    }

    [Fact]
    public void Queue_ShowsItsFiguresAndServiceLevel()
    {
        var board = Render<BoardView>(p => p.Add(c => c.Snapshot, Snapshot(queues: 1, agents: 2)));

        var queue = board.Find("[data-testid=board-queue][data-queue='Queue 0']");
        Assert.Equal("Queue 0", queue.QuerySelector("h2")!.TextContent);
        Assert.Equal("mud-grid-item mud-grid-item-xs-12 mud-grid-item-sm-6 mud-grid-item-lg-6", queue.ParentElement!.ClassName); // two a row on wide screens
        Assert.Equal("SL " + 0.8.ToString("P0", System.Globalization.CultureInfo.InvariantCulture), queue.QuerySelector("[data-testid=board-sl] .mud-chip-content")!.TextContent);
        Assert.Contains("mud-chip-color-success", queue.QuerySelector("[data-testid=board-sl]")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("3", queue.QuerySelector("[data-testid=board-waiting]")!.TextContent);
        Assert.Equal(["Busy", "No activity seen"], board.FindAll("[data-testid=board-agent] .mud-chip-content").Select(c => c.TextContent));
    }

    private static BoardSnapshot Snapshot(int queues, int agents)
    {
        var at = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        return new BoardSnapshot(at, "UTC", 20,
            [.. Enumerable.Range(0, queues).Select(i => new QueueBoard($"Queue {i}", 3, TimeSpan.FromSeconds(42), 1, 2, 10, 1, 0.8, TimeSpan.FromSeconds(12), TimeSpan.FromMinutes(3), new int[24]))],
            [.. Enumerable.Range(0, agents).Select(i => i % 2 == 0
                ? new AgentBoard($"Agent {i}", "Busy", false, "Queue 0", "talking", at.AddMinutes(-2))
                : new AgentBoard($"Agent {i}", "unknown", false, null, null, null))],
            7, at, null);
    }
}
