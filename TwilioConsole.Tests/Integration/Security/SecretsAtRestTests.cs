using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Security;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Security;

/// <summary>
/// The key ring in the database is sealed with a key-encryption key kept outside it: a copy of the database alone
/// reveals nothing and the app says which key is missing; with the key, everything reads back; an older install's
/// plain keys are sealed on first start without losing its secrets.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class SecretsAtRestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SaveAuthTokenAsync(ConsoleAppFactory app)
    {
        await app.UseTwilioModeAsync(Ct);
        return (await app.Services.GetRequiredService<SettingsService>().GetEffectiveAsync(Ct)).AuthToken!;
    }

    private static async Task<List<string>> KeyXmlAsync(ConsoleAppFactory app)
    {
        await using var db = await app.DbAsync(Ct);
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct);
    }

    /// <summary>A backup of the database file alone, as an operator (or a thief) would copy it.</summary>
    private static async Task CopyDatabaseAsync(ConsoleAppFactory app, string folder)
    {
        await using (var db = await app.DbAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", Ct);
        }

        File.Copy(Path.Combine(app.DataFolder, "console.db"), Path.Combine(folder, "console.db"));
    }

    [Fact]
    public async Task TheKeyRing_IsSealed_AndFilesAreTheOwnersAlone()
    {
        await using var app = new ConsoleAppFactory();
        var token = await SaveAuthTokenAsync(app);

        var keys = await KeyXmlAsync(app);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal); // the secret element is inside the sealed part
        });
        Assert.Equal(Sids.AuthToken(), token);
        var keyFile = Path.Combine(app.DataFolder, "keys", "key-encryption.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataFolder, "console.db")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataFolder));
        }
    }

    [Fact]
    public async Task ADatabaseCopiedWithoutItsKey_CannotRevealTheAuthToken_AndTheAppSaysWhichKeyIsMissing()
    {
        string copy;
        await using (var original = new ConsoleAppFactory())
        {
            await SaveAuthTokenAsync(original);
            copy = Directory.CreateTempSubdirectory("twilio-console-copy-").FullName;
            await CopyDatabaseAsync(original, copy);
        }

        await using var restored = new ConsoleAppFactory().With("TwilioConsole:Database:DataFolder", copy);
        var error = Record.Exception(() => restored.Services);

        Assert.NotNull(error);
        var message = error.ToString();
        Assert.Contains("protected by key-encryption key", message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(copy, "keys", "key-encryption.key"), message, StringComparison.Ordinal);
        Assert.Contains(KeyEncryptionKeyStore.EnvironmentVariable, message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(copy, "keys", "key-encryption.key"))); // a lost key is never silently replaced
        Directory.Delete(copy, recursive: true);
    }

    [Fact]
    public async Task ADatabaseRestoredWithItsKey_ReadsTheAuthTokenBack()
    {
        var copy = Directory.CreateTempSubdirectory("twilio-console-copy-").FullName;
        await using (var original = new ConsoleAppFactory())
        {
            await SaveAuthTokenAsync(original);
            await CopyDatabaseAsync(original, copy);
            Directory.CreateDirectory(Path.Combine(copy, "keys"));
            File.Copy(Path.Combine(original.DataFolder, "keys", "key-encryption.key"), Path.Combine(copy, "keys", "key-encryption.key"));
        }

        await using var restored = new ConsoleAppFactory().With("TwilioConsole:Database:DataFolder", copy);

        Assert.Equal(Sids.AuthToken(), (await restored.Services.GetRequiredService<SettingsService>().GetEffectiveAsync(Ct)).AuthToken);
        Directory.Delete(copy, recursive: true);
    }

    [Fact]
    public async Task AnOlderInstallsPlainKeys_AreSealedOnFirstStart_AndItsSecretsStillRead()
    {
        var folder = Directory.CreateTempSubdirectory("twilio-console-old-").FullName;
        string protectedValue;
        var services = new ServiceCollection();
        services.AddDbContext<AppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "console.db")};Pooling=False"));
        // Identity's store options shape the model, which EF caches once per process: the same options as the app, or
        // this model would be the one every later test in the process gets (and all of them would see pending changes).
        services.AddIdentityCore<AppUser>(TwilioConsole.Web.Identity.IdentityServiceExtensions.ConfigureIdentity);
        services.AddDataProtection().SetApplicationName("TwilioConsole").PersistKeysToDbContext<AppDbContext>(); // no encryptor: as before
        await using (var old = services.BuildServiceProvider())
        {
            await old.GetRequiredService<AppDbContext>().Database.MigrateAsync(Ct);
            protectedValue = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("TwilioConsole.Settings.v1").Protect("the old secret");
        }

        await using var app = new ConsoleAppFactory().With("TwilioConsole:Database:DataFolder", folder);
        var read = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TwilioConsole.Settings.v1").Unprotect(protectedValue);
        var keys = await KeyXmlAsync(app);

        Assert.Equal("the old secret", read);
        Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));
        Assert.DoesNotContain(keys, xml => xml.Contains("unencrypted", StringComparison.Ordinal));
    }
}
