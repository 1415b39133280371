using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Operations;

namespace TwilioConsole.Web.Hosting;

/// <summary>
/// What operators watch: <c>/health</c> (JSON; Degraded, naming the loop, while a background loop has failed for longer
/// than a threshold) and <c>/metrics</c> (Prometheus text from OpenTelemetry; an Admin's sign-in or the configured
/// bearer token). And the rule that no background fault stops the host.
/// </summary>
public static class OperationsExtensions
{
    public const string LoopFailureSecondsKey = "TwilioConsole:Health:LoopFailureSeconds";
    public const string MetricsTokenKey = "TwilioConsole:Metrics:BearerToken";
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        // Belt and braces: every loop is supervised (SupervisedLoop); should anything still escape one, the host stays up.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database")
            .AddCheck<LoopsHealthCheck>("background loops");
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ConsoleMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            if (MayReadMetrics(context, app.Configuration[MetricsTokenKey]))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsync($"Sign in as an Admin, or send the token set in {MetricsTokenKey} as a Bearer token.");
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous(); // the gate above decides
        return app;
    }

    private static bool MayReadMetrics(HttpContext context, string? token)
    {
        if (context.User.IsInRole(AppRoles.Admin))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        return !string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.Ordinal) &&
               CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    /// <summary>Degraded while any background loop has been failing for longer than the threshold; names them.</summary>
    private sealed class LoopsHealthCheck(LoopHealth loops, IConfiguration configuration) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var threshold = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(LoopFailureSecondsKey, 60)));
            var failing = loops.FailingLongerThan(threshold);
            return Task.FromResult(failing.Count == 0
                ? HealthCheckResult.Healthy("Every background loop is running.")
                : HealthCheckResult.Degraded(string.Join("; ", failing.Select(f =>
                    $"'{f.Name}' failing since {f.Since:u} ({f.Failures} round(s)): {f.LastError}"))));
        }
    }
}
