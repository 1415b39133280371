using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.Sandbox;

/// <summary>
/// The plugin's own rules as the Sandbox runs them, against the same table of cases jest runs against
/// flex-plugin/src (flex-plugin/test/auto-accept-cases.json): a rule changed on one side fails the other.
/// </summary>
[Trait("Lane", "Unit")]
public sealed class AutoAcceptRulesTests
{
    private static readonly AutoAcceptRules Rules = new(new ConfigurationBuilder().Build(), NullLogger<AutoAcceptRules>.Instance);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases().EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    private static JsonElement Cases()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "flex-plugin", "test", "auto-accept-cases.json")));
        return json.RootElement.GetProperty("cases").Clone();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void TheSandboxDecidesAsThePlugin(string name)
    {
        var c = Cases().EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var task = c.GetProperty("task");
        var transfer = task.TryGetProperty("transfers", out var transfers) && transfers.TryGetProperty("incoming", out var incoming) && incoming.ValueKind != JsonValueKind.Null;

        var decision = Rules.Decide(task.GetProperty("taskChannelUniqueName").GetString()!, task.GetProperty("attributes").GetRawText(), transfer,
            c.GetProperty("uiAttributes").GetRawText(), c.GetProperty("paused").GetBoolean(), TestContext.Current.CancellationToken);

        var expected = c.GetProperty("expected");
        Assert.Equal(expected.GetProperty("accept").GetBoolean(), decision.Accept);
        Assert.Equal(expected.TryGetProperty("reason", out var reason) ? reason.GetString() : null, decision.Reason);
        Assert.Equal(expected.TryGetProperty("select", out var select) && select.GetBoolean(), decision.Select);
        Assert.Equal(expected.GetProperty("wrapUpSeconds").ValueKind == JsonValueKind.Number ? expected.GetProperty("wrapUpSeconds").GetInt32() : null, decision.WrapUpSeconds);
        Assert.Equal(expected.GetProperty("set").GetString(), decision.Set);
    }

    [Fact]
    public void ReadConfig_FillsInTheDefaults_AndReportsWhatThePluginWouldWarnAbout()
    {
        var good = Rules.ReadConfig("""{"autoAccept":{"configurationSets":[{"name":"Calls","channel":"Voice","autoWrapUp":true}]}}""", TestContext.Current.CancellationToken);
        var bad = Rules.ReadConfig("""{"autoAccept":{"configurationSets":[{"channel":"voice","wrapUpSeconds":0}]}}""", TestContext.Current.CancellationToken);

        Assert.Empty(good.Warnings);
        Assert.Equal("""[{"name":"Calls","channel":"voice","requiredAttributes":[],"autoAccept":true,"autoSelect":true,"autoWrapUp":true,"wrapUpSeconds":30}]""", good.ConfigurationSetsJson);
        Assert.Contains("configurationSets[0].wrapUpSeconds must be a whole number of seconds from 1 to 3600", Assert.Single(bad.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"autoAccept":{"paused":true},"routing":{"skills":["support"]}}""", true)]
    [InlineData("""{"autoAccept":{"paused":false}}""", false)]
    [InlineData("""{"routing":{"skills":["support"]}}""", false)]
    [InlineData("not json", false)]
    public void PausedIsReadFromTheWorkersAttributes(string attributes, bool paused) =>
        Assert.Equal(paused, AutoAcceptRules.IsPaused(attributes));

    [Fact]
    public void AMissingRulesFile_SaysHowToBuildIt()
    {
        var rules = new AutoAcceptRules(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AutoAcceptRules.FileKey] = "/nowhere/auto-accept-rules.js",
        }).Build(), NullLogger<AutoAcceptRules>.Instance);

        var error = Assert.Throws<FileNotFoundException>(() => rules.Decide("voice", "{}", false, null, false, TestContext.Current.CancellationToken));

        Assert.Contains("npm run build:rules", error.Message, StringComparison.Ordinal);
    }
}
