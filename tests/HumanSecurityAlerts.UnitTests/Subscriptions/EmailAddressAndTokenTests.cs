using System.Security.Cryptography;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Subscriptions;

public sealed class EmailAddressAndTokenTests
{
    [Theory]
    [InlineData("reader@example.org", true)]
    [InlineData("  Reader.Name+tag@Example.ORG ", true)]
    [InlineData("reader@example", false)]
    [InlineData("reader", false)]
    [InlineData("@example.org", false)]
    [InlineData("a b@example.org", false)]
    [InlineData("Reader <reader@example.org>", false)]
    [InlineData("reader@exa mple.org", false)]
    [InlineData("gro.elpmaxe\u202E@reader.org", false)]
    [InlineData("read\u200Ber@example.org", false)]
    [InlineData("lecteur@exämple.org", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validates_addresses(string? address, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(address));

    [Fact]
    public void An_address_with_a_lone_surrogate_is_not_valid() =>
        Assert.False(EmailAddress.IsValid("reader" + (char)0xD800 + "@example.org")); // built in code: test data would replace it

    [Fact]
    public void Normalises_masks_and_hashes_addresses()
    {
        Assert.Equal("reader@example.org", EmailAddress.Normalize("  Reader@Example.ORG "));
        Assert.Equal("r***@example.org", EmailAddress.Mask("reader@example.org"));
        Assert.Equal(EmailAddress.Hash("reader@example.org"), EmailAddress.Hash(" READER@example.org"));
        Assert.DoesNotContain("reader", EmailAddress.Hash("reader@example.org"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_are_256_bit_base64url_and_stored_as_sha256_hex()
    {
        var token = Tokens.New();

        Assert.True(Tokens.IsWellFormed(token));
        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, Tokens.New());
        Assert.Equal(64, Tokens.Hash(token).Length);
        Assert.False(Tokens.IsWellFormed("short"));
        Assert.False(Tokens.IsWellFormed(new string('/', 43)));
    }

    [Fact]
    public void The_protector_round_trips_and_detects_tampering()
    {
        var protector = new AesGcmSecretProtector(Options.Create(new SubscriptionOptions { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));

        var sealed1 = protector.Protect("whsec_secret");
        var sealed2 = protector.Protect("whsec_secret");
        var tampered = sealed1[..^4] + (sealed1[^4] == 'A' ? 'B' : 'A') + sealed1[^3..];

        Assert.Equal("whsec_secret", protector.Unprotect(sealed1));
        Assert.NotEqual(sealed1, sealed2);
        Assert.DoesNotContain("secret", sealed1, StringComparison.Ordinal);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered));
    }

    [Fact]
    public void The_protector_names_the_missing_setting()
    {
        var protector = new AesGcmSecretProtector(Options.Create(new SubscriptionOptions()));

        var error = Assert.Throws<InvalidOperationException>(() => protector.Protect("x"));

        Assert.Contains("Subscriptions__EncryptionKey", error.Message, StringComparison.Ordinal);
    }
}
