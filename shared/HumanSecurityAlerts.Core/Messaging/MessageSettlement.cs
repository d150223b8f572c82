namespace HumanSecurityAlerts.Messaging;

public enum MessageSettlement
{
    /// <summary>Done (delivered, dropped on purpose, or nothing to do).</summary>
    Complete,

    /// <summary>Try again later: a copy is scheduled at <see cref="MessageDecision.At"/> and the original completed.</summary>
    Reschedule,

    /// <summary>Give up at once, with a reason an admin can read in the dead-letter queue.</summary>
    DeadLetter,

    /// <summary>Put it back now (e.g. a dependency failed); the broker counts a delivery.</summary>
    Abandon,
}
