namespace HumanSecurityAlerts.Operations;

/// <param name="Counts">Ledger rows per status (sending, delivered, retrying, failed, dropped).</param>
/// <param name="Channels">The same per channel ("email", "webhook"): status → rows, statuses with rows only.</param>
/// <param name="FirstDeliveredAt">The first and last delivery of the publication; null before any.</param>
/// <param name="TraceId">The trace of the release (W3C trace id) to look up in Application Insights or an OTLP backend; null when it was not traced.</param>
/// <param name="Failures">Rows not delivered (retrying, failed, dropped), at most the requested number.</param>
public sealed record DeliveryReport(
    string PublicationId,
    FanOutView? FanOut,
    int Total,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, Dictionary<string, int>> Channels,
    DateTimeOffset? FirstDeliveredAt,
    DateTimeOffset? LastDeliveredAt,
    string? TraceId,
    IReadOnlyList<DeliveryFailureView> Failures);
