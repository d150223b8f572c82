namespace HumanSecurityAlerts.Publications;

/// <summary>The plain text of each field the classifier read (HTML stripped): evidence positions point into these.</summary>
public sealed record PlainFields(string Title, string Summary, string Body)
{
    public string Of(string field) => field switch
    {
        "title" => Title,
        "summary" => Summary,
        _ => Body,
    };
}
