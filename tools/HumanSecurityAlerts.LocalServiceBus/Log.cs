using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.LocalServiceBus;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Local Service Bus broker listening on port {Port} with {EntityCount} entities")]
    public static partial void Started(ILogger logger, int port, int entityCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Attaching {Direction} link to {Path}")]
    public static partial void LinkAttaching(ILogger logger, string direction, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An AMQP connection failed to open")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker's timer failed")]
    public static partial void TickFailed(ILogger logger, Exception exception);
}
