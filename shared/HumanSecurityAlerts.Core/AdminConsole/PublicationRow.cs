using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.AdminConsole;

/// <param name="ByChannel">Channel name ("email", "webhook") → counts; channels without deliveries are absent.</param>
public sealed record PublicationRow(PublicationSummary Publication, IReadOnlyDictionary<string, DeliveryCounts> ByChannel);
