using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Diagnostics;

namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// W3C trace context in Service Bus application properties, under the names the Azure SDK uses (<c>Diagnostic-Id</c>,
/// and <c>traceparent</c> as newer SDKs write it), so a message continues the trace of the span that sent it.
/// </summary>
internal static class ServiceBusTraceContext
{
    public const string DiagnosticIdProperty = "Diagnostic-Id";
    public const string TraceParentProperty = "traceparent";

    /// <summary>Stamps the current span on the message; nothing when nothing is traced.</summary>
    public static void Inject(ServiceBusMessage message)
    {
        if (ServiceTelemetry.CurrentTraceParent() is { } traceParent)
        {
            message.ApplicationProperties[DiagnosticIdProperty] = traceParent;
            message.ApplicationProperties[TraceParentProperty] = traceParent;
        }
    }

    public static string? Extract(ServiceBusReceivedMessage message) =>
        (message.ApplicationProperties.TryGetValue(TraceParentProperty, out var t) ? t as string : null)
        ?? (message.ApplicationProperties.TryGetValue(DiagnosticIdProperty, out var d) ? d as string : null);
}
