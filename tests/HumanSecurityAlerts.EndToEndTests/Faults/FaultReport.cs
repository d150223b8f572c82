using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>The suite's table: printed by each scenario (so the last one shows all) and written to fault-report.md in the test output.</summary>
public sealed class FaultReport(FaultScale scale)
{
    private readonly ConcurrentQueue<FaultOutcome> rows = new();

    public string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "fault-report.md");

    public void Add(FaultOutcome outcome) => rows.Enqueue(outcome);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{scale.Subscribers} subscribers ({scale.Subscribers / 2} email, {scale.Subscribers / 2} webhook), two releases per scenario: {2 * scale.PerRelease} notifications each.");
        text.AppendLine();
        text.AppendLine("| scenario | lost | duplicates received (email / webhook) | webhook-ids per delivery | recovery after the fault ended | dead-lettered | warnings / errors logged | what the logs said most |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Lost} of {row.Expected} | {row.EmailDuplicates} / {row.WebhookDuplicates} | {row.MostWebhookIdsPerDelivery} | {row.Recovery.TotalSeconds:0.0} s | {row.DeadLettered} | {row.Warnings} / {row.Errors} | {string.Join("<br>", row.TopLogLines.Select(l => l.Replace("|", "\\|", StringComparison.Ordinal)))} |");
        }

        foreach (var row in rows.Where(r => r.Missing.Count > 0))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Not received in \"{row.Scenario}\":");
            foreach (var line in row.Missing)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }
        }

        return text.ToString();
    }

    public async Task WriteAsync()
    {
        if (!rows.IsEmpty)
        {
            await File.WriteAllTextAsync(FilePath, ToMarkdown());
        }
    }
}
