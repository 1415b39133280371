using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Messaging;

public sealed record MessageQuery(string? Search = null, string? Status = null, MessageSource? Source = null, int Page = 0, int PageSize = 25);

public sealed record MessagePage(IReadOnlyList<MessageRecord> Items, int Total);

/// <summary>A status callback as Twilio posts it (form fields MessageSid, MessageStatus, ErrorCode, …).</summary>
public sealed record MessageStatusUpdate(string MessageSid, string MessageStatus, int? ErrorCode);

/// <summary>The log of every SMS the product sent, and the status callbacks that move each one forward.</summary>
public sealed partial class MessageLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<MessageLog> logger)
{
    /// <summary>Takes a status callback once: a repeat changes nothing, and an older status never replaces a newer one.</summary>
    /// <returns>True when the message was moved forward.</returns>
    public async Task<bool> ApplyStatusAsync(MessageStatusUpdate update, CancellationToken ct)
    {
        if (!MessageStatuses.IsKnown(update.MessageStatus))
        {
            LogUnknownStatus(logger, update.MessageSid, update.MessageStatus);
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.MessageStatusEvents.AnyAsync(e => e.MessageSid == update.MessageSid && e.Status == update.MessageStatus, ct))
        {
            return false; // a retried callback; the unique index also guards two arriving at once
        }

        db.MessageStatusEvents.Add(new MessageStatusEvent
        {
            MessageSid = update.MessageSid, Status = update.MessageStatus, ErrorCode = update.ErrorCode, ReceivedAt = clock.GetUtcNow(),
        });
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Sid == update.MessageSid, ct);
        var advances = message is not null && MessageStatuses.Advances(message.Status, update.MessageStatus);
        if (advances)
        {
            message!.Status = update.MessageStatus;
            message.ErrorCode = update.ErrorCode ?? message.ErrorCode;
            message.ErrorMessage = update.ErrorCode is { } code ? TwilioErrors.Explain(code) ?? $"Twilio error {code}" : message.ErrorMessage;
            message.UpdatedAt = clock.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return false; // this (message, status) was already received: a retried callback
        }

        return advances;
    }

    /// <summary>Records the price once Twilio knows it (read back when a message reaches a final status).</summary>
    public async Task SetPriceAsync(string sid, decimal? price, string? unit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Messages.Where(m => m.Sid == sid).ExecuteUpdateAsync(s => s.SetProperty(m => m.Price, price).SetProperty(m => m.PriceUnit, unit), ct);
    }

    public async Task<MessagePage> QueryAsync(MessageQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Messages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            rows = rows.Where(m => m.To.Contains(term) || m.Body.Contains(term) || (m.Sid != null && m.Sid.Contains(term)) || m.SentBy.Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            rows = rows.Where(m => m.Status == query.Status);
        }

        if (query.Source is { } source)
        {
            rows = rows.Where(m => m.Source == source);
        }

        var total = await rows.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await rows.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(ct);
        return new MessagePage(items, total);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored status callback for {MessageSid}: unknown status {Status}")]
    private static partial void LogUnknownStatus(ILogger logger, string messageSid, string status);
}
