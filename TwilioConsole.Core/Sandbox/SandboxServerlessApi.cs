using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Serverless in the Sandbox: services with unique names, environments on a fake domain (<c>*.sandbox.test</c>, a
/// reserved name that never resolves), functions and their code, builds that complete a second after they start,
/// deployments and variables.
/// </summary>
internal sealed class SandboxServerlessApi(SandboxStore store) : IServerlessApi
{
    private const string ServiceKind = "sls.service";
    private const string EnvironmentKind = "sls.environment";
    private const string FunctionKind = "sls.function";
    private const string VersionKind = "sls.version";
    private const string BuildKind = "sls.build";
    private const string DeploymentKind = "sls.deployment";
    private const string VariableKind = "sls.variable";
    private const string AssetKind = "sls.asset";
    private const string AssetVersionKind = "sls.asset-version";
    internal static readonly TimeSpan BuildTime = TimeSpan.FromSeconds(1);

    private sealed record StoredVersion(string Sid, string Path, string Visibility, string Code);

    private sealed record StoredBuild(string Sid, DateTimeOffset Started, bool Fails, IReadOnlyList<string>? Versions = null,
        IReadOnlyList<string>? AssetVersions = null, IReadOnlyList<ServerlessDependency>? Dependencies = null, string? Runtime = null);

    private sealed record StoredAssetVersion(string Sid, string AssetSid, string Path, string Visibility, string ContentType, byte[] Content);

    public IAsyncEnumerable<ServerlessService> ListServicesAsync(CancellationToken ct) => store.StreamAsync<ServerlessService>(ServiceKind, null, ct);

    public async Task<ServerlessService> CreateServiceAsync(string uniqueName, string friendlyName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(uniqueName) || uniqueName.Length > 50)
        {
            throw SandboxStore.BadRequest(20001, "UniqueName is required and at most 50 characters");
        }

        if ((await store.ListAsync<ServerlessService>(ServiceKind, null, ct)).Any(s => s.UniqueName == uniqueName))
        {
            throw SandboxStore.BadRequest(54301, $"Unique name already in use: {uniqueName}");
        }

        var sid = SandboxStore.NewSid("ZS");
        return await store.AddAsync(ServiceKind, null, sid, new ServerlessService(sid, uniqueName, friendlyName, true), ct);
    }

    public IAsyncEnumerable<ServerlessEnvironment> ListEnvironmentsAsync(string serviceSid, CancellationToken ct) =>
        store.StreamAsync<ServerlessEnvironment>(EnvironmentKind, serviceSid, ct, c => store.GetAsync<ServerlessService>(ServiceKind, serviceSid, c));

    public async Task<ServerlessEnvironment> CreateEnvironmentAsync(string serviceSid, string uniqueName, string? domainSuffix, CancellationToken ct)
    {
        var service = await store.GetAsync<ServerlessService>(ServiceKind, serviceSid, ct);
        var sid = SandboxStore.NewSid("ZE");
        var digits = Convert.ToInt32(sid[^4..], 16) % 9000 + 1000;
        var domain = $"{service.UniqueName}-{digits}{(string.IsNullOrEmpty(domainSuffix) ? "" : "-" + domainSuffix)}.sandbox.test";
        return await store.AddAsync(EnvironmentKind, serviceSid, sid, new ServerlessEnvironment(sid, uniqueName, domainSuffix, domain, null), ct);
    }

    public IAsyncEnumerable<ServerlessFunction> ListFunctionsAsync(string serviceSid, CancellationToken ct) =>
        store.StreamAsync<ServerlessFunction>(FunctionKind, serviceSid, ct, c => store.GetAsync<ServerlessService>(ServiceKind, serviceSid, c));

    public async Task<ServerlessFunction> CreateFunctionAsync(string serviceSid, string friendlyName, CancellationToken ct)
    {
        await store.GetAsync<ServerlessService>(ServiceKind, serviceSid, ct);
        var sid = SandboxStore.NewSid("ZH");
        return await store.AddAsync(FunctionKind, serviceSid, sid, new ServerlessFunction(sid, friendlyName), ct);
    }

    public async Task<FunctionVersion> CreateFunctionVersionAsync(string serviceSid, string functionSid, string path, string visibility, string code, CancellationToken ct)
    {
        await store.GetAsync<ServerlessFunction>(FunctionKind, functionSid, ct);
        CheckPathAndVisibility(path, visibility);

        var sid = SandboxStore.NewSid("ZN");
        await store.AddAsync(VersionKind, serviceSid, sid, new StoredVersion(sid, path, visibility, code), ct);
        return new FunctionVersion(sid, path, visibility);
    }

    public IAsyncEnumerable<ServerlessAsset> ListAssetsAsync(string serviceSid, CancellationToken ct) =>
        store.StreamAsync<ServerlessAsset>(AssetKind, serviceSid, ct, c => store.GetAsync<ServerlessService>(ServiceKind, serviceSid, c));

    public async Task<ServerlessAsset> CreateAssetAsync(string serviceSid, string friendlyName, CancellationToken ct)
    {
        await store.GetAsync<ServerlessService>(ServiceKind, serviceSid, ct);
        var sid = SandboxStore.NewSid("ZH");
        return await store.AddAsync(AssetKind, serviceSid, sid, new ServerlessAsset(sid, friendlyName), ct);
    }

    public async Task<AssetVersion> CreateAssetVersionAsync(string serviceSid, string assetSid, string path, string visibility, byte[] content, string contentType, CancellationToken ct)
    {
        await store.GetAsync<ServerlessAsset>(AssetKind, assetSid, ct);
        CheckPathAndVisibility(path, visibility);
        var sid = SandboxStore.NewSid("ZN");
        await store.AddAsync(AssetVersionKind, serviceSid, sid, new StoredAssetVersion(sid, assetSid, path, visibility, contentType, content), ct);
        return new AssetVersion(sid, path, visibility);
    }

    public async Task<ServerlessBuild> CreateBuildAsync(string serviceSid, IReadOnlyList<string> functionVersionSids, IReadOnlyList<string> assetVersionSids,
        IReadOnlyList<ServerlessDependency> dependencies, string runtime, CancellationToken ct)
    {
        await store.GetAsync<ServerlessService>(ServiceKind, serviceSid, ct);
        foreach (var version in functionVersionSids)
        {
            await store.GetAsync<StoredVersion>(VersionKind, version, ct);
        }

        foreach (var version in assetVersionSids)
        {
            await store.GetAsync<StoredAssetVersion>(AssetVersionKind, version, ct);
        }

        // Like Twilio, a bad dependency fails the build later rather than the request.
        var bad = dependencies.FirstOrDefault(d => string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.Version));
        var sid = SandboxStore.NewSid("ZB");
        await store.AddAsync(BuildKind, serviceSid, sid, new StoredBuild(sid, store.Clock.GetUtcNow(), bad is not null, [.. functionVersionSids],
            [.. assetVersionSids], [.. dependencies], runtime), ct);
        return new ServerlessBuild(sid, "building");
    }

    public async Task<ServerlessBuildDetails> FetchBuildAsync(string serviceSid, string buildSid, CancellationToken ct)
    {
        var build = await store.GetAsync<StoredBuild>(BuildKind, buildSid, ct);
        var status = await FetchBuildStatusAsync(serviceSid, buildSid, ct);
        var functions = new List<BuildVersion>();
        foreach (var sid in build.Versions ?? [])
        {
            functions.Add(new BuildVersion(sid, (await store.GetAsync<StoredVersion>(VersionKind, sid, ct)).Path));
        }

        var assets = new List<BuildVersion>();
        foreach (var sid in build.AssetVersions ?? [])
        {
            assets.Add(new BuildVersion(sid, (await store.GetAsync<StoredAssetVersion>(AssetVersionKind, sid, ct)).Path));
        }

        return new ServerlessBuildDetails(buildSid, status.Status, assets, functions, build.Dependencies ?? [], build.Runtime);
    }

    private static void CheckPathAndVisibility(string path, string visibility)
    {
        if (visibility is not ("public" or "protected" or "private"))
        {
            throw SandboxStore.BadRequest(20001, "Visibility must be public, protected or private");
        }

        if (!path.StartsWith('/'))
        {
            throw SandboxStore.BadRequest(20001, "Path must start with '/'");
        }
    }

    public async Task<ServerlessBuildStatus> FetchBuildStatusAsync(string serviceSid, string buildSid, CancellationToken ct)
    {
        var build = await store.GetAsync<StoredBuild>(BuildKind, buildSid, ct);
        var done = store.Clock.GetUtcNow() - build.Started >= BuildTime;
        return new ServerlessBuildStatus(buildSid, !done ? "building" : build.Fails ? "failed" : "completed");
    }

    public async Task<ServerlessDeployment> CreateDeploymentAsync(string serviceSid, string environmentSid, string buildSid, CancellationToken ct)
    {
        var status = await FetchBuildStatusAsync(serviceSid, buildSid, ct);
        if (status.Status != "completed")
        {
            throw SandboxStore.BadRequest(20001, $"Build {buildSid} is {status.Status}; only a completed build can be deployed");
        }

        await store.UpdateAsync<ServerlessEnvironment>(EnvironmentKind, environmentSid, e => e with { BuildSid = buildSid }, ct);
        var sid = SandboxStore.NewSid("ZD");
        return await store.AddAsync(DeploymentKind, environmentSid, sid, new ServerlessDeployment(sid, buildSid), ct);
    }

    /// <summary>The code deployed at <paramref name="path"/> in an environment (its current build), or null when none is.</summary>
    internal async Task<string?> DeployedCodeAsync(string environmentSid, string path, CancellationToken ct)
    {
        var environment = await store.GetAsync<ServerlessEnvironment>(EnvironmentKind, environmentSid, ct);
        if (environment.BuildSid is null || (await store.GetAsync<StoredBuild>(BuildKind, environment.BuildSid, ct)).Versions is not { } versions)
        {
            return null;
        }

        foreach (var versionSid in versions)
        {
            var version = await store.GetAsync<StoredVersion>(VersionKind, versionSid, ct);
            if (version.Path == path)
            {
                return version.Code;
            }
        }

        return null;
    }

    public IAsyncEnumerable<ServerlessVariable> ListVariablesAsync(string serviceSid, string environmentSid, CancellationToken ct) =>
        store.StreamAsync<ServerlessVariable>(VariableKind, environmentSid, ct, c => store.GetAsync<ServerlessEnvironment>(EnvironmentKind, environmentSid, c));

    public async Task<ServerlessVariable> CreateVariableAsync(string serviceSid, string environmentSid, string key, string value, CancellationToken ct)
    {
        await store.GetAsync<ServerlessEnvironment>(EnvironmentKind, environmentSid, ct);
        if ((await store.ListAsync<ServerlessVariable>(VariableKind, environmentSid, ct)).Any(v => v.Key == key))
        {
            throw SandboxStore.BadRequest(20001, $"Variable {key} already exists in this environment");
        }

        var sid = SandboxStore.NewSid("ZV");
        return await store.AddAsync(VariableKind, environmentSid, sid, new ServerlessVariable(sid, key, value), ct);
    }

    public Task<ServerlessVariable> UpdateVariableAsync(string serviceSid, string environmentSid, string variableSid, string value, CancellationToken ct) =>
        store.UpdateAsync<ServerlessVariable>(VariableKind, variableSid, v => v with { Value = value }, ct);
}
