using System.Text.Json;
using System.Xml;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// Reads entity definitions in the Service Bus emulator's Config.json shape
/// (UserConfig → Namespaces → Queues / Topics → Subscriptions → Rules). Validation is strict, so a file
/// the emulator would reject (or the broker would silently misread) fails at start-up naming the entity.
/// </summary>
internal sealed class EntityDefinitionsReader
{
    private readonly List<string> errors = [];
    private readonly List<(string Name, QueueOptions Options)> queues = [];
    private readonly List<(string Name, TopicOptions Options, List<(string Name, SubscriptionOptions Options)> Subscriptions)> topics = [];

    private EntityDefinitionsReader()
    {
    }

    public IReadOnlyList<(string Name, QueueOptions Options)> Queues => queues;

    public IReadOnlyList<(string Name, TopicOptions Options, List<(string Name, SubscriptionOptions Options)> Subscriptions)> Topics => topics;

    /// <exception cref="ServiceBusConfigurationException">The JSON is malformed or an entity is invalid; the message lists every problem.</exception>
    public static EntityDefinitionsReader Read(string json, string source)
    {
        var reader = new EntityDefinitionsReader();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            reader.ReadRoot(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new ServiceBusConfigurationException($"{source} is not valid JSON: {exception.Message}", exception);
        }

        if (reader.errors.Count > 0)
        {
            throw new ServiceBusConfigurationException($"{source} is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", reader.errors)}");
        }

        return reader;
    }

    private void ReadRoot(JsonElement root)
    {
        JsonElement? userConfig = Object(root, "the file", ["UserConfig"])?.GetValueOrDefault("UserConfig");
        if (userConfig is not { } config || Object(config, "UserConfig", ["Namespaces", "Logging"]) is not { } properties)
        {
            errors.Add("The file must have a 'UserConfig' object.");
            return;
        }

        foreach (JsonElement ns in Array(properties, "Namespaces", "UserConfig"))
        {
            string nsName = Name(ns, "namespace");
            if (Object(ns, $"namespace '{nsName}'", ["Name", "Queues", "Topics"]) is not { } nsProperties)
            {
                continue;
            }

            foreach (JsonElement queue in Array(nsProperties, "Queues", $"namespace '{nsName}'"))
            {
                ReadQueue(queue);
            }

            foreach (JsonElement topic in Array(nsProperties, "Topics", $"namespace '{nsName}'"))
            {
                ReadTopic(topic);
            }
        }
    }

    private void ReadQueue(JsonElement queue)
    {
        string name = Name(queue, "queue");
        string entity = $"queue '{name}'";
        if (queue.ValueKind == JsonValueKind.Object && queue.TryGetProperty("Subscriptions", out _))
        {
            errors.Add($"{entity} has 'Subscriptions', but subscriptions belong to a topic.");
            return;
        }

        if (Object(queue, entity, ["Name", "Properties"]) is null)
        {
            return;
        }

        Dictionary<string, JsonElement>? properties = Properties(queue, entity,
        [
            "DeadLetteringOnMessageExpiration", "DefaultMessageTimeToLive", "DuplicateDetectionHistoryTimeWindow", "ForwardDeadLetteredMessagesTo",
            "ForwardTo", "LockDuration", "MaxDeliveryCount", "RequiresDuplicateDetection", "RequiresSession",
        ]);
        if (properties is null)
        {
            return;
        }

        CheckUnsupported(properties, entity);
        var defaults = new QueueOptions();
        queues.Add((name, new QueueOptions
        {
            DeadLetteringOnMessageExpiration = Bool(properties, "DeadLetteringOnMessageExpiration", entity) ?? defaults.DeadLetteringOnMessageExpiration,
            DefaultMessageTimeToLive = Duration(properties, "DefaultMessageTimeToLive", entity) ?? defaults.DefaultMessageTimeToLive,
            DuplicateDetectionHistoryTimeWindow = Duration(properties, "DuplicateDetectionHistoryTimeWindow", entity) ?? defaults.DuplicateDetectionHistoryTimeWindow,
            LockDuration = Duration(properties, "LockDuration", entity) ?? defaults.LockDuration,
            MaxDeliveryCount = Int(properties, "MaxDeliveryCount", entity) ?? defaults.MaxDeliveryCount,
            RequiresDuplicateDetection = Bool(properties, "RequiresDuplicateDetection", entity) ?? defaults.RequiresDuplicateDetection,
        }));
    }

    private void ReadTopic(JsonElement topic)
    {
        string name = Name(topic, "topic");
        string entity = $"topic '{name}'";
        if (Object(topic, entity, ["Name", "Properties", "Subscriptions"]) is not { } members)
        {
            return;
        }

        Dictionary<string, JsonElement> properties = Properties(topic, entity, ["DefaultMessageTimeToLive", "DuplicateDetectionHistoryTimeWindow", "RequiresDuplicateDetection"]) ?? [];
        var defaults = new TopicOptions();
        var options = new TopicOptions
        {
            DefaultMessageTimeToLive = Duration(properties, "DefaultMessageTimeToLive", entity) ?? defaults.DefaultMessageTimeToLive,
            DuplicateDetectionHistoryTimeWindow = Duration(properties, "DuplicateDetectionHistoryTimeWindow", entity) ?? defaults.DuplicateDetectionHistoryTimeWindow,
            RequiresDuplicateDetection = Bool(properties, "RequiresDuplicateDetection", entity) ?? defaults.RequiresDuplicateDetection,
        };

        var subscriptions = new List<(string Name, SubscriptionOptions Options)>();
        foreach (JsonElement subscription in Array(members, "Subscriptions", entity))
        {
            if (ReadSubscription(subscription, name) is { } read)
            {
                subscriptions.Add(read);
            }
        }

        topics.Add((name, options, subscriptions));
    }

    private (string Name, SubscriptionOptions Options)? ReadSubscription(JsonElement subscription, string topicName)
    {
        string name = Name(subscription, $"subscription of topic '{topicName}'");
        string entity = $"subscription '{topicName}/{name}'";
        if (Object(subscription, entity, ["Name", "Properties", "Rules"]) is not { } members)
        {
            return null;
        }

        Dictionary<string, JsonElement> properties = Properties(subscription, entity,
        [
            "DeadLetteringOnMessageExpiration", "DefaultMessageTimeToLive", "LockDuration", "MaxDeliveryCount",
            "ForwardDeadLetteredMessagesTo", "ForwardTo", "RequiresSession",
        ]) ?? [];
        CheckUnsupported(properties, entity);

        var rules = new List<SubscriptionRule>();
        foreach (JsonElement rule in Array(members, "Rules", entity))
        {
            if (ReadRule(rule, entity) is { } read)
            {
                rules.Add(read);
            }
        }

        var defaults = new SubscriptionOptions();
        return (name, new SubscriptionOptions
        {
            DeadLetteringOnMessageExpiration = Bool(properties, "DeadLetteringOnMessageExpiration", entity) ?? defaults.DeadLetteringOnMessageExpiration,
            DefaultMessageTimeToLive = Duration(properties, "DefaultMessageTimeToLive", entity) ?? defaults.DefaultMessageTimeToLive,
            LockDuration = Duration(properties, "LockDuration", entity) ?? defaults.LockDuration,
            MaxDeliveryCount = Int(properties, "MaxDeliveryCount", entity) ?? defaults.MaxDeliveryCount,
            Rules = rules,
        });
    }

    private SubscriptionRule? ReadRule(JsonElement rule, string subscription)
    {
        string name = Name(rule, $"rule of {subscription}");
        string entity = $"rule '{name}' of {subscription}";
        if (Object(rule, entity, ["Name", "Properties"]) is null)
        {
            return null;
        }

        Dictionary<string, JsonElement>? properties = Properties(rule, entity, ["FilterType", "CorrelationFilter", "SqlFilter", "Action"]);
        if (properties is null)
        {
            errors.Add($"{entity} has no 'Properties'.");
            return null;
        }

        if (properties.ContainsKey("Action"))
        {
            errors.Add($"{entity}: rule actions are not supported by the local broker.");
        }

        string? filterType = String(properties, "FilterType", entity);
        try
        {
            SubscriptionRule? result = filterType switch
            {
                "Correlation" when properties.TryGetValue("CorrelationFilter", out JsonElement filter) => new SubscriptionRule(name) { Correlation = ReadCorrelationFilter(filter, entity) },
                "Sql" when properties.TryGetValue("SqlFilter", out JsonElement filter) => new SubscriptionRule(name) { SqlExpression = ReadSqlFilter(filter, entity) },
                _ => null,
            };
            if (result is null)
            {
                errors.Add($"{entity} needs FilterType 'Correlation' with a 'CorrelationFilter', or 'Sql' with a 'SqlFilter'.");
            }
            else
            {
                _ = MessageFilter.Create(result);
            }

            return result;
        }
        catch (ServiceBusConfigurationException exception)
        {
            errors.Add($"{subscription}: {exception.Message}");
            return null;
        }
    }

    private CorrelationFilter? ReadCorrelationFilter(JsonElement filter, string entity)
    {
        string[] known = ["ContentType", "CorrelationId", "Label", "MessageId", "ReplyTo", "ReplyToSessionId", "SessionId", "To", "Properties"];
        if (Object(filter, $"{entity} CorrelationFilter", known) is not { } values)
        {
            return null;
        }

        var applicationProperties = new Dictionary<string, object>(StringComparer.Ordinal);
        if (values.TryGetValue("Properties", out JsonElement properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{entity}: CorrelationFilter 'Properties' must be an object.");
            }
            else
            {
                foreach (JsonProperty property in properties.EnumerateObject())
                {
                    object? value = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number when property.Value.TryGetInt64(out long number) => number,
                        JsonValueKind.Number => property.Value.GetDecimal(),
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => null,
                    };
                    if (value is null)
                    {
                        errors.Add($"{entity}: correlation property '{property.Name}' must be a string, number or boolean.");
                    }
                    else
                    {
                        applicationProperties[property.Name] = value;
                    }
                }
            }
        }

        return new CorrelationFilter
        {
            ContentType = String(values, "ContentType", entity),
            CorrelationId = String(values, "CorrelationId", entity),
            Subject = String(values, "Label", entity),
            MessageId = String(values, "MessageId", entity),
            ReplyTo = String(values, "ReplyTo", entity),
            ReplyToSessionId = String(values, "ReplyToSessionId", entity),
            SessionId = String(values, "SessionId", entity),
            To = String(values, "To", entity),
            ApplicationProperties = applicationProperties,
        };
    }

    private string? ReadSqlFilter(JsonElement filter, string entity) =>
        Object(filter, $"{entity} SqlFilter", ["SqlExpression"]) is { } values ? String(values, "SqlExpression", entity) : null;

    /// <summary>Forwarding and sessions are valid in the emulator's format but not modelled here: refusing beats silently ignoring.</summary>
    private void CheckUnsupported(Dictionary<string, JsonElement> properties, string entity)
    {
        foreach (string forward in new[] { "ForwardTo", "ForwardDeadLetteredMessagesTo" })
        {
            if (!string.IsNullOrEmpty(String(properties, forward, entity)))
            {
                errors.Add($"{entity}: '{forward}' is not supported by the local broker.");
            }
        }

        if (Bool(properties, "RequiresSession", entity) == true)
        {
            errors.Add($"{entity}: sessions (RequiresSession) are not supported by the local broker.");
        }
    }

    private string Name(JsonElement element, string kind)
    {
        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("Name", out JsonElement name)
            && name.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(name.GetString()))
        {
            return name.GetString()!;
        }

        errors.Add($"A {kind} has no 'Name'.");
        return "(unnamed)";
    }

    private Dictionary<string, JsonElement>? Properties(JsonElement element, string entity, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("Properties", out JsonElement properties))
        {
            return null;
        }

        return Object(properties, $"{entity} Properties", known);
    }

    /// <summary>The object's members, after reporting any member the format does not define.</summary>
    private Dictionary<string, JsonElement>? Object(JsonElement element, string what, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{what} must be a JSON object.");
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (known.Contains(property.Name, StringComparer.Ordinal))
            {
                members[property.Name] = property.Value;
            }
            else
            {
                errors.Add($"{what}: unknown property '{property.Name}'.");
            }
        }

        return members;
    }

    private List<JsonElement> Array(Dictionary<string, JsonElement> members, string name, string owner)
    {
        if (!members.TryGetValue(name, out JsonElement array))
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{owner}: '{name}' must be an array.");
            return [];
        }

        return array.EnumerateArray().ToList();
    }

    private string? String(Dictionary<string, JsonElement> values, string name, string entity)
    {
        if (!values.TryGetValue(name, out JsonElement element))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString();
        }

        errors.Add($"{entity}: '{name}' must be a string, got {element.GetRawText()}.");
        return null;
    }

    private bool? Bool(Dictionary<string, JsonElement> values, string name, string entity)
    {
        if (!values.TryGetValue(name, out JsonElement element))
        {
            return null;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        errors.Add($"{entity}: '{name}' must be true or false, got {element.GetRawText()}.");
        return null;
    }

    private int? Int(Dictionary<string, JsonElement> values, string name, string entity)
    {
        if (!values.TryGetValue(name, out JsonElement element))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int number) && number > 0)
        {
            return number;
        }

        errors.Add($"{entity}: '{name}' must be a positive whole number, got {element.GetRawText()}.");
        return null;
    }

    private TimeSpan? Duration(Dictionary<string, JsonElement> values, string name, string entity)
    {
        string? text = String(values, name, entity);
        if (text is null)
        {
            return null;
        }

        try
        {
            TimeSpan duration = XmlConvert.ToTimeSpan(text);
            if (duration > TimeSpan.Zero)
            {
                return duration;
            }
        }
        catch (FormatException)
        {
        }

        errors.Add($"{entity}: '{name}' must be a positive ISO-8601 duration such as PT1M, got '{text}'.");
        return null;
    }
}
