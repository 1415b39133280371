using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Web.Components.Pages.Flex;

namespace TwilioConsole.Tests.Components.Flex;

/// <summary>The Flex page's configuration-set form: what it refuses (and saves nothing), what it previews, what it saves.</summary>
[Trait("Lane", "Components")]
public sealed class AgentAutomationFormTests : MudTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The plugin's reader runs in Jint on save and on load: generous on a loaded CI machine.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IRenderedComponent<FlexPage> RenderPage()
    {
        var (page, _) = RenderWithPopovers<FlexPage>();
        page.WaitForElement("[data-testid=automation-set]", Wait);
        return page;
    }

    private Task<string?> SavedAsync() => Migrated.GetRequiredService<SandboxFlexApi>().UiAttributesJsonAsync(Ct);

    [Fact]
    public void ItStartsFromThePluginsDefaults()
    {
        var page = RenderPage();

        Assert.Single(page.FindAll("[data-testid=automation-set]"));
        Assert.Equal("Voice calls: voice, accept+select, manual wrap-up", page.Find("[data-testid=automation-summary]").TextContent);
        Assert.Contains("Nothing is configured in Flex yet", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyName_IsShownAtTheField_AndSaveListsIt_AndSavesNothing()
    {
        var page = RenderPage();

        page.Find("[data-testid=automation-name]").Input("");
        page.Find("[data-testid=automation-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Set 1: Give the set a name", page.Find("[data-testid=automation-errors]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await SavedAsync());
    }

    [Fact]
    public async Task ARequiredAttributeWithoutAKey_AndASetThatDoesNothing_AreRefused()
    {
        var page = RenderPage();
        page.Find("[data-testid=automation-add]").Click();
        page.WaitForElements("[data-testid=automation-set]", 2, Wait)[1].QuerySelector("[data-testid=automation-add-attribute]")!.Click();
        page.WaitForElements("[data-testid=automation-attribute]", 1, Wait);
        page.FindAll("input[data-testid=automation-accept]")[1].Change(false);

        page.Find("[data-testid=automation-save]").Click();

        page.WaitForAssertion(() =>
        {
            var errors = page.Find("[data-testid=automation-errors]").TextContent;
            Assert.Contains("Set 2 (Set 2): Name the task attribute", errors, StringComparison.Ordinal);
            Assert.Contains("Set 2 (Set 2): turn on auto-accept or auto-wrap-up", errors, StringComparison.Ordinal);
        }, Wait);
        Assert.Null(await SavedAsync());
    }

    [Fact]
    public async Task TwoSetsWithOneName_AreRefused()
    {
        var page = RenderPage();
        page.Find("[data-testid=automation-add]").Click();
        page.WaitForElements("[data-testid=automation-name]", 2, Wait)[1].Input("voice calls");

        page.Find("[data-testid=automation-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("another set has this name", page.Find("[data-testid=automation-errors]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await SavedAsync());
    }

    [Fact]
    public async Task ThePreviewFollowsTheForm_AndSaveWritesWhatItShows()
    {
        var page = RenderPage();
        page.Find("input[data-testid=automation-wrapup]").Change(true);
        page.Find("[data-testid=automation-seconds]").Input("45");
        page.Find("[data-testid=automation-add-attribute]").Click();
        page.WaitForElement("[data-testid=automation-attribute-key]", Wait).Input("type");
        page.Find("[data-testid=automation-attribute-value]").Input("support");

        page.WaitForAssertion(() =>
        {
            var preview = page.Find("[data-testid=automation-json]").TextContent;
            Assert.Contains("\"autoWrapUp\": true", preview, StringComparison.Ordinal);
            Assert.Contains("\"wrapUpSeconds\": 45", preview, StringComparison.Ordinal);
            Assert.Contains("\"key\": \"type\"", preview, StringComparison.Ordinal);
        }, Wait);
        page.Find("[data-testid=automation-save]").Click();

        page.WaitForElement("[data-testid=automation-saved]", Wait);
        Assert.Equal(
            """{"autoAccept":{"configurationSets":[{"name":"Voice calls","channel":"voice","requiredAttributes":[{"key":"type","value":"support"}],"autoAccept":true,"autoSelect":true,"autoWrapUp":true,"wrapUpSeconds":45}]}}""",
            await SavedAsync());
    }
}
