using System.Globalization;
using System.Text.RegularExpressions;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Live;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Operations;
using TwilioConsole.Core.ThankYou;

namespace TwilioConsole.Web.Webhooks;

/// <summary>
/// Twilio's webhooks as lean endpoints: they short-circuit after routing (no first-run redirect, cookie sign-in,
/// antiforgery, Blazor or MVC binding: a signed machine-to-machine POST needs none), pass <see cref="WebhookGate"/>,
/// check the few fields they read, and answer at once.
/// </summary>
public static partial class WebhookEndpoints
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebhookGate>();
        builder.Services.AddSingleton<IPublicUrls, Hosting.PublicUrls>();
        return builder;
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        // Every method is routed here so the gate can answer 405 (with Allow: POST) rather than a sign-in redirect.
        app.Map("/" + WebhookPaths.TaskRouterEvents, TaskRouterEventAsync).AllowAnonymous().DisableAntiforgery().ShortCircuit();
        app.Map("/" + WebhookPaths.MessageStatus, MessageStatusAsync).AllowAnonymous().DisableAntiforgery().ShortCircuit();
        return app;
    }

    /// <summary>
    /// TaskRouter's workspace events: at most one thank-you text per task, and the live board's events (each stored
    /// once), both in one group commit; 204 once durable, the dispatcher sends later.
    /// </summary>
    private static async Task<IResult> TaskRouterEventAsync(HttpContext context, WebhookGate gate, TaskRouterIntake intake, TimeProvider clock)
    {
        var (form, refusal) = await gate.OpenAsync(context, "taskrouter", checkWorkspace: true);
        if (form is null)
        {
            return refusal!;
        }

        var problem = Required(form, "EventType", 64) ?? Bounded(form, "TaskSid", 34) ?? Bounded(form, "TaskChannelUniqueName", 64) ??
                      Bounded(form, "TaskAttributes", 16_384) ?? Bounded(form, "TaskQueueName", 256) ?? Bounded(form, "WorkerName", 256) ??
                      Bounded(form, "WorkerSid", 34) ?? Bounded(form, "TaskAge", 16) ?? Bounded(form, "Sid", 34) ?? Bounded(form, "TaskQueueSid", 34) ??
                      Bounded(form, "WorkerActivityName", 64) ?? Bounded(form, "Timestamp", 16) ?? Bounded(form, "TimestampMs", 16);
        if (problem is not null)
        {
            return problem;
        }

        var type = form["EventType"]!;
        await intake.AcceptAsync(new TaskEvent(type, form["TaskSid"], form["TaskChannelUniqueName"], form["TaskAttributes"],
                form["TaskQueueName"], form["WorkerName"], form["WorkerSid"],
                int.TryParse(form["TaskAge"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var age) ? age : null),
            BoardEventTypes.IsKept(type) ? ToBoardEvent(form, clock.GetUtcNow()) : null, context.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>
    /// The board's record of an event: when TaskRouter says it happened (TimestampMs, else Timestamp, else now) and its
    /// event SID as the key that makes a repeat a no-op (an event without one is keyed by type, resource and time).
    /// </summary>
    private static BoardEvent ToBoardEvent(WebhookForm form, DateTimeOffset now)
    {
        var at = long.TryParse(form["TimestampMs"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : long.TryParse(form["Timestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s)
            : now;
        var type = form["EventType"]!;
        return new BoardEvent
        {
            EventKey = form["Sid"] is { Length: > 0 } sid ? sid : $"{type}:{form["TaskSid"] ?? form["WorkerSid"]}:{at.ToUnixTimeMilliseconds()}",
            EventType = type, OccurredAt = at, TaskSid = form["TaskSid"], QueueSid = form["TaskQueueSid"], QueueName = form["TaskQueueName"],
            WorkerSid = form["WorkerSid"], WorkerName = form["WorkerName"], Channel = form["TaskChannelUniqueName"], Activity = form["WorkerActivityName"],
        };
    }

    /// <summary>Message status callbacks: recorded once, and only ever forward.</summary>
    private static async Task<IResult> MessageStatusAsync(HttpContext context, WebhookGate gate, MessageLog log)
    {
        var (form, refusal) = await gate.OpenAsync(context, "messaging", checkWorkspace: false);
        if (form is null)
        {
            return refusal!;
        }

        if (form["MessageSid"] is not { } sid || !MessageSid().IsMatch(sid))
        {
            return Invalid("MessageSid", "must be a message SID (SM or MM and 32 hex digits)");
        }

        var problem = Required(form, "MessageStatus", 16);
        if (problem is not null)
        {
            return problem;
        }

        int? errorCode = null;
        if (form["ErrorCode"] is { Length: > 0 } code)
        {
            if (!int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return Invalid("ErrorCode", "must be a whole number");
            }

            errorCode = parsed;
        }

        await log.ApplyStatusAsync(new MessageStatusUpdate(sid, form["MessageStatus"]!, errorCode), context.RequestAborted);
        return Results.Ok();
    }

    private static IResult? Required(WebhookForm form, string field, int max) =>
        string.IsNullOrEmpty(form[field]) ? Invalid(field, "is required") : Bounded(form, field, max);

    private static IResult? Bounded(WebhookForm form, string field, int max) =>
        form[field] is { } value && value.Length > max ? Invalid(field, $"must be at most {max} characters") : null;

    private static IResult Invalid(string field, string rule) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} {rule}."] }, title: "Invalid webhook fields");

    [GeneratedRegex("^(SM|MM)[0-9a-fA-F]{32}$")]
    private static partial Regex MessageSid();
}
