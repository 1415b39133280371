using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioConsole.Core.Security;

/// <summary>
/// Encrypts each Data Protection key's secret with the key-encryption key (AES-256-GCM) before it is stored in the
/// database, so a copy of the database alone reveals neither saved secrets nor the cookie-signing keys.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyEncryptionKeyStore store) : IXmlEncryptor
{
    public static readonly XNamespace Namespace = "urn:twilio-console:key-encryption";
    public static readonly XName EncryptedKey = Namespace + "encryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(Seal(store.Require(), plaintextElement), typeof(KeyRingXmlDecryptor));

    internal static XElement Seal(KeyEncryptionKey kek, XElement plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(kek.Key, tag.Length))
        {
            aes.Encrypt(nonce, data, cipher, tag, Encoding.ASCII.GetBytes(kek.Id));
        }

        CryptographicOperations.ZeroMemory(data);
        return new XElement(EncryptedKey,
            new XAttribute("keyId", kek.Id),
            new XComment(" Encrypted with TwilioConsole's key-encryption key (AES-256-GCM); see README 'Running in production'. "),
            new XElement(Namespace + "value", Convert.ToBase64String([.. nonce, .. tag, .. cipher])));
    }
}

/// <summary>Reverses <see cref="KeyRingXmlEncryptor"/>; says which key-encryption key is needed when it is not here.</summary>
public sealed class KeyRingXmlDecryptor : IXmlDecryptor
{
    private readonly KeyEncryptionKeyStore _store;

    public KeyRingXmlDecryptor(IServiceProvider services) => _store = services.GetRequiredService<KeyEncryptionKeyStore>();

    public XElement Decrypt(XElement encryptedElement)
    {
        var needed = (string?)encryptedElement.Attribute("keyId") ?? "?";
        var kek = _store.TryLoad();
        if (kek is null || kek.Id != needed)
        {
            throw new KeyEncryptionKeyMissingException(KeyRingProtection.MissingMessage(needed, _store));
        }

        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element(KeyRingXmlEncryptor.Namespace + "value") ?? "");
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[sealedBytes.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(kek.Key, tagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize), plain, Encoding.ASCII.GetBytes(kek.Id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
