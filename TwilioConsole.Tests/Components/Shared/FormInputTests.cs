using Bunit;
using MudBlazor;
using TwilioConsole.Web.Components.Shared.Inputs;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>The form fields drawn as the browser's own inputs in MudBlazor's outlined look (ADR 14): the Routing editor's text and number fields.</summary>
[Trait("Lane", "Components")]
public sealed class FormInputTests : MudTestContext
{
    private static readonly string[] Parts = [".mud-input-control", ".mud-input", "input", "fieldset", "label", ".mud-input-control-helper-container", ".mud-input-helper-text", ".me-auto"];

    [Theory]
    [InlineData("abc", "Help me", null)]
    [InlineData("", null, "Give the queue a name")]
    [InlineData("abc", "Help me", "Not an expression")]
    public void TextInput_LooksLikeAnOutlinedDenseMudTextField(string value, string? helper, string? error)
    {
        var mud = Render<MudTextField<string>>(p => p.Add(c => c.Value, value).Add(c => c.Label, "Name").Add(c => c.Variant, Variant.Outlined)
            .Add(c => c.Margin, Margin.Dense).Add(c => c.HelperText, helper).Add(c => c.Error, error is not null).Add(c => c.ErrorText, error));
        var ours = Render<TextInput>(p => p.Add(c => c.Value, value).Add(c => c.Label, "Name").Add(c => c.HelperText, helper).Add(c => c.ErrorText, error));

        foreach (var part in Parts)
        {
            Assert.Equal(Classes(mud.Find(part).ClassName), Classes(ours.Find(part).ClassName));
        }

        Assert.Equal(mud.Find(".me-auto").TextContent, ours.Find(".me-auto").TextContent);
        Assert.Equal(error is null ? "false" : "true", ours.Find("input").GetAttribute("aria-invalid"));
        Assert.Equal(ours.Find("input").Id, ours.Find("label").GetAttribute("for"));
    }

    [Fact]
    public void TextInput_TellsEveryKeystroke()
    {
        var values = new List<string?>();
        var field = Render<TextInput>(p => p.Add(c => c.Label, "Name").Add(c => c.ValueChanged, (string? v) => values.Add(v)));

        field.Find("input").Input("Su");
        field.Find("input").Input("Support");

        Assert.Equal(["Su", "Support"], values);
        Assert.Contains("mud-shrink", field.Find(".mud-input").ClassList);
    }

    [Fact]
    public void NumberInput_LooksLikeAnOutlinedDenseMudNumericField()
    {
        var mud = Render<MudNumericField<int>>(p => p.Add(c => c.Value, 5).Add(c => c.Label, "Max").Add(c => c.Variant, Variant.Outlined)
            .Add(c => c.Margin, Margin.Dense).Add(c => c.Min, 1).Add(c => c.Max, 50).Add(c => c.HelperText, "1–50 workers"));
        var ours = Render<NumberInput>(p => p.Add(c => c.Value, 5).Add(c => c.Label, "Max").Add(c => c.Min, 1).Add(c => c.Max, 50).Add(c => c.HelperText, "1–50 workers"));

        Assert.Equal(Classes(mud.Find(".mud-input-control").ClassName).Except(["mud-input-showspin"]), Classes(ours.Find(".mud-input-control").ClassName));
        foreach (var part in Parts.Skip(1))
        {
            Assert.Equal(Classes(mud.Find(part).ClassName), Classes(ours.Find(part).ClassName));
        }

        foreach (var attribute in new[] { "value", "role", "inputmode", "aria-valuenow", "aria-valuemin", "aria-valuemax" })
        {
            Assert.Equal(mud.Find("input").GetAttribute(attribute), ours.Find("input").GetAttribute(attribute));
        }
    }

    [Fact]
    public void NumberInput_KeepsTheNumberInRange_AndRefusesText()
    {
        var values = new List<int>();
        var field = Render<NumberInput>(p => p.Add(c => c.Value, 5).Add(c => c.Label, "Max").Add(c => c.Min, 1).Add(c => c.Max, 50)
            .Add(c => c.HelperText, "1–50 workers").Add(c => c.ValueChanged, (int v) => values.Add(v)));

        field.Find("input").Change("12");
        field.Find("input").Change("99");
        field.Find("input").Change("0");
        Assert.Equal([12, 50, 1], values);

        field.Find("input").Change("ten");
        Assert.Equal([12, 50, 1], values); // the last good number stays
        Assert.Equal("Enter a whole number from 1 to 50.", field.Find(".me-auto").TextContent);
        Assert.Equal("ten", field.Find("input").GetAttribute("value")); // what was typed stays to be fixed
        Assert.Equal("true", field.Find("input").GetAttribute("aria-invalid"));

        field.Find("input").Change(" 7 ");
        Assert.Equal(7, values[^1]);
        Assert.Equal("1–50 workers", field.Find(".me-auto").TextContent);
    }

    [Fact]
    public void SelectInput_ShowsAValueThatIsNotAChoice_AsItIs()
    {
        var select = Render<SelectInput>(p => p.Add(c => c.Label, "Queue").Add(c => c.Options, [("Support", "Support")]).Add(c => c.Value, "Sales"));

        Assert.Equal(["Support", "Sales"], select.FindAll("option").Select(o => o.TextContent));
        Assert.Equal("Sales", select.Find("select").GetAttribute("value"));
    }
}
