using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Flex;

/// <summary>The plugin bundle built from <c>flex-plugin/</c>: its bytes, their SHA-256 and the package version.</summary>
public sealed record PluginBundle(string Path, byte[] Content, string Sha256, DateTimeOffset BuiltAt, string PackageVersion)
{
    public const string UniqueName = "plugin-auto-accept";
    public const string FileName = UniqueName + ".js";
    public const string BuildCommand = "cd flex-plugin && npm ci && npm run build";

    public string ShortHash => Sha256[..12];
}

/// <summary>Finds the bundle the Flex page deploys, or says exactly how to build it.</summary>
public sealed class PluginBundleLocator(IOptions<FlexOptions> options)
{
    public async Task<(PluginBundle? Bundle, string? Problem)> FindAsync(CancellationToken ct)
    {
        var path = Candidates().FirstOrDefault(File.Exists);
        if (path is null)
        {
            return (null, options.Value.PluginBundlePath is { Length: > 0 } configured
                ? $"The plugin bundle {configured} (TwilioConsole:Flex:PluginBundlePath) does not exist. Build it with `{PluginBundle.BuildCommand}`, or fix the setting."
                : $"The plugin is not built yet: run `{PluginBundle.BuildCommand}` in the repository, then reload this page.");
        }

        var content = await File.ReadAllBytesAsync(path, ct);
        if (content.Length == 0)
        {
            return (null, $"{path} is empty: build it again with `{PluginBundle.BuildCommand}`.");
        }

        return (new PluginBundle(path, content, Convert.ToHexStringLower(SHA256.HashData(content)), File.GetLastWriteTimeUtc(path),
            await PackageVersionAsync(path, ct)), null);
    }

    private IEnumerable<string> Candidates()
    {
        if (options.Value.PluginBundlePath is { Length: > 0 } configured)
        {
            yield return Path.GetFullPath(configured);
            yield break;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Distinct())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, "flex-plugin", "build", PluginBundle.FileName);
            }
        }
    }

    /// <summary>The version in flex-plugin/package.json beside the build folder; 1.0.0 when there is none.</summary>
    private static async Task<string> PackageVersionAsync(string bundlePath, CancellationToken ct)
    {
        var package = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(bundlePath)!)!, "package.json");
        try
        {
            await using var stream = File.OpenRead(package);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return json.RootElement.TryGetProperty("version", out var v) && PluginVersions.TryParse(v.GetString(), out _) ? v.GetString()! : "1.0.0";
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return "1.0.0";
        }
    }
}

/// <summary>Plugin versions are semantic versions (major.minor.patch); a new deploy takes the next patch.</summary>
public static class PluginVersions
{
    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0, 0);
        var parts = (text ?? "").Split('.');
        if (parts.Length != 3 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) || !Version.TryParse(text, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    /// <summary>The next patch after the highest existing version, or <paramref name="first"/> when none is higher.</summary>
    public static string Next(IEnumerable<string> existing, string first)
    {
        var highest = existing.Select(v => TryParse(v, out var parsed) ? parsed : null).Where(v => v is not null).Max();
        if (highest is null)
        {
            return first;
        }

        return TryParse(first, out var start) && start > highest ? first : $"{highest.Major}.{highest.Minor}.{highest.Build + 1}";
    }
}
