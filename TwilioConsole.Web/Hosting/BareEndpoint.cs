using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TwilioConsole.Web.Hosting;

/// <summary>
/// For the benchmarks only (bench/RESULTS.md), with <c>TwilioConsole:Diagnostics:BareEndpoint</c> set to true:
/// <c>POST /diagnostics/bare</c> answers 200 and does nothing else: the baseline the signed webhook is measured against,
/// so it takes the webhooks' own path — the middleware before routing (forwarded headers, errors, the rate limiter),
/// then short-circuited after routing as they are, with no status pages — and only their handler is missing; and <c>GET /diagnostics/heap</c> forces a full, compacting
/// garbage collection and answers the managed heap and the number of live Blazor circuits (memory per circuit). Off by
/// default.
/// </summary>
public static class BareEndpoint
{
    public const string EnabledKey = "TwilioConsole:Diagnostics:BareEndpoint";

    public static IHostApplicationBuilder AddDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveCircuits>();
        builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<LiveCircuits>());
        return builder;
    }

    public static WebApplication MapBareEndpointWhenAsked(this WebApplication app)
    {
        if (app.Configuration.GetValue(EnabledKey, false))
        {
            app.MapPost("/diagnostics/bare", () => Results.Ok()).AllowAnonymous().DisableAntiforgery().ShortCircuit();
            app.MapGet("/diagnostics/heap", (LiveCircuits circuits) =>
            {
                System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                return Results.Json(new { managedBytes = GC.GetTotalMemory(forceFullCollection: false), circuits = circuits.Count });
            }).AllowAnonymous();
        }

        return app;
    }

    /// <summary>Counts open circuits (connected or not yet released), for the heap diagnostics.</summary>
    public sealed class LiveCircuits : CircuitHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _count);
            return Task.CompletedTask;
        }
    }
}
