using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace TwilioConsole.Web.Hosting;

/// <summary>
/// Per-client limits where abuse is cheap: Twilio webhooks (generous: Twilio itself calls from many addresses) and
/// sign-in posts (strict, on top of Identity's lockout). Everything else is unlimited. Over the limit: 429 with Retry-After.
/// The client is the address the trusted proxy reported (<see cref="ReverseProxyExtensions"/>), so clients never share a bucket.
/// The windows are <see cref="ClientRateLimiter"/>'s, on the app's clock.
/// </summary>
public static class RateLimitExtensions
{
    public const string WebhookLimitKey = "TwilioConsole:RateLimits:WebhookRequestsPerSecond";
    public const string SignInLimitKey = "TwilioConsole:RateLimits:SignInAttemptsPerMinute";

    public static IHostApplicationBuilder AddConsoleRateLimits(this IHostApplicationBuilder builder)
    {
        var webhooks = Math.Max(1, builder.Configuration.GetValue(WebhookLimitKey, 500));
        var signIns = Math.Max(1, builder.Configuration.GetValue(SignInLimitKey, 10));
        builder.Services.AddOptions<RateLimiterOptions>().Configure<TimeProvider>((options, clock) =>
            options.GlobalLimiter = new ClientRateLimiter(webhooks, signIns, clock));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // A body of its own keeps the status-code pages from turning the 429 into a page (or a sign-in redirect).
                await context.HttpContext.Response.WriteAsync($"Too many requests from your address. Try again in {seconds} seconds.", ct);
            };
        });
        return builder;
    }
}
