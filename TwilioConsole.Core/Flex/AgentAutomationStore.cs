using System.Text.Json.Nodes;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Flex;

/// <summary>
/// The automation Flex agents get now. <paramref name="Configured"/>: ui_attributes has an <c>autoAccept</c> section;
/// <paramref name="Warnings"/>: what the plugin says about it (any warning means agents get the defaults).
/// </summary>
public sealed record AutomationState(List<ConfigurationSetForm> Sets, bool Configured, IReadOnlyList<string> Warnings, IReadOnlyList<string> OtherKeys);

/// <summary>An agent and whether they paused auto-accept in Flex (the plugin writes it to the worker's attributes).</summary>
public sealed record AgentAutomationStatus(string Name, string Activity, bool Available, bool Paused);

/// <summary>
/// Reads and saves the plugin's configuration sets in Flex's <c>ui_attributes</c> through the Flex Configuration API.
/// A save merges: it fetches ui_attributes, replaces only the <c>autoAccept</c> key and writes the whole object back
/// (Twilio replaces ui_attributes as a whole), so other plugins' settings are kept. The plugin's own reader
/// (<see cref="AutoAcceptRules.ReadConfig"/>) checks the sets before they are saved.
/// </summary>
public sealed class AgentAutomationStore(ITwilioGateway gateway, AutoAcceptRules rules, AuditLog audit)
{
    public async Task<AutomationState> LoadAsync(CancellationToken ct)
    {
        var configuration = await (await gateway.CurrentAsync(ct)).Flex.FetchConfigurationAsync(ct);
        var ui = configuration.UiAttributes ?? [];
        var reading = rules.ReadConfig(ui.ToJsonString(), ct);
        return new AutomationState(AgentAutomation.FromPluginJson(reading.ConfigurationSetsJson), ui.ContainsKey(AgentAutomation.UiAttributesKey),
            reading.Warnings, [.. ui.Select(p => p.Key).Where(k => k != AgentAutomation.UiAttributesKey)]);
    }

    /// <summary>Saves the sets; returns null on success or what to fix.</summary>
    public async Task<string?> SaveAsync(string actor, IReadOnlyList<ConfigurationSetForm> sets, CancellationToken ct)
    {
        if (AgentAutomation.Validate(sets) is { Count: > 0 } errors)
        {
            return string.Join(" ", errors);
        }

        var section = AgentAutomation.ToSection(sets);
        var reading = rules.ReadConfig(new JsonObject { [AgentAutomation.UiAttributesKey] = section.DeepClone() }.ToJsonString(), ct);
        if (reading.Warnings.Count > 0)
        {
            return "The plugin would not accept these sets: " + string.Join(" ", reading.Warnings);
        }

        var summary = string.Join("; ", sets.Select(Describe));
        try
        {
            var products = await gateway.CurrentAsync(ct);
            var current = await products.Flex.FetchConfigurationAsync(ct);
            var merged = current.UiAttributes?.DeepClone().AsObject() ?? [];
            merged[AgentAutomation.UiAttributesKey] = section;
            await products.Flex.UpdateUiAttributesAsync(current.AccountSid, merged, ct);
            await audit.RecordAsync(actor, "flex.automation", "ui_attributes.autoAccept", summary, true, null, ct);
            return null;
        }
        catch (TwilioApiException e)
        {
            await audit.RecordAsync(actor, "flex.automation", "ui_attributes.autoAccept", summary, false, e.TwilioMessage, ct);
            return $"Flex refused the configuration: {e.TwilioMessage}";
        }
    }

    /// <summary>"Support calls: voice, type=support, accept+select, wrap-up 30 s".</summary>
    public static string Describe(ConfigurationSetForm set)
    {
        var parts = new List<string> { set.Channel.Trim().ToLowerInvariant() };
        parts.AddRange(set.RequiredAttributes.Select(a => $"{a.Key.Trim()}={a.Value}"));
        parts.Add(set.AutoAccept ? set.AutoSelect ? "accept+select" : "accept" : "manual accept");
        parts.Add(set.AutoWrapUp ? $"wrap-up {set.WrapUpSeconds} s" : "manual wrap-up");
        return $"{set.Name.Trim()}: {string.Join(", ", parts)}";
    }

    /// <summary>Every agent and whether they paused auto-accept, from the workers' attributes.</summary>
    public async Task<IReadOnlyList<AgentAutomationStatus>> AgentsAsync(CancellationToken ct)
    {
        var products = await gateway.CurrentAsync(ct);
        if (products.WorkspaceSid is not { } workspace)
        {
            return [];
        }

        return await products.TaskRouter.ListWorkersAsync(workspace, ct)
            .Select(w => new AgentAutomationStatus(w.FriendlyName, w.ActivityName ?? "unknown", w.Available, AutoAcceptRules.IsPaused(w.Attributes)))
            .OrderByDescending(a => a.Paused).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToListAsync(ct);
    }
}
