using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// What an agent's Flex does with a reservation under the auto-accept plugin, and why: <paramref name="Set"/> is the
/// configuration set that matched, <paramref name="WrapUpSeconds"/> the automatic wrap-up time (null: the agent wraps up).
/// </summary>
public sealed record AutoAcceptDecision(bool Accept, string? Reason, bool Select = false, int? WrapUpSeconds = null, string? Set = null)
{
    /// <summary>The plugin's reason in words for the test-call timeline.</summary>
    public string Explanation => Reason switch
    {
        null => "auto-accept plugin: accepted",
        "paused" => "the agent has paused auto-accept",
        "channel" => "auto-accept is not configured for this task's channel",
        "outbound" => "outbound calls stay with the agent",
        "transfer" => "transfers stay with the agent",
        "manual" => $"configuration set \"{Set}\" leaves the accept to the agent",
        _ => $"the plugin left it ({Reason})",
    };
}

/// <summary>The plugin's reading of a configuration: its sets as JSON, and what it would warn about.</summary>
public sealed record AutomationReading(string ConfigurationSetsJson, IReadOnlyList<string> Warnings);

/// <summary>
/// The Flex plugin's own auto-accept rules (<c>flex-plugin/src/autoAccept.ts</c> and <c>config.ts</c>, built into
/// <c>flex-plugin/rules/auto-accept-rules.js</c> and embedded here), run with Jint. The Sandbox asks these, never a C#
/// copy, so a rule changed in the plugin changes the Sandbox. <see cref="FileKey"/> points at another build of them.
/// </summary>
public sealed partial class AutoAcceptRules(IConfiguration configuration, ILogger<AutoAcceptRules> logger)
{
    public const string FileKey = "TwilioConsole:Sandbox:AutoAcceptRulesFile";
    public const string ResourceName = "auto-accept-rules.js";

    /// <summary>Decides for one reservation: its task's channel, attributes and transfer, the Flex ui_attributes, the pause switch.</summary>
    public AutoAcceptDecision Decide(string channel, string taskAttributes, bool transfer, string? uiAttributes, bool paused, CancellationToken ct)
    {
        var engine = Load(ct);
        var task = new JsonObject
        {
            ["sid"] = "WT",
            ["taskChannelUniqueName"] = channel,
            ["attributes"] = ParseOrNull(taskAttributes),
            ["transfers"] = new JsonObject { ["incoming"] = transfer ? new JsonObject { ["mode"] = "WARM" } : null },
        };
        engine.Execute($"var __reservation = {{ sid: 'WR', task: {task.ToJsonString()} }}; var __ui = {ParseOrNull(uiAttributes)?.ToJsonString() ?? "null"};");
        engine.SetValue("__warn", new Action<string>(message => LogConfigWarning(logger, message)));
        var result = engine.Evaluate(
            $"JSON.stringify(AutoAcceptRules.decide(__reservation, AutoAcceptRules.readConfig(__ui, {{ warn: function (m) {{ __warn(String(m)); }} }}), {(paused ? "true" : "false")}))")
            .AsString();
        using var json = JsonDocument.Parse(result);
        var root = json.RootElement;
        var accept = root.GetProperty("accept").GetBoolean();
        return new AutoAcceptDecision(accept, accept ? null : root.GetProperty("reason").GetString(),
            accept && root.GetProperty("select").GetBoolean(),
            root.GetProperty("wrapUpSeconds").ValueKind == JsonValueKind.Number ? root.GetProperty("wrapUpSeconds").GetInt32() : null,
            root.GetProperty("set").GetString());
    }

    /// <summary>
    /// How the plugin reads <paramref name="uiAttributes"/>: the configuration sets it will use (defaults filled in,
    /// as JSON) and the warnings it would print to an agent's console (any warning means it falls back to the defaults).
    /// </summary>
    public AutomationReading ReadConfig(string? uiAttributes, CancellationToken ct)
    {
        var engine = Load(ct);
        var warnings = new List<string>();
        engine.SetValue("__warn", new Action<string>(warnings.Add));
        engine.Execute($"var __ui = {ParseOrNull(uiAttributes)?.ToJsonString() ?? "null"};");
        var sets = engine.Evaluate("JSON.stringify(AutoAcceptRules.readConfig(__ui, { warn: function (m) { __warn(String(m)); } }).configurationSets)").AsString();
        return new AutomationReading(sets, warnings);
    }

    /// <summary>Seconds the agent's "extend" adds to an auto-wrap-up countdown (the plugin's EXTEND_SECONDS).</summary>
    public int ExtendSeconds(CancellationToken ct) => (int)Load(ct).Evaluate("AutoAcceptRules.EXTEND_SECONDS").AsNumber();

    private Engine Load(CancellationToken ct)
    {
        var engine = ScriptEngines.Create(ct);
        engine.Execute(ScriptEngines.Prepare(Source(), "auto-accept-rules.js"));
        return engine;
    }

    private string Source()
    {
        if (configuration[FileKey] is { Length: > 0 } path)
        {
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new FileNotFoundException(
                    $"{FileKey} names {path}, which does not exist. Build the rules with `npm run build:rules` in flex-plugin/, or remove the setting to use the built-in rules.", path);
        }

        return Embedded.Value;
    }

    private static readonly Lazy<string> Embedded = new(() =>
    {
        using var stream = typeof(AutoAcceptRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The auto-accept rules are not embedded in TwilioConsole.Core; run `npm run build:rules` in flex-plugin/ and rebuild.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Whether a worker's attributes say its agent paused auto-accept (<c>{"autoAccept": {"paused": true}}</c>, written by the plugin).</summary>
    public static bool IsPaused(string workerAttributes)
    {
        try
        {
            using var json = JsonDocument.Parse(workerAttributes);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("autoAccept", out var section) &&
                   section.ValueKind == JsonValueKind.Object && section.TryGetProperty("paused", out var paused) && paused.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? ParseOrNull(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auto-accept configuration: {Message}")]
    private static partial void LogConfigWarning(ILogger logger, string message);
}
