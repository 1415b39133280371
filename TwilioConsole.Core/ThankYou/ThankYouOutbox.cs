using Microsoft.EntityFrameworkCore;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.ThankYou;

public sealed record ThankYouQuery(string? Search = null, ThankYouStatus? Status = null, int Page = 0, int PageSize = 25);

public sealed record ThankYouPage(IReadOnlyList<ThankYouText> Items, int Total);

public sealed record ThankYouTotals(int Sent, int Pending, int Failed, int Skipped);

/// <summary>
/// The thank-you texts: one row per TaskSid (a unique index), stored by <see cref="Operations.TaskRouterIntake"/> with
/// one insert, so a repeated or late event never makes a second text. The dispatcher sends from here; the log reads it.
/// </summary>
public sealed class ThankYouOutbox(
    IDbContextFactory<AppDbContext> dbFactory,
    SettingsService settings,
    TimeProvider clock)
{
    private readonly System.Threading.Channels.Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    /// <summary>Completes when a new text is waiting (or after <paramref name="timeout"/>); the dispatcher waits on it.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signalled = _wake.Reader.WaitToReadAsync(linked.Token).AsTask();
        await Task.WhenAny(signalled, Task.Delay(timeout, clock, linked.Token));
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>The row an event makes (stored by <see cref="Operations.TaskRouterIntake"/>), or null when the planner says to store nothing.</summary>
    internal static ThankYouText? Row(TaskEvent e, ThankYouDecision decision, ConsoleMode mode, DateTimeOffset now)
    {
        if (decision is ThankYouDecision.Ignore)
        {
            return null;
        }

        var row = new ThankYouText
        {
            TaskSid = e.TaskSid!, EventType = e.EventType, QueueName = TextBounds.Cut(e.TaskQueueName, 128), AgentName = TextBounds.Cut(e.WorkerName, 128),
            Body = "", CreatedAt = now, UpdatedAt = now, NextAttemptAt = now, Mode = mode,
        };
        switch (decision)
        {
            case ThankYouDecision.Send send:
                (row.CustomerNumber, row.CustomerName, row.Body, row.Status) = (send.To, TextBounds.Cut(send.CustomerName, 128), send.Body, ThankYouStatus.Pending);
                break;
            case ThankYouDecision.Skip skip:
                (row.CustomerNumber, row.CustomerName, row.Status, row.SkipReason) =
                    (TextBounds.Cut(skip.CustomerNumber, 64), TextBounds.Cut(skip.CustomerName, 128), ThankYouStatus.Skipped, TextBounds.Cut(skip.Reason, 256));
                break;
        }

        return row;
    }

    public async Task<ThankYouPage> QueryAsync(ThankYouQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ThankYouTexts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            rows = rows.Where(t => t.TaskSid.Contains(term) || (t.CustomerNumber != null && t.CustomerNumber.Contains(term)) ||
                                   (t.CustomerName != null && t.CustomerName.Contains(term)) || (t.AgentName != null && t.AgentName.Contains(term)) ||
                                   (t.QueueName != null && t.QueueName.Contains(term)));
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(t => t.Status == status);
        }

        var total = await rows.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var items = await rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(ct);
        return new ThankYouPage(items, total);
    }

    /// <summary>Counts by status. In Twilio mode, texts the Sandbox made are left out: the totals are the real account's.</summary>
    public async Task<ThankYouTotals> TotalsAsync(CancellationToken ct)
    {
        var twilio = (await settings.GetEffectiveAsync(ct)).Mode == ConsoleMode.Twilio;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.ThankYouTexts.Where(t => !twilio || t.Mode == null || t.Mode != ConsoleMode.Sandbox).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(params ThankYouStatus[] statuses) => counts.Where(c => statuses.Contains(c.Key)).Sum(c => c.Count);
        return new ThankYouTotals(Of(ThankYouStatus.Sent), Of(ThankYouStatus.Pending, ThankYouStatus.Sending), Of(ThankYouStatus.Failed), Of(ThankYouStatus.Skipped));
    }

    /// <summary>Puts a failed text back in line (staff pressed Retry). Only failed texts; audited by the caller.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.ThankYouTexts.Where(t => t.Id == id && t.Status == ThankYouStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, ThankYouStatus.Pending).SetProperty(t => t.NextAttemptAt, clock.GetUtcNow())
                .SetProperty(t => t.Attempts, 0).SetProperty(t => t.UpdatedAt, clock.GetUtcNow()), ct);
        if (changed == 1)
        {
            Wake();
        }

        return changed == 1;
    }
}
