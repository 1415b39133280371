namespace TwilioConsole.Web.Hosting;

/// <summary>
/// The paths machines call: Twilio's webhooks and the benchmarks' diagnostics. They pass the first-run redirect, get no
/// status pages, share the webhook rate limit, and short-circuit after routing — one rule, so the bare endpoint stays
/// the webhooks' baseline (bench/RESULTS.md).
/// </summary>
internal static class MachinePaths
{
    public static bool Contains(PathString path) =>
        path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/diagnostics", StringComparison.OrdinalIgnoreCase);
}
