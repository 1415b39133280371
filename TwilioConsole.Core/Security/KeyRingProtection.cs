using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using TwilioConsole.Core.Data;

namespace TwilioConsole.Core.Security;

/// <summary>
/// Run at start-up, before anything reads the key ring: makes sure the key-encryption key that protects the stored
/// keys is here (else start-up stops and says which key is missing and how to restore it), creates one for a fresh
/// install, and protects keys an earlier version stored in plain form — the same keys, so saved secrets stay readable.
/// </summary>
public static class KeyRingProtection
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public static string MissingMessage(string neededId, KeyEncryptionKeyStore store) =>
        $"The Data Protection keys in the database are protected by key-encryption key '{neededId}', which is not here " +
        $"(looked in {store.Where}). Restore that key from your backup — the file {store.FilePath}, or the value of " +
        $"{KeyEncryptionKeyStore.EnvironmentVariable} — and start again. Without it saved secrets (the Auth Token) and sign-ins cannot be read.";

    /// <returns>How many plain keys were protected.</returns>
    public static async Task<int> EnsureAsync(AppDbContext db, KeyEncryptionKeyStore store, CancellationToken ct)
    {
        var rows = await db.DataProtectionKeys.ToListAsync(ct);
        var parsed = rows.Select(r => (Row: r, Xml: XElement.Parse(r.Xml ?? "<key />"))).ToList();
        var needed = parsed.SelectMany(p => p.Xml.Descendants(KeyRingXmlEncryptor.EncryptedKey)).Select(e => (string?)e.Attribute("keyId") ?? "?").Distinct().ToList();

        var kek = store.TryLoad();
        if (kek is null)
        {
            if (needed.Count > 0)
            {
                throw new KeyEncryptionKeyMissingException(MissingMessage(needed[0], store));
            }

            kek = store.Create();
        }

        if (needed.FirstOrDefault(id => id != kek.Id) is { } other)
        {
            throw new KeyEncryptionKeyMissingException(MissingMessage(other, store) + $" The key here is '{kek.Id}'.");
        }

        var protectedCount = 0;
        foreach (var (row, xml) in parsed)
        {
            var plain = xml.Descendants().Where(e => (string?)e.Attribute(DataProtection + "requiresEncryption") == "true").ToList();
            foreach (var element in plain)
            {
                element.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                    new XAttribute("decryptorType", typeof(KeyRingXmlDecryptor).AssemblyQualifiedName!),
                    KeyRingXmlEncryptor.Seal(kek, element)));
            }

            if (plain.Count > 0)
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                protectedCount++;
            }
        }

        if (protectedCount > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return protectedCount;
    }
}
