using System.Text;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.Benchmarks;

/// <summary>
/// The pillar classifier on ~2 KB publications (English, French, on-topic and unrelated). One
/// operation is one document, so Mean and Allocated are per document; MB/s is the throughput of one thread.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Configuration))]
public class ClassifierBenchmarks
{
    private const int Documents = 8;

    private static readonly string[] Paragraphs =
    [
        "Defence ministers discussed how operations can better protect civilians. The updated approach to civilian harm mitigation asks commanders to track civilian casualties and to plan missions so that harm to civilians is avoided. ",
        "Fighter jets on air policing duty took off within minutes to identify an aircraft flying without a transponder near Allied airspace, and escorted it until it left the area. ",
        "Staff officers completed a course on human trafficking in crisis areas. Trainers explained how to recognise victims of trafficking and the zero tolerance policy towards trafficking in human beings. ",
        "Les ministres de la défense ont examiné la manière dont les opérations peuvent mieux protéger les civils et réduire les dommages causés aux civils lors des opérations. ",
        "Les planificateurs recensent désormais les musées et les sites archéologiques avant une opération ; la protection des biens culturels fait partie du processus de ciblage. ",
        "Allies agreed the civil budget, the military budget and the investment programme for next year, and reviewed progress on defence spending and capability targets. ",
        "Des officiers ont suivi une formation consacrée à la traite des êtres humains dans les zones de crise et à la violence sexuelle liée aux conflits. ",
        "Gender advisers now work in every headquarters, and the Women, Peace and Security agenda is integrated into planning, training and exercises across the Alliance. ",
    ];

    private static readonly ClassificationInput[] Inputs = [.. Enumerable.Range(0, Documents).Select(Document)];

    private readonly PillarClassifier classifier = new(new ClassifierOptions());
    private int next;

    /// <summary>Average UTF-8 size of a document, for the MB/s column.</summary>
    public static long AverageDocumentBytes { get; } =
        (long)Inputs.Average(i => Encoding.UTF8.GetByteCount(i.Title!) + Encoding.UTF8.GetByteCount(i.Body!));

    [GlobalSetup]
    public void WarmUp()
    {
        // The first call per thread fills the word caches; steady state is what a long-lived worker sees.
        foreach (var input in Inputs)
        {
            classifier.Classify(input);
        }
    }

    [Benchmark]
    public ClassificationResult Classify2KbDocument()
    {
        next = (next + 1) % Inputs.Length;
        return classifier.Classify(Inputs[next]);
    }

    /// <summary>Paragraphs in a different order per document, about 2 KB each.</summary>
    private static ClassificationInput Document(int seed)
    {
        var body = new StringBuilder();
        for (var i = 0; body.Length < 2000; i++)
        {
            body.Append(Paragraphs[((seed * 3) + (i * (seed + 1))) % Paragraphs.Length]);
        }

        return new ClassificationInput($"Publication {seed}", null, body.ToString());
    }

    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            AddColumn(new ThroughputColumn("MB/s", _ => AverageDocumentBytes));

            // The generated benchmark project rebuilds the solution's libraries; on a busy two-core machine that exceeds the 2-minute default.
            WithBuildTimeout(TimeSpan.FromMinutes(10));
        }
    }
}
