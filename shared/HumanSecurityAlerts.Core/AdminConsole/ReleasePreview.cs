using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.AdminConsole;

/// <param name="Existing">The id of a stored publication with the same URL, if any.</param>
public sealed record ReleasePreview(PublicationClassification Classification, PlainFields Fields, string? Existing);
