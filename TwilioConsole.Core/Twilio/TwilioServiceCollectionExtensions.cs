using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>
    /// One typed HttpClient per Twilio product, each with Basic auth from the settings in force, a per-attempt timeout,
    /// and retries for reads only (429/5xx, honouring Retry-After). POST and DELETE are never retried automatically:
    /// a timed-out create may already have happened at Twilio.
    /// </summary>
    public static IServiceCollection AddTwilioClients(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<TwilioCredentialsHandler>();
        services.AddTwilioProduct<IAccountsApi, AccountsApi>(o => o.ApiBaseUrl);
        services.AddTwilioProduct<IMessagingApi, MessagingApi>(o => o.ApiBaseUrl);
        services.AddTwilioProduct<IStudioApi, StudioApi>(o => o.StudioBaseUrl);
        services.AddTwilioProduct<ITaskRouterApi, TaskRouterApi>(o => o.TaskRouterBaseUrl);
        services.AddTwilioProduct<IServerlessApi, ServerlessApi>(o => o.ServerlessBaseUrl);
        services.AddTwilioProduct<IFlexApi, FlexApi>(o => o.FlexBaseUrl);
        return services;
    }

    private static IHttpClientBuilder AddTwilioProduct<TApi, TImpl>(this IServiceCollection services, Func<TwilioOptions, Uri> baseUrl)
        where TApi : class
        where TImpl : class, TApi
    {
        var builder = services.AddHttpClient<TApi, TImpl>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
                http.BaseAddress = baseUrl(options);
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            })
            .AddHttpMessageHandler<TwilioCredentialsHandler>();
        builder.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions o, IServiceProvider sp) =>
        {
            var seconds = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.TimeoutSeconds;
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(seconds);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(seconds * 4);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, seconds * 2));
            o.Retry.DisableForUnsafeHttpMethods();
        });
        return builder;
    }
}
