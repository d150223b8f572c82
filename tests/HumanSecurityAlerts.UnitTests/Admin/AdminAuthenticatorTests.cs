using System.Text.Json;
using HumanSecurityAlerts.Admin;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Admin;

public sealed class AdminAuthenticatorTests
{
    private const string Key = "unit-tests-admin-key-0123456789abcdef";
    private const string Role = "HumanSecurityAlerts.Admin";

    [Fact]
    public void The_admin_key_is_accepted_as_a_bearer_token_only()
    {
        var authenticator = Authenticator(trust: false, platform: false);

        Assert.True(authenticator.IsAdmin("Bearer " + Key, null));
        Assert.False(authenticator.IsAdmin("Bearer " + Key + "x", null));
        Assert.False(authenticator.IsAdmin(Key, null));
        Assert.False(authenticator.IsAdmin(null, null));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_principal_is_ignored_unless_trusted_and_app_service_authentication_is_enabled(bool trust, bool platform)
    {
        var authenticator = Authenticator(trust, platform);

        Assert.False(authenticator.IsAdmin(null, Principal("roles", "roles", Role)));
    }

    [Fact]
    public void Behind_app_service_authentication_the_role_claim_of_our_claim_type_makes_an_admin()
    {
        var authenticator = Authenticator(trust: true, platform: true);

        Assert.True(authenticator.IsAdmin(null, Principal("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "roles", Role)));
        Assert.False(authenticator.IsAdmin(null, Principal("roles", "roles", "Reader")));
        Assert.False(authenticator.IsAdmin(null, "not base64!"));
    }

    [Fact]
    public void The_header_cannot_choose_the_role_claim_type()
    {
        var authenticator = Authenticator(trust: true, platform: true);

        Assert.False(authenticator.IsAdmin(null, Principal("groups", "groups", Role)));
        Assert.False(authenticator.IsAdmin(null, Principal("name", "name", Role)));
    }

    [Fact]
    public void The_role_claim_type_is_configurable()
    {
        var authenticator = Authenticator(trust: true, platform: true, roleClaimType: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role");

        Assert.True(authenticator.IsAdmin(null, Principal("roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", Role)));
        Assert.False(authenticator.IsAdmin(null, Principal("roles", "roles", Role)));
    }

    private static AdminAuthenticator Authenticator(bool trust, bool platform, string roleClaimType = "roles") =>
        new(Options.Create(new AdminOptions
        {
            ApiKey = Key,
            TrustAppServiceAuthentication = trust,
            RoleClaimType = roleClaimType,
            AppServiceAuthenticationEnabled = platform,
        }));

    private static string Principal(string roleType, string claimType, string value) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
        {
            auth_typ = "aad",
            role_typ = roleType,
            claims = new[] { new { typ = claimType, val = value } },
        }));
}
