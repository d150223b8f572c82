namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// What a message handler decided, independent of how the message arrived (a drain's peek-lock receiver today, a
/// Service Bus trigger later): the caller settles the message accordingly.
/// </summary>
/// <param name="NextAttempt">For <see cref="MessageSettlement.Reschedule"/>: the attempt number the copy carries.</param>
public sealed record MessageDecision(MessageSettlement Settlement, DateTimeOffset? At = null, int NextAttempt = 0, string? Reason = null, string? Description = null)
{
    public static MessageDecision Complete { get; } = new(MessageSettlement.Complete);

    public static MessageDecision Abandon { get; } = new(MessageSettlement.Abandon);

    public static MessageDecision Reschedule(DateTimeOffset at, int nextAttempt) => new(MessageSettlement.Reschedule, at, nextAttempt);

    public static MessageDecision DeadLetter(string reason, string description) => new(MessageSettlement.DeadLetter, Reason: reason, Description: description);
}
