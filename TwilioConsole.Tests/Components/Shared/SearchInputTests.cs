using Bunit;
using MudBlazor;
using TwilioConsole.Web.Components.Shared.Inputs;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>The log pages' search box (ADR 14): MudTextField's look, the search applied once typing pauses.</summary>
[Trait("Lane", "Components")]
public sealed class SearchInputTests : MudTestContext
{
    [Fact]
    public void LooksLikeAnOutlinedDenseMudTextField()
    {
        var mud = Render<MudTextField<string>>(p => p.Add(c => c.Value, "abc").Add(c => c.Label, "Search").Add(c => c.Placeholder, "actor")
            .Add(c => c.Adornment, Adornment.Start).Add(c => c.AdornmentIcon, Icons.Material.Filled.Search).Add(c => c.Variant, Variant.Outlined)
            .Add(c => c.Margin, Margin.Dense).Add(c => c.Clearable, true));
        var ours = Render<SearchInput>(p => p.Add(c => c.Value, "abc").Add(c => c.Label, "Search").Add(c => c.Placeholder, "actor"));

        foreach (var selector in new[] { ".mud-input-control", ".mud-input", "input", ".mud-input-adornment", ".mud-input-adornment svg", ".mud-input-clear-button", "fieldset", "label" })
        {
            Assert.Equal(Classes(mud.Find(selector).ClassName), Classes(ours.Find(selector).ClassName));
        }

        Assert.Equal(ours.Find("input").Id, ours.Find("label").GetAttribute("for"));
        Assert.Equal("abc", ours.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void TypingApplies_OnceTypingPauses_Trimmed()
    {
        var applied = new List<string?>();
        var field = Render<SearchInput>(p => p.Add(c => c.Label, "Search").Add(c => c.DebounceMilliseconds, 50)
            .Add(c => c.ValueChanged, (string? v) => applied.Add(v)));

        field.Find("input").Input("a");
        field.Find("input").Input("al");
        field.Find("input").Input("alice ");
        Assert.Empty(applied);

        field.WaitForAssertion(() => Assert.Equal(["alice"], applied));
        Assert.Equal("alice ", field.Find("input").GetAttribute("value")); // the trailing space the user typed stays
    }

    [Fact]
    public void Enter_AppliesAtOnce_AndClearRemovesTheSearch()
    {
        string? current = null;
        var field = Render<SearchInput>(p => p.Add(c => c.Label, "Search").Add(c => c.DebounceMilliseconds, 60_000)
            .Add(c => c.ValueChanged, (string? v) => current = v));

        field.Find("input").Input("bob");
        field.Find("input").KeyDown("Enter");
        Assert.Equal("bob", current);
        field.Render(p => p.Add(c => c.Value, current));

        field.Find(".mud-input-clear-button").Click();
        Assert.Null(current);
        Assert.Empty(field.FindAll(".mud-input-clear-button"));
    }
}
