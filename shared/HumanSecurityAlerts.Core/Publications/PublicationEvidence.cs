namespace HumanSecurityAlerts.Publications;

/// <param name="Field">"title", "summary" or "body".</param>
public sealed record PublicationEvidence(string Pillar, string Term, string Field, int Position, int Length, double Weight);
