using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TwilioConsole.Core.Data;

namespace TwilioConsole.Core.Security;

/// <summary>A key-encryption key and its short public id (the first bytes of its SHA-256), named in key XML and messages.</summary>
public sealed record KeyEncryptionKey(byte[] Key, string Id, string Source);

/// <summary>
/// Finds the key-encryption key: from configuration (<c>TwilioConsole__DataProtection__KeyEncryptionKey</c>) or from its
/// file (default <c>&lt;data folder&gt;/keys/key-encryption.key</c>, folder 0700, file 0600). Creates the file only when
/// asked to (a fresh key ring); never silently replaces a lost key.
/// </summary>
public sealed class KeyEncryptionKeyStore(IOptions<KeyEncryptionKeyOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    public const string EnvironmentVariable = "TwilioConsole__DataProtection__KeyEncryptionKey";
    private readonly Lock _gate = new();
    private KeyEncryptionKey? _loaded;

    public string FilePath => options.Value.KeyFile is { Length: > 0 } file
        ? Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file))
        : Path.Combine(database.Value.ResolveDataFolder(environment.ContentRootPath), "keys", "key-encryption.key");

    /// <summary>Where the key would come from, for messages.</summary>
    public string Where => string.IsNullOrWhiteSpace(options.Value.KeyEncryptionKey) ? $"the file {FilePath}" : $"the setting {EnvironmentVariable}";

    /// <summary>The key, or null when neither the setting nor the file holds one.</summary>
    public KeyEncryptionKey? TryLoad()
    {
        lock (_gate)
        {
            if (_loaded is not null)
            {
                return _loaded;
            }

            if (options.Value.KeyEncryptionKey is { Length: > 0 } configured)
            {
                return _loaded = Parse(configured, EnvironmentVariable);
            }

            return File.Exists(FilePath) ? _loaded = Parse(File.ReadAllText(FilePath), FilePath) : null;
        }
    }

    /// <summary>The key, or an error that says where it was looked for.</summary>
    public KeyEncryptionKey Require() => TryLoad() ?? throw new KeyEncryptionKeyMissingException(
        $"No key-encryption key: {Where} does not exist. Restore it from your backup, or set {EnvironmentVariable}.");

    /// <summary>Creates a new random key in the key file (0600, in a 0700 folder). Only for a key ring with no protected keys.</summary>
    public KeyEncryptionKey Create()
    {
        lock (_gate)
        {
            var folder = Path.GetDirectoryName(FilePath)!;
            Directory.CreateDirectory(folder);
            FilePermissions.OwnerOnlyFolder(folder);
            var text = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            using (var stream = FilePermissions.CreateOwnerOnlyFile(FilePath))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
            }

            return _loaded = Parse(text, FilePath);
        }
    }

    private static KeyEncryptionKey Parse(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            key = [];
        }

        if (key.Length != 32)
        {
            throw new KeyEncryptionKeyMissingException($"The key-encryption key in {source} is not base64 of 32 bytes (make one with: openssl rand -base64 32).");
        }

        return new KeyEncryptionKey(key, IdOf(key), source);
    }

    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..12];
}

/// <summary>The key ring cannot be read (or protected) without a key-encryption key that is not here.</summary>
public sealed class KeyEncryptionKeyMissingException(string message) : InvalidOperationException(message);
