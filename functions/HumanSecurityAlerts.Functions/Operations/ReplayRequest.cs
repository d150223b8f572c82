namespace HumanSecurityAlerts.Functions.Operations;

/// <summary>Body of <c>POST /api/manage/dead-letters/replay</c>: <c>all</c>, or sequence numbers and/or delivery ids.</summary>
internal sealed class ReplayRequest
{
    public bool All { get; set; }

    public IReadOnlyList<long>? SequenceNumbers { get; set; }

    public IReadOnlyList<string>? DeliveryIds { get; set; }
}
