using System.Text.RegularExpressions;
using HumanSecurityAlerts.Testing.Email;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>What a reader does with a confirmation email: open its link (a page with one button) and press the button.</summary>
internal static partial class EmailConfirmation
{
    public static Uri Link(CapturedEmail confirmation) =>
        new(ConfirmLink().Match(confirmation.Text) is { Success: true } m ? m.Value : throw new InvalidOperationException("No confirmation link in: " + confirmation.Text));

    /// <summary>The answer to the button's POST (the page itself when it has no button, e.g. 404).</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient http, CapturedEmail confirmation)
    {
        using var page = await http.GetAsync(Link(confirmation));
        var html = await page.Content.ReadAsStringAsync();
        if (HiddenToken().Match(html) is not { Success: true } hidden)
        {
            throw new InvalidOperationException($"The confirmation page ({(int)page.StatusCode}) has no button: {html}");
        }

        return await http.PostAsync("api/subscriptions/confirm", new FormUrlEncodedContent([new("token", hidden.Groups[1].Value)]));
    }

    [GeneratedRegex(@"https?://\S+/api/subscriptions/confirm\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"<input type=""hidden"" name=""token"" value=""([A-Za-z0-9_\-]+)"">")]
    private static partial Regex HiddenToken();
}
