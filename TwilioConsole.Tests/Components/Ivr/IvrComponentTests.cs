using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Routing;
using TwilioConsole.Web.Components.Pages.Ivr;

namespace TwilioConsole.Tests.Components.Ivr;

[Trait("Lane", "Components")]
public sealed class IvrComponentTests : MudTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void Page_DrawsTheFlow_AndADuplicateKeyDisablesSave()
    {
        var (page, _) = RenderWithPopovers<IvrPage>();
        page.WaitForAssertion(() => Assert.Equal(11, page.FindAll("[data-testid=flow-widget]").Count));

        page.Find("[data-testid=ivr-digit-1]").Input("1");

        page.WaitForAssertion(() => Assert.Contains("Key 1 is already used by another option.", page.Markup, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=ivr-save]").HasAttribute("disabled"));
        Assert.Contains("1 field(s) to fix", page.Find("[data-testid=ivr-error-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_SavesAnEdit_AndKeepsItsCircuitOnlyWhileUnsaved()
    {
        var (page, _) = RenderWithPopovers<IvrPage>();
        page.WaitForElement("[data-testid=ivr-greeting]");
        Assert.Empty(page.FindAll("[data-keep-circuit]"));

        page.Find("[data-testid=ivr-greeting]").Input("Welcome to Owl Support.");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=ivr-save]").HasAttribute("disabled")));
        Assert.Single(page.FindAll("[data-keep-circuit]")); // unsaved edits: a hidden tab does not give up its circuit (ADR 11)
        page.Find("[data-testid=ivr-save]").Click();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=ivr-save]").HasAttribute("disabled"))); // saved: nothing left to save
        Assert.Empty(page.FindAll("[data-testid=ivr-unsaved]"));
        Assert.Empty(page.FindAll("[data-keep-circuit]"));
        Assert.Equal("Welcome to Owl Support.", (await Services.GetRequiredService<IvrStore>().GetAsync(Ct)).Greeting);
    }

    [Fact]
    public void JsonPanel_Import_ListsProblems_OrHandsBackTheIvr()
    {
        _ = Migrated;
        IvrDefinition? imported = null;
        Render<MudBlazor.MudSnackbarProvider>();
        var panel = Render<FlowJsonPanel>(p => p
            .Add(x => x.Definition, "{}")
            .Add(x => x.OnImported, (IvrDefinition ivr) => imported = ivr));

        panel.Find("[data-testid=json-import-toggle]").Click();
        panel.Find("textarea[data-testid=json-import-text]").Change("{\"states\": 1}");
        panel.Find("[data-testid=json-import]").Click();
        panel.WaitForAssertion(() => Assert.Contains("no 'states' list", panel.Find("[data-testid=json-import-problem]").TextContent, StringComparison.Ordinal));

        var edited = IvrDefinition.Default with { Greeting = "Imported hello" };
        panel.Find("textarea[data-testid=json-import-text]").Change(IvrFlowBuilder.Build(edited, IvrTargets.Placeholder));
        panel.Find("[data-testid=json-import]").Click();
        panel.WaitForAssertion(() => Assert.Equal("Imported hello", imported?.Greeting));
        Assert.Contains("download=\"ivr-flow.json\"", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishPanel_WithoutRouting_SaysWhatToDo_AndCannotPublish()
    {
        _ = Migrated;
        var panel = Render<IvrPublishPanel>(p => p
            .Add(x => x.Ivr, IvrDefinition.Default)
            .Add(x => x.CanPublish, false)
            .Add(x => x.TargetsProblem, "No TaskRouter workflow yet: apply the routing on the Routing page first."));

        panel.WaitForAssertion(() => Assert.Contains("apply the routing", panel.Find("[data-testid=publish-targets-problem]").TextContent, StringComparison.Ordinal));
        Assert.True(panel.Find("[data-testid=ivr-publish]").HasAttribute("disabled"));
        Assert.Equal(2, panel.FindAll("[data-testid=number-row]").Count);
    }

    [Fact]
    public async Task PublishPanel_Publishes_ThenSaysUnchanged()
    {
        await Migrated.GetRequiredService<RoutingService>().ApplyAsync("admin", null, Ct);
        Render<MudBlazor.MudSnackbarProvider>();
        var panel = Render<IvrPublishPanel>(p => p.Add(x => x.Ivr, IvrDefinition.Default).Add(x => x.CanPublish, true));

        panel.Find("[data-testid=ivr-publish]").Click();
        panel.WaitForAssertion(() => Assert.Contains("Created flow", panel.Find("[data-testid=publish-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        panel.Find("[data-testid=ivr-publish]").Click();
        panel.WaitForAssertion(() => Assert.Contains("Nothing changed", panel.Find("[data-testid=publish-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Single(panel.FindAll("[data-testid=revisions] tbody tr"));
    }
}
