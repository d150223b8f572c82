namespace HumanSecurityAlerts.Publications;

public sealed record PublicationAddResult(Publication Publication, bool Created);
