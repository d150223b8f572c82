namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>The test classes that share one local host (one worker process): each test uses its own subscribers and releases.</summary>
[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "Local host";
}
