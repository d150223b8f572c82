using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// Wraps the app's own registrations of the services fan-out and delivery depend on with timing decorators (the app
/// code is unchanged; the decorators only count calls and time).
/// </summary>
internal static class Profiled
{
    public static void AddProfiling(this IServiceCollection services, CallProfile profile)
    {
        Decorate<ISubscriberDirectory>(services, inner => new Directory(inner, profile));
        Decorate<IDeliveryDispatcher>(services, inner => new Dispatcher(inner, profile));
        Decorate<IDeliveryLedger>(services, inner => new Ledger(inner, profile));
        Decorate<IWebhookHealthStore>(services, inner => new Health(inner, profile));
        Decorate<IWebhookClient>(services, inner => new Webhooks(inner, profile));
        Decorate<IEmailSender>(services, inner => new Email(inner, profile));
        Decorate<IFanOutProgressStore>(services, inner => new Progress(inner, profile));
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException(typeof(T).Name + " is not registered.");
        Func<IServiceProvider, T> inner = existing switch
        {
            { ImplementationInstance: T instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (T)factory(sp),
            { ImplementationType: { } type } => sp => (T)ActivatorUtilities.GetServiceOrCreateInstance(sp, type),
            _ => throw new InvalidOperationException("Cannot decorate " + typeof(T).Name),
        };
        services.Remove(existing);
        services.Add(new ServiceDescriptor(typeof(T), sp => wrap(inner(sp)), existing.Lifetime));
    }

    private sealed class Directory(ISubscriberDirectory inner, CallProfile p) : ISubscriberDirectory
    {
        public Task<SubscriberPage> ListActiveAsync(PillarId pillar, SubscriptionFrequency frequency, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            p.TimeAsync("subscriber index page read", () => inner.ListActiveAsync(pillar, frequency, continuationToken, pageSize, cancellationToken));

        public IAsyncEnumerable<ActiveSubscriber> ListAllActiveAsync(PillarId pillar, SubscriptionFrequency frequency, CancellationToken cancellationToken) =>
            inner.ListAllActiveAsync(pillar, frequency, cancellationToken);

        public Task<DeliveryTarget?> GetActiveAsync(string subscriberId, CancellationToken cancellationToken) =>
            p.TimeAsync("subscriber point read", () => inner.GetActiveAsync(subscriberId, cancellationToken));
    }

    private sealed class Dispatcher(IDeliveryDispatcher inner, CallProfile p) : IDeliveryDispatcher
    {
        public Task SendAsync(IReadOnlyList<DeliveryRequest> requests, CancellationToken cancellationToken) =>
            p.TimeAsync("delivery messages send (one page)", () => inner.SendAsync(requests, cancellationToken));
    }

    private sealed class Ledger(IDeliveryLedger inner, CallProfile p) : IDeliveryLedger
    {
        public Task<DeliveryRecord?> GetAsync(string publicationId, string subscriberId, CancellationToken cancellationToken) =>
            p.TimeAsync("ledger read", () => inner.GetAsync(publicationId, subscriberId, cancellationToken));

        public Task<DeliveryRecord?> TryWriteAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
            p.TimeAsync("ledger write", () => inner.TryWriteAsync(record, cancellationToken));

        public IAsyncEnumerable<DeliveryRecord> ListAsync(string publicationId, CancellationToken cancellationToken) =>
            inner.ListAsync(publicationId, cancellationToken);
    }

    private sealed class Health(IWebhookHealthStore inner, CallProfile p) : IWebhookHealthStore
    {
        public Task<DateTimeOffset> RecordFailureAsync(string subscriberId, DateTimeOffset at, string lastError, CancellationToken cancellationToken) =>
            p.TimeAsync("webhook health failure write", () => inner.RecordFailureAsync(subscriberId, at, lastError, cancellationToken));

        public Task RecordSuccessAsync(string subscriberId, CancellationToken cancellationToken) =>
            p.TimeAsync("webhook health success", () => inner.RecordSuccessAsync(subscriberId, cancellationToken));
    }

    private sealed class Webhooks(IWebhookClient inner, CallProfile p) : IWebhookClient
    {
        public Task<WebhookCallResult> PostAsync(WebhookCall request, CancellationToken cancellationToken) =>
            p.TimeAsync("webhook POST", () => inner.PostAsync(request, cancellationToken));
    }

    private sealed class Email(IEmailSender inner, CallProfile p) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
            p.TimeAsync("SMTP send (incl. wait for the connection)", () => inner.SendAsync(message, cancellationToken));
    }

    private sealed class Progress(IFanOutProgressStore inner, CallProfile p) : IFanOutProgressStore
    {
        public Task<FanOutProgress?> GetAsync(string publicationId, int generation, CancellationToken cancellationToken) =>
            p.TimeAsync("fan-out progress read", () => inner.GetAsync(publicationId, generation, cancellationToken));

        public Task<FanOutProgress?> GetLatestAsync(string publicationId, CancellationToken cancellationToken) =>
            inner.GetLatestAsync(publicationId, cancellationToken);

        public Task SaveAsync(FanOutProgress progress, CancellationToken cancellationToken) =>
            p.TimeAsync("fan-out progress write", () => inner.SaveAsync(progress, cancellationToken));
    }
}
