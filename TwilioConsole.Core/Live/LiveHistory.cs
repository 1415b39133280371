using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Live;

/// <summary>Thank-you texts of one day: sent (Twilio took them), delivered (the phone confirmed), failed.</summary>
public sealed record TextDay(DateOnly Day, int Sent, int Delivered, int Failed);

/// <summary>The charts' figures: per queue per day, texts per day, and today's calls per queue per hour.</summary>
public sealed record LiveHistory(DateOnly From, DateOnly To, string TimeZone, int ServiceLevelSeconds, IReadOnlyList<QueueDay> Queues, IReadOnlyList<TextDay> Texts);

/// <summary>
/// Days of figures from the stored board events and thank-you texts, by the account's time zone (the same
/// <see cref="BoardModel"/> rules as the live board), with the CSV the Live page exports.
/// </summary>
public sealed class LiveHistoryQuery(IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, IOptions<LiveOptions> options, TimeProvider clock)
{
    public async Task<LiveHistory> DaysAsync(int days, CancellationToken ct)
    {
        days = Math.Clamp(days, 1, options.Value.RetentionDays);
        var current = await settings.GetEffectiveAsync(ct);
        var zone = current.Zone;
        var now = clock.GetUtcNow();
        var to = BoardModel.LocalDay(now, zone);
        var from = to.AddDays(1 - days);
        var since = BoardModel.StartOfDay(now, zone).AddDays(-days); // a day early: calls created before the first midnight

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = new BoardModel();
        await foreach (var e in db.BoardEvents.AsNoTracking().Where(e => e.Mode == current.Mode && e.OccurredAt >= since).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            model.Apply(e);
        }

        var texts = await db.ThankYouTexts.AsNoTracking()
            .Where(t => t.CreatedAt >= since && (t.Mode == null || t.Mode == current.Mode) && (t.Status == ThankYouStatus.Sent || t.Status == ThankYouStatus.Failed))
            .Select(t => new { t.CreatedAt, t.Status, Delivered = db.Messages.Any(m => m.Sid == t.MessageSid && (m.Status == "delivered" || m.Status == "read")) })
            .ToListAsync(ct);
        var byDay = texts.GroupBy(t => BoardModel.LocalDay(t.CreatedAt, zone)).ToDictionary(g => g.Key);
        var textDays = new List<TextDay>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var list = byDay.TryGetValue(day, out var g) ? g.ToList() : [];
            textDays.Add(new TextDay(day, list.Count(t => t.Status == ThankYouStatus.Sent), list.Count(t => t.Delivered), list.Count(t => t.Status == ThankYouStatus.Failed)));
        }

        return new LiveHistory(from, to, zone.Id, options.Value.ServiceLevelSeconds, model.Days(from, to, zone, options.Value.ServiceLevelSeconds), textDays);
    }

    /// <summary>One row per day and queue, then one per day of texts; numbers invariant, times in seconds.</summary>
    public static string Csv(LiveHistory history)
    {
        var csv = new StringBuilder("day,queue,calls,answered,abandoned,service_level,average_wait_seconds,average_handle_seconds\n");
        foreach (var q in history.Queues)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{q.Day:yyyy-MM-dd},{CsvText.Field(q.Queue)},{q.Calls},{q.Answered},{q.Abandoned},{q.ServiceLevel?.ToString("0.000", CultureInfo.InvariantCulture)},{q.AverageWait?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)},{q.AverageHandle?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}\n");
        }

        csv.Append("\nday,texts_sent,texts_delivered,texts_failed\n");
        foreach (var t in history.Texts)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{t.Day:yyyy-MM-dd},{t.Sent},{t.Delivered},{t.Failed}\n");
        }

        return csv.ToString();
    }
}
