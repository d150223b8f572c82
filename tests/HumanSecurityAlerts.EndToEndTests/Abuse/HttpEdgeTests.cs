using System.Net;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalHost;
using HumanSecurityAlerts.LocalHost.Environment;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>What every response carries, and what unknown routes, wrong methods and failures answer, over real HTTP.</summary>
public sealed class HttpEdgeTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData("api/pillars")]
    [InlineData("api/publications")]
    [InlineData("api/pillars/protection-of-civilians/feed")]
    [InlineData("api/subscribe")]
    [InlineData("api/no/such/thing")]
    [InlineData("api/manage/dead-letters")]
    public async Task Every_response_says_nosniff(string path)
    {
        using var response = await host.Http.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem_details()
    {
        using var response = await host.Http.GetAsync("api/no/such/thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_answers_405_problem_details_with_allow()
    {
        using var response = await host.Http.DeleteAsync("api/subscriptions");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("X-Admin-Key")]
    [InlineData("X-MS-CLIENT-PRINCIPAL")]
    public async Task Every_admin_route_refuses_an_undocumented_key_header_and_a_client_made_principal(string header)
    {
        // A principal as App Service Authentication would forward it, with the admin role under a claim type of its choosing.
        var principal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","role_typ":"x","claims":[{"typ":"x","val":"HumanSecurityAlerts.Admin"},{"typ":"roles","val":"HumanSecurityAlerts.Admin"}]}"""));
        foreach (var (method, path) in new[] { ("POST", "api/manage/publications"), ("POST", "api/manage/classify"), ("GET", "api/manage/deliveries?publicationId=x"), ("GET", "api/manage/dead-letters"), ("POST", "api/manage/dead-letters/replay"), ("POST", "api/manage/publications/x/resend") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.TryAddWithoutValidation(header, header == "X-Admin-Key" ? host.AdminKey : principal);
            using var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_function_that_fails_answers_500_problem_details_without_internals()
    {
        // Table Storage that refuses connections: the publications query throws once the SDK's retries are spent.
        var settings = LocalSettings.For(RepositoryPaths.Root, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1", host.ServiceBus.ConnectionString, "127.0.0.1", 1, "http://127.0.0.1");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var app = LocalFunctionsApp.Build([], RepositoryPaths.Root, settings, url, runTimers: false);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        using var response = await http.GetAsync("api/publications");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
