using System.Text.RegularExpressions;

namespace TwilioConsole.Core.ThankYou;

/// <summary>
/// The thank-you message template: text with placeholders <c>{customer_name}</c>, <c>{first_name}</c>, <c>{agent}</c>
/// and <c>{queue}</c>. Missing values fall back to friendly words, and values are single-line and bounded so task
/// attributes cannot reshape the message.
/// </summary>
public static partial class ThankYouTemplate
{
    public static readonly IReadOnlyList<string> Placeholders = ["customer_name", "first_name", "agent", "queue"];

    public static string? Validate(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "Write the message to send.";
        }

        var unknown = Placeholder().Matches(template).Select(m => m.Groups[1].Value).FirstOrDefault(p => !Placeholders.Contains(p));
        if (unknown is not null)
        {
            return $"Unknown placeholder {{{unknown}}}; use {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.";
        }

        var longest = Render(template, new string('x', 40), new string('x', 40), new string('x', 40));
        return longest.Length > 1600 ? "With long names filled in, the message could pass 1,600 characters; shorten it." : null;
    }

    public static string Render(string template, string? customerName, string? agent, string? queue)
    {
        var name = Clean(customerName);
        var values = new Dictionary<string, string>
        {
            ["customer_name"] = name ?? "there",
            ["first_name"] = name?.Split(' ')[0] ?? "there",
            ["agent"] = Clean(agent) ?? "our team",
            ["queue"] = Clean(queue) ?? "our support team",
        };
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value).Trim();
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var single = Whitespace().Replace(value, " ").Trim();
        return single.Length > 40 ? single[..40] : single;
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
