namespace HumanSecurityAlerts.Webhooks;

/// <summary>Section <c>Webhooks</c>: outbound webhook HTTP.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Local development only: allows http and loopback/private/link-local destinations. Off in Azure, where only
    /// https URLs resolving to public addresses are accepted and connected to.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Overall time for one webhook call unless the caller sets its own.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a response body is read (the rest is ignored).</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;
}
