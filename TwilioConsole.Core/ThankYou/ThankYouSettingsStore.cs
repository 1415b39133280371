using System.Globalization;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.ThankYou;

/// <summary>Reads and saves <see cref="ThankYouSettings"/> beside the other settings, validated and audited.</summary>
public sealed class ThankYouSettingsStore(SettingsService settings, AuditLog audit)
{
    private const string Prefix = "ThankYou:";

    public async Task<ThankYouSettings> GetAsync(CancellationToken ct)
    {
        var state = await settings.GetStateAsync(Prefix, ct);
        var defaults = new ThankYouSettings();
        return new ThankYouSettings
        {
            Enabled = state.TryGetValue(Prefix + "Enabled", out var enabled) ? enabled == "true" : defaults.Enabled,
            TriggerEvent = state.GetValueOrDefault(Prefix + "TriggerEvent") ?? defaults.TriggerEvent,
            Template = state.GetValueOrDefault(Prefix + "Template") ?? defaults.Template,
            OnlyIfAgentAccepted = state.TryGetValue(Prefix + "OnlyIfAgentAccepted", out var only) ? only == "true" : defaults.OnlyIfAgentAccepted,
            MinimumCallSeconds = state.TryGetValue(Prefix + "MinimumCallSeconds", out var min) && int.TryParse(min, CultureInfo.InvariantCulture, out var m) ? m : defaults.MinimumCallSeconds,
        };
    }

    /// <summary>Field errors keyed by property name; nothing is saved unless there are none.</summary>
    public static Dictionary<string, string> Validate(ThankYouSettings value)
    {
        var errors = new Dictionary<string, string>();
        if (value.TriggerEvent is not (ThankYouSettings.TaskWrapup or ThankYouSettings.TaskCompleted))
        {
            errors[nameof(value.TriggerEvent)] = "Choose task.wrapup (the call ended) or task.completed (wrap-up finished).";
        }

        if (ThankYouTemplate.Validate(value.Template) is { } templateError)
        {
            errors[nameof(value.Template)] = templateError;
        }

        if (value.MinimumCallSeconds is < 0 or > 3600)
        {
            errors[nameof(value.MinimumCallSeconds)] = "Enter 0 to 3600 seconds.";
        }

        return errors;
    }

    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(ThankYouSettings value, string actor, CancellationToken ct)
    {
        var errors = Validate(value);
        if (errors.Count > 0)
        {
            return errors;
        }

        await settings.SetStateAsync(new Dictionary<string, string>
        {
            [Prefix + "Enabled"] = value.Enabled ? "true" : "false",
            [Prefix + "TriggerEvent"] = value.TriggerEvent,
            [Prefix + "Template"] = value.Template.Trim(),
            [Prefix + "OnlyIfAgentAccepted"] = value.OnlyIfAgentAccepted ? "true" : "false",
            [Prefix + "MinimumCallSeconds"] = value.MinimumCallSeconds.ToString(CultureInfo.InvariantCulture),
        }, new HashSet<string>(), actor, ct);
        await audit.RecordAsync(actor, "thankyou.settings", "Thank-you texts",
            $"{(value.Enabled ? "On" : "Off")}, on {value.TriggerEvent}, agent rule {(value.OnlyIfAgentAccepted ? "on" : "off")}, minimum {value.MinimumCallSeconds} s", true, null, ct);
        return errors;
    }
}
