using Microsoft.EntityFrameworkCore;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Audit;

/// <summary>Writes and reads the audit log: who did what, when, and whether it worked. Callers keep secrets out.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private const int MaxText = 2048;

    /// <summary>An entry to add to a context that saves it together with the change it records.</summary>
    public static AuditEntry Entry(DateTimeOffset at, string actor, string action, string? target, string? details, bool succeeded, string? error = null) =>
        new()
        {
            At = at,
            Actor = Truncate(actor, 256)!,
            Action = action,
            Target = Truncate(target, 256),
            Details = Truncate(details, MaxText),
            Succeeded = succeeded,
            Error = Truncate(error, MaxText),
        };

    public async Task RecordAsync(string actor, string action, string? target, string? details, bool succeeded, string? error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(Entry(clock.GetUtcNow(), actor, action, target, details, succeeded, error));
        await db.SaveChangesAsync(ct);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            rows = rows.Where(a => a.Actor.Contains(term) || a.Action.Contains(term) ||
                                   (a.Target != null && a.Target.Contains(term)) || (a.Details != null && a.Details.Contains(term)));
        }

        if (!string.IsNullOrWhiteSpace(query.ActionPrefix))
        {
            rows = rows.Where(a => a.Action.StartsWith(query.ActionPrefix));
        }

        if (query.Succeeded is { } succeeded)
        {
            rows = rows.Where(a => a.Succeeded == succeeded);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(a => a.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(a => a.At < to);
        }

        var total = await rows.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var items = await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(items, total);
    }

    /// <summary>The distinct action areas (<c>settings</c>, <c>users</c>, …) for the filter menu.</summary>
    public async Task<IReadOnlyList<string>> ActionAreasAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = await db.AuditLog.AsNoTracking().Select(a => a.Action).Distinct().ToListAsync(ct);
        return [.. actions.Select(a => a.Split('.')[0]).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}

public sealed record AuditQuery(string? Search = null, string? ActionPrefix = null, bool? Succeeded = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 0, int PageSize = 25);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);
