using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.AdminConsole;

/// <summary>What the new-release form holds, as typed (re-shown after a preview or an error).</summary>
public sealed record ReleaseForm(string Title, string Url, string Language, string PublishedAt, string Summary, string Text);

/// <param name="Existing">The id of a stored publication with the same URL, if any.</param>
public sealed record ReleasePreview(PublicationClassification Classification, PlainFields Fields, string? Existing);

/// <summary>The new-release page: the form, and a preview or errors when there are.</summary>
public sealed record ReleasePage(ReleaseForm Form, ReleasePreview? Preview, FieldErrors? Errors);

public sealed record DeliveryCounts(int Delivered, int Pending, int Failed);

/// <param name="ByChannel">Channel name ("email", "webhook") → counts; channels without deliveries are absent.</param>
public sealed record PublicationRow(PublicationSummary Publication, IReadOnlyDictionary<string, DeliveryCounts> ByChannel);

public sealed record ConsoleFailure(string SubscriberId, string Channel, string Status, int Attempts, string? Reason);

public sealed record ConsoleDeadLetter(string DeliveryId, string? SubscriberId, string? Channel, string? Reason, string? Description, DateTimeOffset EnqueuedAt);

public sealed record PublicationDetail(
    Publication Publication,
    IReadOnlyDictionary<string, DeliveryCounts> ByChannel,
    IReadOnlyList<ConsoleFailure> Failures,
    IReadOnlyList<ConsoleDeadLetter> DeadLetters);

public sealed record FeedRow(string Name, Uri Url, DateTimeOffset? LastFetchedAt, string? LastError, int? NewItems);

/// <summary>What every signed-in page needs: its language and the anti-forgery token for its forms.</summary>
public sealed record ConsoleChrome(string Language, string AntiForgeryToken);
