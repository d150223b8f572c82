using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.UnitTests.Publications;

public sealed class ContinuationTokenTests
{
    [Fact]
    public void Index_row_keys_sort_newest_first()
    {
        var older = TablePublicationStore.IndexRowKey(new DateTimeOffset(2021, 2, 25, 0, 0, 0, TimeSpan.Zero), "b");
        var newer = TablePublicationStore.IndexRowKey(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), "a");

        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.Equal(19, newer.IndexOf('_', StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_round_trips_within_its_listing_only()
    {
        var rowKey = TablePublicationStore.IndexRowKey(DateTimeOffset.UnixEpoch, "abc");
        var token = TablePublicationStore.EncodeToken("protection-of-civilians", rowKey);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(rowKey, TablePublicationStore.DecodeToken(token, "protection-of-civilians"));
        Assert.Throws<InvalidContinuationTokenException>(() => TablePublicationStore.DecodeToken(token, "all"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("bm90IGEgdG9rZW4")]
    [InlineData("MXxhbGx8eCcgb3IgMSBlcSAx")]
    public void A_tampered_token_is_refused(string token)
    {
        Assert.Throws<InvalidContinuationTokenException>(() => TablePublicationStore.DecodeToken(token, "all"));
    }
}
