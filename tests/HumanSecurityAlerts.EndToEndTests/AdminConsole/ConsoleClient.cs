using System.Net;
using System.Text.RegularExpressions;

namespace HumanSecurityAlerts.EndToEndTests.AdminConsole;

/// <summary>The console over plain HTTP, as a browser without script would use it: the session cookie kept by hand, redirects not followed.</summary>
internal sealed partial class ConsoleClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public string? Cookie { get; set; }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        return await SendAsync(request);
    }

    /// <summary>Signs in with <paramref name="key"/> through the sign-in page; returns the answer to the form.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key)
    {
        using var page = await GetAsync("api/console/sign-in");
        var answer = await PostAsync("api/console/sign-in", ("__csrf", Token(await page.Content.ReadAsStringAsync())), ("key", key));
        if (answer.StatusCode == HttpStatusCode.SeeOther)
        {
            Cookie = SessionCookie(answer)!.Split(';')[0];
        }

        return answer;
    }

    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith("hsa-console=", StringComparison.Ordinal)) : null;

    /// <summary>The anti-forgery token of the page's first form.</summary>
    public static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    public void Dispose() => http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookie is not null)
        {
            request.Headers.Add("Cookie", Cookie);
        }

        return http.SendAsync(request);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}
