using HumanSecurityAlerts.Diagnostics;

namespace HumanSecurityAlerts.UnitTests.Diagnostics;

public sealed class LogRedactionTests
{
    private const string Token = "Zq3v1XbY9wKp0sLm2NcR8tUe4HdAj6GfIo5Vy7Bx-_Q";

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://localhost:7071/api/subscriptions/manage/" + Token + " - - -", "/api/subscriptions/manage/[redacted] - - -")]
    [InlineData("POST /api/subscriptions/manage/" + Token + "/rotate-secret", "/api/subscriptions/manage/[redacted]/rotate-secret")]
    [InlineData("GET /api/subscriptions/unsubscribe/" + Token + "?x=1", "/api/subscriptions/unsubscribe/[redacted]?x=1")]
    [InlineData("RequestPath:/API/Subscriptions/Manage/" + Token + " RequestId:0HN", "/API/Subscriptions/Manage/[redacted] RequestId:0HN")]
    [InlineData("path '%2Fapi%2Fsubscriptions%2Fmanage%2F" + Token + "'", "%2Fapi%2Fsubscriptions%2Fmanage%2F[redacted]'")]
    [InlineData("GET /api/subscriptions/confirm?token=" + Token + "&lang=fr", "/api/subscriptions/confirm?token=[redacted]&lang=fr")]
    [InlineData("QueryString: ?lang=en&TOKEN=" + Token, "?lang=en&TOKEN=[redacted]")]
    public void Tokens_in_paths_and_queries_are_redacted(string line, string expectedTail)
    {
        var redacted = LogRedaction.Redact(line);

        Assert.DoesNotContain(Token, redacted, StringComparison.Ordinal);
        Assert.EndsWith(expectedTail, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_and_addresses_are_redacted()
    {
        var redacted = LogRedaction.Redact("secret whsec_dGhpcyBpcyBhIHNlY3JldA== sent to jane.doe+alerts@example.org");

        Assert.Equal("secret whsec_[redacted] sent to j***@example.org", redacted);
    }

    [Theory]
    [InlineData("Request starting HTTP/1.1 POST http://localhost:7071/api/manage/publications application/json 1234")]
    [InlineData("Executing endpoint 'UpdateSubscription'")]
    [InlineData("Feed run: 2 feeds read, 0 failed, 9 new publications, 0 already stored")]
    [InlineData("Email subscriber 3f2a (j***@example.org) pending; confirmation sent")]
    public void Lines_without_secrets_are_left_as_they_are(string line) =>
        Assert.Same(line, LogRedaction.Redact(line));
}
