using System.Text.Json;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.Publications;

/// <summary>
/// The message on the publications topic, one per stored publication:
/// <list type="bullet">
/// <item><c>MessageId</c> = publication id (the topic's duplicate detection absorbs a re-send);
/// <c>Subject</c> = "publication"; <c>ContentType</c> = "application/json".</item>
/// <item>Application properties: one boolean per pillar, named by the pillar id (e.g. <c>protection-of-civilians</c>);
/// <c>language</c> ("en", "fr" or "other"); <c>pillars</c> (comma-separated ids, catalogue order, "" for none).
/// Subscriptions can filter on them, e.g. a correlation filter <c>protection-of-civilians = true</c>.
/// <c>Diagnostic-Id</c> and <c>traceparent</c>: the sending span (<see cref="ServiceBusTraceContext"/>).</item>
/// <item>Body: <see cref="PublicationMessageBody"/> as camelCase JSON.</item>
/// </list>
/// </summary>
public static class PublicationMessage
{
    public const string Subject = "publication";
    public const string ContentType = "application/json";
    public const string LanguageProperty = "language";
    public const string PillarsProperty = "pillars";

    /// <summary>The fan-out generation an admin's resend asks for; absent (generation 0) on the first announcement.</summary>
    public const string GenerationProperty = "fanOutGeneration";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ServiceBusMessage Create(Publication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var body = new PublicationMessageBody(
            publication.Id,
            publication.Title,
            publication.Url,
            publication.Pillars,
            publication.Language,
            publication.PublishedAt);
        var message = new ServiceBusMessage(BinaryData.FromObjectAsJson(body, Json))
        {
            MessageId = publication.Id,
            Subject = Subject,
            ContentType = ContentType,
        };

        foreach (var pillar in PillarCatalog.All)
        {
            message.ApplicationProperties[pillar.Id] = publication.Pillars.Contains(pillar.Id, StringComparer.Ordinal);
        }

        message.ApplicationProperties[LanguageProperty] = publication.Language;
        message.ApplicationProperties[PillarsProperty] = string.Join(',', publication.Pillars);
        ServiceBusTraceContext.Inject(message);
        return message;
    }

    /// <summary>Reads the body of a received publication message.</summary>
    public static PublicationMessageBody ReadBody(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.ToObjectFromJson<PublicationMessageBody>(Json)
            ?? throw new FormatException("The publication message body is empty.");
    }
}
