namespace HumanSecurityAlerts.Publications;

/// <summary>A continuation token that could not be read (tampered, or from another listing).</summary>
public sealed class InvalidContinuationTokenException(string message) : Exception(message);
