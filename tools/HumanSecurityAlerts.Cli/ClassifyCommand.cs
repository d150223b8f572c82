using System.Text.Json;

using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.Cli;

/// <summary>JSON Lines in, one JSON line out per input; a bad line is reported on stderr and the rest still run.</summary>
internal static class ClassifyCommand
{
    public static async Task<int> RunAsync(IPillarClassifier classifier, TextReader input, TextWriter output, TextWriter errors)
    {
        var exitCode = CliApplication.Ok;
        var lineNumber = 0;
        while (await input.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            InputLine? item;
            try
            {
                item = JsonSerializer.Deserialize<InputLine>(line, CliJson.Options);
            }
            catch (JsonException e)
            {
                await errors.WriteLineAsync($"line {lineNumber}: not a JSON object: {e.Message}");
                exitCode = CliApplication.Failed;
                continue;
            }

            if (item is null)
            {
                await errors.WriteLineAsync($"line {lineNumber}: not a JSON object");
                exitCode = CliApplication.Failed;
                continue;
            }

            var result = classifier.Classify(new ClassificationInput(item.Title, item.Summary, item.Text, item.Lang));
            var json = JsonSerializer.Serialize(new OutputLine(item.Id, result.Language, result.Pillars, result.Scores, result.Evidence, result.LearnedPillars), CliJson.Options);
            await output.WriteLineAsync(json);
        }

        return exitCode;
    }
}
