namespace HumanSecurityAlerts.Http;

/// <summary>A response body went past the limit its reader was given.</summary>
internal sealed class BoundedBodyTooLargeException(int maxBytes) : Exception($"The body is larger than the limit of {maxBytes} bytes.")
{
    public int MaxBytes { get; } = maxBytes;
}
