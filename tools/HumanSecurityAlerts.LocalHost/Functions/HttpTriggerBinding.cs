namespace HumanSecurityAlerts.LocalHost.Functions;

/// <param name="Route">The route without the host's route prefix, e.g. <c>publications/{id}</c>.</param>
/// <param name="Methods">Upper-case HTTP methods.</param>
internal sealed record HttpTriggerBinding(string Name, string Route, IReadOnlyList<string> Methods) : TriggerBinding(Name);
