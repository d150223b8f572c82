using System.Diagnostics;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Text;
using HumanSecurityAlerts.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Publications;

/// <summary>Admin releases: validate, classify, store once, publish, and let the fan-out know.</summary>
public partial class PublicationReleaseService(
    PublicationFactory factory,
    PublicationPublisher publisher,
    IReleaseNotifier notifier,
    IOptions<PublicationsOptions> options,
    TimeProvider time,
    ServiceTelemetry telemetry,
    ILogger<PublicationReleaseService> logger)
{
    public const string AdminSource = "admin";

    public async Task<ReleaseOutcome> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The root of a release's trace (under the Functions invocation's span on Azure): the outbox, the topic, the
        // fan-out and every delivery attempt continue it.
        using var activity = ServiceTelemetry.Source.StartActivity("release publication", ActivityKind.Server);
        var errors = ReleaseValidator.Validate(Plain(request), options.Value, time.GetUtcNow(), out var release);
        if (release is null)
        {
            activity?.SetTag(ServiceTelemetry.OutcomeTag, "invalid");
            return new ReleaseOutcome(errors, null, Created: false);
        }

        var result = await publisher.StoreAndPublishAsync(factory.Create(release, AdminSource), cancellationToken).ConfigureAwait(false);
        activity?.SetTag(ServiceTelemetry.PublicationIdTag, result.Publication.Id);
        activity?.SetTag(ServiceTelemetry.PillarsTag, string.Join(',', result.Publication.Pillars));
        activity?.SetTag(ServiceTelemetry.OutcomeTag, result.Created ? "created" : "existing");
        if (result.Created)
        {
            telemetry.Releases.Add(1);
        }

        if (result.Created && result.Publication.PublishedToTopic)
        {
            try
            {
                await notifier.PublicationReleasedAsync(result.Publication, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                LogNotifierFailed(e, result.Publication.Id);
            }
        }

        return new ReleaseOutcome(errors, result.Publication, result.Created);
    }

    public (FieldErrors Errors, PublicationClassification? Classification) Preview(ReleaseRequest request)
    {
        var (errors, classification, _) = PreviewWithFields(request);
        return (errors, classification);
    }

    /// <summary>As <see cref="Preview"/>, with the plain text of each field the classifier read: evidence positions point into it.</summary>
    public (FieldErrors Errors, PublicationClassification? Classification, PlainFields? Fields) PreviewWithFields(ReleaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ReleaseValidator.ValidatePreview(request);
        if (!errors.IsEmpty)
        {
            return (errors, null, null);
        }

        var plain = Plain(request);
        var text = ReleaseValidator.Bound(plain.Text, options.Value.MaxTextChars).Text;
        return (errors, factory.Classify(plain.Title, plain.Summary, text, plain.Language), new PlainFields(plain.Title ?? "", plain.Summary ?? "", text));
    }

    /// <summary>Release bodies may be HTML; what is stored and classified is text.</summary>
    private static ReleaseRequest Plain(ReleaseRequest request) => new()
    {
        Id = request.Id,
        Title = request.Title is null ? null : HtmlToText.Convert(request.Title),
        Url = request.Url,
        Summary = request.Summary is null ? null : HtmlToText.Convert(request.Summary),
        Text = request.Text is null ? null : HtmlToText.Convert(request.Text),
        Language = request.Language,
        PublishedAt = request.PublishedAt,
        Pillars = request.Pillars,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The release notifier failed for publication {PublicationId}; the fan-out timer will pick it up")]
    private partial void LogNotifierFailed(Exception exception, string publicationId);
}
