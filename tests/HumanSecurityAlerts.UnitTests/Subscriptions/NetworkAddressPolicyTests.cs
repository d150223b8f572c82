using System.Net;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Subscriptions;

public sealed class NetworkAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("2002:0a00:0001::1")]
    [InlineData("2001:db8::1")]
    public void Non_public_addresses_are_refused(string address) =>
        Assert.False(NetworkAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(NetworkAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://localhost/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest")]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("https://user:pw@93.184.216.34/hook")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task The_registration_check_refuses_bad_urls(string url)
    {
        var checker = new DnsWebhookUrlChecker(Options.Create(new WebhookOptions { AllowPrivateNetworks = false }));

        Assert.NotNull(await checker.CheckAsync(url, CancellationToken.None));
    }

    [Theory]
    [InlineData("https://93.184.216.34/hook", false)]
    [InlineData("http://127.0.0.1:5000/hook", true)]
    [InlineData("http://localhost:5000/hook", true)]
    public async Task The_registration_check_accepts_good_urls(string url, bool allowPrivate)
    {
        var checker = new DnsWebhookUrlChecker(Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivate }));

        Assert.Null(await checker.CheckAsync(url, CancellationToken.None));
    }
}
