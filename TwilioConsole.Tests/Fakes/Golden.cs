using System.Text.Json.Nodes;

namespace TwilioConsole.Tests.Fakes;

/// <summary>
/// Compares generated JSON with a file committed in the repository (parsed on both sides, so key order and spacing do
/// not matter). <c>UPDATE_GOLDEN=1</c> rewrites the file instead; review the git diff.
/// </summary>
public static class Golden
{
    public static void AssertJsonMatches(string repoRelativePath, string json)
    {
        var path = Path.Combine(RepoPaths.Root, repoRelativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }) + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"{repoRelativePath} is missing; run the test with UPDATE_GOLDEN=1 to create it.");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(path)), JsonNode.Parse(json)),
            $"{repoRelativePath} differs from what the builder makes now. If the change is intended, run with UPDATE_GOLDEN=1 and review the diff.\nBuilt:\n{json}");
    }
}
