using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Twilio;

public sealed record ServerlessService(string Sid, string UniqueName, string FriendlyName, bool IncludeCredentials);

public sealed record ServerlessEnvironment(string Sid, string UniqueName, string? DomainSuffix, string DomainName, string? BuildSid);

public sealed record ServerlessFunction(string Sid, string FriendlyName);

public sealed record FunctionVersion(string Sid, string Path, string Visibility);

public sealed record ServerlessBuild(string Sid, string Status);

public sealed record ServerlessAsset(string Sid, string FriendlyName);

public sealed record AssetVersion(string Sid, string Path, string Visibility);

/// <summary>A version a build holds (an asset version or a function version), as a fetched build lists them.</summary>
public sealed record BuildVersion(string Sid, string Path);

/// <summary>A build with what it holds: a new build must list every version that should stay served.</summary>
public sealed record ServerlessBuildDetails(string Sid, string Status, IReadOnlyList<BuildVersion>? AssetVersions, IReadOnlyList<BuildVersion>? FunctionVersions,
    IReadOnlyList<ServerlessDependency>? Dependencies, string? Runtime);

public sealed record ServerlessBuildStatus(string Sid, string Status);

public sealed record ServerlessDeployment(string Sid, string BuildSid);

public sealed record ServerlessVariable(string Sid, string Key, string Value);

/// <summary>A package the build installs, e.g. <c>twilio</c> at a version.</summary>
public sealed record ServerlessDependency(string Name, string Version);

/// <summary>Serverless v1: services, environments, functions and their versions, builds, deployments, variables.</summary>
public interface IServerlessApi
{
    IAsyncEnumerable<ServerlessService> ListServicesAsync(CancellationToken ct);
    Task<ServerlessService> CreateServiceAsync(string uniqueName, string friendlyName, CancellationToken ct);
    IAsyncEnumerable<ServerlessEnvironment> ListEnvironmentsAsync(string serviceSid, CancellationToken ct);
    Task<ServerlessEnvironment> CreateEnvironmentAsync(string serviceSid, string uniqueName, string? domainSuffix, CancellationToken ct);
    IAsyncEnumerable<ServerlessFunction> ListFunctionsAsync(string serviceSid, CancellationToken ct);
    Task<ServerlessFunction> CreateFunctionAsync(string serviceSid, string friendlyName, CancellationToken ct);
    Task<FunctionVersion> CreateFunctionVersionAsync(string serviceSid, string functionSid, string path, string visibility, string code, CancellationToken ct);
    IAsyncEnumerable<ServerlessAsset> ListAssetsAsync(string serviceSid, CancellationToken ct);
    Task<ServerlessAsset> CreateAssetAsync(string serviceSid, string friendlyName, CancellationToken ct);
    Task<AssetVersion> CreateAssetVersionAsync(string serviceSid, string assetSid, string path, string visibility, byte[] content, string contentType, CancellationToken ct);
    Task<ServerlessBuild> CreateBuildAsync(string serviceSid, IReadOnlyList<string> functionVersionSids, IReadOnlyList<string> assetVersionSids,
        IReadOnlyList<ServerlessDependency> dependencies, string runtime, CancellationToken ct);
    Task<ServerlessBuildDetails> FetchBuildAsync(string serviceSid, string buildSid, CancellationToken ct);
    Task<ServerlessBuildStatus> FetchBuildStatusAsync(string serviceSid, string buildSid, CancellationToken ct);
    Task<ServerlessDeployment> CreateDeploymentAsync(string serviceSid, string environmentSid, string buildSid, CancellationToken ct);
    IAsyncEnumerable<ServerlessVariable> ListVariablesAsync(string serviceSid, string environmentSid, CancellationToken ct);
    Task<ServerlessVariable> CreateVariableAsync(string serviceSid, string environmentSid, string key, string value, CancellationToken ct);
    Task<ServerlessVariable> UpdateVariableAsync(string serviceSid, string environmentSid, string variableSid, string value, CancellationToken ct);
}

internal sealed class ServerlessApi(HttpClient http, IOptions<TwilioOptions> options) : IServerlessApi
{
    private static string Svc(string sid) => $"v1/Services/{Uri.EscapeDataString(sid)}";

    public IAsyncEnumerable<ServerlessService> ListServicesAsync(CancellationToken ct) =>
        http.PagesAsync<ServerlessService>("v1/Services?PageSize=50", "services", ct);

    public Task<ServerlessService> CreateServiceAsync(string uniqueName, string friendlyName, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessService>("v1/Services", new TwilioForm()
            .Add("UniqueName", uniqueName).Add("FriendlyName", friendlyName).Add("IncludeCredentials", true), ct);

    public IAsyncEnumerable<ServerlessEnvironment> ListEnvironmentsAsync(string serviceSid, CancellationToken ct) =>
        http.PagesAsync<ServerlessEnvironment>($"{Svc(serviceSid)}/Environments?PageSize=50", "environments", ct);

    public Task<ServerlessEnvironment> CreateEnvironmentAsync(string serviceSid, string uniqueName, string? domainSuffix, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessEnvironment>($"{Svc(serviceSid)}/Environments", new TwilioForm()
            .Add("UniqueName", uniqueName).Add("DomainSuffix", domainSuffix), ct);

    public IAsyncEnumerable<ServerlessFunction> ListFunctionsAsync(string serviceSid, CancellationToken ct) =>
        http.PagesAsync<ServerlessFunction>($"{Svc(serviceSid)}/Functions?PageSize=50", "functions", ct);

    public Task<ServerlessFunction> CreateFunctionAsync(string serviceSid, string friendlyName, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessFunction>($"{Svc(serviceSid)}/Functions", new TwilioForm().Add("FriendlyName", friendlyName), ct);

    public Task<FunctionVersion> CreateFunctionVersionAsync(string serviceSid, string functionSid, string path, string visibility, string code, CancellationToken ct) =>
        UploadAsync<FunctionVersion>($"{Svc(serviceSid)}/Functions/{Uri.EscapeDataString(functionSid)}/Versions", path, visibility,
            Encoding.UTF8.GetBytes(code), "application/javascript", Path.GetFileName(path.TrimStart('/')) + ".js", ct);

    public IAsyncEnumerable<ServerlessAsset> ListAssetsAsync(string serviceSid, CancellationToken ct) =>
        http.PagesAsync<ServerlessAsset>($"{Svc(serviceSid)}/Assets?PageSize=50", "assets", ct);

    public Task<ServerlessAsset> CreateAssetAsync(string serviceSid, string friendlyName, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessAsset>($"{Svc(serviceSid)}/Assets", new TwilioForm().Add("FriendlyName", friendlyName), ct);

    public Task<AssetVersion> CreateAssetVersionAsync(string serviceSid, string assetSid, string path, string visibility, byte[] content, string contentType, CancellationToken ct) =>
        UploadAsync<AssetVersion>($"{Svc(serviceSid)}/Assets/{Uri.EscapeDataString(assetSid)}/Versions", path, visibility, content, contentType,
            Path.GetFileName(path), ct);

    /// <summary>Multipart upload to the separate serverless-upload host (not in Twilio's OpenAPI spec).</summary>
    private async Task<T> UploadAsync<T>(string relativeUrl, string path, string visibility, byte[] bytes, string contentType, string fileName, CancellationToken ct)
    {
        var url = new Uri(options.Value.ServerlessUploadBaseUrl, relativeUrl);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(path), "Path" },
            { new StringContent(visibility), "Visibility" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "Content", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        return await http.SendTwilioAsync<T>(request, ct);
    }

    public Task<ServerlessBuild> CreateBuildAsync(string serviceSid, IReadOnlyList<string> functionVersionSids, IReadOnlyList<string> assetVersionSids,
        IReadOnlyList<ServerlessDependency> dependencies, string runtime, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessBuild>($"{Svc(serviceSid)}/Builds", new TwilioForm()
            .AddEach("AssetVersions", assetVersionSids)
            .AddEach("FunctionVersions", functionVersionSids)
            .Add("Dependencies", System.Text.Json.JsonSerializer.Serialize(dependencies.Select(d => new { name = d.Name, version = d.Version })))
            .Add("Runtime", runtime), ct);

    public Task<ServerlessBuildDetails> FetchBuildAsync(string serviceSid, string buildSid, CancellationToken ct) =>
        http.GetTwilioAsync<ServerlessBuildDetails>($"{Svc(serviceSid)}/Builds/{Uri.EscapeDataString(buildSid)}", ct);

    public Task<ServerlessBuildStatus> FetchBuildStatusAsync(string serviceSid, string buildSid, CancellationToken ct) =>
        http.GetTwilioAsync<ServerlessBuildStatus>($"{Svc(serviceSid)}/Builds/{Uri.EscapeDataString(buildSid)}/Status", ct);

    public Task<ServerlessDeployment> CreateDeploymentAsync(string serviceSid, string environmentSid, string buildSid, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessDeployment>($"{Svc(serviceSid)}/Environments/{Uri.EscapeDataString(environmentSid)}/Deployments",
            new TwilioForm().Add("BuildSid", buildSid), ct);

    public IAsyncEnumerable<ServerlessVariable> ListVariablesAsync(string serviceSid, string environmentSid, CancellationToken ct) =>
        http.PagesAsync<ServerlessVariable>($"{Svc(serviceSid)}/Environments/{Uri.EscapeDataString(environmentSid)}/Variables?PageSize=50", "variables", ct);

    public Task<ServerlessVariable> CreateVariableAsync(string serviceSid, string environmentSid, string key, string value, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessVariable>($"{Svc(serviceSid)}/Environments/{Uri.EscapeDataString(environmentSid)}/Variables",
            new TwilioForm().Add("Key", key).Add("Value", value), ct);

    public Task<ServerlessVariable> UpdateVariableAsync(string serviceSid, string environmentSid, string variableSid, string value, CancellationToken ct) =>
        http.PostTwilioAsync<ServerlessVariable>($"{Svc(serviceSid)}/Environments/{Uri.EscapeDataString(environmentSid)}/Variables/{Uri.EscapeDataString(variableSid)}",
            new TwilioForm().Add("Value", value), ct);
}
