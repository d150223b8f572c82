using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.Cli;

/// <summary>Command-line entry: argument parsing and exit codes; the commands do the work.</summary>
internal static class CliApplication
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText = """
        Usage:
          HumanSecurityAlerts.Cli classify [FILE]
              Classifies JSON Lines ({"id", "title", "text", "lang"?} per line) from FILE, or stdin
              when FILE is absent or "-", and writes one JSON line per input:
              {"id", "language", "pillars", "scores", "evidence", "learnedPillars"} (the pillars the
              learned gate added).
          HumanSecurityAlerts.Cli eval FILE [--vocabulary-only]
              Classifies a labelled JSON Lines file ({"id", "lang", "title", "text", "labels"}, label
              codes PoC CAAC THB CRSV CPP WPS NONE) and prints precision, recall and F1 per label and
              language, macro-F1 and exact-label-set accuracy. --vocabulary-only: without the learned
              gate (Classifier:LearnedGate false).
          HumanSecurityAlerts.Cli train FILE MODEL
              Trains the learned gate on a labelled file (as for eval), prints its cross-validated
              figures and writes the model to MODEL (the service embeds
              shared/HumanSecurityAlerts.Classification/Vocabulary/learned-model.json).
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);

        switch (args)
        {
            case ["classify"] or ["classify", "-"]:
                return await ClassifyCommand.RunAsync(CreateClassifier(), stdin, stdout, stderr);
            case ["classify", var file]:
                return await WithFileAsync(file, stderr, reader => ClassifyCommand.RunAsync(CreateClassifier(), reader, stdout, stderr));
            case ["eval", var file]:
                return await WithFileAsync(file, stderr, reader => EvalCommand.RunAsync(CreateClassifier(), reader, stdout, stderr));
            case ["eval", var file, "--vocabulary-only"]:
                return await WithFileAsync(file, stderr, reader => EvalCommand.RunAsync(new PillarClassifier(new ClassifierOptions { LearnedGate = false }), reader, stdout, stderr));
            case ["train", var file, var model]:
                return await WithFileAsync(file, stderr, reader => TrainCommand.RunAsync(reader, model, Path.GetFileName(file), stdout, stderr));
            case ["-h" or "--help" or "help"]:
                await stdout.WriteLineAsync(UsageText);
                return Ok;
            default:
                await stderr.WriteLineAsync(UsageText);
                return Usage;
        }
    }

    private static async Task<int> WithFileAsync(string path, TextWriter stderr, Func<TextReader, Task<int>> run)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"File not found: {path}");
            return Usage;
        }

        using var reader = new StreamReader(path);
        return await run(reader);
    }

    /// <summary>The service's defaults, so the figures printed here are the service's.</summary>
    private static PillarClassifier CreateClassifier() => new(new ClassifierOptions());
}
