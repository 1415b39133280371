using System.Text.Json;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Ivr;

/// <summary>The IVR staff are editing, saved with the settings; the default is <see cref="IvrDefinition.Default"/>.</summary>
public sealed class IvrStore(SettingsService settings)
{
    internal const string Key = "Ivr:Definition";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IvrDefinition> GetAsync(CancellationToken ct)
    {
        var state = await settings.GetStateAsync(Key, ct);
        return state.TryGetValue(Key, out var json) && JsonSerializer.Deserialize<IvrDefinition>(json, Json) is { } ivr ? ivr : IvrDefinition.Default;
    }

    /// <summary>Saves a valid IVR; an invalid one is refused with the problem of each field, and nothing is saved.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(IvrDefinition ivr, string actor, CancellationToken ct)
    {
        var errors = ivr.Validate();
        if (errors.Count == 0)
        {
            await settings.SetStateAsync(new Dictionary<string, string> { [Key] = JsonSerializer.Serialize(ivr, Json) }, new HashSet<string>(), actor, ct);
        }

        return errors;
    }
}
