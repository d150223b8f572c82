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
    public void The_client_is_the_right_most_forwarded_address_so_a_client_cannot_choose_its_key()
    {
        var proxy = IPAddress.Loopback;

        var direct = ClientAddress.Key("203.0.113.7", proxy);
        var spoofed = ClientAddress.Key("198.51.100.1, 203.0.113.7", proxy);
        var withPort = ClientAddress.Key("203.0.113.7:50123", proxy);

        Assert.Equal(direct, spoofed);
        Assert.Equal(direct, withPort);
        Assert.NotEqual(direct, ClientAddress.Key("203.0.113.8", proxy));
        Assert.Equal(ClientAddress.Key(null, IPAddress.Parse("203.0.113.7")), direct);
        Assert.DoesNotContain("203", direct, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_clients_are_one_client_per_64_block()
    {
        Assert.Equal(ClientAddress.Key("2001:db8:1:2::1", null), ClientAddress.Key("[2001:db8:1:2:ffff::9]:443", null));
        Assert.NotEqual(ClientAddress.Key("2001:db8:1:2::1", null), ClientAddress.Key("2001:db8:1:3::1", null));
        Assert.Equal(ClientAddress.Key("::ffff:203.0.113.7", null), ClientAddress.Key("203.0.113.7", null));
    }
}
