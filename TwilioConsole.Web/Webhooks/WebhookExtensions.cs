namespace TwilioConsole.Web.Webhooks;

public static class WebhookExtensions
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Controllers for Twilio's webhooks under <c>/webhooks</c>, each behind <see cref="TwilioSignatureFilter"/>.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddControllers();
        builder.Services.AddScoped<TwilioSignatureFilter>();
        builder.Services.AddSingleton<TwilioConsole.Core.Messaging.IPublicUrls, Hosting.PublicUrls>();
        return builder;
    }
}
