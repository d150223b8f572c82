using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HumanSecurityAlerts.UnitTests.AdminConsole;

public sealed class ConsoleSessionsTests
{
    private const string Key = "unit-test-admin-key-0123456789abcdef";
    private const string EncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_session_cookie_reads_back_until_it_expires_after_8_hours()
    {
        var sessions = Sessions();
        var (cookie, session) = sessions.Start();

        Assert.Equal(session, sessions.Read(cookie));
        time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.NotNull(sessions.Read(cookie));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(sessions.Read(cookie));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1.9999999999.abc.def")]
    [InlineData("v1")]
    public void A_missing_or_made_up_cookie_is_no_session(string? cookie) => Assert.Null(Sessions().Read(cookie));

    [Fact]
    public void A_cookie_whose_expiry_was_pushed_back_or_signed_with_another_key_is_refused()
    {
        var (cookie, _) = Sessions().Start();
        var parts = cookie.Split('.');
        parts[1] = (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Null(Sessions().Read(string.Join('.', parts)));
        Assert.Null(Sessions(apiKey: Key + "-rotated").Read(cookie));
    }

    [Fact]
    public void The_anti_forgery_token_belongs_to_its_session()
    {
        var sessions = Sessions();
        var (_, one) = sessions.Start();
        var (_, other) = sessions.Start();

        Assert.True(sessions.IsValidAntiForgeryToken(one, sessions.AntiForgeryToken(one)));
        Assert.False(sessions.IsValidAntiForgeryToken(other, sessions.AntiForgeryToken(one)));
        Assert.False(sessions.IsValidAntiForgeryToken(one, null));
        Assert.False(sessions.IsValidAntiForgeryToken(one, ""));
    }

    [Fact]
    public void The_sign_in_form_token_is_signed_and_lasts_an_hour()
    {
        var sessions = Sessions();
        var token = sessions.SignInFormToken();

        Assert.True(sessions.IsValidSignInFormToken(token));
        Assert.False(sessions.IsValidSignInFormToken(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.False(sessions.IsValidSignInFormToken(sessions.AntiForgeryToken(sessions.Start().Session)));
        time.Advance(TimeSpan.FromHours(1));
        Assert.False(sessions.IsValidSignInFormToken(token));
    }

    [Fact]
    public void An_App_Service_identity_has_a_session_without_expiry_and_a_token_of_its_own()
    {
        var sessions = Sessions();
        var a = ConsoleSessions.ForPrincipal("eyJjbGFpbXMiOltdfQ==");
        var b = ConsoleSessions.ForPrincipal("eyJjbGFpbXMiOlt7fV19");

        Assert.Null(a.ExpiresAt);
        Assert.NotEqual(sessions.AntiForgeryToken(a), sessions.AntiForgeryToken(b));
    }

    private ConsoleSessions Sessions(string apiKey = Key) =>
        new(Options.Create(new AdminOptions { ApiKey = apiKey }), Options.Create(new SubscriptionOptions { EncryptionKey = EncryptionKey }), time);
}
