using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.AdminConsole;

public sealed record PublicationDetail(
    Publication Publication,
    IReadOnlyDictionary<string, DeliveryCounts> ByChannel,
    IReadOnlyList<ConsoleFailure> Failures,
    IReadOnlyList<ConsoleDeadLetter> DeadLetters);
