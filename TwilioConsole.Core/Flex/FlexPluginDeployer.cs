using System.Globalization;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Flex;

/// <summary>What Flex runs now: the active release, the plugins in it, ours among them, and what a rollback would return to.</summary>
public sealed record FlexReleaseStatus(FlexRelease? Active, IReadOnlyList<FlexConfiguredPlugin> ActivePlugins, FlexRelease? Previous,
    IReadOnlyList<FlexConfiguredPlugin> PreviousPlugins)
{
    public FlexConfiguredPlugin? Ours => ActivePlugins.FirstOrDefault(p => p.UniqueName == PluginBundle.UniqueName);

    public FlexConfiguredPlugin? PreviousOurs => PreviousPlugins.FirstOrDefault(p => p.UniqueName == PluginBundle.UniqueName);
}

public sealed record FlexDeployResult(bool Succeeded, IReadOnlyList<DeployStep> Steps, string? Error, string? Version = null, FlexRelease? Release = null);

/// <summary>
/// Puts the auto-accept plugin in front of agents the way the Flex CLI does, from the dashboard: the built bundle is
/// uploaded as a protected Serverless Asset of a dedicated service (a new build keeps every earlier bundle served, so
/// rollbacks still load), registered as a plugin version, and released in a plugin configuration that keeps every
/// other plugin of the active release. An unchanged bundle makes no new version; a version already active makes no
/// new release. Rollback releases the configuration before the active one again. Every run is audited.
/// </summary>
public sealed class FlexPluginDeployer(ITwilioGateway gateway, PluginBundleLocator bundles, AuditLog audit, TimeProvider clock)
{
    public const string ServiceUniqueName = "twilio-console-flex";
    public const string EnvironmentName = "plugins";
    public const string HashMarker = "bundle sha256 ";

    public async Task<FlexReleaseStatus> StatusAsync(CancellationToken ct)
    {
        var flex = (await gateway.CurrentAsync(ct)).Flex;
        var releases = await flex.ListReleasesAsync(ct).Take(50).ToListAsync(ct);
        var active = await flex.FetchActiveReleaseAsync(ct);
        var previous = active is null ? null : PreviousOf(active, releases);
        return new FlexReleaseStatus(active, active is null ? [] : await flex.ListConfigurationPluginsAsync(active.ConfigurationSid, ct).ToListAsync(ct),
            previous, previous is null ? [] : await flex.ListConfigurationPluginsAsync(previous.ConfigurationSid, ct).ToListAsync(ct));
    }

    /// <summary>The newest release before the active one with another configuration (releases are listed newest first).</summary>
    private static FlexRelease? PreviousOf(FlexRelease active, List<FlexRelease> releases) =>
        releases.OrderByDescending(r => r.DateCreated).SkipWhile(r => r.Sid != active.Sid).Skip(1).FirstOrDefault(r => r.ConfigurationSid != active.ConfigurationSid);

    public async Task<FlexDeployResult> DeployAsync(string actor, IProgress<IReadOnlyList<DeployStep>>? progress, CancellationToken ct)
    {
        var steps = new DeployProgress(progress);
        steps.Start("Bundle");
        var (bundle, problem) = await bundles.FindAsync(ct);
        if (bundle is null)
        {
            steps.Report("Bundle", DeployStepState.Failed, problem);
            return await FinishAsync(actor, "flex.deploy", steps, problem, null, null, ct);
        }

        steps.Report("Bundle", DeployStepState.Done, $"{Path.GetFileName(bundle.Path)}, {bundle.Content.Length / 1024.0:0.0} KB, sha256 {bundle.ShortHash}");
        try
        {
            var products = await gateway.CurrentAsync(ct);
            var flex = products.Flex;

            steps.Start("Plugin");
            var plugin = await flex.ListPluginsAsync(ct).FirstOrDefaultAsync(p => p.UniqueName == PluginBundle.UniqueName, ct);
            var reusedPlugin = plugin is not null;
            plugin ??= await flex.CreatePluginAsync(PluginBundle.UniqueName, "Auto-accept", "Accepts, selects and wraps up tasks for agents (TwilioConsole).", ct);
            steps.Report("Plugin", reusedPlugin ? DeployStepState.Reused : DeployStepState.Done, $"{plugin.UniqueName} ({plugin.Sid})");

            var versions = await flex.ListPluginVersionsAsync(plugin.Sid, ct).ToListAsync(ct);
            var version = versions.FirstOrDefault(v => v.Changelog?.Contains(HashMarker + bundle.Sha256, StringComparison.Ordinal) == true);
            if (version is not null)
            {
                steps.Report("Version", DeployStepState.Reused, $"{version.Version}: the bundle is unchanged since it was uploaded");
            }
            else
            {
                version = await UploadVersionAsync(products, plugin, versions, bundle, actor, steps, ct);
                if (version is null)
                {
                    return await FinishAsync(actor, "flex.deploy", steps, steps.Steps[^1].Detail, null, null, ct);
                }
            }

            var release = await ReleaseAsync(flex, version, steps, ct);
            return await FinishAsync(actor, "flex.deploy", steps, null, version.Version, release, ct);
        }
        catch (Exception e) when (e is TwilioApiException or TwilioNotConfiguredException)
        {
            return await FinishAsync(actor, "flex.deploy", steps, steps.Fail(e), null, null, ct);
        }
    }

    /// <summary>Upload → build (keeping what the environment serves) → deploy → plugin version. Null when the build fails.</summary>
    private async Task<FlexPluginVersion?> UploadVersionAsync(TwilioProducts products, FlexPlugin plugin, List<FlexPluginVersion> versions, PluginBundle bundle,
        string actor, DeployProgress steps, CancellationToken ct)
    {
        var serverless = products.Serverless;
        var number = PluginVersions.Next(versions.Select(v => v.Version), bundle.PackageVersion);

        steps.Start("Service");
        var service = await serverless.ListServicesAsync(ct).FirstOrDefaultAsync(s => s.UniqueName == ServiceUniqueName, ct);
        var reused = service is not null;
        service ??= await serverless.CreateServiceAsync(ServiceUniqueName, "TwilioConsole Flex plugins", ct);
        var environment = await serverless.ListEnvironmentsAsync(service.Sid, ct).FirstOrDefaultAsync(e => e.UniqueName == EnvironmentName, ct)
                          ?? await serverless.CreateEnvironmentAsync(service.Sid, EnvironmentName, null, ct);
        var asset = await serverless.ListAssetsAsync(service.Sid, ct).FirstOrDefaultAsync(a => a.FriendlyName == PluginBundle.UniqueName, ct)
                    ?? await serverless.CreateAssetAsync(service.Sid, PluginBundle.UniqueName, ct);
        steps.Report("Service", reused ? DeployStepState.Reused : DeployStepState.Done, $"{ServiceUniqueName} ({service.Sid}), {environment.DomainName}");

        steps.Start("Upload");
        var path = $"/plugins/{PluginBundle.UniqueName}/{number}/bundle.js";
        var uploaded = await serverless.CreateAssetVersionAsync(service.Sid, asset.Sid, path, "protected", bundle.Content, "application/javascript", ct);
        steps.Report("Upload", DeployStepState.Done, $"{path} ({uploaded.Sid})");

        steps.Start("Build");
        var current = environment.BuildSid is { } buildSid ? await serverless.FetchBuildAsync(service.Sid, buildSid, ct) : null;
        var assets = (current?.AssetVersions ?? []).Where(v => v.Path != path).Select(v => v.Sid).Append(uploaded.Sid).ToList();
        var functions = (current?.FunctionVersions ?? []).Select(v => v.Sid).ToList();
        var build = await serverless.CreateBuildAsync(service.Sid, functions, assets, current?.Dependencies ?? [], current?.Runtime ?? FunctionDeployer.Runtime, ct);
        var status = await DeployProgress.WaitForBuildAsync(serverless, service.Sid, build.Sid, clock, FunctionDeployer.BuildTimeout, FunctionDeployer.PollInterval, ct);
        if (status != "completed")
        {
            steps.Report("Build", DeployStepState.Failed, status == "failed"
                ? $"Build {build.Sid} failed. Twilio keeps its log in the Console: Functions and Assets → Services → {ServiceUniqueName}."
                : $"Build {build.Sid} was still '{status}' after {FunctionDeployer.BuildTimeout.TotalMinutes:0} minutes; deploy again later.");
            return null;
        }

        steps.Report("Build", DeployStepState.Done, $"{build.Sid}: {assets.Count} bundle(s) served");
        steps.Start("Deploy");
        await serverless.CreateDeploymentAsync(service.Sid, environment.Sid, build.Sid, ct);
        var url = new Uri($"https://{environment.DomainName}{path}");
        steps.Report("Deploy", DeployStepState.Done, url.ToString());

        steps.Start("Version");
        var version = await products.Flex.CreatePluginVersionAsync(plugin.Sid, number, url,
            $"Deployed from TwilioConsole by {actor}; {HashMarker}{bundle.Sha256}", isPrivate: true, ct);
        steps.Report("Version", DeployStepState.Done, $"{version.Version} ({version.Sid})");
        return version;
    }

    /// <summary>A configuration of the active release's plugins with ours at <paramref name="version"/>, released; nothing new when it is active already.</summary>
    private static async Task<FlexRelease> ReleaseAsync(IFlexApi flex, FlexPluginVersion version, DeployProgress steps, CancellationToken ct)
    {
        steps.Start("Release");
        var active = await flex.FetchActiveReleaseAsync(ct);
        var plugins = active is null ? [] : await flex.ListConfigurationPluginsAsync(active.ConfigurationSid, ct).ToListAsync(ct);
        if (active is not null && plugins.Any(p => p.PluginVersionSid == version.Sid))
        {
            steps.Report("Release", DeployStepState.Reused, $"{version.Version} is already in the active release {active.Sid}");
            return active;
        }

        var kept = plugins.Where(p => p.PluginSid != version.PluginSid).Select(p => p.PluginVersionSid).ToList();
        var configuration = await flex.CreateConfigurationAsync($"{PluginBundle.UniqueName} {version.Version}",
            $"TwilioConsole: {PluginBundle.UniqueName}@{version.Version}" + (kept.Count > 0 ? $" with {kept.Count} other plugin(s) kept" : ""), [.. kept, version.Sid], ct);
        var release = await flex.CreateReleaseAsync(configuration.Sid, ct);
        steps.Report("Release", DeployStepState.Done, $"{release.Sid}: configuration {configuration.Sid}" + (kept.Count > 0 ? $", {kept.Count} other plugin(s) kept" : ""));
        return release;
    }

    public async Task<FlexDeployResult> RollbackAsync(string actor, CancellationToken ct)
    {
        var steps = new DeployProgress(null);
        steps.Start("Rollback");
        try
        {
            var flex = (await gateway.CurrentAsync(ct)).Flex;
            var status = await StatusAsync(ct);
            if (status.Previous is null)
            {
                const string none = "There is no earlier release to roll back to.";
                steps.Report("Rollback", DeployStepState.Failed, none);
                return await FinishAsync(actor, "flex.rollback", steps, none, null, null, ct);
            }

            var release = await flex.CreateReleaseAsync(status.Previous.ConfigurationSid, ct);
            var version = status.PreviousOurs?.Version;
            steps.Report("Rollback", DeployStepState.Done,
                $"{release.Sid} releases configuration {status.Previous.ConfigurationSid} again ({(version is null ? "without " + PluginBundle.UniqueName : PluginBundle.UniqueName + " " + version)})");
            return await FinishAsync(actor, "flex.rollback", steps, null, version, release, ct);
        }
        catch (TwilioApiException e)
        {
            steps.Report("Rollback", DeployStepState.Failed, e.TwilioMessage);
            return await FinishAsync(actor, "flex.rollback", steps, $"Rollback: {e.TwilioMessage}", null, null, ct);
        }
        catch (TwilioNotConfiguredException e)
        {
            steps.Report("Rollback", DeployStepState.Failed, e.Message);
            return await FinishAsync(actor, "flex.rollback", steps, e.Message, null, null, ct);
        }
    }

    private async Task<FlexDeployResult> FinishAsync(string actor, string action, DeployProgress steps, string? error, string? version, FlexRelease? release, CancellationToken ct)
    {
        var details = steps.Summary + (release is null ? "" : $"; release {release.Sid}") + (version is null ? "" : $"; version {version}");
        await audit.RecordAsync(actor, action, PluginBundle.UniqueName, details, error is null, error, ct);
        return new FlexDeployResult(error is null, steps.Steps, error, version, release);
    }
}
