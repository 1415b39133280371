using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Ivr;

/// <summary>The IVR staff are editing, saved with the settings; the default is <see cref="IvrDefinition.Default"/>.</summary>
public sealed class IvrStore(SettingsService settings)
{
    internal const string Key = "Ivr:Definition";

    public async Task<IvrDefinition> GetAsync(CancellationToken ct) => await settings.GetDocumentAsync<IvrDefinition>(Key, ct) ?? IvrDefinition.Default;

    /// <summary>Saves a valid IVR; an invalid one is refused with the problem of each field, and nothing is saved.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(IvrDefinition ivr, string actor, CancellationToken ct)
    {
        var errors = ivr.Validate();
        if (errors.Count == 0)
        {
            await settings.SaveDocumentAsync(Key, ivr, actor, ct);
        }

        return errors;
    }
}
