using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Onboarding;
using TwilioConsole.Web.Components.Pages.Dashboard;

namespace TwilioConsole.Tests.Components.Dashboard;

/// <summary>The quick-start checklist shows what exists (after a reload, for anyone), and tells the page when a run changed things.</summary>
[Trait("Lane", "Components")]
public sealed class QuickStartPanelTests : MudTestContext
{
    private static string[] States(IRenderedComponent<QuickStartPanel> panel) =>
        [.. panel.FindAll("[data-testid=quick-start-state]").Select(e => e.GetAttribute("aria-label") ?? "")];

    [Fact]
    public async Task WhatExists_IsShownDone_WithoutRunningAnything()
    {
        var quickStart = Migrated.GetRequiredService<QuickStart>();
        foreach (var (step, _) in QuickStart.Steps)
        {
            Assert.True((await quickStart.RunAsync(step, "someone else", Xunit.TestContext.Current.CancellationToken)).Succeeded);
        }

        var panel = Render<QuickStartPanel>(); // as after a reload, or on another user's screen

        panel.WaitForAssertion(() => Assert.Equal(["done", "done", "done", "done"], States(panel)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AFreshInstall_ShowsStepsNotDoneYet_NotErrors_AndRunAllTellsThePage()
    {
        _ = Migrated;
        var ran = 0;
        var panel = Render<QuickStartPanel>(p => p.Add(c => c.OnRan, () => ran++));
        // The Sandbox seeds available agents, so that step is already done.
        panel.WaitForAssertion(() => Assert.Equal(["not done yet", "not done yet", "done", "not done yet"], States(panel)), TimeSpan.FromSeconds(10));

        panel.Find("[data-testid=quick-start-all]").Click();

        panel.WaitForAssertion(() => Assert.Equal(["done", "done", "done", "done"], States(panel)), TimeSpan.FromSeconds(20));
        Assert.Equal(1, ran);
    }
}
