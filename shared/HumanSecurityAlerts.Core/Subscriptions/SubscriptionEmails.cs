using System.Text;
using System.Text.Encodings.Web;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>The confirmation and "already subscribed" emails, in the subscriber's language.</summary>
public sealed class SubscriptionEmails(SubscriptionLinks links)
{
    public EmailMessage Confirmation(Subscriber subscriber, string confirmToken, string manageToken)
    {
        var t = SubscriptionTexts.For(subscriber.Language);
        return Build(subscriber, manageToken, t.ConfirmSubject, t.ConfirmIntro, t.ConfirmAction, links.Confirm(confirmToken), t.ConfirmExpiry, t);
    }

    public EmailMessage AlreadySubscribed(Subscriber subscriber, string manageToken)
    {
        var t = SubscriptionTexts.For(subscriber.Language);
        return Build(subscriber, manageToken, t.AlreadySubject, t.AlreadyIntro, t.ManageAction, links.Manage(manageToken), null, t);
    }

    private EmailMessage Build(Subscriber subscriber, string manageToken, string subject, string intro, string action, Uri link, string? footer, SubscriptionTexts t)
    {
        var pillars = subscriber.Pillars.Select(id => PillarCatalog.NameOf(id, t.Lang)).ToList();
        var text = new StringBuilder().AppendLine(intro).AppendLine();
        foreach (var name in pillars)
        {
            text.Append("- ").AppendLine(name);
        }

        text.AppendLine().Append(action).AppendLine(":").AppendLine(link.AbsoluteUri);
        if (footer is not null)
        {
            text.AppendLine().AppendLine(footer);
        }

        var e = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{t.Lang}\"><head><meta charset=\"utf-8\"><title>{e.Encode(subject)}</title></head><body style=\"font-family:sans-serif\">");
        html.Append("<p>").Append(e.Encode(intro)).Append("</p><ul>");
        foreach (var name in pillars)
        {
            html.Append("<li>").Append(e.Encode(name)).Append("</li>");
        }

        html.Append("</ul><p><a href=\"").Append(e.Encode(link.AbsoluteUri)).Append("\">").Append(e.Encode(action)).Append("</a></p>");
        if (footer is not null)
        {
            html.Append("<p>").Append(e.Encode(footer)).Append("</p>");
        }

        html.Append("</body></html>");
        return new EmailMessage(subscriber.Email!, subject, text.ToString(), html.ToString(), links.UnsubscribeHeaders(manageToken)) { Language = t.Lang.Code };
    }
}
