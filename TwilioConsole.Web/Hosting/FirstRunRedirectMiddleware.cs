using TwilioConsole.Core.Users;

namespace TwilioConsole.Web.Hosting;

/// <summary>Until the first Admin exists, every page leads to <c>/setup</c>; assets, health and webhooks pass.</summary>
internal sealed class FirstRunRedirectMiddleware(RequestDelegate next, FirstRunSetup setup)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsExempt(context.Request.Path) || await setup.IsCompleteAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.Response.Redirect(SetupPath);
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/Error", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/not-found", StringComparison.OrdinalIgnoreCase) ||
        MachinePaths.Contains(path) ||
        path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase) ||
        Path.HasExtension(path.Value);
}
