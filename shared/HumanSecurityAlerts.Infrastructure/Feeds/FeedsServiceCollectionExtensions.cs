using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HumanSecurityAlerts.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>
    /// Feed ingestion (fetch with the outbound address guard, parse, classify and store new items), with
    /// <see cref="FeedsOptions"/> (section "Feeds") validated at start-up.
    /// </summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FeedsOptions>()
            .Bind(configuration.GetSection(FeedsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Timeout >= TimeSpan.FromSeconds(1) && o.Timeout <= TimeSpan.FromMinutes(5), $"Setting '{FeedsOptions.SectionName}__Timeout' must be between 1 second and 5 minutes.")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero && o.RetryDelay <= TimeSpan.FromMinutes(1), $"Setting '{FeedsOptions.SectionName}__RetryDelay' must be between 0 and 1 minute.")
            .Validate(
                o => o.Sources.All(s => s.Url is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)),
                $"Every '{FeedsOptions.SectionName}__Sources__N__Url' must be an absolute http or https URL.")
            .ValidateOnStart();

        services.TryAddSingleton<IFeedStateStore, TableFeedStateStore>();
        services.TryAddSingleton<IFeedFetcher, HttpFeedFetcher>();
        services.TryAddSingleton<IFeedParser, FeedParser>();
        services.TryAddSingleton<FeedIngestionService>();
        services.TryAddSingleton<IOutboundAddressPolicy, ConfiguredOutboundAddressPolicy>(); // Webhooks section, bound by AddSubscriptions
        AddFeedClient(services);

        return services;
    }

    private static void AddFeedClient(IServiceCollection services)
    {
        services.AddHttpClient(HttpFeedFetcher.ClientName, (sp, client) =>
            {
                var feeds = sp.GetRequiredService<IOptions<FeedsOptions>>().Value;
                client.Timeout = Timeout.InfiniteTimeSpan; // bounded per fetch by FeedsOptions.Timeout
                client.DefaultRequestHeaders.UserAgent.TryParseAdd(feeds.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,

                // The webhook guard: every connection, so every redirect hop, is opened only to addresses the policy
                // allows (no loopback, private, link-local or metadata addresses in Azure). No proxy: it would be the
                // only address checked.
                ConnectCallback = WebhookHttp.GuardedConnectCallback(sp.GetRequiredService<IOutboundAddressPolicy>()),
                UseProxy = false,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var feeds = sp.GetRequiredService<IOptions<FeedsOptions>>().Value;

                // A feed is polled every few minutes: a couple of spaced retries are enough, more would only hammer it.
                resilience.Retry.MaxRetryAttempts = Math.Max(1, feeds.RetryCount);

                // A refused destination stays refused: asking again would only repeat the refusal.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    feeds.RetryCount > 0 && !WebhookHttp.IsRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome));

                resilience.Retry.Delay = feeds.RetryDelay;
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = true;
                resilience.Retry.MaxDelay = TimeSpan.FromSeconds(30);

                resilience.AttemptTimeout.Timeout = feeds.Timeout;
                resilience.TotalRequestTimeout.Timeout = feeds.Timeout * 2;
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, feeds.Timeout.Ticks * 2));
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromMinutes(1);
            })
            .SelectPipelineByAuthority();
    }
}
