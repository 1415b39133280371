using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using TwilioConsole.Web.Components.Shared;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>
/// The tabs are one component in MudTabs' markup (ADR 15): the classes must be MudTabs' own, only the active panel is
/// drawn, and the keyboard follows the ARIA tabs pattern (one tab stop; arrows, Home and End move and show).
/// </summary>
[Trait("Lane", "Components")]
public sealed class TabsTests : MudTestContext
{
    private static readonly TabItem[] Items = [new("Plan & apply", Icons.Material.Filled.AccountTree), new("Tester"), new("Workers")];
    private static readonly RenderFragment<int> Panels = index => b => b.AddContent(0, $"panel {index}");

    [Fact]
    public void LooksLikeMudTabs_AndDrawsOnlyTheActivePanel()
    {
        var mud = Render(b =>
        {
            b.OpenComponent<MudTabs>(0);
            b.AddComponentParameter(1, nameof(MudTabs.Elevation), 1);
            b.AddComponentParameter(2, nameof(MudTabs.Rounded), true);
            b.AddComponentParameter(3, nameof(MudTabs.TabPanelsClass), "pa-4");
            b.AddComponentParameter(4, nameof(MudTabs.ChildContent), (RenderFragment)(c =>
            {
                c.OpenComponent<MudTabPanel>(0);
                c.AddComponentParameter(1, nameof(MudTabPanel.Text), "Plan & apply");
                c.CloseComponent();
                c.OpenComponent<MudTabPanel>(2);
                c.AddComponentParameter(3, nameof(MudTabPanel.Text), "Tester");
                c.CloseComponent();
            }));
            b.CloseComponent();
        });
        var tabs = RenderTabs();

        foreach (var selector in new[] { ".mud-tabs-tabbar", ".mud-tabs-tabbar-inner", ".mud-tabs-tabbar-content", "[role=tablist]", ".mud-tab-active", ".mud-tabs-panels", "[role=tabpanel]" })
        {
            Assert.Equal(Classes(mud.Find(selector).ClassName), Classes(tabs.Find(selector).ClassName));
        }

        Assert.Equal(Classes(mud.Find(".mud-tabs").ClassName + " console-tabs"), Classes(tabs.Find(".mud-tabs").ClassName));
        Assert.Equal(Classes(mud.FindAll("[role=tab]")[1].ClassName), Classes(tabs.FindAll("[role=tab]")[1].ClassName));
        Assert.Equal(["Plan & apply", "Tester", "Workers"], tabs.FindAll("[role=tab]").Select(t => t.TextContent.Trim()));
        Assert.NotNull(tabs.Find("[role=tab] svg.mud-tab-icon-text"));
        Assert.Equal("panel 0", tabs.Find("[role=tabpanel]").TextContent);
        Assert.Empty(tabs.FindComponents<IComponent>()); // headings and icons are markup
        Assert.Equal("routing-tabs", tabs.Find(".mud-tabs").GetAttribute("data-testid"));
    }

    [Fact]
    public void ClickingATab_ShowsItsPanel_AndMarksIt()
    {
        var tabs = RenderTabs();

        tabs.FindAll("[role=tab]")[2].Click();

        Assert.Equal("panel 2", tabs.Find("[role=tabpanel]").TextContent);
        var selected = tabs.FindAll("[role=tab]").Select(t => (t.GetAttribute("aria-selected"), t.GetAttribute("tabindex"))).ToList();
        Assert.Equal([("false", "-1"), ("false", "-1"), ("true", "0")], selected);
        Assert.Equal(tabs.Find("[role=tabpanel]").Id, tabs.FindAll("[role=tab]")[2].GetAttribute("aria-controls"));
        Assert.Equal(tabs.FindAll("[role=tab]")[2].Id, tabs.Find("[role=tabpanel]").GetAttribute("aria-labelledby"));
    }

    [Theory]
    [InlineData(0, "ArrowRight", 1)]
    [InlineData(2, "ArrowRight", 0)]
    [InlineData(0, "ArrowLeft", 2)]
    [InlineData(1, "End", 2)]
    [InlineData(2, "Home", 0)]
    [InlineData(1, "Enter", 1)]
    public void Keys_MoveBetweenTabs(int from, string key, int to)
    {
        var tabs = RenderTabs();
        tabs.FindAll("[role=tab]")[from].Click();

        tabs.FindAll("[role=tab]")[from].KeyDown(new KeyboardEventArgs { Key = key });

        Assert.Equal($"panel {to}", tabs.Find("[role=tabpanel]").TextContent);
    }

    private IRenderedComponent<Tabs> RenderTabs() => Render<Tabs>(p => p.Add(c => c.Items, Items).Add(c => c.ChildContent, Panels)
        .Add(c => c.Rounded, true).Add(c => c.PanelsClass, "pa-4").Add(c => c.TestId, "routing-tabs"));
}
