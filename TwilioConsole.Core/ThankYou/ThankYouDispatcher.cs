using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.ThankYou;

/// <summary>
/// Sends the outbox's thank-you texts exactly once.
/// <list type="bullet">
/// <item>Claim: a row moves Pending → Sending in one conditional update (only one claimer wins), with the attempt's
/// start time, before anything is sent.</item>
/// <item>Send through <see cref="SmsSender"/> (logged in Messages, status callback to this host). Twilio's answer
/// settles the row: Sent; Pending again with exponential backoff for a transient refusal (429/5xx), up to
/// <see cref="MaxAttempts"/>; Failed for a permanent one (21211, 21610, 21614 …).</item>
/// <item>No answer (timeout, connection lost, process killed) leaves the row in Sending: the outcome is unknown, so it
/// is never simply resent. After <see cref="InFlightGrace"/> it is reconciled: Twilio's messages to that number
/// created after the attempt began are listed, and one with the same body that no other text holds marks the row
/// Sent; only if none exists is it tried again.</item>
/// </list>
/// </summary>
public sealed partial class ThankYouDispatcher(
    IDbContextFactory<AppDbContext> dbFactory,
    ThankYouOutbox outbox,
    SmsSender sender,
    ITwilioGateway gateway,
    TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    Operations.LoopHealth health,
    ILogger<ThankYouDispatcher> logger) : BackgroundService
{
    public const int MaxAttempts = 6;
    public const string Actor = "thank-you texts";
    public static readonly TimeSpan DefaultInFlightGrace = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    /// <summary>Configuration switch: false keeps this instance from dispatching (texts are still recorded).</summary>
    public const string EnabledKey = "TwilioConsole:ThankYou:Dispatch";

    /// <summary>How long a send with no answer waits before it is reconciled with Twilio (seconds; default 60).</summary>
    public const string InFlightGraceKey = "TwilioConsole:ThankYou:InFlightGraceSeconds";

    /// <summary>How many texts one instance sends at once (default 4, at most 32).</summary>
    public const string SendConcurrencyKey = "TwilioConsole:ThankYou:SendConcurrency";

    private int SendConcurrency => Math.Clamp(Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, SendConcurrencyKey, 4), 1, 32);

    private TimeSpan InFlightGrace => InFlightGraceFrom(configuration);

    /// <summary>How long a send with no recorded answer waits before it is checked against Twilio (1 s to 1 h; default 60 s).</summary>
    public static TimeSpan InFlightGraceFrom(Microsoft.Extensions.Configuration.IConfiguration configuration) => TimeSpan.FromSeconds(Math.Clamp(
        Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, InFlightGraceKey, (int)DefaultInFlightGrace.TotalSeconds), 1, 3600));

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    public const string LoopName = "thank-you dispatcher";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, EnabledKey, true)
            ? Task.CompletedTask
            : Operations.SupervisedLoop.RunAsync(LoopName, RunOnceAsync, ct => outbox.WaitForWorkAsync(Idle, ct), health, logger, clock, stoppingToken);

    /// <summary>One pass: reconcile stale in-flight rows, then send what is due. Returns how many rows it settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settled = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var stale = clock.GetUtcNow() - InFlightGrace;
            var inFlight = await db.ThankYouTexts.AsNoTracking()
                .Where(t => t.Status == ThankYouStatus.Sending && t.AttemptStartedAt < stale).OrderBy(t => t.AttemptStartedAt).Take(20).ToListAsync(ct);
            foreach (var row in inFlight)
            {
                settled += await ReconcileAsync(row, ct) ? 1 : 0;
            }
        }

        // A few senders at once (each claims its own row), so one slow answer from Twilio does not hold up the rest.
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, SendConcurrency).Select(async _ =>
        {
            while (await ClaimNextAsync(ct) is { } claimed)
            {
                await SendAsync(claimed, ct);
                Interlocked.Increment(ref sent);
            }
        }));

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var oldest = await db.ThankYouTexts.AsNoTracking().Where(t => t.Status == ThankYouStatus.Pending || t.Status == ThankYouStatus.Sending)
                .OrderBy(t => t.Id).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync(ct);
            Operations.ConsoleMetrics.OldestPending(oldest is { } created ? clock.GetUtcNow() - created : null);
        }

        return settled + sent;
    }

    private async Task<ThankYouText?> ClaimNextAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var candidates = await db.ThankYouTexts.AsNoTracking().Where(t => t.Status == ThankYouStatus.Pending && t.NextAttemptAt <= now)
            .OrderBy(t => t.NextAttemptAt).Select(t => t.Id).Take(5).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var won = await db.ThankYouTexts.Where(t => t.Id == id && t.Status == ThankYouStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, ThankYouStatus.Sending).SetProperty(t => t.AttemptStartedAt, now)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1).SetProperty(t => t.UpdatedAt, now), ct);
            if (won == 1)
            {
                return await db.ThankYouTexts.AsNoTracking().SingleAsync(t => t.Id == id, ct);
            }
        }

        return null;
    }

    private async Task SendAsync(ThankYouText row, CancellationToken ct)
    {
        SendSmsResult result;
        try
        {
            result = await sender.SendAsync(new SendSmsRequest(row.CustomerNumber, row.Body), MessageSource.ThankYou, Actor, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogUnknownOutcome(logger, row.TaskSid, e.GetType().Name);
            return; // stays Sending: reconciled after the grace period, never blindly resent
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.ThankYouTexts.SingleAsync(t => t.Id == row.Id, ct);
        current.UpdatedAt = now;
        if (result.Succeeded)
        {
            (current.Status, current.MessageSid, current.LastError, current.LastErrorCode) = (ThankYouStatus.Sent, result.Message?.Sid, null, null);
            Operations.ConsoleMetrics.TextsSent.Add(1);
        }
        else
        {
            current.LastErrorCode = result.ErrorCode;
            current.LastError = TextBounds.Cut(result.TwilioError ?? string.Join(" ", result.Errors.Values), 512);
            var retry = result.Transient && current.Attempts < MaxAttempts;
            current.Status = retry ? ThankYouStatus.Pending : ThankYouStatus.Failed;
            current.NextAttemptAt = retry ? now + Backoff(current.Attempts) : current.NextAttemptAt;
            if (!retry)
            {
                Operations.ConsoleMetrics.TextsFailed.Add(1);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Settles a row whose send had no answer: Sent if Twilio has the message, else back in line.</summary>
    private async Task<bool> ReconcileAsync(ThankYouText row, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var candidates = await SentMessageSearch.CandidatesAsync(twilio.Messaging, row.CustomerNumber!, row.Body, row.AttemptStartedAt!.Value, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sids = candidates.Select(c => c.Sid).ToList();
        var held = (await db.ThankYouTexts.Where(t => t.Id != row.Id && t.MessageSid != null && sids.Contains(t.MessageSid))
            .Select(t => t.MessageSid!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var found = candidates.FirstOrDefault(c => !held.Contains(c.Sid)); // one Twilio message never settles two texts
        var now = clock.GetUtcNow();
        var updated = found is not null
            ? await db.ThankYouTexts.Where(t => t.Id == row.Id && t.Status == ThankYouStatus.Sending && t.AttemptStartedAt == row.AttemptStartedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, ThankYouStatus.Sent).SetProperty(t => t.MessageSid, found.Sid).SetProperty(t => t.UpdatedAt, now), ct)
            : await db.ThankYouTexts.Where(t => t.Id == row.Id && t.Status == ThankYouStatus.Sending && t.AttemptStartedAt == row.AttemptStartedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, row.Attempts < MaxAttempts ? ThankYouStatus.Pending : ThankYouStatus.Failed)
                    .SetProperty(t => t.NextAttemptAt, now).SetProperty(t => t.LastError, "No answer from Twilio, and Twilio has no such message: sending again.")
                    .SetProperty(t => t.UpdatedAt, now), ct);
        LogReconciled(logger, row.TaskSid, found is not null);
        return updated == 1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thank-you text for {TaskSid}: no answer from Twilio ({Error}); will reconcile before any resend")]
    private static partial void LogUnknownOutcome(ILogger logger, string taskSid, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled thank-you text for {TaskSid}: found at Twilio = {Found}")]
    private static partial void LogReconciled(ILogger logger, string taskSid, bool found);
}
