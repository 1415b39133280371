using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor;
using MudBlazor.Services;
using TwilioConsole.Core.Data;
using TwilioConsole.Web.Components;

namespace TwilioConsole.Web.Hosting;

public static class UiExtensions
{
    public static IHostApplicationBuilder AddConsoleUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddOptions<HiddenTabOptions>().BindConfiguration(HiddenTabOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        return builder;
    }

    public static WebApplication UseConsolePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: the client's address and scheme as the trusted proxy saw them
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !MachinePaths.Contains(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRateLimiter();
        app.UseRouting(); // here, after the limiter: webhooks short-circuit at this point and skip everything below
        app.UseMiddleware<FirstRunRedirectMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapConsoleUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
