using TwilioConsole.Core.Ivr;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.Ivr;

[Trait("Lane", "Unit")]
public sealed class IvrDefinitionTests
{
    [Fact]
    public void Default_IsValid() => Assert.Empty(IvrDefinition.Default.Validate());

    [Fact]
    public void EachRule_PointsAtItsField()
    {
        var ivr = IvrDefinition.Default with
        {
            Name = "",
            Greeting = new string('a', IvrDefinition.MaxSpeechLength + 1),
            Prompt = " ",
            Voice = "Polly.Nobody",
            Language = "english",
            TimeoutSeconds = 31,
            Retries = 6,
            Options =
            [
                new("1", "Troubleshooting", """{"type":"troubleshooting"}"""),
                new("1", "", "[1]"),
                new("12", "Sales", "{type: sales}"),
                new("#", "Other", """{"name":"x"}"""),
            ],
        };

        var errors = ivr.Validate();

        Assert.Equal("The flow name is required.", errors["Name"]);
        Assert.Equal($"The greeting is 4097 characters; the limit is {IvrDefinition.MaxSpeechLength}.", errors["Greeting"]);
        Assert.Equal("The menu prompt is required.", errors["Prompt"]);
        Assert.StartsWith("Choose one of the listed voices", errors["Voice"], StringComparison.Ordinal);
        Assert.Equal("The language is a code such as en-US.", errors["Language"]);
        Assert.Equal("The wait for a key press is 1 to 30 seconds.", errors["TimeoutSeconds"]);
        Assert.Equal("Retries are 0 to 5.", errors["Retries"]);
        Assert.Equal("Key 1 is already used by another option.", errors["Options[1].Digit"]);
        Assert.Equal("The option's label is required.", errors["Options[1].Label"]);
        Assert.Contains("must be a JSON object", errors["Options[1].TaskAttributes"], StringComparison.Ordinal);
        Assert.Equal("A key is one digit, 0 to 9.", errors["Options[2].Digit"]);
        Assert.Contains("not valid JSON", errors["Options[2].TaskAttributes"], StringComparison.Ordinal);
        Assert.Equal("A key is one digit, 0 to 9.", errors["Options[3].Digit"]);
        Assert.Contains("Leave out \"name\"", errors["Options[3].TaskAttributes"], StringComparison.Ordinal);
        Assert.DoesNotContain("Options[0].Digit", errors.Keys);
    }

    [Fact]
    public void TooLongAttributes_AreRefused()
    {
        var ivr = IvrDefinition.Default with { Options = [new("1", "Big", $$"""{"note":"{{new string('x', 1000)}}"}""")] };

        Assert.Contains("too long for Studio", ivr.Validate()["Options[0].TaskAttributes"], StringComparison.Ordinal);
    }

    [Fact]
    public void NoOptions_IsRefused() => Assert.Equal("The menu needs 1 to 9 options.", (IvrDefinition.Default with { Options = [] }).Validate()["Options"]);

    [Fact]
    public void Targets_MustBeSids()
    {
        Assert.Empty(IvrFlowBuilderTests.Targets.Validate());
        var errors = new IvrTargets("", "TC1").Validate();
        Assert.Contains("apply the routing", errors["WorkflowSid"], StringComparison.Ordinal);
        Assert.Contains("'voice' TaskChannel", errors["ChannelSid"], StringComparison.Ordinal);
    }
}
