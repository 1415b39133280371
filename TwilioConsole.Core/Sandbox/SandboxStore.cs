using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// The Sandbox's storage: Twilio-shaped records as JSON rows, with Twilio-shaped SIDs and Twilio-shaped errors
/// (a missing resource is a 404 with code 20404), so the stand-in fails the way Twilio does.
/// </summary>
public sealed class SandboxStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    public static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task<T> AddAsync<T>(string kind, string? parentSid, string sid, T record, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        db.SandboxResources.Add(new SandboxResource
        {
            Sid = sid, Kind = kind, ParentSid = parentSid, Json = JsonSerializer.Serialize(record, TwilioJson.Options), CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Adds the record unless one with this SID exists (seed data made by several requests at once).</summary>
    public async Task EnsureAsync<T>(string kind, string? parentSid, string sid, T record, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.SandboxResources.AnyAsync(r => r.Sid == sid, ct))
        {
            return;
        }

        try
        {
            await AddAsync(kind, parentSid, sid, record, ct);
        }
        catch (DbUpdateException)
        {
            // made by a concurrent request
        }
    }

    public async Task<T?> FindAsync<T>(string kind, string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SandboxResources.AsNoTracking().SingleOrDefaultAsync(r => r.Sid == sid && r.Kind == kind, ct);
        return row is null ? default : JsonSerializer.Deserialize<T>(row.Json, TwilioJson.Options);
    }

    public async Task<T> GetAsync<T>(string kind, string sid, CancellationToken ct) =>
        await FindAsync<T>(kind, sid, ct) ?? throw NotFound(sid);

    public async Task<IReadOnlyList<T>> ListAsync<T>(string kind, string? parentSid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SandboxResources.AsNoTracking()
            .Where(r => r.Kind == kind && r.ParentSid == parentSid)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Sid)
            .Select(r => r.Json).ToListAsync(ct);
        return [.. rows.Select(json => JsonSerializer.Deserialize<T>(json, TwilioJson.Options)!)];
    }

    /// <summary>A list as the product interfaces return it (lazily, like Twilio's pages), after an optional check such as "the parent exists".</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string kind, string? parentSid, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct,
        Func<CancellationToken, Task>? before = null)
    {
        if (before is not null)
        {
            await before(ct);
        }

        foreach (var item in await ListAsync<T>(kind, parentSid, ct))
        {
            yield return item;
        }
    }

    public async Task<T> UpdateAsync<T>(string kind, string sid, Func<T, T> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SandboxResources.SingleOrDefaultAsync(r => r.Sid == sid && r.Kind == kind, ct) ?? throw NotFound(sid);
        var updated = change(JsonSerializer.Deserialize<T>(row.Json, TwilioJson.Options)!);
        row.Json = JsonSerializer.Serialize(updated, TwilioJson.Options);
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return updated;
    }

    public async Task DeleteAsync(string kind, string sid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.SandboxResources.Where(r => r.Sid == sid && r.Kind == kind).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw NotFound(sid);
        }
    }

    public static TwilioApiException NotFound(string sid) =>
        new(HttpStatusCode.NotFound, 20404, $"The requested resource {sid} was not found", new Uri("https://www.twilio.com/docs/errors/20404"));

    public static TwilioApiException BadRequest(int code, string message) =>
        new(HttpStatusCode.BadRequest, code, message, new Uri($"https://www.twilio.com/docs/errors/{code}"));
}
