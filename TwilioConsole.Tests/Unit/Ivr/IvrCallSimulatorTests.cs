using System.Text.Json.Nodes;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Routing;

namespace TwilioConsole.Tests.Unit.Ivr;

[Trait("Lane", "Unit")]
public sealed class IvrCallSimulatorTests
{
    private static readonly string DefaultFlow = IvrFlowBuilder.Build(IvrDefinition.Default, IvrFlowBuilderTests.Targets);

    private static string Said(IvrCallSimulator call) =>
        string.Join(" | ", call.Events.Where(e => e.Kind is CallEventKind.Say or CallEventKind.Prompt).Select(e => e.Text));

    [Theory]
    [InlineData("1", "troubleshooting", "Troubleshooting")]
    [InlineData("2", "support", "Support")]
    public void PressingAnOption_HandsTheCallToFlex_WithItsAttributes(string key, string type, string queue)
    {
        var call = IvrCallSimulator.Start(DefaultFlow, caller: "+14155550100");
        Assert.Equal("main_menu", call.WaitingAt);

        call.Press(key);

        Assert.Null(call.Error);
        Assert.True(call.Ended);
        var attributes = JsonNode.Parse(call.Task!.Attributes)!;
        Assert.Equal(type, (string?)attributes["type"]);
        Assert.Equal("+14155550100", (string?)attributes["name"]);
        Assert.Equal(IvrFlowBuilderTests.Targets.WorkflowSid, call.Task.WorkflowSid);
        Assert.Equal(queue, new WorkflowEvaluator(RoutingSpec.Default).Route(System.Text.Json.JsonDocument.Parse(call.Task.Attributes).RootElement).Queue);
        Assert.StartsWith(IvrDefinition.Default.Greeting, Said(call), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongKeyThenRight_SaysSorry_AndReplaysTheMenu()
    {
        var call = IvrCallSimulator.Start(DefaultFlow);

        call.Press("7");
        Assert.Equal("main_menu", call.WaitingAt);
        call.Press("2");

        Assert.Equal($"{IvrDefinition.Default.Greeting} | {IvrDefinition.Default.Prompt} | {IvrDefinition.Default.RetryMessage} | {IvrDefinition.Default.Prompt}", Said(call));
        Assert.Contains("\"type\":\"support\"", call.Task!.Attributes, StringComparison.Ordinal);
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.Logic && e.Text == "retries = 1");
    }

    [Fact]
    public void TimeoutsUntilTheRetriesRunOut_SayGoodbye_AndHangUp()
    {
        var call = IvrCallSimulator.Start(DefaultFlow);

        call.Timeout();
        call.Timeout();
        Assert.False(call.Ended);
        call.Timeout(); // the third failure with 2 retries

        Assert.True(call.Ended);
        Assert.Null(call.Task);
        Assert.Null(call.Error);
        Assert.Equal(IvrDefinition.Default.Goodbye, call.Events.Last(e => e.Kind == CallEventKind.Say).Text);
        Assert.Equal(CallEventKind.HungUp, call.Events[^1].Kind);
        Assert.Equal(3, call.Events.Count(e => e.Kind == CallEventKind.Prompt));
    }

    [Fact]
    public void NoRetries_SaysGoodbyeAfterTheFirstFailure()
    {
        var call = IvrCallSimulator.Start(IvrFlowBuilder.Build(IvrFlowBuilderTests.Edited, IvrFlowBuilderTests.Targets));

        call.Press("1");

        Assert.True(call.Ended);
        Assert.Equal(IvrFlowBuilderTests.Edited.Goodbye, call.Events.Last(e => e.Kind == CallEventKind.Say).Text);
    }

    [Fact]
    public void ABrokenDefinition_StopsWithTheReason()
    {
        var broken = DefaultFlow.Replace("\"next\": \"route_choice\"", "\"next\": \"nowhere\"", StringComparison.Ordinal);
        var call = IvrCallSimulator.Start(broken);

        call.Press("1");

        Assert.Equal("A transition leads to 'nowhere', which is not a widget in this flow.", call.Error);
    }

    [Theory]
    [InlineData("{{trigger.call.Foo}}", "does not know the Liquid value 'trigger.call.Foo'")]
    [InlineData("{{flow.variables.x | upcase}}", "Liquid filter 'upcase'")]
    [InlineData("{% for x in y %}{% endfor %}", "Liquid tag")]
    public void LiquidItCannotRead_IsReported_NotGuessed(string say, string expected)
    {
        var flow = DefaultFlow.Replace(IvrDefinition.Default.Greeting, say, StringComparison.Ordinal);

        var call = IvrCallSimulator.Start(flow);

        Assert.Contains(expected, call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NotJson_IsReported() => Assert.Contains("not valid JSON", IvrCallSimulator.Start("{").Error, StringComparison.Ordinal);

    [Fact]
    public void PressingWhenNotWaiting_Throws()
    {
        var call = IvrCallSimulator.Start(DefaultFlow);
        call.Press("1");

        Assert.Throws<InvalidOperationException>(() => call.Press("1"));
    }
}
