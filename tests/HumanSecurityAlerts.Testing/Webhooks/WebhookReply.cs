namespace HumanSecurityAlerts.Testing.Webhooks;

/// <summary>How the receiver answers one request: a status, a body, a delay first, or a dropped connection.</summary>
public sealed record WebhookReply(int StatusCode, string? Body = null, TimeSpan Delay = default, bool ResetConnection = false, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static WebhookReply Ok { get; } = new(200);

    public static WebhookReply Status(int statusCode) => new(statusCode);

    public static WebhookReply Json(string body, int statusCode = 200) =>
        new(statusCode, body, Headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" });

    public static WebhookReply Reset() => new(0, ResetConnection: true);

    public static WebhookReply Slow(TimeSpan delay, int statusCode = 200) => new(statusCode, Delay: delay);
}
