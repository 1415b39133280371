using System.Text.Json.Nodes;
using TwilioConsole.Core.Routing;

namespace TwilioConsole.Tests.Unit.Routing;

[Trait("Lane", "Unit")]
public sealed class WorkerSkillsTests
{
    private const string Flex = """{"contact_uri":"client:alice","full_name":"Alice","routing":{"skills":["spanish","support"],"levels":{"support":3}},"disabled_skills":{"skills":[]}}""";

    [Fact]
    public void Adding_KeepsEveryOtherKeyAndSkill()
    {
        var merged = JsonNode.Parse(WorkerSkills.Merge(Flex, new Dictionary<string, bool> { ["troubleshooting"] = true }))!;

        Assert.Equal(["spanish", "support", "troubleshooting"], WorkerSkills.Read(merged.ToJsonString()));
        Assert.Equal("client:alice", (string?)merged["contact_uri"]);
        Assert.Equal(3, (int?)merged["routing"]!["levels"]!["support"]);
        Assert.NotNull(merged["disabled_skills"]);
    }

    [Fact]
    public void Removing_TakesOutOnlyThatSkill()
    {
        var merged = WorkerSkills.Merge(Flex, new Dictionary<string, bool> { ["support"] = false, ["troubleshooting"] = false });

        Assert.Equal(["spanish"], WorkerSkills.Read(merged));
    }

    [Fact]
    public void AddingTwice_DoesNotDuplicate() =>
        Assert.Equal(["spanish", "support"], WorkerSkills.Read(WorkerSkills.Merge(Flex, new Dictionary<string, bool> { ["support"] = true })));

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"routing":{}}""")]
    public void MissingRouting_IsCreated(string attributes) =>
        Assert.Equal(["support"], WorkerSkills.Read(WorkerSkills.Merge(attributes, new Dictionary<string, bool> { ["support"] = true })));

    [Theory]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{nope", "not valid JSON")]
    [InlineData("""{"routing":"support"}""", "\"routing\" attribute is not an object")]
    [InlineData("""{"routing":{"skills":"support"}}""", "\"routing.skills\" attribute is not a list")]
    public void ShapesItDoesNotUnderstand_AreRefused_NotOverwritten(string attributes, string expected)
    {
        var error = Assert.Throws<FormatException>(() => WorkerSkills.Merge(attributes, new Dictionary<string, bool> { ["support"] = true }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OfBrokenAttributes_IsEmpty() => Assert.Empty(WorkerSkills.Read("{nope"));
}
