using System.Net;

namespace HumanSecurityAlerts.EndToEndTests.AdminConsole;

/// <summary>The console's door over real HTTP through the local host: sessions, anti-forgery tokens, and what is refused.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ConsoleAccessTests(LocalHostFixture host)
{
    [Fact]
    public async Task Without_a_session_a_page_sends_to_sign_in_and_a_post_is_refused_and_changes_nothing()
    {
        using var anonymous = new ConsoleClient(host.BaseAddress);
        var url = $"https://example.org/refused/{Guid.NewGuid():N}";

        using (var page = await anonymous.GetAsync("api/console/publications?lang=fr"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
            Assert.Equal("/api/console/sign-in?lang=fr", page.Headers.Location!.OriginalString);
        }

        using (var post = await anonymous.PostAsync("api/console/releases", ("action", "publish"), ("title", "Civilian harm"), ("url", url), ("text", "civilian casualties")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        }

        // A forged cookie is no session either.
        anonymous.Cookie = "hsa-console=v1.9999999999.forged.forged";
        using (var forged = await anonymous.PostAsync("api/console/releases", ("action", "publish"), ("title", "Civilian harm"), ("url", url), ("text", "civilian casualties")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using var list = await host.Http.GetAsync("api/publications?top=100");
        Assert.DoesNotContain(url, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_and_a_post_without_its_anti_forgery_token_is_refused()
    {
        using var console = new ConsoleClient(host.BaseAddress);
        using (var signedIn = await console.SignInAsync(host.AdminKey))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
            var cookie = ConsoleClient.SessionCookie(signedIn)!.ToLowerInvariant();
            Assert.Contains("httponly", cookie, StringComparison.Ordinal);
            Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
            Assert.Contains("path=/api/console", cookie, StringComparison.Ordinal);
            Assert.Contains("max-age=28800", cookie, StringComparison.Ordinal);
            Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal); // plain http here; https adds it
        }

        string token;
        using (var page = await console.GetAsync("api/console/releases/new"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            token = ConsoleClient.Token(await page.Content.ReadAsStringAsync());
        }

        var url = $"https://example.org/csrf/{Guid.NewGuid():N}";
        (string, string)[] release = [("action", "publish"), ("title", "Civilian harm"), ("url", url), ("text", "civilian casualties")];
        using (var without = await console.PostAsync("api/console/releases", release))
        {
            Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        }

        using (var wrong = await console.PostAsync("api/console/releases", [("__csrf", token[..^2] + "xx"), .. release]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        // Another session's token does not do either.
        using var other = new ConsoleClient(host.BaseAddress);
        using (await other.SignInAsync(host.AdminKey))
        {
        }

        using (var page = await other.GetAsync("api/console/releases/new"))
        {
            using var crossed = await console.PostAsync("api/console/releases", [("__csrf", ConsoleClient.Token(await page.Content.ReadAsStringAsync())), .. release]);
            Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        }

        using (var list = await host.Http.GetAsync("api/publications?top=100"))
        {
            Assert.DoesNotContain(url, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var accepted = await console.PostAsync("api/console/releases", [("__csrf", token), .. release]);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.StartsWith("/api/console/publications/", accepted.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_or_a_sign_in_form_without_its_token_signs_nobody_in()
    {
        using var console = new ConsoleClient(host.BaseAddress);
        using (var wrong = await console.SignInAsync(host.AdminKey + "x"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Null(ConsoleClient.SessionCookie(wrong));
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("class=\"error-summary\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"#key\"", html, StringComparison.Ordinal);
        }

        using var tokenless = await console.PostAsync("api/console/sign-in", ("key", host.AdminKey));
        Assert.Equal(HttpStatusCode.Forbidden, tokenless.StatusCode);
        Assert.Null(ConsoleClient.SessionCookie(tokenless));
    }

    [Fact]
    public async Task Signing_out_forgets_the_cookie()
    {
        using var console = new ConsoleClient(host.BaseAddress);
        using (await console.SignInAsync(host.AdminKey))
        {
        }

        using var page = await console.GetAsync("api/console/publications");
        using var signedOut = await console.PostAsync("api/console/sign-out", ("__csrf", ConsoleClient.Token(await page.Content.ReadAsStringAsync())));

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        var cookie = ConsoleClient.SessionCookie(signedOut)!;
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_with_Retry_After()
    {
        var (app, http) = await host.StartAnotherAsync(new Dictionary<string, string?> { ["RateLimits:SignInPermits"] = "3", ["RateLimits:SignInWindow"] = "00:10:00" });
        await using (app)
        using (http)
        {
            using var console = new ConsoleClient(http.BaseAddress!);
            for (var i = 0; i < 3; i++)
            {
                using var wrong = await console.SignInAsync("not-the-key-" + i);
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }

            // Even the right key now waits: guessing stays slow.
            using var limited = await console.SignInAsync(host.AdminKey);
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
            Assert.Null(ConsoleClient.SessionCookie(limited));
        }
    }
}
