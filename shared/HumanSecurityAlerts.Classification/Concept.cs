namespace HumanSecurityAlerts.Classification;

/// <summary>One line of <c>Vocabulary/concepts.txt</c>: a concept of a pillar (or of the conflict context) and its terms in each language.</summary>
/// <param name="Section">The pillar id, or <see cref="ConceptReader.ConflictContextSection"/>.</param>
/// <param name="Weak">Counts only in a text about armed conflict (see <see cref="VocabularyTerm.Weak"/>).</param>
/// <param name="Terms">The phrases of each language, keyed by language code ("en", "fr").</param>
/// <param name="AlsoSection">A second pillar the terms also count for ("sold as sex slaves": trafficking and sexual violence), or null.</param>
internal sealed record Concept(string Section, double Weight, bool Weak, int Line, IReadOnlyDictionary<string, IReadOnlyList<string>> Terms, string? AlsoSection = null);
