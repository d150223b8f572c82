using System.Diagnostics;
using System.Text;
using HumanSecurityAlerts.Testing;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

/// <summary>
/// The broker against a second real client: js/broker-interop.mjs drives it with the JavaScript SDK
/// (@azure/service-bus on rhea, from the repository's node_modules), so the broker is not shaped around one client's habits.
/// </summary>
public sealed class JavaScriptClientTests(ITestOutputHelper output)
{
    private const string DropMarker = "drop: waiting";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_javascript_client_passes_every_step_of_the_interop_script()
    {
        string client = RepositoryPaths.Combine("node_modules", "@azure", "service-bus", "package.json");
        Assert.True(File.Exists(client), $"The JavaScript Service Bus client is not installed ({client} is missing): run 'npm ci' in {RepositoryPaths.Root}.");
        await using var broker = new LocalServiceBusBroker();
        broker.AddQueue("js-queue");
        broker.AddTopic("js-topic");
        broker.AddSubscription("js-topic", "all");
        broker.AddSubscription("js-topic", "high", new SubscriptionOptions { Rules = [new SubscriptionRule("urgent") { SqlExpression = "priority > 5" }] });
        broker.AddSubscription("js-topic", "civilians", new SubscriptionOptions
        {
            Rules = [new SubscriptionRule("pillar") { Correlation = new CorrelationFilter { ApplicationProperties = new Dictionary<string, object> { ["pillar"] = "protection-of-civilians" } } }],
        });
        await broker.StartAsync();

        (int exitCode, string transcript) = await RunScriptAsync(broker);

        output.WriteLine(transcript);
        Assert.True(exitCode == 0, $"broker-interop.mjs exited with code {exitCode}:{Environment.NewLine}{transcript}");
        Assert.Contains("all 8 steps passed", transcript, StringComparison.Ordinal);
    }

    /// <summary>Runs the script; when it asks for the connection drop, the broker closes every connection and the script is told to go on.</summary>
    private static async Task<(int ExitCode, string Transcript)> RunScriptAsync(LocalServiceBusBroker broker)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            ArgumentList = { RepositoryPaths.Combine("tests", "HumanSecurityAlerts.LocalServiceBus.Tests", "js", "broker-interop.mjs"), broker.ConnectionString },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        var transcript = new StringBuilder();
        void Record(string line)
        {
            lock (transcript)
            {
                transcript.AppendLine(line);
            }
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Record(e.Data);
            if (e.Data == DropMarker)
            {
                broker.CloseConnections();
                Record("(the broker closed every connection)");
                process.StandardInput.WriteLine("dropped");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Record("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Record($"(killed after {ScriptTimeout})");
            return (-1, transcript.ToString());
        }

        lock (transcript)
        {
            return (process.ExitCode, transcript.ToString());
        }
    }
}
