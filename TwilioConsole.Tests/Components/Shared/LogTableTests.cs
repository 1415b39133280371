using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using TwilioConsole.Web.Components.Shared.LogTables;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>
/// The log pages' table (ADR 14): MudTable's look and paging, with rows that cost no component each.
/// </summary>
[Trait("Lane", "Components")]
public sealed class LogTableTests : MudTestContext
{
    private static readonly RenderFragment Header = b => b.AddMarkupContent(0, "<th scope=\"col\" class=\"mud-table-cell\">N</th>");
    private static readonly RenderFragment<int> Row = n => b => b.AddMarkupContent(0, $"<td class=\"mud-table-cell\" data-label=\"N\">row {n}</td>");

    private IRenderedComponent<LogTable<int>> RenderTable(Func<LogTableRequest, CancellationToken, Task<LogTablePage<int>>> load) =>
        Render<LogTable<int>>(p => p.Add(c => c.Load, load).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, Row)
            .Add(c => c.NoRecordsContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Nothing yet.</p>"))).Add(c => c.TestId, "log"));

    private static Func<LogTableRequest, CancellationToken, Task<LogTablePage<int>>> Numbers(int count, List<LogTableRequest>? asked = null) => (request, _) =>
    {
        asked?.Add(request);
        var items = Enumerable.Range(1, count).Skip(request.Page * request.PageSize).Take(request.PageSize).ToList();
        return Task.FromResult(new LogTablePage<int>(items, count));
    };

    [Fact]
    public void LooksLikeMudTable_DenseHoverStackedOnPhones()
    {
        Render<MudPopoverProvider>();
        var mud = Render<MudTable<int>>(p => p.Add(c => c.Items, [1]).Add(c => c.Dense, true).Add(c => c.Hover, true)
            .Add(c => c.Breakpoint, Breakpoint.Sm).Add(c => c.Elevation, 1).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, Row)
            .Add(c => c.PagerContent, (RenderFragment)(b => { b.OpenComponent<MudTablePager>(0); b.CloseComponent(); })));
        var ours = RenderTable(Numbers(1));

        foreach (var selector in new[] { ".mud-table", ".mud-table-container", "table", "thead", "thead tr", "tbody", "tbody tr", ".mud-table-pagination",
                     ".mud-table-pagination-toolbar", ".mud-table-pagination-display", ".mud-table-page-number-information",
                     ".mud-table-pagination-actions", ".mud-table-pagination-first-button", ".mud-table-pagination-last-button" })
        {
            Assert.Equal(Classes(mud.Find(selector).ClassName), Classes(ours.Find(selector).ClassName));
        }

        Assert.Equal(mud.Find(".mud-table-page-number-information").TextContent, ours.Find(".mud-table-page-number-information").TextContent);
        Assert.Equal("log", ours.Find(".mud-table").GetAttribute("data-testid"));
    }

    [Fact]
    public void Pages_ThroughTheRows()
    {
        var asked = new List<LogTableRequest>();
        var table = RenderTable(Numbers(60, asked));

        Assert.Equal(25, table.FindAll("tbody tr").Count);
        Assert.Equal("1-25 of 60", table.Find("[data-testid=log-table-range]").TextContent);
        Assert.True(table.Find("[aria-label='Previous page']").HasAttribute("disabled"));

        table.Find("[aria-label='Next page']").Click();
        Assert.Equal("26-50 of 60", table.Find("[data-testid=log-table-range]").TextContent);
        Assert.Equal("row 26", table.Find("tbody td").TextContent);

        table.Find("[aria-label='Last page']").Click();
        Assert.Equal("51-60 of 60", table.Find("[data-testid=log-table-range]").TextContent);
        Assert.Equal(10, table.FindAll("tbody tr").Count);
        Assert.True(table.Find("[aria-label='Next page']").HasAttribute("disabled"));
        Assert.False(table.Find("[aria-label='First page']").HasAttribute("disabled"));

        table.Find("[data-testid=log-table-page-size]").Change("50");
        Assert.Equal("51-60 of 60", table.Find("[data-testid=log-table-range]").TextContent); // the first row shown stays on screen
        Assert.Equal(new LogTableRequest(1, 50), asked[^1]);

        table.Find("[data-testid=log-table-page-size]").Change("7"); // not an offered size
        Assert.Equal(new LogTableRequest(1, 50), asked[^1]);

        table.Find("[aria-label='First page']").Click();
        Assert.Equal(50, table.FindAll("tbody tr").Count);
    }

    [Fact]
    public void Rows_AreMarkup_NotComponents()
    {
        var one = RenderTable(Numbers(1));
        var full = RenderTable(Numbers(100));

        Assert.Equal(25, full.FindAll("tbody tr").Count);
        Assert.Equal(one.FindComponents<IComponent>().Count, full.FindComponents<IComponent>().Count);
        Assert.Empty(full.FindComponents<IComponent>()); // nothing below the table: its rows, pager and progress bar are markup
    }

    [Fact]
    public void RowActions_FillEveryRowsLastCell_WhetherTheRowIsMarkupOrDrawnFromItsTemplate()
    {
        var clicked = 0;
        // Even rows have a handler of their own, so they are drawn from the template; odd ones are one piece of markup.
        RenderFragment<int> row = n => b =>
        {
            b.OpenElement(0, "td");
            if (n % 2 == 0)
            {
                b.AddAttribute(1, "onclick", (Action)(() => clicked++));
            }

            b.AddContent(2, $"row {n}");
            b.CloseElement();
        };
        Func<int, RenderFragment?> actions = n => n % 3 != 0 ? null : b => b.AddMarkupContent(0, $"<button>Retry {n}</button>");
        var table = Render<LogTable<int>>(p => p.Add(c => c.Load, Numbers(6)).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, row)
            .Add(c => c.RowActions, actions));

        var cells = table.FindAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();

        Assert.Equal(
            [["row 1", ""], ["row 2", ""], ["row 3", "Retry 3"], ["row 4", ""], ["row 5", ""], ["row 6", "Retry 6"]],
            cells.Select(c => c.ToArray()).ToArray());
        table.FindAll("tbody td")[2].Click(); // row 2's handler still works
        Assert.Equal(1, clicked);
    }

    [Fact]
    public void Empty_SaysSo()
    {
        var table = RenderTable(Numbers(0));

        Assert.Equal("Nothing yet.", table.Find("tbody .mud-table-empty-row").TextContent);
        Assert.Equal("0-0 of 0", table.Find("[data-testid=log-table-range]").TextContent);
        Assert.True(table.Find("[aria-label='Next page']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AFailedLoad_SaysSoAndOffersAnotherTry()
    {
        var fail = true;
        var table = RenderTable((request, ct) => fail
            ? throw new InvalidOperationException("database is locked")
            : Numbers(3)(request, ct));

        var error = table.Find("[data-testid=log-table-error]");
        Assert.Contains("could not be loaded", error.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", error.TextContent, StringComparison.Ordinal); // details go to the log, not the page

        fail = false;
        await table.InvokeAsync(() => table.Find("[data-testid=log-table-error] button").Click());
        Assert.Equal(3, table.FindAll("tbody tr").Count);
        Assert.Empty(table.FindAll("[data-testid=log-table-error]"));
    }

    [Fact]
    public async Task Reload_StartsFromTheFirstPage_AndRefreshStaysOnThePage()
    {
        var table = RenderTable(Numbers(60));
        table.Find("[aria-label='Next page']").Click();

        await table.InvokeAsync(table.Instance.RefreshAsync);
        Assert.Equal("26-50 of 60", table.Find("[data-testid=log-table-range]").TextContent);

        await table.InvokeAsync(table.Instance.ReloadAsync);
        Assert.Equal("1-25 of 60", table.Find("[data-testid=log-table-range]").TextContent);
    }

    [Fact]
    public async Task APageThatEmptied_ShowsTheLastPageWithRows()
    {
        var count = 60;
        var table = RenderTable((request, ct) => Numbers(count)(request, ct));
        table.Find("[aria-label='Last page']").Click();

        count = 30; // rows went away while page 3 was on screen
        await table.InvokeAsync(table.Instance.RefreshAsync);

        Assert.Equal("26-30 of 30", table.Find("[data-testid=log-table-range]").TextContent);
    }

    [Fact]
    public async Task ASlowLoad_ShowsProgress_AndAnOlderLoadNeverOverwritesANewerOne()
    {
        var gates = new List<TaskCompletionSource<LogTablePage<int>>>();
        var table = RenderTable((_, ct) =>
        {
            var gate = new TaskCompletionSource<LogTablePage<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            ct.Register(() => gate.TrySetCanceled(ct));
            gates.Add(gate);
            return gate.Task;
        });

        Assert.NotNull(table.Find("[role=progressbar]"));
        Assert.Equal("true", table.Find(".mud-table").GetAttribute("aria-busy"));

        var reload = table.InvokeAsync(table.Instance.ReloadAsync); // a filter changed before the first page came
        table.WaitForAssertion(() => Assert.Equal(2, gates.Count));
        Assert.True(gates[0].Task.IsCanceled);
        gates[1].SetResult(new LogTablePage<int>([7], 1));
        await reload;

        table.WaitForAssertion(() => Assert.Equal("row 7", table.Find("tbody td").TextContent));
        Assert.Empty(table.FindAll("[role=progressbar]"));
    }

    [Fact]
    public void AParentRenderThatChangesNothing_LeavesTheRowsAlone_AndARowVersionChangeDrawsThemAgain()
    {
        var load = Numbers(3);
        var table = Render<LogTable<int>>(p => p.Add(c => c.Load, load).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, Row).Add(c => c.RowVersion, false));
        var renders = table.RenderCount;

        table.Render(p => p.Add(c => c.Load, load).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, Row).Add(c => c.RowVersion, false));
        Assert.Equal(renders, table.RenderCount);

        var shown = true;
        RenderFragment<int> masked = n => b => b.AddMarkupContent(0, shown ? $"<td>{n}</td>" : "<td>•</td>");
        table.Render(p => p.Add(c => c.Load, load).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, masked).Add(c => c.RowVersion, true));
        Assert.Equal(renders + 1, table.RenderCount);
        Assert.Equal("1", table.Find("tbody td").TextContent);

        shown = false;
        table.Render(p => p.Add(c => c.Load, load).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, masked).Add(c => c.RowVersion, false));
        Assert.Equal("•", table.Find("tbody td").TextContent);
    }

    [Fact]
    public async Task AQuietRefreshThatFindsTheSameRows_DrawsNothing_AndAChangedRowIsDrawn()
    {
        var statuses = new[] { "sent", "sent" };
        Func<LogTableRequest, CancellationToken, Task<LogTablePage<(int Id, string Status)>>> load = (_, _) =>
            Task.FromResult(new LogTablePage<(int Id, string Status)>([.. statuses.Select((s, i) => (i, s))], statuses.Length));
        RenderFragment<(int Id, string Status)> row = r => b => b.AddMarkupContent(0, $"<td>{r.Status}</td>");
        var table = Render<LogTable<(int Id, string Status)>>(p => p.Add(c => c.Load, load).Add(c => c.HeaderContent, Header).Add(c => c.RowTemplate, row)
            .Add(c => c.RowStamp, r => r));
        var renders = table.RenderCount;

        await table.InvokeAsync(table.Instance.RefreshAsync);
        Assert.Equal(renders, table.RenderCount);

        statuses[1] = "delivered";
        await table.InvokeAsync(table.Instance.RefreshAsync);
        Assert.Equal(renders + 1, table.RenderCount);
        Assert.Equal(["sent", "delivered"], table.FindAll("tbody td").Select(td => td.TextContent));
    }

    [Fact]
    public void ALiveRefresh_NeverCancelsAPageTheUserAskedFor()
    {
        var gates = new List<TaskCompletionSource<LogTablePage<int>>>();
        var table = RenderTable((request, ct) =>
        {
            if (request.Page == 0 && gates.Count == 0)
            {
                return Numbers(60)(request, ct);
            }

            var gate = new TaskCompletionSource<LogTablePage<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            ct.Register(() => gate.TrySetCanceled(ct));
            gates.Add(gate);
            return gate.Task;
        });

        table.Find("[aria-label='Next page']").Click(); // slow: still loading
        var refresh = table.InvokeAsync(table.Instance.RefreshAsync); // the page's live refresh fires meanwhile

        Assert.True(refresh.IsCompleted); // it left the user's load alone rather than waiting on a load of its own
        Assert.Single(gates);
        Assert.False(gates[0].Task.IsCanceled);
        gates[0].SetResult(new LogTablePage<int>([26, 27], 60));
        table.WaitForAssertion(() => Assert.Equal("26-50 of 60", table.Find("[data-testid=log-table-range]").TextContent));
        Assert.Empty(table.FindAll("[role=progressbar]"));
    }
}
