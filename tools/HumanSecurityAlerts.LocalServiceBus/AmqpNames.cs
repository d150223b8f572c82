using Microsoft.Azure.Amqp.Encoding;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>Names of the Service Bus extensions to AMQP that the client reads and writes.</summary>
internal static class AmqpNames
{
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string MessageState = "x-opt-message-state";

    public const string DeadLetterReasonProperty = "DeadLetterReason";
    public const string DeadLetterErrorDescriptionProperty = "DeadLetterErrorDescription";

    public const string Operation = "operation";
    public const string StatusCode = "statusCode";
    public const string StatusDescription = "statusDescription";
    public const string ErrorCondition = "errorCondition";

    public static readonly AmqpSymbol DeadLetterCondition = new("com.microsoft:dead-letter");
    public static readonly AmqpSymbol MessageLockLost = new("com.microsoft:message-lock-lost");
    public static readonly AmqpSymbol MessageNotFound = new("com.microsoft:message-not-found");
    public static readonly AmqpSymbol ArgumentError = new("com.microsoft:argument-error");
}
