using Bunit;
using MudBlazor;
using TwilioConsole.Web.Components.Shared.Inputs;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>The switch is the browser's checkbox in MudSwitch's markup (ADR 14): the same classes on and off, and it toggles.</summary>
[Trait("Lane", "Components")]
public sealed class SwitchInputTests : MudTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LooksLikeMudSwitch(bool on)
    {
        var mud = Render<MudSwitch<bool>>(p => p.Add(c => c.Value, on).Add(c => c.Label, "Show numbers").Add(c => c.Color, Color.Primary));
        var ours = Render<SwitchInput>(p => p.Add(c => c.Value, on).Add(c => c.Label, "Show numbers").Add(c => c.TestId, "show-numbers"));

        foreach (var selector in new[] { ".mud-input-control", ".mud-input-control-input-container", "label", ".mud-switch-span", ".mud-switch-base", ".mud-switch-button",
                     "input", ".mud-switch-button > span", ".mud-switch-track", "label > .mud-typography" })
        {
            Assert.Equal(Classes(mud.Find(selector).ClassName), Classes(ours.Find(selector).ClassName));
        }

        foreach (var attribute in new[] { "type", "role", "aria-checked", "tabindex" })
        {
            Assert.Equal(mud.Find("input").GetAttribute(attribute), ours.Find("input").GetAttribute(attribute));
        }

        Assert.Equal(on, ours.Find("input").HasAttribute("checked"));
        Assert.Equal("Show numbers", ours.Find("label").TextContent.Trim());
        Assert.Equal("show-numbers", ours.Find("input").GetAttribute("data-testid"));
    }

    [Fact]
    public void Toggling_ReportsTheNewValue()
    {
        var values = new List<bool>();
        var ours = Render<SwitchInput>(p => p.Add(c => c.Label, "Show numbers").Add(c => c.ValueChanged, (bool v) => values.Add(v)));

        ours.Find("input").Change(true);
        ours.Find("input").Change(false);

        Assert.Equal([true, false], values);
    }
}
