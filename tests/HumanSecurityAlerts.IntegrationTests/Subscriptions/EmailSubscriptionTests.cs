using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

public sealed class EmailSubscriptionTests(AzuriteFixture azurite, SmtpCaptureFixture smtp) : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Subscribe_sends_a_confirmation_whose_link_activates_the_subscriber_in_the_pillar_index()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient();

        var response = await app.SubscribeAsync(new { channel = "email", email = address, pillars = new[] { PillarCatalog.ProtectionOfCivilians, PillarCatalog.WomenPeaceAndSecurity }, language = "fr", frequency = "daily" });

        Assert.Equal(202, response.StatusCode);
        var mail = Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        Assert.Contains("Confirmez", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Protection des civils", mail.Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", mail.Html, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ProtectionOfCivilians, SubscriptionFrequency.Daily));

        // Opening the link (as a mail filter would) confirms nothing: it shows one button.
        var question = await app.GetAsync(SubscriptionApp.ConfirmLink(mail));
        Assert.Equal(200, question.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"http://localhost:7071/api/subscriptions/confirm?lang=fr\">", question.Body, StringComparison.Ordinal);
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ProtectionOfCivilians, SubscriptionFrequency.Daily));

        var confirmed = await app.ConfirmAsync(SubscriptionApp.ConfirmLink(mail));

        Assert.Equal(200, confirmed.StatusCode);
        Assert.StartsWith("text/html", confirmed.ContentType, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", confirmed.Body, StringComparison.Ordinal);
        Assert.Contains("Abonnement confirmé", confirmed.Body, StringComparison.Ordinal);
        Assert.Equal("no-referrer", confirmed.Headers["Referrer-Policy"]);
        foreach (var pillar in new[] { PillarCatalog.ProtectionOfCivilians, PillarCatalog.WomenPeaceAndSecurity })
        {
            var entry = Assert.Single(await app.ActiveAsync(pillar, SubscriptionFrequency.Daily));
            Assert.Equal(address, entry.Address);
            Assert.Equal("fr", entry.Language.Code);
            Assert.Equal(SubscriptionChannel.Email, entry.Channel);
        }

        Assert.Empty(await app.ActiveAsync(PillarCatalog.ProtectionOfCivilians));
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ChildrenAndArmedConflict, SubscriptionFrequency.Daily));

        // A used link says so, with the manage link, and changes nothing.
        var again = await app.GetAsync(SubscriptionApp.ConfirmLink(mail));
        Assert.Equal(200, again.StatusCode);
        Assert.Contains("Déjà confirmé", again.Body, StringComparison.Ordinal);
        Assert.Contains(SubscriptionApp.ManageLink(SubscriptionApp.UnsubscribeLink(mail)).AbsoluteUri, again.Body, StringComparison.Ordinal);
        var pressedAgain = await app.ConfirmAsync(SubscriptionApp.ConfirmLink(mail));
        Assert.Equal(200, pressedAgain.StatusCode);
        Assert.Contains("Déjà confirmé", pressedAgain.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_or_wrong_token_changes_nothing_and_says_so()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient();
        await app.SubscribeAsync(new { channel = "email", email = address, pillars = new[] { PillarCatalog.CulturalPropertyProtection }, language = "en" });
        var mail = Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        var link = SubscriptionApp.ConfirmLink(mail);

        var wrong = await app.GetAsync(new Uri(SubscriptionApp.BaseUrl + "api/subscriptions/confirm?token=" + Tokens.New()));
        var malformed = await app.GetAsync(new Uri(SubscriptionApp.BaseUrl + "api/subscriptions/confirm?token=%3Cscript%3E&lang=fr"));
        app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var expired = await app.GetAsync(link);

        Assert.Equal(404, wrong.StatusCode);
        Assert.Contains("not valid", wrong.Body, StringComparison.Ordinal);
        Assert.Equal(404, malformed.StatusCode);
        Assert.Contains("<html lang=\"fr\">", malformed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", malformed.Body, StringComparison.Ordinal);
        Assert.Equal(410, expired.StatusCode);
        Assert.Contains("expired", expired.Body, StringComparison.Ordinal);
        Assert.Empty(await app.ActiveAsync(PillarCatalog.CulturalPropertyProtection));

        var manage = await app.GetAsync(SubscriptionApp.ManageLink(SubscriptionApp.UnsubscribeLink(mail)), new Dictionary<string, string> { ["Accept"] = "application/json" });
        Assert.Equal("pending", manage.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_subscribe_of_the_same_address_gets_the_same_answer_and_no_second_record()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient();
        var request = new { channel = "email", email = address, pillars = new[] { PillarCatalog.TraffickingInHumanBeings } };

        var first = await app.SubscribeAsync(request);
        var confirm = Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        await app.ConfirmAsync(SubscriptionApp.ConfirmLink(confirm));

        var throttled = await app.SubscribeAsync(new { channel = "email", email = "  " + address.ToUpperInvariant(), pillars = new[] { PillarCatalog.ProtectionOfCivilians } });
        app.Time.Advance(TimeSpan.FromMinutes(11));
        var later = await app.SubscribeAsync(request);

        Assert.Equal(first.StatusCode, throttled.StatusCode);
        Assert.Equal(first.Body, throttled.Body);
        Assert.Equal(first.Body, later.Body);
        var mails = await smtp.Server.WaitForAsync(address, 2, Wait);
        Assert.Equal(2, mails.Count); // the throttled request sent nothing; the later one a reminder, not a new confirmation
        Assert.Contains("already subscribed", mails[1].Subject, StringComparison.Ordinal);
        Assert.Single(await app.ActiveAsync(PillarCatalog.TraffickingInHumanBeings));
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ProtectionOfCivilians)); // an anonymous request cannot change preferences
    }

    [Fact]
    public async Task One_click_unsubscribe_with_a_bare_post_removes_the_subscriber_from_the_index_at_once()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient();
        await app.SubscribeAsync(new { channel = "email", email = address, pillars = new[] { PillarCatalog.ChildrenAndArmedConflict, PillarCatalog.ConflictRelatedSexualViolence } });
        var mail = Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        await app.ConfirmAsync(SubscriptionApp.ConfirmLink(mail));
        Assert.Single(await app.ActiveAsync(PillarCatalog.ChildrenAndArmedConflict));
        var unsubscribe = SubscriptionApp.UnsubscribeLink(mail);

        var page = await app.GetAsync(unsubscribe);
        Assert.Equal(200, page.StatusCode);
        Assert.Single(await app.ActiveAsync(PillarCatalog.ChildrenAndArmedConflict)); // GET changes nothing

        var response = await app.PostAsync(unsubscribe, "List-Unsubscribe=One-Click");

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("unsubscribed", response.Body, StringComparison.Ordinal);
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ChildrenAndArmedConflict));
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ConflictRelatedSexualViolence));
        var again = await app.PostAsync(unsubscribe, "List-Unsubscribe=One-Click");
        Assert.Equal(200, again.StatusCode);
        var wrong = await app.PostAsync(new Uri(SubscriptionApp.BaseUrl + "api/subscriptions/unsubscribe/" + Tokens.New()), "List-Unsubscribe=One-Click");
        Assert.Equal(404, wrong.StatusCode);
    }

    [Fact]
    public async Task The_manage_page_shows_and_changes_preferences_and_moves_the_index_rows()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient();
        await app.SubscribeAsync(new { channel = "email", email = address, pillars = new[] { PillarCatalog.ProtectionOfCivilians }, language = "en" });
        var mail = Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        await app.ConfirmAsync(SubscriptionApp.ConfirmLink(mail));
        var manage = SubscriptionApp.ManageLink(SubscriptionApp.UnsubscribeLink(mail));

        var page = await app.GetAsync(manage);
        Assert.Equal(200, page.StatusCode);
        Assert.Contains("<html lang=\"en\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<label for=\"pillar-protection-of-civilians\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("active", page.Body, StringComparison.Ordinal);

        var saved = await app.PostAsync(manage, "pillars=children-and-armed-conflict&pillars=cultural-property-protection&language=fr&frequency=weekly");

        Assert.Equal(200, saved.StatusCode);
        Assert.Contains("<html lang=\"fr\">", saved.Body, StringComparison.Ordinal);
        Assert.Empty(await app.ActiveAsync(PillarCatalog.ProtectionOfCivilians));
        Assert.Single(await app.ActiveAsync(PillarCatalog.ChildrenAndArmedConflict, SubscriptionFrequency.Weekly));
        Assert.Equal("fr", Assert.Single(await app.ActiveAsync(PillarCatalog.CulturalPropertyProtection, SubscriptionFrequency.Weekly)).Language.Code);

        var invalid = await app.PostAsync(manage, "language=en&frequency=daily");
        Assert.Equal(400, invalid.StatusCode);
        Assert.Single(await app.ActiveAsync(PillarCatalog.ChildrenAndArmedConflict, SubscriptionFrequency.Weekly));

        var json = await app.PostAsync(manage, "{\"frequency\":\"hourly\"}", "application/json");
        Assert.Equal(400, json.StatusCode);
        Assert.True(json.Json.GetProperty("errors").TryGetProperty("frequency", out _));
    }
}
