using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Messaging;

/// <summary>
/// Fills in the price of final messages. Status callbacks carry no price and Twilio sets it a little after the final
/// status, so each final message is fetched once, a minute after it settled. Reads only: safe to repeat anywhere.
/// </summary>
public sealed partial class MessagePriceFetcher(
    IDbContextFactory<AppDbContext> dbFactory,
    ITwilioGateway gateway,
    TimeProvider clock,
    Operations.LoopHealth health,
    ILogger<MessagePriceFetcher> logger) : BackgroundService
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);
    private static readonly string[] Final = ["delivered", "undelivered", "failed", "read"];

    public const string LoopName = "message prices";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Operations.SupervisedLoop.RunAsync(LoopName, RunOnceAsync, ct => Task.Delay(Interval, clock, ct), health, logger, clock, stoppingToken);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settled = clock.GetUtcNow() - SettleTime;
        var due = await db.Messages.Where(m => m.Sid != null && m.PriceCheckedAt == null && Final.Contains(m.Status) && m.UpdatedAt < settled)
            .OrderBy(m => m.UpdatedAt).Take(20).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var twilio = await gateway.CurrentAsync(ct);
        foreach (var message in due)
        {
            try
            {
                var fetched = await twilio.Messaging.FetchMessageAsync(message.Sid!, ct);
                (message.Price, message.PriceUnit) = (fetched.Price, fetched.PriceUnit);
            }
            catch (TwilioApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                // sent in the other mode, or deleted at Twilio: nothing to price
            }
            catch (Exception e) when (e is TwilioApiException or HttpRequestException or TwilioNotConfiguredException)
            {
                LogFailed(logger, message.Sid!, e.Message);
                break; // try the rest next round
            }

            message.PriceCheckedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the price of {Sid}: {Error}")]
    private static partial void LogFailed(ILogger logger, string sid, string error);
}
