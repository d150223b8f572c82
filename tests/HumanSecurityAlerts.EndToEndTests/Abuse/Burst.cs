using System.Net.Http.Json;

namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>Concurrent requests, released together, each from the client <c>X-Forwarded-For</c> names.</summary>
internal static class Burst
{
    public static string NewClient() => $"198.51.100.{Random.Shared.Next(1, 255)}, 203.0.113.{Random.Shared.Next(1, 255)}";

    public static async Task<HttpResponseMessage[]> PostJsonAsync(HttpClient http, string path, IReadOnlyList<(object Body, string Client)> requests)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = requests.Select(async r =>
        {
            await start.WaitAsync();
            using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(r.Body) };
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", r.Client);
            return await http.SendAsync(message);
        }).ToArray();
        start.Release(requests.Count);
        return await Task.WhenAll(tasks);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string client, HttpContent? content = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        message.Headers.TryAddWithoutValidation("X-Forwarded-For", client);
        return await http.SendAsync(message);
    }
}
