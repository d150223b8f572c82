using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Digests;
using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.UnitTests.Delivery;

public sealed class DeliveryLogicTests
{
    private static readonly IReadOnlyList<TimeSpan> Spec = new DeliveryOptions().RetryDelays;

    [Fact]
    public void The_default_schedule_is_the_specified_one()
    {
        Assert.Equal(
            new[] { TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10) },
            Spec);
    }

    [Theory]
    [InlineData(1, null, 5)]
    [InlineData(2, null, 300)]
    [InlineData(1, 60, 60)]
    [InlineData(2, 60, 300)]
    [InlineData(7, null, 36000)]
    [InlineData(1, 999999, 43200)]
    public void Retry_delays_follow_the_schedule_and_honour_a_longer_Retry_After(int attempt, int? retryAfterSeconds, int expectedSeconds)
    {
        var delay = DeliveryService.RetryDelay(Spec, attempt, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, TimeSpan.FromHours(12));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void After_the_last_delay_there_is_no_retry()
    {
        Assert.Null(DeliveryService.RetryDelay(Spec, 8, null, TimeSpan.FromHours(12)));
    }

    [Theory]
    [InlineData("00:00:01, 00:00:02", true, 2)]
    [InlineData("", true, 0)]
    [InlineData("soon", false, 0)]
    [InlineData("-00:00:01", false, 0)]
    [InlineData("8.00:00:00", false, 0)]
    public void Retry_schedules_are_parsed_strictly(string value, bool valid, int count)
    {
        Assert.Equal(valid, DeliveryOptions.TryParseSchedule(value, out var delays));
        if (valid)
        {
            Assert.Equal(count, delays.Count);
        }
    }

    [Fact]
    public void Delivery_ids_are_deterministic_fixed_length_and_distinct_per_pair()
    {
        var id = DeliveryId.Create("pub-1", "eabc");

        Assert.Equal(id, DeliveryId.Create("pub-1", "eabc"));
        Assert.NotEqual(id, DeliveryId.Create("pub-1", "eabd"));
        Assert.True(DeliveryId.IsWellFormed(id));
        Assert.Equal(33, id.Length);
        Assert.False(DeliveryId.IsWellFormed("d" + new string('G', 32)));
    }

    [Fact]
    public void Derived_message_ids_differ_per_run_and_attempt_and_stay_short()
    {
        var id = DeliveryId.Create(new string('p', 64), "e" + new string('a', 64));

        Assert.Equal(id, DeliveryMessage.MessageIdFor(id, "g0", 1));
        Assert.Equal(id + ":g1", DeliveryMessage.MessageIdFor(id, "g1", 1));
        Assert.Equal(id + ":g0:2", DeliveryMessage.MessageIdFor(id, "g0", 2));
        Assert.True(DeliveryMessage.MessageIdFor(id, "r" + long.MaxValue, 50).Length <= 128);
    }

    [Fact]
    public void Digest_periods_are_utc_days_and_iso_weeks()
    {
        var at = new DateTimeOffset(2021, 1, 3, 23, 30, 0, TimeSpan.FromHours(-2)); // 2021-01-04 01:30 UTC, a Monday

        Assert.Equal("daily-2021-01-04", DigestService.Period(SubscriptionFrequency.Daily, at));
        Assert.Equal("weekly-2021-W01", DigestService.Period(SubscriptionFrequency.Weekly, at));
        Assert.Equal("weekly-2020-W53", DigestService.Period(SubscriptionFrequency.Weekly, new DateTimeOffset(2021, 1, 3, 12, 0, 0, TimeSpan.Zero)));
    }
}
