namespace TwilioConsole.Core.Security;

/// <summary>
/// The key-encryption key that protects the Data Protection key ring (and so every saved secret and sign-in cookie).
/// It never lives in the database. Bound from <c>TwilioConsole:DataProtection</c>.
/// </summary>
public sealed class KeyEncryptionKeyOptions
{
    public const string Section = "TwilioConsole:DataProtection";

    /// <summary>The key itself, base64 of 32 random bytes (e.g. <c>openssl rand -base64 32</c>); give every instance the same one.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>A file holding the key; default <c>keys/key-encryption.key</c> in the data folder, created (0600) on first start.</summary>
    public string? KeyFile { get; set; }
}
