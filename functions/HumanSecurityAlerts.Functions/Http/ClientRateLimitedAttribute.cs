namespace HumanSecurityAlerts.Functions.Http;

/// <summary>
/// Marks an anonymous function that sends mail or makes an outbound call: each client may call such functions at most
/// <c>RateLimits:ClientPermits</c> times per <c>RateLimits:ClientWindow</c>, all of them together.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class ClientRateLimitedAttribute : Attribute;
