using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Messaging;

/// <summary>Through the Messages API directly, or through the deployed send-sms Function.</summary>
public enum SendVia
{
    MessagesApi,
    Function,
}

/// <summary>What staff submit on the Send SMS page. <c>Sender</c> null means the default sender from Settings.</summary>
public sealed record SendSmsRequest(string? To, string? Body, string? Sender = null, SendVia Via = SendVia.MessagesApi);

public sealed record SendSmsResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, MessageRecord? Message, string? TwilioError)
{
    /// <summary>Twilio's error code when it refused the message.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Twilio said the request was not processed (429/5xx): the same message may be tried again later.</summary>
    public bool Transient { get; init; }

    /// <summary>Set when Twilio accepted the message but this app could not record that yet (a local database error): says so; reconciliation completes the row.</summary>
    public string? NotRecorded { get; init; }

    public static SendSmsResult Invalid(string field, string message) => new(false, new Dictionary<string, string> { [field] = message }, null, null);
}

/// <summary>
/// Sends one SMS through the Messages API with a status callback to this host, and keeps it in the message log.
/// The row is written before the request, so a crash mid-send leaves a trace; a failed send is never retried
/// automatically (a timed-out create may have gone through).
/// </summary>
public sealed partial class SmsSender(
    IDbContextFactory<AppDbContext> dbFactory,
    ITwilioGateway gateway,
    SettingsService settings,
    IPublicUrls urls,
    AuditLog audit,
    FunctionDeployer functions,
    FunctionSmsClient functionClient,
    TimeProvider clock,
    ILogger<SmsSender> logger)
{
    public async Task<SendSmsResult> SendAsync(SendSmsRequest request, MessageSource source, string actor, CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        var to = Phone.Normalize(request.To, current.DefaultRegion);
        if (!to.IsValid)
        {
            return SendSmsResult.Invalid("To", to.Error!);
        }

        if (string.IsNullOrWhiteSpace(request.Body))
        {
            return SendSmsResult.Invalid("Body", "Write a message.");
        }

        if (request.Body.Length > SegmentCounter.MaxBodyLength)
        {
            return SendSmsResult.Invalid("Body", $"Keep the message to {SegmentCounter.MaxBodyLength} characters (it has {request.Body.Length}).");
        }

        FunctionDeployment? deployment = null;
        string? functionKey = null;
        if (request.Via == SendVia.Function)
        {
            deployment = await functions.CurrentAsync(ct);
            functionKey = await functions.ApiKeyAsync(ct);
            if (deployment is null || functionKey is null)
            {
                return SendSmsResult.Invalid("Via", "The send-sms Function is not deployed yet: deploy it on the Functions page, or send through the Messages API.");
            }
        }

        // The Function always sends from the sender it was deployed with; a choice here would be ignored, so none is taken.
        var sender = request.Via == SendVia.Function ? DefaultSender(current)
            : request.Sender?.Trim() is { Length: > 0 } chosen ? chosen : DefaultSender(current);
        if (sender is null)
        {
            return SendSmsResult.Invalid("Sender", "Choose a sender, or set a default sender in Settings.");
        }

        if (SettingsValidator.DefaultSender(sender) is { } senderError)
        {
            return SendSmsResult.Invalid("Sender", senderError);
        }

        var twilio = await gateway.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var row = new MessageRecord
        {
            To = to.E164!, Sender = sender, Body = request.Body, Status = MessageStatuses.Pending, Source = source, SentBy = actor, Mode = twilio.Mode,
            Segments = SegmentCounter.Count(request.Body).Segments, CreatedAt = now, UpdatedAt = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Messages.Add(row);
        await db.SaveChangesAsync(ct);

        var isService = TwilioSid.IsValid(sender, "MG");
        var callback = new Uri(await urls.BaseAsync(ct), WebhookPaths.MessageStatus);
        string? twilioError = null;
        var transient = false;
        try
        {
            string? sid, status;
            var segments = 0;
            if (deployment is not null)
            {
                var viaFunction = await functionClient.SendAsync(deployment, functionKey!, row.To, row.Body, callback, ct);
                if (!viaFunction.Succeeded)
                {
                    throw new TwilioApiException((System.Net.HttpStatusCode)(viaFunction.HttpStatus == 0 ? 502 : viaFunction.HttpStatus), viaFunction.TwilioCode,
                        $"The Function answered {viaFunction.HttpStatus}: {viaFunction.Error}", null);
                }

                (sid, status) = (viaFunction.Sid, viaFunction.Status);
            }
            else
            {
                var sent = await twilio.Messaging.CreateMessageAsync(
                    new MessageCreate(row.To, row.Body, isService ? null : sender, isService ? sender : null, callback), ct);
                (sid, status, segments) = (sent.Sid, sent.Status, sent.NumSegments);
            }

            row.Sid = sid;
            if (status is not null && MessageStatuses.Advances(row.Status, status))
            {
                row.Status = status;
            }

            row.Segments = segments > 0 ? segments : row.Segments;
            var masked = Phone.Mask(row.To);
            LogSent(logger, row.Id, row.Sid ?? "", masked, row.Segments);
        }
        catch (TwilioApiException e)
        {
            row.Status = "failed";
            row.ErrorCode = e.Code;
            row.ErrorMessage = TextBounds.Cut(e.TwilioMessage, 500);
            twilioError = TwilioErrors.Explain(e.Code) is { } advice ? $"{e.TwilioMessage} — {advice}" : e.TwilioMessage;
            transient = e.IsTransient;
        }
        catch (TwilioNotConfiguredException e)
        {
            row.Status = "failed";
            row.ErrorMessage = e.Message;
            twilioError = e.Message;
        }

        row.UpdatedAt = clock.GetUtcNow();
        string? notRecorded = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
#pragma warning disable CA1031 // Twilio has the message: no local failure may turn that into an error page or a resend
        catch (Exception e) when (row.Sid is not null && e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogNotRecorded(logger, e, row.Sid);
            notRecorded = $"Twilio accepted the message as {row.Sid}, but this app could not record it yet ({e.GetType().Name}). It was sent; Messages shows it once it is reconciled.";
        }

        try
        {
            await audit.RecordAsync(actor, "sms.send", Phone.Mask(row.To),
                $"{source} via {(deployment is not null ? "the send-sms Function" : twilio.Mode == ConsoleMode.Sandbox ? "Sandbox" : "Twilio")}, {row.Segments} segment(s){(row.Sid is null ? "" : ", " + row.Sid)}",
                twilioError is null, twilioError, ct);
        }
#pragma warning disable CA1031 // the same rule for the audit line: the message went out
        catch (Exception e) when (notRecorded is not null && e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogNotRecorded(logger, e, row.Sid!);
        }
        return new SendSmsResult(twilioError is null, new Dictionary<string, string>(), row, twilioError) { ErrorCode = row.ErrorCode, Transient = transient, NotRecorded = notRecorded };
    }

    /// <summary>The configured default sender; in Sandbox mode the Sandbox's own number when none is set.</summary>
    public static string? DefaultSender(ConsoleSettings settings) =>
        settings.DefaultSender ?? (settings.Mode == ConsoleMode.Sandbox ? SandboxAccount.PhoneNumbers[0].Number : null);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio accepted {Sid} but recording it failed; the message reconciler completes the row")]
    private static partial void LogNotRecorded(ILogger logger, Exception error, string sid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent SMS {MessageId} as {Sid} to {To} in {Segments} segment(s)")]
    private static partial void LogSent(ILogger logger, long messageId, string sid, string to, int segments);
}
