using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.UnitTests.Subscriptions;

public sealed class SubscribePageTests
{
    [Fact]
    public void French_form_labels_every_control_and_lists_the_six_pillars_in_French()
    {
        var html = SubscribePage.Form(Language.Fr);

        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">Adresse électronique</label>", html, StringComparison.Ordinal);
        Assert.Contains("Lutte contre la traite des êtres humains", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("name=\"pillars\"").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Invalid_fields_are_marked_and_explained_in_the_page_language_and_values_are_kept_encoded()
    {
        var errors = new FieldErrors();
        errors.Add("email", "A valid email address is required.");
        errors.Add("pillars", "Choose at least one pillar.");
        var values = new SubscriptionRequest { Channel = "email", Email = "<b>not-an-address", Language = "fr", Frequency = "daily" };

        var html = SubscribePage.Form(Language.Fr, values, errors);

        // The error summary links to each field to fix.
        Assert.Contains("<h2 id=\"error-summary-title\">Veuillez corriger", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#email\">Saisissez une adresse électronique valide.</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#pillar-protection-of-civilians\">Choisissez au moins un pilier.</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"email-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"email-error\">Saisissez une adresse électronique valide.</p>", html, StringComparison.Ordinal);
        Assert.Contains("Choisissez au moins un pilier.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("A valid email address is required.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;b&gt;not-an-address\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"frequency-daily\" value=\"daily\" checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public void English_form_links_to_the_French_one()
    {
        var html = SubscribePage.Form(Language.En);

        Assert.Contains("<a href=\"?lang=fr\" lang=\"fr\">Français</a>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Subscribe to human security alerts</h1>", html, StringComparison.Ordinal);
    }
}
