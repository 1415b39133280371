using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Settings;

/// <summary>
/// Reads the effective settings (configuration, then saved values, then defaults) and saves the Settings page.
/// Secrets are stored protected with ASP.NET Data Protection and never returned in full to the page.
/// </summary>
public sealed partial class SettingsService(
    IDbContextFactory<AppDbContext> dbFactory,
    IConfiguration configuration,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    ILogger<SettingsService> logger)
{
    private const string ProtectorPurpose = "TwilioConsole.Settings.v1";
    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    /// <summary>
    /// How long a read of the settings table is reused. Webhooks read settings on every request; this keeps them off
    /// the database. Saves through this service clear it at once; a save on another instance shows within this time.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private RowCache? _cache;

    /// <summary>Raised after a successful save, so open pages (the mode badge) can refresh.</summary>
    public event Action? Changed;

    public async Task<SettingsSnapshot> GetAsync(CancellationToken ct)
    {
        var cache = await CacheAsync(ct);
        return cache.Snapshot ??= Combine(cache.Rows); // combined (and secrets unprotected) once per read
    }

    /// <summary>Every saved row, read at most once per <see cref="CacheFor"/> (real time, not the app's clock). Never modify it.</summary>
    private async Task<IReadOnlyDictionary<string, SettingEntry>> RowsAsync(CancellationToken ct) => (await CacheAsync(ct)).Rows;

    private async Task<RowCache> CacheAsync(CancellationToken ct)
    {
        if (_cache is { } cache && Environment.TickCount64 < cache.ExpiresAt)
        {
            return cache;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, ct);
        return _cache = new RowCache(Environment.TickCount64 + (long)CacheFor.TotalMilliseconds, rows);
    }

    private void Invalidate() => _cache = null;

    private sealed class RowCache(long expiresAt, IReadOnlyDictionary<string, SettingEntry> rows)
    {
        public long ExpiresAt { get; } = expiresAt;

        public IReadOnlyDictionary<string, SettingEntry> Rows { get; } = rows;

        public SettingsSnapshot? Snapshot { get; set; }

        public string? SandboxSigningKey { get; set; }
    }

    public async Task<ConsoleSettings> GetEffectiveAsync(CancellationToken ct) => (await GetAsync(ct)).Settings;

    /// <summary>Validates and saves the form in one transaction with its audit entry; nothing is saved when invalid.</summary>
    public async Task<SettingsSaveResult> SaveAsync(SettingsForm form, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.Settings.ToDictionaryAsync(s => s.Key, ct);
        var current = Combine(saved);

        ApplyConfiguredValues(form, current);
        var errors = SettingsValidator.Validate(form, current)
            .Where(e => current[e.Key].Source != SettingSource.Configuration)
            .ToDictionary();
        if (errors.Count > 0)
        {
            return SettingsSaveResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var changes = new List<string>();
        void Set(string key, string? value, bool clear = false)
        {
            var definition = SettingKeys.Get(key);
            if (current[key].Source == SettingSource.Configuration)
            {
                return;
            }

            value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (definition.IsSecret && value is null && !clear)
            {
                return; // blank secret field: keep what is saved
            }

            saved.TryGetValue(key, out var row);
            var old = row is null ? null : (definition.IsSecret ? "(secret)" : row.Value);
            if (!definition.IsSecret && string.Equals(old, value, StringComparison.Ordinal))
            {
                return;
            }

            if (row is null && value == definition.Default)
            {
                return; // the default already applies; saving it would only hide a later change of default
            }

            if (value is null)
            {
                if (row is null)
                {
                    return;
                }

                db.Settings.Remove(row);
                changes.Add(definition.IsSecret ? $"{definition.Label} removed" : $"{definition.Label}: '{old}' → (default)");
                return;
            }

            if (row is null)
            {
                row = new SettingEntry { Key = key };
                db.Settings.Add(row);
            }

            row.Value = definition.IsSecret ? _protector.Protect(value) : value;
            row.IsProtected = definition.IsSecret;
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
            changes.Add(definition.IsSecret ? $"{definition.Label} changed" : $"{definition.Label}: '{old ?? "(default)"}' → '{value}'");
        }

        Set(SettingKeys.Mode, form.Mode.ToString());
        Set(SettingKeys.AccountSid, form.AccountSid);
        Set(SettingKeys.AuthToken, form.AuthToken, clear: form.ClearAuthToken);
        Set(SettingKeys.ApiKeySid, form.ClearApiKey ? null : form.ApiKeySid);
        Set(SettingKeys.ApiKeySecret, form.ApiKeySecret, clear: form.ClearApiKey);
        Set(SettingKeys.PublicBaseUrl, NormalizeBaseUrl(form.PublicBaseUrl));
        Set(SettingKeys.DefaultSender, form.DefaultSender);
        Set(SettingKeys.WorkspaceSid, form.WorkspaceSid);
        Set(SettingKeys.DefaultRegion, form.DefaultRegion?.Trim().ToUpperInvariant());
        Set(SettingKeys.TimeZone, form.TimeZone?.Trim());

        if (changes.Count == 0)
        {
            return SettingsSaveResult.NoChanges;
        }

        db.AuditLog.Add(AuditLog.Entry(now, actor, "settings.save", "Settings", string.Join("; ", changes), succeeded: true));
        await db.SaveChangesAsync(ct);
        Invalidate();
        LogSaved(logger, changes.Count, actor);
        Changed?.Invoke();
        return SettingsSaveResult.Saved(changes);
    }

    internal const string SandboxSigningKey = "Sandbox:SigningKey";

    /// <summary>State that features keep beside the settings (deployment SIDs, a Function's URL). Not shown on the page.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetStateAsync(string prefix, CancellationToken ct) =>
        (await RowsAsync(ct)).Values.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal) && r.Value is not null)
            .ToDictionary(r => r.Key, r => r.IsProtected ? _protector.Unprotect(r.Value!) : r.Value!);

    /// <summary>A feature's document (the IVR, the routing spec) saved as JSON under one key; null when never saved.</summary>
    public async Task<T?> GetDocumentAsync<T>(string key, CancellationToken ct)
        where T : class
    {
        var state = await GetStateAsync(key, ct);
        return state.TryGetValue(key, out var json) ? System.Text.Json.JsonSerializer.Deserialize<T>(json, DocumentJson) : null;
    }

    public Task SaveDocumentAsync<T>(string key, T document, string actor, CancellationToken ct) =>
        SetStateAsync(new Dictionary<string, string> { [key] = System.Text.Json.JsonSerializer.Serialize(document, DocumentJson) }, new HashSet<string>(), actor, ct);

    private static readonly System.Text.Json.JsonSerializerOptions DocumentJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Saves feature state in one transaction; protected values are encrypted like secrets.</summary>
    public async Task SetStateAsync(IReadOnlyDictionary<string, string> values, ISet<string> protectedKeys, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = values.Keys.ToList();
        var rows = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        foreach (var (key, value) in values)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new SettingEntry { Key = key };
                db.Settings.Add(row);
            }

            row.IsProtected = protectedKeys.Contains(key);
            row.Value = row.IsProtected ? _protector.Protect(value) : value;
            row.UpdatedAt = clock.GetUtcNow();
            row.UpdatedBy = actor;
        }

        await db.SaveChangesAsync(ct);
        Invalidate();
    }

    /// <summary>
    /// The key that signs and checks webhooks in force: the Auth Token in Twilio mode (API Key secrets never sign
    /// webhooks); in Sandbox mode a random key made on first use and stored protected, shared by every instance.
    /// Null when Twilio mode has no Auth Token.
    /// </summary>
    public async Task<string?> GetWebhookSigningKeyAsync(CancellationToken ct) => await GetWebhookSigningKeyAsync(await GetEffectiveAsync(ct), ct);

    /// <inheritdoc cref="GetWebhookSigningKeyAsync(CancellationToken)"/>
    public async Task<string?> GetWebhookSigningKeyAsync(ConsoleSettings current, CancellationToken ct)
    {
        if (current.Mode == ConsoleMode.Twilio)
        {
            return string.IsNullOrEmpty(current.AuthToken) ? null : current.AuthToken;
        }

        var cache = await CacheAsync(ct);
        if (cache.Rows.GetValueOrDefault(SandboxSigningKey)?.Value is { } cached)
        {
            return cache.SandboxSigningKey ??= _protector.Unprotect(cached); // unprotected once per read of the rows, not per webhook
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == SandboxSigningKey, ct);
        if (row?.Value is { } stored)
        {
            return _protector.Unprotect(stored);
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        db.Settings.Add(new SettingEntry { Key = SandboxSigningKey, Value = _protector.Protect(key), IsProtected = true, UpdatedAt = clock.GetUtcNow(), UpdatedBy = "sandbox" });
        try
        {
            await db.SaveChangesAsync(ct);
            Invalidate();
            return key;
        }
        catch (DbUpdateException)
        {
            // Another request or instance made it first: use theirs.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return _protector.Unprotect((await again.Settings.AsNoTracking().SingleAsync(s => s.Key == SandboxSigningKey, ct)).Value!);
        }
    }

    private static string? NormalizeBaseUrl(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('/') + "/";

    private static void ApplyConfiguredValues(SettingsForm form, SettingsSnapshot current)
    {
        string? Configured(string key) =>
            current[key].Source == SettingSource.Configuration && !SettingKeys.Get(key).IsSecret ? current[key].Value : null;

        form.AccountSid = Configured(SettingKeys.AccountSid) ?? form.AccountSid;
        form.ApiKeySid = Configured(SettingKeys.ApiKeySid) ?? form.ApiKeySid;
        form.PublicBaseUrl = Configured(SettingKeys.PublicBaseUrl) ?? form.PublicBaseUrl;
        form.DefaultSender = Configured(SettingKeys.DefaultSender) ?? form.DefaultSender;
        form.WorkspaceSid = Configured(SettingKeys.WorkspaceSid) ?? form.WorkspaceSid;
        form.DefaultRegion = Configured(SettingKeys.DefaultRegion) ?? form.DefaultRegion;
        form.TimeZone = Configured(SettingKeys.TimeZone) ?? form.TimeZone;
        if (Configured(SettingKeys.Mode) is { } mode && Enum.TryParse<ConsoleMode>(mode, ignoreCase: true, out var m))
        {
            form.Mode = m;
        }
    }

    private SettingsSnapshot Combine(IReadOnlyDictionary<string, SettingEntry> saved)
    {
        var views = new Dictionary<string, SettingView>();
        var values = new Dictionary<string, string?>();
        foreach (var definition in SettingKeys.All)
        {
            var configured = configuration[definition.ConfigurationKey];
            string? value;
            SettingSource source;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                (value, source) = (configured.Trim(), SettingSource.Configuration);
            }
            else if (saved.TryGetValue(definition.Key, out var row) && row.Value is not null)
            {
                (value, source) = (row.IsProtected ? Unprotect(definition, row.Value) : row.Value, SettingSource.Saved);
            }
            else
            {
                (value, source) = (definition.Default, SettingSource.Default);
            }

            values[definition.Key] = value;
            views[definition.Key] = definition.IsSecret
                ? new SettingView(definition, null, source, string.IsNullOrEmpty(value) ? null : Hint(value))
                : new SettingView(definition, value, source, null);
        }

        var settings = new ConsoleSettings
        {
            Mode = Enum.TryParse<ConsoleMode>(values[SettingKeys.Mode], ignoreCase: true, out var mode) ? mode : ConsoleMode.Sandbox,
            AccountSid = values[SettingKeys.AccountSid],
            AuthToken = values[SettingKeys.AuthToken],
            ApiKeySid = values[SettingKeys.ApiKeySid],
            ApiKeySecret = values[SettingKeys.ApiKeySecret],
            PublicBaseUrl = Uri.TryCreate(values[SettingKeys.PublicBaseUrl], UriKind.Absolute, out var url) ? url : null,
            DefaultSender = values[SettingKeys.DefaultSender],
            WorkspaceSid = values[SettingKeys.WorkspaceSid],
            DefaultRegion = values[SettingKeys.DefaultRegion] ?? "US",
            TimeZone = values[SettingKeys.TimeZone] ?? "UTC",
        };
        return new SettingsSnapshot(settings, views);
    }

    private string? Unprotect(SettingDefinition definition, string protectedValue)
    {
        try
        {
            return _protector.Unprotect(protectedValue);
        }
        catch (CryptographicException)
        {
            // The key ring that protected it is gone (a restored database without its keys): treat it as unset.
            LogUnreadableSecret(logger, definition.Label);
            return null;
        }
    }

    /// <summary>Enough of a secret to recognise it, never enough to use it.</summary>
    internal static string Hint(string secret) => secret.Length <= 8 ? "set" : $"set, ends in …{secret[^4..]}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings saved: {ChangeCount} change(s) by {Actor}")]
    private static partial void LogSaved(ILogger logger, int changeCount, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved {Setting} cannot be decrypted (Data Protection keys changed); enter it again on the Settings page")]
    private static partial void LogUnreadableSecret(ILogger logger, string setting);
}

public sealed record SettingsSaveResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Changes)
{
    public static readonly SettingsSaveResult NoChanges = new(true, new Dictionary<string, string>(), []);

    public static SettingsSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors, []);

    public static SettingsSaveResult Saved(IReadOnlyList<string> changes) => new(true, new Dictionary<string, string>(), changes);
}
