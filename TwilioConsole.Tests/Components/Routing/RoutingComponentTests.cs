using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Routing;
using TwilioConsole.Web.Components.Pages.Routing;

namespace TwilioConsole.Tests.Components.Routing;

[Trait("Lane", "Components")]
public sealed class RoutingComponentTests : MudTestContext
{
    [Fact]
    public void FreshSandbox_PlansThreeCreates()
    {
        var (page, _) = RenderWithPopovers<RoutingPlanApply>();

        page.WaitForAssertion(() => Assert.Equal(["create", "create", "create"], page.FindAll("[data-testid=plan-action]").Select(e => e.TextContent.Trim())));
        Assert.False(page.Find("[data-testid=routing-apply]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task BadExpression_ShowsItsPosition_AndSaveKeepsTheStoredRouting()
    {
        var (page, _) = RenderWithPopovers<RoutingPlanApply>();
        page.WaitForElement("[data-testid=queue-target-1]");

        page.Find("[data-testid=queue-target-1]").Input("routing.skills HAS");
        page.WaitForAssertion(() => Assert.Contains("Expected a value, found the end (at position 19)", page.Markup, StringComparison.Ordinal));
        page.Find("[data-testid=routing-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Queue 'Support' target workers", page.Find("[data-testid=editor-error]").TextContent, StringComparison.Ordinal));
        var stored = await Services.GetRequiredService<RoutingSpecStore>().GetAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("routing.skills HAS \"support\"", stored.Queues[1].TargetWorkers);
    }

    [Fact]
    public async Task SaveAndPlan_ShowsTheNewPlanAtOnce_AndConfirmsTheSave()
    {
        _ = Migrated;
        var applied = await Services.GetRequiredService<RoutingService>().ApplyAsync("staff", null, Xunit.TestContext.Current.CancellationToken);
        Assert.True(applied.Succeeded, applied.Error);
        var (page, _) = RenderWithPopovers<RoutingPlanApply>();
        page.WaitForAssertion(() => Assert.Equal(["unchanged", "unchanged", "unchanged"], page.FindAll("[data-testid=plan-action]").Select(e => e.TextContent.Trim())));

        page.Find("[data-testid=queue-target-1]").Input("routing.skills HAS \"support\" AND routing.level >= 2");
        page.Find("[data-testid=routing-save]").Click();

        // No "Plan again", no reload: the plan already shows the update, and the save is confirmed.
        page.WaitForAssertion(() => Assert.Contains("update", page.FindAll("[data-testid=plan-action]").Select(e => e.TextContent.Trim())));
        Assert.Contains(Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars, s => s.Message?.Contains("Routing saved", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void ApplyResults_ShowEachStepsOutcome()
    {
        var plan = RoutingPlan.Compute(RoutingSpec.Default, [], []);
        ApplyStepResult[] results =
        [
            new("Queue", "Troubleshooting", PlanAction.Create, ApplyStepState.Failed, null, "Invalid target workers expression"),
            new("Queue", "Support", PlanAction.Create, ApplyStepState.Skipped, null, "Not tried: an earlier step failed."),
            new("Workflow", "IVR routing", PlanAction.Create, ApplyStepState.Skipped, null, "Not tried: an earlier step failed."),
        ];

        var view = Render<RoutingPlanView>(p => p.Add(v => v.Plan, plan).Add(v => v.Results, results));

        var cells = view.FindAll("[data-testid=plan-result]").Select(c => c.TextContent).ToList();
        Assert.Contains("failed", cells[0], StringComparison.Ordinal);
        Assert.Contains("Invalid target workers expression", cells[0], StringComparison.Ordinal);
        Assert.Contains("skipped", cells[2], StringComparison.Ordinal);
    }
}
