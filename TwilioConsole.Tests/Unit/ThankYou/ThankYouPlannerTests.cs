using TwilioConsole.Core.ThankYou;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.ThankYou;

[Trait("Lane", "Unit")]
public sealed class ThankYouPlannerTests
{
    private static readonly ThankYouSettings Defaults = new();

    private static TaskEvent Event(string attributes = """{"from":"+14155550100","direction":"inbound","name":"Zoë Park"}""",
        string type = "task.wrapup", string channel = "voice", string? worker = "Alice", int? age = 120) =>
        new(type, Sids.Make("WT", 1), channel, attributes, "Support", worker, worker is null ? null : Sids.Make("WK", 1), age);

    [Fact]
    public void InboundVoiceCall_IsTexted_WithTheTemplateFilledIn()
    {
        var decision = Assert.IsType<ThankYouDecision.Send>(ThankYouPlanner.Plan(Event(), Defaults, "US"));

        Assert.Equal("+14155550100", decision.To);
        Assert.Equal("Hi Zoë Park, thank you for calling us today. Alice from Support was glad to help. Reply STOP to opt out.", decision.Body);
    }

    [Theory]
    [InlineData("task.completed", "voice", "is not the trigger")]
    [InlineData("task.wrapup", "chat", "chat task")]
    [InlineData("task.wrapup", "sms", "sms task")]
    public void OtherEventsAndChannels_AreIgnored(string type, string channel, string reason)
    {
        var decision = Assert.IsType<ThankYouDecision.Ignore>(ThankYouPlanner.Plan(Event(type: type, channel: channel), Defaults, "US"));

        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"direction":"inbound"}""", "no caller number")]
    [InlineData("""{"from":"client:alice","direction":"inbound"}""", "client identity")]
    [InlineData("""{"from":"sip:bob@example.com"}""", "sip identity")]
    [InlineData("""{"from":"+1555"}""", "not a valid phone number")]
    [InlineData("""{"from":"+14155550100","direction":"outbound"}""", "outbound call")]
    [InlineData("not json", "no caller number")]
    public void CallsThatCannotBeTexted_AreSkippedWithTheReason(string attributes, string reason)
    {
        var decision = Assert.IsType<ThankYouDecision.Skip>(ThankYouPlanner.Plan(Event(attributes), Defaults, "US"));

        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAgent_IsSkipped_WhenTheRuleAsksForOne()
    {
        var skipped = ThankYouPlanner.Plan(Event(worker: null), Defaults, "US");
        var sent = ThankYouPlanner.Plan(Event(worker: null), Defaults with { OnlyIfAgentAccepted = false }, "US");

        Assert.IsType<ThankYouDecision.Skip>(skipped);
        Assert.IsType<ThankYouDecision.Send>(sent);
    }

    [Fact]
    public void ShortCall_IsSkipped_UnderTheMinimum()
    {
        var decision = ThankYouPlanner.Plan(Event(age: 10), Defaults with { MinimumCallSeconds = 30 }, "US");

        Assert.Contains("10 s", Assert.IsType<ThankYouDecision.Skip>(decision).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NationalCallerNumber_IsReadInTheDefaultRegion()
    {
        var decision = ThankYouPlanner.Plan(Event("""{"from":"020 7946 0958"}"""), Defaults, "GB");

        Assert.Equal("+442079460958", Assert.IsType<ThankYouDecision.Send>(decision).To);
    }

    [Fact]
    public void TurnedOff_IgnoresEverything() =>
        Assert.IsType<ThankYouDecision.Ignore>(ThankYouPlanner.Plan(Event(), Defaults with { Enabled = false }, "US"));
}
