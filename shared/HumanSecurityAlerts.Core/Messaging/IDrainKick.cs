namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// Asks for a fan-out and a delivery pass now, in the background, rather than at the timers' next tick (after a
/// release, a resend or a replay). Runs coalesce; a failed run is logged and the timers pick up what is left.
/// </summary>
public interface IDrainKick
{
    void Kick();
}
