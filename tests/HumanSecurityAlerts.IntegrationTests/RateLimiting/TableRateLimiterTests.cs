using Azure.Data.Tables;
using HumanSecurityAlerts.RateLimiting;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HumanSecurityAlerts.IntegrationTests.RateLimiting;

public sealed class TableRateLimiterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Of_sixty_concurrent_callers_exactly_the_permitted_number_is_allowed()
    {
        var limiter = NewLimiter();
        var rule = new RateLimitRule("burst", 7, TimeSpan.FromMinutes(1));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => limiter.AcquireAsync(rule, "client", CancellationToken.None))));

        Assert.Equal(7, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.InRange(d.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Two_limiters_on_one_table_share_the_count_as_two_instances_would()
    {
        var (first, second) = (NewLimiter(out var prefix), NewLimiter(prefix));
        var rule = new RateLimitRule("shared", 3, TimeSpan.FromMinutes(1));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).AcquireAsync(rule, "k", CancellationToken.None)));

        Assert.Equal(3, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task A_window_ends_a_reset_gives_it_back_and_ended_windows_are_purged()
    {
        var limiter = NewLimiter();
        var rule = new RateLimitRule("address", 1, TimeSpan.FromMinutes(10));

        Assert.True((await limiter.AcquireAsync(rule, "a", CancellationToken.None)).Allowed);
        var refused = await limiter.AcquireAsync(rule, "a", CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.RetryAfter);
        Assert.True((await limiter.AcquireAsync(rule, "b", CancellationToken.None)).Allowed);

        await limiter.ResetAsync(rule, "b", CancellationToken.None);
        Assert.True((await limiter.AcquireAsync(rule, "b", CancellationToken.None)).Allowed);

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await limiter.AcquireAsync(rule, "a", CancellationToken.None)).Allowed);

        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(2, await limiter.PurgeAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.True((await limiter.AcquireAsync(rule, "a", CancellationToken.None)).Allowed);
    }

    private TableRateLimiter NewLimiter() => NewLimiter(out _);

    private TableRateLimiter NewLimiter(out string prefix)
    {
        prefix = AzuriteFixture.NewTablePrefix();
        return NewLimiter(prefix);
    }

    private TableRateLimiter NewLimiter(string prefix)
    {
        var tables = new TableProvider(new TableServiceClient(azurite.ConnectionString), Options.Create(new TableStorageOptions { TablePrefix = prefix }));
        return new TableRateLimiter(tables, time);
    }
}
