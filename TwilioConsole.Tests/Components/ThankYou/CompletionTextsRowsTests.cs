using Bunit;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Operations;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Web.Components.Pages.ThankYou;
using TwilioConsole.Web.Components.Shared.LogTables;

namespace TwilioConsole.Tests.Components.ThankYou;

/// <summary>
/// A log page holds its rows for as long as it is open: a row adds no component at all — the log table draws its rows
/// as markup (ADR 14), and a row's cells, time, chips and long-text preview are markup too (ADR 13).
/// </summary>
[Trait("Lane", "Components")]
public sealed class CompletionTextsRowsTests
{
    [Fact]
    public async Task Rows_AddNoComponents()
    {
        await using var few = new PageWithTexts();
        var fewComponents = await few.ComponentsWithAsync(rows: 1);
        await using var many = new PageWithTexts();
        var manyComponents = await many.ComponentsWithAsync(rows: 12);

        Assert.Equal(fewComponents, manyComponents);
    }

    /// <summary>
    /// A full page (25 rows) fits a render tree of 256 frames: each plain row is one piece of markup (ADR 16). The
    /// renderer keeps a table's tree in a pooled array that doubles as it fills, twice over (the tree shown and the one
    /// it diffs against); drawn frame by frame, the same page took about 1,300 frames, 2 × 80 KB for as long as it is open.
    /// </summary>
    [Fact]
    public async Task AFullPage_FitsInASmallRenderTree()
    {
        await using var page = new PageWithTexts();
        await page.ComponentsWithAsync(rows: 25);

        Assert.InRange(page.TableFrames(), 1, 256);
    }

    /// <summary>
    /// A failed text's Retry is drawn apart from the rest of its row (the table's RowActions), so even a page of 25 failed
    /// texts stays a small tree, and every row keeps its eight cells with Retry in the last.
    /// </summary>
    [Fact]
    public async Task AFullPageOfFailedTexts_KeepsEachRowAsMarkup_WithRetryInTheLastCell()
    {
        await using var failed = new PageWithTexts();
        await failed.ComponentsWithAsync(rows: 25, failed: true);
        await using var sent = new PageWithTexts();
        await sent.ComponentsWithAsync(rows: 1);

        Assert.InRange(failed.TableFrames(), 1, 1024); // about 600; drawn from its template, each row was about 55 frames: 1,400 in all
        Assert.All(failed.Page!.FindAll("tbody tr"), row =>
        {
            Assert.Equal(8, row.QuerySelectorAll("td").Length);
            Assert.NotNull(row.QuerySelector("td:last-child [data-testid=thankyou-retry]"));
        });
        Assert.Equal(8, sent.Page!.Find("tbody tr").QuerySelectorAll("td").Length);
        Assert.Empty(sent.Page!.FindAll("[data-testid=thankyou-retry]"));
    }

    /// <summary>The rows are drawn again when "Show numbers" changes, though the table skips the page's other renders.</summary>
    [Fact]
    public async Task ShowNumbers_RevealsTheNumbersInTheRows()
    {
        await using var texts = new PageWithTexts();
        await texts.ComponentsWithAsync(rows: 2);
        var page = texts.Page!;
        Assert.DoesNotContain("+14155550001", page.Markup, StringComparison.Ordinal);

        page.Find(".mud-switch input").Change(true);

        page.WaitForAssertion(() => Assert.Contains("+14155550001", page.Markup, StringComparison.Ordinal));
    }

    /// <summary>A failed text's Retry (a plain button in MudButton's markup) asks first, then queues the text again.</summary>
    [Fact]
    public async Task Retry_AsksThenQueuesTheFailedTextAgain()
    {
        await using var texts = new PageWithTexts();
        await texts.ComponentsWithAsync(rows: 1, failed: true);
        var page = texts.Page!;

        page.WaitForElement("[data-testid=thankyou-retry]").Click();
        texts.Dialogs!.WaitForAssertion(() => Assert.Contains("Send again?", texts.Dialogs!.Markup, StringComparison.Ordinal));
        texts.Dialogs!.FindAll("button").Single(b => b.TextContent.Contains("Send again", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Equal("Pending", page.Find("[data-testid=thankyou-status]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=thankyou-retry]"));
    }

    /// <summary>The page in a context of its own (bUnit allows one popover provider per context).</summary>
    private sealed class PageWithTexts : MudTestContext
    {
        public IRenderedComponent<MudBlazor.MudDialogProvider>? Dialogs { get; private set; }

        public async Task<int> ComponentsWithAsync(int rows, bool failed = false)
        {
            var ct = Xunit.TestContext.Current.CancellationToken;
            var settings = Migrated.GetRequiredService<ThankYouSettingsStore>();
            var template = "Hi {customer_name}! " + string.Concat(Enumerable.Repeat("We are glad we could help today. ", 8));
            Assert.Empty(await settings.SaveAsync(await settings.GetAsync(ct) with { Template = template }, "ada@example.com", ct));
            var intake = Migrated.GetRequiredService<TaskRouterIntake>();
            for (var i = 0; i < rows; i++)
            {
                await intake.AcceptAsync(new TaskEvent("task.wrapup", $"WT{i:x32}", "voice", $$"""{"from":"+1415555{{i:0000}}","name":"Caller {{i}}"}""",
                    "Support", "Ada", "WK" + new string('b', 32), 95), null, ct);
            }

            if (failed)
            {
                await using var db = await Migrated.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TwilioConsole.Core.Data.AppDbContext>>().CreateDbContextAsync(ct);
                await db.ThankYouTexts.ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, ThankYouStatus.Failed).SetProperty(t => t.LastError, "Twilio said no"), ct);
                Dialogs = Render<MudBlazor.MudDialogProvider>();
            }

            var (page, _) = RenderWithPopovers<CompletionTextsPage>();
            page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("[data-testid=thankyou-status]").Count));
            Assert.Equal(failed ? 0 : rows, page.FindAll("[data-testid=long-text-toggle]").Count); // each body long enough for a preview (a failed row shows its error)
            _table = page.FindComponent<LogTable<ThankYouText>>();
            Page = page;
            return page.FindComponents<IComponent>().Count;
        }

        public IRenderedComponent<CompletionTextsPage>? Page { get; private set; }

        private IRenderedComponent<LogTable<ThankYouText>>? _table;

        /// <summary>How many frames the log table's current render tree holds (the renderer's own count).</summary>
        public int TableFrames()
        {
            var frames = typeof(Renderer).GetMethod("GetCurrentRenderTreeFrames", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(int)])!
                .Invoke(Renderer, [_table!.ComponentId])!;
            return (int)frames.GetType().GetField("Count")!.GetValue(frames)!;
        }
    }
}
