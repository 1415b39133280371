using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Settings;

[Trait("Lane", "Integration")]
public sealed class SettingsStoreTests
{
    private static SettingsForm ValidTwilioForm() => new()
    {
        Mode = ConsoleMode.Twilio,
        AccountSid = Sids.Account(),
        AuthToken = Sids.AuthToken(),
        PublicBaseUrl = "https://console.example.com",
        DefaultSender = "+15005550006",
        WorkspaceSid = Sids.Workspace(),
        DefaultRegion = "gb",
    };

    [Fact]
    public async Task Save_StoresSecretEncrypted_AndReadsItBack()
    {
        await using var app = new ConsoleAppFactory();
        var settings = app.Services.GetRequiredService<SettingsService>();
        var ct = TestContext.Current.CancellationToken;

        var result = await settings.SaveAsync(ValidTwilioForm(), "admin@example.com", ct);

        Assert.True(result.Succeeded);
        await using var db = await app.DbAsync(ct);
        var raw = await db.Settings.SingleAsync(s => s.Key == SettingKeys.AuthToken, ct);
        Assert.True(raw.IsProtected);
        Assert.DoesNotContain(Sids.AuthToken(), raw.Value!, StringComparison.Ordinal);
        var read = await settings.GetAsync(ct);
        Assert.Equal(Sids.AuthToken(), read.Settings.AuthToken);
        Assert.Equal(ConsoleMode.Twilio, read.Settings.Mode);
        Assert.Equal(new Uri("https://console.example.com/"), read.Settings.PublicBaseUrl);
        Assert.Equal("GB", read.Settings.DefaultRegion);
        Assert.Null(read[SettingKeys.AuthToken].Value);
        Assert.EndsWith(Sids.AuthToken()[^4..], read[SettingKeys.AuthToken].SecretHint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_AuditsChangesWithoutSecrets()
    {
        await using var app = new ConsoleAppFactory();
        var settings = app.Services.GetRequiredService<SettingsService>();
        var ct = TestContext.Current.CancellationToken;

        await settings.SaveAsync(ValidTwilioForm(), "admin@example.com", ct);

        await using var db = await app.DbAsync(ct);
        var entry = await db.AuditLog.SingleAsync(a => a.Action == "settings.save", ct);
        Assert.Equal("admin@example.com", entry.Actor);
        Assert.Contains("Auth Token changed", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(Sids.AuthToken(), entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_BlankSecret_KeepsSavedOne()
    {
        await using var app = new ConsoleAppFactory();
        var settings = app.Services.GetRequiredService<SettingsService>();
        var ct = TestContext.Current.CancellationToken;
        await settings.SaveAsync(ValidTwilioForm(), "admin", ct);
        var form = SettingsForm.From(await settings.GetAsync(ct));
        form.WorkspaceSid = Sids.Workspace(2);

        var result = await settings.SaveAsync(form, "admin", ct);

        Assert.True(result.Succeeded);
        Assert.Equal(Sids.AuthToken(), (await settings.GetEffectiveAsync(ct)).AuthToken);
    }

    [Fact]
    public async Task Save_InvalidField_SavesNothing()
    {
        await using var app = new ConsoleAppFactory();
        var settings = app.Services.GetRequiredService<SettingsService>();
        var ct = TestContext.Current.CancellationToken;
        var form = ValidTwilioForm();
        form.PublicBaseUrl = "not a url";

        var result = await settings.SaveAsync(form, "admin", ct);

        Assert.False(result.Succeeded);
        Assert.Contains(SettingKeys.PublicBaseUrl, result.Errors.Keys);
        await using var db = await app.DbAsync(ct);
        Assert.Empty(await db.Settings.ToListAsync(ct));
        Assert.Empty(await db.AuditLog.ToListAsync(ct));
    }

    [Fact]
    public async Task ConfiguredValue_WinsAndIsReportedAsConfiguration()
    {
        await using var app = new ConsoleAppFactory().With("TwilioConsole:Twilio:AccountSid", Sids.Account(7));
        var settings = app.Services.GetRequiredService<SettingsService>();
        var ct = TestContext.Current.CancellationToken;
        var form = ValidTwilioForm();

        await settings.SaveAsync(form, "admin", ct);
        var read = await settings.GetAsync(ct);

        Assert.Equal(Sids.Account(7), read.Settings.AccountSid);
        Assert.Equal(SettingSource.Configuration, read[SettingKeys.AccountSid].Source);
        Assert.Equal(SettingSource.Saved, read[SettingKeys.WorkspaceSid].Source);
        Assert.Equal(SettingSource.Default, read[SettingKeys.ApiKeySid].Source);
    }

    [Fact]
    public async Task InvalidConfiguredValue_StopsStart()
    {
        await using var app = new ConsoleAppFactory().With("TwilioConsole:Twilio:AccountSid", "AC-typo");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("TwilioConsole__Twilio__AccountSid", error.ToString(), StringComparison.Ordinal);
    }
}
