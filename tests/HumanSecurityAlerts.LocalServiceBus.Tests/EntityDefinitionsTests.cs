using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

public sealed class EntityDefinitionsTests
{
    [Fact]
    public async Task The_repository_entity_file_loads_and_its_entities_work()
    {
        await using var broker = new LocalServiceBusBroker();
        broker.LoadEntities(RepositoryPaths.Combine("infra", "servicebus-entities.json"));
        await broker.StartAsync();
        await using var client = new ServiceBusClient(broker.ConnectionString);
        await using ServiceBusSender publications = client.CreateSender("publications");
        await using ServiceBusReceiver fanOut = client.CreateReceiver("publications", "fan-out");

        await publications.SendMessageAsync(new ServiceBusMessage("release") { MessageId = "p-1" });
        await publications.SendMessageAsync(new ServiceBusMessage("release again") { MessageId = "p-1" });

        ServiceBusReceivedMessage received = await fanOut.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("release", received.Body.ToString());
        Assert.Null(await fanOut.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [InlineData("""{ "Name": "q", "Properties": { "LockDuration": "PT1M", "Colour": "blue" } }""", "queue 'q' Properties: unknown property 'Colour'")]
    [InlineData("""{ "Name": "q", "Properties": { "MaxDeliveryCount": "ten" } }""", "queue 'q': 'MaxDeliveryCount' must be a positive whole number")]
    [InlineData("""{ "Name": "q", "Properties": { "RequiresDuplicateDetection": "yes" } }""", "queue 'q': 'RequiresDuplicateDetection' must be true or false")]
    [InlineData("""{ "Name": "q", "Properties": { "LockDuration": "one minute" } }""", "queue 'q': 'LockDuration' must be a positive ISO-8601 duration")]
    [InlineData("""{ "Name": "q", "Subscriptions": [ { "Name": "s" } ] }""", "queue 'q' has 'Subscriptions', but subscriptions belong to a topic")]
    [InlineData("""{ "Name": "q", "Properties": { "RequiresSession": true } }""", "queue 'q': sessions (RequiresSession) are not supported")]
    public void Invalid_queue_is_refused_naming_the_entity(string queue, string expected)
    {
        var error = Assert.Throws<ServiceBusConfigurationException>(() => Load($$"""{ "Queues": [ {{queue}} ] }"""));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Name": "t", "Subscriptions": [ { "Properties": {} } ] }""", "A subscription of topic 't' has no 'Name'")]
    [InlineData("""{ "Subscriptions": [ { "Name": "s" } ] }""", "A topic has no 'Name'")]
    [InlineData("""{ "Name": "t", "Subscriptions": [ { "Name": "s", "Properties": { "DefaultMessageTimeToLive": "P1X" } } ] }""", "subscription 't/s': 'DefaultMessageTimeToLive' must be a positive ISO-8601 duration")]
    [InlineData("""{ "Name": "t", "Subscriptions": [ { "Name": "s", "Rules": [ { "Name": "r", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "a LIKE 'x%'" } } } ] } ] }""", "Rule 'r': SQL filter \"a LIKE 'x%'\" is not supported")]
    [InlineData("""{ "Name": "t", "Subscriptions": [ { "Name": "s", "Rules": [ { "Name": "r", "Properties": { "FilterType": "Correlation" } } ] } ] }""", "rule 'r' of subscription 't/s' needs FilterType 'Correlation' with a 'CorrelationFilter'")]
    public void Invalid_topic_or_subscription_is_refused_naming_the_entity(string topic, string expected)
    {
        var error = Assert.Throws<ServiceBusConfigurationException>(() => Load($$"""{ "Topics": [ {{topic}} ] }"""));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subscription_whose_topic_does_not_exist_is_refused()
    {
        var broker = new LocalServiceBusBroker();

        var error = Assert.Throws<InvalidOperationException>(() => broker.AddSubscription("missing", "s"));
        Assert.Contains("topic 'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correlation_and_sql_rules_in_the_emulator_format_are_accepted()
    {
        Load("""
            { "Topics": [ { "Name": "t", "Subscriptions": [ { "Name": "s", "Rules": [
                { "Name": "c", "Properties": { "FilterType": "Correlation", "CorrelationFilter": { "Label": "publication", "Properties": { "pillar": "protection-of-civilians", "priority": 1 } } } },
                { "Name": "q", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "sys.Label = 'x' OR (priority <> 2 AND EXISTS(pillar)) OR lang IS NULL OR (priority > 5 AND priority <= 10) OR priority < 0 OR priority >= 100" } } } ] } ] } ] }
            """);
    }

    private static void Load(string namespaceMembers)
    {
        string json = $$"""{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", {{namespaceMembers.Trim()[1..^1]}} } ], "Logging": { "Type": "File" } } }""";
        new LocalServiceBusBroker().LoadEntitiesFromJson(json, "test.json");
    }
}
