using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Routing;

/// <summary>The routing staff want (queues and workflow), saved with the settings; the default is <see cref="RoutingSpec.Default"/>.</summary>
public sealed class RoutingSpecStore(SettingsService settings)
{
    internal const string Key = "Routing:Spec";

    public async Task<RoutingSpec> GetAsync(CancellationToken ct) => await settings.GetDocumentAsync<RoutingSpec>(Key, ct) ?? RoutingSpec.Default;

    /// <summary>Saves a valid spec; an invalid one is refused with every problem, and nothing is saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(RoutingSpec spec, string actor, CancellationToken ct)
    {
        var errors = spec.Validate();
        if (errors.Count == 0)
        {
            await settings.SaveDocumentAsync(Key, spec, actor, ct);
        }

        return errors;
    }
}
