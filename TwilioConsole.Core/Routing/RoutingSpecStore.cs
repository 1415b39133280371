using System.Text.Json;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Routing;

/// <summary>The routing staff want (queues and workflow), saved with the settings; the default is <see cref="RoutingSpec.Default"/>.</summary>
public sealed class RoutingSpecStore(SettingsService settings)
{
    internal const string SpecKey = "Routing:Spec";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RoutingSpec> GetAsync(CancellationToken ct)
    {
        var state = await settings.GetStateAsync(SpecKey, ct);
        return state.TryGetValue(SpecKey, out var json) && JsonSerializer.Deserialize<RoutingSpec>(json, Json) is { } spec ? spec : RoutingSpec.Default;
    }

    /// <summary>Saves a valid spec; an invalid one is refused with every problem, and nothing is saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(RoutingSpec spec, string actor, CancellationToken ct)
    {
        var errors = spec.Validate();
        if (errors.Count == 0)
        {
            await settings.SetStateAsync(new Dictionary<string, string> { [SpecKey] = JsonSerializer.Serialize(spec, Json) }, new HashSet<string>(), actor, ct);
        }

        return errors;
    }
}
