using System.Security.Cryptography;
using System.Text;
using HumanSecurityAlerts.Webhooks;

namespace HumanSecurityAlerts.UnitTests.Subscriptions;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Matches_the_Standard_Webhooks_reference_vector()
    {
        // From the Standard Webhooks reference libraries' tests.
        var header = WebhookSigner.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"u8, ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    [Fact]
    public void Signs_with_every_secret_separated_by_spaces()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();
        var body = "{\"type\":\"x\"}"u8.ToArray();

        var header = WebhookSigner.Sign("msg_1", 1700000000, body, [a, b]);

        var expected = new[] { a, b }.Select(s =>
            "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(s[6..]), Encoding.UTF8.GetBytes("msg_1.1700000000.{\"type\":\"x\"}"))));
        Assert.Equal(string.Join(' ', expected), header);
    }

    [Fact]
    public void Secrets_are_whsec_and_32_random_bytes()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(WebhookSecret.TryGetKey(secret, out var key));
        Assert.Equal(32, key.Length);
        Assert.False(WebhookSecret.TryGetKey("whsec_c2hvcnQ=", out _));
        Assert.False(WebhookSecret.TryGetKey("secret", out _));
    }
}
