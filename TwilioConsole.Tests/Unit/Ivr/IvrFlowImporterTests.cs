using System.Text.Json.Nodes;
using TwilioConsole.Core.Ivr;

namespace TwilioConsole.Tests.Unit.Ivr;

[Trait("Lane", "Unit")]
public sealed class IvrFlowImporterTests
{
    public static TheoryData<string> Ivrs => ["default", "edited"];

    private static IvrDefinition Pick(string which) => which == "default" ? IvrDefinition.Default : IvrFlowBuilderTests.Edited;

    [Theory]
    [MemberData(nameof(Ivrs))]
    public void BuiltFlows_ImportBackToTheSameIvr(string which)
    {
        var ivr = Pick(which);

        var imported = IvrFlowImporter.Import(IvrFlowBuilder.Build(ivr, IvrFlowBuilderTests.Targets), ivr.Name);

        Assert.Empty(imported.Problems);
        Assert.Equal(ivr with { Options = [] }, imported.Ivr! with { Options = [] });
        Assert.Equal(ivr.Options.Select(o => (o.Digit, o.Label, JsonNode.Parse(o.TaskAttributes)!.ToJsonString())),
            imported.Ivr!.Options.Select(o => (o.Digit, o.Label, o.TaskAttributes)));
        Assert.Equal(IvrFlowBuilderTests.Targets, imported.Targets);
    }

    [Fact]
    public void RenamedWidgets_StillImport()
    {
        var json = IvrFlowBuilder.Build(IvrDefinition.Default, IvrFlowBuilderTests.Targets).Replace("\"main_menu\"", "\"menu_v2\"", StringComparison.Ordinal)
            .Replace("widgets.main_menu.", "widgets.menu_v2.", StringComparison.Ordinal);

        var imported = IvrFlowImporter.Import(json);

        Assert.Empty(imported.Problems);
        Assert.Equal("Support IVR", imported.Ivr!.Name); // from the description
    }

    [Fact]
    public void AFlowOfAnotherShape_IsRejected_WithReasons()
    {
        const string json = """
            {"description":"x","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
              {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"menu"}],"properties":{}},
              {"name":"menu","type":"gather-input-on-call","transitions":[],"properties":{"say":"Hi"}}]}
            """;

        var imported = IvrFlowImporter.Import(json);

        Assert.Null(imported.Ivr);
        Assert.Equal(["The greeting after an incoming call 'menu' is a gather-input-on-call widget; a say-play widget is expected."], imported.Problems);
    }

    [Theory]
    [InlineData("{nope", "not valid JSON")]
    [InlineData("""{"states": 3}""", "no 'states' list")]
    [InlineData("""{"states": [], "initial_state": "Trigger"}""", "The trigger 'Trigger' is not a widget in the flow.")]
    public void BrokenInput_SaysWhy(string json, string expected) =>
        Assert.Contains(IvrFlowImporter.Import(json).Problems, p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void MissingRetryLoop_IsNamed()
    {
        var node = JsonNode.Parse(IvrFlowBuilder.Build(IvrDefinition.Default, IvrFlowBuilderTests.Targets))!;
        var menu = node["states"]!.AsArray().Single(s => (string?)s!["name"] == "main_menu")!;
        menu["transitions"]!.AsArray().Single(t => (string?)t!["event"] == "timeout")!.AsObject().Remove("next");

        var imported = IvrFlowImporter.Import(node.ToJsonString());

        Assert.Contains("No input and a wrong key must both lead to the same set-variables widget that counts failures.", imported.Problems);
    }
}
