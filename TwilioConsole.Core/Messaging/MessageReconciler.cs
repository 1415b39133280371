using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Messaging;

/// <summary>
/// Completes message-log rows left without a SID: Twilio had no answer, or accepted the message while recording it
/// failed. After a grace period each such row is matched with Twilio's messages by number, body and a creation time
/// after the attempt began, never with a message another row already holds; no match means it was not sent.
/// </summary>
public sealed partial class MessageReconciler(
    IDbContextFactory<AppDbContext> dbFactory,
    ITwilioGateway gateway,
    TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    Operations.LoopHealth health,
    ILogger<MessageReconciler> logger) : BackgroundService
{
    public const string LoopName = "message reconciler";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Operations.SupervisedLoop.RunAsync(LoopName, RunOnceAsync, ct => Task.Delay(TimeSpan.FromSeconds(15), clock, ct), health, logger, clock, stoppingToken);

    /// <returns>How many rows it settled.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = clock.GetUtcNow() - ThankYou.ThankYouDispatcher.InFlightGraceFrom(configuration); // the same wait as thank-you texts
        var rows = await db.Messages.Where(m => m.Sid == null && m.Status == MessageStatuses.Pending && m.CreatedAt < stale)
            .OrderBy(m => m.CreatedAt).Take(20).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }

        var twilio = await gateway.CurrentAsync(ct);
        var taken = new HashSet<string>(StringComparer.Ordinal); // given to a row in this pass
        foreach (var row in rows)
        {
            var candidates = await SentMessageSearch.CandidatesAsync(twilio.Messaging, row.To, row.Body, row.CreatedAt, ct);
            var sids = candidates.Select(c => c.Sid).ToList();
            var held = (await db.Messages.Where(m => m.Sid != null && sids.Contains(m.Sid)).Select(m => m.Sid!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var match = candidates.FirstOrDefault(c => !held.Contains(c.Sid) && !taken.Contains(c.Sid));
            if (match is not null)
            {
                taken.Add(match.Sid);
                (row.Sid, row.Status, row.ErrorMessage) = (match.Sid, MessageStatuses.Advances(row.Status, match.Status) ? match.Status : row.Status, null);
            }
            else
            {
                row.Status = "failed";
                row.ErrorMessage = candidates.Count > 0
                    ? $"Twilio sent it as {candidates[0].Sid}, which another row of this log already holds: this row is a duplicate record of that message."
                    : "No answer was recorded, and Twilio has no such message: it was not sent.";
            }

            row.UpdatedAt = clock.GetUtcNow();
            LogReconciled(logger, row.Id, match?.Sid);
        }

        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled message {MessageId}: Twilio's message {Sid}")]
    private static partial void LogReconciled(ILogger logger, long messageId, string? sid);
}
