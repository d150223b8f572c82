using System.Net.Http.Headers;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests;

internal static class SeedRelease
{
    /// <summary>Posts seeds/nato-human-security-2021-02-25.release.json as an admin, as seeds/post-seed-release.sh does.</summary>
    public static async Task<HttpResponseMessage> PostAsync(LocalHostFixture host, Func<string, string>? edit = null)
    {
        var json = await File.ReadAllTextAsync(RepositoryPaths.Combine("seeds", "nato-human-security-2021-02-25.release.json"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/publications")
        {
            Content = new StringContent(edit?.Invoke(json) ?? json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.AdminKey);
        return await host.Http.SendAsync(request);
    }
}
