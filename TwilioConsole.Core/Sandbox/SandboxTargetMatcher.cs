using System.Text.Json;
using System.Text.RegularExpressions;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Which Sandbox workers a queue's target expression selects, for queue statistics. It understands the two forms this
/// product writes — <c>1==1</c> and <c>routing.skills HAS "x"</c> (also <c>CONTAINS</c>) — and selects no one for
/// any other expression rather than guess. Issue 6 replaces it with the full TaskRouter expression evaluator.
/// </summary>
internal static partial class SandboxTargetMatcher
{
    public static bool Matches(string targetWorkers, string workerAttributes)
    {
        var expression = targetWorkers.Trim();
        if (expression is "1==1" or "1 == 1")
        {
            return true;
        }

        var has = HasSkill().Match(expression);
        if (!has.Success)
        {
            return false;
        }

        using var attributes = JsonDocument.Parse(workerAttributes);
        var node = attributes.RootElement;
        foreach (var part in has.Groups["path"].Value.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return false;
            }
        }

        var wanted = has.Groups["value"].Value;
        return node.ValueKind == JsonValueKind.Array && node.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == wanted);
    }

    [GeneratedRegex("""^(?<path>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)\s+(HAS|CONTAINS)\s+["'](?<value>[^"']*)["']$""", RegexOptions.IgnoreCase)]
    private static partial Regex HasSkill();
}
