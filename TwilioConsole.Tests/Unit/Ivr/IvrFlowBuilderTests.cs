using System.Text.Json;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.Ivr;

[Trait("Lane", "Unit")]
public sealed class IvrFlowBuilderTests
{
    internal static readonly IvrTargets Targets = new(Sids.Make("WW", 1), Sids.Make("TC", 2));

    internal static IvrDefinition Edited { get; } = IvrDefinition.Default with
    {
        Name = "After-hours IVR",
        Greeting = "Hola! Thanks for calling after hours.",
        Prompt = "Press 3 for billing, 5 for support, 9 for the status of an outage.",
        Options =
        [
            new("3", "Billing", """{"type":"billing","priority_hint":"low"}"""),
            new("5", "Support", """{"type":"support"}"""),
            new("9", "Outage status", """{"type":"troubleshooting","topic":"outage"}"""),
        ],
        Voice = "Polly.Amy",
        Language = "en-GB",
        TimeoutSeconds = 8,
        Retries = 0,
    };

    /// <summary>Regenerate with <c>UPDATE_GOLDEN=1 LANES=Unit ./test.sh</c> and review the diff.</summary>
    [Fact]
    public void DefaultIvr_MatchesTheGoldenAsset() =>
        Golden.AssertJsonMatches("assets/studio/ivr-flow.json", IvrFlowBuilder.Build(IvrDefinition.Default, IvrTargets.Placeholder));

    [Fact]
    public void EditedIvr_MatchesItsGolden() =>
        Golden.AssertJsonMatches("TwilioConsole.Tests/Unit/Ivr/golden/edited-ivr-flow.json", IvrFlowBuilder.Build(Edited, Targets));

    [Fact]
    public void Definition_IsWellFormed_ForStudio()
    {
        using var doc = JsonDocument.Parse(IvrFlowBuilder.Build(IvrDefinition.Default, Targets));
        var root = doc.RootElement;
        var states = root.GetProperty("states").EnumerateArray().ToList();
        var names = states.Select(s => s.GetProperty("name").GetString()).ToList();

        Assert.Equal("Trigger", root.GetProperty("initial_state").GetString());
        Assert.True(root.GetProperty("flags").GetProperty("allow_concurrent_calls").GetBoolean());
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(states, s => Assert.True(s.GetProperty("properties").TryGetProperty("offset", out _)));
        var targets = states.SelectMany(s => s.GetProperty("transitions").EnumerateArray())
            .Where(t => t.TryGetProperty("next", out _)).Select(t => t.GetProperty("next").GetString());
        Assert.All(targets, next => Assert.Contains(next, names));
        var flex = states.Where(s => s.GetProperty("type").GetString() == "send-to-flex").ToList();
        Assert.Equal(["to_flex_troubleshooting", "to_flex_support"], flex.Select(s => s.GetProperty("name").GetString()));
        Assert.All(flex, s => Assert.Equal(Targets.WorkflowSid, s.GetProperty("properties").GetProperty("workflow").GetString()));
        Assert.Equal("""{"type":"support","name":"{{trigger.call.From}}"}""", flex[1].GetProperty("properties").GetProperty("attributes").GetString());
    }

    [Fact]
    public void WidgetNames_AreSafe_AndUnique()
    {
        var ivr = IvrDefinition.Default with { Options = [new("1", "Sales & Billing!", "{}"), new("2", "sales billing", "{}"), new("3", "???", "{}")] };

        Assert.Equal(["to_flex_sales___billing", "to_flex_sales_billing", "to_flex_option_3"], IvrFlowBuilder.FlexWidgetNames(ivr));
    }
}
