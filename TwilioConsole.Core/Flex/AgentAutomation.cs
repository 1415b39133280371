using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TwilioConsole.Core.Flex;

/// <summary>A task attribute a configuration set requires (key and value, compared as text by the plugin).</summary>
public sealed class RequiredAttributeForm
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>One configuration set as the Flex page edits it; serialised as the plugin reads it (flex-plugin/src/config.ts).</summary>
public sealed class ConfigurationSetForm
{
    public string Name { get; set; } = "";

    public string Channel { get; set; } = "voice";

    public List<RequiredAttributeForm> RequiredAttributes { get; set; } = [];

    public bool AutoAccept { get; set; } = true;

    public bool AutoSelect { get; set; } = true;

    public bool AutoWrapUp { get; set; }

    public int WrapUpSeconds { get; set; } = AgentAutomation.DefaultWrapUpSeconds;
}

/// <summary>The form's rules, matching what the plugin accepts (the store also runs the plugin's own reader before saving).</summary>
public static class AgentAutomation
{
    /// <summary>The key the plugin reads in Flex's ui_attributes.</summary>
    public const string UiAttributesKey = "autoAccept";
    public const int DefaultWrapUpSeconds = 30;
    public const int MaxWrapUpSeconds = 3600;
    public const int MaxSets = 20;
    public const int MaxNameLength = 60;

    /// <summary>Channels Flex creates in every workspace; others can be typed.</summary>
    public static readonly IReadOnlyList<string> KnownChannels = ["voice", "chat", "sms", "email", "default"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give the set a name, such as \"Support calls\"."
        : name.Trim().Length > MaxNameLength ? $"Keep the name to {MaxNameLength} characters."
        : null;

    public static string? ChannelError(string? channel) =>
        string.IsNullOrWhiteSpace(channel) ? "Choose the task channel this set is for (voice, chat, sms …)."
        : !channel.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? "A channel's unique name has only letters, digits, '-' and '_'."
        : null;

    public static string? WrapUpError(bool autoWrapUp, int seconds) =>
        autoWrapUp && (seconds < 1 || seconds > MaxWrapUpSeconds) ? $"Wrap-up time is 1 to {MaxWrapUpSeconds} seconds." : null;

    public static string? AttributeKeyError(string? key) =>
        string.IsNullOrWhiteSpace(key) ? "Name the task attribute, such as \"type\"." : null;

    /// <summary>Every problem with the sets, each saying which set and what to fix; empty when they can be saved.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ConfigurationSetForm> sets)
    {
        var errors = new List<string>();
        if (sets.Count == 0)
        {
            errors.Add("Keep at least one configuration set; with none, agents get the defaults (voice: accept and select).");
        }

        if (sets.Count > MaxSets)
        {
            errors.Add($"Use at most {MaxSets} configuration sets.");
        }

        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            var label = string.IsNullOrWhiteSpace(set.Name) ? $"Set {i + 1}" : $"Set {i + 1} ({set.Name.Trim()})";
            void Check(string? error)
            {
                if (error is not null)
                {
                    errors.Add($"{label}: {error}");
                }
            }

            Check(NameError(set.Name));
            Check(ChannelError(set.Channel));
            Check(WrapUpError(set.AutoWrapUp, set.WrapUpSeconds));
            foreach (var attribute in set.RequiredAttributes)
            {
                Check(AttributeKeyError(attribute.Key));
            }

            if (set.RequiredAttributes.GroupBy(a => a.Key.Trim()).FirstOrDefault(g => g.Count() > 1) is { } twice && twice.Key.Length > 0)
            {
                Check($"attribute \"{twice.Key}\" is required twice; keep one.");
            }

            if (!set.AutoAccept && !set.AutoWrapUp)
            {
                Check("turn on auto-accept or auto-wrap-up; a set that does neither changes nothing.");
            }

            if (sets.Take(i).FirstOrDefault(s => string.Equals(s.Name.Trim(), set.Name.Trim(), StringComparison.OrdinalIgnoreCase)) is not null && !string.IsNullOrWhiteSpace(set.Name))
            {
                Check("another set has this name; names tell agents' logs which set applied.");
            }
        }

        return errors;
    }

    /// <summary>The <c>autoAccept</c> section of ui_attributes for these sets, as the plugin reads it.</summary>
    public static JsonObject ToSection(IReadOnlyList<ConfigurationSetForm> sets) => new()
    {
        ["configurationSets"] = new JsonArray([.. sets.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name.Trim(),
            ["channel"] = s.Channel.Trim().ToLowerInvariant(),
            ["requiredAttributes"] = new JsonArray([.. s.RequiredAttributes.Select(a => (JsonNode)new JsonObject { ["key"] = a.Key.Trim(), ["value"] = a.Value })]),
            ["autoAccept"] = s.AutoAccept,
            ["autoSelect"] = s.AutoAccept && s.AutoSelect,
            ["autoWrapUp"] = s.AutoWrapUp,
            ["wrapUpSeconds"] = s.WrapUpSeconds,
        })]),
    };

    /// <summary>What the page previews: <c>{"autoAccept": …}</c>, the part of ui_attributes a save writes.</summary>
    public static string Preview(IReadOnlyList<ConfigurationSetForm> sets) =>
        new JsonObject { [UiAttributesKey] = ToSection(sets) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Forms from the sets the plugin read (its JSON, defaults filled in).</summary>
    public static List<ConfigurationSetForm> FromPluginJson(string configurationSetsJson) =>
        JsonSerializer.Deserialize<List<ConfigurationSetForm>>(configurationSetsJson, Json) ?? [];

    /// <summary>A copy for editing, so a cancelled edit leaves the loaded sets alone.</summary>
    public static List<ConfigurationSetForm> Copy(IEnumerable<ConfigurationSetForm> sets) =>
        FromPluginJson(JsonSerializer.Serialize(sets, Json));
}
