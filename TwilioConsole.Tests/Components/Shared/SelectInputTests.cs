using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using TwilioConsole.Web.Components.Shared.Inputs;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>The log pages' filters (ADR 14): the browser's own select in MudSelect's outlined look.</summary>
[Trait("Lane", "Components")]
public sealed class SelectInputTests : MudTestContext
{
    private static readonly IReadOnlyList<(string, string)> Outcomes = [("ok", "Succeeded"), ("failed", "Failed")];

    [Fact]
    public void LooksLikeAnOutlinedDenseMudSelect()
    {
        Render<MudPopoverProvider>();
        var mud = Render<MudSelect<string>>(p => p.Add(c => c.Value, "ok").Add(c => c.Label, "Outcome").Add(c => c.Variant, Variant.Outlined)
            .Add(c => c.Margin, Margin.Dense)
            .Add(c => c.ChildContent, (RenderFragment)(b => { b.OpenComponent<MudSelectItem<string>>(0); b.AddAttribute(1, "Value", "ok"); b.CloseComponent(); })));
        var ours = Render<SelectInput>(p => p.Add(c => c.Label, "Outcome").Add(c => c.Options, Outcomes).Add(c => c.Value, "ok"));

        Assert.Equal(Classes(mud.Find(".mud-input-control").ClassName), Classes(ours.Find(".mud-input-control").ClassName).Except(["select-input"]));
        Assert.Equal(Classes(mud.Find(".mud-input").ClassName), Classes(ours.Find(".mud-input").ClassName));
        Assert.Equal(Classes(mud.Find("input.mud-input-slot").ClassName), Classes(ours.Find("select").ClassName));
        foreach (var selector in new[] { ".mud-input-adornment", ".mud-input-adornment svg", "fieldset", "label" })
        {
            Assert.Equal(Classes(mud.Find(selector).ClassName), Classes(ours.Find(selector).ClassName));
        }

        Assert.Equal(ours.Find("select").Id, ours.Find("label").GetAttribute("for"));
    }

    [Fact]
    public void Choosing_TellsThePage_AndTheEmptyChoiceMeansAll()
    {
        var values = new List<string?>();
        var select = Render<SelectInput>(p => p.Add(c => c.Label, "Outcome").Add(c => c.Options, Outcomes).Add(c => c.AnyText, "All")
            .Add(c => c.ValueChanged, (string? v) => values.Add(v)));

        Assert.Equal(["All", "Succeeded", "Failed"], select.FindAll("option").Select(o => o.TextContent));
        select.Find("select").Change("failed");
        select.Find("select").Change("");
        select.Find("select").Change("drop table"); // not one of the choices: ignored

        Assert.Equal(["failed", null], values);
    }
}
