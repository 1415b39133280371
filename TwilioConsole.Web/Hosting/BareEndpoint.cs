namespace TwilioConsole.Web.Hosting;

/// <summary>
/// For the webhook load benchmark only (bench/RESULTS.md): with <c>TwilioConsole:Diagnostics:BareEndpoint</c> set to
/// true, <c>POST /diagnostics/bare</c> answers 200 and does nothing else, the baseline the signed, de-duplicating
/// webhook is measured against. Off by default; it goes through the same middleware as every request.
/// </summary>
public static class BareEndpoint
{
    public const string EnabledKey = "TwilioConsole:Diagnostics:BareEndpoint";

    public static WebApplication MapBareEndpointWhenAsked(this WebApplication app)
    {
        if (app.Configuration.GetValue(EnabledKey, false))
        {
            app.MapPost("/diagnostics/bare", () => Results.Ok()).AllowAnonymous().DisableAntiforgery();
        }

        return app;
    }
}
