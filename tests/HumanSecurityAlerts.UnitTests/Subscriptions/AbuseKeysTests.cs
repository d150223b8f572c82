using System.Net;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.RateLimiting;

namespace HumanSecurityAlerts.UnitTests.Subscriptions;

public sealed class AbuseKeysTests
{
    [Theory]
    [InlineData("Lecteur@Exämple.org", "lecteur@xn--exmple-cua.org")]
    [InlineData("lecteur@XN--EXMPLE-CUA.ORG", "lecteur@xn--exmple-cua.org")]
    [InlineData("  reader@example.org ", "reader@example.org")]
    [InlineData("re\u0301sume\u0301@example.org", "r\u00e9sum\u00e9@example.org")]
    public void One_mailbox_has_one_normal_form(string spelling, string normal)
    {
        Assert.Equal(normal, EmailAddress.Normalize(spelling));
        Assert.Equal(EmailAddress.Hash(normal), EmailAddress.Hash(spelling));
    }

    [Fact]
    public void A_client_key_names_one_address_without_showing_it()
    {
        var key = ClientAddress.Key(IPAddress.Parse("203.0.113.7"));

        Assert.Equal(key, ClientAddress.Key(IPAddress.Parse("203.0.113.7")));
        Assert.NotEqual(key, ClientAddress.Key(IPAddress.Parse("203.0.113.8")));
        Assert.Equal(32, key.Length);
        Assert.DoesNotContain("203", key, StringComparison.Ordinal);
        Assert.Equal("unknown", ClientAddress.Key(null));
    }

    [Fact]
    public void IPv6_clients_are_one_client_per_64_block()
    {
        Assert.Equal(ClientAddress.Key(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.Key(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ClientAddress.Key(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.Key(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal(ClientAddress.Key(IPAddress.Parse("::ffff:203.0.113.7")), ClientAddress.Key(IPAddress.Parse("203.0.113.7")));
    }
}
