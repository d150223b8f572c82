namespace HumanSecurityAlerts.Classification;

/// <param name="Field">"title", "summary" or "body".</param>
/// <param name="Position">Character offset of the match in that field (after HTML is stripped).</param>
public sealed record ClassificationEvidence(string Pillar, string Term, string Field, int Position, int Length, double Weight);
